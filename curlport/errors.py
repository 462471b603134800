"""The errors curlport raises: each knows where in the input it happened.

The library never prints and never exits; the CLI turns these into one
compiler-style line and an exit code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named in annotations: `curlport --version` imports this module, not the source reader
    from curlport.source import Span

#: Where a user reports an internal error (the README's section says what to include).
BUG_REPORT = "https://curlport.dev/#reporting-a-bug"


class CurlportError(Exception):
    """Base class. ``span`` is where in the input the problem is, when known."""

    #: What the command line exits with: 2 means "the tool could not run".
    exit_code = 2

    def __init__(self, message: str, span: Span | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        #: Credential values the reader had recognised when it failed: whoever shows the source line masks them.
        self.secrets: frozenset[str] = frozenset()

    @property
    def line(self) -> int | None:
        return self.span.line if self.span else None

    @property
    def column(self) -> int | None:
        return self.span.column if self.span else None


class InputError(CurlportError):
    """The input cannot be read as text: empty, binary, not UTF-8, too large."""


class ShellSyntaxError(CurlportError):
    """The text is not a command a shell could split into words (an unbalanced quote)."""


class CurlUsageError(CurlportError):
    """The words are not a curl command curl would run (unknown option, missing argument)."""


class UnsupportedRequestError(CurlportError):
    """curl would send a request the generic provider form cannot express.

    This is a finding about the command, not a failure of the tool, hence exit 1:
    the user has to choose another way to call the provider.
    """

    exit_code = 1

    def __init__(self, message: str, span: Span | None = None, code: str = "CP206") -> None:
        super().__init__(message, span)
        #: The lint rule that reports the same thing in a .json config.
        self.code = code


class SchemaViolationError(CurlportError):
    """A config does not validate against the published schema; ``pointer`` says where in the config."""

    def __init__(self, message: str, span: Span | None = None, *, pointer: str = "") -> None:
        super().__init__(message, span)
        self.pointer = pointer


class ProviderShapeError(SchemaViolationError):
    """A config lacks, or mistypes, a value pre-flight needs (``curlport.preflight.provider``): a schema violation
    (CP501) of pre-flight's own.

    Exit 1, a finding about the config, where a config curlport itself made invalid is a tool error (exit 2).
    """

    exit_code = 1
    code = "CP501"

    def __init__(self, message: str, pointer: str) -> None:
        super().__init__(message, pointer=pointer)


class OutputError(CurlportError):
    """The output cannot be written where it was asked to go; ``reason`` says why, ``path`` where."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class OutputRefusedError(OutputError):
    """The file exists and says it must not be rewritten in place of a new one: read-only, or other hard links
    (replacing it through a rename would leave them with the old text). Exit 1: the user's file, not the tool."""

    exit_code = 1


class OutputExistsError(OutputError):
    """The output file exists and ``--force`` was not given."""

    def __init__(self, path: object) -> None:
        super().__init__(path, "exists; pass --force to replace it")


class OutputChangedError(OutputError):
    """The file changed after curlport read it (another process wrote it): replacing it would lose that change."""
