"""``curlport lint`` over the whole fixtures folder prints, in every format, exactly what it printed before.

The expected outputs are written by ``python tests/regenerate.py``: a change in them is a change users see
(review the diff), and speed work must leave them as they are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_cases import LINT_OUTPUT_DIR, lint_output

from curlport.cli import main
from curlport.lint.reporters import REPORTERS


@pytest.mark.parametrize("output_format", list(REPORTERS))
def test_lint_of_the_fixtures_prints_what_it_printed(output_format: str) -> None:
    expected = (LINT_OUTPUT_DIR / f"{output_format}.txt").read_text(encoding="utf-8")
    assert lint_output(output_format) == expected


def test_every_format_has_its_expected_output() -> None:
    assert sorted(path.stem for path in LINT_OUTPUT_DIR.glob("*.txt")) == sorted(REPORTERS)



@pytest.mark.parametrize("character", ["\x85", "\u2028", "\u2029"])
def test_a_json_lines_record_is_one_line_for_every_line_reader(tmp_path: Path, character: str) -> None:
    """Valid unescaped in JSON, but `str.splitlines` ends a line at each (hypothesis: ``CURL 0"" "\x85"``)."""
    command = tmp_path / "p.curl"
    command.write_text(f'CURL 0"" "{character}"', encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--isolated", "--output-format", "json-lines", str(command)])
    assert character in "".join(json.loads(line)["message"] for line in result.stdout.splitlines())
    assert len(result.stdout.splitlines()) == result.stdout.count("\n")
