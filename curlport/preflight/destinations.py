"""Where send may connect: a provider is a host on the internet, and some addresses never are one.

A config is text from a provider's docs, a colleague or a web page; sending it must not
turn curlport into a way to reach what only this machine can reach. Link-local
addresses and the cloud metadata services (169.254.169.254 in any spelling: decimal,
hex, IPv4-mapped IPv6; AWS's fd00:ec2::254) hand out credentials to whoever asks, so
they are refused unless the user allows them by name. Loopback and private ranges are
where a test server runs: the CLI allows them (the user typed the endpoint), the web
page only when asked, and never the curlport server itself.

The decision is taken on the addresses the host name resolves to, and send connects
to exactly the address that was checked: a name that resolves to another address on a
second lookup (DNS rebinding) gains nothing.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

from curlport.errors import CurlportError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Metadata services outside 169.254.0.0/16 and fe80::/10: AWS's IPv6 one, Alibaba Cloud's.
_METADATA = frozenset({ipaddress.ip_address("fd00:ec2::254"), ipaddress.ip_address("100.100.100.200")})


class DestinationError(CurlportError):
    """The endpoint (or a redirect, or the token URL) is an address send does not connect to."""


@dataclass(frozen=True)
class Destinations:
    """What send may connect to beyond public addresses."""

    #: Link-local and cloud metadata addresses (``--allow-link-local``).
    link_local: bool = False
    #: Loopback and private ranges: yes on the CLI, only with the page's ``allow_private`` from the web.
    private: bool = True
    #: The (address, port) of the curlport server that sends: never its own client.
    server: tuple[str, int] | None = None


def resolved(host: str, port: int, allowed: Destinations) -> list[tuple[Address, int]]:
    """The addresses to try for ``host:port``, each one checked; ``DestinationError`` when any is refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError:  # a label over 63 characters, an empty label
        raise socket.gaierror(socket.EAI_NONAME, "not a valid host name") from None
    addresses: list[tuple[Address, int]] = []
    for *_, sockaddr in infos:
        address = plain(ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0]))
        why = refusal(address, port, allowed)
        if why is not None:
            shown = host if host == str(address) else f"{host} ({address})"
            raise DestinationError(f"{shown}: {why}")
        if (address, port) not in addresses:
            addresses.append((address, port))
    return addresses


def plain(address: Address) -> Address:
    """An IPv4-mapped IPv6 address as the IPv4 address it is (::ffff:169.254.169.254 is 169.254.169.254)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def refusal(address: Address, port: int, allowed: Destinations) -> str | None:
    """Why send does not connect to this address and port, or None."""
    if (address.is_link_local or address in _METADATA) and not allowed.link_local:
        return ("a link-local or cloud metadata address, never an SMS provider (it may hand out this machine's "
                "credentials); --allow-link-local sends there anyway")
    if allowed.server is not None and port == allowed.server[1] and (
            address.is_loopback or address.is_unspecified or str(address) == plain_text(allowed.server[0])):
        return "the address of this curlport server itself: it does not send requests to itself"
    if (address.is_loopback or address.is_private or address.is_unspecified) and not allowed.private:
        return ("a loopback or private address: from the page, sending there needs allow_private "
                "(the CLI sends there, the user typed the endpoint)")
    return None


def plain_text(host: str) -> str:
    """A host written as an address, in the form ``plain`` gives (a name is kept as it is)."""
    try:
        return str(plain(ipaddress.ip_address(host.strip("[]"))))
    except ValueError:
        return host


def connect(host: str, port: int, timeout: float, allowed: Destinations) -> socket.socket:
    """A connected socket to a checked address of ``host``; the last connection error when none answers."""
    error: OSError | None = None
    for address, address_port in resolved(host, port, allowed):
        family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect((str(address), address_port))
        except OSError as failed:
            sock.close()
            error = failed
            continue
        return sock
    raise error if error is not None else socket.gaierror(socket.EAI_NONAME, "no address")
