"""The CLI never ends in a traceback: closed or full streams, stray settings files, a crash in one file or command."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_cases import CURL_DIR

from curlport import rules
from curlport.cli import main
from curlport.rules.base import Config, Problem

CURLPORT = [sys.executable, "-m", "curlport"]
CONFIG = '{"name": "%s", "method": "GET", "endpoint": "https://x.example/s?to=$$To&text=$$Body", "auth": null, ' \
         '"headers": [], "parameters": null}\n'


def shell(command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``command`` in bash, ``curlport`` being this checkout's (the streams are the shell's to close or fill)."""
    env = {**os.environ, "CURLPORT": " ".join(CURLPORT)}
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False, cwd=cwd, env=env)


def assert_one_line(err: str) -> None:
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_stdout_on_a_full_disk_is_one_line_and_exit_2() -> None:
    done = shell(f"$CURLPORT lint {CURL_DIR} > /dev/full")
    assert done.returncode == 2
    assert_one_line(done.stderr)


def test_a_reader_that_goes_away_is_no_traceback() -> None:
    done = shell(f"$CURLPORT lint {CURL_DIR} | head -1; exit ${{PIPESTATUS[0]}}")
    assert len(done.stdout.splitlines()) == 1 and "Traceback" not in done.stderr and done.returncode != 0


@pytest.mark.parametrize("command", ["import -", "lint -", "render - --to 1 --body x"])
def test_a_closed_stdin_is_one_line_and_exit_2(command: str) -> None:
    done = shell(f"$CURLPORT {command} <&-")
    assert done.returncode == 2
    assert_one_line(done.stderr)


def test_a_closed_stdout_is_no_traceback() -> None:
    done = shell(f"$CURLPORT import {CURL_DIR / 'ready-form.curl'} >&-")
    assert "Traceback" not in done.stderr and done.returncode in (0, 2)


@pytest.fixture
def nested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "project").mkdir()
    shutil.copy(CURL_DIR / "ready-form.curl", tmp_path / "project")
    monkeypatch.chdir(tmp_path / "project")
    yield tmp_path


@pytest.mark.parametrize("text", [b"[project\nname = 1\n", b"tool = 5\n", b"\xff\xfe[", b"[tool]\nother = 1\n"])
def test_another_projects_broken_pyproject_upwards_is_passed_over(nested: Path, text: bytes) -> None:
    (nested / "pyproject.toml").write_bytes(text)
    result = CliRunner().invoke(main, ["lint", "ready-form.curl"])
    assert result.exit_code == 0, result.output


def test_a_broken_pyproject_that_names_curlport_is_reported_with_its_position(nested: Path) -> None:
    (nested / "pyproject.toml").write_text("[tool.curlport\nselect = 1\n")
    result = CliRunner().invoke(main, ["lint", "ready-form.curl"])
    assert result.exit_code == 2 and result.stderr.startswith("../pyproject.toml:1:15: error:")


def test_an_unexpected_exception_is_one_line_with_a_bug_report_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("curlport.cli.import_command.import_curl", boom)
    monkeypatch.delenv("CURLPORT_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["import", str(CURL_DIR / "ready-form.curl")])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("curlport: internal error: RuntimeError: boom (please report this at https://")
    assert result.stderr.endswith("run with CURLPORT_DEBUG=1 for the traceback)\n")
    monkeypatch.setenv("CURLPORT_DEBUG", "1")
    result = CliRunner().invoke(main, ["import", str(CURL_DIR / "ready-form.curl")])
    assert isinstance(result.exception, RuntimeError)


def test_one_file_that_crashes_lint_is_a_finding_and_the_others_are_reported(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def crash_on_bad(config: Config) -> Iterator[Problem]:
        if config.get("name") == "bad":
            raise ZeroDivisionError("a bug")
        yield from ()

    first = rules.ALL_RULES[0]
    monkeypatch.setattr(rules, "ALL_RULES", (dataclasses.replace(first, check=crash_on_bad), *rules.ALL_RULES[1:]))
    monkeypatch.chdir(tmp_path)
    Path("bad.json").write_text(CONFIG % "bad")
    Path("good.json").write_text(CONFIG.replace("$$To", "$$to") % "good")
    result = CliRunner().invoke(main, ["lint", "--isolated", "--format", "concise", "bad.json", "good.json"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("bad.json:1:1: CP000 error: internal error while linting this file: ZeroDivisionError")
    assert any(line.startswith("good.json:1:") and "CP103" in line for line in lines)
