"""The generated validator says exactly what jsonschema says about validity, and is in sync with the schema."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from curlport.config import codegen
from curlport.config._fast_validator import is_valid
from curlport.config.schema import schema_text, violations

CONFIGS = Path(__file__).resolve().parent.parent / "fixtures" / "configs"
#: Values that hit every branch of the schema somewhere: wrong types, edge lengths, the right enum members.
REPLACEMENTS: list[Any] = [
    None, True, False, 0, 1, 1.5, "", "x", "GET", "POST", "get", "basic", "form", "raw", "http://h", "https://h/p",
    "ftp://h", "h" * 201, "https://" + "h" * 8190, [], {}, {"key": "a", "value": "b"}, {"key": "", "value": "b"},
    [{"key": "a", "value": "b"}], [{"key": "a"}], {"format": "form", "fields": []}, {"format": "raw", "body": ""},
    {"format": "raw", "body": "", "fields": []}, {"type": "basic", "username": "u", "password": ""},
    {"type": "basic", "username": "u"},
]


def _fixture_configs() -> list[dict[str, Any]]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(CONFIGS.glob("*.json"))
            if not path.name.endswith((".findings.json", ".lint.json"))]


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from _places(child, (*path, key))


def _mutant(config: dict[str, Any], path: tuple[Any, ...], action: int, replacement: Any) -> Any:
    """The config with the value at ``path`` deleted (0), given an unknown key (1) or replaced (2, 3)."""
    mutant: Any = copy.deepcopy(config)
    parent = mutant
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == 0 and isinstance(parent, dict):
        del parent[last]
    elif action == 1 and isinstance(parent[last], dict):
        parent[last]["extra"] = 1
    else:
        parent[last] = copy.deepcopy(replacement)
    return mutant


def _mutants(seed: int, count: int) -> Iterator[Any]:
    """Configs one edit away from a fixture."""
    rng = random.Random(seed)
    configs = _fixture_configs()
    for _ in range(count):
        config = rng.choice(configs)
        path = rng.choice([p for p in _places(config) if p])
        yield _mutant(config, path, rng.randrange(4), rng.choice(REPLACEMENTS))


def test_the_checked_in_validator_is_generated_from_the_current_schema() -> None:
    assert codegen.GENERATED_MODULE.read_text(encoding="utf-8") == codegen.current_source(), (
        f"schemas/{codegen.SCHEMA_FILE} changed: run `{codegen.REGENERATE}` and commit the result")


def test_fast_validator_agrees_with_jsonschema_on_fixtures_and_their_mutants() -> None:
    reference = Draft202012Validator(json.loads(schema_text()))
    configs = [*_fixture_configs(), *_mutants(seed=10, count=3000), [], "x", None]
    verdicts = [(is_valid(config), reference.is_valid(config)) for config in configs]
    disagreements = [config for config, (fast, slow) in zip(configs, verdicts, strict=True) if fast != slow]
    assert disagreements == []
    assert {fast for fast, _ in verdicts} == {True, False}  # both answers were exercised


def test_violations_still_come_from_jsonschema_when_the_fast_answer_is_no() -> None:
    config = {**_fixture_configs()[0], "method": "PUT", "extra": 1}
    assert [error.validator for error in violations(config)] == ["additionalProperties", "enum"]
    assert violations(_fixture_configs()[0]) == []


#: Every keyword the generator supports, in one schema, for the generic differential test below.
KEYWORD_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["a"],
    "additionalProperties": {"type": ["integer", "null"]},
    "patternProperties": {"^p_": {"type": "string", "pattern": "^[a-c]+$", "minLength": 2, "maxLength": 3}},
    "minProperties": 1,
    "maxProperties": 4,
    "properties": {
        "a": {"anyOf": [{"type": "number", "minimum": 0, "exclusiveMaximum": 10}, {"const": "ten"}]},
        "b": {"type": "array", "items": {"$ref": "#/$defs/item"}, "minItems": 1, "maxItems": 2, "uniqueItems": True},
        "c": {"allOf": [{"type": "integer"}, {"not": {"enum": [3, "x", None, True]}}],
              "maximum": 5, "exclusiveMinimum": -2},
        "d": {"if": {"type": "string"}, "then": {"minLength": 1}, "else": {"type": "boolean"}},
        "e": {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 2}]},
        "f": {"const": {"k": [1, True]}},
    },
    "$defs": {"item": {"type": "object", "additionalProperties": False, "properties": {"n": {"type": "string"}}}},
}
KEYWORD_VALUES: list[Any] = [None, True, False, 0, 1, 1.0, 2.5, 3, 3.0, 5, 7, -1, -2, 10, "", "x", "ab", "abcd",
                             "ten", "ad", [], [{}], [{"n": "x"}], [{"n": 1}], [{}, {}], [{"n": "a"}, {"n": "b"}],
                             {}, {"n": "x", "m": 1}, {"k": [1, True]}, {"k": [1, 1]}, {"k": [1.0, True]}]


@pytest.mark.parametrize("seed", range(4))
def test_every_supported_keyword_agrees_with_jsonschema(seed: int) -> None:
    namespace: dict[str, Any] = {}
    exec(compile(codegen.generate(KEYWORD_SCHEMA), "<generated>", "exec"), namespace)
    reference = Draft202012Validator(KEYWORD_SCHEMA)
    rng = random.Random(seed)
    keys = [*KEYWORD_SCHEMA["properties"], "p_1", "p_2", "zz"]
    instances = [{key: rng.choice(KEYWORD_VALUES) for key in rng.sample(keys, rng.randint(0, 5))}
                 for _ in range(2000)]
    disagreements = [i for i in instances if namespace["is_valid"](i) != reference.is_valid(i)]
    assert disagreements == []
    assert any(reference.is_valid(instance) for instance in instances)


def test_a_keyword_the_generator_does_not_know_stops_it() -> None:
    with pytest.raises(codegen.SchemaKeywordError, match="dependentRequired"):
        codegen.generate({"type": "object", "dependentRequired": {"a": ["b"]}})
