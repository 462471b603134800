"""Blind3's chat-id class: a WhatsApp gateway's recipient is a chat, the number then ``@c.us`` (Green-API, WAHA,
UltraMsg): ``"chatId": "14155552671@c.us"``. Each fixture's recipient is rewritten so; the place stays, and the
import writes ``$$To@c.us`` there (the config is not the fixture's: the suffix stays).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from curlport.variants.base import Variant, imported
from curlport.variants.templates import rewrite

KLASS: Final = "chat-id"
#: A chat with one person, as WhatsApp gateways' docs write it.
CHAT: Final = "14155552671@c.us"


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """The fixture's recipient as a chat id, where the fixture places the recipient."""
    if str(expected.get("to", "ask")) == "ask":
        return
    result = imported(text, placeholders="none")
    rewritten = rewrite(text, result, expected, {"to": CHAT}) if result is not None else None
    if rewritten is not None:
        yield Variant(f"{stem}/chat-id", KLASS, rewritten, {**expected, "same_config": False})
