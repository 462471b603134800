"""`curlport import`: a provider's curl command -> a provider config."""

from __future__ import annotations

from pathlib import Path

import click

from curlport.cli.common import (
    FindingsError,
    ToolError,
    collector_paused,
    fail,
    output_error,
    print_findings,
    read_input,
)
from curlport.config.emit import write_atomically
from curlport.config.model import CURRENT_FORM, FORMS, LEGACY_FORM
from curlport.errors import CurlportError, OutputError
from curlport.findings import Severity
from curlport.importer import import_curl
from curlport.inputs import decode_input
from curlport.lint.placed import check_import_capped
from curlport.preflight.platforms import PLATFORM_NAMES
from curlport.source import Source


@click.command("import")
@click.argument("curl_file", metavar="CURL_FILE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the config here (atomically) instead of stdout.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--name", help="The provider's name in the config (default: the file's stem, else the host).")
@click.option("--allow-file-refs", type=click.Path(file_okay=False, exists=True, path_type=Path), metavar="DIR",
              help="Read @file arguments (-d @body.json) from inside DIR; never read otherwise.")
@click.option("--fix", is_flag=True, help="Apply the rules' safe fixes to the config before writing it.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix, apply the unsafe fixes too.")
@click.option("--form", "form", type=click.Choice(FORMS), default=CURRENT_FORM, show_default=True,
              help="The provider form the config targets: legacy has no JSON type, OAuth 2.0, batching or callback.")
@click.option("--batch-key", metavar="KEY", help="Batch recipients: the JSON body's array of one record per "
              "recipient (messages, data.messages); needs --batch-size.")
@click.option("--batch-size", type=click.IntRange(1, 1000), metavar="N", help="Records per batch, 1 to 1000.")
@click.option("--callback-url", metavar="URL", help="The delivery-report URL the platform generated for this "
              "provider (--fix writes it into the sample's callback field).")
@click.option("--to", "to", metavar="PLACE",
              help="Where $$To goes: query:NAME, form:NAME, form:NAME#a.0.b, json:a.0.b, header:NAME, path:N or NAME.")
@click.option("--body", metavar="PLACE", help="Where $$Body goes (same syntax as --to).")
@click.option("--placeholders", type=click.Choice(["auto", "none"]), default="auto", show_default=True,
              help="auto: put $$To and $$Body where the provider's samples are; none: keep every sample value.")
@click.option("--format", "output_format", type=click.Choice(["json", "form"]), default="json", show_default=True,
              help="json: the config; form: the config field by field as the provider form shows it.")
@click.option("--show-secrets", is_flag=True, help="With --format form, show passwords and keys unmasked.")
@click.option("--platform", type=click.Choice(sorted(PLATFORM_NAMES)), default=None,
              help="CURL_FILE is this platform's SMS settings (what 'export --platform' writes), not a curl "
              "command; with apprise, --to names the entry that holds the number.")
@collector_paused()
def import_command(curl_file: str, output: Path | None, force: bool, name: str | None,
                   allow_file_refs: Path | None, fix: bool, unsafe_fixes: bool, form: str,
                   batch_key: str | None, batch_size: int | None, callback_url: str | None, to: str | None,
                   body: str | None, placeholders: str, output_format: str, show_secrets: bool,
                   platform: str | None) -> None:
    """Import CURL_FILE (a provider's curl command; - for stdin) as a provider config.

    The command is parsed, never run: no variable is expanded, no $(…) executed,
    no @file read unless --allow-file-refs allows it. Exit 0 when the config is
    ready, 1 when it was written but has error-level findings (among them a
    placeholder whose place detection could not tell: choose it with --to or
    --body), or when curl would send something the form cannot express (nothing
    is written), 2 when the input cannot be read as a curl command or --to/--body
    names a place the request does not have.
    """
    if output is not None and output.exists() and not force:
        raise ToolError(f"{output}: error: exists; pass --force to replace it")
    if (batch_key is None) != (batch_size is None):
        raise ToolError("error: --batch-key and --batch-size go together")
    if form == LEGACY_FORM and (batch_key or callback_url):
        raise ToolError("error: the legacy form has no batching and no callback URL; drop --form legacy")
    batching = (batch_key, batch_size) if batch_key and batch_size else None
    data, file = read_input(curl_file)
    if platform is not None:
        _import_platform(data, file, platform, name or (Path(curl_file).stem if curl_file != "-" else "provider"),
                         to, output, force)
        return
    source: Source | None = None
    try:
        text = decode_input(data)
        source = Source(text, file)
        stem = Path(curl_file).stem if curl_file != "-" else None
        result = import_curl(text, name=name or stem, source_name=file, allow_file_refs=allow_file_refs, form=form,
                             batching=batching, callback_url=callback_url, to=to, body=body,
                             placeholders="none" if placeholders == "none" else "auto")
        if fix:
            from curlport.lint.fixes import fix_import  # only --fix needs the fixer (and its JSON position parser)

            result, applied = fix_import(result, unsafe=unsafe_fixes)
            for change in applied:
                click.echo(f"{file}: fixed {change.code} at {change.pointer}: {change.description}", err=True)
        findings, omitted = check_import_capped(result)
        print_findings(findings, file, result.source, omitted)
        if output_format == "form":
            from curlport.config.form_view import render_form  # lazy: most imports print the JSON

            shown = render_form(result.config, show_secrets)
        else:
            shown = result.config_json
        if output is None:
            click.echo(shown, nl=False)
        else:
            write_atomically(output, shown, force=force)
    except OutputError as error:
        raise output_error(error) from None
    except CurlportError as error:
        raise fail(error, file, source) from None
    if any(f.severity is Severity.ERROR for f in findings):
        done = "printed" if output is None else f"written to {output}"
        raise FindingsError(f"{file}: config {done} with error-level findings: fix them before onboarding")


def _import_platform(data: bytes, file: str, platform: str, name: str, to: str | None, output: Path | None,
                     force: bool) -> None:
    """A platform's settings as a config, linted like any config: exit 2 when they cannot be read, 1 when the form
    cannot hold them or the config has error-level findings (an Apprise URL read without --to has no $$To)."""
    from curlport.config.json_text import render_json
    from curlport.lint.runner import lint_text
    from curlport.preflight.platforms.registry import import_platform
    from curlport.preflight.provider import ProviderShapeError, read_provider

    try:
        text = decode_input(data)
        config = import_platform(text, platform, name=name, to=to.rpartition(":")[2] if to else None)
        read_provider(config)
    except ProviderShapeError as error:
        raise FindingsError(f"{file}: error: {platform} settings the provider form cannot hold: {error.message}") \
            from None
    except CurlportError as error:
        raise ToolError(f"{file}: error: {error.message}") from None
    shown = render_json(config)
    if output is None:
        click.echo(shown, nl=False)
    else:
        try:
            write_atomically(output, shown, force=force)
        except OutputError as error:
            raise output_error(error) from None
    where = str(output) if output is not None else "<stdout>"
    report = lint_text(shown.encode("utf-8"), where, as_json=True)
    if report.source is not None:
        print_findings(report.findings, where, report.source)
    if any(f.severity is Severity.ERROR for f in report.findings):
        raise FindingsError(f"{file}: config {'printed' if output is None else f'written to {output}'} with "
                            "error-level findings: fix them before onboarding")
