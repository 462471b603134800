"""The grammar-terminal lexer cuts text exactly as Lark's own contextual lexer does, on the same grammar."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lark import Lark, Token
from lark.exceptions import UnexpectedInput

from curlport.parse.lexer import grammar_parser
from curlport.parse.shell import DIALECTS, detect_dialect
from curlport.resources import read_resource

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GRAMMAR = read_resource("grammar", "curl.lark")
OURS = grammar_parser(GRAMMAR, list(DIALECTS))
LARKS = Lark(GRAMMAR, start=list(DIALECTS), parser="lalr", lexer="contextual")
#: Every character the terminals treat specially, plus plain ones and the shells' blanks.
ALPHABET = [*"ab-=/:.?*[]{}$'\"\\`^<>|;&#() \t\n\r\u00a0✓", "\\\n", "^\n", "`\n", "$'", '$"', "$(", "''", "http"]


def lark_cut(parser: Lark, text: str, dialect: str) -> list[tuple[str, str, int | None, int | None]] | int:
    """Lark's cut of a text: the tokens (kind, text, start, end), or the offset where lexing or parsing fails.

    (tests/test_grammar_tables.py compares the table-driven scanner with it too.)
    """
    try:
        tree = parser.parse(text, start=dialect)
    except UnexpectedInput as error:
        token = getattr(error, "token", None)
        return token.start_pos if isinstance(token, Token) and token.start_pos is not None else error.pos_in_stream
    return [(t.type, str(t), t.start_pos, t.end_pos) for t in tree.children if isinstance(t, Token)]


def _texts() -> list[tuple[str, str]]:
    paths = sorted(FIXTURES.glob("curl/*.curl")) + sorted(FIXTURES.glob("errors/*.curl"))
    return [(path.name, path.read_text(encoding="utf-8", errors="replace")) for path in paths]


@pytest.mark.parametrize(("name", "text"), _texts(), ids=[name for name, _ in _texts()])
def test_fixtures_are_cut_identically_in_every_dialect(name: str, text: str) -> None:
    assert detect_dialect(text) in DIALECTS
    for dialect in DIALECTS:
        assert lark_cut(OURS, text, dialect) == lark_cut(LARKS, text, dialect), dialect


@pytest.mark.parametrize("seed", range(6))
def test_generated_text_is_cut_identically(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(400):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        for dialect in DIALECTS:
            assert lark_cut(OURS, text, dialect) == lark_cut(LARKS, text, dialect), (text, dialect)


def test_both_outcomes_are_exercised() -> None:
    """The generated texts above include texts that fail to lex, so error offsets are compared too."""
    assert isinstance(lark_cut(OURS, "curl 'unclosed", "bash"), int)
    assert lark_cut(OURS, "curl -d x", "bash") == [("BASH_WORD", "curl", 0, 4), ("BASH_WORD", "-d", 5, 7),
                                               ("BASH_WORD", "x", 8, 9)]
