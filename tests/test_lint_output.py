"""``curlport lint`` over the whole fixtures folder prints, in every format, exactly what it printed before.

The expected outputs are written by ``python tests/regenerate.py``: a change in them is a change users see
(review the diff), and speed work must leave them as they are.
"""

from __future__ import annotations

import pytest
from fixture_cases import LINT_OUTPUT_DIR, lint_output

from curlport.lint.reporters import REPORTERS


@pytest.mark.parametrize("output_format", list(REPORTERS))
def test_lint_of_the_fixtures_prints_what_it_printed(output_format: str) -> None:
    expected = (LINT_OUTPUT_DIR / f"{output_format}.txt").read_text(encoding="utf-8")
    assert lint_output(output_format) == expected


def test_every_format_has_its_expected_output() -> None:
    assert sorted(path.stem for path in LINT_OUTPUT_DIR.glob("*.txt")) == sorted(REPORTERS)
