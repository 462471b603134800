"""The grammar's LALR tables, computed ahead of time: a cold start loads them instead of compiling the grammar.

Compiling ``grammar/curl.lark`` (reading the grammar, building the LALR automaton)
took about a third of a cold ``curlport import``, on every run, for a result that
only changes when the grammar does. ``python -m curlport.parse.tables`` writes
that result (Lark's own serialization of the parser, and the regular expressions of
the word terminals the decoder reads) into ``_grammar_tables.py`` together with the
grammar text it came from. At run time the tables are used only when that text is
the grammar shipped beside them, byte for byte; otherwise the grammar is compiled
as before, so the grammar stays the single source of truth, and a test fails until
the tables are regenerated.
"""

from __future__ import annotations

import pprint
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curlport.parse.lexer import GrammarTerminalLexer, grammar_parser
from curlport.resources import read_resource

if TYPE_CHECKING:
    from lark import Lark

GRAMMAR_FOLDER, GRAMMAR_FILE = "grammar", "curl.lark"
GENERATED_MODULE = Path(__file__).with_name("_grammar_tables.py")
REGENERATE = "python -m curlport.parse.tables"
_LEXER_SLOTS = (("options", "lexer"), ("parser", "lexer_conf", "lexer_type"))  # where Lark records the lexer class

_PRELUDE = '''"""Generated from grammar/{grammar} by `{command}`: do not edit.

Lark's serialized LALR parser for the grammar below and the regular expressions of
all its terminals; ``curlport.parse.tables`` uses them only while ``GRAMMAR`` is the
shipped grammar, byte for byte.
"""

# ruff: noqa
from __future__ import annotations

from typing import Any
'''


def _slot(data: dict[str, Any], path: tuple[str, ...]) -> tuple[dict[str, Any], str]:
    for key in path[:-1]:
        data = data[key]
    return data, path[-1]


def generate(grammar: str, start: list[str]) -> str:
    """The source of the module that holds ``grammar``'s compiled parser and terminals."""
    from lark import __version__ as lark_version
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    parser = grammar_parser(grammar, start)
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    for path in _LEXER_SLOTS:  # a class is no literal: the loader puts the lexer back
        holder, key = _slot(data, path)
        if holder.pop(key) is not GrammarTerminalLexer:
            raise ValueError(f"unexpected lexer at {'/'.join(path)}")
    terminals = {t.name: t.pattern.to_regexp() for t in parser.grammar.compile(start, "*")[0]}
    parts = [_PRELUDE.format(grammar=GRAMMAR_FILE, command=REGENERATE),
             f"GRAMMAR = {grammar!r}",
             f"START = {start!r}",
             f"LARK_VERSION = {lark_version!r}",
             f"TERMINALS: dict[str, str] = {pprint.pformat(terminals, width=120, sort_dicts=False)}",
             f"PARSER: dict[str, Any] = {pprint.pformat(data, width=120, sort_dicts=False)}",
             f"MEMO: dict[int, Any] = {pprint.pformat(memo, width=120, sort_dicts=False)}"]
    return "\n\n".join(parts) + "\n"


def _tables(grammar: str, start: list[str]) -> Any:
    """The generated module when it was made from this grammar and start list by this Lark, else None."""
    from lark import __version__ as lark_version

    from curlport.parse import _grammar_tables

    made = (_grammar_tables.GRAMMAR, _grammar_tables.START, getattr(_grammar_tables, "LARK_VERSION", None))
    fresh = made == (grammar, start, lark_version)
    return _grammar_tables if fresh else None


def parser(grammar: str, start: list[str]) -> Lark:
    """Lark's LALR parser over ``grammar``: loaded from the tables when they are in sync, compiled otherwise."""
    tables = _tables(grammar, start)
    if tables is None:
        return grammar_parser(grammar, start)
    from lark import Lark

    data = {**tables.PARSER, "options": dict(tables.PARSER["options"]),
            "parser": {**tables.PARSER["parser"], "lexer_conf": dict(tables.PARSER["parser"]["lexer_conf"])}}
    for path in _LEXER_SLOTS:
        holder, key = _slot(data, path)
        holder[key] = GrammarTerminalLexer
    loaded: Lark = Lark._load_from_dict(data, tables.MEMO)  # type: ignore[no-untyped-call]
    return loaded


def terminals(grammar: str, start: list[str]) -> dict[str, str]:
    """Every terminal of ``grammar`` (used or not by the parser) as its regular expression, by name."""
    tables = _tables(grammar, start)
    if tables is not None:
        return dict(tables.TERMINALS)
    return {t.name: t.pattern.to_regexp() for t in grammar_parser(grammar, start).grammar.compile(start, "*")[0]}


def current_source() -> str:
    """The generated module as the current grammar makes it."""
    from curlport.parse.shell import DIALECTS

    return generate(read_resource(GRAMMAR_FOLDER, GRAMMAR_FILE), list(DIALECTS))


def main() -> None:
    """Write the tables when they are not the current grammar's (Lark numbers states differently on each run, so
    rewriting tables that are in sync would only make a noisy diff)."""
    from curlport.parse.shell import DIALECTS

    if _tables(read_resource(GRAMMAR_FOLDER, GRAMMAR_FILE), list(DIALECTS)) is not None:
        print(f"{GENERATED_MODULE} is up to date with grammar/{GRAMMAR_FILE}")
        return
    GENERATED_MODULE.write_text(current_source(), encoding="utf-8")
    print(f"wrote {GENERATED_MODULE} from grammar/{GRAMMAR_FILE}")


if __name__ == "__main__":
    main()
