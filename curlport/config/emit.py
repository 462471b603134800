"""Config → JSON text, written atomically, never clobbering what the user did not ask to replace."""

from __future__ import annotations

import json
import math
import os
from json.encoder import encode_basestring as _encode_string
from pathlib import Path
from typing import Any

from curlport.config.model import Config
from curlport.config.schema import json_pointer, violations
from curlport.errors import OutputExistsError, SchemaViolationError


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


_LITERALS = {None: "null", True: "true", False: "false"}


def _indented(value: Any, newline: str) -> str:
    """``value`` as ``json.dumps`` lays it out with ``indent=2``, ``newline`` being the line break and indent it
    starts at."""
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = newline + "  "
        items = []
        for key, item in value.items():
            if type(key) is not str:
                raise _Unplain
            items.append(f"{_encode_string(key)}: {_indented(item, inner)}")
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if kind is list:
        if not value:
            return "[]"
        inner = newline + "  "
        return "[" + inner + ("," + inner).join(_indented(item, inner) for item in value) + newline + "]"
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
        raise SchemaViolationError(f"config does not match the schema at {json_pointer(first) or '/'}: {first.message}")
    return render_json(config)


def write_atomically(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    Readers see the old file or the new one, never half of one; without ``force``
    an existing file is left untouched.
    """
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; pass --force to replace it")
    import tempfile  # only when writing a file: it loads random and hashlib, which printing a config never needs

    directory = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)  # fails if the file appeared meanwhile: never clobber
            except FileExistsError:
                raise OutputExistsError(f"{path} exists; pass --force to replace it") from None
            os.unlink(temporary)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
