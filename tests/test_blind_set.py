"""The blind sets (fixtures/blind, blind2, blind3, blind4; see tests/blind_set.py): no wrong placement, exits as
expected.

The KNOWN_* sets list today's failures by name. They are strict both ways: a case
that starts failing fails the test, and so does a listed case that stops failing,
so the lists can only shrink as detection and reading improve (remove the case
from the list in the change that fixes it). Each set's README says what each
listed case is and the class it belongs to.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from blind_set import (
    BLIND2_DIR,
    BLIND3_DIR,
    BLIND4_DIR,
    BLIND_DIR,
    BlindCase,
    blind_cases,
    expectation,
    judge_case,
)

from curlport.config.detect.places import parse_place

CASES = blind_cases()
CASES2 = blind_cases(BLIND2_DIR)
CASES3 = blind_cases(BLIND3_DIR)
CASES4 = blind_cases(BLIND4_DIR)

#: (case, role) placed somewhere else than the places file says: none today.
KNOWN_WRONG: frozenset[tuple[str, str]] = frozenset()

#: Cases whose ``curlport import`` exit code is not among ``expected_exit`` (class in the README).
KNOWN_EXIT_MISMATCH = frozenset({
})

#: The second set's wrong placements (fixtures/blind2/README.md): none today.
KNOWN_WRONG2: frozenset[tuple[str, str]] = frozenset()

#: The second set's exit mismatches (fixtures/blind2/README.md, "Wrongly ready" and the misses by class).
KNOWN_EXIT_MISMATCH2 = frozenset({
})

#: The third set's wrong placements (fixtures/blind3/README.md): none at its first run.
KNOWN_WRONG3: frozenset[tuple[str, str]] = frozenset()

#: The third set's exit mismatches, by class (fixtures/blind3/README.md, "First run").
KNOWN_EXIT_MISMATCH3 = frozenset({
    "ringcentral-swagger-paste-escaped-json-no-auth",  # wrongly ready: no credential at all (the paste shows the 401)
})

#: The fourth set's wrong placements (fixtures/blind4/README.md): the first run's one (gccksa) is fixed.
KNOWN_WRONG4: frozenset[tuple[str, str]] = frozenset()

#: The fourth set's exit mismatches (fixtures/blind4/README.md): none since the raw-HTTP-behind-a-label fix.
KNOWN_EXIT_MISMATCH4: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def judged() -> dict[str, BlindCase]:
    return {path.stem: judge_case(path) for path in CASES + CASES2 + CASES3 + CASES4}


@pytest.mark.parametrize(("folder", "cases"), [(BLIND_DIR, CASES), (BLIND2_DIR, CASES2), (BLIND3_DIR, CASES3),
                                                (BLIND4_DIR, CASES4)],
                         ids=["blind", "blind2", "blind3", "blind4"])
def test_the_blind_set_is_large_and_well_formed(folder: Path, cases: list[Path]) -> None:
    assert len(cases) >= 35
    tomls = sorted(p.name.removesuffix(".places.toml") for p in folder.glob("*.places.toml"))
    assert tomls == [p.stem for p in cases]
    for path in cases:
        expected = expectation(path)
        assert expected.get("source") and expected.get("note") and expected.get("classes"), path.name
        for key in ("to", "body"):
            place = expected.get(key)
            assert isinstance(place, str) and place, (path.name, key)
            for text in ([] if place == "ask" else [place]) + list(expected.get(f"{key}_candidates", [])):
                parse_place(text)  # raises PlaceSyntaxError on a typo in the expectation


def test_the_sets_share_no_case() -> None:
    names = [{p.stem for p in cases} for cases in (CASES, CASES2, CASES3, CASES4)]
    assert all(not (first & second) for index, first in enumerate(names) for second in names[index + 1 :])


class Known(NamedTuple):
    """A set's known failures: wrong placements as (case, role), and exit-code mismatches by case."""

    wrong: frozenset[tuple[str, str]]
    exit_mismatch: frozenset[str]


JUDGEMENTS = ([(path, Known(KNOWN_WRONG, KNOWN_EXIT_MISMATCH)) for path in CASES]
              + [(path, Known(KNOWN_WRONG2, KNOWN_EXIT_MISMATCH2)) for path in CASES2]
              + [(path, Known(KNOWN_WRONG3, KNOWN_EXIT_MISMATCH3)) for path in CASES3]
              + [(path, Known(KNOWN_WRONG4, KNOWN_EXIT_MISMATCH4)) for path in CASES4])
IDS = [f"{path.parent.name}/{path.stem}" for path, _ in JUDGEMENTS]


@pytest.mark.parametrize(("curl_file", "known"), JUDGEMENTS, ids=IDS)
def test_no_wrong_placement_beyond_the_known(curl_file: Path, known: Known, judged: dict[str, BlindCase]) -> None:
    case = judged[curl_file.stem]
    wrong = {(case.case, role) for role, verdict, _ in case.verdicts if verdict == "wrong"}
    expected_wrong = {item for item in known.wrong if item[0] == case.case}
    assert wrong == expected_wrong, "a new wrong placement, or a known one fixed: update KNOWN_WRONG and the README"


@pytest.mark.parametrize(("curl_file", "known"), JUDGEMENTS, ids=IDS)
def test_exit_code_as_expected_beyond_the_known(curl_file: Path, known: Known, judged: dict[str, BlindCase]) -> None:
    case = judged[curl_file.stem]
    if case.exit_as_expected is None:
        assert case.case not in known.exit_mismatch, "a case without expected_exit cannot be a known mismatch"
        return
    assert (not case.exit_as_expected) == (case.case in known.exit_mismatch), (
        f"exit {case.exit_code}, expected {case.expected_exit}: update the KNOWN_EXIT_MISMATCH set and the README")
