"""Config → JSON text, written atomically, never clobbering what the user did not ask to replace."""

from __future__ import annotations

import json
import os
from pathlib import Path

from curlport.config.model import Config
from curlport.config.schema import json_pointer, violations
from curlport.errors import OutputExistsError, SchemaViolationError


def render_json(config: Config) -> str:
    """The one layout of every config curlport writes: two-space indent, UTF-8 text, a final newline."""
    return json.dumps(config, indent=2, ensure_ascii=False) + "\n"


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
