"""Issue 21's reproducers as data, one harness per kind: credentials in no output, a send that cannot be turned
against the user, the web server's and the files' edge cases.

A leak case is files, a command line and a credential: the harness runs the command and asserts that no six
characters in a row of the credential appear in what it printed (a cut-off quote of a secret leaks too). Every
credential below is random-looking, so that six of its characters never occur by chance in curlport's words.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from provider_server import Answer, Received, _handler, provider_server, serve_in_thread

from curlport.cli import main
from curlport.preflight.destinations import DestinationError, Destinations, refusal, resolved
from curlport.preflight.render import HttpRequest
from curlport.preflight.send import HeaderRefusedError, NetworkError, SendOptions, send

WINDOW = 6


def run(args: list[str], folder: Path, stdin: str | None = None) -> tuple[int, str]:
    """A command's exit code and everything it printed but ``import``'s config on stdout (with its credentials: that
    is the product); an exception out of it fails the test."""
    result = CliRunner().invoke(main, [arg.replace("{d}", str(folder)) for arg in args], input=stdin)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, ("" if args[0] == "import" else result.stdout) + result.stderr


def leaked(secret: str, output: str) -> str | None:
    """The first run of ``WINDOW`` characters of the secret found in the output, or None."""
    return next((secret[i:i + WINDOW] for i in range(len(secret) - WINDOW + 1) if secret[i:i + WINDOW] in output),
                None)


def _config(**changes: Any) -> str:
    config: dict[str, Any] = {
        "name": "acme", "method": "POST", "endpoint": "https://sms.example.com/send", "auth": None, "headers": [],
        "parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"},
                                                    {"key": "text", "value": "$$Body"}]},
    }
    return json.dumps({**config, **changes}, indent=2, ensure_ascii=False) + "\n"


class Leak(NamedTuple):
    id: str
    files: dict[str, str]
    commands: list[list[str]]
    secret: str


_VALUES = ["--to", "+15551234567", "--body", "hi"]
_EVERY_VIEW = [["lint", "--isolated", "{d}/c.json"], ["show", "{d}/c.json"],
               *(["render", "{d}/c.json", *_VALUES, "--format", f] for f in ("http", "json", "curl")),
               *(["export", "{d}/c.json", "--format", f] for f in ("curl", "python", "har", "httpie")),
               ["send", "{d}/c.json", *_VALUES, "--dry-run", "--yes"]]
_MULTILINGUAL = ["appkey", "passwort", "pw", "userkey", "passcode", "senha", "clave", "licensekey", "Contraseña",
                 "motDePasse", "wachtwoord", "Schlüssel", "пароль", "smsPw"]
_BASIC = base64.b64encode(b"acct:Zq8vK2mX9pL4wR7t").decode()


def _named(name: str, place: str, secret: str) -> str:
    """A config with ``secret`` under ``name`` in a form field, a header or a JSON body member."""
    if place == "form":
        return _config(parameters={"format": "form", "fields": [
            {"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}, {"key": name, "value": secret}]})
    if place == "header":
        return _config(headers=[{"key": name, "value": secret}])
    body = json.dumps({"to": "$$To", "text": "$$Body", name: secret}, ensure_ascii=False)
    return _config(parameters={"format": "json", "body": body})


def _places(name: str) -> tuple[str, ...]:
    """Where a credential of this name can be: a header name is ASCII (a token), a field or member any text."""
    return ("form", "header", "json") if name.isascii() else ("form", "json")


LEAKS = [
    Leak("second-url", {"p.curl": "curl https://a.example/send -d to=1 -d text=hi "
                                  "'https://other.example/x?key=Hq3nV8cX2bL6kP9s'\n"},
         [["lint", "--isolated", "{d}/p.curl"], ["import", "{d}/p.curl"],
          *(["lint", "--isolated", "--output-format", f, "{d}/p.curl"] for f in ("json", "sarif", "github"))],
         "Hq3nV8cX2bL6kP9s"),
    Leak("second-url-cut-off", {"p.curl": "curl https://a.example/send -d to=1 -d text=hi "
                                          "'https://other.example/a/b/c?token=Wm4tY7uR1eQ5zX8c'\n"},
         [["lint", "--isolated", "{d}/p.curl"], ["import", "{d}/p.curl"]], "Wm4tY7uR1eQ5zX8c"),
    Leak("diff-basic-header", {"c.json": _config(headers=[{"key": "Authorization", "value": f"Basic {_BASIC}"}])},
         [["lint", "--isolated", "--diff", "{d}/c.json"], ["lint", "--isolated", "--diff", "--unsafe-fixes",
                                                          "{d}/c.json"]], _BASIC),
    Leak("diff-basic-password", {"c.json": _config(headers=[{"key": "Authorization", "value": f"Basic {_BASIC}"}])},
         [["lint", "--isolated", "--diff", "--unsafe-fixes", "{d}/c.json"]], "Zq8vK2mX9pL4wR7t"),
    Leak("oauth-token-url-key", {"c.json": _config(auth={
        "type": "oauth2", "token_url": "https://auth.example.com/token?key=Tk9pQ2wE7rT5yU3i", "client_id": "cid",
        "client_secret": "Cs4dF6gH8jK2lZ1x"})}, _EVERY_VIEW, "Tk9pQ2wE7rT5yU3i"),
    Leak("oauth-client-secret", {"c.json": _config(auth={
        "type": "oauth2", "token_url": "https://auth.example.com/token", "client_id": "cid",
        "client_secret": "Cs4dF6gH8jK2lZ1x"})}, _EVERY_VIEW, "Cs4dF6gH8jK2lZ1x"),
    *(Leak(f"name-{name}-{place}", {"c.json": _named(name, place, "aP3xQ9mZ")}, _EVERY_VIEW, "aP3xQ9mZ")
      for name in _MULTILINGUAL for place in _places(name)),
    Leak("shape-unnamed-header", {"c.json": _config(headers=[{"key": "X-Provider", "value": "9fK2pL7qW3eR5tY8uI1o"}])},
         _EVERY_VIEW, "9fK2pL7qW3eR5tY8uI1o"),
    Leak("shape-unnamed-field", {"c.json": _named("account", "form", "Jd8sK3lQ9wE2rT6yU1i")}, _EVERY_VIEW,
         "Jd8sK3lQ9wE2rT6yU1i"),
    Leak("ansi-c-quoted-password", {"p.curl": "curl -u $'acct:p\\x41ss w0rdQz9Lm' https://x.example/send -X PUT "
                                              "-d to=1\n"},
         [["import", "{d}/p.curl"], ["lint", "--isolated", "{d}/p.curl"]], "w0rdQz9Lm"),
    Leak("cookie", {"p.curl": "curl -b 'sid=Ck8sJ3nB5vM2xZ' https://x.example/send -X PUT -d to=1\n"},
         [["import", "{d}/p.curl"], ["lint", "--isolated", "{d}/p.curl"]], "Ck8sJ3nB5vM2xZ"),
    Leak("bearer-in-broken-json", {"c.json": '{"name":"a","method":"POST","endpoint":"https://x.example/s","headers":'
                                             '[{"key":"Authorization","value":"Bearer Rt6yU8iO2pA4sD"}],, }\n'},
         [["lint", "--isolated", "{d}/c.json"], ["render", "{d}/c.json", *_VALUES], ["show", "{d}/c.json"],
          ["lint", "--isolated", "--output-format", "json", "{d}/c.json"]], "Rt6yU8iO2pA4sD"),
    Leak("lone-surrogate-in-broken-json", {"c.json": '{"headers": [{"key": "api_secret", "value": "Lq7wE4rT\\udc00"'
                                                     '}],, }\n'},
         [["lint", "--isolated", "{d}/c.json"], ["show", "{d}/c.json"]], "Lq7wE4rT"),
    Leak("lone-surrogate-password",
         {"c.json": _config(auth={"type": "basic", "username": "a", "password": "Pm3nB8vC\udc00"})
          .replace("\udc00", "\\udc00")}, _EVERY_VIEW, "Pm3nB8vC"),
    Leak("api-key-in-json-body-string", {"p.curl": "curl https://x.example/send -H 'Content-Type: application/json' "
                                                   "-d '{\"to\":\"1\",\"text\":\"hi\",\"apiKey\":\"Jb4kR8tP2wQ6\"'\n"},
         [["import", "{d}/p.curl"], ["lint", "--isolated", "{d}/p.curl"]], "Jb4kR8tP2wQ6"),
]


@pytest.mark.parametrize("case", LEAKS, ids=[case.id for case in LEAKS])
def test_no_credential_leaves_in_any_output(tmp_path: Path, case: Leak) -> None:
    for name, text in case.files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for command in case.commands:
        _code, output = run(command, tmp_path)
        assert "internal error" not in output, (command, output)
        assert leaked(case.secret, output) is None, (command, output)


WEB_CASES = [case for case in LEAKS if "c.json" in case.files or case.id.startswith("second-url")]


@pytest.mark.parametrize("case", WEB_CASES, ids=[case.id for case in WEB_CASES])
def test_no_credential_leaves_in_the_web_answers(case: Leak) -> None:
    """The page's answers, but the config and the text the user sent (the page masks those by the places in
    ``secrets``): findings, the rendered request, its HTTP text."""
    [text] = case.files.values()
    client = _client()
    for path, extra in (("/api/render", {"values": {"to": "+15551234567", "body": "hi"}}), ("/api/lint", {}),
                        ("/api/import", {})):
        answer = client.post(path, json={"text": text, **extra}).json()
        shown = _shown({key: value for key, value in answer.items() if key not in ("config", "config_json", "secrets")})
        assert leaked(case.secret, json.dumps(shown, ensure_ascii=False)) is None, (path, shown)


def _shown(value: Any) -> Any:
    """An answer without what the page's Copy buttons copy (``{"text": …, "shown": …}``: the value as it is, like the
    config), which the page never displays: what is left is what it shows."""
    if isinstance(value, dict):
        if set(value) == {"text", "shown"}:
            return value["shown"]
        return {key: _shown(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shown(item) for item in value]
    return value


SHOWN = [case for case in LEAKS if case.id.startswith(("name-", "shape-", "oauth-"))]


@pytest.mark.parametrize("case", SHOWN, ids=[case.id for case in SHOWN])
def test_the_leak_cases_print_the_credential_when_asked(tmp_path: Path, case: Leak) -> None:
    """Not vacuous: where the views mask the credential, --show-secrets prints it."""
    (tmp_path / "c.json").write_text(case.files["c.json"], encoding="utf-8")
    shown = run(["show", "{d}/c.json", "--show-secrets"], tmp_path)[1] + \
        run(["export", "{d}/c.json", "--format", "curl", "--show-secrets"], tmp_path)[1]
    assert case.secret in shown or json.dumps(case.secret, ensure_ascii=False)[1:-1] in shown


# --- send: every message masked by the config's credential places -----------------------------------------------

SEND_KEY = "Sk7dL2fG9hJ4kM1n"


def _send(tmp_path: Path, config: str, *flags: str) -> tuple[int, str]:
    (tmp_path / "c.json").write_text(config, encoding="utf-8")
    return run(["send", "{d}/c.json", *_VALUES, "--yes", *flags], tmp_path)


class SendLeak(NamedTuple):
    id: str
    answer: Callable[[Received], Answer]
    flags: tuple[str, ...]


SEND_LEAKS = [
    SendLeak("redirect-to-ftp", lambda r: Answer(302, b"", (("Location", f"ftp://files.example/?key={SEND_KEY}"),)),
             ("--follow",)),
    SendLeak("redirect-loop", lambda r: Answer(302, b"", (("Location", f"/send?apikey={SEND_KEY}&n=1"),)),
             ("--follow",)),
    SendLeak("redirect-not-followed", lambda r: Answer(302, b"", (("Location", f"/x?apikey={SEND_KEY}"),)), ()),
    SendLeak("echoed-body", lambda r: Answer(400, f"bad key {SEND_KEY}\nline two".encode()), ()),
]


@pytest.mark.parametrize("case", SEND_LEAKS, ids=[case.id for case in SEND_LEAKS])
def test_send_messages_mask_the_configs_credentials(tmp_path: Path, case: SendLeak) -> None:
    with provider_server(case.answer) as server:
        code, output = _send(tmp_path, _config(endpoint=server.url(f"/send?apikey={SEND_KEY}&to=$$To&t=$$Body"),
                                               method="GET", parameters=None), *case.flags)
    assert code in (1, 2) and "internal error" not in output
    assert server.received  # it was sent: the masking is of what came back
    assert leaked(SEND_KEY, output) is None, output


def test_a_token_error_is_one_masked_bounded_line(tmp_path: Path) -> None:
    secret = "Cs4dF6gH8jK2lZ1x"
    body = (f"error: invalid_client\nclient_secret={secret}\nkey={SEND_KEY}\n" + "x" * 5000).encode()
    with provider_server(lambda r: Answer(401, body)) as server:
        code, output = _send(tmp_path, _config(endpoint=server.url("/send"), auth={
            "type": "oauth2", "token_url": server.url(f"/token?key={SEND_KEY}"), "client_id": "cid",
            "client_secret": secret}))
    error = [line for line in output.splitlines() if line.startswith("error:")]
    assert code == 1 and len(error) == 1 and len(error[0]) < 400
    assert leaked(secret, output) is None and leaked(SEND_KEY, output) is None, output


# --- send: redirects, the total deadline, IP literals, destinations, headers ----------------------------------------

def _request(url: str, body: str | None = None, *headers: tuple[str, str]) -> HttpRequest:
    return HttpRequest("POST" if body is not None else "GET", url, headers, body)


def test_a_307_to_another_port_never_resends_a_body_with_credentials() -> None:
    with provider_server(lambda r: Answer()) as other, \
            provider_server(lambda r: Answer(307, b"", (("Location", other.url("/there")),))) as first:
        request = _request(first.url("/send"), f"to=1&apikey={SEND_KEY}",
                           ("Content-Type", "application/x-www-form-urlencoded"))
        with pytest.raises(NetworkError) as refused:
            send(request, SendOptions(follow=True, secrets=frozenset({SEND_KEY})))
    assert other.received == [] and SEND_KEY not in refused.value.message


def test_a_redirect_to_another_port_drops_the_credentials_as_curl_does() -> None:
    with provider_server(lambda r: Answer()) as other, \
            provider_server(lambda r: Answer(302, b"", (("Location", other.url("/there")),))) as first:
        send(_request(first.url("/send"), None, ("Authorization", "Basic YWNjdDpwdw=="), ("X-Api-Key", SEND_KEY)),
             SendOptions(follow=True))
    assert first.received[0].header("Authorization") and first.received[0].header("X-Api-Key")
    [there] = other.received
    assert there.header("Authorization") is None and there.header("X-Api-Key") is None


@contextmanager
def dripping(interval: float) -> Iterator[int]:
    """A server on 127.0.0.1 that answers headers, then one byte of the body every ``interval`` seconds."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
            while not stop.wait(interval):
                try:
                    connection.sendall(b"x")
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=10)


def test_a_provider_that_drips_ends_at_the_total_deadline() -> None:
    with dripping(0.2) as port:
        started = time.monotonic()
        with pytest.raises(NetworkError) as timed_out:
            send(_request(f"http://127.0.0.1:{port}/send"), SendOptions(read_timeout=30, total_timeout=1.0))
    assert "whole exchange" in timed_out.value.message and "\n" not in timed_out.value.message
    assert time.monotonic() - started < 20  # the read timeout (30 s) never fired: every byte reset it


@contextmanager
def ipv6_provider() -> Iterator[tuple[int, list[Received]]]:
    received: list[Received] = []

    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6

    server = Server(("::1", 0), _handler(lambda r: Answer(200, b"ok"), received))
    serve_in_thread(server)
    try:
        yield server.server_address[1], received
    finally:
        server.shutdown()
        server.server_close()


def test_ip_literal_endpoints_work_with_their_brackets() -> None:
    with provider_server(lambda r: Answer(200, b"ok")) as server:
        mapped = send(_request(f"http://[::ffff:127.0.0.1]:{server.port}/send"), SendOptions())
    assert mapped.response.status == 200 and server.received[0].header("Host") == f"[::ffff:127.0.0.1]:{server.port}"
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    with ipv6_provider() as (port, received):
        answer = send(_request(f"http://[::1]:{port}/send"), SendOptions())
    assert answer.response.status == 200 and received[0].header("Host") == f"[::1]:{port}"


METADATA_SPELLINGS = ["169.254.169.254", "2852039166", "0xa9fea9fe", "0xa9.0xfe.0xa9.0xfe", "0251.0376.0251.0376",
                      "[::ffff:169.254.169.254]", "[::ffff:a9fe:a9fe]", "[fd00:ec2::254]", "[fe80::1]", "169.254.1.1",
                      "100.100.100.200"]


@pytest.mark.parametrize("host", METADATA_SPELLINGS)
def test_link_local_and_metadata_addresses_are_refused_in_every_spelling(host: str) -> None:
    with pytest.raises(DestinationError) as refused:
        send(_request(f"http://{host}/latest/meta-data/"), SendOptions(connect_timeout=0.5, total_timeout=2))
    assert "--allow-link-local" in refused.value.message
    name = host.strip("[]")
    assert refusal(resolved(name, 80, Destinations(link_local=True))[0][0], 80, Destinations(link_local=True)) is None


def test_loopback_and_private_need_the_pages_flag_and_the_server_itself_is_never_a_destination() -> None:
    page = Destinations(private=False, server=("127.0.0.1", 8765))
    assert resolved("127.0.0.1", 9000, Destinations())  # the CLI: allowed
    for host in ("127.0.0.1", "10.1.2.3", "192.168.0.10", "::1", "0.0.0.0"):
        with pytest.raises(DestinationError, match="allow_private"):
            resolved(host, 9000, page)
    allowed = Destinations(private=True, server=("127.0.0.1", 8765))
    for host in ("127.0.0.1", "::ffff:127.0.0.1", "0.0.0.0", "localhost"):
        with pytest.raises(DestinationError, match="itself"):
            resolved(host, 8765, allowed)
    assert resolved("127.0.0.1", 8766, allowed)


def test_the_page_never_sends_to_its_own_server() -> None:
    from curlport.web.api import send_answer

    text = "curl http://127.0.0.1:8765/api/import -d to=$$To -d text=$$Body"
    payload = {"text": text, "values": {"to": "1", "body": "hi"}, "confirm_host": "127.0.0.1", "allow_private": True}
    answer = send_answer(payload, server=("127.0.0.1", 8765))
    assert not answer["sent"] and "itself" in answer["error"] and answer["exit_code"] == 2


CR_LF_HEADERS = {
    "value": [{"key": "X-A", "value": "v\r\nX-Injected: 1"}],
    "name": [{"key": "Bad Name", "value": "x"}],
    "name-colon": [{"key": "X-A: b", "value": "x"}],
    "nul": [{"key": "X-A", "value": "a\u0000b"}],
}


@pytest.mark.parametrize("headers", CR_LF_HEADERS.values(), ids=list(CR_LF_HEADERS))
def test_render_and_send_refuse_a_header_that_is_not_one_with_cp211(tmp_path: Path,
                                                                   headers: list[dict[str, str]]) -> None:
    config = json.loads(_config(headers=headers))
    text = "{\n" + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in config.items()) + "\n}\n"
    (tmp_path / "c.json").write_text(text, encoding="utf-8")
    header_line = next(n for n, line in enumerate(text.splitlines(), 1) if '"headers"' in line)
    for command in (["render", "{d}/c.json", *_VALUES], ["send", "{d}/c.json", *_VALUES, "--yes"]):
        code, output = run(command, tmp_path)
        assert code == 1 and not [line for line in output.splitlines() if line.startswith("X-Injected")]
        assert f"c.json:{header_line}:" in output and "CP211" in output, output


def test_send_refuses_a_token_with_a_line_break(tmp_path: Path) -> None:
    token = json.dumps({"access_token": "abc\r\nX-Evil: 1"}).encode()
    with provider_server(lambda r: Answer(200, token if r.target.startswith("/token") else b"ok")) as server:
        code, output = _send(tmp_path, _config(endpoint=server.url("/send"), auth={
            "type": "oauth2", "token_url": server.url("/token"), "client_id": "cid", "client_secret": "s3cr3t-xyz"}))
    assert code == 1 and "CP211" in output and [r.target for r in server.received] == ["/token"]
    with pytest.raises(HeaderRefusedError):
        send(_request("http://127.0.0.1:9/x", None, ("X-A", "a\nb")), SendOptions())


# --- the web server ------------------------------------------------------------------------------------------------

def _client(host: str = "127.0.0.1", names: tuple[str, ...] = (), base: str = "http://127.0.0.1") -> Any:
    from starlette.testclient import TestClient

    from curlport.web.server import create_app

    return TestClient(create_app(host, host_names=names), base_url=base, raise_server_exceptions=False)


NOT_500 = [
    ("/api/import", {"text": "curl https://x.example/s -d to=1 -d text=\ud800"}),
    ("/api/lint", {"text": "curl https://x.example/s -d to=1 -d text=\ud800"}),
    ("/api/fix", {"text": '{"name": "\ud800"}'}),
    ("/api/render", {"text": "curl https://x.example/s -d to=$$To -d text=$$Body",
                     "values": {"to": "\ud800", "body": "hi"}}),
    ("/api/lint", {"text": "{\"name\": \"\\ud800\"}"}),
]


@pytest.mark.parametrize(("path", "body"), NOT_500, ids=[f"{p}-{i}" for i, (p, _) in enumerate(NOT_500)])
def test_input_that_passed_the_checks_is_never_a_500(path: str, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()  # ensure_ascii: the lone surrogate travels as \ud800, as a browser's JSON does
    answer = _client().post(path, content=data, headers={"Content-Type": "application/json"})
    assert answer.status_code in (200, 400), answer.text


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_refused(constant: str) -> None:
    data = ('{"text": "curl https://x.example/s -d to=$$To -d text=$$Body", "values": {"to": "1", "body": "hi"}, '
            f'"confirm_host": "x.example", "connect_timeout": {constant}}}').encode()
    answer = _client().post("/api/send", content=data, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "bad-request"


def test_a_wildcard_bind_keeps_the_host_check_with_the_names_allowed() -> None:
    assert _client("0.0.0.0", ("box.lan",), "http://rebound.example").get("/api/rules").status_code == 403
    assert _client("0.0.0.0", ("box.lan",), "http://box.lan:8765").get("/api/rules").status_code == 200
    assert _client("0.0.0.0", (), "http://localhost:8765").get("/api/rules").status_code == 200
    assert _client("::", (), "http://192.168.1.5:8765").get("/api/rules").status_code == 403


@contextmanager
def served(request_seconds: float = 20.0) -> Iterator[int]:
    from curlport.web.server import bind, make_server

    sock = bind("127.0.0.1", 0)
    server = make_server("127.0.0.1", request_seconds=request_seconds)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive()
        time.sleep(0.01)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _raw(port: int, data: bytes) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", port), timeout=10)
    client.sendall(data)
    return client


@pytest.mark.parametrize("half", [b"POST /api/lint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty",
                                  b"POST /api/lint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                  b"Content-Length: 100\r\n\r\n{\"text\": "])
def test_a_half_sent_request_is_closed_at_its_deadline(half: bytes) -> None:
    with served(request_seconds=0.3) as port, _raw(port, half) as client:
        assert client.recv(65536).split(b"\r\n", 1)[0] in (b"", b"HTTP/1.1 400 Bad Request")  # closed, not held


def test_a_client_gone_mid_body_is_one_log_line(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="curlport.web")
    with served() as port:
        _raw(port, b"POST /api/lint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   b"Content-Length: 1000\r\n\r\n{\"text\": ").close()
        for _ in range(1000):
            if any("went away" in record.getMessage() for record in caplog.records):
                break
            time.sleep(0.01)
    records = [r for r in caplog.records if r.name.startswith("curlport")]
    assert [r.levelno for r in records] == [logging.WARNING] and records[0].exc_info is None


# --- files --------------------------------------------------------------------------------------------------------

_FIXABLE = _config(headers=[{"key": "Authorization", "value": f"Basic {_BASIC}"}])


class FileCase(NamedTuple):
    id: str
    prepare: Callable[[Path], None]
    command: list[str]
    code: int
    says: str


def _read_only(folder: Path) -> None:
    (folder / "c.json").write_text(_FIXABLE, encoding="utf-8")
    (folder / "c.json").chmod(0o444)


def _hard_linked(folder: Path) -> None:
    (folder / "c.json").write_text(_FIXABLE, encoding="utf-8")
    os.link(folder / "c.json", folder / "other-name.json")


def _dangling(folder: Path) -> None:
    (folder / "p.curl").write_text("curl https://a.example/s -d to=$$To -d text=$$Body\n", encoding="utf-8")
    (folder / "out.json").symlink_to(folder / "missing" / "target.json")


FILE_CASES = [
    FileCase("read-only", _read_only, ["lint", "--isolated", "--fix", "{d}/c.json"], 1, "read-only"),
    FileCase("hard-links", _hard_linked, ["lint", "--isolated", "--unsafe-fixes", "--fix", "{d}/c.json"], 1,
             "hard links"),
    FileCase("dangling-symlink", _dangling, ["import", "{d}/p.curl", "-o", "{d}/out.json"], 2, "dangling"),
]


@pytest.mark.parametrize("case", FILE_CASES, ids=[case.id for case in FILE_CASES])
def test_files_that_must_not_be_written_are_left_alone_with_one_line(tmp_path: Path, case: FileCase) -> None:
    case.prepare(tmp_path)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.exists()}
    code, output = run(case.command, tmp_path)
    assert code == case.code and case.says in output and "Traceback" not in output
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.exists()} == before


def test_a_closed_stdout_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "p.curl").write_text("curl https://a.example/s -d to=$$To -d text=$$Body\n", encoding="utf-8")
    for command in (["import", "p.curl"], ["lint", "--isolated", "p.curl"]):
        done = subprocess.run(["sh", "-c", f'exec "$0" -m curlport {" ".join(command)} >&-', sys.executable],
                              cwd=tmp_path, capture_output=False, stderr=subprocess.PIPE, check=False, timeout=60)
        assert done.returncode == 2 and b"standard output is closed" in done.stderr


# --- the property: generated credentials in generated places and names ------------------------------------------

_NAMES = st.sampled_from([*_MULTILINGUAL, "api_key", "X-Auth-Token", "client_secret", "Passwort", "licenseKey"])
#: Letters and digits in turn, the letters past ``f``: no six of its characters in a row are an English word or a
#: piece of a hex fingerprint that SARIF and GitLab reports carry.
_SECRETS = st.lists(st.tuples(st.sampled_from("ghjkmnpqrstuvwxyzGHJKMNPQRSTUVWXYZ"), st.sampled_from("23456789")),
                    min_size=5, max_size=12).map(lambda pairs: "".join(a + b for a, b in pairs))


_PLACES = ["form", "header", "json", "query", "token_url", "second_url", "basic", "userinfo", "cookie",
           "authorization"]


def _generated(name: str, secret: str, place: str) -> dict[str, str]:
    """The files of one generated case: a config with ``secret`` at ``place`` (under ``name`` where it has one),
    or a curl text."""
    if place in ("form", "header", "json"):
        return {"c.json": _named(name, place if name.isascii() or place != "header" else "form", secret)}
    if place == "query":
        return {"c.json": _config(method="GET", parameters=None,
                                  endpoint=f"https://sms.example.com/send?to=$$To&text=$$Body&{name}={secret}")}
    if place == "token_url":
        return {"c.json": _config(auth={"type": "oauth2", "token_url": f"https://a.example/t?{name}={secret}",
                                        "client_id": "cid", "client_secret": "x"})}
    if place == "basic":
        return {"c.json": _config(auth={"type": "basic", "username": "acct", "password": secret})}
    if place == "userinfo":
        return {"c.json": _config(endpoint=f"https://acct:{secret}@sms.example.com/send")}
    if place in ("cookie", "authorization"):
        key, value = ("Cookie", f"{name}={secret}") if place == "cookie" else ("Authorization", f"{name} {secret}")
        return {"c.json": _config(headers=[{"key": key, "value": value}])}
    return {"p.curl": f"curl https://a.example/s -d to=1 -d text=hi 'https://b.example/x?{name}={secret}'\n"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAMES, secret=_SECRETS, place=st.sampled_from(_PLACES))
def test_no_generated_credential_leaves_in_any_output(tmp_path: Path, name: str, secret: str, place: str) -> None:
    """Every command and format, on the config and on the curl command its export writes (or the curl text)."""
    files = _generated(name if place != "authorization" else "Token", secret, place)
    if "c.json" in files:
        (tmp_path / "c.json").write_text(files["c.json"], encoding="utf-8")
        files["p.curl"] = run(["export", "{d}/c.json", "--format", "curl", "--show-secrets"], tmp_path)[1]
    for file, text in files.items():
        (tmp_path / file).write_text(text, encoding="utf-8")
    commands = [*(_EVERY_VIEW if "c.json" in files else []), ["import", "{d}/p.curl"],
                *(["lint", "--isolated", "--output-format", f, f"{{d}}/{file}"] for file in files
                  for f in ("json", "sarif", "github", "junit", "gitlab", "full", "concise"))]
    for command in commands:
        _code, output = run(command, tmp_path)
        assert leaked(secret, output) is None, (command, output)
