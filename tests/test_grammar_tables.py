"""The precomputed parser tables are the grammar's, in sync with it, and parse exactly as the compiled grammar."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lark import Lark, Token
from lark.exceptions import UnexpectedInput

from curlport.parse import tables
from curlport.parse.lexer import grammar_parser
from curlport.parse.shell import DIALECTS
from curlport.resources import read_resource

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GRAMMAR = read_resource("grammar", "curl.lark")
START = list(DIALECTS)
COMPILED = grammar_parser(GRAMMAR, START)
LOADED = tables.parser(GRAMMAR, START)
ALPHABET = [*"ab-=/:.?*[]{}$'\"\\`^<>|;&#() \t\n\r\u00a0", "\\\n", "^\n", "`\n", "$'", '$"', "$(", "''", "curl "]


def _cut(parser: Lark, text: str, dialect: str) -> list[tuple[str, str, int | None, int | None]] | int:
    try:
        tree = parser.parse(text, start=dialect)
    except UnexpectedInput as error:
        token = getattr(error, "token", None)
        return token.start_pos if isinstance(token, Token) and token.start_pos is not None else error.pos_in_stream
    return [(t.type, str(t), t.start_pos, t.end_pos) for t in tree.children if isinstance(t, Token)]


def test_the_tables_are_in_sync_with_the_grammar() -> None:
    # Lark numbers the LALR states differently from run to run (set order), so the tables are compared by what
    # they were made from, and by what they do (below), not as text.
    from lark import __version__ as lark_version

    from curlport.parse import _grammar_tables

    made = (_grammar_tables.GRAMMAR, _grammar_tables.START, _grammar_tables.LARK_VERSION)
    assert made == (GRAMMAR, START, lark_version), (
        f"grammar/{tables.GRAMMAR_FILE} changed: run `{tables.REGENERATE}` and commit the result")


def test_the_parser_in_use_is_loaded_from_the_tables_not_compiled() -> None:
    assert LOADED.source_path == "<deserialized>"
    assert tables.terminals(GRAMMAR, START) == {
        t.name: t.pattern.to_regexp() for t in COMPILED.grammar.compile(START, "*")[0]}


def test_a_grammar_the_tables_were_not_made_from_is_compiled() -> None:
    edited = GRAMMAR + "\n// an edit the tables do not know about\n"
    parser = tables.parser(edited, START)
    assert parser.source_path != "<deserialized>"
    assert _cut(parser, "curl -d 'a b' x", "bash") == _cut(COMPILED, "curl -d 'a b' x", "bash")


def _texts() -> list[str]:
    paths = sorted(FIXTURES.glob("curl/*.curl")) + sorted(FIXTURES.glob("errors/*.curl"))
    rng = random.Random(5)
    generated = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    return [path.read_text(encoding="utf-8", errors="replace") for path in paths] + generated


@pytest.mark.parametrize("dialect", DIALECTS)
def test_loaded_and_compiled_parsers_cut_every_text_identically(dialect: str) -> None:
    for text in _texts():
        assert _cut(LOADED, text, dialect) == _cut(COMPILED, text, dialect), text
