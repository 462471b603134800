"""What the web tests share: the server on 127.0.0.1, fixture text as the CLI reads it, the CLI's answers, sample
values, a provider played on 127.0.0.1. The Chromium (Playwright) and Firefox (WebDriver BiDi) tests both use it."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from provider_server import serve_in_thread

from curlport.cli import main
from curlport.config.form_view import FormRow, Pair, Value, form_text
from curlport.source import Source
from curlport.web.server import bind, make_server, url_of

#: A sample number and a message with what breaks naive encodings: & = % " and Devanagari.
VALUES = {"to": "+15551234567", "body": "Hi & bye = 100% \"ok\" \u0928\u092e\u0938\u094d\u0924\u0947"}

#: A command with a password, a bearer token and an API key: the page masks all three until "Show secrets".
SECRET_COMMAND = "curl -u acme:pa55w0rd-xyz https://api.example.com/sms -H 'Authorization: Bearer t0ken-abcdef' " \
                 "-d to=$$To -d text=$$Body -d apikey=k3y-123456"
SECRETS = ("pa55w0rd-xyz", "t0ken-abcdef", "k3y-123456")

#: Long unbroken values everywhere the page shows them: a bearer token in a header, long form values (template-looking,
#: so their findings quote them), lines that wrap in the input and an input taller than its box.
LONG_COMMAND = "curl https://api.example.com/sms \\\n  -H 'Authorization: Bearer eyJ" + "a" * 300 + "' \\\n" + "".join(
    f"  -d field{index}={'x' * 90 * index} \\\n" for index in range(1, 7)) + "  -d to=$$To -d text=$$Body\n"

#: How the page lays out what it shows (run after selecting the last finding): `LAID_OUT` when long values wrap.
LAYOUT = """() => {
  const root = document.documentElement;
  const source = document.getElementById('source');
  const backdrop = document.getElementById('backdrop');
  const lines = (node) => { const range = document.createRange(); range.selectNodeContents(node);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size; };
  const mark = document.querySelector('#backdrop mark').getBoundingClientRect();
  const box = source.getBoundingClientRect();
  return {
    sideways: root.scrollWidth > root.clientWidth,
    keysOnOneLine: [...document.querySelectorAll('#form .pair-key')]
      .every((cell) => lines(cell) === 1),
    findingsInside: [...document.querySelectorAll('#findings .goto')].every((button) =>
      button.scrollWidth <= button.clientWidth),
    backdropMatchesInput: source.scrollHeight === backdrop.scrollHeight && source.clientWidth === backdrop.clientWidth
      && source.scrollTop === backdrop.scrollTop,
    markShown: mark.top >= box.top && mark.bottom <= box.bottom,
  };
}"""
LAID_OUT = {"sideways": False, "keysOnOneLine": True, "findingsInside": True, "backdropMatchesInput": True,
            "markShown": True}


@contextmanager
def serving() -> Iterator[str]:
    """`curlport serve --allow-private`'s real app (uvicorn, the page's guards) on 127.0.0.1 at a free port, in a
    thread: its URL. The tests' providers are played on 127.0.0.1 too, hence ``--allow-private``."""
    sock = bind("127.0.0.1", 0)
    server = make_server("127.0.0.1", allow_private=True)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    try:
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def cli(*args: str, stdin: str | None = None) -> tuple[int, str]:
    """What the CLI prints on stdout for these arguments, and its exit code."""
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout


def spanned(text: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The characters of a finding's span (1-based lines and code-point columns, end exclusive)."""
    source = Source(text)
    return text[source.offset(line, column) : source.offset(end_line, end_column)]


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
        serve_in_thread(self.server)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def form_of(rows: list[dict[str, Any]]) -> str:
    """Form rows as the API answers them, or as read off the page (``shown`` only), printed as
    ``curlport import --format form`` prints its own: equal text, equal rows."""
    def value(record: dict[str, Any]) -> Value:
        return Value(record.get("text", record["shown"]), record["shown"])

    return form_text(FormRow(
        row["label"], value(row["value"]), row["level"],
        None if row["pairs"] is None else tuple(Pair(pair["key"], value(pair["value"])) for pair in row["pairs"]),
        None if row["body"] is None else value(row["body"])) for row in rows)


#: The phone and the laptop the page must work on (the issue's two screenshots).
VIEWPORTS = {"phone": (390, 844), "laptop": (1280, 800)}
#: A form body, a JSON body, a GET query, OAuth 2.0 with an extra parameter, detection that asks (no $$Body: the
#: config cannot be sent), Basic authentication.
VIEW_CASES = ["textlocal", "ready-json", "ready-get", "oauth2-token-pair", "msg91", "auth-basic-flag"]
INCOMPLETE = frozenset({"msg91"})

#: The form's rows as the page shows them, in the API's record shape (``shown`` values only): see ``form_of``.
FORM_ROWS = """() => [...document.querySelectorAll('#form > li.form-row')].map((row) => {
  const shown = (node) => (node ? { shown: node.textContent } : null);
  const list = row.querySelector(':scope > ul.pairs');
  return {
    label: row.dataset.field, level: Number(row.dataset.level),
    value: shown(row.querySelector(':scope > .form-line > .form-value')) || { shown: '' },
    pairs: list ? [...list.querySelectorAll(':scope > li.pair')].map((pair) => ({
      key: pair.querySelector('.pair-key').textContent, value: shown(pair.querySelector('.pair-value')) })) : null,
    body: shown(row.querySelector(':scope > .form-line > .form-body')),
  };
})"""

#: How the page sits in the window: nothing wider than it, no box between a form row and the page that scrolls
#: on its own (and so may hide rows), every Copy button of the form inside the window's width.
IN_FLOW = """() => {
  const clips = (node) => { for (let el = node.parentElement; el && el !== document.body; el = el.parentElement) {
    const style = getComputedStyle(el);
    const scrolls = (style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1)
      || (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1);
    if (scrolls) return true; } return false; };
  const rows = [...document.querySelectorAll('#form > li.form-row')];
  const copies = [...document.querySelectorAll('#form button.copy')];
  return {
    sideways: document.documentElement.scrollWidth > window.innerWidth,
    rows: rows.length,
    rowsHidden: rows.filter((row) => row.getBoundingClientRect().height === 0 || clips(row))
      .map((row) => row.dataset.field),
    copiesOutside: copies.filter((button) => { const box = button.getBoundingClientRect();
      return box.width === 0 || box.left < 0 || box.right > window.innerWidth; }).length,
  };
}"""


def secrets_of(config: dict[str, Any]) -> set[str]:
    """The config's credentials: what the page must not show with "Show secrets" off."""
    from curlport.credentials import credential_values

    auth = config.get("auth") or {}
    return set(credential_values(config)) | {auth[key] for key in ("password", "client_secret") if auth.get(key)}
