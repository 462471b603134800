"""Bulk samples: a request that sends several records at once (``messages[0]``, ``messages[1]``…), each with its own
number and text.

The platform sends one message per recipient, so the first record is the template: detection places there (a key
repeated in the sibling records is one place, not several that score alike), and the import drops the other records
from the config, saying how many (``extra_records``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final, NamedTuple

from curlport.config.detect.places import Place, Slot

_INDEX: Final = re.compile(r"\[\d+\]")


def record_key(place: Place) -> tuple[str, str, tuple[str, ...]]:
    """A place with its array indexes left out: the places of sibling records share it (``json:messages.0.to``,
    ``json:messages.1.to``, ``form:sms[1][to]``)."""
    return place.kind, _INDEX.sub("[]", place.name), tuple("" if part.isdigit() else part for part in place.path)


def first_records(slots: Iterable[Slot]) -> set[int]:
    """The ``id`` of each slot that is the first, in document order, of its ``record_key``: the template record's."""
    seen: set[tuple[str, tuple[str, str, tuple[str, ...]]]] = set()
    first: set[int] = set()
    for slot in slots:
        key = (slot.pointer, record_key(slot.place))
        if key not in seen:
            seen.add(key)
            first.add(id(slot))
    return first


class Trim(NamedTuple):
    """The records of one array after its first, removed from the config text at ``pointer`` (the same edit shape as
    a ``Substitution``: ``substitute`` makes both)."""

    pointer: str
    start: int
    end: int
    #: The array's place, dotted (``messages``, ``messages.0.destinations``).
    array: str
    dropped: int
    #: Whether the array is a member of the raw JSON body outside any other array: what ``--batch-key`` can name.
    batchable: bool
    replacement: str = ""


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
            from curlport.json_positions import parse_spans  # lazy: only a bulk sample's JSON needs it here

            document, spans = parse_spans(text_at(slot.pointer))
            elements = _at(document, array)
            if not isinstance(elements, list) or len(elements) < 2:
                continue
            start, end = spans[(*array, "0")][1], spans[(*array, str(len(elements) - 1))][1]
            trims[(slot.pointer, array)] = Trim(slot.pointer, start, end, ".".join(array), len(elements) - 1,
                                                slot.pointer == "/parameters/body" and not any(
                                                    part.isdigit() for part in array))
    return tuple(trims.values())


def _has_sibling(slot: Slot, index: int, slots: list[Slot]) -> bool:
    path = slot.place.path
    return any(other.pointer == slot.pointer and other.place.kind == slot.place.kind
               and other.place.name == slot.place.name and len(other.place.path) == len(path)
               and other.place.path[:index] == path[:index] and other.place.path[index] != path[index]
               and other.place.path[index + 1 :] == path[index + 1 :] for other in slots)


def _at(document: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        if isinstance(document, list) and step.isdigit() and int(step) < len(document):
            document = document[int(step)]
        elif isinstance(document, dict) and step in document:
            document = document[step]
        else:
            return None
    return document
