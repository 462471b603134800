"""The import pipeline: shell text → words → options → request → config.

This is the library entry point the CLI wraps; it never prints and never exits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from curlport.config.emit import config_json
from curlport.config.model import Config, to_config
from curlport.errors import InputError
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
) -> ImportResult:
    """Turn the text of a curl command into a provider config.

    Raises a ``CurlportError`` subclass, with the line and column, when the text is
    not a curl command, or when curl would send something the form cannot express.
    ``@file`` arguments are read only from inside ``allow_file_refs``.
    """
    if len(text) > MAX_INPUT_BYTES:
        raise InputError(f"input is {len(text) / 1e6:.1f} MB; a curl command is at most 1 MiB", Span(1, 1, 1, 1))
    if not text.strip():
        raise InputError("empty input: expected a curl command", Span(1, 1, 1, 1))
    command = split_first_command(text, source_name)
    invocation = read_invocation(command)
    request = build_request(invocation, allow_file_refs)
    converted = to_config(request, name)
    rendered = config_json(converted.config)  # the contract: every result validates against the schema
    findings = command.findings + request.findings
    # findings about the config as a whole point at the curl word
    source_map = {"": command.span_of(command.curl_word), **converted.source_map}
    return ImportResult(converted.config, rendered, findings, source_map, command.source)
