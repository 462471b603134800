"""What every platform export shares: its result, its refusal, the request compared, and the HTTP clients modelled.

Each platform (one module beside this one) turns a provider into its own small
settings model, writes that model in the platform's own format, and simulates
the request the platform builds from those settings for a number and a message.
The proof of an export is that simulated request compared with ``curlport
render``'s: they are equal in every aspect that matters to a provider (method,
scheme/host/port, decoded path, decoded query pairs, the headers a provider
reads, the decoded body), or each aspect that differs is one the export named
in a note.

Query pairs and form fields are compared as multisets: a platform that keeps
parameters in a dict sends them in its own order, and no provider reads order.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, unquote_plus, urlencode

from curlport.errors import CurlportError
from curlport.media_types import FORM_CONTENT_TYPE, JSON_CONTENT_TYPE
from curlport.preflight.provider import BasicAuth, BodyParameters, FormParameters, OAuth2Auth, Provider
from curlport.preflight.render import PLACEHOLDER, HttpRequest
from curlport.rules.base import MESSAGE, RECIPIENT
from curlport.rules.json_body import looks_like_json
from curlport.urls import split_url

#: Headers a client adds or rewrites on its own and no provider reads to accept a message.
IGNORED_HEADERS = frozenset({"user-agent", "accept", "accept-encoding", "connection", "host", "content-length"})
_PIECES = re.compile(f"({PLACEHOLDER.pattern})")
#: The messages a note may be limited to (``Note.only_for``).
PADDED, TEMPLATE, CONTAINING = "padded", "template", "containing:"
#: What makes a text a Jinja template (Home Assistant renders a text with it, and keeps any other as written).
TEMPLATE_SYNTAX = re.compile(r"\{%|\{\{|\{#")


@dataclass(frozen=True)
class Note:
    """What the platform does differently: ``aspects`` name the parts of the request that differ
    (``method``, ``url``, ``path``, ``query``, ``body``, ``header:<name>``), or are empty for a setting
    that no request shows (the response rules, a number's punctuation)."""

    message: str
    aspects: tuple[str, ...] = ()
    #: The difference shows only for some messages (``PADDED``: spaces or line breaks at an end; ``TEMPLATE``:
    #: Jinja's ``{{``, ``{%`` or ``{#``; ``CONTAINING`` and a text: a message with that text in it), or for any
    #: when empty: a proof with another message must find none in these aspects.
    only_for: str = ""

    def shows(self, message: str) -> bool:
        """Whether this message shows the difference the note names."""
        if self.only_for == PADDED:
            return not message or message != message.strip()
        if self.only_for == TEMPLATE:
            return TEMPLATE_SYNTAX.search(message) is not None
        return self.only_for.removeprefix(CONTAINING) in message


@dataclass(frozen=True)
class Converted:
    """A platform's settings for a provider, and the notes the export prints beside them."""

    settings: Any
    notes: tuple[Note, ...] = ()


class PlatformRefusedError(CurlportError):
    """The platform cannot carry this config: exporting it would send another request. Exit 1, like a finding."""

    exit_code = 1

    def __init__(self, platform: str, reasons: Sequence[str]) -> None:
        super().__init__(f"{platform} cannot carry this config: " + "; ".join(reasons))
        self.platform = platform
        self.reasons = tuple(reasons)


class Refusals:
    """Reasons collected while converting, so that one refusal names every problem, not the first."""

    def __init__(self, platform: str) -> None:
        self.platform = platform
        self.reasons: list[str] = []

    def add(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)

    def raise_any(self) -> None:
        if self.reasons:
            raise PlatformRefusedError(self.platform, self.reasons)


# -- placeholders ---------------------------------------------------------------------------------------------------

def pieces(template: str) -> list[str]:
    """The template cut into literal text and whole placeholders, in order (literals may be empty)."""
    return _PIECES.split(template)


def has_placeholder(text: str) -> bool:
    return PLACEHOLDER.search(text) is not None


def check_common(provider: Provider, refusals: Refusals, *, oauth2_reason: str | None = None) -> None:
    """What no platform here carries: OAuth 2.0's token flow, and placeholders other than $$To and $$Body."""
    if isinstance(provider.auth, OAuth2Auth):
        refusals.add(oauth2_reason or "OAuth 2.0: the platform has no token request, so it cannot send the "
                     "Bearer token the provider expects")
    others = {match.group() for text in _texts(provider) for match in PLACEHOLDER.finditer(text)} - {
        RECIPIENT, MESSAGE}
    for placeholder in sorted(others):
        refusals.add(f"{placeholder}: the platform has no value to put there")
    key = repeated_json_key(provider)
    if key is not None:
        refusals.add(f"the JSON body has the key '{key}' twice in one object; the platform keeps one value per key, "
                     "and the provider may read the other")


def _texts(provider: Provider) -> list[str]:
    texts = [provider.endpoint, *(h.key for h in provider.headers), *(h.value for h in provider.headers)]
    if isinstance(provider.parameters, FormParameters):
        texts += [text for field in provider.parameters.fields for text in field]
    elif isinstance(provider.parameters, BodyParameters):
        texts.append(provider.parameters.body)
    return texts


def static_headers(provider: Provider, refusals: Refusals) -> tuple[tuple[str, str], ...]:
    """The headers, refused where one holds a placeholder: these platforms send fixed headers."""
    for header in provider.headers:
        if has_placeholder(header.key) or has_placeholder(header.value):
            refusals.add(f"the header '{header.key}' holds a placeholder; the platform's headers are fixed text")
        if not (header.key + header.value).isascii():
            refusals.add(f"the header '{header.key}' has non-ASCII text: the platform's HTTP client (requests, httpx) "
                         "sends it as Latin-1 or not at all, where render sends UTF-8")
    names = [h.key.lower() for h in provider.headers]
    for name in sorted({name for name in names if names.count(name) > 1}):
        refusals.add(f"the header '{name}' appears twice (its names may differ in case only); the platform keeps "
                     "headers in a dict, and requests' in one that ignores case: it sends one of them")
    return tuple((h.key, h.value) for h in provider.headers)


def check_latin1_auth(auth: BasicAuth | None, refusals: Refusals) -> None:
    """requests builds Basic auth from Latin-1 (``_basic_auth_str``), and fails beyond it; render from UTF-8: only
    ASCII credentials give the same Authorization header."""
    if auth is not None and not (auth.username + auth.password).isascii():
        refusals.add("a Basic auth username or password with non-ASCII text: the platform's requests encodes it as "
                     "Latin-1 (or fails), render as UTF-8, so the provider would read another password")


def basic_auth(provider: Provider) -> BasicAuth | None:
    """The Basic credentials the platform must send: none when the config's own Authorization header wins
    (render sends that header, not the auth fields)."""
    if isinstance(provider.auth, BasicAuth) and provider.header("Authorization") is None:
        return provider.auth
    return None


def response_note(provider: Provider, platform: str) -> tuple[Note, ...]:
    """A comment when the config says what acceptance looks like and the platform has nowhere to say it."""
    rules = provider.response
    if rules.statuses or rules.success_pattern or rules.failure_pattern or rules.message_id:
        return (Note(f"the config's response rules have no place in {platform}: it judges the response "
                     "by its own rule"),)
    return ()


# -- the parts of a provider's request --------------------------------------------------------------------------------

@dataclass(frozen=True)
class QueryPair:
    """One ``key=value`` of the endpoint's query, decoded; ``value`` may hold placeholders."""

    key: str
    value: str


def split_endpoint(endpoint: str, refusals: Refusals, *, movable: bool) -> tuple[str, tuple[QueryPair, ...]]:
    """The endpoint without the query pairs that hold placeholders, and those pairs decoded.

    ``movable``: the platform can send templated query pairs itself (as GET
    parameters); otherwise such a pair is refused. A placeholder in the host or
    the path is refused: these platforms' URLs are fixed text.
    """
    base = endpoint.split("#", 1)[0]
    parts = split_url(base)
    if has_placeholder(parts.netloc) or has_placeholder(parts.path):
        refusals.add("a placeholder in the endpoint's host or path; the platform's URL is fixed text")
    if not has_placeholder(parts.query):
        return base, ()
    kept, moved = [], []
    for raw in parts.query.split("&"):
        if not has_placeholder(raw):
            kept.append(raw)
            continue
        key, _, value = raw.partition("=")
        if has_placeholder(key):
            refusals.add(f"a placeholder in the query key {key!r}")
        elif not movable:
            refusals.add(f"the query parameter '{unquote_plus(key)}' holds a placeholder; the platform sends "
                         "a fixed URL with this method")
        moved.append(QueryPair(unquote_plus(key), "".join(
            piece if has_placeholder(piece) else unquote_plus(piece) for piece in pieces(value))))
    prefix = base[:len(base) - len(parts.query)].rstrip("?")
    return (prefix + "?" + "&".join(kept) if kept else prefix), tuple(moved)


def _json_text(provider: Provider) -> str | None:
    """The body's text when render sends it as JSON, else None."""
    parameters = provider.parameters
    if not isinstance(parameters, BodyParameters) or not (parameters.json or looks_like_json(parameters.body)):
        return None
    return parameters.body


def json_body(provider: Provider) -> Any | None:
    """The body as a JSON value when render sends it as JSON (placeholders stay inside their strings), else None."""
    text = _json_text(provider)
    try:
        return json.loads(text) if text is not None else None
    except (ValueError, RecursionError):
        return None


def repeated_json_key(provider: Provider) -> str | None:
    """A key that one object of the JSON body (render sends it as written) has twice, or None: a platform that
    builds the body from parsed JSON sends one of the two values, and which one a provider reads is its own."""
    text = _json_text(provider)
    if text is None:
        return None
    repeated: list[str] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        repeated.extend(key for index, key in enumerate(keys) if key in keys[:index])
        return dict(pairs)
    try:
        json.loads(text, object_pairs_hook=pairs_hook)  # read once, the hook listing what a plain read would drop
    except (ValueError, RecursionError):
        return None
    return repeated[0] if repeated else None


def flat_strings(value: Any) -> bool:
    """A JSON object whose every value is a string: what a key/value settings table can hold."""
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def unique_keys(pairs: Iterable[tuple[str, str]], where: str, refusals: Refusals) -> None:
    """A platform that keeps parameters in a dict sends each key once: a repeated key is refused."""
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            refusals.add(f"the {where} key '{key}' appears twice; the platform keeps one value per key")
        seen.add(key)


# -- the HTTP clients the platforms use -----------------------------------------------------------------------------

def client_request(method: str, url: str, *, params: Sequence[tuple[str, str]] = (),
                   headers: Sequence[tuple[str, str]] = (), form: Sequence[tuple[str, str]] | None = None,
                   json_value: Any = None, auth: tuple[str, str] | None = None) -> HttpRequest:
    """The request Python's requests or httpx sends for these arguments (both behave alike for what is compared).

    ``params`` are appended to the URL's query, form-encoded; ``form`` is a
    form-encoded body with its Content-Type; ``json_value`` a JSON body with
    ``application/json`` unless a header names a type; ``auth`` a Basic
    Authorization header that replaces any header of that name.
    """
    sent = [(name, value) for name, value in headers]
    names = {name.lower() for name, _ in sent}
    if params:
        url += ("&" if split_url(url).query else ("" if url.endswith("?") else "?")) + urlencode(list(params))
    body: str | None = None
    if form is not None and form:
        body = urlencode(list(form))
        if "content-type" not in names:
            sent.append(("Content-Type", FORM_CONTENT_TYPE))
    elif json_value is not None:
        body = json.dumps(json_value)
        if "content-type" not in names:
            sent.append(("Content-Type", JSON_CONTENT_TYPE))
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        sent = [(n, v) for n, v in sent if n.lower() != "authorization"] + [("Authorization", f"Basic {token}")]
    return HttpRequest(method, url, tuple(sent), body)


# -- the comparison ---------------------------------------------------------------------------------------------------

def differences(reference: HttpRequest, simulated: HttpRequest) -> set[str]:
    """The aspects in which the platform's request differs from render's (see the module docstring)."""
    found = set()
    if reference.method != simulated.method:
        found.add("method")
    ref_url, sim_url = split_url(reference.url), split_url(simulated.url)
    if _origin(ref_url) != _origin(sim_url):
        found.add("url")
    if _segments(ref_url.path) != _segments(sim_url.path):
        found.add("path")
    if _pairs(ref_url.query) != _pairs(sim_url.query):
        found.add("query")
    ref_headers, sim_headers = _headers(reference), _headers(simulated)
    if not reference.body and not simulated.body:  # a Content-Type without a body says nothing
        ref_headers.pop("content-type", None)
        sim_headers.pop("content-type", None)
    for name in sorted(set(ref_headers) | set(sim_headers)):
        if ref_headers.get(name) != sim_headers.get(name):
            found.add(f"header:{name}")
    if _decoded_body(reference) != _decoded_body(simulated):
        found.add("body")
    return found


def _origin(parts: Any) -> tuple[str, str]:
    scheme = parts.scheme.lower()
    host = parts.netloc.rpartition("@")[2].lower()
    default = {"http": ":80", "https": ":443"}.get(scheme)
    if default and host.endswith(default):
        host = host[: -len(default)]
    return scheme, host


def _segments(path: str) -> list[str]:
    """The path's segments decoded: an encoded slash (%2F) stays inside its segment, where a provider reads it."""
    return [unquote(segment) for segment in (path or "/").split("/")]


def _pairs(query: str) -> list[tuple[str, str]]:
    return sorted(parse_qsl(query, keep_blank_values=True))


def _headers(request: HttpRequest) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for name, value in request.headers:
        key = name.lower()
        if key not in IGNORED_HEADERS:
            found[key] = (*found.get(key, ()), value.strip())
    return found


def _decoded_body(request: HttpRequest) -> object:
    """JSON as its value (whatever the Content-Type says: render sends a JSON body under a form type as written),
    a form body as its pairs, anything else as text."""
    if not request.body:
        return None
    try:
        return ("json", json.loads(request.body, object_pairs_hook=_sorted_pairs, parse_float=Decimal,
                                   parse_constant=str))
    except (ValueError, RecursionError):
        pass
    media_type = next((v for n, v in request.headers if n.lower() == "content-type"), "").split(";")[0].strip()
    return _pairs(request.body) if media_type.lower() == FORM_CONTENT_TYPE else request.body


def _sorted_pairs(pairs: list[tuple[str, Any]]) -> tuple[str, list[tuple[str, object]]]:
    """A JSON object as its pairs (a repeated key kept), values typed, in no order: ``true`` is not ``1`` and
    ``1`` is not ``1.0`` (Python's ``==`` says they are), and no provider reads the order of keys."""
    return ("object", sorted(((key, _typed(value)) for key, value in pairs), key=repr))


def _typed(value: Any) -> object:
    if isinstance(value, list):
        return ("array", [_typed(item) for item in value])
    if isinstance(value, tuple):  # an object, already typed by _sorted_pairs
        return value
    return (type(value).__name__, value)


@dataclass(frozen=True)
class Table:
    """The provider's parameters as one key/value table, for platforms that keep parameters that way.

    ``place`` is where render sends them: ``query`` (a GET's templated query
    pairs, moved out of ``url``), ``form``, ``json`` (a flat object of strings),
    or ``none`` (no parameters: the endpoint says it all).
    """

    url: str
    place: str
    pairs: tuple[tuple[str, str], ...]

    def key_of(self, placeholder: str) -> str | None:
        """The key whose whole value is the placeholder."""
        return next((key for key, value in self.pairs if value == placeholder), None)


def parameter_table(provider: Provider, refusals: Refusals) -> Table:
    """The provider's parameters as a table; what a table cannot hold (a raw or nested body) is refused."""
    parameters = provider.parameters
    movable = parameters is None and provider.method == "GET"
    url, moved = split_endpoint(provider.endpoint, refusals, movable=movable)
    if movable:
        pairs = tuple((pair.key, pair.value) for pair in moved)
        unique_keys(pairs, "query", refusals)
        return Table(url, "query" if moved else "none", pairs)
    if isinstance(parameters, FormParameters):
        pairs = tuple((field.key, field.value) for field in parameters.fields)
        unique_keys(pairs, "form", refusals)
        return Table(url, "form", pairs)
    if parameters is None:
        return Table(url, "none", ())
    value = json_body(provider)
    if value is None:
        refusals.add("a raw (not JSON, not form) body; the platform sends parameters, not a body as written")
        return Table(url, "none", ())
    if not flat_strings(value):
        refusals.add("a JSON body that is not one flat object of strings (nested objects, arrays, numbers); the "
                     "platform's parameters are a table of texts")
        return Table(url, "json", ())
    return Table(url, "json", tuple(value.items()))


# -- reading a platform's settings back into a config ---------------------------------------------------------------

class PlatformReadError(CurlportError):
    """The text is not the platform's settings in a shape curlport reads: exit 2, like an unreadable curl command."""


def query_with(url: str, pairs: Iterable[tuple[str, str]]) -> str:
    """The URL with pairs appended to its query: keys and literal text percent-encoded, placeholders kept."""
    encoded = "&".join(f"{quote(key, safe='')}=" + "".join(
        piece if has_placeholder(piece) else quote(piece, safe="") for piece in pieces(value))
        for key, value in pairs)
    if not encoded:
        return url
    return url + ("&" if split_url(url).query else ("" if url.endswith("?") else "?")) + encoded


def make_config(name: str, method: str, endpoint: str, *, headers: Iterable[tuple[str, str]] = (),
                auth: tuple[str, str] | None = None, form: Sequence[tuple[str, str]] | None = None,
                json_value: Any = None) -> dict[str, Any]:
    """A config in the key order the importer writes."""
    parameters: dict[str, Any] | None = None
    if form is not None:
        parameters = {"format": "form", "fields": [{"key": k, "value": v} for k, v in form]}
    elif json_value is not None:
        parameters = {"format": "json", "body": json.dumps(json_value, ensure_ascii=False)}
    return {"name": name, "method": method, "endpoint": endpoint,
            "auth": {"type": "basic", "username": auth[0], "password": auth[1]} if auth else None,
            "headers": [{"key": k, "value": v} for k, v in headers], "parameters": parameters}


def order_note(provider: Provider, sent: Sequence[str]) -> Note | None:
    """A note when the platform sends a form's fields in another order (``sent``, its keys in the order it sends
    them) and the order counts: a form under a Content-Type other than a form's is read as text by the provider."""
    parameters = provider.parameters
    if provider.method != "POST" or not isinstance(parameters, FormParameters):
        return None
    declared = next((header.value for header in provider.headers if header.key.lower() == "content-type"),
                    FORM_CONTENT_TYPE)
    keys = [field.key for field in parameters.fields]
    if declared.split(";")[0].strip().lower() == FORM_CONTENT_TYPE or [k for k in sent if k in keys] == keys:
        return None
    return Note("the platform sends the message's and the recipient's fields first: under this Content-Type the "
                "provider reads the form as text, and its order differs from the sample", ("body",))
