"""CP106: the same placeholder in several places sends the value several times."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, RECIPIENT, Config, Problem, Rule, slots, values_text


def check(config: Config) -> Iterator[Problem]:
    text = values_text(config)
    for placeholder in (RECIPIENT, MESSAGE):
        # The values' occurrences, all at once: a placeholder cannot overlap itself, nor hold the NUL between values.
        count = text.count(placeholder)
        if count < 2:
            continue
        message = f"{placeholder} appears {count} times: the value is sent in each place"
        first = True
        for slot in slots(config):
            index = slot.text.find(placeholder)
            while index != -1:  # each occurrence but the first, without a generator per value
                if not first:
                    yield Problem(slot.pointer, message, index, index + len(placeholder))
                first = False
                index = slot.text.find(placeholder, index + len(placeholder))


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
