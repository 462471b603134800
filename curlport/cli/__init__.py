"""The command line: a thin shell that reads arguments, calls the library, prints, exits.

Exit codes: 0 nothing at error level, 1 error-level findings (or a request the
form cannot express), 2 the tool could not run (unreadable input, bad arguments).

Each command's module is imported only when that command runs (``LAZY_COMMANDS``),
so ``curlport --version`` or ``curlport rules`` never loads the parser: add a
command as one line there (``main.add_command`` still works for an eager one).
"""

from __future__ import annotations

import gc
import importlib

import click

from curlport import __version__

#: command name -> "module:attribute" of its click command
LAZY_COMMANDS = {
    "import": "curlport.cli.import_command:import_command",
    "lint": "curlport.cli.lint_command:lint_command",
    "show": "curlport.cli.show_command:show_command",
    "rules": "curlport.cli.catalogue_commands:rules_command",
    "schema": "curlport.cli.catalogue_commands:schema_command",
    "render": "curlport.cli.render_command:render_command",
    "send": "curlport.cli.send_command:send_command",
    "export": "curlport.cli.export_command:export_command",
    "serve": "curlport.cli.serve_command:serve_command",
}


class LazyGroup(click.Group):
    """A group that imports a command's module when the command is looked up (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, _, attribute = LAZY_COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curlport")
def main() -> None:
    """Turn an SMS provider's sample curl command into a generic HTTP provider config.

    \b
      curlport import provider.curl            config JSON on stdout, findings on stderr
      curlport import provider.curl -o acme.json
      curlport import provider.curl --to form:To --body form:Body   choose the places
      curlport show acme.json                  the config field by field, as the provider form shows it
      curlport lint .                          CI: every provider config and .curl file under the paths
      curlport rules [CODE]                    the rule catalogue, or one rule explained
      curlport schema                          the JSON Schema every config follows
      curlport render acme.json --to N --body T   the exact request the platform sends
      curlport send acme.json --to N --body T     one real test message: accepted or not
      curlport export acme.json --format curl     the config as curl, python, har or httpie
      curlport serve                           the page: paste a curl command, get the form (curlport[web])
    """
    # One run allocates many small objects that live until it ends (tokens, words, findings). With the
    # default thresholds the cycle collector re-scans them again and again on a large input (40% of a
    # megabyte's import); a run of this CLI is short and makes few cycles, so collect far less often.
    gc.set_threshold(50_000, 20, 20)
