"""privacyIDEA: an SMS gateway of the ``HttpSMSProvider`` type.

Modelled on privacyidea/privacyidea ``privacyidea/lib/smsprovider/HttpSMSProvider.py``
(``submit_message``, ``parameters``): every option that is not one of the
provider's own (URL, HTTP_METHOD, USERNAME, PASSWORD, CHECK_SSL,
SEND_DATA_AS_JSON, RETURN_SUCCESS, RETURN_FAIL, REGEXP, the proxies, TIMEOUT)
is a parameter whose value is filled with ``str.format(otp=…, phone=…)`` — so
``{phone}`` and ``{otp}`` are the placeholders and a literal brace is written
``{{`` or ``}}``. A GET sends the parameters in the query, a POST as a form or,
with SEND_DATA_AS_JSON, as a JSON object; USERNAME and PASSWORD make Basic auth;
the headers are fixed. It accepts 200, 201 and 202, and RETURN_SUCCESS /
RETURN_FAIL are substrings of the response body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from curlport.preflight.platforms.common import (
    Converted,
    PlatformReadError,
    Refusals,
    basic_auth,
    check_common,
    client_request,
    make_config,
    parameter_table,
    pieces,
    query_with,
    response_note,
    static_headers,
    unique_keys,
)
from curlport.preflight.provider import Provider
from curlport.preflight.render import HttpRequest, Values
from curlport.rules.base import MESSAGE, RECIPIENT

NAME = "privacyidea"
#: How a comment starts in the settings text (the export puts its notes there), or None: it has none.
COMMENT: str | None = "#"
#: The provider's own options: a parameter cannot have one of these names.
RESERVED = frozenset({"URL", "HTTP_METHOD", "RETURN_SUCCESS", "RETURN_FAIL", "USERNAME", "PASSWORD", "CHECK_SSL",
                      "SEND_DATA_AS_JSON", "REGEXP", "PROXY", "HTTP_PROXY", "HTTPS_PROXY", "TIMEOUT"})
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
    unique_keys(headers, "header", refusals)
    table = parameter_table(provider, refusals)
    if table.place == "form" and provider.method == "GET":
        refusals.add("a GET with a form body; privacyIDEA puts a GET's parameters in the query")
    if table.place == "json" and provider.method == "GET":
        refusals.add("a GET with a JSON body; privacyIDEA sends JSON only with POST")
    for key, value in [*table.pairs, *headers]:
        if any(c in key + value for c in "\r\n") or "=" in key or key != key.strip():
            refusals.add(f"'{key.strip()}' has a line break, or its name an '=' or spaces around it; the option "
                         "list holds one KEY = value line per option")
    for key, _ in table.pairs:
        if key in RESERVED:
            refusals.add(f"the parameter '{key}' has the name of one of privacyIDEA's own options")
    options = [("URL", table.url), ("HTTP_METHOD", provider.method), ("CHECK_SSL", "yes"),
               ("SEND_DATA_AS_JSON", "yes" if table.place == "json" else "no")]
    auth = basic_auth(provider)
    if auth is not None:
        if not auth.username:
            refusals.add("Basic auth with an empty username; privacyIDEA sends Basic auth only with one")
        options += [("USERNAME", auth.username), ("PASSWORD", auth.password)]
    notes = response_note(provider, "privacyIDEA (200, 201 or 202 is sent)") if _response_beyond(provider) else ()
    pattern = provider.response.success_pattern
    if pattern is not None and re.escape(pattern.pattern) == pattern.pattern:
        options.append(("RETURN_SUCCESS", pattern.pattern))
    refusals.raise_any()
    options += [(key, format_template(value)) for key, value in table.pairs]
    return Converted(HttpSmsGateway(tuple(options), headers), notes)


def _response_beyond(provider: Provider) -> bool:
    """Response rules RETURN_SUCCESS cannot say: statuses, a failure pattern, a regular expression, a message id."""
    rules = provider.response
    pattern = rules.success_pattern
    return bool(rules.statuses or rules.failure_pattern or rules.message_id
                or (pattern is not None and re.escape(pattern.pattern) != pattern.pattern))


def format_template(template: str) -> str:
    """A config value as a ``str.format`` template: braces doubled, $$To and $$Body as {phone} and {otp}."""
    return "".join(_FIELDS.get(piece) or piece.replace("{", "{{").replace("}", "}}") for piece in pieces(template))


def write(settings: HttpSmsGateway) -> str:
    """The options and headers as privacyIDEA's SMS gateway form lists them (also ``pi-manage`` input)."""
    lines = ["# privacyIDEA SMS gateway: provider module privacyidea.lib.smsprovider.HttpSMSProvider.HttpSMSProvider"]
    lines += ["[options]"] + [f"{key} = {value}" for key, value in settings.options]
    if settings.headers:
        lines += ["[headers]"] + [f"{key} = {value}" for key, value in settings.headers]
    return "\n".join(lines) + "\n"


def simulate(settings: HttpSmsGateway, values: Values) -> HttpRequest:
    """The request ``submit_message`` sends for one number and message."""
    parameters = tuple((key, value.format(otp=values.body, phone=values.to))
                       for key, value in settings.options if key not in RESERVED)
    url = settings.option("URL") or ""
    username, password = settings.option("USERNAME"), settings.option("PASSWORD")
    auth = (username, password) if username and password is not None else None
    headers = settings.headers
    if settings.option("HTTP_METHOD", "GET") != "POST":
        return client_request("GET", url, params=parameters, headers=headers, auth=auth)
    if settings.option("SEND_DATA_AS_JSON", "no") == "yes":
        return client_request("POST", url, headers=headers, json_value=dict(parameters), auth=auth)
    return client_request("POST", url, headers=headers, form=parameters, auth=auth)


_OPTION = re.compile(r"^\s*([^=\s][^=]*?)\s*=\s?(.*)$")
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_PLACEHOLDER_OF = {"phone": RECIPIENT, "otp": MESSAGE}


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
    """A ``str.format`` template as a config value: {phone} and {otp} as $$To and $$Body, doubled braces single."""
    def field(match: re.Match[str]) -> str:
        if match.group() in ("{{", "}}"):
            return match.group()[0]
        placeholder = _PLACEHOLDER_OF.get(match.group(1) or "")
        if placeholder is None:
            raise PlatformReadError(f"{match.group()} in {value!r}: privacyIDEA fills only {{phone}} and {{otp}}")
        return placeholder
    return _FIELD.sub(field, value)


def to_config(settings: HttpSmsGateway, name: str) -> dict[str, Any]:
    """The config that sends what the gateway sends ({phone} and {otp} as $$To and $$Body)."""
    parameters = tuple((key, placeholder_template(value)) for key, value in settings.options if key not in RESERVED)
    username, password = settings.option("USERNAME"), settings.option("PASSWORD")
    auth = (username, password) if username and password is not None else None
    url = settings.option("URL") or ""
    if settings.option("HTTP_METHOD", "GET") != "POST":
        return make_config(name, "GET", query_with(url, parameters), headers=settings.headers, auth=auth)
    if settings.option("SEND_DATA_AS_JSON", "no") == "yes":
        return make_config(name, "POST", url, headers=settings.headers, auth=auth, json_value=dict(parameters))
    return make_config(name, "POST", url, headers=settings.headers, auth=auth, form=parameters)
