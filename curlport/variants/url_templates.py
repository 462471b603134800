"""Class 5 of issue 19: the endpoint's base written as a template the operator fills in.

``{endpoint}sms/send``, ``{{api_url}}/api/sms/send``, ``$BASE_URL/sms``, ``${BASE_URL}/sms``: the scheme and host
of the fixture's URL become a template; ``<https://host/path>``: the whole URL in a doc's angle brackets. The
places of the recipient and the message do not move.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from curlport.variants._words import only_command
from curlport.variants.base import Variant

KLASS: Final = "url-template"

#: The base a template replaces: scheme and host (and port) of an http(s) URL in the text.
_BASE: Final = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?")
#: Each style: the template that stands for the base, and whether it takes the path's first slash too.
STYLES: Final = {
    "braces": ("{endpoint}", True),
    "double-braces": ("{{api_url}}", False),
    "variable": ("$BASE_URL", False),
    "braced-variable": ("${BASE_URL}", False),
}


def templated(text: str, start: int, end: int, template: str, takes_slash: bool) -> str:
    """The text with the base at [start, end) replaced by the template (and the slash after it, when it takes it)."""
    if takes_slash and text[end : end + 1] == "/":
        end += 1
    return text[:start] + template + text[end:]


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Each template style of the fixture's URL, and the URL in angle brackets, where the URL is one bash word."""
    command = only_command(text)
    if command is None or command.dialect != "bash":
        return
    url = next((word for word in command.words if _BASE.match(word)), None)
    inside = text[command.start : command.end]
    base = _BASE.search(inside) if url is not None else None
    if url is None or base is None or not url.startswith(base.group()):
        return
    start, end = command.start + base.start(), command.start + base.end()
    for label, (template, takes_slash) in STYLES.items():
        yield Variant(f"{stem}/{label}", KLASS, templated(text, start, end, template, takes_slash), expected)
    quoted = re.search(r"(['\"])" + re.escape(url) + r"\1", inside)
    if quoted is not None and not re.search(r"[\s'\"<>|;`]", url):
        bracketed = inside[: quoted.start()] + f"<{url}>" + inside[quoted.end() :]
        yield Variant(f"{stem}/angle-brackets", KLASS,
                      text[: command.start] + bracketed + text[command.end :], expected)
