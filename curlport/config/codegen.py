"""The schema → a Python function that says whether a config is valid, and nothing else.

Validation runs on every import and every linted file, and a general validator
interprets the schema anew each time (most of an import's cost). The schema stays
the one source of truth: this generator turns it into straight-line Python that
answers yes or no, checked in as ``curlport/config/_fast_validator.py`` (a test
fails when it is out of date), and jsonschema runs only when the answer is no, to
say why. A keyword the generator does not know stops it with an error instead of
being skipped, so the fast answer can never be more lenient than the schema:

    python -m curlport.config.codegen     # after every change of schemas/provider-config.schema.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from curlport.resources import read_resource, resource_path

GENERATED_MODULE = Path(__file__).with_name("_fast_validator.py")
SCHEMA_FOLDER, SCHEMA_FILE = "schemas", "provider-config.schema.json"
REGENERATE = "python -m curlport.config.codegen"

#: Keywords that annotate and never reject (format too: draft 2020-12 makes it an annotation by default).
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default",
                          "deprecated", "readOnly", "writeOnly", "format", "contentMediaType", "contentEncoding"})
_TYPE_TESTS = {
    "null": "{v} is None",
    "boolean": "isinstance({v}, bool)",
    "string": "isinstance({v}, str)",
    "array": "isinstance({v}, list)",
    "object": "isinstance({v}, dict)",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "integer": "((isinstance({v}, int) and not isinstance({v}, bool))"
               " or (isinstance({v}, float) and {v}.is_integer()))",
}


class SchemaKeywordError(ValueError):
    """The schema uses a keyword the generator cannot check: teach it the keyword rather than skip it."""


class _Generator:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.functions: list[str] = []
        self.patterns: dict[str, str] = {}
        self.key_sets: dict[tuple[str, ...], str] = {}
        self.names: dict[str, str] = {}  # schema pointer -> function name
        self.bodies: dict[str, str] = {}  # function body -> function name: identical checks share one function
        self.known_type: str | None = None  # the type the current schema's "type" already ensured

    def function_for(self, schema: Any, pointer: str) -> str:
        """The name of the function that checks ``schema`` (generated once per pointer)."""
        if pointer in self.names:
            return self.names[pointer]
        if isinstance(schema, dict) and [k for k in schema if k not in _ANNOTATIONS] == ["$ref"]:
            self.names[pointer] = self.function_for(*self.resolve(schema["$ref"], pointer))
            return self.names[pointer]
        name = f"_check_{len(self.names)}"
        self.names[pointer] = name  # before the body: a recursive schema calls its own function
        outer, self.known_type = self.known_type, None
        body = "\n".join(f"    {line}" for line in [*self.statements(schema, pointer), "return True"])
        self.known_type = outer
        if body in self.bodies:
            self.names[pointer] = self.bodies[body]
            return self.bodies[body]
        self.bodies[body] = name
        self.functions.append(f"def {name}(v: Any) -> bool:\n{body}")
        return name

    def resolve(self, reference: str, pointer: str) -> tuple[Any, str]:
        """The schema a "$ref" names, and its pointer."""
        if not reference.startswith("#/"):
            raise SchemaKeywordError(f"{pointer}: only references inside the schema (#/...) are supported")
        target: Any = self.root
        for part in reference[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return target, reference[1:]

    def guarded(self, type_name: str, condition: str) -> list[str]:
        """``if <value is of type_name> and <condition>: return False``, without the test once the type is known."""
        guard = "" if self.known_type == type_name else _TYPE_TESTS[type_name].format(v="v") + " and "
        return [f"if {guard}{condition}:", "    return False"]

    def statements(self, schema: Any, pointer: str) -> list[str]:
        """Lines that ``return False`` when the value ``v`` does not match ``schema``."""
        if schema is True or schema == {}:
            return []
        if schema is False:
            return ["return False"]
        if not isinstance(schema, dict):
            raise SchemaKeywordError(f"{pointer or '/'}: a schema must be an object or a boolean")
        lines: list[str] = []
        for keyword, argument in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            method = getattr(self, "_" + keyword.replace("$", "dollar_"), None)
            if method is None:
                raise SchemaKeywordError(
                    f"{pointer or '/'}: the keyword '{keyword}' is not supported by curlport/config/codegen.py; "
                    "add it there (and to its differential test) before using it in the schema")
            lines += method(argument, schema, f"{pointer}/{keyword}")
        return lines

    # -- one method per keyword: each returns lines over the value v --------------------

    def _type(self, argument: Any, schema: dict[str, Any], pointer: str) -> list[str]:
        types = [argument] if isinstance(argument, str) else list(argument)
        if len(types) == 1:
            self.known_type = types[0]
        return [f"if not ({' or '.join(_TYPE_TESTS[t].format(v='v') for t in types)}):", "    return False"]

    def _enum(self, argument: list[Any], schema: dict[str, Any], pointer: str) -> list[str]:
        if all(isinstance(item, str) for item in argument):
            return [f"if not (isinstance(v, str) and v in {tuple(argument)!r}):", "    return False"]
        return [f"if not any(_json_equal(v, c) for c in {argument!r}):", "    return False"]

    def _const(self, argument: Any, schema: dict[str, Any], pointer: str) -> list[str]:
        if isinstance(argument, str):
            return [f"if not (isinstance(v, str) and v == {argument!r}):", "    return False"]
        return [f"if not _json_equal(v, {argument!r}):", "    return False"]

    def _required(self, argument: list[str], schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("object", " or ".join(f"{key!r} not in v" for key in argument) or "False")

    def _properties(self, argument: dict[str, Any], schema: dict[str, Any], pointer: str) -> list[str]:
        known, lines = self.known_type == "object", ["if isinstance(v, dict):"]
        indent = "" if known else "    "
        for key, subschema in argument.items():
            check = self.function_for(subschema, f"{pointer}/{key}")
            lines += [f"{indent}if {key!r} in v and not {check}(v[{key!r}]):", f"{indent}    return False"]
        return lines[known:] if len(lines) > 1 else []

    def _patternProperties(self, argument: dict[str, Any], schema: dict[str, Any], pointer: str) -> list[str]:
        lines = []
        for pattern, subschema in argument.items():
            check = self.function_for(subschema, f"{pointer}/{pattern}")
            lines += self.guarded("object", f"not all({check}(item) for key, item in v.items() "
                                            f"if {self.pattern(pattern)}.search(key))")
        return lines

    def _additionalProperties(self, argument: Any, schema: dict[str, Any], pointer: str) -> list[str]:
        known = tuple(schema.get("properties", {}))
        patterns = [self.pattern(p) for p in schema.get("patternProperties", {})]
        if argument is False and not patterns:
            return self.guarded("object", f"not v.keys() <= {self.key_set(known)}")
        extra = f"key not in {known!r}" + "".join(f" and not {p}.search(key)" for p in patterns)
        if argument is False:
            return self.guarded("object", f"any({extra} for key in v)")
        check = self.function_for(argument, pointer)
        return self.guarded("object", f"not all({check}(item) for key, item in v.items() if {extra})")

    def _items(self, argument: Any, schema: dict[str, Any], pointer: str) -> list[str]:
        if "prefixItems" in schema:
            raise SchemaKeywordError(f"{pointer}: items after prefixItems is not supported by the generator")
        return self.guarded("array", f"not all(map({self.function_for(argument, pointer)}, v))")

    def _minLength(self, argument: int, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("string", f"len(v) < {argument!r}")

    def _maxLength(self, argument: int, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("string", f"len(v) > {argument!r}")

    def _minItems(self, argument: int, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("array", f"len(v) < {argument!r}")

    def _maxItems(self, argument: int, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("array", f"len(v) > {argument!r}")

    def _minProperties(self, argument: int, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("object", f"len(v) < {argument!r}")

    def _maxProperties(self, argument: int, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("object", f"len(v) > {argument!r}")

    def _minimum(self, argument: float, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("number", f"v < {argument!r}")

    def _maximum(self, argument: float, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("number", f"v > {argument!r}")

    def _exclusiveMinimum(self, argument: float, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("number", f"v <= {argument!r}")

    def _exclusiveMaximum(self, argument: float, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("number", f"v >= {argument!r}")

    def _uniqueItems(self, argument: bool, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("array", "not _unique(v)") if argument else []

    def _pattern(self, argument: str, schema: dict[str, Any], pointer: str) -> list[str]:
        return self.guarded("string", f"not {self.pattern(argument)}.search(v)")

    def _subschemas(self, argument: list[Any], pointer: str, joiner: str) -> str:
        """The subschemas' checks of ``v`` joined by an operator: calls in a row, not a generator over them."""
        checks = (self.function_for(subschema, f"{pointer}/{i}") for i, subschema in enumerate(argument))
        return joiner.join(f"{check}(v)" for check in checks)

    def _oneOf(self, argument: list[Any], schema: dict[str, Any], pointer: str) -> list[str]:
        return [f"if {self._subschemas(argument, pointer, ' + ')} != 1:", "    return False"]

    def _anyOf(self, argument: list[Any], schema: dict[str, Any], pointer: str) -> list[str]:
        return [f"if not ({self._subschemas(argument, pointer, ' or ')}):", "    return False"]

    def _allOf(self, argument: list[Any], schema: dict[str, Any], pointer: str) -> list[str]:
        return [f"if not ({self._subschemas(argument, pointer, ' and ')}):", "    return False"]

    def _not(self, argument: Any, schema: dict[str, Any], pointer: str) -> list[str]:
        return [f"if {self.function_for(argument, pointer)}(v):", "    return False"]

    def _if(self, argument: Any, schema: dict[str, Any], pointer: str) -> list[str]:
        condition = self.function_for(argument, pointer)
        then = self.function_for(schema.get("then", True), pointer.removesuffix("/if") + "/then")
        otherwise = self.function_for(schema.get("else", True), pointer.removesuffix("/if") + "/else")
        return [f"if not ({then}(v) if {condition}(v) else {otherwise}(v)):", "    return False"]

    def _then(self, argument: Any, schema: dict[str, Any], pointer: str) -> list[str]:
        return []  # checked with its "if"

    _else = _then

    def _dollar_ref(self, argument: str, schema: dict[str, Any], pointer: str) -> list[str]:
        return [f"if not {self.function_for(*self.resolve(argument, pointer))}(v):", "    return False"]

    def key_set(self, keys: tuple[str, ...]) -> str:
        """The name of a module-level frozenset of keys (a set written in the check would be built on each call)."""
        return self.key_sets.setdefault(tuple(sorted(keys)), f"_KEYS_{len(self.key_sets)}")

    def pattern(self, regex: str) -> str:
        """The name of a module-level compiled pattern (Python's re stands in for ECMA 262, as in jsonschema)."""
        return self.patterns.setdefault(regex, f"_PATTERN_{len(self.patterns)}")


_PRELUDE = '''\
"""Generated from schemas/{schema} by `{command}`: do not edit.

``is_valid`` answers whether a config matches the schema; jsonschema explains why not.
"""

# ruff: noqa
from __future__ import annotations

import re
from typing import Any


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON sees it: true is not 1, and 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    return bool(a == b)


def _unique(items: list[Any]) -> bool:
    return not any(_json_equal(items[i], items[j]) for i in range(len(items)) for j in range(i))
'''


def generate(schema: dict[str, Any]) -> str:
    """The source of the module that checks configs against ``schema``."""
    generator = _Generator(schema)
    root = generator.function_for(schema, "")
    patterns = [f"{name} = re.compile({regex!r})" for regex, name in generator.patterns.items()]
    key_sets = "\n".join(f"{name} = frozenset({keys!r})" for keys, name in generator.key_sets.items())
    parts = [_PRELUDE.format(schema=SCHEMA_FILE, command=REGENERATE), *patterns, key_sets, "", *generator.functions,
             f"is_valid = {root}"]
    return "\n\n".join(part for part in parts if part) + "\n"


def current_source() -> str:
    """The generated module as the current schema makes it."""
    return generate(json.loads(read_resource(SCHEMA_FOLDER, SCHEMA_FILE)))


def main() -> None:
    GENERATED_MODULE.write_text(current_source(), encoding="utf-8")
    print(f"wrote {GENERATED_MODULE} from {resource_path(SCHEMA_FOLDER, SCHEMA_FILE)}")


if __name__ == "__main__":
    main()
