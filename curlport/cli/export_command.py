"""`curlport export`: a config as a curl command, a Python snippet, a HAR request, an HTTPie command, or another
platform's SMS settings (--platform)."""

from __future__ import annotations

import click

from curlport.cli.common import FindingsError, ToolError
from curlport.cli.preflight_options import load
from curlport.preflight.export import FORMATS, export
from curlport.preflight.platforms import PLATFORM_NAMES
from curlport.preflight.provider import Provider


@click.command("export")
@click.argument("config_file", metavar="CONFIG")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="curl", show_default=True,
              help="curl (bash), python (requests), har (a HAR 1.2 request object), httpie.")
@click.option("--platform", type=click.Choice(PLATFORM_NAMES), default=None,
              help="Instead of --format: the settings of another platform's generic HTTP SMS sender.")
@click.option("--to", "recipient", metavar="NUMBER", help="With --platform apprise: the number (Apprise has no "
              "recipient, so the URL carries it).")
@click.option("--one-line", is_flag=True, help="With --format curl: one line, no continuations.")
@click.option("--show-secrets", is_flag=True, help="Export credentials as they are; masked otherwise.")
def export_command(config_file: str, output_format: str, platform: str | None, recipient: str | None,
                   one_line: bool, show_secrets: bool) -> None:
    """Print CONFIG (a .json config, a .curl command, or - for stdin) as a request other tools run.

    Placeholders stay as they are. The curl command is shell-quoted so that bash
    runs it unchanged, one option per line, and 'curlport import' reads it back
    to the same config. With --platform, the settings that make that platform
    send the same request ($$To and $$Body in its own placeholders); notes on
    stderr say what it sends differently. Exit 0, or 1 when CONFIG is not a
    usable config or the platform cannot carry it, 2 when it cannot be read.
    """
    if recipient is not None and platform != "apprise":
        raise ToolError("error: --to is for --platform apprise (the other platforms have a place for the number)")
    loaded, provider = load(config_file, require_placeholders=False)
    if platform is not None:
        _export_platform(loaded.source.name, provider, platform, recipient, show_secrets)
        return
    text = export(provider, output_format, show_secrets=show_secrets, one_line=one_line)
    click.echo(text, nl=False)
    if not show_secrets and text != export(provider, output_format, show_secrets=True, one_line=one_line):
        click.echo("note: credentials are masked; --show-secrets exports them", err=True)


def _export_platform(name: str, provider: Provider, platform: str, recipient: str | None, show_secrets: bool) -> None:
    from curlport.preflight.platforms.common import PlatformRefusedError
    from curlport.preflight.platforms.registry import export_platform

    try:
        exported = export_platform(provider, platform, to=recipient, show_secrets=show_secrets)
    except PlatformRefusedError as error:
        for reason in error.reasons:
            click.echo(f"{name}: error: {platform} cannot carry this config: {reason}", err=True)
        raise FindingsError(f"{name}: not exported: {platform} would send another request") from None
    click.echo(exported.text, nl=False)
    for note in exported.notes:
        click.echo(f"{name}: note: {note.message}", err=True)
    if not show_secrets and exported.text != export_platform(provider, platform, to=recipient,
                                                             show_secrets=True).text:
        click.echo("note: credentials are masked; --show-secrets exports them", err=True)
