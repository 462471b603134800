"""A cache for pure functions of one short text: a URL, a name.

An import, a lint run or the web page asks the same questions of the same small texts again and again (the
configs of one provider share their endpoint and their names), so a pure function of such a text keeps its
answers. A text longer than the cache's limit is answered without it, so that a large input (a URL or a name
of a megabyte) is never kept alive by the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")


def short_text_cache(maxsize: int, longest: int = 256) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Cache the answers of a pure function of one text for texts of at most ``longest`` characters."""

    def decorate(function: Callable[[str], T]) -> Callable[[str], T]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def answer(text: str) -> T:
            return cached(text) if len(text) <= longest else function(text)

        return answer

    return decorate
