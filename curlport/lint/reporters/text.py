"""``text``: compiler style, each finding with its line (secrets masked) and a caret, then a footer."""

from __future__ import annotations

from curlport.diagnostics import format_diagnostic
from curlport.lint.reporters.base import (
    LintRun,
    Reporter,
    ReportOptions,
    described,
    footer,
    items,
    omitted_lines,
    statistics_table,
)


def render(run: LintRun, options: ReportOptions) -> str:
    blocks = [
        format_diagnostic(report.path, finding.span, f"{finding.code} {finding.severity.value}",
                          described(finding, True), report.source, show_secrets=options.show_secrets,
                          color=options.color)
        for report, finding in items(run)
    ]
    return "".join(block + "\n" for block in blocks) + omitted_lines(run) + footer(run, options)


REPORTER = Reporter("text", "compiler style with the line and a caret, and a footer", render, statistics_table)
