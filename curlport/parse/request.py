"""Options → the HTTP request curl would send, following curl's own semantics.

Each option role has one small handler; the handlers fill a ``_Draft`` and
``build_request`` settles what depends on the whole command (method, -G, the
implied Content-Type, credentials). What the provider form cannot express is
collected as ``unsupported`` rather than bent into something else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Final
from urllib.parse import unquote

from curlport.errors import CurlUsageError
from curlport.findings import Finding, Severity
from curlport.inputs import read_bounded
from curlport.lazy_pattern import LazyPattern
from curlport.media_types import FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, decode_basic_credentials
from curlport.parse import notes
from curlport.parse.argv import Invocation, OptionUse
from curlport.parse.curl_options import LONG_OPTIONS, Role
from curlport.source import Span
from curlport.urls import (
    ANGLE_URL,
    TEMPLATE_BASE,
    authority,
    is_template_host,
    is_template_port,
    split_url,
    url_problem,
)

#: The rule a line break inside a header is (its value's is found in the config; its name's only here).
HEADER_LINE_BREAK: Final = "CP211"
MAX_FILE_BYTES: Final = 1 << 20
_SCHEME_GUESSES: Final = {"ftp.": "ftp", "dict.": "dict", "ldap.": "ldap", "imap.": "imap", "smtp.": "smtp",
                           "pop3.": "pop3"}
_UNRESERVED: Final = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-")


class Located:
    """A value of the request and where in the input it came from.

    A plain record (one per request value): nothing unpacks, compares or hashes one.
    """

    def __init__(self, text: str, span: Span | None) -> None:
        self.text = text
        self.span = span


class BodyPart:
    """One data option's contribution to the body; ``verbatim`` if ``text`` is the option's own text.

    A plain class with its own ``__init__`` (one per data option), as ``Located``.
    """

    def __init__(self, text: str, span: Span | None, is_json: bool, verbatim: bool) -> None:
        self.text = text
        self.span = span
        self.is_json = is_json
        self.verbatim = verbatim


class Header:
    """A plain class with its own ``__init__`` (one per header), as ``Located``."""

    def __init__(self, name: str, value: str, span: Span | None) -> None:
        self.name = name
        self.value = value
        self.span = span


class Request:
    """What curl would send, as the provider form can carry it.

    A plain record: nothing unpacks, compares or hashes a request.
    """

    def __init__(self, *, method: Located, url: Located, username: Located | None, password: Located | None,
                 headers: tuple[Header, ...], body_parts: tuple[BodyPart, ...] | None,
                 implied_content_type: str | None, unsupported: tuple[tuple[str, Span | None], ...],
                 findings: tuple[Finding, ...], malformed_headers: tuple[str, ...] = ()) -> None:
        self.method = method
        self.url = url
        self.username = username
        self.password = password
        self.headers = headers
        self.body_parts = body_parts
        self.implied_content_type = implied_content_type
        self.unsupported = unsupported
        self.findings = findings
        #: -H lines that are not 'Name: value' headers, dropped from the request (a finding quotes them).
        self.malformed_headers = malformed_headers

    @property
    def body(self) -> str | None:
        return None if self.body_parts is None else join_body(self.body_parts)


def join_body(parts: tuple[BodyPart, ...] | list[BodyPart]) -> str:
    """curl joins data options with & — except before a --json part."""
    pieces = []
    for index, part in enumerate(parts):
        if index and not part.is_json:
            pieces.append("&")
        pieces.append(part.text)
    return "".join(pieces)


#: What each byte of the UTF-8 text becomes, looked up rather than worked out per byte.
_URLENCODED: Final = [chr(byte) if byte in _UNRESERVED else "+" if byte == 0x20 else f"%{byte:02X}"
               for byte in range(256)]


def curl_urlencode(text: str) -> str:
    """Percent-encode as curl's --data-urlencode does: unreserved kept, space as +."""
    return "".join(map(_URLENCODED.__getitem__, text.encode("utf-8")))


class _Draft:
    """The request as the options so far make it; each handler fills its part.

    A plain class, not a dataclass: a dataclass costs a few hundred microseconds to define at every start.
    """

    def __init__(self, invocation: Invocation, allow_file_refs: Path | None) -> None:
        self.invocation = invocation
        #: Where an option's value is (``Invocation.span``).
        self.span: Callable[[OptionUse], Span] = invocation.span
        self.allow_file_refs = allow_file_refs
        self.urls: list[Located] = []
        self.method: Located | None = None
        self.data: list[BodyPart] = []
        self.url_queries: list[Located] = []
        self.get = False
        self.head: Span | None = None
        self.upload: Span | None = None
        self.user: Located | None = None
        self.auth_methods: dict[str, Span] = {}  # curl ORs --basic, --digest, ...
        self.headers: list[tuple[Header, bool]] = []  # (header, set by -H)
        #: Whether -A, -e, -b or --oauth2-bearer added a header (``headers`` may hold one not set by -H).
        self.implied = False
        #: Each -H line read so far: its name, separator and trimmed rest, or None when it is not a header (a command
        #: that repeats one header 70,000 times has it read once).
        self.lines: dict[str, tuple[str, str, str] | None] = {}
        self.removed: set[str] = set()
        self.json = False
        self.proto_default: str | None = None
        self.unsupported: list[tuple[str, Span | None]] = []
        self.without_effect: list[str] = []
        self.findings: list[Finding] = list(invocation.findings)
        self.malformed_headers: list[str] = []
        #: The plain text fields of -F/--form-string, URL-encoded, and where the first option is.
        self.form: list[BodyPart] = []
        self.form_at: Span | None = None

    def read_file(self, use: OptionUse, reference: str, strip_newlines: bool) -> str | None:
        """The content of an @file the user allowed; None (and a note) otherwise."""
        path = Path(reference)
        if self.allow_file_refs is not None and reference not in ("", "-"):
            try:
                content = _allowed_file(self.allow_file_refs, path)
            except (OSError, ValueError, RuntimeError) as error:  # a NUL in the name; a symlink loop (Python 3.11)
                reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
                raise CurlUsageError(f"cannot read @{reference[:80]}: {reason}", self.span(use)) from None
            if content is not None:
                if len(content) > MAX_FILE_BYTES:
                    raise CurlUsageError(f"@{reference} is larger than 1 MiB", self.span(use))
                text = content.decode("utf-8", errors="replace")
                return re.sub(r"[\r\n]", "", text) if strip_newlines else text
        allowed = "it is outside --allow-file-refs" if self.allow_file_refs else "pass --allow-file-refs DIR to read it"
        self.findings.append(notes.FILE_REFERENCE.at(
            f"{use.option.display} @{reference} at {self.span(use)} was not read ({allowed}); "
            "its content is missing from the config", self.span(use)))
        return None


def _allowed_file(base: Path, path: Path) -> bytes | None:
    """The first bytes (one more than allowed) of ``path`` when it is a file inside ``base``; None otherwise."""
    base = base.resolve()
    resolved = (base / path).resolve()
    if resolved.is_relative_to(base) and resolved.is_file():
        return read_bounded(resolved, MAX_FILE_BYTES)[0]  # never more than one byte over: a 1 GiB file is not read
    return None


def _data(draft: _Draft, use: OptionUse, strip_newlines: bool = True, files: bool = True) -> None:
    value = use.value or ""
    if files and value.startswith("@"):
        content = draft.read_file(use, value[1:], strip_newlines)
        if content is not None:
            draft.data.append(BodyPart(content, draft.span(use), use.role is Role.JSON, verbatim=False))
        return
    draft.data.append(BodyPart(value, draft.span(use), use.role is Role.JSON, verbatim=True))


def _urlencoded(draft: _Draft, use: OptionUse) -> str | None:
    """The five --data-urlencode forms: content, =content, name=content, @file, name@file."""
    value = use.value or ""
    separator = value.find("=")
    if separator == -1:
        separator = value.find("@")
    name, kind, content = "", "", value
    if separator != -1:
        name, kind, content = value[:separator], value[separator], value[separator + 1 :]
    if kind == "@":
        read = draft.read_file(use, content, strip_newlines=False)
        if read is None:
            return None
        content = read
    encoded = curl_urlencode(content)
    return f"{name}={encoded}" if name else encoded


def _data_urlencode(draft: _Draft, use: OptionUse) -> None:
    encoded = _urlencoded(draft, use)
    if encoded is not None:
        draft.data.append(BodyPart(encoded, draft.span(use), is_json=False, verbatim=False))


def _json(draft: _Draft, use: OptionUse) -> None:
    draft.json = True
    _data(draft, use, strip_newlines=False)


def _url_query(draft: _Draft, use: OptionUse) -> None:
    value = use.value or ""
    encoded = value[1:] if value.startswith("+") else _urlencoded(draft, use)
    if encoded is not None:
        draft.url_queries.append(Located(encoded, draft.span(use)))


#: -F's text as curl reads it: blanks around it dropped, or a "quoted" text with \" and \\ escapes; whatever follows
#: (``;type=…``, a ``;`` in unquoted text) is a part's parameter, which only a multipart body carries.
_FORM_TEXT: Final = LazyPattern(r'[ \t]*(?:"((?:[^"\\]|\\.)*)"|(?!")([^;]*?))[ \t]*((?:;.*)?)', re.DOTALL)


def _form_text(use: OptionUse, content: str) -> str | None:
    """The text curl sends for a -F field (--form-string sends the content as it is), or None when the field is a
    file (``@photo.png``, ``<message.txt``) or carries a part's parameters (``text;type=text/html``)."""
    if use.role is Role.FORM_STRING:
        return content
    match = _FORM_TEXT.fullmatch(content)
    if match is None or match.group(3) or content.lstrip(" \t")[:1] in ("@", "<"):
        return None
    quoted, plain = match.group(1), match.group(2)
    return re.sub(r"\\(.)", r"\1", quoted, flags=re.DOTALL) if quoted is not None else plain


def _form(draft: _Draft, use: OptionUse) -> None:
    """A -F/--form-string text field: kept as a URL-encoded form pair (the form has no multipart body; build_request
    says so). A file or a part's own type stays what the form cannot express."""
    name, separator, content = (use.value or "").partition("=")
    text = _form_text(use, content) if separator and name else None
    if text is None:
        draft.unsupported.append((f"a multipart form with a file or a part's parameters ({use.option.display})",
                                  draft.span(use)))
        return
    if draft.form_at is None:
        draft.form_at = draft.invocation.command.span_of(use.option_word)
    draft.form.append(BodyPart(f"{curl_urlencode(name)}={curl_urlencode(text)}", draft.span(use), is_json=False,
                               verbatim=False))


_HEADER_LINE: Final = re.compile(r"^([^:;\s]+)\s*([:;])(.*)$", re.DOTALL)
_LINE_BREAK: Final = LazyPattern(r"[\r\n]")


def _header_line(draft: _Draft, use: OptionUse, line: str) -> None:
    span = draft.span(use)
    parts = draft.lines[line] if line in draft.lines else draft.lines.setdefault(line, _header_parts(line))
    if parts is None and _LINE_BREAK.search(line.split(":", 1)[0]):  # a value's line break is the rule's (CP211)
        draft.findings.append(Finding(HEADER_LINE_BREAK, Severity.ERROR, f"-H at {span}: a line break (CR or LF) "
                                      "in the header's name: curl would send it as a header line of its own "
                                      "(header injection); it was dropped", span))
        return
    if parts is None:
        draft.findings.append(notes.SHELL_REPAIR.at(
            f"-H '{line[:30]}' at {span} is not a 'Name: value' header; curl sends it as is and servers "
            "reject it: it was dropped", span))
        draft.malformed_headers.append(line)
        return
    name, separator, rest = parts
    if separator == ";" and not rest:
        draft.headers.append((Header(name, "", span), True))
    elif separator == ":" and not rest:
        draft.removed.add(name.lower())
        if draft.implied:  # (else every header is the command's own, and stays)
            draft.headers = [(h, custom) for h, custom in draft.headers if custom or h.name.lower() != name.lower()]
    elif separator == ":":
        draft.headers.append((Header(name, rest, span), True))
    else:  # Name;something is not a header curl understands as empty
        draft.headers.append((Header(name, "", span), True))


def _header_parts(line: str) -> tuple[str, str, str] | None:
    """A -H line's name, separator (``:`` or ``;``) and trimmed rest; None when it is not a header."""
    match = _HEADER_LINE.match(line)
    if match is None:
        return None
    name, separator, rest = match.groups()
    return name, separator, rest.strip()


def _header(draft: _Draft, use: OptionUse) -> None:
    value = use.value or ""
    if value.startswith("@"):
        content = draft.read_file(use, value[1:], strip_newlines=False)
        for line in (content or "").splitlines():
            if line.strip():
                _header_line(draft, use, line)
        return
    _header_line(draft, use, value)


def _implied_header(name: str) -> Callable[[_Draft, OptionUse], None]:
    def handler(draft: _Draft, use: OptionUse) -> None:
        value = use.value or ""
        if name == "Referer":
            value = value.removesuffix(";auto")
        if name == "Cookie" and "=" not in value:
            draft.findings.append(notes.COOKIE_FILE.at(
                f"-b {value} at {draft.span(use)} names a cookie file, which was not read", draft.span(use)))
            return
        if draft.implied:
            draft.headers = [(h, c) for h, c in draft.headers if c or h.name.lower() != name.lower()]
        if value:
            draft.headers.append((Header(name, value, draft.span(use)), False))
            draft.implied = True
    return handler


def _auth_method(draft: _Draft, use: OptionUse) -> None:
    if use.option.name == "oauth2-bearer":  # a fixed header, which a -H Authorization replaces
        _implied_header("Authorization")(draft, OptionUse(use.option, False, use.option_word, f"Bearer {use.value}",
                                                          use.value_word, use.value_start))
    elif use.option.takes_argument:  # --aws-sigv4 signs every request
        draft.unsupported.append((f"{use.option.display} authentication", draft.span(use)))
    elif use.negated:
        draft.auth_methods.pop(use.option.name, None)
    else:
        draft.auth_methods[use.option.name] = draft.span(use)


def _file_option(draft: _Draft, use: OptionUse) -> None:
    what = "--netrc credentials" if use.role is Role.NETRC else f"{use.option.display} {use.value or ''}".strip()
    draft.findings.append(notes.FILE_REFERENCE.at(
        f"{what} at {draft.span(use)} not read: anything it adds to the request is missing", draft.span(use)))


def _set(attribute: str) -> Callable[[_Draft, OptionUse], None]:
    def handler(draft: _Draft, use: OptionUse) -> None:
        located = Located(use.value or "", draft.span(use))
        if attribute == "urls":
            draft.urls.append(located)
        else:
            setattr(draft, attribute, located)
    return handler


def _flag(attribute: str) -> Callable[[_Draft, OptionUse], None]:
    def handler(draft: _Draft, use: OptionUse) -> None:
        setattr(draft, attribute, None if use.negated else draft.span(use))
    return handler


def _get(draft: _Draft, use: OptionUse) -> None:
    draft.get = not use.negated


def _proto_default(draft: _Draft, use: OptionUse) -> None:
    draft.proto_default = use.value


def _unsupported(what: str) -> Callable[[_Draft, OptionUse], None]:
    def handler(draft: _Draft, use: OptionUse) -> None:
        draft.unsupported.append((f"{what} ({use.option.display})", draft.span(use)))
    return handler


def _no_effect(draft: _Draft, use: OptionUse) -> None:
    draft.without_effect.append(use.option.display)


_HANDLERS: Final[dict[Role, Callable[[_Draft, OptionUse], None]]] = {
    Role.NO_EFFECT: _no_effect,
    Role.URL: _set("urls"),
    Role.METHOD: _set("method"),
    Role.DATA: _data,
    Role.DATA_BINARY: lambda draft, use: _data(draft, use, strip_newlines=False),
    Role.DATA_RAW: lambda draft, use: _data(draft, use, files=False),
    Role.DATA_URLENCODE: _data_urlencode,
    Role.JSON: _json,
    Role.GET: _get,
    Role.URL_QUERY: _url_query,
    Role.HEAD: _flag("head"),
    Role.UPLOAD: _flag("upload"),
    Role.USER: _set("user"),
    Role.BASIC: _auth_method,
    Role.UNSUPPORTED_AUTH: _auth_method,
    Role.HEADER: _header,
    Role.USER_AGENT: _implied_header("User-Agent"),
    Role.REFERER: _implied_header("Referer"),
    Role.COOKIE: _implied_header("Cookie"),
    Role.FORM: _form,
    Role.FORM_STRING: _form,
    Role.PROTO_DEFAULT: _proto_default,
    Role.CONFIG_FILE: _file_option,
    Role.NETRC: _file_option,
    Role.NEXT: _no_effect,
    Role.REQUEST_TARGET: _unsupported("a custom request target"),
}
#: Each option's handler and whether it gives data, by the option's name: prepared once, so that reading an option
#: costs one lookup by a string (an Enum member's hash is a Python call).
_OPTION_HANDLERS: Final = {name: _HANDLERS[option.role] for name, option in LONG_OPTIONS.items()}
_DATA_ROLES: Final = frozenset({Role.DATA, Role.DATA_BINARY, Role.DATA_RAW, Role.DATA_URLENCODE, Role.JSON})
_DATA_OPTIONS: Final = frozenset(name for name, option in LONG_OPTIONS.items() if option.role in _DATA_ROLES)


_SCHEME: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_USER_INFO: Final = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@]*)@(.*)$", re.DOTALL)


def _with_scheme(draft: _Draft, url: str) -> str:
    """The URL as curl reads it: without a scheme, one guessed from the host (http by default); a template where the
    scheme and host go (``{{api_url}}/sms``) is left as it is: the operator's base URL brings its own scheme."""
    if _SCHEME.match(url) or TEMPLATE_BASE.match(url):
        return url
    host = url.lower()
    guessed = next((scheme for prefix, scheme in _SCHEME_GUESSES.items() if host.startswith(prefix)), None)
    return f"{draft.proto_default or guessed or 'http'}://{url}"


def _split_credentials(draft: _Draft, url: Located) -> tuple[Located, Located | None, Located | None]:
    """Move user:password@ out of the URL: the form has fields for them (-u, when given, wins)."""
    match = _USER_INFO.match(url.text)
    if match is None:
        return url, None, None
    user, _, password = match.group(2).partition(":")
    bare = Located(match.group(1) + match.group(3), url.span)
    fate = "ignored: -u wins, as in curl" if draft.user else "moved to the Basic authentication fields"
    draft.findings.append(notes.URL_CREDENTIALS.at(
        f"credentials in the URL at {url.span}: {fate}; keep them out of URLs, which end up in logs",
        url.span, "/endpoint"))
    return bare, Located(unquote(user), url.span), Located(unquote(password), url.span)


def _final_method(draft: _Draft, has_data: bool) -> Located:
    first_url_span = draft.urls[0].span
    if draft.head and has_data and not draft.get:
        raise CurlUsageError("-I/--head and a data option ask for two methods; curl refuses this", draft.head)
    if draft.upload and has_data:
        raise CurlUsageError("-T/--upload-file and a data option ask for two methods; curl refuses this",
                             draft.upload)
    if draft.method is not None:
        return draft.method
    if draft.head:
        return Located("HEAD", draft.head)
    if draft.upload:
        return Located("PUT", draft.upload)
    return Located("POST" if has_data and not draft.get else "GET", first_url_span)


def _basic_auth_from_header(draft: _Draft) -> tuple[Located, Located] | None:
    for index, (header, _) in enumerate(draft.headers):
        if header.name.lower() != "authorization" or not header.value.lower().startswith("basic "):
            continue
        credentials = decode_basic_credentials(header.value)
        if credentials is None:
            return None
        del draft.headers[index]
        user, password = credentials
        draft.findings.append(notes.BASIC_AUTH_HEADER.at(
            f"'Authorization: Basic' header at {header.span} decoded into the auth fields "
            f"(user '{user}')", header.span, "/auth"))
        return Located(user, header.span), Located(password, header.span)
    return None


#: A word that is a query parameter, not a host: name=value before any / ? # or :.
_PARAMETER_WORD: Final = re.compile(r"^[^/?#:=]+=")


def _check_urls(draft: _Draft) -> None:
    """There must be a real URL: words like message=Hello are parameters the doc forgot to attach to one."""
    command = draft.invocation.command
    parameters = [url for url in draft.urls if _PARAMETER_WORD.match(url.text)]
    if draft.urls and len(parameters) < len(draft.urls):
        return
    if not parameters:
        raise CurlUsageError("no URL: curl needs one to send a request", command.span_of(command.curl_word))
    named = ", ".join(f"'{url.text}'" for url in parameters[:4]) + (", …" if len(parameters) > 4 else "")
    raise CurlUsageError(
        f"no URL: {named} look{'s' if len(parameters) == 1 else ''} like query parameters, not a URL (curl would "
        "take them for host names); add the provider's endpoint URL before them",
        parameters[0].span)


def _without_angle_brackets(draft: _Draft, url: Located) -> str:
    """``<https://api.example.com/sms>``: the doc's brackets around a URL are not part of it (curl would send them)."""
    match = ANGLE_URL.fullmatch(url.text)
    if match is None:
        return url.text
    draft.findings.append(notes.SHELL_REPAIR.at(
        f"the URL at {url.span} is written in angle brackets, the doc's markup: read without them (curl would "
        "send them as part of the URL); write the URL alone", url.span, "/endpoint"))
    return match.group(1)


#: What a host name never holds but what the doc meant does: a parameter's = or a header name's empty port.
_NOT_A_HOST: Final = re.compile(r"^[^/?#@]*=|^[A-Za-z][A-Za-z0-9_-]*:$")


def _check_host(url: Located) -> None:
    """``http://message=Hello`` or ``http://Authorization:``: the text after the scheme is a parameter or a header
    the doc meant, not a host; curl would send a request nowhere useful, and a config made of it is no config."""
    if TEMPLATE_BASE.match(url.text):
        return
    host = split_url(url.text).netloc
    if not host.rpartition("@")[2]:  # ``http://``, ``http:///send``: a script's variable left empty, or a doc's cut
        raise CurlUsageError(f"the URL at {url.span} has no host name after its scheme: curl cannot send it; "
                             "write the provider's URL (https://host/path)", url.span)
    if host and not any(character.isalnum() for character in host) and not is_template_host(host):
        raise CurlUsageError(f"the URL at {url.span} has no host name: '{host}' cannot be one; the doc's text lost its "
                             "endpoint: write the provider's URL (https://host/path)", url.span)
    if not _NOT_A_HOST.match(host):
        return
    looks, fix = ("a header name", "write the header as -H 'Name: value'") if host.endswith(":") else \
        ("a parameter", "write the parameters after it")
    raise CurlUsageError(
        f"the URL at {url.span} has no host name: '{host}' looks like {looks}, not a host; the doc's text lost "
        f"its endpoint: write the provider's URL (https://host/path) and {fix}", url.span)


def _auth_methods(draft: _Draft, has_user: bool) -> None:
    """--basic is the form's Basic auth; --anyauth with credentials is too, said at the option, since curl would send
    nothing first and use the scheme the server's 401 asks for (Basic is the form's only one). --digest, --ntlm and
    --negotiate answer a server's challenge, which the form cannot: the request is refused with that reason."""
    for name, span in draft.auth_methods.items():
        if name == "anyauth" and has_user:
            draft.findings.append(notes.REQUEST_APPROXIMATED.at(
                f"--anyauth at {span} lets curl pick the scheme the server asks for; imported as Basic "
                "authentication, the form's only scheme: a provider that requires Digest or NTLM refuses it, so a test"
                " send must confirm", span, "/auth"))
        elif name == "anyauth":
            draft.without_effect.append("--anyauth")
        elif name != "basic":
            draft.unsupported.append((f"--{name} authentication (it answers the server's challenge)", span))


def _form_body(draft: _Draft, has_data: bool, at: Span) -> bool:
    """-F's text fields become the body, URL-encoded, with a warning at the first -F: curl would send
    multipart/form-data, a body the form has no type for; most providers read both encodings, not all. A
    Content-Type the command sets to multipart/form-data goes too (it would describe the other encoding)."""
    if has_data or draft.get:
        raise CurlUsageError("-F/--form and a data option (or -G) ask for two kinds of request; curl refuses this", at)
    multipart = [(header, custom) for header, custom in draft.headers
                 if header.name.lower() == "content-type" and header.value.lower().startswith("multipart/")]
    draft.headers = [item for item in draft.headers if item not in multipart]
    dropped = f", and its Content-Type header at {multipart[0][0].span} was dropped" if multipart else ""
    draft.findings.append(notes.REQUEST_APPROXIMATED.at(
        f"-F at {at}: curl sends these fields as multipart/form-data; the form sends them URL-encoded "
        f"(application/x-www-form-urlencoded){dropped}: most providers accept both, not all, so a test send must "
        "confirm", at, "/parameters"))
    draft.data = draft.form
    return True


def _check_path_only(url: Located) -> None:
    """``/v1/sms/send``: a path whose base URL the doc left out (an API tool's export without its ``{{baseUrl}}``).
    One error, not a config: trust over coverage. Keeping it would need a host the text never wrote (inventing a
    ``{{baseUrl}}`` template is a guess dressed as the doc's), and curl itself rejects it (``http:///v1/…``); the
    operator knows the base URL and adds it in one edit, where a config with an invented host would be edited
    anyway and could be sent as is."""
    if not url.text.startswith("/") or url.text.startswith("//"):
        return
    raise CurlUsageError(
        f"the URL '{_where_to(url.text)}' at {url.span} is a path without a host: the doc left out its base URL; "
        f"write the provider's scheme and host before it (https://<host>{_where_to(url.text)})", url.span)


def _template_authority(url: str) -> bool:
    """``http://{{host}}:{{port}}/send``, ``http://IP:xxxx/``: a port (or a bracketed host) curl cannot use is the
    doc's template for the reader to fill in; the URL is kept as written, and CP401 flags each part, so the config
    is a draft to finish (exit 1) rather than a refusal that drops everything else the sample shows."""
    _, host, port = authority(url)
    return (port is not None and is_template_port(port)) or is_template_host(host)


def _where_to(url: str) -> str:
    """A URL named in a message by its scheme, host and path: its user-info and query may hold credentials, and a
    cut-off quote of them would show what masking a whole value cannot find."""
    parts = split_url(url)
    shown = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}" if parts.netloc else parts.path
    return shown if len(shown) <= 40 else shown[:39] + "…"


def build_request(invocation: Invocation, allow_file_refs: Path | None = None) -> Request:
    """The request curl would send for these options."""
    draft = _Draft(invocation, allow_file_refs)
    option_names = [use.option.name for use in invocation.uses]
    for name, use in zip(option_names, invocation.uses, strict=True):
        _OPTION_HANDLERS[name](draft, use)
    _check_urls(draft)
    for extra in draft.urls[1:]:
        draft.findings.append(notes.EXTRA_URL.at(
            f"another URL at {extra.span} ({_where_to(extra.text)}): curl would send a second request; "
            "only the first is imported", extra.span))
    _check_path_only(draft.urls[0])
    url = Located(_with_scheme(draft, _without_angle_brackets(draft, draft.urls[0])), draft.urls[0].span)
    _check_host(url)
    url, url_user, url_password = _split_credentials(draft, url)
    problem = url_problem(url.text)
    if problem is not None and not _template_authority(url.text):
        raise CurlUsageError(f"the URL at {url.span} is malformed ({problem}); curl rejects it", url.span)
    has_data = bool(draft.data) or not _DATA_OPTIONS.isdisjoint(option_names)
    if draft.form_at is not None:
        has_data = _form_body(draft, has_data, draft.form_at)
    method = _final_method(draft, has_data)

    username, password = url_user, url_password
    if draft.user is not None:
        user_text, has_password, password_text = draft.user.text.partition(":")
        username, password = Located(user_text, draft.user.span), Located(password_text, draft.user.span)
        if not has_password:
            draft.findings.append(notes.PASSWORD_PROMPT.at(
                f"-u '{user_text}' at {draft.user.span} has no password: curl would prompt for one; "
                "write -u user:password", draft.user.span, "/auth/password"))
    from_header = _basic_auth_from_header(draft)
    if from_header is not None:
        username, password = from_header
    _auth_methods(draft, username is not None)

    body_parts: tuple[BodyPart, ...] | None = tuple(draft.data) if has_data else None
    query_parts = [Located(join_body(draft.data), None)] if draft.get and draft.data else []
    query_parts += draft.url_queries
    endpoint = url.text
    for part in query_parts:
        if part.text:
            endpoint += ("&" if "?" in endpoint else "?") + part.text
    if draft.get:
        body_parts = None

    headers = [header for header, _ in draft.headers]
    if draft.implied:
        # a header the command sets itself replaces the one -A, -e or -b would add, wherever it stands
        custom_names = {header.name.lower() for header, custom in draft.headers if custom}
        headers = [header for header, custom in draft.headers if custom or header.name.lower() not in custom_names]
    names = {header.name.lower() for header in headers}
    if draft.json:
        for name, value in (("Content-Type", JSON_CONTENT_TYPE), ("Accept", JSON_CONTENT_TYPE)):
            if name.lower() not in names and name.lower() not in draft.removed:
                headers.append(Header(name, value, None))
    implied_content_type = None
    if body_parts is not None and "content-type" not in names | draft.removed and not draft.json:
        implied_content_type = FORM_CONTENT_TYPE
    if draft.without_effect:
        draft.findings.append(notes.OPTIONS_WITHOUT_EFFECT.at(
            f"accepted without effect on the request: {', '.join(dict.fromkeys(draft.without_effect))}"))
    return Request(
        method=method, url=Located(endpoint, url.span), username=username, password=password,
        headers=tuple(headers), body_parts=body_parts, implied_content_type=implied_content_type,
        unsupported=tuple(draft.unsupported), findings=tuple(draft.findings),
        malformed_headers=tuple(draft.malformed_headers),
    )

