"""Which files `curlport lint` checks: the paths named, and the configs and curl commands found under folders.

A repository holds far more JSON than provider configs (``package.json``, editor
settings, test data), so a ``.json`` file met while walking a folder is linted
only when it is shaped like a provider config (``endpoint`` and ``method``, or a
``$schema`` naming ours); the others are counted, not linted (``all_json``
lints them all). Like ruff, the walk honours ``.gitignore`` and skips virtual
environments, ``node_modules`` and build output by default, plus the
``exclude``/``extend-exclude`` patterns of the settings. A file named
explicitly is always linted: the user asked for it (``force_exclude`` lifts
that, for pre-commit, which names every staged file).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from curlport.lazy_pattern import LazyPattern
from curlport.lint.settings import Settings

if TYPE_CHECKING:  # pathspec is imported only when a folder is walked: the CLI's cold start stays small
    from pathspec import GitIgnoreSpec

CURL_SUFFIX = ".curl"
JSON_SUFFIX = ".json"
SCHEMA_MARK = "curlport.dev/schemas/provider-config"
# A provider config is a few kilobytes; a JSON file far larger is data, not a config, and is not read whole.
_LARGEST_CONFIG = 1024 * 1024
_KEY = r'"{}"\s*:'
# Only a file json.loads cannot read is searched with these: they compile then, not at every start.
_CONFIG_KEYS = (LazyPattern(_KEY.format("endpoint")), LazyPattern(_KEY.format("method")))
#: An exclude pattern that means "anything of this name, at any depth" in gitignore syntax: no slash, no
#: wildcard, no escape, no comment, no surrounding blanks.
_PLAIN_NAME = re.compile(r"(?!\.+$)[^\s/*?\[\]\\!#](?:[^/*?\[\]\\]*[^\s/*?\[\]\\])?")


_NOTHING_READ: Mapping[Path, Any] = MappingProxyType({})


class Discovered(NamedTuple):
    """The files to lint, in order, and the JSON files left out because they are not provider configs.

    A named tuple, not a frozen dataclass: defined at every start of lint in a seventh of the time.
    """

    files: tuple[Path, ...]
    skipped: tuple[Path, ...] = ()
    #: The bytes of the files that were read to tell whether they are configs: linting them need not read them again.
    contents: Mapping[Path, bytes] = _NOTHING_READ
    #: Those files' JSON objects as ``json.loads`` read them to tell: linting them need not parse them again.
    documents: Mapping[Path, dict[str, Any]] = _NOTHING_READ


def looks_like_provider_config(data: bytes) -> bool:
    """A JSON object with ``endpoint`` and ``method``, or whose ``$schema`` names ours.

    Text that is not valid JSON is judged by its keys as written, so a config
    broken by a stray comma is still linted (and reported), while an editor's
    commented ``settings.json`` is not.
    """
    return _config_document(data)[0]


def _config_document(data: bytes) -> tuple[bool, dict[str, Any] | None]:
    """``looks_like_provider_config``, and the JSON object it read to tell (None when the text is not one)."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):  # also UnicodeDecodeError; RecursionError: nesting too deep
        text = data.decode("utf-8", errors="replace")
        return SCHEMA_MARK in text or all(key.search(text) for key in _CONFIG_KEYS), None
    if not isinstance(document, dict):
        return False, None
    schema = document.get("$schema")
    is_config = ("endpoint" in document and "method" in document) or (isinstance(schema, str) and SCHEMA_MARK in schema)
    return is_config, document


def repository_root(start: Path) -> Path | None:
    """The folder holding ``.git`` (a folder, or a file in a worktree), from ``start`` upwards."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def discover(paths: Iterable[Path], settings: Settings | None = None, *, all_json: bool = False,
             force_exclude: bool = False) -> Discovered:
    """The files to lint under ``paths`` (see the module's docstring); each file once, in the order met."""
    settings = settings or Settings()
    excluded = _Exclusions(settings)
    files: dict[str, Path] = {}  # resolved -> as met, in order
    skipped: dict[str, Path] = {}
    # resolved -> (as met, bytes, JSON object): keyed by the resolved text, whose hash a str keeps, not by the Path
    read: dict[str, tuple[Path, bytes, dict[str, Any] | None]] = {}

    def meet(path: Path, resolved: str, wanted: tuple[bool, bytes | None, dict[str, Any] | None]) -> None:
        """Count a file as to lint or skipped, keeping what was read of it to tell."""
        is_config, data, document = wanted
        (files if is_config else skipped).setdefault(resolved, path)
        if is_config and data is not None:
            read.setdefault(resolved, (path, data, document))

    for path in paths:
        if path.is_dir():
            if force_exclude and (excluded.matches(path, True) or _gitignored(path, True)):
                continue
            for found, real, wanted in _walk(path, excluded, all_json):
                meet(found, real, wanted)
        elif not force_exclude:
            files.setdefault(str(path.resolve()), path)
        elif not (excluded.matches(path, False) or _gitignored(path, False)):
            meet(path, str(path.resolve()), _wanted(path, all_json))
    kept = tuple(files.values())
    # what was read of each file kept, under the path it is linted by (a file met twice is kept as first met)
    linted = [each for key, each in read.items() if files.get(key) is each[0]]
    return Discovered(kept, tuple(path for key, path in skipped.items() if key not in files),
                      {path: data for path, data, _ in linted},
                      {path: document for path, _, document in linted if document is not None})


def _wanted(path: Path | str, all_json: bool) -> tuple[bool, bytes | None, dict[str, Any] | None]:
    """Whether a file met in a folder (or named under ``force_exclude``) is a config or a curl command to lint, and
    its bytes and JSON object when they were read to tell."""
    if str(path).endswith(CURL_SUFFIX) or all_json:
        return True, None, None
    try:
        data = _read_small(path)
    except OSError:
        return True, None, None  # unreadable: linting it reports why (CP000) instead of hiding it
    if data is None:
        return False, None, None
    is_config, document = _config_document(data)
    return is_config, data, document


def _read_small(path: Path | str) -> bytes | None:
    """The bytes of a file of at most ``_LARGEST_CONFIG`` bytes, or None for a larger one (or one that grew so).

    A bare descriptor, its size from ``fstat`` and ``os.read``: telling a
    config from other JSON costs mostly system calls and file objects per file, so
    this makes the fewest (``curlport.inputs.read_bounded`` serves the files linted).
    """
    descriptor = os.open(path, os.O_RDONLY)
    try:
        status = os.fstat(descriptor)
        size, regular = status.st_size, stat.S_ISREG(status.st_mode)
        if size > _LARGEST_CONFIG:
            return None
        chunks: list[bytes] = []
        left = _LARGEST_CONFIG + 1
        # The first read asks for the size fstat gave (and one byte more): no megabyte buffer for a small file.
        while left > 0:
            asked = min(left, 1 << 16 if chunks else size + 1)
            chunk = os.read(descriptor, asked)
            chunks.append(chunk)
            left -= len(chunk)
            # A regular file reads short only at its end: no second call to hear so (one per file linted).
            if not chunk or (regular and len(chunk) < asked):
                break
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    return None if len(data) > _LARGEST_CONFIG else data


class _Exclusions:
    """The settings' exclude patterns (gitignore syntax), relative to the settings file's folder.

    A pattern without a slash matches a file or folder of that name at any depth,
    as in ruff and .gitignore; a path outside the settings' folder is matched by
    its name alone.
    """

    def __init__(self, settings: Settings) -> None:
        self._patterns = settings.exclusions
        self._root = settings.root.resolve()
        self._spec: GitIgnoreSpec | None = None
        # A pattern that is a plain name (the defaults all are) matches a path with a part of that name: a set
        # lookup, without loading pathspec or running its regular expressions on every file.
        plain = not any(pattern.startswith("!") for pattern in self._patterns)
        self._names = frozenset(p for p in self._patterns if _PLAIN_NAME.fullmatch(p)) if plain else frozenset()
        self._others = tuple(p for p in self._patterns if p not in self._names)

    def matches(self, path: Path, is_dir: bool, real: Path | None = None) -> bool:
        """Whether an exclude pattern matches ``path`` (``real``: its resolved form, when the caller has it)."""
        if not self._patterns:
            return False
        return self.matches_relative(self.relative(real or path.resolve()) or path.name, is_dir)

    def relative(self, real: Path) -> str | None:
        """A resolved path as the patterns see it: relative to the settings' folder, or None outside it."""
        try:
            return real.relative_to(self._root).as_posix()
        except ValueError:
            return None

    def matches_relative(self, relative: str, is_dir: bool) -> bool:
        """``matches`` for a path already made relative (see ``relative``; a path outside is its name)."""
        if not self._patterns or relative == ".":
            return False
        if self._names and not self._names.isdisjoint(relative.split("/")):
            return True
        if not self._others:
            return False
        if self._spec is None:
            self._spec = _spec(self._others)
        return self._spec.match_file(relative + "/" if is_dir else relative)


class _IgnoreFile(NamedTuple):
    """One .gitignore (or .git/info/exclude): its patterns apply to paths relative to ``base``."""

    base: Path
    spec: GitIgnoreSpec


def _walk(top: Path, excluded: _Exclusions, all_json: bool) \
        -> Iterable[tuple[Path, str, tuple[bool, bytes | None, dict[str, Any] | None]]]:
    """Every .curl and .json file under ``top``, resolved, with whether it is to be linted (and its bytes when they
    were read to tell), in sorted order.

    Ignored and excluded folders are not entered (git cannot re-include a file
    inside an ignored folder either); symbolic links to folders are not followed.
    A folder is resolved once, and made relative to the exclusions' folder and to
    each .gitignore's once: an entry that is no symbolic link is that folder and
    its name, so the walk makes one ``Path`` per file it yields and none per entry
    it passes over.
    """
    stack: list[tuple[Path, tuple[_IgnoreFile, ...]]] = [(top, _ancestor_ignores(top))]
    while stack:
        folder, ignores = stack.pop()
        ignores = (*ignores, *_ignore_files(folder))
        real = folder.resolve()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        real_text, relative = str(real), excluded.relative(real)
        below = [(ignore.spec, _relative_to(real, ignore.base)) for ignore in ignores]
        subfolders = []
        for entry in entries:
            name = entry.name
            is_dir = entry.is_dir(follow_symlinks=False)
            if not is_dir and (not name.endswith((CURL_SUFFIX, JSON_SUFFIX)) or name in (CURL_SUFFIX, JSON_SUFFIX)):
                continue  # not a config or a command by its suffix (a file named just ".json" has none)
            if entry.is_symlink():
                resolved = (folder / name).resolve()
                shown = excluded.relative(resolved) or name
            else:
                resolved, shown = None, _child(relative, name) if relative is not None else name
            if excluded.matches_relative(shown, is_dir) or _verdict(
                    ((spec, _child(prefix, name)) for spec, prefix in reversed(below) if prefix is not None), is_dir):
                continue
            if is_dir:
                subfolders.append((folder / name, ignores))
            elif entry.is_file():
                path = folder / name
                yield path, str(resolved) if resolved else os.path.join(real_text, name), _wanted(path, all_json)
        stack.extend(reversed(subfolders))


def _relative_to(real: Path, base: Path) -> str | None:
    try:
        return real.relative_to(base).as_posix()
    except ValueError:
        return None


def _child(relative: str, name: str) -> str:
    """The relative path of ``name`` inside a folder whose relative path is ``relative``."""
    return name if relative == "." else f"{relative}/{name}"


def _verdict(candidates: Iterable[tuple[GitIgnoreSpec, str]], is_dir: bool) -> bool:
    """Git's answer from (ignore file, path relative to its folder) pairs, deepest first: the first that has a
    matching pattern decides (a ``!pattern`` re-includes what a shallower file ignored)."""
    for spec, relative in candidates:
        verdict = spec.check_file(relative + "/" if is_dir else relative).include
        if verdict is not None:
            return verdict
    return False


def _ignored(real: Path, is_dir: bool, ignores: Sequence[_IgnoreFile]) -> bool:
    """Git's answer for a path (its folder resolved): the deepest .gitignore with a matching pattern decides."""
    return _verdict(((ignore.spec, relative) for ignore in reversed(ignores)
                     if (relative := _relative_to(real, ignore.base)) is not None), is_dir)


def _gitignored(path: Path, is_dir: bool) -> bool:
    """For a path named on the command line with ``force_exclude``: ignored by any .gitignore above it?"""
    real = path.parent.resolve() / path.name
    return _ignored(real, is_dir, _ancestor_ignores(path if is_dir else path.parent, include_self=not is_dir))


def _ancestor_ignores(folder: Path, *, include_self: bool = False) -> tuple[_IgnoreFile, ...]:
    """The ignore files of the folders above ``folder``, up to the repository's root (none outside a repository).

    ``folder``'s own .gitignore is read by the walk when it enters the folder.
    """
    real = folder.resolve()
    root = repository_root(real)
    if root is None:
        return ()
    chain = [real, *real.parents]
    above = chain[: chain.index(root) + 1]
    folders = reversed(above if include_self else above[1:])
    found = [*_ignore_files(root / ".git" / "info", name="exclude", base=root)]
    for each in folders:
        found.extend(_ignore_files(each))
    return tuple(found)


def _ignore_files(folder: Path, *, name: str = ".gitignore", base: Path | None = None) -> list[_IgnoreFile]:
    path = folder / name
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [_IgnoreFile((base or folder).resolve(), _spec(lines))]


def _spec(lines: Iterable[str]) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)
