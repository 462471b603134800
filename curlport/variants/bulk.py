"""Class 2, bulk samples: the documentation sends several messages at once, a list of records each with its own number
and text (``messages[0]``, ``messages[1]``, ``to1``/``text1``, ``to[0]``/``text[0]``), or one text to a list of
numbers (``to=A,B``).

The first record is the template: the places are those of the fixture (in its first record), and once the extra
records are dropped and the placeholders written the config is the fixture's own. A fixture whose recipient and
message are members of a flat JSON object is also wrapped into ``{"messages": [record, record]}``, where the places
move into the first record.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any, Final

from curlport.importer import ImportResult
from curlport.variants.base import Variant, holds, imported, literal, locate, quote_at, replace, shell_written, slot_at

KLASS: Final = "bulk"
#: How documentation separates a list of numbers in one value.
SEPARATORS: Final = {"comma": ",", "comma-space": ", ", "space": " ", "semicolon": ";"}


def other_number(sample: str) -> str | None:
    """A second recipient like the sample (its last digit changed), or None when the sample has no digit to change."""
    for index in range(len(sample) - 1, -1, -1):
        if sample[index].isdigit():
            return sample[:index] + str((int(sample[index]) + 1) % 10) + sample[index + 1 :]
    return None


def _number_lists(text: str, result: ImportResult, expected: dict[str, Any]) -> Iterator[tuple[str, str, bool]]:
    """(label, text, same config): the recipient's sample followed by a second number."""
    slot = slot_at(result, str(expected.get("to", "")))
    if slot is None or isinstance(slot.value, list) or slot.place.kind == "path":
        return
    sample = slot.text.strip() if not (slot.place.kind == "form" and slot.text.startswith(" ")) else "+" + slot.text[1:]
    second = other_number(sample)
    located = locate(result, slot)
    if second is None or located is None:
        return
    for label, separator in SEPARATORS.items():
        token = sample + separator + second
        rewritten = replace(text, located, literal(token, located, str(token)))
        if holds(imported(rewritten, placeholders="none"), str(expected["to"]), token):
            yield f"numbers-{label}", rewritten, True


def _path(place: str) -> list[str] | None:
    return place[len("json:"):].split(".") if place.startswith("json:") else None


def _set(document: Any, path: list[str], value: Any) -> None:
    holder = document
    for step in path[:-1]:
        holder = holder[int(step)] if isinstance(holder, list) else holder[step]
    last = path[-1]
    if isinstance(holder, list):
        holder[int(last)] = value
    else:
        holder[last] = value


def _get(document: Any, path: list[str]) -> Any:
    for step in path:
        document = document[int(step)] if isinstance(document, list) else document[step]
    return document


def _second_record(record: Any, to: list[str], body: list[str]) -> Any:
    """A copy of the first record with another number and another text."""
    second = copy.deepcopy(record)
    number = _get(record, to)
    if isinstance(number, str):
        _set(second, to, other_number(number) or number)
    elif isinstance(number, int):
        _set(second, to, number + 1)
    text = _get(record, body)
    if isinstance(text, str):
        _set(second, body, text + " (second)")
    return second


def _records(result: ImportResult, expected: dict[str, Any]) -> Iterator[tuple[str, Any, dict[str, Any], bool]]:
    """(label, the JSON body rewritten, its places, same config): the record that holds both places duplicated in its
    array; a flat body wrapped into a messages array of two."""
    to, body = _path(str(expected.get("to", ""))), _path(str(expected.get("body", "")))
    raw = (result.config.get("parameters") or {}).get("body")
    if to is None or body is None or not isinstance(raw, str):
        return
    try:
        document = json.loads(raw)
    except ValueError:  # a body with a typo: its records are the mislabelled class's to rewrite, not this one's
        return
    shared = 0
    while shared < min(len(to), len(body)) - 1 and to[shared] == body[shared]:
        shared += 1
    indexes = [i for i in range(shared) if to[i].isdigit()]
    if indexes:
        at = indexes[-1]
        array = _get(document, to[:at])
        record = array[int(to[at])]
        array.insert(int(to[at]) + 1, _second_record(record, to[at + 1 :], body[at + 1 :]))
        yield f"records-{'.'.join(to[:at])}", document, expected, True
    elif isinstance(document, dict):
        wrapped = {"messages": [document, _second_record(document, to, body)]}
        places = {**expected, "to": "json:messages.0." + ".".join(to), "body": "json:messages.0." + ".".join(body)}
        yield "wrapped-messages", wrapped, places, False


#: How documentation names the records of a sample of pairs: the first record's key, the second's.
NUMBERINGS: Final = {"suffix": ("{}1", "{}2"), "bracket": ("{}[0]", "{}[1]")}


def _named_records(text: str, result: ImportResult, expected: dict[str, Any]
                   ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(label, text, places): a query or form sample whose recipient and message pairs are numbered as records
    (``to1=…&to2=…``, ``to[0]=…&to[1]=…``), the second record written right after the first's pair."""
    pairs = []
    for role in ("to", "body"):
        slot = slot_at(result, str(expected.get(role, "")))
        located = locate(result, slot) if slot is not None and slot.place.kind in ("query", "form") else None
        if slot is None or located is None or slot.place.path:
            return
        key_start = located.start - len(slot.place.name) - 1
        if text[key_start : located.start] != slot.place.name + "=":
            return
        pairs.append((role, slot, located, key_start))
    for label, (first, second) in NUMBERINGS.items():
        if label == "bracket" and any(slot.place.kind == "query" for _, slot, _, _ in pairs):
            continue  # curl reads [0] in a URL as a glob
        rewritten, places = text, dict(expected)
        for role, slot, located, key_start in sorted(pairs, key=lambda pair: -pair[3]):
            written = text[located.start : located.end]
            other = other_number(written) if role == "to" else written + "2"
            if other is None:  # no digit to make a second number of (a placeholder already there)
                return
            key = slot.place.name
            pair = (f"{shell_written(first.format(key), located.quote)}={written}&"
                    f"{shell_written(second.format(key), located.quote)}={other}")
            rewritten = rewritten[:key_start] + pair + rewritten[located.end :]
            places[role] = f"{slot.place.kind}:{first.format(key)}"
        again = imported(rewritten, placeholders="none")
        reads = again is not None and all(
            (found := slot_at(again, places[role])) is not None and found.value == slot.value
            for role, slot, _, _ in pairs)
        if reads:
            yield f"named-{label}", rewritten, places


def _body_written(text: str, result: ImportResult, document: Any) -> str | None:
    """The fixture with its JSON body replaced by ``document``, when the import reads that document back."""
    span = result.source_map.get("/parameters/body")
    if span is None:
        return None
    source = result.source
    start, end = source.offset(span.line, span.column), source.offset(span.end_line, span.end_column)
    body = json.dumps(document, indent=2, ensure_ascii=False)
    rewritten = text[:start] + shell_written(body, quote_at(source.text, start)) + text[end:]
    again = imported(rewritten, placeholders="none")
    read = again is not None and json.loads(again.config.get("parameters", {}).get("body") or "null") == document
    return rewritten if read else None


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """The fixture's recipient as a list of numbers; its pairs numbered as records; its record duplicated into a bulk
    array."""
    result = imported(text, placeholders="none")
    recipient = slot_at(result, str(expected.get("to", ""))) if result is not None else None
    if result is None or (recipient is not None and "$$" in recipient.text):
        return  # a finished config, not a sample: there is no second recipient to write
    for label, rewritten, same in _number_lists(text, result, expected):
        yield Variant(f"{stem}/{label}", KLASS, rewritten, {**expected, "same_config": same})
    for label, rewritten, places in _named_records(text, result, expected):
        yield Variant(f"{stem}/{label}", KLASS, rewritten, {**places, "same_config": False})
    for label, document, places, same in _records(result, expected):
        written = _body_written(text, result, document)
        if written is not None:
            yield Variant(f"{stem}/{label}", KLASS, written, {**places, "same_config": same})


DEFAULTS_KLASS: Final = "default-and-record"
#: The default text a bulk API applies to each record without one of its own.
DEFAULT_TEXT: Final = "A default text for every recipient"


def _defaulted(result: ImportResult, expected: dict[str, Any]) -> Iterator[tuple[str, Any, dict[str, Any]]]:
    """(label, the JSON body rewritten, its places): the message's key also as a default outside the records, with
    the first record's own text (placed there), without it (placed at the default, which the first record gets), or
    with it empty (asked: the provider's rule decides)."""
    to, body = _path(str(expected.get("to", ""))), _path(str(expected.get("body", "")))
    raw = (result.config.get("parameters") or {}).get("body")
    if to is None or body is None or not isinstance(raw, str) or len(body) != 1 or "$$" in raw:
        return  # (a finished config, not a sample: its placeholders are where they are)
    try:
        document = json.loads(raw)
    except ValueError:
        return
    if not isinstance(document, dict) or "defaults" in document or "messages" in document:
        return
    first, second = document, _second_record(document, to, body)
    places = {**expected, "to": "json:messages.0." + ".".join(to), "body": "json:messages.0." + body[0]}
    yield "record-over-default", {"defaults": {body[0]: DEFAULT_TEXT}, "messages": [first, {
        key: value for key, value in second.items() if key != body[0]}]}, places
    yield "default-only", {"defaults": {body[0]: first[body[0]]}, "messages": [
        {key: value for key, value in first.items() if key != body[0]}, second]}, {
        **places, "body": "json:defaults." + body[0]}
    yield "empty-record-field", {"defaults": {body[0]: first[body[0]]}, "messages": [{**first, body[0]: ""}, second]}, {
        **places, "body": "ask", "body_candidates": ["json:defaults." + body[0], "json:messages.0." + body[0]]}


def default_variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """A bulk body with a default outside its records (``root.message`` beside ``nodes[0].message``): the platform's
    request carries the first record, so the message's place is the first record's own field, or the default when
    the first record has none."""
    result = imported(text, placeholders="none")
    if result is None:
        return
    for label, document, places in _defaulted(result, expected):
        written = _body_written(text, result, document)
        if written is not None:
            yield Variant(f"{stem}/{label}", DEFAULTS_KLASS, written, {**places, "same_config": False})
