"""Class 1, samples that are phrases: the documentation fills the recipient's or the message's place with words that
only name the role, in any language and with its typos (``youre phone number``, ``Celular/Mobile Number``, ``номер
телефона``, ``votre message``), instead of a sample.

Each fixture's recipient, then its message, then both, is rewritten into each phrase; the places stay, and once the
placeholders are written the config is the fixture's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from curlport.variants.base import Variant
from curlport.variants.templates import substituted

#: Phrases naming the recipient, as docs and scripts write them.
RECIPIENT_PHRASES: Final = (
    "youre phone number ", "Celular/Mobile Number", "numero de telefono", "número do celular",
    "Handynummer des Empfängers", "номер телефона", "recipient's number", "mobile no.", "Your Mobile Number",
    "destination phone number",
    # a capitalised stand-in that says whose number it is (blind3's zipwhip)
    "GOOGLE VOICE PHONE NUMBER", "CUSTOMER MOBILE NUMBER",
)
#: Phrases naming the message.
MESSAGE_PHRASES: Final = (
    "votre message", "texto da mensagem", "Your SMS message", "message to send", "текст сообщения",
)
KLASS: Final = "role-phrase"


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Each recipient phrase, each message phrase, and the two together (in turn), where the fixture places both."""
    return substituted(stem, text, expected, KLASS, RECIPIENT_PHRASES, MESSAGE_PHRASES)
