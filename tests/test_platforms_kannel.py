"""Debian's real Kannel (bearerbox and smsbox) sends what the Kannel simulator says, for every fixture it carries.

One bearerbox is started with one exported ``smsc`` group per fixture (each
endpoint moved to a capture server on 127.0.0.1, under a path of its own), and
each message is submitted through smsbox's sendsms interface to that group.
What the capture server receives must equal the simulated request in every
aspect ``differences`` compares. Kannel comes from ``apt-get install kannel``
(.ci/run installs it); without it the test skips, unless CURLPORT_REQUIRE_KANNEL
is set.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from provider_server import serve_in_thread
from test_platforms import NUMBER, PROOF, PROVIDERS

from curlport.preflight.platforms import kannel
from curlport.preflight.platforms.common import PlatformRefusedError, differences
from curlport.preflight.provider import Provider, read_provider
from curlport.preflight.render import HttpRequest, Values

BEARERBOX, SMSBOX = Path("/usr/sbin/bearerbox"), Path("/usr/sbin/smsbox")
if not BEARERBOX.exists() and not os.environ.get("CURLPORT_REQUIRE_KANNEL"):
    pytest.skip("needs Debian's kannel (apt-get install kannel)", allow_module_level=True)

#: Messages of at most one SMS part: the GSM alphabet with its escapes, and characters Kannel replaces with '?'.
MESSAGES = (PROOF.body, "Your code is 123456", "a&b=c+d%20e/f?g#h ~^{}[]|€\\ ñ Ç ç 中 łódź")
DEADLINE = 30.0
#: Shapes no fixture has: an encoded slash in the path, escapes and a plus in a fixed query, the message in the
#: path, Basic auth with non-ASCII text (user-info written as it is).
UNTUNED = [read_provider({"name": "untuned", "method": "GET", "endpoint": endpoint, "auth": auth, "headers": [],
                          "parameters": None}) for endpoint, auth in (
    ("https://sms.example.com/v1/a%2Fb/send?to=$$To&text=$$Body", None),
    ("https://sms.example.com/send?from=A%26B+C%25&sig=x%2By&to=$$To&text=$$Body", None),
    ("https://sms.example.com/send/$$To/$$Body", None),
    ("https://sms.example.com/send?to=$$To&text=$$Body", {"type": "basic", "username": "usér", "password": "pässwörd"}),
)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Capture(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.captured: list[HttpRequest] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(handler) -> None:
                self.captured.append(HttpRequest("GET", f"http://{handler.headers['Host']}{handler.path}",
                                                 tuple(handler.headers.items()), None))
                handler.send_response(200)
                handler.send_header("Content-Length", "2")
                handler.end_headers()
                handler.wfile.write(b"OK")

            def log_message(handler, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture(scope="module")
def capture() -> Iterator[_Capture]:
    server = _Capture()
    serve_in_thread(server)
    yield server
    server.shutdown()
    server.server_close()


def _moved(provider: Provider, port: int, index: int) -> Provider:
    """The provider with its endpoint on the capture server, under /<index>, so each request says whose it is."""
    parts = urlsplit(provider.endpoint)
    return provider._replace(endpoint=f"http://127.0.0.1:{port}/{index}{parts.path}"
                             + (f"?{parts.query}" if parts.query else ""), name=f"fixture-{index}")


def _config(groups: list[kannel.SmscGroup], admin: int, box: int, sendsms: int, logs: Path) -> str:
    core = [f"group = core\nadmin-port = {admin}\nadmin-password = unused\nadmin-interface = 127.0.0.1\n"
            f"smsbox-port = {box}\nsmsbox-interface = 127.0.0.1\nbox-allow-ip = 127.0.0.1\n"
            f'log-file = "{logs}/bearerbox.log"\nlog-level = 1\n']
    smscs = [kannel.write(group) + f"allowed-smsc-id = {group.smsc_id}\n" for group in groups]
    box_groups = [f"group = smsbox\nbearerbox-host = 127.0.0.1\nbearerbox-port = {box}\nsendsms-port = {sendsms}\n"
                  f'sendsms-interface = 127.0.0.1\nlog-file = "{logs}/smsbox.log"\nlog-level = 1\n',
                  "group = sendsms-user\nusername = tester\npassword = testpw\ndefault-sender = 12345\n"
                  "max-messages = 1\n"]
    return "\n".join(core + smscs + box_groups)


def _wait_for_port(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"Kannel did not open port {port}")


def _http_get(port: int, target: str) -> bytes:
    """An HTTP/1.0 GET on 127.0.0.1: the whole answer, read until the server closes."""
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.0\r\n\r\n".encode("ascii"))
        while chunk := connection.recv(4096):
            answer += chunk
    return answer


def test_kannel_sends_what_the_simulator_says_for_every_fixture(capture: _Capture, tmp_path: Path) -> None:
    port = capture.server_address[1]
    cases: list[tuple[kannel.SmscGroup, Values]] = []
    for index, provider in enumerate([*PROVIDERS.values(), *UNTUNED]):
        try:
            group = kannel.convert(_moved(provider, int(port), index), NUMBER).settings
        except PlatformRefusedError:
            continue
        cases += [(group, Values(NUMBER, message)) for message in MESSAGES]
    assert len(cases) >= 40 * len(MESSAGES)
    admin, box, sendsms = _free_port(), _free_port(), _free_port()
    config = tmp_path / "kannel.conf"
    config.write_text(_config(list(dict.fromkeys(group for group, _ in cases)), admin, box, sendsms, tmp_path),
                      encoding="utf-8")
    boxes = [subprocess.Popen([str(BEARERBOX), str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + DEADLINE
        _wait_for_port(box, deadline)
        boxes.append(subprocess.Popen([str(SMSBOX), str(config)], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL))
        _wait_for_port(sendsms, deadline)
        expected: dict[str, list[HttpRequest]] = {}
        for group, values in cases:
            query = (f"username=tester&password=testpw&charset=UTF-8&smsc={group.smsc_id}&to={quote(values.to)}"
                     f"&text={quote(values.body)}")
            assert b"Accepted" in _http_get(sendsms, f"/cgi-bin/sendsms?{query}")
            simulated = kannel.simulate(group, values)
            expected.setdefault(urlsplit(simulated.url).path, []).append(simulated)
        while len(capture.captured) < len(cases) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        for process in reversed(boxes):
            process.terminate()
        for process in reversed(boxes):
            process.wait(timeout=10)
    assert len(capture.captured) == len(cases)
    for sent in capture.captured:
        candidates = expected[urlsplit(sent.url).path]
        match = next((c for c in candidates if not differences(c, sent)), None)
        assert match is not None, (sent, candidates)
        candidates.remove(match)
