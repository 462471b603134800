"""Blind3's text-around class: the same request inside the text a README, a docs page or a code file puts around it.

Users paste a whole README section (a heading, prose with apostrophes, the command in a fence labelled ``sh`` or
``json``, the closing fence, a sentence after it), a docs page with its front matter, a one-line
```` ```curl …``` ````, a Windows batch file (``@echo off``, ``::`` and ``REM`` comments with apostrophes) around a
one-line command, or, for a GET API, the URL behind a label (``HTTP API: https://…``) or in the line of code that
holds it (``$url = "https://…";``). Blind4 added prose without fences (a docs page's text, an error list) whose
apostrophes are no quotes, before, after and between requests. Each variant keeps the request's words and changes
only what surrounds them; the import must read the same request, so the variant expects the fixture's places and
config.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

from curlport.variants._words import only_command
from curlport.variants.base import Variant

KLASS: Final = "text-around"

#: Markdown around a command: {} is the command's text.
_MARKDOWN: Final[dict[str, Callable[[str], str]]] = {
    "readme-section": lambda command: ("## Send an SMS\n\nLet's send the first message (you'll need the key from "
                                       f"your dashboard):\n\n```sh\n{command}\n```\n\nIt's that simple!\n"),
    "docs-page": lambda command: ("---\nlayout: default\ntitle: Send SMS\n---\n\n# Send a single SMS\n\nThe request's "
                                  f"JSON body, as our users write it:\n\n```json\n{command}\n\n```\n"),
}
#: Prose around a command without fences (a docs page's text, an error list): apostrophes that are no shell quotes,
#: before it, after it, and between it and a second request (a balance check, never the send).
_PROSE: Final[dict[str, Callable[[str], str]]] = {
    "prose-apostrophe-before": lambda command: f"Note: it's the provider's own example.\n{command}\n",
    "prose-apostrophe-after": lambda command: f"{command}\nThat's it: you're done.\n",
    "prose-between-requests": lambda command: (f"Send SMS\nErrors: couldn't be sent\n{command}\nBalance\n"
                                               "Errors: couldn't be read\ncurl https://balance.example.org/v1/balance\n"),
}
#: A Windows batch file around a one-line command whose words cmd reads as bash does: its comments hold apostrophes.
_BATCH: Final = "@echo off\n:: Send one SMS with the provider's API (it's their example)\nREM don't share the key\n{}\n"
#: Text around a GET API URL: {} is the URL.
_URL_LINES: Final[dict[str, Callable[[str], str]]] = {
    "labelled-url": lambda url: f"HTTP API: {url}\n",
    "url-in-markdown": lambda url: f"### Send SMS\n\nThe provider's URL (it's a GET):\n\n```\n{url}\n```\n",
    "url-in-php": lambda url: f'<?php\n$url = "{url}";\n$response = file_get_contents($url);\n',
}


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Every text-around variant of one fixture that applies to it (each keeps the fixture's places and config)."""
    command = only_command(text)
    if command is None or command.dialect != "bash":
        return
    inside = text[command.start : command.end]
    same = {**expected, "same_config": True}
    for label, wrap in _MARKDOWN.items():
        yield Variant(f"{stem}/{label}", KLASS, wrap(inside), same)
    if inside.lstrip().startswith("curl"):  # the command lines start with curl, as a docs page shows them
        for label, wrap in _PROSE.items():
            yield Variant(f"{stem}/{label}", KLASS, wrap(inside), same)
    if "\n" not in inside and "`" not in inside:
        yield Variant(f"{stem}/inline-fence", KLASS, f"```{inside}```\n", same)
    words = command.words
    if not any(character in word for word in words for character in '"$`\\%!\n'):  # the same words in cmd and bash
        line = "curl " + " ".join(f'"{word}"' for word in words)
        yield Variant(f"{stem}/batch-file", KLASS, _BATCH.format(line), same)
    url = command.words[0] if len(command.words) == 1 else ""
    if url.lower().startswith(("http://", "https://")) and url.partition("?")[2].count("=") >= 2 \
            and not any(character in url for character in "\"'$`\\ {}"):
        for label, around in _URL_LINES.items():
            yield Variant(f"{stem}/{label}", KLASS, around(url), same)
