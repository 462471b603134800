"""The precomputed parser tables are the grammar's, in sync with it, and the scanner running them cuts text exactly as
Lark's parser compiled from the grammar does."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from test_lexer import lark_cut  # Lark's own cut, the reference the scanner must match

from curlport.parse import tables
from curlport.parse.lexer import grammar_parser
from curlport.parse.scanner import ScanError, Scanner
from curlport.parse.shell import DIALECTS
from curlport.resources import read_resource

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GRAMMAR = read_resource("grammar", "curl.lark")
START = list(DIALECTS)
COMPILED = grammar_parser(GRAMMAR, START)
SCANNER = Scanner(tables.tables(GRAMMAR, START))
ALPHABET = [*"ab-=/:.?*[]{}$'\"\\`^<>|;&#() \t\n\r\u00a0", "\\\n", "^\n", "`\n", "$'", '$"', "$(", "''", "curl "]


Cut = list[tuple[str, str, int | None, int | None]] | int


def _scanned(scanner: Scanner, text: str, dialect: str) -> Cut:
    try:
        return list(scanner.tokens(text, dialect))
    except ScanError as error:
        return error.offset


def test_the_tables_are_in_sync_with_the_grammar() -> None:
    # Lark numbers the LALR states differently from run to run (set order), so the tables are compared by what
    # they were made from, and by what they do (below), not as text.
    from lark import __version__ as lark_version

    from curlport.parse import _grammar_tables

    made = (_grammar_tables.GRAMMAR, _grammar_tables.START, _grammar_tables.LARK_VERSION)
    assert made == (GRAMMAR, START, lark_version), (
        f"grammar/{tables.GRAMMAR_FILE} changed: run `{tables.REGENERATE}` and commit the result")


def test_what_the_tables_read_in_the_terminals_is_what_is_read_in_them_now() -> None:
    from curlport.parse import _grammar_tables

    assert tables.read_in_terminals(_grammar_tables.TABLES) == tables.read_in_terminals(
        tables.scan_tables(COMPILED, START)), f"run `{tables.REGENERATE}` and commit the result"


def test_the_scanner_in_use_runs_the_generated_tables_not_a_compiled_grammar() -> None:
    from curlport.parse import _grammar_tables

    assert tables._generated(GRAMMAR, START) is _grammar_tables.TABLES
    assert SCANNER.tables.terminals == {t.name: t.pattern.to_regexp() for t in COMPILED.grammar.compile(START, "*")[0]}


def test_a_grammar_the_tables_were_not_made_from_is_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    edited = GRAMMAR + "\n// an edit the tables do not know about\n"
    assert tables._generated(edited, START) is None
    compiled: list[str] = []
    real = tables.scan_tables
    monkeypatch.setattr(tables, "scan_tables", lambda parser, start: compiled.append("yes") or real(parser, start))
    scanner = Scanner(tables.tables(edited, START))
    assert compiled == ["yes"]
    assert _scanned(scanner, "curl -d 'a b' x", "bash") == lark_cut(COMPILED, "curl -d 'a b' x", "bash")


def test_a_grammar_whose_tree_would_nest_is_refused() -> None:
    nested = 'start: item*\nitem: WORD\nWORD: /[a-z]+/\n%ignore " "\n'
    with pytest.raises(ValueError, match="nest"):
        tables.scan_tables(grammar_parser(nested, ["start"]), ["start"])


def _texts() -> list[str]:
    paths = sorted(FIXTURES.glob("curl/*.curl")) + sorted(FIXTURES.glob("errors/*.curl"))
    rng = random.Random(5)
    generated = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    return [path.read_text(encoding="utf-8", errors="replace") for path in paths] + generated


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_scanner_and_the_compiled_parser_cut_every_text_identically(dialect: str) -> None:
    for text in _texts():
        assert _scanned(SCANNER, text, dialect) == lark_cut(COMPILED, text, dialect), text


#: Whole words, blanks and separators, so that generated texts are long runs of tokens (the scanner reads a run of
#: tokens in one pass of one regex while the parse stack allows it).
CHUNKS = ["curl", "-d", "https://x.example/a?b=c&d=e", "'a b'", '"x\\"y"', "$$To", "$V", "${V}", "$(cmd)", "`cmd`",
          "^\"a^\"", "`\n", "\\\n", "^\n", " ", "  ", "\t", "\u00a0", "\n", "\r\n", "|", "&&", ";", "2>&1", "<x>",
          "#c\n", "\u201cq\u201d", "\\ ", "'", '"', "é", "^", "`"]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_long_generated_texts_are_cut_as_the_compiled_parser_cuts_them(dialect: str) -> None:
    rng = random.Random(dialect)
    for _ in range(300):
        text = "".join(rng.choice(CHUNKS) for _ in range(rng.randint(1, 30)))
        assert _scanned(SCANNER, text, dialect) == lark_cut(COMPILED, text, dialect), text


def test_a_grammar_whose_parse_stack_grows_with_the_text_is_refused() -> None:
    growing = 'start: _items\n_items: ITEM _items | ITEM\nITEM: /[a-z]/\n%ignore " "\n'
    scanner = Scanner(tables.tables(growing, ["start"]))
    with pytest.raises(ValueError, match="grows"):
        scanner.tokens("a b", "start")
