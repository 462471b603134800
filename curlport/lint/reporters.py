"""Output formats for lint results; the registry's keys are the --output-format choices."""

from __future__ import annotations

import difflib
import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from curlport import __version__
from curlport.catalogue import CODES
from curlport.diagnostics import format_diagnostic
from curlport.findings import Finding
from curlport.lint.runner import FileReport
from curlport.redact import redact

Reporter = Callable[[list[FileReport], bool], str]
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _message(finding: Finding, show_secrets: bool) -> str:
    return finding.message if show_secrets else redact(finding.message)


def _items(reports: list[FileReport]) -> list[tuple[FileReport, Finding]]:
    return [(report, finding) for report in reports for finding in report.findings]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _footer(reports: list[FileReport]) -> str:
    counts = Counter(finding.severity.value for _, finding in _items(reports))
    files = _plural(len(reports), "file")
    lines = []
    fixed = sum(len(report.fixed) for report in reports)
    if fixed:
        lines.append(f"Fixed {_plural(fixed, 'problem')} in {_plural(sum(1 for r in reports if r.fixed), 'file')}.")
    if not counts:
        return "\n".join([*lines, f"All checks passed ({files})."])
    parts = [_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
    lines.append(f"Found {', '.join(parts)} in {files}.")
    offers = [finding.fix for _, finding in _items(reports) if finding.fix]
    safe = sum(1 for offer in offers if offer.safe)
    if offers:
        unsafe = f" ({len(offers) - safe} more with --unsafe-fixes)" if len(offers) > safe else ""
        lines.append(f"{safe} fixable with --fix{unsafe}.")
    return "\n".join(lines)


def described(finding: Finding, show_secrets: bool) -> str:
    """The message, with the fix a human can ask for."""
    message = _message(finding, show_secrets)
    if finding.fix is None:
        return message
    kind = "fix" if finding.fix.safe else "unsafe fix"
    return f"{message} [{kind}: {finding.fix.description}]"


def text(reports: list[FileReport], show_secrets: bool) -> str:
    blocks = [
        format_diagnostic(report.path, finding.span, f"{finding.code} {finding.severity.value}",
                          described(finding, True), report.source, show_secrets=show_secrets)
        for report, finding in _items(reports)
    ]
    return "\n".join([*blocks, _footer(reports)]) + "\n"


def concise(reports: list[FileReport], show_secrets: bool) -> str:
    lines = [
        f"{report.path}:{finding.span.line if finding.span else 1}:{finding.span.column if finding.span else 1}: "
        f"{finding.code} {finding.severity.value}: {described(finding, show_secrets)}"
        for report, finding in _items(reports)
    ]
    return "\n".join([*lines, _footer(reports)]) + "\n"


def _record(report: FileReport, finding: Finding, show_secrets: bool) -> dict[str, Any]:
    return {"file": report.path, **finding_record(finding, show_secrets)}


def finding_record(finding: Finding, show_secrets: bool) -> dict[str, Any]:
    """One finding as the JSON formats (and the web API) write it."""
    span = finding.span
    return {
        "code": finding.code, "name": CODES[finding.code].name,
        "severity": finding.severity.value, "message": _message(finding, show_secrets),
        "line": span.line if span else None, "column": span.column if span else None,
        "end_line": span.end_line if span else None, "end_column": span.end_column if span else None,
        "pointer": finding.pointer,
        "fix": {"description": finding.fix.description, "applicability": "safe" if finding.fix.safe else "unsafe"}
        if finding.fix else None,
    }


def json_report(reports: list[FileReport], show_secrets: bool) -> str:
    return json.dumps([_record(r, f, show_secrets) for r, f in _items(reports)], indent=2, ensure_ascii=False) + "\n"


def json_lines(reports: list[FileReport], show_secrets: bool) -> str:
    return "".join(json.dumps(_record(r, f, show_secrets), ensure_ascii=False) + "\n" for r, f in _items(reports))


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(reports: list[FileReport], show_secrets: bool) -> str:
    lines = []
    for report, finding in _items(reports):
        command = {"error": "error", "warning": "warning", "info": "notice"}[finding.severity.value]
        properties = [f"file={_escape_property(report.path)}"]
        if finding.span:
            properties += [f"line={finding.span.line}", f"col={finding.span.column}"]
            if finding.span.end_line == finding.span.line:
                properties.append(f"endColumn={finding.span.end_column}")
        properties.append(f"title={_escape_property(f'{finding.code} {CODES[finding.code].name}')}")
        lines.append(f"::{command} {','.join(properties)}::{_escape_data(_message(finding, show_secrets))}")
    return "".join(line + "\n" for line in lines)


def sarif(reports: list[FileReport], show_secrets: bool) -> str:
    rules = [
        {
            "id": doc.code, "name": doc.name,
            "shortDescription": {"text": doc.summary},
            "fullDescription": {"text": " ".join(filter(None, (doc.summary, doc.why)))},
            "help": {"text": doc.fix or doc.summary},
            "defaultConfiguration": {"level": _SARIF_LEVELS[doc.severity.value]},
        }
        for doc in CODES.values()
    ]
    index = {doc.code: position for position, doc in enumerate(CODES.values())}
    results = []
    for report, finding in _items(reports):
        region: dict[str, int] = {}
        if finding.span:
            region = {"startLine": finding.span.line, "startColumn": finding.span.column,
                      "endLine": finding.span.end_line, "endColumn": max(finding.span.end_column,
                                                                        finding.span.column + 1)}
        location: dict[str, Any] = {"artifactLocation": {"uri": report.path.replace("\\", "/")}}
        if region:
            location["region"] = region
        result: dict[str, Any] = {
            "ruleId": finding.code, "ruleIndex": index[finding.code],
            "level": _SARIF_LEVELS[finding.severity.value],
            "message": {"text": _message(finding, show_secrets)},
            "locations": [{"physicalLocation": location}],
        }
        if finding.fix:
            result["properties"] = {"fix": finding.fix.description,
                                    "fixApplicability": "safe" if finding.fix.safe else "unsafe"}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "curlport", "version": __version__,
                                "informationUri": "https://pypi.org/project/curlport/", "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def unified_diff(reports: list[FileReport]) -> str:
    """What the fixes would change, as ``diff -u`` prints it (for ``--diff``)."""
    return "".join(
        "".join(difflib.unified_diff(report.original_text.splitlines(keepends=True),
                                     report.fixed_text.splitlines(keepends=True), report.path, report.path))
        for report in reports if report.original_text is not None and report.fixed_text is not None
    )


REPORTERS: dict[str, Reporter] = {
    "text": text, "concise": concise, "json": json_report, "json-lines": json_lines, "sarif": sarif, "github": github,
}
HUMAN_FORMATS = frozenset({"text", "concise"})
