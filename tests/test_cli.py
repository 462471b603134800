"""The command line: exit codes, where output goes, and that bad input never writes or clobbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_cases import CURL_DIR, ERROR_DIR

from curlport.cli import main


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_import_prints_a_schema_valid_config_on_stdout() -> None:
    code, out, err = run("import", str(CURL_DIR / "ready-form.curl"))
    assert code == 0
    config = json.loads(out)
    assert config["name"] == "ready-form"
    assert config["endpoint"] == "https://api.textlocal.in/send/"
    assert err == ""


def test_a_sample_that_is_not_ready_is_written_with_exit_1() -> None:
    code, out, err = run("import", str(CURL_DIR / "textlocal.curl"))
    assert code == 1
    assert json.loads(out)["name"] == "textlocal"
    assert "CP401 error" in err and "config printed with error-level findings" in err
    assert "CP020 info: recipient: form field \"numbers\" (sample 918123456789) -> $$To" in err


def test_import_reads_stdin_and_takes_a_name() -> None:
    code, out, _ = run("import", "-", "--name", "acme", stdin=b"curl https://x.example/s -d 'to=$$To&text=$$Body'")
    assert code == 0
    assert json.loads(out)["name"] == "acme"


def test_findings_go_to_stderr_with_location_and_caret() -> None:
    code, out, err = run("import", str(CURL_DIR / "trailing-pipe.curl"))
    assert code == 0
    assert json.loads(out)["method"] == "POST"
    assert "trailing-pipe.curl:1:60: CP002 warning:" in err
    assert err.splitlines()[2].index("^") == err.splitlines()[1].index("|")


def test_output_file_is_written_and_never_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "acme.json"
    # plivo's sample still has no $$To: written, with exit 1 so the user knows it is not ready
    assert run("import", str(CURL_DIR / "plivo.curl"), "-o", str(target))[0] == 1
    first = target.read_text()
    assert json.loads(first)["name"] == "plivo"
    code, _, err = run("import", str(CURL_DIR / "bulksms.curl"), "-o", str(target))
    assert code == 2 and "exists; pass --force" in err
    assert target.read_text() == first
    assert run("import", str(CURL_DIR / "bulksms.curl"), "-o", str(target), "--force")[0] == 1
    assert json.loads(target.read_text())["name"] == "bulksms"
    assert [p.name for p in tmp_path.iterdir()] == ["acme.json"]


@pytest.mark.parametrize(("case", "exit_code"), [
    ("empty", 2), ("binary", 2), ("not-utf8", 2), ("unbalanced-single-quote", 2), ("not-curl", 2),
    ("unknown-option", 2), ("method-patch", 1), ("multipart-form", 1),
])
def test_bad_input_is_one_clear_error_and_writes_nothing(tmp_path: Path, case: str, exit_code: int) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious")
    code, out, err = run("import", str(ERROR_DIR / f"{case}.curl"), "-o", str(target), "--force")
    assert code == exit_code
    assert out == ""
    assert err.startswith(f"{ERROR_DIR / case}.curl:")
    assert ": error: " in err.splitlines()[0]
    assert "Traceback" not in err
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_unbalanced_quote_points_at_the_quote() -> None:
    code, _, err = run("import", str(ERROR_DIR / "unbalanced-single-quote.curl"))
    lines = err.splitlines()
    assert code == 2
    assert lines[0].endswith(":2:6: error: unbalanced ': this quote is never closed")
    assert lines[1].strip().startswith("-d '")
    assert lines[2].index("^") == lines[1].index("'")


def test_ten_megabytes_is_refused_quickly(tmp_path: Path) -> None:
    huge = tmp_path / "huge.curl"
    huge.write_bytes(b"curl https://x.example/s -d '" + b"a" * 10_000_000 + b"'\n")
    code, out, err = run("import", str(huge))
    assert code == 2 and out == ""
    assert "larger than 1 MiB" in err


def test_missing_file_is_a_tool_error() -> None:
    code, _, err = run("import", "no/such/file.curl")
    assert code == 2 and "cannot read" in err


def test_secrets_are_masked_in_the_source_line_of_an_error(tmp_path: Path) -> None:
    source = tmp_path / "secret.curl"
    source.write_text("curl -u acct:hunter2 https://x.example/s --frobnicate\n")
    _, _, err = run("import", str(source))
    assert "hunter2" not in err and "*******" in err


def test_file_references_are_read_only_when_allowed(tmp_path: Path) -> None:
    (tmp_path / "body.txt").write_text("to=$$To&text=$$Body\n")
    source = tmp_path / "p.curl"
    source.write_text("curl https://x.example/s -d @body.txt\n")
    code, out, err = run("import", str(source))
    assert code == 1 and json.loads(out)["parameters"] is None and "CP004" in err and "CP101" in err
    code, out, _ = run("import", str(source), "--allow-file-refs", str(tmp_path))
    assert code == 0
    assert json.loads(out)["parameters"] == {
        "format": "form", "fields": [{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}]}
    outside = tmp_path / "inner"
    outside.mkdir()
    source.write_text("curl https://x.example/s -d @../body.txt\n")
    code, out, err = run("import", str(source), "--allow-file-refs", str(outside))
    assert json.loads(out)["parameters"] is None and "outside --allow-file-refs" in err


def test_schema_command_prints_the_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_python_dash_m_works() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "curlport", "--help"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0 and "import" in completed.stdout


def test_name_defaults_to_the_endpoint_host_on_stdin() -> None:
    code, out, _ = run("import", "-", stdin=b"curl https://api.example.com/s -d 'to=$$To&text=$$Body'")
    assert code == 0 and json.loads(out)["name"] == "api.example.com"


def test_write_atomically_never_replaces_a_file_that_appears_meanwhile(tmp_path: Path) -> None:
    from curlport.config.emit import write_atomically
    from curlport.errors import OutputExistsError

    target = tmp_path / "c.json"
    write_atomically(target, "first\n")
    with pytest.raises(OutputExistsError):
        write_atomically(target, "second\n")
    assert target.read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]
