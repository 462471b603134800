"""CP209: a config for the legacy form that uses what only the current form has."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.config.model import LEGACY_FORM, config_form
from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule


def check(config: Config) -> Iterator[Problem]:
    if config_form(config) != LEGACY_FORM:
        return
    auth, parameters = config.get("auth"), config.get("parameters")
    if isinstance(auth, dict) and auth.get("type") == "oauth2":
        yield Problem("/auth", "OAuth 2.0 authentication is not in the legacy form: target the current form "
                      "(remove \"form\": \"legacy\") or use Basic auth or a header")
    if isinstance(parameters, dict) and parameters.get("format") == "json":
        yield Problem("/parameters", "the JSON parameter type is not in the legacy form: target the current form "
                      "or send the JSON as a raw body")
    for key, what in (("batching", "batching"), ("callback_url", "a callback URL")):
        if config.get(key) is not None:
            yield Problem(f"/{key}", f"{what} is not in the legacy form: target the current form or remove it")


RULE: Rule = Rule(
    "CP209", "not-in-legacy-form", Severity.ERROR,
    "A config for the legacy form (\"form\": \"legacy\") with OAuth 2.0, the JSON type, batching or a callback URL.",
    "The older form of the specification page has only Basic auth and form or raw parameters: what it cannot "
    "hold is lost when the config is entered.",
    "Target the current form (remove \"form\": \"legacy\"), or express the request with what the legacy form has.",
    '{"form": "legacy", "parameters": {"format": "json", "body": "{\\"to\\": \\"$$To\\"}"}}',
    '{"form": "legacy", "parameters": {"format": "raw", "body": "{\\"to\\": \\"$$To\\"}"}}',
    check,
    explains_schema=True,
)
