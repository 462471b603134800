"""``sarif``: SARIF 2.1.0 as GitHub code scanning ingests it unchanged.

Locations are relative to the repository's root (``uriBaseId: %SRCROOT%``,
resolved by ``originalUriBaseIds``), percent-encoded, with forward slashes on
every OS, so an alert points at the same file on every machine; each result
carries a ``partialFingerprints`` entry that survives line moves (see
``base.fingerprints``), so an alert is not closed and reopened when lines move.
Each rule links to its section of the README and says whether it is about
security (``tags``, ``security-severity``), which is how GitHub ranks alerts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from curlport import __version__
from curlport.catalogue import CODES, DOCS_URL, CodeDoc, help_uri
from curlport.diagnostics import message
from curlport.lint.reporters.base import (
    LintRun,
    Reporter,
    ReportOptions,
    fingerprints,
    repository_path,
    statistics_records,
    uri_path,
)

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "curlport/v1"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Rules about credentials, scored like CVSS (GitHub: 0.1-3.9 low, 4-6.9 medium, 7-8.9 high, 9+ critical).
# A token sent over plain http is readable on the wire; one in the wrong field leaks into logs and screenshots.
SECURITY_SEVERITY = {"CP203": "7.5", "CP204": "5.0", "CP007": "5.0"}
# The stage of the pipeline a code comes from, by its hundreds (see the README's table).
_CATEGORIES = {"0": "import", "1": "placeholders", "2": "transport", "3": "body", "4": "leftovers", "5": "schema"}


def rule(doc: CodeDoc) -> dict[str, Any]:
    tags = [_CATEGORIES.get(doc.code[2], "lint"), *(("security",) if doc.code in SECURITY_SEVERITY else ())]
    properties: dict[str, Any] = {"tags": tags}
    if doc.code in SECURITY_SEVERITY:
        properties["security-severity"] = SECURITY_SEVERITY[doc.code]
    markdown = [doc.summary, doc.why, f"**How to fix:** {doc.fix}" if doc.fix else ""]
    if doc.bad and doc.good:
        markdown += [f"Instead of\n\n```\n{doc.bad}\n```\n\nwrite\n\n```\n{doc.good}\n```"]
    return {
        "id": doc.code, "name": doc.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": " ".join(filter(None, (doc.summary, doc.why)))},
        "help": {"text": doc.fix or doc.summary, "markdown": "\n\n".join(filter(None, markdown))},
        "helpUri": help_uri(doc.code),
        "defaultConfiguration": {"level": _LEVELS[doc.severity.value]},
        "properties": properties,
    }


def _location(path: str, root: Path) -> dict[str, Any]:
    """Relative to %SRCROOT% when inside the repository; an absolute file: URI otherwise."""
    relative = repository_path(path, root)
    if relative is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": uri_path(relative), "uriBaseId": SRCROOT}


def log(run: LintRun, options: ReportOptions, *, with_statistics: bool = False) -> dict[str, Any]:
    index = {code: position for position, code in enumerate(CODES)}
    results = []
    for report in run.reports:
        artifact = _location(report.path, run.root)
        prints = fingerprints(report, repository_path(report.path, run.root) or report.path)
        for finding, fingerprint in zip(report.findings, prints, strict=True):
            location: dict[str, Any] = {"artifactLocation": artifact}
            if finding.span:
                span = finding.span
                location["region"] = {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line,
                                      "endColumn": max(span.end_column, span.column + 1)}
            result: dict[str, Any] = {
                "ruleId": finding.code, "ruleIndex": index[finding.code],
                "level": _LEVELS[finding.severity.value],
                "message": {"text": message(finding, options.show_secrets, report.source)},
                "locations": [{"physicalLocation": location}],
                "partialFingerprints": {FINGERPRINT: fingerprint},
            }
            if finding.fix:
                result["properties"] = {"fix": finding.fix.description,
                                        "fixApplicability": "safe" if finding.fix.safe else "unsafe"}
            results.append(result)
    sarif_run: dict[str, Any] = {
        "tool": {"driver": {"name": "curlport", "version": __version__, "semanticVersion": __version__,
                            "informationUri": DOCS_URL, "rules": [rule(doc) for doc in CODES.values()]}},
        "originalUriBaseIds": {SRCROOT: {"uri": run.root.resolve().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if with_statistics:
        sarif_run["properties"] = {"statistics": statistics_records(run)}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [sarif_run]}


def render(run: LintRun, options: ReportOptions) -> str:
    return json.dumps(log(run, options), indent=2, ensure_ascii=False) + "\n"


def statistics(run: LintRun, options: ReportOptions) -> str:
    return json.dumps(log(run, options, with_statistics=True), indent=2, ensure_ascii=False) + "\n"


REPORTER = Reporter("sarif", "SARIF 2.1.0 for GitHub code scanning", render, statistics, statistics_on_stderr=True)
