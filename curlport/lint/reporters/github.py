"""``github``: workflow commands, which GitHub Actions turns into annotations on the pull request's files."""

from __future__ import annotations

from pathlib import Path

from curlport.catalogue import CODES
from curlport.diagnostics import message
from curlport.lint.reporters.base import LintRun, Reporter, ReportOptions, plural, repository_path
from curlport.lint.reporters.base import statistics as count
from curlport.lint.runner import FileReport

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_file(report: FileReport, root: Path, options: ReportOptions) -> str:
    """The file is named from the repository's root, which GitHub resolves it against, when it is inside."""
    lines = []
    for finding in report.findings:
        properties = [f"file={_escape_property(repository_path(report.path, root) or report.path)}"]
        if finding.span:
            properties += [f"line={finding.span.line}", f"col={finding.span.column}"]
            if finding.span.end_line == finding.span.line:
                properties.append(f"endColumn={finding.span.end_column}")
        properties.append(f"title={_escape_property(f'{finding.code} {CODES[finding.code].name}')}")
        lines.append(f"::{_COMMANDS[finding.severity.value]} {','.join(properties)}::"
                     f"{_escape_data(message(finding, options.show_secrets, report.source))}")
    return "".join(line + "\n" for line in lines)


def statistics(run: LintRun, options: ReportOptions) -> str:
    """One notice per code, so the counts show in the run's summary."""
    return "".join(
        f"::notice title={_escape_property(f'{s.code} {s.name}')}::"
        f"{plural(s.count, 'finding')}, {s.safe_fixes} fixable with --fix\n"
        for s in count(run)
    )


REPORTER = Reporter.per_file("github", "workflow commands: annotations in a GitHub Actions log", render_file,
                             statistics)
