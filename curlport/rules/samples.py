"""The values a provider reads by name (form fields, query pairs, JSON string members), for India's DLT rule.

Where the recipient and the message are is detection's business (``curlport.config.detect``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from curlport.config.shape import rows
from curlport.rules.base import Config

RECIPIENT_KEY = re.compile(r"(?i)^(to|dst|destination|mobiles?|mobile_?no|numbers?|phone|phno|msisdn|recipients?|"
                           r"receiver)$")
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
    for index, row in rows(parameters.get("fields")):
        if isinstance(row.get("value"), str):
            value = row["value"]
            yield KeyedValue(f"/parameters/fields/{index}/value", str(row.get("key", "")), value, 0, len(value))
    body = parameters.get("body")
    if isinstance(body, str):
        for match in _JSON_MEMBER.finditer(body):
            yield KeyedValue("/parameters/body", match.group(1), match.group(2), match.start(2), match.end(2))


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
