"""CP402: a sample phone number or message left where $$To or $$Body belongs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import RECIPIENT, Autofix, Config, Fix, Problem, Rule, mentions, replace_span
from curlport.rules.samples import keyed_values, sample_of


def check(config: Config) -> Iterator[Problem]:
    samples = [(item, meant) for item in keyed_values(config) if (meant := sample_of(item))]
    counts = Counter(meant for _, meant in samples)
    for item, meant in samples:
        what = f"sample number '{item.value}'" if meant == RECIPIENT else f"sample message in '{item.key}'"
        # Unambiguous only when the placeholder is nowhere yet and this is its one sample.
        lone = not mentions(config, meant) and counts[meant] == 1
        fix = Fix(f"write {meant}", False, replace_span(item.pointer, item.start, item.end, meant)) if lone else None
        yield Problem(item.pointer, f"{what} where the {'recipient' if meant == RECIPIENT else 'message'} goes: "
                      f"write {meant}", item.start, item.end, fix)


RULE = Rule(
    "CP402", "sample-value-left", Severity.WARNING,
    "A sample phone number or message left where $$To or $$Body belongs.",
    "Every message would go to the documentation's sample number, or say the sample text.",
    "Replace the sample with $$To or $$Body.",
    '{"parameters": {"format": "form", "fields": [{"key": "to", "value": "447123456789"}]}}',
    '{"parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}]}}',
    check,
    autofix=Autofix.UNSAFE,
    fix_safety="Unsafe, and offered only when the placeholder is nowhere in the config and this is its one sample: "
               "a fixed number or text may be meant (an alert that always goes to the same phone).",
)
