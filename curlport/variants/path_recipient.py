"""Issue 19's class of a recipient in the URL's path: ``…/send/{phone}/…``, ``…/sms/<number>``, ``…/SMS/+9199…``,
``…/sim/$ICCID``. The provider addresses the recipient as a resource, so no name says "to": the segment before it
and the value's own shape (a number, a template naming one) must.

Each fixture whose recipient is a query parameter is rewritten with that pair taken out of the query and the number
(its sample, or a template of it) as a new last path segment after a word of the endpoint; one style puts a device's
id segment before it (``/devices/DEVICE_ID/…``), which must never be taken for the recipient.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final
from urllib.parse import parse_qsl, urlsplit

from curlport.variants.base import Variant, imported, url_written

KLASS: Final = "path-recipient"
#: The path written before the recipient, as provider docs write it.
PREFIXES: Final = ("send", "sms", "SMS", "messages/to", "devices/DEVICE_ID/send")
#: The recipient's segment: the fixture's own sample ("sample"), or a template of it.
TEMPLATES: Final = ("sample", "{phone}", "<number>", "$PHONE")


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """The fixture's URL with its recipient moved from the query into the path, where the URL is written once,
    verbatim, in the text."""
    to = str(expected.get("to", ""))
    result = imported(text, placeholders="none")
    if result is None or not to.startswith("query:") or str(expected.get("body", "ask")) == "ask":
        return
    url = str(result.config["endpoint"])
    parts = urlsplit(url)
    name = to.removeprefix("query:")
    raw = parts.query.split("&")
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if text.count(url) != 1 or len(raw) != len(pairs) or [key for key, _ in pairs].count(name) != 1:
        return
    sample = next(value for key, value in pairs if key == name)
    if not sample or any(c in sample for c in " ,;/"):
        return
    query = "&".join(written for (key, _), written in zip(pairs, raw, strict=True) if key != name)
    for prefix in PREFIXES:
        for template in TEMPLATES:
            segment = url_written(sample if template == "sample" else template, "path")
            path = f"{parts.path.rstrip('/')}/{prefix}/{segment}"
            moved = f"{parts.scheme}://{parts.netloc}{path}" + (f"?{query}" if query else "")
            written = text.replace(url, moved)
            index = len(path[1:].split("/")) - 1
            check = imported(written, placeholders="none")
            if check is not None and str(check.config["endpoint"]) == moved:
                yield Variant(f"{stem}/{prefix}/{template}", KLASS, written,
                              {**expected, "to": f"path:{index}", "same_config": False})
