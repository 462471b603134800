"""A small WebDriver BiDi client for Debian's Firefox ESR: enough to drive a page the way a user does.

Playwright drives only its own patched Firefox, which cannot be downloaded here, and
there is no geckodriver package; but Firefox (since 129, ESR 140 here) speaks WebDriver
BiDi itself. Started with ``--remote-debugging-port=0`` it prints
``WebDriver BiDi listening on ws://127.0.0.1:PORT`` on stderr, and ``ws://…/session``
takes a W3C BiDi session (https://w3c.github.io/webdriver-bidi/). So this module is a
JSON-over-websocket client of a few commands: open a tab, navigate, run script, move
the pointer and press keys (``input.performActions``, real trusted events), capture a
screenshot, and collect the page's uncaught errors (``log.entryAdded``).

It is synchronous and single-threaded on purpose: a command is sent and the replies are
read until its own arrives, stashing the events met on the way. A test helper, not part
of the package.
"""

from __future__ import annotations

import base64
import itertools
import json
import queue
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

#: How long one command may take (a navigation waits for the page's load event) before the test fails.
COMMAND_SECONDS = 30.0
LISTENING = "WebDriver BiDi listening on "

#: Prefs of the throwaway profile: a test browser talks only to the test's server on 127.0.0.1. (Firefox's remote
#: agent already sets its "recommended preferences" for automation; these cover what they leave on.)
PROFILE_PREFS: Mapping[str, bool | int | str] = {
    "app.update.disabledForTesting": True,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.safebrowsing.update.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "extensions.update.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "services.settings.server": "http://127.0.0.1:9/remote-settings",
    "toolkit.telemetry.reportingpolicy.firstRun": False,
}

#: WebDriver's key code points for the named keys a test presses (a single character is itself).
KEYS = {"Tab": "\ue004", "Enter": "\ue007", "Shift": "\ue008", "Escape": "\ue00c", "Space": "\ue00d",
        "ArrowLeft": "\ue012", "ArrowUp": "\ue013", "ArrowRight": "\ue014", "ArrowDown": "\ue015"}

#: Resolves once the predicate holds, checked every animation frame (as Playwright's polling="raf"). The predicate is
#: spliced into the function's text, not built in the page with `new Function`, which the page's CSP forbids.
_WAIT = """(timeout) => new Promise((resolve, reject) => {
  const check = PREDICATE;
  const started = performance.now();
  const poll = () => {
    if (check()) resolve(true);
    else if (performance.now() - started > timeout) reject(new Error(`still false after ${timeout} ms: ${check}`));
    else requestAnimationFrame(poll);
  };
  poll();
})"""


class BidiError(RuntimeError):
    """A command Firefox refused, or script that threw in the page."""


@dataclass(frozen=True)
class Node:
    """A DOM node living in the page, as BiDi names it (a shared id any command of the session may pass back)."""

    shared_id: str


def to_local(value: Any) -> dict[str, Any]:
    """A Python value as a BiDi LocalValue (a script argument)."""
    if isinstance(value, Node):
        return {"sharedId": value.shared_id}
    if value is None:
        return {"type": "null"}
    if isinstance(value, bool):
        return {"type": "boolean", "value": value}
    if isinstance(value, int | float):
        return {"type": "number", "value": value}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, Sequence):
        return {"type": "array", "value": [to_local(item) for item in value]}
    if isinstance(value, Mapping):
        return {"type": "object", "value": [[str(key), to_local(item)] for key, item in value.items()]}
    raise TypeError(f"no BiDi form for {type(value).__name__}")


def from_remote(remote: Mapping[str, Any]) -> Any:
    """A BiDi RemoteValue (a script's result) as a Python value; a DOM node as a `Node`."""
    kind = remote["type"]
    if kind in ("undefined", "null"):
        return None
    if kind == "number":
        value = remote["value"]
        return float(value) if isinstance(value, str) else value  # "NaN", "-0", "Infinity" come as text
    if kind in ("string", "boolean"):
        return remote["value"]
    if kind == "array":
        return [from_remote(item) for item in remote.get("value", [])]
    if kind == "object":
        return {key: from_remote(item) for key, item in remote.get("value", [])}
    if kind == "node":
        return Node(remote["sharedId"])
    raise BidiError(f"a script result of type {kind} has no Python form")


class Firefox:
    """One headless Firefox process with one BiDi session; tabs are `Tab`s. Use `launch()`."""

    def __init__(self, process: subprocess.Popen[str], socket: ClientConnection) -> None:
        self.process = process
        self.socket = socket
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    def command(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result; events read meanwhile are kept in `events`."""
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=COMMAND_SECONDS))
            if message.get("type") == "event":
                self.events.append(message)
            elif message.get("id") == number:
                if message["type"] == "error":
                    raise BidiError(f"{method}: {message['error']}: {message.get('message', '')}")
                result: dict[str, Any] = message["result"]
                return result

    def new_tab(self, width: int, height: int) -> Tab:
        context = self.command("browsingContext.create", type="tab")["context"]
        self.command("browsingContext.setViewport", context=context, viewport={"width": width, "height": height})
        return Tab(self, context)

    def page_errors(self, context: str) -> list[str]:
        """The uncaught script errors of one tab so far (what Playwright calls "pageerror")."""
        return [event["params"]["text"] for event in self.events
                if event["method"] == "log.entryAdded" and event["params"]["type"] == "javascript"
                and event["params"]["source"].get("context") == context]


@contextmanager
def launch(executable: str, *, startup_seconds: float = 30.0) -> Iterator[Firefox]:
    """Start headless Firefox on a fresh profile, open a BiDi session, and close both afterwards."""
    with tempfile.TemporaryDirectory(prefix="curlport-firefox-") as profile:
        prefs = "".join(f"user_pref({json.dumps(key)}, {json.dumps(value)});\n" for key, value in PROFILE_PREFS.items())
        Path(profile, "user.js").write_text(prefs, encoding="utf-8")
        process = subprocess.Popen(
            [executable, "--headless", "--no-remote", "--remote-debugging-port=0", "-profile", profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        try:
            address = _listening_address(process, startup_seconds)
            with connect(f"{address}/session", max_size=None, open_timeout=startup_seconds) as socket:
                browser = Firefox(process, socket)
                browser.command("session.new", capabilities={})
                browser.command("session.subscribe", events=["log.entryAdded"])
                yield browser
                browser.command("browser.close")
            process.wait(timeout=startup_seconds)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _listening_address(process: subprocess.Popen[str], seconds: float) -> str:
    """The websocket address Firefox prints on stderr; stderr is drained for the rest of its life so it never blocks."""
    found: queue.Queue[str] = queue.Queue()
    lines: list[str] = []

    def drain() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line)
            if line.startswith(LISTENING):
                found.put(line[len(LISTENING):].strip())
        found.put("")  # the process ended

    threading.Thread(target=drain, daemon=True).start()
    try:
        address = found.get(timeout=seconds)
    except queue.Empty:
        address = ""
    if not address:
        raise BidiError("Firefox did not start WebDriver BiDi:\n" + "".join(lines[-20:]))
    return address


class Tab:
    """One top-level browsing context, driven like a user: script for reading, trusted input events for acting."""

    def __init__(self, browser: Firefox, context: str) -> None:
        self.browser = browser
        self.context = context

    def navigate(self, url: str) -> None:
        self.browser.command("browsingContext.navigate", context=self.context, url=url, wait="complete")

    def call(self, function: str, *args: Any) -> Any:
        """Run a JavaScript function in the page with these arguments; its (awaited) result as a Python value."""
        result = self.browser.command(
            "script.callFunction", functionDeclaration=function, awaitPromise=True,
            target={"context": self.context}, arguments=[to_local(arg) for arg in args],
        )
        if result["type"] == "exception":
            raise BidiError(result["exceptionDetails"]["text"])
        return from_remote(result["result"])

    def evaluate(self, expression: str) -> Any:
        return self.call(f"() => ({expression})")

    def wait_for(self, predicate: str, timeout_ms: int = 15_000) -> None:
        """Wait until a JavaScript predicate (a function's text) holds in the page."""
        self.call(_WAIT.replace("PREDICATE", predicate), timeout_ms)

    def query(self, selector: str) -> Node:
        node = self.call("(selector) => document.querySelector(selector)", selector)
        if not isinstance(node, Node):
            raise BidiError(f"nothing matches {selector}")
        return node

    def click(self, target: str | Node) -> None:
        """A real click (pointer down and up, trusted events) at the centre of the element, scrolled into view."""
        node = self.query(target) if isinstance(target, str) else target
        self.call("(element) => element.scrollIntoView({block: 'center'})", node)
        self.browser.command("input.performActions", context=self.context, actions=[{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": [
                {"type": "pointerMove", "x": 0, "y": 0, "origin": {"type": "element", "element": to_local(node)}},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ],
        }])

    def press(self, *keys: str) -> None:
        """Press and release each key in turn (names from `KEYS`, or single characters) as a keyboard does."""
        actions = []
        for key in keys:
            value = KEYS.get(key, key)
            actions += [{"type": "keyDown", "value": value}, {"type": "keyUp", "value": value}]
        self.browser.command("input.performActions", context=self.context,
                             actions=[{"type": "key", "id": "keyboard", "actions": actions}])

    def screenshot(self, path: Path) -> None:
        """The whole page (not only the viewport) as PNG."""
        data = self.browser.command("browsingContext.captureScreenshot", context=self.context, origin="document")
        path.write_bytes(base64.b64decode(data["data"]))

    def errors(self) -> list[str]:
        return self.browser.page_errors(self.context)

    def close(self) -> None:
        self.browser.command("browsingContext.close", context=self.context)
