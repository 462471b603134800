"""The local server: Starlette routes over ``curlport.web.api``, the page, and the guards of a local API.

A server on 127.0.0.1 is still reachable from every web page the user opens: a
page elsewhere can POST to it (CSRF) or rebind its own name to 127.0.0.1 (DNS
rebinding). So every request must name this server in ``Host``, a browser's
``Origin`` (sent with every POST) must be this server's, and a POST must be
``application/json``, which no cross-site form can send without a CORS preflight
that this server never grants. Listening on every interface (``--host 0.0.0.0``)
keeps the Host check: the names the user allows (``--allow-host``) and the loopback
ones, since a rebound name comes from the user's own browser whatever the bind.

A request must arrive whole within ``REQUEST_SECONDS`` (a client that sends half
its headers or half its body and waits holds a connection open otherwise), its JSON
may not carry NaN or Infinity, and a client that goes away mid-body is one log line.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import secrets
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import h11
import uvicorn
from jsonschema.exceptions import best_match
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from curlport.web import api, openapi

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: A curl command is at most 1 MiB of text; JSON escaping can grow it, not beyond this.
MAX_BODY_BYTES = 4 << 20
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
#: The time a request (its headers and its body) has to arrive, from its first byte or the previous answer.
REQUEST_SECONDS = 20.0
_SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                 b"frame-ancestors 'none'; form-action 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]
log = logging.getLogger("curlport.web")


class RequestError(Exception):
    """A request the API refuses: it becomes a JSON error with this status and code."""

    def __init__(self, status: int, code: str, message: str, **extra: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


class AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped: an answer may quote the user's lone surrogate, which UTF-8
    cannot encode and a ``\\ud800`` escape carries; and no NaN, which JSON has not."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


def error_response(status: int, code: str, message: str, **extra: str) -> JSONResponse:
    """Every API error in one shape (``{"error": {status, code, message}}``), whatever failed."""
    return AsciiJSONResponse({"error": {"status": status, "code": code, "message": message, **extra}},
                             status_code=status)


def is_loopback(host: str) -> bool:
    """Whether a host name or address reaches only this machine: ``serve`` warns when it listens on anything else."""
    name = host.strip("[]")
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """Whether a bind address listens on every interface (then no Host header can be checked against it)."""
    return host.strip("[]") in ("", "0.0.0.0", "::")


def allowed_hosts(bound: str, names: tuple[str, ...] = ()) -> frozenset[str]:
    """The names a request's Host may carry: the loopback names, the bound one (not a wildcard) and ``names``
    (``serve --allow-host``: how other machines name this one)."""
    allowed = LOOPBACK_NAMES | {name.strip("[]").lower() for name in names}
    return allowed if is_wildcard(bound) else allowed | {bound.strip("[]").lower()}


def _host_name(host: str) -> str:
    """``example.com:8765`` -> ``example.com``; ``[::1]:8765`` -> ``::1``."""
    return (urlsplit(f"//{host}").hostname or "").lower()


class Guard:
    """Host, Origin and content-type checks, and the security headers on every answer."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self._refusal(request)

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            await send(message)

        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if _host_name(host) not in self.hosts:
            return error_response(403, "forbidden-host", "this server answers only to its own address; "
                                  "a request for another host name may come from a page that rebound its name")
        origin = request.headers.get("origin")
        if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
            return error_response(403, "forbidden-origin", "requests from other web pages are refused")
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return error_response(403, "forbidden-origin", "requests from other web pages are refused")
        if request.method == "POST" and not request.headers.get("content-type", "").startswith("application/json"):
            return error_response(415, "unsupported-media-type", "POST a JSON body (Content-Type: application/json)")
        return None


async def _body(request: Request, limit: int) -> Any:
    """The request's JSON body, refused (413) as soon as it is over the limit, without reading the rest."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise RequestError(413, "too-large", f"the body is over the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(413, "too-large", f"the body is over the limit of {limit} bytes")
        chunks.append(chunk)
    try:
        return json.loads(b"".join(chunks), parse_constant=_not_finite)
    except (ValueError, RecursionError) as error:
        why = str(error) if isinstance(error, _NotFiniteError) else "the body is not JSON"
        raise RequestError(400, "bad-request", why) from None


class _NotFiniteError(ValueError):
    """NaN, Infinity or -Infinity in the request: Python's json reads them, JSON has no such numbers."""


def _not_finite(constant: str) -> Any:
    raise _NotFiniteError(f"the body has {constant}, which is not a JSON number")


Handler = Callable[..., dict[str, Any]]


def json_endpoint(handler: Handler, request_schema: str, limit: int,
                  context: Callable[[Request], dict[str, Any]] | None = None) \
        -> Callable[[Request], Awaitable[Response]]:
    """A POST route: body checked against its documented schema, the library call off the event loop,
    and any failure a JSON error -- a crash is a 500 with an id for the log, never a traceback.

    ``context``: keyword arguments the handler takes besides the body, from the request and the server's
    settings (``send_answer`` is told the address the request came in on: it never sends to its own server)."""
    async def endpoint(request: Request) -> Response:
        try:
            payload = await _body(request, limit)
            error = best_match(openapi.validator(request_schema).iter_errors(payload))
            if error is not None:
                pointer = "".join(f"/{part}" for part in error.absolute_path)
                raise RequestError(400, "bad-request", error.message, pointer=pointer)
            extra = context(request) if context is not None else {}
            return AsciiJSONResponse(await run_in_threadpool(lambda: handler(payload, **extra)))
        except ClientDisconnect:
            log.warning("%s: the client went away before its request was whole", request.url.path)
            return error_response(400, "disconnected", "the request ended before its body did")
        except RequestError as refused:
            return error_response(refused.status, refused.code, refused.message, **refused.extra)
        except api.ValueRequestError as refused:
            return error_response(400, "bad-request", refused.message, pointer=refused.pointer)
        except Exception:
            error_id = secrets.token_hex(6)
            log.exception("internal error %s on %s", error_id, request.url.path)
            return error_response(500, "internal-error", f"curlport failed on this request (error id {error_id}); "
                                  "the server's log has the details", id=error_id)
    return endpoint


def _get(answer: Callable[[], Any]) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        return AsciiJSONResponse(answer())
    return endpoint


async def _index(request: Request) -> Response:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    code = {404: "not-found", 405: "method-not-allowed"}.get(status, "http-error")
    return error_response(status, code, f"{request.method} {request.url.path}: "
                          f"{exc.detail if isinstance(exc, HTTPException) else 'failed'}")


def _server_of(request: Request) -> tuple[str, int] | None:
    """The address and port this request came in on."""
    server = request.scope.get("server")
    return (str(server[0]), int(server[1] or 0)) if server else None


def create_app(bound_host: str = "127.0.0.1", *, max_body: int = MAX_BODY_BYTES,
               host_names: tuple[str, ...] = (), allow_private: bool = False) -> ASGIApp:
    """The whole application; ``bound_host`` is the address it listens on (its Host check follows it, with
    ``host_names``); ``allow_private``: the page may send to loopback and private addresses
    (``serve --allow-private``), as a request's own ``allow_private`` asks."""
    routes = [
        Route("/", _index),
        Route("/api/import", json_endpoint(api.import_answer, "ImportRequest", max_body), methods=["POST"]),
        Route("/api/fix", json_endpoint(api.fix_answer, "FixRequest", max_body), methods=["POST"]),
        Route("/api/lint", json_endpoint(api.lint_answer, "LintRequest", max_body), methods=["POST"]),
        Route("/api/render", json_endpoint(api.render_answer, "RenderRequest", max_body), methods=["POST"]),
        Route("/api/send", json_endpoint(api.send_answer, "SendRequest", max_body, lambda request: {
            "server": _server_of(request), "allow_private": allow_private}), methods=["POST"]),
        Route("/api/rules", _get(api.rules_answer)),
        Route("/api/schema", _get(api.schema_answer)),
        Route("/api/openapi.json", _get(openapi.document)),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    return Guard(app, allowed_hosts(bound_host, host_names))


def bind(host: str, port: int) -> socket.socket:
    """A listening socket: bound before the server starts, so the URL (and a port 0's real port) is known."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # inherited by connections: no 40 ms ACK waits
    try:
        sock.bind((host.strip("[]"), port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    return sock


def url_of(sock: socket.socket) -> str:
    """The URL to open for a bound socket: a wildcard bind is opened on 127.0.0.1, an IPv6 host in brackets."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{'127.0.0.1' if is_wildcard(host) else shown}:{port}/"


class _WholeRequestsProtocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, with a deadline for each request to arrive whole.

    uvicorn times out an idle kept-alive connection, not one that sent part of a request
    and waits (its headers or its body): that connection would be held forever.
    """

    request_seconds = REQUEST_SECONDS
    answered = 0

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._expect_request()

    def on_response_complete(self) -> None:
        self.answered += 1
        super().on_response_complete()
        self._expect_request()

    def _expect_request(self) -> None:
        self.loop.call_later(self.request_seconds, self._unless_whole, self.answered)

    def _unless_whole(self, answered: int) -> None:
        """Close the connection when, with no answer since the deadline was set, its request is not whole."""
        partial = self.conn.their_state in (h11.IDLE, h11.SEND_BODY)
        if answered == self.answered and partial and not self.transport.is_closing():
            log.warning("closed a connection whose request did not arrive whole in %gs", self.request_seconds)
            self.transport.close()


def make_server(host: str, host_names: tuple[str, ...] = (), *, allow_private: bool = False,
                request_seconds: float = REQUEST_SECONDS) -> uvicorn.Server:
    """The uvicorn server for the app; its access log stays quiet (the page polls as the user types)."""
    protocol = type("WholeRequestsProtocol", (_WholeRequestsProtocol,), {"request_seconds": request_seconds})
    app = create_app(host, host_names=host_names, allow_private=allow_private)
    return uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                                         http=protocol))
