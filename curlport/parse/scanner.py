"""Shell text cut into the grammar's tokens by the grammar's own LALR tables, with no Lark at run time.

The tables (``curlport.parse.tables``) are what Lark computes from ``grammar/curl.lark``:
for each parser state, the terminals its contextual lexer tries, in Lark's order,
and the state's shift and reduce actions. This module only runs them: one compiled
alternation per state (the first alternative that matches wins, as in Lark's
lexer), and the LALR automaton fed one token at a time, so the text is accepted
or refused exactly where Lark's parser accepts or refuses it (a test compares the
two on every fixture and on generated texts). Importing Lark, and building its
parser from the tables, cost more than a third of a cold ``curlport import``.

What the shell reader needs from a parse is the sequence of tokens the start rule
holds, which is every token the lexer keeps: the grammar's rules are flat lists of
terminals (the generator refuses a grammar whose parse tree would nest).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

END = "$END"


class Token(str):
    """A token's text, with its terminal's name and its offsets in the text (as Lark's ``Token`` has them)."""

    __slots__ = ("end_pos", "start_pos", "type")

    type: str
    start_pos: int
    end_pos: int

    def __new__(cls, type: str, value: str, start_pos: int, end_pos: int) -> Token:
        token = super().__new__(cls, value)
        token.type, token.start_pos, token.end_pos = type, start_pos, end_pos
        return token


class ScanError(Exception):
    """The text is not in the grammar's language; ``offset`` is where it stops being so."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


#: A state's action on a terminal: shift to a state, or reduce by a rule (its name, its length).
Action = int | tuple[str, int]


@dataclass(frozen=True)
class Tables:
    """The grammar's LALR automaton and contextual lexer, as plain data (see ``curlport.parse.tables``)."""

    terminals: Mapping[str, str]  # name -> regular expression
    ignore: frozenset[str]
    flags: int
    start_states: Mapping[str, int]
    end_states: Mapping[str, int]
    lexing: Mapping[int, Sequence[str]]  # state -> the terminals its lexer tries, in Lark's order
    actions: Mapping[int, Mapping[str, Action]]
    gotos: Mapping[int, Mapping[str, int]]  # state -> the state after a rule's reduction, by the rule's name


@dataclass
class Scanner:
    """Runs ``Tables``: ``tokens(text, start)`` is the kept tokens of the text read from ``start``."""

    tables: Tables
    _patterns: dict[int, re.Pattern[str]] = field(default_factory=dict)
    _by_terminals: dict[tuple[str, ...], re.Pattern[str]] = field(default_factory=dict)

    def _pattern(self, state: int) -> re.Pattern[str]:
        pattern = self._patterns.get(state)
        if pattern is None:
            names = tuple(self.tables.lexing[state])
            pattern = self._by_terminals.get(names)
            if pattern is None:
                alternation = "|".join(f"(?P<{name}>{self.tables.terminals[name]})" for name in names)
                pattern = self._by_terminals[names] = re.compile(alternation, self.tables.flags)
            self._patterns[state] = pattern
        return pattern

    def tokens(self, text: str, start: str) -> list[Token]:
        tables = self.tables
        states = [tables.start_states[start]]
        end_state = tables.end_states[start]
        kept: list[Token] = []
        position, end = 0, len(text)
        while position < end:
            match = self._pattern(states[-1]).match(text, position)
            if match is None:
                raise ScanError(position)
            kind, next_position = match.lastgroup or "", match.end()
            if kind not in tables.ignore:
                self._feed(states, kind, position, end_state)
                kept.append(Token(kind, match.group(), position, next_position))
            position = next_position
        self._feed(states, END, end, end_state)
        return kept

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
