"""Whether an endpoint's host can be a provider's server that a platform on the internet reaches.

Docs of self-hosted gateways (playSMS, Jasmin, Kannel, Android SMS apps) write a stand-in where the
reader's own server goes: a documentation address (``203.0.113.7``, RFC 5737), a top-level domain the
internet does not have (``x.dom``, ``gateway.tld``). A config with such a host sends nothing anywhere,
however right its placeholders are: it is not ready. A dotless word that says "your server" (``yourserver``,
``apiurl``) is a template to fill in, CP401's (``curlport.urls.is_template_host``).

RFC 2606's names for documentation (``example.com``, ``h.example``, ``.invalid``) are not among them
yet: they are the neutral hosts of this project's own tests and fixtures, which must move to other
names before these can be called stand-ins.

A private address, ``localhost`` or a name only a local network resolves (``sms.lan``,
``gateway``) is a real host, but a platform that sends from the internet cannot reach it: right for a
gateway beside Home Assistant or Kannel, wrong for a marketing platform in the cloud. That one is
said, not refused.
"""

from __future__ import annotations

import ipaddress
import re
from functools import cache
from pathlib import Path
from typing import Final, NamedTuple

from curlport.config.detect.signals import template_words
from curlport.urls import is_template_host

#: Top-level names not in the root zone that are not called stand-ins: RFC 2606's for documentation (see above)
#: and ``test``, a sandbox's (CP403's).
_NOT_CALLED_STAND_INS: Final = frozenset({"example", "invalid", "test"})
#: RFC 5737's documentation networks: an address a doc writes, never a server's.
_DOCUMENTATION_NETWORKS: Final = tuple(ipaddress.ip_network(net) for net in (
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"))
#: Top-level names a local network resolves by convention (RFC 6762's local, RFC 8375's home.arpa aside, which is
#: under the real arpa) and RFC 6761's localhost.
_LOCAL_TOP: Final = frozenset({"local", "localhost", "lan", "internal", "intranet", "localdomain", "home", "corp",
                               "private"})
#: A top-level label as DNS spells it: ``{tld}`` or ``<TLD>`` is a template, CP401's.
_LABEL: Final = re.compile(r"[a-z][a-z0-9-]*")


class HostReach(NamedTuple):
    """What is wrong with a host as a provider's: ``stand_in`` (never a server) or not (a local one), and why."""

    stand_in: bool
    why: str


def host_reach(host: str) -> HostReach | None:
    """Why ``host`` is no provider server on the internet, or None when it may be one (or is a template: CP401's)."""
    name = host.strip().rstrip(".").lower()
    if not name or is_template_host(name) or template_words(host.strip()) is not None:
        return None
    address = _address(name)
    if address is not None:
        if any(address in network for network in _DOCUMENTATION_NETWORKS):
            return HostReach(True, "is an address reserved for documentation (RFC 5737)")
        if address.is_private or address.is_loopback or address.is_link_local or address.is_unspecified:
            return HostReach(False, "is a private address")
        return None
    labels = name.split(".")
    top = labels[-1]
    if len(labels) == 1:
        if name == "localhost":
            return HostReach(False, "is this machine")
        return HostReach(False, "is a name without a domain, which only a local network resolves")
    if top in _LOCAL_TOP:
        return HostReach(False, f"is under .{top}, which only a local network resolves")
    if _LABEL.fullmatch(top) and top not in _NOT_CALLED_STAND_INS and top not in _top_level_domains():
        return HostReach(True, f"is under .{top}, which is no top-level domain of the internet")
    return None


def _address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not (name[:1].isdigit() or name.startswith("[")):
        return None
    try:
        return ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return None


@cache
def _top_level_domains() -> frozenset[str]:
    """IANA's list of the root zone's top-level domains, read once, when a host's is looked up."""
    return frozenset(line for line in Path(__file__).with_name("top_level_domains.txt").read_text(
        encoding="utf-8").splitlines()
                     if line and not line.startswith("#"))
