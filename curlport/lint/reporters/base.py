"""What every output format shares: the run it presents, its options, and the pieces two formats need alike."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from curlport.catalogue import CODES
from curlport.diagnostics import paint
from curlport.findings import Finding
from curlport.lint.runner import FileReport
from curlport.redact import redact

# LintRun and ReportOptions are named tuples, not frozen dataclasses: each is defined at every start of lint, and a
# named tuple is defined in a seventh of the time (~45 µs, not ~300 µs).


class LintRun(NamedTuple):
    """The result of one ``curlport lint``: the reports, and what reporters need around them.

    ``skipped`` counts the JSON files left out because they are not provider
    configs; ``root`` is the repository's root, which SARIF and GitLab paths are
    relative to (code scanning and Code Quality resolve them against the checkout).
    """

    reports: tuple[FileReport, ...]
    skipped: int = 0
    root: Path = Path(".")


class ReportOptions(NamedTuple):
    show_secrets: bool = False
    color: bool = False
    quiet: bool = False
    show_fixes: bool = False


Render = Callable[[LintRun, ReportOptions], str]
#: One file's part of a format a reader follows file by file (``root`` as in ``LintRun``).
RenderFile = Callable[[FileReport, Path, ReportOptions], str]


@dataclass(frozen=True)
class Reporter:
    """One ``--output-format``: how findings print, and how ``--statistics`` prints.

    ``statistics_on_stderr``: the format is a file for a machine that needs every
    finding (a SARIF without results closes the alerts it had), so with
    ``--statistics`` it keeps them and the counts are printed on stderr as text.
    """

    name: str
    help: str
    render: Render
    statistics: Render
    statistics_on_stderr: bool = False
    #: Set for the formats that are a sequence of per-file parts (text, concise, full, github, json-lines): each
    #: file's part can be printed as soon as that file is linted, and ``render`` is those parts then ``ending``.
    render_file: RenderFile | None = None
    ending: Render | None = None

    @classmethod
    def per_file(cls, name: str, help: str, render_file: RenderFile, statistics: Render,
                 ending: Render | None = None) -> Reporter:
        def render(run: LintRun, options: ReportOptions) -> str:
            parts = "".join(render_file(report, run.root, options) for report in run.reports)
            return parts + (ending(run, options) if ending else "")
        return cls(name, help, render, statistics, render_file=render_file, ending=ending)


@dataclass(frozen=True)
class Statistic:  # a dataclass: a named tuple's count() would hide the field
    code: str
    name: str
    severity: str
    count: int
    safe_fixes: int
    unsafe_fixes: int


def items(run: LintRun) -> list[tuple[FileReport, Finding]]:
    return [(report, finding) for report in run.reports for finding in report.findings]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def omitted_lines(report: FileReport) -> str:
    """The human formats' note for each code of a file with more findings than are shown (``MAX_PER_CODE``)."""
    return "".join(each.line(report.path) + "\n" for each in report.omitted)


def omitted_counts(run: LintRun) -> Counter[str]:
    counts: Counter[str] = Counter()
    for report in run.reports:
        for each in report.omitted:
            counts[each.code] += each.count
    return counts


def statistics(run: LintRun) -> list[Statistic]:
    """A count per code, most frequent first, with how many of them ``--fix`` (or ``--unsafe-fixes``) would fix.

    Findings left out of the listing (``MAX_PER_CODE``) are counted too; their fixes are not.
    """
    found = [finding for _, finding in items(run)]
    counts = Counter(finding.code for finding in found) + omitted_counts(run)
    safe = Counter(finding.code for finding in found if finding.fix and finding.fix.safe)
    unsafe = Counter(finding.code for finding in found if finding.fix and not finding.fix.safe)
    return [Statistic(code, CODES[code].name, CODES[code].severity.value, count, safe[code], unsafe[code])
            for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def statistics_records(run: LintRun) -> list[dict[str, object]]:
    """The counts as JSON records, ruff's shape (``code``, ``name``, ``count``, ``fixable``) plus the fix counts."""
    return [{"code": s.code, "name": s.name, "severity": s.severity, "count": s.count, "fixable": s.safe_fixes > 0,
             "fixes": {"safe": s.safe_fixes, "unsafe": s.unsafe_fixes}} for s in statistics(run)]


def statistics_table(run: LintRun, options: ReportOptions) -> str:
    """ruff's table: count, code, ``[*]`` when ``--fix`` fixes some of them, the name."""
    counts = statistics(run)
    rows = [f"{s.count:5d}  {paint(s.code, options.color, bold=True)}  {'[*]' if s.safe_fixes else '[ ]'} {s.name}"
            for s in counts]
    footer = [] if options.quiet or not any(s.safe_fixes for s in counts) else ["[*] fixable with --fix"]
    return "".join(line + "\n" for line in [*rows, *footer])


def footer(run: LintRun, options: ReportOptions) -> str:
    """The summary human formats end with (none with ``-q``): counts, fixes, files left out."""
    if options.quiet:
        return ""
    reports = run.reports
    counts = Counter(finding.severity.value for _, finding in items(run))
    for code, count in omitted_counts(run).items():
        counts[CODES[code].severity.value] += count
    files = plural(len(reports), "file")
    lines = []
    fixed = sum(len(report.fixed) for report in reports)
    if fixed:
        lines.append(f"Fixed {plural(fixed, 'problem')} in {plural(sum(1 for r in reports if r.fixed), 'file')}.")
        if options.show_fixes:
            lines += _applied(run)
    if not counts:
        lines.append(paint(f"All checks passed ({files}).", options.color, fg="green", bold=True))
    else:
        parts = [plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
        lines.append(paint(f"Found {', '.join(parts)} in {files}.", options.color, bold=True))
        offers = [finding.fix for _, finding in items(run) if finding.fix]
        safe = sum(1 for offer in offers if offer.safe)
        if offers:
            unsafe = f" ({len(offers) - safe} more with --unsafe-fixes)" if len(offers) > safe else ""
            lines.append(f"{safe} fixable with --fix{unsafe}.")
    if run.skipped:
        lines.append(f"Skipped {plural(run.skipped, 'JSON file')} that {'is' if run.skipped == 1 else 'are'} not "
                     "a provider config (--all-json lints them).")
    return "".join(line + "\n" for line in lines)


def _applied(run: LintRun) -> list[str]:
    """``--show-fixes``: each fixed file with a count per code, as ruff lists them."""
    lines = []
    for report in run.reports:
        if report.fixed:
            lines.append(f"  {report.path}:")
            counts = Counter(fix.code for fix in report.fixed)
            lines += [f"    {count} x {code} ({CODES[code].name})" for code, count in sorted(counts.items())]
    return lines


def repository_path(path: str, root: Path) -> str | None:
    """The path relative to the repository's root with forward slashes, or None when it is outside."""
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return None


def uri_path(relative: str) -> str:
    """A relative path as a URI reference: percent-encoded (spaces, ``#``, ``%``, non-ASCII as UTF-8)."""
    return quote(relative, safe="/")


def fingerprints(report: FileReport, path: str) -> list[str]:
    """One identity per finding, the same across runs, machines and line moves.

    The recipe (``curlport/v1``): SHA-256 of the code, the repository-relative
    path, the JSON pointer and the offending text (secrets masked, whitespace
    collapsed), plus the ordinal among findings of the file with that same key.
    No line or column enters it, so a finding keeps its identity when lines
    move; messages do not either, so rewording one keeps it too.
    """
    import hashlib  # here, not at import: only the GitLab report fingerprints (hashlib loads OpenSSL)

    seen: Counter[str] = Counter()
    result = []
    for finding in report.findings:
        snippet = ""
        if finding.span is not None and report.source is not None:
            source, span = report.source, finding.span
            start, end = source.offset(span.line, span.column), source.offset(span.end_line, span.end_column)
            snippet = " ".join(redact(source.text[start:end], source.secrets).split())
        key = "\0".join((finding.code, path, finding.pointer or "", snippet))
        seen[key] += 1
        result.append(hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest())
    return result


def unified_diff(reports: list[FileReport], show_secrets: bool = False) -> str:
    """What the fixes would change, as ``diff -u`` prints it (for ``--diff``), secrets masked."""
    import difflib  # only --diff needs it

    return "".join(
        "".join(line if show_secrets else redact(line, report.source.secrets if report.source else frozenset())
                for line in difflib.unified_diff(report.original_text.splitlines(keepends=True),
                                                 report.fixed_text.splitlines(keepends=True), report.path, report.path))
        for report in reports if report.original_text is not None and report.fixed_text is not None
    )
