"""One diagnostic the way compilers print it: ``FILE:LINE:COL: label: message``, the line, a caret."""

from __future__ import annotations

import click

from curlport.findings import Finding
from curlport.redact import redact
from curlport.source import Source, Span

# The colour of a label by its last word (``CP103 error``), as compilers and ruff colour them.
_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def paint(text: str, color: bool, **style: object) -> str:
    """``text`` styled with click's ANSI codes when ``color``; as it is otherwise."""
    return click.style(text, **style) if color else text  # type: ignore[arg-type]


def format_diagnostic(
    file: str, span: Span | None, label: str, message: str, source: Source | None = None, *, show_secrets: bool = False,
    color: bool = False,
) -> str:
    """The diagnostic text; the source line is shown (masked) when the source is known."""
    position = f"{file}:{span.line}:{span.column}" if span else file
    secrets = source.secrets if source is not None else frozenset()
    clean = message if show_secrets else redact(message, secrets)
    colour = _COLOURS.get(label.rsplit(" ", 1)[-1], "red")
    lines = [f"{paint(position, color, bold=True)}: {paint(label, color, fg=colour, bold=True)}: {clean}"]
    if span is not None and source is not None:
        shown = source.shown_line(span.line, show_secrets)
        if shown.strip():
            width = max(1, (span.end_column - span.column) if span.end_line == span.line else 1)
            width = min(width, max(1, len(shown) - span.column + 1))
            shown, column = window(shown, span.column)
            width = min(width, max(1, len(shown) - column + 1))
            lines.append(f"  {shown}")
            lines.append(f"  {' ' * (column - 1)}{paint('^' + '~' * (width - 1), color, fg=colour)}")
    return "\n".join(lines)


#: Longer lines are shown as a window around the column: a megabyte-long line is not printed for every finding.
MAX_SHOWN_WIDTH = 240


def window(line: str, column: int) -> tuple[str, int]:
    """The part of ``line`` to show around ``column`` (1-based), and the column inside it."""
    if len(line) <= MAX_SHOWN_WIDTH:
        return line, column
    start = max(0, min(column - 1 - MAX_SHOWN_WIDTH // 2, len(line) - MAX_SHOWN_WIDTH))
    end = start + MAX_SHOWN_WIDTH
    prefix, suffix = ("…" if start else ""), ("…" if end < len(line) else "")
    return prefix + line[start:end] + suffix, column - start + len(prefix)


def message(finding: Finding, show_secrets: bool, source: Source | None = None) -> str:
    """The finding's message, its secrets masked (those the file's readers recognised, and secret-looking text)."""
    return finding.message if show_secrets else redact(finding.message, source.secrets if source else frozenset())


def described(finding: Finding, show_secrets: bool, source: Source | None = None) -> str:
    """The message, with the fix a human can ask for."""
    text = message(finding, show_secrets, source)
    if finding.fix is None:
        return text
    kind = "fix" if finding.fix.safe else "unsafe fix"
    return f"{text} [{kind}: {finding.fix.description}]"
