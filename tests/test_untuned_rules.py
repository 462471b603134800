"""The CP7xx rules by class, on every fixture: each fixture moved into the broken shape its rule names.

Written for the trust audit: a config that lints clean must work on the provider form. Each real fixture is
rewritten into a shape the form cannot carry (its form fields as a raw form body, its query after '#', its
message inside XML or inside JSON text, its JSON body with a key twice, a fixed Content-Length) and the rule must
report it, at the placeholders; the fixture itself must not trigger it.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote_plus

import pytest
from fixture_cases import CONFIG_DIR, sendable

from curlport.lint.runner import lint_text
from curlport.rules.json_body import parse

CONFIGS = [(path.stem, config) for path in sorted(CONFIG_DIR.glob("*.json")) if path.name.count(".") == 1
           and sendable(config := json.loads(path.read_text(encoding="utf-8")))]


def _codes(config: dict[str, Any], code: str) -> list[str]:
    text = json.dumps(config, indent=2, ensure_ascii=False)
    return [f.pointer for f in lint_text(text.encode(), "config.json", frozenset({code})).findings]


def _fields(config: dict[str, Any]) -> list[dict[str, str]]:
    parameters = config.get("parameters") or {}
    return parameters.get("fields") or [] if parameters.get("format") == "form" else []


def _with_message(fields: list[dict[str, str]]) -> bool:
    return any("$$Body" in field["value"] for field in fields)


FORMS = [(name, config) for name, config in CONFIGS if config["method"] == "POST" and _with_message(_fields(config))]
GETS = [(name, config) for name, config in CONFIGS if config["method"] == "GET" and "?" in config["endpoint"]
        and "$$Body" in config["endpoint"].split("?", 1)[1] and "#" not in config["endpoint"]]


def test_the_classes_have_real_members() -> None:
    assert len(FORMS) >= 20 and len(GETS) >= 20


@pytest.mark.parametrize(("name", "config"), FORMS, ids=[name for name, _ in FORMS])
def test_form_fields_written_as_a_raw_form_body_are_cp803(name: str, config: dict[str, Any]) -> None:
    fields = _fields(config)
    body = "&".join(f"{quote_plus(f['key'])}={f['value']}" for f in fields)
    headers = [h for h in config["headers"] if h["key"].lower() != "content-type"]
    raw = {**config, "headers": [*headers, {"key": "Content-Type", "value": "application/x-www-form-urlencoded"}],
           "parameters": {"format": "raw", "body": body}}
    assert _codes(config, "CP803") == []
    assert _codes(raw, "CP803") == ["/parameters/body"]


@pytest.mark.parametrize(("name", "config"), FORMS, ids=[name for name, _ in FORMS])
def test_the_message_inside_json_text_of_a_field_is_cp704(name: str, config: dict[str, Any]) -> None:
    fields = [{**f, "value": json.dumps({"text": f["value"]})} if "$$Body" in f["value"] else f
              for f in _fields(config)]
    nested = {**config, "parameters": {"format": "form", "fields": fields}}
    assert _codes(config, "CP704") == []
    assert len(_codes(nested, "CP704")) == sum(1 for f in fields if "$$Body" in f["value"])


@pytest.mark.parametrize(("name", "config"), GETS, ids=[name for name, _ in GETS])
def test_a_query_moved_after_a_hash_is_cp701(name: str, config: dict[str, Any]) -> None:
    moved = {**config, "endpoint": config["endpoint"].replace("?", "#", 1)}
    query = config["endpoint"].split("?", 1)[1]
    assert _codes(config, "CP701") == []
    assert _codes(moved, "CP701") == ["/endpoint"] * sum(query.count(p) for p in ("$$To", "$$Body"))


@pytest.mark.parametrize(("name", "config"), FORMS, ids=[name for name, _ in FORMS])
def test_the_message_in_xml_is_cp703_unless_in_cdata(name: str, config: dict[str, Any]) -> None:
    elements = "".join(f"<{f['key'] or 'x'}>{f['value']}</{f['key'] or 'x'}>" for f in _fields(config)
                       if f["key"].isidentifier())
    for body, expected in ((f"<sms>{elements}</sms>", elements.count("$$Body")),
                           (f"<sms>{elements.replace('$$Body', '<![CDATA[$$Body]]>')}</sms>", 0)):
        xml = {**config, "headers": [{"key": "Content-Type", "value": "application/xml"}],
               "parameters": {"format": "raw", "body": body}}
        assert len(_codes(xml, "CP703")) == expected


def _object(body: str) -> bool:
    try:
        return bool(isinstance(value := parse(body), dict) and value)
    except ValueError:
        return False


def test_every_json_fixture_with_a_key_repeated_is_cp705() -> None:
    bodies = [(name, config) for name, config in CONFIGS if (config.get("parameters") or {}).get("format") == "json"
              and _object(config["parameters"]["body"])]
    assert len(bodies) >= 10
    for name, config in bodies:
        body = config["parameters"]["body"]
        closing = body.rindex("}")
        first_key = json.dumps(next(iter(parse(body))))
        repeated = {**config, "parameters": {**config["parameters"],
                                             "body": body[:closing].rstrip() + f", {first_key}: \"x\"" + "}"}}
        assert _codes(config, "CP705") == [], name
        assert _codes(repeated, "CP705") == ["/parameters/body"], name


def test_a_fixed_content_length_on_any_fixture_is_cp706() -> None:
    for name, config in CONFIGS:
        fixed = {**config, "headers": [*config["headers"], {"key": "Content-Length", "value": "42"}]}
        assert _codes(config, "CP706") == [], name
        assert _codes(fixed, "CP706") == [f"/headers/{len(config['headers'])}/key"], name


