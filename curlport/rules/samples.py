"""What the values of a provider's sample command look like: recipient and message keys, phone numbers.

Samples sit in form fields, in the endpoint's query and in JSON bodies; the
rules about leftovers and about India's DLT fields read them all the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from curlport.rules.base import MESSAGE, RECIPIENT, Config

RECIPIENT_KEY = re.compile(r"(?i)^(to|dst|destination|mobiles?|mobile_?no|numbers?|phone|phno|msisdn|recipients?|"
                           r"receiver)$")
MESSAGE_KEY = re.compile(r"(?i)^(body|text|message|msg|content|sms)$")
PHONE = re.compile(r"^\+?\d[\d\s-]{6,}\d$")
# Any placeholder, even miscased or percent-encoded: other rules' business, not a sample.
_PLACEHOLDER_LIKE = re.compile(r"(?i)\$\$|%24%24")
_JSON_MEMBER = re.compile(r'"([A-Za-z_][A-Za-z0-9_]*)"\s*:\s*"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class KeyedValue:
    """A value the provider reads by name, and where it sits in the config value at ``pointer``."""

    pointer: str
    key: str
    value: str
    start: int
    end: int


def keyed_values(config: Config) -> Iterator[KeyedValue]:
    """Form fields, the endpoint's query pairs and a raw body's JSON string members, in document order."""
    endpoint = config.get("endpoint")
    if isinstance(endpoint, str):
        yield from _query_items(endpoint)
    parameters = config.get("parameters")
    if not isinstance(parameters, dict):
        return
    for index, row in enumerate(parameters.get("fields") or []):
        if isinstance(row, dict) and isinstance(row.get("value"), str):
            value = row["value"]
            yield KeyedValue(f"/parameters/fields/{index}/value", str(row.get("key", "")), value, 0, len(value))
    body = parameters.get("body")
    if isinstance(body, str):
        for match in _JSON_MEMBER.finditer(body):
            yield KeyedValue("/parameters/body", match.group(1), match.group(2), match.start(2), match.end(2))


def sample_of(item: KeyedValue) -> str | None:
    """The placeholder this value is a sample of ($$To for a number under a recipient key…), if it is one."""
    if RECIPIENT_KEY.match(item.key) and PHONE.match(item.value):
        return RECIPIENT
    if MESSAGE_KEY.match(item.key) and item.value.strip() and not _PLACEHOLDER_LIKE.search(item.value):
        return MESSAGE
    return None


def _query_items(endpoint: str) -> Iterator[KeyedValue]:
    """The endpoint's query pairs as written (not decoded), so offsets stay true to the text."""
    query_start = endpoint.find("?")
    if query_start == -1:
        return
    fragment = endpoint.find("#", query_start)
    position = query_start + 1
    for pair in endpoint[position : fragment if fragment != -1 else len(endpoint)].split("&"):
        key, separator, value = pair.partition("=")
        if separator:
            value_start = position + len(key) + 1
            yield KeyedValue("/endpoint", key, value, value_start, value_start + len(value))
        position += len(pair) + 1
