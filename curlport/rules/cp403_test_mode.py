"""CP403: a provider's test or sandbox switch left on: every request is accepted and nothing is delivered.

Providers document their test mode in the sample (``test=true``, ``sandbox=1``,
``dry_run``, ``simulate``) or give a sandbox host (``api.sandbox.africastalking.com``).
A test message through such a config is "accepted" and no SMS ever arrives, so
the operator must know before trusting ``curlport send``'s verdict.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from curlport.config.detect.signals import words
from curlport.config.short_cache import short_text_cache
from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule, place_slots
from curlport.urls import split_url

#: A name whose words say "do not deliver": one word of these, or the pair dry run.
_SWITCH_WORDS = frozenset({"test", "testmode", "sandbox", "dryrun", "simulate", "simulation", "simulated"})
#: What every switch name contains, in lower case.
_HINTS = ("test", "sandbox", "dry", "simul")
_ON = frozenset({"1", "true", "yes", "on", "y"})
#: Host labels (split at dots and dashes) of a provider's test environment.
_SANDBOX_HOST_WORDS = frozenset({"sandbox", "test", "testing"})


def _switched_on(value: Any) -> bool:
    return value is True or (isinstance(value, int | str) and not isinstance(value, bool) and str(value).strip().lower()
                             in _ON)


@short_text_cache(maxsize=1024)
def _is_switch(name: str) -> bool:
    """Whether a name switches test mode: decided once per distinct name, which a provider's configs share."""
    lowered = name.lower()
    if not any(hint in lowered for hint in _HINTS):  # most names: known without splitting them into words
        return False
    named = words(name)
    return any(word in _SWITCH_WORDS for word in named) or ("dry", "run") in pairwise(named)


@short_text_cache(maxsize=256, longest=2048)
def _sandbox_host(endpoint: str) -> str | None:
    """The endpoint's host when a label of it names a test environment: decided once per distinct endpoint, which
    the configs of a provider share."""
    host = split_url(endpoint).hostname or ""
    labels = host.replace("-", ".").split(".")
    return host if any(label in _SANDBOX_HOST_WORDS for label in labels) else None


def check(config: Config) -> Iterator[Problem]:
    endpoint = config.get("endpoint")
    if isinstance(endpoint, str) and (host := _sandbox_host(endpoint)) is not None:
        start = endpoint.find(host)
        yield Problem("/endpoint", f"'{host}' is the provider's test environment: messages are accepted and never "
                      "delivered; use the live host", start, start + len(host))
    for slot in place_slots(config):
        if slot.place.kind in ("query", "form", "json") and _is_switch(slot.place.key) and _switched_on(slot.value):
            start, end = (slot.start + 1, slot.end - 1) if slot.is_json and isinstance(slot.value, str) else \
                (slot.start, slot.end)
            yield Problem(slot.pointer, f"'{slot.text}' in {slot.place.describe()} switches on the provider's test "
                          "mode: messages are accepted and never delivered; remove it or switch it off", start, end)


RULE: Rule = Rule(
    "CP403", "test-mode-on", Severity.WARNING,
    "A test or sandbox switch left on (test=true, sandbox=1, dry_run, simulate) or a sandbox host.",
    "The provider accepts every request in test mode and delivers nothing: a send is 'accepted' and no SMS arrives.",
    "Remove the switch or set it off, and use the provider's live host.",
    '{"endpoint": "https://sms.example.com/send?to=$$To&text=$$Body&test=1"}',
    '{"endpoint": "https://sms.example.com/send?to=$$To&text=$$Body"}',
    check,
)
