"""The blind set of configs (fixtures/blind-configs; see tests/blind_configs.py): each case answers as its toml says.

KNOWN_FAILURES lists today's failures by name. It is strict both ways: a case that
starts failing fails the test, and so does a listed case that stops failing, so the
list can only shrink as the rules and the importers improve (remove the case in the
change that fixes it). The folder's README says which class each listed case is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from blind_configs import BLIND_CONFIGS_DIR, config_cases, expectation, judge_case

from curlport.config.detect.places import parse_place
from curlport.preflight.platforms.registry import PlatformReadError, import_platform

CASES = config_cases()

#: Cases that do not answer as their toml says (class in the README).
KNOWN_FAILURES: frozenset[str] = frozenset()

_KEYS = {"command", "platform", "apprise_to", "expected_exit", "must_find", "must_find_any", "must_not_find", "clean",
         "not_clean", "to", "body", "source", "classes", "note"}


def test_the_set_is_large_and_well_formed() -> None:
    assert len(CASES) >= 40
    stems = [path.stem for path in CASES]
    assert sorted(path.stem for path in BLIND_CONFIGS_DIR.glob("*.toml")) == stems
    readme = (BLIND_CONFIGS_DIR / "README.md").read_text(encoding="utf-8")
    for path in CASES:
        expected = expectation(path)
        assert set(expected) <= _KEYS, path.name
        assert expected.get("source") and expected.get("note") and expected.get("classes"), path.name
        assert expected["command"] in ("lint", "import") and expected["expected_exit"], path.name
        assert (expected["command"] == "import") == ("platform" in expected), path.name
        for place in [*expected.get("to", []), *expected.get("body", [])]:
            parse_place(place)  # raises PlaceSyntaxError on a typo in the expectation
        assert f"| {path.stem} |" in readme, path.name
    assert set(stems) >= KNOWN_FAILURES


@pytest.mark.parametrize("case_file", CASES, ids=[path.stem for path in CASES])
def test_case_answers_as_expected_beyond_the_known(case_file: Path) -> None:
    case = judge_case(case_file)
    assert case.passed != (case.case in KNOWN_FAILURES), (
        f"{case.failures or 'passes'}: update KNOWN_FAILURES and the README")


_NOTIFIER = """notify:
  - name: sms
    platform: rest
    resource: https://sms.example.com/send
    method: POST_JSON
    username: ops
    password: {password}
    {data_key}:
      to: "{to}"
      text: "Alert: {body}"
"""


@pytest.mark.parametrize("to", ["{{ target[0] }}", "{{target[0]}}", "{{ target | first }}", "{{target|first}}",
                                "{{  target [ 0 ]  }}"])
@pytest.mark.parametrize("body", ["{{ message }}", "{{message}}", "{{  message }}"])
def test_home_assistant_reads_the_jinja_spellings_of_message_and_first_target(to: str, body: str) -> None:
    config = import_platform(_NOTIFIER.format(password="pw", data_key="data", to=to, body=body), "home-assistant",
                             name="sms")
    assert config["parameters"]["body"] == '{"message": "$$Body", "to": "$$To", "text": "Alert: $$Body"}'


@pytest.mark.parametrize("template", ["{{ target }}", "{{ target[1] }}", "{{ message | upper }}", "{{ title }}"])
def test_home_assistant_still_refuses_other_templates(template: str) -> None:
    with pytest.raises(PlatformReadError):
        import_platform(_NOTIFIER.format(password="pw", data_key="data", to=template, body=""), "home-assistant",
                        name="sms")


@pytest.mark.parametrize("tag", ["!secret sms_password", "!env_var SMS_PASSWORD"])
def test_home_assistant_values_kept_elsewhere_become_values_to_fill_in(tag: str) -> None:
    config = import_platform(_NOTIFIER.format(password=tag, data_key="data_template", to="{{ target[0] }}",
                                              body="{{ message }}"), "home-assistant", name="sms")
    assert config["auth"]["password"] == f"<{tag.split()[1]}>"
    assert config["parameters"]["body"] == '{"message": "$$Body", "to": "$$To", "text": "Alert: $$Body"}'


def test_home_assistant_data_template_updates_data() -> None:
    text = _NOTIFIER.format(password="pw", data_key="data", to="x", body="{{ message }}") + \
        '    data_template:\n      to: "{{ target[0] }}"\n'
    assert import_platform(text, "home-assistant", name="sms")["parameters"]["body"] == (
        '{"message": "$$Body", "to": "$$To", "text": "Alert: $$Body"}')


def test_frappe_reads_the_sms_settings_of_a_fixtures_list() -> None:
    settings = {"doctype": "SMS Settings", "sms_gateway_url": "https://sms.example.com/send",
                "message_parameter": "text", "receiver_parameter": "to", "use_post": 0, "parameters": []}
    text = json.dumps([{"doctype": "Custom Field", "fieldname": "x"}, settings])
    assert import_platform(text, "frappe", name="sms")["endpoint"] == "https://sms.example.com/send?text=$$Body&to=$$To"
    with pytest.raises(PlatformReadError):
        import_platform(json.dumps([{"doctype": "Custom Field"}]), "frappe", name="sms")
