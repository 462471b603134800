"""CP704: $$Body inside JSON text that is itself a value (a form field, a query parameter, a JSON string)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, Config, Problem, Rule, slots
from curlport.rules.json_body import declared_json, read_body

#: Where a value holding JSON text is encoded by the platform once, for its own place, never as JSON.
_KINDS = frozenset({"field-value", "header-value"})


def json_text(text: str) -> bool:
    """JSON object or array text (the message read as a string of the same length)."""
    if text.lstrip()[:1] not in ("{", "["):
        return False
    try:
        json.loads(text.replace(MESSAGE, "x" * len(MESSAGE)))
    except (ValueError, RecursionError):
        return False
    return True


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for child in value.values():
            yield from strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from strings(child)
    elif isinstance(value, str):
        yield value


def check(config: Config) -> Iterator[Problem]:
    message = ("$$Body is inside JSON text that is itself a value: the platform encodes the message once, for the "
               "outer place, so a double quote or a backslash in it breaks the inner JSON")
    for slot in slots(config):
        if MESSAGE in slot.text and slot.kind in _KINDS and json_text(slot.text):
            start = slot.text.find(MESSAGE)
            yield Problem(slot.pointer, message, start, start + len(MESSAGE))
        elif slot.kind == "body" and MESSAGE in slot.text and declared_json(config):
            reading = read_body(config)  # the body this slot lists
            if reading is None or reading.error is not None:
                continue
            for inner in strings(reading.document):
                if MESSAGE in inner and json_text(inner):
                    start = slot.text.find(MESSAGE)
                    yield Problem(slot.pointer, message, start, start + len(MESSAGE))
                    break


RULE: Rule = Rule(
    "CP704", "message-in-nested-json", Severity.WARNING,
    "$$Body inside JSON text held by a form field, a header, or a string of a JSON body.",
    "The platform escapes the message for the place it lands in (form encoding, or one level of JSON string "
    "escaping), not for the JSON inside it: a message with a double quote ends the inner string, and the "
    "provider cannot read the JSON.",
    "Send the inner members as parameters of their own, or as one JSON body whose strings hold the placeholders.",
    '{"parameters": {"format": "form", "fields": [{"key": "data", "value": "{\\"to\\":\\"$$To\\",\\"text\\":'
    '\\"$$Body\\"}"}]}}',
    '{"parameters": {"format": "json", "body": "{\\"to\\": \\"$$To\\", \\"text\\": \\"$$Body\\"}"}}',
    check,
)
