"""What every command shares: the two exit-code exceptions, reading input, printing findings."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from curlport.diagnostics import described, format_diagnostic
from curlport.errors import CurlportError, OutputError
from curlport.findings import Finding, Omitted, capped
from curlport.inputs import MAX_INPUT_BYTES, read_bounded, read_stream
from curlport.source import Source


class ToolError(click.ClickException):
    """A ClickException that exits 2: the tool could not run."""

    exit_code = 2

    def show(self, file: object = None) -> None:
        if self.message:
            click.echo(self.message, err=True)


class FindingsError(ToolError):
    """Errors found in the user's input: exit 1, message already printed."""

    exit_code = 1


def fail(error: CurlportError, file: str, source: Source | None) -> ToolError:
    """The click error for a library error, its line masked (the error's secrets join the source's first).

    Exit 1 for an error in the user's input, 2 when the tool could not run.
    """
    if source is not None:
        source.add_secrets(error.secrets)
    text = format_diagnostic(file, error.span, "error", error.message, source)
    return FindingsError(text) if error.exit_code == FindingsError.exit_code else ToolError(text)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run one input's work (at most ``MAX_INPUT_BYTES``) without the cycle collector; a decorator of a command.

    An import makes few reference cycles and hundreds of thousands of objects that live until it ends (words,
    slots, findings): the collector's scans of them find nothing to free and cost a tenth of a 1 MiB import.
    The cycles it does make are freed by the first collection after it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def read_input(path: str) -> tuple[bytes, str]:
    """The bytes of CURL_FILE or CONFIG (- for stdin), at most one byte over the input limit (see ``read_bounded``)."""
    if path == "-":
        return read_stdin(), "<stdin>"
    try:
        return read_bounded(Path(path), MAX_INPUT_BYTES)[0], path
    except OSError as error:
        raise ToolError(f"{path}: error: cannot read: {error.strerror or error}") from None


def read_stdin() -> bytes:
    """Standard input, bounded; a closed stdin (``<&-``) is a tool error, not a traceback."""
    if sys.stdin is None:
        raise ToolError("<stdin>: error: cannot read: standard input is closed")
    try:
        return read_stream(sys.stdin.buffer, MAX_INPUT_BYTES)
    except OSError as error:
        raise ToolError(f"<stdin>: error: cannot read: {error.strerror or error}") from None


def output_error(error: OutputError) -> ToolError:
    """An output that cannot be written: ``PATH: error: why``, exit 2 (1 for a file that refuses, read-only)."""
    return (FindingsError if error.exit_code == 1 else ToolError)(f"{error.path}: error: {error.reason}")


def print_findings(findings: tuple[Finding, ...], file: str, source: Source, omitted: tuple[Omitted, ...] = ()) \
        -> None:
    """The findings on stderr, at most ``MAX_PER_CODE`` of each code (the others counted), in one write.

    ``omitted``: the findings of each code already left out (``Capped.omitted``).
    """
    shown, more = capped(findings)
    lines = [format_diagnostic(file, finding.span, f"{finding.code} {finding.severity.value}",
                               described(finding, True), source) for finding in shown]
    lines += [each.line(file) for each in omitted + more]
    if lines:
        click.echo("\n".join(lines), err=True)
