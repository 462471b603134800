"""CP212: a token that expired already (a JWT whose ``exp`` is past): the provider refuses every message sent with it.

Documentation pages carry sample JWTs, and operators paste an old console token; either way the config cannot
authenticate, so it is not ready, whatever else is right. The clock is the machine's: a config that lints clean
today reports this the day its token expires, which is when it stops working.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule, slots, values_text
from curlport.rules.jwt import expiring_tokens, shown

_TOKEN_KINDS = frozenset(("endpoint", "header-value", "field-value", "body", "username", "password"))


def check(config: Config) -> Iterator[Problem]:
    if "eyJ" not in values_text(config):
        return
    now = time.time()
    for value in slots(config):
        if value.kind not in _TOKEN_KINDS:
            continue
        for token in expiring_tokens(value.text):
            if token.exp < now:
                yield Problem(value.pointer, f"this token is a JWT that expired on {shown(token.exp)}: the provider "
                              "refuses it; paste a current token from the provider's console (or use OAuth 2.0 "
                              "authentication, which fetches a fresh one)", token.start, token.end)


RULE: Rule = Rule(
    "CP212", "expired-token", Severity.ERROR,
    "A token (a JWT) whose expiry (exp) is already past.",
    "A documentation page's sample token or an old one pasted from a console: the provider refuses every message "
    "authenticated with it, so the configuration cannot work as written.",
    "Paste a current token; when the provider offers client credentials, use OAuth 2.0 authentication, which "
    "fetches a fresh token for each send.",
    '{"headers": [{"key": "Authorization", "value": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE2MDAwMDAwMDB9.c2ln"}]}',
    '{"headers": [{"key": "Authorization", "value": "Bearer <a current token>"}]}',
    check,
)
