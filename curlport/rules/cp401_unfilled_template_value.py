"""CP401: a value the provider's documentation meant you to replace."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.config.detect import sample_range
from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule, detection, starting_with, value_matches
from curlport.rules.cp104_placeholder_near_miss import NEAR_MISS

_TEMPLATE_VALUE_PATTERN = (
    r"\byour[_ -]?[a-z_ -]*?(?:key|token|id|sid|secret|password|username|user|authkey)\b|"
    r"\benter[ _]?(?:your[ _]?)?[a-z0-9 _]+|"
    r"<[A-Za-z][A-Za-z0-9_ .:-]*>|\{\{?\s*[A-Za-z_][A-Za-z0-9_]*\s*\}?\}|\[[A-Za-z][A-Za-z0-9_ ]*\]|"
    r"\bx{5,}\b|\d*x{6,}\d*|(?<!\$)\$\{?[A-Z][A-Z0-9_]{2,}\}?"
)
_TEMPLATE_VALUE = starting_with(r"yex<{\[\d$", _TEMPLATE_VALUE_PATTERN, re.IGNORECASE)


def check(config: Config) -> Iterator[Problem]:
    # A template where the number or the message goes ({{to}}, <TO_NUMBER>) is a placeholder to write, not a
    # value to fill in: detection claims those, and CP402 reports them.
    claimed: dict[str, list[tuple[int, int]]] | None = None
    for slot, start, end, text in value_matches(config, _TEMPLATE_VALUE):
        if slot.kind in ("header-key", "field-key"):
            continue
        if claimed is None:  # at the first match: most configs have none
            claimed = {}
            for sample in detection(config).claimed():
                claimed.setdefault(sample.pointer, []).append(sample_range(sample))
        inside_sample = any(first <= start and end <= last for first, last in claimed.get(slot.pointer, ()))
        if inside_sample or NEAR_MISS.fullmatch(text):
            continue
        yield Problem(slot.pointer, f"'{text}' is a template value from the provider's docs: fill in the real value",
                      start, end)


RULE: Rule = Rule(
    "CP401", "unfilled-template-value", Severity.ERROR,
    "A value the provider's docs meant you to replace: YOUR_API_KEY, <api_key>, {apikey}, xxxxxxxx, $ENV_VAR.",
    "The provider rejects the request (401, unknown sender) and every message is lost.",
    "Replace it with the real credential, id or sender.",
    '{"parameters": {"format": "form", "fields": [{"key": "apikey", "value": "YOUR_API_KEY"}]}}',
    '{"parameters": {"format": "form", "fields": [{"key": "apikey", "value": "NjQ3YzE5ZmE0"}]}}',
    check,
)
