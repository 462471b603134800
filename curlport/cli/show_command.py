"""`curlport show`: a config as the provider form shows it, to type it in field by field."""

from __future__ import annotations

import json

import click

from curlport.cli.common import FindingsError, ToolError, read_input
from curlport.config.form_view import render_form
from curlport.config.schema import json_pointer, violations
from curlport.credentials import credential_spellings, json_text_spellings
from curlport.diagnostics import format_diagnostic
from curlport.errors import CurlportError
from curlport.inputs import decode_input
from curlport.json_positions import load_json
from curlport.redact import redact
from curlport.source import Source, Span


@click.command("show")
@click.argument("config_file", metavar="CONFIG.json")
@click.option("--show-secrets", is_flag=True, help="Show passwords and keys unmasked.")
def show_command(config_file: str, show_secrets: bool) -> None:
    """Print CONFIG.json (- for stdin) field by field, in the order and with the labels of the provider form.

    Exit 0, or 1 when the config does not match the schema (the view is still
    printed), 2 when the file is not a JSON object.
    """
    data, file = read_input(config_file)
    try:
        text = decode_input(data)
    except CurlportError as error:
        raise ToolError(format_diagnostic(file, error.span, "error", error.message)) from None
    try:
        config = load_json(text)
    except json.JSONDecodeError as error:
        span = Span(error.lineno, error.colno, error.lineno, error.colno + 1)
        source = Source(text, file)
        source.add_secrets(json_text_spellings(text))
        raise ToolError(format_diagnostic(file, span, "error", f"not valid JSON: {error.msg}", source)) from None
    if not isinstance(config, dict):
        raise ToolError(f"{file}: error: a config is a JSON object")
    click.echo(render_form(config, show_secrets), nl=False)
    problems = violations(config)
    if problems:
        for problem in problems:
            message = problem.message if show_secrets else redact(problem.message, credential_spellings(config))
            click.echo(f"{file}: CP501 error: schema: {json_pointer(problem) or '/'}: {message}", err=True)
        raise FindingsError(f"{file}: the config does not match the schema")
