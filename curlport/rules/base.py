"""What a rule is: a declaration (code, name, severity, docs) and a check over a config.

Rules see only the config dict, so the same rule serves a .json config and a
.curl command; where a problem is inside the input is resolved afterwards from
the JSON pointer (and the character offset inside the value) each problem names.
A problem may carry a ``Fix``: an edit of the config, applied by ``curlport.lint.fixes``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, wraps
from typing import Any, NamedTuple, TypeVar
from urllib.parse import quote

from curlport.config.detect import Detected, Detection, detect, present, slots_of
from curlport.config.detect.places import Slot
from curlport.config.model import Config as Config  # re-exported: the type every rule checks
from curlport.config.shape import rows
from curlport.findings import Severity


class Autofix(StrEnum):
    """Which fixes a rule offers: ``--fix`` applies safe ones, ``--unsafe-fixes`` the others too."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    SAFE_OR_UNSAFE = "safe or unsafe"

    def allows(self, safe: bool) -> bool:
        return self is Autofix.SAFE_OR_UNSAFE or (self is Autofix.SAFE) == safe


class Fix(NamedTuple):
    """An edit of the config that removes one problem.

    ``safe`` fixes keep the request the author evidently meant and are applied
    by ``--fix``; unsafe ones guess at intent and need ``--unsafe-fixes``.
    ``apply`` edits the config in place; it is only ever given a copy.

    A named tuple, not a frozen dataclass (one per fixable problem): named tuples are built several times faster.
    """

    description: str
    safe: bool
    apply: Callable[[Config], None]


class Problem(NamedTuple):
    """A rule's finding before it is located: the config value, and where inside it.

    A named tuple, not a frozen dataclass (one per problem a rule finds): named tuples are built several times faster.
    """

    pointer: str
    message: str
    start: int = 0
    end: int | None = None
    fix: Fix | None = None


@dataclass(frozen=True)
class Rule:
    """A rule's declaration: ``curlport rules``, the README table and the tests are generated from it.

    ``autofix`` says which fixes the rule offers and ``fix_safety`` documents when
    and why; both are empty for rules that never offer one. ``explains_schema`` marks
    a rule that says better what a schema violation at the same pointer says. ``needs``: what a config must have
    (``shape_of``'s words) for the rule to find anything there; a run of the rules skips it on a config without.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fix: str
    bad: str
    good: str
    check: Callable[[Config], Iterator[Problem]]
    autofix: Autofix | None = None
    fix_safety: str = ""
    explains_schema: bool = False
    needs: frozenset[str] = frozenset()


class FormValue(NamedTuple):
    """One text value of a config and which field of the provider form holds it (not a detection ``Slot``: a
    rule asks what the form field is, detection where in the request the value sits).

    A named tuple, not a frozen dataclass: cheaper to define at every start and to make.
    """

    pointer: str
    kind: str  # endpoint, header-key, header-value, field-key, field-value, body, username, password
    text: str


class WalkedConfig(dict[str, Any]):
    """A config whose text values and headers were listed once, for all the rules of one run.

    Every rule reads the config through ``slots``, ``values_text``, ``mentions`` and
    ``headers`` (and ``shared`` for what several rules derive); on a walked config those
    read what was made here instead of walking the config again, so the rules of a run
    cost one walk, however many rules and values there are.
    """

    def __init__(self, config: Config, detected: Detected | None = None) -> None:
        super().__init__(config)
        self.slots = _walk(config)
        self.derived: dict[Callable[[Config], Any], Any] = {}
        # ``detected``, the importer's own reading of this config, is taken as its places and detection
        self._detected = detected

    @cached_property
    def text(self) -> str:
        return _joined(self.slots)

    @cached_property
    def headers(self) -> list[tuple[int, str, str]]:
        return _headers(self)

    @cached_property
    def shape(self) -> frozenset[str]:
        return _shape(self)

    @cached_property
    def detection(self) -> Detection:
        if self._detected is not None:
            return self._detected.detection
        if RECIPIENT in self.text and MESSAGE in self.text:  # both written as they are (most configs linted)
            return present(self.place_slots)
        return detect(self, listed=self.place_slots)

    @cached_property
    def place_slots(self) -> list[Slot]:
        return self._detected.slots if self._detected is not None else slots_of(self)


def walked(config: Config, detected: Detected | None = None) -> WalkedConfig:
    """The config wrapped once for a run of all the rules (a config already wrapped is kept): see ``WalkedConfig``.

    ``detected``: the config's places and detection when the importer has them (``ImportResult.detected``).
    """
    return config if isinstance(config, WalkedConfig) else WalkedConfig(config, detected)


_Derived = TypeVar("_Derived")


def shared(derive: Callable[[Config], _Derived]) -> Callable[[Config], _Derived]:
    """``derive`` (a pure function of a config) worked out once per run for all the rules that call it."""
    @wraps(derive)
    def once(config: Config) -> _Derived:
        if not isinstance(config, WalkedConfig):
            return derive(config)
        if derive not in config.derived:
            config.derived[derive] = derive(config)
        result: _Derived = config.derived[derive]
        return result
    return once


def slots(config: Config) -> Iterator[FormValue]:
    """Every text value of a config a placeholder could be in, in document order."""
    return iter(config.slots if isinstance(config, WalkedConfig) else _walk(config))


def _walk(config: Config) -> tuple[FormValue, ...]:
    """``slots``, listed at once: appending to one list is cheaper than resuming a generator per value."""
    listed: list[FormValue] = []
    if isinstance(config.get("endpoint"), str):
        listed.append(FormValue("/endpoint", "endpoint", config["endpoint"]))
    auth = config.get("auth")
    if isinstance(auth, dict):
        for key in ("username", "password"):
            if isinstance(auth.get(key), str):
                listed.append(FormValue(f"/auth/{key}", key, auth[key]))
    _add_key_values(listed, config.get("headers"), "/headers", "header")
    parameters = config.get("parameters")
    if isinstance(parameters, dict):
        _add_key_values(listed, parameters.get("fields"), "/parameters/fields", "field")
        if isinstance(parameters.get("body"), str):
            listed.append(FormValue("/parameters/body", "body", parameters["body"]))
    return tuple(listed)


def _add_key_values(listed: list[FormValue], rows: Any, pointer: str, kind: str) -> None:
    if not isinstance(rows, list):
        return
    key_kind, value_kind = f"{kind}-key", f"{kind}-value"  # once per list, not once per row
    for index, row in enumerate(rows):
        if isinstance(row, dict):
            key, value = row.get("key"), row.get("value")
            if isinstance(key, str):
                listed.append(FormValue(f"{pointer}/{index}/key", key_kind, key))
            if isinstance(value, str):
                listed.append(FormValue(f"{pointer}/{index}/value", value_kind, value))


def starting_with(first: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for ``first``, the characters (a regex class's contents) its matches start with.

    Python's ``re`` tries every alternative of a long alternation at every position
    of a value; the lookahead turns most positions away at once, which makes the
    rules' searches several times faster with the very same matches
    (``tests/test_speed_guards.py`` compares them on generated text).
    """
    return re.compile(f"(?=[{first}])(?:{pattern})", flags)


PLACEHOLDER = re.compile(r"\$\$([A-Za-z][A-Za-z0-9_]*)")
RECIPIENT, MESSAGE, TEMPLATE_ID = "$$To", "$$Body", "$$TemplateId"
#: The platform's documented placeholders: never near misses.
KNOWN_PLACEHOLDERS = frozenset({RECIPIENT, MESSAGE, TEMPLATE_ID, "$$MessageID"})


def values_text(config: Config) -> str:
    """The config's text values (``slots``) joined by NUL, a character no rule's pattern matches or looks around.

    One search of this string says whether any value may hold what a rule looks for
    (a match in a value is a match here): most configs hold nothing a given rule
    reports, and skip its walk of the values.
    """
    return config.text if isinstance(config, WalkedConfig) else _joined(_walk(config))


def _joined(listed: tuple[FormValue, ...]) -> str:
    return "\0".join(slot.text for slot in listed)


def mentions(config: Config, placeholder: str) -> bool:
    """Whether any value of the config carries the placeholder as it is written.

    Detection then finds it present (it looks in any letter case and percent-encoded too): a rule about a
    placeholder's missing or left sample knows so from the values' text, without detecting anything.
    """
    return placeholder in values_text(config)


def shape_of(config: Config) -> frozenset[str]:
    """What a config has that some rules need (``Rule.needs``), decided once from its shape: ``headers`` (a header
    row of text), ``GET``, ``oauth2`` auth, a ``body`` of text, ``batching``, and in a text endpoint a ``fragment``
    (``#``) or a ``percent`` sign."""
    return config.shape if isinstance(config, WalkedConfig) else _shape(config)


def _shape(config: Config) -> frozenset[str]:
    auth, parameters, endpoint = config.get("auth"), config.get("parameters"), config.get("endpoint")
    endpoint = endpoint if isinstance(endpoint, str) else ""
    return frozenset(word for word, present in (
        ("headers", bool(headers(config))),
        ("GET", config.get("method") == "GET"),
        ("oauth2", isinstance(auth, dict) and auth.get("type") == "oauth2"),
        ("body", isinstance(parameters, dict) and isinstance(parameters.get("body"), str)),
        ("batching", isinstance(config.get("batching"), dict)),
        ("fragment", "#" in endpoint),
        ("percent", "%" in endpoint),
    ) if present)


def place_slots(config: Config) -> list[Slot]:
    """The config's values by place (``curlport.config.detect.places``): listed once per run for the rules that ask."""
    return config.place_slots if isinstance(config, WalkedConfig) else slots_of(config)


def detection(config: Config) -> Detection:
    """Where the config's $$To and $$Body are or would go: computed once per run for all the rules that ask."""
    return config.detection if isinstance(config, WalkedConfig) else detect(config)


def headers(config: Config) -> list[tuple[int, str, str]]:
    return config.headers if isinstance(config, WalkedConfig) else _headers(config)


def _headers(config: Config) -> list[tuple[int, str, str]]:
    """(index, name, value) of each header row whose name and value are text (other rows are schema violations)."""
    return [(index, row["key"], row["value"]) for index, row in rows(config.get("headers"))
            if isinstance(row.get("key"), str) and isinstance(row.get("value"), str)]


def header_value(config: Config, name: str) -> str | None:
    """The value of the config's first header of this name, in any letter case."""
    return _first_values(config).get(name.lower())


def has_header(config: Config, lowered: str) -> bool:
    """Whether the config has a header of this name (given in lower case) in any letter case: a rule about one
    header asks before it reads them all."""
    return lowered in _first_values(config)


@shared
def _first_values(config: Config) -> dict[str, str]:
    """The first value of each header by its lowercased name: each name lowered once for all the rules that ask."""
    first: dict[str, str] = {}
    for _, key, value in headers(config):
        first.setdefault(key.lower(), value)
    return first


def resolve(config: Config, pointer: str) -> Any:
    """The value at a JSON pointer of the config (the pointers rules make: no escapes needed).

    Raises ``KeyError`` when the config has no value there (a key missing, an index out
    of range or not a number, a step into a string or a number).
    """
    value: Any = config
    for part in pointer.split("/")[1:]:
        if isinstance(value, dict):  # most steps: asked first
            if part not in value:
                raise KeyError(pointer)
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            raise KeyError(pointer)
    return value


def assign(config: Config, pointer: str, new: Any) -> None:
    parent_pointer, _, last = pointer.rpartition("/")
    parent = resolve(config, parent_pointer)
    if isinstance(parent, list):
        parent[int(last)] = new
    else:
        parent[last] = new


def add_query(endpoint: str, pairs: list[tuple[str, str]]) -> str:
    """The endpoint with key=value pairs appended to its query, encoded but with placeholders kept literal."""
    base, hash_mark, fragment = endpoint.partition("#")
    joiner = "" if base.endswith(("?", "&")) else ("&" if "?" in base else "?")
    query = "&".join(f"{quote(key, safe='$')}={quote(value, safe='$')}" for key, value in pairs)
    return f"{base}{joiner}{query}{hash_mark}{fragment}"


def replace_span(pointer: str, start: int, end: int, new: str) -> Callable[[Config], None]:
    """A fix that rewrites characters start…end of the text at ``pointer`` (offsets of the current config)."""
    def apply(config: Config) -> None:
        text = str(resolve(config, pointer))
        assign(config, pointer, text[:start] + new + text[end:])
    return apply
