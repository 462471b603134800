"""How detection does on a corpus: ``python -m curlport.detect_report [--classes] [DIR]`` (default ``fixtures/curl``).

With ``--classes`` the verdicts are on every variant of every class (``curlport.variants``) generated from the
folder's fixtures, counted per class.

Each ``<case>.curl`` with a ``<case>.places.toml`` beside it (``to``/``body``: a place,
or ``"ask"`` with the ``to_candidates``/``body_candidates`` an ask must offer) is
imported, and each placeholder's outcome is one of:

* found: placed where expected (or already there), or asked where an ask was expected;
* asked: an ask where the answer was clear (a miss, but an honest one);
* missed: nothing placed, or an ask without a candidate it had to offer;
* wrong: placed somewhere else, or placed where it should have asked: the worst outcome.

A text that cannot be read (not UTF-8, not a request curl can send, a form the platform cannot express) misses each of
its placeholders, "not read" with the reason, and the report goes on. The test suite runs the same evaluation and fails
on any ``wrong``.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curlport.config.detect import Decision, detect
from curlport.config.detect.places import Place, Slot, parse_place
from curlport.errors import CurlportError
from curlport.importer import import_curl
from curlport.inputs import decode_input

VERDICTS = ("found", "asked", "missed", "wrong")
_EXPECTED_KEYS = {"recipient": "to", "message": "body"}
#: The exit codes, as ``--help`` prints them.
EXIT_CODES = {0: "no placement is wrong (misses and asks are counted, not failures)",
              1: "some placeholder was placed somewhere else than its .places.toml says",
              2: "no report: bad arguments, no <case>.curl with a <case>.places.toml in the folder, or a .places.toml "
                 "that is not TOML"}


class ExpectationError(CurlportError):
    """A .places.toml that cannot be read: the report cannot judge its case, so there is no report."""


@dataclass(frozen=True)
class Verdict:
    case: str
    role: str
    expected: str
    got: str
    verdict: str


def same_place(expected: Place, slot: Slot) -> bool:
    """Whether an expected place names the slot: the same place, its key for a bare NAME, or the single value of
    an array the place names (``json:to`` and ``json:to.0`` for ``"to": ["…"]``)."""
    got = slot.place
    if expected.kind == "name":
        return got.key == expected.name
    if expected == got:
        return True
    same_field = expected.kind == got.kind and expected.name == got.name
    return same_field and (expected.path == (*got.path, "0") or got.path == (*expected.path, "0"))


def _describe(decision: Decision) -> str:
    if decision.outcome in ("found", "present", "chosen") and decision.slot is not None:
        return f"{decision.outcome} {decision.slot.place}"
    if decision.outcome == "ask":
        return "ask " + ", ".join(str(c.slot.place) for c in decision.candidates)
    return decision.outcome


def judge(decision: Decision, expected: str, must_offer: list[str]) -> str:
    """The verdict on one placeholder's decision against the expected place (or "ask")."""
    placed = decision.slot if decision.outcome in ("found", "present", "chosen") else None
    offered = [c.slot for c in decision.candidates] if decision.outcome == "ask" else []
    if expected == "ask":
        if placed is not None:
            return "wrong"
        if decision.outcome != "ask":
            return "missed"
        needed = [parse_place(text) for text in must_offer]
        return "found" if all(any(same_place(p, s) for s in offered) for p in needed) else "missed"
    place = parse_place(expected)
    if placed is not None:
        return "found" if same_place(place, placed) else "wrong"
    return "asked" if decision.outcome == "ask" else "missed"


def evaluate(curl_file: Path) -> list[Verdict]:
    """The verdicts on one case, from its .curl and its .places.toml; ExpectationError when the .places.toml cannot be
    read. A .curl that cannot be read (a file error, not UTF-8) misses each placeholder, as a text the import refuses
    does."""
    places = curl_file.with_suffix(".places.toml")
    try:
        expected = tomllib.loads(places.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ExpectationError(f"{places}: {error}") from error
    try:
        text = decode_input(curl_file.read_bytes())
    except OSError as error:
        return _not_read(curl_file.stem, expected, error.strerror or str(error))
    except CurlportError as error:
        return _not_read(curl_file.stem, expected, error.message)
    return verdicts_of(curl_file.stem, text, expected)


def _not_read(case: str, expected: dict[str, Any], reason: str) -> list[Verdict]:
    return [Verdict(case, role, str(expected[key]), f"not read: {reason}", "missed")
            for role, key in _EXPECTED_KEYS.items() if expected.get(key)]


def verdicts_of(case: str, text: str, expected: dict[str, Any]) -> list[Verdict]:
    """The verdicts on one text against its expected places (the keys of a .places.toml); a text the import
    cannot read misses every placeholder."""
    try:
        config = import_curl(text, name=case.partition("/")[0], placeholders="none").config
    except CurlportError as error:
        return _not_read(case, expected, error.message)
    detection = detect(config)
    verdicts = []
    for decision in detection.decisions:
        key = _EXPECTED_KEYS[decision.role]
        wanted = str(expected.get(key, ""))
        if not wanted:
            continue
        verdict = judge(decision, wanted, list(expected.get(f"{key}_candidates", [])))
        verdicts.append(Verdict(case, decision.role, wanted, _describe(decision), verdict))
    return verdicts


def corpus(directory: Path) -> list[Path]:
    """The .curl files of a folder that have expected places beside them."""
    curl_files = (path.with_suffix("").with_suffix(".curl") for path in sorted(directory.glob("*.places.toml")))
    return [path for path in curl_files if path.is_file()]


def class_verdicts(directory: Path) -> dict[str, list[Verdict]]:
    """The verdicts on every variant of every class (``curlport.variants.CLASSES``) of the folder's fixtures."""
    from curlport.variants import CLASSES
    from curlport.variants.base import fixtures

    cases = list(fixtures(directory))
    return {klass: [verdict for stem, text, expected in cases for variant in generate(stem, text, expected)
                    for verdict in verdicts_of(variant.case, variant.text, variant.expected)]
            for klass, generate in CLASSES.items()}


def _summary(verdicts: list[Verdict]) -> str:
    counts = Counter(item.verdict for item in verdicts)
    total = len(verdicts) or 1
    return ", ".join(f"{counts[name]} {name} ({100 * counts[name] / total:.1f}%)" for name in VERDICTS)


def _misses(verdicts: list[Verdict], limit: int | None = None) -> None:
    shown = [item for item in verdicts if item.verdict != "found"]
    for item in shown[:limit]:
        print(f"{item.verdict:<7} {item.case:<32} {item.role:<9} expected {item.expected:<32} got {item.got}")
    if limit is not None and len(shown) > limit:
        print(f"… and {len(shown) - limit} more")


def _parser() -> argparse.ArgumentParser:
    codes = "\n".join(f"  {code}  {meaning}" for code, meaning in EXIT_CODES.items())
    parser = argparse.ArgumentParser(
        prog="python -m curlport.detect_report", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="How detection places $$To and $$Body on a folder of <case>.curl texts, each judged against "
                    "the <case>.places.toml beside it: found, asked, missed or wrong per placeholder. A text that "
                    "cannot be read is reported as missed (not read: <reason>) and the report goes on.",
        epilog=f"exit codes:\n{codes}")
    parser.add_argument("directory", nargs="?", default="fixtures/curl", type=Path,
                        help="the folder of <case>.curl and <case>.places.toml (default: fixtures/curl)")
    parser.add_argument("--classes", action="store_true",
                        help="judge every variant of every class (curlport.variants) generated from the folder's "
                             "texts, counted per class")
    return parser


def main(argv: list[str] | None = None) -> int:
    """The report on stdout; the exit code (``EXIT_CODES``). ``--help`` and bad arguments exit through argparse."""
    arguments = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    directory: Path = arguments.directory
    try:
        if arguments.classes:
            classes = class_verdicts(directory)
            verdicts = [verdict for found in classes.values() for verdict in found]
        else:
            classes = {}
            verdicts = [verdict for path in corpus(directory) for verdict in evaluate(path)]
    except ExpectationError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2
    if not verdicts:
        print(f"no <case>.places.toml beside a <case>.curl in {directory}", file=sys.stderr)
        return 2
    _misses(verdicts, 40 if arguments.classes else None)
    print()
    width = max(map(len, classes), default=0)
    for klass, found in classes.items():
        print(f"{klass:<{width}} {len({item.case for item in found})} variants, {len(found)} placeholders: "
              f"{_summary(found)}")
    cases = len({item.case for item in verdicts})
    print(f"{cases} cases, {len(verdicts)} placeholders: {_summary(verdicts)}")
    return 1 if any(item.verdict == "wrong" for item in verdicts) else 0


if __name__ == "__main__":
    raise SystemExit(main())
