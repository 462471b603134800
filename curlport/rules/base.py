"""What a rule is: a declaration (code, name, severity, docs) and a check over a config.

Rules see only the config dict, so the same rule serves a .json config and a
.curl command; where a problem is inside the input is resolved afterwards from
the JSON pointer (and the character offset inside the value) each problem names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from curlport.findings import Severity

Config = dict[str, Any]


@dataclass(frozen=True)
class Problem:
    """A rule's finding before it is located: the config value, and where inside it."""

    pointer: str
    message: str
    start: int = 0
    end: int | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fix: str
    bad: str
    good: str
    check: Callable[[Config], Iterator[Problem]]


@dataclass(frozen=True)
class Slot:
    """One text value of a config and what part of the provider form it is."""

    pointer: str
    kind: str  # endpoint, header-key, header-value, field-key, field-value, body, username, password
    text: str


def slots(config: Config) -> Iterator[Slot]:
    """Every text value of a config a placeholder could be in, in document order."""
    if isinstance(config.get("endpoint"), str):
        yield Slot("/endpoint", "endpoint", config["endpoint"])
    auth = config.get("auth")
    if isinstance(auth, dict):
        for key in ("username", "password"):
            if isinstance(auth.get(key), str):
                yield Slot(f"/auth/{key}", key, auth[key])
    yield from _key_values(config.get("headers"), "/headers", "header")
    parameters = config.get("parameters")
    if isinstance(parameters, dict):
        yield from _key_values(parameters.get("fields"), "/parameters/fields", "field")
        if isinstance(parameters.get("body"), str):
            yield Slot("/parameters/body", "body", parameters["body"])


def _key_values(rows: Any, pointer: str, kind: str) -> Iterator[Slot]:
    if not isinstance(rows, list):
        return
    for index, row in enumerate(rows):
        if isinstance(row, dict):
            for key in ("key", "value"):
                if isinstance(row.get(key), str):
                    yield Slot(f"{pointer}/{index}/{key}", f"{kind}-{key}", row[key])


PLACEHOLDER = re.compile(r"\$\$([A-Za-z][A-Za-z0-9_]*)")
RECIPIENT, MESSAGE = "$$To", "$$Body"
#: The platform's documented placeholders: never near misses.
KNOWN_PLACEHOLDERS = frozenset({"$$To", "$$Body", "$$TemplateId", "$$MessageID"})


def headers(config: Config) -> list[tuple[int, str, str]]:
    rows = config.get("headers")
    return [(i, str(h.get("key", "")), str(h.get("value", ""))) for i, h in enumerate(rows or [])
            if isinstance(h, dict)]


def header_value(config: Config, name: str) -> str | None:
    return next((value for _, key, value in headers(config) if key.lower() == name.lower()), None)
