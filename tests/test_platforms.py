"""export --platform: each platform's settings, proven by the request that platform would send.

For every provider fixture (the configs, and the curl commands imported) and
for generated configs, each platform either refuses with its reasons, or its
simulated request equals ``curlport render``'s in every aspect but the ones its
notes name: exactly those for a message built to show every difference (spaces
around it, non-ASCII, &, +, %, braces, quotes), and no others for any message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixture_cases import CONFIG_DIR, CURL_DIR, sendable
from hypothesis import given, settings
from hypothesis import strategies as st

from curlport.cli import main
from curlport.errors import CurlportError
from curlport.preflight.load import load_config
from curlport.preflight.platforms import PLATFORM_NAMES, common, frappe, home_assistant, kannel, privacyidea
from curlport.preflight.platforms import apprise as apprise_platform
from curlport.preflight.platforms.common import PlatformRefusedError, differences
from curlport.preflight.platforms.registry import PLATFORMS, export_platform
from curlport.preflight.provider import Provider, read_provider
from curlport.preflight.render import HttpRequest, RenderRefusedError, Values, render

NUMBER = "+447700900123"
#: A message that shows every difference a platform has: spaces around it, non-ASCII, & + % braces and quotes.
PROOF = Values(NUMBER, ' Héllo & 100% {ok} + "q" 👋 ', template_id="T1", message_id="M1")
#: With a message and a number that are JSON text (privacyIDEA reads values as JSON): every difference a platform notes.
PROOFS = (PROOF, Values("447700900123", "true", template_id="T1", message_id="M1"))


def _fixture_providers() -> dict[str, Provider]:
    found = {}
    for path in sorted(CONFIG_DIR.glob("*.json")):
        config = json.loads(path.read_text(encoding="utf-8"))
        if path.name.count(".") == 1 and sendable(config):
            found[f"configs/{path.stem}"] = read_provider(config)
    for path in sorted(CURL_DIR.glob("*.curl")):
        try:
            loaded = load_config(path.read_bytes(), str(path))
        except CurlportError:
            continue
        provider = loaded.provider() if loaded.config and sendable(loaded.config) else None
        if isinstance(provider, Provider):
            found[f"curl/{path.stem}"] = provider
    return found


PROVIDERS = _fixture_providers()


def declared_aspects(notes: tuple[common.Note, ...], proofs: tuple[Values, ...]) -> set[str]:
    """The aspects the notes name, but for a note on some messages (padded, templates) when no message is one:
    such a note must not hide another difference in the same aspect."""
    return {aspect for note in notes if any(note.shows(values.body) for values in proofs) for aspect in note.aspects}


def _proof(provider: Provider, platform: str, proofs: tuple[Values, ...], *, exact: bool) -> str:
    """'refused', 'unrendered' or 'carried'; asserts the simulated requests differ only where the notes say (and,
    ``exact``, everywhere they say, over these messages)."""
    try:
        references = [render(provider, values).request for values in proofs]
    except (RenderRefusedError, CurlportError):
        return "unrendered"
    module = PLATFORMS[platform]
    try:
        converted = [module.convert(provider, values.to) for values in proofs]
    except PlatformRefusedError as error:
        assert error.reasons
        return "refused"
    declared = declared_aspects(converted[0].notes, proofs)
    found = set().union(*(differences(reference, module.simulate(each.settings, values))
                          for reference, each, values in zip(references, converted, proofs, strict=True)))
    assert found == declared if exact else found <= declared, (found, declared)
    return "carried"


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_every_fixture_is_carried_exactly_or_refused(platform: str) -> None:
    outcomes = {name: _proof(provider, platform, PROOFS, exact=True) for name, provider in PROVIDERS.items()}
    carried = sorted(name for name, outcome in outcomes.items() if outcome == "carried")
    assert len(PROVIDERS) > 250
    # every platform carries a good share of real providers: the proof is not vacuous
    assert len(carried) >= 40, carried


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_plain_messages_show_no_undeclared_difference(platform: str) -> None:
    plain = Values(NUMBER, "Your code is 123456", template_id="T1", message_id="M1")
    for provider in PROVIDERS.values():
        _proof(provider, platform, (plain,), exact=False)


def test_the_cli_names_every_platform() -> None:
    assert sorted(PLATFORMS) == list(PLATFORM_NAMES)


# --- generated configs ------------------------------------------------------------------------------------------

_KEY = st.from_regex(r"\A[a-z][a-z_]{0,7}\Z")
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_VALUE = st.one_of(_TEXT, st.sampled_from(["$$To", "$$Body", "Hi $$Body", "{x}", "a%41b", " pad "]))


@st.composite
def _providers(draw: st.DrawFn) -> Provider:
    pairs = draw(st.lists(st.tuples(_KEY, _VALUE), max_size=4, unique_by=lambda pair: pair[0]))
    method = draw(st.sampled_from(["GET", "POST"]))
    kind = draw(st.sampled_from(["query", "form", "json", "nested", "typed"]))
    query = "&".join(f"{k}={v}" for k, v in pairs) if kind == "query" else draw(st.sampled_from(["", "x=1"]))
    path = draw(st.sampled_from(["/api/send", "/api/$$To", "/v1/$$Body/send", "/100%25", "/v1/a%2Fb/send"]))
    endpoint = f"https://sms.example.com{path}" + (f"?{query}" if query else "")
    parameters: dict[str, Any] | None = None
    if kind == "form":
        parameters = {"format": "form", "fields": [{"key": k, "value": v} for k, v in pairs]}
    elif kind == "json":
        parameters = {"format": "json", "body": json.dumps(dict(pairs), ensure_ascii=False)}
    elif kind == "nested":
        parameters = {"format": "json", "body": json.dumps({"messages": [dict(pairs)], "count": 1})}
    elif kind == "typed":  # JSON's own types beside the texts: a platform must not turn 1 into "1", true or 1.0
        typed = draw(st.lists(st.tuples(_KEY, st.sampled_from([1, 1.5, True, False, None, [], {}, "1", "true"])),
                              max_size=3))
        parameters = {"format": "json", "body": json.dumps({**dict(typed), **dict(pairs)})}
    headers = [{"key": k, "value": v} for k, v in draw(st.lists(st.tuples(
        st.sampled_from(["X-Api-Key", "Accept", "X-Channel", "Authorization", "Content-Type"]),
        st.sampled_from(["abc", "sms", "$$To", "Bearer t0k", " pad ", "application/json", "a+b %41;c"])),
        max_size=2, unique_by=lambda pair: pair[0]))]
    auth = draw(st.sampled_from([None, {"type": "basic", "username": "user", "password": "pa ss"},
                                 {"type": "basic", "username": "us er", "password": "p@ss:w/rd%25"},
                                 {"type": "basic", "username": "u", "password": ""}]))
    response = draw(st.sampled_from([None, {"success_pattern": "OK"}, {"statuses": [200], "failure_pattern": "ERR"}]))
    return read_provider({"name": "generated", "method": method, "endpoint": endpoint, "auth": auth,
                          "headers": headers, "parameters": parameters, "response": response})


_NUMBERS = st.from_regex(r"\A\+?[0-9]{6,14}\Z")
_MESSAGES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\n"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(provider=_providers(), to=_NUMBERS, body=_MESSAGES)
def test_generated_configs_differ_only_where_declared(provider: Provider, to: str, body: str) -> None:
    values = Values(to, body)
    for platform in PLATFORMS:
        try:
            reference = render(provider, values).request
        except (RenderRefusedError, CurlportError):
            return
        module = PLATFORMS[platform]
        try:
            converted = module.convert(provider, to)
        except PlatformRefusedError as error:
            assert error.reasons
            continue
        declared = declared_aspects(converted.notes, (values,))
        assert differences(reference, module.simulate(converted.settings, values)) <= declared


def test_the_comparison_tells_json_types_and_encoded_slashes_apart() -> None:
    """Python's == says true is 1 and 1 is 1.0, and a decoded path loses its encoded slash; a provider tells both."""
    sent = HttpRequest("POST", "https://h/a%2Fb", (("Content-Type", "application/json"),), '{"n": 1, "m": [true]}')
    for changed, aspect in (('{"n": true, "m": [true]}', "body"), ('{"n": 1.0, "m": [true]}', "body"),
                            ('{"n": 1, "m": [1]}', "body"), ('{"n": 1, "n": 1, "m": [true]}', "body"),
                            ('{"m": [true], "n": 1}', None)):
        assert differences(sent, HttpRequest("POST", "https://h/a%2Fb", sent.headers, changed)) == (
            {aspect} if aspect else set()), changed
    assert differences(sent, HttpRequest("POST", "https://h/a/b", sent.headers, sent.body)) == {"path"}
    assert differences(sent, HttpRequest("POST", "https://h/a%2fb", sent.headers, sent.body)) == set()


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_a_json_key_twice_is_refused(platform: str) -> None:
    """Render sends both values as written; every platform parses the body and would send one of them."""
    provider = _provider(method="POST", endpoint="https://sms.example.com/send",
                         parameters={"format": "json", "body": '{"to": "$$To", "text": "$$Body", "text": "Hi"}'})
    with pytest.raises(PlatformRefusedError) as refused:
        PLATFORMS[platform].convert(provider, NUMBER)
    assert any("twice" in reason for reason in refused.value.reasons)


def test_home_assistant_refuses_a_key_with_template_syntax() -> None:
    """Home Assistant's template_complex turns such a key of data into a template object, not text."""
    provider = _provider(method="POST", endpoint="https://sms.example.com/send", parameters={
        "format": "json", "body": '{"to": "$$To", "text": "$$Body", "meta": {"{{x}}": "a"}}'})
    with pytest.raises(PlatformRefusedError) as refused:
        home_assistant.convert(provider)
    assert len(refused.value.reasons) == 1


@pytest.mark.parametrize(("platform", "header", "password"), [
    ("home-assistant", True, False), ("apprise", True, True), ("frappe", True, False), ("privacyidea", True, True)])
def test_non_ascii_headers_and_latin1_credentials_are_refused(platform: str, header: bool, password: bool) -> None:
    """requests sends a header as Latin-1 (or not at all) and Basic auth from Latin-1, httpx refuses a non-ASCII
    header; render sends UTF-8. Frappe's Authorization row and httpx's Basic auth are UTF-8, as render's."""
    form = {"format": "form", "fields": [{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}]}
    for changed, refused in (({"headers": [{"key": "X-Key", "value": "é"}]}, header),
                             ({"auth": {"type": "basic", "username": "user", "password": "päss"}}, password)):
        provider = _provider(method="POST", endpoint="https://sms.example.com/send", parameters=form, **changed)
        try:
            PLATFORMS[platform].convert(provider, NUMBER)
        except PlatformRefusedError as error:
            assert refused and any("non-ASCII" in reason for reason in error.reasons)
        else:
            assert not refused


def test_home_assistant_notes_that_it_renders_a_message_with_template_syntax() -> None:
    """The notify service's message is a template (legacy notify: message.async_render): '{{ 1 }}' is sent as '1'."""
    converted = home_assistant.convert(_provider())
    assert declared_aspects(converted.notes, (Values(NUMBER, "Code {{ 1 }}"),)) == {"query"}
    assert declared_aspects(converted.notes, (Values(NUMBER, "Code {1} %}"),)) == set()


def test_privacyidea_notes_where_a_message_with_the_text_phone_gets_the_number() -> None:
    """{otp} is filled first, then {phone} everywhere: the message's own '{phone}' too, even with no $$To beside."""
    provider = _provider(endpoint="https://sms.example.com/send?to=447700900123&text=$$Body")
    converted = privacyidea.convert(provider)
    values = Values(NUMBER, "call {phone} now")
    found = differences(render(provider, values).request, privacyidea.simulate(converted.settings, values))
    assert found == declared_aspects(converted.notes, (values,)) == {"query"}
    phone = [note for note in converted.notes if note.only_for]
    assert [note.aspects for note in phone] == [("query",)]
    assert phone[0].shows(values.body) and not phone[0].shows("call me")


def test_apprise_notes_the_order_of_a_form_sent_as_text() -> None:
    fields = [{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}]
    provider = _provider(method="POST", endpoint="https://sms.example.com/send",
                         headers=[{"key": "Content-Type", "value": "text/plain"}],
                         parameters={"format": "form", "fields": fields})
    plain = Values(NUMBER, "hi")
    converted = apprise_platform.convert(provider, NUMBER)
    found = differences(render(provider, plain).request, apprise_platform.simulate(converted.settings, plain))
    assert found == {"body"} == declared_aspects(converted.notes, (plain,))


# --- what each platform does differently ------------------------------------------------------------------------

def _provider(**fields: Any) -> Provider:
    config = {"name": "acme", "method": "GET", "endpoint": "https://sms.example.com/send?to=$$To&text=$$Body",
              "auth": None, "headers": [], "parameters": None}
    return read_provider({**config, **fields})


def test_kannel_doubles_a_literal_percent_and_encodes_values_as_octstr_url_encode() -> None:
    provider = _provider(endpoint="https://sms.example.com/send?from=Acme%20Ltd&to=$$To&text=$$Body")
    group = kannel.convert(provider).settings
    assert group.send_url == "https://sms.example.com/send?from=Acme%%20Ltd&to=%p&text=%b"
    url = kannel.simulate(group, Values("+44 7700", "a b!é")).url
    assert url == "https://sms.example.com/send?from=Acme%20Ltd&to=%2B44+7700&text=a+b!%C3%A9"


def test_kannel_refuses_post_and_credential_headers() -> None:
    with pytest.raises(PlatformRefusedError) as refused:
        kannel.convert(_provider(method="POST", headers=[{"key": "Authorization", "value": "Bearer x"}]))
    assert len(refused.value.reasons) == 2


def test_kannel_notes_that_a_path_reads_plus_as_plus() -> None:
    converted = kannel.convert(_provider(endpoint="https://sms.example.com/send/$$To/$$Body"))
    assert {aspect for note in converted.notes for aspect in note.aspects} == {"path"}
    assert kannel.simulate(converted.settings, Values(NUMBER, "a b")).url.endswith("/a+b")


def test_kannel_sends_the_message_in_the_gsm_alphabet() -> None:
    assert kannel.seven_bit("é€{} ç ł 中 👋") == "é€{} Ç ? ? ????"


def test_privacyidea_fills_options_as_text_then_reads_them_as_json() -> None:
    provider = _provider(method="POST", endpoint="https://sms.example.com/send",
                         parameters={"format": "json", "body": '{"to": "$$To", "text": "{x} $$Body", "n": 5, '
                                                               '"m": {"a": ["$$To"]}}'})
    gateway = privacyidea.convert(provider).settings
    assert ("text", "{x} {otp}") in gateway.options and ("to", "{phone}") in gateway.options
    assert ("n", "5") in gateway.options and ("m", '{"a": ["{phone}"]}') in gateway.options
    assert gateway.option("SEND_DATA_AS_JSON") == "yes"
    request = privacyidea.simulate(gateway, Values(NUMBER, "{phone} 1"))
    assert json.loads(request.body or "") == {"to": NUMBER, "text": f"{{x}} {NUMBER} 1", "n": 5, "m": {"a": [NUMBER]}}


def test_privacyidea_sends_a_message_that_is_json_text_as_json() -> None:
    provider = _provider(method="POST", endpoint="https://sms.example.com/send",
                         parameters={"format": "form", "fields": [{"key": "to", "value": "$$To"},
                                                                   {"key": "text", "value": "$$Body"}]})
    gateway = privacyidea.convert(provider).settings
    assert privacyidea.simulate(gateway, Values(NUMBER, "null")).body == "to=%2B447700900123"
    assert privacyidea.simulate(gateway, Values(NUMBER, "true")).body == "to=%2B447700900123&text=True"


def test_privacyidea_refuses_a_parameter_named_like_its_options() -> None:
    with pytest.raises(PlatformRefusedError):
        privacyidea.convert(_provider(endpoint="https://sms.example.com/send?TIMEOUT=5&to=$$To&text=$$Body&URL=$$Body"))


def test_frappe_sends_json_only_for_content_type_exactly_application_json() -> None:
    provider = _provider(method="POST", endpoint="https://sms.example.com/send",
                         headers=[{"key": "Content-Type", "value": "application/json; charset=utf-8"}],
                         parameters={"format": "json", "body": '{"to": "$$To", "text": "$$Body"}'})
    converted = frappe.convert(provider)
    rows = {(row.parameter, row.value) for row in converted.settings.parameters if row.header}
    assert rows == {("Content-Type", "application/json")}
    assert [aspect for note in converted.notes for aspect in note.aspects] == ["header:content-type"]
    assert frappe.simulate(converted.settings, Values("+44 (0) 7700-900", "x")).body == '{"text": "x", "to": ' \
        '"+4407700900"}'


def test_frappe_refuses_a_nested_json_body() -> None:
    provider = _provider(method="POST", endpoint="https://sms.example.com/send",
                         parameters={"format": "json", "body": '{"messages": [{"to": "$$To", "body": "$$Body"}]}'})
    with pytest.raises(PlatformRefusedError):
        frappe.convert(provider)


def test_home_assistant_hides_the_message_parameter_behind_a_data_key() -> None:
    provider = _provider(method="POST", endpoint="https://sms.example.com/send",
                         parameters={"format": "json", "body": '{"messages": [{"to": "$$To", "body": "$$Body"}]}'})
    notify = home_assistant.convert(provider).settings
    assert notify.method == "POST_JSON" and notify.message_param_name == "messages"
    assert notify.data == {"messages": [{"to": "{{ target[0] }}", "body": "{{ message }}"}]}


def test_home_assistant_keeps_template_syntax_of_a_fixed_value_raw() -> None:
    fields = [{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}, {"key": "tag", "value": "{{x}}"}]
    provider = _provider(method="POST", endpoint="https://sms.example.com/send",
                         parameters={"format": "form", "fields": fields})
    notify = home_assistant.convert(provider).settings
    assert notify.data == {"tag": "{% raw %}{{x}}{% endraw %}"}
    assert "tag=%7B%7Bx%7D%7D" in (home_assistant.simulate(notify, Values(NUMBER, "m")).body or "")


def test_home_assistant_refuses_oauth2_and_placeholders_in_headers() -> None:
    provider = _provider(auth={"type": "oauth2", "token_url": "https://sms.example.com/token", "client_id": "a",
                               "client_secret": "b"}, headers=[{"key": "X-To", "value": "$$To"}])
    with pytest.raises(PlatformRefusedError) as refused:
        home_assistant.convert(provider)
    assert len(refused.value.reasons) == 2


def test_apprise_needs_to_for_a_recipient_and_writes_it_into_the_url() -> None:
    provider = _provider(method="POST", endpoint="https://sms.example.com/send",
                         parameters={"format": "form", "fields": [{"key": "to", "value": "$$To"},
                                                                   {"key": "text", "value": "$$Body"}]})
    with pytest.raises(PlatformRefusedError):
        apprise_platform.convert(provider)
    url = apprise_platform.write(apprise_platform.convert(provider, NUMBER).settings)
    assert url == ("forms://sms.example.com/send?method=POST&:version=&:title=&:type=&:message=text"
                   "&:to=%2B447700900123\n")


def test_apprise_encodes_a_percent_twice() -> None:
    provider = _provider(method="POST", endpoint="https://sms.example.com/send",
                         parameters={"format": "json", "body": '{"text": "$$Body", "note": "100%"}'})
    url = apprise_platform.write(apprise_platform.convert(provider, NUMBER).settings)
    assert ":note=100%2525" in url


# --- the command ----------------------------------------------------------------------------------------------------

def _write(tmp_path: Path, config: dict[str, Any]) -> str:
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return str(path)


BASIC = {"name": "acme", "method": "GET", "endpoint": "https://sms.example.com/send?to=$$To&text=$$Body",
         "auth": {"type": "basic", "username": "acme", "password": "s3cr3t-pass"}, "headers": [],
         "parameters": None}


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_export_platform_masks_secrets_unless_asked(tmp_path: Path, platform: str) -> None:
    path = _write(tmp_path, BASIC)
    to = ["--to", NUMBER] if platform == "apprise" else []
    masked = CliRunner().invoke(main, ["export", path, "--platform", platform, *to])
    shown = CliRunner().invoke(main, ["export", path, "--platform", platform, *to, "--show-secrets"])
    assert (masked.exit_code, shown.exit_code) == (0, 0)
    secret_forms = ("s3cr3t-pass", "YWNtZTpzM2NyM3QtcGFzcw")  # as written, and inside Basic's base64
    assert not any(form in masked.output for form in secret_forms)
    assert any(form in shown.stdout for form in secret_forms)


def test_export_platform_refusal_exits_1_with_one_line_per_reason(tmp_path: Path) -> None:
    config = {**BASIC, "method": "POST", "parameters": {"format": "raw", "body": "to=$$To"}}
    result = CliRunner().invoke(main, ["export", _write(tmp_path, config), "--platform", "kannel"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len([line for line in result.stderr.splitlines() if ": error: " in line]) == 2


def test_export_to_is_for_apprise_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", _write(tmp_path, BASIC), "--platform", "kannel", "--to", NUMBER])
    assert (result.exit_code, result.stdout) == (2, "")


def test_export_platform_reads_a_curl_command(tmp_path: Path) -> None:
    path = tmp_path / "acme.curl"
    path.write_text("curl 'https://sms.example.com/send?to=%2B447700900123&text=Hello'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(path), "--platform", "kannel"])
    assert result.exit_code == 0
    assert 'send-url = "https://sms.example.com/send?to=%p&text=%b"' in result.stdout


def test_export_platform_api_masks_by_default() -> None:
    provider = read_provider(BASIC)
    assert "s3cr3t" not in export_platform(provider, "privacyidea").text
    assert "s3cr3t" in export_platform(provider, "privacyidea", show_secrets=True).text


def test_import_and_export_load_the_platforms_only_when_asked() -> None:
    from test_lazy_imports import _loaded
    platforms = ("curlport.preflight.platforms.registry", "yaml", "apprise")
    assert _loaded("import", "fixtures/curl/textlocal.curl", watched=platforms) == []
    assert _loaded("export", "fixtures/configs/textlocal.json", watched=platforms) == []
    assert _loaded("export", "fixtures/configs/textlocal.json", "--platform", "kannel",
                   watched=platforms) == ["curlport.preflight.platforms.registry"]


_TEMPLATE_TEXT = st.lists(st.sampled_from(["$$Body", "$$To", " ", "a", "{{x}}", "{%", "#}", "{#", "é", "}}", "%}",
                                           "{", "}", "%", "#", "{% endraw %}"]), max_size=6).map("".join)


@settings(max_examples=200, deadline=None)
@given(value=_TEMPLATE_TEXT, body=_MESSAGES, to=_NUMBERS)
def test_home_assistant_templates_render_in_jinja_as_in_the_model(value: str, body: str, to: str) -> None:
    """Home Assistant renders data with Jinja2 (sandboxed, no autoescape) and strips the result; a string without
    template syntax is kept as written. The model's renderer must agree on every template the export writes."""
    jinja2 = pytest.importorskip("jinja2.sandbox")
    if home_assistant._unraw_able(value):
        return  # refused by convert
    template = home_assistant._template_value(value)
    values = Values(to, body)
    expected = template
    if isinstance(template, str) and any(d in template for d in ("{{", "{%", "{#")):
        expected = jinja2.ImmutableSandboxedEnvironment().from_string(template).render(
            message=body, target=[to]).strip()
    assert home_assistant.render_template(template, values) == expected


_PAIRS = st.lists(st.tuples(_KEY, _TEXT), max_size=3, unique_by=lambda pair: pair[0])


@settings(max_examples=150, deadline=None)
@given(method=st.sampled_from(["GET", "POST"]), query=st.sampled_from(["", "?x=1", "?"]), params=_PAIRS,
       headers=st.lists(st.tuples(st.sampled_from(["X-Key", "Accept", "Content-Type", "Authorization"]), _KEY),
                        max_size=2, unique_by=lambda pair: pair[0].lower()),
       body=st.sampled_from(["none", "form", "json"]), fields=_PAIRS,
       auth=st.none() | st.tuples(_KEY, _TEXT))
def test_the_client_model_prepares_what_requests_prepares(method: str, query: str, params: list[tuple[str, str]],
                                                          headers: list[tuple[str, str]], body: str,
                                                          fields: list[tuple[str, str]],
                                                          auth: tuple[str, str] | None) -> None:
    """Frappe and privacyIDEA send with requests (Home Assistant with httpx, alike in what is compared)."""
    requests = pytest.importorskip("requests")
    url = "https://sms.example.com/api" + query
    form = fields if body == "form" else None
    json_value = dict(fields) if body == "json" else None
    auth = auth if auth is None or all(c.isascii() for c in auth[0] + auth[1]) else None  # requests: Latin-1 only
    prepared = requests.Request(method, url, params=params, headers=dict(headers), data=form, json=json_value,
                                auth=auth).prepare()
    sent = HttpRequest(prepared.method or "", prepared.url or "", tuple(prepared.headers.items()),
                       prepared.body.decode() if isinstance(prepared.body, bytes) else prepared.body)
    model = common.client_request(method, url, params=params, headers=headers, form=form, json_value=json_value,
                                  auth=auth)
    assert common.differences(sent, model) == set()


@pytest.mark.parametrize("platform", ["home-assistant", "apprise", "privacyidea", "kannel"])
def test_the_platform_docs_examples_are_what_export_prints(platform: str) -> None:
    readme = (CONFIG_DIR.parent.parent / "docs/platforms.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines()
                   if line.startswith("$ curlport export") and f"--platform {platform}" in line)
    shown = readme.split(command + "\n", 1)[1].split("```", 1)[0]
    words = command.split()
    config = f"fixtures/configs/{words[3].removesuffix('.json')}.json"
    result = CliRunner().invoke(main, ["export", str(CONFIG_DIR.parent.parent / config), *words[4:]])
    assert result.exit_code == 0
    assert result.stdout == shown
