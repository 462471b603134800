"""``json-lines``: the ``json`` format's objects, one per line, for streaming tools."""

from __future__ import annotations

import json

from curlport.lint.reporters.base import LintRun, Reporter, ReportOptions, items, statistics_records
from curlport.lint.reporters.json import record


def render(run: LintRun, options: ReportOptions) -> str:
    return "".join(json.dumps(record(r, f, options.show_secrets), ensure_ascii=False) + "\n" for r, f in items(run))


def statistics(run: LintRun, options: ReportOptions) -> str:
    return "".join(json.dumps(each, ensure_ascii=False) + "\n" for each in statistics_records(run))


REPORTER = Reporter("json-lines", "the json objects, one per line", render, statistics)
