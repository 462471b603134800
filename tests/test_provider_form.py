"""Provider text as docs write it, and the provider form as it is today: the import options and their rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_cases import CURL_DIR

from curlport import CurlportError, import_curl
from curlport.cli import main
from curlport.lint.runner import lint_text


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _codes(text: str) -> list[tuple[str, int, int]]:
    return [(f.code, f.span.line, f.span.column) for f in import_curl(text).findings if f.span]


def test_an_assignment_on_the_command_line_itself_is_not_applied() -> None:
    # bash expands $KEY in curl's arguments before KEY=abc takes effect for curl
    result = import_curl("KEY=abc curl https://x.example/s -H \"X-Key: $KEY\" -d 'to=$$To&m=$$Body'")
    assert result.config["headers"] == [{"key": "X-Key", "value": "$KEY"}]
    assert [f.code for f in result.findings] == ["CP010"]


def test_an_assignment_from_another_variable_is_literal_once_that_one_is() -> None:
    text = "host='https://x.example'\nurl=\"$host/v1\"\ncurl \"$url/sms\" -d 'to=$$To&m=$$Body'\n"
    assert import_curl(text).config["endpoint"] == "https://x.example/v1/sms"
    assert ("CP014", 3, 7) in _codes(text)


def test_placeholders_are_never_variables() -> None:
    text = "To=447700900123\ncurl https://x.example/s -d \"to=$$To\" -d to2=$$To -d 'm=$$Body'\n"
    fields = import_curl(text).config["parameters"]["fields"]
    assert [field["value"] for field in fields] == ["$$To", "$$To", "$$Body"]


def test_a_crlf_file_keeps_no_carriage_return_in_any_value() -> None:
    text = (CURL_DIR / "crlf-json-body.curl").read_bytes().decode()
    assert "\r\n" in text
    result = import_curl(text)
    assert "\r" not in result.config_json
    assert [code for code, _, _ in _codes(text)].count("CP017") == 1


def test_no_url_names_the_words_that_looked_like_parameters() -> None:
    with pytest.raises(CurlportError) as raised:
        import_curl("curl -X GET --user key -G message=Hello -G sender=X")
    assert raised.value.exit_code == 2 and (raised.value.line, raised.value.column) == (1, 27)
    assert "message=Hello" in raised.value.message and "sender=X" in raised.value.message
    code, out, err = run("import", "-", stdin=b"curl -G message=Hello")
    assert code == 2 and out == "" and "<stdin>:1:9:" in err


def test_a_json_body_is_the_json_type_byte_for_byte_unless_the_legacy_form_is_asked_for() -> None:
    body = '{ "to":"$$To",\n  "text" : "$$Body" }'
    text = f"curl https://x.example/s -H 'Content-Type: application/json' -d '{body}'"
    assert import_curl(text).config["parameters"] == {"format": "json", "body": body}
    legacy = import_curl(text, form="legacy").config
    assert legacy["form"] == "legacy" and legacy["parameters"] == {"format": "raw", "body": body}
    code, out, _ = run("import", "-", "--form", "legacy", stdin=text.encode())
    assert code == 0 and json.loads(out)["parameters"]["format"] == "raw"


def test_the_legacy_form_does_not_pair_a_token_request() -> None:
    text = (CURL_DIR / "oauth2-token-pair.curl").read_text(encoding="utf-8")
    assert import_curl(text).config["auth"]["type"] == "oauth2"
    legacy = import_curl(text, form="legacy")
    assert legacy.config["endpoint"] == "https://auth.example.com/oauth2/token"
    assert "CP002" in [f.code for f in legacy.findings]


def test_a_token_request_alone_is_imported_as_it_is() -> None:
    text = "curl https://auth.example.com/token -u id:secret -d grant_type=client_credentials"
    assert import_curl(text).config["auth"] == {"type": "basic", "username": "id", "password": "secret"}


def test_oauth2_json_token_request_with_extra_fields() -> None:
    text = ("curl https://auth.example.com/token -H 'Content-Type: application/json' "
            "-d '{\"grant_type\": \"client_credentials\", \"client_id\": \"id\", \"client_secret\": \"s\", "
            "\"audience\": \"sms\"}'\n"
            "curl https://api.example.com/sms -H 'Authorization: Bearer <token>' -d 'to=$$To&text=$$Body'\n")
    result = import_curl(text)
    assert result.config["auth"] == {"type": "oauth2", "token_url": "https://auth.example.com/token",
                                     "client_id": "id", "client_secret": "s",
                                     "extra": [{"key": "audience", "value": "sms"}]}
    assert result.config["headers"] == []
    assert ("CP018", 1, 6) in _codes(text)


def test_the_client_secret_is_masked_in_what_is_printed() -> None:
    code, _, err = run("import", str(CURL_DIR / "oauth2-token-substitution.curl"))
    assert code == 0 and "s3cr3t" not in err


def test_batching_options() -> None:
    path = str(CURL_DIR / "json-batch.curl")
    code, out, _ = run("import", path, "--batch-key", "messages", "--batch-size", "250")
    assert code == 0 and json.loads(out)["batching"] == {"key": "messages", "size": 250}
    code, out, err = run("import", path, "--batch-key", "sender", "--batch-size", "250")
    assert code == 1 and "CP307 error" in err
    assert run("import", path, "--batch-key", "messages")[0] == 2
    assert run("import", path, "--batch-key", "messages", "--batch-size", "1001")[0] == 2
    assert run("import", path, "--batch-key", "messages", "--batch-size", "5", "--form", "legacy")[0] == 2


def test_callback_url_option_and_its_fix(tmp_path: Path) -> None:
    path = str(CURL_DIR / "callback-field.curl")
    code, out, err = run("import", path)
    assert code == 0 and "CP208 warning" in err
    callback = "https://dlr.example.net/cb/42"
    code, out, err = run("import", path, "--callback-url", callback, "--fix")
    config = json.loads(out)
    assert config["callback_url"] == callback
    assert {"key": "StatusCallback", "value": callback} in config["parameters"]["fields"]
    assert "fixed CP208" in err and "CP208 warning" not in err


def test_a_multipart_parameters_object_is_cp206_not_a_schema_repr() -> None:
    text = ('{"name": "a", "method": "POST", "endpoint": "https://x.example/s", "auth": null, "headers": [],'
            ' "parameters": {"format": "multipart", "fields": [{"key": "to", "value": "$$To"}]}}')
    findings = lint_text(text.encode(), "config.json").findings
    assert [(f.code, f.pointer) for f in findings if f.code in ("CP206", "CP501")] == [("CP206", "/parameters")]


def test_a_legacy_config_with_the_json_type_is_cp209_not_a_schema_repr() -> None:
    text = ('{"name": "a", "form": "legacy", "method": "POST", "endpoint": "https://x.example/s", "auth": null,'
            ' "headers": [], "parameters": {"format": "json", "body": "{\\"to\\": \\"$$To\\"}"}}')
    findings = lint_text(text.encode(), "config.json").findings
    assert [f.code for f in findings if f.code in ("CP209", "CP501")] == ["CP209"]
