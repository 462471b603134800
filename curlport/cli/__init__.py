"""The command line: a thin shell that reads arguments, calls the library, prints, exits.

Exit codes: 0 nothing at error level, 1 error-level findings (or a request the
form cannot express), 2 the tool could not run (unreadable input, bad arguments).
"""

from __future__ import annotations

import click

from curlport import __version__
from curlport.cli.catalogue_commands import rules_command, schema_command
from curlport.cli.import_command import import_command
from curlport.cli.lint_command import lint_command
from curlport.cli.serve_command import serve_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curlport")
def main() -> None:
    """Turn an SMS provider's sample curl command into a generic HTTP provider config.

    \b
      curlport import provider.curl            config JSON on stdout, findings on stderr
      curlport import provider.curl -o acme.json
      curlport lint configs/ provider.curl     CI: every .json config and .curl file under the paths
      curlport rules [CODE]                    the rule catalogue, or one rule explained
      curlport schema                          the JSON Schema every config follows
      curlport serve                           the page: paste a curl command, get the form (curlport[web])
    """


for command in (import_command, lint_command, rules_command, schema_command, serve_command):
    main.add_command(command)
