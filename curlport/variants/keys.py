"""Class 1, cryptic keys with weak value evidence: the gateway names its fields with abbreviations or words of another
language (``das``, ``dst``, ``mob``, ``gsm``, ``no``; ``sm``, ``txt``, ``m``, ``mensaje``), and the doc fills the number
with zeros or x's (``mobiles=0000000``, ``das=xxxxxxxxxx``) instead of a sample.

Each fixture's recipient key, then its message key, then both, is renamed (the recipient's value also zero- and
x-filled); the places are the fixture's under the new names. A rename that collides with another name of the request,
or that the import does not read back at the renamed place, is not a variant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Final, NamedTuple

from curlport.config.detect import slots_of
from curlport.config.detect.bulk import numbered_records
from curlport.config.detect.places import Slot
from curlport.importer import ImportResult
from curlport.variants.base import Located, Variant, imported, literal, locate, shell_written, slot_at

KLASS: Final = "cryptic-keys"
#: Recipient keys of real gateways: abbreviations (SMPP's ``da``, destination, mobile, GSM, number) and plurals.
RECIPIENT_KEYS: Final = ("da", "das", "dst", "dest", "msisdn", "mob", "mobiles", "gsm", "no", "nums")
#: Message keys of real gateways: abbreviations (SMPP's short message ``sm``) and other languages' words.
MESSAGE_KEYS: Final = ("sm", "sms", "msg", "txt", "m", "text", "content", "body", "mensaje", "nachricht")
#: What a doc writes where the number goes when it gives none: digits as zeros, digits as x's.
WEAK_NUMBERS: Final = ("0000000000", "xxxxxxxxxx", "xx")
#: (label, the new key of each role renamed, the new value of each role rewritten).
Renaming = tuple[str, dict[str, str], dict[str, str]]


class Key(NamedTuple):
    """Where a place's key is written in the curl text, and the place it becomes under another name."""

    start: int
    end: int
    quote: str
    slot: Slot
    located: Located

    def renamed(self, name: str) -> str:
        place = self.slot.place
        if place.kind != "json":
            return f"{place.kind}:{name}"
        last = max(index for index, part in enumerate(place.path) if not part.isdigit())
        return "json:" + ".".join((*place.path[:last], name, *place.path[last + 1 :]))


def key_of(text: str, result: ImportResult, place_text: str) -> Key | None:
    """The key of the place in the text: ``key=`` right before a pair's value, ``"key":`` before a JSON member's."""
    slot = slot_at(result, place_text)
    numbered = numbered_records(slots_of(result.config))
    record = slot is not None and ("[" in slot.place.name or slot.place.name.rstrip("0123456789") in numbered)
    located = locate(result, slot) if slot is not None and not record else None  # a record's key names its family
    if slot is None or located is None or (slot.place.kind not in ("query", "form", "json")):
        return None
    if slot.place.kind != "json":
        start = located.start - len(slot.place.name) - 1
        if slot.place.path or text[start : located.start] != slot.place.name + "=":
            return None
        return Key(start, located.start - 1, located.quote, slot, located)
    literal_start = located.start - 1 if isinstance(slot.value, str) else located.start
    key, offset = slot.place.key, max(0, literal_start - 200)
    written = re.search(r'"(' + re.escape(key) + r')"\s*:\s*\[?\s*$', text[offset:literal_start])
    if written is None:
        return None
    return Key(offset + written.start(1), offset + written.end(1), located.quote, slot, located)


def renamings(text: str, expected: dict[str, Any], choices: Iterable[Renaming]
              ) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(label, text, places) of each renaming of the fixture's recipient and message keys that the import reads back as
    intended: the same number of places, each renamed place there (holding the value written, if one was)."""
    result = imported(text, placeholders="none")
    if result is None:
        return
    keys = {role: key for role in ("to", "body") if expected.get(role, "ask") != "ask"
            and (key := key_of(text, result, str(expected[role]))) is not None}
    names = {slot.place.key.lower() for slot in slots_of(result.config)}
    count = len(slots_of(result.config))
    for label, renames, values in choices:
        if not set(renames) <= set(keys) or any(name.lower() in names for name in renames.values()):
            continue  # the request has a field of that name already: another request, not a renamed one
        edits = [(keys[role].start, keys[role].end, shell_written(name, keys[role].quote))
                 for role, name in renames.items()]
        edits += [(keys[role].located.start, keys[role].located.end, literal(value, keys[role].located, value))
                  for role, value in values.items()]
        rewritten = text
        for start, end, written in sorted(edits, key=lambda edit: -edit[0]):  # later first: earlier offsets stay
            rewritten = rewritten[:start] + written + rewritten[end:]
        places = {role: keys[role].renamed(name) for role, name in renames.items()}
        again = imported(rewritten, placeholders="none")
        if again is not None and len(slots_of(again.config)) == count and all(
                _reads(again, places[role], values.get(role)) for role in renames):
            yield label, rewritten, places


def _choices() -> Iterator[Renaming]:
    """Each recipient key (as it is, zero- and x-filled), each message key, and the two together."""
    for name in RECIPIENT_KEYS:
        yield f"to={name}", {"to": name}, {}
        for number in WEAK_NUMBERS:
            yield f"to={name}:{number}", {"to": name}, {"to": number}
    for name in MESSAGE_KEYS:
        yield f"body={name}", {"body": name}, {}
    for index, name in enumerate(MESSAGE_KEYS):
        to = RECIPIENT_KEYS[index % len(RECIPIENT_KEYS)]
        yield f"to={to}:{WEAK_NUMBERS[0]}+body={name}", {"to": to, "body": name}, {"to": WEAK_NUMBERS[0]}


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Each cryptic recipient key (as it is, zero- and x-filled), each message key, and the two together."""
    for label, rewritten, places in renamings(text, expected, _choices()):
        yield Variant(f"{stem}/{label}", KLASS, rewritten, {**expected, **places, "same_config": False})


def _reads(result: ImportResult, place_text: str, value: str | None) -> bool:
    """Whether the import reads the renamed place (holding ``value`` when the rewrite wrote one)."""
    slot = slot_at(result, place_text)
    return slot is not None and (value is None or str(slot.value).strip() == value)
