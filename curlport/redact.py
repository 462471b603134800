"""Masking secrets in anything shown to the user: source lines, messages, reports.

Masks keep the length of what they hide so that carets under a line still point
at the right column.
"""

from __future__ import annotations

import re

_SECRET_WORDS = (
    r"api[-_]?key|apikey|auth[-_]?key|auth[-_]?token|access[-_]?token|token|secret|password|passwd|pwd|pass"
)
_SECRET_PATTERNS = (
    # -u user:password, --user user:password
    re.compile(r"""(?:^|\s)(?:-u\s*|--user[\s=]+)['"]?[^:\s'"]*:([^\s'"]+)"""),
    # scheme://user:password@host
    re.compile(r"://[^:/\s@]*:([^@/\s]+)@"),
    # --oauth2-bearer TOKEN
    re.compile(r"""--oauth2-bearer[\s=]+['"]?([^\s'"]+)"""),
    # Authorization: Basic xxx / Bearer xxx, X-Api-Key: xxx and the like
    re.compile(r"(?i)(?:authorization|proxy-authorization)\s*:\s*(?:\w+\s+)?([^\s'\"^`]+)"),
    re.compile(r"(?i)(?:x-)?(?:api[-_]?key|auth[-_]?token|access[-_]?token|token|secret)\s*:\s*([^\s'\"^`]+)"),
    # apikey=..., "password": "...", token=...
    re.compile(rf"""(?i)(?:{_SECRET_WORDS})["']?\s*[=:]\s*["']?([^&"'\s,}}^`]+)"""),
)
#: Names of headers, query parameters, form fields and JSON keys whose values are credentials.
_SECRET_NAME = re.compile(rf"(?i){_SECRET_WORDS}|authorization|authkey|client[-_]?secret|cookie")


# Every pattern above needs one of these words (in any case): text without any of them has nothing to mask.
_TRIGGER_WORDS = ("-u", "://", "authorization", "key", "token", "secret", "pass", "pwd")


def redact(text: str) -> str:
    """``text`` with every secret value replaced by asterisks of the same length."""
    lowered = text.lower()
    if not any(word in lowered for word in _TRIGGER_WORDS):
        return text
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(_mask_group, text)
    return text


def _mask_group(match: re.Match[str]) -> str:
    start, end = match.span(1)
    whole_start = match.start()
    return match.group(0)[: start - whole_start] + "*" * (end - start) + match.group(0)[end - whole_start :]


def is_secret_name(name: str) -> bool:
    """Whether a header, parameter or field of this name carries a credential (the same words ``redact`` knows).

    Where curlport itself builds the text (render, send, export), it knows which value
    sits under which name and masks the value whole; ``redact`` is for text it only reads.
    """
    return _SECRET_NAME.search(name) is not None


def mask(value: str) -> str:
    """A secret value hidden, its length kept (as ``redact`` does)."""
    return "*" * len(value)
