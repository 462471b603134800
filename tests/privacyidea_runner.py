"""Run by a Python that has privacyIDEA installed (not curlport's): each case's options and headers through
privacyIDEA's own HttpSMSProvider, its requests captured on 127.0.0.1 (the gateway's HTTP_PROXY option).

Reads the cases as JSON on stdin, writes what was sent (method, URL, headers, body, or the error) as JSON on stdout.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from privacyidea.lib.smsprovider.HttpSMSProvider import HttpSMSProvider

captured: list[list[Any]] = []


class _Handler(BaseHTTPRequestHandler):
    def _capture(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else None
        captured.append([self.command, self.path, list(self.headers.items()), body])
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"OK")

    do_GET = do_POST = _capture

    def log_message(self, *args: object) -> None:
        pass


class _Gateway:
    """What HttpSMSProvider reads of an SMS gateway: its options and headers."""

    def __init__(self, options: list[list[str]], headers: list[list[str]], proxy: str) -> None:
        self.option_dict = {**dict(options), "HTTP_PROXY": proxy}
        self.header_dict = dict(headers)


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy = f"http://127.0.0.1:{server.server_address[1]}"
    sent = []
    for case in json.load(sys.stdin):
        captured.clear()
        try:
            HttpSMSProvider(smsgateway=_Gateway(case["options"], case["headers"], proxy)).submit_message(
                case["to"], case["body"])
        except Exception as error:  # reported to the test, which fails on it
            sent.append({"error": repr(error)})
            continue
        sent.append({"sent": captured[0] if captured else None})
    server.shutdown()
    json.dump(sent, sys.stdout)


if __name__ == "__main__":
    main()
