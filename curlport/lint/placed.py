"""The rules' problems as findings placed in the user's input: the step ``curlport import`` and lint share.

It is its own module so that an import loads the rules without what only lint needs (discovery, settings, the
fixer, pre-flight's reader of a config's shape).
"""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING
from urllib.parse import unquote_plus

from curlport.findings import MAX_PER_CODE, Capped, Finding, FixOffer, Omitted
from curlport.rules import each_problem
from curlport.rules.base import Config, Problem, Rule, resolve, slots, walked
from curlport.source import Source, Span, nearest_span

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
    return check_import_capped(result, selected, None).findings


def check_import_capped(result: ImportResult, selected: frozenset[str] | None = None,
                        limit: int | None = MAX_PER_CODE) -> Capped:
    """``check_import`` as shown: at most ``limit`` findings of each code (``placed_findings``), the others counted."""
    config = walked(result.config, result.detected)
    problems = list(each_problem(config, selected))
    if any(rule.code == _SAID_BY_THE_ASK for rule, _ in problems):
        asked = {candidate.slot.pointer for decision in (result.detection.decisions if result.detection else ())
                 if decision.outcome == "ask" for candidate in decision.candidates}
        problems = [(rule, problem) for rule, problem in problems
                    if rule.code != _SAID_BY_THE_ASK or problem.pointer not in asked]
    locate = _CurlLocator(result, config)
    notes = [finding for finding in result.findings if selected is None or finding.code in selected
             or finding.code == PARSE_ERROR]
    if any(note.code in _SAID_BETTER_BY_A_RULE for note in notes):
        better = {(rule.code, locate(problem)) for rule, problem in problems
                  if rule.code in _SAID_BETTER_BY_A_RULE.values()}
        notes = [finding for finding in notes
                 if (rule := _SAID_BETTER_BY_A_RULE.get(finding.code)) is None
                 or not any(code == rule and _overlap(span, finding.span) for code, span in better)]
    return placed_findings(notes, problems, locate, limit)


def _overlap(one: Span | None, other: Span | None) -> bool:
    """Whether two spans share a character."""
    if one is None or other is None:
        return False
    return (one.line, one.column) < (other.end_line, other.end_column) and \
        (other.line, other.column) < (one.end_line, one.end_column)


#: A problem's characters as the offsets [start, end) in the text: a span not made yet (a plain tuple: a megabyte of
#: repeated placeholders has 350,000 problems, and most of them are only counted).
Offsets = tuple[int, int]


class Locator:
    """Where a rule's problem is in the text its config came from: a span, or None when it is nowhere in it.

    A subclass says where (``place``), as ``Offsets`` when it has them: the span is made only for a problem that is
    shown (``__call__``); the others are put in file order by where they start (``where``, ``placed_findings``).
    """

    def __init__(self, source: Source) -> None:
        self._source = source

    def place(self, problem: Problem) -> Span | Offsets | None:
        raise NotImplementedError

    def __call__(self, problem: Problem) -> Span | None:
        place = self.place(problem)
        return place if place is None or isinstance(place, Span) else self._source.span(*place)

    def where(self, problem: Problem) -> int:
        """The offset in the text where the span ``__call__`` gives starts; -1 when it gives none."""
        return self.start(self.place(problem))

    def wheres(self, problems: list[Problem]) -> list[int]:
        """``where`` of each problem."""
        return list(map(self.where, problems))

    def start(self, place: Span | Offsets | None) -> int:
        """The offset where ``place`` starts, -1 for none: offsets sort as lines and columns do (``in_file_order``),
        every span being made from offsets in this text (``Source.span``)."""
        if place is None:
            return -1
        return self._source.offset(place.line, place.column) if isinstance(place, Span) else place[0]


class _CurlLocator(Locator):
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
        super().__init__(result.source)
        self._spans = result.source_map
        self._config = config
        self._texts: dict[str, str] | None = None
        #: Where each fragment is written in each word: looked up once.
        self._found: dict[tuple[Span, str], list[int]] = {}
        #: Where the n-th of n occurrences of each fragment of each value is written, by its offset in the value.
        self._ranked: dict[tuple[str, str], dict[int, int]] = {}

    def wheres(self, problems: list[Problem]) -> list[int]:
        """``where`` of each problem; one that points at a whole located value (a header a GET request carries) starts
        where that value's span does: its text is not looked at."""
        spans, offset, where = self._spans, self._source.offset, self.where
        return [offset(span.line, span.column) if problem.end is None and (span := spans.get(problem.pointer))
                else where(problem) for problem in problems]

    def place(self, problem: Problem) -> Span | Offsets | None:
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
        written = self._found.get((span, fragment))
        if written is None:
            written = self._found[(span, fragment)] = _offsets(self._source.text, fragment, *self._bounds(span))
        if len(written) == 1:
            return written[0], written[0] + len(fragment)
        if written:  # there several times (user=xxxxx&password=xxxxx): the n-th in the value is the n-th written,
            # when the value has as many; else told apart by what comes before it
            ranked = self._ranked.get((pointer, fragment))
            if ranked is None:
                in_value = _offsets(text, fragment, 0, len(text))
                ranked = self._ranked[(pointer, fragment)] = \
                    dict(zip(in_value, written, strict=True)) if len(in_value) == len(written) else {}
            at = ranked.get(start)
            if at is not None:
                return at, at + len(fragment)
            index = self._in_context(span, text, start, end) if len(fragment) < _CONTEXT else None
            if index is not None:  # a comma, a backslash: found by the text around it
                return index, index + len(fragment)
            found = self._source.find_after(span, fragment, text[max(0, start - 64) : start])
        else:
            # from another word: once in the whole text, alone or after its own characters before it (key=abc)
            found = self._source.find_after(span, fragment, text[max(0, start - 64) : start])
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


def placed_findings(found: list[Finding], problems: list[tuple[Rule, Problem]], locate: Locator,
                    limit: int | None = None) -> Capped:
    """``found`` (findings placed already: import notes, schema violations) and the rules' problems as findings in
    file order (``in_file_order``), at most ``limit`` of each code and the others counted (``findings.capped``).

    Only the problems shown are located: of a code with more than ``limit``, each problem's place in the file
    order is worked out (``Locator.wheres``, a number) and only the first ``limit`` become findings, so the
    300,000 repeated placeholders of a megabyte of text cost a comparison each, not a span and a finding each.
    """
    runs = _runs(problems)
    crowded: dict[str, int] = {}
    if limit is not None and len(found) + len(problems) > limit:  # else no code can have more than ``limit``
        counts = Counter(finding.code for finding in found)
        for code, ranges in runs.items():
            counts[code] += sum(len(indices) for indices in ranges)
        crowded = {code: count for code, count in counts.items() if count > limit}
    shown = [finding for finding in found if finding.code not in crowded]
    shown += [_finding(*problems[index], locate) for code, ranges in runs.items() if code not in crowded
              for indices in ranges for index in indices]
    if limit is None or not crowded:
        return Capped(tuple(in_file_order(shown, None)), ())
    for code in crowded:  # its first ``limit`` in file order, ties in the order they were found
        places = [(locate.start(finding.span), index) for index, finding in enumerate(found) if finding.code == code]
        for indices in runs.get(code, ()):
            places += zip(locate.wheres([problems[index][1] for index in indices]),
                          range(len(found) + indices.start, len(found) + indices.stop), strict=True)
        shown += [found[index] if index < len(found) else _finding(*problems[index - len(found)], locate)
                  for _, index in heapq.nsmallest(limit, places)]
    ordered = in_file_order(shown, None)
    first_shown = dict.fromkeys(finding.code for finding in ordered if finding.code in crowded)
    return Capped(tuple(ordered), tuple(Omitted(code, crowded[code] - limit) for code in first_shown))


def _runs(problems: list[tuple[Rule, Problem]]) -> dict[str, list[range]]:
    """Where each code's problems are in ``problems``, as runs of indices in order: the rules yield theirs one rule
    after another, so a code's 70,000 problems are counted and listed as one run, not looked at one by one."""
    runs: dict[str, list[range]] = {}
    start = 0
    for rule, run in groupby(problems, itemgetter(0)):
        end = start + len(list(run))
        runs.setdefault(rule.code, []).append(range(start, end))
        start = end
    return runs


def _finding(rule: Rule, problem: Problem, locate: Locator) -> Finding:
    return Finding(rule.code, rule.severity, problem.message, locate(problem), problem.pointer,
                   FixOffer(problem.fix.description, problem.fix.safe) if problem.fix else None)


def curl_locator(result: ImportResult, config: Config | None = None) -> Locator:
    """Where a problem of an imported config is in the curl text it came from.

    ``config``: the result's config as the rules read it (``walked``), when the caller has it: its listed values
    are reused.
    """
    return _CurlLocator(result, result.config if config is None else config)


def in_file_order(findings: list[Finding], selected: frozenset[str] | None) -> list[Finding]:
    """The enabled findings (a parse error always is), in the order of the file, like a compiler's."""
    kept = [f for f in findings if selected is None or f.code in selected or f.code == PARSE_ERROR]
    return sorted(kept, key=lambda f: (f.span.line, f.span.column, f.code) if f.span else (0, 0, f.code))
