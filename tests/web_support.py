"""What the web tests share: fixture text as the CLI reads it, sample values, a provider played on 127.0.0.1."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from typing import Any

#: A sample number and a message with what breaks naive encodings: & = % " and Devanagari.
VALUES = {"to": "+15551234567", "body": "Hi & bye = 100% \"ok\" \u0928\u092e\u0938\u094d\u0924\u0947"}


def text_of(path: Path) -> str:
    """The file's text as the CLI reads it (CRLF kept)."""
    return path.read_bytes().decode("utf-8")


class Provider:
    """A provider on 127.0.0.1 that records what it receives and accepts every message with an id."""

    def __init__(self) -> None:
        received: list[tuple[str, str, bytes]] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                received.append((self.command, self.path, self.rfile.read(length)))
                body = b'{"status": "success", "message_id": "m-42"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.received = received
        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
