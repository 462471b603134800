"""Template credentials are never "ready": each shape the docs leave is an error at its own characters, in import
and in lint of the config import wrote."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
from click.testing import CliRunner
from fixture_cases import printed_findings

from curlport.cli import main

SHAPES = ["USERNAME", "PASSWORD", "AUTH_ID", "YourAuthorizationTokenHere", "your_api_key", "<authkey>", "xxxxxxxx",
          "*****",
          # words only, one naming a credential: a key named after the provider or the role
          "smso-api-key", "acme_api_token", "your-provider-key", "API_KEY", "MyAppAPIKey", "pass",
          # "your …" in the docs' other languages
          "votre-clé-secrète", "tu-clave", "sua-chave", "ihr-schlüssel", "ваш-ключ",
          # "my …"/"your …" glued to the credential's word, in the owner's own language; the stand-ins docs write
          "мойключ", "votrecle", "mykey", "tuclave", "abc123", "XYZ",
          # a few words with spaces, one naming the credential (Nvoip's "Token Nvoip")
          "Token Nvoip", "Your API Key",
          # a template in a frame of filler characters; a hex key whose end is masked (X is no hex digit)
          "------tu-basic-auth----------", "==your_key==", "609ACF283XXXX", "646116c7xxxx",
          # blind4: digits counting up, a login word with a number (a device manual's admin01), RFC 7617's sample
          # password (Aladdin's), which docs copy
          "123456789", "admin01", "open sesame"]
#: Where a credential travels in a curl command: {} is the shape.
PLACES = ["-u 'acct:{}'", "-H 'Authorization: Bearer {}'", "-H 'X-Api-Key: {}'", "-d 'apikey={}'",
          "--url-query 'token={}'"]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("shape", SHAPES)
def test_every_template_credential_is_an_error_at_its_value(tmp_path: Path, shape: str, place: str) -> None:
    argument = place.format(shape)
    text = f"curl https://sms.example.com/send {argument} -d 'to=$$To' -d 'text=$$Body'\n"
    path = tmp_path / "provider.curl"
    path.write_text(text, encoding="utf-8")
    column = text.index(argument) + argument.index(shape) + 1
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "provider.json")])
    assert result.exit_code == 1
    assert ("CP401", 1, column) in printed_findings(result.stderr, str(path))
    config_text = (tmp_path / "provider.json").read_text(encoding="utf-8")
    linted = CliRunner().invoke(main, ["lint", "--isolated", "--output-format", "json",
                                       str(tmp_path / "provider.json")])
    records = [r for r in json.loads(linted.stdout) if r["code"] == "CP401"]
    assert len(records) == 1
    line = config_text.splitlines()[records[0]["line"] - 1]
    assert unquote_plus(line[records[0]["column"] - 1 :]).startswith(shape)  # as written: --url-query's is encoded


def test_a_stand_in_where_a_credential_goes_is_an_error_at_it(tmp_path: Path) -> None:
    path = tmp_path / "provider.curl"
    path.write_text("http://smspilot.example/api.php?send=test&to=79037672215&apikey=XYZ\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 1 and ("CP401", 1, 65) in printed_findings(result.stderr, str(path))


@pytest.mark.parametrize("value", ["NjQ3YzE5ZmE0", "s3cr3t-Pa55", "Enterprise", "CLVRTP", "demo", "welcome",
                                   "monkey", "key-9f8e7d6c5b4a", "tu-clave-2024x",
                                   "sukey", "fakesecretfakesecret", "mipassword", "sugar", "9f8e7d6cXXXXa1",
                                   "--s3cr3t--"])
def test_a_real_looking_credential_is_not_a_template(tmp_path: Path, value: str) -> None:
    path = tmp_path / "provider.curl"
    path.write_text(f"curl https://sms.example.com/send -u 'acct:{value}' -d 'apikey={value}' -d 'to=$$To' "
                    "-d 'text=$$Body'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 0 and "CP401" not in result.stderr


def _import(tmp_path: Path, text: str) -> tuple[int, set[tuple[str, int, int]]]:
    path = tmp_path / "provider.curl"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path)])
    return result.exit_code, set(printed_findings(result.stderr, str(path)))


def test_template_credentials_in_a_json_body_and_a_custom_header(tmp_path: Path) -> None:
    text = ("curl https://sms.example.com/send -H 'x-authorization: acme-api-key' -H 'Content-Type: application/json'"
            " -d '{\"header\": {\"login\": \"votre-email@example.com\", \"accessKey\": \"sua-chave\"},"
            " \"to\": \"+33612345678\", \"text\": \"Bonjour\"}'\n")
    code, found = _import(tmp_path, text)
    assert code == 1
    for value in ("acme-api-key", "votre-email@example.com", "sua-chave"):
        assert ("CP401", 1, text.index(value) + 1) in found


def test_user_and_pass_as_query_credentials(tmp_path: Path) -> None:
    text = "curl 'https://sms.example.com/api?username=user&password=pass&to=2348030000000&message=hi'\n"
    code, found = _import(tmp_path, text)
    assert code == 1
    assert {("CP401", 1, text.index("=user") + 2), ("CP401", 1, text.index("=pass") + 2)} <= found


def test_endpoint_words_and_protocol_values_are_not_templates(tmp_path: Path) -> None:
    text = ("curl https://sms.example.com/oauth/token/request_token -d grant_type=client_credentials "
            "-d 'to=$$To' -d 'text=$$Body'\n")
    code, found = _import(tmp_path, text)
    assert code == 0 and not {f for f in found if f[0] == "CP401"}


@pytest.mark.parametrize("use", ['-H "Authorization: $AUTH_KEY"', '-H "Authorization: Bearer $KEY"',
                                 '-H "X-Api-Key: $K"', '-d "apikey=$K"', '-d "api_token=$V"'])
@pytest.mark.parametrize("empty", ["", '""', "''"])
def test_an_empty_credential_variable_is_a_blank_to_fill(tmp_path: Path, use: str, empty: str) -> None:
    name = use.split("$")[1].rstrip('"')
    text = f"{name}={empty}\ncurl https://sms.example.com/send {use} -d 'to=$$To' -d 'text=$$Body'\n"
    code, found = _import(tmp_path, text)
    assert code == 1
    assert ("CP401", 2, text.splitlines()[1].index("$" + name) + 1) in found


def test_an_empty_variable_elsewhere_is_still_the_empty_value(tmp_path: Path) -> None:
    text = "FROM=\ncurl https://sms.example.com/send -d \"from=$FROM\" -d 'to=$$To' -d 'text=$$Body'\n"
    code, found = _import(tmp_path, text)
    assert code == 0 and ("CP014", 2, text.splitlines()[1].index("$FROM") + 1) in found
