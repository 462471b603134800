"""Where a regular expression can start, and the runs a repetition may read at once, agree with ``re`` itself."""

from __future__ import annotations

import random
import re

import pytest

from curlport.parse.first_characters import ANYTHING, repeated_run, starts
from curlport.parse.tables import shipped_scanner

TERMINALS = shipped_scanner().tables.terminals
#: Characters the grammar's terminals treat specially, a few plain ones, blanks and non-ASCII letters.
ALPHABET = [*"ab-=/:.?*[]{}$'\"\\`^<>|;&#() \t\n\r\u00a0é\u201c\u201d\u2018\u2019", "\\\n", "$'", '$"', "$(", "''"]


@pytest.mark.parametrize("name", sorted(TERMINALS))
def test_a_terminal_only_matches_where_its_starts_admit_the_first_character(name: str) -> None:
    pattern, found = re.compile(TERMINALS[name]), starts(TERMINALS[name])
    rng = random.Random(name)
    for _ in range(300):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12)))
        if pattern.match(text):
            assert found.admits(text[0]), text


def test_starts_are_listed_for_literals_classes_and_alternatives() -> None:
    assert starts(r"(?<!\$)\$(?:[A-Za-z_]\w*|\{x\})").listed() == frozenset("$")
    assert starts("[\u201c\u201d\u201e]x|[\u2018\u201a]y").listed() == frozenset("\u201c\u201d\u201e\u2018\u201a")
    assert starts(r"(?:ab)?c").listed() == frozenset("ac")
    assert starts(r"[^a]").listed() is None and starts(r"[^a]").admits("b") and not starts(r"[^a]").admits("a")


@pytest.mark.parametrize("regexp", [r"a*", r"(?i)a", r"(?i:a)", r"(a)?(?(1)b|c)", r".b"])
def test_what_cannot_be_read_or_can_match_nothing_may_start_anywhere(regexp: str) -> None:
    assert starts(regexp) == ANYTHING or starts(regexp).listed() is None
    assert starts(regexp).admits("z")


def test_disjointness_is_proved_only_by_listing_one_side() -> None:
    assert starts(TERMINALS["BLANK"]).disjoint(starts(TERMINALS["BASH_WORD"]))
    assert not starts(TERMINALS["CONTINUATION"]).disjoint(starts(TERMINALS["BASH_WORD"]))  # \ starts both
    assert not starts(r"[^a]").disjoint(starts(r"[^b]"))


def test_the_word_terminals_have_runs_without_the_characters_other_pieces_start_with() -> None:
    run = repeated_run(TERMINALS["BASH_WORD"])
    assert run is not None
    plain = re.compile(run)
    assert plain.fullmatch("a") and plain.fullmatch("é") and plain.fullmatch("?")
    assert not any(plain.fullmatch(character) for character in " \t\n'\"\\`<>|;&$\u201c\u201d\u201e\u2018\u201a")
    assert repeated_run("(?:a|b)+") is None  # no one-character negated class to run
    assert repeated_run("(?:[^xy]|.z)+") is None  # an alternative that may start anywhere
    assert repeated_run("[^x]+") is None  # not a repeated choice


@pytest.mark.parametrize("name", ["BASH_WORD", "CMD_WORD", "PS_WORD"])
def test_a_repetition_with_its_run_matches_exactly_as_far_as_without(name: str) -> None:
    regexp = TERMINALS[name]
    run = repeated_run(regexp)
    assert run is not None
    plain, fast = re.compile(regexp), re.compile(f"(?:{run}+|{regexp})+")
    rng = random.Random(name)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
        for position in range(len(text) + 1):
            one, two = plain.match(text, position), fast.match(text, position)
            assert (one and one.end()) == (two and two.end()), (text, position)
