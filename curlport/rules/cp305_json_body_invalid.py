"""CP305: a body declared JSON (the JSON type, or a JSON Content-Type) that is not JSON."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule
from curlport.rules.json_body import blanked, body_of, declared_json, parse


def check(config: Config) -> Iterator[Problem]:
    found = body_of(config)
    if found is None or not declared_json(config):
        return
    body = found[1]
    try:
        parse(body)
    except ValueError as error:
        position = getattr(error, "pos", 0)
        start = min(position, max(len(body) - 1, 0))
        reason = getattr(error, "msg", str(error))
        where = "at its end" if position >= len(blanked(body)) else f"at character {position + 1}"
        yield Problem("/parameters/body", f"the body is declared JSON but is not: {reason} {where}; the provider "
                      "rejects it", start, min(start + 1, len(body)) or None)


RULE: Rule = Rule(
    "CP305", "json-body-invalid", Severity.ERROR,
    "A body declared JSON (the JSON parameter type, or a JSON Content-Type) that is not valid JSON.",
    "The provider parses the body as JSON and rejects every message: a missing brace or a trailing comma in a "
    "pasted sample is easy to miss.",
    "Make the body valid JSON (the placeholders inside strings: \"$$To\").",
    '{"parameters": {"format": "json", "body": "{\\"to\\": \\"$$To\\", \\"text\\": \\"$$Body\\""}}',
    '{"parameters": {"format": "json", "body": "{\\"to\\": \\"$$To\\", \\"text\\": \\"$$Body\\"}"}}',
    check,
)
