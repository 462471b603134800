"""Frappe / ERPNext: the "SMS Settings" doctype.

Modelled on frappe/frappe ``frappe/core/doctype/sms_settings/sms_settings.py``
(``send_via_gateway``, ``get_headers``, ``send_request``): the request is built
with requests from a dict of arguments — the message under ``message_parameter``,
every static parameter row that is not a header, and the number under
``receiver_parameter`` (spaces, ``-``, ``(`` and ``)`` removed first). Header
rows and ``Accept: text/plain, text/html, */*`` are the headers. The arguments
go as JSON when a header row is exactly ``Content-Type: application/json``,
else as a form body when ``use_post`` is set, else in the query; the method is
POST when ``use_post`` is set, GET otherwise (a GET can carry the JSON body).
The gateway URL and the rows are fixed text: the message and the number can
only be whole parameter values.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from curlport.media_types import JSON_CONTENT_TYPE
from curlport.preflight.platforms.common import (
    Converted,
    Note,
    PlatformReadError,
    Refusals,
    basic_auth,
    check_common,
    client_request,
    has_placeholder,
    make_config,
    order_note,
    parameter_table,
    query_with,
    response_note,
    static_headers,
    unique_keys,
)
from curlport.preflight.provider import Provider
from curlport.preflight.render import HttpRequest, Values
from curlport.redact import mask
from curlport.rules.base import MESSAGE, RECIPIENT

NAME = "frappe"
#: How a comment starts in the settings text (the export puts its notes there), or None: it has none.
COMMENT: str | None = None
ACCEPT = "text/plain, text/html, */*"
_NUMBER_NOISE = " -()"


@dataclass(frozen=True)
class Row:
    """One row of the "Static Parameters" table (doctype SMS Parameter)."""

    parameter: str
    value: str
    header: bool


@dataclass(frozen=True)
class SmsSettings:
    sms_gateway_url: str
    message_parameter: str
    receiver_parameter: str
    use_post: bool
    parameters: tuple[Row, ...]


def convert(provider: Provider, to: str | None = None) -> Converted:
    """The SMS Settings that send the provider's request, or the refusal naming what Frappe cannot carry."""
    refusals = Refusals(NAME)
    check_common(provider, refusals)
    headers = list(static_headers(provider, refusals))
    table = parameter_table(provider, refusals)
    notes: list[Note] = []
    if table.place == "form" and provider.method == "GET":
        refusals.add("a GET with a form body; Frappe puts a GET's parameters in the query")
    message_key, receiver_key = table.key_of(MESSAGE), table.key_of(RECIPIENT)
    if message_key is None or receiver_key is None:
        refusals.add("$$Body and $$To must each be the whole value of one parameter: Frappe always sends the "
                     "message and the number as parameters of their own")
    for key, value in table.pairs:
        if key not in (message_key, receiver_key) and has_placeholder(value):
            refusals.add(f"the parameter '{key}' mixes text and a placeholder; Frappe's other parameters are "
                         "fixed text")
    auth = basic_auth(provider)
    if auth is not None:
        token = base64.b64encode(f"{auth.username}:{auth.password}".encode()).decode("ascii")
        # a password export masked (all '*') gives a masked row, not the base64 of asterisks, which looks real
        masked = bool(auth.password) and auth.password == mask(auth.password)
        headers.append(("Authorization", f"Basic {mask(token) if masked else token}"))
    content_type = next((i for i, (name, _) in enumerate(headers) if name.lower() == "content-type"), None)
    if table.place == "json":
        if content_type is None or headers[content_type] != ("Content-Type", JSON_CONTENT_TYPE):
            if content_type is not None and headers[content_type][1] != JSON_CONTENT_TYPE:
                notes.append(Note(f"the Content-Type is sent as exactly {JSON_CONTENT_TYPE}: Frappe sends JSON "
                                  "only for a header row with that name and value", ("header:content-type",)))
            if content_type is not None:
                del headers[content_type]
            headers.append(("Content-Type", JSON_CONTENT_TYPE))
    elif content_type is not None and headers[content_type] == ("Content-Type", JSON_CONTENT_TYPE):
        refusals.add("a Content-Type: application/json header without a JSON body; Frappe would send JSON")
    unique_keys(headers, "header", refusals)
    refusals.raise_any()
    assert message_key is not None and receiver_key is not None
    rows = [Row(name, value, True) for name, value in headers]
    rows += [Row(key, value, False) for key, value in table.pairs if key not in (message_key, receiver_key)]
    settings = SmsSettings(table.url, message_key, receiver_key, provider.method == "POST", tuple(rows))
    notes.append(Note("Frappe removes spaces, '-', '(' and ')' from the number before sending it"))
    ordered = order_note(provider, [message_key, receiver_key, *(key for key, _ in table.pairs)])
    notes += [ordered] if ordered else []
    return Converted(settings, (*notes, *response_note(provider, "Frappe (any 2xx is sent)")))


def write(settings: SmsSettings) -> str:
    """The SMS Settings document as JSON, the shape ``bench execute`` or the REST API take."""
    document: dict[str, Any] = {
        "doctype": "SMS Settings",
        "sms_gateway_url": settings.sms_gateway_url,
        "message_parameter": settings.message_parameter,
        "receiver_parameter": settings.receiver_parameter,
        "use_post": int(settings.use_post),
        "parameters": [{"doctype": "SMS Parameter", "parameter": row.parameter, "value": row.value,
                        "header": int(row.header)} for row in settings.parameters],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def simulate(settings: SmsSettings, values: Values) -> HttpRequest:
    """The request ``send_via_gateway`` sends for one number and message."""
    headers = {"Accept": ACCEPT}
    headers.update({row.parameter: row.value for row in settings.parameters if row.header})
    use_json = headers.get("Content-Type") == JSON_CONTENT_TYPE
    arguments = {settings.message_parameter: values.body}
    arguments.update({row.parameter: row.value for row in settings.parameters if not row.header})
    arguments[settings.receiver_parameter] = "".join(c for c in values.to if c not in _NUMBER_NOISE)
    method = "POST" if settings.use_post else "GET"
    pairs = tuple(arguments.items())
    if use_json:
        return client_request(method, settings.sms_gateway_url, headers=tuple(headers.items()),
                              json_value=arguments)
    if settings.use_post:
        return client_request(method, settings.sms_gateway_url, headers=tuple(headers.items()), form=pairs)
    return client_request(method, settings.sms_gateway_url, headers=tuple(headers.items()), params=pairs)



def read(text: str) -> SmsSettings:
    """SMS Settings from the JSON ``write`` prints, a document Frappe exported (``get_doc(...).as_dict()``), or the
    SMS Settings document of a fixtures file (a list of documents)."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise PlatformReadError("not JSON: expected an SMS Settings document") from None
    if isinstance(document, list):  # a fixtures file (bench export-fixtures): a list of documents
        document = next((item for item in document if isinstance(item, dict)
                         and item.get("doctype") == "SMS Settings"), None)
    if not isinstance(document, dict) or not isinstance(document.get("sms_gateway_url"), str):
        raise PlatformReadError("not an SMS Settings document: it has no sms_gateway_url")
    rows = document.get("parameters") or []
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise PlatformReadError("parameters must be a list of rows")
    return SmsSettings(document["sms_gateway_url"], str(document.get("message_parameter") or ""),
                       str(document.get("receiver_parameter") or ""), bool(document.get("use_post")),
                       tuple(Row(str(row.get("parameter") or ""), str(row.get("value") or ""),
                                 bool(row.get("header"))) for row in rows))


def to_config(settings: SmsSettings, name: str) -> dict[str, Any]:
    """The config that sends what Frappe sends ($$To and $$Body as the receiver and message parameters)."""
    if not settings.message_parameter or not settings.receiver_parameter:
        raise PlatformReadError("message_parameter and receiver_parameter are required")
    headers = {row.parameter: row.value for row in settings.parameters if row.header}
    arguments = {settings.message_parameter: MESSAGE}
    arguments.update({row.parameter: row.value for row in settings.parameters if not row.header})
    arguments[settings.receiver_parameter] = RECIPIENT
    method = "POST" if settings.use_post else "GET"
    if headers.get("Content-Type") == JSON_CONTENT_TYPE:
        return make_config(name, method, settings.sms_gateway_url, headers=headers.items(), json_value=arguments)
    if settings.use_post:
        return make_config(name, method, settings.sms_gateway_url, headers=headers.items(),
                           form=tuple(arguments.items()))
    return make_config(name, method, query_with(settings.sms_gateway_url, arguments.items()),
                       headers=headers.items())
