"""CP301: the Content-Type header contradicts the parameters."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.config.model import is_json_media_type
from curlport.config.shape import section, text
from curlport.findings import Severity
from curlport.media_types import FORM_CONTENT_TYPE, JSON_CONTENT_TYPE
from curlport.rules.base import Autofix, Config, Fix, Problem, Rule, header_value
from curlport.rules.json_body import looks_like_json
from curlport.urls import TEMPLATE_BASE


def _add_json_content_type(config: Config) -> None:
    config["headers"] = [*(config.get("headers") or []), {"key": "Content-Type", "value": JSON_CONTENT_TYPE}]


def check(config: Config) -> Iterator[Problem]:
    parameters = section(config, "parameters")
    declared = header_value(config, "Content-Type")
    if declared is not None and TEMPLATE_BASE.fullmatch(declared.strip()):
        return  # a template (<CONTENT_TYPE>): CP401 says which type the body is
    content_type = (declared or "").lower()
    if parameters.get("format") == "raw" and looks_like_json(text(parameters, "body")) \
            and "json" not in content_type:
        fix = Fix(f"add Content-Type: {JSON_CONTENT_TYPE}", True, _add_json_content_type) if declared is None \
            else None
        yield Problem("/parameters/body", f"a JSON body sent as \"{content_type or 'no content type'}\": add the "
                      f"header Content-Type: {JSON_CONTENT_TYPE}", fix=fix)
    if parameters.get("format") == "json" and declared is not None and not is_json_media_type(declared):
        yield Problem("/parameters", f"the JSON parameter type under Content-Type \"{content_type}\": the provider "
                      f"reads the body by its Content-Type; write {JSON_CONTENT_TYPE} or remove the header")
    if parameters.get("format") == "form" and content_type and FORM_CONTENT_TYPE not in content_type:
        yield Problem("/parameters", f"form fields under Content-Type \"{content_type}\": the platform sends them "
                      "x-www-form-urlencoded; remove the header or send a raw body")


RULE: Rule = Rule(
    "CP301", "content-type-mismatch", Severity.WARNING,
    "The Content-Type header contradicts the parameters (JSON sent as a form, form fields or the JSON type under "
    "another type).",
    "Providers parse the body by its Content-Type: a mismatch is usually a 400 or an empty message.",
    "Make the Content-Type header match the body.",
    '{"headers": [], "parameters": {"format": "raw", "body": "{\\"to\\": \\"$$To\\"}"}}',
    '{"headers": [{"key": "Content-Type", "value": "application/json"}], "parameters": {"format": "raw", '
    '"body": "{\\"to\\": \\"$$To\\"}"}}',
    check,
    autofix=Autofix.SAFE,
    fix_safety="Safe, and offered only when no Content-Type header is set: a JSON body is declared as JSON. A header "
               "that says something else is left for you to judge.",
)
