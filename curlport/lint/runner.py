"""Lint: the same checks over .curl commands and .json configs, every finding located in its file.

A file that cannot be read or parsed is a finding too (CP000), like ruff and
check-jsonschema report it, so one bad file never hides the others. With
``fix``, a .json config is fixed first (see ``curlport.lint.fixes``) and what remains
is reported; a .curl command is the provider's sample and is never rewritten
(``curlport import --fix`` applies the fixes to the config it makes).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from curlport.config.schema import is_valid, merged_violations, violations
from curlport.credentials import json_text_spellings
from curlport.errors import BUG_REPORT, CurlportError, OutputError, UnsupportedRequestError
from curlport.findings import MAX_PER_CODE, Capped, Finding, Omitted, Severity
from curlport.inputs import MAX_INPUT_BYTES, decode_input, read_bounded
from curlport.json_positions import (
    SURROGATE_ESCAPE,
    StringOffsets,
    literal_end,
    located,
    parse_with_positions,
    repeated_members,
)
from curlport.lint.discovery import discover
from curlport.lint.placed import PARSE_ERROR, Locator, Offsets, check_import_capped, in_file_order, placed_findings
from curlport.lint.settings import Settings
from curlport.preflight.provider import ProviderShapeError, read_shape
from curlport.rules import run_rules
from curlport.rules.base import Problem, walked
from curlport.source import Source, Span, nearest_span

if TYPE_CHECKING:  # the fixes are imported by a run that applies them (--fix, --diff) only
    from curlport.lint.fixes import AppliedFix, FixedText

SCHEMA_VIOLATION = "CP501"
#: A member name its object repeats, with another value (an error: readers differ on which one they keep) or the same.
DUPLICATE_MEMBER, REPEATED_MEMBER = "CP027", "CP028"
_UNPARSED = object()  # json.loads could not read the text


class FileReport(NamedTuple):
    """The findings of one file, with its text so reporters can show the lines.

    ``fixed`` lists the fixes applied; ``fixed_text`` is the file's new text when
    they changed it (``source`` and ``findings`` are then about that new text).

    A named tuple, not a frozen dataclass: a run builds one or two per file, and a named tuple is built several times
    faster (and defined at start-up in a seventh of the time).
    """

    path: str
    source: Source | None
    findings: tuple[Finding, ...]
    fixed: tuple[AppliedFix, ...] = ()
    fixed_text: str | None = None
    original_text: str | None = None
    #: Findings beyond ``MAX_PER_CODE`` of one code, counted, not listed.
    omitted: tuple[Omitted, ...] = ()


def lint_paths(paths: Iterable[Path], settings: Settings | None = None, *, severity: Severity = Severity.INFO,
               fix: bool = False, unsafe_fixes: bool = False, write: bool = True) -> list[FileReport]:
    """Lint every file under ``paths``; with ``fix`` and ``write``, fixed .json configs are written back atomically.

    Which files: see ``curlport.lint.discovery`` (a named file always is).
    ``severity`` drops findings below it; ``write=False`` computes the fixes without
    writing them (``--diff``).
    """
    settings = settings or Settings()
    found = discover(paths, settings)
    return lint_files(found.files, settings, severity=severity, fix=fix, unsafe_fixes=unsafe_fixes, write=write,
                      contents=found.contents, documents=found.documents)


def lint_files(files: Iterable[Path], settings: Settings | None = None, *, severity: Severity = Severity.INFO,
               fix: bool = False, unsafe_fixes: bool = False, write: bool = True,
               contents: Mapping[Path, bytes] | None = None,
               documents: Mapping[Path, dict[str, Any]] | None = None) -> list[FileReport]:
    """``lint_paths`` for files already discovered (each once): the CLI discovers them itself to count the skipped.

    ``contents`` are the bytes discovery read (``Discovered.contents``): those files are not read again;
    ``documents`` the JSON objects it parsed from them (``Discovered.documents``): those are not parsed again.
    """
    return list(iter_lint_files(files, settings, severity=severity, fix=fix, unsafe_fixes=unsafe_fixes, write=write,
                                contents=contents, documents=documents))


def iter_lint_files(files: Iterable[Path], settings: Settings | None = None, *, severity: Severity = Severity.INFO,
                    fix: bool = False, unsafe_fixes: bool = False, write: bool = True,
                    contents: Mapping[Path, bytes] | None = None,
                    documents: Mapping[Path, dict[str, Any]] | None = None) -> Iterator[FileReport]:
    """Each file's report as soon as that file is linted: a long run prints as it goes (``lint_files``)."""
    settings = settings or Settings()
    documents = documents if documents and not fix else {}  # a fixed text is parsed anew
    for path in files:
        try:
            known = contents.get(path) if contents and not (fix and write) else None
            if known is not None:  # read by discovery; no write to guard
                data, snapshot = known, None
            else:
                data, snapshot = read_bounded(path, MAX_INPUT_BYTES, snapshot=fix and write)
        except OSError as error:
            finding = Finding(PARSE_ERROR, Severity.ERROR, f"cannot read: {error.strerror or error}")
            yield FileReport(str(path), None, (finding,))
            continue
        report = _lint_guarded(data, str(path), settings.codes_for(path), fix=fix, unsafe_fixes=unsafe_fixes,
                               document=documents.get(path))
        if write and report.fixed_text is not None:
            from curlport.config.emit import write_atomically  # here: only a run that fixes a file writes one

            try:
                if snapshot is None:
                    raise OutputError(path, "is not a regular file; curlport only writes regular files")
                write_atomically(path, report.fixed_text, force=True, unchanged_since=snapshot)
            except OutputError as error:
                refused = CurlportError(f"{path}: the fixes were not written: {error.reason}")
                refused.exit_code = error.exit_code
                raise refused from None
        yield _at_least(severity, report)


def lint_stdin(data: bytes, name: str | None, settings: Settings | None = None, *,
               severity: Severity = Severity.INFO, fix: bool = False, unsafe_fixes: bool = False) -> FileReport:
    """Lint text piped in (``lint -``), reported under ``name`` (``--stdin-filename``) with that file's settings.

    Its kind comes from the name's suffix; without a name, text starting with ``{``
    is a JSON config, anything else a curl command. Fixes are never written.
    """
    shown = name or "-"
    as_json = shown.endswith(".json") if name else data.lstrip().startswith(b"{")
    selected = (settings or Settings()).codes_for(Path(shown))
    return _at_least(severity, _lint_guarded(data, shown, selected, fix=fix, unsafe_fixes=unsafe_fixes,
                                             as_json=as_json))


def _lint_guarded(data: bytes, path: str, selected: frozenset[str] | None, *, fix: bool, unsafe_fixes: bool,
                  as_json: bool | None = None, document: dict[str, Any] | None = None) -> FileReport:
    """``lint_text``, with a crash in it (a bug) reported as a CP000 finding on that file: the run goes on."""
    try:
        return lint_text(data, path, selected, fix=fix, unsafe_fixes=unsafe_fixes, as_json=as_json, document=document,
                         limit=MAX_PER_CODE)
    except Exception as error:  # the last resort for one file: the other files are still linted
        message = (f"internal error while linting this file: {type(error).__name__}: {error} "
                   f"(please report this at {BUG_REPORT})")
        return FileReport(path, None, (Finding(PARSE_ERROR, Severity.ERROR, message),))


def _at_least(severity: Severity, report: FileReport) -> FileReport:
    """The findings at ``severity`` and above, and the counts of those left out (``lint_text``'s ``limit``)."""
    if not report.findings or severity is Severity.INFO:
        return report  # most files: nothing to drop
    findings = tuple(f for f in report.findings if f.severity.rank >= severity.rank)
    kept = {finding.code for finding in findings}  # a code's findings all have its severity: shown, or left out
    return report._replace(findings=findings, omitted=tuple(each for each in report.omitted if each.code in kept))


def lint_text(data: bytes, path: str, selected: frozenset[str] | None = None, *, fix: bool = False,
              unsafe_fixes: bool = False, as_json: bool | None = None,
              document: dict[str, Any] | None = None, limit: int | None = None) -> FileReport:
    """Lint the bytes of one file, a .curl command or a .json config by its name (or by ``as_json``).

    ``limit``: at most this many findings of each code, the others counted (``FileReport.omitted``) and never located.

    ``document``: what ``json.loads(data)`` gave, when the caller has it (discovery parsed the file to tell it is a
    config). Once ``data`` decodes (``decode_input``: UTF-8, no NUL), ``json.loads`` of the bytes reads the same
    text as ``json.loads`` of that text (both drop one BOM), so it is not parsed twice.
    """
    try:
        text = decode_input(data)
    except CurlportError as error:
        return FileReport(path, None, (_error_finding(PARSE_ERROR, error),))
    if path.endswith(".json") if as_json is None else as_json:
        fixed = _fixed(text, selected, unsafe_fixes) if fix else None
        if fixed is not None and fixed.text != text:
            source = Source(fixed.text, path)
            source.add_secrets(lambda: json_text_spellings(text))  # the diff shows the lines the fix replaced
            shown = _lint_config(source, selected, limit)
            return FileReport(path, source, shown.findings, fixed.applied, fixed.text, text, shown.omitted)
        source = Source(text, path)
        shown = _lint_config(source, selected, limit, None if fix else document)
        return FileReport(path, source, shown.findings, omitted=shown.omitted)
    from curlport.importer import import_curl  # here: a run of .json configs needs no curl reader

    source = Source(text, path)
    try:
        result = import_curl(text, name=Path(path).stem, source_name=path)
    except UnsupportedRequestError as error:
        source.add_secrets(error.secrets)
        return FileReport(path, source, tuple(in_file_order([_error_finding(error.code, error)], selected)))
    except CurlportError as error:
        return FileReport(path, source, (_error_finding(PARSE_ERROR, error),))
    # The command is the provider's sample and stays as it is: its findings offer no --fix.
    shown = check_import_capped(result, selected, limit)
    findings = tuple(finding._replace(fix=None) for finding in shown.findings)
    return FileReport(path, result.source, findings, omitted=shown.omitted)  # the import's source knows the secrets


def _fixed(text: str, selected: frozenset[str] | None, unsafe: bool) -> FixedText:
    from curlport.lint.fixes import fix_json_text

    return fix_json_text(text, selected, unsafe=unsafe)


def _error_finding(code: str, error: CurlportError) -> Finding:
    return Finding(code, Severity.ERROR, error.message, error.span)


def _lint_config(source: Source, selected: frozenset[str] | None, limit: int | None,
                 document: dict[str, Any] | None = None) -> Capped:
    """The findings of a .json config; the positions of its values are worked out only when there is one to place.

    Most configs in CI are clean: ``json.loads`` (in C) and the generated validator say so
    quickly. A file that fails either has its values located: on demand when json.loads
    read it (``located``), else by parsing it again with positions, which also gives the
    exact error of an invalid file.
    """
    try:
        quick: Any = json.loads(source.text) if document is None else document
    except (ValueError, RecursionError):
        quick = _UNPARSED
    shared = walked(quick) if isinstance(quick, dict) else None
    problems = run_rules(shared, selected) if shared is not None else []
    repeated = _repeated(source, quick) if quick is not _UNPARSED else []
    # The quick path takes what json.loads takes; a text that may hold a lone surrogate goes the exact way.
    if quick is not _UNPARSED and not problems and not repeated and is_valid(quick) \
            and not SURROGATE_ESCAPE.search(source.text) and _unreadable(quick) is None:
        return Capped((), ())
    try:
        config, offsets = parse_with_positions(source.text) if quick is _UNPARSED else located(source.text)
    except json.JSONDecodeError as error:
        span = Span(error.lineno, error.colno, error.lineno, error.colno + 1)
        source.add_secrets(lambda: json_text_spellings(source.text))
        return Capped((Finding(PARSE_ERROR, Severity.ERROR, f"not valid JSON: {error.msg}", span),), ())
    # Worked out when a line or message is printed, from the places the rules listed when they read the same dict.
    from curlport.secrets import learn_config_secrets  # here: a run of clean configs never masks anything

    listed = shared.place_slots if shared is not None and config == quick else None
    learn_config_secrets(source, config, offsets, listed)
    spans = ValueSpans(source, offsets)
    problems = problems if isinstance(config, dict) else []
    explained = {problem.pointer for rule, problem in problems if rule.explains_schema}
    errors = violations(config)
    schema_findings = repeated + [
        Finding(SCHEMA_VIOLATION, Severity.ERROR, f"schema: {message}", nearest_span(pointer, spans), pointer or "/")
        for pointer, message in merged_violations(errors) if pointer not in explained
    ]
    unreadable = None if errors else _unreadable(config)
    # a rule's error at the same value (CP401 on a template endpoint) already says why pre-flight cannot use it
    if unreadable is not None and not any(problem.pointer == unreadable.pointer and rule.severity is Severity.ERROR
                                          for rule, problem in problems):
        schema_findings.append(Finding(SCHEMA_VIOLATION, Severity.ERROR, f"schema: {unreadable.message}",
                                       nearest_span(unreadable.pointer, spans), unreadable.pointer))
    return placed_findings(in_file_order(schema_findings, selected), problems, json_locator(source, offsets), limit)


def _repeated(source: Source, document: Any) -> list[Finding]:
    """A finding at each member name its object repeats (``repeated_members``): json.loads kept the last one, the
    platform's reader may keep the first, and the operator meant one of them."""
    findings = []
    members = repeated_members(source.text, document)
    if members:  # the value json.loads dropped is no credential of the config it read, but the text still shows it
        source.add_secrets(lambda: json_text_spellings(source.text))
    for member in members:
        span = source.span(member.start, member.end)
        if member.differs:
            findings.append(Finding(DUPLICATE_MEMBER, Severity.ERROR, f"{member.pointer} is given twice with different"
                                    " values: JSON readers differ on which one they keep; keep the one you mean", span,
                                    member.pointer))
        else:
            findings.append(Finding(REPEATED_MEMBER, Severity.WARNING, f"{member.pointer} is given twice with the same"
                                    " value: remove one", span, member.pointer))
    return findings


def _unreadable(config: Any) -> ProviderShapeError | None:
    """Why pre-flight cannot read a config the schema accepts, or None.

    The schema's patterns cannot tell that a URL's host or port is unreadable (an
    unclosed IPv6 bracket, a port like :x) or that a response pattern does not
    compile: render, send and export refuse those (CP501), and lint says so first.
    """
    try:
        read_shape(config)
    except ProviderShapeError as error:
        return error
    return None


class ValueSpans(Mapping[str, Span]):
    """The span of each located value's first character, by JSON pointer, worked out when asked for.

    A file with findings asks for a few values' spans; working out every value's
    (hundreds in a config) for them was most of the cost of placing its findings.
    """

    def __init__(self, source: Source, offsets: Mapping[str, int]) -> None:
        self._source = source
        self._offsets = offsets

    def __getitem__(self, pointer: str) -> Span:
        offset = self._offsets[pointer]
        return self._source.span(offset, offset + 1)

    def __contains__(self, pointer: object) -> bool:
        return pointer in self._offsets

    def __iter__(self) -> Iterator[str]:
        return iter(self._offsets)

    def __len__(self) -> int:
        return len(self._offsets)


def json_locator(source: Source, offsets: Mapping[str, int]) -> Locator:
    """Where a problem is in a JSON config (``offsets`` from ``parse_with_positions`` or ``located``): inside a
    string, the offending characters themselves; otherwise the value."""
    return _JsonLocator(source, offsets)


class _JsonLocator(Locator):
    def __init__(self, source: Source, offsets: Mapping[str, int]) -> None:
        super().__init__(source)
        self._offsets = offsets
        self._spans = ValueSpans(source, offsets)
        self._strings: dict[int, StringOffsets] = {}

    def place(self, problem: Problem) -> Span | Offsets | None:
        text = self._source.text
        start = self._offsets.get(problem.pointer)
        if start is None or text[start] != '"':
            return nearest_span(problem.pointer, self._spans)
        if problem.end is None:  # the whole value, inside its quotes
            return start + 1, literal_end(text, start) - 1
        if start not in self._strings:
            self._strings[start] = StringOffsets(text, start)
        return self._strings[start].offset(problem.start), self._strings[start].offset(problem.end)
