"""``concise``: one line per finding, ``FILE:LINE:COL: CODE severity: message``, then a footer."""

from __future__ import annotations

from pathlib import Path

from curlport.diagnostics import described, paint
from curlport.lint.reporters.base import Reporter, ReportOptions, footer, omitted_lines, statistics_table
from curlport.lint.runner import FileReport


def render_file(report: FileReport, root: Path, options: ReportOptions) -> str:
    lines = [
        f"{paint(report.path, options.color, bold=True)}:{finding.span.line if finding.span else 1}:"
        f"{finding.span.column if finding.span else 1}: "
        f"{paint(f'{finding.code} {finding.severity.value}', options.color, bold=True)}: "
        f"{described(finding, options.show_secrets, report.source)}"
        for finding in report.findings
    ]
    return "".join(line + "\n" for line in lines) + omitted_lines(report)


REPORTER = Reporter.per_file("concise", "one line per finding, and a footer", render_file, statistics_table, footer)
