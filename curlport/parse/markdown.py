"""Markdown around a pasted command: README sections, docs pages, chat messages that fence the command in ```.

Users paste the whole section (a heading, prose with its apostrophes, a fence labelled ``sh`` or ``json``, the
command, the closing fence) or a one-line ```` ```curl …``` ````. Read as shell text, a fence is a backtick
substitution and an apostrophe in the prose opens a quote that never closes. When a fenced block holds a command
(a curl word or a URL), only what the fences hold is the command: the rest, and the fence lines, are blanked in a
copy of the text of the same length (offsets, and so every span, stay the original's), with a note.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Final

from curlport.findings import Finding
from curlport.lazy_pattern import LazyPattern
from curlport.parse import notes
from curlport.source import Source

#: A fence line: three backticks or more, then an optional language tag (```json, ```sh), and nothing else.
_FENCE: Final = LazyPattern(r"(?m)^[ \t]*`{3,}[\w+-]*[ \t]*$")
#: A one-line fenced command: ```curl …``` (the backticks alone are blanked, the command kept).
_INLINE: Final = LazyPattern(r"(?m)^([ \t]*)(`{3,})(?=\S)(.*\S)(`{3,})[ \t]*$")
#: What says a fenced block holds a command.
_COMMAND: Final = LazyPattern(r"(?i)\bcurl\b|https?://")
#: The character that continues a line, and the quotes, of each shell.
_CONTINUES: Final = {"bash": "\\", "cmd": "^", "powershell": "`"}
_QUOTES: Final = {"bash": "'\"", "cmd": '"', "powershell": "'\""}


def without_markdown(source: Source, text: str) -> tuple[str, list[Finding]]:
    """``text`` (the source's, or a copy already blanked) with the markdown around its fenced command blanked, and a
    note; ``text`` itself when no fenced block holds a command."""
    if "```" not in text:  # no fence at all (most texts): one search, where each pattern tries every line
        return text, []
    characters: list[str] | None = None
    findings: list[Finding] = []
    fences = list(_FENCE.finditer(text))
    blocks = [(fences[i], fences[i + 1]) for i in range(0, len(fences) - 1, 2)]
    if any(_COMMAND.search(text[opening.end():closing.start()]) for opening, closing in blocks):
        characters = list(text)
        kept = [(opening.end(), closing.start()) for opening, closing in blocks]
        position = 0
        for start, end in [*kept, (len(text), len(text))]:
            _blank(characters, position, start)
            position = end
        first = blocks[0][0]
        span = source.span(first.start(), first.end())
        findings.append(notes.TEXT_BEFORE_CURL.at(
            f"read the fenced code block{'s' * (len(blocks) > 1)} (the first fence at {span}): the markdown around "
            "skipped", span))
    for match in _INLINE.finditer(text):
        if _COMMAND.match(match.group(3)) is None:
            continue
        characters = characters if characters is not None else list(text)
        _blank(characters, match.start(2), match.end(2))
        _blank(characters, match.start(4), match.end(4))
        span = source.span(match.start(2), match.end(2))
        findings.append(notes.TEXT_BEFORE_CURL.at(f"skipped the markdown fence around the command at {span}", span))
    return ("".join(characters), findings) if characters is not None else (text, [])


def curl_line_starts(text: str) -> list[int]:
    """The offsets of the curl words that start a line of the text (after blanks, a ``$`` prompt or a bullet).

    Asked of every text: each occurrence of ``curl`` is found by a plain search and its line checked, rather than a
    pattern tried at every line start (a 1 MiB command of headers is one occurrence, not 70,000 lines to try)."""
    lowered = text.lower()
    starts = []
    at = lowered.find("curl")
    while at != -1:
        end = at + 8 if lowered.startswith(".exe", at + 4) else at + 4
        prefix = text[text.rfind("\n", 0, at) + 1 : at].strip()
        if (prefix in ("", "$", "*", "-") and lowered[end : end + 1] in ("", " ", "\t", "\n")
                and (not prefix or text[at - 1] in " \t")):
            starts.append(at)
        at = lowered.find("curl", end)
    return starts


def without_prose(source: Source, text: str, dialect: str) -> tuple[str, list[Finding]] | None:
    """``text`` with everything but its curl commands blanked, and a note; None when no line starts a curl command.

    Prose around and between commands (a docs page's headings, an error list, "couldn't be sent") is not shell text:
    an apostrophe in it opens a quote that never closes, or pairs with the next one and swallows a command. A command
    runs from a line that starts with curl over the lines it continues: a line ending in the shell's continuation
    character, a quote still open, or a next line that starts with an option (a continuation a page's copy lost).
    """
    starts = curl_line_starts(text)
    if not starts:
        return None
    continues, quotes = _CONTINUES.get(dialect, "\\"), _QUOTES.get(dialect, "'\"")
    characters = list(text)
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    starting = {bisect_right(offsets, start) - 1 for start in starts}
    kept = [False] * len(lines)
    index = 0
    while index < len(lines):
        if index not in starting:
            index += 1
            continue
        quote = ""
        while index < len(lines):
            kept[index] = True
            quote = _open_quote(lines[index], quote, quotes, continues)
            following = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
            index += 1
            if not (quote or lines[index - 1].rstrip().endswith(continues) or following.startswith("-")) \
                    or index in starting:
                break
    skipped = [number for number, keep in enumerate(kept) if not keep and lines[number].strip()]
    if not skipped:
        return None
    for number in skipped:
        _blank(characters, offsets[number], offsets[number] + len(lines[number]))
    span = source.span(offsets[skipped[0]], offsets[skipped[0]] + len(lines[skipped[0]]))
    return "".join(characters), [notes.TEXT_BEFORE_CURL.at(
        f"read the curl command lines only (prose from {span} on skipped): an apostrophe in the text around them is "
        "no shell quote", span)]


def _open_quote(line: str, quote: str, quotes: str, escape: str) -> str:
    """The quote still open at the end of the line, given the one open at its start ("" for none)."""
    position = 0
    while position < len(line):
        character = line[position]
        if character == escape and quote != "'" and escape != "^":  # \x outside single quotes (bash, PowerShell)
            position += 2
            continue
        if quote:
            if character == quote:
                quote = ""
        elif character in quotes:
            quote = character
        position += 1
    return quote


def _blank(characters: list[str], start: int, end: int) -> None:
    """Blank ``characters[start:end]``, keeping its line breaks (so lines and columns stay the text's)."""
    for index in range(start, end):
        if characters[index] != "\n":
            characters[index] = " "
