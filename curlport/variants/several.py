"""Several requests in one text (issue 19, the second blind set): the fixture's command with a token or login request
before it and a status check after it, the way scripts and READMEs show them.

The send must still be the command imported, with the same places: the token request (an OAuth 2.0 client-credentials
request, a login, a ``/auth`` call) and the status GET carry no recipient or message, so evidence, not position,
chooses. The
same command written first without its credentials (a doc's "send", then "send with your API key") is one request:
the one with them is imported; a single send, then the same as a bulk send (records in a list): the single.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from curlport.credentials import is_credential_name
from curlport.variants._words import only_command
from curlport.variants.base import Variant, bash_quoted
from curlport.variants.bulk import variants as bulk_variants

KLASS: Final = "several-requests"
#: A place inside a list (``json:messages.0.to``): the bulk send's recipient.
_LISTED: Final = re.compile(r"\.\d+(?:\.|$)")

_TOKEN: Final = ("TOKEN=$(curl -s -X POST https://auth.example.net/oauth/token"
                 " -d 'grant_type=client_credentials&client_id=CLIENT_ID&client_secret=CLIENT_SECRET')")
_LOGIN: Final = ("curl -X POST https://auth.example.net/v1/login -H 'Content-Type: application/json'"
                 " -d '{\"username\": \"USER\", \"password\": \"PASS\"}'")
_STATUS: Final = "curl -s https://status.example.net/v1/messages/$1"

#: Each arrangement of the fixture's command (where {} is) with the other requests around it.
_ARRANGEMENTS: Final[dict[str, Callable[[str], str]]] = {
    "token-first": lambda command: f"#!/bin/bash\n{_TOKEN}\n\n{command}\n",
    "login-first": lambda command: f"{_LOGIN}\n\n# then send\n{command}\n",
    "status-after": lambda command: f"{command}\n\n# check the status\n{_STATUS}\n",
    "token-send-status": lambda command: f"{_TOKEN}\n{command}\n{_STATUS}\n",
}


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """The fixture's bash command between a token or login request and a status check (each keeps its places)."""
    command = only_command(text)
    if command is None or command.dialect != "bash":
        return
    before, inside, after = text[: command.start], text[command.start : command.end], text[command.end :]
    for label, arrange in _ARRANGEMENTS.items():
        yield Variant(f"{stem}/{label}", KLASS, before + arrange(inside) + after, expected)
    single = not _LISTED.search(str(expected.get("to", "")))
    bulk = next((variant.text for variant in bulk_variants(stem, text, expected)
                 if _LISTED.search(str(variant.expected.get("to", "")))), None) if single else None
    if bulk is not None:  # a doc's "send a single SMS", then "send bulk SMS": the single is the one to import
        written = f"# Send a single sms\n{text.rstrip()}\n\n# Send bulk sms\n{bulk}"
        yield Variant(f"{stem}/single-then-bulk", KLASS, written, {**expected, "same_config": True})
    bare = _without_credentials(command.words)
    if bare is not None:  # a doc's "send", then "send with your API key": the second is the one to import
        written = f"{before}# send\n{bare}\n\n# send with your API key\n{inside}{after}"
        yield Variant(f"{stem}/without-credentials-first", KLASS, written, {**expected, "same_config": True})


def _without_credentials(words: tuple[str, ...]) -> str | None:
    """The command without its credential options (``-u``, a key header), quoted for bash; None when it has none."""
    kept: list[str] = []
    dropped = False
    position = 0
    while position < len(words):
        word = words[position]
        value = words[position + 1] if position + 1 < len(words) else ""
        if word in ("-u", "--user") or (word in ("-H", "--header")
                                         and is_credential_name(value.partition(":")[0].strip())):
            dropped, position = True, position + 2
            continue
        kept.append(word)
        position += 1
    return "curl " + " ".join(bash_quoted(word) for word in kept) if dropped else None
