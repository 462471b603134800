"""Coverage-guided fuzzing of the two doors user text comes in by: ``import`` and ``lint``.

Run with ``fuzz/run.sh [import|lint] [seconds]``. Each input goes the whole way a user's
text goes — decode, import or lint, the rules, the fixes (twice: a second run must change
nothing), every reporter, ``show``'s form view, render and every export format of what it
reads — and the only exception allowed out is the project's own ``CurlportError``:
anything else is a crash that atheris saves as ``crash-*`` (turn it into a regression fixture).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from curlport.config.form_view import render_form
    from curlport.errors import CurlportError
    from curlport.importer import decode_input, import_curl
    from curlport.lint.fixes import fix_import, fix_json_text
    from curlport.lint.json_positions import load_json
    from curlport.lint.reporters import REPORTERS, LintRun, ReportOptions
    from curlport.lint.runner import check_import, lint_text
    from curlport.preflight.export import FORMATS, export
    from curlport.preflight.load import load_config
    from curlport.preflight.provider import Provider
    from curlport.preflight.render import Values, render

#: The folder @file references may be read from: a file, a folder, a link out of it and a link loop.
FILES = Path(tempfile.mkdtemp(prefix="curlport-fuzz-"))
(FILES / "body.txt").write_text("to=$$To&text=hello\r\n")
(FILES / "folder").mkdir()
(FILES / "out").symlink_to("/etc/hostname")
(FILES / "loop").symlink_to(FILES / "loop")
VALUES = Values("+15550100", "Hi & bye 100% \"ok\"\n", "T-1", "M-1")


def _report_everywhere(data: bytes, name: str) -> None:
    run = LintRun((lint_text(data, name, fix=True, unsafe_fixes=True),))
    for options in (ReportOptions(), ReportOptions(show_secrets=True, show_fixes=True)):
        for reporter in REPORTERS.values():
            reporter.render(run, options)
            reporter.statistics(run, options)


def _preflight(data: bytes, name: str) -> None:
    """What render, send and export do with the file: read it, type it, render it, export it."""
    try:
        loaded = load_config(data, name)
    except CurlportError:
        return
    provider = loaded.provider()
    if not isinstance(provider, Provider):
        return
    for output_format in FORMATS:
        for show_secrets in (False, True):
            export(provider, output_format, show_secrets=show_secrets)
    try:
        import_curl(export(provider, "curl", show_secrets=True), name="roundtrip")
        render(provider, VALUES)
    except CurlportError:
        pass


def _fix_and_show(text: str) -> None:
    """--fix converges in one run (a second changes nothing); show's form view takes any object."""
    once = fix_json_text(text, unsafe=True)
    twice = fix_json_text(once.text, unsafe=True)
    if twice.text != once.text:
        raise AssertionError(f"--fix did not converge: {once.text!r} -> {twice.text!r}")
    try:
        config = load_json(text)
    except json.JSONDecodeError:
        return
    if isinstance(config, dict):
        render_form(config)
        render_form(config, show_secrets=True)


def fuzz_import(data: bytes) -> None:
    """Text -> import -> fixes -> rules; then the same bytes through lint, render and export as a .curl file."""
    try:
        result = import_curl(decode_input(data), name="fuzz", source_name="fuzz.curl", allow_file_refs=FILES)
        fixed, _ = fix_import(result, unsafe=True)
        check_import(fixed)
        _fix_and_show(json.dumps(fixed.config))
    except CurlportError:
        pass
    _report_everywhere(data, "fuzz.curl")
    _preflight(data, "fuzz.curl")


def fuzz_lint(data: bytes) -> None:
    """Bytes as a .json config through lint, --fix, every reporter, show, render and export."""
    _report_everywhere(data, "fuzz.json")
    try:
        text = decode_input(data)
    except CurlportError:
        return
    _fix_and_show(text)
    _preflight(data, "fuzz.json")


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
