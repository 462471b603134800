"""``text``: compiler style, each finding with its line (secrets masked) and a caret, then a footer."""

from __future__ import annotations

from pathlib import Path

from curlport.diagnostics import described, format_diagnostic
from curlport.lint.reporters.base import Reporter, ReportOptions, footer, omitted_lines, statistics_table
from curlport.lint.runner import FileReport


def render_file(report: FileReport, root: Path, options: ReportOptions) -> str:
    blocks = [
        format_diagnostic(report.path, finding.span, f"{finding.code} {finding.severity.value}",
                          described(finding, True), report.source, show_secrets=options.show_secrets,
                          color=options.color)
        for finding in report.findings
    ]
    return "".join(block + "\n" for block in blocks) + omitted_lines(report)


REPORTER = Reporter.per_file("text", "compiler style with the line and a caret, and a footer", render_file,
                             statistics_table, footer)
