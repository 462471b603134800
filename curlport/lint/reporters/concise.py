"""``concise``: one line per finding, ``FILE:LINE:COL: CODE severity: message``, then a footer."""

from __future__ import annotations

from curlport.diagnostics import paint
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
    lines = [
        f"{paint(report.path, options.color, bold=True)}:{finding.span.line if finding.span else 1}:"
        f"{finding.span.column if finding.span else 1}: "
        f"{paint(f'{finding.code} {finding.severity.value}', options.color, bold=True)}: "
        f"{described(finding, options.show_secrets, report.source)}"
        for report, finding in items(run)
    ]
    return "".join(line + "\n" for line in lines) + omitted_lines(run) + footer(run, options)


REPORTER = Reporter("concise", "one line per finding, and a footer", render, statistics_table)
