"""Render: the exact HTTP request the platform sends once $$To, $$Body (and $$TemplateId, $$MessageID) are filled.

A value is encoded by the place it lands in, the way the platform must encode it
for the provider to read back what was meant:

* the endpoint (path and query): percent-encoded UTF-8, every byte but RFC 3986's
  unreserved characters;
* inside a JSON string of a JSON body: JSON string escaping;
* a form field: form-encoded (``application/x-www-form-urlencoded``, UTF-8);
* any other raw body, and headers: verbatim.

The platform's documentation does not say that it encodes the endpoint or escapes
JSON; the first two are what it must do for the provider to read the values back,
and ``Encoding.PLATFORM`` (``--encoding platform``, the default) assumes it does,
as CP304 does. ``Encoding.NONE`` pastes values verbatim there too, to show what
happens if it does not: the risk CP302 reports for JSON bodies.

Where the result would be broken (a line break in a header, a placeholder outside
a JSON string, a form body whose ``&`` the message would split) render refuses
with the rule's code and where in the config it is: the provider would not get
the message the platform meant to send.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from urllib.parse import quote, quote_plus

from curlport import __version__
from curlport.config.model import LEGACY_FORM
from curlport.errors import CurlportError
from curlport.media_types import FORM_CONTENT_TYPE, JSON_CONTENT_TYPE
from curlport.preflight.masking import mask_body, mask_header_value, mask_query, mask_url
from curlport.preflight.provider import BasicAuth, BodyParameters, FormParameters, OAuth2Auth, Provider
from curlport.rules.base import KNOWN_PLACEHOLDERS, MESSAGE
from curlport.rules.cp211_header_line_break import HEADER_BREAKERS, HEADER_NAME, header_refusal
from curlport.rules.cp703_markup_body import in_cdata, is_markup
from curlport.rules.cp704_message_in_nested_json import json_text, strings
from curlport.rules.cp706_transport_header import FRAMING
from curlport.rules.json_body import bare_placeholders, blanked, looks_like_json
from curlport.urls import split_url

#: Every placeholder the platform fills, matched in one left-to-right pass so that a
#: message which itself contains "$$To" is never substituted again.
PLACEHOLDER = re.compile("|".join(map(re.escape, sorted(KNOWN_PLACEHOLDERS, key=len, reverse=True))))
USER_AGENT = f"curlport/{__version__}"
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
#: Characters a verbatim value may carry without changing what the provider reads back.
_INERT = {"query": _UNRESERVED | set("!$'()*,;:@/?="), "path": _UNRESERVED | set("!$'()*,;:@=+&")}
#: What a raw form body pasted verbatim loses: & splits a field, + reads as a space, % starts an escape.
_FORM_SPLITTERS = "&+%"


class Encoding(StrEnum):
    """How the platform puts a value into the endpoint: unknown, so a flag with a documented default."""

    PLATFORM = "platform"
    NONE = "none"


@dataclass(frozen=True)
class Values:
    """What the platform substitutes for each placeholder."""

    to: str
    body: str
    template_id: str | None = None
    message_id: str | None = None

    def of(self, placeholder: str) -> str | None:
        return {"$$To": self.to, "$$Body": self.body, "$$TemplateId": self.template_id,
                "$$MessageID": self.message_id}[placeholder]

    def not_text(self) -> str | None:
        """The first field that is not UTF-8 text (a lone surrogate from a command line or a page), or None:
        nothing could send it."""
        for field in ("to", "body", "template_id", "message_id"):
            try:
                (getattr(self, field) or "").encode("utf-8")
            except UnicodeEncodeError:
                return field
        return None


@dataclass(frozen=True)
class HttpRequest:
    """A request as it goes on the wire, apart from Host and Content-Length (see ``wire_headers``)."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: str | None


@dataclass(frozen=True)
class Rendered:
    request: HttpRequest
    #: The same request with credentials masked, for printing.
    masked: HttpRequest

    def shown(self, show_secrets: bool) -> HttpRequest:
        return self.request if show_secrets else self.masked


@dataclass(frozen=True)
class Refusal:
    """Why the rendered request would be broken: a rule's code, the config value, the characters in it."""

    code: str
    pointer: str
    message: str
    start: int
    end: int


class RenderRefusedError(CurlportError):
    """The request would not carry the values intact; exit 1, like an error-level finding."""

    exit_code = 1

    def __init__(self, refusals: tuple[Refusal, ...], broken: Rendered) -> None:
        super().__init__(refusals[0].message)
        self.refusals = refusals
        #: The broken request as it would go out: shown, never sent.
        self.broken = broken


class MissingValueError(CurlportError):
    """The config has a placeholder no value was given for (--template-id, --message-id)."""


_PENDING = "Bearer <token from "


def bearer_pending(token_url: str) -> str:
    """The Authorization value shown before the token is fetched (render, dry runs, exports)."""
    return f"{_PENDING}{token_url}>"


def render(provider: Provider, values: Values, encoding: Encoding = Encoding.PLATFORM) -> Rendered:
    """The request the platform sends for these values; ``RenderRefusedError`` when it would be broken."""
    _require_values(provider, values)
    refusals = [refusal for index, h in enumerate(provider.headers) for refusal in _header_shape(index, h.key, h.value)]
    url = _endpoint(provider.endpoint, values, encoding, refusals)
    headers = [(h.key, _header(index, h.key, h.value, values, refusals)) for index, h in enumerate(provider.headers)]
    body = _body(provider, values, encoding, refusals)
    refusals += _framing(provider) + _broken_inside(provider, values)
    names = {name.lower() for name, _ in headers}
    if provider.auth is not None and "authorization" not in names:
        headers.append(("Authorization", authorization(provider.auth)))
    content_type = implied_content_type(provider)
    if content_type is not None and "content-type" not in names:
        headers.append(("Content-Type", content_type))
    if "user-agent" not in names:
        headers.append(("User-Agent", USER_AGENT))
    request = HttpRequest(provider.method, url, tuple(headers), body)
    rendered = Rendered(request, mask_request(request, body_is_form=isinstance(provider.parameters, FormParameters),
                                              secrets=provider.secrets))
    if refusals:
        raise RenderRefusedError(tuple(refusals), rendered)
    return rendered


def authorization(auth: BasicAuth | OAuth2Auth) -> str:
    """The Authorization header the platform adds for the auth fields (OAuth 2.0: a stand-in until send has a token)."""
    if isinstance(auth, OAuth2Auth):
        return bearer_pending(auth.token_url)
    credentials = f"{auth.username}:{auth.password}".encode()
    return "Basic " + base64.b64encode(credentials).decode("ascii")


def implied_content_type(provider: Provider) -> str | None:
    """The Content-Type a body format implies when the headers name none (a raw body's is in its headers)."""
    parameters = provider.parameters
    if isinstance(parameters, FormParameters):
        return FORM_CONTENT_TYPE
    if isinstance(parameters, BodyParameters) and parameters.json:
        return JSON_CONTENT_TYPE
    return None


def mask_request(request: HttpRequest, *, body_is_form: bool, secrets: frozenset[str] = frozenset()) -> HttpRequest:
    """The request with its credentials masked: by name in headers and the query, by value (``secrets``) in a body."""
    headers = tuple((name, mask_body(value, secrets) if value.startswith(_PENDING) else mask_header_value(name, value))
                    for name, value in request.headers)
    body = request.body
    if body is not None:
        body = mask_body(mask_query(body) if body_is_form else body, secrets)
    return replace(request, url=mask_url(request.url, secrets), headers=headers, body=body)


def wire_headers(request: HttpRequest) -> list[tuple[str, str]]:
    """Every header sent: Host first, then the request's, then Content-Length when there is a body."""
    host = split_url(request.url).netloc.rpartition("@")[2]
    length = [("Content-Length", str(len(request.body.encode())))] if request.body is not None else []
    return [("Host", host), *request.headers, *length]


def request_target(url: str) -> str:
    """The request line's target (path and query), as HTTP/1.1 writes it: ``/`` when the URL has no path."""
    parts = split_url(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def as_http(request: HttpRequest) -> str:
    """The request as HTTP/1.1 text (line breaks shown as LF; the wire has CRLF). A line break inside a header (a
    broken request, shown beside its refusal) is written as ``\\r``/``\\n``: shown, it must not read as a header
    of its own."""
    lines = [f"{request.method} {request_target(request.url)} HTTP/1.1"]
    lines += [_one_line(f"{name}: {value}") for name, value in wire_headers(request)]
    text = "\n".join(lines) + "\n\n"
    if request.body:
        text += request.body if request.body.endswith("\n") else request.body + "\n"
    return text


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def as_json(request: HttpRequest) -> str:
    """The request as JSON records (headers as sent, in order) for a program to read: ``render --format json``."""
    return json.dumps({
        "method": request.method,
        "url": request.url,
        "headers": [{"name": name, "value": value} for name, value in wire_headers(request)],
        "body": request.body,
    }, indent=2, ensure_ascii=False) + "\n"


def placeholders_used(provider: Provider) -> set[str]:
    """The ``$$Name`` placeholders the values the platform substitutes hold: each needs a value before rendering."""
    texts = [provider.endpoint, *(h.value for h in provider.headers)]
    if isinstance(provider.parameters, FormParameters):
        texts += [field.value for field in provider.parameters.fields]
    elif isinstance(provider.parameters, BodyParameters):
        texts.append(provider.parameters.body)
    return {match.group() for text in texts for match in PLACEHOLDER.finditer(text)}


def _require_values(provider: Provider, values: Values) -> None:
    flags = {"$$TemplateId": "--template-id", "$$MessageID": "--message-id"}
    missing = sorted(p for p in placeholders_used(provider) if values.of(p) is None)
    if missing:
        raise MissingValueError(f"the config uses {', '.join(missing)}: pass "
                                f"{', '.join(flags[p] for p in missing)}")


def _substitute(template: str, values: Values, encode: Callable[[str, int], str]) -> str:
    """One pass over the template: each placeholder replaced by ``encode(value, offset)``."""
    def replacement(match: re.Match[str]) -> str:
        value = values.of(match.group())
        assert value is not None  # _require_values ran
        return encode(value, match.start())
    return PLACEHOLDER.sub(replacement, template)


def _placeholder_at(template: str, offset: int) -> str:
    match = PLACEHOLDER.match(template, offset)
    return match.group() if match else ""


def _endpoint(endpoint: str, values: Values, encoding: Encoding, refusals: list[Refusal]) -> str:
    """The URL sent: values encoded by place, the template's own characters a URL cannot carry encoded, no fragment."""
    base = endpoint.split("#", 1)[0]
    authority = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*", base)
    authority_end = authority.end() if authority else 0
    query_start = base.find("?") if "?" in base else len(base)

    def encode(value: str, offset: int) -> str:
        placeholder = _placeholder_at(base, offset)
        span = (offset, offset + len(placeholder))
        if offset < authority_end:
            refusals.append(Refusal("CP105", "/endpoint", f"{placeholder} in the endpoint's host: a host cannot "
                                    "carry a recipient or a message", *span))
            return value
        if encoding is Encoding.PLATFORM:
            return quote(value, safe="")
        place = "path" if offset < query_start else "query"
        changed = next((c for c in value if c not in _INERT[place]), None)
        if changed is not None:
            refusals.append(Refusal("CP220", "/endpoint", f"{placeholder} is pasted verbatim (--encoding none) and "
                                    f"its {changed!r} changes the URL's {place}: the provider would not read back "
                                    "the value", *span))
        return value

    def literal(start: int, end: int) -> str:
        """The template's own text: the host as written; elsewhere what a URL cannot carry (space, non-ASCII,
        quotes) percent-encoded and the rest, escapes included, kept."""
        split = min(max(start, authority_end), end)
        return base[start:split] + quote(base[split:end], safe="!$%&'()*+,/:;=?@[]~")

    pieces, last = [], 0
    for match in PLACEHOLDER.finditer(base):
        pieces += [literal(last, match.start()), encode(values.of(match.group()) or "", match.start())]
        last = match.end()
    pieces.append(literal(last, len(base)))
    return "".join(pieces)


def _header_shape(index: int, name: str, template: str) -> list[Refusal]:
    """CP211 for the config's own header text (a placeholder's value is ``_header``'s, CP303)."""
    why = header_refusal(name, PLACEHOLDER.sub("", template))
    if why is None:
        return []
    if not HEADER_NAME.fullmatch(name):
        return [Refusal("CP211", f"/headers/{index}/key", f"the header {name!r} {why}", 0, len(name))]
    start = next(i for i, c in enumerate(template) if c in HEADER_BREAKERS)
    return [Refusal("CP211", f"/headers/{index}/value", f"the header {name!r} {why}", start, start + 1)]


def _header(index: int, name: str, template: str, values: Values, refusals: list[Refusal]) -> str:
    def encode(value: str, offset: int) -> str:
        if any(c in value for c in HEADER_BREAKERS):
            placeholder = _placeholder_at(template, offset)
            refusals.append(Refusal("CP303", f"/headers/{index}/value", f"the value of {placeholder} has a line "
                                    f"break: in the header '{name}' it would end the header and inject others",
                                    offset, offset + len(placeholder)))
        return value
    return _substitute(template, values, encode)


def _body(provider: Provider, values: Values, encoding: Encoding, refusals: list[Refusal]) -> str | None:
    parameters = provider.parameters
    if parameters is None:
        return None
    if isinstance(parameters, FormParameters):
        return "&".join(f"{quote_plus(field.key)}={quote_plus(_substitute(field.value, values, _verbatim))}"
                        for field in parameters.fields)
    if parameters.json and not _is_json(blanked(parameters.body)):
        refusals.append(Refusal("CP305", "/parameters/body", "the body is declared JSON but is not JSON even before "
                                "substitution; the provider would reject every message", 0, len(parameters.body)))
        return parameters.body
    if not parameters.json and provider.form == LEGACY_FORM and looks_like_json(parameters.body):
        return _legacy_json_body(parameters.body, values, refusals)
    if parameters.json or looks_like_json(parameters.body):
        return _json_body(parameters.body, values, encoding, refusals)
    media_type = (provider.header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if media_type == FORM_CONTENT_TYPE:
        return _raw_form_body(parameters.body, values, refusals)
    return _substitute(parameters.body, values, _verbatim)


def _framing(provider: Provider) -> list[Refusal]:
    """A fixed Content-Length or Transfer-Encoding: the request would say another length than its body's (CP706)."""
    return [Refusal("CP706", f"/headers/{index}/key", f"a fixed '{h.key}' header: the body's length changes with "
                    "every message; remove the header", 0, len(h.key))
            for index, h in enumerate(provider.headers) if h.key.strip().lower() in FRAMING]


#: What breaks JSON text when pasted into one of its strings unescaped: a quote, a backslash, a control character.
_BREAKS_JSON_TEXT = re.compile(r'["\\\x00-\x1f]')


def _broken_inside(provider: Provider, values: Values) -> list[Refusal]:
    """The message pasted unescaped into a format inside a value: XML outside CDATA (CP703) with a '<' or '&' in it,
    JSON text held by a field, a header or a JSON string (CP704) with a quote, a backslash or a line break in it."""
    found: list[Refusal] = []
    parameters = provider.parameters
    if ("<" in values.body or "&" in values.body) and isinstance(parameters, BodyParameters) \
            and not parameters.json and is_markup(parameters.body, provider.header("Content-Type") or ""):
        found += [Refusal("CP703", "/parameters/body", "the message has a less-than sign or an ampersand and is "
                          "pasted into XML as it is: the document breaks", m.start(), m.end())
                  for m in re.finditer(re.escape(MESSAGE), parameters.body) if not in_cdata(parameters.body, m.start())]
    if _BREAKS_JSON_TEXT.search(values.body) is None:
        return found
    texts = [(f"/headers/{i}/value", h.value) for i, h in enumerate(provider.headers)]
    if isinstance(parameters, FormParameters):
        texts += [(f"/parameters/fields/{i}/value", f.value) for i, f in enumerate(parameters.fields)]
    elif isinstance(parameters, BodyParameters) and (parameters.json or looks_like_json(parameters.body)):
        try:
            inner = [text for text in strings(json.loads(blanked(parameters.body))) if MESSAGE in text]
        except (ValueError, RecursionError):
            inner = []
        texts += [("/parameters/body", parameters.body)] if any(json_text(text) for text in inner) else []
    for pointer, text in texts:
        if MESSAGE in text and (pointer == "/parameters/body" or json_text(text)):
            start = text.find(MESSAGE)
            found.append(Refusal("CP704", pointer, "the message has a quote, a backslash or a line break, and the "
                                 "JSON text it is pasted into is not escaped for it: the inner JSON breaks", start,
                                 start + len(MESSAGE)))
    return found


def _verbatim(value: str, offset: int) -> str:
    return value


def _json_body(template: str, values: Values, encoding: Encoding, refusals: list[Refusal]) -> str:
    bare = {offset for _, offset in bare_placeholders(template)}

    def encode(value: str, offset: int) -> str:
        if offset in bare:
            placeholder = _placeholder_at(template, offset)
            refusals.append(Refusal("CP302", "/parameters/body", f"{placeholder} outside a JSON string: the value "
                                    "would be pasted bare; write \"" + placeholder + "\"", offset,
                                    offset + len(placeholder)))
            return value
        return json.dumps(value, ensure_ascii=False)[1:-1] if encoding is Encoding.PLATFORM else value

    body = _substitute(template, values, encode)
    if not refusals and not _is_json(body) and _is_json(PLACEHOLDER.sub("1", template)):
        first = PLACEHOLDER.search(template)
        start = first.start() if first else 0
        verbatim = " (--encoding none pastes them unescaped)" if encoding is Encoding.NONE else ""
        refusals.append(Refusal("CP302", "/parameters/body", f"the body is no longer JSON once the values are "
                                f"substituted{verbatim}", start, start + len(first.group() if first else "")))
    return body


def _legacy_json_body(template: str, values: Values, refusals: list[Refusal]) -> str:
    """The legacy form's raw body, which the platform sends with each value pasted as is (CP306): a quote, a
    backslash or a line break in the message makes it the invalid JSON the provider really receives."""
    body = _substitute(template, values, _verbatim)
    if _is_json(body) or not _is_json(PLACEHOLDER.sub("1", template)):
        return body
    matches = list(PLACEHOLDER.finditer(template))
    match = next((m for m in matches if not _is_json(f'"{values.of(m.group()) or ""}"')), matches[0])
    refusals.append(Refusal("CP306", "/parameters/body", f"the legacy form pastes {match.group()} into a raw body as "
                            f"is, and its value ({_breaker(values.of(match.group()) or '')}) makes the body invalid "
                            "JSON: the provider would reject the message; use form parameters, or the current form's "
                            "JSON type", match.start(), match.end()))
    return body


def _breaker(value: str) -> str:
    """The first character of a value that a JSON string cannot hold as is, in words."""
    for character in value:
        if not _is_json(f'"{character}"'):
            return {'"': "a quote", "\\": "a backslash", "\n": "a line break"}.get(character, repr(character))
    return "with the other values"


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _raw_form_body(template: str, values: Values, refusals: list[Refusal]) -> str:
    """A raw body sent as a form is pasted verbatim: a value with & + or % would be read back as something else."""
    def encode(value: str, offset: int) -> str:
        changed = next((c for c in value if c in _FORM_SPLITTERS), None)
        if changed is not None:
            placeholder = _placeholder_at(template, offset)
            refusals.append(Refusal("CP221", "/parameters/body", f"{placeholder} is pasted verbatim into a raw "
                                    f"form body and its {changed!r} changes the fields the provider reads; use "
                                    "form parameters, which are encoded", offset, offset + len(placeholder)))
        return value
    return _substitute(template, values, encode)
