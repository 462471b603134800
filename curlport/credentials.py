"""Which values of a config are credentials, by what they mean rather than by how a line looks.

A pattern over printed text always misses a layout (a password with spaces, a
token on the line after ``Authorization:``, a header name nobody listed). The
config says what each value is. A value is a credential by its place (the Basic
password and the OAuth client secret, URL user-info, the ``Authorization`` and
``Cookie`` headers, the token URL's query), by its name in any of several
languages (key, token, secret, password, passwort, senha, clave, пароль, 密码…, and
names ending in key, pass or pw), or by its shape: a long run of mixed letters and
digits under a name that is not a recipient's, a message's, a sender's or an id's
(the header or parameter the request would be useless without, whatever the
provider named it). The readers of a text (the importer, the JSON config parser,
the lexer of a config that does not parse) collect those values and record them on
the ``Source``: a config's JSON text by where they stand in it (``curlport.secrets``),
the others by their spellings. Whatever shows that text, a message about it, a diff of
it, masks them (``curlport.redact``), and pre-flight masks the same ones, by spelling,
in what it prints: a rendered request's encodings of a secret are no text a parser read.

A value the provider's docs meant you to replace (``YOUR_API_KEY``, ``<token>``,
``$API_KEY``) and a placeholder (``$$To``) are not secrets: masking them would hide
the very words the findings are about.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote, quote_plus, unquote_plus

from curlport.config.detect import Slot, slots_of, text_at
from curlport.config.detect.signals import spaced_credential_name, template_words
from curlport.config.short_cache import short_text_cache
from curlport.lazy_pattern import LazyPattern
from curlport.media_types import decode_basic_credentials
from curlport.urls import USERINFO_PASSWORD, split_url

if TYPE_CHECKING:
    from curlport.json_positions import StringOffsets

# Whole names (letters and digits only, lower case, accents dropped) that are credentials, in several languages:
# a provider documented in German, Portuguese or Spanish names its password passwort, senha or clave.
_CREDENTIAL_NAMES: Final = frozenset({
    "authorization", "proxyauthorization", "cookie", "auth", "key", "pwd", "pw", "pass", "pin", "hash", "sig",
    "signature", "jwt", "bearer", "hmac", "sessionid", "session", "sessionkey", "secret", "passcode", "mdp", "cle",
    "clef", "chave", "llave", "sifre", "haslo", "heslo", "parola", "jelszo", "mima", "ak", "sk",
})
# Parts of a name that make it a credential wherever they are: X-Api-Key, authkey, client_secret, accessToken,
# Passwort, senha_api, contraseña, motDePasse, wachtwoord, Schlüssel, and a few scripts beyond Latin.
_CREDENTIAL_PARTS: Final = ("apikey", "authkey", "accesskey", "secretkey", "subscriptionkey", "privatekey", "apisecret",
                     "token", "secret", "passw", "passphrase", "passcode", "credential", "signature", "cookie",
                     "licensekey", "licencekey", "appkey", "userkey", "kennwort", "senha", "clave", "contrasen",
                     "motdepasse", "wachtwoord", "schlussel", "schluessel", "salasana", "losenord", "passord",
                     "adgangskode", "lozinka", "sleutel", "nyckel", "klucz", "anahtar",
                     "пароль", "ключ", "токен", "密码", "密碼", "密钥", "口令", "令牌", "パスワード", "暗証",
                     "비밀번호")
# Endings that make a name a credential: appkey, userKey, smsPw, adminpass (a name that ends in a word of these).
_CREDENTIAL_ENDINGS: Final = ("key", "pw", "pwd", "pass", "secret")
# Words that make a name a credential when they stand as a word of it: X-Access-Key, sender_pass, auth-id.
_CREDENTIAL_WORDS: Final = frozenset({"key", "pass", "pwd", "pw", "pin", "auth", "sig", "authorization"})
_WORDS: Final = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_SCHEME_THEN_CREDENTIAL: Final = LazyPattern(r"^([A-Za-z][A-Za-z0-9_-]{0,19})[ \t]+(\S.*)$", re.S)
#: The platform's placeholders (``$$To``): shown, never masked.
_PLACEHOLDER: Final = LazyPattern(r"\s*\$\$[A-Za-z][A-Za-z0-9_]*\s*")


@short_text_cache(maxsize=4096)
def is_credential_name(name: str) -> bool:
    """Whether a header, parameter, field or JSON member of this name carries a credential.

    Cached: every slot of every config asks, and names repeat (Content-Type, to, message).
    """
    compact = _compact(name)
    if compact in _CREDENTIAL_NAMES or any(part in compact for part in _CREDENTIAL_PARTS) \
            or compact.endswith(_CREDENTIAL_ENDINGS):
        return True
    return not _CREDENTIAL_WORDS.isdisjoint(word.lower() for word in _WORDS.findall(name))


def _compact(name: str) -> str:
    """A name as the lists above spell it: lower case, accents dropped, only letters and digits (any script)."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


# What a value in the role of recipient, message or sender is named: never a credential by its shape (a sender id
# such as ACME2024SMSALERTS, a recipient list of digits).
_ROLE_WORDS: Final = frozenset({"to", "recipient", "recipients", "phone", "mobile", "msisdn", "number", "numbers",
                                "destination", "dest", "dst", "text", "message", "msg", "body", "content", "sms",
                                "from", "sender", "senderid", "source", "src", "originator", "callback", "url"})
#: A credential by shape: one run of token characters, long, letters and digits mixed (an API key, a JWT, a UUID).
_TOKEN_SHAPE: Final = LazyPattern(r"[A-Za-z0-9_.~+/=:-]{16,}")


def looks_like_token(value: str) -> bool:
    """Whether a value is shaped like a generated credential: long, no spaces, letters and digits mixed, varied.

    Samples of the other roles do not look like this: a phone number is digits, a message has spaces, a sender
    id is short; a URL or a date is excluded by its own characters.
    """
    if not _TOKEN_SHAPE.fullmatch(value) or "://" in value or "$$" in value:
        return False
    letters = sum(c.isalpha() for c in value)
    digits = sum(c.isdigit() for c in value)
    return letters >= 4 and digits >= 2 and len(set(value)) >= 10


#: Endings of names whose values are random-looking but not secret: ids, references, nonces, timestamps.
_IDENTIFIER_ENDINGS: Final = ("id", "ids", "uuid", "ref", "reference", "nonce", "time", "timestamp", "date")


def is_credential(name: str, value: str) -> bool:
    """Whether the value under this name is a credential: by its name, or by its shape where the name is not a
    recipient's, a message's or a sender's, nor an identifier's (a transactionId is random, and no secret)."""
    by_name = _credential_by_name(name)
    return looks_like_token(value) if by_name is None else by_name


@short_text_cache(maxsize=4096)
def _credential_by_name(name: str) -> bool | None:
    """What a name alone says of its values: True a credential, False never one, None by the value's shape.

    Cached: a bulk body asks of every value, and its records repeat a few names.
    """
    if is_credential_name(name):
        return True
    if _ROLE_WORDS.intersection(_name_words(name)) or _compact(name).endswith(_IDENTIFIER_ENDINGS):
        return False
    return None


def _name_words(name: str) -> list[str]:
    return [word.lower() for word in _WORDS.findall(name)] + [_compact(name)]


def url_credentials(url: str) -> set[str]:
    """The credentials a URL carries: its user-info password and its credential query values, as written and
    decoded. For URLs that are not the endpoint: a token URL, a second URL of the text."""
    found: set[str] = set()
    userinfo = USERINFO_PASSWORD.match(url)
    if userinfo:
        found.add(userinfo.group("password"))
    for pair in split_url(url).query.split("&"):
        key, equals, written = pair.partition("=")
        value = unquote_plus(written)
        if equals and is_credential(unquote_plus(key), value):
            found.update((written, value))
    return found


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
        username, password = auth.get("username"), auth.get("password")
        if isinstance(username, str) and auth.get("type") == "basic":
            found.update(_basic_credentials(username, password if isinstance(password, str) else ""))
        for row in auth.get("extra") or [] if isinstance(auth.get("extra"), list) else []:
            if isinstance(row, dict) and is_credential_name(str(row.get("key", ""))):
                found.add(str(row.get("value", "")))
        token_url = auth.get("token_url")
        if isinstance(token_url, str):
            found.update(url_credentials(token_url))
    endpoint = config.get("endpoint")
    if isinstance(endpoint, str):
        userinfo = USERINFO_PASSWORD.match(endpoint)
        if userinfo:
            found.add(userinfo.group("password"))
    parameters = config.get("parameters")
    if isinstance(parameters, dict) and isinstance(parameters.get("body"), str):
        found.update(xml_credentials(parameters["body"]))
    for slot in _slots(config) if listed is None else listed:
        key = slot.place.key
        # a path segment that is a value, not a resource's name (/auth/sms is a route, /key/R3cL2GZ a key)
        if slot.place.kind == "path" and slot.context and key_like(slot.text, 6):
            key = slot.context[-1]  # /key/<value>/, /token/<value>/: the segment before names it
        if is_credential(key, slot.text):
            found.update(_credential_parts(key, slot.text))
            written = text_at(config, slot.pointer)[slot.start:slot.end]  # "a+b%21" in a query, as it stands
            if written:
                found.add(written.strip('"') if slot.is_json else written)
        elif "://" in slot.text:  # a callback or redirect URL in a field: the credentials of its own query
            found.update(url_credentials(slot.text))
    return frozenset(value for value in found if value and not not_a_secret(value))


#: An XML element with only text in it, and an attribute: ``<Password>…</Password>``, ``apiKey="…"``.
_XML_TEXT: Final = LazyPattern(r"<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>([^<>]+)</\1\s*>|([A-Za-z_][\w.:-]*)=\"([^\"<>]*)\"")


def xml_credentials(body: str) -> set[str]:
    """The credentials of an XML body (a SOAP or XML API's ``<Password>``, ``<apiKey>``), by the names of the
    elements and attributes that hold them, as for every other place."""
    if not body.lstrip().startswith("<"):
        return set()
    found = set()
    for match in _XML_TEXT.finditer(body):
        name, value = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        if is_credential(name.rpartition(":")[2], value.strip()):
            found.add(value.strip())
    return found


def credential_spellings(config: Any, listed: list[Slot] | None = None) -> frozenset[str]:
    """The credential values of a config as they may be written in a text: as they are, JSON-escaped, percent-encoded.

    What masks a source line, a message or a diff: a password with a quote is ``p\\"w`` in a
    JSON file and ``p%22w`` in a URL.
    """
    return frozenset(form for value in credential_values(config, listed) for form in _written_forms(value))


def url_spellings(urls: Iterable[str]) -> frozenset[str]:
    """``url_credentials`` of each URL, as they may be written (``credential_spellings`` for URLs outside a config)."""
    return frozenset(form for url in urls for value in url_credentials(url) if value and not not_a_secret(value)
                     for form in _written_forms(value))


def not_a_secret(value: str) -> bool:
    """What the provider's docs left to fill in (``template_words``, the one notion CP401 and placement share, and
    ``spaced_credential_name``, CP401's too) and the platform's placeholders: shown, never masked, so a finding can
    say which template to replace. (A prefix is no template: ``Mystery42Key`` and ``Enterprise2024`` are
    passwords.)"""
    return _PLACEHOLDER.fullmatch(value) is not None or template_words(value) is not None \
        or spaced_credential_name(value)


def _literal(text: str, match: re.Match[str]) -> StringOffsets | None:
    """The string literal ``_JSON_STRING`` matched, read as json reads it but for a raw control character (which a
    text that does not parse may hold), or None for one that is no literal (a bad escape)."""
    from curlport.json_positions import StringOffsets  # lazy: only a literal with an escape, or a broken text

    try:
        return StringOffsets(text, match.start())
    except ValueError:
        return None


def _as_written_in(text: str, literal: StringOffsets | None, secrets: Iterable[str]) -> set[str]:
    """Each secret as a JSON string literal of ``text`` writes it, where an escape spells it otherwise: the
    literal's characters that decode to it."""
    if literal is None or not literal.escapes:
        return set()
    written = set()
    for secret in secrets:
        start = literal.value.find(secret) if secret else -1
        while start != -1:
            end = start + len(secret)
            written.add(text[literal.offset(start):literal.offset(end)])
            start = literal.value.find(secret, end)
    return written


#: A JSON string literal, and the colon after it when it is a member's name.
_JSON_STRING: Final = LazyPattern(r'"((?:[^"\\\n]|\\.)*)"(\s*:)?')


def json_text_spellings(text: str) -> frozenset[str]:
    """The credentials of a JSON config read as a lexer reads it, string by string: for a text that does not
    parse (its error line is still shown) and for the text a fix replaced (its diff still shows the old lines).

    A string after a member name is that member's value; a ``value`` after a ``key`` of the same row is the
    value of the header or field that ``key`` names.
    """
    found: set[str] = set()
    name: str | None = None
    row_key: str | None = None
    for match in _JSON_STRING.finditer(text):
        literal = _literal(text, match)
        if literal is None:
            name = None
            continue
        string = literal.value
        if match.group(2):
            name = string
            continue
        if name is None:
            continue
        if name == "key":
            row_key = string
        key = row_key if name == "value" and row_key is not None else name
        parts = _credential_parts(key, string) if key != "key" and is_credential(key, string) else set()
        if "://" in string:
            parts |= url_credentials(string)
        found |= parts | _as_written_in(text, literal, parts)
        name = None
    return frozenset(form for value in found if value and not not_a_secret(value)
                     for form in _written_forms(value))


def _written_forms(value: str) -> set[str]:
    if _UNRESERVED.fullmatch(value):  # letters, digits and -._~ (most keys): every form is the value itself
        return {value}
    # surrogatepass: a JSON text may escape a lone surrogate (\\udc00) into a value, which UTF-8 cannot encode
    return {value, encode_basestring(value)[1:-1], encode_basestring_ascii(value)[1:-1],
            quote(value, safe="", errors="surrogatepass"), quote_plus(value, safe="", errors="surrogatepass")}


#: What neither JSON nor percent-encoding changes (RFC 3986's unreserved characters; ``quote`` keeps them as
#: they are, and JSON escapes none of them).
_UNRESERVED: Final = LazyPattern(r"[A-Za-z0-9_.~-]*")


def _slots(config: dict[str, Any]) -> list[Any]:
    try:
        return list(slots_of(config))
    except (TypeError, AttributeError, ValueError, RecursionError):  # a malformed config: no place is trusted
        return []


def _credential_parts(name: str, value: str) -> set[str]:
    """The secret parts of a value as a reader of it finds them: the value, and in an ``Authorization`` header the
    credentials after the scheme word (``Bearer …``), each ``name=value`` of them (``key=…``, AWS's
    ``Credential=…, Signature=…``) and the user and password a ``Basic`` one encodes; in a ``Cookie`` header, each
    cookie's value. A provider's answer, a log line or a cut-off quote shows any of these alone."""
    parts = {value}
    lowered = name.lower()
    if lowered in ("authorization", "proxy-authorization"):
        scheme = _SCHEME_THEN_CREDENTIAL.match(value)
        credentials = scheme.group(2) if scheme else value
        parts = {credentials} | _secret_pairs(credentials, ",")
        decoded = decode_basic_credentials(value)
        if decoded is not None:  # the password (or the lone user) inside the base64
            parts |= _basic_credentials(*decoded) - {credentials}
    elif lowered == "cookie":
        parts |= _secret_pairs(value, ";")
    return parts


def _secret_pairs(text: str, separator: str) -> set[str]:
    """The secret values of the ``name=value`` pairs of a text, separated by ``separator``: a value under a
    credential's name or shaped like a key (a session's, a Digest response; not a language's, a realm's, a user's,
    nor the ``==`` that pads a base64 token)."""
    split = [pair.partition("=") for pair in text.split(separator)]
    pairs = [(name.strip(), value.strip().strip('"')) for name, equals, value in split if equals]
    return {value for name, value in pairs if any(c.isalnum() for c in value)
            and (is_credential(name, value) or key_like(value))}


def _basic_credentials(username: str, password: str) -> set[str]:
    """What Basic auth's fields put in output: the password, and the base64 of ``user:password`` that its header
    carries; the user too when it is the only credential, a key rather than a name (Stripe's ``-u sk_live_…:``;
    ``-u acct``, where curl asks for the password, names an account)."""
    alone = not password and key_like(username) and not not_a_secret(username)
    if not alone and (not password or not_a_secret(password)):  # no secret in it: its header is no secret either
        return {password}
    import base64  # lazy: most configs have no Basic credentials (tests/test_lazy_imports.py)

    token = base64.b64encode(f"{username}:{password}".encode(errors="surrogatepass")).decode("ascii")
    return {password, token} | ({username} if alone else set())


def key_like(text: str, minimum: int = 8) -> bool:
    """Long enough, letters and digits mixed: a generated key, not an account's name."""
    return len(text) >= minimum and any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
