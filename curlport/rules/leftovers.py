"""Rules about what the provider's documentation left behind: template values and samples."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, RECIPIENT, Config, Problem, Rule, slots

_TEMPLATE_VALUE = re.compile(
    r"(?i)\byour[_ -]?[a-z_ -]*?(?:key|token|id|sid|secret|password|username|user|authkey)\b|"
    r"\benter[ _]?(?:your[ _]?)?[a-z0-9 _]+|"
    r"<[A-Za-z][A-Za-z0-9_ .:-]*>|\{\{?\s*[A-Za-z_][A-Za-z0-9_]*\s*\}?\}|\[[A-Za-z][A-Za-z0-9_ ]*\]|"
    r"\bx{5,}\b|\d*x{6,}\d*|(?<!\$)\$\{?[A-Z][A-Z0-9_]{2,}\}?"
)


def _unfilled(config: Config) -> Iterator[Problem]:
    for slot in slots(config):
        if slot.kind in ("header-key", "field-key"):
            continue
        for match in _TEMPLATE_VALUE.finditer(slot.text):
            yield Problem(slot.pointer, f"'{match.group(0)}' is a template value from the provider's docs: fill in "
                          "the real value", match.start(), match.end())


UNFILLED = Rule(
    "CP401", "unfilled-template-value", Severity.ERROR,
    "A value the provider's docs meant you to replace: YOUR_API_KEY, <api_key>, {apikey}, xxxxxxxx, $ENV_VAR.",
    "The provider rejects the request (401, unknown sender) and every message is lost.",
    "Replace it with the real credential, id or sender.",
    '{"parameters": {"format": "form", "fields": [{"key": "apikey", "value": "YOUR_API_KEY"}]}}',
    '{"parameters": {"format": "form", "fields": [{"key": "apikey", "value": "NjQ3YzE5ZmE0"}]}}',
    _unfilled,
)

_RECIPIENT_KEY = re.compile(r"(?i)^(to|dst|destination|mobiles?|mobile_?no|numbers?|phone|phno|msisdn|recipients?|"
                            r"receiver)$")
_MESSAGE_KEY = re.compile(r"(?i)^(body|text|message|msg|content|sms)$")
_PHONE = re.compile(r"^\+?\d[\d\s-]{6,}\d$")


def _samples(config: Config) -> Iterator[Problem]:
    for slot in slots(config):
        if slot.kind != "field-value":
            continue
        key_pointer = slot.pointer.rsplit("/", 1)[0] + "/key"
        key = next((s.text for s in slots(config) if s.pointer == key_pointer), "")
        if _RECIPIENT_KEY.match(key) and RECIPIENT not in slot.text and _PHONE.match(slot.text):
            yield Problem(slot.pointer, f"sample number '{slot.text}' where the recipient goes: write $$To")
        elif _MESSAGE_KEY.match(key) and MESSAGE not in slot.text and slot.text.strip():
            yield Problem(slot.pointer, f"sample message in '{key}': write $$Body")


SAMPLES = Rule(
    "CP402", "sample-value-left", Severity.WARNING,
    "A sample phone number or message left where $$To or $$Body belongs.",
    "Every message would go to the documentation's sample number, or say the sample text.",
    "Replace the sample with $$To or $$Body.",
    '{"parameters": {"format": "form", "fields": [{"key": "to", "value": "447123456789"}]}}',
    '{"parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}]}}',
    _samples,
)

RULES = (UNFILLED, SAMPLES)
