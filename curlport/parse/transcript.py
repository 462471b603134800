"""A terminal transcript pasted as the command: prompts and the shell's or curl's own output between its lines.

Users paste what their terminal shows (``C:\\>curl …`` then ``The system cannot find the file specified.``,
``'-H' is not recognized as an internal or external command,``, ``curl: (6) Could not resolve host: …``). Those lines
are not words of the command: read as words, an error message becomes a URL (``http://The``). This module finds
them and the prompts, and blanks them in a copy of the text of the same length (offsets, and so every span, stay the
original's). Output between the lines of a command continued with ``\\``, ``^`` or a backtick is blanked with its line
breaks, so the continuation reaches the command's next line as the user typed it.
"""

from __future__ import annotations

from typing import Final

from curlport.findings import Finding
from curlport.lazy_pattern import LazyPattern
from curlport.parse import notes
from curlport.source import Source

#: A prompt at a line's start: cmd's ``C:\\dir>``, PowerShell's ``PS C:\\dir>``, a POSIX ``user@host:~$ ``.
_PROMPT: Final = LazyPattern(r"(?m)^[ \t]*(?:PS )?[A-Za-z]:\\[^>\n]*>|^[ \t]*[\w.-]+@[\w.-]+:[^$#\n]*[$#] ")
#: A whole line the shell or curl printed: never a word of a command.
_OUTPUT: Final = LazyPattern(
    r"(?m)^[ \t]*(?:curl: \(\d+\) .*|.* is not recognized as an internal or external command,?"
    r"|operable program or batch file\.|The system cannot find the (?:file|path) specified\."
    r"|(?:ba|z)?sh: .*(?:command not found|No such file or directory)|The filename, directory name, or volume label"
    r" syntax is incorrect\.)[ \t]*$")


def without_terminal_output(source: Source) -> tuple[str, list[Finding]]:
    """The text with every prompt and output line blanked (same length), and a finding at each; the text itself
    when it has none."""
    text = source.text
    outputs = list(_OUTPUT.finditer(text))
    prompts = list(_PROMPT.finditer(text))
    if not outputs and len(prompts) < 2:  # one prompt before the command: the shell reader skips it (CP010)
        return text, []
    characters = list(text)
    findings: list[Finding] = []
    for match in prompts:
        _blank(characters, match.start(), match.end())
        span = source.span(match.start(), match.end())
        findings.append(notes.TEXT_BEFORE_CURL.at(f"skipped the prompt at {span}: not part of the command", span))
    for match in outputs:
        start, end = match.start(), match.end()
        span = source.span(start, end)
        findings.append(notes.TEXT_BEFORE_CURL.at(
            f"skipped the terminal's output at {span}: a line the shell or curl printed, not the command's", span))
        if _continued(characters, start):  # inside a continued command: its line breaks go too, and blank lines
            while end < len(text) and text[end] in " \t\n":
                end += 1
        _blank(characters, start, end)
    findings.sort(key=lambda finding: (finding.span.line, finding.span.column) if finding.span else (0, 0))
    return "".join(characters), findings


def _continued(characters: list[str], start: int) -> bool:
    """Whether the line at ``start`` continues a command: before it (and before what was blanked) a line ends in a
    continuation character."""
    index = start - 1
    while index >= 0 and characters[index] == " ":
        index -= 1
    return index >= 1 and characters[index] == "\n" and characters[index - 1] in "\\^`"


def _blank(characters: list[str], start: int, end: int) -> None:
    for index in range(start, min(end, len(characters))):
        characters[index] = " "
