"""Writing a curl command that bash runs unchanged and that curlport imports back to the same request.

Every argument is shell-quoted: single quotes (nothing is special inside them),
or ANSI-C ``$'…'`` quoting for control characters, which a one-line command
cannot hold literally. The words chosen are the ones whose meaning curl and
curlport's importer agree on: the URL as a positional argument (with
``--globoff`` when it has ``[]{}``, which curl would otherwise expand, and
``--path-as-is`` when it has ``/./`` or ``/../``, which curl would otherwise remove),
``-X`` only when curl would not infer the method, ``-H 'Name;'`` for an empty
header (``-H 'Name:'`` removes one), ``-H 'Content-Type:'`` to keep curl from
adding its form type to a raw body that has none, and ``--data-raw`` (which
reads no @file) for bodies.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Text that would make a reader (curlport's importer among them) take the command for Windows cmd (^" or a
#: caret ending a line) or PowerShell (a backtick ending a line, curl.exe): written with escapes instead.
_OTHER_SHELLS = re.compile(r'\^"|[\^`]\r?\n|(?i:curl\.exe)')
_ANSI_C_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r", "^": "\\x5e",
                   "`": "\\x60", ".": "\\x2e"}


@dataclass(frozen=True)
class CurlSpec:
    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    #: ``--data-raw`` arguments; curl joins them with ``&``.
    data: tuple[str, ...]
    #: The ``-u`` argument (``user:password``), or None.
    user: str | None = None
    #: A body whose headers name no Content-Type: stop curl from adding its form type.
    no_content_type: bool = False
    #: A shell variable holding an OAuth 2 access token: sent as ``Authorization: Bearer $VARIABLE``.
    bearer_variable: str | None = None


def shell_word(text: str, *, one_line: bool) -> str:
    """``text`` quoted for bash (and for curlport's importer, which reads the same quoting).

    Line breaks and tabs may stay literal inside single quotes in a multi-line
    command; any other control character, and any in a one-line command, is written
    ``$'…'`` with escapes, as is text another shell's reader would take as its own.
    """
    other_shell = _OTHER_SHELLS.search(text) is not None
    if other_shell or (_ANY_CONTROL if one_line else _CONTROL).search(text):
        escapes = _ANSI_C_ESCAPES if other_shell else {k: v for k, v in _ANSI_C_ESCAPES.items() if k not in "^`."}
        escaped = "".join(escapes.get(c) or (f"\\x{ord(c):02x}" if _ANY_CONTROL.match(c) else c) for c in text)
        return f"$'{escaped}'"
    return shlex.quote(text)


def curl_command(spec: CurlSpec, *, one_line: bool = False) -> str:
    """The command: one option per line with ``\\`` continuations, or all on one line."""
    implied = "POST" if spec.data else "GET"
    options = [shell_word(spec.url, one_line=one_line)]
    if re.search(r"[\[\]{}]", spec.url):
        options.append("--globoff")
    if re.search(r"/\.\.?(?:[/?#]|$)", spec.url.split("?", 1)[0]):
        options.append("--path-as-is")
    if spec.method != implied:
        options.append(f"-X {spec.method}")
    for name, value in spec.headers:
        header = f"{name}: {value}" if value else f"{name};"
        options.append(f"-H {shell_word(header, one_line=one_line)}")
    if spec.no_content_type:
        options.append("-H 'Content-Type:'")
    if spec.bearer_variable is not None:
        options.append(f'-H "Authorization: Bearer ${spec.bearer_variable}"')  # double quotes: bash expands it
    if spec.user is not None:
        options.append(f"-u {shell_word(spec.user, one_line=one_line)}")
    options += [f"--data-raw {shell_word(part, one_line=one_line)}" for part in spec.data]
    separator = " " if one_line else " \\\n  "
    return "curl " + separator.join(options) + "\n"
