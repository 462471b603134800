"""``json-lines``: the ``json`` format's objects, one per line, for streaming tools."""

from __future__ import annotations

from pathlib import Path

from curlport.config.json_text import one_line_json
from curlport.lint.reporters.base import LintRun, Reporter, ReportOptions, statistics_records
from curlport.lint.reporters.json import record
from curlport.lint.runner import FileReport


def _line(value: object) -> str:
    """One record, one line for every line reader."""
    return one_line_json(value) + "\n"


def render_file(report: FileReport, root: Path, options: ReportOptions) -> str:
    return "".join(_line(record(report, finding, options.show_secrets)) for finding in report.findings)


def statistics(run: LintRun, options: ReportOptions) -> str:
    return "".join(_line(each) for each in statistics_records(run))


REPORTER = Reporter.per_file("json-lines", "the json objects, one per line", render_file, statistics)
