"""Kannel: an ``smsc = http`` group of ``system-type = generic``.

Modelled on Kannel's ``gw/smsc/http/generic.c`` (``generic_send_sms``,
``generic_parse_reply``, ``generic_init``), ``gw/urltrans.c``
(``urltrans_fill_escape_codes``) and ``gwlib/octstr.c`` (``octstr_url_encode``),
and checked against Debian's kannel 1.4.5: the generic SMSC sends one GET to
``send-url`` with the escape codes filled — ``%p`` the receiver and ``%b`` the
message, both URL-encoded (every byte but letters, digits and ``-_.!~*'()``
as ``%XX``, a space as ``+``), ``%%`` a literal percent sign; any other ``%``
and letter is another escape code (``%P`` is the sender, ``%B`` billing
information), so a literal ``%`` in the provider's URL must be doubled. No
header and no body is sent; user-info in the URL becomes Basic auth. The message
is in GSM's 7-bit alphabet by default (other characters become ``?``) and one
request carries one SMS part (a longer message is several requests). The HTTP
status is ignored: ``status-success-regex`` (required), then
``status-permfail-regex`` and ``status-tempfail-regex`` decide by the body.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from curlport.credentials import is_credential_name
from curlport.preflight.platforms.common import (
    Converted,
    Note,
    PlatformReadError,
    Refusals,
    check_common,
    has_placeholder,
    make_config,
    pieces,
)
from curlport.preflight.provider import BasicAuth, Provider
from curlport.preflight.render import HttpRequest, Values
from curlport.rules.base import MESSAGE, RECIPIENT
from curlport.urls import split_url

NAME = "kannel"
#: How a comment starts in the settings text (the export puts its notes there), or None: it has none.
COMMENT: str | None = "#"
_CODES = {RECIPIENT: "%p", MESSAGE: "%b"}
#: What octstr_url_encode leaves as it is (a space becomes +).
_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")
#: The characters a URL template keeps as written (as render does); the rest of the template is percent-encoded.
_URL_KEEPS = "!$%&'()*+,/:;=?@[]~"
#: GSM 03.38's alphabet (basic table, then the extension table): what Kannel's default 7-bit coding keeps.
GSM_ALPHABET = frozenset("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€\f")
#: What stands for "any response" when the config says nothing: Kannel requires a success pattern.
ANY_RESPONSE = "."
_ESCAPE = re.compile(r"%(.)", re.DOTALL)


@dataclass(frozen=True)
class SmscGroup:
    smsc_id: str
    send_url: str
    status_success_regex: str
    status_permfail_regex: str | None = None


def convert(provider: Provider, to: str | None = None) -> Converted:
    """The smsc group that sends the provider's request, or the refusal naming what Kannel cannot carry."""
    refusals = Refusals(NAME)
    check_common(provider, refusals)
    if provider.method != "GET":
        refusals.add(f"method {provider.method}: Kannel's generic HTTP SMSC sends GET only")
    if provider.parameters is not None:
        refusals.add("a body: Kannel's generic HTTP SMSC sends none")
    notes = []
    for header in provider.headers:
        if has_placeholder(header.key + header.value) or is_credential_name(header.key):
            refusals.add(f"the header '{header.key}': Kannel's generic HTTP SMSC sends no headers of its own")
        else:
            notes.append(Note(f"the header '{header.key}' is not sent: Kannel's generic HTTP SMSC sends no "
                              "headers of its own", (f"header:{header.key.lower()}",)))
    base = provider.endpoint.split("#", 1)[0]
    parts = split_url(base)
    if has_placeholder(parts.netloc):
        refusals.add("a placeholder in the endpoint's host")
    if MESSAGE in parts.path:
        notes.append(Note("a space in the message is sent as '+', which a URL path reads as a plus sign", ("path",)))
    auth = provider.auth if isinstance(provider.auth, BasicAuth) else None
    if auth is not None and "@" in parts.netloc:
        refusals.add("both user-info in the endpoint and Basic auth")
    if auth is not None and any(c in auth.username + auth.password for c in ":@/?#"):
        refusals.add("a Basic auth username or password with ':', '@', '/', '?' or '#', which a URL's user-info "
                     "cannot carry as written")
    refusals.raise_any()
    send_url = "".join(_CODES.get(piece) or quote(piece, safe=_URL_KEEPS).replace("%", "%%")
                       for piece in pieces(base))
    if auth is not None:
        scheme, _, rest = send_url.partition("://")
        send_url = f"{scheme}://{auth.username}:{auth.password}@{rest}"
    if MESSAGE in base:
        notes.append(Note("Kannel sends the message in GSM's 7-bit alphabet: a character outside it is sent as '?' "
                          "(ç as Ç), and a message longer than 160 characters as several requests, one per part",
                          tuple(place for place, text in (("path", parts.path), ("query", parts.query))
                                if MESSAGE in text)))
    rules = provider.response
    success = rules.success_pattern.pattern if rules.success_pattern else ANY_RESPONSE
    permfail = rules.failure_pattern.pattern if rules.failure_pattern else None
    if rules.success_pattern is None:
        notes.append(Note("Kannel ignores the HTTP status and needs status-success-regex: '.' counts any "
                          "non-empty response as sent; write what this provider answers on success"))
    elif rules.statuses:
        notes.append(Note("Kannel ignores the HTTP status: the config's statuses are not carried"))
    if rules.success_pattern or rules.failure_pattern:
        notes.append(Note("Kannel reads status-*-regex as POSIX extended regular expressions: check that the "
                          "config's patterns mean the same there"))
    return Converted(SmscGroup(_smsc_id(provider.name), send_url, success, permfail), tuple(notes))


def _smsc_id(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "provider"


def _quoted(value: str) -> str:
    """A Kannel configuration value: in double quotes, backslash and quote escaped (gwlib/cfg.c parse_value)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(settings: SmscGroup) -> str:
    """The group as it goes in kannel.conf (with a core group, an smsbox group and a sendsms-user)."""
    lines = ["group = smsc", "smsc = http", f"smsc-id = {settings.smsc_id}", "system-type = generic",
             f"send-url = {_quoted(settings.send_url)}",
             f"status-success-regex = {_quoted(settings.status_success_regex)}"]
    if settings.status_permfail_regex is not None:
        lines.append(f"status-permfail-regex = {_quoted(settings.status_permfail_regex)}")
    return "\n".join(lines) + "\n"


def url_encode(value: str) -> str:
    """octstr_url_encode: UTF-8 bytes, the safe set kept, a space as +, the rest as uppercase %XX."""
    return "".join(c if c in _SAFE else "+" if c == " " else "".join(f"%{b:02X}" for b in c.encode())
                   for c in value)


def seven_bit(message: str) -> str:
    """The message as Kannel's default coding sends it, as seen from Debian's kannel 1.4.5: a character of GSM's
    alphabet kept, ç as Ç, any other BMP character '?', a character beyond the BMP one '?' per UTF-8 byte."""
    return "".join(c if c in GSM_ALPHABET else "Ç" if c == "ç" else "?" * (4 if ord(c) > 0xFFFF else 1)
                   for c in message)


def fill(send_url: str, values: Values) -> str:
    """urltrans_fill_escape_codes for the codes the export writes: %p, %b, %% (any other is kept as written)."""
    def code(match: re.Match[str]) -> str:
        letter = match.group(1)
        return {"p": url_encode(values.to), "b": url_encode(seven_bit(values.body)), "%": "%"}.get(
            letter, match.group())
    return _ESCAPE.sub(code, send_url)


def simulate(settings: SmscGroup, values: Values) -> HttpRequest:
    """The GET the generic SMSC sends for one number and message (user-info becomes the Authorization header)."""
    url = fill(settings.send_url, values)
    scheme, _, rest = url.partition("://")
    authority, slash, tail = rest.partition("/")
    headers: tuple[tuple[str, str], ...] = ()
    if "@" in authority:
        userinfo, _, host = authority.rpartition("@")
        token = base64.b64encode(unquote(userinfo).encode()).decode("ascii")
        headers = (("Authorization", f"Basic {token}"),)
        url = f"{scheme}://{host}{slash}{tail}"
    return HttpRequest("GET", url, headers, None)


_LINE = re.compile(r'^\s*([a-z][a-z0-9-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\S*))\s*$')
_PLACEHOLDER_OF = {"p": RECIPIENT, "b": MESSAGE, "%": "%"}


def read(text: str) -> SmscGroup:
    """The first ``group = smsc`` of a kannel.conf (or the group alone) with ``system-type = generic``."""
    groups: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            raise PlatformReadError(f"not a Kannel configuration line: {line.strip()[:60]!r}")
        key, quoted, bare = match.groups()
        value = re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else bare
        if key == "group":
            groups.append({})
        elif groups:
            groups[-1][key] = value
    group = next((g for g in groups if g.get("smsc") == "http" and g.get("system-type") == "generic"), None)
    if group is None or "send-url" not in group:
        raise PlatformReadError("no smsc group of smsc = http, system-type = generic with a send-url")
    return SmscGroup(group.get("smsc-id", "provider"), group["send-url"], group.get("status-success-regex", "."),
                     group.get("status-permfail-regex"))


def to_config(settings: SmscGroup, name: str) -> dict[str, Any]:
    """The config that sends what the generic SMSC sends: %p and %b as $$To and $$Body, user-info as Basic auth."""
    def code(match: re.Match[str]) -> str:
        placeholder = _PLACEHOLDER_OF.get(match.group(1))
        if placeholder is None and not (match.group(1).isalpha() or match.group(1) == "#"):
            return match.group()  # not an escape code: Kannel keeps it as written
        if placeholder is None:
            raise PlatformReadError(f"the escape code {match.group()} in send-url has no placeholder: curlport "
                                    "fills $$To (%p) and $$Body (%b) only")
        return placeholder
    endpoint = _ESCAPE.sub(code, settings.send_url)
    scheme, _, rest = endpoint.partition("://")
    authority, slash, tail = rest.partition("/")
    auth = None
    if "@" in authority:
        userinfo, _, host = authority.rpartition("@")
        user, _, password = unquote(userinfo).partition(":")
        auth, endpoint = (user, password), f"{scheme}://{host}{slash}{tail}"
    config = make_config(name, "GET", endpoint, auth=auth)
    response = {"success_pattern": settings.status_success_regex} if settings.status_success_regex != ANY_RESPONSE \
        else {}
    if settings.status_permfail_regex is not None:
        response["failure_pattern"] = settings.status_permfail_regex
    return {**config, "response": response} if response else config
