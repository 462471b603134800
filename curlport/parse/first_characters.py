"""Which characters a regular expression's match can start with, read from the expression itself.

The scanner and the word decoder run the grammar's terminals as the grammar writes
them; knowing where a terminal can start lets them do the same work in fewer
steps without ever changing a result: a lookahead that guards a blank against a
word that cannot start with a blank is dropped, and a run of characters that only
a word's one-character piece can read is read at once instead of one character
per step. The answer errs on the safe side: whatever this module cannot read
(back-references, case-insensitive matching, a terminal that can match nothing)
may start anywhere, which only leaves that step as it was.

It reads expressions with ``re._parser``, the parser ``re.compile`` runs (private,
hence typed ``Any``: typeshed has no stub for it). It runs when the grammar's tables
are generated (``curlport.parse.tables``), which keep what it found: a cold start
does not read a regex twice.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

_parser: Any = importlib.import_module("re._parser")

#: A finite class is listed character by character up to this size; a larger one counts as unbounded.
_MAX_LISTED = 256
#: Flags under which a literal does not stand for itself alone.
_UNREAD_FLAGS = re.IGNORECASE | re.ASCII | re.LOCALE


@dataclass(frozen=True)
class Starts:
    """The characters a match can start with: ``classes`` are ``re._parser`` character classes (IN items)."""

    classes: tuple[tuple[Any, ...], ...]
    anything: bool = False

    def admits(self, character: str) -> bool:
        try:
            return self.anything or any(_in_class(items, character) for items in self.classes)
        except _Unread:
            return True

    def listed(self) -> frozenset[str] | None:
        """Every character it admits, when they are few enough to list; None otherwise."""
        if self.anything:
            return None
        characters: set[str] = set()
        for items in self.classes:
            for op, argument in items:
                if str(op) == "LITERAL":
                    characters.add(chr(argument))
                elif str(op) == "RANGE" and argument[1] - argument[0] < _MAX_LISTED:
                    characters.update(chr(code) for code in range(argument[0], argument[1] + 1))
                else:  # a negated class, a category, a wide range
                    return None
        return frozenset(characters) if len(characters) <= _MAX_LISTED else None

    def disjoint(self, other: Starts) -> bool:
        """Whether no character can start both (proved by listing one side; False when neither can be listed)."""
        for one, two in ((self, other), (other, self)):
            listed = one.listed()
            if listed is not None:
                return not any(two.admits(character) for character in listed)
        return False


ANYTHING = Starts((), anything=True)


def starts(regexp: str, flags: int = 0) -> Starts:
    """The characters a match of ``regexp`` can start with (``ANYTHING`` for an expression that can match empty)."""
    parsed = _parser.parse(regexp, flags)
    if parsed.state.flags & _UNREAD_FLAGS:  # given, or written inline as (?i)
        return ANYTHING
    try:
        found, empty = _sequence(_items(parsed))
    except _Unread:
        return ANYTHING
    return ANYTHING if empty else found


def repeated_run(regexp: str, flags: int = 0) -> str | None:
    """For an expression that repeats a choice (``(?:A|B|…|[^…])+``), a character class it may read as a run.

    The class holds the characters its one-character alternative (a negated class)
    matches and no other alternative can start with: at each of them the repetition
    would take that alternative, one character per step, so ``(?:RUN+|regexp)+``
    matches exactly where and as far as ``regexp`` does (nothing can follow the
    repetition that makes it give characters back: the run is what it would have
    read anyway). None when there is no such class to be sure of.
    """
    whole = _parser.parse(regexp, flags)
    if whole.state.flags & _UNREAD_FLAGS:
        return None
    parsed = _items(whole)
    if len(parsed) != 1 or str(parsed[0][0]) != "MAX_REPEAT" or parsed[0][1][0] < 1:
        return None
    repeated = _items(parsed[0][1][2])
    if len(repeated) != 1 or str(repeated[0][0]) != "BRANCH":
        return None
    alternatives = [_items(branch) for branch in repeated[0][1][1]]
    for index, alternative in enumerate(alternatives):
        if len(alternative) != 1 or str(alternative[0][0]) != "IN" or str(alternative[0][1][0][0]) != "NEGATE":
            continue
        excluded: set[str] = set()
        for other in alternatives[:index] + alternatives[index + 1 :]:
            try:
                found, empty = _sequence(other)
            except _Unread:
                return None
            listed = None if empty else found.listed()
            if listed is None:
                return None
            excluded |= listed
        return _class_text(alternative[0][1], excluded)
    return None


def _class_text(items: list[tuple[Any, Any]], excluded: set[str]) -> str | None:
    """A negated class (``re._parser`` IN items) as regex text, ``excluded`` added to what it leaves out."""
    parts = []
    for op, argument in items[1:]:  # items[0] is NEGATE
        name = str(op)
        if name == "LITERAL":
            parts.append(re.escape(chr(argument)))
        elif name == "RANGE":
            parts.append(f"{re.escape(chr(argument[0]))}-{re.escape(chr(argument[1]))}")
        elif name == "CATEGORY" and str(argument) in _CATEGORY_TEXT:
            parts.append(_CATEGORY_TEXT[str(argument)])
        else:
            return None
    negated = Starts((tuple(items),))
    parts += [re.escape(character) for character in sorted(excluded) if negated.admits(character)]
    return f"[^{''.join(parts)}]"


class _Unread(Exception):
    """A construct this module does not read."""


def _sequence(items: list[tuple[Any, Any]]) -> tuple[Starts, bool]:
    """The starts of a sequence, and whether it can match empty."""
    classes: list[tuple[Any, ...]] = []
    for op, argument in items:
        found, empty = _item(str(op), argument)
        if found.anything:
            return ANYTHING, False
        classes += found.classes
        if not empty:
            return Starts(tuple(classes)), False
    return Starts(tuple(classes)), True


def _item(op: str, argument: Any) -> tuple[Starts, bool]:
    if op == "LITERAL":
        return Starts((((_parser.LITERAL, argument),),)), False
    if op == "IN":
        return Starts((tuple(argument),)), False
    if op == "NOT_LITERAL":
        return Starts((((_parser.NEGATE, None), (_parser.LITERAL, argument)),)), False
    if op == "ANY":
        return ANYTHING, False
    if op in ("ASSERT", "ASSERT_NOT", "AT"):  # zero-width: a lookaround only narrows what follows
        return Starts(()), True
    if op == "BRANCH":
        alternatives = [_sequence(_items(branch)) for branch in argument[1]]
        if any(found.anything for found, _ in alternatives):
            return ANYTHING, False
        classes = tuple(items for found, _ in alternatives for items in found.classes)
        return Starts(classes), any(empty for _, empty in alternatives)
    if op == "SUBPATTERN":
        _, added, _, items = argument
        if added & _UNREAD_FLAGS:
            raise _Unread(op)
        return _sequence(_items(items))
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _, items = argument
        found, empty = _sequence(_items(items))
        return found, empty or low == 0
    if op == "ATOMIC_GROUP":
        return _sequence(_items(argument))
    raise _Unread(op)


def _items(parsed: Any) -> list[tuple[Any, Any]]:
    """The items of a parsed sequence (``re._parser`` nests them as SubPattern objects)."""
    return list(parsed.data if hasattr(parsed, "data") else parsed)


def _in_class(items: tuple[Any, ...], character: str) -> bool:
    """Whether a class (``re._parser`` IN items) holds ``character``."""
    code, negated, held = ord(character), False, False
    for op, argument in items:
        name = str(op)
        if name == "NEGATE":
            negated = True
        elif name == "LITERAL":
            held = held or code == argument
        elif name == "RANGE":
            held = held or argument[0] <= code <= argument[1]
        elif name == "CATEGORY":
            category = _CATEGORIES.get(str(argument))
            if category is None:
                raise _Unread(str(argument))
            held = held or category.fullmatch(character) is not None
        else:
            raise _Unread(name)
    return held != negated


_CATEGORY_TEXT = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}
_CATEGORIES = {name: re.compile(text) for name, text in _CATEGORY_TEXT.items()}
