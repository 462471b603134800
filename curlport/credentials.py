"""Which values of a config are credentials, by what they mean rather than by how a line looks.

A pattern over printed text always misses a layout (a password with spaces, a
token on the line after ``Authorization:``, a header name nobody listed). The
config says what each value is: the Basic password and the OAuth client secret,
the ``Authorization``/``Cookie`` headers, any header, query parameter, form field
or JSON member whose name says key, token, secret, password, signature… So the
readers of a text (the importer, the JSON config parser) collect those values and
record them on the ``Source``; whatever shows that text, a message about it, a
diff of it, masks them (``curlport.redact``).

A value the provider's docs meant you to replace (``YOUR_API_KEY``, ``<token>``,
``$API_KEY``) and a placeholder (``$$To``) are not secrets: masking them would hide
the very words the findings are about.
"""

from __future__ import annotations

import re
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any, Final
from urllib.parse import quote, quote_plus

from curlport.config.detect import Slot, slots_of, text_at
from curlport.config.short_cache import short_text_cache
from curlport.lazy_pattern import LazyPattern
from curlport.urls import USERINFO_PASSWORD

# Whole names (letters and digits only, lower case) that are credentials.
_CREDENTIAL_NAMES: Final = frozenset({
    "authorization", "proxyauthorization", "cookie", "auth", "key", "pwd", "pass", "pin", "hash", "sig", "signature",
    "jwt", "bearer", "hmac", "sessionid", "session", "sessionkey", "secret",
})
# Parts of a name that make it a credential wherever they are: X-Api-Key, authkey, client_secret, accessToken.
_CREDENTIAL_PARTS: Final = ("apikey", "authkey", "accesskey", "secretkey", "subscriptionkey", "privatekey", "apisecret",
                     "token", "secret", "password", "passwd", "passphrase", "credential", "signature", "cookie")
# Words that make a name a credential when they stand as a word of it: X-Access-Key, sender_pass, auth-id.
_CREDENTIAL_WORDS: Final = frozenset({"key", "pass", "pwd", "pin", "auth", "sig"})
_WORDS: Final = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_SCHEME_THEN_CREDENTIAL: Final = LazyPattern(r"^([A-Za-z][A-Za-z0-9_-]{0,19})[ \t]+(\S.*)$", re.S)
# What the provider's docs left to fill in, and the platform's placeholders: shown, never masked.
_NOT_A_SECRET: Final = re.compile(
    r"(?i)^\s*(?:\$\$[A-Za-z]+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|<[^<>]*>|\{\{?[^{}]*\}?\}|\[[^\[\]]*\]|"
    r"(?:your|enter|my)[_ -]?[a-z0-9_ -]*|x{4,}|\*+)\s*$"
)


@short_text_cache(maxsize=4096)
def is_credential_name(name: str) -> bool:
    """Whether a header, parameter, field or JSON member of this name carries a credential.

    Cached: every slot of every config asks, and names repeat (Content-Type, to, message).
    """
    compact = re.sub(r"[^a-z0-9]", "", name.lower())
    if compact in _CREDENTIAL_NAMES or any(part in compact for part in _CREDENTIAL_PARTS):
        return True
    return not _CREDENTIAL_WORDS.isdisjoint(word.lower() for word in _WORDS.findall(name))


def credential_values(config: Any, listed: list[Slot] | None = None) -> frozenset[str]:
    """Every credential value in a config (any shape: a malformed one yields what it can).

    ``listed`` is the config's ``slots_of`` when the caller has it already (lint's rules do).
    """
    if not isinstance(config, dict):
        return frozenset()
    found: set[str] = set()
    auth = config.get("auth")
    if isinstance(auth, dict):
        found.update(str(auth.get(key)) for key in ("password", "client_secret") if isinstance(auth.get(key), str))
        for row in auth.get("extra") or [] if isinstance(auth.get("extra"), list) else []:
            if isinstance(row, dict) and is_credential_name(str(row.get("key", ""))):
                found.add(str(row.get("value", "")))
    endpoint = config.get("endpoint")
    if isinstance(endpoint, str):
        userinfo = USERINFO_PASSWORD.match(endpoint)
        if userinfo:
            found.add(userinfo.group("password"))
    for slot in _slots(config) if listed is None else listed:
        key = slot.place.key
        if is_credential_name(key):
            found.add(_credential_part(key, slot.text))
            written = text_at(config, slot.pointer)[slot.start:slot.end]  # "a+b%21" in a query, as it stands
            if written:
                found.add(written.strip('"') if slot.is_json else written)
    return frozenset(value for value in found if value and not _NOT_A_SECRET.match(value))


def credential_spellings(config: Any, listed: list[Slot] | None = None) -> frozenset[str]:
    """The credential values of a config as they may be written in a text: as they are, JSON-escaped, percent-encoded.

    What masks a source line, a message or a diff: a password with a quote is ``p\\"w`` in a
    JSON file and ``p%22w`` in a URL.
    """
    return frozenset(form for value in credential_values(config, listed) for form in _written_forms(value))


def _written_forms(value: str) -> set[str]:
    if _UNRESERVED.fullmatch(value):  # letters, digits and -._~ (most keys): every form is the value itself
        return {value}
    return {value, encode_basestring(value)[1:-1], encode_basestring_ascii(value)[1:-1], quote(value, safe=""),
            quote_plus(value, safe="")}


#: What neither JSON nor percent-encoding changes (RFC 3986's unreserved characters; ``quote`` keeps them as
#: they are, and JSON escapes none of them).
_UNRESERVED: Final = LazyPattern(r"[A-Za-z0-9_.~-]*")


def _slots(config: dict[str, Any]) -> list[Any]:
    try:
        return list(slots_of(config))
    except (TypeError, AttributeError, ValueError, RecursionError):  # a malformed config: no place is trusted
        return []


def _credential_part(name: str, value: str) -> str:
    """The secret part of a value: after the scheme word in ``Authorization: Basic …`` style headers."""
    if name.lower() in ("authorization", "proxy-authorization"):
        scheme = _SCHEME_THEN_CREDENTIAL.match(value)
        if scheme:
            return scheme.group(2)
    return value
