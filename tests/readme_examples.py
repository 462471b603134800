"""The README's examples: each ``$ curlport …`` line in a fenced block and the output shown under it.

The README promises real output, so an example is true only when running its words from the checkout's root prints
exactly the lines under it, stdout and stderr in the order a terminal shows them; a ``$ echo $?`` right after it shows
its exit code. ``tests/test_readme.py`` holds the README to that, and ``tests/regenerate.py`` rewrites the shown
output when behaviour changes on purpose (review the diff). An example whose output cannot be reproduced (a server,
a real send) is written without the ``$`` prompt.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import NamedTuple

from click.testing import CliRunner

from curlport.cli import main

CHECKOUT = Path(__file__).resolve().parent.parent
README = CHECKOUT / "README.md"
PROMPT = "$ curlport "
EXIT_CODE = "$ echo $?"


class Example(NamedTuple):
    """One command and what the README shows for it, located by line index so it can be rewritten."""

    command: str  # the words after "$ ", as a shell would split them
    output: list[str]  # the lines shown under the command
    first: int  # index of the first output line in the document's lines
    exit_line: int | None  # index of the line under "$ echo $?", when the example shows its exit code


def examples(lines: list[str]) -> list[Example]:
    """Every ``$ curlport`` example of the document, in order."""
    found: list[Example] = []
    fenced = False
    for index, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        elif fenced and line.startswith(PROMPT):
            end = index + 1
            while not lines[end].startswith(("$ ", "```")):
                end += 1
            shows_exit = lines[end] == EXIT_CODE
            found.append(Example(line[2:], lines[index + 1:end], index + 1, end + 1 if shows_exit else None))
    return found


def run(command: str) -> tuple[list[str], int]:
    """The lines ``command`` prints from the checkout's root (stdout and stderr interleaved) and its exit code."""
    here = Path.cwd()
    os.chdir(CHECKOUT)
    try:
        result = CliRunner().invoke(main, shlex.split(command)[1:])
    finally:
        os.chdir(here)
    return result.output.splitlines(), result.exit_code


def rewrite(text: str) -> str:
    """The document with each example's output (and shown exit code) replaced by what the command prints now."""
    lines = text.split("\n")
    for example in reversed(examples(lines)):
        output, code = run(example.command)
        if example.exit_line is not None:
            lines[example.exit_line] = str(code)
        lines[example.first:example.first + len(example.output)] = output
    return "\n".join(lines)
