"""Coverage-guided fuzzing of the two doors user text comes in by: ``import`` and ``lint``.

Run with ``fuzz/run.sh [import|lint] [seconds]``. Each input goes the whole way a user's
text goes (``tests/whole_way.py``, which the property tests share): import, the rules,
the fixes (twice: a second run must change nothing), every reporter (its output printable
and, for machine formats, well-formed), ``show``'s form view, render and every export
format. The only exception allowed out is the project's own ``CurlportError``: anything
else is a crash that atheris saves as ``crash-*`` (turn it into a regression fixture).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

with atheris.instrument_imports():
    from whole_way import everywhere, import_every_way

    from curlport.errors import CurlportError
    from curlport.inputs import decode_input

#: The folder @file references may be read from: a file, a folder, a link out of it and a link loop.
FILES = Path(tempfile.mkdtemp(prefix="curlport-fuzz-"))
(FILES / "body.txt").write_text("to=$$To&text=hello\r\n")
(FILES / "folder").mkdir()
(FILES / "out").symlink_to("/etc/hostname")
(FILES / "loop").symlink_to(FILES / "loop")


def fuzz_import(data: bytes) -> None:
    """Bytes as curl text: import (reading @files from FILES), fixes, rules; then the whole way as a .curl file."""
    with contextlib.suppress(CurlportError):
        import_every_way(decode_input(data), FILES)
    everywhere(data, "fuzz.curl")


def fuzz_lint(data: bytes) -> None:
    """Bytes as a .json config the whole way."""
    everywhere(data, "fuzz.json")


TARGETS = {"import": fuzz_import, "lint": fuzz_lint}


def keep_going(target: Callable[[bytes], None], crashes: Path) -> Callable[[bytes], None]:
    """The target, recording each distinct crash (exception type + innermost curlport line) and going on."""
    seen: set[str] = set()

    def run(data: bytes) -> None:
        try:
            target(data)
        except Exception as error:  # every crash is recorded, that is what this mode is for
            frames = [f for f in traceback.extract_tb(error.__traceback__) if "/curlport/" in f.filename]
            where = f"{frames[-1].filename.rsplit('/curlport/', 1)[1]}:{frames[-1].lineno}" if frames else "harness"
            signature = f"{type(error).__name__} at {where}"
            if signature not in seen:
                seen.add(signature)
                name = crashes / f"keep-{hashlib.sha1(signature.encode()).hexdigest()[:12]}"
                name.write_bytes(data)
                name.with_suffix(".txt").write_text(signature + "\n" + traceback.format_exc())
                print(f"CRASH {signature} -> {name}", file=sys.stderr, flush=True)
    return run


if __name__ == "__main__":
    target = TARGETS[sys.argv.pop(1)]
    if os.environ.get("FUZZ_KEEP_GOING"):
        prefix = next(arg for arg in sys.argv if arg.startswith("-artifact_prefix="))
        target = keep_going(target, Path(prefix.split("=", 1)[1]))
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
