"""Which characters of a config are secrets: passwords, tokens, API keys.

Masking by pattern over printed text misses layouts nobody listed; the config
knows which of its values are credentials (the auth fields, an Authorization
header, a key named like a credential in the query, the form or a JSON body), so
secrets are named by place -- a JSON pointer and a range inside that value -- and
whoever shows the value masks exactly those characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from curlport.config.model import Config
from curlport.redact import is_secret_name
from curlport.rules.base import headers
from curlport.rules.samples import keyed_values

_SCHEME_HEADERS = frozenset({"authorization", "proxy-authorization"})
_USERINFO_PASSWORD = re.compile(r"(?i)^https?://[^/?#@:]*:([^/?#@]*)@")


@dataclass(frozen=True)
class SecretPlace:
    """Characters ``start``..``end`` (exclusive) of the string at ``pointer`` are a secret."""

    pointer: str
    start: int
    end: int


def secret_places(config: Config) -> tuple[SecretPlace, ...]:
    """Every secret in the config, in document order; empty values are not secrets."""
    return tuple(place for place in _places(config) if place.end > place.start)


def _places(config: Config) -> Iterator[SecretPlace]:
    endpoint = config.get("endpoint")
    if isinstance(endpoint, str):
        userinfo = _USERINFO_PASSWORD.match(endpoint)
        if userinfo:
            yield SecretPlace("/endpoint", userinfo.start(1), userinfo.end(1))
    auth = config.get("auth")
    if isinstance(auth, dict):
        for key in ("password", "client_secret"):
            if isinstance(auth.get(key), str):
                yield SecretPlace(f"/auth/{key}", 0, len(auth[key]))
    for index, name, value in headers(config):
        pointer = f"/headers/{index}/value"
        if name.lower() in _SCHEME_HEADERS:
            scheme_end = value.find(" ") + 1  # "Bearer abc": the scheme is not the secret
            yield SecretPlace(pointer, scheme_end, len(value))
        elif is_secret_name(name):
            yield SecretPlace(pointer, 0, len(value))
    for item in keyed_values(config):
        if is_secret_name(item.key):
            yield SecretPlace(item.pointer, item.start, item.end)

