"""CP401: a value the provider's documentation meant you to replace."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.config.detect import sample_range
from curlport.config.detect.lenient import read
from curlport.findings import Severity
from curlport.media_types import FORM_CONTENT_TYPE, JSON_CONTENT_TYPE
from curlport.rules.base import (
    Autofix,
    Config,
    Fix,
    Problem,
    Rule,
    detection,
    replace_span,
    resolve,
    starting_with,
    value_matches,
)
from curlport.rules.cp104_placeholder_near_miss import NEAR_MISS
from curlport.rules.json_body import body_of, looks_like_json

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
        if slot.kind == "header-value" and start == 0 and end == len(slot.text):
            meant = _meant_content_type(config, slot.pointer)
            if meant is not None:
                yield Problem(slot.pointer, f"'{text}' is a template value from the provider's docs: the body is "
                              f"{meant[0]}, so write {meant[1]}", start, end,
                              Fix(f"write {meant[1]}", False, replace_span(slot.pointer, start, end, meant[1])))
                continue
        yield Problem(slot.pointer, f"'{text}' is a template value from the provider's docs: fill in the real value",
                      start, end)


def _meant_content_type(config: Config, pointer: str) -> tuple[str, str] | None:
    """(the body's shape, its media type) when the template is a Content-Type and the body says which it is."""
    try:
        key = resolve(config, pointer.removesuffix("/value") + "/key")
    except KeyError:  # a header row without a key: the schema's finding, not this one's
        return None
    found = body_of(config)
    if not isinstance(key, str) or key.lower() != "content-type" or found is None:
        return None
    reading = read(found[1])
    if reading is not None and reading.shape == "form":
        return "form data", FORM_CONTENT_TYPE
    return ("JSON", JSON_CONTENT_TYPE) if looks_like_json(found[1]) else None


RULE: Rule = Rule(
    "CP401", "unfilled-template-value", Severity.ERROR,
    "A value the provider's docs meant you to replace: YOUR_API_KEY, <api_key>, {apikey}, xxxxxxxx, $ENV_VAR.",
    "The provider rejects the request (401, unknown sender) and every message is lost.",
    "Replace it with the real credential, id or sender.",
    '{"parameters": {"format": "form", "fields": [{"key": "apikey", "value": "YOUR_API_KEY"}]}}',
    '{"parameters": {"format": "form", "fields": [{"key": "apikey", "value": "NjQ3YzE5ZmE0"}]}}',
    check,
    autofix=Autofix.UNSAFE,
    fix_safety="Only a Content-Type that is a template is fixed, to the type of the body it declares (form data or "
               "JSON); unsafe, as the provider may want another.",
)
