"""`curlport send`: one real test message, and whether the provider accepted it."""

from __future__ import annotations

import click

from curlport.catalogue import CODES
from curlport.cli.common import FindingsError, ToolError
from curlport.cli.preflight_options import load, render_or_refuse, value_options, values_from
from curlport.errors import CurlportError
from curlport.preflight.acceptance import REDIRECT_STATUSES, ProviderResponse, Verdict, judge
from curlport.preflight.complete import summary
from curlport.preflight.masking import mask_response, mask_url
from curlport.preflight.render import as_http
from curlport.urls import split_url


def _response_text(response: ProviderResponse) -> str:
    """The provider's answer as printed (``mask_response`` masked it unless --show-secrets)."""
    lines = [f"HTTP/1.1 {response.status} {response.reason}".rstrip()]
    lines += [f"{name}: {value}" for name, value in response.headers]
    body = response.text
    return "\n".join(lines) + "\n\n" + body + ("" if body.endswith("\n") or not body else "\n")


def _verdict_text(verdict: Verdict, response: ProviderResponse, follow: bool, show_secrets: bool,
                  secrets: frozenset[str], incomplete: str | None = None) -> str:
    reason = verdict.reason
    location = response.header("Location")
    if response.status in REDIRECT_STATUSES and location and not follow:
        reason += f" (a redirect to {location if show_secrets else mask_url(location, secrets)}; --follow follows it)"
    lines = [f"{verdict.word} ({verdict.code} {CODES[verdict.code].name}): {reason}"]
    if verdict.message_id is not None:
        lines.append(f"message id: {verdict.message_id}")
    if verdict.warning is not None:
        lines.append(f"warning: {verdict.warning}")
    if incomplete is not None:
        lines.append(f"incomplete: {incomplete}: what the provider accepted was not your message")
    return "\n".join(lines)


def _confirmed(question: str) -> bool:
    """The user's yes; no answer (stdin closed, as when CONFIG came on stdin) is a no."""
    try:
        return click.confirm(question, err=True, default=False)
    except click.Abort:
        return False


@click.command("send")
@click.argument("config_file", metavar="CONFIG")
@value_options
@click.option("--yes", is_flag=True, help="Send without asking for confirmation (a real SMS costs money).")
@click.option("--dry-run", is_flag=True, help="Do everything but the network call: print what would be sent.")
@click.option("--follow", is_flag=True,
              help="Follow redirects (credentials are never sent to another origin: host, port or scheme).")
@click.option("--insecure", is_flag=True, help="Do not verify the TLS certificate (self-signed test servers only).")
@click.option("--connect-timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              metavar="SECONDS", help="Give up connecting after this long.")
@click.option("--read-timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              metavar="SECONDS", help="Give up waiting for the response after this long.")
@click.option("--total-timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS", help="Give up on the whole exchange (token, connection, response) after this long.")
@click.option("--allow-link-local", is_flag=True, help="Send to a link-local or cloud metadata address "
              "(169.254.0.0/16, fe80::/10, fd00:ec2::254), which is never an SMS provider.")
@click.option("--show-secrets", is_flag=True, help="Print credentials as sent and received.")
def send_command(config_file: str, recipient: str, message: str, template_id: str | None, message_id: str | None,
                 encoding: str, allow_incomplete: bool, yes: bool, dry_run: bool, follow: bool, insecure: bool,
                 connect_timeout: float, read_timeout: float, total_timeout: float, allow_link_local: bool,
                 show_secrets: bool) -> None:
    """Send one test message through the provider CONFIG describes, and say whether it was accepted.

    The request is the one 'curlport render' prints (printed first, masked). The
    verdict comes from the config's response section, else from the body read by
    class: a sign of refusal anywhere refuses ("status": "failure", a recipient
    REJECTED, "error": ..., "success": false, a non-zero result code, ERROR:
    text, Kannel's '3: ...'), else a sign of acceptance accepts; a 2xx body
    with neither is NOT confirmed (CP610): check that the message arrived, then
    describe the provider's answer in the config's response section.
    The verdict names the rule that decided. An HTML page is never accepted
    (CP609), and a refusal quotes the provider's reason. Nothing is sent when the request would not carry --to
    or --body (--allow-incomplete sends anyway and says so). Exit 0 when the
    provider accepted the message, 1 when it did not or did not say (CP610), or the
    request would be broken or incomplete, 2 when nothing could be sent (network, TLS,
    timeout, not confirmed).
    """
    loaded, provider = load(config_file, require_placeholders=True, allow_incomplete=allow_incomplete)
    rendered = render_or_refuse(loaded, provider, values_from(recipient, message, template_id, message_id),
                                encoding)
    click.echo(as_http(rendered.shown(show_secrets)))
    if dry_run:
        click.echo("dry run: nothing sent", err=True)
        return
    host = split_url(rendered.request.url).hostname
    if not yes and not _confirmed(f"Send this message to {recipient} through {host}? It may cost money"):
        raise ToolError("not sent: not confirmed (--yes sends without asking)")
    # http.client and ssl cost every other command ~12 ms of start-up: imported only when sending
    from curlport.preflight.destinations import Destinations
    from curlport.preflight.send import SendOptions, send_with_auth

    options = SendOptions(connect_timeout, read_timeout, follow, insecure, total_timeout=total_timeout,
                          destinations=Destinations(link_local=allow_link_local),
                          secrets=provider.secrets)
    try:
        exchange = send_with_auth(rendered.request, provider.auth, options)
    except CurlportError as error:
        raise (FindingsError if error.exit_code == 1 else ToolError)(f"error: {error.message}") from None
    for url in exchange.redirects:
        click.echo(f"followed a redirect to {url if show_secrets else mask_url(url, provider.secrets)}")
    shown = exchange.response if show_secrets else mask_response(exchange.response, provider.secrets)
    click.echo(_response_text(shown))
    verdict = judge(shown, provider.response)  # masked characters are a credential's, never what decides
    click.echo(_verdict_text(verdict, shown, follow, show_secrets, provider.secrets,
                             summary(loaded.gaps) if loaded.gaps else None))
    if not verdict.confirmed:
        raise FindingsError("")
