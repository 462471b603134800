"""No secret leaks: every command and every output format, on every fixture and on generated configs.

A credential can sit in every place the config model allows — the Basic password,
the OAuth client secret, a header of any credential-ish name, the query, a form
field, a JSON body member, a cookie, the URL's user-info — and whatever curlport
prints about it (findings, source lines, diffs, the form view, render, send's
printout, exports) must show it masked unless ``--show-secrets`` is given. Only
``curlport import``'s config on stdout carries it: that is the product.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixture_cases import CONFIG_DIR, CURL_DIR, curl_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curlport import decode_input, import_curl
from curlport.catalogue import CODES
from curlport.cli import main
from curlport.config.detect.signals import template_words
from curlport.credentials import credential_values
from curlport.lint.reporters import REPORTERS
from curlport.redact import MIN_SECRET_LENGTH
from curlport.source import Source

LINT_FORMATS = sorted(REPORTERS)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def lint_outputs(path: Path) -> list[str]:
    """What lint prints for a file: every format, with statistics, and the diff of every fix."""
    outputs = []
    for output_format in LINT_FORMATS:
        outputs += run("lint", "--isolated", "--output-format", output_format, str(path))[1:]
        outputs += run("lint", "--isolated", "--statistics", "--output-format", output_format, str(path))[1:]
    outputs += run("lint", "--isolated", "--diff", "--unsafe-fixes", str(path))[1:]
    return outputs


def assert_masked(secret: str, outputs: list[str]) -> None:
    for output in outputs:
        assert secret not in output, output


# --- every fixture ---------------------------------------------------------------------------------------------

# A fixture's sample password may be an ordinary word ("secret", "pass") that the rules' own documentation, which
# SARIF carries, also uses: that is not a leak.
_DOCUMENTATION = json.dumps([doc._asdict() for doc in CODES.values()], default=str)


def _fixture_secrets(config: dict[str, Any]) -> list[str]:
    return sorted(value for value in credential_values(config)
                  if len(value) >= MIN_SECRET_LENGTH and value not in _DOCUMENTATION)


def _secrets_of(case: str) -> list[str]:
    config = json.loads((CONFIG_DIR / f"{case}.json").read_text(encoding="utf-8"))
    return [secret for secret in _fixture_secrets(config) if secret not in str(CURL_DIR / case)]  # not in its path


WITH_CREDENTIALS = [case for case in curl_cases() if _secrets_of(case)]


def test_the_fixtures_carry_credentials_of_every_kind() -> None:
    # 35: the hand-written fixtures carry real-looking keys (variables-*, typographic-quotes, stray-method-get, …); a
    # provider's sample whose key is a stand-in (Kannel's foobar, Clickatell's 'Bearer YourAuthorization…') holds a
    # template credential (CP401), which is not a secret to mask, and stays as the provider documents it
    assert len(WITH_CREDENTIALS) >= 30


@pytest.mark.parametrize("case", WITH_CREDENTIALS)
def test_no_fixture_leaks_a_credential(case: str) -> None:
    config_path = CONFIG_DIR / f"{case}.json"
    secrets = _secrets_of(case)
    curl_path = CURL_DIR / f"{case}.curl"
    outputs = [run("import", str(curl_path))[2], run("show", str(config_path))[1],
               *lint_outputs(curl_path), *lint_outputs(config_path)]
    for secret in secrets:
        assert_masked(secret, outputs)


# --- generated configs: a secret in every place the model allows ------------------------------------------------

#: A generated secret that reads as a doc's template (``S322XXXXXX229z``: a key with its middle masked) is CP401's to
#: name, not a secret to mask: left out, as the one notion of a template (``template_words``) says.
_SECRET = st.text(st.sampled_from("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789 -_.!@"),
                  min_size=10, max_size=24).map(lambda text: "S3" + text.strip() + "9z").filter(
                      lambda secret: template_words(secret) is None)
_HEADER_NAMES = ["X-Api-Key", "X-Access-Key", "Ocp-Apim-Subscription-Key", "api-token", "X-Auth-Token", "Secret"]
_FIELD_NAMES = ["apikey", "api_key", "key", "access_token", "password", "authkey", "hash", "client_secret", "pwd"]


def _base() -> dict[str, Any]:
    return {"name": "acme", "method": "POST", "endpoint": "https://sms.example.com/send", "auth": None,
            "headers": [], "parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"},
                                                                     {"key": "text", "value": "$$Body"}]}}


@st.composite
def configs_with_a_secret(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    secret = draw(_SECRET)
    config = _base()
    place = draw(st.sampled_from(["basic", "oauth2", "authorization", "header", "cookie", "query", "form", "json",
                                  "userinfo"]))
    if place == "basic":
        config["auth"] = {"type": "basic", "username": "acct", "password": secret}
    elif place == "oauth2":
        config["auth"] = {"type": "oauth2", "token_url": "https://auth.example.com/token", "client_id": "cid",
                          "client_secret": secret, "extra": []}
    elif place == "authorization":
        scheme = draw(st.sampled_from(["Bearer", "App", "Token", "Basic"]))
        config["headers"].append({"key": "Authorization", "value": f"{scheme} {secret}"})
    elif place == "header":
        config["headers"].append({"key": draw(st.sampled_from(_HEADER_NAMES)), "value": secret})
    elif place == "cookie":
        config["headers"].append({"key": "Cookie", "value": secret})
    elif place == "query":
        config["method"] = "GET"
        config["parameters"] = None
        name = draw(st.sampled_from(_FIELD_NAMES))
        config["endpoint"] = f"https://sms.example.com/send?to=$$To&text=$$Body&{name}={secret.replace(' ', '+')}"
        secret = secret.replace(" ", "+")  # as it is written in the endpoint
    elif place == "form":
        config["parameters"]["fields"].append({"key": draw(st.sampled_from(_FIELD_NAMES)), "value": secret})
    elif place == "json":
        body = {"to": "$$To", "text": "$$Body", draw(st.sampled_from(_FIELD_NAMES)): secret}
        config["headers"].append({"key": "Content-Type", "value": "application/json"})
        config["parameters"] = {"format": "json", "body": json.dumps(body, indent=2)}
    else:
        config["endpoint"] = f"https://acct:{secret.replace(' ', '%20')}@sms.example.com/send"
        secret = secret.replace(" ", "%20")
    return config, secret


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=configs_with_a_secret())
def test_no_command_leaks_a_generated_credential(tmp_path: Path, case: tuple[dict[str, Any], str]) -> None:
    config, secret = case
    config_path = tmp_path / "acme.json"
    config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    curl_text = run("export", str(config_path), "--format", "curl", "--show-secrets")[1]
    curl_path = tmp_path / "acme.curl"
    curl_path.write_text(curl_text, encoding="utf-8")
    values = ("--to", "+15551234567", "--body", "hello")
    outputs = [run("import", str(curl_path))[2], run("show", str(config_path))[1],
               *lint_outputs(config_path), *lint_outputs(curl_path)]
    for output_format in ("http", "json", "curl"):
        outputs += run("render", str(config_path), *values, "--format", output_format)[1:]
    for output_format in ("curl", "python", "har", "httpie"):
        outputs += run("export", str(config_path), "--format", output_format)[1:]
    outputs += run("send", str(config_path), *values, "--dry-run", "--yes")[1:]
    assert_masked(secret, outputs)
    # and --show-secrets shows it: the test would pass vacuously if the secret were never printed at all
    assert secret in run("show", str(config_path), "--show-secrets")[1]


def test_an_error_before_any_config_masks_the_credentials_in_its_source_line(tmp_path: Path) -> None:
    path = tmp_path / "p.curl"
    path.write_text("curl -u 'acct:pass word 42' --oauth2-bearer TOKEN123456 -X PUT https://x.example/send -d a=b\n",
                    encoding="utf-8")
    code, _, err = run("import", str(path))
    assert code == 1 and "PUT" in err
    assert_masked("pass word 42", [err])
    assert_masked("TOKEN123456", [err])


def test_the_tools_own_words_are_not_masked(tmp_path: Path) -> None:
    path = tmp_path / "p.curl"
    path.write_text("curl -u acct https://sms.example.com/send -d 'to=15551234567&text=hi there'\n", encoding="utf-8")
    err = run("import", str(path))[2]
    assert "CP008" in err and "****" not in err.split("CP008", 1)[1].splitlines()[0]


def test_the_import_config_carries_the_secret_it_was_given() -> None:
    result = import_curl(decode_input(b"curl -u acct:s3cr3t-pw https://sms.example.com/send -d to=1 -d text=hi"))
    assert result.config["auth"]["password"] == "s3cr3t-pw"
    assert "s3cr3t-pw" in result.source.secrets


@pytest.mark.parametrize(("text", "secret"), [
    ("curl https://x.example/sms -H 'X-Api-Key abc123secret' -d 'to=15551234567&text=hi there'", "abc123secret"),
    ('curl ^"https://x.example/sms^" -u ^"user:pa55w0rd^" --data-raw ^"to=15551234567^&text=hi^"', "pa55w0rd"),
    ("curl https://x.example/sms -H 'Authorization:\n  Bearer tok3n-next-line' -d 'to=15551234567&text=hi'",
     "tok3n-next-line"),
    ("curl https://x.example/sms -H 'Ocp-Apim-Subscription-Key: 0123abcd4567' -d 'to=15551234567&text=hi'",
     "0123abcd4567"),
    ("curl 'https://x.example/sms?key=AbCdEf123456&to=15551234567&text=hi'", "AbCdEf123456"),
    ("curl https://x.example/sms -u 'acct:pass word 42' -d 'to=15551234567&text=hi'", "pass word 42"),
    ("curl https://x.example/sms -b 'session=c00kie-value-1' -d 'to=15551234567&text=hi'", "c00kie-value-1"),
])
def test_layouts_patterns_miss_are_masked_by_meaning(tmp_path: Path, text: str, secret: str) -> None:
    path = tmp_path / "p.curl"
    path.write_text(text + "\n", encoding="utf-8")
    outputs = [run("import", str(path))[2], *lint_outputs(path)]
    assert_masked(secret, outputs)
    assert any(secret in output for output in run("lint", "--isolated", "--show-secrets", "--output-format", "full",
                                                  str(path))[1:]) or "X-Api-Key" in text


def test_source_learns_secrets_from_a_callable_on_first_use() -> None:
    """Lint records a config's credentials as a callable: not worked out for a file it prints nothing of."""
    calls: list[int] = []

    def spellings() -> frozenset[str]:
        calls.append(1)
        return frozenset({"s3cr3t-pw-value"})

    source = Source('{"password": "s3cr3t-pw-value"}\n', "c.json")
    source.add_secrets(spellings)
    assert calls == []
    assert "s3cr3t-pw-value" not in source.shown_line(1)
    assert source.secrets == frozenset({"s3cr3t-pw-value"}) and calls == [1]


@pytest.mark.parametrize(("text", "shown"), [
    # the value is inside a longer word of its own key and of another key: only the value is masked
    ("curl 'https://sms.example.com/sms?password=word&keyword=x&to=15551234567&text=hi'",
     "?password=****&keyword=x&to="),
    ("curl https://sms.example.com/send -H 'X-Token: oken' -H 'X-Tokens: 7' -d 'to=15551234567&text=hi'",
     "-H 'X-Token: ****' -H 'X-Tokens: 7'"),
])
def test_a_secret_is_masked_as_the_value_not_inside_other_words(tmp_path: Path, text: str, shown: str) -> None:
    path = tmp_path / "p.curl"
    path.write_text(text + "\n", encoding="utf-8")
    outputs = [run("import", str(path))[2], *lint_outputs(path)]
    assert any(shown in output for output in outputs)


@pytest.mark.parametrize(("password", "masked"), [
    # a real password may open with a word a template opens with: it is still a password
    ("Mystery42KeyZq", True), ("Enterprise2024x", True), ("my_token_1", True),
    # what the docs left to fill in (CP401's notion, template_words) and the platform's placeholders are shown
    ("YOUR_API_KEY", False), ("<token>", False), ("${API_KEY}", False), ("{{key}}", False), ("xxxx", False),
    ("my password", False), ("mykey", False), ("$$To", False),
])
def test_a_template_is_what_cp401_calls_one_and_nothing_else(tmp_path: Path, password: str, masked: bool) -> None:
    config = {"name": "acme", "method": "POST", "endpoint": "https://sms.example.com/send",
              "auth": {"type": "basic", "username": "acct", "password": password}, "headers": [],
              "parameters": {"format": "form", "fields": [{"key": "to", "value": "1555"},
                                                          {"key": "text", "value": "hi"}]}}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(config) + "\n", encoding="utf-8")  # one line: every finding quotes the password
    output = "".join(run("lint", "--isolated", "--output-format", "full", str(path))[1:])
    assert (password not in output) is masked
    assert (password in credential_values(config)) is masked


@pytest.mark.parametrize("value", ["Bearer YWJjZGVmZ2hpams==", "Basic YWNjdDpwdw==", "key=AbC123dEf456==",
                                   'Digest username="acct", realm="sms", response="6629fae49393a05397450978507c4ef1"'])
def test_a_credential_is_never_a_run_of_punctuation_or_a_name(value: str) -> None:
    """What the page masks at every occurrence in the config: a base64 token's padding ('=') or a Digest user would
    hide every '=' or every 'acct' of it."""
    found = credential_values({"headers": [{"key": "Authorization", "value": value}]})
    assert found and all(any(c.isalnum() for c in secret) for secret in found)
    assert not {"acct", '"acct"', "sms"} & found


@pytest.mark.parametrize(("text", "secrets", "shown"), [
    # a message quotes an excerpt cut at its length: the first part of a known secret is masked before the mark
    ("skipped 'X-Api-Key: Abc&%+@:x9kQ…' before", frozenset({"Abc&%+@:x9kQm7Zp"}), "'X-Api-Key: ************…'"),
    # a key no reader knew (a cmd `set` line), cut: the fallback masks it, and keeps the mark
    ("skipped 'set API_KEY=E6J9dGZXdYhnfAdAQt6oPqdV8FV…' before", frozenset(), "API_KEY=" + "*" * 27 + "…'"),
    # a doc's elided template stays as the docs wrote it
    ("apikey=sk_live_… before", frozenset(), "apikey=sk_live_…"),
])
def test_a_cut_quote_of_a_secret_is_masked(text: str, secrets: frozenset[str], shown: str) -> None:
    from curlport.redact import redact

    assert shown in redact(text, secrets)
