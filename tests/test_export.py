"""export: the config back as a request, and the round trip import(export(config)) == config.

The curl export is checked three ways: curlport's importer reads it back to the
same config; bash runs it unchanged and the real curl binary sends, through the
capture proxy, the request the config describes; and uncurl, an independent
parser, reads every one-line export it can (it stops the process on options it
does not know, such as --globoff, and reads $'…' quoting wrongly: those are
listed, not hidden).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import types
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl

import pytest
import uncurl
from capture import CapturedRequest, CaptureProxy
from click.testing import CliRunner
from fixture_cases import CONFIG_DIR, sendable
from hypothesis import given, settings
from hypothesis import strategies as st
from test_curl_truth import _assert_same_request

from curlport import import_curl
from curlport.cli import main
from curlport.preflight.export import export, export_curl, har_request
from curlport.preflight.provider import read_provider
from curlport.rules.base import mentions


def _fixture_configs() -> dict[str, dict[str, Any]]:
    """The committed configs pre-flight can send: not one whose endpoint is still the doc's template base."""
    configs = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(CONFIG_DIR.glob("*.json"))
               if path.name.count(".") == 1}
    return {name: config for name, config in configs.items() if sendable(config)}


CONFIGS = _fixture_configs()
needs_curl = pytest.mark.skipif(shutil.which("curl") is None or shutil.which("bash") is None,
                                reason="needs the curl binary and bash")


def _curl(config: dict[str, Any], one_line: bool = False) -> str:
    return export(read_provider(config), "curl", show_secrets=True, one_line=one_line)


def _round_trip(config: dict[str, Any], one_line: bool) -> dict[str, Any]:
    """The config curlport imports from its own export: exactly, without detection; and with detection too when
    the config already has both placeholders (a config without them is a sample, where detection places them)."""
    text = _curl(config, one_line)
    exact = import_curl(text, name=config["name"], placeholders="none").config
    if mentions(config, "$$To") and mentions(config, "$$Body"):
        assert import_curl(text, name=config["name"]).config == exact
    return exact


@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one-line"])
@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_every_fixture_round_trips(name: str, one_line: bool) -> None:
    assert _round_trip(CONFIGS[name], one_line) == CONFIGS[name]


# --- generated configs: the shapes the importer makes ----------------------------------------------------------

_VISIBLE = st.characters(min_codepoint=0x21, max_codepoint=0x7E)
# URL text with what bash, curl globbing and dot segments make special; header values with ^" and carets
# (which readers take for Windows cmd), non-ASCII; bodies and fields with any text but NUL (no shell word holds one)
_URL_CHARS = st.sampled_from([*"abcXYZ019-._~!$'()*,;:@", "$$To", "$$Body", "{x}", "%20"])
_URL_TEXT = st.lists(_URL_CHARS, min_size=1, max_size=6).map("".join)
_HEADER_NAME = st.from_regex(r"\AX-[A-Za-z0-9-]{1,12}\Z")
_HEADER_VALUE = st.lists(_VISIBLE | st.sampled_from([" ", "é", "👋", '^"', "curl.exe"]), max_size=12).map(
    lambda pieces: "".join(pieces).strip())
_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


@st.composite
def _configs(draw: st.DrawFn) -> dict[str, Any]:
    path = "/".join(draw(st.lists(_URL_TEXT, max_size=3)))
    query = "&".join(f"{draw(_URL_TEXT)}={draw(_URL_TEXT | st.just(''))}" for _ in range(draw(st.integers(0, 3))))
    endpoint = f"https://sms.example.com/{path}" + (f"?{query}" if query else "")
    headers = [{"key": k, "value": v} for k, v in draw(st.lists(st.tuples(_HEADER_NAME, _HEADER_VALUE), max_size=3))]
    kind = draw(st.sampled_from(["none", "form", "raw"]))
    parameters: dict[str, Any] | None = None
    if kind == "form":
        fields = draw(st.lists(st.tuples(_ANY_TEXT.filter(bool), _ANY_TEXT | st.sampled_from(["$$To", "$$Body"])),
                               min_size=1, max_size=4))
        parameters = {"format": "form", "fields": [{"key": k, "value": v} for k, v in fields]}
    elif kind == "raw":
        parameters = {"format": "raw", "body": draw(_ANY_TEXT)}
        content_type = draw(st.sampled_from([None, "application/json", "text/plain; charset=utf-8"]))
        if content_type:
            headers.insert(draw(st.integers(0, len(headers))), {"key": "Content-Type", "value": content_type})
        if content_type == "application/json":  # the current form's JSON type holds a body declared JSON
            parameters["format"] = "json"
    auth = None
    if draw(st.booleans()):
        auth = {"type": "basic", "username": draw(st.text(_VISIBLE.filter(lambda c: c != ":"), max_size=8)),
                "password": draw(st.text(_VISIBLE | st.just(" "), max_size=8))}
    return {"name": "generated", "method": draw(st.sampled_from(["GET", "POST"])), "endpoint": endpoint,
            "auth": auth, "headers": headers, "parameters": parameters}


@settings(max_examples=150, deadline=None)
@given(config=_configs(), one_line=st.booleans())
def test_generated_configs_round_trip(config: dict[str, Any], one_line: bool) -> None:
    assert _round_trip(config, one_line) == config


# --- the real curl binary ---------------------------------------------------------------------------------------

# An OAuth 2 export reads the token out of the token response with jq; the capture proxy answers "ok", so the
# test's bash has a jq that prints a token (the machine may have no jq at all).
_JQ_STAND_IN = "jq() { cat >/dev/null; echo token-from-the-token-url; }\n"


def _run_in_bash(proxy: CaptureProxy, command: str) -> list[CapturedRequest]:
    """bash runs the exported text as it is; each curl command only gains the proxy and a time limit."""
    proxy.requests.clear()
    assert command.startswith(("curl ", "ACCESS_TOKEN=$(curl "))
    options = f"curl --max-time 5 --proxy {proxy.address} "
    script = _JQ_STAND_IN + command.replace("$(curl ", "$(" + options, 1)
    if script.count("\ncurl ") == 1:
        script = script.replace("\ncurl ", f"\n{options}--silent --output /dev/null ", 1)
    environment = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    subprocess.run(["bash", "-c", script], env=environment, timeout=15, check=False,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert proxy.requests, f"curl sent nothing for {command!r}"
    # http.server reads header bytes as Latin-1; curl sent the UTF-8 of the config's text
    return [replace(sent, headers=[(k, v.encode("latin-1").decode("utf-8")) for k, v in sent.headers])
            for sent in proxy.requests]


def _assert_sends(config: dict[str, Any], sent: list[CapturedRequest]) -> None:
    """The call is the config's request; with OAuth 2 a client-credentials token request comes first."""
    auth = config["auth"]
    if auth is not None and auth["type"] == "oauth2":
        token, call = sent
        assert (token.method, token.url) == ("POST", auth["token_url"])
        basic = base64.b64encode(f"{auth['client_id']}:{auth['client_secret']}".encode()).decode()
        assert ("Authorization", f"Basic {basic}") in token.headers
        assert parse_qsl(token.body.decode())[0] == ("grant_type", "client_credentials")
        assert ("Authorization", "Bearer token-from-the-token-url") in call.headers
        sent = [call]
    (request,) = sent
    _assert_same_request(config, request)


def _over_http(config: dict[str, Any]) -> dict[str, Any]:
    """https:// as http://, so that the proxy sees the request instead of a tunnel."""
    endpoint, auth = config["endpoint"], config.get("auth")
    if auth is not None and auth.get("type") == "oauth2":
        auth = {**auth, "token_url": "http://" + auth["token_url"].split("://", 1)[1]}
    return {**config, "endpoint": "http://" + endpoint.split("://", 1)[1], "auth": auth}


@needs_curl
@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one-line"])
@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_bash_runs_the_export_and_curl_sends_the_config(proxy: CaptureProxy, name: str, one_line: bool) -> None:
    config = _over_http(CONFIGS[name])
    _assert_sends(config, _run_in_bash(proxy, _curl(config, one_line)))


@needs_curl
@settings(max_examples=25, deadline=None)
@given(config=_configs())
def test_curl_sends_generated_configs(proxy: CaptureProxy, config: dict[str, Any]) -> None:
    config = _over_http(config)
    _assert_sends(config, _run_in_bash(proxy, _curl(config)))


# --- uncurl: an independent second reading ----------------------------------------------------------------------

def _uncurl_limit(config: dict[str, Any], command: str) -> str | None:
    """Why uncurl cannot read a one-line export, or None when it can."""
    if "--globoff" in command or "--path-as-is" in command:
        return "uncurl's argparse exits the process on options it does not know"
    if "$'" in command:
        return "uncurl's shlex does not read bash's $'...' quoting"
    if any(not h["value"] for h in config["headers"]):
        return "uncurl fails on an empty header written -H 'Name;'"
    if config["auth"] is not None and config["auth"]["type"] == "oauth2":
        return "an OAuth 2 export is two commands (the token request, then the call); uncurl reads one"
    if config["auth"] is not None and ":" in config["auth"]["password"]:
        return "uncurl splits -u user:password on every colon"
    return None


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_uncurl_reads_the_one_line_export_as_the_config(name: str) -> None:
    config = CONFIGS[name]
    command = _curl(config, one_line=True)
    if _uncurl_limit(config, command):
        with pytest.raises((SystemExit, AssertionError, ValueError)):
            _assert_uncurl_reading(config, command)
        return
    _assert_uncurl_reading(config, command)


def _assert_uncurl_reading(config: dict[str, Any], command: str) -> None:
    reading = uncurl.parse_context(command)
    assert reading.method == config["method"].lower()
    assert reading.url == config["endpoint"]
    headers = {h["key"]: h["value"] for h in config["headers"] if h["key"].lower() != "cookie"}
    parameters = config["parameters"]
    if parameters is not None and parameters["format"] == "raw" and not any(
            h["key"].lower() == "content-type" for h in config["headers"]):
        headers["Content-Type"] = ""
    assert dict(reading.headers) == headers
    if config["auth"] is not None:
        assert reading.auth == (config["auth"]["username"], config["auth"]["password"])
    if parameters is None:
        assert reading.data is None
    elif parameters["format"] == "form":
        assert parse_qsl(reading.data, keep_blank_values=True) == [(f["key"], f["value"]) for f in parameters["fields"]]
    else:
        assert reading.data == parameters["body"] or (reading.data is None and parameters["body"] == "")


def test_uncurl_reads_most_fixtures() -> None:
    limited = sorted(name for name, config in CONFIGS.items() if _uncurl_limit(config, _curl(config, one_line=True)))
    # most are JSON bodies written on several lines: a one-line export writes their line breaks as $'\n'
    assert limited == [
        "auth-user-password", "bandwidth-messages", "brevo-transactional-sms", "bulkgate-transactional", "clicksend-v3",
        "crlf-json-body", "d7-messages", "descomsms-send", "gupshup-bracket-template", "json-typo-trailing-comma",
        "mailjet-sms", "msg91",
        "oauth2-token-pair", "oauth2-token-substitution", "plivo", "powershell-double-quotes", "quote-empty-argument",
        "simpu-sms", "sinch-batches", "telnyx-braces-template", "telnyx-messages", "termii-send", "unimtx-otp-es",
        "vonage-messages", "zenvia-sms"]
    assert len(CONFIGS) - len(limited) > 100


# --- python, har, httpie -----------------------------------------------------------------------------------------

def _run_python_export(text: str) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    """Run the snippet against a stand-in requests module that records its calls."""
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    class Response:
        status_code, text = 200, "{}"

        def raise_for_status(self) -> None:
            return None

        def json(self) -> dict[str, str]:
            return {"access_token": "tok-123"}

    def record(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Response:
            calls.append((name, args, kwargs))
            return Response()
        return call

    stand_in = types.ModuleType("requests")
    stand_in.request = record("request")  # type: ignore[attr-defined]
    stand_in.post = record("post")  # type: ignore[attr-defined]
    saved = sys.modules.get("requests")
    sys.modules["requests"] = stand_in
    try:
        exec(compile(text, "<export>", "exec"), {"print": lambda *args: None})
    finally:
        if saved is None:
            del sys.modules["requests"]
        else:
            sys.modules["requests"] = saved
    return calls


@pytest.mark.parametrize("name", sorted(n for n in CONFIGS if (CONFIGS[n]["auth"] or {}).get("type") != "oauth2"))
def test_python_export_makes_the_request(name: str) -> None:  # OAuth 2: see the test after this one
    config = CONFIGS[name]
    [(function, args, kwargs)] = _run_python_export(export(read_provider(config), "python", show_secrets=True))
    assert function == "request" and args == (config["method"], config["endpoint"])
    assert kwargs.get("headers", {}) == {h["key"]: h["value"] for h in config["headers"]}
    auth = config["auth"]
    assert kwargs.get("auth") == ((auth["username"], auth["password"]) if auth else None)
    parameters = config["parameters"]
    if parameters is None:
        assert "data" not in kwargs
    elif parameters["format"] == "form":
        assert kwargs["data"] == [(f["key"], f["value"]) for f in parameters["fields"]]
    else:
        assert kwargs["data"] == parameters["body"].encode()
    assert kwargs["allow_redirects"] is False


OAUTH2 = {
    "name": "oauth", "method": "POST", "endpoint": "https://api.example.com/sms",
    "auth": {"type": "oauth2", "token_url": "https://auth.example.com/token", "client_id": "cid",
             "client_secret": "s3cret-value", "extra": [{"key": "scope", "value": "sms"}]},
    "headers": [], "parameters": {"format": "json", "body": '{"to": "$$To", "text": "$$Body"}'},
}


def test_python_export_fetches_an_oauth2_token_first() -> None:
    calls = _run_python_export(export(read_provider(OAUTH2), "python", show_secrets=True))
    assert [name for name, _, _ in calls] == ["post", "request"]
    assert calls[0][1] == ("https://auth.example.com/token",)
    assert dict(calls[0][2]["data"]) == {"grant_type": "client_credentials", "client_id": "cid",
                                         "client_secret": "s3cret-value", "scope": "sms"}
    assert calls[1][2]["headers"] == {"Content-Type": "application/json", "Authorization": "Bearer tok-123"}


def test_oauth2_curl_export_fetches_the_token_first_and_masks_the_secret() -> None:
    text = export(read_provider(OAUTH2), "curl")
    token_request, call = text.split("\ncurl ")
    assert token_request.startswith("ACCESS_TOKEN=$(curl -s https://auth.example.com/token \\\n  -u 'cid:******")
    assert "--data-raw grant_type=client_credentials" in token_request and "--data-raw scope=sms" in token_request
    assert token_request.endswith(" | jq -r .access_token)")
    assert "-H \"Authorization: Bearer $ACCESS_TOKEN\"" in call and "-H 'Content-Type: application/json'" in call
    assert "s3cret" not in text
    assert "s3cret" not in export(read_provider(OAUTH2), "python")


_HAR_REQUEST_FIELDS = {"method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_har_export_is_a_har_1_2_request(name: str) -> None:
    config = CONFIGS[name]
    har = har_request(read_provider(config), show_secrets=True)
    assert set(har) >= _HAR_REQUEST_FIELDS and har["method"] == config["method"] and har["url"] == config["endpoint"]
    assert all(set(h) == {"name", "value"} for h in har["headers"])  # type: ignore[attr-defined]
    parameters = config["parameters"]
    if parameters is None:
        assert "postData" not in har
    elif parameters["format"] == "form":
        post = har["postData"]
        assert [(p["name"], p["value"]) for p in post["params"]] == [(f["key"], f["value"])  # type: ignore[index]
                                                                      for f in parameters["fields"]]
        assert parse_qsl(post["text"], keep_blank_values=True) == [(p["name"], p["value"])  # type: ignore[index]
                                                                   for p in post["params"]]  # type: ignore[index]
    else:
        assert har["postData"]["text"] == parameters["body"]  # type: ignore[index]


def _shell_words(command: str) -> list[str]:
    """How bash splits the command: bash itself prints each word (the command's program replaced by printf)."""
    program, _, arguments = command.partition(" ")
    result = subprocess.run(["bash", "-c", "printf '%s\\0' " + arguments], capture_output=True, check=True,
                            timeout=10)
    return [program, *result.stdout.decode("utf-8").split("\0")[:-1]]


def _httpie_items(text: str) -> tuple[list[str], list[str]]:
    words = _shell_words(text.rstrip("\n"))
    method_index = next(i for i, w in enumerate(words) if w in ("GET", "POST"))
    return words[: method_index + 2], words[method_index + 2 :]


@needs_curl
@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_httpie_export_has_the_method_url_headers_and_fields(name: str) -> None:
    config = CONFIGS[name]
    head, items = _httpie_items(export(read_provider(config), "httpie", show_secrets=True))
    assert head[-2:] == [config["method"], config["endpoint"]]
    headers = [f"{h['key']}:{h['value']}" if h["value"] else f"{h['key']};" for h in config["headers"]]
    assert items[: len(headers)] == headers
    parameters = config["parameters"]
    if parameters is not None and parameters["format"] == "form":
        assert "--form" in head
        assert len(items) - len(headers) == len(parameters["fields"])
    elif parameters is not None:
        assert head[head.index("--raw") + 1] == parameters["body"]


# --- the command ------------------------------------------------------------------------------------------------

def test_export_masks_credentials_unless_asked() -> None:
    path = str(CONFIG_DIR / "ready-json.json")
    masked = CliRunner().invoke(main, ["export", path, "--one-line"])
    assert masked.exit_code == 0 and "-u 'clevertap:********'" in masked.stdout
    assert "--show-secrets" in masked.stderr
    shown = CliRunner().invoke(main, ["export", path, "--one-line", "--show-secrets"])
    assert "********" not in shown.stdout and shown.stderr == ""


def test_export_reads_a_curl_command_and_needs_no_placeholders() -> None:
    result = CliRunner().invoke(main, ["export", "-", "--format", "har"],
                                input="curl https://sms.example.com/send -d 'a=1&b=2'")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["postData"]["params"][0] == {"name": "a", "value": "1"}


def test_export_of_a_broken_config_is_a_located_finding(tmp_path: Any) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "method": "PUT", "endpoint": "https://x.example"\n}\n')
    result = CliRunner().invoke(main, ["export", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2:14: CP501 error:" in result.stderr


def test_export_curl_is_the_function_the_command_uses() -> None:
    provider = read_provider(CONFIGS["ready-form"])
    assert export(provider, "curl", show_secrets=True) == export_curl(provider)
