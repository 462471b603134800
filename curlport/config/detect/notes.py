"""What the import says about a detection: each placeholder placed, each question asked, at the sample in the curl text.

Detection works on the config; the user reads the curl command. The source map
says which shell word each config value came from; the sample's characters are
looked up inside that word so that a finding points at the number itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final
from urllib.parse import quote, quote_plus

from curlport.config.detect import FLAGS, UNSURE, Decision, Detection, Substitution, sample_of, substitution, text_at
from curlport.config.detect.bulk import Trim
from curlport.config.detect.places import Slot
from curlport.config.detect.signals import RECIPIENT
from curlport.findings import Finding
from curlport.parse import notes
from curlport.source import Source, Span, nearest_span

_ROLE_WORDS: Final = {RECIPIENT: "recipient", "message": "message"}


def _fragments(raw: str, sample: str) -> Iterator[str]:
    """How a sample may be written in the curl text: as in the config, unquoted, with the + that form decoding
    turned into a space, or as its bare text."""
    yield raw
    if raw.startswith('"') and raw.endswith('"'):
        yield raw[1:-1]
    if raw.startswith(" "):
        yield "+" + raw.lstrip()
    yield sample
    yield sample.strip()
    # percent-encoded in the text (-d 'to=%2B1555…', --data-urlencode's output pasted back): as form encoding
    # writes it, and with the characters a URL may leave as they are
    yield quote_plus(sample)
    yield quote(sample, safe="!$'()*,;:@/")


def sample_span(slot_text: str, start: int, end: int, sample: str, pointer: str, source: Source,
                source_map: dict[str, Span]) -> Span | None:
    """The sample's characters in the curl text, or the word it came from when they cannot be told apart."""
    word = nearest_span(pointer, source_map)
    if word is None:
        return None
    raw = slot_text[start:end]
    before = slot_text[max(0, start - 64) : start]
    return next((found for fragment in _fragments(raw, sample) if (found := source.find_after(word, fragment, before))),
                word)


def _sample(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def located(detection: Detection, config: dict[str, Any], source: Source, source_map: dict[str, Span]
            ) -> tuple[Substitution, ...]:
    """The substitutions the detection calls for, each with the span of its sample in the curl text."""
    return tuple(substitution(slot, decision.placeholder,
                              sample_span(text_at(config, slot.pointer), slot.start, slot.end, sample_of(slot),
                                          slot.pointer, source, source_map))
                 for decision in detection.decisions if (slot := decision.to_write) is not None)


def import_notes(detection: Detection, substitutions: list[Substitution], config: dict[str, Any], source: Source,
                 source_map: dict[str, Span], listed: list[Slot], dropped: tuple[Trim, ...] = (),
                 batching: bool = False) -> list[Finding]:
    """CP020 for each substitution, CP023 where curl turns the sample's + into a space, CP021 for each ask,
    CP024 for each array of a bulk sample trimmed to its first record (``batching``: the config's form batches).

    ``listed``: the config's ``slots_of``, which the importer made once for its credentials and detection."""
    findings: list[Finding] = []
    for item in substitutions:
        decision = detection.recipient if item.placeholder == "$$To" else detection.message
        how = f" ({FLAGS[decision.role]})" if decision.outcome == "chosen" else ""
        retyped = f"; {item.retyped}" if item.retyped else ""
        if decision.reason == UNSURE:
            retyped += f"; {UNSURE}: check it, or choose with {FLAGS[decision.role]}"
        findings.append(notes.PLACED.at(
            f"{_ROLE_WORDS[decision.role]}: {item.place.describe()} (sample {_sample(item.sample)}) -> "
            f"{item.placeholder}{how}{retyped}", item.span, item.pointer))
    asked = [candidate.slot for decision in detection.decisions if decision.outcome == "ask"
             for candidate in decision.candidates]
    findings += _plus_notes(config, listed, [*substitutions, *asked], source, source_map)
    for decision in detection.decisions:
        if decision.outcome == "ask":
            findings += _ask_notes(decision, config, source, source_map)
    groups = {(trim.pointer, trim.array): trim for trim in reversed(dropped)}  # the first trim of each group
    findings += [_dropped_note(trim, config, source, source_map, batching) for trim in groups.values()]
    return findings


def _plus_notes(config: dict[str, Any], listed: list[Slot], replaced_places: list[Substitution | Slot],
                source: Source, source_map: dict[str, Span]) -> list[Finding]:
    """CP023 where curl's + changes what the provider reads and stays so: a fixed number (a sender) written +1555…
    in a form value or a query reaches the provider as " 1555…". A sample the import replaced with a placeholder is
    gone, + and all, and so is a candidate of an ask once the operator chooses: neither is reported."""
    replaced = {(item.pointer, item.start) for item in replaced_places}
    findings = []
    for slot in listed:
        value = slot.value
        if slot.place.kind not in ("form", "query") or slot.place.path or (slot.pointer, slot.start) in replaced:
            continue
        if not (isinstance(value, str) and value[:1] == " " and value[1:2].isdigit()):
            continue
        span = sample_span(text_at(config, slot.pointer), slot.start, slot.end, value, slot.pointer, source,
                           source_map)
        start = source.offset(span.line, span.column) if span is not None else -1
        if start == -1 or source.text[start : start + 1] != "+":
            continue
        findings.append(notes.PLUS_BECOMES_SPACE.at(
            f"the + of {slot.place.describe()} ({_sample('+' + value[1:])}) reaches the provider as a space (form "
            "decoding): it reads ' " + _sample(value[1:]) + "'; write %2B for a +", source.span(start, start + 1),
            slot.pointer))
    return findings


def _dropped_note(trim: Trim, config: dict[str, Any], source: Source, source_map: dict[str, Span], batching: bool
                  ) -> Finding:
    """CP024 at the dropped records: how many, and the exact flags that batch on the array where the form can."""
    if isinstance(trim.replacement, list):  # rows: the first dropped field's option
        return notes.BULK_RECORDS_DROPPED.at(_dropped_message(trim, ""), nearest_span(
            f"{trim.pointer}/{trim.start}", source_map), trim.pointer)
    text = text_at(config, trim.pointer)
    batch = (f"; to send up to N recipients per request instead, import with --batch-key {trim.array} "
             "--batch-size N") if batching and trim.batchable else ""
    dropped = text[trim.start : trim.end]
    first = trim.start + len(dropped) - len(dropped.lstrip(" \t\n\r,"))  # the first dropped record, not the comma
    span = sample_span(text, first, trim.end, text[first : trim.end], trim.pointer, source, source_map)
    return notes.BULK_RECORDS_DROPPED.at(_dropped_message(trim, batch), span, trim.pointer)


def _dropped_message(trim: Trim, batch: str) -> str:
    return (f"{trim.array}: {trim.dropped + 1} records, the first is the template, the other {trim.dropped} dropped "
            f"from the config (the platform sends one message per recipient){batch}")


def _ask_notes(decision: Decision, config: dict[str, Any], source: Source, source_map: dict[str, Span]
               ) -> list[Finding]:
    """One CP021 for the ask, at its first candidate, naming every candidate (its place, where it is in the curl
    text, its sample) with the flag that picks it: one problem, one finding."""
    import shlex  # lazy: only a placeholder left to the user needs it, and it costs start-up time

    flag = FLAGS[decision.role]
    spans = [_candidate_span(c.slot, config, source, source_map) for c in decision.candidates]
    choices = "; ".join(f"{flag} {shlex.quote(str(c.slot.place))} ({spans[i] or 'request'}, sample "
                        f"{_sample(c.slot.text, 24)})" for i, c in enumerate(decision.candidates))
    first = decision.candidates[0].slot.pointer if decision.candidates else None
    return [notes.PLACEHOLDER_ASK.at(
        f"{decision.placeholder} not placed: {decision.reason}; choose the {_ROLE_WORDS[decision.role]}'s place: "
        f"{choices}", spans[0] if spans else None, first)]


def _candidate_span(slot: Slot, config: dict[str, Any], source: Source, source_map: dict[str, Span]) -> Span | None:
    return sample_span(text_at(config, slot.pointer), slot.start, slot.end, slot.text, slot.pointer, source,
                       source_map)
