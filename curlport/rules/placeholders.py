"""Rules about $$To and $$Body: present, spelled right, in a place they can be substituted."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import (
    KNOWN_PLACEHOLDERS,
    MESSAGE,
    PLACEHOLDER,
    RECIPIENT,
    Config,
    Problem,
    Rule,
    slots,
)


def _missing(placeholder: str) -> Rule:
    role = "recipient's number" if placeholder == RECIPIENT else "message"

    def check(config: Config) -> Iterator[Problem]:
        if not any(placeholder in slot.text for slot in slots(config)):
            yield Problem("/parameters" if config.get("parameters") else "/endpoint",
                          f"no {placeholder} anywhere: the platform would never send the {role}; put {placeholder} "
                          f"where the provider expects the {role}")

    code = "CP101" if placeholder == RECIPIENT else "CP102"
    return Rule(
        code, f"missing-{placeholder[2:].lower()}", Severity.ERROR,
        f"The config never mentions {placeholder}.",
        f"The platform substitutes the {role} only where {placeholder} stands; without it every message goes "
        "to the sample value, or nowhere.",
        f"Replace the provider's sample {role} with {placeholder} in the endpoint, a header or a parameter.",
        '{"parameters": {"format": "form", "fields": [{"key": "to", "value": "447123456789"}]}}',
        f'{{"parameters": {{"format": "form", "fields": [{{"key": "to", "value": "{placeholder}"}}]}}}}',
        check,
    )


MISSING_TO = _missing(RECIPIENT)
MISSING_BODY = _missing(MESSAGE)


def _miscased(config: Config) -> Iterator[Problem]:
    for slot in slots(config):
        for match in PLACEHOLDER.finditer(slot.text):
            word = match.group(0)
            proper = next((p for p in KNOWN_PLACEHOLDERS if p.lower() == word.lower()), None)
            if proper is not None and word != proper:
                yield Problem(slot.pointer, f"{word} is not substituted: placeholders are case-sensitive; "
                              f"write {proper}", match.start(), match.end())


MISCASED = Rule(
    "CP103", "miscased-placeholder", Severity.ERROR,
    "A placeholder with the wrong letter case, such as $$to or $$BODY.",
    "The specification says $$To and $$Body are case-sensitive: $$to is sent as the literal text '$$to'.",
    "Write exactly $$To and $$Body.",
    '{"endpoint": "https://sms.example.com/send?to=$$to&text=$$Body"}',
    '{"endpoint": "https://sms.example.com/send?to=$$To&text=$$Body"}',
    _miscased,
)

_NEAR_MISS = re.compile(
    r"(?i)\$\$\s+(?:to|body)\b|(?<!\$)\$(?:to|body)\b|\{\{\s*(?:to|body|phone|mobile|message|text)\s*\}\}|"
    r"\$\{(?:to|body)\}|%(?:to|body)%|<(?:to|body)>|\{(?:to|body)\}|"
    r"\$\$(?:phone|mobile|number|msisdn|message|msg|text|recipient)\b"
)


def _near_misses(config: Config) -> Iterator[Problem]:
    for slot in slots(config):
        for match in _NEAR_MISS.finditer(slot.text):
            meant = MESSAGE if re.search(r"(?i)body|message|msg|text", match.group(0)) else RECIPIENT
            yield Problem(slot.pointer, f"{match.group(0)!r} looks like a placeholder but is not one: write {meant}",
                          match.start(), match.end())


NEAR_MISS = Rule(
    "CP104", "placeholder-near-miss", Severity.ERROR,
    "Something that looks like a placeholder but is not: $To, $$ To, {{To}}, ${To}, %To%, <To>, $$Phone, $$Message.",
    "Only $$To and $$Body (and the platform's other documented $$ placeholders) are substituted.",
    "Write $$To for the recipient and $$Body for the message.",
    '{"endpoint": "https://sms.example.com/send?to={{To}}&text=$$Body"}',
    '{"endpoint": "https://sms.example.com/send?to=$$To&text=$$Body"}',
    _near_misses,
)

_UNSUBSTITUTABLE = {"header-key": "a header name", "field-key": "a field key", "username": "the username",
                    "password": "the password"}


def _misplaced(config: Config) -> Iterator[Problem]:
    for slot in slots(config):
        for match in PLACEHOLDER.finditer(slot.text):
            if match.group(0) not in (RECIPIENT, MESSAGE):
                continue
            where = _UNSUBSTITUTABLE.get(slot.kind)
            if slot.kind == "endpoint":
                authority_end = slot.text.find("/", slot.text.find("//") + 2)
                if match.start() < (authority_end if authority_end != -1 else len(slot.text)):
                    where = "the URL's scheme or host"
            if where:
                yield Problem(slot.pointer, f"{match.group(0)} in {where} cannot be substituted; "
                              "put it in a value, the URL path or its query", match.start(), match.end())


MISPLACED = Rule(
    "CP105", "placeholder-misplaced", Severity.ERROR,
    "$$To or $$Body where it cannot be substituted: a header name, a field key, the credentials, the host.",
    "The platform substitutes placeholders in values; in a name or a host the request is malformed.",
    "Move the placeholder into a header value, a field value, the URL path or query, or the body.",
    '{"parameters": {"format": "form", "fields": [{"key": "$$To", "value": "1"}]}}',
    '{"parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}]}}',
    _misplaced,
)


def _repeated(config: Config) -> Iterator[Problem]:
    for placeholder in (RECIPIENT, MESSAGE):
        places = [slot for slot in slots(config) for _ in range(slot.text.count(placeholder))]
        for slot in places[1:]:
            index = slot.text.find(placeholder)
            yield Problem(slot.pointer, f"{placeholder} appears {len(places)} times: the value is sent in each place",
                          index, index + len(placeholder))


REPEATED = Rule(
    "CP106", "placeholder-repeated", Severity.WARNING,
    "The same placeholder in several places.",
    "Each occurrence is substituted: the number or the message is sent twice, which providers may reject or bill.",
    "Keep one occurrence where the provider reads it.",
    '{"endpoint": "https://sms.example.com/send?to=$$To", "parameters": {"format": "form", '
    '"fields": [{"key": "to", "value": "$$To"}]}}',
    '{"endpoint": "https://sms.example.com/send", "parameters": {"format": "form", '
    '"fields": [{"key": "to", "value": "$$To"}]}}',
    _repeated,
)

RULES = (MISSING_TO, MISSING_BODY, MISCASED, NEAR_MISS, MISPLACED, REPEATED)
