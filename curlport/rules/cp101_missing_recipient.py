"""CP101: the config never says where the recipient's number goes."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import RECIPIENT, Config, Problem, Rule, mentions, slots


def missing_problem(config: Config, placeholder: str, role: str) -> Iterator[Problem]:
    """The one problem of a config without ``placeholder``, pointed at where it most likely belongs.

    A miscased ``$$to`` is CP103's finding, whose fix also settles this one: no second report.
    """
    if not mentions(config, placeholder) and not any(placeholder.lower() in slot.text.lower()
                                                     for slot in slots(config)):
        yield Problem("/parameters" if config.get("parameters") else "/endpoint",
                      f"no {placeholder} anywhere: the platform would never send the {role}; put {placeholder} "
                      f"where the provider expects the {role}")


def check(config: Config) -> Iterator[Problem]:
    return missing_problem(config, RECIPIENT, "recipient's number")


RULE = Rule(
    "CP101", "missing-to", Severity.ERROR,
    "The config never mentions $$To.",
    "The platform substitutes the recipient's number only where $$To stands; without it every message goes to the "
    "sample number, or nowhere.",
    "Replace the provider's sample recipient with $$To in the endpoint, a header or a parameter.",
    '{"endpoint": "https://sms.example.com/send", "parameters": {"format": "form", "fields": '
    '[{"key": "to", "value": "447123456789"}, {"key": "text", "value": "$$Body"}]}}',
    '{"endpoint": "https://sms.example.com/send", "parameters": {"format": "form", "fields": '
    '[{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}]}}',
    check,
)
