"""A config's JSON text: the one layout curlport writes, checked against the schema first.

Its own module, not beside the atomic writer in ``emit``: every import renders a config, few write one.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any, Final

from curlport.config.model import Config
from curlport.config.schema import json_pointer, violation_message, violations
from curlport.errors import SchemaViolationError

#: Characters JSON leaves as they are but that many line readers (Python's ``str.splitlines``, JavaScript's line
#: terminators, YAML) end a line at.
_LINE_BREAKS: Final = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def one_line_json(value: Any) -> str:
    """``value`` as compact JSON (UTF-8, not ASCII-escaped) that every line reader reads as one line."""
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)


def render_json(config: Config) -> str:
    """The one layout of every config curlport writes: two-space indent, UTF-8 text, a final newline.

    Byte for byte ``json.dumps(config, indent=2, ensure_ascii=False)``, which with an
    indent runs Python's encoder (its C encoder cannot indent) at a few microseconds a
    value; this builds the same text from C-encoded strings. A value JSON has no plain
    form for (a key that is not a string, NaN, a subclass) takes ``json.dumps`` itself.
    """
    try:
        return _indented(config, "\n") + "\n"
    except _Unplain:
        return json.dumps(config, indent=2, ensure_ascii=False) + "\n"


class _Unplain(Exception):
    """A value ``_indented`` leaves to ``json.dumps``."""


_LITERALS: Final = {None: "null", True: "true", False: "false"}


def _indented(value: Any, newline: str) -> str:
    """``value`` as ``json.dumps`` lays it out with ``indent=2``, ``newline`` being the line break and indent it
    starts at. Most values of a config are strings: a container encodes them itself, without a call each."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = newline + "  "
        items = []
        for key, item in value.items():
            if type(key) is not str:
                raise _Unplain
            items.append(f"{encode_basestring(key)}: "
                         f"{encode_basestring(item) if type(item) is str else _indented(item, inner)}")
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if kind is list:
        if not value:
            return "[]"
        inner = newline + "  "
        items = [encode_basestring(item) if type(item) is str else _indented(item, inner) for item in value]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    if value is None or kind is bool:
        return _LITERALS[value]
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    raise _Unplain


def config_json(config: Config) -> str:
    """The config as JSON text, after checking it against the schema."""
    errors = violations(config)
    if errors:
        first = errors[0]
        raise SchemaViolationError(f"config does not match the schema at {json_pointer(first) or '/'}: "
                                   f"{violation_message(first)}", pointer=json_pointer(first))
    return render_json(config)
