"""CP801: a header that takes one value given twice with different values."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule, headers

#: Headers a request carries once (RFC 9110 defines no list syntax for them): two different values contradict each
#: other and the provider reads one of them. Headers that are lists (Accept, Cookie…) may repeat.
SINGLE_VALUED = frozenset({"content-type", "content-length", "authorization", "host", "user-agent", "referer",
                           "x-api-key", "api-key", "apikey"})


def _same(name: str, first: str, second: str) -> bool:
    """Whether two values say the same: a media type's case and the spaces around its parameters do not count."""
    if name == "content-type":
        return "".join(first.lower().split()) == "".join(second.lower().split())
    return first.strip() == second.strip()


def check(config: Config) -> Iterator[Problem]:
    seen: dict[str, tuple[int, str]] = {}
    for index, key, value in headers(config):
        name = key.strip().lower()
        if name not in SINGLE_VALUED:
            continue
        if name in seen and not _same(name, seen[name][1], value):
            yield Problem(f"/headers/{index}/key", f"{key} is set twice with different values (also header "
                          f"{seen[name][0] + 1}): the provider reads one of them; keep the one it needs")
        seen.setdefault(name, (index, value))


RULE: Rule = Rule(
    "CP801", "conflicting-header", Severity.WARNING,
    "A header that takes one value (Content-Type, Authorization, User-Agent…) set twice with different values.",
    "Both rows are sent; which one the provider's server reads is up to it (often the first, sometimes the last, "
    "sometimes the request is refused), so the body may be read as the wrong type or the wrong key used.",
    "Delete the row that is not meant.",
    '{"headers": [{"key": "Content-Type", "value": "application/json"}, '
    '{"key": "Content-Type", "value": "application/x-www-form-urlencoded"}]}',
    '{"headers": [{"key": "Content-Type", "value": "application/json"}]}',
    check,
    needs=frozenset(("headers",)),
)
