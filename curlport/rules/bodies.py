"""Rules about bodies and encoding: JSON that breaks on a real message, header injection, double encoding."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, RECIPIENT, Config, Problem, Rule, header_value, headers

_NASTY_MESSAGE = 'He said "hi" \\ bye\nnäive ✓'


def _looks_like_json(body: str) -> bool:
    return body.lstrip()[:1] in ("{", "[")


def _content_type_mismatch(config: Config) -> Iterator[Problem]:
    parameters = config.get("parameters") or {}
    content_type = (header_value(config, "Content-Type") or "").lower()
    if parameters.get("format") == "raw" and _looks_like_json(str(parameters.get("body", ""))) \
            and "json" not in content_type:
        yield Problem("/parameters/body", f"a JSON body sent as '{content_type or 'no content type'}': add the "
                      "header Content-Type: application/json")
    if parameters.get("format") == "form" and content_type and "x-www-form-urlencoded" not in content_type:
        yield Problem("/parameters", f"form fields under Content-Type '{content_type}': the platform sends them "
                      "x-www-form-urlencoded; remove the header or send a raw body")


CONTENT_TYPE = Rule(
    "CP301", "content-type-mismatch", Severity.WARNING,
    "The Content-Type header contradicts the parameters (JSON sent as a form, form fields under JSON).",
    "Providers parse the body by its Content-Type: a mismatch is usually a 400 or an empty message.",
    "Make the Content-Type header match the body.",
    '{"headers": [], "parameters": {"format": "raw", "body": "{\\"to\\": \\"$$To\\"}"}}',
    '{"headers": [{"key": "Content-Type", "value": "application/json"}], "parameters": {"format": "raw", '
    '"body": "{\\"to\\": \\"$$To\\"}"}}',
    _content_type_mismatch,
)


def _json_breaks(config: Config) -> Iterator[Problem]:
    parameters = config.get("parameters") or {}
    body = str(parameters.get("body", ""))
    if parameters.get("format") != "raw" or not _looks_like_json(body) or MESSAGE not in body:
        return
    try:
        json.loads(body.replace(MESSAGE, "hello").replace(RECIPIENT, "15551234567"))
    except ValueError:
        return  # not JSON even with a plain message: not this rule's business
    try:
        json.loads(body.replace(MESSAGE, _NASTY_MESSAGE).replace(RECIPIENT, "15551234567"))
    except ValueError:
        index = body.find(MESSAGE)
        yield Problem("/parameters/body", "this JSON body breaks when the message contains a quote, a backslash or a "
                      "newline: the platform substitutes $$Body as raw text; use a form body, or confirm the "
                      "platform escapes it", index, index + len(MESSAGE))


JSON_BREAKS = Rule(
    "CP302", "json-body-breaks", Severity.ERROR,
    "A raw JSON body that stops being valid JSON once a real message is substituted.",
    "A message with a quote (\"), a backslash or a line break is pasted verbatim into the JSON and the provider "
    "rejects the request.",
    "Prefer form parameters; if the provider takes only JSON, test with such a message before onboarding.",
    '{"parameters": {"format": "raw", "body": "{\\"text\\": \\"$$Body\\"}"}}',
    '{"parameters": {"format": "form", "fields": [{"key": "text", "value": "$$Body"}]}}',
    _json_breaks,
)


def _header_injection(config: Config) -> Iterator[Problem]:
    for index, key, value in headers(config):
        if MESSAGE in value:
            start = value.find(MESSAGE)
            yield Problem(f"/headers/{index}/value", f"$$Body in the header '{key}': a line break in a message "
                          "would inject headers; send the message in the query or the body", start,
                          start + len(MESSAGE))


HEADER_INJECTION = Rule(
    "CP303", "message-in-header", Severity.ERROR,
    "A header value carries $$Body.",
    "Messages contain line breaks; in a header they end it and start new ones (header injection), or fail.",
    "Send the message in the endpoint's query or in the parameters.",
    '{"headers": [{"key": "X-Text", "value": "$$Body"}]}',
    '{"parameters": {"format": "form", "fields": [{"key": "text", "value": "$$Body"}]}}',
    _header_injection,
)

_ENCODED_PLACEHOLDER = re.compile(r"(?i)%24%24(?:to|body)")


def _encoding(config: Config) -> Iterator[Problem]:
    endpoint = str(config.get("endpoint", ""))
    for match in _ENCODED_PLACEHOLDER.finditer(endpoint):
        yield Problem("/endpoint", f"{match.group(0)} is a percent-encoded placeholder: the platform looks for the "
                      "literal $$To/$$Body; write it unencoded", match.start(), match.end())
    if config.get("method") == "GET":
        for match in re.finditer(r"%2[Bb]|(?<=[=&])\+", endpoint):
            yield Problem("/endpoint", f"'{match.group(0)}' in the query is already encoded; the platform encodes "
                          "substituted values itself: check the provider receives what you mean",
                          match.start(), match.end())


ENCODING = Rule(
    "CP304", "double-encoding", Severity.WARNING,
    "A placeholder or sample value that is already percent-encoded where the platform encodes again.",
    "%24%24To is never substituted, and %2B or + for space may be encoded twice.",
    "Write $$To and $$Body unencoded; leave encoding to the platform.",
    '{"endpoint": "https://sms.example.com/send?to=%24%24To&text=$$Body"}',
    '{"endpoint": "https://sms.example.com/send?to=$$To&text=$$Body"}',
    _encoding,
)

RULES = (CONTENT_TYPE, JSON_BREAKS, HEADER_INJECTION, ENCODING)
