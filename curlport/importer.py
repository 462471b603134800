"""The import pipeline: shell text → words → options → request → config.

This is the library entry point the CLI wraps; it never prints and never exits.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from curlport.config.detect import Detected, Detection, Substitution, detect, parse_place, slots_of, substitute, text_at
from curlport.config.detect.bulk import Trim, extra_records
from curlport.config.detect.notes import import_notes, located
from curlport.config.detect.places import Place, PlaceSyntaxError, Slot, relisted
from curlport.config.json_text import config_json
from curlport.config.model import CURRENT_FORM, Config, ConvertedConfig, form_fields, to_config
from curlport.credentials import credential_spellings, url_spellings
from curlport.errors import CurlportError, InputError, SchemaViolationError, UnsupportedRequestError
from curlport.findings import Finding
from curlport.inputs import MAX_INPUT_BYTES
from curlport.parse import notes
from curlport.parse.argv import read_invocation
from curlport.parse.request import Header, Request, build_request
from curlport.parse.shell import ShellCommand, split_commands
from curlport.source import Source, Span

if TYPE_CHECKING:
    from curlport.config.oauth import TokenRequest


class ImportResult(NamedTuple):
    """A schema-valid config, what the import noticed, and where each config value came from.

    A named tuple, not a frozen dataclass: cheaper to define at every start.
    """

    config: Config
    #: The config as JSON text, already checked against the schema: write this, do not re-render.
    config_json: str
    findings: tuple[Finding, ...]
    source_map: dict[str, Span]
    source: Source
    #: The samples replaced by $$To or $$Body, with their place and their span in the curl text.
    substitutions: tuple[Substitution, ...] = ()
    #: What detection concluded for each placeholder (its candidates when it asks); None with placeholders="none".
    detection: Detection | None = None
    #: ``config``'s places and detection as the rules would work them out, when the import already did: detection
    #: ran with its defaults and nothing was placed or added after it. None otherwise.
    detected: Detected | None = None
    #: The extra records of a bulk sample, dropped from the config (the first is the template).
    dropped: tuple[Trim, ...] = ()


def import_curl(
    text: str,
    *,
    name: str | None = None,
    source_name: str = "<stdin>",
    allow_file_refs: Path | None = None,
    form: str = CURRENT_FORM,
    batching: tuple[str, int] | None = None,
    callback_url: str | None = None,
    to: str | None = None,
    body: str | None = None,
    placeholders: Literal["auto", "none"] = "auto",
) -> ImportResult:
    """Turn the text of a curl command into a provider config.

    Raises a ``CurlportError`` subclass, with the line and column, when the text is
    not a curl command, or when curl would send something the form cannot express.
    ``@file`` arguments are read only from inside ``allow_file_refs``. ``form`` is
    the provider form the config targets (``current`` or ``legacy``); ``batching``
    (batch key, records per batch) and ``callback_url`` are current-form settings
    no curl command carries.
    With ``placeholders="auto"`` the provider's sample recipient and message become $$To
    and $$Body where detection is sure; ``to`` and ``body`` name their places
    (``form:To``, ``json:messages.0.to``…) and win over detection, also with ``"none"``.
    """
    if len(text) > MAX_INPUT_BYTES:
        raise InputError(f"input is {len(text) / 1e6:.1f} MB; a curl command is at most 1 MiB", Span(1, 1, 1, 1))
    if not text.strip():
        raise InputError("empty input: expected a curl command", Span(1, 1, 1, 1))
    commands = split_commands(text, source_name)
    # Every URL of the text, the config's or not (a second URL curl would fetch too): its credentials are masked
    # wherever the text is shown, also when the import fails.
    url_secrets = url_spellings(word.text for command in commands for word in command.words if "://" in word.text)
    try:
        result = _import_commands(commands, name, allow_file_refs, form, batching, callback_url, to, body,
                                  placeholders)
    except CurlportError as error:
        error.secrets |= url_secrets
        raise
    result.source.add_secrets(url_secrets)
    return result


def _import_commands(commands: tuple[ShellCommand, ...], name: str | None, allow_file_refs: Path | None, form: str,
                     batching: tuple[str, int] | None, callback_url: str | None, to: str | None, body: str | None,
                     placeholders: Literal["auto", "none"]) -> ImportResult:
    """``import_curl`` of the commands of a text."""
    built: dict[int, Request] = {}

    def request_of(command: ShellCommand) -> Request:
        """What curl would send for one command, worked out once however many readings ask."""
        if id(command) not in built:
            built[id(command)] = build_request(read_invocation(command), allow_file_refs)
        return built[id(command)]

    commands = _send_first(commands, request_of)
    pair = _oauth2_pair(commands, request_of) if form == CURRENT_FORM else None
    if pair is None:
        command = next(command for command in commands if command.assigned_to is None)
        request = request_of(command)
        converted = _config_of(request, name, form, command.source)
        findings = command.findings + request.findings
    else:
        token_command, token, command, request, bearer = pair
        converted = to_config(request, name, form, (token.auth, bearer))
        converted.source_map.update(token.source_map)
        findings = _oauth2_findings(token_command, token, command, request, bearer)
    config = converted.config
    listed = slots_of(config)  # one listing of the config's places for its credentials, detection and notes
    command.source.add_secrets(credential_spellings(config, listed) | _malformed_header_secrets(request)
                               | _as_written(request, command.source))
    # findings about the config as a whole point at the curl word
    source_map = {"": command.span_of(command.curl_word), **converted.source_map}
    substitutions: tuple[Substitution, ...] = ()
    dropped: tuple[Trim, ...] = ()
    detection = None
    if placeholders == "auto" or to or body:
        detection = detect(config, to=_place(to, "--to"), body=_place(body, "--body"), auto=placeholders == "auto",
                           listed=listed)
        substitutions = located(detection, config, command.source, source_map)
        dropped = extra_records([slot for item in detection.decisions if (slot := item.to_write) is not None], listed,
                                partial(text_at, config))
        findings += tuple(import_notes(detection, list(substitutions), config, command.source, source_map, listed,
                                       dropped, batching=form == CURRENT_FORM and batching is None))
        config = substitute(config, [*substitutions, *dropped])
    defaults = placeholders == "auto" and to is None and body is None
    detected = _detected(config, listed, detection, [*substitutions, *dropped], defaults) \
        if detection is not None and batching is None and callback_url is None else None
    if batching is not None:
        config["batching"] = {"key": batching[0], "size": batching[1]}
    if callback_url is not None:
        config["callback_url"] = callback_url
    try:
        rendered = config_json(config)  # the contract: every result validates against the schema
    except SchemaViolationError as error:  # located at what the value came from (the URL of an endpoint)
        raise SchemaViolationError(error.message, source_map.get(error.pointer), pointer=error.pointer) from None
    return ImportResult(config, rendered, findings, source_map, command.source, substitutions, detection,
                        detected, dropped)


def _detected(config: Config, listed: list[Slot], detection: Detection, edits: list[Substitution | Trim],
              defaults: bool) -> Detected:
    """The places and the detection the rules would work out of the config the import returns: the import's own
    when it edited nothing and detected with the defaults; else the places of the edited texts listed again (the
    others kept) and detected with the defaults (mostly cheap: both placeholders are where they were put)."""
    if not edits and defaults:
        return Detected(listed, detection)
    if any(isinstance(edit.replacement, list) for edit in edits):  # form rows dropped: every row's pointer moved
        slots = slots_of(config)
    else:
        slots = relisted(config, listed, {edit.pointer for edit in edits})
    return Detected(slots, detect(config, listed=slots))


def _malformed_header_secrets(request: Request) -> frozenset[str]:
    """A dropped -H line such as 'X-Api-Key abc123' is still a credential: its finding quotes it."""
    if not request.malformed_headers:
        return frozenset()
    headers = [dict(zip(("key", "value"), line.split(None, 1), strict=False)) for line in request.malformed_headers]
    return credential_spellings({"headers": [h for h in headers if "value" in h]})


def _config_of(request: Request, name: str | None, form: str, source: Source) -> ConvertedConfig:
    """The config of a request; when the form cannot express it, the error's source line still masks its secrets."""
    try:
        return to_config(request, name, form)
    except UnsupportedRequestError as error:
        error.secrets = credential_spellings(_as_config(request)) | _as_written(request, source)
        raise


def _as_written(request: Request, source: Source) -> frozenset[str]:
    """The password as the text writes it when that is not its value (``$'p\\x41ss'``, ``"pa\\$s"``): what
    follows the first colon of the ``-u`` word at its span."""
    password = request.password
    if password is None or password.span is None or not password.text:
        return frozenset()
    span = password.span
    written = source.text[source.offset(span.line, span.column):source.offset(span.end_line, span.end_column)]
    if password.text in written or "://" in written or written.lower().startswith(("authorization",
                                                                                    "proxy-authorization")):
        return frozenset()  # written as it is, or a URL's or a header's (the value and its spellings mask those)
    tail = written.partition(":")[2]
    return frozenset({tail}) if tail else frozenset()


def _as_config(request: Request) -> Config:
    """The request in the config's shape, whatever the form can express, for finding its credentials."""
    fields = form_fields(request.body or "")
    return {"endpoint": request.url.text,
            "auth": {"password": request.password.text} if request.password is not None else None,
            "headers": [{"key": header.name, "value": header.value} for header in request.headers],
            "parameters": {"format": "form", "fields": [{"key": k, "value": v} for k, v in fields]} if fields
            else {"format": "raw", "body": request.body or ""}}


def _send_first(commands: tuple[ShellCommand, ...], request_of: Callable[[ShellCommand], Request]
                ) -> tuple[ShellCommand, ...]:
    """Of a text with several requests, the send (and an OAuth 2.0 token request before it), chosen by evidence."""
    if len(commands) < 2:
        return commands
    from curlport.config.send_request import send_reading  # lazy: most texts are one command

    send = send_reading(commands, request_of)
    if send is None:
        return commands
    return (send.command,) if send.token is None else (send.token, send.command)


def _oauth2_pair(commands: tuple[ShellCommand, ...], request_of: Callable[[ShellCommand], Request]
                 ) -> tuple[ShellCommand, TokenRequest, ShellCommand, Request, Header] | None:
    """The token request that comes first and the later call that sends its token, if the text is that pair."""
    if all(command.assigned_to is not None for command in commands[1:]):
        return None  # no later call (most texts are one command): the first is not read as a token request
    from curlport.config.oauth import bearer_header, token_request  # lazy: most texts are one command

    try:
        token = token_request(request_of(commands[0]))
    except CurlportError:
        return None
    if token is None:
        return None
    for command in commands[1:]:
        if command.assigned_to is not None:
            continue
        try:
            request = request_of(command)
        except CurlportError:
            return None
        bearer = bearer_header(request)
        if bearer is not None:
            return commands[0], token, command, request, bearer
    return None


def _oauth2_findings(token_command: ShellCommand, token: TokenRequest, command: ShellCommand, request: Request,
                     bearer: Header) -> tuple[Finding, ...]:
    """The pair's notes: what follows the token request and what precedes the call were read, not ignored."""
    kept = [f for f in token_command.findings if f.code != notes.IGNORED_TRAILING_TEXT.code]
    kept += [f for f in command.findings + request.findings if f.code != notes.TEXT_BEFORE_CURL.code]
    note = notes.OAUTH2_TOKEN_REQUEST.at(
        f"the client-credentials token request at {token.span} and the Bearer token header at {bearer.span} "
        "read as OAuth 2.0 authentication: the platform fetches the token and sends the header itself",
        token.span, "/auth")
    return (note, *kept)

def _place(text: str | None, flag: str) -> Place | None:
    if text is None:
        return None
    try:
        return parse_place(text)
    except PlaceSyntaxError as error:
        raise CurlportError(f"{flag}: {error}") from None
