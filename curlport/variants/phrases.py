"""Class 1, samples that are phrases: the documentation fills the recipient's or the message's place with words that
only name the role, in any language and with its typos (``youre phone number``, ``Celular/Mobile Number``, ``номер
телефона``, ``votre message``), instead of a sample.

Each fixture's recipient, then its message, then both, is rewritten into each phrase; the places stay, and once the
placeholders are written the config is the fixture's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from curlport.variants.base import ROLES, Variant, imported
from curlport.variants.templates import rewrite

#: Phrases naming the recipient, as docs and scripts write them.
RECIPIENT_PHRASES: Final = (
    "youre phone number ", "Celular/Mobile Number", "numero de telefono", "número do celular",
    "Handynummer des Empfängers", "номер телефона", "recipient's number", "mobile no.", "Your Mobile Number",
    "destination phone number",
)
#: Phrases naming the message.
MESSAGE_PHRASES: Final = (
    "votre message", "texto da mensagem", "Your SMS message", "message to send", "текст сообщения",
)
KLASS: Final = "role-phrase"


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Each recipient phrase, each message phrase, and the two together (in turn), where the fixture places both."""
    roles = [role for role in ROLES if expected.get(role, "ask") != "ask"]
    choices: list[dict[str, str]] = []
    if "to" in roles:
        choices += [{"to": phrase} for phrase in RECIPIENT_PHRASES]
    if "body" in roles:
        choices += [{"body": phrase} for phrase in MESSAGE_PHRASES]
    if len(roles) == 2:
        choices += [{"to": RECIPIENT_PHRASES[i], "body": phrase} for i, phrase in enumerate(MESSAGE_PHRASES)]
    result = imported(text, placeholders="none")
    if result is None:
        return
    for tokens in choices:
        rewritten = rewrite(text, result, expected, tokens)
        if rewritten is not None:
            label = "+".join(f"{role}={phrase}" for role, phrase in tokens.items())
            yield Variant(f"{stem}/{label}", KLASS, rewritten, {**expected, "same_config": True})
