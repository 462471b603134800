"""privacyIDEA: an SMS gateway of the ``HttpSMSProvider`` type.

Modelled on privacyIDEA 3.14 (PyPI) ``privacyidea/lib/smsprovider/HttpSMSProvider.py``
(``submit_message``, ``_render_option_value``, ``parameters``) and checked
against that package: every option that is not one of the provider's own (URL,
HTTP_METHOD, USERNAME, PASSWORD, CHECK_SSL, SEND_DATA_AS_JSON, RETURN_SUCCESS,
RETURN_FAIL, REGEXP, ALLOW_PUSH, the proxies, TIMEOUT) is a parameter. Its value
has ``{otp}`` replaced by the message, then ``{phone}`` by the number (plain
text replacement: older releases used ``str.format``, where a brace had to be
doubled), and is then read as JSON where it is JSON text — so ``5`` is sent as a
number and ``{"a": "{phone}"}`` as an object, and a message such as ``true`` or
``123456`` becomes a JSON value too. A GET sends the parameters in the query, a
POST as a form or, with SEND_DATA_AS_JSON, as a JSON object (requests encodes
them: ``True`` for true, nothing for null); USERNAME and PASSWORD make Basic
auth; the headers are fixed. It accepts 200, 201 and 202, and RETURN_SUCCESS /
RETURN_FAIL are substrings of the response body.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from curlport.preflight.platforms.common import (
    CONTAINING,
    Converted,
    Note,
    PlatformReadError,
    Refusals,
    Table,
    basic_auth,
    check_common,
    check_latin1_auth,
    client_request,
    has_placeholder,
    json_body,
    make_config,
    parameter_table,
    pieces,
    query_with,
    response_note,
    split_endpoint,
    static_headers,
)
from curlport.preflight.provider import BodyParameters, Provider
from curlport.preflight.render import HttpRequest, Values
from curlport.rules.base import MESSAGE, RECIPIENT

NAME = "privacyidea"
#: How a comment starts in the settings text (the export puts its notes there), or None: it has none.
COMMENT: str | None = "#"
#: The provider's own options: a parameter cannot have one of these names.
RESERVED = frozenset({"URL", "HTTP_METHOD", "RETURN_SUCCESS", "RETURN_FAIL", "USERNAME", "PASSWORD", "CHECK_SSL",
                      "SEND_DATA_AS_JSON", "REGEXP", "ALLOW_PUSH", "PROXY", "HTTP_PROXY", "HTTPS_PROXY", "TIMEOUT"})
_FIELDS = {RECIPIENT: "{phone}", MESSAGE: "{otp}"}


@dataclass(frozen=True)
class HttpSmsGateway:
    """The gateway's options (in the order shown) and its headers."""

    options: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]

    def option(self, name: str, default: str | None = None) -> str | None:
        return next((value for key, value in self.options if key == name), default)


def convert(provider: Provider, to: str | None = None) -> Converted:
    """The gateway options that send the provider's request, or the refusal naming what privacyIDEA cannot carry."""
    refusals = Refusals(NAME)
    check_common(provider, refusals)
    headers = static_headers(provider, refusals)
    body = json_body(provider)
    is_json = isinstance(provider.parameters, BodyParameters) and body is not None
    if is_json and not isinstance(body, dict):
        refusals.add("a JSON body that is not an object; privacyIDEA sends an object of its parameters")
    table = Table(provider.endpoint, "json", tuple(body.items())) if is_json and isinstance(body, dict) \
        else parameter_table(provider, refusals)
    if table.place == "json":
        table = Table(split_endpoint(provider.endpoint, refusals, movable=False)[0], "json", table.pairs)
    if table.place in ("form", "json") and provider.method == "GET":
        refusals.add("a GET with a body; privacyIDEA puts a GET's parameters in the query")
    pairs = [(key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
             for key, value in table.pairs]
    for key, value in [*pairs, *headers]:
        if any(c in key + value for c in "\r\n") or "=" in key or key != key.strip():
            refusals.add(f"'{key.strip()}' has a line break, or its name an '=' or spaces around it; the option "
                         "list holds one KEY = value line per option")
    for key, value in pairs:
        if key in RESERVED:
            refusals.add(f"the parameter '{key}' has the name of one of privacyIDEA's own options")
        if any(field in piece for piece in pieces(value) if not has_placeholder(piece) for field in _FIELDS.values()):
            refusals.add(f"the parameter '{key}' has the text {{otp}} or {{phone}}, which privacyIDEA replaces")
    options = [("URL", table.url), ("HTTP_METHOD", provider.method), ("CHECK_SSL", "yes"),
               ("SEND_DATA_AS_JSON", "yes" if table.place == "json" else "no")]
    auth = basic_auth(provider)
    check_latin1_auth(auth, refusals)
    if auth is not None:
        if not auth.username:
            refusals.add("Basic auth with an empty username; privacyIDEA sends Basic auth only with one")
        options += [("USERNAME", auth.username), ("PASSWORD", auth.password)]
    notes = list(response_note(provider, "privacyIDEA (200, 201 or 202 is sent)") if _response_beyond(provider)
                 else ())
    pattern = provider.response.success_pattern
    if pattern is not None and re.escape(pattern.pattern) == pattern.pattern:
        options.append(("RETURN_SUCCESS", pattern.pattern))
    refusals.raise_any()
    place = "query" if table.place in ("query", "none") else "body"
    options += [(key, option_template(value)) for key, value in pairs]
    notes += _json_notes(table.pairs, place == "body" and table.place == "json", place)
    return Converted(HttpSmsGateway(tuple(options), headers), tuple(notes))


def _json_notes(pairs: tuple[tuple[str, Any], ...], as_json: bool, place: str) -> list[Note]:
    """What reading each value as JSON changes: a fixed value that is JSON text, a value that is only a placeholder
    (a message or number that is JSON text), a placeholder inside JSON text (a quote in the message breaks it)."""
    notes = []
    fixed = [key for key, value in pairs if isinstance(value, str) and not has_placeholder(value)
             and _sent(value, as_json) != _sent_text(value, as_json)]
    if fixed:
        notes.append(Note(f"privacyIDEA reads each value as JSON: {', '.join(fixed)} is sent as the JSON value its "
                          "text is", (place,)))
    if any(value == MESSAGE or (as_json and value == RECIPIENT) for _, value in pairs):
        notes.append(Note("privacyIDEA reads each value as JSON after filling it in: a message (or number) that is "
                          "JSON text — true, null, 123456 in a JSON body — is sent as that value", (place,)))
    if any(not isinstance(value, str) and MESSAGE in json.dumps(value) for _, value in pairs):
        notes.append(Note("$$Body inside a JSON value is replaced as plain text: a message with a quote or a "
                          "backslash breaks the JSON, which is then sent as a string", (place,)))
    if any(MESSAGE in (value if isinstance(value, str) else json.dumps(value)) for _, value in pairs):
        notes.append(Note("privacyIDEA fills {otp} before {phone}: a message that contains the text {phone} "
                          "gets the number there", (place,), only_for=CONTAINING + _FIELDS[RECIPIENT]))
    return notes


def _sent(text: str, as_json: bool) -> Any:
    """How a filled-in value goes out: read as JSON where it is JSON text, then as requests encodes it."""
    value = _as_json(text)
    return value if as_json else _requests_items("k", value)


def _sent_text(text: str, as_json: bool) -> Any:
    return text if as_json else [("k", text)]


def _as_json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text


def _requests_items(key: str, value: Any) -> list[tuple[str, str]]:
    """requests' encoding of one parameter: None dropped, a list or dict one pair per item (a dict's keys)."""
    if value is None:
        return []
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        return [(key, str(value))]
    return [(key, str(item)) for item in value if item is not None]


def _response_beyond(provider: Provider) -> bool:
    """Response rules RETURN_SUCCESS cannot say: statuses, a failure pattern, a regular expression, a message id."""
    rules = provider.response
    pattern = rules.success_pattern
    return bool(rules.statuses or rules.failure_pattern or rules.message_id
                or (pattern is not None and re.escape(pattern.pattern) != pattern.pattern))


def option_template(template: str) -> str:
    """A config value as an option: $$To and $$Body as {phone} and {otp} (replaced as plain text)."""
    return "".join(_FIELDS.get(piece) or piece for piece in pieces(template))


def write(settings: HttpSmsGateway) -> str:
    """The options and headers as privacyIDEA's SMS gateway form lists them (also ``pi-manage`` input)."""
    lines = ["# privacyIDEA SMS gateway: provider module privacyidea.lib.smsprovider.HttpSMSProvider.HttpSMSProvider"]
    lines += ["[options]"] + [f"{key} = {value}" for key, value in settings.options]
    if settings.headers:
        lines += ["[headers]"] + [f"{key} = {value}" for key, value in settings.headers]
    return "\n".join(lines) + "\n"


def simulate(settings: HttpSmsGateway, values: Values) -> HttpRequest:
    """The request ``submit_message`` sends for one number and message."""
    filled = [(key, _as_json(value.replace("{otp}", values.body).replace("{phone}", values.to)))
              for key, value in settings.options if key not in RESERVED]
    pairs = tuple(pair for key, value in filled for pair in _requests_items(key, value))
    url = settings.option("URL") or ""
    username, password = settings.option("USERNAME"), settings.option("PASSWORD")
    auth = (username, password) if username and password is not None else None
    headers = settings.headers
    if settings.option("HTTP_METHOD", "GET") != "POST":
        return client_request("GET", url, params=pairs, headers=headers, auth=auth)
    if settings.option("SEND_DATA_AS_JSON", "no") == "yes":
        return client_request("POST", url, headers=headers, json_value=dict(filled), auth=auth)
    return client_request("POST", url, headers=headers, form=pairs, auth=auth)


_OPTION = re.compile(r"^\s*([^=\s][^=]*?)\s*=\s?(.*)$")


def read(text: str) -> HttpSmsGateway:
    """The options and headers as ``write`` lists them: ``[options]`` and ``[headers]`` sections of KEY = value."""
    sections: dict[str, list[tuple[str, str]]] = {"options": [], "headers": []}
    current: list[tuple[str, str]] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            current = sections.get(stripped[1:-1].strip().lower())
            if current is None:
                raise PlatformReadError(f"unknown section {stripped}: expected [options] or [headers]")
            continue
        match = _OPTION.match(line)
        if match is None or current is None:
            raise PlatformReadError(f"not a KEY = value line of [options] or [headers]: {stripped[:60]!r}")
        current.append((match.group(1), match.group(2)))
    gateway = HttpSmsGateway(tuple(sections["options"]), tuple(sections["headers"]))
    if not gateway.option("URL"):
        raise PlatformReadError("no URL option")
    return gateway


def placeholder_template(value: str) -> str:
    """An option as a config value: {phone} and {otp} as $$To and $$Body."""
    return value.replace("{otp}", MESSAGE).replace("{phone}", RECIPIENT)


def to_config(settings: HttpSmsGateway, name: str) -> dict[str, Any]:
    """The config that sends what the gateway sends ({phone} and {otp} as $$To and $$Body; JSON text as JSON)."""
    parameters = [(key, placeholder_template(value)) for key, value in settings.options if key not in RESERVED]
    username, password = settings.option("USERNAME"), settings.option("PASSWORD")
    auth = (username, password) if username and password is not None else None
    url = settings.option("URL") or ""
    if settings.option("HTTP_METHOD", "GET") == "POST" and settings.option("SEND_DATA_AS_JSON", "no") == "yes":
        return make_config(name, "POST", url, headers=settings.headers, auth=auth,
                           json_value={key: _as_json(value) for key, value in parameters})
    pairs = tuple(pair for key, value in parameters for pair in _requests_items(key, _as_json(value)))
    if settings.option("HTTP_METHOD", "GET") != "POST":
        return make_config(name, "GET", query_with(url, pairs), headers=settings.headers, auth=auth)
    return make_config(name, "POST", url, headers=settings.headers, auth=auth, form=pairs)
