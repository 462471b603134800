"""The rules' problems as findings placed in the user's input: the step ``curlport import`` and lint share.

It is its own module so that an import loads the rules without what only lint needs (discovery, settings, the
fixer, pre-flight's reader of a config's shape).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from curlport.findings import Finding, FixOffer
from curlport.rules import run_rules
from curlport.rules.base import Config, Problem, Rule, resolve, walked
from curlport.source import Span, nearest_span

if TYPE_CHECKING:
    from curlport.importer import ImportResult

#: The code of a file that cannot be read at all (a curl text or JSON that does not parse).
PARSE_ERROR = "CP000"

#: A rule whose finding an import note already makes at the same place, with more to act on: a CP402 "may be the
#: message" at a candidate the import lists as CP022 with the exact --to/--body flag that picks it.
_SAID_BY_THE_IMPORT = {"CP402": "CP022"}


def check_import(result: ImportResult, selected: frozenset[str] | None = None) -> tuple[Finding, ...]:
    """What the importer noticed, and what the rules find in the config it made (each thing said once)."""
    noted = {(finding.code, finding.span) for finding in result.findings}
    config = walked(result.config, result.detected)
    rules = [finding for finding in rule_findings(config, curl_locator(result), selected)
             if (_SAID_BY_THE_IMPORT.get(finding.code), finding.span) not in noted]
    return tuple(in_file_order(list(result.findings) + rules, selected))


def _in_command(problem: Problem, result: ImportResult, found: dict[tuple[int, int, str], int | None]) -> Span | None:
    """The problem's characters in the curl text when they are there verbatim and once; else the whole argument.

    The source map knows which shell word a config value came from, not where inside
    it each character was (quotes, escapes and decoding shift them), so the offending
    text is looked up in that word's source; a lookup that is not unique is not trusted.
    ``found`` remembers each (region, text) lookup: a placeholder repeated thousands of
    times in one argument is searched for once, not once per finding.
    """
    span = nearest_span(problem.pointer, result.source_map)
    if span is None or problem.end is None:
        return span
    try:
        value = resolve(result.config, problem.pointer)
    except (KeyError, IndexError, ValueError, TypeError):
        return span
    fragment = value[problem.start : problem.end] if isinstance(value, str) else ""
    source = result.source
    start, end = source.offset(span.line, span.column), source.offset(span.end_line, span.end_column)
    if not fragment:
        return span
    key = (start, end, fragment)
    if key not in found:
        first = source.text.find(fragment, start, end)
        unique = first != -1 and source.text.find(fragment, first + len(fragment), end) == -1
        found[key] = first if unique else None
    index = found[key]
    return span if index is None else source.span(index, index + len(fragment))


def rule_findings(config: Config, locate: Callable[[Problem], Span | None],
                   selected: frozenset[str] | None,
                   problems: list[tuple[Rule, Problem]] | None = None) -> list[Finding]:
    return [
        Finding(rule.code, rule.severity, problem.message, locate(problem), problem.pointer,
                FixOffer(problem.fix.description, problem.fix.safe) if problem.fix else None)
        for rule, problem in (run_rules(config, selected) if problems is None else problems)
    ]


def curl_locator(result: ImportResult) -> Callable[[Problem], Span | None]:
    """Where a problem of an imported config is in the curl text it came from."""
    found: dict[tuple[int, int, str], int | None] = {}
    return lambda problem: _in_command(problem, result, found)


def in_file_order(findings: list[Finding], selected: frozenset[str] | None) -> list[Finding]:
    """The enabled findings (a parse error always is), in the order of the file, like a compiler's."""
    kept = [f for f in findings if selected is None or f.code in selected or f.code == PARSE_ERROR]
    return sorted(kept, key=lambda f: (f.span.line, f.span.column, f.code) if f.span else (0, 0, f.code))
