"""Class 5 of issue 19: the endpoint's base written as a template the operator fills in.

``{endpoint}sms/send``, ``{{api_url}}/api/sms/send``, ``$BASE_URL/sms``, ``${BASE_URL}/sms``: the scheme and host
of the fixture's URL become a template; ``<https://host/path>``: the whole URL in a doc's angle brackets. The
places of the recipient and the message do not move.

``template-host`` (``host_variants``): only the host and port are the template, after a real scheme
(``http://{{host}}:{{port}}/…``, ``http://IP:xxxx/…``, ``http://<server>:<port>/…``, a masked address, a name that
only says an address goes there): a LAN gateway's or a self-hosted server's doc. The URL is kept as written and
CP401 flags each part; the places do not move either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from curlport.variants._words import only_command
from curlport.variants.base import Variant

KLASS: Final = "url-template"
HOST_KLASS: Final = "template-host"

#: The base a template replaces: scheme and host (and port) of an http(s) URL in the text.
_BASE: Final = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?")
#: Each style: the template that stands for the base, and whether it takes the path's first slash too.
STYLES: Final = {
    "braces": ("{endpoint}", True),
    "double-braces": ("{{api_url}}", False),
    "variable": ("$BASE_URL", False),
    "braced-variable": ("${BASE_URL}", False),
}


#: Each style of a template host (and port), written after the URL's own scheme.
HOST_STYLES: Final = {
    "host-port-braces": "{{host}}:{{port}}",
    "ip-masked-port": "IP:xxxx",
    "angle-server-port": "<server>:<port>",
    "masked-address": "xxx.xxx.xxx.xxx:xxxx",
    "address-name": "gateway_ip",
    "host-braces": "{host}",
}


def templated(text: str, start: int, end: int, template: str, takes_slash: bool) -> str:
    """The text with the base at [start, end) replaced by the template (and the slash after it, when it takes it)."""
    if takes_slash and text[end : end + 1] == "/":
        end += 1
    return text[:start] + template + text[end:]


def _base(text: str) -> tuple[str, int, int] | None:
    """The fixture's URL and where its base (scheme and host) is in the text, when the URL is one bash word."""
    command = only_command(text)
    if command is None or command.dialect != "bash":
        return None
    url = next((word for word in command.words if _BASE.match(word)), None)
    inside = text[command.start : command.end]
    base = _BASE.search(inside) if url is not None else None
    if url is None or base is None or not url.startswith(base.group()):
        return None
    return url, command.start + base.start(), command.start + base.end()


def host_variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Each template host style in place of the fixture's host and port, its scheme kept."""
    found = _base(text)
    if found is None:
        return
    _, start, end = found
    scheme_end = text.index("://", start) + 3
    for label, host in HOST_STYLES.items():
        yield Variant(f"{stem}/{label}", HOST_KLASS, text[:scheme_end] + host + text[end:], expected)


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Each template style of the fixture's URL, and the URL in angle brackets, where the URL is one bash word."""
    found = _base(text)
    command = only_command(text)
    if found is None or command is None:
        return
    url, start, end = found
    inside = text[command.start : command.end]
    for label, (template, takes_slash) in STYLES.items():
        yield Variant(f"{stem}/{label}", KLASS, templated(text, start, end, template, takes_slash), expected)
    quoted = re.search(r"(['\"])" + re.escape(url) + r"\1", inside)
    if quoted is not None and not re.search(r"[\s'\"<>|;`]", url):
        bracketed = inside[: quoted.start()] + f"<{url}>" + inside[quoted.end() :]
        yield Variant(f"{stem}/angle-brackets", KLASS,
                      text[: command.start] + bracketed + text[command.end :], expected)
