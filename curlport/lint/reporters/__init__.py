"""Output formats for lint results, one module per format; the registry's names are the --output-format choices.

A new format is one module with a ``REPORTER`` and one line here.
"""

from __future__ import annotations

from curlport.lint.reporters import concise, full, github, gitlab, json, json_lines, junit, sarif, text
from curlport.lint.reporters.base import LintRun, Reporter, ReportOptions, unified_diff

REPORTERS: dict[str, Reporter] = {
    module.REPORTER.name: module.REPORTER
    for module in (text, concise, full, json, json_lines, sarif, github, gitlab, junit)
}
HUMAN_FORMATS = frozenset({"text", "concise", "full"})

__all__ = ["HUMAN_FORMATS", "REPORTERS", "LintRun", "ReportOptions", "Reporter", "unified_diff"]
