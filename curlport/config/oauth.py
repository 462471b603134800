"""A client-credentials token request → the OAuth 2.0 authentication of the current form.

Docs for OAuth 2.0 providers show two commands: one that posts
``grant_type=client_credentials`` (with ``-u id:secret`` or ``client_id`` and
``client_secret`` fields) to a token URL, and the call that sends the message
with ``Authorization: Bearer <that token>``. The platform does the first itself
when the config's auth is OAuth 2.0; this module reads it off the first command.
"""

from __future__ import annotations

import json
from typing import Final, NamedTuple
from urllib.parse import parse_qsl, urlunsplit

from curlport.config.model import Config, form_fields
from curlport.parse.request import Header, Request
from curlport.source import Span
from curlport.urls import split_url

CLIENT_CREDENTIALS: Final = "client_credentials"
_GRANT_FIELDS: Final = frozenset({"grant_type", "client_id", "client_secret"})


class TokenRequest(NamedTuple):
    """The ``auth`` object a token request stands for, and where its values came from.

    A named tuple, not a frozen dataclass: cheaper to define at every start and to make.
    """

    auth: Config
    source_map: dict[str, Span]
    span: Span | None


def _fields(request: Request) -> list[tuple[str, str]]:
    """The token request's parameters: its query, and its body as a form or a flat JSON object."""
    fields = parse_qsl(split_url(request.url.text).query, keep_blank_values=True)
    body = request.body or ""
    as_form = form_fields(body)
    if as_form is not None:
        return fields + as_form
    if "client_credentials" not in body:
        return fields
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser goes
        return fields
    if isinstance(document, dict):
        fields += [(key, str(value)) for key, value in document.items() if isinstance(value, str | int)]
    return fields


def token_request(request: Request) -> TokenRequest | None:
    """The OAuth 2.0 auth of a client-credentials token request; None when the request is not one."""
    fields = _fields(request)
    values = dict(fields)
    if values.get("grant_type") != CLIENT_CREDENTIALS:
        return None
    client_id = request.username.text if request.username else values.get("client_id", "")
    client_secret = request.password.text if request.password else values.get("client_secret", "")
    if not client_id:
        return None
    parts = split_url(request.url.text)
    query_keys = {key for key, _ in parse_qsl(parts.query, keep_blank_values=True)}
    token_url = urlunsplit(parts._replace(query="")) if "grant_type" in query_keys else request.url.text
    auth = {
        "type": "oauth2", "token_url": token_url, "client_id": client_id, "client_secret": client_secret,
        "extra": [{"key": key, "value": value} for key, value in fields if key not in _GRANT_FIELDS],
    }
    credentials = request.username.span if request.username else (
        request.body_parts[0].span if request.body_parts else request.url.span)
    source_map = {"/auth": request.url.span, "/auth/token_url": request.url.span}
    source_map |= {f"/auth/{key}": credentials for key in ("client_id", "client_secret")}
    return TokenRequest(auth, {pointer: span for pointer, span in source_map.items() if span is not None},
                        request.url.span)


def bearer_header(request: Request) -> Header | None:
    """The ``Authorization: Bearer …`` header that carries the token, if the request has one."""
    return next((header for header in request.headers
                 if header.name.lower() == "authorization" and header.value.lower().startswith("bearer")), None)
