"""Blind3's raw-HTTP class: the request as a docs page prints it, not as a curl command.

``POST /bulkmessages HTTP/1.1``, then ``Host: rest.example.com/v1`` and the other headers, then the body (after a
blank line, or right after the headers as some pages print it), behind a label with the response under it, or in a
README's fence after prose with an apostrophe, or only described: a method (or an endpoint's label) and the URL
on a line (or a path under the page's base URL), the JSON body under it (blind4). Each fixture that is an https
request without auth is printed so, from its import; the import must read the same places from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final
from urllib.parse import urlencode, urlsplit

from curlport.variants.base import Variant, imported

KLASS: Final = "raw-http"


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """The fixture as a raw HTTP request, with a blank line before the body and without it."""
    result = imported(text, placeholders="none")
    if result is None or result.config.get("auth"):
        return
    config = result.config
    parts = urlsplit(str(config["endpoint"]))
    if parts.scheme != "https" or not parts.path.startswith("/"):
        return
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"{config['method']} {target} HTTP/1.1", f"Host: {parts.netloc}"]
    lines += [f"{header['key']}: {header['value']}" for header in config.get("headers") or []]
    parameters = config.get("parameters") or {}
    if parameters.get("format") == "json":
        body = str(parameters["body"])
    elif parameters.get("format") == "form":
        body = urlencode([(field["key"], field["value"]) for field in parameters["fields"]])
        if not any(header["key"].lower() == "content-type" for header in config.get("headers") or []):
            lines.append("Content-Type: application/x-www-form-urlencoded")
    else:
        body = ""
    head = "\n".join(lines)
    for label, gap in (("blank-line", "\n\n"), ("no-blank-line", "\n")):
        if body or label == "blank-line":
            yield Variant(f"{stem}/{label}", KLASS, f"{head}{gap}{body}\n" if body else f"{head}\n", expected)
    if parameters.get("format") == "json" and config["method"] == "POST" and not parts.query \
            and body.lstrip()[:1] in ("{", "["):
        # blind4: a request a page describes, its URL line (a method, or an endpoint's label) and its JSON under it
        url = f"https://{parts.netloc}{parts.path}"
        described = (("method-url-line", f"POST {url}"), ("endpoint-label", f"Request Endpoint: {url}"),
                     ("base-url-and-path", f"Base URL\nhttps://{parts.netloc}\nSend one\nPOST {parts.path}"))
        for label, line in described:
            yield Variant(f"{stem}/{label}", KLASS, f"The request's body:\n{line}\n{body}\n",
                          {**expected, "same_config": False})
    request = f"{head}\n\n{body}\n" if body else f"{head}\n"
    # blind4: a page's label before it and the response under it; a README's fence around the TCP stream
    yield Variant(f"{stem}/label-and-response", KLASS,
                  f"Request Example\n\nHTTP\n\n{request}HTTP/1.1 200 OK\nContent-Type: application/json\n\n"
                  '{"status": "queued"}\n', expected)
    yield Variant(f"{stem}/fenced-stream", KLASS,
                  f"An example of the TCP stream (it's what the client sends):\n```tcp\n{request}```\n", expected)
