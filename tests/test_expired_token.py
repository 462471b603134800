"""CP212 by class, on every fixture: a JWT that expired, wherever a request carries it, is never "ready".

A documentation page's sample JWT (or an old console token) cannot authenticate, so each real fixture is given one —
as a Bearer header, as a bare token header, in the endpoint's query — and must report CP212 at the token (an error:
import exits 1); the same token with an expiry still to come must not (CP210's, in a Bearer header).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fixture_cases import CONFIG_DIR, CURL_DIR, curl_cases, sendable

from curlport import decode_input, import_curl
from curlport.findings import Severity
from curlport.lint.placed import check_import
from curlport.lint.runner import lint_text

#: {"alg": "HS256"} . {"sub": "acme", "exp": 1600000000} (2020-09-13) . a signature
EXPIRED = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhY21lIiwiZXhwIjoxNjAwMDAwMDAwfQ.c2lnbmF0dXJl"
#: the same with "exp": 4102444800 (2100-01-01)
CURRENT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhY21lIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl"

CONFIGS = [(path.stem, config) for path in sorted(CONFIG_DIR.glob("*.json")) if path.name.count(".") == 1
           and sendable(config := json.loads(path.read_text(encoding="utf-8")))]


def _cp212(config: dict[str, Any]) -> list[tuple[str, Severity]]:
    text = json.dumps(config, indent=2, ensure_ascii=False)
    return [(f.pointer, f.severity) for f in lint_text(text.encode(), "config.json").findings if f.code == "CP212"]


def _with_header(config: dict[str, Any], key: str, value: str) -> dict[str, Any]:
    headers = [h for h in config["headers"] if h["key"].lower() != key.lower()]
    return {**config, "headers": [*headers, {"key": key, "value": value}]}


def test_the_fixtures_carry_no_expired_token() -> None:
    assert len(CONFIGS) >= 100 and all(_cp212(config) == [] for _, config in CONFIGS)


@pytest.mark.parametrize(("name", "config"), CONFIGS, ids=[name for name, _ in CONFIGS])
def test_an_expired_jwt_in_a_header_is_cp212_and_a_current_one_is_not(name: str, config: dict[str, Any]) -> None:
    for key, value in (("Authorization", f"Bearer {EXPIRED}"), ("X-Auth-Token", EXPIRED)):
        changed = _with_header(config, key, value)
        assert _cp212(changed) == [(f"/headers/{len(changed['headers']) - 1}/value", Severity.ERROR)]
    assert _cp212(_with_header(config, "Authorization", f"Bearer {CURRENT}")) == []


@pytest.mark.parametrize(("name", "config"), CONFIGS, ids=[name for name, _ in CONFIGS])
def test_an_expired_jwt_in_the_query_is_cp212(name: str, config: dict[str, Any]) -> None:
    endpoint = config["endpoint"].split("#", 1)[0]
    changed = {**config, "endpoint": f"{endpoint}{'&' if '?' in endpoint else '?'}access_token={EXPIRED}"}
    assert _cp212(changed) == [("/endpoint", Severity.ERROR)]


#: The fixtures that are one curl command and nothing else, where a header added after the curl word is surely its.
ONE_COMMAND = [case for case in curl_cases()
               if (text := (CURL_DIR / f"{case}.curl").read_text(encoding="utf-8")).startswith("curl ")
               and len(re.findall(r"\bcurl\b", text)) == 1]


def test_the_class_has_real_members() -> None:
    assert len(ONE_COMMAND) >= 60


@pytest.mark.parametrize("case", ONE_COMMAND)
def test_an_imported_command_with_an_expired_token_is_not_ready(case: str) -> None:
    text = decode_input((CURL_DIR / f"{case}.curl").read_bytes())
    # right after the curl word, unquoted and without a blank: the same header in every shell
    result = import_curl(f"curl -H X-Auth-Token:{EXPIRED}{text[4:]}", name=case, source_name=f"{case}.curl")
    assert [f.severity for f in check_import(result) if f.code == "CP212"] == [Severity.ERROR]
