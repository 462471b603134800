"""The record every class generator yields: one fixture rewritten into one class, with the places it must keep."""

from __future__ import annotations

from typing import Any, NamedTuple


class Variant(NamedTuple):
    case: str  # "<fixture stem>/<label>"
    klass: str  # the class name, e.g. "shell-wrapper"
    text: str  # the rewritten curl text
    expected: dict[str, Any]  # same keys as a .places.toml: to, body, to_candidates, body_candidates
