"""A lexer for Lark's LALR parser, made of the grammar's own terminals and nothing else.

Lark's contextual lexer spends most of an import's parsing time on bookkeeping per
token (line and column counting, a match tried against each sub-pattern list).
This one keeps Lark's semantics: in each parser state it tries exactly the
terminals that state accepts (plus the ignored ones), in Lark's own order (its
``BasicLexer`` sorts them by priority, then width), as one compiled alternation;
the first alternative that matches wins, as in Lark. What it drops is the line and
column of each token: tokens carry ``start_pos`` and ``end_pos`` only, which is
all the shell reader uses. The grammar file stays the single source of truth, and
a test checks that this lexer and Lark's cut every fixture and generated text
identically.

It does not support terminal callbacks (``lexer_callbacks``) or a post-lexer;
``grammar_parser`` refuses a grammar whose lexing would need them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from copy import copy
from typing import Any

from lark import Lark, Token
from lark.common import LexerConf
from lark.exceptions import UnexpectedCharacters
from lark.lexer import BasicLexer, Lexer, LexerState, TerminalDef


def lark_order(conf: LexerConf, names: frozenset[str]) -> list[TerminalDef]:
    """The named terminals in the order Lark's own lexer would try them (by priority, then width)."""
    conf = copy(conf)
    conf.terminals = [t for t in conf.terminals if t.name in names]
    conf.skip_validation = True  # the grammar was validated when Lark loaded it
    return list(BasicLexer(conf).terminals)


class _Scanner:
    """One state's terminals as one regex: a named group per terminal, in Lark's order."""

    def __init__(self, terminals: Sequence[TerminalDef], ignore: frozenset[str], flags: int) -> None:
        self.pattern = re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals), flags)
        self.ignore = ignore
        self.allowed = frozenset(t.name for t in terminals) - ignore


class GrammarTerminalLexer(Lexer):
    """Lark's contextual lexing, one ``re.match`` per token."""

    __future_interface__ = 2  # lex(lexer_state, parser_state) receives the text as a TextSlice

    def __init__(self, conf: LexerConf) -> None:
        if conf.callbacks or conf.postlex is not None:
            raise ValueError("GrammarTerminalLexer does not run terminal callbacks or post-lexers")
        self.conf = conf
        self.ignore = frozenset(conf.ignore)
        self._scanners: dict[frozenset[str], _Scanner] = {}
        self._by_state: dict[int, _Scanner] = {}

    def _scanner(self, parser_state: Any) -> _Scanner:
        state = parser_state.position
        scanner = self._by_state.get(state)
        if scanner is None:
            accepted = frozenset(parser_state.parse_conf.parse_table.states[state]) | self.ignore
            names = accepted & frozenset(self.conf.terminals_by_name)
            if names not in self._scanners:
                self._scanners[names] = _Scanner(lark_order(self.conf, names), self.ignore, self.conf.g_regex_flags)
            scanner = self._by_state[state] = self._scanners[names]
        return scanner

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        text, position, end = lexer_state.text.text, lexer_state.text.start, lexer_state.text.end
        while position < end:
            scanner = self._scanner(parser_state)
            match = scanner.pattern.match(text, position, end)
            if match is None:
                line = text.count("\n", 0, position) + 1
                column = position - (text.rfind("\n", 0, position) + 1) + 1
                raise UnexpectedCharacters(  # type: ignore[no-untyped-call]
                    text, position, line, column, allowed=scanner.allowed, state=parser_state,
                    terminals_by_name=self.conf.terminals_by_name)
            kind, next_position = match.lastgroup or "", match.end()
            if kind not in scanner.ignore:
                token = Token(kind, match.group(), position, end_pos=next_position)
                lexer_state.last_token = token
                yield token
            position = next_position


def grammar_parser(grammar: str, start: list[str]) -> Lark:
    """Lark's LALR parser over ``grammar``, lexed by ``GrammarTerminalLexer``."""
    return Lark(grammar, start=start, parser="lalr", lexer=GrammarTerminalLexer)
