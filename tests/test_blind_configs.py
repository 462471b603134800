"""The blind set of configs (fixtures/blind-configs; see tests/blind_configs.py): each case answers as its toml says.

KNOWN_FAILURES lists today's failures by name. It is strict both ways: a case that
starts failing fails the test, and so does a listed case that stops failing, so the
list can only shrink as the rules and the importers improve (remove the case in the
change that fixes it). The folder's README says which class each listed case is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from blind_configs import BLIND_CONFIGS_DIR, config_cases, expectation, judge_case

from curlport.config.detect.places import parse_place

CASES = config_cases()

#: Cases that do not answer as their toml says (class in the README).
KNOWN_FAILURES: frozenset[str] = frozenset({
    "conflicting-content-types",
    "duplicate-keys-first-wins-looks-ok",
    "encoded-placeholder",
    "query-to-sample-plus-form-to",
    "raw-form-text",
    "frappe-fixtures-list",
    "ha-data-template",
    "ha-target-first-filter",
    "ha-twilio-secret",
})

_KEYS = {"command", "platform", "apprise_to", "expected_exit", "must_find", "must_find_any", "must_not_find", "clean",
         "not_clean", "to", "body", "source", "classes", "note"}


def test_the_set_is_large_and_well_formed() -> None:
    assert len(CASES) >= 40
    stems = [path.stem for path in CASES]
    assert sorted(path.stem for path in BLIND_CONFIGS_DIR.glob("*.toml")) == stems
    readme = (BLIND_CONFIGS_DIR / "README.md").read_text(encoding="utf-8")
    for path in CASES:
        expected = expectation(path)
        assert set(expected) <= _KEYS, path.name
        assert expected.get("source") and expected.get("note") and expected.get("classes"), path.name
        assert expected["command"] in ("lint", "import") and expected["expected_exit"], path.name
        assert (expected["command"] == "import") == ("platform" in expected), path.name
        for place in [*expected.get("to", []), *expected.get("body", [])]:
            parse_place(place)  # raises PlaceSyntaxError on a typo in the expectation
        assert f"| {path.stem} |" in readme, path.name
    assert KNOWN_FAILURES <= set(stems)


@pytest.mark.parametrize("case_file", CASES, ids=[path.stem for path in CASES])
def test_case_answers_as_expected_beyond_the_known(case_file: Path) -> None:
    case = judge_case(case_file)
    assert case.passed != (case.case in KNOWN_FAILURES), (
        f"{case.failures or 'passes'}: update KNOWN_FAILURES and the README")
