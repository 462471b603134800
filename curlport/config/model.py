"""The request curl would send → the provider config the platform's form holds.

The config mirrors the provider form (method, endpoint, auth, headers, form,
raw or JSON parameters) and nothing else; ``source_map`` says for each JSON
pointer of the config where in the curl text its value came from. The form
comes in two versions: the ``current`` one (the default) has a JSON parameter
type, OAuth 2.0, batching and a callback URL; the ``legacy`` one of the
specification page has form and raw parameters and Basic auth only, and a
config that targets it says so with ``"form": "legacy"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final
from urllib.parse import unquote_plus

from curlport.config.short_cache import short_text_cache
from curlport.errors import UnsupportedRequestError
from curlport.media_types import FORM_CONTENT_TYPE
from curlport.source import Span
from curlport.urls import TEMPLATE_BASE, split_url

if TYPE_CHECKING:  # the rules read configs through this module; only the importer has requests
    from curlport.parse.request import Header, Request

SENDABLE_METHODS: Final = ("GET", "POST")
CURRENT_FORM: Final = "current"
LEGACY_FORM: Final = "legacy"
FORMS: Final = (CURRENT_FORM, LEGACY_FORM)
Config = dict[str, Any]


def config_form(config: Config) -> str:
    """The form a config targets: the current one unless it says ``legacy``."""
    return LEGACY_FORM if config.get("form") == LEGACY_FORM else CURRENT_FORM


def is_json_media_type(content_type: str) -> bool:
    """application/json, text/json and the +json types (application/vnd.api+json) all declare JSON."""
    media_type = _media_type(content_type)
    return media_type in ("application/json", "text/json") or media_type.endswith("+json")


class ConvertedConfig:
    """A config made from a request, and where each of its values came from.

    A plain record: nothing unpacks, compares or hashes one.
    """

    def __init__(self, config: Config, source_map: dict[str, Span]) -> None:
        self.config = config
        self.source_map = source_map


def form_fields(body: str) -> list[tuple[str, str]] | None:
    """The decoded key/values of a form-shaped body, or None when it is not one."""
    if not body:
        return None
    fields = []
    encoded = "%" in body or "+" in body  # without either, decoding changes nothing
    for pair in body.split("&"):
        key, separator, value = pair.partition("=")
        if not separator or not key:
            return None
        if encoded:
            try:
                key, value = unquote_plus(key, errors="strict"), unquote_plus(value, errors="strict")
            except UnicodeDecodeError:
                return None
        fields.append((key, value))
    return fields


def _media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def _check_expressible(request: Request) -> None:
    method = request.method
    if request.unsupported:
        what, span = request.unsupported[0]
        advice = "Basic auth, a key header or a key parameter" if "authentication" in what else \
            "a plain form, JSON or query-string call"
        raise UnsupportedRequestError(
            f"curl would use {what}, which the generic provider form cannot express; ask the provider for {advice}",
            span)
    if method.text.upper() not in SENDABLE_METHODS:
        raise UnsupportedRequestError(
            f"curl would send a {method.text} request; the generic provider form sends only GET or POST",
            method.span, code="CP205")
    scheme = split_url(request.url.text).scheme.lower()
    if scheme not in ("http", "https") and not TEMPLATE_BASE.match(request.url.text):  # the operator's base
        raise UnsupportedRequestError(
            f"the URL's scheme is {scheme}://; the generic provider form calls http:// or https:// endpoints",
            request.url.span)


@short_text_cache(maxsize=256, longest=2048)
def default_name(endpoint: str) -> str:
    """The endpoint's host name (cached: a URL's host name is worked out anew each time it is asked for)."""
    return split_url(endpoint).hostname or "provider"


def to_config(request: Request, name: str | None = None, form: str = CURRENT_FORM,
              oauth2: tuple[Config, Header] | None = None) -> ConvertedConfig:
    """The provider config for a request; raises when the form cannot express it.

    A body declared JSON becomes the current form's JSON type, its text kept byte
    for byte; the legacy form keeps it raw. ``oauth2`` is the OAuth 2.0 auth a
    token request stands for, with the Bearer header it replaces.
    """
    _check_expressible(request)
    source_map: dict[str, Span] = {}

    def locate(pointer: str, span: Span | None) -> None:
        if span is not None:
            source_map[pointer] = span

    endpoint = request.url.text
    locate("/method", request.method.span)
    locate("/endpoint", request.url.span)
    auth = None
    if request.username is not None and request.password is not None:
        auth = {"type": "basic", "username": request.username.text, "password": request.password.text}
        locate("/auth/username", request.username.span)
        locate("/auth/password", request.password.span)
    if oauth2 is not None:
        auth = oauth2[0]
    headers: list[dict[str, str]] = []
    for header in request.headers:
        if oauth2 is None or header is not oauth2[1]:
            _locate_row(source_map, f"/headers/{len(headers)}", header.span)
            headers.append({"key": header.name, "value": header.value})

    parameters = None
    body = request.body
    if body is not None and request.body_parts:  # empty when every part was an unread @file
        content_type = request.implied_content_type or next(
            (h.value for h in request.headers if h.name.lower() == "content-type"), "")
        fields = form_fields(body) if _media_type(content_type) == FORM_CONTENT_TYPE else None
        if fields is not None:
            parameters = {"format": "form", "fields": [{"key": k, "value": v} for k, v in fields]}
            _locate_fields(request, source_map)
        else:
            declared_json = form == CURRENT_FORM and is_json_media_type(content_type)
            parameters = {"format": "json" if declared_json else "raw", "body": body}
            if request.implied_content_type is not None:
                headers.append({"key": "Content-Type", "value": request.implied_content_type})
            locate("/parameters", request.body_parts[0].span)
            locate("/parameters/body", request.body_parts[0].span)
    config: Config = {
        "name": name or default_name(endpoint),
        **({"form": LEGACY_FORM} if form == LEGACY_FORM else {}),
        "method": request.method.text.upper(),
        "endpoint": endpoint,
        "auth": auth,
        "headers": headers,
        "parameters": parameters,
    }
    return ConvertedConfig(config, source_map)


def _locate_fields(request: Request, source_map: dict[str, Span]) -> None:
    """Point each form field at the data option it came from (at the pair itself when verbatim)."""
    if request.body_parts and request.body_parts[0].span is not None:
        source_map["/parameters"] = request.body_parts[0].span
    spans = [part.span for part in request.body_parts or () for _ in part.text.split("&")]
    for index, span in enumerate(spans):
        _locate_row(source_map, f"/parameters/fields/{index}", span)


def _locate_row(source_map: dict[str, Span], pointer: str, span: Span | None) -> None:
    """A header's or a field's row, its key and its value all come from one option."""
    if span is not None:
        source_map[pointer] = source_map[pointer + "/key"] = source_map[pointer + "/value"] = span
