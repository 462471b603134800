"""CP402: a sample phone number or message left where $$To or $$Body belongs.

Detection (``curlport.config.detect``) decides where: the place ``curlport import``
would write, with the same substitution as an unsafe fix, or each of the places it
would ask about, without one. So the import and the lint of a config name the same
field.
"""

from __future__ import annotations

from collections.abc import Iterator

from curlport.config.detect import Decision, sample_range, substitute, substitution
from curlport.findings import Severity
from curlport.rules.base import MESSAGE, RECIPIENT, Autofix, Config, Fix, Problem, Rule, detection, mentions


def sample_problems(decision: Decision) -> Iterator[Problem]:
    """The samples left where the decision's placeholder belongs (pre-flight's refusals show them too)."""
    placeholder, role = decision.placeholder, decision.role
    slot = decision.to_write
    if slot is not None:
        change = substitution(slot, placeholder)

        def apply(config: Config) -> None:
            config.update(substitute(config, [change]))

        start, end = sample_range(slot)
        yield Problem(slot.pointer, f"sample {role} {slot.text[:40]!r} at {slot.place}: write {placeholder}",
                      start, end, Fix(f"write {placeholder} at {slot.place}", False, apply))
        return
    if decision.outcome != "ask":
        return
    for candidate in decision.candidates:
        start, end = sample_range(candidate.slot)
        yield Problem(candidate.slot.pointer, f"{candidate.slot.place} ({candidate.slot.text[:40]!r}) may be the "
                      f"{role}: {decision.reason}; write {placeholder} in the one that is", start, end)


def check(config: Config) -> Iterator[Problem]:
    if mentions(config, RECIPIENT) and mentions(config, MESSAGE):  # both present: no sample is left where they go
        return
    for decision in detection(config).decisions:
        yield from sample_problems(decision)


RULE: Rule = Rule(
    "CP402", "sample-value-left", Severity.ERROR,
    "A sample phone number or message left where $$To or $$Body belongs.",
    "Every message would go to the documentation's sample number, or say the sample text.",
    "Replace the sample with $$To or $$Body (`curlport import` does it when it can tell where; `--to`/`--body` "
    "choose the place when it cannot).",
    '{"parameters": {"format": "form", "fields": [{"key": "to", "value": "447123456789"}, '
    '{"key": "text", "value": "$$Body"}]}}',
    '{"parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}, '
    '{"key": "text", "value": "$$Body"}]}}',
    check,
    autofix=Autofix.UNSAFE,
    fix_safety="Unsafe, and offered only where detection is sure of the place (the one `curlport import` would "
               "write): a fixed number or text may be meant (an alert that always goes to the same phone).",
)
