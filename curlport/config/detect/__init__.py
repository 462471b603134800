"""Detection: where the provider's sample recipient and message are, so that $$To and $$Body can take their place.

A pure function of the config. Every slot (see ``places``) is scored for each role
(see ``signals``); the best one is taken only when it is clearly the best. When
two places score alike, or the message field may carry an Indian DLT template id
instead of text, detection does not guess: it asks, with the candidates. A
placeholder already in the config is left where it is, so importing an exported
config changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final, NamedTuple

from curlport.config import shape as read
from curlport.config.detect.bulk import Defaults, Trim, defaults_of, first_records
from curlport.config.detect.places import Place, Slot, find_slot, iter_slots, parse_place, slots_of
from curlport.config.detect.signals import (
    CHAT_ID,
    EXCLUDED,
    MESSAGE,
    RECIPIENT,
    Hints,
    Reading,
    Scored,
    named_readings,
    number_shaped,
    readings,
    scored,
    slot_names,
    words,
)
from curlport.config.short_cache import short_text_cache
from curlport.errors import CurlportError
from curlport.lazy_pattern import LazyPattern
from curlport.source import Span
from curlport.urls import split_url

PLACEHOLDERS: Final = {RECIPIENT: "$$To", MESSAGE: "$$Body"}
FLAGS: Final = {RECIPIENT: "--to", MESSAGE: "--body"}
#: A slot is taken when it scores this much and clearly more than the next one.
FOUND, MARGIN = 6, 2
#: Why a placeholder was placed at the only candidate, which scores below FOUND.
UNSURE: Final = "the only place that may be it, though nothing makes it sure"
#: Below this a slot is not worth offering.
CANDIDATE: Final = 3
#: A slot whose value alone scores this much (a token naming nothing under a name saying nothing: ``total=<>``) is
#: offered only when the other placeholder is placed and nothing better is left: what remains once it is eliminated.
LEFT_OVER: Final = 2
MAX_CANDIDATES: Final = 5
_TLD_REGIONS: Final = {"uk": "GB"}
#: What separates the numbers of a list in one value (``+4470…,+4470…``).
_LIST_SEPARATORS: Final = re.compile(r"\s*[,;]\s*|\s+")

__all__ = ["FLAGS", "PLACEHOLDERS", "Decision", "Detection", "Place", "PlaceError", "Slot", "Substitution",
           "detect", "parse_place", "present", "sample_range", "slots_of", "substitute", "text_at"]


class PlaceError(CurlportError):
    """A --to or --body that names no place of the config (or more than one): the tool cannot go on."""


class Decision(NamedTuple):
    """What detection concluded for one placeholder.

    ``outcome``: ``present`` (the config already has it; ``slot`` holds it when it is
    in a value), ``found`` (detection chose ``slot``), ``chosen`` (the user named
    ``slot``), ``ask`` (``candidates`` could each be it) or ``none`` (nothing looks
    like it; ``candidates`` has the best guess, if any, for pointing at).

    A named tuple, not a frozen dataclass: cheaper to define at every start and to make.
    """

    role: str
    outcome: str
    slot: Slot | None = None
    candidates: tuple[Scored, ...] = ()
    reason: str = ""

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS[self.role]

    @property
    def to_write(self) -> Slot | None:
        return self.slot if self.outcome in ("found", "chosen") else None


class Detection(NamedTuple):
    """What detection concluded for each placeholder.

    A named tuple, not a frozen dataclass: cheaper to define at every start and to make.
    """

    recipient: Decision
    message: Decision

    @property
    def decisions(self) -> tuple[Decision, Decision]:
        return self.recipient, self.message

    def claimed(self) -> list[Slot]:
        """The slots detection takes or offers for either placeholder."""
        return [slot for decision in self.decisions
                for slot in ([decision.slot] if decision.slot else []) + [c.slot for c in decision.candidates]]


class Detected(NamedTuple):
    """A config's places (``slots_of``) and what ``detect`` concluded of it with its defaults.

    The importer hands these on when it worked them out on the very config it returns (nothing
    placed or added afterwards): the rules then read the config without listing and detecting again.
    """

    slots: list[Slot]
    detection: Detection


class Substitution(NamedTuple):
    """One sample replaced by its placeholder: where (config pointer and offsets, place, and ``span`` in the curl
    text once the importer has located it), the sample, and whether its JSON type changed.

    A named tuple, not a frozen dataclass (one per placed sample): named tuples are built several times faster.
    """

    placeholder: str
    #: A Place, not its text: a field named "text#" has no text form that parses back.
    place: Place
    sample: str
    pointer: str
    start: int
    end: int
    replacement: str
    retyped: str = ""
    span: Span | None = None


def sample_range(slot: Slot) -> tuple[int, int]:
    """The offsets of the sample's characters in the config text: inside the quotes of a JSON string."""
    if slot.is_json and isinstance(slot.value, str):
        return slot.start + 1, slot.end - 1
    return slot.start, slot.end


def hints_of(config: dict[str, Any]) -> Hints:
    """Regions a national number may be written for: the country of the endpoint's domain."""
    return _hints(read.text(config, "endpoint"))


@short_text_cache(maxsize=256, longest=2048)
def _hints(endpoint: str) -> Hints:
    """Cached: splitting a URL for its host name is dearer than the rest of a slot's scoring."""
    host = split_url(endpoint).hostname or ""
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    region = _TLD_REGIONS.get(tld, tld.upper())
    return Hints((region,) if len(region) == 2 and region.isalpha() else ())


def _strings(config: dict[str, Any]) -> list[str]:
    """Every text of the config a placeholder could be in (keys too: a placeholder there is still 'there')."""
    parameters = read.section(config, "parameters")
    texts = [config.get("endpoint"), parameters.get("body"), *read.section(config, "auth").values()]
    for listed in (config.get("headers"), parameters.get("fields")):
        if isinstance(listed, list):
            for row in listed:
                if isinstance(row, dict):
                    texts += (row.get("key"), row.get("value"))
    return [text for text in texts if isinstance(text, str)]


def _present(config: dict[str, Any]) -> dict[str, bool]:
    """Which placeholders are already there, in any letter case or percent-encoded (other rules fix those).

    The texts are joined by NUL (no placeholder spelling holds one, so none is found across two texts), and
    lowercased once for both placeholders, only when a ``$$`` or a ``%24%24`` says one may be there at all.
    """
    joined = "\0".join(_strings(config))
    if "$$" not in joined and "%24%24" not in joined:
        return dict.fromkeys(PLACEHOLDERS, False)
    lowered = joined.lower()
    return {role: plain in lowered or encoded in lowered for role, (plain, encoded) in _SPELLINGS.items()}


#: Each placeholder lowercased, as it is and percent-encoded.
_SPELLINGS: Final = {role: (placeholder.lower(), placeholder.lower().replace("$$", "%24%24"))
              for role, placeholder in PLACEHOLDERS.items()}


def _named(slots: list[Slot], place: Place, flag: str) -> Slot:
    matches = find_slot(slots, place)
    existing = ", ".join(dict.fromkeys(str(slot.place) for slot in slots)) or "none"
    if not matches:
        raise PlaceError(f"{flag} {place}: no such place in this request; the places are: {existing}")
    if len(matches) > 1:
        raise PlaceError(f"{flag} {place}: several places are named so ({', '.join(str(m.place) for m in matches)});"
                         " name one")
    return matches[0]


def _decide(role: str, readings: list[tuple[Slot, Reading]], taken: Slot | None, slots: list[Slot]) -> Decision:
    # ``is not``: the slots of one listing are all distinct, and ``taken`` is one of them.
    eligible = [(slot, reading) for slot, reading in readings if slot is not taken and reading.total > EXCLUDED]
    # The only value shaped like the role (the one phone number, the one sentence) is it, when no name says otherwise.
    shaped = [index for index, (_, reading) in enumerate(eligible) if reading.shape >= 3]
    if len(shaped) == 1 and not any(reading.name > 0 for _, reading in eligible):
        slot, reading = eligible[shaped[0]]
        eligible[shaped[0]] = slot, reading._replace(total=reading.total + 2, alone=True)
    # Ranked on the totals; a Scored record (its reason in words) is made only for the few a decision reports.
    ranked = sorted(eligible, key=lambda item: -item[1].total)
    if not ranked or ranked[0][1].total < CANDIDATE:
        return Decision(role, "none", candidates=_scored(ranked[:1]) if ranked and ranked[0][1].total > 0 else ())
    best_slot, best = ranked[0]
    if best.template_id:
        return Decision(role, "ask", candidates=_offered(ranked, with_named=True),
                        reason=f"{best_slot.place.describe()} holds '{best_slot.text}', which may be an Indian DLT "
                               "template id rather than the text")
    if role == MESSAGE and _dlt_route(slots):
        return Decision(role, "ask", candidates=_offered(ranked, with_named=True),
                        reason="on a DLT route the message field may carry a template id rather than the text")
    # Clearly the best: ahead by MARGIN, or ahead at all as the only one of the two whose own name says the role (a
    # number under "address" against a bare number in the URL path, a template under "body" against free text).
    second = ranked[1][1] if len(ranked) > 1 else None
    clear = second is None or best.total - second.total >= MARGIN or (
        best.name > 0 >= second.name and best.total > second.total)
    if best.total >= FOUND and clear:
        return Decision(role, "found", best_slot, _scored(ranked[:1]))
    offered = _offered(ranked)
    if len(offered) == 1:  # one candidate is no question: it is placed, and the note says how sure
        return Decision(role, "found", best_slot, offered, reason=UNSURE)
    reason = "several places score alike" if not clear else "no place is clearly it"
    return Decision(role, "ask", candidates=offered, reason=reason)


#: Up to this many numbers are each checked with ``phonenumbers``; beyond it only those that can be candidates are.
_ALL_CHECKED: Final = 64
#: A number ranked this far below the best checked reading cannot be offered once checked.
_OUT_OF_REACH: Final = 3


def checked_readings(slots: list[Slot], hints: Hints) -> list[tuple[Slot, tuple[Reading, Reading]]]:
    """Each slot's readings; in a config of many numbers (a body of thousands of distinct values) only the few numbers
    that can be candidates are checked with ``phonenumbers``.

    The numbers are first ranked as if each were valid (``Hints.assumed``: the most a number scores for the recipient).
    For each role they are checked best first (in document order among equals, as ranking breaks ties), until the
    "only value of its shape" rule cannot apply (a name for the role, or two checked values of the shape) and enough
    are checked to fill the candidates and the margin, or the next is out of reach of the best. The numbers left
    count as plausible runs of digits (2, a valid number's least), behind every checked one that ranked above them.
    """
    shaped = frozenset(index for index, slot in enumerate(slots) if number_shaped(slot.value))
    if len(shaped) <= _ALL_CHECKED:
        return [(slot, readings(slot, hints)) for slot in slots]
    ranking = hints._replace(assumed=4)
    names = [slot_names(slot) for slot in slots]  # worked out once: a large config's names overflow their cache
    pairs = [named_readings(names[index], slot, ranking if index in shaped else hints)
             for index, slot in enumerate(slots)]
    unchecked = set(shaped)
    for role in (0, 1):
        eligible = [index for index, pair in enumerate(pairs) if pair[role].total > EXCLUDED]
        named = any(pairs[index][role].name > 0 for index in eligible)
        best = max((pairs[index][role].total for index in eligible if index not in unchecked), default=EXCLUDED)
        alike, checked = 0, 0
        for index in sorted(unchecked.intersection(eligible), key=lambda i: (-pairs[i][role].total, i)):
            enough = checked > MAX_CANDIDATES or pairs[index][role].total < best - _OUT_OF_REACH
            if (named or alike >= 2) and enough:
                break
            pairs[index] = named_readings(names[index], slots[index], hints)
            unchecked.discard(index)
            best = max(best, pairs[index][role].total)
            alike, checked = alike + (pairs[index][role].shape >= 3), checked + 1
    plausible = hints._replace(assumed=2)
    for index in unchecked:
        pairs[index] = named_readings(names[index], slots[index], plausible)
    return list(zip(slots, pairs, strict=True))


def _left_over(role: str, readings: list[tuple[Slot, Reading]], other: Decision) -> Decision | None:
    """What is left for a role once the other placeholder is placed (or asked) and every name that excludes a value
    has: the one value whose token names nothing (``total=<>`` beside ``Content=<>``, ``Key=<>``, ``From=<>``) is
    placed, with a finding that says how sure; several are asked; none is None."""
    claimed = {id(slot) for slot in ([other.slot] if other.slot else []) + [c.slot for c in other.candidates]}
    left = [(slot, reading) for slot, reading in readings
            if id(slot) not in claimed and reading.total >= LEFT_OVER and reading.value >= LEFT_OVER
            and reading.name >= 0]
    if not left:
        return None
    if len(left) == 1:
        return Decision(role, "found", left[0][0], _scored(left), reason=UNSURE)
    return Decision(role, "ask", candidates=_scored(left), reason="no place is clearly it")


#: Why a default and the first record's empty field of the same key are asked about.
CONTESTED: Final = ("the first record's own field is empty: whether the provider then sends it empty or uses the "
                    "default outside the records is its own rule")


def _contested(decision: Decision, readings: list[tuple[Slot, Reading]], defaults: Defaults) -> Decision:
    """A placement at a default or at the first record's empty field of the same key is an ask between the two."""
    placed = decision.slot if decision.outcome == "found" else None
    pair = next((pair for pair in defaults.contested if placed is not None and any(slot is placed for slot in pair)),
                None)
    if pair is None:
        return decision
    offered = [(slot, reading) for slot, reading in readings if any(slot is member for member in pair)]
    return Decision(decision.role, "ask", candidates=_scored(offered), reason=CONTESTED)


def _offered(ranked: list[tuple[Slot, Reading]], with_named: bool = False) -> tuple[Scored, ...]:
    """The candidates of an ask: the best and those close to it (a first part of the ranking), and ``with_named``,
    on a template route, where the text may be in any field named for it (the template's variables), those too."""
    best = ranked[0][1].total
    offered = [item for item in ranked if item[1].total >= max(CANDIDATE, best - 3)][:MAX_CANDIDATES]
    named = [item for item in ranked[len(offered):] if item[1].name > 0] if with_named else []
    return _scored(offered + named)


def _scored(ranked: list[tuple[Slot, Reading]]) -> tuple[Scored, ...]:
    return tuple(scored(slot, reading) for slot, reading in ranked[:MAX_CANDIDATES])


class _Walked:
    """A config's slots read as far as a search needs, and remembered: the searches for $$To and $$Body share
    one partial walk, which stops before a JSON body when the placeholders are found earlier."""

    def __init__(self, config: dict[str, Any]) -> None:
        self._rest = iter_slots(config)
        self._seen: list[Slot] = []

    def __iter__(self) -> Iterator[Slot]:
        yield from self._seen
        for slot in self._rest:
            self._seen.append(slot)
            yield slot


def _holder_of(placeholder: str, slots: Iterable[Slot]) -> Slot | None:
    return next((slot for slot in slots if placeholder in slot.text), None)


#: The words that say a request sends a one-time password the provider's template wraps into its text.
_OTP_WORDS: Final = frozenset(("otp", "otps", "passcode", "totp", "verify", "verification", "2fa", "mfa"))
#: An OTP code as docs write one: four to eight digits.
_OTP_CODE: Final = LazyPattern(r"\d{4,8}")
#: Why an OTP code is asked about, never placed.
OTP_REASON: Final = ("the provider builds the text from its OTP template and the request carries only the code; if "
                     "the campaign's message is the code, choose its place")


def _otp_route(slots: list[Slot]) -> bool:
    """A request that names an OTP: a key (``otp``, ``otp_code``), or a segment of the URL's path (``/otp/send``,
    ``/SMS/{phone}/{otp}/OTP1``)."""
    names = {slot.place.key if slot.place.kind != "path" else slot.text for slot in slots}  # a bulk body repeats them
    return any(_OTP_WORDS.intersection(words(name)) for name in names)


def _otp_code(decision: Decision, readings: list[tuple[Slot, Reading]], recipient: Decision) -> Decision:
    """On an OTP route, the values that are only a code (``otp=123456``, ``/SMS/{phone}/12345/OTP1``) are candidates
    for the message: a real place (the provider's template wraps the code into its text), asked about with the other
    candidates (a place taken only for want of another is one), never placed, since the operator's message may not
    be a code."""
    taken = {id(slot) for slot in ([recipient.slot] if recipient.slot else [])}
    known = {id(candidate.slot) for candidate in decision.candidates}
    codes = [(slot, reading) for slot, reading in readings if reading.total > EXCLUDED and id(slot) not in taken
             and id(slot) not in known and _OTP_CODE.fullmatch(slot.text.strip())]
    if not codes:
        return decision
    offered = (*decision.candidates, *_scored(codes)) if decision.outcome != "none" else _scored(codes)
    return Decision(MESSAGE, "ask", candidates=offered[:MAX_CANDIDATES],
                    reason=decision.reason if decision.outcome == "ask" else OTP_REASON)


def _dlt_route(slots: list[Slot]) -> bool:
    """A route or type set to DLT: India's template-id routes, where `message` may carry the id."""
    return any(isinstance(slot.value, str) and slot.value.lstrip()[:3].lower() == "dlt" for slot in slots)


def detect(config: dict[str, Any], to: Place | None = None, body: Place | None = None, *,
           auto: bool = True, listed: list[Slot] | None = None) -> Detection:
    """Where $$To and $$Body go in this config; ``to``/``body`` are the user's choice (PlaceError if absent).

    Without ``auto`` only the user's choices are made: every other placeholder is ``none``.
    ``listed`` is the config's ``slots_of`` when the caller has it already (the rules do): not listed again.
    """
    present = _present(config)
    # Every slot is scored only when some placeholder is left to place; a config that has both (most configs
    # that are linted) only looks for where they are, which usually stops before any JSON body is read.
    needed = bool(to or body) or (auto and not all(present.values()))
    slots = (slots_of(config) if listed is None else listed) if needed else None
    walked = _Walked(config) if listed is None else listed
    chosen = {RECIPIENT: _named(slots, to, "--to") if to and slots is not None else None,
              MESSAGE: _named(slots, body, "--body") if body and slots is not None else None}
    decisions: dict[str, Decision] = {}
    for role in (RECIPIENT, MESSAGE):
        slot = chosen[role]
        if slot is not None:
            decisions[role] = Decision(role, "chosen", slot)
        elif present[role]:
            decisions[role] = Decision(role, "present", _holder_of(PLACEHOLDERS[role], slots or walked))
    if auto and slots is not None and len(decisions) < 2:
        hints = hints_of(config)
        # Of sibling records (a bulk sample) only the first is a place: the same key in the others is the same place,
        # not a rival, and is not read at all (14,000 records are one record's few values to score).
        defaults = defaults_of(slots)
        first = first_records(slots, defaults.unused)
        both = checked_readings([slot for slot in slots if id(slot) in first], hints)
        otp = _otp_route(slots)
        # On an OTP route an unnamed run of four to eight digits is the code, not a second recipient.
        by_role = {RECIPIENT: [(slot, pair[0]) for slot, pair in both
                               if not (otp and pair[0].name <= 0 and _OTP_CODE.fullmatch(slot.text.strip()))],
                   MESSAGE: [(slot, pair[1]) for slot, pair in both]}
        for role, other in ((RECIPIENT, MESSAGE), (MESSAGE, RECIPIENT)):
            if role not in decisions:
                taken = decisions[other].to_write if other in decisions else None
                decisions[role] = _decide(role, by_role[role], taken, slots)
        unsure = decisions[MESSAGE].outcome in ("none", "ask") or decisions[MESSAGE].reason == UNSURE
        if unsure and otp:
            decisions[MESSAGE] = _otp_code(decisions[MESSAGE], by_role[MESSAGE], decisions[RECIPIENT])
        for role, other in ((RECIPIENT, MESSAGE), (MESSAGE, RECIPIENT)):
            if decisions[role].outcome == "none" and decisions[other].outcome != "none":
                decisions[role] = _left_over(role, by_role[role], decisions[other]) or decisions[role]
            decisions[role] = _contested(decisions[role], by_role[role], defaults)
    for role in (RECIPIENT, MESSAGE):
        if role not in decisions:
            decisions[role] = Decision(role, "none")
    if decisions[RECIPIENT].to_write is not None and decisions[RECIPIENT].to_write == decisions[MESSAGE].to_write:
        decisions[MESSAGE] = Decision(MESSAGE, "none")  # one value cannot be both
    return Detection(decisions[RECIPIENT], decisions[MESSAGE])


def present(listed: list[Slot]) -> Detection:
    """``detect``'s answer, without a user's choice, for a config whose values carry $$To and $$Body as they are
    written (``listed``: its ``slots_of``): both present, where each first is. Known so without lowering every
    text of the config to look for other spellings."""
    return Detection(*(Decision(role, "present", _holder_of(PLACEHOLDERS[role], listed))
                       for role in (RECIPIENT, MESSAGE)))


def substitution(slot: Slot, placeholder: str, span: Span | None = None) -> Substitution:
    """What writing ``placeholder`` at ``slot`` changes: only the sample's characters (``span``: where the sample
    is in the curl text, when the importer knows).

    In JSON the sample's literal becomes the string "$$To": a JSON number too, since the
    platform's number may carry a leading + that is not JSON, and a list of numbers
    becomes ["$$To"], since the platform sends one message per recipient.
    """
    sample = sample_of(slot)
    if slot.is_json and isinstance(slot.value, list):
        return Substitution(placeholder, slot.place, sample, slot.pointer, slot.start, slot.end,
                            f'["{placeholder}"]', f"a JSON array of {len(slot.value)} values, written as "
                            f'["{placeholder}"]: the platform sends one message per recipient', span)
    numbers = [part for part in _LIST_SEPARATORS.split(sample.strip()) if part] if placeholder == "$$To" else []
    listed = len(numbers) if not slot.is_json and all(any(c.isdigit() for c in part) for part in numbers) else 0
    if listed > 1:
        return Substitution(placeholder, slot.place, sample, slot.pointer, slot.start, slot.end, placeholder,
                            f"a list of {listed} numbers, written as one {placeholder}: the platform sends one "
                            "message per recipient", span)
    chat = CHAT_ID.fullmatch(sample.strip('"')) if placeholder == "$$To" and isinstance(slot.value, str) else None
    if chat is not None:  # 14155552671@c.us: the number goes before the gateway's @c.us, which stays
        written = placeholder + chat.group(2)
        return Substitution(placeholder, slot.place, sample, slot.pointer, slot.start, slot.end,
                            f'"{written}"' if slot.is_json else written,
                            f"a WhatsApp chat id, written as {written}: check the number's format (digits only, "
                            "no +)", span)
    if slot.is_json:
        retyped = "" if isinstance(slot.value, str) else (
            f'a JSON {"number" if isinstance(slot.value, int | float) else "literal"}, written as the string '
            f'"{placeholder}"')
        return Substitution(placeholder, slot.place, sample, slot.pointer, slot.start, slot.end,
                            f'"{placeholder}"', retyped, span)
    return Substitution(placeholder, slot.place, sample, slot.pointer, slot.start, slot.end, placeholder, "", span)


def sample_of(slot: Slot) -> str:
    """The sample a substitution replaces, as it reports it: a form or query value without spaces around it."""
    return slot.text if slot.is_json else slot.text.strip()


def _holder(config: dict[str, Any], pointer: str, *, copying: bool = False) -> tuple[Any, Any]:
    """The container and key of the value at a pointer of the config (the pointers slots make: no escapes).

    ``copying`` replaces each container on the way by a shallow copy first, so that the value can be changed
    without changing whoever else holds the containers (``substitute``).
    """
    parent, _, last = pointer.rpartition("/")
    holder: Any = config
    for part in parent.split("/")[1:]:
        step: Any = int(part) if isinstance(holder, list) else part
        if copying:
            holder[step] = holder[step].copy()
        holder = holder[step]
    return holder, int(last) if isinstance(holder, list) else last


def text_at(config: dict[str, Any], pointer: str) -> str:
    """The config text a slot's offsets are about."""
    holder, key = _holder(config, pointer)
    return str(holder[key])


def substitute(config: dict[str, Any], substitutions: Sequence[Substitution | Trim]) -> dict[str, Any]:
    """A copy of the config with the substitutions made, and the extra records of a bulk sample dropped (later
    offsets first, so earlier ones stay true).

    Only the objects and arrays on the way to a changed value are new (a sample is two or three levels down);
    the rest is shared with ``config``, which is left as it was: copying a whole config cost more than the
    substitution itself.
    """
    result = dict(config)
    # Rows go last, the later first: the pointers of the text edits name rows as they were.
    for item in sorted(substitutions, key=lambda s: (isinstance(s.replacement, list), s.pointer, -s.start)):
        holder, key = _holder(result, item.pointer, copying=True)
        text = holder[key]
        holder[key] = text[: item.start] + item.replacement + text[item.end :]
    return result
