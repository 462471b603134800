"""Blind3's JSON-doc-flaws class: a doc's JSON body with what JSON does not allow but docs write.

A note inside the body (``/* or: "device_id": … */``, ``// optional``) and a template token where a value goes,
without quotes (``"preview_url": <ENABLE_LINK_PREVIEW>``), and (blind4) a docs page's response glued to the
body's closing quote (``}'{"accepted": …``) and a word processor's quotes (``{“to”: “…”}``): curl sends the
body as written (the provider would refuse it, CP305 says so), yet the recipient and the message are plainly in
it. Each fixture whose body is a JSON object in single quotes gets each flaw at its start; the places stay (the
config keeps the flaw, so it is not the fixture's).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from curlport.variants.base import Variant

KLASS: Final = "json-doc-flaws"
#: Each flaw, written right after the body's opening brace.
_FLAWS: Final = {
    "block-comment": ' /* optional: "callback": "https://example.net/dlr" */',
    "line-comment": " // the sender is optional\n",
    "unquoted-angle": ' "preview_url": <ENABLE_LINK_PREVIEW>,',
    "unquoted-braces": ' "retries": {{retry_count}},',
}


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Each flaw in the fixture's single-quoted JSON object body, where the fixture places a JSON member."""
    if not any(str(expected.get(role, "")).startswith("json:") for role in ("to", "body")):
        return
    start = text.find("'{")
    if start == -1 or text.count("'{") != 1:
        return
    at = start + 2
    for label, flaw in _FLAWS.items():
        yield Variant(f"{stem}/{label}", KLASS, text[:at] + flaw + text[at:], {**expected, "same_config": False})
    end = text.find("}'", at)
    if end == -1 or text.count("}'") != 1:
        return
    # blind4: a Mintlify page's response glued to the closing quote, and a word processor's quotes in the JSON
    if not text[end + 2 :].strip():  # the body ends the command: what the page's response is glued to
        glued = text[: end + 2] + '{\n"accepted": 1,\n"status": "queued"\n' + text[end + 2 :]
        yield Variant(f"{stem}/response-glued", KLASS, glued, {**expected, "same_config": False})
    body = text[at - 1 : end + 1]
    if "\\" not in body and "\u201c" not in body:
        typographic = _typographic(body)
        yield Variant(f"{stem}/typographic-quotes", KLASS, text[: at - 1] + typographic + text[end + 1 :],
                      {**expected, "same_config": False})


def _typographic(body: str) -> str:
    """The body with each pair of straight double quotes written “…”, as a word processor does."""
    parts = body.split('"')
    return "".join(part + ("\u201c" if index % 2 == 0 else "\u201d") for index, part in enumerate(parts[:-1])) \
        + parts[-1]
