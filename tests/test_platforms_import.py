"""import --platform: a platform's settings back into a config, proven by the same comparison the other way round.

For every fixture a platform carries, the settings it exports are read back
(``read`` is the inverse of ``write``: the same request is simulated from both),
and the config made from them renders the request the platform sends — for a
message and number without most quirks export notes (no spaces around the
message, GSM's alphabet only, no punctuation in the number), and differing at
most where the export's notes say (a space in a Kannel path is a plus). A provider
whose fixed text spells a placeholder (``to=%24%24To``: the text "$$To", not the
placeholder) is left out: read back, the platform's decoded text cannot tell it
from the placeholder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from test_platforms import NUMBER, PROVIDERS, _providers

from curlport.cli import main
from curlport.preflight.platforms.common import PlatformRefusedError, differences
from curlport.preflight.platforms.registry import PLATFORMS, PlatformReadError, export_platform, import_platform
from curlport.preflight.provider import Provider, read_provider
from curlport.preflight.render import Values, render

PLAIN = Values(NUMBER, "Your code: 123456 & 100% sure (ok?)")


def _reads_back(provider: Provider, platform: str) -> bool:
    """Whether the platform carries the provider; if it does, asserts the settings read back send the same."""
    module = PLATFORMS[platform]
    try:
        converted = module.convert(provider, NUMBER)
    except PlatformRefusedError:
        return False
    exported = converted.settings
    noted = {aspect for note in converted.notes for aspect in note.aspects}
    text = module.write(exported)
    if "$$" in repr(exported) or "%24%24" in text:
        return False
    sent = module.simulate(exported, PLAIN)
    assert differences(module.simulate(module.read(text), PLAIN), sent) == set(), text
    config = import_platform(text, platform, name="imported")
    assert differences(render(read_provider(config), PLAIN).request, sent) <= noted, (text, config)
    return True


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_every_exported_fixture_reads_back_to_a_config_that_sends_the_same(platform: str) -> None:
    assert sum(_reads_back(provider, platform) for provider in PROVIDERS.values()) >= 40


@settings(max_examples=100, deadline=None)
@given(provider=_providers())
def test_generated_configs_read_back_to_a_config_that_sends_the_same(provider: Provider) -> None:
    for platform in PLATFORMS:
        _reads_back(provider, platform)


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_the_exported_text_with_its_note_comments_imports(platform: str) -> None:
    provider = read_provider({"name": "acme", "method": "GET", "auth": None, "headers": [], "parameters": None,
                              "endpoint": "https://sms.example.com/send?to=$$To&text=$$Body",
                              "response": {"statuses": [200]}})
    exported = export_platform(provider, platform, to=NUMBER if platform == "apprise" else None, show_secrets=True)
    assert exported.notes
    config = import_platform(exported.text, platform, name="acme", to="to" if platform == "apprise" else None)
    assert differences(render(read_provider(config), PLAIN).request, render(provider, PLAIN).request) <= {
        aspect for note in exported.notes for aspect in note.aspects}


def test_apprise_to_names_the_entry_that_holds_the_number() -> None:
    url = "forms://sms.example.com/send?method=POST&:version=&:title=&:type=&:message=text&:to=%2B447700900123"
    config = import_platform(url, "apprise", name="acme", to="to")
    assert config["parameters"]["fields"] == [{"key": "text", "value": "$$Body"}, {"key": "to", "value": "$$To"}]
    with pytest.raises(PlatformReadError):
        import_platform(url, "apprise", name="acme", to="phone")


def test_apprise_keeps_the_envelope_it_sends_when_the_url_keeps_it() -> None:
    config = import_platform("json://user:pw@sms.example.com:8080/api?+X-Key=k", "apprise", name="acme")
    assert json.loads(config["parameters"]["body"]) == {"version": "1.0", "title": "", "message": "$$Body",
                                                        "attachments": [], "type": "info"}
    assert config["endpoint"] == "http://sms.example.com:8080/api"
    assert config["auth"] == {"type": "basic", "username": "user", "password": "pw"}
    assert config["headers"] == [{"key": "X-Key", "value": "k"}]


def test_home_assistant_reads_a_handwritten_notifier() -> None:
    text = """
notify:
  - name: sms
    platform: rest
    resource: https://sms.example.com/api
    method: POST_JSON
    message_param_name: text
    target_param_name: to
    headers:
      X-Key: abc
    data:
      sender: Acme
      footer: "{{ message }} -- sent by HA"
"""
    config = import_platform(text, "home-assistant", name="sms")
    assert json.loads(config["parameters"]["body"]) == {"text": "$$Body", "to": "$$To", "sender": "Acme",
                                                        "footer": "$$Body -- sent by HA"}


def test_home_assistant_refuses_templates_it_cannot_read() -> None:
    text = "platform: rest\nresource: https://sms.example.com\ndata:\n  text: '{{ message | upper }}'\n"
    with pytest.raises(PlatformReadError):
        import_platform(text, "home-assistant", name="sms")


def test_kannel_reads_escape_codes_and_user_info() -> None:
    text = 'group = smsc\nsmsc = http\nsystem-type = generic\nsend-url = "http://u:p@gw.example/s?a=%%41&to=%p&t=%b"\n'
    config = import_platform(text, "kannel", name="gw")
    assert config["endpoint"] == "http://gw.example/s?a=%41&to=$$To&t=$$Body"
    assert config["auth"] == {"type": "basic", "username": "u", "password": "p"}
    with pytest.raises(PlatformReadError):
        import_platform(text.replace("%p", "%P"), "kannel", name="gw")


def test_privacyidea_reads_format_fields() -> None:
    text = "[options]\nURL = https://sms.example.com/send\nHTTP_METHOD = GET\nto = {phone}\nmsg = {x} {otp}\nn = 5\n"
    config = import_platform(text, "privacyidea", name="pi")
    assert config["endpoint"] == "https://sms.example.com/send?to=$$To&msg=%7Bx%7D%20$$Body&n=5"


@pytest.mark.parametrize(("platform", "text"), [
    ("frappe", "not json"), ("frappe", "{}"), ("apprise", "https://sms.example.com"),
    ("home-assistant", "a: [b"), ("kannel", "group = core\n"), ("privacyidea", "[options]\nHTTP_METHOD = GET\n"),
])
def test_unreadable_settings_exit_2_with_one_line(tmp_path: Path, platform: str, text: str) -> None:
    path = tmp_path / "settings.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--platform", platform])
    assert result.exit_code == 2
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1


def test_import_platform_command_writes_the_config(tmp_path: Path) -> None:
    path = tmp_path / "erp.json"
    path.write_text(json.dumps({"sms_gateway_url": "https://sms.example.com/send", "message_parameter": "text",
                                "receiver_parameter": "to", "use_post": 1,
                                "parameters": [{"parameter": "sender", "value": "ACME", "header": 0}]}),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--platform", "frappe"])
    assert result.exit_code == 0
    config = json.loads(result.stdout)
    assert config["name"] == "erp" and config["method"] == "POST"
    assert [f["value"] for f in config["parameters"]["fields"]] == ["$$Body", "ACME", "$$To"]


def test_import_platform_lints_the_config_it_prints(tmp_path: Path) -> None:
    path = tmp_path / "alerts.url"
    path.write_text("forms://sms.example.com/send?:message=text&:version=&:title=&:type=&:to=%2B447700900123\n",
                    encoding="utf-8")
    without = CliRunner().invoke(main, ["import", str(path), "--platform", "apprise"])
    assert without.exit_code == 1 and "CP402" in without.stderr  # the number is a sample recipient: write $$To
    placed = CliRunner().invoke(main, ["import", str(path), "--platform", "apprise", "--to", "form:to"])
    assert placed.exit_code == 0
    assert {"key": "to", "value": "$$To"} in json.loads(placed.stdout)["parameters"]["fields"]
