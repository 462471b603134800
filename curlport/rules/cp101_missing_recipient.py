"""CP101: the config never says where the recipient's number goes."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.config.detect import Decision, sample_range
from curlport.findings import Severity
from curlport.rules.base import RECIPIENT, Config, Problem, Rule, detection, mentions


def missing_problem(config: Config, decision: Decision, role: str) -> Iterator[Problem]:
    """The one problem of a config without the decision's placeholder and without a sample of it.

    A sample detection can see (a number under ``to``, candidates it would ask about)
    is CP402's finding, at the sample itself; this rule speaks when there is none, and
    points at the faint best guess if detection has one. A miscased ``$$to`` counts as
    present: CP103's fix settles it.
    """
    if decision.outcome != "none":
        return
    message = f"no {decision.placeholder} anywhere: the platform would never send the {role}; put " \
              f"{decision.placeholder} where the provider expects the {role}"
    # A word of the URL's path (/sms/send) is the endpoint's own, never a sample: no hint is better than nonsense.
    guesses = [c.slot for c in decision.candidates if not (c.slot.place.kind == "path" and c.slot.text.isalpha())]
    if not guesses:
        yield Problem("/parameters" if config.get("parameters") else "/endpoint", message)
        return
    guess = guesses[0]
    start, end = sample_range(guess)
    yield Problem(guess.pointer, f"{message} (perhaps {guess.place.describe()})", start, end)


def check(config: Config) -> Iterator[Problem]:
    if not mentions(config, RECIPIENT):  # written as it is, it is present: known without detecting anything
        yield from missing_problem(config, detection(config).recipient, "recipient's number")


RULE: Rule = Rule(
    "CP101", "missing-to", Severity.ERROR,
    "The config never mentions $$To.",
    "The platform substitutes the recipient's number only where $$To stands; without it every message goes to the "
    "sample number, or nowhere.",
    "Replace the provider's sample recipient with $$To in the endpoint, a header or a parameter.",
    '{"endpoint": "https://sms.example.com/send", "parameters": {"format": "form", "fields": '
    '[{"key": "text", "value": "$$Body"}]}}',
    '{"endpoint": "https://sms.example.com/send", "parameters": {"format": "form", "fields": '
    '[{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}]}}',
    check,
)
