"""`curlport serve`: the page and the JSON API on 127.0.0.1 (the optional extra ``curlport[web]``).

The web stack is imported inside the command: the other commands start as fast
as before, and work without the extra installed.
"""

from __future__ import annotations

import click

from curlport.cli.common import ToolError

_WEB_STACK = frozenset({"starlette", "uvicorn", "anyio", "h11"})


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Anything but a loopback address exposes the API to the network.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="The port (0: any free port).")
@click.option("--allow-host", "host_names", multiple=True, metavar="NAME",
              help="A name (or address) other machines reach this one by: requests must name it or a loopback "
              "name in Host (others may be DNS rebinding). Repeatable; needed with --host 0.0.0.0.")
@click.option("--allow-private", is_flag=True, help="Let the page send test messages to loopback and private "
              "addresses (a provider played on this machine or the LAN); never to this server itself.")
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
def serve_command(host: str, port: int, host_names: tuple[str, ...], allow_private: bool, no_browser: bool) -> None:
    """Serve the page (paste a curl command, get the form) and its JSON API.

    Nothing leaves the machine: the page talks only to this server. Stop it with Ctrl+C.
    """
    try:
        from curlport.web.server import bind, is_loopback, make_server, url_of
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in _WEB_STACK:
            raise
        raise ToolError("error: curlport serve needs the web extra: pip install 'curlport[web]'") from None
    if not is_loopback(host):
        click.echo(f"warning: --host {host} is not a loopback address: anyone who can reach this machine can use "
                   "the API (and send test messages through it)", err=True)
    try:
        sock = bind(host, port)
    except OSError as error:
        raise ToolError(f"error: cannot listen on {host}:{port}: {error.strerror or error}") from None
    url = url_of(sock)
    click.echo(f"curlport serving on {url}  (Ctrl+C to stop)", err=True)
    if not no_browser:
        import webbrowser  # here, not at the top: the other commands do not pay for it

        webbrowser.open(url)
    make_server(host, host_names, allow_private=allow_private).run(sockets=[sock])
