"""The rules: each one's own bad example triggers it exactly once, its good example never; docs complete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_cases import CONFIG_DIR, CURL_DIR, curl_cases, lint_case

from curlport import import_curl
from curlport.catalogue import CODES, markdown_table
from curlport.cli import main
from curlport.lint.runner import lint_text
from curlport.rules import ALL_RULES, RULES_BY_CODE, Rule


@pytest.mark.parametrize("code", sorted(RULES_BY_CODE))
def test_bad_example_triggers_the_rule_once_with_a_location(code: str) -> None:
    rule = RULES_BY_CODE[code]
    hits = [f for f in lint_text(rule.bad.encode(), "bad.json").findings if f.code == code]
    assert len(hits) == 1, hits
    assert hits[0].span is not None and hits[0].span.line == 1 and hits[0].span.column > 1


@pytest.mark.parametrize("code", sorted(RULES_BY_CODE))
def test_good_example_does_not_trigger_the_rule(code: str) -> None:
    rule = RULES_BY_CODE[code]
    assert [f for f in lint_text(rule.good.encode(), "good.json").findings if f.code == code] == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_every_rule_is_documented(rule: Rule) -> None:
    for section in (rule.summary, rule.why, rule.fix, rule.bad, rule.good):
        assert section.strip()
    json.loads(rule.bad)
    json.loads(rule.good)


def test_codes_are_unique_and_well_formed() -> None:
    assert all(code.startswith("CP") and len(code) == 5 for code in CODES)
    assert len({doc.name for doc in CODES.values()}) == len(CODES)


@pytest.mark.parametrize("case", curl_cases())
def test_corpus_lint_findings(case: str) -> None:
    expected = json.loads((CONFIG_DIR / f"{case}.lint.json").read_text(encoding="utf-8"))
    assert lint_case(CURL_DIR / f"{case}.curl") == expected


def test_schema_violations_are_all_reported_with_pointers() -> None:
    text = '{"name": "", "method": "GET", "endpoint": "https://x/?to=$$To&m=$$Body", "auth": 7, "headers": {}}'
    violations = [f for f in lint_text(text.encode(), "c.json").findings if f.code == "CP501"]
    assert sorted(f.pointer or "" for f in violations) == ["/", "/auth", "/headers", "/name"]


def test_a_rule_that_explains_a_schema_violation_replaces_it() -> None:
    text = '{"name": "a", "method": "PUT", "endpoint": "ftp://x", "auth": null, "headers": [], "parameters": null}'
    codes = sorted((f.code, f.pointer) for f in lint_text(text.encode(), "c.json").findings if f.code >= "CP2")
    assert codes == [("CP205", "/method"), ("CP206", "/endpoint")]


def test_deeply_nested_json_is_a_finding_not_a_crash() -> None:
    [finding] = lint_text(b"[" * 100_000 + b"]" * 100_000, "c.json").findings
    assert finding.code == "CP000" and "nested deeper" in finding.message and finding.span is not None


def test_a_deeply_nested_json_body_in_a_curl_command_does_not_crash_the_rules() -> None:
    body = '{"text": "$$Body", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    report = lint_text(f"curl 'https://sms.example.com/send?to=$$To' --json '{body}'\n".encode(), "deep.curl")
    assert "CP302" not in {f.code for f in report.findings}


def test_unparseable_json_is_a_finding_with_a_location() -> None:
    [finding] = lint_text(b'{"name": "a",\n  "method" "GET"}', "c.json").findings
    assert finding.code == "CP000" and finding.span is not None and finding.span.line == 2


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


def test_lint_exit_codes_and_exit_zero() -> None:
    assert run("lint", str(CONFIG_DIR / "ready-form.json"))[0] == 0
    assert run("lint", str(CONFIG_DIR / "textlocal.json"))[0] == 1
    assert run("lint", "--exit-zero", str(CONFIG_DIR / "textlocal.json"))[0] == 0
    assert run("lint", "--select", "CP999", str(CONFIG_DIR / "textlocal.json"))[0] == 2


@pytest.fixture
def sample_config(tmp_path: Path) -> Path:
    """TextLocal's sample as a config with its sample number and message still in it (imported without detection)."""
    path = tmp_path / "textlocal.json"
    text = (CURL_DIR / "textlocal.curl").read_text(encoding="utf-8")
    path.write_text(import_curl(text, name="textlocal", placeholders="none").config_json, encoding="utf-8")
    return path


def test_select_and_ignore_by_prefix(sample_config: Path) -> None:
    _, out = run("lint", "--format", "json", "--select", "CP4", str(sample_config))
    assert {record["code"] for record in json.loads(out)} == {"CP401", "CP402"}
    _, out = run("lint", "--format", "json", "--ignore", "CP1", "--ignore", "CP401", str(sample_config))
    assert {record["code"] for record in json.loads(out)} == {"CP402"}


def test_sarif_has_rules_results_and_regions() -> None:
    _, out = run("lint", "--format", "sarif", str(CONFIG_DIR / "textlocal.json"))
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "curlport" and all(rule["help"]["text"] for rule in driver["rules"])
    result = log["runs"][0]["results"][0]
    assert result["ruleId"] == driver["rules"][result["ruleIndex"]]["id"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["endColumn"] > region["startColumn"]


def test_github_annotations_escape_properties(sample_config: Path) -> None:
    _, out = run("lint", "--format", "github", str(sample_config))
    first = out.splitlines()[0]
    assert first.startswith("::error file=") and ",line=17,col=19," in first
    assert "title=CP401 unfilled-template-value::" in first


def test_secrets_are_masked_unless_asked(tmp_path: Path) -> None:
    source = tmp_path / "p.curl"
    source.write_text("curl -u acct:hunter2 http://sms.example.com/send -d 'to=$$To&text=$$Body'\n")
    _, out = run("lint", str(source))
    assert "CP203 warning" in out and "acct:*******" in out and "hunter2" not in out
    _, out = run("lint", "--show-secrets", str(source))
    assert "hunter2" in out


def test_rules_command_lists_and_explains() -> None:
    code, out = run("rules")
    assert code == 0 and "CP103" in out and "CP001" in out
    code, out = run("rules", "cp103")
    assert code == 0 and "Why it matters" in out and "Use instead" in out
    assert run("rules", "CP999")[0] == 2


def test_readme_rule_table_is_generated_from_the_declarations() -> None:
    readme = (CURL_DIR.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "<!-- rules:start -->\n" + markdown_table() + "\n<!-- rules:end -->" in readme
