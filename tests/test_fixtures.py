"""Every fixture pair: the config and the import findings curlport must produce."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest
from fixture_cases import (
    CONFIG_DIR,
    CURL_DIR,
    ERROR_DIR,
    ROOT,
    TWIN_DIR,
    curl_cases,
    error_cases,
    import_case,
    import_error,
)
from jsonschema import Draft202012Validator

from curlport.config.schema import schema_text, violations

RULE_DIR = ROOT / "fixtures" / "rules"
#: The schema as version 1 published it, kept to prove that version 2 still accepts its configs.
V1_SCHEMA = ROOT / "fixtures" / "schemas" / "provider-config.v1.schema.json"


@pytest.mark.parametrize("case", curl_cases())
def test_curl_fixture_imports_to_its_config(case: str) -> None:
    config, findings = import_case(CURL_DIR / f"{case}.curl")
    assert config == json.loads((CONFIG_DIR / f"{case}.json").read_text(encoding="utf-8"))
    assert findings == json.loads((CONFIG_DIR / f"{case}.findings.json").read_text(encoding="utf-8"))
    assert violations(config) == []


@pytest.mark.parametrize("case", error_cases())
def test_bad_fixture_fails_with_its_error(case: str) -> None:
    expected = json.loads((ERROR_DIR / f"{case}.expected.json").read_text(encoding="utf-8"))
    assert import_error(ERROR_DIR / f"{case}.curl") == expected


def test_there_are_enough_cases() -> None:
    providers = {"textlocal", "plivo", "exotel", "msg91", "bulksms", "nimbus", "smsindiahub"}
    assert providers <= set(curl_cases())
    assert len(curl_cases()) - len(providers) + len(error_cases()) >= 40


@pytest.mark.parametrize("case", sorted(path.stem for path in TWIN_DIR.glob("*.curl")))
def test_twin_means_the_same_request(case: str) -> None:
    """A text curl cannot run as written imports to the config of its bash-runnable twin, which curl sends."""
    assert case in curl_cases()
    config, findings = import_case(CURL_DIR / f"{case}.curl")
    twin_config, _ = import_case(TWIN_DIR / f"{case}.curl")
    assert config == twin_config
    assert findings, "a twin is for a text that needed reading the way the doc means it"


def _committed_configs() -> list[tuple[str, Any]]:
    """Every config the repository holds: the fixtures' configs and the rule cases' .json inputs."""
    configs = [(path.name, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(CONFIG_DIR.glob("*.json"))
               if not path.name.endswith((".findings.json", ".lint.json"))]
    for path in sorted(RULE_DIR.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            if case.get("file", "config.json").endswith(".json"):
                try:
                    configs.append((f"{path.stem}: {case['name']}", json.loads(case["input"])))
                except ValueError:
                    continue  # a case about a file that is not JSON
    return configs


def test_every_committed_config_loads_with_the_new_schema() -> None:
    """Version 2 keeps every version-1 config valid: what v1 accepted, v2 accepts."""
    version_1 = Draft202012Validator(json.loads(V1_SCHEMA.read_text(encoding="utf-8")))
    configs = _committed_configs()
    assert len(configs) > 150
    for name, config in configs:
        if version_1.is_valid(config):
            assert violations(config) == [], name
    for name, config in configs:
        if name.endswith(".json"):
            assert violations(config) == [], name


def test_the_schema_is_versioned() -> None:
    schema = json.loads(schema_text())
    assert "/2/" in schema["$id"]
    assert schema["$id"] in schema["properties"]["$schema"]["enum"]
    old_id = json.loads(V1_SCHEMA.read_text(encoding="utf-8"))["$id"]
    assert old_id in schema["properties"]["$schema"]["enum"]
    base = {"name": "a", "method": "GET", "endpoint": "https://x.example/s?to=$$To&m=$$Body", "auth": None,
            "headers": [], "parameters": None}
    assert violations({**base, "$schema": schema["$id"], "form": "current"}) == []
    assert violations({**base, "$schema": old_id, "form": "legacy"}) == []
    assert violations({**base, "form": "newest"}) != []
    json_parameters = {"format": "json", "body": '{"to": "$$To"}'}
    assert violations({**base, "method": "POST", "parameters": json_parameters}) == []
    assert violations({**base, "form": "legacy", "parameters": json_parameters}) != []
    assert violations({**base, "batching": {"key": "m", "size": 1001}}) != []
    assert violations({**base, "batching": {"key": "m", "size": 1000}, "callback_url": "https://cb.example/1"}) == []
