"""Bulk samples: a request that sends several records at once (``messages[0]``, ``messages[1]``…), each with its own
number and text.

The platform sends one message per recipient, so the first record is the template: detection places there (a key
repeated in the sibling records is one place, not several that score alike), and the import drops the other records
from the config, saying how many (``extra_records``). A default outside the records (``root.message`` beside
``nodes[0].message``) is a place only when the first record has no field of its own (``defaults_of``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final, NamedTuple

from curlport.config.detect.places import Place, Slot, lenient_spans
from curlport.lazy_pattern import LazyPattern

_INDEX: Final = re.compile(r"\[(\d+)\]")
#: A name numbered at its end (``number1``, ``msg2``): a record's index when other names share its numbers.
_NUMBERED: Final = re.compile(r"^(.*?[^\d])(\d+)$")
#: The row of a form field in a pointer: rows of sibling records differ only there.
_ROW: Final = re.compile(r"/fields/\d+/")
_FIELD_ROW: Final = LazyPattern(r"/parameters/fields/(\d+)/value")

#: A slot's place with its record indexes left out: the places of sibling records share it (``json:messages.0.to`` and
#: ``json:messages.1.to``).
RecordKey = tuple[str, str, str, tuple[str, ...]]


def _unindexed(where: tuple[str, str, str], numbered: frozenset[str]) -> tuple[str, str, str]:
    """A place's pointer, kind and name with their record indexes left out, the start of its ``RecordKey``: the
    places of sibling records share it (``form:sms[1][to]``, form field rows, and ``number1``/``number2`` where
    ``numbered`` says those numbers are records')."""
    pointer, kind, name = where
    name = _INDEX.sub("[]", name)
    numbered_name = _NUMBERED.match(name)
    if numbered_name is not None and numbered_name.group(1) in numbered:
        name = numbered_name.group(1) + "#"
    return _ROW.sub("/fields//", pointer), kind, name


def _indexes(place: Place) -> tuple[int, ...]:
    """The record indexes of a place, outside in: the ordering of sibling records."""
    numbered = _NUMBERED.match(place.name)
    return (*(int(i) for i in _INDEX.findall(place.name)), *((int(numbered.group(2)),) if numbered else ()),
            *(int(part) for part in place.path if part.isdigit()))


def numbered_records(slots: Iterable[Slot]) -> frozenset[str]:
    """The stems of names numbered as records: two or more stems with the same two or more numbers (``number1``,
    ``msg1``, ``number2``, ``msg2``), not the numbered variables of one template (``VAR1``, ``VAR2``)."""
    numbers: dict[str, set[str]] = {}
    for slot in slots:
        numbered = _NUMBERED.match(slot.place.name) if slot.place.kind in ("query", "form") else None
        if numbered is not None and not slot.place.path:
            numbers.setdefault(numbered.group(1), set()).add(numbered.group(2))
    shared: dict[frozenset[str], list[str]] = {}
    for stem, found in numbers.items():
        if len(found) >= 2:
            shared.setdefault(frozenset(found), []).append(stem)
    return frozenset(stem for stems in shared.values() if len(stems) >= 2 for stem in stems)


def first_records(slots: list[Slot], unused: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """The ``id`` of each slot that is the first (the lowest indexes) of its ``RecordKey``: the template record's,
    less ``unused`` (``defaults_of``: what the template record's request does not read)."""
    numbered = numbered_records(slots)
    # A key's pointer, kind and name are worked out once per distinct triple (a bulk body repeats a few), its
    # path per slot (``json:messages.0.to`` and ``json:messages.1.to`` are one key).
    unindexed: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    first: dict[RecordKey, Slot] = {}
    for slot in slots:
        place = slot.place
        where = (slot.pointer, place.kind, place.name)
        if where not in unindexed:
            unindexed[where] = _unindexed(where, numbered)
        key = (*unindexed[where], tuple(["" if part.isdigit() else part for part in place.path]))
        # JSON records come in their order; only named pairs (number2 before number1) may not
        if key not in first or (not slot.place.path and _indexes(slot.place) < _indexes(first[key].place)):
            first[key] = slot
    return {id(slot) for slot in first.values()} - unused


class Defaults(NamedTuple):
    """What a default outside a bulk body's records (``root.message`` beside ``nodes[0].message``) means for the
    places (``defaults_of``)."""

    #: The ``id`` of each slot the template record's request does not read.
    unused: set[int]
    #: (default, the first record's empty field of the same key): which one the provider reads is its own rule.
    contested: list[tuple[Slot, Slot]]


def defaults_of(slots: list[Slot]) -> Defaults:
    """The defaults outside a bulk body's records and the records' own fields of the same key.

    A record's field overrides the default for its recipient, and the platform sends one record per request (the
    first, the others dropped): when the first record has the field, the default is not what its recipient gets
    (left out); when only later records have it, the first record gets the default (the later ones left out); when
    the first record's field is there but empty, whether the provider sends it empty or falls back on the default is
    its own rule (contested: an ask)."""
    in_records = [any(map(str.isdigit, slot.place.path)) for slot in slots]
    defaults = [slot for slot, in_record in zip(slots, in_records, strict=True) if slot.place.path and not in_record]
    if not defaults:  # most bodies, and every flat one: nothing to index (a bulk sample has thousands of fields)
        return Defaults(set(), [])
    fields: dict[tuple[str, str, str, str], list[Slot]] = {}
    for slot, in_record in zip(slots, in_records, strict=True):
        if in_record:
            fields.setdefault((slot.pointer, slot.place.kind, slot.place.name, slot.place.key), []).append(slot)
    unused: set[int] = set()
    contested: list[tuple[Slot, Slot]] = []
    for default in defaults:
        same = [slot for slot in fields.get((default.pointer, default.place.kind, default.place.name,
                                             default.place.key), ()) if len(slot.place.path) > len(default.place.path)]
        in_first = [slot for slot in same if all(part == "0" for part in slot.place.path if part.isdigit())]
        if in_first and all(slot.value in ("", None) for slot in in_first):
            contested += [(default, slot) for slot in in_first]
            unused |= {id(slot) for slot in same} - {id(slot) for slot in in_first}
        else:
            unused |= {id(default)} if in_first else {id(slot) for slot in same}
    return Defaults(unused, contested)


class Trim(NamedTuple):
    """Records after the first, removed from the config: ``start:end`` of the text at ``pointer`` (an array's other
    elements, a pair), or of the list of form field rows (``/parameters/fields``); the same edit shape as a
    ``Substitution``, which ``substitute`` makes too."""

    pointer: str
    start: int
    end: int
    #: The array's place, dotted (``messages``, ``messages.0.destinations``).
    array: str
    dropped: int
    #: Whether the array is a member of the raw JSON body outside any other array: what ``--batch-key`` can name.
    batchable: bool
    #: "" for text; [] for rows.
    replacement: Any = ""


def extra_records(placed: Iterable[Slot], slots: list[Slot], text_at: Any) -> tuple[Trim, ...]:
    """The records to drop for the placed slots: every array on a placed slot's path whose other elements hold a
    sibling of it (the same key at the same depth), each trimmed to its first element once."""
    trims: dict[tuple[str, tuple[str, ...]], Trim] = {}
    for slot in placed:
        path = slot.place.path
        for index, step in enumerate(path):
            array = path[:index]
            if step != "0" or (slot.pointer, array) in trims or not _has_sibling(slot, index, slots):
                continue
            spans = lenient_spans(text_at(slot.pointer))
            count = next(k for k in range(1, len(spans) + 2) if (*array, str(k)) not in spans)
            if count < 2:
                continue
            start, end = spans[(*array, "0")][1], spans[(*array, str(count - 1))][1]
            trims[(slot.pointer, array)] = Trim(slot.pointer, start, end, ".".join(array), count - 1,
                                                slot.pointer == "/parameters/body" and not any(
                                                    part.isdigit() for part in array))
    return (*trims.values(), *_pair_records(placed, slots, text_at))


_BRACKETED: Final = re.compile(r"^([^\[\]]+)\[(\d+)\]")


def _record_of(slot: Slot, numbered: frozenset[str]) -> tuple[str, int] | None:
    """The record a named pair belongs to: (its family, its index) for ``sms[1][to]`` and for ``number2`` where
    ``numbered`` has ``number``; None for a plain name."""
    if slot.place.kind not in ("query", "form") or slot.place.path:
        return None
    bracketed = _BRACKETED.match(slot.place.name)
    if bracketed is not None:
        return bracketed.group(1), int(bracketed.group(2))
    suffixed = _NUMBERED.match(slot.place.name)
    return ("", int(suffixed.group(2))) if suffixed is not None and suffixed.group(1) in numbered else None


def _pair_records(placed: Iterable[Slot], slots: list[Slot], text_at: Any) -> list[Trim]:
    """The other records of named pairs (``&number2=…&msg2=…``, ``-d sms[1][to]=…``): each pair of a query or of a body
    of URL-encoded pairs cut with the ``&`` before it, each form field row removed; all counted as the records they
    make."""
    numbered = numbered_records(slots)
    families = {record[0]: record[1] for slot in placed if (record := _record_of(slot, numbered)) is not None}
    others = [(slot, record) for slot in slots if (record := _record_of(slot, numbered)) is not None
              and record[0] in families and record[1] != families[record[0]]]
    if not others:
        return []
    names = dict.fromkeys(f"{record[0]}[…]" if record[0] else _NUMBERED.sub(r"\1…", slot.place.name)
                          for slot, record in others)
    label, records = f"the records of {'/'.join(names)}", len({record for _, record in others})
    trims = []
    for slot, _ in others:
        row = _FIELD_ROW.fullmatch(slot.pointer)
        if row is not None:  # a form field of its own: its row goes
            index = int(row.group(1))
            trims.append(Trim("/parameters/fields", index, index + 1, label, records, False, []))
            continue
        text = text_at(slot.pointer)
        separator = max(text.rfind("&", 0, slot.start), text.rfind("?", 0, slot.start))
        if separator != -1 and text[separator] == "&":
            trims.append(Trim(slot.pointer, separator, slot.end, label, records, False))
    return trims


def _has_sibling(slot: Slot, index: int, slots: list[Slot]) -> bool:
    path = slot.place.path
    return any(other.pointer == slot.pointer and other.place.kind == slot.place.kind
               and other.place.name == slot.place.name and len(other.place.path) == len(path)
               and other.place.path[:index] == path[:index] and other.place.path[index] != path[index]
               and other.place.path[index + 1 :] == path[index + 1 :] for other in slots)

