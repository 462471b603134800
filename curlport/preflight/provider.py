"""A provider config read for sending: every shape the form holds, typed, each problem at its JSON pointer.

Render, send and export need more than "the config validates": they need to know
which body format, which authentication, and what counts as accepted. Reading
the dict once into frozen records gives them that, and reads the shapes being
added to the schema (a ``json`` body, ``oauth2`` authentication) the same way
as the ones it has today, so pre-flight does not wait for the schema.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from curlport.config.model import CURRENT_FORM, Config, config_form
from curlport.credentials import credential_spellings
from curlport.errors import ProviderShapeError as ProviderShapeError  # re-exported: where pre-flight readers catch it
from curlport.lazy_pattern import LazyPattern
from curlport.urls import url_problem

# The records below are named tuples, not frozen dataclasses: lint reads the shape of every config it checks, and a
# named tuple is built several times faster, and defined at start-up in a seventh of the time (~45 µs, not ~300 µs).


class KeyValue(NamedTuple):
    """A header or a field (lint reads every row)."""

    key: str
    value: str


class BasicAuth(NamedTuple):
    username: str
    password: str


class OAuth2Auth(NamedTuple):
    """Client-credentials OAuth 2: the platform fetches a token from ``token_url``, then sends it as a Bearer."""

    token_url: str
    client_id: str
    client_secret: str
    extra: tuple[KeyValue, ...]


class FormParameters(NamedTuple):
    """Decoded key/values; whoever sends them form-encodes them."""

    fields: tuple[KeyValue, ...]


class BodyParameters(NamedTuple):
    """A body sent as written (``raw``), or a JSON document (``json``: Content-Type application/json unless set)."""

    body: str
    json: bool


class ResponseRules(NamedTuple):
    """The optional ``response`` section: what this provider's acceptance looks like (see acceptance.py)."""

    statuses: tuple[int, ...] | None = None
    success_pattern: re.Pattern[str] | None = None
    failure_pattern: re.Pattern[str] | None = None
    #: Where the provider's message id is: ``json:a.0.b`` in the body, or ``header:NAME``.
    message_id: str | None = None


class Provider(NamedTuple):
    name: str
    method: str
    endpoint: str
    auth: BasicAuth | OAuth2Auth | None
    headers: tuple[KeyValue, ...]
    parameters: FormParameters | BodyParameters | None
    response: ResponseRules
    #: The config's credential values (``curlport.credentials``): masked wherever pre-flight prints text.
    secrets: frozenset[str] = frozenset()
    #: The form the config targets (``current`` or ``legacy``): the legacy form pastes $$Body into a raw body as is.
    form: str = CURRENT_FORM

    def header(self, name: str) -> str | None:
        """The first value of a header, by case-insensitive name."""
        return next((h.value for h in self.headers if h.key.lower() == name.lower()), None)


#: Compiled once, and one shared empty response section: lint reads the shape of every config it checks.
_HTTP_URL = re.compile(r"(?i)^https?://[^\s/?#]+")
_MESSAGE_ID = LazyPattern(r"^(json:[^.].*|header:\S+)$")
_NO_RESPONSE_RULES = ResponseRules()


def read_provider(config: Config) -> Provider:
    """The typed provider of a config dict; a ``ProviderShapeError`` names the first value that is not usable."""
    return read_shape(config)._replace(secrets=credential_spellings(config))


def read_shape(config: Config) -> Provider:
    """``read_provider`` without the credentials (``secrets`` empty): whether pre-flight can read the config.

    Lint asks this of every config; working out the credentials walks every value
    again, and lint's reports learn them from the config itself when they print.
    """
    if not isinstance(config, dict):
        raise ProviderShapeError("a config is a JSON object", "")
    method = _text(config, "method", "")
    if method not in ("GET", "POST"):
        raise ProviderShapeError(f"method is {method!r}; the form sends GET or POST", "/method")
    endpoint = _url(config, "endpoint", "")
    if not _HTTP_URL.match(endpoint):
        raise ProviderShapeError("the endpoint is not an http:// or https:// URL", "/endpoint")
    return Provider(
        name=str(config.get("name") or "provider"),
        method=method,
        endpoint=endpoint,
        auth=_auth(config.get("auth")),
        headers=_key_values(config.get("headers") or [], "/headers"),
        parameters=_parameters(config.get("parameters")),
        response=_response(config.get("response")),
        form=config_form(config),
    )


def _text(mapping: Any, key: str, pointer: str) -> str:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if not isinstance(value, str):
        raise ProviderShapeError(f"{key} must be a string", f"{pointer}/{key}")
    return value


def _url(mapping: Any, key: str, pointer: str) -> str:
    """A URL whose host and port can be read (``urlsplit`` refuses an unclosed IPv6 bracket or a port like :x)."""
    url = _text(mapping, key, pointer)
    problem = url_problem(url)
    if problem is not None:
        raise ProviderShapeError(f"{key} is not a usable URL: {problem}", f"{pointer}/{key}")
    return url


def _key_values(rows: Any, pointer: str) -> tuple[KeyValue, ...]:
    """The rows, each read with two lookups; a row that is not a pair of strings is explained by ``_text``.

    Every config lint reads comes here for its headers and fields: the row's pointer
    is worked out only for the row that is wrong.
    """
    if not isinstance(rows, list):
        raise ProviderShapeError("expected a list of {key, value} rows", pointer)
    read = []
    for row in rows:
        key, value = (row.get("key"), row.get("value")) if isinstance(row, dict) else (None, None)
        if isinstance(key, str) and isinstance(value, str):
            read.append(KeyValue(key, value))
        else:  # the general reading, which raises at this row's pointer
            row_pointer = f"{pointer}/{len(read)}"
            read.append(KeyValue(_text(row, "key", row_pointer), _text(row, "value", row_pointer)))
    return tuple(read)


def _auth(auth: Any) -> BasicAuth | OAuth2Auth | None:
    if auth is None:
        return None
    kind = auth.get("type") if isinstance(auth, dict) else None
    if kind == "basic":
        return BasicAuth(_text(auth, "username", "/auth"), _text(auth, "password", "/auth"))
    if kind == "oauth2":
        return OAuth2Auth(_url(auth, "token_url", "/auth"), _text(auth, "client_id", "/auth"),
                          _text(auth, "client_secret", "/auth"), _key_values(auth.get("extra") or [], "/auth/extra"))
    raise ProviderShapeError(f"auth type {kind!r} is not basic or oauth2", "/auth/type")


def _parameters(parameters: Any) -> FormParameters | BodyParameters | None:
    if parameters is None:
        return None
    kind = parameters.get("format") if isinstance(parameters, dict) else None
    if kind == "form":
        return FormParameters(_key_values(parameters.get("fields"), "/parameters/fields"))
    if kind in ("raw", "json"):
        return BodyParameters(_text(parameters, "body", "/parameters"), json=kind == "json")
    raise ProviderShapeError(f"parameters format {kind!r} is not form, raw or json", "/parameters/format")


def _response(section: Any) -> ResponseRules:
    if section is None:
        return _NO_RESPONSE_RULES
    if not isinstance(section, dict):
        raise ProviderShapeError("response must be an object", "/response")
    statuses = section.get("statuses")
    if statuses is not None and not (isinstance(statuses, list) and statuses
                                     and all(isinstance(s, int) and 100 <= s <= 599 for s in statuses)):
        raise ProviderShapeError("statuses must be a list of HTTP status codes", "/response/statuses")
    message_id = section.get("message_id")
    if message_id is not None and not (isinstance(message_id, str)
                                       and _MESSAGE_ID.match(message_id)):
        raise ProviderShapeError("message_id must be json:a.0.b or header:NAME", "/response/message_id")
    return ResponseRules(
        statuses=tuple(statuses) if statuses else None,
        success_pattern=_pattern(section, "success_pattern"),
        failure_pattern=_pattern(section, "failure_pattern"),
        message_id=message_id,
    )


def _pattern(section: dict[str, Any], key: str) -> re.Pattern[str] | None:
    text = section.get(key)
    if text is None:
        return None
    if not isinstance(text, str):
        raise ProviderShapeError(f"{key} must be a regular expression", f"/response/{key}")
    try:
        return re.compile(text)
    except re.error as error:
        raise ProviderShapeError(f"{key} is not a regular expression: {error}", f"/response/{key}") from None
    except (OverflowError, RecursionError):  # a{4294967296}; groups nested a thousand deep
        raise ProviderShapeError(f"{key} is a regular expression too large to compile", f"/response/{key}") from None
