"""Home Assistant: a ``notify`` entry of the ``rest`` platform (configuration.yaml).

Modelled on home-assistant/core ``homeassistant/components/rest/notify.py``
(``send_message``) and ``homeassistant/helpers/template.py``
(``Template.async_render``): the parameters start as ``{message_param_name:
message}``, then ``{target_param_name: target[0]}``, then ``data`` updates
them, each string in it a template rendered with ``message`` and ``target`` and
stripped of surrounding whitespace (a string with no ``{{``, ``{%`` or ``{#`` is
kept as written). GET sends the parameters in the query (after ``params``),
POST as a form, POST_JSON as a JSON object — ``data`` may nest there, and
numbers stay numbers. ``resource``, ``headers`` and ``params`` are fixed text;
``username``/``password`` make Basic auth. Current versions send with httpx,
whose ``params`` replace a query parameter of the same name in ``resource``
(requests, in older versions, appended): the export never lets the two meet.

The message parameter is always sent: when no parameter is exactly $$Body, the
export names the message parameter after a key that ``data`` sets, so that
``data`` replaces it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from curlport.config.json_text import one_line_json
from curlport.preflight.platforms.common import (
    TEMPLATE,
    TEMPLATE_SYNTAX,
    Converted,
    Note,
    PlatformReadError,
    Refusals,
    basic_auth,
    check_common,
    client_request,
    has_placeholder,
    json_body,
    make_config,
    order_note,
    pieces,
    query_with,
    response_note,
    split_endpoint,
    static_headers,
    unique_keys,
)
from curlport.preflight.provider import FormParameters, Provider
from curlport.preflight.render import HttpRequest, Values
from curlport.rules.base import MESSAGE, RECIPIENT
from curlport.urls import split_url

NAME = "home-assistant"
#: How a comment starts in the settings text (the export puts its notes there), or None: it has none.
COMMENT: str | None = "#"
_VARIABLES = {MESSAGE: "{{ message }}", RECIPIENT: "{{ target[0] }}"}
#: The templates curlport reads: the message, the first target (``target[0]`` or ``target | first``, spaced any
#: way Jinja allows), and raw blocks of fixed text.
_TEMPLATE_PART = re.compile(r"\{\{\s*(message|target\s*\[\s*0\s*\]|target\s*\|\s*first)\s*\}\}"
                            r"|\{% raw %\}(.*?)\{% endraw %\}", re.DOTALL)
#: Home Assistant's YAML tags for values kept elsewhere (secrets.yaml, the environment): the value is not in the text.
_ELSEWHERE_TAGS = ("!secret", "!env_var")


@dataclass(frozen=True)
class RestNotify:
    name: str
    resource: str
    method: str
    headers: tuple[tuple[str, str], ...]
    message_param_name: str
    target_param_name: str | None
    data: dict[str, Any]
    username: str | None = None
    password: str | None = None
    #: Fixed query parameters (``params``): the export keeps them in ``resource``; a notifier read back may have them.
    params: tuple[tuple[str, str], ...] = ()


def convert(provider: Provider, to: str | None = None) -> Converted:
    """The notifier that sends the provider's request, or the refusal naming what Home Assistant cannot carry."""
    refusals = Refusals(NAME)
    check_common(provider, refusals)
    headers = static_headers(provider, refusals)
    parameters = provider.parameters
    body = json_body(provider)
    notes: list[Note] = []
    if provider.method == "GET" and parameters is not None:
        refusals.add("a GET with a body; Home Assistant puts a GET's parameters in the query")
    resource, moved = split_endpoint(provider.endpoint, refusals, movable=provider.method == "GET")
    if provider.method == "GET":
        method, place, values = "GET", "query", {pair.key: pair.value for pair in moved}
        fixed = [(unquote_plus(k), "") for k, _, _ in (p.partition("=") for p in split_url(resource).query.split("&"))
                 if k]
        unique_keys([*fixed, *((pair.key, pair.value) for pair in moved)], "query", refusals)
    elif isinstance(parameters, FormParameters):
        method, place = "POST", "body"
        unique_keys(parameters.fields, "form", refusals)
        values = {field.key: field.value for field in parameters.fields}
    elif parameters is None or isinstance(body, dict):
        method, place, values = "POST_JSON" if parameters else "POST", "body", dict(body or {})
    else:
        method, place, values = "POST", "body", {}
        refusals.add("a body that is not a form or a JSON object; Home Assistant sends a form or a JSON object")
    if _unraw_able(values):
        refusals.add("fixed text with '{% endraw %}' in it, which no Home Assistant template can hold as text")
    refusals.raise_any()
    message_key = next((k for k, v in values.items() if v == MESSAGE), None)
    target_key = next((k for k, v in values.items() if v == RECIPIENT), None)
    data = {k: _template_value(v) for k, v in values.items() if k not in (message_key, target_key)}
    for key in _template_keys(data):
        refusals.add(f"the key {key!r} has template syntax ({{{{, {{% or {{#}}): Home Assistant makes a key of data a "
                     "template, which is no text to send")
    if _strips(values, message_key, target_key):
        notes.append(Note("a value with a placeholder or a brace is a template, and Home Assistant strips the spaces "
                          "around what a template renders: a value (or a message) that starts or ends with a space "
                          "loses it", (place,)))
    if message_key is None:
        message_key = next(iter(data), "message")
        if not data:
            notes.append(Note("Home Assistant always sends the message: here as the parameter 'message'",
                              ("query",) if method == "GET" else ("body", "header:content-type") if parameters is None
                              else ("body",)))
    notes.append(Note("Home Assistant renders the message as a template: a message with {{, {% or {# is rendered "
                      "by Jinja (and stripped) before it is sent, one without them is sent as written",
                      ("query",) if method == "GET" else ("body",), only_for=TEMPLATE))
    ordered = order_note(provider, [message_key, *([target_key] if target_key else []), *data])
    notes += [ordered] if ordered else []
    auth = basic_auth(provider)
    if auth is not None and not (auth.username and auth.password):
        refusals.add("Basic auth with an empty username or password; Home Assistant sends Basic auth only with both")
    refusals.raise_any()
    settings = RestNotify(_slug(provider.name), resource, method, headers, message_key, target_key, data,
                          auth.username if auth else None, auth.password if auth else None)
    return Converted(settings, (*notes, *response_note(provider, "Home Assistant (it logs the status only)")))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "sms"


def _template_value(value: Any) -> Any:
    """A config value as Home Assistant data: strings become templates where they hold placeholders or
    template syntax; objects and arrays (a JSON body) are converted throughout."""
    if isinstance(value, dict):
        return {k: _template_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_template_value(v) for v in value]
    if not isinstance(value, str) or not (has_placeholder(value) or TEMPLATE_SYNTAX.search(value)):
        return value
    return "".join(_VARIABLES.get(piece) or (f"{{% raw %}}{piece}{{% endraw %}}" if _needs_raw(piece) else piece)
                   for piece in pieces(value))


def _needs_raw(text: str) -> bool:
    """Fixed text Jinja could read as syntax: a brace (``{`` before ``{{ message }}`` opens ``{{{``)."""
    return "{" in text or "}" in text


def _unraw_able(value: Any) -> bool:
    """Whether a string somewhere in the value has fixed text a raw block cannot hold (its own ``endraw``)."""
    if isinstance(value, dict):
        return any(_unraw_able(v) for v in value.values())
    if isinstance(value, list):
        return any(_unraw_able(v) for v in value)
    return isinstance(value, str) and any(_needs_raw(p) and "endraw" in p for p in pieces(value))


def _template_keys(value: Any) -> list[str]:
    """The keys, at any depth, that Home Assistant's ``template_complex`` turns into templates (not rendered)."""
    if isinstance(value, dict):
        return [k for k in value if TEMPLATE_SYNTAX.search(k)] + [k for v in value.values() for k in _template_keys(v)]
    if isinstance(value, list):
        return [k for v in value for k in _template_keys(v)]
    return []


def _strips(values: dict[str, Any], *whole: str | None) -> bool:
    """Whether a template (a value that is not a whole placeholder) could render with spaces around it, which
    Home Assistant strips: fixed text with spaces at an edge, or $$Body there (a number has none to lose)."""
    def edges(value: Any) -> bool:
        if isinstance(value, dict):
            return any(edges(v) for v in value.values())
        if isinstance(value, list):
            return any(edges(v) for v in value)
        if not isinstance(value, str) or (_template_value(value) == value and not TEMPLATE_SYNTAX.search(value)):
            return False
        parts = pieces(value)
        first = parts[0] if parts[0] or len(parts) == 1 else parts[1]
        last = parts[-1] if parts[-1] or len(parts) == 1 else parts[-2]
        return first == MESSAGE or last == MESSAGE or first[:1].isspace() or last[-1:].isspace()
    return any(edges(v) for k, v in values.items() if k not in whole)


def _yaml_string(value: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes are YAML's; line separators escaped too."""
    return one_line_json(value).replace("\ufeff", "\\ufeff")


def _yaml_value(value: Any) -> str:
    if isinstance(value, str):
        return _yaml_string(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml_string(k)}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    return json.dumps(value)


def write(settings: RestNotify) -> str:
    """The notifier as a configuration.yaml block; it is called as ``notify.<name>`` with ``target: [number]``."""
    lines = ["notify:", f"  - name: {settings.name}", "    platform: rest",
             f"    resource: {_yaml_string(settings.resource)}", f"    method: {settings.method}"]
    if settings.params:
        lines.append("    params:")
        lines += [f"      {_yaml_string(k)}: {_yaml_string(v)}" for k, v in settings.params]
    if settings.headers:
        lines.append("    headers:")
        lines += [f"      {_yaml_string(k)}: {_yaml_string(v)}" for k, v in settings.headers]
    lines.append(f"    message_param_name: {_yaml_string(settings.message_param_name)}")
    if settings.target_param_name is not None:
        lines.append(f"    target_param_name: {_yaml_string(settings.target_param_name)}")
    if settings.username is not None and settings.password is not None:
        lines += ["    authentication: basic", f"    username: {_yaml_string(settings.username)}",
                  f"    password: {_yaml_string(settings.password)}"]
    if settings.data:
        lines.append("    data:")
        lines += [f"      {_yaml_string(k)}: {_yaml_value(v)}" for k, v in settings.data.items()]
    return "\n".join(lines) + "\n"


def render_template(value: Any, values: Values) -> Any:
    """Template.async_render for what the export writes: ``{{ message }}``, ``{{ target[0] }}``, raw blocks;
    a rendered string is stripped, a string without template syntax kept as written."""
    if isinstance(value, dict):
        return {k: render_template(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [render_template(v, values) for v in value]
    if not isinstance(value, str) or not TEMPLATE_SYNTAX.search(value):
        return value

    def part(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return values.body if match.group(1) == "message" else values.to
        return match.group(2)
    return _TEMPLATE_PART.sub(part, value).strip()


def simulate(settings: RestNotify, values: Values) -> HttpRequest:
    """The request ``send_message`` sends for ``notify.<name>`` with this message and ``target: [number]``."""
    data: dict[str, Any] = {settings.message_param_name: values.body}
    if settings.target_param_name is not None:
        data[settings.target_param_name] = values.to
    data.update(render_template(settings.data, values))
    auth = (settings.username, settings.password) if settings.username and settings.password else None
    if settings.method == "GET":
        return client_request("GET", settings.resource, params=tuple({**dict(settings.params), **data}.items()),
                              headers=settings.headers, auth=auth)
    if settings.method == "POST_JSON":
        return client_request("POST", settings.resource, params=settings.params, json_value=data,
                              headers=settings.headers, auth=auth)
    return client_request("POST", settings.resource, params=settings.params, form=tuple(
        (k, v if isinstance(v, str) else json.dumps(v)) for k, v in data.items()), headers=settings.headers, auth=auth)


def read(text: str) -> RestNotify:
    """The first ``platform: rest`` notifier of a configuration.yaml block (``notify:`` list, a list, or one entry)."""
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML comes with the platforms extra and the test extra
        raise PlatformReadError("reading Home Assistant YAML needs PyYAML: pip install 'curlport[platforms]'") from None
    try:
        document = yaml.load(text, Loader=_loader(yaml))  # a SafeLoader with two string tags
    except yaml.YAMLError as error:
        raise PlatformReadError(f"not YAML: {str(error).splitlines()[0]}") from None
    entries = document.get("notify", document) if isinstance(document, dict) else document
    entries = [entries] if isinstance(entries, dict) else entries if isinstance(entries, list) else []
    entry = next((e for e in entries if isinstance(e, dict) and e.get("platform") == "rest"), None)
    if entry is None or not isinstance(entry.get("resource"), str):
        raise PlatformReadError("no notifier of platform: rest with a resource")
    if entry.get("authentication") == "digest":
        raise PlatformReadError("authentication: digest; the provider form has Basic auth only")
    texts = {key: entry.get(key) or {} for key in ("headers", "params", "data", "data_template")}
    if not all(isinstance(value, dict) for value in texts.values()):
        raise PlatformReadError("headers, params, data and data_template must be mappings")
    # send_message renders data_template like data, after it: its keys win
    data = {**texts["data"], **texts["data_template"]}
    _check_templates(data)
    method = str(entry.get("method") or "GET").upper()
    if method not in ("GET", "POST", "POST_JSON"):
        raise PlatformReadError(f"method {method}: expected GET, POST or POST_JSON")
    return RestNotify(str(entry.get("name") or "notify"), entry["resource"], method,
                      tuple((str(k), str(v)) for k, v in texts["headers"].items()),
                      str(entry.get("message_param_name") or "message"),
                      str(entry["target_param_name"]) if entry.get("target_param_name") else None, data,
                      _text_or_none(entry.get("username")), _text_or_none(entry.get("password")),
                      tuple((str(k), str(v)) for k, v in texts["params"].items()))


def _loader(yaml: Any) -> Any:
    """PyYAML's SafeLoader that also reads ``!secret NAME`` and ``!env_var NAME`` (real configuration.yaml files
    keep passwords and keys in secrets.yaml): the value is not in the text, so it becomes ``<NAME>``, a value to
    fill in that the import's lint reports (CP401)."""
    class Loader(yaml.SafeLoader):  # type: ignore[misc]
        pass

    def elsewhere(loader: Any, node: Any) -> str:
        return f"<{str(loader.construct_scalar(node)).split()[0] if node.value else 'value'}>"
    for tag in _ELSEWHERE_TAGS:
        Loader.add_constructor(tag, elsewhere)
    return Loader


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _check_templates(value: Any) -> None:
    """Every template in ``data`` must be one ``render_template`` reads: {{ message }}, {{ target[0] }}, raw blocks."""
    if isinstance(value, dict):
        for item in value.values():
            _check_templates(item)
    elif isinstance(value, list):
        for item in value:
            _check_templates(item)
    elif isinstance(value, str) and TEMPLATE_SYNTAX.search(_TEMPLATE_PART.sub("", value)):
        raise PlatformReadError(f"the template {value!r} uses more than {{{{ message }}}} and {{{{ target[0] }}}}: "
                                "curlport reads no other")


def to_config(settings: RestNotify, name: str) -> dict[str, Any]:
    """The config that sends what the notifier sends for ``message`` and ``target: [number]``."""
    data: dict[str, Any] = {settings.message_param_name: MESSAGE}
    if settings.target_param_name is not None:
        data[settings.target_param_name] = RECIPIENT
    data.update(render_template(settings.data, Values(RECIPIENT, MESSAGE)))
    auth = (settings.username, settings.password) if settings.username and settings.password else None
    if settings.method == "GET":
        pairs = {**dict(settings.params), **{k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}}
        return make_config(name, "GET", query_with(settings.resource, pairs.items()), headers=settings.headers,
                           auth=auth)
    url = query_with(settings.resource, settings.params)
    if settings.method == "POST_JSON":
        return make_config(name, "POST", url, headers=settings.headers, auth=auth, json_value=data)
    return make_config(name, "POST", url, headers=settings.headers, auth=auth,
                       form=tuple((k, v if isinstance(v, str) else json.dumps(v)) for k, v in data.items()))
