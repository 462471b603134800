"""curl's options, as data: what each is called, whether it takes an argument, what it does.

The names, short forms and argument-taking come from ``curl --help all`` of curl
7.88 (250 options) plus the few later ones provider docs already use, so an option
curlport gives no meaning to still consumes its argument and never swallows the URL.
Only the options that change the request get a role; the rest have no effect on
what curlport imports and are listed in one info message.
"""

from __future__ import annotations

from enum import Enum
from typing import Final, NamedTuple


class Role(Enum):
    """What an option does to the request curl sends."""

    NO_EFFECT = "no-effect"
    URL = "url"
    METHOD = "method"
    DATA = "data"  # -d, --data-ascii: @file is read with CR and LF stripped
    DATA_BINARY = "data-binary"  # @file read verbatim
    DATA_RAW = "data-raw"  # no @file
    DATA_URLENCODE = "data-urlencode"
    JSON = "json"
    GET = "get"
    URL_QUERY = "url-query"
    HEAD = "head"
    UPLOAD = "upload"
    USER = "user"
    BASIC = "basic"
    UNSUPPORTED_AUTH = "unsupported-auth"
    HEADER = "header"
    USER_AGENT = "user-agent"
    REFERER = "referer"
    COOKIE = "cookie"
    FORM = "form"
    FORM_STRING = "form-string"
    PROTO_DEFAULT = "proto-default"
    CONFIG_FILE = "config-file"
    NETRC = "netrc"
    NEXT = "next"
    REQUEST_TARGET = "request-target"


class CurlOption(NamedTuple):
    """One of curl's options: its names, whether it takes an argument, and what it does to the request.

    A named tuple, not a frozen dataclass (the table makes hundreds at every start): named tuples are built several
    times faster.
    """

    name: str  # the long name, without the leading --
    short: str | None
    takes_argument: bool
    role: Role

    @property
    def display(self) -> str:
        return f"-{self.short}/--{self.name}" if self.short else f"--{self.name}"


_TAKING_ARGUMENT: Final = """
    abstract-unix-socket alt-svc aws-sigv4 cacert capath cert cert-type ciphers config
    connect-timeout connect-to continue-at cookie cookie-jar create-file-mode crlfile curves data
    data-ascii data-binary data-raw data-urlencode delegation dns-interface dns-ipv4-addr
    dns-ipv6-addr dns-servers doh-url dump-header egd-file engine etag-compare etag-save
    expect100-timeout form form-string ftp-account ftp-alternative-to-user ftp-method ftp-port
    ftp-ssl-ccc-mode happy-eyeballs-timeout-ms header hostpubmd5 hostpubsha256 hsts interface json
    keepalive-time key key-type krb libcurl limit-rate local-port login-options mail-auth mail-from
    mail-rcpt max-filesize max-redirs max-time netrc-file noproxy oauth2-bearer output output-dir
    parallel-max pass pinnedpubkey preproxy proto proto-default proto-redir proxy proxy-cacert
    proxy-capath proxy-cert proxy-cert-type proxy-ciphers proxy-crlfile proxy-header proxy-key
    proxy-key-type proxy-pass proxy-pinnedpubkey proxy-service-name proxy-tls13-ciphers
    proxy-tlsauthtype proxy-tlspassword proxy-tlsuser proxy-user proxy1.0 pubkey quote random-file
    range rate referer request request-target resolve retry retry-delay retry-max-time sasl-authzid
    service-name socks4 socks4a socks5 socks5-gssapi-service socks5-hostname speed-limit speed-time
    stderr telnet-option tftp-blksize time-cond tls-max tls13-ciphers tlsauthtype tlspassword
    tlsuser trace trace-ascii unix-socket upload-file url url-query user user-agent write-out
"""
_BOOLEAN: Final = """
    anyauth append basic cert-status compressed compressed-ssh create-dirs crlf digest disable
    disable-eprt disable-epsv disallow-username-in-url doh-cert-status doh-insecure fail fail-early
    fail-with-body false-start form-escape ftp-create-dirs ftp-pasv ftp-pret ftp-skip-pasv-ip
    ftp-ssl-ccc ftp-ssl-control get globoff haproxy-protocol head help http0.9 http1.0 http1.1 http2
    http2-prior-knowledge http3 http3-only ignore-content-length include insecure ipv4 ipv6
    junk-session-cookies list-only location location-trusted mail-rcpt-allowfails manual metalink
    negotiate netrc netrc-optional next no-alpn no-buffer no-clobber no-keepalive no-npn
    no-progress-meter no-sessionid ntlm ntlm-wb parallel parallel-immediate path-as-is post301
    post302 post303 progress-bar proxy-anyauth proxy-basic proxy-digest proxy-insecure
    proxy-negotiate proxy-ntlm proxy-ssl-allow-beast proxy-ssl-auto-client-cert proxy-tlsv1
    proxytunnel raw remote-header-name remote-name remote-name-all remote-time remove-on-error
    retry-all-errors retry-connrefused sasl-ir show-error silent socks5-basic socks5-gssapi
    socks5-gssapi-nec ssl ssl-allow-beast ssl-auto-client-cert ssl-no-revoke ssl-reqd
    ssl-revoke-best-effort sslv2 sslv3 styled-output suppress-connect-headers tcp-fastopen
    tcp-nodelay tftp-no-options tlsv1 tlsv1.0 tlsv1.1 tlsv1.2 tlsv1.3 tr-encoding trace-time
    use-ascii verbose version xattr
"""
_SHORT: Final = {
    "a": "append", "E": "cert", "K": "config", "C": "continue-at", "b": "cookie", "c": "cookie-jar",
    "d": "data", "q": "disable", "D": "dump-header", "f": "fail", "F": "form", "P": "ftp-port",
    "G": "get", "g": "globoff", "I": "head", "H": "header", "h": "help", "0": "http1.0",
    "i": "include", "k": "insecure", "4": "ipv4", "6": "ipv6", "j": "junk-session-cookies", "l": "list-only",
    "L": "location", "M": "manual", "m": "max-time", "n": "netrc", ":": "next", "N": "no-buffer",
    "o": "output", "Z": "parallel", "#": "progress-bar", "x": "proxy", "U": "proxy-user", "p": "proxytunnel",
    "Q": "quote", "r": "range", "e": "referer", "J": "remote-header-name", "O": "remote-name", "R": "remote-time",
    "X": "request", "S": "show-error", "s": "silent", "Y": "speed-limit", "y": "speed-time", "2": "sslv2",
    "3": "sslv3", "t": "telnet-option", "z": "time-cond", "1": "tlsv1", "T": "upload-file", "B": "use-ascii",
    "u": "user", "A": "user-agent", "v": "verbose", "V": "version", "w": "write-out",
}

# Options newer than curl 7.88 that provider docs already use.
_TAKING_ARGUMENT_LATER: Final = "variable ip-tos vlan-priority ech trace-config upload-flags knownhosts sigalgs"
_BOOLEAN_LATER: Final = "ca-native proxy-ca-native mptcp skip-existing follow out-null dump-ca-embed"

_ROLES: Final = {
    "url": Role.URL, "request": Role.METHOD,
    "data": Role.DATA, "data-ascii": Role.DATA, "data-binary": Role.DATA_BINARY,
    "data-raw": Role.DATA_RAW, "data-urlencode": Role.DATA_URLENCODE, "json": Role.JSON,
    "get": Role.GET, "url-query": Role.URL_QUERY, "head": Role.HEAD, "upload-file": Role.UPLOAD,
    "user": Role.USER, "basic": Role.BASIC,
    "digest": Role.UNSUPPORTED_AUTH, "ntlm": Role.UNSUPPORTED_AUTH, "ntlm-wb": Role.UNSUPPORTED_AUTH,
    "negotiate": Role.UNSUPPORTED_AUTH, "anyauth": Role.UNSUPPORTED_AUTH,
    "oauth2-bearer": Role.UNSUPPORTED_AUTH, "aws-sigv4": Role.UNSUPPORTED_AUTH,
    "header": Role.HEADER, "user-agent": Role.USER_AGENT, "referer": Role.REFERER, "cookie": Role.COOKIE,
    "form": Role.FORM, "form-string": Role.FORM_STRING, "proto-default": Role.PROTO_DEFAULT,
    "config": Role.CONFIG_FILE, "netrc": Role.NETRC, "netrc-file": Role.NETRC, "netrc-optional": Role.NETRC,
    "next": Role.NEXT, "request-target": Role.REQUEST_TARGET, "variable": Role.CONFIG_FILE,
}


def _build_table() -> dict[str, CurlOption]:
    long_to_short = {name: short for short, name in _SHORT.items()}
    table = {}
    for names, takes_argument in (
        (_TAKING_ARGUMENT + _TAKING_ARGUMENT_LATER, True),
        (_BOOLEAN + _BOOLEAN_LATER, False),
    ):
        for name in names.split():
            role = _ROLES.get(name, Role.NO_EFFECT)
            table[name] = CurlOption(name, long_to_short.get(name), takes_argument, role)
    return table


LONG_OPTIONS: Final = _build_table()
SHORT_OPTIONS: Final = {option.short: option for option in LONG_OPTIONS.values() if option.short}
