"""send: against local servers on 127.0.0.1 that play providers, and the verdict on what they answer."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from provider_server import Answer, ProviderServer, Received, provider_server, self_signed_certificate

from curlport.cli import main
from curlport.preflight.acceptance import ProviderResponse, judge
from curlport.preflight.provider import ResponseRules, read_provider
from curlport.preflight.render import USER_AGENT, HttpRequest
from curlport.preflight.send import NetworkError, SendOptions, redirected, send

PASSWORD = "pa55-w0rd"


def _config(endpoint: str, **changes: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "name": "local", "method": "POST", "endpoint": endpoint,
        "auth": {"type": "basic", "username": "acct", "password": PASSWORD},
        "headers": [], "parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"},
                                                                   {"key": "text", "value": "$$Body"}]},
    }
    return {**config, **changes}


def _send(tmp_path: Path, config: dict[str, Any], *flags: str, message: str = "hello") -> tuple[int, str, str]:
    path = tmp_path / "provider.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    result = CliRunner().invoke(main, ["send", str(path), "--to", "+15551234567", "--body", message, "--yes", *flags])
    return result.exit_code, result.stdout, result.stderr


def _answer(status: int, body: str | bytes, *headers: tuple[str, str]) -> Any:
    data = body.encode() if isinstance(body, str) else body
    return lambda request: Answer(status, data, headers)


ACCEPTED = [
    (200, '{"status": "success", "data": {"message_id": "abc-123"}}', "CP611", "abc-123"),
    (202, '{"messages": [{"id": 991, "status": "queued"}]}', "CP611", "991"),
    (200, "0: Accepted for delivery", "CP606", None),
    (200, "3: Queued for later delivery", "CP606", None),
    (200, '{"error": null, "errors": [], "success": true, "sid": "SM1"}', "CP611", "SM1"),
]
REJECTED = [
    (401, '{"error": "bad credentials"}', "CP601"),
    (500, "Internal Server Error", "CP601"),
    (200, '{"status": "failure", "message": "invalid number"}', "CP602"),
    (200, '{"data": {"status": "Failed"}}', "CP602"),
    (200, '{"error": "Invalid sender id"}', "CP603"),
    (200, '{"errors": [{"code": 21211, "message": "invalid To"}]}', "CP603"),
    (200, '{"messages": [{"status": "4", "error-text": "Bad Credentials"}]}', "CP603"),
    (200, '{"success": false}', "CP604"),
    (200, "ERROR: insufficient credits", "CP605"),
    (200, "ERR: 101 invalid number", "CP605"),
    (200, "3: Error sending message", "CP606"),
    (200, "<!DOCTYPE html><html><body><form action=/login>Sign in</form></body></html>", "CP609"),
    (200, "<html><head><title>Wi-Fi login</title></head></html>", "CP609"),
]


def test_an_empty_200_is_not_confirmed(tmp_path: Path) -> None:
    with provider_server(_answer(200, "")) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send")))
    assert exit_code == 1 and "NOT confirmed (CP610 " in out and "accepted (" not in out


@pytest.mark.parametrize(("status", "body", "code", "message_id"), ACCEPTED)
def test_accepted_responses(tmp_path: Path, status: int, body: str, code: str, message_id: str | None) -> None:
    with provider_server(_answer(status, body)) as server:
        exit_code, out, err = _send(tmp_path, _config(server.url("/send")))
    assert exit_code == 0, out + err
    assert f"accepted ({code} " in out
    assert (f"message id: {message_id}" in out) == (message_id is not None)


@pytest.mark.parametrize(("status", "body", "code"), REJECTED)
def test_rejected_responses_name_the_rule(tmp_path: Path, status: int, body: str, code: str) -> None:
    with provider_server(_answer(status, body)) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send")))
    assert exit_code == 1
    assert f"NOT accepted ({code} " in out


def test_an_html_page_with_200_is_not_accepted_whatever_its_content_type(tmp_path: Path) -> None:
    page = "\n  <p>Welcome</p>"  # no doctype: the Content-Type says it
    with provider_server(_answer(200, page, ("Content-Type", "text/html; charset=utf-8"))) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send")))
    assert exit_code == 1 and "NOT accepted (CP609 html-page)" in out


@pytest.mark.parametrize(("body", "quoted"), [
    ('{"status": "failure", "message": "invalid number"}', '"message": "invalid number"'),
    ('{"success": false, "data": {"description": "Insufficient balance"}}', '"description": "Insufficient balance"'),
    ('{"errors": [{"code": 21211, "message": "invalid To"}]}', '"message": "invalid To"'),
])
def test_a_refusal_quotes_the_providers_reason(tmp_path: Path, body: str, quoted: str) -> None:
    with provider_server(_answer(200, body)) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send")))
    [verdict] = [line for line in out.splitlines() if line.startswith("NOT accepted (")]
    assert exit_code == 1 and quoted in verdict


def test_the_request_is_the_one_render_prints_and_credentials_stay_masked(tmp_path: Path) -> None:
    with provider_server(_answer(200, '{"status": "ok"}', ("Set-Cookie", "session=s3cr3t-cookie"))) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send")), message="a&b 👋")
        [got] = server.received
    assert exit_code == 0
    assert got.method == "POST" and got.target == "/send"
    assert got.body == b"to=%2B15551234567&text=a%26b+%F0%9F%91%8B"
    assert got.header("User-Agent") == USER_AGENT
    assert got.header("Authorization") == "Basic YWNjdDpwYTU1LXcwcmQ="
    assert PASSWORD not in out and "YWNjdDpwYTU1LXcwcmQ=" not in out and "s3cr3t-cookie" not in out
    assert "HTTP/1.1 200 OK" in out


def test_the_config_response_section_decides(tmp_path: Path) -> None:
    rules = {"statuses": [200], "success_pattern": "^OK ", "message_id": "header:X-Message-Id"}
    answer = _answer(200, "OK queued", ("X-Message-Id", "m-77"))
    with provider_server(answer) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send"), response=rules))
    assert exit_code == 0 and "accepted (CP607 " in out and "message id: m-77" in out
    with provider_server(_answer(200, '{"status": "ok"}')) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send"), response=rules))
    assert exit_code == 1 and "NOT accepted (CP607 " in out and "CP608" in out


def test_a_redirect_is_not_followed_without_follow(tmp_path: Path) -> None:
    with provider_server(_answer(302, "", ("Location", "/elsewhere"))) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send")))
        assert len(server.received) == 1
    assert exit_code == 1 and "NOT accepted (CP601 " in out and "--follow" in out


def test_a_redirect_to_another_host_never_carries_the_credentials(tmp_path: Path) -> None:
    with provider_server(_answer(200, '{"id": "x1"}')) as target:
        # the same server by another name: another host as far as the client knows
        elsewhere = target.url("/landing", host="localhost")
        with provider_server(_answer(307, "", ("Location", elsewhere))) as origin:
            config = _config(origin.url("/send"), headers=[{"key": "X-Api-Key", "value": "k3y"},
                                                           {"key": "X-Trace", "value": "t1"}])
            exit_code, out, _ = _send(tmp_path, config, "--follow")
            [first] = origin.received
        [second] = target.received
    assert exit_code == 0 and f"followed a redirect to {elsewhere}" in out
    assert first.header("Authorization") is not None and first.header("X-Api-Key") == "k3y"
    assert second.header("Authorization") is None and second.header("X-Api-Key") is None
    assert second.header("X-Trace") == "t1" and second.method == "POST" and second.body == first.body


def test_a_redirect_on_the_same_host_keeps_them_and_303_becomes_get() -> None:
    request = HttpRequest("POST", "https://a.example/send", (("Authorization", "Basic x"),
                                                            ("Content-Type", "text/plain")), "body")
    same = redirected(request, 303, "https://a.example/other")
    assert same.method == "GET" and same.body is None and same.headers == (("Authorization", "Basic x"),)
    downgraded = redirected(request, 307, "http://a.example/send")
    assert downgraded.headers == (("Content-Type", "text/plain"),) and downgraded.body == "body"


def test_a_slow_provider_times_out_with_one_line_and_exit_2(tmp_path: Path) -> None:
    release = threading.Event()

    def slow(request: Received) -> Answer:
        release.wait(10)
        return Answer(200, b"late")

    with provider_server(slow) as server:
        try:
            exit_code, _, err = _send(tmp_path, _config(server.url("/send")), "--read-timeout", "0.2")
        finally:
            release.set()
    assert exit_code == 2
    assert err.strip().splitlines() == [f"error: timed out after 0.2s waiting for 127.0.0.1:{server.port}"]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


def test_a_self_signed_certificate_is_refused_unless_insecure(tmp_path: Path, certificate: tuple[Path, Path]) -> None:
    with provider_server(_answer(200, '{"status": "sent"}'), tls=certificate) as server:
        exit_code, _, err = _send(tmp_path, _config(server.url("/send")))
        assert exit_code == 2 and len(err.strip().splitlines()) == 1
        assert "TLS certificate not trusted" in err and "--insecure" in err
        assert server.received == []
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send")), "--insecure")
    assert exit_code == 0 and "accepted (CP611 " in out


def test_a_refused_connection_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as probe:  # bound, never listening: the port refuses, and no parallel test can take it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        exit_code, _, err = _send(tmp_path, _config(f"http://127.0.0.1:{port}/send"))
    assert exit_code == 2 and err.strip() == f"error: 127.0.0.1:{port}: connection refused"


def test_an_unknown_host_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(NetworkError) as error:
        send(HttpRequest("GET", "http://sms.invalid/send", (), None), SendOptions())
    assert error.value.message == "cannot resolve host sms.invalid: Name or service not known"
    assert error.value.exit_code == 2


def test_dry_run_sends_nothing(tmp_path: Path) -> None:
    with provider_server(_answer(200, "")) as server:
        exit_code, out, err = _send(tmp_path, _config(server.url("/send")), "--dry-run")
        assert server.received == []
    assert exit_code == 0 and out.startswith("POST /send HTTP/1.1\n") and "dry run" in err


def test_without_yes_it_asks_and_a_no_sends_nothing(tmp_path: Path) -> None:
    path = tmp_path / "provider.json"
    with provider_server(_answer(200, '{"status": "queued"}')) as server:
        path.write_text(json.dumps(_config(server.url("/send"))), encoding="utf-8")
        result = CliRunner().invoke(main, ["send", str(path), "--to", "1", "--body", "x"], input="n\n")
        assert server.received == []
        assert result.exit_code == 2 and "not confirmed" in result.stderr and "It may cost money" in result.stderr
        result = CliRunner().invoke(main, ["send", str(path), "--to", "1", "--body", "x"], input="y\n")
        assert len(server.received) == 1 and result.exit_code == 0
        # CONFIG on stdin leaves no answer to read: not sent
        result = CliRunner().invoke(main, ["send", "-", "--to", "1", "--body", "x"], input=path.read_text())
        assert len(server.received) == 1 and result.exit_code == 2 and "not confirmed" in result.stderr


OAUTH_SECRET = "client-s3cret"


@pytest.fixture
def oauth_server() -> Iterator[ProviderServer]:
    def provider(request: Received) -> Answer:
        if request.target == "/token":
            return Answer(200, b'{"access_token": "tok-abc", "token_type": "Bearer", "expires_in": 3600}')
        ok = request.header("Authorization") == "Bearer tok-abc"
        return Answer(200 if ok else 401, b'{"id": "m1"}' if ok else b'{"error": "no token"}')

    with provider_server(provider) as server:
        yield server


def test_oauth2_fetches_a_token_then_sends_it(tmp_path: Path, oauth_server: ProviderServer) -> None:
    config = _config(oauth_server.url("/sms"), auth={
        "type": "oauth2", "token_url": oauth_server.url("/token"), "client_id": "cid",
        "client_secret": OAUTH_SECRET, "extra": [{"key": "scope", "value": "sms"}]},
        parameters={"format": "json", "body": '{"to": "$$To", "text": "$$Body"}'})
    exit_code, out, _ = _send(tmp_path, config)
    token_request, message = oauth_server.received
    assert exit_code == 0 and "message id: m1" in out
    assert token_request.method == "POST" and token_request.body.decode() == (
        f"grant_type=client_credentials&client_id=cid&client_secret={OAUTH_SECRET}&scope=sms")
    assert message.header("Content-Type") == "application/json"
    assert json.loads(message.body) == {"to": "+15551234567", "text": "hello"}
    assert OAUTH_SECRET not in out and "tok-abc" not in out
    assert f"Authorization: Bearer <token from {oauth_server.url('/token')}>" in out


def test_a_refused_token_is_exit_1_and_nothing_is_sent(tmp_path: Path) -> None:
    with provider_server(_answer(401, '{"error": "invalid_client", "client_secret": "client-s3cret"}')) as server:
        config = _config(server.url("/sms"), auth={"type": "oauth2", "token_url": server.url("/token"),
                                                   "client_id": "cid", "client_secret": OAUTH_SECRET, "extra": []})
        exit_code, _, err = _send(tmp_path, config)
        assert len(server.received) == 1
    assert exit_code == 1 and "no access_token (HTTP 401)" in err and OAUTH_SECRET not in err


def test_judge_without_rules_reads_a_bare_200_as_accepted_by_its_status_only() -> None:
    verdict = judge(ProviderResponse(200, "OK", (), b""), ResponseRules())
    assert (verdict.accepted, verdict.code, verdict.message_id) == (True, "CP610", None)
    assert verdict.warning is not None and verdict.warning.startswith("CP610")


def test_send_needs_placeholders_like_render(tmp_path: Path) -> None:
    config = _config("http://127.0.0.1:9/send", parameters={"format": "form", "fields": [{"key": "to",
                                                                                            "value": "$$To"}]})
    exit_code, _, err = _send(tmp_path, config)
    assert exit_code == 1 and ":1:" in err and "CP102 error" in err
    assert read_provider(config).method == "POST"


@pytest.mark.parametrize("location", ["http://[::1/elsewhere", "http://localhost:port/elsewhere"])
def test_a_redirect_to_a_url_that_cannot_be_read_is_one_line_and_exit_2(tmp_path: Path, location: str) -> None:
    with provider_server(_answer(302, "", ("Location", location))) as server:
        exit_code, _, err = _send(tmp_path, _config(server.url("/send")), "--follow")
        assert len(server.received) == 1
    assert exit_code == 2 and len(err.strip().splitlines()) == 1 and location in err


def test_a_response_that_echoes_a_credential_prints_it_masked(tmp_path: Path) -> None:
    """Providers echo requests back (debug endpoints, error pages): the config's credentials stay masked there too."""
    fields = [{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"},
              {"key": "hash", "value": "h4sh-9f8e7d6c5b"}]  # TextLocal's name for its key: no pattern knows it
    echo = "Accepted for account h4sh-9f8e7d6c5b (sender TXTLCL)"
    with provider_server(_answer(200, echo)) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send"), parameters={"format": "form",
                                                                                    "fields": fields}))
    assert exit_code == 0 and "Accepted for account ***************" in out and "h4sh-9f8e7d6c5b" not in out
