"""Send: one real request to the provider, with the standard library's ``http.client``.

Why not httpx: curlport sends one request per run, and ``http.client`` sends
exactly the bytes render printed (the request target as encoded, headers in
order, nothing added but Host and Content-Length), never follows a redirect on
its own, never reads proxy settings from the environment, and costs no
dependency (the CLI imports this module only when it sends). What a client library would add, done here in a
few lines: TLS verification (``ssl.create_default_context``), separate connect
and read timeouts, redirects only on request and never carrying credentials to
another host, and one clear line per network error.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
from dataclasses import dataclass, replace
from urllib.parse import urlencode, urljoin

from curlport.credentials import is_credential_name
from curlport.errors import CurlportError
from curlport.media_types import FORM_CONTENT_TYPE
from curlport.preflight.acceptance import REDIRECT_STATUSES, ProviderResponse
from curlport.preflight.masking import mask_body
from curlport.preflight.provider import OAuth2Auth
from curlport.preflight.render import USER_AGENT, HttpRequest, bearer_pending, request_target, wire_headers
from curlport.urls import split_url, url_problem

MAX_RESPONSE_BYTES = 1 << 20


class NetworkError(CurlportError):
    """DNS, refused connection, TLS, timeout, a broken response: the message was not sent (or not answered)."""


class TokenError(CurlportError):
    """The OAuth 2 token endpoint did not give a token: nothing was sent, the provider refused the credentials."""

    exit_code = 1


@dataclass(frozen=True)
class SendOptions:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    follow: bool = False
    insecure: bool = False
    max_redirects: int = 5


@dataclass(frozen=True)
class Exchange:
    """The final response, the URL that gave it, and the redirects followed to get there."""

    response: ProviderResponse
    url: str
    redirects: tuple[str, ...] = ()


def send(request: HttpRequest, options: SendOptions) -> Exchange:
    """Send the request; follow redirects only with ``options.follow``. Raises ``NetworkError``."""
    redirects: list[str] = []
    while True:
        response = _exchange(request, options)
        location = response.header("Location")
        if not options.follow or response.status not in REDIRECT_STATUSES or not location:
            return Exchange(response, request.url, tuple(redirects))
        if len(redirects) == options.max_redirects:
            raise NetworkError(f"{request.url}: more than {options.max_redirects} redirects")
        problem = url_problem(location)
        if problem is not None:
            raise NetworkError(f"{request.url}: redirected to {location!r}, which is not a URL ({problem})")
        request = redirected(request, response.status, urljoin(request.url, location))
        redirects.append(request.url)


def redirected(request: HttpRequest, status: int, url: str) -> HttpRequest:
    """The request a redirect asks for: GET without a body after 303 (and 301/302 of a POST, as browsers and
    curl do); credentials dropped when the redirect leaves the host or leaves https."""
    if split_url(url).scheme.lower() not in ("http", "https"):
        raise NetworkError(f"{request.url}: redirected to {url!r}, which is not an http(s) URL")
    method, body, headers = request.method, request.body, request.headers
    if status == 303 or (status in (301, 302) and method == "POST"):
        method, body = "GET", None
        headers = tuple(h for h in headers if h[0].lower() != "content-type")
    old, new = split_url(request.url), split_url(url)
    if old.hostname != new.hostname or (old.scheme.lower() == "https" and new.scheme.lower() != "https"):
        headers = tuple(h for h in headers if not is_credential_name(h[0]))
    return HttpRequest(method, url, headers, body)


def fetch_token(auth: OAuth2Auth, options: SendOptions) -> str:
    """An access token by the client-credentials grant (RFC 6749 §4.4), client id and secret in the form body."""
    form = [("grant_type", "client_credentials"), ("client_id", auth.client_id),
            ("client_secret", auth.client_secret), *((kv.key, kv.value) for kv in auth.extra)]
    request = HttpRequest("POST", auth.token_url, (("Content-Type", FORM_CONTENT_TYPE),
                                                   ("Accept", "application/json"), ("User-Agent", USER_AGENT)),
                          urlencode(form))
    response = send(request, replace(options, follow=False)).response
    try:
        token = json.loads(response.text).get("access_token") if 200 <= response.status < 300 else None
    except (ValueError, AttributeError, RecursionError):
        token = None
    if not isinstance(token, str) or not token:
        raise TokenError(f"{auth.token_url}: no access_token (HTTP {response.status}): "
                         f"{mask_body(response.text.strip(), frozenset({auth.client_secret}))[:200]}")
    return token


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


def _exchange(request: HttpRequest, options: SendOptions) -> ProviderResponse:
    parts = split_url(request.url)
    host = parts.hostname or ""
    https = parts.scheme.lower() == "https"
    where = f"{host}:{parts.port or (443 if https else 80)}"
    connection = (http.client.HTTPSConnection(host, parts.port, timeout=options.connect_timeout,
                                              context=_tls_context(options.insecure)) if https
                  else http.client.HTTPConnection(host, parts.port, timeout=options.connect_timeout))
    phase = f"connecting to {where}"
    try:
        connection.connect()
        phase = f"waiting for {where}"
        if connection.sock is not None:
            connection.sock.settimeout(options.read_timeout)
        connection.putrequest(request.method, request_target(request.url), skip_host=True,
                              skip_accept_encoding=True)
        for name, value in wire_headers(request):
            connection.putheader(name, value.encode("utf-8"))
        connection.endheaders(request.body.encode("utf-8") if request.body is not None else None)
        answer = connection.getresponse()
        body = answer.read(MAX_RESPONSE_BYTES)
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
        timeout = options.connect_timeout if phase.startswith("connecting") else options.read_timeout
        raise NetworkError(f"timed out after {timeout:g}s {phase}") from None
    except http.client.HTTPException as error:
        raise NetworkError(f"{where}: not a valid HTTP response ({type(error).__name__})") from None
    except OSError as error:
        raise NetworkError(f"{phase}: {error.strerror or error}") from None
    finally:
        connection.close()
