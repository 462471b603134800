"""JSON Web Tokens in a config's values, and when they expire: what CP210 and CP212 share.

A JWT is recognised by its shape (``eyJ…`` twice: a JSON header and a JSON payload,
base64url-encoded, then a signature) wherever a value carries it — after an
Authorization scheme or bare, in a token header, a query or form parameter, a JSON
member — and read only as far as its payload's ``exp`` claim (seconds since 1970).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

from curlport.lazy_pattern import LazyPattern

#: Both the header and the payload of a JWT are JSON objects, so each starts ``eyJ`` (``{"`` in base64url).
JWT = LazyPattern(r"(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]{4,}\.(eyJ[A-Za-z0-9_-]{4,})\.[A-Za-z0-9_-]*")


class Expiring(NamedTuple):
    """A JWT with an ``exp`` claim: its offsets [start, end) in the value, and ``exp``."""

    start: int
    end: int
    exp: int


def expiry(payload: str) -> int | None:
    """The ``exp`` claim of a JWT's base64url payload, or None (no claim, or not a JSON object)."""
    import base64  # lazy: few configs carry a JWT, and it costs start-up time

    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, RecursionError):  # binascii.Error is a ValueError; RecursionError: nesting too deep
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    return exp if isinstance(exp, int) and not isinstance(exp, bool) else None


def expiring_tokens(text: str) -> Iterator[Expiring]:
    """Every JWT in ``text`` whose payload says when it expires."""
    if "eyJ" not in text:
        return
    for match in JWT.finditer(text):
        exp = expiry(match.group(1))
        if exp is not None:
            yield Expiring(match.start(), match.end(), exp)


def shown(exp: int) -> str:
    """``exp`` as a date a reader knows (the number itself when it is beyond any date)."""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(exp, UTC).strftime("%Y-%m-%d %H:%M UTC") if 0 < exp < 2**37 else str(exp)
