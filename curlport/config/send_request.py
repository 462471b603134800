"""Which of several requests in one text is the send.

Scripts and READMEs show more than the call that sends the message: a token or login request first, a status
check after it, the same token request tried three ways. The first curl of such a text is often not the send,
so the import chooses by evidence instead of by position: the request whose fields carry a recipient or a
message (the places detection finds) is the send; a token or login request (its URL ends in ``/token``,
``/auth``, ``/login``… or it asks for a ``grant_type``) never is, and a request without such evidence (a status
check) is not preferred over one with it. Two requests with the same evidence are an ask, never a silent pick;
a text whose requests are all token requests is refused with what to paste instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Final, NamedTuple

from curlport.config.detect import detect, slots_of
from curlport.config.detect.signals import RECIPIENT
from curlport.config.model import to_config
from curlport.errors import CurlportError, CurlUsageError
from curlport.findings import Finding
from curlport.lazy_pattern import LazyPattern
from curlport.parse import notes
from curlport.parse.request import Request
from curlport.parse.shell import ShellCommand
from curlport.source import Span
from curlport.urls import split_url

#: The last path segment of a URL that hands out a token or a session rather than sending anything.
_TOKEN_PATH: Final = LazyPattern(
    r"(?i)(?:^|[/_.-])(?:oauth2?|tokens?|auth|authenticate|authori[sz]e|login|log-?in|sign-?in|sessions?)/?$")
#: A place inside a list: a numbered segment (``json:recipients.0.phonenumber``, ``json:to.0``).
_LISTED: Final = LazyPattern(r"\.\d+(?:\.|$)")
#: Detection outcomes that mean the request has a place for the placeholder.
_EVIDENCE: Final = frozenset({"present", "found", "chosen", "ask"})


class Reading(NamedTuple):
    """One command of the text, what curl would send for it, and what that request looks like."""

    command: ShellCommand
    request: Request
    #: True for a token or login request: it obtains credentials, it sends no message.
    token: bool
    #: How many of $$To and $$Body detection finds a place for in the request's config (0, 1 or 2).
    evidence: int
    #: What the request sends but the samples detection places $$To and $$Body at: compared between sends.
    shape: Shape | None = None


class Shape(NamedTuple):
    """A send's request without its samples: to tell one request written twice, with and without credentials."""

    #: The method and the endpoint without its query.
    base: tuple[str, str]
    #: The places the placeholders go to.
    placed: frozenset[str]
    #: Every other place and its value (headers, query, fields, JSON members).
    values: frozenset[tuple[str, str]]
    #: The config's auth, as text.
    auth: str
    #: Whether the recipient's place is in a list (``recipients.0.phonenumber``, ``to.0``): a bulk send's.
    listed: bool = False


class Send(NamedTuple):
    """The send among several requests, and what the import says about the choice."""

    command: ShellCommand
    note: Finding
    #: An OAuth 2.0 client-credentials token request among the others: the config's OAuth 2.0 section comes from it.
    token: ShellCommand | None


def distinct_commands(commands: tuple[ShellCommand, ...]) -> list[ShellCommand]:
    """The commands in text order, each once: a curl inside ``NAME=$(curl …)`` is listed both as the statement's
    and as the substitution's; the substitution's (which knows the variable it sets) is kept."""
    by_start: dict[int, ShellCommand] = {}
    for command in commands:
        known = by_start.get(command.curl_word.start)
        if known is None or known.assigned_to is None:
            by_start[command.curl_word.start] = command
    return [by_start[start] for start in sorted(by_start)]


def is_token_request(request: Request) -> bool:
    """A request that obtains a token or a session: by its URL's last path segment, or a ``grant_type`` field."""
    if _TOKEN_PATH.search(split_url(request.url.text).path):
        return True
    body = request.body or ""
    return "grant_type=" in body or "grant_type=" in split_url(request.url.text).query


def _reading(command: ShellCommand, request: Request) -> Reading:
    token = is_token_request(request)
    if token:
        return Reading(command, request, True, 0)
    try:
        config = to_config(request).config
    except CurlportError:  # the form cannot express it: no evidence it is the send
        return Reading(command, request, False, 0)
    listed = slots_of(config)  # listed once: detection reads the same slots
    detection = detect(config, listed=listed)
    placed = frozenset(str(d.slot.place) for d in detection.decisions if d.slot is not None and d.outcome != "ask")
    values = frozenset((str(slot.place), repr(slot.value)) for slot in listed
                       if str(slot.place) not in placed)
    base = (str(config["method"]), str(config["endpoint"]).partition("?")[0])
    recipient = next((str(d.slot.place) for d in detection.decisions if d.role == RECIPIENT and d.slot is not None), "")
    shape = Shape(base, placed, values, json.dumps(config.get("auth"), sort_keys=True),
                  _LISTED.search(recipient) is not None)
    return Reading(command, request, False, sum(d.outcome in _EVIDENCE for d in detection.decisions), shape)


def send_reading(commands: tuple[ShellCommand, ...],
                 request_of: Callable[[ShellCommand], Request]) -> Send | None:
    """The send among several requests, and the finding that says which was taken and why; None when the text
    has one request (or none of its requests shows evidence of being the send: the first is kept, as before).

    Raises ``CurlUsageError`` (exit 2) when every request is a token request, or when two look alike as the send.
    """
    distinct = distinct_commands(commands)
    if len(distinct) < 2:
        return None
    readings: list[Reading] = []
    for command in distinct:
        try:
            readings.append(_reading(command, request_of(command)))
        except CurlportError:
            continue  # a command curl would not run is not the send
    sends = [reading for reading in readings if not reading.token and reading.evidence]
    if not sends:
        if readings and all(reading.token for reading in readings):
            raise CurlUsageError(_token_only_message(readings), readings[0].request.url.span)
        return None
    best = max(reading.evidence for reading in sends)
    # the same request twice (a transcript's retry, a README repeating it) is one choice
    alike = list({tuple(word.text for word in reading.command.words): reading
                  for reading in reversed(sends) if reading.evidence == best}.values())[::-1]
    fullest = (_with_credentials(alike) or _single(alike)) if len(alike) > 1 else None
    if fullest is not None:  # "send" and "send with your API key", a single send and a bulk send: the first
        alike = [fullest]
    if len(alike) > 1:
        at = ", ".join(str(_span(reading)) for reading in alike)
        raise CurlUsageError(f"{len(alike)} requests of this text look like the send (at {at}): paste the one that "
                             "sends the message (or name its recipient and message places with --to/--body on it "
                             "alone)", _span(alike[0]))
    chosen = alike[0]
    note = _chosen_note(chosen, readings, distinct.index(chosen.command) + 1, len(distinct))
    from curlport.config.oauth import token_request  # lazy: most texts are one command

    oauth = next((reading.command for reading in readings if reading.token and token_request(reading.request)), None)
    return Send(chosen.command.replaced((note, *chosen.command.findings), None), note, oauth)


def _with_credentials(alike: list[Reading]) -> Reading | None:
    """Of sends that are one request written with and without its credentials (a doc's "send" then "send with your
    API key", a test without the key then with it), the one that carries them all: each other's places and values
    are among its own, and it has more (a key header) or an auth the others lack; the samples at the placeholders'
    places may differ. None when they differ in anything else: then which is the send is the user's to say."""
    shapes = [reading.shape for reading in alike]
    if any(shape is None for shape in shapes):
        return None
    fullest = max(alike, key=lambda reading: _credential_weight(reading.shape))
    top = fullest.shape
    assert top is not None
    for reading in alike:
        shape = reading.shape
        if reading is fullest or shape is None:
            continue
        if (shape.base, shape.placed) != (top.base, top.placed) or not shape.values <= top.values \
                or shape.auth not in ("null", top.auth) or (shape.values, shape.auth) == (top.values, top.auth):
            return None
    return fullest


def _single(alike: list[Reading]) -> Reading | None:
    """Of alike sends, the one whose recipient is one value while each other's is in a list of records or numbers (a
    doc's "send a single SMS", then "send bulk SMS"): the platform sends one message per recipient. None otherwise."""
    singles = [reading for reading in alike if reading.shape is not None and not reading.shape.listed]
    if len(singles) != 1 or any(reading.shape is None for reading in alike):
        return None
    return singles[0]


def _credential_weight(shape: Shape | None) -> int:
    return 0 if shape is None else len(shape.values) + (shape.auth != "null")


def _span(reading: Reading) -> Span:
    return reading.command.span_of(reading.command.curl_word)


def _token_only_message(readings: list[Reading]) -> str:
    count = "the only request" if len(readings) == 1 else f"all {len(readings)} requests"
    return (f"{count} of this text request a token or a login ({readings[0].request.url.text}), not the send: paste "
            "the provider's curl command that sends the SMS (with the token request, if it uses OAuth 2.0 client "
            "credentials, and the send using its Bearer token)")


def _read_as(reading: Reading, chosen: Reading) -> str:
    if reading.token:
        return "a token request"
    if reading.evidence and reading.shape is not None and chosen.shape is not None:
        if reading.shape.listed and not chosen.shape.listed:
            return "a bulk send (its recipients in a list)"
        if reading.shape.base == chosen.shape.base:
            return "the same request without its credentials"
    return "no recipient or message"


def _chosen_note(chosen: Reading, readings: list[Reading], position: int, count: int) -> Finding:
    """Which command of how many became the config, and what the others were read as."""
    span = _span(chosen)
    others = [f"{_read_as(r, chosen)} at {_span(r)}" for r in readings if r is not chosen]
    why = "its fields carry the recipient and the message" if chosen.evidence == 2 else \
        "its fields carry the recipient or the message"
    return notes.SEND_CHOSEN.at(f"the request at {span} (curl command {position} of {count}) imported as the send: "
                                f"{why}; the others: {'; '.join(others)}", span)
