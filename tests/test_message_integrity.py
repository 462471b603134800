"""Every message arrives intact: rendered, sent to a server on 127.0.0.1, decoded there, compared.

For every fixture config that has $$To and $$Body, and for generated recipients and
messages (& = + % # " \\, line breaks, emoji, Devanagari, Arabic), the request
render builds is sent with curlport's own client to a local server; the test
decodes what arrived the way a provider would (query, form, JSON, text, headers)
with its own code, never render's, and compares each value with the config's
template filled in. Render may refuse instead, but only for a reason the message
or the config really gives (a line break for a header, & for a raw form body, a
placeholder outside a JSON string).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote, unquote_plus, urlsplit

import pytest
from fixture_cases import CONFIG_DIR, sendable
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from provider_server import Answer, ProviderServer, Received, provider_server

from curlport.preflight.provider import read_provider
from curlport.preflight.render import Encoding, RenderRefusedError, Values, render
from curlport.preflight.send import SendOptions, send
from curlport.rules.base import MESSAGE, RECIPIENT, mentions
from curlport.rules.json_body import bare_placeholders, blanked

_NAME = re.compile(r"\$\$(?:TemplateId|MessageID|Body|To)")


def _configs() -> dict[str, dict[str, Any]]:
    configs = {}
    for path in sorted(CONFIG_DIR.glob("*.json")):
        if path.name.count(".") > 1:  # .findings.json, .lint.json
            continue
        config = json.loads(path.read_text(encoding="utf-8"))
        if mentions(config, RECIPIENT) and mentions(config, MESSAGE) and sendable(config):
            configs[path.stem] = config
    return configs


CONFIGS = _configs()
READY = ("ready-form", "ready-get", "ready-json")
MESSAGES = [
    "plain text", "a&b=c+d%20e#f", 'quote " backslash \\ slash /', "two\nlines\r\nand\ttab", "emoji 👋🏽🇮🇳",
    "नमस्ते दुनिया", "مرحبا بالعالم", "%24%24To $$To $$Body", "", "  spaces  ", "a+b", "100%", "?&=#",
]


@pytest.fixture(scope="module")
def server() -> Iterator[ProviderServer]:
    with provider_server(lambda request: Answer(200, b'{"status": "ok"}')) as running:
        yield running


def _local(config: dict[str, Any], server: ProviderServer) -> dict[str, Any]:
    """The config with its endpoint's scheme and host pointed at the local server (path and query kept)."""
    endpoint = re.sub(r"^[A-Za-z]+://[^/?#]*", server.url("").rstrip("/"), config["endpoint"])
    return {**config, "endpoint": endpoint}


def _fill(template: str, values: Values, decode: Any = None) -> str:
    """The template with values in, its own text decoded by ``decode`` (the values as they are)."""
    pieces, last = [], 0
    for match in _NAME.finditer(template):
        literal = template[last : match.start()]
        pieces += [decode(literal) if decode else literal, values.of(match.group()) or ""]
        last = match.end()
    tail = template[last:]
    return "".join(pieces) + (decode(tail) if decode else tail)


def _pairs(template: str, values: Values, decode: Any) -> list[tuple[str, str]]:
    """k=v&k=v with the values filled into each value, as a provider decodes it."""
    result = []
    for pair in template.split("&") if template else []:
        key, _, value = pair.partition("=")
        result.append((decode(key), _fill(value, values, decode)))
    return result


def _strings(document: Any, values: Values) -> Any:
    if isinstance(document, str):
        return _fill(document, values)
    if isinstance(document, list):
        return [_strings(item, values) for item in document]
    if isinstance(document, dict):
        return {key: _strings(item, values) for key, item in document.items()}
    return document


def _assert_intact(config: dict[str, Any], values: Values, got: Received) -> None:
    """What the provider decodes is the config's template with the values in: every place, every value."""
    template = urlsplit(config["endpoint"])
    target = urlsplit(got.target)
    assert [unquote(s) for s in target.path.split("/")] == [_fill(s, values, unquote) for s in
                                                            template.path.split("/")]
    assert parse_qsl(target.query, keep_blank_values=True) == _pairs(template.query, values, unquote_plus)
    for header in config["headers"]:
        if _NAME.search(header["value"]):
            assert got.header(header["key"]) == _fill(header["value"], values).strip()
    parameters = config["parameters"]
    if parameters is None:
        return
    body = got.body.decode("utf-8")
    if parameters["format"] == "form":
        expected = [(field["key"], _fill(field["value"], values)) for field in parameters["fields"]]
        assert parse_qsl(body, keep_blank_values=True) == expected
    elif parameters["body"].lstrip()[:1] in ("{", "["):
        assert json.loads(body) == _strings(json.loads(parameters["body"]), values)
    elif (got.header("Content-Type") or "").startswith("application/x-www-form-urlencoded"):
        assert parse_qsl(body, keep_blank_values=True) == _pairs(parameters["body"], values, unquote_plus)
    else:
        assert body == _fill(parameters["body"], values)


def _justified(config: dict[str, Any], values: Values, error: RenderRefusedError) -> bool:
    """A refusal the config or the values really call for."""
    every_value = values.to + values.body
    reasons = {
        "CP303": any(c in every_value for c in "\r\n\0"),
        "CP221": any(c in every_value for c in "&+%"),
        "CP302": _has_bare_placeholder(config),
        "CP305": _declared_json_is_invalid(config),
    }
    return all(reasons.get(refusal.code, False) for refusal in error.refusals)


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _declared_json_is_invalid(config: dict[str, Any]) -> bool:
    parameters = config["parameters"]
    return parameters is not None and parameters["format"] == "json" and not _parses(blanked(parameters["body"]))


def _has_bare_placeholder(config: dict[str, Any]) -> bool:
    parameters = config["parameters"] or {}
    return any(True for _ in bare_placeholders(parameters.get("body", "")))


def _deliver(server: ProviderServer, name: str, values: Values, encoding: Encoding = Encoding.PLATFORM) -> bool:
    """True when the message was delivered intact, False when render refused it for a good reason."""
    config = _local(CONFIGS[name], server)
    try:
        rendered = render(read_provider(config), values, encoding)
    except RenderRefusedError as error:
        assert _justified(config, values, error), (name, values, error.refusals)
        return False
    server.received.clear()
    send(rendered.request, SendOptions(connect_timeout=5, read_timeout=5))
    assert len(server.received) == 1
    _assert_intact(config, values, server.received[0])
    return True


def test_the_fixtures_cover_every_place_a_value_goes() -> None:
    kinds = {("query" if "$$" in c["endpoint"] else c["parameters"]["format"]) for c in CONFIGS.values()}
    assert {"query", "form", "raw"} <= kinds
    assert len(CONFIGS) > 40


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_every_fixture_delivers_every_hard_message(server: ProviderServer, name: str) -> None:
    plain = _deliver(server, name, Values("919876543210", "plain text"))
    assert plain or _has_bare_placeholder(CONFIGS[name]) or _declared_json_is_invalid(CONFIGS[name]), \
        "a plain message must get through"
    delivered = [_deliver(server, name, Values("+91 98765-43210", message)) for message in MESSAGES]
    if name in READY:
        assert all(delivered)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("&=+%#\"\\\n\r👋नमस्तेمرحبا")),
                max_size=40)
_RECIPIENT = st.from_regex(r"\A\+?[0-9][0-9 -]{0,14}\Z")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(CONFIGS)), to=_RECIPIENT, message=_TEXT)
@example(name="ready-json", to="+1", message='"}, "to": "+1666"')
@example(name="ready-get", to="+1", message="&to=+1666#")
def test_generated_messages_arrive_intact(server: ProviderServer, name: str, to: str, message: str) -> None:
    _deliver(server, name, Values(to, message))


def test_verbatim_encoding_delivers_what_it_can_and_refuses_the_rest(server: ProviderServer) -> None:
    assert _deliver(server, "ready-get", Values("15551234567", "plain-text_ok"), Encoding.NONE)
    with pytest.raises(RenderRefusedError) as refused:
        render(read_provider(CONFIGS["ready-get"]), Values("15551234567", "a&b"), Encoding.NONE)
    assert [r.code for r in refused.value.refusals] == ["CP220"]


def test_verbatim_encoding_breaks_a_json_body_with_a_quote(server: ProviderServer) -> None:
    assert _deliver(server, "ready-json", Values("15551234567", "no quotes here"), Encoding.NONE)
    with pytest.raises(RenderRefusedError) as refused:
        render(read_provider(CONFIGS["ready-json"]), Values("15551234567", 'say "hi"'), Encoding.NONE)
    assert [r.code for r in refused.value.refusals] == ["CP302"]
