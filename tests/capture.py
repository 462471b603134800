"""A capture proxy on 127.0.0.1: what the real curl binary sends, byte for byte.

curl talks to an HTTP proxy (``-x``) with the absolute URL in the request line,
so one local server sees the method, URL, headers and body of a request to any
host, and nothing leaves the machine.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from provider_server import serve_in_thread


@dataclass
class CapturedRequest:
    method: str
    url: str
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class CaptureProxy:
    server: ThreadingHTTPServer
    requests: list[CapturedRequest] = field(default_factory=list)

    @property
    def address(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def run_curl(self, argv: list[str], timeout: float = 10) -> CapturedRequest:
        """Run curl with these arguments through the proxy; return the first request it sent."""
        self.requests.clear()
        subprocess.run(
            ["curl", "--silent", "--globoff", "--max-time", "5", "--proxy", self.address, *argv],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            timeout=timeout, check=False,
        )
        if not self.requests:
            raise AssertionError(f"curl sent no request for {argv!r}")
        return self.requests[0]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_capture_proxy() -> CaptureProxy:
    captured: list[CapturedRequest] = []

    class Handler(BaseHTTPRequestHandler):
        def _capture(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            captured.append(CapturedRequest(self.command, self.path, list(self.headers.items()), body))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _capture

        def log_message(self, format: str, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    serve_in_thread(server)
    return CaptureProxy(server, captured)
