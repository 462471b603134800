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
    values_text,
)


def check(config: Config) -> Iterator[Problem]:
    if not _maybe_miscased(values_text(config)):
        return
    for slot in slots(config):
        for match in PLACEHOLDER.finditer(slot.text):
            word = match.group(0)
            proper = next((p for p in KNOWN_PLACEHOLDERS if p.lower() == word.lower()), None)
            if proper is not None and word != proper:
                yield Problem(slot.pointer, f"{word} is not substituted: placeholders are case-sensitive; "
                              f"write {proper}", match.start(), match.end(),
                              Fix(f"write {proper}", True,
                                  replace_span(slot.pointer, match.start(), match.end(), proper)))


def _maybe_miscased(text: str) -> bool:
    """Whether some placeholder is written in another case: its lower-case spelling occurs more often than it does.

    Counting is exact (no placeholder can overlap itself) and a few counts over the
    values are far cheaper than reading every $$ word of every value.
    """
    lowered = text.lower()
    return any(lowered.count(proper.lower()) != text.count(proper) for proper in KNOWN_PLACEHOLDERS)


RULE: Rule = Rule(
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
