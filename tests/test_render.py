"""render: the request the platform sends, refused with a located finding where it would be broken."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from capture import CaptureProxy
from click.testing import CliRunner
from fixture_cases import CONFIG_DIR, printed_findings

from curlport.cli import main
from curlport.preflight.provider import read_provider
from curlport.preflight.render import MissingValueError, RenderRefusedError, Values, as_http, render


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _write(tmp_path: Path, config: dict[str, Any]) -> str:
    """The config as curlport writes configs (two-space indent), so that locations are predictable."""
    path = tmp_path / "provider.json"
    path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return str(path)


def _config(**changes: Any) -> dict[str, Any]:
    config = json.loads((CONFIG_DIR / "ready-form.json").read_text(encoding="utf-8"))
    return {**config, **changes}


def test_render_prints_the_http_request(tmp_path: Path) -> None:
    code, out, err = run("render", str(CONFIG_DIR / "ready-get.json"), "--to", "+91 98765", "--body", "50% off & more")
    assert code == 0 and err == ""
    assert out.splitlines()[:2] == [
        "GET /rest?method=sms&mobile_no=%2B91%2098765&content=50%25%20off%20%26%20more&access_token=****************"
        "&sender=EXPL HTTP/1.1", "Host: api.example-sms.com"]


def test_the_secret_is_shown_only_when_asked() -> None:
    path = str(CONFIG_DIR / "ready-form.json")
    _, masked, _ = run("render", path, "--to", "1", "--body", "x")
    _, shown, _ = run("render", path, "--to", "1", "--body", "x", "--show-secrets")
    assert "apikey=************&" in masked and "NjQ3YzE5ZmE0" not in masked
    assert "apikey=NjQ3YzE5ZmE0&" in shown


def test_json_format(tmp_path: Path) -> None:
    code, out, _ = run("render", str(CONFIG_DIR / "ready-json.json"), "--to", "1", "--body", 'say "hi"\n',
                       "--format", "json")
    rendered = json.loads(out)
    assert code == 0 and rendered["method"] == "POST"
    assert json.loads(rendered["body"]) == {"to": "1", "body": 'say "hi"\n'}
    assert {"name": "Authorization", "value": "Basic ************************"} in rendered["headers"]


@pytest.mark.parametrize("name", ["ready-form", "ready-get", "ready-json", "raw-text-body", "powershell-backtick"])
def test_the_curl_format_sends_the_rendered_bytes(proxy: CaptureProxy, name: str) -> None:
    config = json.loads((CONFIG_DIR / f"{name}.json").read_text(encoding="utf-8"))
    config["endpoint"] = "http://" + config["endpoint"].split("://", 1)[1]
    rendered = render(read_provider(config), Values("+44 7700 900123", "a&b \"c\" \\ 'd'\nनमस्ते 👋")).request
    code, command, _ = run("render", "-", "--to", "+44 7700 900123", "--body", "a&b \"c\" \\ 'd'\nनमस्ते 👋",
                           "--format", "curl", "--show-secrets", stdin=json.dumps(config))
    assert code == 0
    proxy.requests.clear()
    script = f"curl --silent --max-time 5 --proxy {proxy.address} --output /dev/null " + command[len("curl "):]
    environment = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    subprocess.run(["bash", "-c", script], env=environment, timeout=15, check=False, stdin=subprocess.DEVNULL)
    [sent] = proxy.requests
    assert (sent.method, sent.url, sent.body) == (rendered.method, rendered.url, (rendered.body or "").encode())
    sent_headers = [(k.lower(), v.encode("latin-1").decode()) for k, v in sent.headers]
    assert all((k.lower(), v) in sent_headers for k, v in rendered.headers)


def test_a_curl_command_is_imported_first_and_missing_placeholders_areprinted_findings(tmp_path: Path) -> None:
    path = str(tmp_path / "provider.curl")  # nothing in it is a recipient or a message for detection to place
    Path(path).write_text("curl https://sms.example.com/send \\\n  -d 'apikey=abc123&sender=ACME'\n", encoding="utf-8")
    code, out, err = run("render", path, "--to", "1", "--body", "x")
    assert code == 1 and out == ""
    assert {finding[0] for finding in printed_findings(err, path)} == {"CP101", "CP102"}
    assert all(row >= 1 and column >= 1 for _, row, column in printed_findings(err, path))


def test_stdin_takes_a_curl_command() -> None:
    code, out, _ = run("render", "-", "--to", "15551234567", "--body", "hi there", stdin=(
        "curl https://sms.example.com/send -d 'to=$$To&text=$$Body'"))
    assert code == 0 and out.endswith("\n\nto=15551234567&text=hi+there\n")


def test_header_injection_is_refused_at_the_placeholder(tmp_path: Path) -> None:
    path = _write(tmp_path, _config(headers=[{"key": "X-Note", "value": "note: $$Body"}]))
    assert run("render", path, "--to", "1", "--body", "one line")[0] == 0
    code, out, err = run("render", path, "--to", "1", "--body", "two\nlines")
    assert code == 1 and out == ""
    assert printed_findings(err, path) == [("CP303", 9, 23)]


def test_a_placeholder_outside_a_json_string_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, _config(headers=[{"key": "Content-Type", "value": "application/json"}],
                                    parameters={"format": "raw", "body": '{"to": $$To, "text": "$$Body"}'}))
    code, _, err = run("render", path, "--to", "15551234567", "--body", "hi")
    assert code == 1 and printed_findings(err, path) == [("CP302", 14, 23)]


def test_a_raw_form_body_refuses_a_message_with_an_ampersand(tmp_path: Path) -> None:
    path = _write(tmp_path, _config(headers=[{"key": "Content-Type", "value": "application/x-www-form-urlencoded"}],
                                    parameters={"format": "raw", "body": "to=$$To&text=$$Body&x"}))
    assert run("render", path, "--to", "15551234567", "--body", "fish and chips")[0] == 0
    code, _, err = run("render", path, "--to", "15551234567", "--body", "fish & chips")
    assert code == 1 and printed_findings(err, path) == [("CP221", 14, 27)]


def test_encoding_none_refuses_what_would_change_the_url(tmp_path: Path) -> None:
    path = str(CONFIG_DIR / "ready-get.json")
    code, out, _ = run("render", path, "--to", "15551234567", "--body", "plain", "--encoding", "none")
    assert code == 0 and "content=plain&" in out
    code, _, err = run("render", path, "--to", "15551234567", "--body", "50% & more", "--encoding", "none")
    assert code == 1 and printed_findings(err, path) == [("CP220", 4, 83)]


def test_a_placeholder_in_the_host_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, _config(endpoint="https://$$To.example.com/send"))
    code, _, err = run("render", path, "--to", "1", "--body", "x")
    assert code == 1 and printed_findings(err, path) == [("CP105", 4, 24)]


def test_template_id_and_message_id(tmp_path: Path) -> None:
    config = _config(parameters={"format": "form", "fields": [
        {"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"},
        {"key": "dlt", "value": "$$TemplateId"}, {"key": "ref", "value": "$$MessageID"}]})
    path = _write(tmp_path, config)
    code, _, err = run("render", path, "--to", "1", "--body", "x")
    assert code == 2 and err.strip() == f"{path}: error: the config uses $$MessageID, $$TemplateId: pass " \
                                        "--message-id, --template-id"
    code, out, _ = run("render", path, "--to", "1", "--body", "$$TemplateId", "--template-id", "1207 16",
                       "--message-id", "m&1")
    assert code == 0 and out.endswith("to=1&text=%24%24TemplateId&dlt=1207+16&ref=m%261\n")
    with pytest.raises(MissingValueError):
        render(read_provider(config), Values("1", "x"))


def test_an_unusable_config_is_a_located_finding(tmp_path: Path) -> None:
    path = _write(tmp_path, _config(auth={"type": "digest", "username": "a", "password": "b"}))
    code, _, err = run("render", path, "--to", "1", "--body", "x")
    assert code == 1 and printed_findings(err, path)[0][0] == "CP501"
    broken = tmp_path / "broken.json"
    broken.write_text('{"method": "POST",,}')
    code, _, err = run("render", str(broken), "--to", "1", "--body", "x")
    assert code == 1 and printed_findings(err, str(broken)) == [("CP000", 1, 19)]


def test_unreadable_input_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("render", str(tmp_path / "missing.json"), "--to", "1", "--body", "x")
    assert code == 2 and "cannot read" in err
    code, _, err = run("render", "-", "--to", "1", "--body", "x", stdin="curl 'https://unbalanced")
    assert code == 2 and err.count("\n") >= 1


def test_the_json_format_and_oauth2_shapes_render() -> None:
    provider = read_provider({
        "name": "o", "method": "POST", "endpoint": "https://api.example.com/sms", "headers": [],
        "auth": {"type": "oauth2", "token_url": "https://auth.example.com/token", "client_id": "c",
                 "client_secret": "s", "extra": []},
        "parameters": {"format": "json", "body": '{"to": "$$To", "text": "$$Body"}'},
    })
    text = as_http(render(provider, Values("1", "ü\t\"")).shown(False))
    assert "Authorization: Bearer <token from https://auth.example.com/token>\n" in text
    assert "Content-Type: application/json\n" in text
    assert text.endswith('\n\n{"to": "1", "text": "ü\\t\\""}\n')


def test_a_message_that_is_not_utf8_is_a_tool_error() -> None:
    code, _, err = run("render", str(CONFIG_DIR / "ready-get.json"), "--to", "1", "--body", "bad \udcff")
    assert code == 2 and err.strip() == "error: --body is not valid UTF-8 text"


_XML = {"format": "raw", "body": "<sms><to>$$To</to><text>$$Body</text></sms>"}
_CDATA = {"format": "raw", "body": "<sms><to>$$To</to><text><![CDATA[$$Body]]></text></sms>"}
_FIELD_JSON = {"format": "form", "fields": [{"key": "to", "value": "$$To"}, {"key": "data",
                                                                            "value": '{"text": "$$Body"}'}]}
_STRING_JSON = {"format": "json", "body": json.dumps({"to": "$$To", "payload": '{"text": "$$Body"}'})}
_XML_TYPE = [{"key": "Content-Type", "value": "application/xml"}]


@pytest.mark.parametrize(("changes", "message", "code"), [
    ({"parameters": _XML, "headers": _XML_TYPE}, "Tom & Jerry", "CP703"),
    ({"parameters": _XML, "headers": _XML_TYPE}, "x<3", "CP703"),
    ({"parameters": _XML, "headers": _XML_TYPE}, "Tom and Jerry", None),
    ({"parameters": _CDATA, "headers": _XML_TYPE}, "Tom & Jerry <3", None),
    ({"parameters": _FIELD_JSON}, 'say "hi"', "CP704"),
    ({"parameters": _FIELD_JSON}, "line\nbreak", "CP704"),
    ({"parameters": _FIELD_JSON}, "plain & simple", None),
    ({"parameters": _STRING_JSON}, "back\\slash", "CP704"),
    ({"parameters": _STRING_JSON}, "plain", None),
    ({"parameters": _FIELD_JSON, "headers": [{"key": "Content-Length", "value": "42"}]}, "plain", "CP706"),
])
def test_render_refuses_a_message_the_format_inside_a_value_cannot_hold(changes: dict[str, Any], message: str,
                                                                        code: str | None) -> None:
    """The platform escapes a value for its place only: XML or JSON text inside it breaks on the message's own
    characters, and a fixed Content-Length says another length than the body's."""
    provider = read_provider(_config(method="POST", endpoint="https://sms.example.com/send", **changes))
    try:
        render(provider, Values("+447700900123", message))
    except RenderRefusedError as error:
        assert [refusal.code for refusal in error.refusals] == [code]
    else:
        assert code is None
