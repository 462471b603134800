"""What lint's speed work on the rules must not change: a rule skipped, or a look cut short, never hides a finding.

The rules do less per config by deciding from the config's shape what cannot be there (a placeholder written as it
is, which detection finds present; a rule's trigger absent). Each shortcut is checked here against the long way,
over every config fixture, each malformed config, each rule's own good and bad examples, and variants of each that
move the configs into the shapes the shortcuts decide on (placeholders gone, miscased or encoded; GET and POST;
headers dropped or changed; the body's type swapped).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from functools import cache, partial
from typing import Any

import pytest
from fixture_cases import CONFIG_DIR, MALFORMED_DIR

from curlport.config.detect import detect
from curlport.rules import ALL_RULES, RULES_BY_CODE
from curlport.rules.base import PLACEHOLDER, Config, Problem, shape_of, walked
from curlport.rules.cp101_missing_recipient import missing_problem
from curlport.rules.cp402_sample_value_left import sample_problems

_SAMPLES = {"$$To": "+447700900123", "$$Body": "Hello from the docs"}


def _variants(config: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The config, and the config moved into the shapes the rules' shortcuts decide on."""
    yield config
    text = json.dumps(config)
    for placeholder, sample in _SAMPLES.items():
        yield json.loads(text.replace(placeholder, sample))  # a sample left where the placeholder goes
        yield json.loads(text.replace(placeholder, placeholder.lower()))  # miscased
        yield json.loads(text.replace(placeholder, placeholder.replace("$$", "%24%24")))  # percent-encoded
    yield json.loads(text.replace("$$To", _SAMPLES["$$To"]).replace("$$Body", _SAMPLES["$$Body"]))
    for method in ("GET", "POST", "PUT"):
        yield {**config, "method": method}
    yield {key: value for key, value in config.items() if key != "headers"}
    headers = config.get("headers")
    if isinstance(headers, list):
        for row in headers:
            if isinstance(row, dict) and isinstance(row.get("key"), str):
                for key in (row["key"].upper(), row["key"].lower(), f" {row['key']} "):
                    changed = copy.deepcopy(config)
                    changed["headers"] = [*headers, {**row, "key": key, "value": f"{row.get('value')}x"}]
                    yield changed
    parameters = config.get("parameters")
    if isinstance(parameters, dict):
        for form in ("json", "raw", "form", "multipart"):
            yield {**config, "parameters": {**parameters, "format": form}}


def _configs() -> list[dict[str, Any]]:
    found: list[Any] = []
    for folder in (CONFIG_DIR, MALFORMED_DIR):
        for path in sorted(folder.glob("*.json")):
            if path.name.count(".") == 1:
                try:
                    found.append(json.loads(path.read_text(encoding="utf-8")))
                except ValueError:
                    continue
    for rule in ALL_RULES:
        found += [json.loads(example) for example in (rule.bad, rule.good)]
    return [variant for config in found if isinstance(config, dict) for variant in _variants(config)]


@cache
def corpus() -> tuple[dict[str, Any], ...]:
    return tuple(_configs())


def test_the_corpus_has_every_shape() -> None:
    configs = corpus()
    assert len(configs) > 3000
    assert any("$$To" not in json.dumps(config) for config in configs)
    assert any(config.get("method") == "GET" and config.get("headers") for config in configs)


def _problems(check: Any, config: Config) -> list[Problem]:
    return [problem._replace(fix=None) for problem in check(config)]


def test_a_placeholder_written_as_it_is_needs_no_detection() -> None:
    """CP101, CP102 and CP402 skip detection when the placeholders are written as they are: detection finds them
    present, and says nothing these rules report."""
    for config in corpus():
        detection = detect(copy.deepcopy(config))
        expected = {
            "CP101": list(missing_problem(config, detection.recipient, "recipient's number")),
            "CP102": list(missing_problem(config, detection.message, "message")),
            "CP402": [problem._replace(fix=None) for decision in detection.decisions
                      for problem in sample_problems(decision)],
        }
        for code, problems in expected.items():
            assert _problems(RULES_BY_CODE[code].check, walked(config)) == \
                [problem._replace(fix=None) for problem in problems], (code, config)


@pytest.mark.parametrize("code", sorted(RULES_BY_CODE))
def test_a_rule_finds_the_same_on_a_walked_config_and_on_the_plain_one(code: str) -> None:
    """The rules' shared readings of a walked config (its values' text, its headers by name, its body read once)
    say what each rule would work out of the plain dict."""
    check = RULES_BY_CODE[code].check
    for config in corpus():
        assert _problems(check, walked(config)) == _problems(check, copy.deepcopy(config)), config


def _json_bodies() -> list[dict[str, Any]]:
    """The corpus, and its JSON bodies given each broken shape CP302, CP305 and CP705 look for."""
    found = list(corpus())
    for config in corpus():
        parameters = config.get("parameters")
        if not isinstance(parameters, dict) or not isinstance(body := parameters.get("body"), str) \
                or not body.lstrip().startswith("{"):
            continue
        opened = body.index("{") + 1
        for broken in (body[:opened] + '"to": 1, "to": 2, ' + body[opened:],  # a name twice
                       body[:opened] + '"$$To": 1, ' + body[opened:],  # a placeholder as a name
                       body[:opened] + '"a\\u0062": 1, "ab": 2, ' + body[opened:],  # one name spelled two ways
                       body.replace('"$$To"', "$$To"), body + ",", body[:-1], "\ufeff" + body):
            found.append({**config, "parameters": {**parameters, "body": broken}})
    found.append({**found[-1], "parameters": {"format": "json", "body": "[" * 2000 + "1" + "]" * 2000}})
    return found


def test_a_json_body_read_once_gives_each_rule_what_its_own_reading_gave() -> None:
    """CP705 reads a body's names only when the body read in C has a name twice or a ``$$`` in a name (or is not
    JSON); CP302 looks for bare placeholders only when blanking changed the body: never fewer findings."""
    from curlport.rules.cp705_json_key_repeated import _keys
    from curlport.rules.json_body import (
        _STRING_OR_PLACEHOLDER,
        _blank,
        bare_placeholders,
        blanked,
        body_of,
        declared_json,
        read_body,
    )

    checked = 0
    for config in _json_bodies():
        found = body_of(config)
        if found is None or not declared_json(config):
            continue
        long_way = [offset + placeholder.start() if (placeholder := PLACEHOLDER.search(literal)) else offset
                    for literal, offset, before in _keys(blanked(found[1]))
                    if PLACEHOLDER.search(literal) or literal in before]
        assert [problem.start for problem in RULES_BY_CODE["CP705"].check(walked(config))] == long_way, config
        if not list(bare_placeholders(found[1])):
            assert list(RULES_BY_CODE["CP302"].check(walked(config))) == []
        reading = read_body(config)
        assert reading is not None and reading.blanked == _STRING_OR_PLACEHOLDER.sub(_blank, found[1])
        try:
            assert reading.document == json.loads(reading.blanked) and reading.error is None
        except (ValueError, RecursionError) as error:
            assert (getattr(reading.error, "msg", None), getattr(reading.error, "pos", None)) == \
                (getattr(error, "msg", None), getattr(error, "pos", None)), config
        checked += 1
    assert checked > 500


def test_the_string_pattern_matches_as_one_alternative_per_character_did() -> None:
    import random
    import re

    from curlport.rules.json_body import _STRING_OR_PLACEHOLDER

    old = re.compile(r'"(?:[^"\\]|\\[\s\S])*"?|\$\$TemplateId|\$\$MessageID|\$\$Body|\$\$To')
    rng = random.Random(5)
    pieces = ['"', "\\", "$$To", "$$Body", "$$T", "a", "\n", "{", ":", "é"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert [m.span() for m in _STRING_OR_PLACEHOLDER.finditer(text)] == [m.span() for m in old.finditer(text)]


@pytest.mark.parametrize("rule", [rule for rule in ALL_RULES if rule.needs], ids=lambda rule: rule.code)
def test_a_rule_skipped_for_what_a_config_lacks_finds_nothing_there(rule: Any) -> None:
    """A run of the rules skips a rule on a config without what it ``needs`` (``shape_of``): run anyway, it finds
    nothing there."""
    skipped = 0
    for config in corpus():
        if not rule.needs <= shape_of(config):
            assert list(rule.check(walked(config))) == [], config
            skipped += 1
    assert skipped > 100


def test_the_cheap_questions_before_a_rule_reads_never_hide_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """The questions a rule asks before it reads a config's values (a header of a name, a name a rule is about,
    a parameter's name given twice), each answered "yes, read on": the same findings."""
    from curlport.rules import (
        cp107_dlt_template_id,
        cp204_credentials_outside_auth,
        cp208_callback_url_field,
        cp210_expiring_bearer_token,
        cp802_parameter_also_fixed,
        samples,
    )

    configs = corpus()
    quick = [[_problems(rule.check, walked(config)) for rule in ALL_RULES] for config in configs]
    every_name = partial(_every_name, samples.keyed_values)
    for module in (cp204_credentials_outside_auth, cp210_expiring_bearer_token):
        monkeypatch.setattr(module, "has_header", lambda config, lowered: True)
    for module in (cp107_dlt_template_id, cp208_callback_url_field):
        monkeypatch.setattr(module, "keyed_values", every_name)
    monkeypatch.setattr(cp802_parameter_also_fixed, "_repeated", lambda names: True)
    for config, found in zip(configs, quick, strict=True):
        assert [_problems(rule.check, walked(config)) for rule in ALL_RULES] == found, config


def _every_name(keyed_values: Any, config: Config, named: Any) -> Any:
    return [item for item in keyed_values(config, lambda key: True) if named(item.key)]


def test_a_pattern_is_searched_only_where_a_character_it_needs_is() -> None:
    """CP204, CP304 and CP804 search an endpoint only when it has a character every match holds."""
    from curlport.rules.cp204_credentials_outside_auth import _USERINFO
    from curlport.rules.cp304_double_encoding import _ENCODED_PLUS_OR_SPACE, _SPACE
    from curlport.rules.cp804_placeholder_only_encoded import ENCODED_PLACEHOLDER

    endpoints = [config["endpoint"] for config in corpus() if isinstance(config.get("endpoint"), str)]
    endpoints += ["https://u:p@x.example/a b?to=+1&t=%2b%24%24To", "http://@", "%24%24body", "a=+b", " "]
    for endpoint in endpoints:
        assert _USERINFO.search(endpoint) is None or "@" in endpoint
        assert ENCODED_PLACEHOLDER.search(endpoint) is None or "%" in endpoint
        assert _ENCODED_PLUS_OR_SPACE.search(endpoint) is None or "%2" in endpoint or "+" in endpoint
        assert _SPACE.search(endpoint) is None or " " in endpoint


def test_a_config_with_both_placeholders_as_written_is_detected_as_detect_does() -> None:
    """A walked config whose values carry $$To and $$Body as written takes ``present`` for its detection."""
    both = 0
    for config in corpus():
        assert walked(config).detection == detect(copy.deepcopy(config)), config
        both += "$$To" in json.dumps(config) and "$$Body" in json.dumps(config)
    assert both > 1000
