"""The rules' problems as findings placed in the user's input: the step ``curlport import`` and lint share.

It is its own module so that an import loads the rules without what only lint needs (discovery, settings, the
fixer, pre-flight's reader of a config's shape).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import unquote_plus

from curlport.findings import Finding, FixOffer
from curlport.rules import each_problem
from curlport.rules.base import Config, Problem, Rule, resolve, slots, walked
from curlport.source import Span, nearest_span

if TYPE_CHECKING:
    from curlport.importer import ImportResult

#: The code of a file that cannot be read at all (a curl text or JSON that does not parse).
PARSE_ERROR = "CP000"

#: The rule whose "may be the recipient" findings an import's CP021 already makes, with each candidate and the exact
#: --to/--body flag that picks it: one problem, one finding.
_SAID_BY_THE_ASK = "CP402"
#: How far around a short problem (one character) its text is looked at to find it once in the curl text.
_CONTEXT = 48
#: An import note a rule's finding at the same characters says better, with what to do: an unquoted <api_key>
#: the shell would take for a redirection (CP001) is a template value to fill in (CP401).
_SAID_BETTER_BY_A_RULE = {"CP001": "CP401"}


def check_import(result: ImportResult, selected: frozenset[str] | None = None) -> tuple[Finding, ...]:
    """What the importer noticed, and what the rules find in the config it made (each thing said once)."""
    asked = {candidate.slot.pointer for decision in (result.detection.decisions if result.detection else ())
             if decision.outcome == "ask" for candidate in decision.candidates}
    config = walked(result.config, result.detected)
    rules = [finding for finding in rule_findings(config, curl_locator(result, config), selected)
             if finding.code != _SAID_BY_THE_ASK or finding.pointer not in asked]
    better = {(finding.code, finding.span) for finding in rules}
    notes = [finding for finding in result.findings
             if (rule := _SAID_BETTER_BY_A_RULE.get(finding.code)) is None
             or not any(code == rule and _overlap(span, finding.span) for code, span in better)]
    return tuple(in_file_order(notes + rules, selected))


def _overlap(one: Span | None, other: Span | None) -> bool:
    """Whether two spans share a character."""
    if one is None or other is None:
        return False
    return (one.line, one.column) < (other.end_line, other.end_column) and \
        (other.line, other.column) < (one.end_line, one.end_column)


class _CurlLocator:
    """The problem's characters in the curl text, when they can be told apart there; else the whole argument.

    The source map knows which shell word a config value came from, not where inside
    it each character was (quotes, escapes and decoding shift them), so the offending
    text is looked up in that word's source: there once; the n-th of n in the value and
    in the word; told apart by the characters before it; or, from another word
    (``--url-query``), once in the whole text. A guess is never taken.

    Linear in the number of problems: the text a problem points into is read from one map of the config's text
    values (made at the first problem that needs one) rather than by resolving its pointer step by step, and
    ``_found`` remembers each (argument, text) lookup: a placeholder repeated thousands of times in one argument is
    searched for once, not once per finding, and each occurrence is then picked by its rank.
    """

    def __init__(self, result: ImportResult, config: Config) -> None:
        self._spans = result.source_map
        self._source = result.source
        self._config = config
        self._texts: dict[str, str] | None = None
        #: Where each fragment is written in each word, and where it is in each config value: each looked up once.
        self._found: dict[tuple[Span, str], list[int]] = {}
        self._in_values: dict[tuple[str, str], list[int]] = {}

    def __call__(self, problem: Problem) -> Span | None:
        pointer, _, start, end, _ = problem
        # most pointers are located themselves: one lookup, before the walk up to a located parent
        span = self._spans.get(pointer) or nearest_span(pointer, self._spans)
        if span is None or end is None:
            return span
        texts = self._texts if self._texts is not None else self._listed()
        text = texts[pointer] if pointer in texts else self._resolved(pointer)
        fragment = text[start:end]
        if not fragment:
            return span
        key = (span, fragment)
        if key not in self._found:
            self._found[key] = _offsets(self._source.text, fragment, *self._bounds(span))
        written = self._found[key]
        if len(written) == 1:
            return self._source.span(written[0], written[0] + len(fragment))
        if written:  # there several times (user=xxxxx&password=xxxxx): the n-th in the value is the n-th written,
            # when the value has as many; else told apart by what comes before it
            if (pointer, fragment) not in self._in_values:
                self._in_values[(pointer, fragment)] = _offsets(text, fragment, 0, len(text))
            in_value = self._in_values[(pointer, fragment)]
            nth = bisect_left(in_value, start)
            if len(in_value) == len(written) and nth < len(in_value) and in_value[nth] == start:
                return self._source.span(written[nth], written[nth] + len(fragment))
            index = self._in_context(span, text, start, end) if len(fragment) < _CONTEXT else None
            if index is not None:  # a comma, a backslash: found by the text around it
                return self._source.span(index, index + len(fragment))
            found = self._source.find_after(span, fragment, text[max(0, start - 64) : start])
        else:
            found = self._source.find_after(span, fragment, "")  # from another word: once in the whole text
        if found is None and unquote_plus(fragment) != fragment:  # curl percent-encodes what --url-query and -G add
            found = self._source.find_after(span, unquote_plus(fragment), "")
        return span if found is None else found

    def _in_context(self, span: Span, text: str, start: int, end: int) -> int | None:
        """Where the short fragment text[start:end] is, told apart by the characters after it, or before it."""
        for width in (4, 16, _CONTEXT):
            after = self._unique(span, text[start : end + width])
            if after is not None:
                return after
            before = max(start - width, 0)
            found = self._unique(span, text[before:end])
            if found is not None:
                return found + start - before
        return None

    def _unique(self, span: Span, fragment: str) -> int | None:
        """The offset of ``fragment`` in the text of ``span`` when it is there once; None otherwise."""
        found = self._source.find(span, fragment)
        return None if found is None else self._source.offset(found.line, found.column)

    def _bounds(self, span: Span) -> tuple[int, int]:
        source = self._source
        return source.offset(span.line, span.column), source.offset(span.end_line, span.end_column)

    def _listed(self) -> dict[str, str]:
        """The config's text values by pointer, listed once (the rules' walk of the config, reused)."""
        self._texts = {value.pointer: value.text for value in slots(self._config)}
        return self._texts

    def _resolved(self, pointer: str) -> str:
        """The config's text at a pointer no listed value has; "" where there is none (no value, or not text)."""
        try:
            value = resolve(self._config, pointer)
        except (KeyError, IndexError, ValueError, TypeError):
            return ""
        return value if isinstance(value, str) else ""


def _offsets(text: str, fragment: str, start: int, end: int) -> list[int]:
    """Where ``fragment`` starts in ``text[start:end]``, occurrences not overlapping, left to right."""
    found, at = [], text.find(fragment, start, end)
    while at != -1:
        found.append(at)
        at = text.find(fragment, at + len(fragment), end)
    return found


def rule_findings(config: Config, locate: Callable[[Problem], Span | None],
                   selected: frozenset[str] | None,
                   problems: list[tuple[Rule, Problem]] | None = None) -> list[Finding]:
    return [
        Finding(rule.code, rule.severity, problem.message, locate(problem), problem.pointer,
                FixOffer(problem.fix.description, problem.fix.safe) if problem.fix else None)
        for rule, problem in (each_problem(config, selected) if problems is None else problems)
    ]


def curl_locator(result: ImportResult, config: Config | None = None) -> Callable[[Problem], Span | None]:
    """Where a problem of an imported config is in the curl text it came from.

    ``config``: the result's config as the rules read it (``walked``), when the caller has it: its listed values
    are reused.
    """
    return _CurlLocator(result, result.config if config is None else config)


def in_file_order(findings: list[Finding], selected: frozenset[str] | None) -> list[Finding]:
    """The enabled findings (a parse error always is), in the order of the file, like a compiler's."""
    kept = [f for f in findings if selected is None or f.code in selected or f.code == PARSE_ERROR]
    return sorted(kept, key=lambda f: (f.span.line, f.span.column, f.code) if f.span else (0, 0, f.code))
