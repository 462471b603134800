"""Class 1, samples that are templates: the documentation fills the recipient's or the message's place with a token
(``<TO_NUMBER>``, ``{{recipient}}``, ``$PHONE``, ``+91XXXXXXXXXX``, ``Your message here``) instead of a sample.

Each fixture's recipient, then its message, then both, is rewritten into each style; the places stay, and once the
placeholders are written the config is the fixture's own.

Class 3, OTP templates (``OTP_KLASS``): the provider builds the text from its template and the request carries only the
code (``otp=482913``); the code's place is the message's, offered in an ask.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from curlport.importer import ImportResult
from curlport.variants.base import ROLES, Variant, holds, imported, literal, locate, replace, slot_at
from curlport.variants.keys import renamings

#: The recipient tokens of real provider docs, one of each style.
RECIPIENT_TOKENS: Final = (
    "<TO_NUMBER>", "<mobile>", "{to}", "{{recipient}}", "{{phone_number}}", "${PHONE}", "$PHONE", "%p", "!TO!",
    "@@recipient@@", "[MOBILE]", "TO_NUMBER", "YOUR_NUMBER", "RECIPIENT_PHONE", "string", "<string>", "xxxxx",
    "+91XXXXXXXXXX", "9198xxxxxx12", "+2588412...", "Destination number", "mobile number here", "0000000000", "xx",
    "$1",
)
#: The message tokens of real provider docs.
MESSAGE_TOKENS: Final = (
    "<message>", "{{text}}", "Your message here", "<message registered with DLT>", "MESSAGE_TEXT", "string",
    "<string>", "{body}", "${MESSAGE}", "[SMS_TEXT]", "$2", "${template}",
)
KLASS: Final = "template-token"
OTP_KLASS: Final = "otp-template"
#: The names OTP APIs give the code, which the provider's template wraps into the text.
OTP_KEYS: Final = ("otp", "otp_code", "otpCode", "OTP", "passcode")
#: The code an OTP API's doc shows.
OTP_CODE: Final = "482913"
#: The token styles of the class as a space (for hypothesis): each wraps a name written as an identifier.
STYLES: Final = {
    "angle": "<{}>", "brace": "{{{}}}", "double-brace": "{{{{{}}}}}", "dollar-brace": "${{{}}}", "dollar": "${}",
    "percent": "%{}%", "bang": "!{}!", "at": "@@{}@@", "square": "[{}]", "hash": "#{}#", "dunder": "__{}__",
    "your": "YOUR_{}", "caps": "{}",
}
#: How a name's words are joined.
CASES: Final = ("snake", "upper", "camel")


def styled(style: str, name_words: tuple[str, ...], case: str) -> str:
    """A token of the style naming ``name_words`` (``("to", "number")``, "angle", "upper" -> ``<TO_NUMBER>``); a bare
    token is always in capitals with underscores, as documentation writes one."""
    if style == "caps" or case == "upper":
        name = "_".join(name_words).upper()
    elif case == "camel":
        name = name_words[0] + "".join(word.title() for word in name_words[1:])
    else:
        name = "_".join(name_words)
    if style == "caps" and "_" not in name:
        name = "YOUR_" + name
    return STYLES[style].format(name)


def rewrite(text: str, result: ImportResult, expected: dict[str, Any], tokens: dict[str, str]) -> str | None:
    """The fixture (``result``: its import with ``--placeholders none``) with each role's sample (``tokens``:
    "to"/"body" -> token) replaced by its token, or None when a sample cannot be rewritten in this text."""
    edits = []
    for role, token in tokens.items():
        slot = slot_at(result, str(expected.get(role, "")))
        located = locate(result, slot) if slot is not None else None
        if slot is None or located is None:
            return None
        edits.append((located, literal(token, located, slot.value)))
    for located, written in sorted(edits, key=lambda edit: -edit[0].start):  # later first: earlier offsets stay
        text = replace(text, located, written)
    rewritten = imported(text, placeholders="none")
    return text if all(holds(rewritten, str(expected[role]), token) for role, token in tokens.items()) else None


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Each recipient token, each message token, and the two together (in turn), where the fixture places both."""
    return substituted(stem, text, expected, KLASS, RECIPIENT_TOKENS, MESSAGE_TOKENS)


def substituted(stem: str, text: str, expected: dict[str, Any], klass: str, recipients: tuple[str, ...],
                messages: tuple[str, ...]) -> Iterator[Variant]:
    """The fixture's recipient rewritten into each of ``recipients``, its message into each of ``messages``, and the
    two together (in turn), where the fixture places both: the places stay, and the config is the fixture's own."""
    roles = [role for role in ROLES if expected.get(role, "ask") != "ask"]
    choices: list[dict[str, str]] = []
    if "to" in roles:
        choices += [{"to": token} for token in recipients]
    if "body" in roles:
        choices += [{"body": token} for token in messages]
    if len(roles) == 2:
        choices += [{"to": recipients[i], "body": token} for i, token in enumerate(messages)]
    result = imported(text, placeholders="none")
    if result is None:
        return
    for tokens in choices:
        rewritten = rewrite(text, result, expected, tokens)
        if rewritten is not None:
            label = "+".join(f"{role}={token}" for role, token in tokens.items())
            yield Variant(f"{stem}/{label}", klass, rewritten, {**expected, "same_config": True})


def otp_variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """The fixture's message as an OTP API sends it: the key names the code and the value is only the code. The
    code's place is the message's, asked about (the operator's message may not be a code), never placed."""
    choices = [(f"body={name}:{OTP_CODE}", {"body": name}, {"body": OTP_CODE}) for name in OTP_KEYS]
    for label, rewritten, places in renamings(text, expected, choices):
        yield Variant(f"{stem}/{label}", OTP_KLASS, rewritten,
                      {**expected, "body": "ask", "body_candidates": [places["body"]], "same_config": False})
