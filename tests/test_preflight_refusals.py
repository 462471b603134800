"""Pre-flight never says "ready" or "accepted" for a request that does not carry the operator's values.

The CLI's render and send, and the web API's, refuse a config whose request would
not carry --to or --body; --allow-incomplete is the only way through, and says what
is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixture_cases import CONFIG_DIR, CURL_DIR, printed_findings
from provider_server import Answer, provider_server
from starlette.testclient import TestClient

from curlport.cli import main
from curlport.preflight.complete import carried, gaps
from curlport.web.server import create_app

SAMPLE_LEFT = {  # what import writes when it asked where the message goes (CP021): $$To placed, the sample kept
    "name": "local", "method": "POST", "endpoint": "https://sms.example.com/send",
    "auth": None, "headers": [],
    "parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"},
                                                {"key": "message", "value": "This is your message"}]},
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _write(tmp_path: Path, config: dict[str, Any]) -> str:
    path = tmp_path / "provider.json"
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return str(path)


def test_render_refuses_a_sample_message_left_at_the_sample(tmp_path: Path) -> None:
    path = _write(tmp_path, SAMPLE_LEFT)
    code, out, err = run("render", path, "--to", "15551234567", "--body", "Your OTP is 4321")
    assert (code, out) == (1, "")
    [(line, text)] = [(n, text) for n, text in enumerate(Path(path).read_text().splitlines(), 1) if "This is" in text]
    assert printed_findings(err, path) == [("CP402", line, text.index("This") + 1)]


def test_allow_incomplete_renders_and_says_what_is_missing(tmp_path: Path) -> None:
    path = _write(tmp_path, SAMPLE_LEFT)
    code, out, err = run("render", path, "--to", "15551234567", "--body", "Your OTP is 4321", "--allow-incomplete")
    assert code == 0 and "message=This+is+your+message" in out
    assert "incomplete" in err and "$$Body" in err and [c for c, _, _ in printed_findings(err, path)] == ["CP402"]


def test_the_import_that_asked_is_refused_by_render_and_send(tmp_path: Path) -> None:
    """The issue's case: import asked (CP021) and wrote a config; render and send of it refuse, at the candidates."""
    path = str(CURL_DIR / "msg91.curl")
    for command in (["render"], ["send", "--yes"]):
        code, out, err = run(*command, path, "--to", "15551234567", "--body", "Your OTP is 4321")
        assert (code, out) == (1, ""), err
        assert [c for c, _, _ in printed_findings(err, path)] == ["CP402", "CP402"]


@pytest.mark.parametrize(("config", "code"), [
    ({"parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}]}}, "CP102"),
    ({"endpoint": "https://sms.example.com/send#text=$$Body"}, "CP102"),
    ({"parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}, {"key": "$$Body", "value": "x"}]}},
     "CP105"),
])
def test_a_body_the_request_would_not_carry_is_refused(tmp_path: Path, config: dict[str, Any], code: str) -> None:
    base = {**SAMPLE_LEFT, "parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}]}}
    path = _write(tmp_path, {**base, **config})
    exit_code, out, err = run("render", path, "--to", "1", "--body", "x")
    assert (exit_code, out) == (1, "")
    assert {c for c, _, _ in printed_findings(err, path)} == {code}


def test_a_placeholder_is_carried_only_where_the_platform_substitutes_it() -> None:
    def of(**changes: Any) -> frozenset[str]:
        return carried({"method": "GET", "endpoint": "https://h.example/s", **changes})
    assert of(endpoint="https://h.example/s?to=$$To&m=$$Body") == {"$$To", "$$Body"}
    assert of(endpoint="https://$$To.example/s#$$Body") == set()
    assert of(auth={"type": "basic", "username": "$$To", "password": "$$Body"}) == set()
    assert of(headers=[{"key": "$$To", "value": "$$Body"}]) == {"$$Body"}


def test_every_ready_fixture_config_is_complete() -> None:
    for name in ("ready-form", "ready-get", "ready-json"):
        assert gaps(json.loads((CONFIG_DIR / f"{name}.json").read_text(encoding="utf-8"))) == ()


def test_send_with_a_sample_left_sends_nothing(tmp_path: Path) -> None:
    received: list[Any] = []

    def answer(request: Any) -> Answer:
        received.append(request)
        return Answer(200, b'{"status": "success"}')
    with provider_server(answer) as server:
        path = _write(tmp_path, {**SAMPLE_LEFT, "endpoint": server.url("/send")})
        code, out, _ = run("send", path, "--to", "15551234567", "--body", "Your OTP is 4321", "--yes")
        assert (code, out, received) == (1, "", [])
        code, out, _ = run("send", path, "--to", "15551234567", "--body", "Hi", "--yes", "--allow-incomplete")
    assert code == 0 and len(received) == 1
    assert "accepted (CP611" in out and "incomplete: no $$Body" in out


# ---- the web API refuses the same, with the same codes -----------------------------------------------------------


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), base_url="http://127.0.0.1:8765") as test_client:
        yield test_client


def _post(client: TestClient, route: str, body: dict[str, Any]) -> Any:
    response = client.post(route, json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_web_api_refuses_render_and_send_without_body(client: TestClient) -> None:
    text = json.dumps(SAMPLE_LEFT)
    values = {"to": "15551234567", "body": "Your OTP is 4321"}
    rendered = _post(client, "/api/render", {"text": text, "values": values})
    assert rendered["request"] is None and rendered["exit_code"] == 1
    assert [f["code"] for f in rendered["findings"]] == ["CP402"] and "$$Body" in rendered["incomplete"]
    finding = rendered["findings"][0]
    assert text.splitlines()[finding["line"] - 1][finding["column"] - 1 : finding["end_column"] - 1] == \
        "This is your message"
    sent = _post(client, "/api/send", {"text": text, "values": values, "confirm_host": "sms.example.com"})
    assert not sent["sent"] and sent["exit_code"] == 1 and [f["code"] for f in sent["findings"]] == ["CP402"]
    allowed = _post(client, "/api/render", {"text": text, "values": values, "allow_incomplete": True})
    assert allowed["exit_code"] == 0 and "This+is+your+message" in allowed["http"]
    assert "$$Body" in allowed["incomplete"] and [f["code"] for f in allowed["findings"]] == ["CP402"]


# ---- the legacy form pastes $$Body into a raw body as is ---------------------------------------------------------

LEGACY_RAW_JSON = {
    "form": "legacy", "name": "x", "method": "POST", "endpoint": "https://sms.example.com/send", "auth": None,
    "headers": [{"key": "Content-Type", "value": "application/json"}],
    "parameters": {"format": "raw", "body": '{"to": "$$To", "text": "$$Body"}'},
}


@pytest.mark.parametrize("message", ['He said "hi"', "two\nlines", "back\\slash"])
def test_a_legacy_raw_body_renders_broken_and_is_refused(tmp_path: Path, message: str) -> None:
    path = _write(tmp_path, LEGACY_RAW_JSON)
    code, out, err = run("render", path, "--to", "15551234567", "--body", message)
    assert (code, out) == (1, "")
    assert f'"text": "{message}"' in err  # the body the platform really sends, shown as it is
    [(code_found, row, column)] = printed_findings(err, path)
    assert code_found == "CP306"
    line = Path(path).read_text().splitlines()[row - 1]
    assert line[column - 1:].startswith("$$Body")


def test_a_legacy_raw_body_with_a_plain_message_is_sent_as_is(tmp_path: Path) -> None:
    code, out, _ = run("render", _write(tmp_path, LEGACY_RAW_JSON), "--to", "15551234567", "--body", "plain")
    assert code == 0 and out.endswith('\n{"to": "15551234567", "text": "plain"}\n')
    current = {**LEGACY_RAW_JSON, "form": "current"}
    code, out, _ = run("render", _write(tmp_path, current), "--to", "15551234567", "--body", 'He said "hi"')
    assert code == 0 and '"text": "He said \\"hi\\""' in out  # the current form's platform escapes it
