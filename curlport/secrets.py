"""Where a config's secrets are: each credential value as a place (a JSON pointer and a range in that value).

``curlport.credentials`` decides *which* values are credentials, by what they
mean; a page that shows the config value by value, and the input it came from,
needs *where* they are, so that it masks exactly those characters and nothing
else (a mask keeps the length, so a highlight or a caret still lines up).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from curlport.config.detect.places import Slot
from curlport.config.model import Config
from curlport.credentials import credential_values
from curlport.json_positions import pointer_token


@dataclass(frozen=True)
class SecretPlace:
    """Characters ``start``..``end`` (exclusive) of the string at ``pointer`` are a secret."""

    pointer: str
    start: int
    end: int


def secret_places(config: Config, listed: list[Slot] | None = None) -> tuple[SecretPlace, ...]:
    """Every occurrence of a credential value in the config's strings, in document order, longest first where two
    start together (a password that contains another one is masked whole).

    ``listed`` is the config's ``slots_of`` when the caller has it already (``credential_values``).
    """
    values = sorted(credential_values(config, listed), key=len, reverse=True)
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
