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
