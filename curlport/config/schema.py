"""The published JSON Schema of a provider config, and validation against it.

A config is checked by code generated from the schema (``curlport.config.codegen``),
which only answers yes or no; jsonschema is imported only for a config that fails,
to list every violation with its pointer and message.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from curlport.config._fast_validator import is_valid as is_valid  # re-exported: the yes/no answer
from curlport.resources import read_resource

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILE = "provider-config.schema.json"


def schema_text() -> str:
    return read_resource("schemas", SCHEMA_FILE)


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(schema_text()))


def violations(config: Any) -> list[ValidationError]:
    """Every schema violation of a config, not only the first, in document order."""
    if is_valid(config):
        return []
    return sorted(_validator().iter_errors(config), key=lambda error: list(map(str, error.absolute_path)))


def json_pointer(error: ValidationError) -> str:
    from curlport.json_positions import pointer_token  # lazy: only a config that fails the schema needs it

    return "".join(f"/{pointer_token(str(part))}" for part in error.absolute_path)


def violation_message(error: ValidationError) -> str:
    """A violation in the user's words: the endpoint's pattern says what a URL lacks, not the schema's regex."""
    if json_pointer(error) == "/endpoint" and error.validator == "pattern" and isinstance(error.instance, str):
        return (f"the endpoint must be an http:// or https:// URL with a host name; {json.dumps(error.instance)} "
                f"{'has no host name' if error.instance.lower().startswith(('http://', 'https://')) else 'is not one'}")
    return str(error.message)


def merged_violations(errors: Iterable[ValidationError]) -> list[tuple[str, str]]:
    """(pointer, message) of the violations at each place, said once: the required properties missing from an
    object listed together, then what else is wrong there (one place that is not what a config holds is one
    finding)."""
    missing: dict[str, list[str]] = {}
    others: dict[str, list[str]] = {}
    for error in errors:
        pointer = json_pointer(error)
        missing.setdefault(pointer, [])
        if error.validator == "required":
            missing[pointer].append(str(error.message).split(" is a required property")[0])
        else:
            others.setdefault(pointer, []).append(violation_message(error))
    return [(pointer, "; ".join(([_required(names)] if names else []) + others.get(pointer, [])))
            for pointer, names in missing.items()]


def _required(names: list[str]) -> str:
    return f"{names[0]} is a required property" if len(names) == 1 else \
        f"{', '.join(names[:-1])} and {names[-1]} are required properties"
