"""Every fixture pair: the config and the import findings curlport must produce."""

from __future__ import annotations

import json

import pytest
from fixture_cases import CONFIG_DIR, CURL_DIR, ERROR_DIR, curl_cases, error_cases, import_case, import_error

from curlport.config.schema import violations


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
