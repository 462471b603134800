"""CP205: a method the platform's form cannot send."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.config.model import SENDABLE_METHODS
from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule


def check(config: Config) -> Iterator[Problem]:
    method = config.get("method")
    if isinstance(method, str) and method.upper() not in SENDABLE_METHODS:
        yield Problem("/method", f"the platform sends only GET or POST, not {method}: ask the provider for a GET or "
                      "POST call of the same API")


RULE: Rule = Rule(
    "CP205", "unsupported-method", Severity.ERROR,
    "A method other than GET and POST (PUT, PATCH, HEAD…).",
    "The generic provider form offers GET and POST only; a config with another method cannot be entered.",
    "Use the provider's GET or POST call; most SMS APIs offer one.",
    '{"method": "PUT", "endpoint": "https://sms.example.com/messages"}',
    '{"method": "POST", "endpoint": "https://sms.example.com/messages"}',
    check,
    explains_schema=True,
)
