"""The local server: Starlette routes over ``curlport.web.api``, the page, and the guards of a local API.

A server on 127.0.0.1 is still reachable from every web page the user opens: a
page elsewhere can POST to it (CSRF) or rebind its own name to 127.0.0.1 (DNS
rebinding). So every request must name this server in ``Host``, a browser's
``Origin`` (sent with every POST) must be this server's, and a POST must be
``application/json``, which no cross-site form can send without a CORS preflight
that this server never grants.
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

import uvicorn
from jsonschema.exceptions import best_match
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from curlport.web import api, openapi

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: A curl command is at most 1 MiB of text; JSON escaping can grow it, not beyond this.
MAX_BODY_BYTES = 4 << 20
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
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


def error_response(status: int, code: str, message: str, **extra: str) -> JSONResponse:
    """Every API error in one shape (``{"error": {status, code, message}}``), whatever failed."""
    return JSONResponse({"error": {"status": status, "code": code, "message": message, **extra}}, status_code=status)


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


def allowed_hosts(bound: str) -> frozenset[str] | None:
    """The names a request's Host may carry: the loopback names and the bound one; None (any) on a wildcard."""
    if is_wildcard(bound):
        return None
    return LOOPBACK_NAMES | {bound.strip("[]").lower()}


def _host_name(host: str) -> str:
    """``example.com:8765`` -> ``example.com``; ``[::1]:8765`` -> ``::1``."""
    return (urlsplit(f"//{host}").hostname or "").lower()


class Guard:
    """Host, Origin and content-type checks, and the security headers on every answer."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None) -> None:
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
        if self.hosts is not None and _host_name(host) not in self.hosts:
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
        return json.loads(b"".join(chunks))
    except (ValueError, RecursionError):
        raise RequestError(400, "bad-request", "the body is not JSON") from None


Handler = Callable[[dict[str, Any]], dict[str, Any]]


def json_endpoint(handler: Handler, request_schema: str, limit: int) -> Callable[[Request], Awaitable[Response]]:
    """A POST route: body checked against its documented schema, the library call off the event loop,
    and any failure a JSON error -- a crash is a 500 with an id for the log, never a traceback."""
    async def endpoint(request: Request) -> Response:
        try:
            payload = await _body(request, limit)
            error = best_match(openapi.validator(request_schema).iter_errors(payload))
            if error is not None:
                pointer = "".join(f"/{part}" for part in error.absolute_path)
                raise RequestError(400, "bad-request", error.message, pointer=pointer)
            return JSONResponse(await run_in_threadpool(handler, payload))
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
        return JSONResponse(answer())
    return endpoint


async def _index(request: Request) -> Response:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    code = {404: "not-found", 405: "method-not-allowed"}.get(status, "http-error")
    return error_response(status, code, f"{request.method} {request.url.path}: "
                          f"{exc.detail if isinstance(exc, HTTPException) else 'failed'}")


def create_app(bound_host: str = "127.0.0.1", *, max_body: int = MAX_BODY_BYTES) -> ASGIApp:
    """The whole application; ``bound_host`` is the address it listens on (its Host check follows it)."""
    routes = [
        Route("/", _index),
        Route("/api/import", json_endpoint(api.import_answer, "ImportRequest", max_body), methods=["POST"]),
        Route("/api/fix", json_endpoint(api.fix_answer, "FixRequest", max_body), methods=["POST"]),
        Route("/api/lint", json_endpoint(api.lint_answer, "LintRequest", max_body), methods=["POST"]),
        Route("/api/render", json_endpoint(api.render_answer, "RenderRequest", max_body), methods=["POST"]),
        Route("/api/send", json_endpoint(api.send_answer, "SendRequest", max_body), methods=["POST"]),
        Route("/api/rules", _get(api.rules_answer)),
        Route("/api/schema", _get(api.schema_answer)),
        Route("/api/openapi.json", _get(openapi.document)),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    return Guard(app, allowed_hosts(bound_host))


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


def make_server(host: str) -> uvicorn.Server:
    """The uvicorn server for the app; its access log stays quiet (the page polls as the user types)."""
    return uvicorn.Server(uvicorn.Config(create_app(host), log_level="warning", access_log=False,
                                         server_header=False))
