"""CP106: the same placeholder in several places sends the value several times."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, RECIPIENT, Config, Problem, Rule, slots, values_text


def check(config: Config) -> Iterator[Problem]:
    text = values_text(config)
    for placeholder in (RECIPIENT, MESSAGE):
        if text.count(placeholder) < 2:  # the values' occurrences, all at once (a placeholder cannot overlap itself)
            continue
        places = [(slot, index) for slot in slots(config) for index in _occurrences(slot.text, placeholder)]
        for slot, index in places[1:]:
            yield Problem(slot.pointer, f"{placeholder} appears {len(places)} times: the value is sent in each place",
                          index, index + len(placeholder))


def _occurrences(text: str, placeholder: str) -> Iterator[int]:
    index = text.find(placeholder)
    while index != -1:
        yield index
        index = text.find(placeholder, index + len(placeholder))


RULE: Rule = Rule(
    "CP106", "placeholder-repeated", Severity.WARNING,
    "The same placeholder in several places.",
    "Each occurrence is substituted: the number or the message is sent twice, which providers may reject or bill.",
    "Keep one occurrence where the provider reads it.",
    '{"endpoint": "https://sms.example.com/send?to=$$To", "parameters": {"format": "form", '
    '"fields": [{"key": "to", "value": "$$To"}]}}',
    '{"endpoint": "https://sms.example.com/send", "parameters": {"format": "form", '
    '"fields": [{"key": "to", "value": "$$To"}]}}',
    check,
)
