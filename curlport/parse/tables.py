"""The grammar's LALR tables, computed ahead of time: a cold start runs them without importing Lark.

Compiling ``grammar/curl.lark`` (reading the grammar, building the LALR automaton)
took about a third of a cold ``curlport import``, and importing Lark to run the
result another third, on every run, for a result that only changes when the grammar
does. ``python -m curlport.parse.tables`` writes that result as plain data (for each
parser state the terminals Lark's contextual lexer tries there, in Lark's order,
and the state's actions; the regular expressions of every terminal, which the word
decoder reads too; and what ``curlport.parse.first_characters`` reads in them, which
lets the scanner take runs of characters at once and skip lookaheads that cannot
fire) into ``_grammar_tables.py`` together with the grammar text it came from;
``curlport.parse.scanner`` runs it. At run time the tables are used only when that
text is the grammar shipped beside them, byte for byte; otherwise the grammar is
compiled by Lark and the same tables are taken from it, so the grammar stays the
single source of truth, and a test fails until the tables are regenerated (or when
Lark, which computes them, or the reading of terminals changes).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curlport.parse.scanner import Scanner, Tables
from curlport.resources import read_resource

if TYPE_CHECKING:
    from lark import Lark

GRAMMAR_FOLDER, GRAMMAR_FILE = "grammar", "curl.lark"
GENERATED_MODULE = Path(__file__).with_name("_grammar_tables.py")
REGENERATE = "python -m curlport.parse.tables"

_PRELUDE = '''"""Generated from grammar/{grammar} by `{command}`: do not edit.

The LALR automaton and contextual lexer Lark computes for the grammar below, as
plain data that ``curlport.parse.scanner`` runs, and the regular expressions of all
its terminals; ``curlport.parse.tables`` uses them only while ``GRAMMAR`` is the
shipped grammar, byte for byte.
"""

# ruff: noqa
from __future__ import annotations

from typing import Any
'''


def scan_tables(parser: Lark, start: list[str]) -> dict[str, Any]:
    """What ``Scanner`` runs, taken from Lark's LALR parser for the grammar (``Tables``' fields as plain data)."""
    from lark.grammar import NonTerminal
    from lark.parsers.lalr_analysis import Shift

    from curlport.parse.first_characters import repeated_run, starts
    from curlport.parse.lexer import lark_order

    lalr = parser.parser.parser.parser  # ParsingFrontend -> LALR_Parser -> its table-driven _Parser
    table = lalr.parse_table
    ignore = frozenset(parser.lexer_conf.ignore)
    terminal_names = frozenset(parser.lexer_conf.terminals_by_name)
    rules = {rule.origin.name for rule in parser.rules}
    for rule in parser.rules:  # the tokens must lie flat under the start rule, as the shell reader takes them
        name = str(rule.origin.name)
        nested = [s.name for s in rule.expansion if isinstance(s, NonTerminal) and not str(s.name).startswith("_")]
        if (name not in start and not name.startswith("_")) or nested:
            raise ValueError(f"rule {name} would nest in the parse tree: the scanner reads flat rules only")
    actions: dict[int, dict[str, Any]] = {}
    gotos: dict[int, dict[str, int]] = {}
    lexing: dict[int, list[str]] = {}
    for state, row in sorted(table.states.items()):
        actions[state], gotos[state] = {}, {}
        for symbol, (action, argument) in row.items():
            if symbol in rules:
                gotos[state][symbol] = argument
            elif action is Shift:
                actions[state][symbol] = argument
            else:
                actions[state][symbol] = (str(argument.origin.name), len(argument.expansion))
        lexing[state] = [t.name for t in lark_order(parser.lexer_conf, (frozenset(row) | ignore) & terminal_names)]
    terminals = {t.name: t.pattern.to_regexp() for t in parser.grammar.compile(start, "*")[0]}
    flags = parser.lexer_conf.g_regex_flags
    lexed = sorted({name for names in lexing.values() for name in names} - ignore)
    return {
        "terminals": terminals,
        "ignore": sorted(ignore),
        "flags": flags,
        "runs": {name: run for name in lexed if (run := repeated_run(terminals[name], flags)) is not None},
        "disjoint": [[skipped, name] for skipped in sorted(ignore) for name in lexed
                     if starts(terminals[skipped], flags).disjoint(starts(terminals[name], flags))],
        "start_states": dict(table.start_states),
        "end_states": dict(table.end_states),
        "lexing": lexing,
        "actions": actions,
        "gotos": gotos,
    }


def read_in_terminals(data: dict[str, Any]) -> tuple[Any, ...]:
    """What the tables hold from reading the terminals' expressions (``first_characters``), not from Lark: it is
    stale when that reading changes, with the same grammar."""
    return data["runs"], sorted(map(tuple, data["disjoint"]))


def generate(grammar: str, start: list[str]) -> str:
    """The source of the module that holds ``grammar``'s tables."""
    import pprint  # only the generator writes tables

    from lark import __version__ as lark_version

    from curlport.parse.lexer import grammar_parser

    data = scan_tables(grammar_parser(grammar, start), start)
    parts = [_PRELUDE.format(grammar=GRAMMAR_FILE, command=REGENERATE),
             f"GRAMMAR = {grammar!r}",
             f"START = {start!r}",
             f"LARK_VERSION = {lark_version!r}",
             f"TABLES: dict[str, Any] = {pprint.pformat(data, width=120, sort_dicts=False)}"]
    return "\n\n".join(parts) + "\n"


def _generated(grammar: str, start: list[str]) -> dict[str, Any] | None:
    """The generated tables when they were made from this grammar and start list, else None.

    (Which Lark made them is checked by a test, not here: running them needs no Lark.)
    """
    from curlport.parse import _grammar_tables

    fresh = (grammar, start) == (_grammar_tables.GRAMMAR, _grammar_tables.START)
    return getattr(_grammar_tables, "TABLES", None) if fresh else None


def tables(grammar: str, start: list[str]) -> Tables:
    """The grammar's tables: the generated ones while they are in sync, else taken from Lark's compiled grammar."""
    data = _generated(grammar, start)
    if data is None:
        from curlport.parse.lexer import grammar_parser

        data = scan_tables(grammar_parser(grammar, start), start)
    return Tables(terminals=data["terminals"], ignore=frozenset(data["ignore"]), flags=data["flags"],
                  runs=data["runs"], disjoint=frozenset((skipped, kept) for skipped, kept in data["disjoint"]),
                  start_states=data["start_states"], end_states=data["end_states"], lexing=data["lexing"],
                  actions=data["actions"], gotos=data["gotos"])


@cache
def shipped_scanner() -> Scanner:
    """The scanner of the shipped grammar, made once, on first use."""
    from curlport.parse.shell import DIALECTS

    return Scanner(tables(read_resource(GRAMMAR_FOLDER, GRAMMAR_FILE), list(DIALECTS)))


def current_source() -> str:
    """The generated module as the current grammar makes it."""
    from curlport.parse.shell import DIALECTS

    return generate(read_resource(GRAMMAR_FOLDER, GRAMMAR_FILE), list(DIALECTS))


def main() -> None:
    """Write the tables when they are not the current grammar's (Lark numbers states differently on each run, so
    rewriting tables that are in sync would only make a noisy diff)."""
    from lark import __version__ as lark_version

    from curlport.parse import _grammar_tables
    from curlport.parse.lexer import grammar_parser
    from curlport.parse.shell import DIALECTS

    grammar = read_resource(GRAMMAR_FOLDER, GRAMMAR_FILE)
    generated = _generated(grammar, list(DIALECTS))
    in_sync = generated is not None and lark_version == _grammar_tables.LARK_VERSION
    if in_sync and generated is not None and read_in_terminals(generated) == read_in_terminals(
            scan_tables(grammar_parser(grammar, list(DIALECTS)), list(DIALECTS))):
        print(f"{GENERATED_MODULE} is up to date with grammar/{GRAMMAR_FILE}")
        return
    GENERATED_MODULE.write_text(current_source(), encoding="utf-8")
    print(f"wrote {GENERATED_MODULE} from grammar/{GRAMMAR_FILE}")


if __name__ == "__main__":
    main()
