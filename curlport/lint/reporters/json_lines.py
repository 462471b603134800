"""``json-lines``: the ``json`` format's objects, one per line, for streaming tools."""

from __future__ import annotations

import json
from pathlib import Path

from curlport.lint.reporters.base import LintRun, Reporter, ReportOptions, statistics_records
from curlport.lint.reporters.json import record
from curlport.lint.runner import FileReport

#: Characters JSON leaves as they are but that many line readers (Python's ``str.splitlines``, JavaScript's line
#: terminators) end a line at: escaped, so one record stays one line for every reader.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def render_file(report: FileReport, root: Path, options: ReportOptions) -> str:
    return "".join(_line(record(report, finding, options.show_secrets)) for finding in report.findings)


def statistics(run: LintRun, options: ReportOptions) -> str:
    return "".join(_line(each) for each in statistics_records(run))


REPORTER = Reporter.per_file("json-lines", "the json objects, one per line", render_file, statistics)
