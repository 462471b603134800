"""Writing files: symlinks, FIFOs and devices, permission bits, a file changed meanwhile, a writer killed mid-write."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_cases import CURL_DIR
from test_lint_cli import MISCASED  # one config with a safe fix, shared by the lint and file tests

from curlport.cli import main
from curlport.config.emit import write_atomically
from curlport.errors import OutputChangedError
from curlport.inputs import read_bounded

CURL = str(CURL_DIR / "ready-form.curl")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def temporaries(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_force_onto_a_symlink_writes_its_target_and_the_link_stays(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    code, _, err = run("import", CURL, "-o", str(link), "--force")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == "real.json"
    assert '"name": "ready-form"' in target.read_text()
    assert temporaries(tmp_path) == []


def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("missing.json")
    code, _, err = run("import", CURL, "-o", str(link), "--force")
    assert code == 2 and len(err.splitlines()) == 1
    assert link.is_symlink() and not (tmp_path / "missing.json").exists()


def test_a_fifo_is_refused_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    code, out, err = run("import", CURL, "-o", str(fifo), "--force")
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "FIFO" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert temporaries(tmp_path) == []


def test_a_device_node_is_refused_and_stays_a_device() -> None:
    code, _, err = run("import", CURL, "-o", os.devnull, "--force")
    assert code == 2 and len(err.splitlines()) == 1 and "device" in err
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_lint_report_onto_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    code, _, err = run("lint", CURL, "-o", str(fifo))
    assert code == 2 and len(err.splitlines()) == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "acme.json"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomically(target, "new\n", force=True)
    assert target.read_text() == "new\n" and stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_honours_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    os.umask(mask)
    target = tmp_path / "acme.json"
    write_atomically(target, "new\n")
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_lint_fix_on_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("real.json").write_text(MISCASED)
    Path("acme.json").symlink_to("real.json")
    code, _, _ = run("lint", "--isolated", "--fix", "acme.json")
    assert code in (0, 1)
    assert Path("acme.json").is_symlink()
    assert "$$To" in Path("real.json").read_text() and "$$to" not in Path("real.json").read_text()


def test_a_file_changed_since_it_was_read_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "acme.json"
    target.write_text("first\n")
    _, snapshot = read_bounded(target, 1 << 20, snapshot=True)
    assert snapshot is not None
    target.write_text("another process\n")
    with pytest.raises(OutputChangedError):
        write_atomically(target, "ours\n", force=True, unchanged_since=snapshot)
    assert target.read_text() == "another process\n" and temporaries(tmp_path) == []


def test_lint_fix_never_overwrites_a_change_made_during_the_run(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from curlport.lint import runner

    monkeypatch.chdir(tmp_path)
    config = Path("acme.json")
    config.write_text(MISCASED)
    lint_text = runner.lint_text

    def meanwhile(*args: object, **kwargs: object) -> runner.FileReport:
        config.write_text(MISCASED.replace("acme", "edited"))  # another process saves the file now
        return lint_text(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "lint_text", meanwhile)
    code, _, err = run("lint", "--isolated", "--fix", "acme.json")
    assert code == 2 and len(err.splitlines()) == 1 and "changed since" in err
    assert config.read_text() == MISCASED.replace("acme", "edited")


def test_output_into_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    for command in (["import", CURL, "-o"], ["lint", CURL, "-o"]):
        code, _, err = run(*command, str(tmp_path / "missing" / "out.json"))
        assert code == 2 and len(err.splitlines()) == 1 and "does not exist" in err


def test_a_folder_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*args: object, **kwargs: object) -> int:  # root writes any folder: refuse as a read-only one
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("curlport.config.emit.os.open", read_only)
    code, _, err = run("import", CURL, "-o", str(tmp_path / "out.json"))
    assert code == 2 and err == f"{tmp_path / 'out.json'}: error: cannot write in {tmp_path}: Permission denied\n"


#: A child that writes a large config over OLD and is SIGKILLed at a chosen point of the write.
_KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from curlport.config import emit

point, target = sys.argv[1], Path(sys.argv[2])
write_all = emit._write_all

def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)

def half_then_die(descriptor, data):
    write_all(descriptor, data[: len(data) // 2])
    die()

if point == "mid-write":
    emit._write_all = half_then_die
else:  # written and synced, not yet renamed
    emit.os.replace = die
emit.write_atomically(target, '{"name": "' + "x" * 4_000_000 + '"}\\n', force=True)
"""


@pytest.mark.parametrize("point", ["mid-write", "before-rename"])
def test_a_writer_killed_mid_write_leaves_the_old_file_whole(tmp_path: Path, point: str) -> None:
    target = tmp_path / "acme.json"
    target.write_text("old\n")
    child = subprocess.run([sys.executable, "-c", _KILLED_WRITER, point, str(target)], check=False,
                           capture_output=True)
    assert child.returncode == -signal.SIGKILL
    assert target.read_text() == "old\n"
    assert len(temporaries(tmp_path)) == 1  # the killed writer's, named as ours
    code, _, err = run("import", CURL, "-o", str(target), "--force")
    assert code == 0, err
    assert temporaries(tmp_path) == [] and '"ready-form"' in target.read_text()


def test_a_temporary_of_a_running_writer_is_left_alone(tmp_path: Path) -> None:
    busy = tmp_path / f".acme.json.curlport-{os.getppid()}-abcd.tmp"
    busy.write_text("being written\n")
    other = tmp_path / ".acme.json.not-ours.tmp"
    other.write_text("someone else's\n")
    write_atomically(tmp_path / "acme.json", "new\n")
    assert busy.exists() and other.exists()

