"""Class 3 of issue 19: a body whose declared type and shape disagree.

Form pairs under ``Content-Type: application/json`` or the doc's ``Content-Type: <CONTENT_TYPE>``; a JSON body
with a doc's typo (a trailing comma, a key's closing quote missing, a stray backslash). curl sends the body as
written; the places of the recipient and the message are where they were.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from curlport.variants._words import Command, only_command
from curlport.variants.base import Variant, imported

KLASS: Final = "mislabelled-body"

#: A written Content-Type of either kind, with its parameters (``; charset=utf-8``): the whole value is relabelled.
_FORM_TYPE: Final = re.compile(r"(?i)(content-type:\s*)application/x-www-form-urlencoded[^'\"\n^]*")
_JSON_TYPE: Final = re.compile(r"(?i)(content-type:\s*)application/json[^'\"\n^]*")
#: The content types a form body is mislabelled with.
LABELS: Final = {"form-as-json": "application/json", "form-as-template": "<CONTENT_TYPE>"}
#: The content types a JSON body is mislabelled with (where its Content-Type is written out).
JSON_LABELS: Final = {"json-as-form": "application/x-www-form-urlencoded", "json-as-template": "<CONTENT_TYPE>"}


def _trailing_comma(body: str) -> str | None:
    """A comma after the last member: ``{"to": "…", "text": "…",}``."""
    closing = max(body.rfind("}"), body.rfind("]"))
    last = len(body[:closing].rstrip()) - 1
    if closing == -1 or last < 0 or body[last] in "{[,":
        return None
    return body[: last + 1] + "," + body[last + 1 :]


def _missing_quote(body: str) -> str | None:
    """A key's closing quote missing before a string value: ``"text: "Hello"``."""
    match = re.search(r'"(\s*:\s*")', body)
    return None if match is None else body[: match.start()] + body[match.start() + 1 :]


def _stray_backslash(body: str) -> str | None:
    """A backslash JSON does not know inside a string value: ``"Hello\\ world"``."""
    match = re.search(r':\s*"[^"\\]*?([ ,.!?])', body)
    return None if match is None else body[: match.start(1)] + "\\" + body[match.start(1) :]


TYPOS: Final[dict[str, Callable[[str], str | None]]] = {
    "trailing-comma": _trailing_comma, "missing-quote": _missing_quote, "stray-backslash": _stray_backslash,
}


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """The mislabelled variants that apply: content types for a form body, typos for a JSON body."""
    command = only_command(text)
    if command is None:
        return
    result = imported(text, placeholders="none")
    if result is None:
        return
    parameters = result.config["parameters"]
    format_ = parameters["format"] if parameters else None
    if format_ == "form":
        for label, content_type in LABELS.items():
            yield Variant(f"{stem}/{label}", KLASS, _labelled(text, command, content_type), expected)
    elif format_ == "json":
        for label, content_type in JSON_LABELS.items() if _is_json(parameters) else ():
            relabelled = _relabelled(text, command, _JSON_TYPE, content_type)
            if relabelled is not None:
                yield Variant(f"{stem}/{label}", KLASS, relabelled, expected)
        for label, typo in TYPOS.items():
            rewritten = _with_typo(text, command, typo)
            if rewritten is not None:
                yield Variant(f"{stem}/{label}", KLASS, rewritten, expected)


def _is_json(parameters: dict[str, Any]) -> bool:
    """Whether the body is JSON as written (a body already mislabelled or typo'd is not relabelled again)."""
    try:
        json.loads(parameters["body"])
    except ValueError:
        return False
    return True


def _relabelled(text: str, command: Command, written: re.Pattern[str], content_type: str) -> str | None:
    """The text with its written Content-Type (the whole value) said to be another; None when it writes none."""
    inside = text[command.start : command.end]
    match = written.search(inside)
    if match is None:
        return None
    return text[: command.start] + inside[: match.start()] + match.group(1) + content_type \
        + inside[match.end() :] + text[command.end :]


def _labelled(text: str, command: Command, content_type: str) -> str:
    """The text with the form's Content-Type said to be another, or such a header added right after curl."""
    relabelled = _relabelled(text, command, _FORM_TYPE, content_type)
    if relabelled is not None:
        return relabelled
    at = command.after_curl
    return text[:at] + f' -H "Content-Type: {content_type}"' + text[at:]


def _with_typo(text: str, command: Command, typo: Callable[[str], str | None]) -> str | None:
    """The text with the typo in its JSON data word, when that word is written verbatim (single-quoted or bare)."""
    for word, (start, end) in zip(command.words, command.spans, strict=True):
        source = text[start:end]
        if not (word.strip().startswith("{") and word.strip().endswith("}")) or source not in (word, f"'{word}'"):
            continue
        changed = typo(word)
        if changed is None or "'" in changed:
            return None
        return text[:start] + (f"'{changed}'" if source != word else changed) + text[end:]
    return None
