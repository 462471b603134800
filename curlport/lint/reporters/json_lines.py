"""``json-lines``: the ``json`` format's objects, one per line, for streaming tools."""

from __future__ import annotations

import json
from pathlib import Path

from curlport.lint.reporters.base import LintRun, Reporter, ReportOptions, statistics_records
from curlport.lint.reporters.json import record
from curlport.lint.runner import FileReport


def render_file(report: FileReport, root: Path, options: ReportOptions) -> str:
    return "".join(json.dumps(record(report, finding, options.show_secrets), ensure_ascii=False) + "\n"
                   for finding in report.findings)


def statistics(run: LintRun, options: ReportOptions) -> str:
    return "".join(json.dumps(each, ensure_ascii=False) + "\n" for each in statistics_records(run))


REPORTER = Reporter.per_file("json-lines", "the json objects, one per line", render_file, statistics)
