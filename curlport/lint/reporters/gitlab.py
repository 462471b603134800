"""``gitlab``: GitLab Code Quality, a JSON list of issues with repository-relative paths and fingerprints."""

from __future__ import annotations

import json
from typing import Any

from curlport.catalogue import CODES
from curlport.diagnostics import message
from curlport.lint.reporters.base import LintRun, Reporter, ReportOptions, fingerprints, repository_path

_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(run: LintRun, options: ReportOptions) -> str:
    issues: list[dict[str, Any]] = []
    for report in run.reports:
        path = repository_path(report.path, run.root) or report.path
        for finding, fingerprint in zip(report.findings, fingerprints(report, path), strict=True):
            span = finding.span
            text = message(finding, options.show_secrets, report.source)
            issues.append({
                "description": f"{finding.code} {CODES[finding.code].name}: {text}",
                "check_name": finding.code,
                "fingerprint": fingerprint,
                "severity": _SEVERITIES[finding.severity.value],
                "location": {"path": path, "lines": {"begin": span.line if span else 1,
                                                     "end": span.end_line if span else 1}},
            })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


REPORTER = Reporter("gitlab", "GitLab Code Quality JSON", render, render, statistics_on_stderr=True)
