"""CP701: a placeholder in the endpoint's fragment (after ``#``), which no HTTP client sends."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import PLACEHOLDER, Config, Problem, Rule


def check(config: Config) -> Iterator[Problem]:
    endpoint = config.get("endpoint")
    if not isinstance(endpoint, str) or "#" not in endpoint:
        return
    hash_at = endpoint.index("#")
    for match in PLACEHOLDER.finditer(endpoint, hash_at):
        yield Problem("/endpoint", f"{match.group()} in the endpoint's fragment (after #): the fragment never leaves "
                      "the platform, so the provider never gets it; put it in the query, before the #",
                      match.start(), match.end())


RULE: Rule = Rule(
    "CP701", "placeholder-in-fragment", Severity.ERROR,
    "A placeholder in the endpoint's fragment, after '#'.",
    "An HTTP client sends the path and the query, never the fragment: the number or the message stays behind, "
    "and the provider gets a request without it.",
    "Move the parameter into the query: a '?' before it, or '&' after the query, and no '#'.",
    '{"method": "GET", "endpoint": "https://sms.example.com/send?to=$$To#text=$$Body"}',
    '{"method": "GET", "endpoint": "https://sms.example.com/send?to=$$To&text=$$Body"}',
    check,
    needs=frozenset(("fragment",)),
)
