"""Markdown around a pasted command: README sections, docs pages, chat messages that fence the command in ```.

Users paste the whole section (a heading, prose with its apostrophes, a fence labelled ``sh`` or ``json``, the
command, the closing fence) or a one-line ```` ```curl …``` ````. Read as shell text, a fence is a backtick
substitution and an apostrophe in the prose opens a quote that never closes. When a fenced block holds a command
(a curl word or a URL), only what the fences hold is the command: the rest, and the fence lines, are blanked in a
copy of the text of the same length (offsets, and so every span, stay the original's), with a note.
"""

from __future__ import annotations

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


def _blank(characters: list[str], start: int, end: int) -> None:
    """Blank ``characters[start:end]``, keeping its line breaks (so lines and columns stay the text's)."""
    for index in range(start, end):
        if characters[index] != "\n":
            characters[index] = " "
