"""What render and send share: the values to substitute, reading CONFIG, and rendering it or saying why not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from curlport.cli.common import FindingsError, ToolError, fail, print_findings, read_input
from curlport.errors import CurlportError
from curlport.findings import Finding
from curlport.preflight.complete import summary
from curlport.preflight.load import LoadedConfig, load_config
from curlport.preflight.provider import Provider
from curlport.preflight.render import (
    Encoding,
    MissingValueError,
    Rendered,
    RenderRefusedError,
    Values,
    as_http,
    render,
)

F = TypeVar("F", bound=Callable[..., Any])


def value_options(command: F) -> F:
    """--to, --body, --template-id, --message-id and --encoding, in that order in --help."""
    for option in reversed((
        click.option("--to", "recipient", required=True, metavar="NUMBER", help="The recipient: replaces $$To."),
        click.option("--body", "message", required=True, metavar="TEXT", help="The message: replaces $$Body."),
        click.option("--template-id", metavar="ID", help="Replaces $$TemplateId (India's DLT template)."),
        click.option("--message-id", metavar="ID", help="Replaces $$MessageID."),
        click.option("--encoding", type=click.Choice([e.value for e in Encoding]), default=Encoding.PLATFORM.value,
                     show_default=True, help="How values go into the endpoint: platform = percent-encoded UTF-8 "
                     "(what curlport assumes the platform does); none = verbatim, refused where that breaks the "
                     "URL."),
        click.option("--allow-incomplete", is_flag=True, help="Go on when the request would not carry --to or "
                     "--body (no $$To or $$Body where the platform substitutes it), saying what is missing; "
                     "refused otherwise."),
    )):
        command = option(command)
    return command


def values_from(recipient: str, message: str, template_id: str | None, message_id: str | None) -> Values:
    """The values, refused (exit 2) when the command line gave bytes that are not UTF-8."""
    values = Values(recipient, message, template_id, message_id)
    field = values.not_text()
    if field is not None:
        raise ToolError(f"error: --{field.replace('_', '-')} is not valid UTF-8 text")
    return values


def load(config_file: str, *, require_placeholders: bool, allow_incomplete: bool = False
         ) -> tuple[LoadedConfig, Provider]:
    """CONFIG read and typed; its blocking findings printed and exit 1, unreadable input exit 2.

    ``require_placeholders``: the request must carry $$To and $$Body (render, send); with ``allow_incomplete``
    what is missing is printed and the command goes on.
    """
    data, file = read_input(config_file)
    try:
        loaded = load_config(data, file)
    except CurlportError as error:
        raise fail(error, file, None) from None
    blocking = loaded.blocking
    provider = loaded.provider() if not blocking else None
    if isinstance(provider, Finding):
        blocking = (provider,)
    if blocking or not isinstance(provider, Provider):
        _refuse(blocking, loaded, "not usable: fix the findings above")
    if require_placeholders and loaded.gaps:
        if not allow_incomplete:
            _refuse(loaded.incomplete, loaded, f"not rendered: {summary(loaded.gaps)} (--allow-incomplete goes on)")
        print_findings(loaded.incomplete, loaded.source.name, loaded.source)
        click.echo(f"{loaded.source.name}: incomplete (--allow-incomplete): {summary(loaded.gaps)}", err=True)
    return loaded, provider


def render_or_refuse(loaded: LoadedConfig, provider: Provider, values: Values, encoding: str) -> Rendered:
    """Render for render and send: a missing value is a tool error (exit 2), a refused one prints findings (exit 1)."""
    try:
        return render(provider, values, Encoding(encoding))
    except MissingValueError as error:
        raise ToolError(f"{loaded.source.name}: error: {error.message}") from None
    except RenderRefusedError as error:
        click.echo("the broken request, as it would be sent (nothing was sent):\n"
                   + as_http(error.broken.shown(show_secrets=False)), err=True, nl=False)
        _refuse(loaded.refusal_findings(error.refusals), loaded,
                "not rendered: the request would not carry these values intact")


def _refuse(findings: tuple[Finding, ...], loaded: LoadedConfig, why: str) -> NoReturn:
    print_findings(findings, loaded.source.name, loaded.source)
    raise FindingsError(f"{loaded.source.name}: {why}")
