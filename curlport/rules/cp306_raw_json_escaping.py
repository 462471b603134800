"""CP306: a raw JSON body takes the message as raw text; a quote or a line break in it breaks the JSON."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.config.model import LEGACY_FORM, config_form, is_json_media_type
from curlport.findings import Severity
from curlport.rules.base import MESSAGE, RECIPIENT, Autofix, Config, Fix, Problem, Rule, assign, header_value
from curlport.rules.json_body import body_of, looks_like_json, parse

# A message with everything that breaks naive substitution: quotes, a backslash, a newline, non-ASCII.
_NASTY_MESSAGE = 'He said "hi" \\ bye\nnäive ✓'
_SAMPLE_NUMBER = "15551234567"


def _parses_with(body: str, message: str) -> bool:
    try:
        parse(body.replace(MESSAGE, message).replace(RECIPIENT, _SAMPLE_NUMBER))
    except ValueError:
        return False
    return True


def check(config: Config) -> Iterator[Problem]:
    found = body_of(config)
    if found is None or found[0] != "raw" or not looks_like_json(found[1]):
        return
    body = found[1]
    # A body that is not JSON even with a plain message is CP305's business.
    if MESSAGE not in body or not _parses_with(body, "hello") or _parses_with(body, _NASTY_MESSAGE):
        return
    index = body.find(MESSAGE)
    fix = None
    legacy = config_form(config) == LEGACY_FORM
    if not legacy and is_json_media_type(header_value(config, "Content-Type") or ""):
        fix = Fix("use the JSON parameter type", True, lambda fixed: assign(fixed, "/parameters/format", "json"))
    if legacy:
        what = "the legacy form pastes $$Body into a raw body as is: a message with a quote, a backslash or a line " \
               "break makes this body invalid JSON (render refuses such a message); prefer form parameters"
    else:
        what = "a raw body may take $$Body as raw text (render assumes the platform escapes it, as for the JSON " \
               "type): a message with a quote, a backslash or a line break would make it invalid JSON; use the JSON " \
               "parameter type"
    yield Problem("/parameters/body", f"{what}, or test such a message", index, index + len(MESSAGE), fix)


RULE: Rule = Rule(
    "CP306", "raw-json-escaping", Severity.INFO,
    "A raw body that is JSON: the message is pasted as raw text, so a quote or a line break in it breaks the JSON.",
    "The legacy form's raw type sends the body as written with $$Body replaced verbatim: a message such as "
    "'He said \"hi\"' makes the JSON invalid and that message fails (render shows the broken body and refuses). "
    "The current form's documentation does not say whether its raw type escapes; its JSON type is meant for JSON "
    "payloads.",
    "Use the JSON parameter type (format json); on the legacy form, prefer form parameters, or test with a message "
    "that has a quote and a line break.",
    '{"headers": [{"key": "Content-Type", "value": "application/json"}], '
    '"parameters": {"format": "raw", "body": "{\\"text\\": \\"$$Body\\"}"}}',
    '{"headers": [{"key": "Content-Type", "value": "application/json"}], '
    '"parameters": {"format": "json", "body": "{\\"text\\": \\"$$Body\\"}"}}',
    check,
    autofix=Autofix.SAFE,
    fix_safety="Safe, and offered only for a config of the current form whose Content-Type is JSON: the request "
               "stays the JSON request it declares.",
    needs=frozenset(("body",)),
)
