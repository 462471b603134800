"""Where a config's secrets are: each credential value as a place (a JSON pointer and a range in that value).

``curlport.credentials`` decides *which* values are credentials, by what they
mean; a page that shows the config value by value, and the input it came from,
needs *where* they are, so that it masks exactly those characters and nothing
else (a mask keeps the length, so a highlight or a caret still lines up).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from curlport.config.detect.places import Slot
from curlport.config.model import Config
from curlport.credentials import credential_spellings, credential_values
from curlport.json_positions import StringOffsets, pointer_token
from curlport.source import Source


@dataclass(frozen=True)
class SecretPlace:
    """Characters ``start``..``end`` (exclusive) of the string at ``pointer`` are a secret."""

    pointer: str
    start: int
    end: int


def secret_places(config: Config, listed: list[Slot] | None = None,
                  values: Iterable[str] | None = None) -> tuple[SecretPlace, ...]:
    """Every occurrence of a credential value in the config's strings, in document order, longest first where two
    start together (a password that contains another one is masked whole).

    ``listed`` is the config's ``slots_of`` when the caller has it already (``credential_values``); ``values`` what
    to look for instead of the credential values (their spellings: ``learn_config_secrets``).
    """
    values = sorted(credential_values(config, listed) if values is None else values, key=len, reverse=True)
    if not values:
        return ()
    places = []
    for pointer, text in _strings(config, ""):
        taken: list[tuple[int, int]] = []
        for value in values:
            start = text.find(value)
            while start != -1:
                end = start + len(value)
                if not any(s < end and start < e for s, e in taken):
                    taken.append((start, end))
                start = text.find(value, end)
        places += [SecretPlace(pointer, start, end) for start, end in sorted(taken)]
    return tuple(places)


def _strings(value: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """Every string value of a JSON document with its pointer (keys are names, never secrets)."""
    if isinstance(value, str):
        yield pointer, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{pointer}/{pointer_token(str(key))}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{pointer}/{index}")


def learn_config_secrets(source: Source, config: Any, offsets: Mapping[str, int],
                         listed: list[Slot] | None = None) -> None:
    """Record on ``source`` (a config's JSON text) where its credentials are: the characters of each string literal
    that decode to a credential, masked by position where a line of the file is shown (any escape a writer used:
    PHP's ``\\/``, ``\\u0041``, a surrogate pair), and their spellings for the messages about the config, which
    quote values rather than the text. Worked out when something of the file is first shown.

    ``offsets``: where each value's literal starts (``parse_with_positions``, ``located``).
    """
    @cache  # worked out once for both
    def spellings() -> frozenset[str]:
        return credential_spellings(config, listed)

    source.add_located_secrets(lambda: config_text_spans(source.text, config, offsets, spellings()), spellings)


def config_text_spans(text: str, config: Any, offsets: Mapping[str, int],
                      spellings: frozenset[str]) -> list[tuple[int, int]]:
    """Where each of ``spellings`` stands in the config's string values, as offsets ``[start, end)`` in its JSON
    text (what a value's string literal writes for those characters)."""
    if not spellings or not isinstance(config, dict):
        return []
    spans = []
    literals: dict[str, StringOffsets | None] = {}
    for place in secret_places(config, values=spellings):
        if place.pointer not in literals:
            start = offsets.get(place.pointer)
            literals[place.pointer] = StringOffsets(text, start) if start is not None and text[start] == '"' else None
        literal = literals[place.pointer]
        if literal is not None:
            spans.append((literal.offset(place.start), literal.offset(place.end)))
    return spans
