"""Project settings for lint: ``[tool.curlport]`` in pyproject.toml, or a ``.curlport.toml``.

JSON configs cannot carry comments, so what to check lives beside them, the way
ruff users expect: ``select``, ``extend-select``, ``ignore``, ``extend-ignore``,
``per-file-ignores``, ``exclude`` and ``extend-exclude``, found by walking up
from the working directory. A mistake in the settings stops the tool
(exit 2) with the file, line and column: a silently ignored setting would let
CI pass for the wrong reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from curlport.catalogue import CODES, RETIRED, select_codes
from curlport.errors import CurlportError
from curlport.lazy_pattern import LazyPattern
from curlport.source import Span

SETTINGS_FILE = ".curlport.toml"
PYPROJECT = "pyproject.toml"
_CODE_KEYS = ("select", "extend-select", "ignore", "extend-ignore")
_PATTERN_KEYS = ("exclude", "extend-exclude")
_KEYS = (*_CODE_KEYS, "per-file-ignores", *_PATTERN_KEYS)
# ruff's default excludes (plus build output and caches): nothing in them is a provider config of the project.
DEFAULT_EXCLUDE = (
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints", ".mypy_cache", ".nox",
    ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox", ".venv", ".vscode",
    "__pycache__", "__pypackages__", "_build", "buck-out", "build", "dist", "node_modules", "site-packages", "venv",
)
# Only a settings file with a mistake is searched for positions: these compile then, not at every start.
_TOML_POSITION = LazyPattern(r"\s*\(at line (\d+), column (\d+)\)$")
_DEFAULT = "default"


class SettingsError(CurlportError):
    """The settings file is not valid TOML or says something curlport does not understand."""

    def __init__(self, message: str, path: Path, span: Span | None = None) -> None:
        super().__init__(message, span)
        self.path = path


class Settings(NamedTuple):
    """What to check, and which files to leave out.

    Patterns of ``per_file_ignores`` and ``exclude`` are relative to ``root``, the
    settings file's folder. ``exclude`` is ``None`` for the default list.
    ``origins`` says where each setting came from (``--show-settings``).

    A named tuple, not a frozen dataclass: defined at every start of lint in a seventh of the time.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path = Path(".")
    origin: Path | None = None
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    origins: tuple[tuple[str, str], ...] = ()

    def codes_for(self, path: Path) -> frozenset[str]:
        """The codes enabled for one file: select, minus ignore, minus the ignores whose pattern matches it.

        ``extend-select`` adds to ``select``; with no ``select`` every code already is.
        """
        ignored = self.ignore + self.extend_ignore
        if self.per_file_ignores:
            ignored += tuple(code for pattern, codes in self.per_file_ignores if _matches(pattern, path, self.root)
                             for code in codes)
        return _enabled(self.select + self.extend_select if self.select else (), ignored)

    @property
    def exclusions(self) -> tuple[str, ...]:
        """The exclude patterns in force: ``exclude`` (or the defaults) and ``extend-exclude``."""
        return (DEFAULT_EXCLUDE if self.exclude is None else self.exclude) + self.extend_exclude

    def where(self, key: str) -> str:
        """Where a setting's value came from: ``file:line:col``, a command-line flag, or ``default``."""
        return dict(self.origins).get(key, _DEFAULT)

    def values(self) -> dict[str, Any]:
        """Every setting by its name in the settings file, as it is in force."""
        return {
            "select": list(self.select), "extend-select": list(self.extend_select),
            "ignore": list(self.ignore), "extend-ignore": list(self.extend_ignore),
            "per-file-ignores": {pattern: list(codes) for pattern, codes in self.per_file_ignores},
            "exclude": list(DEFAULT_EXCLUDE if self.exclude is None else self.exclude),
            "extend-exclude": list(self.extend_exclude),
        }


@cache
def _enabled(select: tuple[str, ...], ignored: tuple[str, ...]) -> frozenset[str]:
    """``select_codes``, worked out once per distinct settings: every file of a folder without per-file-ignores has
    the same codes, and a run asks for each file's."""
    return select_codes(select, ignored)


def with_command_line(settings: Settings, **given: tuple[str, ...] | None) -> Settings:
    """The settings with the command line's options on top, as ruff combines them.

    ``select`` and ``exclude`` replace the file's; ``ignore``, ``extend-select``,
    ``extend-ignore`` and ``extend-exclude`` add to it. Codes are upper-cased and
    checked here, like the file's. Each key is the field name (``extend_select``).
    """
    changes: dict[str, tuple[str, ...] | None] = {}
    origins = dict(settings.origins)
    for field, value in given.items():
        if not value:
            continue
        key = field.replace("_", "-")
        if key in _CODE_KEYS:
            value = tuple(code.upper() for code in value)
            unknown = unknown_codes(value)
            if unknown:
                raise CurlportError(f"--{key}: unknown code or prefix {', '.join(unknown)}; see 'curlport rules'")
        replaces = key in ("select", "exclude")
        current = getattr(settings, field)
        changes[field] = value if replaces or current is None else current + value
        was = origins.get(key)
        origins[key] = f"--{key}" if replaces or was is None else f"{was}, --{key}"
    return settings._replace(**changes, origins=tuple(origins.items()))  # type: ignore[arg-type]


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
        if pyproject.is_file() and _names_curlport(pyproject):
            return pyproject
    return None


def _names_curlport(pyproject: Path) -> bool:
    """Whether a pyproject.toml met on the way up is ours: it has a [tool.curlport] table.

    Another project's pyproject.toml that cannot be read or parsed is that project's
    business and is passed over; one that names tool.curlport but does not parse is
    ours, and ``load_settings`` reports where it is broken.
    """
    try:
        text = _read_text(pyproject)
    except SettingsError:
        return False
    try:
        tool = _parse_toml(text, pyproject).get("tool")
    except SettingsError:
        return "tool.curlport" in text.replace(" ", "")
    return isinstance(tool, dict) and "curlport" in tool


def load_settings(path: Path) -> Settings:
    """The settings in ``path`` (a .curlport.toml's top level, or a pyproject.toml's [tool.curlport])."""
    text = _read_text(path)
    document = _parse_toml(text, path)
    table_path = ("tool", "curlport") if path.name == PYPROJECT else ()
    table = document.get("tool", {}).get("curlport", {}) if table_path else document
    locate = _Locator(text, table_path)

    def fail(message: str, key: str, value: str | None = None) -> SettingsError:
        return SettingsError(message, path, locate.value(key, value) if value else locate.key(key))

    if not isinstance(table, dict):
        raise SettingsError("[tool.curlport] must be a table", path, _Locator(text, ("tool",)).key("curlport"))
    for key in table:
        if key not in _KEYS:
            raise fail(f"unknown setting '{key}'; known: {', '.join(_KEYS)}", key)
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise fail("per-file-ignores must be a table of glob = [codes]", "per-file-ignores")
    per_file_locate = _Locator(text, (*table_path, "per-file-ignores"))

    def per_file_fail(message: str, key: str, value: str | None = None) -> SettingsError:
        span = per_file_locate.value(key, value) if value else per_file_locate.key(key)
        return SettingsError(message, path, span or locate.key("per-file-ignores"))

    codes = {key.replace("-", "_"): _codes(table.get(key, []), key, fail) for key in _CODE_KEYS}
    patterns = {key.replace("-", "_"): _patterns(table[key], key, fail) for key in _PATTERN_KEYS if key in table}
    return Settings(
        **codes,
        **patterns,
        per_file_ignores=tuple((pattern, _codes(value, pattern, per_file_fail))
                               for pattern, value in per_file.items()),
        root=path.parent,
        origin=path,
        origins=tuple((key, f"{path}:{locate.key(key) or ''}".rstrip(":")) for key in table),
    )


def unknown_codes(codes: tuple[str, ...]) -> list[str]:
    """The codes that are neither a code nor a prefix of one (nor a retired code)."""
    return [code for code in codes if code not in RETIRED and not any(known.startswith(code) for known in CODES)]


def split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeated and comma-separated values as one tuple: ``--select CP1,CP203 --select CP4`` (ruff's syntax)."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


Fail = Callable[..., SettingsError]


def _strings(value: Any, key: str, fail: Fail, example: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(f"'{key}' must be a list of {example}", key)
    return tuple(value)


def _codes(value: Any, key: str, fail: Fail) -> tuple[str, ...]:
    codes = tuple(code.upper() for code in _strings(value, key, fail, 'codes, like ["CP1", "CP203"]'))
    unknown = unknown_codes(codes)
    if unknown:
        raise fail(f"'{key}': unknown code or prefix {', '.join(unknown)}; see 'curlport rules'", key, unknown[0])
    return codes


def _patterns(value: Any, key: str, fail: Fail) -> tuple[str, ...]:
    return _strings(value, key, fail, 'glob patterns, like ["legacy/", "*.draft.json"]')


class _Locator:
    """Where a key of one table is written, so an error points at it (tomllib does not say).

    Reads the text line by line, keeping track of the current ``[table]`` header,
    so that ``ignore`` under ``[tool.curlport]`` is not confused with another
    table's ``ignore``; dotted keys (``tool.curlport.ignore = …``) count too.
    """

    def __init__(self, text: str, table: tuple[str, ...]) -> None:
        self._text = text
        self._table = table

    def key(self, key: str) -> Span | None:
        found = self._find(key)
        return found[0] if found else None

    def value(self, key: str, value: str) -> Span | None:
        """The span of a string inside the key's value (a code in a list), else of the key."""
        found = self._find(key)
        if found is None:
            return None
        span, offset, end = found
        match = re.compile(rf"[\"']{re.escape(value)}[\"']", re.IGNORECASE).search(self._text, offset, end)
        return self._span(match.start() + 1, match.end() - 1) if match else span

    def _find(self, key: str) -> tuple[Span, int, int] | None:
        """The key's span, and the text range where its value can be (up to the next table header)."""
        current: tuple[str, ...] = ()
        wanted = (*self._table, key)
        offset = 0
        for line in self._text.splitlines(keepends=True):
            header = _HEADER.match(line)
            written = header or _ASSIGNMENT.match(line)
            if written:
                names = _dotted(written.group(1))
                if (*(() if header else current), *names) == wanted:
                    start = offset + written.start(1) + max(written.group(1).rfind(names[-1]), 0)
                    next_header = _NEXT_HEADER.compiled().search(self._text, offset + len(line))
                    end = next_header.start() if next_header else len(self._text)
                    return self._span(start, start + len(names[-1])), start, end
                if header:
                    current = names
            offset += len(line)
        return None

    def _span(self, start: int, end: int) -> Span:
        line = self._text.count("\n", 0, start) + 1
        column = start - (self._text.rfind("\n", 0, start) + 1) + 1
        return Span(line, column, line, column + end - start)


_KEY_PART = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)"""
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER = LazyPattern(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_NEXT_HEADER = LazyPattern(rf"^\s*\[\[?\s*{_DOTTED}\s*\]", re.MULTILINE)
_ASSIGNMENT = LazyPattern(rf"^\s*({_DOTTED})\s*=")


def _dotted(key: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(_KEY_PART, key))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise SettingsError(f"cannot read: {error.strerror or error}", path) from None
    except UnicodeDecodeError:
        raise SettingsError("not UTF-8 text", path) from None


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # only when there is a settings file to read

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
