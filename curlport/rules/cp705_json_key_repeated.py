"""CP705: a key twice in one object of a JSON body, or a placeholder as a key."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.lazy_pattern import LazyPattern
from curlport.rules.base import PLACEHOLDER, Config, Problem, Rule
from curlport.rules.json_body import body_of, declared_json, read_body

#: A string literal, or one of the characters that open and close objects and arrays (outside strings). Compiled
#: when a JSON body is first read, not at every start.
_TOKEN = LazyPattern(r'"(?:[^"\\]|\\[\s\S])*"|[{}\[\]]')
_COLON = LazyPattern(r"[ \t\n\r]*:")


def _keys(body: str) -> Iterator[tuple[str, int, frozenset[str]]]:
    """Each object key's literal, its offset, and the keys its object had before it."""
    stack: list[set[str]] = []
    for match in _TOKEN.finditer(body):
        token = match.group()
        if token in "{[":
            stack.append(set())
        elif token in "}]":
            if stack:
                stack.pop()
        elif stack and _COLON.match(body, match.end()):
            yield token, match.start(), frozenset(stack[-1])
            stack[-1].add(token)


def check(config: Config) -> Iterator[Problem]:
    found = body_of(config)
    if found is None or not declared_json(config):
        return
    reading = read_body(config)
    if reading is None or (reading.error is None and not reading.odd_names):
        return  # JSON whose every object names each member once, without a $$: read in C, nothing to look for
    for literal, offset, before in _keys(reading.blanked):
        placeholder = PLACEHOLDER.search(literal)
        if placeholder is not None:
            yield Problem("/parameters/body", f"{placeholder.group()} is a key: the provider reads values by their "
                          "keys, and this key changes with every message", offset + placeholder.start(),
                          offset + placeholder.end())
        elif literal in before:
            yield Problem("/parameters/body", f"the key {literal} again in the same object: providers keep one "
                          "of the two values, the first or the last, each its own way", offset, offset + len(literal))


RULE: Rule = Rule(
    "CP705", "json-key-repeated", Severity.WARNING,
    "A JSON body with a key twice in one object, or a placeholder as a key.",
    "JSON parsers keep one value of a repeated key, some the first and most the last: the provider may read the "
    "fixed value instead of the message. A key that is a placeholder is a different key for every message.",
    "Keep one member per key, the one that carries the placeholder; put placeholders in values.",
    '{"parameters": {"format": "json", "body": "{\\"text\\": \\"$$Body\\", \\"text\\": \\"Hello\\"}"}}',
    '{"parameters": {"format": "json", "body": "{\\"text\\": \\"$$Body\\"}"}}',
    check,
    needs=frozenset(("body",)),
)
