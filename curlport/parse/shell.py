"""Shell text → the words of the first curl command, each with its span.

The grammar (grammar/curl.lark) cuts the text into whole words, separators and
comments; this module decodes each word the way its shell would (without ever
running or expanding anything), repairs what provider docs get wrong about the
shell, and keeps only the first command. Every decoded character remembers
where it came from, so later messages can point inside a word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from curlport.errors import CurlUsageError, ShellSyntaxError
from curlport.findings import Finding
from curlport.parse import notes
from curlport.resources import read_resource
from curlport.source import Source, Span

DIALECTS = ("bash", "cmd", "pwsh")
_WORD_TERMINAL = {"bash": "BASH_WORD", "cmd": "CMD_WORD", "pwsh": "PS_WORD"}
_CONTROL_TERMINALS = frozenset({"BASH_CONTROL", "CMD_CONTROL", "PS_CONTROL"})
_PROMPTS = frozenset({"$", "%", ">", "PS>", "#"})

if TYPE_CHECKING:
    from lark import Lark, Token


@cache
def _parser() -> Lark:
    """The grammar compiled once, on first use: commands that never parse shell text never import Lark."""
    from curlport.parse.lexer import grammar_parser

    return grammar_parser(read_resource("grammar", "curl.lark"), list(DIALECTS))


@cache
def _piece_patterns() -> dict[str, re.Pattern[str]]:
    """One regex per dialect that walks a word piece by piece.

    The pieces are the grammar's own *_PIECE_* terminals, tried in the order the
    grammar's word terminal tries them, so decoding can never disagree with lexing.
    """
    terminals = {t.name: t.pattern.to_regexp() for t in _parser().grammar.compile(list(DIALECTS), "*")[0]}
    patterns = {}
    for dialect, word_name in _WORD_TERMINAL.items():
        prefix = word_name.replace("WORD", "PIECE_")
        word_regexp = terminals[word_name]
        pieces = sorted(
            (name for name in terminals if name.startswith(prefix)),
            key=lambda name: word_regexp.index(terminals[name]),
        )
        # A run of plain characters is one piece: each is a character no other piece starts at,
        # exactly as if the run were read one character at a time.
        others = "|".join(terminals[name] for name in pieces if name != prefix + "BARE")
        groups = {name: terminals[name] for name in pieces}
        groups[prefix + "BARE"] = f"(?:(?!{others})(?:{terminals[prefix + 'BARE']}))+"
        patterns[dialect] = re.compile(
            "|".join(f"(?P<{name.removeprefix(prefix)}>{regexp})" for name, regexp in groups.items())
        )
    return patterns


@dataclass(frozen=True)
class Word:
    """One shell word: its decoded text and where each decoded character came from.

    ``marks`` are (decoded index, source offset, verbatim) checkpoints: from a
    verbatim checkpoint on, characters map one to one onto the source.
    """

    text: str
    start: int
    end: int
    marks: tuple[tuple[int, int, bool], ...] = ()

    def offset_of(self, index: int) -> int:
        """The source offset of the decoded character at ``index``."""
        if not self.marks:
            return self.start
        position = bisect_right(self.marks, (index, float("inf"), True)) - 1
        if position < 0:
            return self.start
        decoded_index, offset, verbatim = self.marks[position]
        return min(offset + (index - decoded_index), self.end) if verbatim else offset


@dataclass
class _WordBuilder:
    source: Source
    findings: list[Finding]
    parts: list[str] = field(default_factory=list)
    marks: list[tuple[int, int, bool]] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, offset: int, verbatim: bool = True) -> None:
        if text:
            self.marks.append((self.length, offset, verbatim))
            self.parts.append(text)
            self.length += len(text)

    def note(self, kind: notes.NoteKind, message: str, start: int, end: int) -> None:
        span = self.source.span(start, end)
        self.findings.append(kind.at(message.format(at=span), span))


# ---- POSIX shells -------------------------------------------------------------

_ANSI_C_ESCAPE = re.compile(
    r"((?:\\x[0-9A-Fa-f]{1,2}|\\[0-7]{1,3})+)|\\(?:u([0-9A-Fa-f]{1,4})|U([0-9A-Fa-f]{1,8})|c(.)|([\s\S]))"
)
_BYTE_ESCAPE = re.compile(r"\\x([0-9A-Fa-f]{1,2})|\\([0-7]{1,3})")
_ANSI_C_SIMPLE = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b",
    "f": "\f", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?",
}
_DOUBLE_QUOTE_ESCAPE = re.compile(r'\\([\\"$`\n])')


def _ansi_c_character(match: re.Match[str]) -> str:
    byte_run, short_unicode, long_unicode, control, other = match.groups()
    if byte_run:
        # \xHH and \NNN are bytes: a run of them spells UTF-8 (caf\xc3\xa9 is café)
        values = bytes(
            int(hex_byte, 16) if hex_byte else int(octal, 8) & 0xFF
            for hex_byte, octal in _BYTE_ESCAPE.findall(byte_run)
        )
        return values.decode("utf-8", errors="replace")
    if short_unicode or long_unicode:
        code_point = int(short_unicode or long_unicode, 16)
        return chr(code_point) if code_point <= 0x10FFFF else "\ufffd"
    if control:
        return chr(ord(control) & 0x1F)
    return _ANSI_C_SIMPLE.get(other, "\\" + other)


def _add_escaped_run(
    builder: _WordBuilder, content: str, offset: int, escape: re.Pattern[str], decode: Callable[[re.Match[str]], str]
) -> None:
    """Add quoted content, verbatim between escapes, one mark per escape."""
    position = 0
    for match in escape.finditer(content):
        builder.add(content[position : match.start()], offset + position)
        builder.add(decode(match), offset + match.start(), verbatim=False)
        position = match.end()
    builder.add(content[position:], offset + position)


def _warn_substitutions(builder: _WordBuilder, content: str, offset: int) -> None:
    for match in re.finditer(r"(?<!\\)(?:\$\(|`)", content):
        builder.note(
            notes.SHELL_SUBSTITUTION,
            "shell substitution at {at} kept as literal text: curlport never runs commands",
            offset + match.start(), offset + match.end(),
        )


def _bash_single(builder: _WordBuilder, piece: str, offset: int) -> None:
    builder.add(piece[1:-1], offset + 1)


def _bash_double(builder: _WordBuilder, piece: str, offset: int) -> None:
    content_offset = offset + (2 if piece.startswith("$") else 1)
    content = piece[content_offset - offset : -1]
    _warn_substitutions(builder, content, content_offset)
    _add_escaped_run(
        builder, content, content_offset, _DOUBLE_QUOTE_ESCAPE,
        lambda m: "" if m.group(1) == "\n" else m.group(1),
    )


def _bash_ansi_c(builder: _WordBuilder, piece: str, offset: int) -> None:
    _add_escaped_run(builder, piece[2:-1], offset + 2, _ANSI_C_ESCAPE, _ansi_c_character)


def _bash_substitution(builder: _WordBuilder, piece: str, offset: int) -> None:
    _warn_substitutions(builder, piece, offset)
    builder.add(piece, offset)


def _bash_escape(builder: _WordBuilder, piece: str, offset: int) -> None:
    if piece[1] not in "\r\n":
        builder.add(piece[1], offset, verbatim=False)


_REPAIRS = {
    "ANGLE": "unquoted {piece} at {{at}} read as text: a shell would read it as a redirection",
    "AMPERSAND": "unquoted & inside a word at {{at}}: a shell would have cut the command here; quote the URL",
}


def _repaired(builder: _WordBuilder, piece: str, offset: int, kind: str) -> None:
    builder.note(notes.SHELL_REPAIR, _REPAIRS[kind].format(piece=piece), offset, offset + len(piece))


def _angle(builder: _WordBuilder, piece: str, offset: int) -> None:
    _repaired(builder, piece, offset, "ANGLE")
    builder.add(piece, offset)


def _ampersand(builder: _WordBuilder, piece: str, offset: int) -> None:
    _repaired(builder, piece, offset, "AMPERSAND")
    builder.add(piece, offset)


def _bare(builder: _WordBuilder, piece: str, offset: int) -> None:
    builder.add(piece, offset)


# ---- Windows cmd ----------------------------------------------------------------

def _cmd_word(builder: _WordBuilder, raw: str, offset: int) -> None:
    """Undo cmd's carets, then split the rest with the C runtime's argv rules.

    Browsers' "Copy as cURL (cmd)" writes ^"…^" so that cmd never enters its own
    quote mode; what reaches curl.exe is then parsed by MSVCRT, where \\" is a quote.
    """
    characters: list[tuple[str, int]] = []
    in_cmd_quote = False
    index = 0
    while index < len(raw):
        character = raw[index]
        if character == "^" and not in_cmd_quote and index + 1 < len(raw):
            index += 1
            if raw[index] in "\r\n":
                # ^ at a line end continues the line and makes the next character literal:
                # browsers write a newline inside an argument as ^ and two line breaks.
                index = _after_line_break(raw, index)
                if index < len(raw) and raw[index] in "\r\n":
                    characters.append(("\n", offset + index))
                    index = _after_line_break(raw, index)
                continue
            characters.append((raw[index], offset + index))
            index += 1
            continue
        if character == '"':
            in_cmd_quote = not in_cmd_quote
        characters.append((character, offset + index))
        index += 1
    in_quote = False
    index = 0
    while index < len(characters):
        character, source_offset = characters[index]
        if character == "\\":
            run_end = index
            while run_end < len(characters) and characters[run_end][0] == "\\":
                run_end += 1
            backslashes = run_end - index
            if run_end < len(characters) and characters[run_end][0] == '"':
                builder.add("\\" * (backslashes // 2), source_offset, verbatim=False)
                if backslashes % 2:
                    builder.add('"', characters[run_end][1], verbatim=False)
                else:
                    in_quote = not in_quote
                index = run_end + 1
            else:
                builder.add("\\" * backslashes, source_offset)
                index = run_end
            continue
        if character == '"':
            in_quote = not in_quote
        else:
            builder.add(character, source_offset, verbatim=False)
        index += 1


def _after_line_break(raw: str, index: int) -> int:
    if raw.startswith("\r", index):
        index += 1
    return index + 1 if raw.startswith("\n", index) else index


# ---- PowerShell -------------------------------------------------------------------

_PS_ESCAPE = re.compile(r'`u\{([0-9A-Fa-f]{1,6})\}|`([\s\S])|""')
_PS_SIMPLE = {"0": "\0", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _ps_character(match: re.Match[str]) -> str:
    code_point, escaped = match.groups()
    if code_point:
        return chr(min(int(code_point, 16), 0x10FFFF))
    if escaped is None:
        return '"'
    return _PS_SIMPLE.get(escaped, escaped)


def _ps_single(builder: _WordBuilder, piece: str, offset: int) -> None:
    _add_escaped_run(builder, piece[1:-1], offset + 1, re.compile("''"), lambda m: "'")


def _ps_double(builder: _WordBuilder, piece: str, offset: int) -> None:
    _warn_substitutions(builder, piece[1:-1].replace("`", ""), offset + 1)
    _add_escaped_run(builder, piece[1:-1], offset + 1, _PS_ESCAPE, _ps_character)


def _ps_escape(builder: _WordBuilder, piece: str, offset: int) -> None:
    builder.add(piece[1], offset, verbatim=False)


_PIECE_DECODERS: dict[str, Callable[[_WordBuilder, str, int], None]] = {
    "SINGLE": _bash_single, "DOUBLE": _bash_double, "LOCALE": _bash_double, "ANSI_C": _bash_ansi_c,
    "SUBST": _bash_substitution, "BACKTICK": _bash_substitution, "ESCAPE": _bash_escape,
    "ANGLE": _angle, "AMPERSAND": _ampersand, "BARE": _bare,
}
_PS_DECODERS = {**_PIECE_DECODERS, "SINGLE": _ps_single, "DOUBLE": _ps_double, "ESCAPE": _ps_escape}

_GLOB = re.compile(r"[?*\[]")


def _decode_word(token: Token, dialect: str, source: Source, findings: list[Finding]) -> Word:
    builder = _WordBuilder(source, findings)
    raw = str(token)
    offset = token.start_pos or 0
    if dialect == "cmd":
        for match in _piece_patterns()["cmd"].finditer(raw):
            if match.lastgroup in _REPAIRS:
                _repaired(builder, match.group(), offset + match.start(), match.lastgroup)
        _cmd_word(builder, raw, offset)
    else:
        decoders = _PS_DECODERS if dialect == "pwsh" else _PIECE_DECODERS
        globbed = False
        for match in _piece_patterns()[dialect].finditer(raw):
            kind = match.lastgroup or "BARE"
            decoders[kind](builder, match.group(), offset + match.start())
            glob = _GLOB.search(match.group()) if kind == "BARE" and not globbed and dialect == "bash" else None
            if glob:
                globbed = True
                at = offset + match.start() + glob.start()
                builder.note(
                    notes.GLOB_CHARACTERS,
                    f"unquoted {glob.group()} at {{at}}: zsh would stop with 'no matches found'; quote the word",
                    at, at + 1,
                )
        if dialect == "pwsh" and '"' in "".join(builder.parts):
            builder.note(
                notes.POWERSHELL_QUOTES,
                "this argument contains double quotes (at {at}); Windows PowerShell 5.1 and PowerShell 7.2 "
                "strip them when calling curl.exe: the provider meant the text as imported",
                offset, offset + len(raw),
            )
    return Word("".join(builder.parts), offset, token.end_pos or offset, tuple(builder.marks))


def detect_dialect(text: str) -> str:
    """Guess which shell the command was written for, from its continuations and quoting."""
    if re.search(r"\^\r?$", text, re.MULTILINE) or '^"' in text:
        return "cmd"
    if re.search(r"`\r?$", text, re.MULTILINE) or re.search(r"(?i)\bcurl\.exe\b", text):
        return "pwsh"
    return "bash"


@dataclass(frozen=True)
class ShellCommand:
    """The first curl command of the input: its argument words after the ``curl`` word."""

    source: Source
    dialect: str
    curl_word: Word
    words: tuple[Word, ...]
    findings: tuple[Finding, ...]

    def span_of(self, word: Word, start_index: int | None = None, end_index: int | None = None) -> Span:
        """The span of a word, or of the decoded characters [start_index, end_index) inside it."""
        if start_index is None:
            return self.source.span(word.start, word.end)
        start = word.offset_of(start_index)
        end = word.offset_of(end_index - 1) + 1 if end_index and end_index > start_index else start + 1
        return self.source.span(start, max(end, start + 1))


def is_curl(word: Word) -> bool:
    name = re.split(r"[\\/]", word.text)[-1].lower()
    return name in ("curl", "curl.exe")


def _tokenize(source: Source, dialect: str) -> list[Token]:
    from lark import Token
    from lark.exceptions import UnexpectedInput

    try:
        tree = _parser().parse(source.text, start=dialect)
    except UnexpectedInput as error:
        # The contextual lexer retries with every dialect's terminals before giving up,
        # so a failure may come as UnexpectedToken; either way the offset is what counts.
        token = getattr(error, "token", None)
        offset = token.start_pos if isinstance(token, Token) else error.pos_in_stream
        offset = min(offset or 0, max(len(source.text) - 1, 0))
        character = source.text[offset]
        span = source.span(offset, offset + 1)
        if character in "'\"":
            raise ShellSyntaxError(f"unbalanced {character}: this quote is never closed", span) from None
        raise ShellSyntaxError(f"unexpected character {character!r} for a {dialect} command", span) from None
    return [child for child in tree.children if isinstance(child, Token)]


def _snippet(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_first_command(text: str, name: str = "<stdin>") -> ShellCommand:
    """Split shell text into the words of its first curl command."""
    source = Source(text, name)
    dialect = detect_dialect(text)
    tokens = _tokenize(source, dialect)
    findings: list[Finding] = []
    word_type = _WORD_TERMINAL[dialect]
    position = 0
    curl_word: Word | None = None
    skipped: list[Token] = []
    while position < len(tokens):
        token = tokens[position]
        position += 1
        if token.type == word_type:
            word = _decode_word(token, dialect, source, [])
            if is_curl(word):
                curl_word = word
                break
        if token.type != "COMMENT":
            skipped.append(token)
    if curl_word is None:
        first = next((t for t in tokens if t.type == word_type), None)
        span = source.span(first.start_pos or 0, first.end_pos or 0) if first else Span(1, 1, 1, 1)
        raise CurlUsageError("not a curl command: no 'curl' word found", span)
    skipped_words = [t for t in skipped if t.type != "NEWLINE"]
    if skipped_words:
        start, end = skipped_words[0].start_pos or 0, skipped_words[-1].end_pos or 0
        kind = notes.TEXT_BEFORE_CURL
        is_prompt = len(skipped_words) == 1 and str(skipped_words[0]) in _PROMPTS
        what = "the shell prompt" if is_prompt else f"'{_snippet(text[start:end])}'"
        findings.append(kind.at(f"skipped {what} before the curl word at {source.span(start, end)}",
                                source.span(start, end)))

    words: list[Word] = []
    while position < len(tokens):
        token = tokens[position]
        if token.type == word_type:
            words.append(_decode_word(token, dialect, source, findings))
        elif token.type in _CONTROL_TERMINALS:
            if str(token)[0] in "<>" and words and words[-1].end == token.start_pos and words[-1].text.isdigit():
                words.pop()  # the 2 of 2>&1 is a file descriptor, not an argument
            _ignore_rest(source, token, findings, f"'{token}'")
            break
        elif token.type == "NEWLINE":
            following = next((t for t in tokens[position + 1 :] if t.type not in ("NEWLINE", "COMMENT")), None)
            if following is None:
                break
            if following.type == word_type and str(following).startswith("-"):
                span = source.span(token.start_pos or 0, token.end_pos or 0)
                findings.append(notes.SHELL_REPAIR.at(
                    f"line break at {span} without a continuation: a shell would end the command here;"
                    f" the next line's options were read as part of it", span))
            else:
                _ignore_rest(source, following, findings, "the next line")
                break
        position += 1
    return ShellCommand(source, dialect, curl_word, tuple(words), tuple(findings))


def _ignore_rest(source: Source, token: Token, findings: list[Finding], what: str) -> None:
    ignore_from(source, token.start_pos or 0, len(str(token)), findings, what)


def ignore_from(source: Source, start: int, length: int, findings: list[Finding], what: str) -> None:
    """Report that everything from ``start`` on is not part of the imported command."""
    span = source.span(start, start + length)
    findings.append(notes.IGNORED_TRAILING_TEXT.at(
        f"ignored everything from {what} at {span} on ('{_snippet(source.text[start:])}'):"
        " only the first curl command is imported", span))
