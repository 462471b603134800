"""CP102: the config never says where the message goes."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, Config, Problem, Rule, detection, mentions
from curlport.rules.cp101_missing_recipient import missing_problem


def check(config: Config) -> Iterator[Problem]:
    if not mentions(config, MESSAGE):  # written as it is, it is present: known without detecting anything
        yield from missing_problem(config, detection(config).message, "message")


RULE: Rule = Rule(
    "CP102", "missing-body", Severity.ERROR,
    "The config never mentions $$Body.",
    "The platform substitutes the message only where $$Body stands; without it every SMS says the sample text, or "
    "nothing.",
    "Replace the provider's sample message with $$Body in the endpoint's query or a parameter.",
    '{"endpoint": "https://sms.example.com/send?to=$$To"}',
    '{"endpoint": "https://sms.example.com/send?to=$$To&text=$$Body"}',
    check,
)
