"""CP210: a fixed Bearer token that expires (a JWT with ``exp``): OAuth 2.0 auth fetches fresh ones."""

from __future__ import annotations

import time
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.lazy_pattern import LazyPattern
from curlport.rules.base import Config, Problem, Rule, has_header, headers
from curlport.rules.jwt import expiry, shown

_BEARER_JWT = LazyPattern(r"(?i)^bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$")


def jwt_expiry(token_value: str) -> tuple[int, int, int] | None:
    """(start, end, exp) of the JWT in an Authorization value, when its payload says when it expires."""
    match = _BEARER_JWT.match(token_value.strip())
    if match is None:
        return None
    exp = expiry(match.group(2))
    if exp is None:
        return None
    lead = len(token_value) - len(token_value.lstrip())  # the match is of the stripped value
    return lead + match.start(1), lead + match.end(), exp


def check(config: Config) -> Iterator[Problem]:
    if not has_header(config, "authorization"):
        return
    now = time.time()
    for index, key, value in headers(config):
        found = jwt_expiry(value) if key.lower() == "authorization" else None
        if found is None or found[2] < now:  # none, or expired already: CP212's
            continue
        start, end, exp = found
        yield Problem(f"/headers/{index}/value", f"this Bearer token is a JWT that expires ({shown(exp)}): a fixed "
                      "header stops working then; if the provider offers client credentials, use OAuth 2.0 "
                      "authentication, which fetches a fresh token", start, end)


RULE: Rule = Rule(
    "CP210", "expiring-bearer-token", Severity.INFO,
    "A fixed 'Authorization: Bearer' token that is a JWT with an expiry (exp) still to come (a past one: CP212).",
    "A short-lived access token pasted from the provider's console works in a test and fails once it expires; "
    "the form's OAuth 2.0 authentication fetches a new one with the client-credentials grant.",
    "Use OAuth 2.0 authentication (token URL, client ID and secret) when the provider offers it; otherwise a "
    "long-lived API key.",
    '{"headers": [{"key": "Authorization", "value": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln"}]}',
    '{"auth": {"type": "oauth2", "token_url": "https://auth.example.com/token", "client_id": "id", '
    '"client_secret": "s", "extra": []}, "headers": []}',
    check,
    needs=frozenset(("headers",)),
)
