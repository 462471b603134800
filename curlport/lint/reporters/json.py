"""``json``: a list, one object per finding, stable across releases (new keys may be added)."""

from __future__ import annotations

import json
from typing import Any

from curlport.catalogue import CODES
from curlport.diagnostics import message
from curlport.findings import Finding
from curlport.lint.reporters.base import LintRun, Reporter, ReportOptions, items, statistics_records
from curlport.lint.runner import FileReport
from curlport.source import Source


def record(report: FileReport, finding: Finding, show_secrets: bool) -> dict[str, Any]:
    return {"file": report.path, **finding_record(finding, show_secrets, report.source)}


def finding_record(finding: Finding, show_secrets: bool, source: Source | None = None) -> dict[str, Any]:
    """One finding as the JSON formats (and the web API) write it; ``source`` knows the file's secrets."""
    span = finding.span
    return {
        "code": finding.code, "name": CODES[finding.code].name, "severity": finding.severity.value,
        "message": message(finding, show_secrets, source),
        "line": span.line if span else None, "column": span.column if span else None,
        "end_line": span.end_line if span else None, "end_column": span.end_column if span else None,
        "pointer": finding.pointer,
        "fix": {"description": finding.fix.description, "applicability": "safe" if finding.fix.safe else "unsafe"}
        if finding.fix else None,
    }


def render(run: LintRun, options: ReportOptions) -> str:
    records = [record(r, f, options.show_secrets) for r, f in items(run)]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def statistics(run: LintRun, options: ReportOptions) -> str:
    return json.dumps(statistics_records(run), indent=2, ensure_ascii=False) + "\n"


REPORTER = Reporter("json", "a list of finding objects", render, statistics)
