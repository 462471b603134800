"""Reading a config of any shape: the parts rules, detection, fixes and views look into, whatever JSON they get.

A config under lint is whatever JSON the file holds: ``headers`` may be 5, a field
row null, a body a number. The schema says so (CP501); every other reader goes
through these, which return only the shapes it can use and skip the rest, so that
no reader repeats the checks and none of them crashes on a value of the wrong type.
"""

from __future__ import annotations

from typing import Any


def section(config: Any, key: str) -> dict[str, Any]:
    """``config[key]`` when both are JSON objects; an empty object otherwise."""
    value = config.get(key) if isinstance(config, dict) else None
    return value if isinstance(value, dict) else {}


def text(mapping: Any, key: str) -> str:
    """``mapping[key]`` when it is a string; the empty string for anything else (a number is not text)."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, str) else ""


def rows(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The objects of a list with their indexes (a ``headers`` or ``fields`` list); nothing for anything else."""
    return [(index, row) for index, row in enumerate(value) if isinstance(row, dict)] if isinstance(value, list) \
        else []


def key_values(value: Any) -> list[tuple[str, str]] | None:
    """The (key, value) pairs of a list of ``{"key", "value"}`` string rows; None unless every row is one.

    Fixes that move rows use this: a list they cannot read whole is left as it is.
    """
    if not isinstance(value, list):
        return None
    pairs = [(row.get("key"), row.get("value")) for row in value if isinstance(row, dict)]
    if len(pairs) != len(value) or not all(isinstance(k, str) and isinstance(v, str) for k, v in pairs):
        return None
    return [(str(k), str(v)) for k, v in pairs]
