"""The blind set (fixtures/blind, see tests/blind_set.py): no wrong placement, and exit codes as expected.

The KNOWN_* sets list today's failures by name. They are strict both ways: a case
that starts failing fails the test, and so does a listed case that stops failing,
so the lists can only shrink as detection and reading improve (remove the case
from the list in the change that fixes it). fixtures/blind/README.md says what
each listed case is and the class it belongs to.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from blind_set import BLIND_DIR, BlindCase, blind_cases, expectation, judge_case

from curlport.config.detect.places import parse_place

CASES = blind_cases()

#: (case, role) placed somewhere else than the places file says: none today.
KNOWN_WRONG: frozenset[tuple[str, str]] = frozenset()

#: Cases whose ``curlport import`` exit code is not among ``expected_exit`` (class in the README).
KNOWN_EXIT_MISMATCH = frozenset({
    # a bare GET URL imported as GET, but its api_key=KEY is not known for a template credential (exit 0, not 1)
    "unisender-bare-url",
})


@pytest.fixture(scope="module")
def judged() -> dict[str, BlindCase]:
    return {path.stem: judge_case(path) for path in CASES}


def test_the_blind_set_is_large_and_well_formed() -> None:
    assert len(CASES) >= 35
    tomls = sorted(p.name.removesuffix(".places.toml") for p in BLIND_DIR.glob("*.places.toml"))
    assert tomls == [p.stem for p in CASES]
    for path in CASES:
        expected = expectation(path)
        assert expected.get("source") and expected.get("note") and expected.get("classes"), path.name
        for key in ("to", "body"):
            place = expected.get(key)
            assert isinstance(place, str) and place, (path.name, key)
            for text in ([] if place == "ask" else [place]) + list(expected.get(f"{key}_candidates", [])):
                parse_place(text)  # raises PlaceSyntaxError on a typo in the expectation


@pytest.mark.parametrize("curl_file", CASES, ids=[path.stem for path in CASES])
def test_no_wrong_placement_beyond_the_known(curl_file: Path, judged: dict[str, BlindCase]) -> None:
    case = judged[curl_file.stem]
    wrong = {(case.case, role) for role, verdict, _ in case.verdicts if verdict == "wrong"}
    known = {item for item in KNOWN_WRONG if item[0] == case.case}
    assert wrong == known, "a new wrong placement, or a known one fixed: update KNOWN_WRONG and the README"


@pytest.mark.parametrize("curl_file", CASES, ids=[path.stem for path in CASES])
def test_exit_code_as_expected_beyond_the_known(curl_file: Path, judged: dict[str, BlindCase]) -> None:
    case = judged[curl_file.stem]
    if case.exit_as_expected is None:
        assert case.case not in KNOWN_EXIT_MISMATCH, "a case without expected_exit cannot be a known mismatch"
        return
    assert (not case.exit_as_expected) == (case.case in KNOWN_EXIT_MISMATCH), (
        f"exit {case.exit_code}, expected {case.expected_exit}: update KNOWN_EXIT_MISMATCH and the README")
