"""What every class of variants shares: the record of one variant, and how a sample is found and rewritten in the
curl text.

A variant is a provider fixture rewritten into a class of text users paste (a template token where the sample was,
the record duplicated into a bulk array…) with the places detection must still find. A rewrite that the importer
does not read back as intended (the token not at the place, with ``--placeholders none``) is not a variant of the
class: ``rewritten`` returns None and the generator yields nothing for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from curlport.config.detect import slots_of, text_at
from curlport.config.detect.notes import sample_span
from curlport.config.detect.places import Slot, parse_place
from curlport.detect_report import same_place
from curlport.errors import CurlportError
from curlport.importer import ImportResult, import_curl
from curlport.inputs import decode_input
from curlport.source import nearest_span


class Variant(NamedTuple):
    """One fixture rewritten into a class, with the places detection must find in it.

    ``expected`` has the keys of a ``.places.toml`` (``to``, ``body``, ``to_candidates``, ``body_candidates``), and
    ``same_config`` when importing the variant must give the fixture's own config (curl sends another request, but
    once the placeholders are written the two configs are one).
    """

    case: str
    klass: str
    text: str
    expected: dict[str, Any]


#: (fixture stem, fixture text, expected places) -> the variants of one class.
Generator = Callable[[str, str, dict[str, Any]], Iterator[Variant]]

ROLES = {"to": "$$To", "body": "$$Body"}


def imported(text: str, **options: Any) -> ImportResult | None:
    """The import of a text, or None when it is not read (a rewrite the class cannot make of this fixture)."""
    try:
        return import_curl(text, name="variant", source_name="variant.curl", **options)
    except CurlportError:
        return None


def fixtures(directory: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The provider fixtures of a folder with their expected places: (stem, curl text, places)."""
    import tomllib

    for places in sorted(directory.glob("*.places.toml")):
        curl = places.with_suffix("").with_suffix(".curl")
        if curl.is_file():
            yield curl.stem, decode_input(curl.read_bytes()), tomllib.loads(places.read_text(encoding="utf-8"))


def slot_at(result: ImportResult, place_text: str) -> Slot | None:
    """The one slot of an import's config an expected place names (None for "ask" or a place that is not there)."""
    if place_text in ("", "ask"):
        return None
    place = parse_place(place_text)
    matches = [slot for slot in slots_of(result.config) if same_place(place, slot)]
    return matches[0] if len(matches) == 1 else None


class Located(NamedTuple):
    """A sample's characters in the curl text, and the quoting around them there."""

    start: int
    end: int
    #: "'" inside single quotes, '"' inside double quotes, "" unquoted.
    quote: str
    #: Where in the request: "query", "path", "json" (a JSON literal) or "value" (a form field, a header).
    where: str


def locate(result: ImportResult, slot: Slot) -> Located | None:
    """Where the slot's sample is in the curl text, when it is there once and verbatim enough to rewrite."""
    config_text = text_at(result.config, slot.pointer)
    source = result.source
    span = sample_span(config_text, slot.start, slot.end, slot.text, slot.pointer, source, result.source_map)
    if span is None:
        return None
    start, end = source.offset(span.line, span.column), source.offset(span.end_line, span.end_column)
    written = source.text[start:end]
    if span == nearest_span(slot.pointer, result.source_map) and slot.text.strip() not in (written, written[1:-1]):
        return None  # the sample is not there verbatim once (percent-encoded, or repeated): only its word is known
    if slot.is_json and isinstance(slot.value, str) and len(written) >= 2 and written[0] == written[-1] == '"':
        start, end = start + 1, end - 1
    elif slot.is_json and isinstance(slot.value, str) and written.endswith('\\"') and written.startswith('\\"'):
        start, end = start + 2, end - 2
    where = slot.place.kind if slot.place.kind in ("query", "path") else "json" if slot.is_json else "value"
    return Located(start, end, quote_at(source.text, start), where)


def quote_at(text: str, position: int) -> str:
    """The shell quote open at ``position`` (scanning from the start of its line's command)."""
    quote, index = "", 0
    while index < position:
        char = text[index]
        if quote == "'":
            quote = "" if char == "'" else quote
        elif char == "\\":
            index += 1
        elif quote == '"':
            quote = "" if char == '"' else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            newline = text.find("\n", index)
            index = position if newline == -1 else newline
            continue
        index += 1
    return quote


def bash_quoted(word: str) -> str:
    """The word in single quotes, as bash reads it back verbatim (a quote inside closes, escapes and reopens)."""
    return "'" + shell_written(word, "'") + "'"


def shell_written(token: str, quote: str) -> str:
    """The token as the shell must see it at a place with that quote open, so that curl gets it verbatim."""
    if quote == "'":
        return token.replace("'", "'\\''")
    if quote == '"':
        return "".join("\\" + c if c in '$`"\\' else c for c in token)
    return "".join(c if c.isalnum() or c in "+-_.,/:=%@" else "\\" + c for c in token)


def url_written(token: str, where: str) -> str:
    """The token as a sample URL writes it: spaces as + in a query (%20 in a path), the characters a URL means as
    escapes."""
    escapes = {" ": "+" if where == "query" else "%20", "&": "%26", "#": "%23", "+": "%2B", "=": "%3D", "?": "%3F",
               "/": "%2F"}
    return "".join(escapes.get(c, c) for c in token)


def literal(token: str, located: Located, value: Any) -> str:
    """The token written where the sample was: as a JSON string where the sample was a JSON literal (an array of one
    where it was an array), encoded for a URL, and quoted for the shell around it."""
    if located.where == "json":
        text = token if isinstance(value, str) else f'["{token}"]' if isinstance(value, list) else f'"{token}"'
    elif located.where in ("query", "path"):
        text = url_written(token, located.where)
    else:
        text = token
    return shell_written(text, located.quote)


def replace(text: str, located: Located, literal: str) -> str:
    return text[: located.start] + literal + text[located.end :]


def holds(result: ImportResult | None, place_text: str, token: str) -> bool:
    """Whether the import (``--placeholders none``) reads ``token`` at the place: the rewrite is what it meant."""
    if result is None:
        return False
    slot = slot_at(result, place_text)
    if slot is None:
        return False
    value = slot.value[0] if isinstance(slot.value, list) and len(slot.value) == 1 else slot.value
    return isinstance(value, str) and value.strip() in (token, token.replace("+", " ").strip())

