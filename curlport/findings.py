"""The record every check produces, kept apart from how it is presented."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

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


class FixOffer(NamedTuple):
    """That a finding can be fixed automatically, how, and whether ``--fix`` alone applies it.

    A named tuple, not a frozen dataclass (every fixable finding has one): named tuples are built several times faster.
    """

    description: str
    safe: bool


class Finding(NamedTuple):
    """One thing worth telling the user, with where it is in their input.

    ``pointer`` is the JSON pointer of the config value the finding is about,
    so the same finding can be located in a .curl file or in a .json config.

    A named tuple, not a frozen dataclass (a run can make hundreds of thousands): named tuples are built several times
    faster.
    """

    code: str
    severity: Severity
    message: str
    span: Span | None = None
    pointer: str | None = None
    fix: FixOffer | None = None


#: Findings of one code shown per file; the others are counted, as compilers do ("… and 4,312 more CP402"),
#: so the output of a file with a finding in every one of its 100,000 values stays small.
MAX_PER_CODE = 100


def capped(findings: Iterable[Finding], limit: int = MAX_PER_CODE) -> Capped:
    """The first ``limit`` findings of each code, in order, and how many of each code were left out."""
    seen: Counter[str] = Counter()
    kept = []
    for finding in findings:
        seen[finding.code] += 1
        if seen[finding.code] <= limit:
            kept.append(finding)
    return Capped(tuple(kept), tuple(Omitted(code, count - limit) for code, count in seen.items() if count > limit))


@dataclass(frozen=True)
class Omitted:
    """``count`` more findings of ``code`` in one file than were shown."""

    code: str
    count: int

    def line(self, path: str) -> str:
        return f"{path}: … and {self.count:,} more {self.code} in this file"


class Capped(NamedTuple):
    """Findings as they are shown: at most ``MAX_PER_CODE`` of each code, in file order, and the others counted."""

    findings: tuple[Finding, ...]
    omitted: tuple[Omitted, ...]
