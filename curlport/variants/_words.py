"""What the class generators need to know of a fixture's text: its one imported command and where its words are.

A generator rewrites the text around the command or respells the command's words; it must never guess at the
shell, so it reads the text with curlport's own shell reader and skips a fixture it cannot rewrite faithfully.
"""

from __future__ import annotations

from typing import NamedTuple

from curlport.errors import CurlportError
from curlport.parse.shell import ShellCommand, is_curl, split_commands


class Command(NamedTuple):
    """The fixture's only command: its dialect, its argument words as curl receives them, and its extent."""

    dialect: str
    words: tuple[str, ...]
    #: The command's text from its curl word to the end of its last word.
    start: int
    end: int
    #: The curl word's end: where an option can be inserted before every other word.
    after_curl: int
    #: Where each word is in the text: (start, end) of its source, quotes included.
    spans: tuple[tuple[int, int], ...] = ()


def only_command(text: str) -> Command | None:
    """The fixture's curl command when the text holds exactly one (no token pair, no substitution, no CRLF, a curl
    word); else None."""
    if "\r" in text:
        return None
    try:
        commands = split_commands(text)
    except CurlportError:
        return None
    command: ShellCommand = commands[0]
    if len(commands) != 1 or not is_curl(command.curl_word):  # a token pair; a URL pasted without curl
        return None
    last = command.words[-1] if command.words else command.curl_word
    return Command(command.dialect, tuple(word.text for word in command.words), command.curl_word.start, last.end,
                   command.curl_word.end, tuple((word.start, word.end) for word in command.words))


def argv_of(text: str) -> tuple[str, ...] | None:
    """The words curl would receive from the text's only command (None when it has not exactly one)."""
    command = only_command(text)
    return command.words if command is not None else None
