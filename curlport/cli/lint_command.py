"""`curlport lint`: the rules over configs and curl files, for CI."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from pathlib import Path

import click

from curlport.catalogue import CODES
from curlport.cli.common import FindingsError, ToolError
from curlport.diagnostics import format_diagnostic
from curlport.errors import CurlportError
from curlport.findings import Severity
from curlport.lint.reporters import REPORTERS, unified_diff
from curlport.lint.runner import lint_paths
from curlport.lint.settings import Settings, SettingsError, find_settings_file, load_settings, unknown_codes
from curlport.source import Source


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


@click.command("lint")
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
