"""CP104: something that looks like a placeholder but is not one: $To, {{To}}, $$Phone…"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.lazy_pattern import LazyPattern
from curlport.rules.base import (
    MESSAGE,
    RECIPIENT,
    Autofix,
    Config,
    Fix,
    Problem,
    Rule,
    mentions,
    replace_span,
    slots,
    starting_with,
    values_text,
)

# Another templating syntax around the very names To and Body: the author meant the placeholder.
_WRONG_SYNTAX = (r"\$\$\s+(?:to|body)\b|(?<![$\w])\$(?:to|body)\b|\{\{\s*(?:to|body)\s*\}\}|\$\{(?:to|body)\}|"
                 r"%(?:to|body)%|<(?:to|body)>|(?<![{$])\{(?:to|body)\}(?!\})")
# The right syntax around another name, or another syntax around a synonym: probably meant, not certainly.
_SYNONYM = (r"\{\{\s*(?:phone|mobile|message|text)\s*\}\}|"
            r"\$\$(?:phone|mobile|number|msisdn|message|msg|text|recipient)\b")
_NEAR_MISS = f"(?P<syntax>{_WRONG_SYNTAX})|(?P<synonym>{_SYNONYM})"
NEAR_MISS = starting_with("$%<{", _NEAR_MISS, re.IGNORECASE)
_MEANS_MESSAGE = LazyPattern(r"(?i)body|message|msg|text")


def check(config: Config) -> Iterator[Problem]:
    if not NEAR_MISS.search(values_text(config)):
        return
    misses = [(slot, match, _meant(match)) for slot in slots(config) for match in NEAR_MISS.finditer(slot.text)]
    meaning = Counter(meant for _, _, meant in misses)
    for slot, match, meant in misses:
        # Unambiguous only when the placeholder is nowhere yet and this is the one near miss meaning it.
        fixable = meaning[meant] == 1 and not mentions(config, meant)
        yield Problem(slot.pointer, f"{match.group(0)!r} looks like a placeholder but is not one: write {meant}",
                      match.start(), match.end(), _fix(match, meant, slot.pointer) if fixable else None)


def _meant(match: re.Match[str]) -> str:
    return MESSAGE if _MEANS_MESSAGE.search(match.group(0)) else RECIPIENT


def _fix(match: re.Match[str], meant: str, pointer: str) -> Fix:
    return Fix(f"write {meant}", match.group("syntax") is not None,
               replace_span(pointer, match.start(), match.end(), meant))


RULE: Rule = Rule(
    "CP104", "placeholder-near-miss", Severity.ERROR,
    "Something that looks like a placeholder but is not: $To, $$ To, {{To}}, ${To}, %To%, <To>, $$Phone, $$Message.",
    "Only $$To and $$Body (and the platform's other documented $$ placeholders) are substituted.",
    "Write $$To for the recipient and $$Body for the message.",
    '{"endpoint": "https://sms.example.com/send?to={{To}}&text=$$Body"}',
    '{"endpoint": "https://sms.example.com/send?to=$$To&text=$$Body"}',
    check,
    autofix=Autofix.SAFE_OR_UNSAFE,
    fix_safety="Offered only when the placeholder meant is nowhere in the config and one near miss means it. Safe for "
               "another template syntax around To or Body ({{To}}, ${Body}, %To%); unsafe for a synonym ($$Phone, "
               "{{message}}), which only probably meant the placeholder.",
)
