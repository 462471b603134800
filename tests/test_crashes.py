"""Every crash found (by fuzzing, by hypothesis, by hand) stays fixed: the inputs that crashed, and what they give now.

Import errors are fixtures in ``fixtures/errors`` (checked by test_fixtures.py), commands that
now import are in ``fixtures/curl``; configs of the wrong shape are ``fixtures/malformed/<case>.json``
with their findings, checked here through lint, every reporter, ``--fix``, show, render and export.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from fixture_cases import MALFORMED_DIR, lint_case, malformed_cases
from whole_way import everywhere

from curlport.cli import main
from curlport.errors import CurlUsageError
from curlport.importer import import_curl
from curlport.preflight.load import load_config
from curlport.preflight.provider import Provider
from curlport.urls import split_url, url_problem


@pytest.mark.parametrize("case", malformed_cases())
def test_malformed_config_gives_its_findings(case: str) -> None:
    path = MALFORMED_DIR / f"{case}.json"
    expected = json.loads((MALFORMED_DIR / f"{case}.lint.json").read_text(encoding="utf-8"))
    assert lint_case(path) == expected
    assert expected and {code for code, _, _ in expected} & {"CP000", "CP501"}


@pytest.mark.parametrize("case", malformed_cases())
def test_malformed_config_goes_every_way_without_a_crash(case: str) -> None:
    everywhere((MALFORMED_DIR / f"{case}.json").read_bytes(), f"{case}.json")


@pytest.mark.parametrize("command", ["lint", "show", "render", "export"])
@pytest.mark.parametrize("case", malformed_cases())
def test_malformed_config_through_the_cli_exits_with_a_finding(case: str, command: str) -> None:
    """Exit 1 (findings) or 2 (not a config at all), never an exception out of the command (show prints the form
    of what the schema accepts, a URL it cannot connect to included, and says nothing more)."""
    result = CliRunner().invoke(main, [command, str(MALFORMED_DIR / f"{case}.json")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in ((0, 1, 2) if command == "show" else (1, 2)), result.output


def test_a_malformed_endpoint_is_refused_by_pre_flight_at_the_endpoint() -> None:
    loaded = load_config((MALFORMED_DIR / "endpoint-unclosed-ipv6-bracket.json").read_bytes(), "c.json")
    finding = loaded.provider()
    assert not isinstance(finding, Provider)
    assert (finding.code, finding.pointer, finding.span and (finding.span.line, finding.span.column)) == \
        ("CP501", "/endpoint", (1, 45))


@pytest.mark.parametrize("url", ["http://[::1/send", "https://[password]/x?to=1", "http://a:xx/p?q#f"])
def test_urls_python_refuses_are_still_split(url: str) -> None:
    parts = split_url(url)
    assert url_problem(url) is not None
    assert parts.scheme + "://" + parts.netloc + parts.path == url.split("?")[0]


# --- @file references under --allow-file-refs: a file that cannot be read is an error at the option -------------

def _import_with_files(text: str, folder: Path) -> CurlUsageError:
    with pytest.raises(CurlUsageError) as caught:
        import_curl(text, allow_file_refs=folder)
    return caught.value


def test_a_file_name_too_long_is_an_error_at_the_option(tmp_path: Path) -> None:
    error = _import_with_files(f"curl https://a.example/send -d @{'a' * 300}", tmp_path)
    assert (error.line, error.column) == (1, 32)


def test_a_nul_in_a_file_name_is_an_error_at_the_option(tmp_path: Path) -> None:
    error = _import_with_files("curl https://a.example/send -d @$'ab\\x00c'", tmp_path)
    assert (error.line, error.column) == (1, 32)


def test_an_unreadable_file_is_an_error_at_the_option(tmp_path: Path) -> None:
    (tmp_path / "locked").write_text("to=1")
    os.chmod(tmp_path / "locked", 0)
    # root reads any file: the permission error is made where the file is read
    with mock.patch.object(Path, "open", side_effect=PermissionError(13, "Permission denied")):
        error = _import_with_files("curl https://a.example/send -d @locked", tmp_path)
    assert (error.line, error.column, error.message) == (1, 32, "cannot read @locked: Permission denied")


def test_a_symlink_loop_is_an_error_at_the_option(tmp_path: Path) -> None:
    (tmp_path / "one").symlink_to(tmp_path / "two")
    (tmp_path / "two").symlink_to(tmp_path / "one")
    error = _import_with_files("curl https://a.example/send --data-binary @one", tmp_path)
    assert (error.line, error.column) == (1, 43)


# --- commands that crashed the importer and now import ----------------------------------------------------------

def test_a_basic_header_that_is_not_ascii_stays_a_header() -> None:
    """Not base64, so not decoded into the auth fields (the real-curl fixtures cannot hold it: the capture
    proxy reads header bytes as Latin-1)."""
    config = import_curl("curl https://sms.example.com/send -H 'Authorization: Basic é' -d to=1 -d text=hi").config
    assert (config["auth"], config["headers"]) == (None, [{"key": "Authorization", "value": "Basic é"}])


@pytest.mark.parametrize("text", ["curl https://a.example/s -d $'text=\\ud800' -d to=1",
                                  "curl https://a.example/s -u $'user:\\udfff'",
                                  'curl.exe https://a.example/s -d "text=`u{d800}"'])
def test_a_surrogate_escape_in_shell_text_is_the_replacement_character(text: str) -> None:
    """bash writes $'\\ud800' as bytes that are no UTF-8 (ED A0 80): a reader sees U+FFFD, and so does the config,
    which every output can then print (a lone surrogate crashed the printing)."""
    result = import_curl(text)
    assert "\ufffd" in result.config_json
    result.config_json.encode("utf-8")


def test_junit_holds_a_control_character_of_the_input() -> None:
    """ESC in a command went into the JUnit XML as it was, which no XML reader then read."""
    everywhere(b"curl 0 \x1b", "escape.curl")
