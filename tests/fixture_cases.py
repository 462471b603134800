"""The fixture pairs, shared by the parametrized tests and the regenerate script.

``fixtures/curl/<case>.curl`` is paired with ``fixtures/configs/<case>.json`` (the
config) and ``fixtures/configs/<case>.findings.json`` (code, line, column of each
import finding); ``fixtures/errors/<case>.curl`` with ``<case>.expected.json``
(the error class, exit code, line and column); ``fixtures/malformed/<case>.json`` with
``<case>.lint.json`` (a config of the wrong shape and its lint findings). ``fixtures/curl/twins/<case>.curl``
is the bash-runnable twin of a case curl cannot run as written (a stray method
word, typographic quotes): it means the same request, and curl sends it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from curlport import CurlportError, decode_input, import_curl
from curlport.cli import main
from curlport.lint.runner import lint_text
from curlport.urls import TEMPLATE_BASE

ROOT = Path(__file__).resolve().parent.parent
CURL_DIR = ROOT / "fixtures" / "curl"
CONFIG_DIR = ROOT / "fixtures" / "configs"
ERROR_DIR = ROOT / "fixtures" / "errors"
#: Configs of the wrong shape (found by fuzzing and by hand), each with ``<case>.lint.json``: findings, never a crash.
MALFORMED_DIR = ROOT / "fixtures" / "malformed"
TWIN_DIR = CURL_DIR / "twins"
#: ``curlport lint fixtures`` in each output format, byte for byte (``<format>.txt``): what speed work must not change.
LINT_OUTPUT_DIR = ROOT / "fixtures" / "lint-output"


def sendable(config: dict[str, Any]) -> bool:
    """Whether pre-flight can send a committed config: not one whose endpoint is still the doc's template base
    (``{{api_url}}/sms``), which the operator fills in first."""
    return not TEMPLATE_BASE.match(config["endpoint"])


def curl_cases() -> list[str]:
    return sorted(path.stem for path in CURL_DIR.glob("*.curl"))


def error_cases() -> list[str]:
    return sorted(path.stem for path in ERROR_DIR.glob("*.curl"))


def malformed_cases() -> list[str]:
    return sorted(path.stem for path in MALFORMED_DIR.glob("*.json") if path.name.count(".") == 1)


def import_case(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What importing a fixture gives: the config and its findings as (code, line, column)."""
    result = import_curl(decode_input(path.read_bytes()), name=path.stem, source_name=path.name)
    findings = [
        {"code": f.code, "line": f.span.line if f.span else None, "column": f.span.column if f.span else None}
        for f in result.findings
    ]
    return result.config, findings


def lint_case(path: Path) -> list[list[Any]]:
    """Every lint finding of a fixture as [code, line, column]: a rule change shows up as a diff."""
    report = lint_text(path.read_bytes(), path.name)
    return [[f.code, f.span.line if f.span else None, f.span.column if f.span else None] for f in report.findings]


def lint_output(output_format: str) -> str:
    """What ``curlport lint`` prints for the whole fixtures folder from the repository's root, in one format
    (the root's absolute URI, which SARIF carries, written as ``file:///ROOT/``)."""
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(main, ["lint", "--isolated", "--exit-zero", "--color", "never", "--output-format",
                                           output_format, "fixtures"])
    assert result.exit_code == 0, result.output
    return result.output.replace(ROOT.as_uri() + "/", "file:///ROOT/")


def import_error(path: Path) -> dict[str, Any]:
    try:
        import_curl(decode_input(path.read_bytes()), name=path.stem, source_name=path.name)
    except CurlportError as error:
        return {"error": type(error).__name__, "exit": error.exit_code, "line": error.line, "column": error.column}
    raise AssertionError(f"{path.name} imported without an error")


def printed_findings(output: str, path: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of every finding a command printed for ``path`` (its ``PATH:LINE:COL: CODE …`` lines)."""
    found = []
    for line in output.splitlines():
        if line.startswith(f"{path}:") and line.count(":") >= 4:
            _, row, column, label = line[len(path):].split(":", 3)[:4]
            found.append((label.split()[0], int(row), int(column)))
    return found
