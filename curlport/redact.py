"""Masking secrets in anything shown to the user: source lines, messages, reports.

Masks keep the length of what they hide so that carets under a line still point
at the right column.
"""

from __future__ import annotations

import re

_SECRET_PATTERNS = (
    # -u user:password, --user user:password
    re.compile(r"""(?:^|\s)(?:-u\s*|--user[\s=]+)['"]?[^:\s'"]*:([^\s'"]+)"""),
    # scheme://user:password@host
    re.compile(r"://[^:/\s@]*:([^@/\s]+)@"),
    # Authorization: Basic xxx / Bearer xxx, X-Api-Key: xxx and the like
    re.compile(r"(?i)(?:authorization|proxy-authorization)\s*:\s*(?:\w+\s+)?([^\s'\"^`]+)"),
    re.compile(r"(?i)(?:x-)?(?:api[-_]?key|auth[-_]?token|access[-_]?token|token|secret)\s*:\s*([^\s'\"^`]+)"),
    # apikey=..., "password": "...", token=...
    re.compile(
        r"""(?i)(?:api[-_]?key|apikey|auth[-_]?key|auth[-_]?token|access[-_]?token|token|secret|"""
        r"""password|passwd|pwd|pass)["']?\s*[=:]\s*["']?([^&"'\s,}^`]+)"""
    ),
)


# Every pattern above needs one of these words (in any case): text without any of them has nothing to mask.
_SECRET_WORDS = ("-u", "://", "authorization", "key", "token", "secret", "pass", "pwd")


def redact(text: str) -> str:
    """``text`` with every secret value replaced by asterisks of the same length."""
    lowered = text.lower()
    if not any(word in lowered for word in _SECRET_WORDS):
        return text
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(_mask_group, text)
    return text


def _mask_group(match: re.Match[str]) -> str:
    start, end = match.span(1)
    whole_start = match.start()
    return match.group(0)[: start - whole_start] + "*" * (end - start) + match.group(0)[end - whole_start :]
