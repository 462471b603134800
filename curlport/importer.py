"""The import pipeline: shell text → words → options → request → config.

This is the library entry point the CLI wraps; it never prints and never exits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from curlport.config.detect import Substitution, detect, parse_place, planned, substitute
from curlport.config.detect.notes import import_notes, located
from curlport.config.detect.places import Place, PlaceSyntaxError
from curlport.config.emit import config_json
from curlport.config.model import Config, to_config
from curlport.errors import CurlportError, InputError
from curlport.findings import Finding
from curlport.parse.argv import read_invocation
from curlport.parse.request import build_request
from curlport.parse.shell import split_first_command
from curlport.source import Source, Span

MAX_INPUT_BYTES = 1 << 20


@dataclass(frozen=True)
class ImportResult:
    """A schema-valid config, what the import noticed, and where each config value came from."""

    config: Config
    #: The config as JSON text, already checked against the schema: write this, do not re-render.
    config_json: str
    findings: tuple[Finding, ...]
    source_map: dict[str, Span]
    source: Source
    #: The samples replaced by $$To or $$Body, with their place and their span in the curl text.
    substitutions: tuple[Substitution, ...] = ()


def decode_input(data: bytes) -> str:
    """The text of a curl file, or an InputError that says exactly what is wrong with it."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"input is {len(data) / 1e6:.1f} MB; a curl command is at most 1 MiB", Span(1, 1, 1, 1))
    nul = data.find(b"\0")
    if nul != -1:
        position = Source(data[:nul].decode("utf-8", errors="replace")).position(nul)
        raise InputError("binary input (a NUL byte): expected the text of a curl command",
                         Span(position[0], position[1], position[0], position[1] + 1))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = Source(data[: error.start].decode("utf-8", errors="replace")).position(
            len(data[: error.start].decode("utf-8", errors="replace")))
        raise InputError(f"not UTF-8 text: byte 0x{data[error.start]:02x} cannot be decoded",
                         Span(line, column, line, column + 1)) from None
    return text.removeprefix("\ufeff")


def import_curl(
    text: str,
    *,
    name: str | None = None,
    source_name: str = "<stdin>",
    allow_file_refs: Path | None = None,
    to: str | None = None,
    body: str | None = None,
    placeholders: Literal["auto", "none"] = "auto",
) -> ImportResult:
    """Turn the text of a curl command into a provider config.

    Raises a ``CurlportError`` subclass, with the line and column, when the text is
    not a curl command, or when curl would send something the form cannot express.
    ``@file`` arguments are read only from inside ``allow_file_refs``. With
    ``placeholders="auto"`` the provider's sample recipient and message become $$To
    and $$Body where detection is sure; ``to`` and ``body`` name their places
    (``form:To``, ``json:messages.0.to``…) and win over detection, also with ``"none"``.
    """
    if len(text) > MAX_INPUT_BYTES:
        raise InputError(f"input is {len(text) / 1e6:.1f} MB; a curl command is at most 1 MiB", Span(1, 1, 1, 1))
    if not text.strip():
        raise InputError("empty input: expected a curl command", Span(1, 1, 1, 1))
    command = split_first_command(text, source_name)
    invocation = read_invocation(command)
    request = build_request(invocation, allow_file_refs)
    converted = to_config(request, name)
    # findings about the config as a whole point at the curl word
    source_map = {"": command.span_of(command.curl_word), **converted.source_map}
    config, findings = converted.config, command.findings + request.findings
    substitutions: tuple[Substitution, ...] = ()
    if placeholders == "auto" or to or body:
        detection = detect(config, to=_place(to, "--to"), body=_place(body, "--body"), auto=placeholders == "auto")
        substitutions = tuple(located(item, config, command.source, source_map) for item in planned(detection))
        findings += tuple(import_notes(detection, list(substitutions), config, command.source, source_map))
        config = substitute(config, list(substitutions))
    rendered = config_json(config)  # the contract: every result validates against the schema
    return ImportResult(config, rendered, findings, source_map, command.source, substitutions)


def _place(text: str | None, flag: str) -> Place | None:
    if text is None:
        return None
    try:
        return parse_place(text)
    except PlaceSyntaxError as error:
        raise CurlportError(f"{flag}: {error}") from None
