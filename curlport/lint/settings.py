"""Project settings for lint: ``[tool.curlport]`` in pyproject.toml, or a ``.curlport.toml``.

JSON configs cannot carry comments, so what to check lives beside them, the way
ruff users expect: ``select``, ``ignore`` and ``per-file-ignores``, found by
walking up from the working directory. A mistake in the settings stops the tool
(exit 2) with the file, line and column: a silently ignored setting would let
CI pass for the wrong reason.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from curlport.catalogue import CODES, select_codes
from curlport.errors import CurlportError
from curlport.source import Span

SETTINGS_FILE = ".curlport.toml"
PYPROJECT = "pyproject.toml"
_KEYS = ("select", "ignore", "per-file-ignores")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


class SettingsError(CurlportError):
    """The settings file is not valid TOML or says something curlport does not understand."""

    def __init__(self, message: str, path: Path, span: Span | None = None) -> None:
        super().__init__(message, span)
        self.path = path


@dataclass(frozen=True)
class Settings:
    """What to check. Patterns of ``per_file_ignores`` are relative to ``root``, the settings file's folder."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path = Path(".")
    origin: Path | None = None

    def codes_for(self, path: Path) -> frozenset[str]:
        """The codes enabled for one file: select, minus ignore, minus the ignores whose pattern matches it."""
        ignored = self.ignore + tuple(code for pattern, codes in self.per_file_ignores
                                      if _matches(pattern, path, self.root) for code in codes)
        return select_codes(self.select, ignored)


def _matches(pattern: str, path: Path, root: Path) -> bool:
    """A glob against the path relative to the root; a pattern without '/' also against the file name."""
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return fnmatchcase(relative, pattern) or ("/" not in pattern and fnmatchcase(path.name, pattern))


def find_settings_file(start: Path) -> Path | None:
    """The nearest .curlport.toml, or pyproject.toml with a [tool.curlport] table, from ``start`` upwards."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder / SETTINGS_FILE
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and "curlport" in _parse_toml(_read_text(pyproject), pyproject).get("tool", {}):
            return pyproject
    return None


def load_settings(path: Path) -> Settings:
    """The settings in ``path`` (a .curlport.toml's top level, or a pyproject.toml's [tool.curlport])."""
    text = _read_text(path)
    document = _parse_toml(text, path)
    table = document.get("tool", {}).get("curlport", {}) if path.name == PYPROJECT else document

    def fail(message: str, key: str) -> SettingsError:
        return SettingsError(message, path, _key_span(text, key))

    for key in table:
        if key not in _KEYS:
            raise fail(f"unknown setting '{key}'; known: {', '.join(_KEYS)}", key)
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise fail("per-file-ignores must be a table of glob = [codes]", "per-file-ignores")
    select, ignore = (_codes(table.get(key, []), key, fail) for key in ("select", "ignore"))
    return Settings(
        select=select,
        ignore=ignore,
        per_file_ignores=tuple((pattern, _codes(codes, pattern, fail)) for pattern, codes in per_file.items()),
        root=path.parent,
        origin=path,
    )


def unknown_codes(codes: tuple[str, ...]) -> list[str]:
    """The codes that are neither a code nor a prefix of one."""
    return [code for code in codes if not any(known.startswith(code) for known in CODES)]


def _codes(value: Any, key: str, fail: Callable[[str, str], SettingsError]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise fail(f"'{key}' must be a list of codes, like [\"CP1\", \"CP203\"]", key)
    codes = tuple(code.upper() for code in value)
    if unknown_codes(codes):
        raise fail(f"'{key}': unknown code or prefix {', '.join(unknown_codes(codes))}; see 'curlport rules'", key)
    return codes


def _key_span(text: str, key: str) -> Span | None:
    """Where a key is written, so the error points at it (tomllib does not say)."""
    match = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text, re.MULTILINE)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    column += len(match.group(0)) - len(match.group(0).lstrip())
    return Span(line, column, line, column + len(key))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise SettingsError(f"cannot read: {error.strerror or error}", path) from None
    except UnicodeDecodeError:
        raise SettingsError("not UTF-8 text", path) from None


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        if position is None:
            raise SettingsError(f"not valid TOML: {message}", path) from None
        line, column = int(position.group(1)), int(position.group(2))
        raise SettingsError(f"not valid TOML: {message[: position.start()]}", path,
                            Span(line, column, line, column + 1)) from None
