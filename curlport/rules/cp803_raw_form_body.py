"""CP803: a form body written as a raw body, so the message is pasted into it unencoded."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote_plus

from curlport.config.shape import section, text
from curlport.findings import Severity
from curlport.media_types import FORM_CONTENT_TYPE
from curlport.rules.base import MESSAGE, RECIPIENT, Autofix, Config, Fix, Problem, Rule, header_value


def _fields(body: str) -> list[tuple[str, str]] | None:
    """The key/values of a form body, or None when a piece of it is not ``key=value``."""
    pairs = [piece.partition("=") for piece in body.split("&")]
    if not all(key and equals for key, equals, _ in pairs):
        return None
    return [(unquote_plus(key), unquote_plus(value)) for key, _, value in pairs]


def _to_form(config: Config) -> None:
    fields = _fields(config["parameters"]["body"]) or []
    config["parameters"] = {"format": "form", "fields": [{"key": k, "value": v} for k, v in fields]}


def check(config: Config) -> Iterator[Problem]:
    parameters = section(config, "parameters")
    body = text(parameters, "body")
    if parameters.get("format") != "raw" or not (MESSAGE in body or RECIPIENT in body):
        return
    content_type = (header_value(config, "Content-Type") or "").lower()
    declared = FORM_CONTENT_TYPE in content_type
    fields = _fields(body)
    # JSON sent under the form type is CP301's; a body without a type is a form when it reads as one
    if body.lstrip()[:1] in ("{", "[") or not (declared or (not content_type and fields)):
        return
    placeholder = MESSAGE if MESSAGE in body else RECIPIENT
    start = body.index(placeholder)
    # the fixed values, decoded and encoded again by the platform, reach the provider as the same decoded values;
    # the form type sends the Content-Type the config already declares
    fix = Fix("write the body as form fields", True, _to_form) if declared and fields else None
    yield Problem("/parameters/body", f"a form body written as raw text: the platform pastes {placeholder} "
                  "into it unencoded, so an &, + or % in the value changes the fields the provider reads; use "
                  "the form parameter type, whose values the platform encodes", start, start + len(placeholder), fix)


RULE: Rule = Rule(
    "CP803", "raw-form-body", Severity.ERROR,
    "A raw body sent as a form (x-www-form-urlencoded, or key=value&… without a Content-Type) with $$Body or "
    "$$To in it.",
    "A raw body is sent verbatim: a message with '&' ends its field early, '+' becomes a space (a +44 number "
    "arrives as ' 44…') and '%' starts an escape, so the provider gets a cut or garbled message (curlport render "
    "refuses such a message, CP221).",
    "Use the form parameter type (key/value rows), which the platform encodes.",
    '{"headers": [{"key": "Content-Type", "value": "application/x-www-form-urlencoded"}], '
    '"parameters": {"format": "raw", "body": "to=$$To&text=$$Body"}}',
    '{"parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}, {"key": "text", '
    '"value": "$$Body"}]}}',
    check,
    autofix=Autofix.SAFE,
    fix_safety="Safe when the config declares the form type and every piece of the body is key=value: the fixed "
               "values are decoded and the platform encodes them again (the provider decodes the same values), "
               "and the placeholders' values get encoded, which is what a form needs. Not offered otherwise.",
    needs=frozenset(("body",)),
)
