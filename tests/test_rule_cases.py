"""Each rule's cases as data (fixtures/rules/<CODE>.toml), run by one harness, like sqlfluff's rule fixtures.

A case is a file's text, the (line, column) of each finding of its rule, and for
fixable rules the text after ``lint --fix`` (``--unsafe-fixes`` with ``unsafe``).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from curlport.config.schema import violations
from curlport.lint.fixes import fix_json_text
from curlport.lint.runner import lint_text
from curlport.rules import ALL_RULES, RULES_BY_CODE
from curlport.rules.base import Autofix

RULE_CASES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"


def _cases(code: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = tomllib.loads((RULE_CASES / f"{code}.toml").read_text(encoding="utf-8"))["case"]
    return cases


CASES = [(path.stem, case) for path in sorted(RULE_CASES.glob("*.toml")) for case in _cases(path.stem)]


def _params(wanted: str | None = None) -> list[Any]:
    """The cases (those with the key ``wanted`` set) as parameters named by code and case."""
    return [pytest.param(code, case, id=f"{code}-{case['name']}") for code, case in CASES
            if wanted is None or case.get(wanted)]


def _locations(code: str, case: dict[str, Any], text: str | None = None) -> list[list[int]]:
    report = lint_text((text or case["input"]).encode(), case.get("file", "config.json"), frozenset({code}))
    assert all(f.span is not None for f in report.findings if f.code == code)
    return [[f.span.line, f.span.column] for f in report.findings if f.code == code and f.span]


@pytest.mark.parametrize(("code", "case"), _params())
def test_case_findings_at_their_locations(code: str, case: dict[str, Any]) -> None:
    assert _locations(code, case) == case["expect"]


@pytest.mark.parametrize(("code", "case"), _params("fixed"))
def test_case_fix_output_and_idempotence(code: str, case: dict[str, Any]) -> None:
    unsafe = case.get("unsafe", False)
    fixed = fix_json_text(case["input"], frozenset({code}), unsafe=unsafe)
    assert fixed.text == case["fixed"]
    again = fix_json_text(fixed.text, frozenset({code}), unsafe=unsafe)
    assert again.text == fixed.text and again.applied == ()
    if fixed.applied:
        assert len(_locations(code, case, fixed.text)) < len(case["expect"])


@pytest.mark.parametrize(("code", "case"), _params("unsafe"))
def test_unsafe_fixes_need_the_flag(code: str, case: dict[str, Any]) -> None:
    assert fix_json_text(case["input"], frozenset({code})).text == case["input"]


@pytest.mark.parametrize("code", sorted(RULES_BY_CODE))
def test_every_rule_has_a_bad_a_good_and_a_fix_case(code: str) -> None:
    cases = _cases(code)
    assert any(len(case["expect"]) == 1 for case in cases), "a case that triggers the rule exactly once"
    assert any(case["expect"] == [] for case in cases), "a case that does not trigger it"
    autofix = RULES_BY_CODE[code].autofix
    fixing = [case for case in cases if "fixed" in case and case["fixed"] != case["input"]]
    if autofix is None:
        assert not fixing
        return
    for safe in (True, False):
        if autofix.allows(safe):
            assert any(bool(case.get("unsafe")) != safe for case in fixing), f"a {'safe' * safe or 'unsafe'} fix case"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_fixes_offered_match_the_declaration(rule: Any) -> None:
    for case in _cases(rule.code):
        report = lint_text(case["input"].encode(), case.get("file", "config.json"), frozenset({rule.code}))
        for finding in report.findings:
            if finding.fix is not None:
                assert rule.autofix is not None and Autofix(rule.autofix).allows(finding.fix.safe)
                assert rule.fix_safety


CORPUS = [path for path in sorted((RULE_CASES.parent / "configs").glob("*.json"))
          if not path.name.endswith((".findings.json", ".lint.json"))]


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixing_every_corpus_config_converges_and_keeps_it_valid(path: Path, unsafe: bool) -> None:
    text = path.read_text(encoding="utf-8")
    fixed = fix_json_text(text, unsafe=unsafe)
    assert violations(json.loads(fixed.text)) == []
    assert fix_json_text(fixed.text, unsafe=unsafe).applied == ()
    remaining = [f for f in lint_text(fixed.text.encode(), path.name).findings if f.fix and (f.fix.safe or unsafe)]
    assert remaining == []


@pytest.mark.parametrize("text", [
    '{"method": "GET", "endpoint": "https://x/s", "parameters": {"format": "form", "fields": "to=$$to"}}',
    '{"method": "GET", "endpoint": "https://x/s", "parameters": {"format": "form", "fields": [["to", "$$To"]]}}',
    '{"method": "GET", "endpoint": 7, "parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}]}}',
    '{"endpoint": "https://u:p@x/s?to=$$to", "headers": "Authorization: Basic dTpw"}',
    '{"method": "GET", "endpoint": "http://x/s?apikey=1&to=447700900123", "headers": [{"key": "token"}]}',
    '[1, 2]', '"$$to"', '{"headers": [{"key": "Authorization", "value": "Basic !!"}], "auth": "x"}',
])
def test_rules_and_fixes_never_crash_on_malformed_configs(text: str) -> None:
    assert any(f.code == "CP501" for f in lint_text(text.encode(), "config.json").findings)
    for unsafe in (False, True):
        fixed = fix_json_text(text, unsafe=unsafe)
        json.loads(fixed.text)
        assert fix_json_text(fixed.text, unsafe=unsafe).applied == ()
