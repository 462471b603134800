"""Complete: whether the request the platform sends would carry the operator's recipient and message at all.

A config without ``$$Body`` still renders and still gets a 200: the provider
sends the documentation's sample text, and an operator who trusts that
"accepted" onboards a provider that never sent their message. So render and send
(on the command line and in the web API) refuse, before anything else, a config
whose request would not carry ``$$To`` or ``$$Body`` where the platform
substitutes them: in the endpoint after its host (not in its fragment), a header
value, a form field's value or the body. A placeholder in a name, a host or the
credentials is not substituted (CP105), and one that is nowhere is reported at
the sample detection sees (CP402) or at the best guess (CP101, CP102).
``--allow-incomplete`` renders anyway, and says what is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from curlport.config.detect import Decision
from curlport.rules import cp101_missing_recipient, cp105_placeholder_misplaced, cp402_sample_value_left
from curlport.rules.base import MESSAGE, RECIPIENT, Config, Problem, detection, slots, walked

#: What the operator passes for each placeholder, for the messages.
FLAGS = {RECIPIENT: "--to", MESSAGE: "--body"}
_ROLES = {RECIPIENT: "recipient's number", MESSAGE: "message"}
_CODES = {RECIPIENT: "CP101", MESSAGE: "CP102"}
#: The form values the platform substitutes placeholders in.
_SUBSTITUTED = frozenset({"header-value", "field-value", "body"})


class Gap(NamedTuple):
    """A placeholder the request would not carry: the rule's code and where the config shows why."""

    placeholder: str
    code: str
    problem: Problem


def carried(config: Config) -> frozenset[str]:
    """The placeholders the platform would substitute in the request this config describes."""
    found: set[str] = set()
    for value in slots(config):
        text = value.text
        if value.kind == "endpoint":
            text = _after_host(text.split("#", 1)[0])
        elif value.kind not in _SUBSTITUTED:
            continue
        found.update(p for p in (RECIPIENT, MESSAGE) if p in text)
    return frozenset(found)


def _after_host(endpoint: str) -> str:
    scheme = endpoint.find("://")
    start = scheme + 3 if scheme != -1 else 0
    slash = endpoint.find("/", start)
    return endpoint[slash:] if slash != -1 else ""


def gaps(config: Config) -> tuple[Gap, ...]:
    """Each of ``$$To`` and ``$$Body`` the request would not carry, located where the config says why."""
    config = walked(config)
    present = carried(config)
    found: list[Gap] = []
    for decision in detection(config).decisions:
        placeholder = decision.placeholder
        if placeholder not in present:
            found += [Gap(placeholder, code, problem) for code, problem in _why(config, decision)]
    return tuple(found)


def _why(config: Config, decision: Decision) -> Iterator[tuple[str, Problem]]:
    """The findings that explain a missing placeholder: misplaced (CP105), a sample left (CP402), or none at all."""
    placeholder, flag = decision.placeholder, FLAGS[decision.placeholder]
    tail = f"; the request would not carry {flag}"
    misplaced = [p for p in cp105_placeholder_misplaced.check(config) if p.message.startswith(placeholder)]
    if misplaced:
        yield from (("CP105", p._replace(message=p.message + tail)) for p in misplaced)
        return
    samples = list(cp402_sample_value_left.sample_problems(decision))
    if samples:
        yield from (("CP402", p._replace(message=p.message + tail, fix=None)) for p in samples)
        return
    missing = list(cp101_missing_recipient.missing_problem(config, decision, _ROLES[placeholder]))
    yield from ((_CODES[placeholder], p._replace(message=p.message + tail)) for p in missing or [
        Problem("/parameters" if config.get("parameters") else "/endpoint",
                f"no {placeholder} anywhere the platform substitutes it")])


def summary(found: tuple[Gap, ...]) -> str:
    """What is missing, in one clause: ``no $$Body: the request would not carry --body``."""
    placeholders = sorted({gap.placeholder for gap in found}, key=(RECIPIENT, MESSAGE).index)
    flags = " or ".join(FLAGS[p] for p in placeholders)
    return f"no {' and no '.join(placeholders)} in the request: it would not carry {flags}"
