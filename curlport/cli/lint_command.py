"""`curlport lint`: the rules over configs and curl files, for CI, with ruff's vocabulary."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from curlport.cli.common import FindingsError, ToolError, output_error, read_stdin
from curlport.diagnostics import format_diagnostic
from curlport.errors import CurlportError, OutputError
from curlport.findings import Severity
from curlport.lint.discovery import discover, repository_root
from curlport.lint.reporters import REPORTERS, LintRun, Reporter, ReportOptions, unified_diff
from curlport.lint.runner import FileReport, iter_lint_files, lint_stdin
from curlport.lint.settings import (
    Settings,
    SettingsError,
    find_settings_file,
    load_settings,
    split_codes,
    with_command_line,
)
from curlport.source import Source

_CODES_HELP = "Comma-separated codes or prefixes (CP1,CP203); the option may be repeated."


def _settings(config_file: Path | None, isolated: bool, **command_line: tuple[str, ...] | None) -> Settings:
    """The project's settings (or none, with --isolated), with the command line's options on top."""
    found = None if isolated else config_file or find_settings_file(Path.cwd())
    try:
        settings = load_settings(found) if found else Settings()
        return with_command_line(settings, **command_line)
    except SettingsError as error:
        shown = os.path.relpath(error.path)
        text = error.path.read_text(encoding="utf-8", errors="replace") if error.path.is_file() else None
        raise ToolError(format_diagnostic(shown, error.span, "error", error.message,
                                          Source(text, shown) if text is not None else None)) from None
    except CurlportError as error:
        raise ToolError(f"error: {error.message}") from None


def _use_color(choice: str, to_file: bool) -> bool:
    """--color always/never decide; with auto, NO_COLOR then FORCE_COLOR (no-color.org), then whether it is a tty."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return not to_file and sys.stdout.isatty()


def _show_settings(settings: Settings, paths: tuple[Path, ...]) -> str:
    """The settings in force, each with where it came from, and the codes enabled for each file named."""
    origin = os.path.relpath(settings.origin) if settings.origin else "none (defaults)"
    lines = [f"# settings file: {origin}"]
    for key, value in settings.values().items():
        where = settings.where(key)
        if settings.origin and where.startswith(str(settings.origin)):
            where = os.path.relpath(settings.origin) + where[len(str(settings.origin)):]
        lines.append(f"{key} = {_toml(value)}  # {where}")
    for path in paths:
        if str(path) != "-":
            lines.append(f"# {path}: {', '.join(sorted(settings.codes_for(path)))}")
    return "".join(line + "\n" for line in lines)


def _toml(value: object) -> str:
    """A setting's value as it would be written in the settings file (lists and one inline table)."""
    if isinstance(value, dict):
        pairs = ", ".join(f"{json.dumps(key, ensure_ascii=False)} = {_toml(item)}" for key, item in value.items())
        return f"{{ {pairs} }}" if pairs else "{}"
    return json.dumps(value, ensure_ascii=False)


def _codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    return split_codes(values) or None


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--output-format", "--format", "output_format", type=click.Choice(list(REPORTERS)), default="text",
              show_default=True, help="How to print findings: " + "; ".join(
                  f"{name}: {reporter.help}" for name, reporter in REPORTERS.items()) + ".")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file (atomically) instead of stdout.")
@click.option("--select", multiple=True, metavar="CODES",
              help=f"Only these; replaces the settings' select. {_CODES_HELP}")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add to the settings' select.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Also skip these (added to the settings' ignore).")
@click.option("--extend-ignore", multiple=True, metavar="CODES", help="Also skip these (like --ignore).")
@click.option("--exclude", multiple=True, metavar="PATTERNS",
              help="Leave out files and folders matching these gitignore-style patterns; replaces the defaults "
                   "(.venv, node_modules, build, dist...) and the settings' exclude.")
@click.option("--extend-exclude", multiple=True, metavar="PATTERNS", help="Leave these out as well.")
@click.option("--force-exclude", is_flag=True,
              help="Apply excludes, .gitignore and content recognition to files named on the command line too "
                   "(for pre-commit, which names every staged file).")
@click.option("--all-json", is_flag=True, help="Lint every .json file found, not only those shaped like a config.")
@click.option("--stdin-filename", metavar="PATH",
              help="With '-': the name to report and to apply settings for (its suffix says .json or .curl).")
@click.option("--severity", type=click.Choice([s.value for s in Severity]), default="info", show_default=True,
              help="Report findings of this severity and above.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to .json configs (atomically), report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply the unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print what --fix would change as a unified diff; write nothing.")
@click.option("--show-fixes", is_flag=True, help="With --fix, list the fixes applied in each file.")
@click.option("--statistics", is_flag=True, help="Print a count per code instead of the findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when error-level findings remain.")
@click.option("--show-secrets", is_flag=True, help="Do not mask passwords, tokens and API keys in the output.")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only: no footer.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the human formats (auto: on a terminal, unless NO_COLOR; FORCE_COLOR forces it).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Read settings from this file, not the nearest .curlport.toml or pyproject.toml [tool.curlport].")
@click.option("--isolated", is_flag=True, help="Ignore every settings file.")
@click.option("--show-settings", is_flag=True,
              help="Print the settings in force and where each came from; lint nothing.")
def lint_command(paths: tuple[Path, ...], output_format: str, output_file: Path | None, select: tuple[str, ...],
                 extend_select: tuple[str, ...], ignore: tuple[str, ...], extend_ignore: tuple[str, ...],
                 exclude: tuple[str, ...], extend_exclude: tuple[str, ...], force_exclude: bool, all_json: bool,
                 stdin_filename: str | None, severity: str, fix: bool, unsafe_fixes: bool, diff: bool,
                 show_fixes: bool, statistics: bool, exit_zero: bool, show_secrets: bool, quiet: bool, color: str,
                 config_file: Path | None, isolated: bool, show_settings: bool) -> None:
    """Check provider configs (.json) and curl commands (.curl) under PATHS ('-' reads stdin).

    In folders, a .json file is checked when it is shaped like a provider config
    (endpoint and method, or our $schema); .gitignore'd files and .venv,
    node_modules, build, dist... are left out. A file named here always is checked.

    Settings come from the nearest .curlport.toml, or pyproject.toml with a
    [tool.curlport] table, searched from the working directory upwards. --fix
    rewrites .json configs only: a .curl file is the provider's sample
    (curlport import --fix fixes the config it makes).

    Exit 0 when nothing is at error level, 1 when something is (a file that does
    not parse is such a finding) or --diff has changes to show, 2 when the tool
    could not run.
    """
    settings = _settings(config_file, isolated, select=_codes(select), extend_select=_codes(extend_select),
                         ignore=_codes(ignore), extend_ignore=_codes(extend_ignore), exclude=_codes(exclude),
                         extend_exclude=_codes(extend_exclude))
    if show_settings:
        click.echo(_show_settings(settings, paths), nl=False)
        return
    if not paths:
        raise ToolError("error: name the files or folders to lint, or - for stdin")
    stdin = Path("-") in paths
    if stdin and len(paths) > 1:
        raise ToolError("error: '-' (stdin) cannot be combined with other paths")
    reporter = REPORTERS[output_format]
    colored = _use_color(color, output_file is not None)
    options = ReportOptions(show_secrets=show_secrets, color=colored, quiet=quiet, show_fixes=show_fixes)
    root = repository_root(Path.cwd()) or Path.cwd().resolve()
    try:
        if stdin:
            data = read_stdin()
            reports, skipped = [lint_stdin(data, stdin_filename, settings, severity=Severity(severity),
                                           fix=fix or diff, unsafe_fixes=unsafe_fixes)], 0
        else:
            found = discover(paths, settings, all_json=all_json, force_exclude=force_exclude)
            linted = iter_lint_files(found.files, settings, severity=Severity(severity), fix=fix or diff,
                                     unsafe_fixes=unsafe_fixes, write=not diff, contents=found.contents,
                                     documents=found.documents)
            skipped = len(found.skipped)
            if reporter.render_file is not None and not (diff or statistics or output_file):
                _stream(reporter, linted, LintRun((), skipped, root), options, fix, exit_zero)
                return
            reports = list(linted)
    except CurlportError as error:
        raise (FindingsError if error.exit_code == 1 else ToolError)(f"error: {error.message}") from None
    if diff:
        _print_diff(reports, show_secrets)
        return
    if fix and stdin:  # like ruff: the fixed text on stdout, the findings on stderr
        click.echo(reports[0].fixed_text or reports[0].original_text or data.decode("utf-8", "replace"), nl=False)
    elif fix:
        _point_curl_files_at_import(reports)
    run = LintRun(tuple(reports), skipped, root)
    report = (reporter.statistics if statistics else reporter.render)(run, options)
    if statistics and reporter.statistics_on_stderr:
        click.echo(REPORTERS["text"].statistics(run, options), nl=False, err=True, color=colored)
    if output_file is not None:
        from curlport.config.emit import write_atomically  # here: most runs print their report

        try:
            write_atomically(output_file, report, force=True)
        except OutputError as error:
            raise output_error(error) from None
    else:
        click.echo(report, nl=False, err=fix and stdin, color=colored)
    has_errors = any(f.severity is Severity.ERROR for report in reports for f in report.findings)
    if has_errors and not exit_zero:
        raise FindingsError("")


def _stream(reporter: Reporter, linted: Iterator[FileReport], run: LintRun, options: ReportOptions, fix: bool,
            exit_zero: bool) -> None:
    """Print each file's part as soon as it is linted, then the ending: memory holds findings, not files' texts."""
    assert reporter.render_file is not None
    kept = []
    for report in linted:
        part = reporter.render_file(report, run.root, options)
        if part:  # a clean file prints nothing in most formats: no call into click, no flush
            click.echo(part, nl=False, color=options.color)
        if fix:
            _point_curl_files_at_import([report])
        # Built, not ``dataclasses.replace``d: that looks the fields up again for every file.
        kept.append(FileReport(report.path, None, report.findings, report.fixed, omitted=report.omitted))
    run = run._replace(reports=tuple(kept))
    if reporter.ending is not None:
        click.echo(reporter.ending(run, options), nl=False, color=options.color)
    if not exit_zero and any(f.severity is Severity.ERROR for report in kept for f in report.findings):
        raise FindingsError("")


def _print_diff(reports: list[FileReport], show_secrets: bool) -> None:
    changes = unified_diff(reports, show_secrets)
    click.echo(changes, nl=False)
    fixes = sum(len(report.fixed) for report in reports)
    click.echo(f"Would fix {fixes} problem{'s' * (fixes != 1)}.", err=True)
    if changes:
        raise FindingsError("")


def _point_curl_files_at_import(reports: list[FileReport]) -> None:
    """--fix never rewrites a .curl file (the provider's sample): say where its fixes are, instead of nothing."""
    for report in reports:
        if report.findings and not report.path.endswith(".json") and report.source is not None:
            click.echo(f"{report.path}: not rewritten (a curl command is the provider's sample); "
                       f"'curlport import --fix {report.path}' applies the fixes to the config it makes", err=True)

