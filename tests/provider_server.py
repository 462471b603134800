"""Local servers on 127.0.0.1 that play SMS providers: what they received, and the answer each test scripts.

A test gives a function from the received request to the response; the server
records every request byte for byte (the request target as sent, the headers,
the body) so that tests decode it themselves, independently of curlport.
"""

from __future__ import annotations

import datetime
import ipaddress
import socketserver
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass(frozen=True)
class Received:
    method: str
    target: str
    #: Header values as the bytes sent, decoded as UTF-8 (http.server reads them as Latin-1).
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


Script = Callable[[Received], Answer]

#: How long a test server's loop waits before it looks again whether ``shutdown()`` was asked. socketserver's default,
#: half a second, is half a second of nothing at every close: hundreds of closes a run.
POLL_SECONDS = 0.02


def serve_in_thread(server: socketserver.BaseServer) -> None:
    """Serve in a daemon thread; ``server.shutdown()`` then returns within ``POLL_SECONDS``."""
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": POLL_SECONDS}, daemon=True).start()


@dataclass
class ProviderServer:
    server: ThreadingHTTPServer
    scheme: str
    received: list[Received] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"


def _handler(script: Script, received: list[Received]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = [(k, v.encode("latin-1").decode("utf-8", errors="replace")) for k, v in self.headers.items()]
            request = Received(self.command, self.path, headers, body)
            received.append(request)
            answer = script(request)
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(answer.body)

        do_GET = do_POST = _serve

        def log_message(self, format: str, *args: object) -> None:
            return None

    return Handler


@contextmanager
def provider_server(script: Script, tls: tuple[Path, Path] | None = None) -> Iterator[ProviderServer]:
    """A server on 127.0.0.1 (a free port) answering by ``script``; with ``tls`` (cert, key) it speaks https."""
    received: list[Received] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script, received))
    server.daemon_threads = True
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    serve_in_thread(server)
    try:
        yield ProviderServer(server, "https" if tls else "http", received)
    finally:
        server.shutdown()
        server.server_close()


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key (the cryptography package, a test extra)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path
