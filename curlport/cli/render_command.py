"""`curlport render`: the exact request the platform sends for one recipient and message."""

from __future__ import annotations

import click

from curlport.cli.preflight_options import load, render_or_refuse, value_options, values_from
from curlport.preflight.curl_command import CurlSpec, curl_command
from curlport.preflight.render import HttpRequest, as_http, as_json

RENDER_FORMATS = ("http", "curl", "json")


def as_curl(request: HttpRequest) -> str:
    """The rendered request as a curl command: the same method, URL, headers and body bytes."""
    has_type = any(name.lower() == "content-type" for name, _ in request.headers)
    data = (request.body,) if request.body is not None else ()
    return curl_command(CurlSpec(request.method, request.url, request.headers, data,
                                 no_content_type=request.body is not None and not has_type))


@click.command("render")
@click.argument("config_file", metavar="CONFIG")
@value_options
@click.option("--format", "output_format", type=click.Choice(RENDER_FORMATS), default="http", show_default=True,
              help="http: the request as HTTP/1.1 text; curl: a command bash runs; json: method, url, headers, body.")
@click.option("--show-secrets", is_flag=True, help="Print credentials as sent (for --format curl, to run it).")
def render_command(config_file: str, recipient: str, message: str, template_id: str | None, message_id: str | None,
                   encoding: str, allow_incomplete: bool, output_format: str, show_secrets: bool) -> None:
    """Print the request the platform sends to the provider for CONFIG with --to and --body filled in.

    CONFIG is a .json config, a provider's .curl command (imported first) or -
    for stdin. Each value is encoded for the place it goes: percent-encoded in the
    endpoint, form-encoded in form fields, JSON-escaped inside a JSON string,
    verbatim in other bodies (a legacy-form raw body too, as the platform does)
    and headers. Exit 0 with the request on stdout; 1 with findings when the
    request would not carry --to or --body (no $$To or $$Body where the platform
    substitutes it: --allow-incomplete renders anyway and says what is missing),
    or when it would not carry the values intact (a line break in a header, a
    placeholder outside a JSON string, a quote pasted into a legacy raw JSON
    body, --encoding none with & in the message: the broken request is shown
    on stderr); 2 when the tool could not run. Credentials are masked unless
    --show-secrets.
    """
    loaded, provider = load(config_file, require_placeholders=True, allow_incomplete=allow_incomplete)
    rendered = render_or_refuse(loaded, provider, values_from(recipient, message, template_id, message_id),
                                encoding)
    request = rendered.shown(show_secrets)
    writer = {"http": as_http, "curl": as_curl, "json": as_json}[output_format]
    click.echo(writer(request), nl=False)
