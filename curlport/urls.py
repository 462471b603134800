"""Splitting URL text that may be malformed, for every reader of an endpoint.

``urllib.parse.urlsplit`` raises on some text (an unclosed ``[`` of an IPv6 host,
a bracketed host that is not an address) and ``.port`` on a port that is not a
number. An endpoint in a config is whatever the file says, so readers split it
with ``split_url``, which falls back to RFC 3986's own regular expression (it
matches any string); the importer and pre-flight, which must refuse such a URL
as curl does, ask ``url_problem``.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import SplitResult, urlsplit

from curlport.lazy_pattern import LazyPattern

#: RFC 3986, appendix B: the parts of any URI reference, however malformed.
_RFC3986: Final = LazyPattern(r"^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.DOTALL)

#: A template a doc writes where the scheme and host go (``{{api_url}}/sms``, ``{endpoint}sms``, ``$BASE_URL/sms``,
#: ``<base_url>/sms``): the operator fills it in, so nothing is put in front of it. The config schema's endpoint
#: pattern admits the same templates, and CP401 reports each one as a value to fill in.
TEMPLATE_BASE: Final = LazyPattern(
    r"\{\{?\s*[A-Za-z_][A-Za-z0-9_.-]*\s*\}\}?|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|<[A-Za-z][A-Za-z0-9_ .:-]*>")
#: A URL in a doc's angle brackets: ``<https://api.example.com/sms>``.
ANGLE_URL: Final = LazyPattern(r"<([A-Za-z][A-Za-z0-9+.-]*://[^\s<>]*)>")

#: The password of a URL's user-info (``https://user:PASSWORD@host``): what credentials collect and masking hides.
USERINFO_PASSWORD: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*:(?P<password>[^/?#@]*)@")


def split_url(url: str) -> SplitResult:
    """The URL's parts; for text ``urlsplit`` refuses, the parts RFC 3986's expression finds."""
    try:
        return urlsplit(url)
    except ValueError:
        match = _RFC3986.match(url)
        assert match is not None  # every group is optional: the expression matches any string
        scheme, netloc, path, query, fragment = (group or "" for group in match.groups())
        return SplitResult(scheme.lower(), netloc, path, query, fragment)


def url_problem(url: str) -> str | None:
    """Why the URL has no usable host and port (curl refuses it too: 'URL rejected'), or None."""
    try:
        urlsplit(url).port  # noqa: B018 - reading the port is the check
    except ValueError as error:
        return str(error)
    return None


#: A port the doc wrote as a name or a mask for the reader to fill in: ``{{port}}``, ``<port>``, ``$PORT``, ``PORT``,
#: ``xxxx``. No digit: ``80a`` is a typo curl refuses, not a template.
_TEMPLATE_PORT: Final = LazyPattern(r"[{<\[$%]*[A-Za-z_*#][A-Za-z_*#. -]*[}>\]%]*")
#: A host written as a token (``{{host}}``, ``{server}``, ``<server>``, ``$HOST``, ``[IP]``), masked
#: (``xxx.xxx.xxx.xxx``, ``***``) or elided (``https://..../sms``).
_TEMPLATE_HOST: Final = LazyPattern(
    r"\{\{?\s*[A-Za-z_][\w.-]*\s*\}\}?|<[A-Za-z][\w .:-]*>|\$\{?[A-Za-z_]\w*\}?|%[A-Za-z_]\w*%|\[[A-Za-z_][\w -]*\]|"
    r"[xX*#]{3,}|[xX*#]+(?:\.[xX*#]+)+|\.{3,}|…")
#: A dotless host whose words only say that an address goes there (``IP``, ``gateway_ip``, ``ip-address``,
#: ``your_server``, ``yourserver``, ``apiurl``): each word one of these, one of them naming the address itself.
#: The one vocabulary of such hosts (``curlport.hosts`` defers to ``is_template_host``).
_ADDRESS_WORDS: Final = frozenset({"ip", "host", "hostname", "server", "domain", "address", "addr", "url", "endpoint",
                                   "site", "website"})
_ADDRESS_FILLERS: Final = frozenset({"your", "my", "the", "gateway", "public", "local", "device", "sms", "api",
                                     "base"})
_HOST_VOCABULARY: Final = _ADDRESS_WORDS | _ADDRESS_FILLERS
#: Words that make the rest of such a name the reader's own (``yourgateway``: the gateway you run).
_OWNERS: Final = frozenset({"your", "my"})
#: Dotless hosts made of those words that are a machine's real name: a machine may well be called ``server``, and
#: ``localhost`` is this one.
_MACHINE_NAMES: Final = frozenset({("server",), ("local", "host")})
_NAME_WORDS: Final = LazyPattern(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")

def authority(url: str) -> tuple[int, str, str | None]:
    """Where the host starts in the URL, the host, and the port's text (None without a port): read by hand, since
    ``urlsplit`` refuses a port that is not a number."""
    separator = url.find("://")
    start = separator + 3 if separator != -1 else 0
    end = next((i for i in range(start, len(url)) if url[i] in "/?#"), len(url))
    user_info = url.rfind("@", start, end)
    start = user_info + 1 if user_info != -1 else start
    host = url[start:end]
    if host.startswith("[") and "]" in host:  # an IPv6 address: its colons are not the port's
        closing = host.index("]") + 1
        return start, host[:closing], host[closing + 1 :] if host[closing:closing + 1] == ":" else None
    name, colon, port = host.rpartition(":")
    return (start, name, port) if colon else (start, host, None)


def is_template_port(port: str) -> bool:
    """A port the doc left to fill in (``{{port}}``, ``xxxx``, ``PORT``), which the URL keeps and CP401 flags."""
    return bool(_TEMPLATE_PORT.fullmatch(port))


def is_template_host(host: str) -> bool:
    """A host the doc left to fill in: a token (``{{host}}``, ``<server>``), masked (``xxx.xxx.xxx.xxx``), or a
    dotless name that only says an address goes there (``IP``, ``gateway_ip``, ``ip-address``, ``yourserver``)."""
    host = host.strip()
    if _TEMPLATE_HOST.fullmatch(host):
        return True
    if "." in host:
        return False
    named = host_words(host)
    says_address = not _ADDRESS_WORDS.isdisjoint(named) or (len(named) > 1 and named[0] in _OWNERS)  # your gateway
    return says_address and named not in _MACHINE_NAMES and _HOST_VOCABULARY.issuperset(named)


def host_words(host: str) -> tuple[str, ...]:
    """The lowercase words of a dotless host, split by case, digits and punctuation, and a word glued of the
    vocabulary's words split into them (``yourserver``: your, server; ``apiurl``: api, url). Only a whole word made
    of the vocabulary is split, as credentials split ``mykey`` and not ``monkey``: ``hostel`` stays one word."""
    words: list[str] = []
    for word in (found.lower() for found in _NAME_WORDS.findall(host)):
        words += _glued(word) or [word]
    return tuple(words)


def _glued(word: str) -> list[str] | None:
    """``word`` as the fewest vocabulary words that make all of it, or None."""
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(2, len(word) + 1):
        for start in range(end - 1):
            before = best[start]
            if before is not None and word[start:end] in _HOST_VOCABULARY and (
                    best[end] is None or len(before) + 1 < len(best[end] or [])):
                best[end] = [*before, word[start:end]]
    return best[-1] or None
