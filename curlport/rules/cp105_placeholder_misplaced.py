"""CP105: $$To or $$Body where the platform cannot substitute it."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, PLACEHOLDER, RECIPIENT, Config, Problem, Rule, slots

_UNSUBSTITUTABLE = {"header-key": "a header name", "field-key": "a field key", "username": "the username",
                    "password": "the password"}


def _authority_end(endpoint: str) -> int:
    """Where the scheme and host end: at the path, or at the query or fragment of a URL without a path
    (``http://host?to=$$To``)."""
    start = endpoint.find("//") + 2
    return min((at for at in (endpoint.find(mark, start) for mark in "/?#") if at != -1), default=len(endpoint))


def check(config: Config) -> Iterator[Problem]:
    for slot in slots(config):
        if slot.kind != "endpoint" and slot.kind not in _UNSUBSTITUTABLE:
            continue  # a value: any placeholder in it is substituted
        if RECIPIENT not in slot.text and MESSAGE not in slot.text:
            continue  # nothing to report, known without a search (most header names)
        for match in PLACEHOLDER.finditer(slot.text):
            if match.group(0) not in (RECIPIENT, MESSAGE):
                continue
            where = _UNSUBSTITUTABLE.get(slot.kind)
            if slot.kind == "endpoint" and match.start() < _authority_end(slot.text):
                where = "the URL's scheme or host"
            if where:
                yield Problem(slot.pointer, f"{match.group(0)} in {where} cannot be substituted; "
                              "put it in a value, the URL path or its query", match.start(), match.end())


RULE: Rule = Rule(
    "CP105", "placeholder-misplaced", Severity.ERROR,
    "$$To or $$Body where it cannot be substituted: a header name, a field key, the credentials, the host.",
    "The platform substitutes placeholders in values; in a name or a host the request is malformed.",
    "Move the placeholder into a header value, a field value, the URL path or query, or the body.",
    '{"parameters": {"format": "form", "fields": [{"key": "$$To", "value": "1"}]}}',
    '{"parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}]}}',
    check,
)
