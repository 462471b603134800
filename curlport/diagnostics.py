"""One diagnostic the way compilers print it: ``FILE:LINE:COL: label: message``, the line, a caret."""

from __future__ import annotations

from curlport.redact import redact
from curlport.source import Source, Span


def format_diagnostic(
    file: str, span: Span | None, label: str, message: str, source: Source | None = None, *, show_secrets: bool = False
) -> str:
    """The diagnostic text; the source line is shown (masked) when the source is known."""
    position = f"{file}:{span.line}:{span.column}" if span else file
    clean = message if show_secrets else redact(message)
    lines = [f"{position}: {label}: {clean}"]
    if span is not None and source is not None:
        line_text = source.line_text(span.line).replace("\t", " ")
        if line_text.strip():
            shown = line_text if show_secrets else redact(line_text)
            width = max(1, (span.end_column - span.column) if span.end_line == span.line else 1)
            width = min(width, max(1, len(shown) - span.column + 1))
            lines.append(f"  {shown}")
            lines.append(f"  {' ' * (span.column - 1)}^{'~' * (width - 1)}")
    return "\n".join(lines)
