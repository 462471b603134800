"""CP308: batching without the JSON parameter type."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.config.model import LEGACY_FORM, config_form
from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule


def check(config: Config) -> Iterator[Problem]:
    parameters = config.get("parameters")
    form = parameters.get("format") if isinstance(parameters, dict) else None
    if isinstance(config.get("batching"), dict) and form != "json" and config_form(config) != LEGACY_FORM:
        yield Problem("/batching", f"batching needs the JSON parameter type; the parameters are "
                      f"{form or 'empty'}: send a JSON body, or remove batching")


RULE: Rule = Rule(
    "CP308", "batching-needs-json", Severity.ERROR,
    "Batching in a config whose parameters are not of the JSON type.",
    "The platform batches recipients by repeating a record of a JSON array; form fields and raw bodies have none.",
    "Use the JSON parameter type with an array of one record, or remove batching.",
    '{"batching": {"key": "messages", "size": 100}, "parameters": {"format": "form", "fields": []}}',
    '{"batching": {"key": "messages", "size": 100}, "parameters": {"format": "json", "body": '
    '"{\\"messages\\": [{\\"to\\": \\"$$To\\"}]}"}}',
    check,
    needs=frozenset(("batching",)),
)
