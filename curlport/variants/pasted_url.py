"""Issue 19's shell-context class, a GET API URL pasted without curl whose message has unencoded spaces.

An operator copies the provider's "API URL" as the page prints it: ``http://host/api?number=8801…&message=Hello
World&…``. Without curl the line is one URL (curl would take each word after a space for another URL): the import
encodes each blank and places the message where the words are. Each fixture that is a plain GET (no header, body or
auth) is rewritten into its URL alone, the message's sample written as words with spaces, with and without the
``GET`` an HTTP client shows before it.

Blind4's URL-lines class: the URL among a manual's other example URLs, one a line (a read and a delete around the
send, as a router's manual lists them): the send is chosen by its evidence (CP026), as among curl commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final
from urllib.parse import parse_qsl, urlsplit

from curlport.variants.base import Variant, imported

KLASS: Final = "pasted-url-spaces"
#: The message as a doc's URL prints it, unencoded: several words, and the punctuation a sample text has.
MESSAGE: Final = "Hello from the API, your code is 1234"
PREFIXES: Final = {"bare": "", "get-prefix": "GET "}
LINES_KLASS: Final = "url-lines"


def _plain_get_url(text: str, expected: dict[str, Any]) -> str | None:
    """The URL of a fixture that is a plain GET (no header, body or auth) whose query holds the message
    (``expected["body"]`` is ``query:NAME``); None for any other."""
    result = imported(text, placeholders="none")
    if result is None or not str(expected.get("body", "")).startswith("query:"):
        return None
    config = result.config
    if config["method"] != "GET" or config["headers"] or config["auth"] or config["parameters"]:
        return None
    return str(config["endpoint"])


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """The fixture's URL with the message's value as words with spaces, where the fixture is a plain GET of a URL
    whose query holds the message (``expected["body"]`` is ``query:NAME``)."""
    url = _plain_get_url(text, expected)
    if url is None or str(expected.get("to", "ask")) == "ask":
        return
    body = str(expected["body"])
    parts = urlsplit(url)
    name = body.removeprefix("query:")
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if [key for key, _ in pairs].count(name) != 1 or " " in url or "#" in url:
        return
    start = url.index("?") + 1
    query = "&".join(f"{key}={MESSAGE}" if key == name else raw
                     for (key, _), raw in zip(pairs, url[start:].split("&"), strict=False))
    if len(query.split("&")) != len(pairs):
        return  # a pair that parse_qsl reads differently from its text (an & inside a value)
    for label, prefix in PREFIXES.items():
        written = f"{prefix}{url[:start]}{query}\n"
        check = imported(written, placeholders="none")
        if check is not None and f"{name}={MESSAGE.replace(' ', '%20')}" in str(check.config["endpoint"]):
            yield Variant(f"{stem}/{label}", KLASS, written, {**expected, "same_config": True})


def line_variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """The fixture's GET URL between a read URL and a delete URL of the same host, one a line."""
    url = _plain_get_url(text, expected)
    if url is None:
        return
    parts = urlsplit(url)
    if " " in url or not parts.scheme.startswith("http"):
        return
    base = f"{parts.scheme}://{parts.netloc}"
    yield Variant(f"{stem}/manual-url-lines", LINES_KLASS,
                  f"HTTP GET examples\n{base}/sms_read?index=2\n{url}\n{base}/sms_delete?index=4\n",
                  {**expected, "same_config": True})
