"""Lint: the same checks over .curl commands and .json configs, every finding located in its file.

A file that cannot be read or parsed is a finding too (CP000), like ruff and
check-jsonschema report it, so one bad file never hides the others. With
``fix``, a .json config is fixed first (see ``curlport.lint.fixes``) and what remains
is reported; a .curl command is the provider's sample and is never rewritten
(``curlport import --fix`` applies the fixes to the config it makes).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from curlport.config.emit import write_atomically
from curlport.config.schema import json_pointer, violations
from curlport.errors import CurlportError, UnsupportedRequestError
from curlport.findings import Finding, FixOffer, Severity
from curlport.importer import ImportResult, decode_input, import_curl
from curlport.lint.fixes import AppliedFix, fix_json_text
from curlport.lint.json_positions import literal_end, parse_with_positions, source_offset
from curlport.lint.settings import Settings
from curlport.rules import RULES_BY_CODE, run_rules
from curlport.rules.base import Config, Problem, resolve
from curlport.source import Source, Span

PARSE_ERROR = "CP000"
SCHEMA_VIOLATION = "CP501"
LINTED_SUFFIXES = (".curl", ".json")
# Expectation files that sit beside fixtures are data about configs, not configs.
NOT_CONFIGS = (".findings.json", ".expected.json", ".lint.json")


@dataclass(frozen=True)
class FileReport:
    """The findings of one file, with its text so reporters can show the lines.

    ``fixed`` lists the fixes applied; ``fixed_text`` is the file's new text when
    they changed it (``source`` and ``findings`` are then about that new text).
    """

    path: str
    source: Source | None
    findings: tuple[Finding, ...]
    fixed: tuple[AppliedFix, ...] = ()
    fixed_text: str | None = None
    original_text: str | None = None


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """The files to lint: the named files, and every .curl and .json under named folders."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix in LINTED_SUFFIXES and not child.name.endswith(NOT_CONFIGS):
                    yield child
        else:
            yield path


def lint_paths(paths: Iterable[Path], settings: Settings | None = None, *, severity: Severity = Severity.INFO,
               fix: bool = False, unsafe_fixes: bool = False, write: bool = True) -> list[FileReport]:
    """Lint every file under ``paths``; with ``fix`` and ``write``, fixed .json configs are written back atomically.

    ``severity`` drops findings below it; ``write=False`` computes the fixes without
    writing them (``--diff``).
    """
    settings = settings or Settings()
    reports = []
    for path in discover(paths):
        try:
            data = path.read_bytes()
        except OSError as error:
            finding = Finding(PARSE_ERROR, Severity.ERROR, f"cannot read: {error.strerror or error}")
            reports.append(FileReport(str(path), None, (finding,)))
            continue
        report = lint_text(data, str(path), settings.codes_for(path), fix=fix, unsafe_fixes=unsafe_fixes)
        if write and report.fixed_text is not None:
            try:
                write_atomically(path, report.fixed_text, force=True)
            except OSError as error:
                raise CurlportError(f"{path}: cannot write the fixes: {error.strerror or error}") from None
        reports.append(replace(report, findings=tuple(f for f in report.findings if f.severity.rank >= severity.rank)))
    return reports


def lint_text(data: bytes, path: str, selected: frozenset[str] | None = None, *, fix: bool = False,
              unsafe_fixes: bool = False) -> FileReport:
    """Lint the bytes of one file, a .curl command or a .json config by its name."""
    try:
        text = decode_input(data)
    except CurlportError as error:
        return FileReport(path, None, (_error_finding(PARSE_ERROR, error),))
    if path.endswith(".json"):
        fixed = fix_json_text(text, selected, unsafe=unsafe_fixes) if fix else None
        if fixed is not None and fixed.text != text:
            source = Source(fixed.text, path)
            return FileReport(path, source, tuple(_lint_config(source, selected)), fixed.applied, fixed.text, text)
        source = Source(text, path)
        return FileReport(path, source, tuple(_lint_config(source, selected)))
    source = Source(text, path)
    try:
        result = import_curl(text, name=Path(path).stem, source_name=path)
    except UnsupportedRequestError as error:
        return FileReport(path, source, tuple(_selected([_error_finding(error.code, error)], selected)))
    except CurlportError as error:
        return FileReport(path, source, (_error_finding(PARSE_ERROR, error),))
    # The command is the provider's sample and stays as it is: its findings offer no --fix.
    findings = [replace(finding, fix=None) for finding in check_import(result, selected)]
    return FileReport(path, source, tuple(findings))


def _error_finding(code: str, error: CurlportError) -> Finding:
    return Finding(code, Severity.ERROR, error.message, error.span)


def check_import(result: ImportResult, selected: frozenset[str] | None = None) -> tuple[Finding, ...]:
    """What the importer noticed, and what the rules find in the config it made."""
    findings = list(result.findings) + _rule_findings(
        result.config, lambda problem: span_in_command(result, problem.pointer, problem.start, problem.end), selected)
    return tuple(_selected(findings, selected))


def span_in_command(result: ImportResult, pointer: str, start: int = 0, end: int | None = None) -> Span | None:
    """Characters start..end of the config value at ``pointer`` in the curl text, when they are there verbatim
    and once; else the whole argument (``end=None`` means the whole argument).

    The source map knows which shell word a config value came from, not where inside
    it each character was (quotes, escapes and decoding shift them), so the offending
    text is looked up in that word's source; a lookup that is not unique is not trusted.
    """
    span = _locate(pointer, result.source_map)
    if span is None or end is None:
        return span
    try:
        value = resolve(result.config, pointer)
    except (KeyError, IndexError, ValueError, TypeError):
        return span
    fragment = value[start:end] if isinstance(value, str) else ""
    source = result.source
    word_start, word_end = source.offset(span.line, span.column), source.offset(span.end_line, span.end_column)
    region = source.text[word_start:word_end]
    if not fragment or region.count(fragment) != 1:
        return span
    found = word_start + region.index(fragment)
    return source.span(found, found + len(fragment))


def _locate(pointer: str, positions: dict[str, Span]) -> Span | None:
    """The span of a pointer, or of its nearest located parent."""
    while True:
        if pointer in positions:
            return positions[pointer]
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]


def _rule_findings(config: Config, locate: Callable[[Problem], Span | None],
                   selected: frozenset[str] | None) -> list[Finding]:
    return [
        Finding(rule.code, rule.severity, problem.message, locate(problem), problem.pointer,
                FixOffer(problem.fix.description, problem.fix.safe) if problem.fix else None)
        for rule, problem in run_rules(config, selected)
    ]


def _lint_config(source: Source, selected: frozenset[str] | None) -> list[Finding]:
    try:
        config, offsets = parse_with_positions(source.text)
    except json.JSONDecodeError as error:
        span = Span(error.lineno, error.colno, error.lineno, error.colno + 1)
        return [Finding(PARSE_ERROR, Severity.ERROR, f"not valid JSON: {error.msg}", span)]
    def locate(problem: Problem) -> Span | None:
        return span_in_json(source, offsets, problem.pointer, problem.start, problem.end)

    spans = {pointer: source.span(offset, offset + 1) for pointer, offset in offsets.items()}
    findings = _rule_findings(config, locate, selected) if isinstance(config, dict) else []
    explained = {f.pointer for f in findings if RULES_BY_CODE[f.code].explains_schema}
    schema_findings = [
        Finding(SCHEMA_VIOLATION, Severity.ERROR, f"schema: {error.message}",
                _locate(json_pointer(error), spans), json_pointer(error) or "/")
        for error in violations(config) if json_pointer(error) not in explained
    ]
    return _selected(schema_findings + findings, selected)


def span_in_json(source: Source, offsets: dict[str, int], pointer: str, start: int = 0,
                 end: int | None = None) -> Span | None:
    """Characters start..end of the string at ``pointer`` in a JSON config's text (``end=None``: the whole value,
    inside its quotes); for a value that is not a string, where it starts, or its nearest located parent."""
    value_start = offsets.get(pointer)
    if value_start is None or source.text[value_start] != '"':
        return _locate(pointer, {key: source.span(offset, offset + 1) for key, offset in offsets.items()})
    if end is None:
        return source.span(value_start + 1, literal_end(source.text, value_start) - 1)
    return source.span(source_offset(source.text, value_start, start), source_offset(source.text, value_start, end))


def _selected(findings: list[Finding], selected: frozenset[str] | None) -> list[Finding]:
    """The enabled findings (a parse error always is), in the order of the file, like a compiler's."""
    kept = [f for f in findings if selected is None or f.code in selected or f.code == PARSE_ERROR]
    return sorted(kept, key=lambda f: (f.span.line, f.span.column, f.code) if f.span else (0, 0, f.code))
