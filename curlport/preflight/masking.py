"""Credentials hidden in what render, send and export print.

These texts are built by curlport from the config, so it knows which value sits
under which name: a header, query parameter or form field whose name is a
credential's (``curlport.credentials.is_credential_name``) has its value masked whole. A
raw body is text curlport did not build; ``redact`` reads it as text, and that is
where masking by spans (the parser's knowledge of which characters are secrets)
would do better.
"""

from __future__ import annotations

from urllib.parse import unquote_plus

from curlport.credentials import is_credential_name
from curlport.redact import mask, redact
from curlport.urls import USERINFO_PASSWORD


def mask_header_value(name: str, value: str) -> str:
    """The value of a credential header masked, its scheme (``Basic``, ``Bearer``) kept."""
    if not is_credential_name(name):
        return value
    scheme, space, credentials = value.partition(" ")
    if space and scheme.isalpha() and credentials:
        return f"{scheme} {mask(credentials)}"
    return mask(value)


def mask_query(query: str) -> str:
    """A ``k=v&k=v`` string (a URL's query, a form body) with credential values masked, the rest untouched."""
    pairs = []
    for pair in query.split("&"):
        key, equals, value = pair.partition("=")
        pairs.append(f"{key}={mask(value)}" if equals and is_credential_name(unquote_plus(key)) else pair)
    return "&".join(pairs)


def mask_url(url: str) -> str:
    """The URL with the password of its user-info and its credential query values masked."""
    userinfo = USERINFO_PASSWORD.match(url)
    if userinfo:
        start, end = userinfo.span("password")
        url = url[:start] + mask(url[start:end]) + url[end:]
    base, question, query = url.partition("?")
    query, hash_mark, fragment = query.partition("#")
    return base + question + mask_query(query) + hash_mark + fragment if question else url


def mask_body(body: str, secrets: frozenset[str] = frozenset()) -> str:
    """A body curlport did not build: the config's credentials (``secrets``) and secret-looking text masked."""
    return redact(body, secrets)
