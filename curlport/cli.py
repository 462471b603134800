"""The command line: a thin shell that reads arguments, calls the library, prints, exits.

Exit codes: 0 nothing at error level, 1 error-level findings (or a request the
form cannot express), 2 the tool could not run (unreadable input, bad arguments).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import click

from curlport import __version__
from curlport.catalogue import CODES
from curlport.config.emit import write_atomically
from curlport.config.schema import schema_text
from curlport.diagnostics import format_diagnostic
from curlport.errors import CurlportError
from curlport.findings import Finding, Severity
from curlport.importer import decode_input, import_curl
from curlport.lint.fixes import fix_import
from curlport.lint.reporters import REPORTERS, described, unified_diff
from curlport.lint.runner import check_import, lint_paths
from curlport.lint.settings import Settings, SettingsError, find_settings_file, load_settings, unknown_codes
from curlport.source import Source


class ToolError(click.ClickException):
    """A ClickException that exits 2: the tool could not run."""

    exit_code = 2

    def show(self, file: object = None) -> None:
        if self.message:
            click.echo(self.message, err=True)


class FindingsError(ToolError):
    """Errors found in the user's input: exit 1, message already printed."""

    exit_code = 1


def _fail(error: CurlportError, file: str, source: Source | None) -> ToolError:
    text = format_diagnostic(file, error.span, "error", error.message, source)
    return FindingsError(text) if error.exit_code == FindingsError.exit_code else ToolError(text)


def _read_input(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(path).read_bytes(), path
    except OSError as error:
        raise ToolError(f"{path}: error: cannot read: {error.strerror or error}") from None


def _print_findings(findings: tuple[Finding, ...], file: str, source: Source) -> None:
    for finding in findings:
        label = f"{finding.code} {finding.severity.value}"
        click.echo(format_diagnostic(file, finding.span, label, described(finding, True), source), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curlport")
def main() -> None:
    """Turn an SMS provider's sample curl command into a generic HTTP provider config.

    \b
      curlport import provider.curl            config JSON on stdout, findings on stderr
      curlport import provider.curl -o acme.json
      curlport lint configs/ provider.curl     CI: every .json config and .curl file under the paths
      curlport rules [CODE]                    the rule catalogue, or one rule explained
      curlport schema                          the JSON Schema every config follows
    """


@main.command("import")
@click.argument("curl_file", metavar="CURL_FILE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the config here (atomically) instead of stdout.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--name", help="The provider's name in the config (default: the file's stem, else the host).")
@click.option("--allow-file-refs", type=click.Path(file_okay=False, exists=True, path_type=Path), metavar="DIR",
              help="Read @file arguments (-d @body.json) from inside DIR; never read otherwise.")
@click.option("--fix", is_flag=True, help="Apply the rules' safe fixes to the config before writing it.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix, apply the unsafe fixes too.")
def import_command(curl_file: str, output: Path | None, force: bool, name: str | None,
                   allow_file_refs: Path | None, fix: bool, unsafe_fixes: bool) -> None:
    """Import CURL_FILE (a provider's curl command; - for stdin) as a provider config.

    The command is parsed, never run: no variable is expanded, no $(…) executed,
    no @file read unless --allow-file-refs allows it. Exit 0 when the config is
    ready, 1 when it was written but has error-level findings (or when curl would
    send something the form cannot express, and nothing is written), 2 when the
    input cannot be read as a curl command.
    """
    if output is not None and output.exists() and not force:
        raise ToolError(f"{output}: error: exists; pass --force to replace it")
    data, file = _read_input(curl_file)
    source: Source | None = None
    try:
        text = decode_input(data)
        source = Source(text, file)
        stem = Path(curl_file).stem if curl_file != "-" else None
        result = import_curl(text, name=name or stem, source_name=file, allow_file_refs=allow_file_refs)
        if fix:
            result, applied = fix_import(result, unsafe=unsafe_fixes)
            for change in applied:
                click.echo(f"{file}: fixed {change.code} at {change.pointer}: {change.description}", err=True)
        findings = check_import(result)
        _print_findings(findings, file, result.source)
        if output is None:
            click.echo(result.config_json, nl=False)
        else:
            write_atomically(output, result.config_json, force=force)
    except CurlportError as error:
        raise _fail(error, file, source) from None
    if any(f.severity is Severity.ERROR for f in findings):
        raise FindingsError(f"{file}: config written with error-level findings: fix them before onboarding")


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) that every provider config follows."""
    click.echo(schema_text(), nl=False)


def _settings(config_file: Path | None, isolated: bool, select: tuple[str, ...],
              ignore: tuple[str, ...]) -> Settings:
    """The project's settings (or none, with --isolated), with the command line's --select and --ignore on top."""
    select, ignore = tuple(code.upper() for code in select), tuple(code.upper() for code in ignore)
    unknown = unknown_codes(select + ignore)
    if unknown:
        raise ToolError(f"error: unknown code or prefix {', '.join(unknown)}; see 'curlport rules'")
    found = None if isolated else config_file or find_settings_file(Path.cwd())
    try:
        settings = load_settings(found) if found else Settings()
    except SettingsError as error:
        shown = os.path.relpath(error.path)
        text = error.path.read_text(encoding="utf-8", errors="replace") if error.path.is_file() else None
        raise ToolError(format_diagnostic(shown, error.span, "error", error.message,
                                          Source(text, shown) if text is not None else None)) from None
    return replace(settings, select=select or settings.select, ignore=settings.ignore + ignore)


@main.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--output-format", "--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text",
              show_default=True, help="How to print findings (sarif for code scanning, github for annotations).")
@click.option("--select", multiple=True, metavar="CODE",
              help="Only these codes or prefixes (CP1, CP203); replaces the settings file's select.")
@click.option("--ignore", multiple=True, metavar="CODE", help="Also skip these codes or prefixes.")
@click.option("--severity", type=click.Choice([s.value for s in Severity]), default="info", show_default=True,
              help="Report findings of this severity and above.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to .json configs (atomically), report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply the unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print what --fix would change as a unified diff; write nothing.")
@click.option("--statistics", is_flag=True, help="Print a count per code instead of the findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when error-level findings remain.")
@click.option("--show-secrets", is_flag=True, help="Do not mask passwords, tokens and API keys in the output.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Read settings from this file, not the nearest .curlport.toml or pyproject.toml [tool.curlport].")
@click.option("--isolated", is_flag=True, help="Ignore every settings file.")
def lint_command(paths: tuple[Path, ...], output_format: str, select: tuple[str, ...], ignore: tuple[str, ...],
                 severity: str, fix: bool, unsafe_fixes: bool, diff: bool, statistics: bool, exit_zero: bool,
                 show_secrets: bool, config_file: Path | None, isolated: bool) -> None:
    """Check provider configs (.json) and curl commands (.curl) under PATHS.

    Settings come from the nearest .curlport.toml, or pyproject.toml with a
    [tool.curlport] table (select, ignore, per-file-ignores), searched from the
    working directory upwards. --fix rewrites .json configs only: a .curl file is
    the provider's sample (curlport import --fix fixes the config it makes).

    Exit 0 when nothing is at error level, 1 when something is (a file that does
    not parse is such a finding) or --diff has changes to show, 2 when the tool
    could not run.
    """
    settings = _settings(config_file, isolated, select, ignore)
    try:
        reports = lint_paths(paths, settings, severity=Severity(severity), fix=fix or diff,
                             unsafe_fixes=unsafe_fixes, write=not diff)
    except CurlportError as error:
        raise ToolError(f"error: {error.message}") from None
    if diff:
        changes = unified_diff(reports)
        click.echo(changes, nl=False)
        fixes = sum(len(report.fixed) for report in reports)
        click.echo(f"Would fix {fixes} problem{'s' * (fixes != 1)}.", err=True)
        if changes:
            raise FindingsError("")
        return
    if statistics:
        counts = Counter(finding.code for report in reports for finding in report.findings)
        for code, count in counts.most_common():
            click.echo(f"{count:5d}  {code}  {CODES[code].name}")
    else:
        click.echo(REPORTERS[output_format](reports, show_secrets), nl=False)
    has_errors = any(f.severity is Severity.ERROR for report in reports for f in report.findings)
    if has_errors and not exit_zero:
        raise FindingsError("")


@main.command("rules")
@click.argument("code", required=False)
def rules_command(code: str | None) -> None:
    """List every finding code, or explain one (curlport rules CP103)."""
    if code is None:
        for doc in CODES.values():
            fix = f"[{doc.autofix} fix] " if doc.autofix else ""
            click.echo(f"{doc.code}  {doc.severity.value:<8} {doc.name:<28} {fix}{doc.summary}")
        return
    if code.upper() not in CODES:
        raise ToolError(f"error: no rule {code}; see 'curlport rules'")
    doc = CODES[code.upper()]
    sections = [f"{doc.code} {doc.name} ({doc.severity.value})", "", doc.summary]
    automatic = f"{doc.autofix} (curlport lint --fix{' --unsafe-fixes' * (doc.autofix != 'safe')}). " \
        f"{doc.fix_safety}" if doc.autofix else ""
    for title, body in (("Why it matters", doc.why), ("How to fix", doc.fix), ("Example", doc.bad),
                        ("Use instead", doc.good), ("Automatic fix", automatic)):
        if body:
            sections += ["", f"{title}:", f"  {body}"]
    click.echo("\n".join(sections))
