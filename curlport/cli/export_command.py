"""`curlport export`: a config as a curl command, a Python snippet, a HAR request or an HTTPie command."""

from __future__ import annotations

import click

from curlport.cli.preflight_options import load
from curlport.preflight.export import FORMATS, export


@click.command("export")
@click.argument("config_file", metavar="CONFIG")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="curl", show_default=True,
              help="curl (bash), python (requests), har (a HAR 1.2 request object), httpie.")
@click.option("--one-line", is_flag=True, help="With --format curl: one line, no continuations.")
@click.option("--show-secrets", is_flag=True, help="Export credentials as they are; masked otherwise.")
def export_command(config_file: str, output_format: str, one_line: bool, show_secrets: bool) -> None:
    """Print CONFIG (a .json config, a .curl command, or - for stdin) as a request other tools run.

    Placeholders stay as they are. The curl command is shell-quoted so that bash
    runs it unchanged, one option per line, and 'curlport import' reads it back
    to the same config. Exit 0, or 1 when CONFIG is not a usable config, 2 when it
    cannot be read.
    """
    _, provider = load(config_file, require_placeholders=False)
    text = export(provider, output_format, show_secrets=show_secrets, one_line=one_line)
    click.echo(text, nl=False)
    if not show_secrets and text != export(provider, output_format, show_secrets=True, one_line=one_line):
        click.echo("note: credentials are masked; --show-secrets exports them", err=True)
