"""CP404: the endpoint's host is the docs' stand-in for the reader's server, never a provider's.

Self-hosted gateways document their API at ``http://x.dom/…`` or ``http://203.0.113.7:8080/…``;
the operator must put their own server there (a dotless word such as ``yourserver`` is a template,
CP401's). Until then every message goes nowhere, so the config is not ready, whatever else is right.
"""

from __future__ import annotations

from collections.abc import Iterator

from curlport.config.short_cache import short_text_cache
from curlport.findings import Severity
from curlport.hosts import HostReach, host_reach
from curlport.rules.base import Config, Problem, Rule
from curlport.urls import authority, url_problem


@short_text_cache(maxsize=1024)
def _reach(endpoint: str) -> tuple[str, int, HostReach] | None:
    """The endpoint's host, where it starts, and why it is no provider server on the internet; None for a host that
    may be one, and without an HTTP URL (CP206's) or with one curl refuses (CP501's). Asked by CP404 and CP405 of
    every config: one answer per distinct endpoint."""
    if not endpoint.lower().startswith(("http://", "https://")) or url_problem(endpoint) is not None:
        return None
    start, host, _port = authority(endpoint)
    reach = host_reach(host)
    return (host, start, reach) if reach else None


def host_problems(config: Config, stand_in: bool, advice: str) -> Iterator[Problem]:
    """The endpoint's host, when ``host_reach`` calls it a stand-in (``stand_in``) or a local host (not), with why."""
    endpoint = config.get("endpoint")
    found = _reach(endpoint) if isinstance(endpoint, str) else None
    if found and found[2].stand_in == stand_in:
        host, start, reach = found
        yield Problem("/endpoint", f"the endpoint's host '{host}' {reach.why}: {advice}", start, start + len(host))


def check(config: Config) -> Iterator[Problem]:
    yield from host_problems(config, True, "it stands for your gateway's server; put its real host there")


RULE: Rule = Rule(
    "CP404", "stand-in-host", Severity.ERROR,
    "The endpoint's host is a stand-in from the docs (x.dom, gateway.tld, 203.0.113.7).",
    "Docs of self-hosted gateways write a stand-in where your server goes; a config that keeps it sends every message "
    "nowhere.",
    "Put your gateway's real host in the endpoint.",
    '{"endpoint": "http://x.dom/index.php?app=ws&op=pv&to=$$To&msg=$$Body"}',
    '{"endpoint": "http://sms.acme-gateway.co.id/index.php?app=ws&op=pv&to=$$To&msg=$$Body"}',
    check,
)
