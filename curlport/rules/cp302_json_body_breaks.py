"""CP302: a raw JSON body that stops being JSON once a real message is substituted."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, RECIPIENT, Config, Problem, Rule
from curlport.rules.cp301_content_type_mismatch import looks_like_json

# A message with everything that breaks naive substitution: quotes, a backslash, a newline, non-ASCII.
_NASTY_MESSAGE = 'He said "hi" \\ bye\nnäive ✓'
_SAMPLE_NUMBER = "15551234567"


def _parses_with(body: str, message: str) -> bool:
    try:
        json.loads(body.replace(MESSAGE, message).replace(RECIPIENT, _SAMPLE_NUMBER))
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser goes
        return False
    return True


# A string literal (to its end, or to the end of the body when it is never closed), or a placeholder outside one.
_STRING_OR_PLACEHOLDER = re.compile(r'"(?:[^"\\]|\\[\s\S])*"?|' + "|".join(map(re.escape, (RECIPIENT, MESSAGE))))


def _bare_placeholders(body: str) -> Iterator[tuple[str, int]]:
    """Each $$To or $$Body that stands outside a JSON string literal, with its offset."""
    for match in _STRING_OR_PLACEHOLDER.finditer(body):
        if not match.group().startswith('"'):
            yield match.group(), match.start()


def check(config: Config) -> Iterator[Problem]:
    parameters = config.get("parameters") or {}
    body = str(parameters.get("body", ""))
    if parameters.get("format") != "raw" or not looks_like_json(body):
        return
    bare = list(_bare_placeholders(body))
    for placeholder, index in bare:
        yield Problem("/parameters/body", f"{placeholder} outside a JSON string: the value is pasted bare and the "
                      f"body is not JSON; write \"{placeholder}\"", index, index + len(placeholder))
    # A body that is not JSON even with a plain message is not this rule's business.
    if not bare and MESSAGE in body and _parses_with(body, "hello") and not _parses_with(body, _NASTY_MESSAGE):
        index = body.find(MESSAGE)
        yield Problem("/parameters/body", "this JSON body breaks when the message contains a quote, a backslash or a "
                      "newline: the platform substitutes $$Body as raw text; use a form body, or confirm the "
                      "platform escapes it", index, index + len(MESSAGE))


RULE = Rule(
    "CP302", "json-body-breaks", Severity.ERROR,
    "A raw JSON body with $$To or $$Body outside a string, or that stops being JSON once a real message is "
    "substituted.",
    "A message with a quote (\"), a backslash or a line break is pasted verbatim into the JSON and the provider "
    "rejects the request.",
    "Prefer form parameters; if the provider takes only JSON, test with such a message before onboarding.",
    '{"parameters": {"format": "raw", "body": "{\\"text\\": \\"$$Body\\"}"}}',
    '{"parameters": {"format": "form", "fields": [{"key": "text", "value": "$$Body"}]}}',
    check,
)
