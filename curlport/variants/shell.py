"""Class 4 of issue 19: the same curl command inside the shell text a doc or a user wraps around it.

Each variant keeps the command's words (so curl would send the same request) and changes only what surrounds
or spells them: an assignment from ``$(…)`` or backticks, a pipe, a following command, a script with comments,
``if``, ``echo``; the Postman, cmd and PowerShell spellings of the same words. Four variants change what a
shell would read and stand for a doc's mistakes the import repairs: continuations flattened onto one line by a
web page (``\\ -d``), a terminal transcript (prompts and error lines between the command's lines), a header
written without ``-H``, and a GET URL pasted without ``curl`` (and without its scheme).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from curlport.variants._words import Command, argv_of, only_command
from curlport.variants.base import Variant, bash_quoted

KLASS: Final = "shell-context"

#: Wrappers that leave curl's words as they are: the command's text goes where {} is.
_WRAPPERS: Final[dict[str, Callable[[str], str]]] = {
    "assigned": lambda command: f"RESPONSE=$({command})\necho \"$RESPONSE\"",
    "assigned-backticks": lambda command: f"RESPONSE=`{command}`\necho \"$RESPONSE\"",
    "backticks": lambda command: f"`{command}`",
    "pipe-jq": lambda command: f"{command} | jq .",
    "then-echo": lambda command: f"{command}; echo",
    # (no apostrophe in the comment: nested in $(…), the grammar would pair it with a quote of the command)
    "script": lambda command: f"#!/bin/bash\n# Send one SMS with the API of the provider\nset -e\n\n{command}\n"
                              "echo 'sent'\n",
    "if": lambda command: f"if {command}; then\n  echo sent\nelse\n  echo failed\nfi",
    "echo-before": lambda command: f"echo \"Sending a test message\"\n{command}",
}
#: A terminal transcript (cmd running a bash command): a prompt before each line and cmd's errors after each.
_PROMPT: Final = "C:\\Users\\me>"
_TRANSCRIPT_BREAK: Final = ("\\\n'-H' is not recognized as an internal or external command,\noperable program or batch"
                            f" file.\n\n{_PROMPT}  ")
#: What each wrapper's own text must not meet inside the command (its closing character would end it early).
_CLOSERS: Final = {"assigned-backticks": "`", "backticks": "`", "assigned": ")"}
_CONTINUATIONS: Final = {"bash": re.compile(r"\\\n[ \t]*"), "cmd": re.compile(r"\^\n[ \t]*"),
                         "pwsh": re.compile(r"`\n[ \t]*")}
_ESCAPES: Final = {"bash": "\\", "cmd": "^", "pwsh": "`"}
#: A quoted -H whose value needs no quotes once unquoted: 'Authorization: Basic dXNlcjpwYXNz'.
_QUOTED_HEADER: Final = re.compile(
    r"(?:-H|--header)[ \t]+(['\"])([A-Za-z][A-Za-z0-9-]*): ((?:Basic|Bearer|Token) )?([A-Za-z0-9._~+/=-]+)\1")
_SAFE_URL: Final = re.compile(r"[A-Za-z0-9:/?&=%._~+,{}-]+")


def variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """Every shell-context variant of one fixture that applies to it (each keeps the fixture's places)."""
    command = only_command(text)
    if command is None:
        return
    for label, rewritten in _rewritten(text, command):
        yield Variant(f"{stem}/{label}", KLASS, rewritten, expected)


def _rewritten(text: str, command: Command) -> Iterator[tuple[str, str]]:
    before, inside, after = text[: command.start], text[command.start : command.end], text[command.end :]
    if command.dialect == "bash":
        for label, wrap in _WRAPPERS.items():
            closer = _CLOSERS.get(label)
            if closer is None or closer not in inside:
                yield label, before + wrap(inside) + after
        header = _QUOTED_HEADER.search(inside)
        if header is not None:
            unquoted = f"{header.group(2)}: {header.group(3) or ''}{header.group(4)}"
            yield "header-without-h", before + inside[: header.start()] + unquoted + inside[header.end() :] + after
    if command.dialect == "bash" and _CONTINUATIONS["bash"].search(inside):
        yield "transcript", before + _PROMPT + _CONTINUATIONS["bash"].sub(lambda _: _TRANSCRIPT_BREAK, inside) + after
    flattened = _CONTINUATIONS[command.dialect].sub(_ESCAPES[command.dialect] + " ", inside)
    if flattened != inside:
        yield "flattened", before + flattened + after
    url = _bare_url(command.words)
    if url is not None:
        yield "bare-url", url + "\n"
        yield "bare-url-no-scheme", url.partition("://")[2] + "\n"
    for label, (respell, added) in _SPELLINGS.items():
        respelled = respell(command.words)
        if argv_of(respelled) == (*added, *command.words):  # only a faithful respelling: curl gets the same words
            yield label, respelled


def _bare_url(words: tuple[str, ...]) -> str | None:
    """The URL when the command is a plain GET of one URL (the text an operator pastes without curl)."""
    if len(words) != 1 or not words[0].lower().startswith(("http://", "https://")):
        return None
    return words[0] if _SAFE_URL.fullmatch(words[0]) else None


def _postman(words: tuple[str, ...]) -> str:
    """Postman's "Code snippet: cURL": --location first, every argument single-quoted, one per line."""
    return "curl --location " + " \\\n".join(bash_quoted(word) for word in words)


_CMD_SAFE: Final = re.compile(r"[A-Za-z0-9\s_\-:=+~'/.,?;()*`]")


def _cmd_quoted(word: str) -> str:
    """A browser's "Copy as cURL (cmd)" spelling: the C runtime's quoting, then every cmd special escaped by ^."""
    runtime = re.sub(r'(\\*)"', lambda m: m.group(1) * 2 + '\\"', word)
    runtime = re.sub(r"(\\+)$", lambda m: m.group(1) * 2, runtime)
    escaped = "".join(c if _CMD_SAFE.fullmatch(c) and c != "\n" else "^\n\n" if c == "\n" else "^" + c
                      for c in runtime)
    return f'^"{escaped}^"'


def _cmd(words: tuple[str, ...]) -> str:
    return "curl " + " ^\n  ".join(_cmd_quoted(word) for word in words)


def _pwsh(words: tuple[str, ...]) -> str:
    """PowerShell: curl.exe (curl is an alias of Invoke-WebRequest), single quotes, backtick continuations."""
    return "curl.exe " + " `\n  ".join("'" + word.replace("'", "''") + "'" for word in words)


#: Each spelling, and the words it adds before the command's own (Postman's --location changes nothing sent).
_SPELLINGS: Final[dict[str, tuple[Callable[[tuple[str, ...]], str], tuple[str, ...]]]] = {
    "postman": (_postman, ("--location",)), "cmd": (_cmd, ()), "pwsh": (_pwsh, ()),
}
