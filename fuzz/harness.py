"""Coverage-guided fuzzing of the two doors user text comes in by: ``import`` and ``lint``.

Run with ``fuzz/run.sh [import|lint] [seconds]``. Each input goes the whole way a user's
text goes — decode, import or lint, the rules, the fixes, every reporter — and the only
exception allowed out is the project's own ``CurlportError``: anything else is a crash
that atheris saves as ``crash-*`` (turn it into a regression fixture).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from curlport.errors import CurlportError
    from curlport.importer import decode_input, import_curl
    from curlport.lint.fixes import fix_import
    from curlport.lint.reporters import REPORTERS
    from curlport.lint.runner import check_import, lint_text


def _report_everywhere(data: bytes, name: str) -> None:
    report = lint_text(data, name, fix=True, unsafe_fixes=True)
    for reporter in REPORTERS.values():
        reporter([report], False)


def fuzz_import(data: bytes) -> None:
    """Text -> import -> fixes -> rules; then the same bytes through lint as a .curl file."""
    try:
        result = import_curl(decode_input(data), name="fuzz", source_name="fuzz.curl")
        fixed, _ = fix_import(result, unsafe=True)
        check_import(fixed)
    except CurlportError:
        pass
    _report_everywhere(data, "fuzz.curl")


def fuzz_lint(data: bytes) -> None:
    """Bytes as a .json config through lint, --fix and every reporter."""
    _report_everywhere(data, "fuzz.json")


TARGETS = {"import": fuzz_import, "lint": fuzz_lint}

if __name__ == "__main__":
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
