"""Positions in the user's input.

Every later message points back at the text the user pasted, so offsets are
turned into 1-based line and column numbers in exactly one place.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from curlport.redact import redact


class Span(NamedTuple):
    """A half-open range of the input: ``end_column`` is one past the last character.

    A named tuple, not a frozen dataclass (every value an import or lint locates has one): named tuples are built
    several times faster.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


class Source:
    """The input text with an index of its line starts, and the credentials its readers found in it.

    ``secrets`` grows as the importer or the JSON config parser learn which values
    are credentials (``curlport.credentials``); everything that shows this text, or a
    message or diff about it, masks them (``curlport.redact``).
    """

    def __init__(self, text: str, name: str = "<stdin>") -> None:
        self.text = text
        self.name = name
        self._secrets: frozenset[str] = frozenset()
        self._pending: list[Callable[[], frozenset[str]]] = []
        #: Spellings of located secrets, for text derived from this one only (``add_located_secrets``).
        self._derived: frozenset[str] = frozenset()
        self._derived_pending: list[Callable[[], frozenset[str]]] = []
        self._all: frozenset[str] | None = frozenset()  # ``secrets``, None until worked out again
        self._spans: list[tuple[int, int]] = []
        self._spans_pending: list[Callable[[], Iterable[tuple[int, int]]]] = []
        self._shown: dict[tuple[int, bool], str] = {}
        self._starts: list[int] | None = None

    @property
    def _line_starts(self) -> list[int]:
        """The offset of each line's first character, listed at the first position asked for: lint makes a Source
        for every file it reads, and most files (the clean ones) never have one placed."""
        starts = self._starts
        if starts is None:
            starts = self._starts = [0]
            text = self.text
            start = text.find("\n")
            while start != -1:
                starts.append(start + 1)
                start = text.find("\n", start + 1)
        return starts

    def add_secrets(self, spellings: frozenset[str] | Callable[[], frozenset[str]]) -> None:
        """Record credentials as they may be written in this text (``curlport.credentials.credential_spellings``).

        A callable is called on the first use of ``secrets``: lint learns a config's
        credentials only for a file it prints something of, not for every file it reads.
        """
        if callable(spellings):
            self._pending.append(spellings)
        else:
            self._secrets = self._secrets | spellings
        self._all = None
        self._shown.clear()  # lines masked before these were known

    def add_located_secrets(self, spans: Callable[[], Iterable[tuple[int, int]]],
                            spellings: Callable[[], frozenset[str]]) -> None:
        """Record credentials a reader located in this text: ``spans`` (offsets ``[start, end)``) are masked where
        this text is shown, by position, whatever their spelling; ``spellings`` only in text derived from it (a
        message that quotes a value). Both are worked out on first use, as for ``add_secrets``."""
        self._spans_pending.append(spans)
        self._derived_pending.append(spellings)
        self._all = None
        self._shown.clear()

    @property
    def secrets(self) -> frozenset[str]:
        """Every credential spelling recorded so far (``add_secrets``, and the spellings of ``add_located_secrets``):
        what masks a message or a diff, which are not this text."""
        if self._all is None:  # something was added since: a message is masked once per finding, the union once
            while self._derived_pending:
                self._derived = self._derived | self._derived_pending.pop(0)()
            self._all = self._text_secrets | self._derived
        return self._all

    @property
    def _text_secrets(self) -> frozenset[str]:
        """The spellings searched for in this text itself: those no reader located (``add_secrets``)."""
        while self._pending:
            self._secrets = self._secrets | self._pending.pop(0)()
        return self._secrets

    def masked(self, start: int, end: int) -> str:
        """``text[start:end]`` as it is shown: the located secrets masked at their spans, the others by their
        spellings and patterns (``redact``)."""
        while self._spans_pending:
            self._spans = sorted({*self._spans, *self._spans_pending.pop(0)()})
        text = self.text[start:end]
        for secret_start, secret_end in self._spans:
            if secret_start < end and start < secret_end:
                left, right = max(secret_start, start) - start, min(secret_end, end) - start
                text = text[:left] + "*" * (right - left) + text[right:]
        return redact(text, self._text_secrets)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset."""
        starts = self._starts or self._line_starts
        line_index = bisect_right(starts, offset) - 1
        return line_index + 1, offset - starts[line_index] + 1

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based (line, column): the inverse of ``position``."""
        return (self._starts or self._line_starts)[line - 1] + column - 1

    def span(self, start: int, end: int) -> Span:
        """The span of [start, end): ``position`` of both ends, with one search when they are on one line.

        An import makes one for each of its values (70,000 headers in a megabyte): the lines are listed once
        (``_line_starts``) and read here directly."""
        starts = self._starts or self._line_starts
        line = bisect_right(starts, start)
        if end < start:
            end = start
        end_line = line if line == len(starts) or end < starts[line] else bisect_right(starts, end, line)
        return Span(line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1)

    def find(self, within: Span, fragment: str) -> Span | None:
        """Where ``fragment`` is inside the text of ``within``, when it is there exactly once."""
        start, end = self.offset(within.line, within.column), self.offset(within.end_line, within.end_column)
        region = self.text[start:end]
        if not fragment or region.count(fragment) != 1:
            return None
        found = start + region.index(fragment)
        return self.span(found, found + len(fragment))

    def find_after(self, within: Span, fragment: str, before: str) -> Span | None:
        """Where ``fragment`` is inside ``within``: there once, or told apart from its other occurrences by the
        fewest of the characters ``before`` it (``password=xxxxx`` where ``user=xxxxx`` comes first); else, for
        a value that came from another word (``--url-query``, ``-G -d``), where it is once in the whole text, with as
        few of the characters before it as make it so (``key=abc``)."""
        found = self.find(within, fragment) or self._find_elsewhere(fragment)
        for length in (4, 8, 16, 32, 64, len(before)):
            if found is not None or length > len(before) or not before:
                break
            anchored = self.find(within, before[len(before) - length :] + fragment)
            if anchored is not None:
                start = self.offset(anchored.line, anchored.column) + length
                found = self.span(start, start + len(fragment))
        for length in range(1, min(len(before), 16) + 1):  # from another word, and short (-G -d key=abc)
            if found is not None:
                break
            elsewhere = self._find_elsewhere(before[len(before) - length :] + fragment)
            if elsewhere is not None:
                start = self.offset(elsewhere.line, elsewhere.column) + length
                found = self.span(start, start + len(fragment))
        return found

    def _find_elsewhere(self, fragment: str) -> Span | None:
        """``fragment`` once in the whole text, long enough (4 characters) not to be there by coincidence."""
        if len(fragment) < 4 or self.text.count(fragment) != 1:
            return None
        start = self.text.index(fragment)
        return self.span(start, start + len(fragment))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start, end = self._line_range(line)
        return self.text[start:end].rstrip("\r")

    def _line_range(self, line: int) -> tuple[int, int]:
        """Where a 1-based line starts and ends (before its line break); empty for a line the text does not have."""
        starts = self._line_starts
        if not 1 <= line <= len(starts):
            return 0, 0
        end = self.text.find("\n", starts[line - 1])
        return starts[line - 1], end if end != -1 else len(self.text)

    def shown_line(self, line: int, show_secrets: bool = False) -> str:
        """The line as diagnostics show it: tabs as spaces, secrets masked unless asked for.

        Computed once per line: a one-line command of a megabyte with thousands of
        findings is masked once, not once per finding.
        """
        key = (line, show_secrets)
        if key not in self._shown:
            text = self.line_text(line) if show_secrets else self._masked_line(line)
            self._shown[key] = text.replace("\t", " ")
        return self._shown[key]

    def _masked_line(self, line: int) -> str:
        return self.masked(*self._line_range(line)).rstrip("\r")


def nearest_span(pointer: str, spans: Mapping[str, Span]) -> Span | None:
    """The span of a JSON pointer in a map of located values, or of its nearest located parent.

    A pointer with no characters of its own in the text (a member the schema says is
    missing, a value the importer made up) is shown at the value that holds it.
    """
    while pointer not in spans:
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]
    return spans[pointer]
