"""Shell text → the words of the first curl command, each with its span.

The grammar (grammar/curl.lark) cuts the text into whole words, separators and
comments; this module decodes each word the way its shell would (without ever
running or expanding anything), repairs what provider docs get wrong about the
shell, and keeps only the first command (and, for an OAuth 2.0 token request
followed by the call that uses its token, the later ones). Literal variable
assignments that precede a command are applied where it uses them, as the
shell would; nothing is ever run. Every decoded character remembers where it
came from, so later messages can point inside a word.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from itertools import islice
from typing import Final, NamedTuple

from curlport.errors import CurlportError, CurlUsageError, ShellSyntaxError
from curlport.findings import Finding
from curlport.lazy_pattern import LazyPattern
from curlport.parse import notes
from curlport.parse.markdown import curl_line_starts, without_markdown, without_prose
from curlport.parse.scanner import ScanError, Token
from curlport.parse.tables import shipped_scanner
from curlport.parse.transcript import without_terminal_output
from curlport.source import Source, Span
from curlport.urls import ANGLE_URL, TEMPLATE_BASE

DIALECTS: Final = ("bash", "cmd", "pwsh")
_WORD_TERMINAL: Final = {"bash": "BASH_WORD", "cmd": "CMD_WORD", "pwsh": "PS_WORD"}
_CONTROL_TERMINALS: Final = frozenset({"BASH_CONTROL", "CMD_CONTROL", "PS_CONTROL"})
_PROMPTS: Final = frozenset({"$", "%", ">", "PS>", "#"})


class _Pieces:
    """How a dialect's words are read piece by piece.

    ``pattern`` walks a word one piece at a time: the pieces are the grammar's own
    *_PIECE_* terminals, tried in the order the grammar's word terminal tries them,
    so decoding can never disagree with lexing. ``plain`` matches a run of the
    characters no piece but the plain one can start with: a word that is all of them
    is one plain piece, known without trying every piece at its first character.

    A plain record, made once per dialect.
    """

    def __init__(self, pattern: re.Pattern[str], plain: re.Pattern[str] | None) -> None:
        self.pattern = pattern
        self.plain = plain


@functools.cache
def _piece_patterns(dialect: str) -> _Pieces:
    """The dialect's ``_Pieces``, made on first use (a run reads one dialect only)."""
    tables = shipped_scanner().tables
    terminals, word_name = tables.terminals, _WORD_TERMINAL[dialect]
    prefix = word_name.replace("WORD", "PIECE_")
    pieces = sorted(
        (name for name in terminals if name.startswith(prefix)),
        key=lambda name: terminals[word_name].index(terminals[name]),
    )
    # A run of plain characters is one piece: each is a character no other piece starts at,
    # exactly as if the run were read one character at a time. The characters no other piece
    # can start with at all (the word's run) are read as a run at once: the lookahead would let them all pass.
    others = "|".join(terminals[name] for name in pieces if name != prefix + "BARE")
    groups = {name: terminals[name] for name in pieces}
    single = f"(?!{others})(?:{terminals[prefix + 'BARE']})"
    run = tables.runs.get(word_name)
    groups[prefix + "BARE"] = f"(?:{run}+|{single})+" if run else f"(?:{single})+"
    pattern = re.compile("|".join(f"(?P<{name.removeprefix(prefix)}>{regexp})" for name, regexp in groups.items()))
    return _Pieces(pattern, re.compile(f"{run}+") if run else None)


class Word:
    """One shell word: its decoded text and where each decoded character came from.

    ``marks`` are (decoded index, source offset, verbatim) checkpoints: from a
    verbatim checkpoint on, characters map one to one onto the source. Most words are
    one slice of the source (a plain run, '…' or "…" without escapes): such a word
    has no marks, only ``at``, where its text starts (-1 for any other word), and
    ``checkpoints`` says the same as its one verbatim mark would.

    A plain record (one per shell word): nothing unpacks, compares or hashes a word.
    """

    def __init__(self, text: str, start: int, end: int, marks: tuple[tuple[int, int, bool], ...] = (),
                 at: int = -1) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.marks = marks
        self.at = at

    def checkpoints(self) -> tuple[tuple[int, int, bool], ...]:
        """The word's marks, a slice's one verbatim mark included."""
        return ((0, self.at, True),) if self.at >= 0 else self.marks

    def offset_of(self, index: int) -> int:
        """The source offset of the decoded character at ``index``."""
        if self.at >= 0:  # most words: one slice of the source
            offset = self.at + index
            return (offset if offset < self.end else self.end) if index >= 0 else self.start
        marks = self.marks
        if len(marks) == 1 and index >= marks[0][0]:  # most words: one slice of the source
            decoded_index, offset, verbatim = marks[0]
            return min(offset + (index - decoded_index), self.end) if verbatim else offset
        if not marks:
            return self.start
        position = bisect_right(marks, (index, float("inf"), True)) - 1
        if position < 0:
            return self.start
        decoded_index, offset, verbatim = marks[position]
        return min(offset + (index - decoded_index), self.end) if verbatim else offset


def joined(words: tuple[Word, ...] | list[Word]) -> Word:
    """Words the doc meant as one argument, joined by a space, each character still pointing at its source."""
    parts: list[str] = []
    marks: list[tuple[int, int, bool]] = []
    length = 0
    for index, word in enumerate(words):
        if index:
            marks.append((length, words[index - 1].end, False))
            parts.append(" ")
            length += 1
        marks += [(length + at, offset, verbatim)
                  for at, offset, verbatim in word.checkpoints() or ((0, word.start, False),)]
        parts.append(word.text)
        length += len(word.text)
    return Word("".join(parts), words[0].start, words[-1].end, tuple(marks))


class Assignment(NamedTuple):
    """A variable a line before the command sets to a literal value (``base_url='https://…'``).

    A named tuple, not a frozen dataclass (one per variable assignment): named tuples are built several times faster.
    """

    name: str
    value: str
    span: Span


class _WordBuilder:
    """A word decoded piece by piece: its parts and marks so far, and whether its value is still known.

    A plain class, not a dataclass: a dataclass costs a few hundred microseconds to define at every start.
    """

    def __init__(self, source: Source, findings: list[Finding], variables: Mapping[str, Assignment],
                 fold_case: bool) -> None:
        self.source = source
        self.findings = findings
        #: Literal assignments that precede the word, by name (lower-cased where the shell ignores case).
        self.variables = variables
        self.parts: list[str] = []
        self.marks: list[tuple[int, int, bool]] = []
        self.length = 0
        #: False once the word holds a substitution or a variable nobody assigned: its value is not known.
        self.literal = True
        #: cmd and PowerShell variable names ignore case.
        self.fold_case = fold_case

    def add(self, text: str, offset: int, verbatim: bool = True) -> None:
        if text:
            self.marks.append((self.length, offset, verbatim))
            self.parts.append(text)
            self.length += len(text)

    def note(self, kind: notes.NoteKind, message: str, start: int, end: int) -> None:
        _note(self.source, self.findings, kind, message, start, end)

    def variable(self, name: str, start: int, end: int) -> str | None:
        """The value of a literal assignment that precedes the word, noted at its use; None when there is none, or
        when it is an empty credential: ``AUTH_KEY=`` is the script's blank for the user to fill, not a value (an
        empty ``Authorization:`` would make curl send no header, and the config look ready without credentials)."""
        assignment = self.variables.get(name.lower() if self.fold_case else name)
        if assignment is None:
            self.literal = False
            return None
        used = self.source.text[start:end].replace("{", "{{").replace("}", "}}")
        if not assignment.value.strip() and self._credential_blank(name, start):  # AUTH_KEY= : kept as its template
            self.literal = False
            self.note(notes.VARIABLE_APPLIED, f"{used} at {{at}} kept: the value assigned at {assignment.span} is "
                      "empty, a blank left to fill in", start, end)
            return None
        self.note(notes.VARIABLE_APPLIED, f"{used} at {{at}} replaced by the value assigned at {assignment.span}",
                  start, end)
        return assignment.value


    def _credential_blank(self, name: str, start: int) -> bool:
        """Whether an empty variable stands for a credential: by its own name (``$API_TOKEN``) or by the name just
        before it in the text (``Authorization: $X``, ``apikey=$X``, ``\\"token\\":\\"$X``)."""
        from curlport.credentials import is_credential_name  # lazy: only a script with an empty assignment

        before = _NAME_BEFORE_VALUE.search(self.source.text[max(0, start - 100) : start])
        return is_credential_name(name) or (before is not None and is_credential_name(before.group(1)))


#: The name a value follows at the end of a word so far: a header's (with a scheme), a field's, a JSON member's.
_NAME_BEFORE_VALUE: Final = LazyPattern(r"([A-Za-z0-9_.-]+)[\\\"']*\s*[:=]\s*[\\\"']*(?:[A-Za-z]+[ \t]+)?$")


def _note(source: Source, findings: list[Finding], kind: notes.NoteKind, message: str, start: int, end: int) -> None:
    """Add a note about the text [start, end); ``{at}`` in the message is where that is."""
    span = source.span(start, end)
    findings.append(kind.at(message.format(at=span), span))


# ---- POSIX shells -------------------------------------------------------------

_ANSI_C_ESCAPE: Final = LazyPattern(
    r"((?:\\x[0-9A-Fa-f]{1,2}|\\[0-7]{1,3})+)|\\(?:u([0-9A-Fa-f]{1,4})|U([0-9A-Fa-f]{1,8})|c(.)|([\s\S]))"
)
_BYTE_ESCAPE: Final = LazyPattern(r"\\x([0-9A-Fa-f]{1,2})|\\([0-7]{1,3})")
_ANSI_C_SIMPLE: Final = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b",
    "f": "\f", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?",
}
_DOUBLE_QUOTE_ESCAPE: Final = LazyPattern(
    r'\\([\\"$`\n])|(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))'
)


def _character(code_point: int) -> str:
    """The character of a \\u escape; U+FFFD for a code point that is none (half of a surrogate pair, beyond
    U+10FFFF), which bash writes as bytes no UTF-8 reader decodes, and which no output could encode."""
    return "\ufffd" if 0xD800 <= code_point <= 0xDFFF or code_point > 0x10FFFF else chr(code_point)


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
        return _character(int(short_unicode or long_unicode, 16))
    if control:
        return chr(ord(control) & 0x1F)
    return _ANSI_C_SIMPLE.get(other, "\\" + other)


def _add_escaped_run(
    builder: _WordBuilder, content: str, offset: int, escape: re.Pattern[str] | LazyPattern,
    decode: Callable[[re.Match[str]], str | None],
) -> None:
    """Add quoted content, verbatim between escapes, one mark per escape (a decode of None keeps the match as is)."""
    position = 0
    for match in escape.finditer(content):
        decoded = decode(match)
        if decoded is None:
            continue
        builder.add(content[position : match.start()], offset + position)
        builder.add(decoded, offset + match.start(), verbatim=False)
        position = match.end()
    builder.add(content[position:], offset + position)


_SUBSTITUTION: Final = LazyPattern(r"(?<!\\)(?:\$\(|`)")


def _warn_substitutions(builder: _WordBuilder, content: str, offset: int) -> None:
    for match in _SUBSTITUTION.finditer(content):
        builder.literal = False
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

    def decode(match: re.Match[str]) -> str | None:
        escaped, braced, name = match.groups()
        if escaped is None:
            return builder.variable(braced or name, content_offset + match.start(), content_offset + match.end())
        return "" if escaped == "\n" else escaped

    _add_escaped_run(builder, content, content_offset, _DOUBLE_QUOTE_ESCAPE, decode)


def _bash_ansi_c(builder: _WordBuilder, piece: str, offset: int) -> None:
    _add_escaped_run(builder, piece[2:-1], offset + 2, _ANSI_C_ESCAPE, _ansi_c_character)


def _bash_substitution(builder: _WordBuilder, piece: str, offset: int) -> None:
    _warn_substitutions(builder, piece, offset)
    builder.add(piece, offset)


def _variable(builder: _WordBuilder, piece: str, offset: int) -> None:
    value = builder.variable(piece.strip("${}"), offset, offset + len(piece))
    if value is None:
        builder.add(piece, offset)
    else:
        builder.add(value, offset, verbatim=False)


_TYPOGRAPHIC_MESSAGE: Final = (
    "typographic quotes {opening}…{closing} at {{at}} read as plain quotes (a word processor or chat app "
    "changed them); a shell would keep them in the argument"
)


def _typographic(builder: _WordBuilder, piece: str, offset: int) -> None:
    message = _TYPOGRAPHIC_MESSAGE.format(opening=piece[0], closing=piece[-1])
    builder.note(notes.TYPOGRAPHIC_QUOTES, message, offset, offset + len(piece))
    builder.add(piece[1:-1], offset + 1)


def _bash_escape(builder: _WordBuilder, piece: str, offset: int) -> None:
    if piece[1] not in "\r\n":
        builder.add(piece[1], offset, verbatim=False)


_REPAIRS: Final = {
    "ANGLE": "unquoted {piece} at {{at}} read as text: a shell would read it as a redirection",
    "AMPERSAND": "unquoted & inside a word at {{at}}: a shell would have cut the command here; quote the URL",
}


def _repaired(builder: _WordBuilder, piece: str, offset: int, kind: str) -> None:
    builder.note(notes.SHELL_REPAIR, _REPAIRS[kind].format(piece=piece), offset, offset + len(piece))


def _angle(builder: _WordBuilder, piece: str, offset: int) -> None:
    if not ANGLE_URL.fullmatch(piece):  # a URL in angle brackets: the request says what it made of them
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
    cmd expands %NAME% first of all, so an assigned variable's value goes through both.
    """
    expanded = _cmd_expanded(builder, raw, offset)
    characters: list[tuple[str, int]] = []
    in_cmd_quote = False
    index = 0
    while index < len(expanded):
        character, source_offset = expanded[index]
        if character == "^" and not in_cmd_quote and index + 1 < len(expanded):
            index += 1
            if expanded[index][0] in "\r\n":
                # ^ at a line end continues the line and makes the next character literal:
                # browsers write a newline inside an argument as ^ and two line breaks.
                index = _after_line_break(expanded, index)
                if index < len(expanded) and expanded[index][0] in "\r\n":
                    characters.append(("\n", expanded[index][1]))
                    index = _after_line_break(expanded, index)
                continue
            characters.append(expanded[index])
            index += 1
            continue
        if character == '"':
            in_cmd_quote = not in_cmd_quote
        characters.append((character, source_offset))
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


def _after_line_break(characters: list[tuple[str, int]], index: int) -> int:
    if index < len(characters) and characters[index][0] == "\r":
        index += 1
    return index + 1 if index < len(characters) and characters[index][0] == "\n" else index


_CMD_VARIABLE: Final = LazyPattern(r"%([A-Za-z_][A-Za-z0-9_]*)%")


def _cmd_expanded(builder: _WordBuilder, raw: str, offset: int) -> list[tuple[str, int]]:
    """The word's characters with their source offsets, each assigned %NAME% replaced by its value."""
    characters: list[tuple[str, int]] = []
    position = 0
    for match in _CMD_VARIABLE.finditer(raw):
        value = builder.variable(match.group(1), offset + match.start(), offset + match.end())
        if value is None:
            continue
        characters += [(character, offset + index) for index, character in enumerate(raw[position : match.start()],
                                                                                      position)]
        characters += [(character, offset + match.start()) for character in value]
        position = match.end()
    return characters + [(character, offset + index) for index, character in enumerate(raw[position:], position)]


# ---- PowerShell -------------------------------------------------------------------

_PS_ESCAPE: Final = LazyPattern(r'`u\{([0-9A-Fa-f]{1,6})\}|`([\s\S])|""')
_PS_SIMPLE: Final = {"0": "\0", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
                     "v": "\v"}


def _ps_character(match: re.Match[str]) -> str:
    code_point, escaped = match.group(1), match.group(2)
    if code_point:
        return _character(min(int(code_point, 16), 0x10FFFF))
    if escaped is None:
        return '"'
    return _PS_SIMPLE.get(escaped, escaped)


def _ps_single(builder: _WordBuilder, piece: str, offset: int) -> None:
    _add_escaped_run(builder, piece[1:-1], offset + 1, re.compile("''"), lambda m: "'")


_PS_DOUBLE: Final = LazyPattern(_PS_ESCAPE.pattern + r"|(?<!\$)\$(?:\{([^}\s]+)\}|((?:env:)?[A-Za-z_][A-Za-z0-9_]*))")


def _ps_double(builder: _WordBuilder, piece: str, offset: int) -> None:
    _warn_substitutions(builder, piece[1:-1].replace("`", ""), offset + 1)

    def decode(match: re.Match[str]) -> str | None:
        braced, name = match.group(3), match.group(4)
        if braced or name:
            return builder.variable(braced or name, offset + 1 + match.start(), offset + 1 + match.end())
        return _ps_character(match)

    _add_escaped_run(builder, piece[1:-1], offset + 1, _PS_DOUBLE, decode)


def _ps_escape(builder: _WordBuilder, piece: str, offset: int) -> None:
    builder.add(piece[1], offset, verbatim=False)


_PIECE_DECODERS: Final[dict[str, Callable[[_WordBuilder, str, int], None]]] = {
    "SINGLE": _bash_single, "DOUBLE": _bash_double, "LOCALE": _bash_double, "ANSI_C": _bash_ansi_c,
    "SUBST": _bash_substitution, "BACKTICK": _bash_substitution, "ESCAPE": _bash_escape,
    "ANGLE": _angle, "AMPERSAND": _ampersand, "TYPOGRAPHIC": _typographic, "VARIABLE": _variable, "BARE": _bare,
}
_PS_DECODERS: Final = {**_PIECE_DECODERS, "SINGLE": _ps_single, "DOUBLE": _ps_double, "ESCAPE": _ps_escape}

_GLOB: Final = re.compile(r"[?*\[]")


def _decode_word(token: Token, dialect: str, source: Source, findings: list[Finding],
                 variables: Mapping[str, Assignment] | None = None) -> Word:
    return _decode(token, dialect, source, findings, variables or {})[0]


#: A word that decodes to one slice of itself (``_slice_of``): that slice, how many characters its quotes take on each
#: side, and whether it is unquoted text with a glob character (bash: zsh would expand it; noted at each word).
_Sliced = tuple[str, int, bool]


def _slice_of(raw: str, dialect: str) -> _Sliced | None:
    """How a word that decodes to one slice of itself is read (``_Sliced``); None for a word its piece decoders read.
    The same for every word of the same text: a command that repeats a word (``-H``, one header 70,000 times) has it
    told apart once (``_decode``'s ``known``)."""
    slices = _SLICES[dialect]
    if not slices:
        return None
    pieces = _piece_patterns(dialect)
    if pieces.plain is not None and pieces.plain.fullmatch(raw):
        sliced = slices.get("BARE")
    else:
        first = pieces.pattern.match(raw)
        sliced = slices.get(first.lastgroup or "") if first is not None and first.end() == len(raw) else None
    if sliced is None:
        return None
    quote, decoded = sliced
    text = raw[quote : len(raw) - quote]
    if decoded is not None and decoded.search(text) is not None:
        return None
    return text, quote, not quote and dialect == "bash" and _GLOB.search(text) is not None


#: One-piece words whose decoded text is one slice of the word: by dialect and piece, how many characters its
#: quotes take on each side, and what in the slice sends it to its piece decoder after all (what that decoder
#: would decode or note: escapes, variables, substitutions; a " in PowerShell).
_SLICES: dict[str, dict[str, tuple[int, re.Pattern[str] | LazyPattern | None]]] = {
    "bash": {"BARE": (0, None), "SINGLE": (1, None),
             "DOUBLE": (1, re.compile(f"{_DOUBLE_QUOTE_ESCAPE.pattern}|{_SUBSTITUTION.pattern}"))},
    "pwsh": {"BARE": (0, None), "SINGLE": (1, LazyPattern("''|\"")), "DOUBLE": (1, LazyPattern('[`$"]'))},
    "cmd": {},
}


def _decode(token: Token, dialect: str, source: Source, findings: list[Finding],
            variables: Mapping[str, Assignment], known: dict[str, _Sliced | None] | None = None
            ) -> tuple[Word, bool]:
    """The decoded word, and whether its value is literal (no substitution, no variable nobody assigned).

    Most words are one plain run, one '…' or one "…" without escapes: they decode to one
    slice of themselves, which is taken without a builder (the piece decoders would add
    the same one verbatim mark: ``Word.at``). ``known``: the words of this command told apart so far
    (``_slice_of``), by text.
    """
    _, raw, offset, end = token
    if known is None:
        sliced = _slice_of(raw, dialect)
    elif raw in known:
        sliced = known[raw]
    else:
        sliced = known[raw] = _slice_of(raw, dialect)
    if sliced is not None:
        text, quote, glob = sliced
        if glob:
            _note_glob(source, findings, text, offset)
        return Word(text, offset, end, (), offset + quote if text else -1), True
    builder = _WordBuilder(source, findings, variables, fold_case=dialect != "bash")
    if dialect == "cmd":
        for match in _piece_patterns("cmd").pattern.finditer(raw):
            if match.lastgroup in _REPAIRS:
                _repaired(builder, match.group(), offset + match.start(), match.lastgroup)
            elif match.lastgroup == "TYPOGRAPHIC":  # same length: the offsets stay right
                builder.note(notes.TYPOGRAPHIC_QUOTES, _TYPOGRAPHIC_MESSAGE.format(
                    opening=match.group()[0], closing=match.group()[-1]),
                             offset + match.start(), offset + match.end())
                raw = raw[: match.start()] + '"' + match.group()[1:-1] + '"' + raw[match.end() :]
        _cmd_word(builder, raw, offset)
    else:
        decoders = _PS_DECODERS if dialect == "pwsh" else _PIECE_DECODERS
        globbed = False
        for match in _piece_patterns(dialect).pattern.finditer(raw):
            kind = match.lastgroup or "BARE"
            decoders[kind](builder, match.group(), offset + match.start())
            if kind == "BARE" and not globbed and dialect == "bash":
                globbed = _note_glob(source, findings, match.group(), offset + match.start())
        if dialect == "pwsh" and '"' in "".join(builder.parts):
            builder.note(
                notes.POWERSHELL_QUOTES,
                "this argument contains double quotes (at {at}); Windows PowerShell 5.1 and PowerShell 7.2 "
                "strip them when calling curl.exe: the provider meant the text as imported",
                offset, offset + len(raw),
            )
    return Word("".join(builder.parts), offset, end, tuple(builder.marks)), builder.literal


def _note_glob(source: Source, findings: list[Finding], bare: str, offset: int) -> bool:
    """Note the first glob character of an unquoted run (at ``offset``); whether it had one."""
    glob = _GLOB.search(bare)
    if glob is None:
        return False
    at = offset + glob.start()
    _note(source, findings, notes.GLOB_CHARACTERS,
          f"unquoted {glob.group()} at {{at}}: zsh would stop with \"no matches found\"; quote the word", at, at + 1)
    return True


_CMD_CONTINUATION: Final = LazyPattern(r"\^\r?$", re.MULTILINE)
#: A line only a Windows batch file has: ``@echo off``, a ``REM`` or ``::`` comment, ``set NAME=value``.
_BATCH_LINE: Final = LazyPattern(r"(?im)^[ \t]*(?:@echo[ \t]+off\b|rem\b|::|set[ \t]+\"?[A-Za-z_]\w*=)")
#: A backtick at a line's end after a blank: glued to a word, it closes a POSIX `…` substitution instead.
_PWSH_CONTINUATION: Final = LazyPattern(r"[ \t]`\r?$", re.MULTILINE)
_CURL_EXE: Final = LazyPattern(r"(?i)\bcurl\.exe\b")


def detect_dialect(text: str) -> str:
    """Guess which shell the command was written for, from its continuations and quoting, or a batch file's own
    lines (``@echo off``, ``REM``, ``::``, ``set NAME=``: a comment there may hold an apostrophe, no quote in cmd)."""
    if '^"' in text or ("^" in text and _CMD_CONTINUATION.search(text)):
        return "cmd"
    if ("%" in text or "::" in text) and _BATCH_LINE.search(text):  # (a cheap test first: most texts are neither)
        return "cmd"
    # each regex runs only where the text holds what it looks for (no letter but the ASCII ones matches the
    # letters of curl.exe case-insensitively): a case-insensitive search tries every position, a substring test not
    if ("`" in text and _PWSH_CONTINUATION.search(text)) or ("curl.exe" in text.lower() and _CURL_EXE.search(text)):
        return "pwsh"
    return "bash"


class ShellCommand:
    """A curl command of the input: its argument words after the ``curl`` word.

    A plain record: nothing unpacks, compares or hashes a command.
    """

    def __init__(self, source: Source, dialect: str, curl_word: Word, words: tuple[Word, ...],
                 findings: tuple[Finding, ...], assigned_to: str | None = None) -> None:
        self.source = source
        self.dialect = dialect
        self.curl_word = curl_word
        self.words = words
        self.findings = findings
        #: The variable a curl inside ``NAME=$(curl …)`` sets; None for a command of its own.
        self.assigned_to = assigned_to

    def replaced(self, findings: tuple[Finding, ...], assigned_to: str | None) -> ShellCommand:
        """The same command with other findings, or set by another variable."""
        return ShellCommand(self.source, self.dialect, self.curl_word, self.words, findings, assigned_to)

    def span_of(self, word: Word, start_index: int | None = None, end_index: int | None = None) -> Span:
        """The span of a word, or of the decoded characters [start_index, end_index) inside it."""
        if start_index is None:
            return self.source.span(word.start, word.end)
        start = word.offset_of(start_index)
        end = word.offset_of(end_index - 1) + 1 if end_index and end_index > start_index else start + 1
        return self.source.span(start, end if end > start else start + 1)


def is_curl(word: Word) -> bool:
    text = word.text
    name = text[max(text.rfind("/"), text.rfind("\\")) + 1 :].lower()  # the last part of a path
    return name in ("curl", "curl.exe")


def _tokenize(source: Source, dialect: str) -> list[Token]:
    try:
        return shipped_scanner().tokens(source.text, dialect)
    except ScanError as error:
        offset = min(error.offset, max(len(source.text) - 1, 0))
        character = source.text[offset]
        span = source.span(offset, offset + 1)
        if character in "'\"":
            raise ShellSyntaxError(f"unbalanced {character}: this quote is never closed", span) from None
        raise ShellSyntaxError(f"unexpected character {character!r} for a {dialect} command", span) from None


def _snippet(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_first_command(text: str, name: str = "<stdin>") -> ShellCommand:
    """Split shell text into the words of its first curl command."""
    return next(command for command in split_commands(text, name) if command.assigned_to is None)


def split_commands(text: str, name: str = "<stdin>") -> tuple[ShellCommand, ...]:
    """Every curl command of the text, in order: the first outside any ``$(…)`` is the one imported.

    A curl inside an assignment's substitution (``TOKEN=$(curl …)``) is listed too,
    with the variable it sets, so that a token request can be paired with the call
    that uses its token; it is never run. Windows line endings are read as plain
    ones first, so that no carriage return ends up inside a quoted value.
    """
    findings: list[Finding] = []
    if "\r\n" in text:
        crlf = text.index("\r\n")
        text = text.replace("\r\n", "\n")
        span = Source(text).span(crlf, crlf + 1)
        findings.append(notes.CRLF_LINE_ENDINGS.at(
            f"Windows line endings (CRLF, the first at {span}) read as plain line breaks", span))
    source = Source(text, name)
    read, output = without_terminal_output(source)  # a terminal transcript: its prompts and output blanked
    read, fenced = without_markdown(source, read)  # a README section: the fenced command, not the prose around it
    output += fenced
    findings += output
    dialect = detect_dialect(read)
    try:
        tokens: list[Token] | None = _tokenize(Source(read, name) if output else source, dialect)
    except ShellSyntaxError as error:
        tokens, unread = None, error
    if tokens is None or _swallows_a_command(tokens, read):  # an apostrophe in prose opened a quote: commands only
        blanked = without_prose(source, read, dialect)
        if blanked is None and tokens is None:
            raw = _raw_http(source) or _described_request(source)  # a request under prose with an apostrophe
            if raw is None:
                raise unread
            return (raw.replaced((*findings, *raw.findings), None),)
        if blanked is not None:
            read, prose = blanked
            findings += prose
            tokens = _tokenize(Source(read, name), dialect)
    assert tokens is not None
    commands = _commands(source, dialect, tokens, {})
    if not commands:
        commands = _bare_url(source, dialect, tokens)
    if not any(command.assigned_to is None for command in commands):  # only NAME=$(curl …): that curl is the one
        inner = commands[0]
        note = _substitution_note(inner, f"its output sets {inner.assigned_to}")
        commands[0] = inner.replaced((note, *inner.findings), None)
    index = next(i for i, command in enumerate(commands) if command.assigned_to is None)
    if findings:
        command = commands[index]
        commands[index] = command.replaced((*findings, *command.findings), command.assigned_to)
    return tuple(commands)


def _swallows_a_command(tokens: list[Token], text: str) -> bool:
    """Whether a word of the text spans a line that starts a curl command: a quote that an apostrophe in the prose
    before it opened, paired with one of the command's own."""
    starts = curl_line_starts(text)
    if not starts:
        return False
    for start in starts:
        index = bisect_right(tokens, start, key=lambda token: token[2]) - 1  # the token the line starts in
        if index >= 0 and tokens[index][0] != "COMMENT" and tokens[index][2] < start < tokens[index][3]:
            before = text[tokens[index][2] : start]  # a $(…) or `…` around a curl is a substitution, not a quote
            if "$(" not in before and "`" not in before and (before.count("'") % 2 or before.count('"') % 2):
                return True
    return False


_STATEMENT_ENDS: Final = _CONTROL_TERMINALS | {"NEWLINE"}


def _commands(source: Source, dialect: str, tokens: list[Token],
              variables: dict[str, Assignment]) -> list[ShellCommand]:
    """The curl commands of the tokens, statement by statement; the statements before each are assignments (applied
    to later words) or text skipped before its curl word."""
    commands: list[ShellCommand] = []
    skipped: list[Token] = []
    position = 0
    while position < len(tokens):
        start, curl_at = position, None
        while position < len(tokens) and tokens[position][0] not in _STATEMENT_ENDS:
            if tokens[position][0] != "COMMENT":
                # decoded without the assignments: what a variable holds never makes a word the curl word
                curl_word = _decode_word(tokens[position], dialect, source, [])
                if is_curl(curl_word):
                    curl_at = position
                    break
            position += 1
        if curl_at is None:
            statement = [token for token in tokens[start:position] if token[0] != "COMMENT"]
            position += 1  # past the token that ends the statement
            if not _assignments(source, dialect, statement, variables, commands):
                skipped += [token for token in tokens[start:position] if token[0] not in ("NEWLINE", "COMMENT")]
                for token in statement:  # `curl …`, echo $(curl …), if R=$(curl …): the curl inside
                    assigned = _BASH_ASSIGNMENT.match(token[1]) if dialect == "bash" else None
                    name, skip = (assigned.group()[:-1], assigned.end()) if assigned else (None, 0)
                    value = (token[0], token[1][skip:], token[2] + skip, token[3])
                    _nested_commands(source, dialect, name, value, variables, commands)
            continue
        skipped += [token for token in tokens[start:curl_at] if token[0] != "COMMENT"]
        findings = [_text_before_curl(source, skipped)] if skipped else []
        if variables:
            curl_word = _decode_word(tokens[curl_at], dialect, source, [], variables)
        words, position = _command_words(source, dialect, tokens, curl_at + 1, findings, variables)
        commands.append(ShellCommand(source, dialect, curl_word, tuple(words), tuple(findings)))
        skipped = []
    return commands


_URL_START: Final = LazyPattern(r"(?i)https?://[^\s/?#]")
#: A URL without its scheme (``sms.example.com/api/send?…``, ``10.0.0.5:8080/send``): a host name, a path or a query.
_SCHEMELESS_URL_START: Final = LazyPattern(
    r"(?i)(?:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?[/?]")
#: A URL whose base is the doc's template (``{{baseUrl}}/send``, ``{endpoint}sms``): a URL all the same, as written.
_TEMPLATED_URL_START: Final = LazyPattern(f"(?:{TEMPLATE_BASE.pattern})[/?A-Za-z]")


def _bare_url(source: Source, dialect: str, tokens: list[Token]) -> list[ShellCommand]:
    """A text that is a URL and no curl word (an operator pasting a GET API URL, or ``POST https://…`` as HTTP
    clients show it): read as ``curl URL`` (``curl POST URL``, whose method word argv reads as ``-X POST``).

    A pasted URL is not shell text: its glued & and ? are the URL's, so the shell's notes about them are not kept.
    """
    raw = _raw_http(source) or _described_request(source)
    if raw is not None:  # POST /send HTTP/1.1, Host: …, headers, body: the request a docs page prints
        return [raw]
    words = [token for token in tokens if token[0] not in ("NEWLINE", "COMMENT")]
    method = words[0][1] if len(words) > 1 and words[0][1] in ("GET", "POST") else None
    first = words[1 if method else 0] if words else None
    url = _decode_word(first, dialect, source, []) if first is not None and first[0] == _WORD_TERMINAL[dialect] \
        else None
    schemeless = url is not None and _SCHEMELESS_URL_START.match(url.text) is not None
    skipped: list[Token] = []
    if first is not None and not (url is not None and (_URL_START.match(url.text) or schemeless
                                                       or _TEMPLATED_URL_START.match(url.text))):
        _refuse_other_client(source, words)  # echo URL | wget -i -: the request is wget's, refused at its word
        found = _query_url_in_text(source, dialect, words)
        if found is not None:  # HTTP API: https://…?to=…&msg=…, a URL in markdown or in a line of code
            first, url, schemeless, method = found[0], found[1], False, None
            skipped = words[: words.index(first)]
    if first is None or url is None or not (_URL_START.match(url.text) or _TEMPLATED_URL_START.match(url.text)
                                            or schemeless):  # another client's word was refused above
        span = source.span(first[2], first[3]) if first else Span(1, 1, 1, 1)
        raise CurlUsageError("not a curl command: no 'curl' word found (nor a URL to GET); paste the provider's curl "
                             "command, or its API URL alone", span)
    after = tokens.index(first) + 1
    spaced = _same_line_words(tokens, after, dialect)
    findings = []
    if spaced:
        url = _url_with_spaces(source, [url, *(_decode_word(token, dialect, source, []) for token in spaced)])
        gap = source.span(first[3], first[3] + 1)
        findings.append(notes.SHELL_REPAIR.at(
            f"the URL line has unencoded spaces (the first at {gap}): read as one URL, each space sent as %20; curl "
            "would take each word after a space for another URL", gap, "/endpoint"))
        after += len(spaced)
    span = source.span(url.offset_of(0), url.end)  # at the URL, not at a quote around it ($url = "https://…")
    sent = f"curl -X {method} URL" if method else "curl URL"
    note = notes.NO_CURL_WORD.at(f"the text at {span} is a URL without curl: imported as the request \"{sent}\" "
                                 "sends; if the provider documents a body or headers, paste its curl command"
                                 + _SCHEME_ASSUMED * schemeless, span)
    rest, _ = _command_words(source, dialect, tokens, after, [], {})
    leading = (_decode_word(words[0], dialect, source, []),) if method else ()
    if skipped:
        start, end = skipped[0][2], skipped[-1][3]
        findings.append(_skipped(source, source.text[start:end], start, end, f"the URL at {span}"))
    first_command = ShellCommand(source, dialect, url, (*leading, url, *rest), (note, *findings))
    return [first_command, *_more_url_lines(source, dialect, tokens, after)]


def _more_url_lines(source: Source, dialect: str, tokens: list[Token], after: int) -> list[ShellCommand]:
    """The URLs of the later lines that each start with one (a manual's read, send, delete and list examples), each
    a request of its own: which one is the send is then chosen by evidence, as among curl commands (CP026)."""
    text, found = source.text, []
    for token in tokens[after:]:
        if token[0] != _WORD_TERMINAL[dialect] or not _URL_START.match(token[1]) \
                or text[text.rfind("\n", 0, token[2]) + 1 : token[2]].strip():
            continue
        url = _decode_word(token, dialect, source, [])
        span = source.span(url.offset_of(0), url.end)
        note = notes.NO_CURL_WORD.at(f"the text at {span} is a URL without curl: imported as the request \"curl URL\" "
                                     "sends; if the provider documents a body or headers, paste its curl command", span)
        found.append(ShellCommand(source, dialect, url, (url,), (note,)))
    return found


#: A raw HTTP request's first line: the method, the path, the protocol.
_REQUEST_LINE: Final = LazyPattern(r"[ \t]*(GET|POST|PUT|PATCH|DELETE)[ \t]+(/\S*)[ \t]+HTTP/\d(?:\.\d)?[ \t]*\r?\n")
#: What ends a raw HTTP request's body on a page: the response's status line, or the fence around the request.
_RESPONSE_OR_FENCE: Final = LazyPattern(r"(?m)^[ \t]*(?:HTTP/\d(?:\.\d)?[ \t]+\d{3}\b|`{3,}[ \t]*$)")
#: A header line of a raw HTTP request.
_HEADER_LINE: Final = LazyPattern(r"([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*([^\r\n]*?)[ \t]*\r?(?:\n|$)")


def _raw_http(source: Source) -> ShellCommand | None:
    """A text that is a raw HTTP request (a request line, a ``Host:`` header, other headers, then the body after a
    blank line or on the line after the headers), read as the curl command that sends it: https:// and the host
    with the path; ``Host`` and ``Content-Length`` are the request's own, not headers to set. None for any other
    text."""
    text = source.text
    first = _REQUEST_LINE.match(text)
    if first is None and "HTTP/" in text:  # a label, a heading or a fence before it ("Request Example", ```tcp)
        starts = (index + 1 for index, character in enumerate(text) if character == "\n")
        first = next((found for start in starts if (found := _REQUEST_LINE.match(text, start))), None)
    if first is None:
        return None
    position, host, words = first.end(), None, []
    method = Word(first.group(1), first.start(1), first.end(1), ((0, first.start(1), True),))
    while (header := _HEADER_LINE.match(text, position)) is not None:
        name = header.group(1)
        if name.lower() == "host":
            host = header
        elif name.lower() != "content-length":
            line = text[header.start(1) : header.end(2)]
            words += [Word("-H", header.start(1), header.start(1) + 1),
                      Word(line, header.start(1), header.end(2), ((0, header.start(1), True),))]
        position = header.end()
    if host is None or not host.group(2):
        return None
    path = first.group(2)
    base = host.group(2).rstrip("/")
    url = Word(f"https://{base}{path}", host.start(2), first.end(2),
               ((0, host.start(2), False), (8, host.start(2), True), (8 + len(base), first.start(2), True)))
    after = _RESPONSE_OR_FENCE.compiled().search(text, position)  # the response a page prints under it, a fence's end
    body = text[position : after.start() if after else len(text)].strip()
    if body:
        start = text.index(body, position)
        words += [Word("--data-raw", start, start + 1), Word(body, start, start + len(body), ((0, start, True),))]
    span = source.span(first.start(1), first.end(2))
    note = notes.NO_CURL_WORD.at(f"the text at {span} is a raw HTTP request: imported as the request curl sends with "
                                 "its method, headers and body to https:// and its Host; check the scheme", span)
    curl = Word("curl", first.start(1), first.start(1))
    before = text[: first.start()].strip()
    skipped = [] if not before else [
        _skipped(source, before, text.index(before), first.start(), f"the request line at {span}")]
    return ShellCommand(source, "bash", curl, (Word("-X", first.start(1), first.end(1)), method, url, *words),
                        (note, *skipped))


#: A line that names a request by its URL: a method (``POST https://…``, as HTTP clients write it) or an endpoint's
#: label (``Request Endpoint: https://…``, ``Endpoint: PUT (POST) https://…``), and the URL alone, without a query.
_DESCRIBED_LINE: Final = LazyPattern(
    r"(?im)^[ \t]*(?:(?:[a-z][\w ]{0,30})?endpoint[ \t]*:[ \t]*)?(GET|POST|PUT|PATCH)?[ \t]*(?:\(([A-Z]+)\)[ \t]*)?"
    r"(https?://[^\s\"'<>`?]+|/[^\s\"'<>`?]*)[ \t]*$")
#: The base URL a page gives once for the paths of its requests (``Base URL`` and the URL on its line or the next).
_BASE_URL_LINE: Final = LazyPattern(
    r"(?im)^[ \t]*base[ \t_-]*url[ \t]*:?[ \t]*\n?[ \t]*(https?://[^\s\"'<>`?]+)[ \t]*$")


def _described_request(source: Source) -> ShellCommand | None:
    """A request a page describes instead of writing a command: a line with the method (or an endpoint's label) and
    the URL, and a JSON body on the next lines, read as the curl command that sends it (the JSON as the body, with
    ``Content-Type: application/json``). None for any other text (a GET API URL, a link, a URL and its response)."""
    text = source.text
    if "://" not in text:  # no URL, absolute or a base for a path: nothing described (and no pattern run on it)
        return None
    base = None
    for line in _DESCRIBED_LINE.finditer(text):
        labelled = line.group(0).lower().lstrip().startswith(line.group(1).lower()) if line.group(1) else False
        if not labelled and "endpoint" not in line.group(0).lower():
            continue
        if line.group(3).startswith("/"):  # POST /v1/sms/send: a path, joined to the page's base URL if it has one
            base = base or _BASE_URL_LINE.search(text)
            if base is None:
                continue
        start = len(text) - len(text[line.end() :].lstrip())
        if text[start : start + 1] not in ("{", "["):
            continue
        depth, end = 0, None
        for index in range(start, len(text)):  # the JSON's end: its brackets balanced (a doc's JSON may be broken)
            depth += text[index] in "{[" or -(text[index] in "}]")
            if depth == 0:
                end = index + 1
                break
        if end is None:
            return None
        method = (line.group(1) or "POST").upper()
        if method not in ("GET", "POST") and (line.group(2) or "").upper() in ("GET", "POST"):
            method = line.group(2).upper()  # PUT (POST): the doc's alternative the form can send
        url_start, url_end = line.start(3), line.end(3)
        url = Word(line.group(3), url_start, url_end, ((0, url_start, True),))
        if base is not None and url.text.startswith("/"):
            scheme, _, rest = base.group(1).partition("://")
            host, _, prefix = rest.partition("/")
            prefix = f"/{prefix}".rstrip("/")  # /v1 of the base, unless the path already starts with it
            path = url.text if url.text.startswith(prefix + "/") else prefix + url.text
            joined = f"{scheme}://{host}{path}"
            marks = ((0, base.start(1), False), (len(joined) - len(url.text), url_start, True))
            url = Word(joined, url_start, url_end, marks)
        body = Word(text[start:end], start, end, ((0, start, True),))
        header = Word("Content-Type: application/json", url_start, url_end, ((0, url_start, False),))
        span = source.span(url_start, url_end)
        note = notes.DESCRIBED_REQUEST.at(
            f"the text at {span} describes a request (its URL line and a JSON body): imported as the {method} curl "
            "sends with that body and Content-Type: application/json; the page's headers and credentials are not in "
            "it: add them, and check the method", span)
        before = text[: line.start()].strip()
        skipped = [] if not before else [
            _skipped(source, before, text.index(before), line.start(), f"the request's URL line at {span}")]
        words = (Word("-X", url_start, url_end), Word(method, url_start, url_end), url,
                 Word("-H", url_start, url_end), header, Word("--data-raw", start, start + 1), body)
        return ShellCommand(source, "bash", Word("curl", url_start, url_start), words, (note, *skipped))
    return None


def _query_url_in_text(source: Source, dialect: str, words: list[Token]) -> tuple[Token, Word] | None:
    """The first word of a text without curl that is a URL with a query of two parameters or more, and the URL: the
    request a label, markdown or a line of code is around (``HTTP API: https://…?to=…&msg=…``, ``$url = "…";``). A
    URL without such a query is a link, not a request; None when there is none."""
    for token in words:
        if token[0] != _WORD_TERMINAL[dialect] or not _URL_IN_WORD.search(token[1]):
            continue
        url = _decode_word(token, dialect, source, [])
        query = url.text.partition("?")[2]
        if _URL_START.match(url.text) and query.count("=") >= 2:
            return token, url
    return None


#: A word that may hold a URL (cheap to test before decoding the word).
_URL_IN_WORD: Final = LazyPattern(r"(?i)https?://")


def _same_line_words(tokens: list[Token], position: int, dialect: str) -> list[Token]:
    """The words after a pasted URL on its line, when they are the rest of it (``…&message=Hello World&…``): none
    is an option or another URL (then the line is a command of sorts, read as one)."""
    found = []
    while position < len(tokens) and tokens[position][0] == _WORD_TERMINAL[dialect]:
        found.append(tokens[position])
        position += 1
    if any(token[1].startswith("-") or _URL_START.match(token[1]) for token in found):
        return []
    return found


def _url_with_spaces(source: Source, words: list[Word]) -> Word:
    """The words of a pasted URL line as one URL: the blanks between them percent-encoded (the operator pasted one
    URL; curl would take each word for a URL of its own), each character still pointing at its source."""
    parts: list[str] = []
    marks: list[tuple[int, int, bool]] = []
    length = 0
    for index, word in enumerate(words):
        if index:
            for offset in range(words[index - 1].end, word.start):
                encoded = f"%{ord(source.text[offset]):02X}"
                marks.append((length, offset, False))
                parts.append(encoded)
                length += len(encoded)
        marks += [(length + at, offset, verbatim)
                  for at, offset, verbatim in word.checkpoints() or ((0, word.start, False),)]
        parts.append(word.text)
        length += len(word.text)
    return Word("".join(parts), words[0].start, words[-1].end, tuple(marks))


def _refuse_other_client(source: Source, words: list[Token]) -> None:
    """A text that runs wget (or another HTTP client) and no curl: one precise refusal at that word, never a silent
    skip of the request it makes."""
    other = next((token for token in words if token[1].rsplit("/", 1)[-1] in _OTHER_CLIENTS), None)
    if other is not None:
        span = source.span(other[2], other[3])
        client = other[1].rsplit("/", 1)[-1]
        raise CurlUsageError(f"the request at {span} is made by {client}, not curl: curlport reads curl commands; "
                             "paste the provider's curl command, or the API URL alone", span)


_OTHER_CLIENTS: Final = frozenset({"wget", "Invoke-WebRequest", "Invoke-RestMethod"})
#: What CP019 adds for a URL written without its scheme: the config is what curl sends, so the scheme is curl's.
_SCHEME_ASSUMED: Final = ("; the URL has no scheme: http:// assumed, as curl does (the request the text sends); check "
                          "whether the provider wants https://")


def _skipped(source: Source, shown: str, start: int, end: int, what: str) -> Finding:
    """CP010 for the text ``shown`` (at ``start``-``end``) skipped before ``what`` a request was read from."""
    return notes.TEXT_BEFORE_CURL.at(f"skipped '{_snippet(shown)}' before {what}", source.span(start, end))


def _text_before_curl(source: Source, skipped: list[Token]) -> Finding:
    start, end = skipped[0][2], skipped[-1][3]
    is_prompt = len(skipped) == 1 and skipped[0][1] in _PROMPTS
    what = "the shell prompt" if is_prompt else f"'{_snippet(source.text[start:end])}'"
    return notes.TEXT_BEFORE_CURL.at(f"skipped {what} before the curl word at {source.span(start, end)}",
                                     source.span(start, end))


def _command_words(source: Source, dialect: str, tokens: list[Token], first: int, findings: list[Finding],
                   variables: Mapping[str, Assignment]) -> tuple[list[Word], int]:
    """The argument words of the command whose curl word ends at ``first``, and where the command ends."""
    word_type, escape = _WORD_TERMINAL[dialect], _ESCAPE[dialect]
    words: list[Word] = []
    known: dict[str, _Sliced | None] = {}
    #: Where the token after the current run of line breaks and comments is, found once per run; whether a word read
    #: so far is a URL, and how many words were looked at for one.
    following_at, has_url, looked_at = first, False, 0
    for position, token in enumerate(islice(tokens, first, None), first):
        kind, raw, start, end = token
        if kind == word_type:
            sliced = known[raw] if raw in known else known.setdefault(raw, _slice_of(raw, dialect))
            # most words: _decode's slice, made here without a call (a flattened continuation below is never one)
            if sliced is not None and not sliced[2]:
                text = sliced[0]
                words.append(Word(text, start, end, (), start + sliced[1] if text else -1))
                continue
            if raw[:1] == escape and raw[1:2] in (" ", "\t"):
                token = _flattened_continuation(source, token, findings)
            if token[1]:
                words.append(_decode(token, dialect, source, findings, variables, known)[0])
        elif kind in _CONTROL_TERMINALS:
            if raw[0] in "<>" and words and words[-1].end == start and words[-1].text.isdigit():
                words.pop()  # the 2 of 2>&1 is a file descriptor, not an argument
            _ignore_rest(source, token, findings, f"'{raw}'")
            break
        elif kind == "NEWLINE":
            if following_at <= position:
                following_at = next((at for at in range(position + 1, len(tokens))
                                     if tokens[at][0] not in ("NEWLINE", "COMMENT")), len(tokens))
            if following_at == len(tokens):
                break
            following = tokens[following_at]
            option = following[0] == word_type and following[1].lstrip(_ESCAPE[dialect] + " \t").startswith("-")
            # curl -X POST, then the URL alone on the next line: the command's URL, while it has none yet
            url = following[0] == word_type and _URL_START.match(following[1].lstrip("'\"")) is not None
            if url and not has_url:
                has_url = any(_URL_START.match(word.text) for word in islice(words, looked_at, None))
                looked_at = len(words)
            if option or (url and not has_url):
                span = source.span(start, end)
                findings.append(notes.SHELL_REPAIR.at(
                    f"line break at {span} without a continuation: a shell would end the command here;"
                    f" the next line's {'options were' if option else 'URL was'} read as part of it", span))
            else:
                _ignore_rest(source, following, findings, "the next line")
                break
    else:
        position = len(tokens)
    return words, position


_ESCAPE: Final = {"bash": "\\", "cmd": "^", "pwsh": "`"}


def _flattened_continuation(source: Source, token: Token, findings: list[Finding]) -> Token:
    """A word that starts with an escaped blank (``\\ -d``): a line continuation whose line break a web page's copy
    turned into a space. A shell would pass ' -d' on as an argument (a URL, for curl); the doc means the option."""
    kind, raw, start, end = token
    span = source.span(start, start + 2)
    findings.append(notes.SHELL_REPAIR.at(
        f"'{raw[0]} ' at {span} is a line continuation flattened onto one line (a web page's copy): read as a line"
        f" break; a shell would pass '{raw[1:]}' on as an argument", span))
    return kind, raw[2:], start + 2, end


# ---- Variable assignments before the command ------------------------------------------

_BASH_ASSIGNMENT: Final = LazyPattern(r"[A-Za-z_][A-Za-z0-9_]*=")
_BASH_DECLARATIONS: Final = frozenset({"export", "declare", "local", "readonly", "typeset"})
_PS_ASSIGNMENT: Final = LazyPattern(r"\$((?:env:)?[A-Za-z_][A-Za-z0-9_]*)\s*=\s*", re.IGNORECASE)
_CMD_ASSIGNMENT: Final = LazyPattern(r'^"?([A-Za-z_][A-Za-z0-9_]*)=(.*?)"?$', re.DOTALL)


#: A script's or function's argument (``$1``, ``${2}``, ``$@``) outside single quotes: known only when it runs.
_POSITIONAL: Final = LazyPattern(r"^(?:[^'$]|'[^']*'|\$(?![0-9@*]|\{[0-9@*]))*\$(?:[0-9@*]|\{[0-9@*])")


def _assignments(source: Source, dialect: str, statement: list[Token], variables: dict[str, Assignment],
                 commands: list[ShellCommand]) -> bool:
    """Record a statement's literal assignments in ``variables``; False when it is not only literal assignments.

    A value with a substitution or a variable nobody assigned is not known
    without running something: the variable stays unset and its uses stay text.
    A curl inside such a substitution is added to ``commands`` (never run).
    """
    if not statement:
        return False
    pairs = _assignment_pairs(source, dialect, statement)
    if pairs is None:
        return False
    known: dict[str, Assignment] = {}
    for name, value_token, span in pairs:
        if dialect == "bash" and _POSITIONAL.search(value_token[1]):
            return False  # NUMBER="$1": the script's argument, a template the variable's name and key decide
        if dialect == "cmd":
            value, literal = _cmd_value(source, value_token, variables)
        else:
            word, literal = _decode(value_token, dialect, source, [], variables)
            value = word.text
            _nested_commands(source, dialect, name, value_token, variables, commands)
        if not literal:
            return False
        known[name.lower() if dialect != "bash" else name] = Assignment(name, value, span)
    variables.update(known)
    return True


def _assignment_pairs(source: Source, dialect: str,
                      statement: list[Token]) -> list[tuple[str, Token, Span]] | None:
    """(name, the value as a token of its own, the assignment's span) of each assignment, or None."""
    def value_token(token: Token, skip: int) -> Token:
        kind, raw, start, end = token
        return kind, raw[skip:], start + skip, end

    first, last = statement[0], statement[-1]
    span = source.span(first[2], last[3])
    if dialect == "bash":
        words = statement[1:] if first[1] in _BASH_DECLARATIONS else statement
        matches = [(_BASH_ASSIGNMENT.match(token[1]), token) for token in words]
        if not words or any(match is None for match, _ in matches):
            return None
        return [(match.group()[:-1], value_token(token, match.end()), span) for match, token in matches if match]
    if dialect == "pwsh":
        text = source.text[first[2] : last[3]]
        match = _PS_ASSIGNMENT.match(text)
        if match is None or len(statement) > 3 or match.end() == len(text):
            return None
        return [(match.group(1), value_token(last, match.end() - (last[2] - first[2])), span)]
    if first[1].lower() != "set" or len(statement) < 2:
        return None
    rest = statement[1]
    text = source.text[rest[2] : last[3]]
    match = _CMD_ASSIGNMENT.match(text)
    if match is None:
        return None
    start = rest[2] + match.start(2)
    return [(match.group(1), (rest[0], match.group(2), start, start + len(match.group(2))), span)]


def _cmd_value(source: Source, token: Token, variables: Mapping[str, Assignment]) -> tuple[str, bool]:
    """The value of ``set NAME=value``: cmd keeps the rest of the line as it is, after %NAME% expansion."""
    builder = _WordBuilder(source, [], variables, fold_case=True)
    characters = _cmd_expanded(builder, token[1], token[2])
    return "".join(character for character, _ in characters), builder.literal


def _nested_commands(source: Source, dialect: str, name: str | None, token: Token,
                     variables: dict[str, Assignment], commands: list[ShellCommand]) -> None:
    """The curl inside ``NAME=$(curl …)`` (``name`` is NAME), or in a word that is all ``$(curl …)`` or
    `` `curl …` `` (``name`` is None: a command of its own), read in place: the text around it is blanked, so
    offsets stay right."""
    _, text, offset, _ = token
    raw = text.strip('"')
    opening = "$(" if raw.startswith("$(") and raw.endswith(")") else "`" if raw[:1] == raw[-1:] == "`" else None
    if opening is None or len(raw) < 2 or "curl" not in raw:
        return
    start = offset + text.index(opening) + len(opening)
    end = start + len(raw) - len(opening) - 1
    blanked = _blank(source.text[:start]) + source.text[start:end] + _blank(source.text[end:])
    try:
        inner = _commands(source, dialect, _tokenize(Source(blanked, source.name), dialect), dict(variables))
    except CurlportError:
        return
    if name is not None:
        commands += [command.replaced(command.findings, name) for command in inner[:1]]
    else:
        commands += [command.replaced((_substitution_note(command, "its output runs as a command"),
                                       *command.findings), None) for command in inner[:1]]


def _substitution_note(command: ShellCommand, what: str) -> Finding:
    """What importing the curl of a substitution says: where it is, and that it is read, never run."""
    span = command.span_of(command.curl_word)
    return notes.TEXT_BEFORE_CURL.at(f"the curl command at {span} is inside a substitution ({what}): imported as "
                                     "written; curlport never runs it", span)


def _blank(text: str) -> str:
    """The text with every character but its line breaks made a space."""
    return "\n".join(" " * len(line) for line in text.split("\n"))


def _ignore_rest(source: Source, token: Token, findings: list[Finding], what: str) -> None:
    _, raw, start, _ = token
    ignore_from(source, start, len(raw), findings, what)


def ignore_from(source: Source, start: int, length: int, findings: list[Finding], what: str) -> None:
    """Report that everything from ``start`` on is not part of the imported command."""
    span = source.span(start, start + length)
    findings.append(notes.IGNORED_TRAILING_TEXT.at(
        f"ignored everything from {what} at {span} on (\"{_snippet(source.text[start:])}\"):"
        " only the first curl command is imported", span))
