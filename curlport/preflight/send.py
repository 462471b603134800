"""Send: one real request to the provider, with the standard library's ``http.client``.

Why not httpx: curlport sends one request per run, and ``http.client`` sends
exactly the bytes render printed (the request target as encoded, headers in
order, nothing added but Host and Content-Length), never follows a redirect on
its own, never reads proxy settings from the environment, and costs no
dependency (the CLI imports this module only when it sends). What a client library would add, done here in a
few lines: TLS verification (``ssl.create_default_context``), separate connect
and read timeouts and a deadline for the whole exchange, redirects only on request
and never carrying credentials to another origin (scheme, host and port, as curl
decides), and one clear line per network error, its URLs masked. Where it may
connect at all is ``curlport.preflight.destinations``.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from urllib.parse import SplitResult, urlencode, urljoin

from curlport.credentials import is_credential
from curlport.errors import CurlportError
from curlport.media_types import FORM_CONTENT_TYPE
from curlport.preflight.acceptance import REDIRECT_STATUSES, ProviderResponse
from curlport.preflight.destinations import Destinations, connect
from curlport.preflight.masking import mask_body, mask_url, one_line
from curlport.preflight.provider import BasicAuth, OAuth2Auth
from curlport.preflight.render import (
    USER_AGENT,
    HttpRequest,
    bearer_pending,
    request_target,
    wire_headers,
)
from curlport.redact import redact
from curlport.rules.cp211_header_line_break import header_refusal
from curlport.urls import split_url, url_problem

MAX_RESPONSE_BYTES = 1 << 20


class NetworkError(CurlportError):
    """DNS, refused connection, TLS, timeout, a broken response: the message was not sent (or not answered)."""


class TokenError(CurlportError):
    """The OAuth 2 token endpoint did not give a token: nothing was sent, the provider refused the credentials."""

    exit_code = 1


class HeaderRefusedError(CurlportError):
    """A header send would write is not a header (CP211): a token endpoint's token with a line break."""

    exit_code = 1


@dataclass(frozen=True)
class SendOptions:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    follow: bool = False
    insecure: bool = False
    max_redirects: int = 5
    #: The whole exchange (token, connections, redirects, headers and body) ends by then, however the server drips.
    total_timeout: float = 60.0
    destinations: Destinations = field(default_factory=Destinations)
    #: The config's credentials as they may be written (``Provider.secrets``): masked in every message.
    secrets: frozenset[str] = frozenset()

    def shown(self, url: str) -> str:
        """A URL as an error message shows it: its credentials masked."""
        return mask_url(url, self.secrets)


@dataclass(frozen=True)
class Exchange:
    """The final response, the URL that gave it, and the redirects followed to get there."""

    response: ProviderResponse
    url: str
    redirects: tuple[str, ...] = ()


def send(request: HttpRequest, options: SendOptions, deadline: float | None = None) -> Exchange:
    """Send the request; follow redirects only with ``options.follow``. Raises ``NetworkError``.

    ``deadline`` (a ``time.monotonic()`` value) is the end of the whole exchange; by default
    ``options.total_timeout`` from now.
    """
    deadline = time.monotonic() + options.total_timeout if deadline is None else deadline
    redirects: list[str] = []
    while True:
        response = _exchange(request, options, deadline)
        location = response.header("Location")
        if not options.follow or response.status not in REDIRECT_STATUSES or not location:
            return Exchange(response, request.url, tuple(redirects))
        if len(redirects) == options.max_redirects:
            raise NetworkError(f"{options.shown(request.url)}: more than {options.max_redirects} redirects")
        problem = url_problem(location)
        if problem is not None:
            raise NetworkError(f"{options.shown(request.url)}: redirected to {options.shown(location)!r}, which "
                               f"is not a URL ({problem})")
        request = redirected(request, response.status, urljoin(request.url, location), options)
        redirects.append(request.url)


def redirected(request: HttpRequest, status: int, url: str, options: SendOptions = SendOptions()) -> HttpRequest:
    """The request a redirect asks for: GET without a body after 303 (and 301/302 of a POST, as browsers and
    curl do); credentials dropped when the redirect leaves the origin (scheme, host and port, as curl) or leaves
    https; a body that carries credentials is never sent to another origin (307 and 308 keep the body)."""
    if split_url(url).scheme.lower() not in ("http", "https"):
        raise NetworkError(f"{options.shown(request.url)}: redirected to {options.shown(url)!r}, which is not an "
                           "http(s) URL")
    method, body, headers = request.method, request.body, request.headers
    if status == 303 or (status in (301, 302) and method == "POST"):
        method, body = "GET", None
        headers = tuple(h for h in headers if h[0].lower() != "content-type")
    if _origin(split_url(request.url)) != _origin(split_url(url)):
        if body is not None and mask_body(body, options.secrets) != body:
            raise NetworkError(f"{options.shown(request.url)}: a {status} redirect to another origin "
                               f"({options.shown(url)}) would resend the body, which carries credentials: not "
                               "followed")
        headers = tuple(h for h in headers if not is_credential(*h))
    return HttpRequest(method, url, headers, body)


def _origin(parts: SplitResult) -> tuple[str, str, int]:
    """Scheme, host and port (the scheme's default when none is written): what curl compares before it sends
    credentials on."""
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), _port(parts)


def _port(parts: SplitResult) -> int:
    return parts.port or (443 if parts.scheme.lower() == "https" else 80)


def fetch_token(auth: OAuth2Auth, options: SendOptions, deadline: float | None = None) -> str:
    """An access token by the client-credentials grant (RFC 6749 §4.4), client id and secret in the form body."""
    form = [("grant_type", "client_credentials"), ("client_id", auth.client_id),
            ("client_secret", auth.client_secret), *((kv.key, kv.value) for kv in auth.extra)]
    request = HttpRequest("POST", auth.token_url, (("Content-Type", FORM_CONTENT_TYPE),
                                                   ("Accept", "application/json"), ("User-Agent", USER_AGENT)),
                          urlencode(form))
    response = send(request, replace(options, follow=False), deadline).response
    try:
        token = json.loads(response.text).get("access_token") if 200 <= response.status < 300 else None
    except (ValueError, AttributeError, RecursionError):
        token = None
    if not isinstance(token, str) or not token:
        secrets = options.secrets | {auth.client_secret}
        raise TokenError(f"{mask_url(auth.token_url, secrets)}: no access_token (HTTP {response.status}): "
                         f"{one_line(response.text, secrets)}")
    return token


def send_with_auth(request: HttpRequest, auth: BasicAuth | OAuth2Auth | None, options: SendOptions) -> Exchange:
    """The request sent, its OAuth 2.0 token fetched first when the config has one: one deadline for both."""
    deadline = time.monotonic() + options.total_timeout
    if isinstance(auth, OAuth2Auth):
        request = with_token(request, auth, fetch_token(auth, options, deadline))
    return send(request, options, deadline)


def with_token(request: HttpRequest, auth: OAuth2Auth, token: str) -> HttpRequest:
    """The request with the OAuth 2.0 stand-in header replaced by the token send fetched."""
    pending = bearer_pending(auth.token_url)
    headers = tuple((name, f"Bearer {token}" if value == pending else value) for name, value in request.headers)
    return replace(request, headers=headers)


def _tls_context(insecure: bool) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _exchange(request: HttpRequest, options: SendOptions, deadline: float) -> ProviderResponse:
    for name, value in request.headers:
        refused = header_refusal(name, value)
        if refused is not None:
            raise HeaderRefusedError(f"CP211: the header {redact(name, options.secrets)!r} {refused}: not sent")
    parts = split_url(request.url)
    host = parts.hostname or ""
    https = parts.scheme.lower() == "https"
    port = _port(parts)
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    connection = http.client.HTTPConnection(host, port)  # on the socket connected (and wrapped) below
    phase = f"connecting to {where}"
    try:
        sock = connect(host, port, min(options.connect_timeout, _left(deadline)), options.destinations)
        with _cut_at(deadline, sock) as expired:
            phase = f"waiting for {where}"
            sock.settimeout(options.read_timeout)
            try:
                connection.sock = (_tls_context(options.insecure).wrap_socket(sock, server_hostname=host) if https
                                   else sock)
                connection.putrequest(request.method, request_target(request.url), skip_host=True,
                                      skip_accept_encoding=True)
                for name, value in wire_headers(request):
                    connection.putheader(name, value.encode("utf-8"))
                connection.endheaders(request.body.encode("utf-8") if request.body is not None else None)
                answer = connection.getresponse()
                body = answer.read(MAX_RESPONSE_BYTES)
            except (OSError, http.client.HTTPException):
                if expired.is_set():
                    raise TimeoutError from None
                raise
            if expired.is_set():
                raise TimeoutError
        return ProviderResponse(answer.status, answer.reason, tuple(answer.getheaders()), body)
    except socket.gaierror as error:
        raise NetworkError(f"cannot resolve host {host}: {error.strerror or error}") from None
    except ConnectionRefusedError:
        raise NetworkError(f"{where}: connection refused") from None
    except ssl.SSLCertVerificationError as error:
        raise NetworkError(f"{where}: TLS certificate not trusted ({error.verify_message}); --insecure skips "
                           "the check, for test servers only") from None
    except ssl.SSLError as error:
        raise NetworkError(f"{where}: TLS error: {error.reason or error}") from None
    except TimeoutError:
        if time.monotonic() >= deadline - 0.001:
            raise NetworkError(f"timed out: the whole exchange took over {options.total_timeout:g}s "
                               f"({phase})") from None
        timeout = options.connect_timeout if phase.startswith("connecting") else options.read_timeout
        raise NetworkError(f"timed out after {timeout:g}s {phase}") from None
    except http.client.HTTPException as error:
        raise NetworkError(f"{where}: not a valid HTTP response ({type(error).__name__})") from None
    except OSError as error:
        raise NetworkError(f"{phase}: {error.strerror or error}") from None
    finally:
        connection.close()


def _left(deadline: float) -> float:
    """The time left before the deadline; a deadline already past is a timeout."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


@contextmanager
def _cut_at(deadline: float, sock: socket.socket) -> Iterator[threading.Event]:
    """At the deadline, shut the socket down: a read blocked on a server that drips a byte at a time ends.

    Per-read timeouts cannot do it (each byte resets them). The event says the deadline cut it.
    """
    expired = threading.Event()

    def cut() -> None:
        expired.set()
        with suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(deadline - time.monotonic(), 0.0), cut)
    timer.daemon = True
    timer.start()
    try:
        yield expired
    finally:
        timer.cancel()
        sock.close()
