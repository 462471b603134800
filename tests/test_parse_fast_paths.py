"""Each fast path of the parse stage gives what the general path beside it gives, on generated inputs."""

from __future__ import annotations

import random

import pytest
from fixture_cases import ROOT

from curlport import CurlportError, decode_input
from curlport.findings import Finding
from curlport.parse import shell
from curlport.parse.request import curl_urlencode
from curlport.parse.scanner import ScanError
from curlport.parse.shell import DIALECTS, Word, detect_dialect, split_commands
from curlport.parse.tables import shipped_scanner
from curlport.source import Source, Span

#: Pieces of every kind each dialect's words are made of, and what sends a piece to its decoder.
PIECES = ["a", "-X", "https://x.example/a", "?", "*", "[", "$$To", "$V", "${V}", "$(c)", "`c`", "'a b'", "''",
          '"a b"', '"$V"', '"\\"q\\""', '"a$"', '"x $(c)"', '"`d`"', "$'\\x41\\n'", '$"l"', "\\ ", "<ID>", "&",
          "\u201ct\u201d", "\u2018t\u2019", "é",
          "^\"x^\"", "^\"a^\\^\"b^\"", '"c:\\\\"', "%V%", "^&", "`n", "'it''s'", '"say ""hi"""', " ", "\t"]


def _word_tokens(rng: random.Random, dialect: str) -> list[tuple[str, str, int, int]]:
    text = "curl " + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6)))
    try:
        return [token for token in shipped_scanner().tokens(text, dialect) if token[0].endswith("WORD")]
    except ScanError:
        return []


def _decoded(token: tuple[str, str, int, int], dialect: str, text: str
             ) -> tuple[tuple[str, int, int, tuple[tuple[int, int, bool], ...]], bool, list[Finding]]:
    """The decoded word's fields (a word is a plain record, compared by identity), whether literal, its findings."""
    findings: list[Finding] = []
    word, literal = shell._decode(token, dialect, Source(text), findings, {})
    return (word.text, word.start, word.end, word.checkpoints()), literal, findings


@pytest.mark.parametrize("dialect", DIALECTS)
def test_words_decoded_as_one_slice_are_what_their_piece_decoders_make(dialect: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(dialect)
    tokens = [token for _ in range(1500) for token in _word_tokens(rng, dialect)]
    text = " " * max(end for _, _, _, end in tokens)
    fast = [_decoded(token, dialect, text) for token in tokens]
    monkeypatch.setattr(shell, "_SLICES", {name: {} for name in DIALECTS})
    general = [_decoded(token, dialect, text) for token in tokens]
    assert fast == general
    assert sum(1 for (_, _, _, marks), _, _ in fast if len(marks) == 1) > 100  # the fast path was taken


def test_a_slice_word_places_each_character_where_its_one_verbatim_mark_would_in_every_fixture() -> None:
    """``Word.at`` (a word that is one slice of the text) is read without marks: every offset, and so every span of
    every fixture's words, is what the general reading of its marks gives."""
    slices = 0
    for path in sorted((ROOT / "fixtures").rglob("*.curl")):
        try:
            commands = split_commands(decode_input(path.read_bytes()), path.name)
        except CurlportError:
            continue
        for command in commands:
            for word in (command.curl_word, *command.words):
                general = Word(word.text, word.start, word.end, word.checkpoints())
                indices = range(-1, len(word.text) + 2)
                assert [word.offset_of(i) for i in indices] == [general.offset_of(i) for i in indices], path
                slices += word.at >= 0
    assert slices > 1000  # the fast reading was taken


def test_a_span_is_the_position_of_both_its_ends() -> None:
    rng = random.Random(3)
    for _ in range(200):
        source = Source("".join(rng.choice("ab\n") for _ in range(rng.randint(0, 30))))
        for _ in range(20):
            start, end = rng.randint(0, len(source.text)), rng.randint(0, len(source.text))
            assert source.span(start, end) == Span(*source.position(start), *source.position(max(start, end)))


def test_urlencoding_by_table_is_curls_rule_for_every_character() -> None:
    def by_rule(text: str) -> str:
        unreserved = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-"
        return "".join(chr(byte) if byte in unreserved else "+" if byte == 0x20 else f"%{byte:02X}"
                       for byte in text.encode("utf-8"))

    characters = [chr(code) for code in range(0x800)] + ["\u20ac", "\uffff", "\U0001f600", "\U0010ffff"]
    assert [curl_urlencode(character) for character in characters] == [by_rule(c) for c in characters]
    assert curl_urlencode("to=+1 555&x") == "to%3D%2B1+555%26x"


@pytest.mark.parametrize(("text", "dialect"), [
    ("Curl.EXE https://x.example", "pwsh"), ("curl.exe https://x.example", "pwsh"),
    ("curl https://x.example/curl.exed", "bash"), ("curl https://x.example/CURL.EXE", "pwsh"),
    ("curl x ^\n -d y", "cmd"), ("curl x `\n -d y", "pwsh"), ("curl 'x^'", "bash"),
])
def test_the_dialect_is_read_from_continuations_quoting_and_curl_exe(text: str, dialect: str) -> None:
    assert detect_dialect(text) == dialect
