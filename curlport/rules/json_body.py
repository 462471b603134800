"""What the rules about JSON bodies share: when a body is declared JSON, and reading it despite its placeholders.

A body is declared JSON by the current form's JSON parameter type, or by a JSON
Content-Type over a raw body. A placeholder written outside a JSON string
(``{"to": $$To}``) is CP302's business; the others read the body with each such
placeholder blanked to a number of the same length, so offsets stay those of
the config's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from curlport.config.model import is_json_media_type
from curlport.lazy_pattern import LazyPattern
from curlport.rules.base import KNOWN_PLACEHOLDERS, Config, header_value, shared


def body_of(config: Config) -> tuple[str, str] | None:
    """(format, body text) of a config whose parameters carry a body."""
    parameters = config.get("parameters")
    if isinstance(parameters, dict) and isinstance(parameters.get("body"), str):
        return str(parameters.get("format")), parameters["body"]
    return None


@shared
def declared_json(config: Config) -> bool:
    """Whether the config says its body is JSON: the JSON type, or a raw body under a JSON Content-Type."""
    found = body_of(config)
    if found is None:
        return False
    return found[0] == "json" or (found[0] == "raw" and is_json_media_type(header_value(config, "Content-Type") or ""))


def looks_like_json(body: str) -> bool:
    """Whether a body is meant as JSON, by its first character: one a bare placeholder broke still counts."""
    return body.lstrip()[:1] in ("{", "[")


# A string literal (to its end, or to the end of the body when it is never closed), or a placeholder outside one:
# one regular expression scans the body in C rather than a loop over its characters (a string's plain characters
# as runs, not one alternative per character).
_STRING_OR_PLACEHOLDER = LazyPattern(r'"[^"\\]*(?:\\[\s\S][^"\\]*)*"?|'
                                    + "|".join(map(re.escape, sorted(KNOWN_PLACEHOLDERS, key=len, reverse=True))))


def bare_placeholders(body: str) -> Iterator[tuple[str, int]]:
    """Each platform placeholder that stands outside a JSON string literal, with its offset."""
    for match in _STRING_OR_PLACEHOLDER.finditer(body):
        if not match.group().startswith('"'):
            yield match.group(), match.start()


def blanked(body: str) -> str:
    """The body with each bare placeholder replaced by a number padded to its length.

    One substitution over the body, so a body of many placeholders costs one pass, not one copy per placeholder;
    none for a body without a placeholder (every one starts with ``$$``) or with each inside a string (most bodies:
    their literals listed in C, not handed to Python one by one).
    """
    if "$$" not in body or all(found.startswith('"') for found in _STRING_OR_PLACEHOLDER.findall(body)):
        return body
    return _STRING_OR_PLACEHOLDER.sub(_blank, body)


def _blank(match: re.Match[str]) -> str:
    text = match.group()
    return text if text.startswith('"') else "0".ljust(len(text))


def parse(body: str) -> Any:
    """The JSON value of a body (bare placeholders read as numbers); raises ValueError when it is not JSON."""
    return _parsed(blanked(body)).document


class BodyReading(NamedTuple):
    """A config's body as the rules read it, once for all of them (``read_body``)."""

    #: The body with its bare placeholders blanked (``blanked``).
    blanked: str
    #: Its JSON value; None when ``error`` says why it is not JSON.
    document: Any
    error: ValueError | None
    #: Whether an object of it has a member's name twice, or a ``$$`` in a name (never, when it is not JSON).
    odd_names: bool


@shared
def read_body(config: Config) -> BodyReading | None:
    """The config's body blanked and parsed, once for all the rules that read it; None without a body."""
    found = body_of(config)
    if found is None:
        return None
    text = blanked(found[1])
    try:
        return _parsed(text)._replace(blanked=text)
    except ValueError as error:
        return BodyReading(text, None, error, False)


class _OddNames(Exception):
    """An object of the body names a member twice, or has a ``$$`` in a name."""


def _names_once(members: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(members)  # what json.loads makes of the members by itself: the last value of a name twice
    if len(document) != len(members) or "$$" in "".join(document):
        raise _OddNames
    return document


@cache
def _names_once_decoder() -> json.JSONDecoder:
    """json's decoder, refusing an object with odd names (``_names_once``): made once, when a body is first read."""
    return json.JSONDecoder(object_pairs_hook=_names_once)


def _parsed(text: str) -> BodyReading:
    """``text`` (a blanked body) read as JSON; raises ValueError when it is not JSON.

    Read by json's decoder, first with a hook that stops at odd names (``odd_names``), then, for a body with them
    (rare) or a byte-order mark (which ``json.loads`` refuses with its own message), by ``json.loads`` itself.
    """
    odd = text.startswith("\ufeff")
    try:
        if not odd:
            try:
                return BodyReading(text, _names_once_decoder().decode(text), None, False)
            except _OddNames:
                odd = True
        return BodyReading(text, json.loads(text), None, odd)
    except RecursionError:  # nesting deeper than the parser goes
        raise ValueError("nested too deeply") from None


def at_path(document: Any, path: str) -> Any:
    """The value at a dotted path (``messages``, ``data.0.to``); KeyError when there is none."""
    for part in path.split("."):
        if isinstance(document, dict) and part in document:
            document = document[part]
        elif isinstance(document, list) and part.isdigit() and int(part) < len(document):
            document = document[int(part)]
        else:
            raise KeyError(path)
    return document
