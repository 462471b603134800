"""CP302: a placeholder outside a JSON string, which makes the body stop being JSON once it is substituted."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule
from curlport.rules.json_body import bare_placeholders, body_of, declared_json, looks_like_json, read_body


def check(config: Config) -> Iterator[Problem]:
    found = body_of(config)
    if found is None or not (declared_json(config) or looks_like_json(found[1])):
        return
    reading = read_body(config)
    if reading is None or reading.blanked == found[1]:  # most bodies: every placeholder inside a string
        return
    bare = list(bare_placeholders(found[1]))
    from curlport.config.detect.lenient import read  # lazy: only a body that may be JSON

    if read(found[1]) is not None:  # form pairs, or JSON with a typo that swallows a quote: CP305's business
        return
    for placeholder, index in bare:
        yield Problem("/parameters/body", f"{placeholder} outside a JSON string: the value is pasted bare and the "
                      f"body is not JSON (a +44 number, any message); write \"{placeholder}\"", index,
                      index + len(placeholder))


RULE: Rule = Rule(
    "CP302", "json-body-breaks", Severity.ERROR,
    "A JSON body with $$To or $$Body outside a string: once substituted it is not JSON.",
    "The platform pastes the value where the placeholder stands: {\"to\": $$To} becomes {\"to\": +4477…} and a "
    "message becomes bare words; the provider rejects the request. Inside a JSON string, as providers document "
    "for this platform, the placeholder is fine.",
    "Write the placeholder inside a JSON string: \"$$To\".",
    '{"parameters": {"format": "json", "body": "{\\"to\\": $$To, \\"text\\": \\"$$Body\\"}"}}',
    '{"parameters": {"format": "json", "body": "{\\"to\\": \\"$$To\\", \\"text\\": \\"$$Body\\"}"}}',
    check,
    needs=frozenset(("body",)),
)
