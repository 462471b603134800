"""The install a user runs: the wheel is pure Python, carries its grammar and schemas, and works from a new venv.

Built and installed offline (``--no-build-isolation``, ``--no-index``): the test proves what the wheel holds, not
what the network serves. The new venv borrows this venv's dependencies through a ``.pth`` line, which adds their
folder to ``sys.path`` without running the ``.pth`` files in it, so this checkout's editable install stays out of
sight and the wheel's own ``curlport`` is the one imported.
"""

from __future__ import annotations

import json
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*argv: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in argv], capture_output=True, text=True, check=True, cwd=cwd)


def test_the_wheel_installs_offline_into_a_new_venv_and_imports_a_fixture(tmp_path: Path) -> None:
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "-w", tmp_path / "dist", ROOT)
    [wheel] = (tmp_path / "dist").glob("curlport-*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")  # pure Python: nothing compiled, no C compiler needed
    names = zipfile.ZipFile(wheel).namelist()
    assert "curlport/grammar/curl.lark" in names and "curlport/schemas/provider-config.schema.json" in names
    assert not [name for name in names if name.endswith((".so", ".pyd", ".c"))]

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    purelib = Path(_run(venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
                   .stdout.strip())
    (purelib / "borrowed-dependencies.pth").write_text(
        "\n".join([sysconfig.get_paths()["purelib"], *site.getsitepackages()]) + "\n", encoding="utf-8")
    _run(venv / "bin" / "pip", "install", "--quiet", "--no-index", "--no-deps", wheel)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "provider.curl").write_text((ROOT / "fixtures/curl/ready-form.curl").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    where = _run(venv / "bin" / "python", "-c", "import curlport; print(curlport.__file__)", cwd=elsewhere)
    assert Path(where.stdout.strip()).is_relative_to(purelib)
    imported = _run(venv / "bin" / "curlport", "import", "provider.curl", cwd=elsewhere)
    config = json.loads(imported.stdout)
    assert config["endpoint"] == "https://api.textlocal.in/send/" and config["name"] == "provider"
    schema = json.loads(_run(venv / "bin" / "curlport", "schema", cwd=elsewhere).stdout)
    assert schema["title"]
