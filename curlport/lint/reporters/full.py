"""``full``: each finding with the lines around it and a line-number gutter, as ruff's ``full`` shows them."""

from __future__ import annotations

from pathlib import Path

from curlport.diagnostics import described, format_diagnostic, paint, window
from curlport.findings import Finding
from curlport.lint.reporters.base import Reporter, ReportOptions, footer, omitted_lines, statistics_table
from curlport.lint.runner import FileReport
from curlport.source import Source

CONTEXT = 2  # lines shown before and after the finding's own


def render_file(report: FileReport, root: Path, options: ReportOptions) -> str:
    """Each finding's block, a blank line after it."""
    blocks = []
    for finding in report.findings:
        heading = format_diagnostic(report.path, finding.span, f"{finding.code} {finding.severity.value}",
                                    described(finding, options.show_secrets, report.source),
                                    show_secrets=options.show_secrets, color=options.color)
        context = _context(report.source, finding, options) if report.source else []
        blocks.append("\n".join([heading, *context]) + "\n\n")
    return "".join(blocks) + omitted_lines(report)


def _context(source: Source, finding: Finding, options: ReportOptions) -> list[str]:
    """The finding's lines with ``CONTEXT`` lines either side; a caret line under the first one."""
    span = finding.span
    if span is None:
        return []
    last_line = source.position(len(source.text))[0]
    first, last = max(1, span.line - CONTEXT), min(last_line, span.end_line + CONTEXT)
    width = len(str(last))
    gutter = paint(" " * width + " |", options.color, fg="blue", bold=True)
    lines = [gutter]
    for number in range(first, last + 1):
        masked = source.shown_line(number, options.show_secrets)
        shown, column = window(masked, span.column)  # every line cut alike, around the finding's column
        lines.append(f"{paint(f'{number:>{width}} |', options.color, fg='blue', bold=True)} {shown}".rstrip())
        if number == span.line:
            end = span.end_column if span.end_line == span.line else len(masked) + 1
            marks = "^" * max(1, min(end - span.column, len(shown) - column + 1))
            lines.append(f"{gutter} {' ' * (column - 1)}{paint(marks, options.color, fg='red', bold=True)}")
    lines.append(gutter)
    return lines


REPORTER = Reporter.per_file("full", "each finding with the lines around it (like ruff's full)", render_file,
                             statistics_table, footer)
