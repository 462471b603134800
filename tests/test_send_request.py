"""Several requests in one text (issue 19): the send is chosen by evidence, never by position alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from curlport.errors import CurlUsageError
from curlport.importer import import_curl

BLIND2 = Path(__file__).resolve().parent.parent / "fixtures" / "blind2"

TOKEN_THEN_SEND_THEN_STATUS = """\
TOKEN=$(curl -s https://api.example.com/oauth/token -d 'grant_type=client_credentials&client_id=ID&client_secret=S')
curl -X POST https://api.example.com/v1/sms -H "Authorization: Bearer $TOKEN" -d 'to=+15551234567&text=Hello'
curl https://api.example.com/v1/sms/status/123
"""


def _at(result: object, code: str) -> list[tuple[str, int, int]]:
    return [(f.code, f.span.line, f.span.column) for f in result.findings  # type: ignore[attr-defined]
            if f.code == code and f.span]


def test_the_send_between_a_token_request_and_a_status_check_is_imported_with_oauth() -> None:
    result = import_curl(TOKEN_THEN_SEND_THEN_STATUS)
    assert result.config["endpoint"] == "https://api.example.com/v1/sms"
    assert result.config["auth"]["type"] == "oauth2"
    assert result.config["auth"]["token_url"] == "https://api.example.com/oauth/token"
    assert result.config["parameters"]["fields"] == [{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}]
    assert _at(result, "CP026") == [("CP026", 2, 1)]


def test_a_login_request_before_the_send_is_not_the_config() -> None:
    result = import_curl((BLIND2 / "rest-smpp-readme-auth-then-send.curl").read_text(encoding="utf-8"))
    assert result.config["endpoint"] == "http://localhost:8000/sms"
    assert _at(result, "CP026") == [("CP026", 11, 6)]


def test_a_script_whose_send_is_in_a_substitution_after_a_token_request() -> None:
    result = import_curl((BLIND2 / "directcall-script-token-then-send.curl").read_text(encoding="utf-8"))
    assert result.config["endpoint"] == "https://api.directcallsoft.com/sms/send"
    fields = {field["key"]: field["value"] for field in result.config["parameters"]["fields"]}
    assert (fields["destino"], fields["texto"]) == ("$$To", "$$Body")
    assert _at(result, "CP026") == [("CP026", 12, 11)]


def test_a_status_check_after_the_send_is_not_the_config() -> None:
    result = import_curl((BLIND2 / "telstra-script-oauth-token-then-send.curl").read_text(encoding="utf-8"))
    assert result.config["endpoint"] == "https://api.telstra.com/v1/sms/messages"
    assert result.config["auth"]["type"] == "oauth2"
    assert _at(result, "CP026") == [("CP026", 23, 8)]
    assert _at(result, "CP018") == [("CP018", 16, 18)]


def test_a_text_of_token_requests_only_is_refused() -> None:
    with pytest.raises(CurlUsageError) as raised:
        import_curl((BLIND2 / "orange-token-request-only-script.curl").read_text(encoding="utf-8"))
    assert raised.value.exit_code == 2
    assert raised.value.span is not None
    assert (raised.value.span.line, raised.value.span.column) == (23, 14)


def test_two_requests_that_both_look_like_the_send_are_an_ask() -> None:
    text = ("curl https://a.example.com/sms -d 'to=+15551234567&text=Hi'\n"
            "curl https://b.example.com/sms -d 'to=+15551234567&text=Hi'\n")
    with pytest.raises(CurlUsageError) as raised:
        import_curl(text)
    assert raised.value.exit_code == 2
    assert raised.value.span is not None
    assert (raised.value.span.line, raised.value.span.column) == (1, 1)


def test_one_request_has_no_choice_note() -> None:
    assert _at(import_curl("curl https://a.example.com/sms -d 'to=+15551234567&text=Hi'"), "CP026") == []
