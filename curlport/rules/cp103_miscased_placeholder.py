"""CP103: a placeholder with the wrong letter case is sent as literal text."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import (
    KNOWN_PLACEHOLDERS,
    PLACEHOLDER,
    Autofix,
    Config,
    Fix,
    Problem,
    Rule,
    replace_span,
    slots,
)


def check(config: Config) -> Iterator[Problem]:
    for slot in slots(config):
        for match in PLACEHOLDER.finditer(slot.text):
            word = match.group(0)
            proper = next((p for p in KNOWN_PLACEHOLDERS if p.lower() == word.lower()), None)
            if proper is not None and word != proper:
                yield Problem(slot.pointer, f"{word} is not substituted: placeholders are case-sensitive; "
                              f"write {proper}", match.start(), match.end(),
                              Fix(f"write {proper}", True,
                                  replace_span(slot.pointer, match.start(), match.end(), proper)))


RULE = Rule(
    "CP103", "miscased-placeholder", Severity.ERROR,
    "A placeholder with the wrong letter case, such as $$to or $$BODY.",
    "The specification says $$To and $$Body are case-sensitive: $$to is sent as the literal text '$$to'.",
    "Write exactly $$To and $$Body (and $$TemplateId, $$MessageID).",
    '{"endpoint": "https://sms.example.com/send?to=$$to&text=$$Body"}',
    '{"endpoint": "https://sms.example.com/send?to=$$To&text=$$Body"}',
    check,
    autofix=Autofix.SAFE,
    fix_safety="Safe: only the letter case of the placeholder changes, and no other text could have been meant.",
)
