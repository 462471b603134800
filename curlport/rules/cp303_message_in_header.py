"""CP303: $$Body in a header value, where a line break in a message injects headers."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, Config, Problem, Rule, headers


def check(config: Config) -> Iterator[Problem]:
    for index, key, value in headers(config):
        if MESSAGE in value:
            start = value.find(MESSAGE)
            yield Problem(f"/headers/{index}/value", f"$$Body in the header \"{key}\": a line break in a message "
                          "would inject headers; send the message in the query or the body", start,
                          start + len(MESSAGE))


RULE: Rule = Rule(
    "CP303", "message-in-header", Severity.ERROR,
    "A header value carries $$Body.",
    "Messages contain line breaks; in a header they end it and start new ones (header injection), or fail.",
    "Send the message in the endpoint's query or in the parameters.",
    '{"headers": [{"key": "X-Text", "value": "$$Body"}]}',
    '{"parameters": {"format": "form", "fields": [{"key": "text", "value": "$$Body"}]}}',
    check,
    needs=frozenset(("headers",)),
)
