"""CP707: a header twice (its names may differ in case only), of which a provider reads one."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule, headers


def check(config: Config) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, key, _ in headers(config):
        name = key.strip().lower()
        if name in seen:
            yield Problem(f"/headers/{index}/key", f"the header '{key}' again: HTTP names ignore case, and a provider "
                          "reads one of the two values, the first or the last; keep one")
        seen.add(name)


RULE: Rule = Rule(
    "CP707", "header-repeated", Severity.WARNING,
    "A header name twice among the headers (Content-Type and content-type are one name).",
    "A provider reads one of the two values, its own way, and platforms that keep headers in a dictionary send "
    "only one: which Content-Type or API key arrives is chance.",
    "Keep one header of each name.",
    '{"headers": [{"key": "Content-Type", "value": "application/json"}, {"key": "content-type", "value": '
    '"text/plain"}]}',
    '{"headers": [{"key": "Content-Type", "value": "application/json"}]}',
    check,
)
