"""CP304: a placeholder or sample value already percent-encoded where the platform encodes again."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.lazy_pattern import LazyPattern
from curlport.rules.base import KNOWN_PLACEHOLDERS, Autofix, Config, Fix, Problem, Rule, mentions, replace_span
from curlport.rules.cp804_placeholder_only_encoded import ENCODED_PLACEHOLDER

_ENCODED_PLUS_OR_SPACE = LazyPattern(r"%2[Bb]|(?<=[=&])\+")
_SPACE = LazyPattern(r" +")


def check(config: Config) -> Iterator[Problem]:
    endpoint = str(config.get("endpoint", ""))
    for match in ENCODED_PLACEHOLDER.finditer(endpoint) if "%" in endpoint else ():
        meant = next(p for p in KNOWN_PLACEHOLDERS if p[2:].lower() == match.group(1).lower())
        if not mentions(config, meant):
            continue  # nothing is substituted at all: CP804's error says so
        yield Problem("/endpoint", f"{match.group(0)} is a percent-encoded placeholder: the platform looks for the "
                      f"literal {meant}; write it unencoded", match.start(), match.end(),
                      Fix(f"write {meant}", True, replace_span("/endpoint", match.start(), match.end(), meant)))
    if config.get("method") == "GET":
        for match in _ENCODED_PLUS_OR_SPACE.finditer(endpoint) if "%2" in endpoint or "+" in endpoint else ():
            yield Problem("/endpoint", f"'{match.group(0)}' in the query is already encoded; the platform encodes "
                          "substituted values itself: check the provider receives what you mean",
                          match.start(), match.end())
        for match in _SPACE.finditer(endpoint) if " " in endpoint else ():
            yield Problem("/endpoint", "a space in the endpoint is not valid in a URL: the request may be cut there; "
                          "write it %20 (or use $$Body for the message)", match.start(), match.end())


RULE: Rule = Rule(
    "CP304", "double-encoding", Severity.WARNING,
    "A placeholder or sample value already percent-encoded where the platform encodes again, or a raw space.",
    "%24%24To is never substituted, and %2B or + for space may be encoded twice.",
    "Write $$To and $$Body unencoded; leave encoding to the platform (curlport render assumes it percent-encodes "
    "values in the endpoint: --encoding platform).",
    '{"method": "GET", "endpoint": "https://sms.example.com/send?to=$$To&text=$$Body&from=%2B447700900123"}',
    '{"method": "GET", "endpoint": "https://sms.example.com/send?to=$$To&text=$$Body&from=447700900123"}',
    check,
    autofix=Autofix.SAFE,
    fix_safety="Safe for an encoded placeholder: %24%24To was meant as $$To (the placeholder in the right case). "
               "Encoded sample values are left for you to judge.",
)
