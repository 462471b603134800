"""Resources: inputs are read with a bound, printed lines are windows, repeated findings are capped with a count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from curlport.cli import main
from curlport.diagnostics import MAX_SHOWN_WIDTH
from curlport.findings import MAX_PER_CODE

CURLPORT = " ".join([sys.executable, "-m", "curlport"])


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def shell(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False,
                          env={**os.environ, "CURLPORT": CURLPORT})


def test_dev_zero_is_refused_after_a_bounded_read() -> None:
    code, _, err = run("import", "/dev/zero")
    assert code == 2 and len(err.splitlines()) == 1 and "1 MiB" in err
    code, out, _ = run("lint", "--isolated", "--format", "json", "/dev/zero")
    assert code == 1 and [f["code"] for f in json.loads(out)] == ["CP000"]


def test_200_megabytes_on_stdin_are_refused_after_a_bounded_read() -> None:
    done = shell("head -c 200000000 /dev/zero | $CURLPORT import -; echo \"exit=$?\"")
    assert done.stdout.strip().endswith("exit=2") and len(done.stderr.splitlines()) == 1 and "1 MiB" in done.stderr


def test_a_1_gib_file_reference_is_refused_after_a_bounded_read(tmp_path: Path) -> None:
    with (tmp_path / "body.json").open("wb") as handle:  # sparse: no gigabyte is written to disk
        handle.truncate(1 << 30)
    code, _, err = run("import", "-", "--allow-file-refs", str(tmp_path),
                       stdin=b"curl https://x.example/s -d @body.json")
    assert code == 2 and err.startswith("<stdin>:1:29: error:") and "larger than 1 MiB" in err


def _many(count: int) -> bytes:
    """One long line with ``count`` miscased placeholders (CP103 each), the shape that printed gigabytes."""
    fields = "&".join(f"f{n}=$$to" for n in range(count))
    return f"curl https://x.example/s -d 'to=$$To&text=$$Body&{fields}'".encode()


@pytest.mark.parametrize("output_format", ["text", "full", "concise"])
def test_repeated_findings_are_capped_with_a_count_and_the_output_does_not_grow(output_format: str) -> None:
    sizes = []
    for count in (MAX_PER_CODE * 2, MAX_PER_CODE * 8):
        code, out, _ = run("lint", "--isolated", "--format", output_format, "-", "--stdin-filename", "a.curl",
                           stdin=_many(count))
        assert code == 1
        assert out.count("CP103 error") == MAX_PER_CODE
        assert f"a.curl: … and {count - MAX_PER_CODE:,} more CP103 in this file" in out
        assert f"Found {count} errors" in out
        assert max(len(line) for line in out.splitlines()) < 2 * MAX_SHOWN_WIDTH + 200
        sizes.append(len(out))
    assert sizes[1] < sizes[0] * 1.1  # four times the findings, the same output


def test_statistics_count_the_findings_left_out() -> None:
    code, out, _ = run("lint", "--isolated", "--statistics", "--format", "json", "-", "--stdin-filename", "a.curl",
                       stdin=_many(MAX_PER_CODE * 3))
    assert code == 1 and {s["code"]: s["count"] for s in json.loads(out)}["CP103"] == MAX_PER_CODE * 3


def test_import_stderr_is_capped_and_windowed() -> None:
    code, _, err = run("import", "-", stdin=_many(MAX_PER_CODE * 4))
    assert code == 1 and err.count("CP103 error") == MAX_PER_CODE
    assert f"<stdin>: … and {MAX_PER_CODE * 3:,} more CP103 in this file" in err
    assert max(len(line) for line in err.splitlines()) < 2 * MAX_SHOWN_WIDTH + 200
