"""Words → the options curl would see, in order, the way curl's own getopt reads them.

Glued short options (``-XPOST``, ``-sSd x``, ``-d@body``), unique prefixes of long
options (``--verb``), ``--no-`` forms of booleans, ``--`` and positional URLs are all
resolved here against the option table, so the request builder sees one flat list.
"""

from __future__ import annotations

import re
from typing import Final

from curlport.errors import CurlUsageError
from curlport.findings import Finding
from curlport.lazy_pattern import LazyPattern
from curlport.parse import notes
from curlport.parse.curl_options import LONG_OPTIONS, SHORT_OPTIONS, CurlOption, Role
from curlport.parse.shell import ShellCommand, Word, ignore_from, is_curl, joined
from curlport.source import Span

_POSITIONAL_URL: Final = LONG_OPTIONS["url"]
_HEADER: Final = LONG_OPTIONS["header"]
#: A word that is a header's name and colon (``Authorization:``), or a header glued to its value
#: (``Content-Type:application/json``, ``X-Api-Key:abc``): a hyphenated name or one of the usual ones, and no ``@``
#: (``user:pass@host`` and ``localhost:8080`` are URLs).
_HEADER_WORD: Final = re.compile(
    r"[A-Za-z][A-Za-z0-9_-]*:$|(?:[A-Za-z][A-Za-z0-9_]*-[A-Za-z0-9_-]+|(?i:authorization|accept|cookie|apikey))"
    r":(?![0-9/])[^@\s]+$")
#: Authentication schemes: ``Authorization: Basic dXNlcjpwYXNz`` is three words when the quotes are missing.
_AUTH_SCHEMES: Final = frozenset({"basic", "bearer", "token", "digest", "apikey", "key", "hmac", "otp"})
_REQUEST: Final = LONG_OPTIONS["request"]
#: HTTPie's habit, copied into curl samples: ``curl GET https://…``.
_METHOD_WORDS: Final = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})


class OptionUse:
    """One option as curl saw it, with the word its value came from.

    ``value_start`` is where the value begins inside ``value_word`` (after ``-d`` in ``-d@x``).

    A plain record (one per option of a command): nothing unpacks, compares or hashes one.
    """

    def __init__(self, option: CurlOption, negated: bool, option_word: Word, value: str | None = None,
                 value_word: Word | None = None, value_start: int = 0) -> None:
        self.option = option
        self.negated = negated
        self.option_word = option_word
        self.value = value
        self.value_word = value_word
        self.value_start = value_start

    @property
    def role(self) -> Role:
        return self.option.role


class Invocation:
    """A curl command's options as curl would act on them, and what reading them noticed.

    A plain record (see ``OptionUse``).
    """

    def __init__(self, command: ShellCommand, uses: tuple[OptionUse, ...], findings: tuple[Finding, ...]) -> None:
        self.command = command
        self.uses = uses
        self.findings = findings

    def span(self, use: OptionUse) -> Span:
        """Where the option's value is, or the option itself when it has none."""
        if use.value_word is not None:
            return self.command.span_of(use.value_word, use.value_start, len(use.value_word.text))
        return self.command.span_of(use.option_word)


def _long_option(name: str, word: Word, command: ShellCommand) -> tuple[CurlOption, bool]:
    """Resolve a long option name as curl does: exact, --no-, then a unique prefix."""
    if name in LONG_OPTIONS:
        return LONG_OPTIONS[name], False
    if f"no-{name}" in LONG_OPTIONS:  # --alpn is the positive form of --no-alpn
        return LONG_OPTIONS[f"no-{name}"], True
    if name.startswith("no-") and name[3:] in LONG_OPTIONS:
        option = LONG_OPTIONS[name[3:]]
        if option.takes_argument:
            raise CurlUsageError(f"--{name}: '--no-' only negates options without an argument",
                                 command.span_of(word))
        return option, True
    candidates = [known for known in LONG_OPTIONS if known.startswith(name)]
    if len(candidates) == 1:
        return LONG_OPTIONS[candidates[0]], False
    if len(candidates) > 1:
        raise CurlUsageError(f"--{name} is ambiguous: it could be --{', --'.join(sorted(candidates)[:4])}",
                             command.span_of(word))
    glued = _glued_value(name)
    if glued is not None:  # at the value, where the space is missing
        raise CurlUsageError(f"unknown curl option --{_shown(name)}: did you mean --{glued[0]} "
                             f"'{_shown(glued[1])}'? (the option glued to its value: the doc lost the space between "
                             "them)", command.span_of(word, 2 + len(glued[0]), len(word.text)))
    import difflib  # only an unknown option needs a suggestion

    close = difflib.get_close_matches(name, LONG_OPTIONS, n=1)
    hint = f"; did you mean --{close[0]}?" if close else ""
    raise CurlUsageError(f"unknown curl option --{name}{hint}", command.span_of(word))


#: An option written right after a closing quote (``'x-api-key: KEY'--data '{…}'``): the shell joins them.
_OPTION_AFTER_QUOTE: Final = LazyPattern(r"(?<=['\"])--([a-z][a-z0-9-]*[a-z0-9])$")


def _check_glued_after_quote(command: ShellCommand, word: Word) -> None:
    """``-H 'x-api-key: KEY'--data '{…}'``: an option glued to the quoted text before it (the doc lost a space). The
    shell makes them one word, so curl sends the option's name inside that value and the option's value as a URL; an
    error at the option that names it, as the doc meant it, never a repair (which words belonged together is a
    guess)."""
    written = command.source.text[word.start : word.end]
    match = _OPTION_AFTER_QUOTE.search(written)
    if match is None or match.start() == 0 or match.group(1) not in LONG_OPTIONS:
        return
    span = command.source.span(word.start + match.start(), word.end)
    raise CurlUsageError(f"--{match.group(1)} at {span} is glued to the quoted text before it: a shell makes them one "
                         f"word, so curl would not see the option; did you mean a space before --{match.group(1)}?",
                         span)


#: What a glued value holds that an option name never does: a pair's =, a header's colon, JSON, a file's @, a blank.
_VALUE_LIKE: Final = LazyPattern(r"[=:{\[<@\s'\"]")


def _glued_value(name: str) -> tuple[str, str] | None:
    """``--datato=TO&msg=…`` (``--data"to=…"`` once the shell drops the quotes), ``--data=to=…``: the longest option
    that takes a value and starts the word, and the value glued to it. Named in the error, never applied: which
    option the doc meant is a guess (``--data-urlencode`` and ``--data`` send different bodies)."""
    known = [option for option in LONG_OPTIONS if name.startswith(option) and LONG_OPTIONS[option].takes_argument]
    if not known:
        return None
    option = max(known, key=len)
    value = name[len(option):]
    value = value[1:] if value.startswith("=") else value
    return (option, value) if _VALUE_LIKE.search(value) else None  # --dataa is a typo of --data, not a value


def _shown(text: str, limit: int = 32) -> str:
    """A value quoted in an error, cut short: the message names the mistake, the span shows the rest (masked)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_invocation(command: ShellCommand) -> Invocation:
    """Read the words of a curl command into the options curl would act on."""
    uses: list[OptionUse] = []
    findings: list[Finding] = []
    words = command.words
    if "'--" in command.source.text or '"--' in command.source.text:  # (a cheap test first: most texts have none)
        for word in words:  # every word, option values too: the glued option hides in the value before it
            if word.text.find("--", 1) != -1:  # most words: no option inside them at all
                _check_glued_after_quote(command, word)
    index = 0
    options_ended = False
    while index < len(words):
        word = words[index]
        index += 1
        text = word.text
        if options_ended or not text.startswith("-") or text == "-":
            if is_curl(word):
                ignore_from(command.source, word.start, word.end - word.start, findings, "a second curl command")
                break
            if not options_ended and uses and _rest_of_value(command, uses[-1], word, findings):
                continue
            header = _header_without_option(command, words, index - 1, findings) if not options_ended else None
            if header is not None:
                uses.append(OptionUse(_HEADER, False, word, header.text, header, 0))
                index += len(header.text.split()) - len(text.split())
                continue
            uses.append(OptionUse(_POSITIONAL_URL, False, word, text, word, 0))
            continue
        if text == "--":
            options_ended = True
            continue
        if text.startswith("--"):
            option, negated = _long_option(text[2:], word, command)
            if option.role is Role.NEXT:
                ignore_from(command.source, word.start, word.end - word.start, findings, "--next")
                break
            if option.takes_argument:
                index = _take_value(command, index, option, word, len(text), uses)
            else:
                uses.append(OptionUse(option, negated, word))
            continue
        position = 1
        while position < len(text):
            letter = text[position]
            short = SHORT_OPTIONS.get(letter)
            if short is None:
                raise CurlUsageError(f"unknown curl option -{letter} in '{text}'",
                                     command.span_of(word, position, position + 1))
            position += 1
            if short.takes_argument:
                index = _take_value(command, index, short, word, position, uses)
                if short is _HEADER and uses[-1].value_word is not word and (uses[-1].value or "").endswith(":"):
                    index = _header_value_split(command, words, index, uses, findings)
                break
            uses.append(OptionUse(short, False, word))
        if uses and uses[-1].option.role is Role.NEXT:
            uses.pop()
            ignore_from(command.source, word.start, word.end - word.start, findings, "-:/--next")
            break
    return Invocation(command, _method_words(command, uses, findings), tuple(findings))


def _take_value(command: ShellCommand, index: int, option: CurlOption, word: Word, glued_from: int,
                uses: list[OptionUse]) -> int:
    """Add the option of ``word`` with its value, glued to it from ``glued_from`` on or else the word at ``index``;
    where the reading goes on."""
    if glued_from < len(word.text):
        uses.append(OptionUse(option, False, word, word.text[glued_from:], word, glued_from))
        return index
    if index >= len(command.words):
        raise CurlUsageError(f"{option.display} needs an argument", command.span_of(word))
    value_word = command.words[index]
    uses.append(OptionUse(option, False, word, value_word.text, value_word, 0))
    return index + 1


#: Options whose value is a pair (``message=Hello``) a doc may leave unquoted around a space.
_PAIR_ROLES: Final = frozenset({Role.DATA, Role.DATA_BINARY, Role.DATA_RAW, Role.DATA_URLENCODE, Role.FORM,
                                Role.FORM_STRING, Role.URL_QUERY})
#: What a word curl would take for a URL holds when it may be one: a dot, a colon, a slash, a template base.
_HOST_LIKE: Final = LazyPattern(r"[.:/]|^localhost$|^[{<$]", re.IGNORECASE)


def _rest_of_value(command: ShellCommand, use: OptionUse, word: Word, findings: list[Finding]) -> bool:
    """``-F message=Hello World``: a word that cannot be a host, on the line of the pair just before it, is the rest
    of that pair's value, whose quotes the doc lost (curl would request http://World/). Joined into the value, and
    said at the word; whether it was (the option's value now ends with it)."""
    value_word = use.value_word
    if value_word is None or use.role not in _PAIR_ROLES or "=" not in (use.value or "") \
            or _HOST_LIKE.search(word.text) or word.text.upper() in _METHOD_WORDS \
            or "\n" in command.source.text[value_word.end : word.start] or value_word.end == word.start \
            or command.source.text[value_word.end - 1] in "'\"":  # a quoted value ends where its quotes say
        return False
    whole = joined([value_word, word])
    span = command.span_of(word)
    findings.append(notes.SHELL_REPAIR.at(
        f"'{word.text}' at {span} cannot be a host: read as the rest of {use.option.display}'s value "
        f"'{use.value} {word.text}', whose quotes the doc lost; curl would request http://{word.text}/", span))
    use.value, use.value_word = (use.value or "") + " " + word.text, whole
    return True


def _value_words(words: tuple[Word, ...], index: int) -> int:
    """How many words from ``index`` on are a header's value that lost its quotes: the scheme and the credential
    of an Authorization, or one word that cannot be a URL (no ``.``, ``/`` or ``:``) or is a media type."""
    if index >= len(words) or words[index].text.startswith("-"):
        return 0
    first = words[index].text
    if first.lower() in _AUTH_SCHEMES:
        return 2 if index + 1 < len(words) and not words[index + 1].text.startswith("-") else 0
    media_type = first.count("/") == 1 and "." not in first.split("/")[0] and "/" not in first[:1]
    return 1 if media_type or not any(c in first for c in "./:") else 0


def _header_without_option(command: ShellCommand, words: tuple[Word, ...], index: int,
                           findings: list[Finding]) -> Word | None:
    """``curl URL Authorization: Basic dXNlcjpwYXNz``: a header the doc wrote without -H (curl would take each
    word for a URL); the header's words joined, or None when the word is not a header's name."""
    text = words[index].text
    if not _HEADER_WORD.match(text):
        return None
    count = 0 if not text.endswith(":") else _value_words(words, index + 1)
    if text.endswith(":") and not count:
        return None
    header = joined(words[index : index + 1 + count])
    span = command.span_of(header)
    findings.append(notes.SHELL_REPAIR.at(
        f"'{text}' at {span} is a header written without -H: read as -H '{header.text}'; curl would take each "
        "word for a URL", span))
    return header


def _header_value_split(command: ShellCommand, words: tuple[Word, ...], index: int, uses: list[OptionUse],
                        findings: list[Finding]) -> int:
    """``-H Authorization: Basic dXNlcjpwYXNz`` without quotes: the header's value is the words after its name
    (curl would read ``Authorization:`` as removing the header, and the rest as URLs); where the reading goes on.
    Asked of a -H whose value is the next word and ends with a colon."""
    use = uses[-1]
    if not _HEADER_WORD.fullmatch(use.value or ""):
        return index
    count = _value_words(words, index)
    if not count:
        return index
    header = joined(words[index - 1 : index + count])
    span = command.span_of(header)
    findings.append(notes.SHELL_REPAIR.at(
        f"-H {use.value} at {span} lost its quotes: read as -H '{header.text}'; curl would remove the header and "
        "take the next words for URLs", span))
    uses[-1] = OptionUse(use.option, False, use.option_word, header.text, header, 0)
    return index + count


def is_positional(use: OptionUse) -> bool:
    """A URL given as a bare word, not with --url."""
    return use.option is _POSITIONAL_URL and use.value_word is use.option_word


def _method_words(command: ShellCommand, uses: list[OptionUse], findings: list[Finding]) -> tuple[OptionUse, ...]:
    """A bare GET or POST beside a real URL is the method the doc means (curl would request http://GET/)."""
    urls = [use for use in uses if use.option is _POSITIONAL_URL]
    if len(urls) < 2:
        return tuple(uses)
    read = []
    for use in uses:
        if is_positional(use) and use.value in _METHOD_WORDS:
            span = command.span_of(use.option_word)
            findings.append(notes.STRAY_METHOD_WORD.at(
                f"'{use.value}' at {span} read as the method (-X {use.value}): curl would take it for a URL and "
                f"request http://{use.value}/ first; write -X {use.value}", span, "/method"))
            use = OptionUse(_REQUEST, False, use.option_word, use.value, use.value_word, 0)
        read.append(use)
    return tuple(read)
