"""The wheel's build hook (hatch_build.py): what it compiles, and that it falls back with a reason, not a failure."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import hatch_build  # noqa: E402  (the build hook lives at the project root, beside pyproject.toml)

PATTERNS: list[str] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]["compile"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_compile_pattern_names_modules_of_the_package(pattern: str) -> None:
    matched = list(ROOT.glob(pattern))
    assert matched and all(path.suffix == ".py" and path.is_relative_to(ROOT / "curlport") for path in matched)


def test_modules_mypyc_would_change_stay_pure_python() -> None:
    """A compiled module calls its own functions directly, so a test's monkeypatch of them is ignored (emit,
    runner); compiled, exception classes lost the exit code interpreted code read from them (CLI errors became
    internal errors: they all live in errors); discovery's records are typed by a class that is only
    imported for type checking."""
    compiled = {path for pattern in PATTERNS for path in ROOT.glob(pattern)}
    for module in ("config/emit.py", "lint/runner.py", "errors.py", "lint/discovery.py"):
        assert ROOT / "curlport" / module not in compiled


def test_no_module_to_compile_is_a_reason_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(hatch_build.CompileError, match="no module matches"):
        hatch_build.compile_modules(ROOT, ["curlport/no_such_module.py"], tmp_path)


class _Sysconfig:
    """What hatch_build reads of ``sysconfig``, with one answer changed (only the hook's reference is replaced)."""

    def __init__(self, compiler: str | None = None, include: Path | None = None) -> None:
        import sysconfig
        self._real = sysconfig
        self._compiler = compiler
        self._include = include

    def get_config_var(self, name: str) -> object:
        return self._compiler if name == "CC" and self._compiler else self._real.get_config_var(name)

    def get_paths(self) -> dict[str, str]:
        paths = self._real.get_paths()
        return {**paths, "include": str(self._include)} if self._include else paths


def test_a_missing_compiler_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hatch_build, "sysconfig", _Sysconfig(compiler="no-such-cc -pthread"))
    with pytest.raises(hatch_build.CompileError, match=r"no C compiler \(no-such-cc not found\)"):
        hatch_build._check_toolchain()


def test_missing_python_headers_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(hatch_build, "sysconfig", _Sysconfig(include=tmp_path))
    with pytest.raises(hatch_build.CompileError, match="no Python headers"):
        hatch_build._check_toolchain()
