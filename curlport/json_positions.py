"""JSON with positions: where each value of a JSON text starts and ends, by path or JSON pointer.

The standard library parses JSON but forgets where things were; lint findings must
point at the line and column of the offending value in the user's file, and detection
at the sample inside a JSON body. One reader serves both (and pre-flight and the web
page), so a text is refused, and located, alike everywhere.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any, NamedTuple

from curlport.lazy_pattern import LazyPattern

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SPACES = frozenset(" \t\n\r")
#: A value's literal by its path of keys and array indexes: where it starts and where it ends.
Spans = dict[tuple[str, ...], tuple[int, int]]


def parse_spans(text: str) -> tuple[Any, Spans]:
    """The JSON value and, for the path of every value in it, where its literal starts and ends.

    The one JSON reader with positions (lint's findings, detection's places in a JSON body,
    pre-flight's and the web page's errors): refuses what a provider form cannot hold, where
    ``json.loads`` takes it (nesting deeper than ``MAX_DEPTH``, half a surrogate pair, a number
    out of range or too long to read, NaN, Infinity), with ``json.JSONDecodeError``'s line and
    column. Strings and numbers are read by json's C scanner, which says where each ends.
    """
    # Looked for only where they can be: an ASCII text has no surrogate, and an escape of one starts with \u.
    surrogates = (not text.isascii() and _LONE_SURROGATE.search(text) is not None) or (
        "\\u" in text and SURROGATE_ESCAPE.search(text) is not None)
    read = None if surrogates else _valid_spans(text)
    return read if read is not None else parsed_spans(text, surrogates)


def parsed_spans(text: str, surrogates: bool = True) -> tuple[Any, Spans]:
    """``parse_spans`` read step by step, every step checked: what says why a text is refused, and where
    (``surrogates``: whether the text may hold a surrogate to refuse)."""
    spans: Spans = {}
    value, end = _value(text, _skip(text, 0), (), spans, surrogates)
    end = _skip(text, end)
    if end != len(text):
        raise json.JSONDecodeError("extra data after the JSON value", text, end)
    return value, spans


def _valid_spans(text: str) -> tuple[Any, Spans] | None:
    """``parse_spans`` of a text json's C decoder reads as the parser would (no surrogate to refuse: the caller
    looked), or None: the value decoded in C, the spans by a walk that checks nothing, as the text is valid.

    The walk records every span as the parser does, in the same order (a repeated key too), in a fraction of its
    time (a 1 MiB bulk body: 14,000 objects); a text it cannot vouch for (not JSON, nested too deep) is None, and
    the parser reads it and says why.
    """
    try:
        value = _AS_THE_PARSER_READS.decode(text)
        spans: Spans = {}
        _walk_valid(text, _skip(text, 0), (), spans)
    except (ValueError, RecursionError):  # not JSON as the parser reads it, or deeper than MAX_DEPTH
        return None
    return value, spans


#: What follows a member's name (the colon), and what follows a value in a container (a comma or its end).
_AFTER_NAME = re.compile(r"[ \t\n\r]*:[ \t\n\r]*")
_AFTER_VALUE = re.compile(r"[ \t\n\r]*([,\]}])[ \t\n\r]*")


def _walk_valid(text: str, index: int, path: tuple[str, ...], spans: Spans) -> int:
    """The end of the valid JSON value at ``index``, its span and its members' recorded (``_valid_spans``)."""
    opening = text[index]
    if opening not in "{[":
        end: int = _SCAN(text, index)[1]
        spans[path] = (index, end)
        return end
    spans[path] = (index, index)  # listed before its members, as the parser lists it
    inner = _skip(text, index + 1)
    if text[inner] in "]}":
        spans[path] = (index, inner + 1)
        return inner + 1
    if len(path) >= MAX_DEPTH:  # its members are deeper than the parser reads
        raise ValueError("nested too deep")
    count = 0
    while True:
        if opening == "{":
            key, inner = scanstring(text, inner + 1)
            inner = _AFTER_NAME.match(text, inner).end()  # type: ignore[union-attr]
            member = (*path, key)
        else:
            member = (*path, str(count))
            count += 1
        if text[inner] in "{[":
            end = _walk_valid(text, inner, member, spans)
        else:
            end = _SCAN(text, inner)[1]
            spans[member] = (inner, end)
        after = _AFTER_VALUE.match(text, end)
        assert after is not None  # a valid text: a comma or the container's end follows each value
        if after.group(1) != ",":
            spans[path] = (index, after.end(1))
            return after.end(1)
        inner = after.end()


def parse_with_positions(text: str) -> tuple[Any, dict[str, int]]:
    """The JSON value and, for every JSON pointer in it, the offset where its value starts (``parse_spans``)."""
    value, spans = parse_spans(text)
    return value, {"".join("/" + pointer_token(part) for part in path): start for path, (start, _) in spans.items()}


def _skip(text: str, index: int) -> int:
    if text[index : index + 1] not in _SPACES:  # mostly a token follows at once: no regular expression
        return index
    match = _WHITESPACE.match(text, index)
    return match.end() if match else index


#: A config is four levels deep; far deeper nesting is not a config, and would exhaust Python's stack.
MAX_DEPTH = 64


def _value(text: str, index: int, path: tuple[str, ...], spans: Spans, surrogates: bool) -> tuple[Any, int]:
    """The value at ``index`` and its end; ``surrogates``: whether the text may hold one to refuse."""
    if len(path) > MAX_DEPTH:
        raise json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", text, index)
    spans[path] = (index, index)  # listed before its members, as a reader meets them
    opening = text[index : index + 1]
    if opening == "{":
        value, end = _object(text, index + 1, path, spans, surrogates)
    elif opening == "[":
        value, end = _array(text, index + 1, path, spans, surrogates)
    else:
        value, end = _scalar(text, index, surrogates)
    spans[path] = (index, end)
    return value, end


def _scalar(text: str, index: int, surrogates: bool) -> tuple[Any, int]:
    """A string, number or literal by json's C scanner, refused where the form cannot hold it."""
    try:
        value, end = _SCAN(text, index)
    except StopIteration:
        raise json.JSONDecodeError("expected a JSON value", text, index) from None
    except json.JSONDecodeError:
        raise  # a string's own error (unterminated, a control character, a bad escape), where it is
    except ValueError:  # more digits than Python converts (4300)
        raise json.JSONDecodeError("a number too long to read", text, index) from None
    if type(value) is float and not math.isfinite(value):
        literal = text.startswith(("NaN", "Infinity", "-Infinity"), index)
        raise json.JSONDecodeError("expected a JSON value" if literal else "a number out of range", text, index)
    if surrogates and type(value) is str:
        lone = _LONE_SURROGATE.search(value)
        if lone is not None:
            raise json.JSONDecodeError(f"\\u{ord(lone.group()):04x} is half of a surrogate pair, not a character",
                                       text, index)
    return value, int(end)


#: JSON's \\u escapes can write half of a surrogate pair alone, which is no character: it cannot be encoded or sent.
_LONE_SURROGATE = LazyPattern("[\ud800-\udfff]")
#: What may write one in the text (the quick ``json.loads`` path of lint defers to this parser when it is there).
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def load_json(text: str) -> Any:
    """The JSON value of the text, refused exactly as ``parse_with_positions`` refuses it (depth, lone
    surrogates, numbers out of range), for readers that need no positions."""
    return parse_with_positions(text)[0]


def pointer_token(key: str) -> str:
    """A key as one JSON pointer token (RFC 6901: ~ and / escaped)."""
    return key.replace("~", "~0").replace("/", "~1")


def located(text: str) -> tuple[Any, Mapping[str, int]]:
    """``parse_with_positions``, for a text ``json.loads`` reads: the same value and offsets, or the same error.

    Lint places a file's few findings, not its every value: a text that json's C
    decoder reads as the parser would is decoded there, and each value's offset is
    looked up when asked (``OffsetsOnDemand``). What json.loads takes and the parser
    refuses (NaN, infinities, a number beyond a float, half a surrogate pair, nesting
    too deep) goes to the parser, which says why.
    """
    if text.count("{") + text.count("[") <= MAX_DEPTH and not ("\\u" in text and SURROGATE_ESCAPE.search(text)):
        try:
            return _AS_THE_PARSER_READS.decode(text), OffsetsOnDemand(text)
        except ValueError:
            pass
    return parse_with_positions(text)


def _finite(literal: str) -> float:
    number = float(literal)
    if number in (float("inf"), float("-inf")):
        raise ValueError("a number out of range")
    return number


def _refused(literal: str) -> float:
    raise ValueError(f"{literal} is not JSON")


#: json's C decoder with the parser's refusals (a number out of range, NaN and Infinity).
_AS_THE_PARSER_READS = json.JSONDecoder(parse_float=_finite, parse_constant=_refused)


class OffsetsOnDemand(Mapping[str, int]):
    """``parse_with_positions``'s offsets of a valid JSON text, each found when first asked for.

    A lookup reads only the containers on the pointer's path, one level at a time
    (each level kept for the next lookup), and skips the members before the one it
    names with json's C scanner: a few steps per level, not a step per value of the
    file. Where a key is repeated, the values of every path spelling the pointer are
    listed in the order of the text and the last one wins, as in the parser's map
    (``tests/test_speed_guards.py`` compares the two on generated documents).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: dict[str, list[int]] = {"": [_skip(text, 0)]}

    def __getitem__(self, pointer: str) -> int:
        starts = self._all(pointer)
        if not starts:
            raise KeyError(pointer)
        return starts[-1]

    def __contains__(self, pointer: object) -> bool:
        return isinstance(pointer, str) and bool(self._all(pointer))

    def __iter__(self) -> Iterator[str]:
        return iter(parse_with_positions(self._text)[1])

    def __len__(self) -> int:
        return len(parse_with_positions(self._text)[1])

    def _all(self, pointer: str) -> list[int]:
        """Where each value whose path spells ``pointer`` starts, in the order of the text."""
        if pointer not in self._starts:
            parent, slash, token = pointer.rpartition("/")
            starts = self._all(parent) if slash else []
            self._starts[pointer] = [found for start in starts for found in _members(self._text, start, token)]
        return self._starts[pointer]


_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_COLON = re.compile(r"[ \t\n\r]*:[ \t\n\r]*")
_COMMA = re.compile(r"[ \t\n\r]*,?[ \t\n\r]*")


def _members(text: str, index: int, token: str) -> Iterator[int]:
    """Where the members named ``token`` of the container at ``index`` of a valid JSON text start (an array's item
    by its decimal index; an object's members by key, all of them when the key is repeated)."""
    opening = text[index]
    if opening == "[":
        if token.isdecimal() and token == str(int(token)):
            index = _skip(text, index + 1)
            for _ in range(int(token)):
                if text[index] == "]":
                    return
                index = _COMMA.match(text, _SCAN(text, index)[1]).end()  # type: ignore[union-attr]
            if text[index] != "]":
                yield index
        return
    if opening != "{":
        return
    key_wanted = token.replace("~1", "/").replace("~0", "~")
    index = _skip(text, index + 1)
    while text[index] != "}":
        key, index = scanstring(text, index + 1)
        index = _COLON.match(text, index).end()  # type: ignore[union-attr]
        if key == key_wanted and pointer_token(key) == token:
            yield index
        index = _COMMA.match(text, _SCAN(text, index)[1]).end()  # type: ignore[union-attr]


def _object(text: str, index: int, path: tuple[str, ...], spans: Spans, surrogates: bool) -> tuple[Any, int]:
    result: dict[str, Any] = {}
    index = _skip(text, index)
    if text.startswith("}", index):
        return result, index + 1
    while True:
        if not text.startswith('"', index):
            raise json.JSONDecodeError("expected a string key", text, index)
        key, index = _scalar(text, index, surrogates)
        index = _skip(text, index)
        if not text.startswith(":", index):
            raise json.JSONDecodeError("expected ':'", text, index)
        result[key], index = _value(text, _skip(text, index + 1), (*path, key), spans, surrogates)
        index = _skip(text, index)
        if text.startswith("}", index):
            return result, index + 1
        if not text.startswith(",", index):
            raise json.JSONDecodeError("expected ',' or '}'", text, index)
        index = _skip(text, index + 1)


def _array(text: str, index: int, path: tuple[str, ...], spans: Spans, surrogates: bool) -> tuple[Any, int]:
    result: list[Any] = []
    index = _skip(text, index)
    if text.startswith("]", index):
        return result, index + 1
    while True:
        item, index = _value(text, index, (*path, str(len(result))), spans, surrogates)
        result.append(item)
        index = _skip(text, index)
        if text.startswith("]", index):
            return result, index + 1
        if not text.startswith(",", index):
            raise json.JSONDecodeError("expected ',' or ']'", text, index)
        index = _skip(text, index + 1)


#: An escape of a string literal; a \\u escape of a high surrogate followed by one of a low surrogate is one escape,
#: as json decodes the pair to one character (a high one alone, or before anything else, stays a character of its own).
_ESCAPE = re.compile(r"\\(?:u[dD][89abAB][0-9A-Fa-f]{2}\\u[dD][c-fC-F][0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|[\s\S])")


class StringOffsets:
    """One JSON string literal's decoded text, and where each decoded character of it sits in the text.

    Escapes make the source longer than the value (``\\"`` is one character, ``\\u00e9``
    one, a surrogate pair of two ``\\u`` escapes one), so value offsets need mapping.
    The one reader of a literal's offsets: lint places a finding inside a string with it,
    and masking finds a secret's characters in a literal that escapes them
    (``curlport.credentials``). It reads as json reads, but takes a raw control character
    (``strict=False``): masking reads texts json refuses, and their secrets still count.
    The escapes are read once; each lookup is a binary search, so locating every one of
    many findings in a long string stays linear.
    """

    def __init__(self, text: str, literal_start: int) -> None:
        self.content_start = literal_start + 1
        #: The decoded text (``ValueError`` for a literal that is not one: unterminated, a bad escape).
        self.value, end = scanstring(text, self.content_start, False)
        #: (decoded index, source offset, source length) of each escape
        self.escapes: list[tuple[int, int, int]] = []
        decoded, source = 0, self.content_start
        for match in _ESCAPE.finditer(text, self.content_start, end - 1):
            decoded += match.start() - source
            self.escapes.append((decoded, match.start(), len(match.group())))
            decoded, source = decoded + 1, match.end()
        self.decoded_indexes = [escape[0] for escape in self.escapes]

    def offset(self, decoded_index: int) -> int:
        """The source offset of the ``decoded_index``-th character (the closing quote for the length)."""
        position = bisect_right(self.decoded_indexes, decoded_index) - 1
        if position < 0:
            return self.content_start + decoded_index
        escape_index, escape_start, length = self.escapes[position]
        if escape_index == decoded_index:
            return escape_start
        return escape_start + length + (decoded_index - escape_index - 1)


def literal_end(text: str, literal_start: int) -> int:
    """The offset just after the string literal that starts at ``literal_start`` (a raw control character taken,
    as ``StringOffsets`` takes it)."""
    _, end = scanstring(text, literal_start + 1, False)
    return int(end)


class RepeatedMember(NamedTuple):
    """A member whose name its object already has: ``start``..``end`` is the repeated name's literal, ``pointer``
    the member's, ``differs`` whether its value is another than the previous one of that name's."""

    start: int
    end: int
    pointer: str
    differs: bool


#: The end of what can be a member's name: a quote before a colon. Inside a string only an escaped quote can be
#: followed so (a JSON body in a string value: ``"{\\"to\\": …}"``): the run of backslashes before it is odd.
_NAME_END = LazyPattern(r'"[ \t\n\r]*:')
_ESCAPED_NAME_END = LazyPattern(r'(\\+)"[ \t\n\r]*:')


def repeated_members(text: str, value: Any) -> list[RepeatedMember]:
    """The members of a valid JSON text (``value``, what json.loads read from it) whose object names them twice.

    RFC 8259 leaves to each reader which of two same-named members it keeps (json.loads keeps the last). The text
    is read again only when it writes more names than ``value`` holds (``_names_written``, never fewer), so a text
    without a repeat costs a search or two of the text and a count of the value's members: about what an
    ``object_pairs_hook`` adds to every json.loads, with no change to the places lint parses a config.
    """
    if not isinstance(value, dict | list) or _names_written(text) <= _member_count(value):
        return []
    found: list[RepeatedMember] = []
    try:
        _repeats(text, _skip(text, 0), "", found)
    except RecursionError:  # nested deeper than Python reads: what was found so far (contextlib costs every start)
        return found
    return found


def _names_written(text: str) -> int:
    """How many member names a valid JSON text writes, or more: the quotes before a colon that no backslash escapes
    (one more for each string that starts with a colon, whose opening quote is one).

    Counted with ``str.count`` where the text allows (no colon after a blank, so every name's is right after its
    quote; no backslash before a quote but one escaping it): a few passes in C, where a regular expression costs
    more than json.loads itself.
    """
    if " :" in text or "\t:" in text or "\n:" in text or "\r:" in text or '\\\\"' in text:
        escaped = sum(len(run) % 2 for run in _ESCAPED_NAME_END.findall(text)) if '\\"' in text else 0
        return len(_NAME_END.findall(text)) - escaped
    return text.count('":') - text.count('\\":')


def _member_count(value: Any) -> int:
    """How many members the objects of a JSON value hold (a repeated name once); a loop, as deep as json reads."""
    count, containers = 0, [value]
    while containers:
        container = containers.pop()
        if type(container) is dict:
            count += len(container)
            container = container.values()
        for item in container:
            if type(item) is dict or type(item) is list:
                containers.append(item)
    return count


def _repeats(text: str, index: int, pointer: str, found: list[RepeatedMember]) -> int:
    """The end of the valid JSON value at ``index``; its repeated members appended to ``found``."""
    opening = text[index]
    if opening not in "{[":
        end: int = _SCAN(text, index)[1]
        return end
    inner = _skip(text, index + 1)
    if text[inner] in "]}":
        return inner + 1
    seen: dict[str, tuple[int, int]] = {}
    count = 0
    while True:
        if opening == "{":
            name_start = inner
            key, name_end = scanstring(text, inner + 1)
            inner = _AFTER_NAME.match(text, name_end).end()  # type: ignore[union-attr]
            member = f"{pointer}/{pointer_token(key)}"
        else:
            member = f"{pointer}/{count}"
            count += 1
        end = _repeats(text, inner, member, found)
        if opening == "{":
            if key in seen:
                before, now = (json.dumps(json.loads(text[start:stop])) for start, stop in (seen[key], (inner, end)))
                found.append(RepeatedMember(name_start, name_end, member, before != now))
            seen[key] = (inner, end)
        after = _AFTER_VALUE.match(text, end)
        assert after is not None  # a valid text: a comma or the container's end follows each value
        if after.group(1) != ",":
            return after.end(1)
        inner = after.end()
