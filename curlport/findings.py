"""The record every check produces, kept apart from how it is presented."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from curlport.source import Span


class Severity(StrEnum):
    """Ordered from least to most serious; ``error`` makes import and lint exit 1."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class FixOffer:
    """That a finding can be fixed automatically, how, and whether ``--fix`` alone applies it."""

    description: str
    safe: bool


@dataclass(frozen=True)
class Finding:
    """One thing worth telling the user, with where it is in their input.

    ``pointer`` is the JSON pointer of the config value the finding is about,
    so the same finding can be located in a .curl file or in a .json config.
    """

    code: str
    severity: Severity
    message: str
    span: Span | None = None
    pointer: str | None = None
    fix: FixOffer | None = None
