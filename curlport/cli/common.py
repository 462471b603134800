"""What every command shares: the two exit-code exceptions, reading input, printing findings."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from curlport.diagnostics import format_diagnostic
from curlport.errors import CurlportError
from curlport.findings import Finding
from curlport.lint.reporters import described
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
    text = format_diagnostic(file, error.span, "error", error.message, source)
    return FindingsError(text) if error.exit_code == FindingsError.exit_code else ToolError(text)


def read_input(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(path).read_bytes(), path
    except OSError as error:
        raise ToolError(f"{path}: error: cannot read: {error.strerror or error}") from None


def print_findings(findings: tuple[Finding, ...], file: str, source: Source) -> None:
    if findings:  # one write: an import with tens of thousands of findings is not slowed by one write each
        click.echo("\n".join(format_diagnostic(file, finding.span, f"{finding.code} {finding.severity.value}",
                                                described(finding, True), source) for finding in findings), err=True)
