"""CP405: the endpoint's host is on a local network: a platform sending from the internet cannot reach it.

An Android SMS gateway at ``http://192.168.0.188:8080`` or a modem at ``http://gateway.lan`` is
real and right for Home Assistant or Kannel on the same network, and unreachable from a
marketing platform in the cloud. The operator decides which: a warning, not a refusal.
"""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule
from curlport.rules.cp404_stand_in_host import host_problems


def check(config: Config) -> Iterator[Problem]:
    yield from host_problems(config, False, "a platform that sends from the internet cannot reach it; use the "
                             "gateway's public address, unless the platform runs on the same network")


RULE: Rule = Rule(
    "CP405", "host-not-public", Severity.WARNING,
    "The endpoint's host is a private address, localhost or a local network's name.",
    "A platform that sends from the internet (CleverTap) cannot reach a gateway on your network; one beside it "
    "(Home Assistant, Kannel) can.",
    "Use the gateway's public address or name, or keep it when the platform runs on the same network.",
    '{"endpoint": "http://192.168.0.188:8080/send?to=$$To&text=$$Body"}',
    '{"endpoint": "https://sms.acme-gateway.com/send?to=$$To&text=$$Body"}',
    check,
)
