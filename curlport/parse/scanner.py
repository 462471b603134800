"""Shell text cut into the grammar's tokens by the grammar's own LALR tables, with no Lark at run time.

The tables (``curlport.parse.tables``) are what Lark computes from ``grammar/curl.lark``:
for each parser state, the terminals its contextual lexer tries, in Lark's order,
and the state's shift and reduce actions. This module only runs them, so the text
is accepted or refused exactly where Lark's parser accepts or refuses it (a test
compares the two on every fixture and on generated texts). Importing Lark, and
building its parser from the tables, cost more than a third of a cold ``curlport import``.

What the shell reader needs from a parse is the sequence of tokens the start rule
holds, which is every token the lexer keeps: the grammar's rules are flat lists of
terminals (the generator refuses a grammar whose parse tree would nest).

Running the automaton one token at a time (a regex match per token and per blank,
then the LALR steps in Python) was a third of word splitting. Both halves are
prepared instead, once per start rule:

- The parse stacks the text can lead to are few (a flat rule's stack stays a few
  states deep), so they are enumerated with the LALR steps (``_feed``), and each
  becomes a ``_Configuration`` that knows the configuration every terminal leads
  to. Reading a token is then one dictionary lookup.
- Each configuration's terminals become one regex that first skips the ignored
  terminals (blanks, line continuations) and then matches one kept terminal, or
  one character of nothing (an error), in Lark's order. While a token leads to a
  configuration that tries the same terminals, one ``finditer`` keeps consuming
  the text in C: for these grammars that is the whole text. A word terminal reads
  a run of plain characters in one step (``Tables.runs``), where its repetition
  would try every piece at every character.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final, NamedTuple

END: Final = "$END"
#: The group of a configuration's regex that matches one character no terminal matches (not a terminal name:
#: Lark's are upper case).
_ERROR: Final = "scan_error"
#: More parse stacks than this means a stack that grows with the text (a nesting rule): not what ``Scanner`` runs.
MAX_CONFIGURATIONS: Final = 1_000


#: A kept token: its terminal's name, its text, and its offsets [start, end) in the text it was cut from (what
#: Lark's ``Token`` holds as ``type``, its value, ``start_pos`` and ``end_pos``); a plain tuple, cheap to make.
Token = tuple[str, str, int, int]


class ScanError(Exception):
    """The text is not in the grammar's language; ``offset`` is where it stops being so."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


#: A state's action on a terminal: shift to a state, or reduce by a rule (its name, its length).
Action = int | tuple[str, int]


class Tables(NamedTuple):
    """The grammar's LALR automaton and contextual lexer, as plain data (see ``curlport.parse.tables``).

    A named tuple, not a frozen dataclass: cheaper to define at every start and to make.
    """

    terminals: Mapping[str, str]  # name -> regular expression
    ignore: frozenset[str]
    flags: int
    #: For a terminal that repeats a choice, a class of characters it may read as a run (``first_characters``).
    runs: Mapping[str, str]
    #: (ignored, kept) terminals no character can start both: the ignored one is skipped without a lookahead.
    disjoint: frozenset[tuple[str, str]]
    start_states: Mapping[str, int]
    end_states: Mapping[str, int]
    lexing: Mapping[int, Sequence[str]]  # state -> the terminals its lexer tries, in Lark's order
    actions: Mapping[int, Mapping[str, Action]]
    gotos: Mapping[int, Mapping[str, int]]  # state -> the state after a rule's reduction, by the rule's name


class _Configuration:
    """A parse stack the text can lead to: the regex its lexer uses, and where each kept terminal leads.

    A plain class, not a dataclass: a dataclass costs a few hundred microseconds to define at every start.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.following: dict[str, _Configuration] = {}
        self.accepts_end = False


class Scanner:
    """Runs ``Tables``: ``tokens(text, start)`` is the kept tokens of the text read from ``start``.

    A plain class, not a dataclass: a dataclass costs a few hundred microseconds to define at every start.
    """

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self._patterns: dict[tuple[str, ...], re.Pattern[str]] = {}
        self._regexps: dict[str, str] = {}
        self._first: dict[str, _Configuration] = {}

    def tokens(self, text: str, start: str) -> list[Token]:
        configuration = self._first.get(start) or self._configurations(start)
        kept: list[Token] = []
        position = 0
        while True:
            pattern = configuration.pattern
            for match in pattern.finditer(text, position):
                kind = match.lastgroup
                if kind is None:  # blanks at the end of the text
                    continue
                following = configuration.following.get(kind)
                if following is None:  # no terminal here (the error group), or one the parser refuses here
                    raise ScanError(match.start(kind))
                begin, end = match.span(kind)  # one call for both ends; the kept group ends the match
                kept.append((kind, text[begin:end], begin, end))
                configuration = following
                if following.pattern is not pattern:
                    position = end
                    break
            else:
                if not configuration.accepts_end:
                    raise ScanError(len(text))
                return kept

    def _configurations(self, start: str) -> _Configuration:
        """Every parse stack reachable from ``start``'s, linked by the kept terminal that leads from one to the next."""
        tables = self.tables
        end_state = tables.end_states[start]
        first: tuple[int, ...] = (tables.start_states[start],)
        found: dict[tuple[int, ...], _Configuration] = {first: _Configuration(self._pattern(first[-1]))}
        waiting = [first]
        while waiting:
            stack = waiting.pop()
            configuration = found[stack]
            configuration.accepts_end = self._fed(stack, END, end_state) is not None
            for kind in tables.lexing[stack[-1]]:
                following = None if kind in tables.ignore else self._fed(stack, kind, end_state)
                if following is None:
                    continue
                if following not in found:
                    if len(found) >= MAX_CONFIGURATIONS:
                        raise ValueError(f"the parse stack of {start} grows with the text: the scanner runs flat "
                                         "rules only")
                    found[following] = _Configuration(self._pattern(following[-1]))
                    waiting.append(following)
                configuration.following[kind] = found[following]
        self._first[start] = found[first]
        return found[first]

    def _fed(self, stack: tuple[int, ...], symbol: str, end_state: int) -> tuple[int, ...] | None:
        """The stack after ``symbol``, or None when the parser refuses it there."""
        states = list(stack)
        try:
            self._feed(states, symbol, 0, end_state)
        except ScanError:
            return None
        return tuple(states)

    def _feed(self, states: list[int], symbol: str, position: int, end_state: int) -> None:
        """Lark's LALR step: reduce while the state says so, then shift ``symbol`` (or accept at the end)."""
        actions, gotos = self.tables.actions, self.tables.gotos
        while True:
            action = actions[states[-1]].get(symbol)
            if action is None:
                raise ScanError(position)
            if isinstance(action, int):
                states.append(action)
                return
            origin, length = action
            if length:
                del states[-length:]
            states.append(gotos[states[-1]][origin])
            if symbol == END and states[-1] == end_state:
                return

    def _pattern(self, state: int) -> re.Pattern[str]:
        """The state's lexer as one regex: ignored terminals skipped, then one kept terminal, in Lark's order.

        An ignored terminal is skipped only where no kept terminal Lark tries before it
        could match (a lookahead, left out when the two cannot start with the same
        character), and the skipping is atomic, so the regex picks at every position the
        terminal Lark's lexer would. The last alternative is one character in the error
        group: ``finditer`` then never jumps over text no terminal matches.
        """
        names = tuple(self.tables.lexing[state])
        pattern = self._patterns.get(names)
        if pattern is None:
            ignore = self.tables.ignore
            skips = []
            for index, name in enumerate(names):
                if name in ignore:
                    guards = [kept for kept in names[:index]
                              if kept not in ignore and (name, kept) not in self.tables.disjoint]
                    before = "|".join(self._regexp(kept) for kept in guards)
                    skips.append(f"(?!{before})(?:{self._regexp(name)})" if before else f"(?:{self._regexp(name)})")
            kept = [f"(?P<{name}>{self._regexp(name)})" for name in names if name not in ignore]
            kept.append(f"(?P<{_ERROR}>[\\s\\S])")
            skip = f"(?>(?:{'|'.join(skips)})*)" if skips else ""
            pattern = re.compile(f"{skip}(?:{'|'.join(kept)})?", self.tables.flags)
            self._patterns[names] = pattern
        return pattern

    def _regexp(self, name: str) -> str:
        """The terminal's regex, reading at once a run of characters it would read one per repetition."""
        regexp = self._regexps.get(name)
        if regexp is None:
            regexp = self.tables.terminals[name]
            run = self.tables.runs.get(name)
            if run is not None:
                regexp = f"(?:{run}+|{regexp})+"
            self._regexps[name] = regexp
        return regexp
