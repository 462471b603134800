"""The command line: a thin shell that reads arguments, calls the library, prints, exits.

Exit codes: 0 nothing at error level, 1 error-level findings (or a request the
form cannot express), 2 the tool could not run (unreadable input, bad arguments).

Each command's module is imported only when that command runs (``LAZY_COMMANDS``),
so ``curlport --version`` or ``curlport rules`` never loads the parser: add a
command as one line there (``main.add_command`` still works for an eager one).
"""

from __future__ import annotations

import atexit
import errno
import gc
import importlib
import os
import sys

# One run allocates many small objects that live until it ends (modules, classes and tables at start-up, then
# tokens, words, findings). With the default thresholds the cycle collector re-scans them again and again: a
# megabyte's import spent 40% of its time there, and a cold start about 3% (click's own import included, hence
# before it). A run of this CLI is short and makes few cycles, so collect far less often, from the start.
gc.set_threshold(50_000, 20, 20)
# At exit the interpreter collects every object once more, to run finalizers of cycles this CLI does not make (its
# files are closed by ``with``): a twentieth of a cold import. The process's memory goes back to the system anyway.
atexit.register(gc.freeze)

import click  # noqa: E402 (imported once the collector is set: importing click allocates much)

from curlport import __version__  # noqa: E402
from curlport.errors import BUG_REPORT  # noqa: E402

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

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; whatever escapes it becomes one line and exit 2, never a traceback (see ``last_resort``).

        A closed stdout (``>&-``) is refused first: Python makes it None, and click would drop what it prints.
        """
        if sys.stdout is None and ctx.protected_args:
            raise _LastResort("curlport: error: standard output is closed: nothing could be printed")
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort) as error:
            # Without the frames below: click keeps the exception in a reference cycle until the process ends, and
            # through its traceback the command's frame and all it made (a large import's 140,000 findings),
            # which only the collector frees then (a fifth of a 1 MiB import).
            raise error.with_traceback(None) from error.__cause__
        except OSError as error:
            if error.errno == errno.EPIPE:
                raise  # the reader went away (| head): click ends quietly
            raise last_resort(error) from None
        except Exception as error:
            raise last_resort(error) from None


class _LastResort(click.ClickException):
    exit_code = 2

    def show(self, file: object = None) -> None:
        click.echo(self.message, err=True)


def last_resort(error: BaseException) -> click.ClickException:
    """The one line an unexpected exception becomes (exit 2); ``CURLPORT_DEBUG=1`` re-raises it for the traceback.

    An ``OSError`` (stdout on a full disk, a file that vanished) is the machine's
    trouble, not a bug: it is said as such. Output that could not be flushed is
    dropped, so the interpreter does not fail again on it at exit.
    """
    if os.environ.get("CURLPORT_DEBUG") == "1":
        raise error
    _drop_pending_output()
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else " (writing the output)"
        return _LastResort(f"curlport: error: {error.strerror or error}{where}")
    return _LastResort(f"curlport: internal error: {type(error).__name__}: {error} (please report this at "
                       f"{BUG_REPORT}; run with CURLPORT_DEBUG=1 for the traceback)")


def _drop_pending_output() -> None:
    """Point stdout at /dev/null: what it still buffers (for a full disk) would raise again when Python exits."""
    try:
        stdout = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # closed, or not a real file (click's test runner)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, stdout)
    os.close(null)


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
      curlport export acme.json --platform kannel  Home Assistant, Apprise, Frappe, privacyIDEA or Kannel settings
      curlport serve                           the page: paste a curl command, get the form (curlport[web])
    """
