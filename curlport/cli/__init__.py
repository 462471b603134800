"""The command line: a thin shell that reads arguments, calls the library, prints, exits.

Exit codes: 0 nothing at error level, 1 error-level findings (or a request the
form cannot express), 2 the tool could not run (unreadable input, bad arguments).
"""

from __future__ import annotations

import click

from curlport import __version__
from curlport.cli.catalogue_commands import rules_command, schema_command
from curlport.cli.export_command import export_command
from curlport.cli.import_command import import_command
from curlport.cli.lint_command import lint_command
from curlport.cli.render_command import render_command
from curlport.cli.send_command import send_command
from curlport.cli.show_command import show_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    """


for command in (import_command, lint_command, show_command, rules_command, schema_command, render_command, send_command,
                export_command):
    main.add_command(command)
