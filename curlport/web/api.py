"""The web API's answers: the library's results as JSON-ready dicts, nothing computed twice.

Each function takes a request body already checked against the OpenAPI schema
(``curlport.web.openapi``) and returns the answer body; no HTTP in here, so the
answers are tested without a server. A text that cannot be imported is not an
HTTP error: the answer says so the way the CLI does, with the code, the location
and the exit code ``curlport import`` would have.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from curlport.catalogue import CODES
from curlport.config.detect import Slot
from curlport.config.form_view import FormRow, Value, form_rows
from curlport.config.model import Config
from curlport.config.schema import schema_text
from curlport.errors import CurlportError, UnsupportedRequestError
from curlport.findings import Finding, Severity
from curlport.importer import ImportResult, import_curl
from curlport.inputs import decode_input
from curlport.json_positions import parse_with_positions
from curlport.lint.fixes import AppliedFix, fix_import, fix_json_text
from curlport.lint.placed import PARSE_ERROR, check_import, curl_locator
from curlport.lint.reporters.json import finding_record
from curlport.lint.runner import json_locator, lint_text
from curlport.preflight.acceptance import judge
from curlport.preflight.complete import gaps, summary
from curlport.preflight.export import FORMATS, export
from curlport.preflight.load import located_gaps
from curlport.preflight.masking import mask_response
from curlport.preflight.provider import Provider, ProviderShapeError, read_provider
from curlport.preflight.render import (
    Encoding,
    HttpRequest,
    MissingValueError,
    Refusal,
    Rendered,
    RenderRefusedError,
    Values,
    as_http,
    render,
)
from curlport.rules.base import Problem, WalkedConfig, walked
from curlport.secrets import SecretPlace, secret_places
from curlport.source import Source, Span

Json = dict[str, Any]
Locate = Callable[[Problem], Span | None]
#: The name lint gives the text when the request names none (lint's findings do not depend on it).
_UNNAMED = "provider"


class ValueRequestError(CurlportError):
    """The request's values cannot be used (a placeholder without a value, a host not confirmed): a 400."""

    def __init__(self, message: str, pointer: str) -> None:
        super().__init__(message)
        self.pointer = pointer


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
    result: ImportResult | None = None
    locate: Locate | None = None
    #: The text as the library read it: it knows the credentials, and masks them in messages.
    source: Source | None = None


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
    return _answer(_read(payload), payload)


def fix_answer(payload: Json) -> Json:
    """``POST /api/fix``: the import (or the config) with fixes applied, as ``import --fix`` and ``lint --fix`` do."""
    reading = _read({"fixes": [{"code": None, "unsafe": False}], **payload})
    return {**_answer(reading, payload), "text": reading.text,
            "applied": [asdict(change) for change in reading.applied]}


def lint_answer(payload: Json) -> Json:
    """``POST /api/lint``: what ``curlport lint`` reports for the text as a .curl or a .json file."""
    kind = kind_of(payload)
    name = f"{payload.get('name') or _UNNAMED}.{'json' if kind == 'config' else 'curl'}"
    report = lint_text(payload["text"].encode("utf-8", "surrogatepass"), name)
    return {"kind": kind, "findings": _records(report.findings, payload, report.source),
            "exit_code": _exit_code(report.findings)}


def rules_answer() -> list[Json]:
    """``GET /api/rules``: every code and its documentation, as ``curlport rules`` lists them."""
    return [{**doc._asdict(), "severity": doc.severity.value} for doc in CODES.values()]


def schema_answer() -> Json:
    """``GET /api/schema``: the published JSON Schema of a config."""
    loaded: Json = json.loads(schema_text())
    return loaded


def render_answer(payload: Json) -> Json:
    """``POST /api/render``: the request the platform sends for the sample values (``curlport render``)."""
    reading = _read(payload)
    rendered, provider, findings, incomplete = _render(reading, payload)
    show_secrets = bool(payload.get("show_secrets", False))
    shown = rendered.shown(show_secrets) if rendered else None
    return {
        "request": _request_record(shown) if shown else None,
        "http": as_http(shown) if shown else None,
        "host": urlsplit(rendered.request.url).hostname if rendered else None,
        "exports": _exports(provider, show_secrets) if rendered and provider else None,
        "findings": _records(findings, payload, reading.source),
        "incomplete": incomplete,
        "exit_code": 1 if rendered is None else 0,
    }


def _exports(provider: Provider, show_secrets: bool) -> Json:
    """The config in every ``curlport export`` format, as shown and as copied (``text``: always unmasked)."""
    exports = {}
    for name in FORMATS:
        text = export(provider, name, show_secrets=True)
        exports[name] = {"text": text, "shown": text if show_secrets else export(provider, name, show_secrets=False)}
    return exports


def send_answer(payload: Json, server: tuple[str, int] | None = None, allow_private: bool = False) -> Json:
    """``POST /api/send``: one real message (``curlport send --yes``), only when ``confirm_host`` names the
    provider's host: the page asks the user first, and a client that did not ask cannot send by accident.

    ``server`` is the address and port the request came in on: the page never sends to its own server, and to
    loopback, private, link-local and metadata addresses only when the request (or ``allow_private``, the
    server's ``--allow-private``) allows them by name.
    """
    reading = _read(payload)
    rendered, provider, findings, incomplete = _render(reading, payload)
    show_secrets = bool(payload.get("show_secrets", False))
    answer: Json = {"sent": False, "request": None, "response": None, "verdict": None, "error": None,
                    "incomplete": incomplete}
    if rendered is None or provider is None:
        return {**answer, "findings": _records(findings, payload, reading.source), "exit_code": 1}
    host = urlsplit(rendered.request.url).hostname
    if payload["confirm_host"] != host:
        raise ValueRequestError(f"confirm_host must name the provider's host, {host}, to send", "/confirm_host")
    from curlport.preflight.destinations import Destinations  # only when sending
    from curlport.preflight.send import SendOptions, send_with_auth

    allowed = Destinations(link_local=bool(payload.get("allow_link_local", False)),
                           private=allow_private or bool(payload.get("allow_private", False)), server=server)
    options = SendOptions(float(payload.get("connect_timeout", 10)), float(payload.get("read_timeout", 30)),
                          total_timeout=float(payload.get("total_timeout", 60)), destinations=allowed,
                          secrets=provider.secrets)
    answer["request"] = _request_record(rendered.shown(show_secrets))
    try:
        exchange = send_with_auth(rendered.request, provider.auth, options)
    except CurlportError as error:
        return {**answer, "error": error.message, "findings": _records(findings, payload, reading.source),
                "exit_code": error.exit_code}
    response = exchange.response if show_secrets else mask_response(exchange.response, provider.secrets)
    verdict = judge(response, provider.response)  # masked characters are a credential's, never what decides
    return {
        **answer, "sent": True,
        "response": {
            "status": response.status, "reason": response.reason,
            "headers": [{"key": name, "value": value} for name, value in response.headers],
            "body": response.text,
        },
        "verdict": {"accepted": verdict.accepted, "confirmed": verdict.confirmed, "word": verdict.word,
                    "code": verdict.code, "name": CODES[verdict.code].name,
                    "reason": verdict.reason, "message_id": verdict.message_id, "warning": verdict.warning},
        "findings": _records(findings, payload, reading.source), "exit_code": 0 if verdict.confirmed else 1,
    }


class _Rendering(NamedTuple):
    """The rendered request (None when it is refused), the provider it is rendered from (read once, for the
    request, the exports and the send), the findings that stop it or that it carries, and what the request would
    not carry."""

    rendered: Rendered | None
    provider: Provider | None
    findings: tuple[Finding, ...]
    incomplete: str | None


def _render(reading: Reading, payload: Json) -> _Rendering:
    """The rendered request, or the findings that stop it (located in the input, as render prints them), and what
    the request would not carry (``allow_incomplete``: rendered anyway, those findings kept)."""
    if reading.config is None or reading.locate is None:
        return _Rendering(None, None, tuple(f for f in reading.findings if f.severity is Severity.ERROR), None)
    blocking = tuple(f for f in reading.findings if f.code == PARSE_ERROR)
    if blocking:
        return _Rendering(None, None, blocking, None)
    try:
        provider: Provider = read_provider(reading.config)
    except ProviderShapeError as error:
        refusal = Refusal(error.code, error.pointer, error.message, 0, 0)
        return _Rendering(None, None, (_located(reading.locate, refusal, None),), None)
    missing = gaps(reading.config)
    incomplete = located_gaps(missing, reading.locate)
    why = summary(missing) if missing else None
    if incomplete and not payload.get("allow_incomplete", False):
        return _Rendering(None, provider, incomplete, why)
    given = payload["values"]
    values = Values(given["to"], given["body"], given.get("template_id"), given.get("message_id"))
    field = values.not_text()
    if field is not None:
        raise ValueRequestError(f"values.{field} is not text (a lone surrogate)", f"/values/{field}")
    try:
        rendered = render(provider, values, Encoding(payload.get("encoding", "platform")))
    except MissingValueError as error:
        raise ValueRequestError(error.message, "/values") from None
    except RenderRefusedError as error:
        return _Rendering(None, provider,
                          tuple(_located(reading.locate, refusal, refusal.end) for refusal in error.refusals), why)
    return _Rendering(rendered, provider, incomplete, why)


def _located(locate: Locate, refusal: Refusal, end: int | None) -> Finding:
    problem = Problem(refusal.pointer, refusal.message, refusal.start, end)
    return Finding(refusal.code, Severity.ERROR, refusal.message, locate(problem), refusal.pointer)


def _request_record(request: HttpRequest) -> Json:
    return {"method": request.method, "url": request.url, "body": request.body,
            "headers": [{"key": name, "value": value} for name, value in request.headers]}


def _read(payload: Json) -> Reading:
    steps = tuple(FixStep(step.get("code"), bool(step.get("unsafe", False))) for step in payload.get("fixes", ()))
    if kind_of(payload) == "config":
        return _read_config(payload["text"], steps)
    return _read_curl(payload, steps)


def _read_curl(payload: Json, steps: tuple[FixStep, ...]) -> Reading:
    text = payload["text"]
    try:
        result = import_curl(decode_input(text.encode("utf-8", "surrogatepass")), name=payload.get("name") or None,
                             to=payload.get("to") or None, body=payload.get("body") or None,
                             placeholders="none" if payload.get("placeholders") == "none" else "auto")
    except CurlportError as error:
        code = error.code if isinstance(error, UnsupportedRequestError) else PARSE_ERROR
        source = Source(text)
        source.add_secrets(error.secrets)
        return Reading("curl", text, None, None, (Finding(code, Severity.ERROR, error.message, error.span),),
                       (), error.exit_code, source=source)
    applied: list[AppliedFix] = []
    for step in steps:
        result, done = fix_import(result, _codes(step), unsafe=step.unsafe)
        applied += done
    # One reading of the config (its values listed, its placeholders detected) for the rules, the secrets, the
    # form and the gaps of the answer, as the rules of one lint run share one.
    result = result._replace(config=walked(result.config, result.detected))
    findings = check_import(result)
    locate = curl_locator(result)
    return Reading("curl", text, result.config, result.config_json, findings, _secrets(result.config, locate),
                   _exit_code(findings), tuple(applied), result, locate, result.source)


def _read_config(text: str, steps: tuple[FixStep, ...]) -> Reading:
    applied: list[AppliedFix] = []
    for step in steps:
        fixed = fix_json_text(text, _codes(step), unsafe=step.unsafe)
        text, applied = fixed.text, applied + list(fixed.applied)
    report = lint_text(text.encode("utf-8", "surrogatepass"), f"{_UNNAMED}.json")
    findings = report.findings
    try:
        config, offsets = parse_with_positions(text)
    except json.JSONDecodeError:
        config, offsets = None, {}
    if not isinstance(config, dict):
        return Reading("config", text, None, None, findings, (), _exit_code(findings), tuple(applied),
                       source=report.source)
    locate = json_locator(Source(text), offsets)
    return Reading("config", text, config, text, findings, _secrets(config, locate), _exit_code(findings),
                   tuple(applied), None, locate, report.source)


def _secrets(config: Config, locate: Locate) -> tuple[LocatedSecret, ...]:
    return tuple(LocatedSecret(place, locate(Problem(place.pointer, "", place.start, place.end)))
                 for place in secret_places(config, _listed(config)))


def _listed(config: Config) -> list[Slot] | None:
    """The config's places when its reading listed them already (a curl command's); a config text's are listed
    where they are needed, which also guards against a malformed one."""
    return config.place_slots if isinstance(config, WalkedConfig) else None


def _codes(step: FixStep) -> frozenset[str] | None:
    return frozenset({step.code}) if step.code else None


def _exit_code(findings: Iterable[Finding]) -> int:
    """The CLI's: 1 when a finding is at error level."""
    return 1 if any(finding.severity is Severity.ERROR for finding in findings) else 0


def _records(findings: Iterable[Finding], payload: Json, source: Source | None,
             actions: dict[Finding, Json] | None = None) -> list[Json]:
    """The findings as the JSON formats write them, secrets masked as the CLI masks them unless ``show_secrets``;
    with ``actions``, each finding the page can act on says how (``action``, else null)."""
    show_secrets = bool(payload.get("show_secrets", False))
    records = [finding_record(finding, show_secrets, source) for finding in findings]
    if actions is None:
        return records
    return [{**record, "action": actions.get(finding)} for finding, record in zip(findings, records, strict=True)]


#: The findings that mean "say where this placeholder goes": the page answers them with its own dropdown.
_MISSING = {"CP101": "$$To", "CP102": "$$Body"}
_ASK = "CP021"


def _actions(reading: Reading) -> dict[Finding, Json]:
    """Per finding of a curl command's placeholders, the page's action: open the choice of a place for
    ``placeholder`` (``place`` null), instead of the CLI's --to/--body.

    The import writes one CP021 per placeholder it asks about, in the decisions' order, naming every candidate:
    the page's dropdown lists the same candidates, so the action is to open it.
    """
    result = reading.result
    if result is None:
        return {}
    actions = {finding: {"placeholder": _MISSING[finding.code], "place": None}
               for finding in reading.findings if finding.code in _MISSING}
    asked = [decision.placeholder for decision in (result.detection.decisions if result.detection else ())
             if decision.outcome == "ask"]
    said = [finding for finding in result.findings if finding.code == _ASK]
    if len(said) == len(asked):
        for finding, placeholder in zip(said, asked, strict=True):
            actions[finding] = {"placeholder": placeholder, "place": None}
    return actions


def _missing(config: Config | None) -> list[str]:
    """The placeholders the config's request would not carry: it cannot be sent (the page's Send stays disabled,
    as ``/api/send`` would refuse it: the same ``gaps``)."""
    if config is None:
        return ["$$To", "$$Body"]
    return list(dict.fromkeys(gap.placeholder for gap in gaps(config)))


def _row_record(row: FormRow) -> Json:
    """A form row as the page reads it: ``dataclasses.asdict``'s dict, made directly (asdict copies every value
    deeply, and cost the answer more than the rows themselves)."""
    pairs = None if row.pairs is None else [{"key": pair.key, "value": _value_record(pair.value)} for pair in row.pairs]
    return {"label": row.label, "value": _value_record(row.value), "level": row.level, "pairs": pairs,
            "body": None if row.body is None else _value_record(row.body)}


def _value_record(value: Value) -> Json:
    return {"text": value.text, "shown": value.shown}


def _span(span: Span | None) -> Json | None:
    return span._asdict() if span else None


def _placeholders(result: ImportResult | None) -> list[Json]:
    """Per placeholder: what detection did, the sample it replaced, and the places it offers when it asks."""
    if result is None or result.detection is None:
        return []
    substituted = {item.placeholder: item for item in result.substitutions}
    records = []
    for decision in result.detection.decisions:
        item = substituted.get(decision.placeholder)
        records.append({
            "placeholder": decision.placeholder, "outcome": decision.outcome,
            "place": str(item.place) if item else (str(decision.slot.place) if decision.slot else None),
            "sample": item.sample if item else None, "span": _span(item.span) if item else None,
            "candidates": [{"place": str(c.slot.place), "sample": c.slot.text} for c in decision.candidates],
        })
    return records


def _answer(reading: Reading, payload: Json) -> Json:
    show_secrets = bool(payload.get("show_secrets", False))
    config = reading.config
    return {
        "kind": reading.kind,
        "config": config,
        "config_json": reading.config_json,
        "form": [_row_record(row) for row in form_rows(config, show_secrets, _listed(config))] if config else None,
        "missing": _missing(reading.config),
        "findings": _records(reading.findings, payload, reading.source, _actions(reading)),
        "secrets": [{**asdict(secret.place), "span": _span(secret.span)} for secret in reading.secrets],
        "placeholders": _placeholders(reading.result),
        "exit_code": reading.exit_code,
    }
