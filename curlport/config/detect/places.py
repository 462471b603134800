"""Places: where in a config a value sits, in the one syntax users, messages, data files and tests share.

``query:NAME`` (a query parameter of the endpoint), ``form:NAME`` (a form field),
``json:a.0.b`` (a dotted path into a raw JSON body; array indexes are numbers),
``form:NAME#a.0.b`` (a path into a JSON document inside a form field),
``header:NAME``, ``path:N`` (the N-th path segment after the host, 0-based) and a
bare ``NAME`` (the one place whose key is NAME).

``slots_of`` lists every place of a config that could hold a sample value, with
the characters that hold it, so that detection, the ``--to/--body`` flags and
the rules all walk the same list.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Container, Iterator
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, Final, NamedTuple
from urllib.parse import unquote, unquote_plus

from curlport.config.shape import rows
from curlport.config.short_cache import short_text_cache
from curlport.urls import TEMPLATE_BASE, split_url

if TYPE_CHECKING:
    from curlport.json_positions import Spans

KINDS: Final = ("query", "form", "json", "header", "path")
_DESCRIPTIONS: Final = {"query": "query parameter", "form": "form field", "json": "JSON member", "header": "header",
                 "path": "URL path segment"}


class Place(NamedTuple):
    """A place in a config; ``kind`` is one of KINDS, or ``name`` for a bare NAME still to be resolved.

    A named tuple rather than a frozen dataclass, as ``Slot``: every import and every linted config makes one for
    each of its values, and a named tuple is made several times faster.
    """

    kind: str
    name: str = ""
    path: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.kind == "name":
            return self.name
        if self.kind == "json":
            return "json:" + ".".join(self.path)
        suffix = "#" + ".".join(self.path) if self.path else ""
        return f"{self.kind}:{self.name}{suffix}"

    @property
    def key(self) -> str:
        """The name a bare NAME matches: a field's, parameter's or header's name, a JSON member's last key."""
        path = self.path
        if not path:
            return self.name
        if not path[-1].isdigit():  # most paths end at a member's name: no search (a bulk body asks 14,000 times)
            return path[-1]
        return next((part for part in reversed(path) if not part.isdigit()), self.name)

    def describe(self) -> str:
        """The place in words, for messages: form field "To", JSON member messages.0.to."""
        if self.kind == "json":
            return f"JSON member {'.'.join(self.path)}"
        if self.kind == "path":
            return f"URL path segment {self.name}"
        inner = f" (JSON member {'.'.join(self.path)})" if self.path else ""
        return f'{_DESCRIPTIONS.get(self.kind, "field")} "{self.name}"{inner}'


class PlaceSyntaxError(ValueError):
    """Text that is not a place."""


def parse_place(text: str) -> Place:
    """A place from its text; raises PlaceSyntaxError with what is wrong."""
    kind, colon, rest = text.partition(":")
    if not colon or kind not in KINDS:
        if not text or any(c in text for c in "#:") or text != text.strip():
            raise PlaceSyntaxError(f"'{text}' is not a place: write query:NAME, form:NAME, form:NAME#a.0.b, "
                                   "json:a.0.b, header:NAME, path:N or a bare NAME")
        return Place("name", text)
    if not rest:
        raise PlaceSyntaxError(f"'{text}' names no {kind}")
    if kind == "json":
        return Place("json", "", _dotted(rest, text))
    if kind == "path":
        if not rest.isdigit():
            raise PlaceSyntaxError(f"'{text}': path: takes the 0-based number of a URL path segment")
        return Place("path", str(int(rest)))
    name, hash_mark, inner = rest.partition("#")
    if hash_mark and kind != "form":
        raise PlaceSyntaxError(f"'{text}': only a form field holds a JSON document (form:NAME#a.0.b)")
    if not name:
        raise PlaceSyntaxError(f"'{text}' names no {kind}")
    return Place(kind, name, _dotted(inner, text) if hash_mark else ())


def _dotted(path: str, text: str) -> tuple[str, ...]:
    parts = tuple(path.split("."))
    if any(not part for part in parts):
        raise PlaceSyntaxError(f"'{text}': an empty step in the dotted path")
    return parts


class Slot(NamedTuple):
    """A place that holds a value, and the characters that hold it.

    ``text[start:end]`` of the config string at ``pointer`` is the value as written
    (for a JSON value, its whole literal, quotes included); ``value`` is what it
    means (decoded text, a JSON number, a list for a JSON array of several values);
    ``context`` the names around it from the outside in (the keys above a JSON
    member, the segment before a path segment).

    A named tuple (see ``Place``); two slots of one listing are never equal, so ``is`` tells them apart.
    """

    place: Place
    value: Any
    pointer: str
    start: int
    end: int
    context: tuple[str, ...] = ()
    is_json: bool = False

    @property
    def text(self) -> str:
        """The value as text, as a reader sees it."""
        value = self.value
        if isinstance(value, str):  # most values, asked for often: without a further call
            return value
        if isinstance(value, list):
            return ",".join(_scalar_text(item) for item in value)
        return _scalar_text(value)


def _scalar_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value)


def slots_of(config: dict[str, Any]) -> list[Slot]:
    """Every place of a config that holds a value, in document order (endpoint, headers, parameters)."""
    return list(iter_slots(config))


def iter_slots(config: dict[str, Any], only: Container[str] | None = None) -> Iterator[Slot]:
    """``slots_of`` one at a time, for a search that may stop before a JSON body has to be read; with ``only``, the
    slots of those pointers alone (``relisted``)."""
    endpoint = config.get("endpoint")
    if isinstance(endpoint, str) and (only is None or "/endpoint" in only):
        yield from _endpoint_slots(endpoint)
    for index, row in rows(config.get("headers")):
        key, value = row.get("key"), row.get("value")
        pointer = f"/headers/{index}/value"
        if isinstance(value, str) and isinstance(key, str) and (only is None or pointer in only):
            yield Slot(Place("header", key), value, pointer, 0, len(value))
    parameters = config.get("parameters")
    if isinstance(parameters, dict):
        for index, row in rows(parameters.get("fields")):
            key, value = row.get("key"), row.get("value")
            pointer = f"/parameters/fields/{index}/value"
            if isinstance(value, str) and isinstance(key, str) and (only is None or pointer in only):
                inner = _json_slots(value, pointer, partial(Place, "form", key), (key,))
                yield from inner or [Slot(Place("form", key), value, pointer, 0, len(value))]
        if isinstance(parameters.get("body"), str) and (only is None or "/parameters/body" in only):
            body = parameters["body"]
            make = partial(Place, "json", "")  # the body's places, strict or lenient (a partial: no frame per place)
            yield from _json_slots(body, "/parameters/body", make, ()) or _lenient_slots(body, make)


def relisted(config: dict[str, Any], listed: list[Slot], changed: Collection[str]) -> list[Slot]:
    """``slots_of(config)`` where only the texts at the ``changed`` pointers differ from those of the config that
    ``listed`` lists (the samples a substitution replaced, the records it dropped): the slots of the other pointers
    are kept, and only the changed ones are read again, in their places."""
    fresh: dict[str, list[Slot]] = {pointer: [] for pointer in changed}
    for slot in iter_slots(config, fresh):
        fresh[slot.pointer].append(slot)
    kept: list[Slot] = []
    for slot in listed:
        if slot.pointer not in fresh:
            kept.append(slot)
        elif fresh[slot.pointer]:  # the first old slot of a changed pointer: its new slots go here
            kept += fresh[slot.pointer]
            fresh[slot.pointer] = []
    return kept if not any(fresh.values()) else slots_of(config)  # a pointer that had no slot: listed anew


@short_text_cache(maxsize=256, longest=2048)
def _endpoint_slots(endpoint: str) -> tuple[Slot, ...]:
    """The endpoint's path segments and query values: cached (slots are immutable), as the configs of a
    provider, and every config linted or imported again, share the endpoint, and splitting it is half the
    listing of a small config."""
    return (*_path_slots(endpoint), *_query_slots(endpoint))


def _path_slots(endpoint: str) -> list[Slot]:
    path, path_start = _path(endpoint)
    if path_start == -1:
        return []
    slots = []
    position, previous = path_start + 1, ""
    for index, segment in enumerate(path[1:].split("/")):
        decoded = unquote(segment) if "%" in segment else segment
        if segment:
            slots.append(Slot(Place("path", str(index)), decoded, "/endpoint", position, position + len(segment),
                              (previous,) if previous else ()))
        position += len(segment) + 1
        previous = decoded
    return slots


def _path(endpoint: str) -> tuple[str, int]:
    """The endpoint's path and the offset of its first slash (-1 without a path). After a template that stands for
    the scheme and host (``{{api_url}}/sms``, or ``{endpoint}sms`` with the slash inside it) the path is the rest,
    numbered as it would be after the base the operator fills in."""
    base = TEMPLATE_BASE.match(endpoint)
    if base is None:
        parts = split_url(endpoint)
        return parts.path, endpoint.find(parts.path, len(parts.scheme) + 3 + len(parts.netloc)) if parts.path else -1
    rest = endpoint[base.end() :]
    rest = rest[: min((rest.find(c) for c in "?#" if c in rest), default=len(rest))]
    return (rest, base.end()) if rest.startswith("/") else ("/" + rest, base.end() - 1)


def _query_slots(endpoint: str) -> list[Slot]:
    """The endpoint's query pairs; offsets are of the value as written, the value decoded as a server would."""
    query_start = endpoint.find("?")
    if query_start == -1:
        return []
    slots = []
    fragment = endpoint.find("#", query_start)
    position = query_start + 1
    for pair in endpoint[position : fragment if fragment != -1 else len(endpoint)].split("&"):
        key, separator, value = pair.partition("=")
        if separator and key:
            value_start = position + len(key) + 1
            slots.append(Slot(Place("query", unquote_plus(key)), unquote_plus(value), "/endpoint", value_start,
                              value_start + len(value)))
        position += len(pair) + 1
    return slots


@lru_cache(maxsize=1)
def json_spans(text: str) -> tuple[Any, Spans]:
    """``parse_spans`` of the last JSON text read (read-only): a bulk sample's body is listed, then trimmed to its first
    record (``detect.bulk``), and a 1 MiB body is read once."""
    from curlport.json_positions import parse_spans  # lazy: an import without a JSON text never needs the reader

    return parse_spans(text)


def lenient_spans(text: str) -> Spans:
    """The spans of a JSON text as its places were read: as it is, or as the lenient reading repaired it (see
    ``lenient``); none when it is neither."""
    try:
        return json_spans(text)[1]
    except (ValueError, RecursionError):
        from curlport.config.detect.lenient import read  # lazy: only a body the strict reader cannot read

        reading = read(text)
        return reading.spans if reading is not None and reading.shape == "json" else {}


def _json_slots(text: str, pointer: str, make: Any, context: tuple[str, ...]) -> list[Slot]:
    """The leaves of a JSON document (nothing when the text is not an object or array, or not JSON as lint
    reads it: see ``parse_spans``).

    An array of two or more plain values is one slot (a list of recipients is one
    recipient for the platform, which sends one message per number); a single
    value in an array is a slot of its own (``to.0``).
    """
    if not text.lstrip().startswith(("{", "[")):
        return []
    try:
        document, spans = json_spans(text)
    except (ValueError, RecursionError):
        return []
    slots: list[Slot] = []
    _leaves(document, (), spans, pointer, make, context, slots)
    return slots


def _leaves(value: Any, path: tuple[str, ...], spans: Spans, pointer: str,
            make: Any, context: tuple[str, ...], slots: list[Slot]) -> None:
    if isinstance(value, dict):
        members: Any = value.items()
    elif isinstance(value, list) and not (len(value) > 1 and path and not any(isinstance(item, dict | list)
                                                                           for item in value)):
        members = ((str(index), item) for index, item in enumerate(value))
    else:  # a value of its own: a plain one, or an array of two or more plain values
        start, end = spans[path]
        slots.append(Slot(make(path), value, pointer, start, end, context + path, True))
        return
    for key, item in members:
        if isinstance(item, dict | list):
            _leaves(item, (*path, key), spans, pointer, make, context, slots)
        else:  # made here, not by a call for each of a bulk body's many plain members
            member = (*path, key)
            start, end = spans[member]
            slots.append(Slot(make(member), item, pointer, start, end, context + member, True))


def _lenient_slots(body: str, make: Any) -> list[Slot]:
    """The places of a body read by its shape (form pairs under a JSON type, JSON with a typo: see ``lenient``)."""
    from curlport.config.detect.lenient import encoded_spans, read  # lazy: only a body the strict reader cannot read

    reading = read(body)
    slots: list[Slot] = []
    if reading is None:
        return slots
    if reading.shape == "form":
        for key, value, start, end in reading.pairs:
            # a JSON document in a field has places of its own, at the characters that spell them in the body
            inner = _json_slots(value, "/parameters/body", partial(Place, "form", key), (key,))
            spelled = encoded_spans(body[start:end], value) if inner else None
            slots += [_spelled(slot, spelled, start) for slot in inner] if spelled is not None else []
            if not inner or spelled is None:
                slots.append(Slot(Place("form", key), value, "/parameters/body", start, end))
        return slots
    _leaves(reading.document, (), reading.spans, "/parameters/body", make, (), slots)
    return slots


def _spelled(slot: Slot, spelled: list[tuple[int, int]], offset: int) -> Slot:
    """A JSON member inside a form value, at the characters of the body that spell its sample (a string's
    content without its quotes, which may be written %22)."""
    first, last = (slot.start + 1, slot.end - 2) if isinstance(slot.value, str) else (slot.start, slot.end - 1)
    if last < first:  # an empty string: the place between its quotes
        return slot._replace(start=offset + spelled[first][0], end=offset + spelled[first][0], is_json=False)
    return slot._replace(start=offset + spelled[first][0], end=offset + spelled[last][1], is_json=False)


def find_slot(slots: list[Slot], place: Place) -> list[Slot]:
    """The slots a place names: itself, the single value of an array it names, or, for a bare NAME, every key match.

    Several slots for a bare NAME mean the name is ambiguous; none, that the place does not exist.
    """
    if place.kind == "name":
        exact = [slot for slot in slots if slot.place.key == place.name]
        return exact or [slot for slot in slots if slot.place.key.lower() == place.name.lower()]
    exact = [slot for slot in slots if slot.place == place]
    if exact:
        return exact
    return [slot for slot in slots if slot.place.kind == place.kind and slot.place.name == place.name
            and slot.place.path == (*place.path, "0")]
