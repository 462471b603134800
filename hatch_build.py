"""The wheel's build hook: the hot modules compiled to C by mypyc, or pure Python when that cannot be done.

Why: the import pipeline and the rules are plain typed Python; mypyc turns exactly that code into C extension
modules that run it about twice as fast (see README, "Speed"), with no change to the source and the same
behaviour (the compiled wheel is tested against every fixture). The ``.py`` files ship beside the compiled modules,
and Python loads an extension module before a source file of the same name.

When: a regular wheel build (``pip install .``, ``pip install git+…``). Not for editable installs (``pip install
-e``): a compiled module would shadow the source a developer edits. ``CURLPORT_COMPILE=0`` builds pure Python on
purpose; without a C compiler, the Python headers or mypy the build says why and falls back to pure Python rather
than failing the install. The modules to compile are listed in ``pyproject.toml``
(``[tool.hatch.build.targets.wheel.hooks.custom] compile``), as glob patterns relative to the project.

How: the sources are copied to a temporary folder and built there, so no ``.so`` file ever lands in the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_SETUP = """\
from mypyc.build import mypycify
from setuptools import setup

setup(name="curlport-compiled", ext_modules=mypycify({modules!r}, opt_level="3"))
"""


class CompileError(Exception):
    """Compiling failed for a reason the person installing can act on; the message says which."""


class MypycBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("CURLPORT_COMPILE", "1") == "0":
            self.app.display_info("curlport: CURLPORT_COMPILE=0, building pure Python")
            return
        self._work = Path(tempfile.mkdtemp(prefix="curlport-mypyc-"))
        try:
            compiled = compile_modules(Path(self.root), self.config.get("compile", []), self._work)
        except CompileError as error:
            self.app.display_warning(f"curlport: not compiled, building pure Python: {error}")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"].update({str(path): name for name, path in compiled.items()})
        self.app.display_info(f"curlport: {len(compiled)} extension modules compiled by mypyc")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def compile_modules(root: Path, patterns: list[str], work: Path) -> dict[str, Path]:
    """Compile the modules ``patterns`` name in a copy of the package under ``work``: wheel path -> built file."""
    modules = sorted({str(path.relative_to(root)) for pattern in patterns for path in root.glob(pattern)})
    if not modules:
        raise CompileError("no module matches the compile patterns in pyproject.toml")
    _check_toolchain()
    shutil.copytree(root / "curlport", work / "curlport", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    (work / "setup.py").write_text(_SETUP.format(modules=modules), encoding="utf-8")
    # The build environment has none of the runtime dependencies: their names are typed Any in the compiled code.
    (work / "mypy.ini").write_text("[mypy]\nignore_missing_imports = True\n", encoding="utf-8")
    environment = {**os.environ, "MYPYC_OPT_LEVEL": "3", "PYTHONDONTWRITEBYTECODE": "1"}
    built = subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=work, env=environment,
                           capture_output=True, text=True, check=False)
    if built.returncode != 0:
        tail = (built.stdout + built.stderr).strip().splitlines()[-3:]
        raise CompileError("mypyc failed: " + " | ".join(tail))
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    # Each module's extension beside its source, and the one shared library mypyc puts the code in, at the top.
    built_files = [*(work / "curlport").rglob(f"*{suffix}"), *work.glob(f"*__mypyc{suffix}")]
    return {str(path.relative_to(work)): path for path in built_files}


def _check_toolchain() -> None:
    """Say what is missing before a long build would fail on it."""
    try:
        import mypyc  # noqa: F401
    except ImportError as error:
        raise CompileError(f"mypy is not installed in the build environment ({error})") from error
    compiler = sysconfig.get_config_var("CC") or "cc"
    if shutil.which(compiler.split()[0]) is None:
        raise CompileError(f"no C compiler ({compiler.split()[0]} not found)")
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not headers.exists():
        raise CompileError(f"no Python headers ({headers} not found; on Debian: apt-get install python3-dev)")
