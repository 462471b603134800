"""Apprise: a ``json://`` or ``form://`` URL (``jsons://``, ``forms://`` for HTTPS).

Modelled on caronc/apprise ``apprise/plugins/custom_json.py`` and
``custom_form.py`` (``send``, ``parse_url``) and ``apprise/utils/parse.py``
(``parse_qsd``), and checked against the Apprise package itself: the URL's
``+name=value`` pairs are headers, ``-name=value`` query parameters,
``:name=value`` payload entries, ``method=`` the method. The payload starts as
Apprise's own envelope — ``version``, ``title``, ``message``, ``type`` (and
``attachments`` for JSON); ``:message=text`` renames the message's key,
``:title=`` (empty) drops a key, any other ``:key=value`` adds a fixed entry.
``json://`` sends the payload as a JSON object, ``form://`` as a form (a GET
puts it in the query). Every value is fixed text with surrounding spaces
stripped, and the URL is decoded twice (by ``parse_qsd``, then by the plugin),
so a literal ``%`` is written ``%2525``; the user-info is decoded once, and the
path not at all (``%2F`` stays an encoded slash). ``NotifyBase.notify`` strips the end of
the message (``rstrip``) before the plugin sees it.

Apprise has no recipient: ``--to`` writes the number into the URL as fixed text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, unquote

from curlport.preflight.platforms.common import (
    PADDED,
    Converted,
    Note,
    PlatformReadError,
    Refusals,
    basic_auth,
    check_common,
    check_latin1_auth,
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
from curlport.preflight.provider import BodyParameters, FormParameters, KeyValue, Provider
from curlport.preflight.render import HttpRequest, Values, placeholders_used
from curlport.rules.base import MESSAGE, RECIPIENT
from curlport.urls import split_url

NAME = "apprise"
#: How a comment starts in the settings text (the export puts its notes there), or None: it has none.
COMMENT: str | None = None
USER_AGENT = "Apprise"
#: Apprise's own payload keys, in the order it builds them.
ENVELOPE = {"json": ("version", "title", "message", "attachments", "type"),
            "form": ("version", "title", "message", "type")}


@dataclass(frozen=True)
class AppriseUrl:
    kind: str  # json or form
    secure: bool
    host: str
    path: str
    method: str
    user: str | None
    password: str | None
    headers: tuple[tuple[str, str], ...]
    params: tuple[tuple[str, str], ...]
    #: The ``:key=value`` entries, in order: a key of the envelope renamed (or dropped, when empty), others added.
    payload: tuple[tuple[str, str], ...]


def with_recipient(provider: Provider, to: str) -> Provider:
    """The provider with $$To replaced by the number, encoded for each place as render encodes it."""
    def fill(text: str, encoded: str) -> str:
        return text.replace(RECIPIENT, encoded)
    parameters = provider.parameters
    if isinstance(parameters, FormParameters):
        parameters = FormParameters(tuple(KeyValue(f.key, fill(f.value, to)) for f in parameters.fields))
    elif isinstance(parameters, BodyParameters):
        parameters = parameters._replace(body=fill(parameters.body, json.dumps(to)[1:-1]))
    return provider._replace(endpoint=fill(provider.endpoint, quote(to, safe="")), parameters=parameters,
                             headers=tuple(KeyValue(h.key, fill(h.value, to)) for h in provider.headers))


def convert(provider: Provider, to: str | None = None) -> Converted:
    """The Apprise URL that sends the provider's request, or the refusal naming what Apprise cannot carry."""
    refusals = Refusals(NAME)
    if to is not None:
        provider = with_recipient(provider, to)
    elif RECIPIENT in placeholders_used(provider):
        refusals.add("$$To: Apprise has no recipient; pass --to NUMBER to write the number into the URL")
    check_common(provider, refusals)
    headers = static_headers(provider, refusals)
    table = parameter_table(provider, refusals)
    kind = "json" if table.place == "json" else "form"
    if table.place == "form" and provider.method == "GET":
        refusals.add("a GET with a form body; Apprise's form:// puts a GET's payload in the query")
    if table.place == "none" and provider.method == "POST":
        refusals.add("a POST without parameters; Apprise always sends its payload")
    message_key = table.key_of(MESSAGE)
    if message_key is None:
        refusals.add("$$Body must be the whole value of one parameter: Apprise sends the message as one entry")
    for key, value in table.pairs:
        if key != message_key and has_placeholder(value):
            refusals.add(f"the parameter '{key}' holds a placeholder; Apprise's other entries are fixed text")
        if key != message_key and key in ENVELOPE[kind]:
            refusals.add(f"the parameter '{key}' has the name of an entry of Apprise's envelope, which ':{key}=' "
                         "renames or drops")
    url = split_url(table.url)
    params = tuple(parse_qsl(url.query, keep_blank_values=True))
    unique_keys(params, "query", refusals)
    if kind == "form" and provider.method == "GET":
        unique_keys([*params, *table.pairs], "query", refusals)
    auth = basic_auth(provider)
    check_latin1_auth(auth, refusals)
    if auth is not None and not auth.username:
        refusals.add("Basic auth with an empty username; Apprise sends Basic auth only with one")
    notes: list[Note] = []
    message_place = "query" if kind == "form" and provider.method == "GET" else "body"
    notes.append(Note("Apprise drops spaces and line breaks at the end of the message, and sends nothing for "
                      "an empty one (NotifyBase.notify)", (message_place,), only_for=PADDED))
    padded = [*(f"header:{k.lower()}" for k, v in headers if v != v.strip()),
              *(("body" if kind == "json" or provider.method == "POST" else "query",) if any(
                  v != v.strip() for k, v in table.pairs if k != message_key) else ()),
              *(("query",) if any(v != v.strip() for _, v in params) else ())]
    if padded:
        notes.append(Note("Apprise strips the spaces around each value in its URL", tuple(padded)))
    refusals.raise_any()
    assert message_key is not None
    entries = [(key, "") for key in ENVELOPE[kind] if key != "message"]
    entries += [("message", message_key)] if message_key != "message" else []
    entries += [(k, v) for k, v in table.pairs if k != message_key]
    settings = AppriseUrl(kind, url.scheme.lower() == "https", url.netloc.rpartition("@")[2], url.path,
                          provider.method, auth.username if auth else None, auth.password if auth else None,
                          headers, params, tuple(entries))
    ordered = order_note(provider, list(payload(settings, MESSAGE)))
    notes += [ordered] if ordered else []
    return Converted(settings, (*notes, *response_note(provider, "Apprise (any 2xx is sent)")))


def _arg(text: str) -> str:
    """A key or value of the URL's query: percent-encoded, and a literal % encoded twice (Apprise decodes twice)."""
    return quote(text.replace("%", "%25"), safe="*")


def _path(settings: AppriseUrl) -> str:
    """The path as the URL carries it and Apprise sends it: escapes kept as written (an encoded slash stays one)."""
    return quote(settings.path or "/", safe="/%")


def _userinfo(text: str) -> str:
    """A user or password: percent-encoded once, as Apprise decodes the URL's user-info once (not twice)."""
    return quote(text, safe="")


def write(settings: AppriseUrl) -> str:
    """The Apprise URL, one line."""
    scheme = settings.kind + ("s" if settings.secure else "")
    auth = ""
    if settings.user is not None:
        auth = _userinfo(settings.user) + (f":{_userinfo(settings.password)}" if settings.password is not None
                                           else "") + "@"
    args = [f"method={settings.method}"]
    args += [f"{prefix}{_arg(k)}={_arg(v)}" for prefix, pairs in ((":", settings.payload), ("+", settings.headers),
                                                                   ("-", settings.params)) for k, v in pairs]
    return f"{scheme}://{auth}{settings.host}{_path(settings)}?{'&'.join(args)}\n"


def payload(settings: AppriseUrl, message: str) -> dict[str, object]:
    """The payload the plugin builds: its envelope, the ``:`` entries applied as custom_json / custom_form do."""
    entries = dict(settings.payload)
    if settings.kind == "json":
        built: dict[str, object] = {"version": "1.0", "title": "", "message": message, "attachments": [],
                                    "type": "info"}
        for key, value in entries.items():
            if key not in built:
                built[key] = value
            elif not value:
                del built[key]
            else:
                built[value] = built[key]
                del built[key]
        return built
    names = {key: key for key in ENVELOPE["form"]}
    for key in [k for k in entries if k in names]:
        names[key] = entries.pop(key)
    built = {names[key]: value for key, value in (("version", "1.0"), ("title", ""), ("message", message),
                                                  ("type", "info")) if names[key]}
    return {**built, **entries}


def simulate(settings: AppriseUrl, values: Values) -> HttpRequest:
    """The request the plugin's ``send`` makes for this message (the number is already in the URL)."""
    url = f"{'https' if settings.secure else 'http'}://{settings.host}{_path(settings)}"
    headers = [("User-Agent", USER_AGENT)] + ([("Content-Type", "application/json")]
                                               if settings.kind == "json" else [])
    headers = [(n, v) for n, v in headers if n.lower() not in {k.lower() for k, _ in settings.headers}]
    headers += [(k, v.strip()) for k, v in settings.headers]
    sent = {k: v.strip() if isinstance(v, str) and k != _message_key(settings) else v
            for k, v in payload(settings, values.body.rstrip()).items()}
    params = tuple((k, v.strip()) for k, v in settings.params)
    auth = (settings.user, settings.password or "") if settings.user else None
    if settings.kind == "json":
        return client_request(settings.method, url, params=params, headers=tuple(headers), auth=auth,
                              json_value=sent)
    pairs = tuple((k, str(v)) for k, v in sent.items())
    if settings.method == "GET":
        return client_request("GET", url, params=(*pairs, *params), headers=tuple(headers), auth=auth)
    return client_request(settings.method, url, params=params, headers=tuple(headers), auth=auth, form=pairs)


def _message_key(settings: AppriseUrl) -> str:
    """The key the message is sent under (the envelope's ``message``, or what ``:message=`` renames it to)."""
    return dict(settings.payload).get("message") or "message"


def _parse_args(query: str) -> list[tuple[str, str]]:
    """The URL's arguments as parse_qsd reads them (pairs split at & and ;), decoded twice as the plugin does."""
    args = []
    for pair in (piece for chunk in query.split("&") for piece in chunk.split(";") if piece):
        key, _, value = pair.partition("=")
        key = key[:1] + key[1:].replace("+", " ")
        args.append((unquote(unquote(key)), unquote(unquote(value)).strip()))
    return args


def read(text: str) -> AppriseUrl:
    """An Apprise ``json://``, ``jsons://``, ``form://`` or ``forms://`` URL."""
    url = text.strip()
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in ("json", "jsons", "form", "forms"):
        raise PlatformReadError("not an Apprise json:// or form:// URL")
    authority, _, tail = rest.partition("/")
    path, _, query = ("/" + tail).partition("?")
    userinfo, at, host = authority.rpartition("@")
    user, colon, password = userinfo.partition(":")
    args = _parse_args(query)
    method = next((v.upper() for k, v in args if k.lower() == "method" and v), "POST")
    if not host:
        raise PlatformReadError("the URL has no host")
    pick = {prefix: tuple((k[1:], v) for k, v in args if k[:1] == prefix) for prefix in ":+-"}
    return AppriseUrl(scheme.lower().rstrip("s"), scheme.lower().endswith("s"), host, path, method,
                      unquote(user) if at else None, unquote(password) if colon else None,
                      pick["+"], pick["-"], pick[":"])


def to_config(settings: AppriseUrl, name: str, to: str | None = None) -> dict[str, Any]:
    """The config that sends what Apprise sends for a message; ``to``: the payload or parameter key whose value is
    the number (Apprise has no recipient: the number is fixed text in the URL)."""
    built = payload(settings, MESSAGE)
    params = [(k, RECIPIENT if k == to else v) for k, v in settings.params]
    built = {k: RECIPIENT if k == to else v for k, v in built.items()}
    if to is not None and to not in built and to not in dict(params):
        raise PlatformReadError(f"--to {to}: the URL has no payload entry or parameter of that name")
    url = query_with(f"{'https' if settings.secure else 'http'}://{settings.host}{settings.path or '/'}", params)
    auth = (settings.user, settings.password or "") if settings.user else None
    headers = settings.headers
    if settings.kind == "json":
        return make_config(name, settings.method, url, headers=headers, auth=auth, json_value=built)
    pairs = tuple((k, str(v)) for k, v in built.items())
    if settings.method == "GET":
        return make_config(name, "GET", query_with(url, pairs), headers=headers, auth=auth)
    return make_config(name, settings.method, url, headers=headers, auth=auth, form=pairs)
