"""Bad input: header injection, an endpoint without a host, UTF-16 files, and --fix that converges in one run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from curlport.cli import main
from curlport.errors import InputError
from curlport.inputs import decode_input
from curlport.lint.fixes import fix_json_text

FORM = "-d 'to=$$To&text=$$Body'"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("header", "column"), [(r"$'X: a\r\nEvil: b'", 31), (r"$'X\nEvil: a'", 31)])
def test_a_line_break_in_a_header_is_an_error_in_import_and_lint(header: str, column: int) -> None:
    command = f"curl https://x.example/s -H {header} {FORM}".encode()
    code, _, err = run("import", "-", stdin=command)
    assert code == 1 and f"<stdin>:1:{column}: CP211 error" in err
    code, out, _ = run("lint", "--isolated", "--format", "json", "-", stdin=command)
    assert code == 1 and [(f["code"], f["line"], f["column"]) for f in json.loads(out)] == [
        ("CP211", 1, column)]


@pytest.mark.parametrize("url", ["https://", "''", "https:///send", "http://?x=1"])
def test_an_endpoint_without_a_host_is_located_and_explained(url: str) -> None:
    code, _, err = run("import", "-", stdin=f"curl {url} {FORM}".encode())
    assert code == 2 and err.startswith("<stdin>:1:6: error:") and "host name" in err and "[Hh]" not in err


@pytest.mark.parametrize(("text", "column"), [
    ('R=`curl --data-urlencode "GSM=$M" "http://" 2>&1`', 36), ('curl -d to=1 "https:///send?x=1"', 15),
    ("curl -d to=1 'http://user:pw@/send'", 15)])
def test_an_empty_host_in_a_script_is_one_error_at_the_url(text: str, column: int) -> None:
    code, _, err = run("import", "-", stdin=text.encode())
    assert code == 2 and err.startswith(f"<stdin>:1:{column}: error:") and err.count("error:") == 1
    assert "pw" not in err


def test_an_endpoint_without_a_host_in_a_config_is_explained() -> None:
    config = ('{"name": "a", "method": "GET", "endpoint": "https:///send?to=$$To&text=$$Body", "auth": null, '
              '"headers": [], "parameters": null}\n')
    code, out, _ = run("lint", "--isolated", "--format", "json", "-", "--stdin-filename", "a.json",
                       stdin=config.encode())
    found = [f for f in json.loads(out) if f["code"] == "CP501"]
    assert code == 1 and [(f["line"], f["column"]) for f in found] == [(1, 44)]
    assert "host name" in found[0]["message"] and "[Hh]" not in found[0]["message"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_with_a_hint_not_called_binary(encoding: str) -> None:
    with pytest.raises(InputError) as raised:
        decode_input(f"curl https://x.example/s {FORM}\n".encode(encoding))
    assert "UTF-16" in raised.value.message and "UTF-8" in raised.value.message
    assert (raised.value.line, raised.value.column) == (1, 1)


def test_binary_input_is_still_binary() -> None:
    with pytest.raises(InputError) as raised:
        decode_input(b"curl \x00\x00\x00\x00\x00\x00 https://x.example/s")
    assert "UTF-16" not in raised.value.message


def test_fix_of_300_problems_converges_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fields = [{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}]
    fields += [{"key": f"f{n}", "value": "$$to"} for n in range(300)]
    config = {"name": "acme", "method": "POST", "endpoint": "https://sms.example.com/send", "auth": None,
              "headers": [], "parameters": {"format": "form", "fields": fields}}
    once = fix_json_text(json.dumps(config, indent=2), frozenset({"CP103"}))
    assert len(once.applied) == 300 and "$$to" not in once.text
    assert fix_json_text(once.text, frozenset({"CP103"})).applied == ()
    monkeypatch.chdir(tmp_path)
    Path("acme.json").write_text(json.dumps(config, indent=2))
    run("lint", "--isolated", "--fix", "acme.json")
    fixed = Path("acme.json").read_text()
    code, out, _ = run("lint", "--isolated", "--diff", "acme.json")
    assert code == 0 and out == "" and Path("acme.json").read_text() == fixed and "$$to" not in fixed
