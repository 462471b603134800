"""The web API's answers: the library's results as JSON-ready dicts, nothing computed twice.

Each function takes a request body already checked against the OpenAPI schema
(``curlport.web.openapi``) and returns the answer body; no HTTP in here, so the
answers are tested without a server. A text that cannot be imported is not an
HTTP error: the answer says so the way the CLI does, with the code, the location
and the exit code ``curlport import`` would have.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from curlport.catalogue import CODES
from curlport.config.model import Config
from curlport.config.schema import schema_text
from curlport.errors import CurlportError, UnsupportedRequestError
from curlport.findings import Finding, Severity
from curlport.importer import ImportResult, decode_input, import_curl
from curlport.lint.fixes import AppliedFix, fix_import, fix_json_text
from curlport.lint.json_positions import parse_with_positions
from curlport.lint.reporters import finding_record
from curlport.lint.runner import PARSE_ERROR, check_import, lint_text, span_in_command, span_in_json
from curlport.rules.base import resolve
from curlport.secrets import SecretPlace, secret_places
from curlport.source import Source, Span

Json = dict[str, Any]
#: The name lint gives the text when the request names none (lint's findings do not depend on it).
_UNNAMED = "provider"
#: Shorter secrets are not searched for in messages: "ab" would mask half the words.
MIN_MASKED_IN_MESSAGES = 3


@dataclass(frozen=True)
class LocatedSecret:
    """A secret of the config, and its characters in the input text when they are found there."""

    place: SecretPlace
    span: Span | None


@dataclass(frozen=True)
class Reading:
    """What one text gives: the config (when there is one), the findings, where its secrets are."""

    kind: str
    text: str
    config: Config | None
    config_json: str | None
    findings: tuple[Finding, ...]
    secrets: tuple[LocatedSecret, ...]
    exit_code: int
    applied: tuple[AppliedFix, ...] = ()


@dataclass(frozen=True)
class FixStep:
    """Apply the fixes of one code (every code when None), the unsafe ones too when asked."""

    code: str | None
    unsafe: bool


def kind_of(payload: Json) -> str:
    """``curl`` or ``config``: a config is a JSON object, and a curl command never starts with ``{``."""
    kind = str(payload.get("kind", "auto"))
    if kind != "auto":
        return kind
    return "config" if payload["text"].lstrip().startswith("{") else "curl"


def import_answer(payload: Json) -> Json:
    """``POST /api/import``: what ``curlport import`` writes for a curl command; a config JSON is linted as it is."""
    return _answer(_read(payload, ()), payload)


def fix_answer(payload: Json) -> Json:
    """``POST /api/fix``: the import (or the config) with fixes applied, as ``import --fix`` and ``lint --fix`` do."""
    steps = tuple(FixStep(step.get("code"), bool(step.get("unsafe", False)))
                  for step in payload.get("fixes", [{"code": None, "unsafe": False}]))
    reading = _read(payload, steps)
    return {**_answer(reading, payload), "text": reading.text,
            "applied": [asdict(change) for change in reading.applied]}


def lint_answer(payload: Json) -> Json:
    """``POST /api/lint``: what ``curlport lint`` reports for the text as a .curl or a .json file."""
    kind = kind_of(payload)
    name = f"{payload.get('name') or _UNNAMED}.{'json' if kind == 'config' else 'curl'}"
    report = lint_text(payload["text"].encode("utf-8", "surrogatepass"), name)
    findings = report.findings
    return {"kind": kind, "findings": _records(findings, payload), "exit_code": _exit_code(findings)}


def rules_answer() -> list[Json]:
    """``GET /api/rules``: every code and its documentation, as ``curlport rules`` lists them."""
    return [{**asdict(doc), "severity": doc.severity.value} for doc in CODES.values()]


def schema_answer() -> Json:
    """``GET /api/schema``: the published JSON Schema of a config."""
    loaded: Json = json.loads(schema_text())
    return loaded


def _read(payload: Json, steps: tuple[FixStep, ...]) -> Reading:
    if kind_of(payload) == "config":
        return _read_config(payload["text"], steps)
    return _read_curl(payload["text"], payload.get("name"), steps)


def _read_curl(text: str, name: str | None, steps: tuple[FixStep, ...]) -> Reading:
    try:
        result = import_curl(decode_input(text.encode("utf-8", "surrogatepass")), name=name or None)
    except CurlportError as error:
        code = error.code if isinstance(error, UnsupportedRequestError) else PARSE_ERROR
        return Reading("curl", text, None, None, (Finding(code, Severity.ERROR, error.message, error.span),),
                       (), error.exit_code)
    applied: list[AppliedFix] = []
    for step in steps:
        result, done = fix_import(result, _codes(step), unsafe=step.unsafe)
        applied += done
    findings = check_import(result)
    return Reading("curl", text, result.config, result.config_json, findings, _curl_secrets(result),
                   _exit_code(findings), tuple(applied))


def _read_config(text: str, steps: tuple[FixStep, ...]) -> Reading:
    applied: list[AppliedFix] = []
    for step in steps:
        fixed = fix_json_text(text, _codes(step), unsafe=step.unsafe)
        text, applied = fixed.text, applied + list(fixed.applied)
    findings = lint_text(text.encode("utf-8", "surrogatepass"), f"{_UNNAMED}.json").findings
    try:
        config, offsets = parse_with_positions(text)
    except json.JSONDecodeError:
        return Reading("config", text, None, None, findings, (), _exit_code(findings), tuple(applied))
    if not isinstance(config, dict):
        return Reading("config", text, None, None, findings, (), _exit_code(findings), tuple(applied))
    source = Source(text)
    secrets = tuple(LocatedSecret(place, span_in_json(source, offsets, place.pointer, place.start, place.end))
                    for place in secret_places(config))
    return Reading("config", text, config, text, findings, secrets, _exit_code(findings), tuple(applied))


def _curl_secrets(result: ImportResult) -> tuple[LocatedSecret, ...]:
    return tuple(LocatedSecret(place, span_in_command(result, place.pointer, place.start, place.end))
                 for place in secret_places(result.config))


def _codes(step: FixStep) -> frozenset[str] | None:
    return frozenset({step.code}) if step.code else None


def _exit_code(findings: Iterable[Finding]) -> int:
    """The CLI's: 1 when a finding is at error level."""
    return 1 if any(finding.severity is Severity.ERROR for finding in findings) else 0


def _records(findings: Iterable[Finding], payload: Json, secrets: Iterable[str] = ()) -> list[Json]:
    """The findings as the JSON formats write them; messages masked by pattern (as the CLI masks them) and,
    unless ``show_secrets``, every known secret value the message quotes."""
    show_secrets = bool(payload.get("show_secrets", False))
    records = [finding_record(finding, show_secrets) for finding in findings]
    for secret in () if show_secrets else sorted(set(secrets), key=len, reverse=True):
        if len(secret) >= MIN_MASKED_IN_MESSAGES:
            for record in records:
                record["message"] = record["message"].replace(secret, "*" * len(secret))
    return records


def _secret_texts(reading: Reading) -> list[str]:
    texts = []
    for secret in reading.secrets:
        value = resolve(reading.config or {}, secret.place.pointer)
        if isinstance(value, str):
            texts.append(value[secret.place.start : secret.place.end])
    return texts


def _span(span: Span | None) -> Json | None:
    return asdict(span) if span else None


def _answer(reading: Reading, payload: Json) -> Json:
    return {
        "kind": reading.kind,
        "config": reading.config,
        "config_json": reading.config_json,
        "findings": _records(reading.findings, payload, _secret_texts(reading)),
        "secrets": [{**asdict(secret.place), "span": _span(secret.span)} for secret in reading.secrets],
        "exit_code": reading.exit_code,
    }
