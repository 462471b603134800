"""Issue 19's shell-context class, in scripts: the request built from the script's arguments.

A monitoring or notification script sends the recipient and the message it is given: ``NUMBER="$1"`` then
``curl -d "number=$NUMBER…"``, a function ``send_sms() { local text=$2; curl …; }``, or ``$1``/``$2`` in the command
itself. The shell would put the arguments there when the script runs; curlport never runs it, so the variable (or
``$1``) stays a template where the sample was, and detection places it by its name and key. Each variant writes the
token unescaped (the shell would expand it), so it is the class as users paste it, not a token spelled as literal text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

from curlport.variants._words import only_command
from curlport.variants.base import Located, Variant, holds, imported, locate, replace, slot_at

KLASS: Final = "script-variables"

#: Each style: the tokens for the recipient and the message, and the script around the command (``{}``).
STYLES: Final[dict[str, tuple[str, str, Callable[[str], str]]]] = {
    "assigned": ("NUMBER", "MESSAGE",
                 lambda command: f'#!/bin/bash\n# usage: send_sms.sh NUMBER MESSAGE\nNUMBER="$1"\nMESSAGE="$2"\n\n'
                                 f"{command}\n"),
    "function-locals": ("number", "text",
                        lambda command: f"send_sms() {{\n  local number=$1\n  local text=$2\n  {command}\n}}\n\n"
                                        'send_sms "$PHONE" "Server is DOWN"\n'),
    "positional": ("1", "2", lambda command: f"#!/bin/sh\n# $1: the recipient, $2: the message\n{command}\n"),
}


def written(name: str, located: Located, following: str) -> str:
    """``$NAME`` as the shell expands it at a place with that quote open: braced, so that no character after it
    joins the name."""
    token = f"${{{name}}}" if following[:1].isalnum() or following[:1] == "_" else f"${name}"
    if located.quote == "'":
        return f"'\"{token}\"'"  # out of the single quotes, into double ones, and back
    return token if located.quote == '"' else f'"{token}"'


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Each style, where the fixture is one bash command whose recipient and message samples are strings in it."""
    command = only_command(text)
    if command is None or command.dialect != "bash" or "ask" in (expected.get("to", "ask"),
                                                                   expected.get("body", "ask")):
        return
    result = imported(text, placeholders="none")
    if result is None:
        return
    located: dict[str, Located] = {}
    for role in ("to", "body"):
        slot = slot_at(result, str(expected[role]))
        where = locate(result, slot) if slot is not None and isinstance(slot.value, str) else None
        if where is None or not command.start <= where.start < command.end:
            return
        located[role] = where
    for label, (number, message, script) in STYLES.items():
        rewritten = text
        for role, name in sorted(zip(("to", "body"), (number, message), strict=True),
                                 key=lambda item: -located[item[0]].start):  # later first: earlier offsets stay
            rewritten = replace(rewritten, located[role], written(name, located[role], rewritten[located[role].end :]))
        shift = len(rewritten) - len(text)
        inside = rewritten[command.start : command.end + shift]
        rewritten = rewritten[: command.start] + script(inside) + rewritten[command.end + shift :]
        check = imported(rewritten, placeholders="none")
        tokens = {"to": f"${number}", "body": f"${message}"}
        if all(holds(check, str(expected[role]), token) or holds(check, str(expected[role]), f"${{{token[1:]}}}")
               for role, token in tokens.items()):
            yield Variant(f"{stem}/{label}", KLASS, rewritten, {**expected, "same_config": True})
