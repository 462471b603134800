"""Lint: the same checks over .curl commands and .json configs, every finding located in its file.

A file that cannot be read or parsed is a finding too (CP000), like ruff and
check-jsonschema report it, so one bad file never hides the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from curlport.errors import CurlportError
from curlport.findings import Finding, Severity
from curlport.importer import ImportResult, decode_input, import_curl
from curlport.json_positions import parse_with_positions
from curlport.rules import run_rules
from curlport.rules.base import Config, Problem
from curlport.schema import json_pointer, violations
from curlport.source import Source, Span

PARSE_ERROR = "CP000"
SCHEMA_VIOLATION = "CP501"
LINTED_SUFFIXES = (".curl", ".json")
# Expectation files that sit beside fixtures are data about configs, not configs.
NOT_CONFIGS = (".findings.json", ".expected.json", ".lint.json")


@dataclass(frozen=True)
class FileReport:
    """The findings of one file, with its text so reporters can show the lines."""

    path: str
    source: Source | None
    findings: tuple[Finding, ...]


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """The files to lint: the named files, and every .curl and .json under named folders."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix in LINTED_SUFFIXES and not child.name.endswith(NOT_CONFIGS):
                    yield child
        else:
            yield path


def _locate(pointer: str, positions: dict[str, Span]) -> Span | None:
    """The span of a pointer, or of its nearest located parent."""
    while True:
        if pointer in positions:
            return positions[pointer]
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]


def _rule_findings(config: Config, spans: dict[str, Span], inner: dict[str, int] | None,
                   source: Source | None, selected: frozenset[str] | None) -> list[Finding]:
    findings = []
    for rule, problem in run_rules(config, selected):
        findings.append(Finding(rule.code, rule.severity, problem.message,
                                _problem_span(problem, spans, inner, source), problem.pointer))
    return findings


def _problem_span(problem: Problem, spans: dict[str, Span], inner: dict[str, int] | None,
                  source: Source | None) -> Span | None:
    """In a JSON file, point inside the string at the offending characters; elsewhere at the value."""
    if inner is not None and source is not None and problem.pointer in inner:
        start = inner[problem.pointer] + (1 if source.text[inner[problem.pointer]] == '"' else 0) + problem.start
        end = start + ((problem.end - problem.start) if problem.end is not None else 1)
        return source.span(start, end)
    return _locate(problem.pointer, spans)


def lint_text(data: bytes, path: str, selected: frozenset[str] | None = None) -> FileReport:
    """Lint the bytes of one file, a .curl command or a .json config by its name."""
    try:
        text = decode_input(data)
    except CurlportError as error:
        return FileReport(path, None, (Finding(PARSE_ERROR, Severity.ERROR, error.message, error.span),))
    source = Source(text, path)
    if path.endswith(".json"):
        return FileReport(path, source, tuple(_lint_config(source, selected)))
    try:
        result = import_curl(text, name=Path(path).stem, source_name=path)
    except CurlportError as error:
        return FileReport(path, source, (Finding(PARSE_ERROR, Severity.ERROR, error.message, error.span),))
    return FileReport(path, source, check_import(result, selected))


def check_import(result: ImportResult, selected: frozenset[str] | None = None) -> tuple[Finding, ...]:
    """What the importer noticed, and what the rules find in the config it made."""
    findings = list(result.findings) + _rule_findings(result.config, result.source_map, None, result.source, selected)
    return tuple(_selected(findings, selected))


def _lint_config(source: Source, selected: frozenset[str] | None) -> list[Finding]:
    try:
        config, offsets = parse_with_positions(source.text)
    except json.JSONDecodeError as error:
        span = Span(error.lineno, error.colno, error.lineno, error.colno + 1)
        return [Finding(PARSE_ERROR, Severity.ERROR, f"not valid JSON: {error.msg}", span)]
    spans = {pointer: source.span(offset, offset + 1) for pointer, offset in offsets.items()}
    findings = [
        Finding(SCHEMA_VIOLATION, Severity.ERROR, f"schema: {error.message}",
                _locate(json_pointer(error), spans), json_pointer(error) or "/")
        for error in violations(config)
    ]
    if isinstance(config, dict):
        findings += _rule_findings(config, spans, offsets, source, selected)
    return _selected(findings, selected)


def _selected(findings: list[Finding], selected: frozenset[str] | None) -> list[Finding]:
    return [f for f in findings if selected is None or f.code in selected or f.code == PARSE_ERROR]
