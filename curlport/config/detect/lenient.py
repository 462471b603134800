"""A lenient reading of a body whose declared type and shape disagree: for finding places, never for sending.

Provider docs put form pairs under ``Content-Type: application/json`` (or the doc's own ``<CONTENT_TYPE>``), and
write JSON with a typo: a trailing comma, a key's quote missing, a backslash JSON does not know, a comment, a
template token where a value goes (``"preview_url": <ENABLE_LINK_PREVIEW>``). curl sends such a
body as written, and so does the config; but the recipient and the message are still plainly in it, and the
operator must be able to place ``$$To`` and ``$$Body`` there (``--to``/``--body``, detection, the page's list).

``read`` reads the body by its actual shape: form pairs, or JSON after the fewest repairs a reader would make,
each repair a ``Flaw`` at its offset in the body as written. Every value keeps the offsets of its characters in
the text as written, so a placeholder replaces exactly the sample and nothing else of the body changes.
"""

from __future__ import annotations

import json
from typing import Any, Final, NamedTuple
from urllib.parse import unquote_plus

from curlport.lazy_pattern import LazyPattern

#: A body of form pairs: ``key=value`` joined by ``&`` (a key is never a JSON document's start).
_FORM: Final = LazyPattern(r"[^\s=&\"{}\[][^\s=&\"]*=[^&]*(?:&[^\s=&\"]+=[^&]*)*&?")
#: More repairs than this and the text is not a JSON document with a typo.
MAX_REPAIRS: Final = 20
_KEY: Final = LazyPattern(r"[A-Za-z_$][A-Za-z0-9_$-]*")
#: A comment in a doc's JSON: ``/* … */`` or ``// …`` to the line's end.
_COMMENT: Final = LazyPattern(r"/\*[\s\S]*?\*/|//[^\n]*")
#: A template token written where a JSON value goes, without quotes: ``<ENABLE_LINK_PREVIEW>``, ``{{count}}``.
_UNQUOTED_TEMPLATE: Final = LazyPattern(r"<[A-Za-z_][\w .-]*>|\{\{\s*[A-Za-z_][\w.]*\s*\}\}")


#: The double quotes a word processor or a web page writes for ``"``.
_TYPOGRAPHIC_QUOTES: Final = frozenset("\u201c\u201d\u201e\u201f")


class Flaw(NamedTuple):
    """What is wrong with the body at ``offset`` (``length`` characters), in words, and the safe fix if any."""

    problem: str
    offset: int
    length: int
    fix: str


class Reading(NamedTuple):
    """The body by its shape: ``form`` pairs (key, value, start, end) or a ``json`` document with its spans."""

    shape: str
    pairs: tuple[tuple[str, str, int, int], ...]
    document: Any
    #: Each JSON value's (start, end) in the body as written, by its path, as ``json_positions.parse_spans`` gives.
    spans: dict[tuple[str, ...], tuple[int, int]]
    flaws: tuple[Flaw, ...]


def read(body: str) -> Reading | None:
    """The body read by its shape when it is form pairs or JSON with typos; None for anything else (plain text,
    valid JSON, which the strict reader already reads, or JSON too broken to tell)."""
    if _FORM.fullmatch(body.strip()) and body.strip()[:1] not in "{[":
        return Reading("form", tuple(_form_pairs(body)), None, {}, ())
    if body.lstrip()[:1] not in ("{", "["):
        return None
    return _repaired_json(body)


def _form_pairs(body: str) -> list[tuple[str, str, int, int]]:
    pairs = []
    position = 0
    for pair in body.split("&"):
        key, separator, value = pair.partition("=")
        if separator and key.strip():
            start = position + len(key) + 1
            pairs.append((unquote_plus(key.strip()), unquote_plus(value.rstrip("\r\n")), start,
                          start + len(value.rstrip("\r\n"))))
        position += len(pair) + 1
    return pairs


_ESCAPE: Final = LazyPattern(r"%[0-7][0-9A-Fa-f]|\+|[\s\S]")


def encoded_spans(written: str, value: str) -> list[tuple[int, int]] | None:
    """For each character of a form value, the (start, end) of the characters that spell it as written (``%22``
    for ``"``, ``+`` for a space); None when the spelling is not one ASCII character per escape."""
    spans = [match.span() for match in _ESCAPE.finditer(written)]
    return spans if len(spans) == len(value) and unquote_plus(written) == value else None


class _Text:
    """The text being repaired, with the offset in the body as written of each of its characters.

    An inserted character has the offset of the character it was inserted before, and is marked inserted, so that
    a string whose quote was added still starts and ends where its characters do.
    """

    def __init__(self, body: str) -> None:
        self.text = body
        self.origin = list(range(len(body)))
        self.inserted = [False] * len(body)
        self.flaws: list[Flaw] = []

    def insert(self, at: int, characters: str) -> None:
        origin = self.origin[at] if at < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)
        self.text = self.text[:at] + characters + self.text[at:]
        self.origin[at:at] = [origin] * len(characters)
        self.inserted[at:at] = [True] * len(characters)

    def delete(self, at: int, count: int = 1) -> None:
        self.text = self.text[:at] + self.text[at + count :]
        del self.origin[at : at + count], self.inserted[at : at + count]

    def flaw(self, problem: str, at: int, fix: str) -> None:
        self.flaws.append(Flaw(problem, self.origin[min(at, len(self.origin) - 1)], 1, fix))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The (start, end) in the body as written of the repaired text's [start, end)."""
        first = self.origin[start] - (1 if self.inserted[start] else 0)
        return max(first, 0), self.origin[end - 1] + 1


def _repaired_json(body: str) -> Reading | None:
    from curlport.json_positions import parse_spans  # lazy: only a broken JSON body needs the reader

    text = _Text(body)
    for _ in range(MAX_REPAIRS):
        try:
            json.loads(text.text)
        except json.JSONDecodeError as error:
            if not _repair(text, error.msg, error.pos):
                return None
            continue
        except RecursionError:
            return None
        if not text.flaws:
            return None  # valid as written: the strict reader's business
        try:
            document, spans = parse_spans(text.text)
        except (ValueError, RecursionError):
            return None
        mapped = {path: text.span(start, end) for path, (start, end) in spans.items()}
        return Reading("json", (), document, mapped, tuple(text.flaws))
    return None


def _before(text: str, position: int) -> int:
    """The index of the last character before ``position`` that is not blank; -1 when there is none."""
    return len(text[:position].rstrip()) - 1


def _string_before(text: str, position: int) -> tuple[int, int] | None:
    """(opening quote, closing quote) of the string literal that ends right before ``position`` (blanks between)."""
    closing = _before(text, position)
    if closing < 0 or text[closing] != '"':
        return None
    opening = closing - 1
    while opening >= 0 and (text[opening] != '"' or _escaped(text, opening)):
        opening -= 1
    return (opening, closing) if opening >= 0 else None


def _escaped(text: str, index: int) -> bool:
    backslashes = len(text[:index]) - len(text[:index].rstrip("\\"))
    return backslashes % 2 == 1


def _repair(text: _Text, message: str, position: int) -> bool:
    """Make the one repair the error at ``position`` calls for, noting the flaw; False when there is none."""
    current = text.text
    here = current[position : position + 1]
    comment = _COMMENT.match(current, position) if here == "/" else None
    if comment is not None:  # /* or: "device_id": … */, // optional: a doc's note inside the JSON
        text.flaw("a comment (JSON has none)", position, "remove the comment")
        text.delete(position, comment.end() - position)
        return True
    if message.startswith("Extra data"):  # }'{"accepted": …: a docs page's response glued after the request's JSON
        text.flaw("text after the JSON document (a response pasted after it?)", position, "remove it")
        text.delete(position, len(current) - position)
        return True
    if here in _TYPOGRAPHIC_QUOTES:  # {“to”: “…”}: a word processor's quotes, every one of them
        text.flaw("typographic quotes “…” (JSON's are straight)", position, 'write "')
        text.text = "".join('"' if character in _TYPOGRAPHIC_QUOTES else character for character in current)
        return True
    token = None
    if message.startswith("Expecting value"):
        token = _UNQUOTED_TEMPLATE.match(current, position)
    elif message.startswith("Expecting property name") and current[position - 1 : position] == "{":
        token = _UNQUOTED_TEMPLATE.match(current, position - 1)  # {{count}}: its first brace read as an object's
        position -= 1 if token is not None else 0
    if token is not None:  # "preview_url": <ENABLE_LINK_PREVIEW>: the doc's template where a value goes
        text.flaw("a template value without quotes", position, "write the real value")
        if current[token.end() : token.end() + 1] != '"':  # {{receiverPhoneNumber}}": its closing quote is there
            text.insert(token.end(), '"')
        text.insert(position, '"')
        return True
    if message.startswith(("Expecting property name", "Expecting value")) and here in ("}", "]"):
        comma = _before(current, position)
        if comma >= 0 and current[comma] == ",":
            text.flaw("a trailing comma", comma, "remove the comma")
            text.delete(comma)
            return True
        return False
    if message.startswith("Expecting property name"):
        key = _KEY.match(current, position)
        if key is None:
            return False
        if current[key.end() : key.end() + 1] == '"':
            text.flaw("a key without its opening quote", position, f'write "{key.group()}"')
            text.insert(position, '"')
        else:
            text.flaw("a key without quotes", position, f'write "{key.group()}"')
            text.insert(key.end(), '"')
            text.insert(position, '"')
        return True
    if message.startswith("Expecting value"):
        if not (here.isalpha() or here == "_") or current.startswith(("true", "false", "null"), position):
            return False
        end = current.find('"', position)
        line_end = current.find("\n", position)
        if end == -1 or (line_end != -1 and line_end < end):
            return False
        text.flaw("a string without its opening quote", position, "add the quote")
        text.insert(position, '"')
        return True
    if message.startswith(("Expecting ':' delimiter", "Expecting ',' delimiter")):
        return _misplaced_quote(text, position, ":" if "':'" in message else ",")
    if message.startswith("Invalid \\escape"):
        text.flaw(f"a stray backslash before {current[position + 1 : position + 2]!r}", position,
                  "remove the backslash (or write \\\\ for a backslash)")
        text.delete(position)
        return True
    if message.startswith("Invalid control character"):
        text.flaw("a line break or tab inside a string", position, "write \\n or \\t")
        text.delete(position)
        text.insert(position, " ")
        return True
    return False


def _misplaced_quote(text: _Text, position: int, separator: str) -> bool:
    """``"text: "Hello"`` (a key's closing quote missing) or ``"to": "123, "text": …`` (a value's): the string
    before ``position`` swallowed the separator; its quote belongs right before it."""
    found = _string_before(text.text, position)
    if found is None:
        return separator == "," and _missing_comma(text, position)
    opening, closing = found
    content = text.text[opening + 1 : closing]
    at = content.rfind(separator) if separator == "," else content.find(separator)
    if at == -1 or content[at + 1 :].strip():
        return separator == "," and _missing_comma(text, position)
    what = "key" if separator == ":" else "value"
    text.flaw(f"a {what} without its closing quote", opening + 1 + at, "add the quote")
    text.insert(opening + 1 + at, '"')
    return True


def _missing_comma(text: _Text, position: int) -> bool:
    if text.text[position : position + 1] not in ('"', "{", "["):
        return False
    text.flaw("a missing comma", position, "add a comma")
    text.insert(position, ",")
    return True
