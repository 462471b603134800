"""CP305: a body declared JSON (the JSON type, or a JSON Content-Type) that is not JSON."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Autofix, Config, Fix, Problem, Rule, replace_span
from curlport.rules.json_body import body_of, declared_json, read_body


def check(config: Config) -> Iterator[Problem]:
    found = body_of(config)
    if found is None or not declared_json(config):
        return
    body, reading = found[1], read_body(config)
    error = reading.error if reading is not None else None
    if reading is None or error is None:
        return
    shaped = _by_its_shape(body)
    if shaped is not None:
        yield shaped
        return
    position = getattr(error, "pos", 0)
    start = min(position, max(len(body) - 1, 0))
    reason = getattr(error, "msg", str(error))
    where = "at its end" if position >= len(reading.blanked) else f"at character {position + 1}"
    yield Problem("/parameters/body", f"the body is declared JSON but is not: {reason} {where}; the provider "
                  "rejects it", start, min(start + 1, len(body)) or None)


def _by_its_shape(body: str) -> Problem | None:
    """The real problem when the body reads as something else: form pairs, or JSON with a doc's typo (the first
    one, at its character; a trailing comma's removal is a safe fix, a stray backslash's an unsafe one)."""
    from curlport.config.detect.lenient import read  # lazy: only a body that may be JSON

    reading = read(body)
    if reading is None:
        return None
    if reading.shape == "form":
        return Problem("/parameters/body", "the body is form data (key=value&…) but is declared JSON: declare it "
                       "application/x-www-form-urlencoded (the form field type), or write it as JSON; the provider "
                       "cannot read it", 0, len(body))
    flaw, more = reading.flaws[0], len(reading.flaws) - 1
    others = f" (and {more} more: {', '.join(f.problem for f in reading.flaws[1:4])})" if more else ""
    fix = None
    if flaw.problem.startswith(("a trailing comma", "a stray backslash")):
        fix = Fix(flaw.fix, flaw.problem.startswith("a trailing comma"),
                  replace_span("/parameters/body", flaw.offset, flaw.offset + flaw.length, ""))
    return Problem("/parameters/body", f"the body is declared JSON but has {flaw.problem}{others}: {flaw.fix}; "
                   "the provider rejects it", flaw.offset, flaw.offset + flaw.length, fix)


RULE: Rule = Rule(
    "CP305", "json-body-invalid", Severity.ERROR,
    "A body declared JSON (the JSON parameter type, or a JSON Content-Type) that is not valid JSON.",
    "The provider parses the body as JSON and rejects every message: a missing brace or a trailing comma in a "
    "pasted sample is easy to miss.",
    "Make the body valid JSON (the placeholders inside strings: \"$$To\").",
    '{"parameters": {"format": "json", "body": "{\\"to\\": \\"$$To\\", \\"text\\": \\"$$Body\\""}}',
    '{"parameters": {"format": "json", "body": "{\\"to\\": \\"$$To\\", \\"text\\": \\"$$Body\\"}"}}',
    check,
    autofix=Autofix.SAFE_OR_UNSAFE,
    fix_safety="Removing a trailing comma is safe: no JSON reader accepts it, and nothing else changes. Removing a "
               "stray backslash is unsafe: the doc may have meant a backslash (\\\\) rather than none.",
    needs=frozenset(("body",)),
)
