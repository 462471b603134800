"""Blind3's JSON-doc-flaws class: a doc's JSON body with what JSON does not allow but docs write.

A note inside the body (``/* or: "device_id": … */``, ``// optional``) and a template token where a value goes,
without quotes (``"preview_url": <ENABLE_LINK_PREVIEW>``): curl sends the body as written (the provider would
refuse it, CP305 says so), yet the recipient and the message are plainly in it. Each fixture whose body is a JSON
object in single quotes gets each flaw at its start; the places stay (the config keeps the flaw, so it is not the
fixture's).
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
