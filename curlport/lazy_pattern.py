"""Regular expressions compiled when first used, not when their module is imported.

Compiling a pattern costs from 20 µs to over 200 µs, and a module-level ``re.compile``
pays it at every start of every command, even for a pattern only an unusual input
needs (a PowerShell word, a ``$'…'`` escape, a rule that finds nothing to check).
On a cold ``curlport import`` those add up to milliseconds. ``LazyPattern`` keeps the
constant a constant and its uses unchanged (it has the ``re.Pattern`` methods curlport
calls), and compiles on the first call. A pattern nearly every run uses stays a plain
``re.compile``: the indirection would then cost a call for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """A ``re.Pattern[str]`` compiled on first use (``pattern`` and ``flags`` as given, for composing others)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    def search(self, string: str) -> re.Match[str] | None:
        return self.compiled().search(string)

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled().match(string, pos)

    def fullmatch(self, string: str) -> re.Match[str] | None:
        return self.compiled().fullmatch(string)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string)

    def findall(self, string: str) -> list[Any]:  # str or tuple[str, ...] by the groups, as re's
        return self.compiled().findall(string)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str) -> str:
        return self.compiled().sub(repl, string)
