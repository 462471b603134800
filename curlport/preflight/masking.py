"""Credentials hidden in what render, send and export print.

These texts are built by curlport from the config, so it knows which value sits
under which name: a header, query parameter or form field that is a credential by
its name or its shape (``curlport.credentials.is_credential``) has its value masked
whole. Every other text (a raw body, a URL curlport did not build such as a
redirect's or a token endpoint's, an error message) is masked by the config's
credential values (``Provider.secrets``), wherever they stand in it.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import unquote_plus

from curlport.credentials import is_credential
from curlport.preflight.acceptance import ProviderResponse
from curlport.redact import mask, redact
from curlport.urls import USERINFO_PASSWORD


def mask_header_value(name: str, value: str, secrets: frozenset[str] = frozenset()) -> str:
    """The value of a credential header masked, its scheme (``Basic``, ``Bearer``) kept; in any other header, the
    config's credentials (``secrets``: a provider's answer may echo them, a Location may carry them)."""
    if not is_credential(name, value):
        return redact(value, secrets) if secrets else value
    scheme, space, credentials = value.partition(" ")
    if space and scheme.isalpha() and credentials:
        return f"{scheme} {mask(credentials)}"
    return mask(value)


def mask_query(query: str) -> str:
    """A ``k=v&k=v`` string (a URL's query, a form body) with credential values masked, the rest untouched."""
    pairs = []
    for pair in query.split("&"):
        key, equals, value = pair.partition("=")
        credential = equals and is_credential(unquote_plus(key), unquote_plus(value))
        pairs.append(f"{key}={mask(value)}" if credential else pair)
    return "&".join(pairs)


def mask_url(url: str, secrets: frozenset[str] = frozenset()) -> str:
    """The URL with the password of its user-info, its credential query values and the config's credentials
    (``secrets``, wherever they are in it) masked."""
    url = redact(url, secrets)
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


def mask_response(response: ProviderResponse, secrets: frozenset[str]) -> ProviderResponse:
    """The provider's answer as curlport shows it: credential headers masked, and the config's credentials wherever
    the body echoes them. The verdict reads this one, so that its quote of the body (cut at a length, which may cut
    a key in two where no whole value is left to find) is of masked text."""
    return replace(response, headers=tuple((name, mask_header_value(name, value, secrets))
                                           for name, value in response.headers),
                   body=mask_body(response.text, secrets).encode("utf-8", errors="surrogatepass"))


def one_line(text: str, secrets: frozenset[str], limit: int = 200) -> str:
    """A text from elsewhere (a token endpoint's answer) as one line of an error: masked, then its whitespace
    collapsed and its length bounded, so that no line of it passes unmasked and none breaks the message."""
    collapsed = " ".join(redact(text, secrets).split())
    return collapsed if len(collapsed) <= limit else collapsed[: limit - 1] + "…"
