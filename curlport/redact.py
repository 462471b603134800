"""Masking secrets in anything shown to the user: source lines, messages, reports, diffs.

Three layers. Where a reader located a credential in the text it read (a config's JSON:
the characters of the string literal that decode to it, ``curlport.secrets``), the
text's lines are masked at those spans (``Source.masked``), whatever the literal's escapes
spell. Text the readers do not know character by character is masked by the credentials'
spellings (``Source.secrets``, from ``curlport.credentials``: the value, JSON-escaped,
percent-encoded, a Basic header's base64): a message that quotes a value, a diff, a
rendered or exported request (whose encodings of a secret no parser wrote), a curl
command's text (whose quoting the importer reads word by word). The patterns below are
the last fallback, for text no reader understood (a line that does not parse, a shell
error before any config exists). Masks keep the length of what they hide so that carets
under a line still point at the right column.
"""

from __future__ import annotations

import re
from functools import lru_cache

from curlport.lazy_pattern import LazyPattern

_SECRET_WORDS = (
    r"api[-_]?key|apikey|auth[-_]?key|auth[-_]?token|access[-_]?token|token|secret|password|passwd|pwd|pass"
)
#: Each compiled on first use: a text is searched only with the patterns it can match (``_NEEDED``), most with none.
_SECRET_PATTERNS = (
    # -u user:password, --user user:password
    LazyPattern(r"""(?:^|\s)(?:-u\s*|--user[\s=]+)['"]?[^:\s'"]*:([^\s'"]+)"""),
    # scheme://user:password@host
    LazyPattern(r"://[^:/\s@]*:([^@/\s]+)@"),
    # --oauth2-bearer TOKEN
    LazyPattern(r"""--oauth2-bearer[\s=]+['"]?([^\s'"]+)"""),
    # Authorization: Basic xxx / Bearer xxx, X-Api-Key: xxx and the like. A lookahead for the first letters lets
    # the case-insensitive alternations below skip most positions of a long line at once (same matches: tested).
    LazyPattern(r"(?i)(?=[ap])(?:authorization|proxy-authorization)\s*:\s*(?:\w+\s+)?([^\s'\"^`]+)"),
    LazyPattern(r"(?i)(?=[xats])(?:x-)?(?:api[-_]?key|auth[-_]?token|access[-_]?token|token|secret)\s*:\s*([^\s'\"^`]+)"),
    # apikey=..., "password": "...", token=... (a value after a space must be quoted: "password: curl would…" is prose)
    LazyPattern(rf"""(?i)(?=[atsp])(?:{_SECRET_WORDS})["']?(?:[=:]|\s*[=:]\s*["'])["']?([^&"'\s,}}^`]+)"""),
)
#: For each pattern above, what every match of it holds, in the text lowered: a text without it is not searched with
#: that pattern. These are searched fast (case-sensitive, starting with plain letters), where each pattern above tries
#: its alternatives at every position. Masking writes only asterisks, so it never makes one appear for a later
#: pattern.
_NEEDED = tuple(LazyPattern(needed) for needed in (
    "-u", "://", "--oauth2-bearer", r"authorization\s*:", r"(?:key|token|secret)\s*:",
    r"""(?:key|token|secret|password|passwd|pwd|pass)["']?\s*[=:]"""))
#: What a pattern catches that is a word of the docs rather than a secret, beside their templates
#: (``credentials.not_a_secret``: ``-u user:password``, ``<token>``, ``$KEY``): "secret" stands for a password
#: there, and a pattern stops at a blank, so "Your API Key" is caught as its first word.
_DOC_WORDS = frozenset({"secret", "your", "enter", "insert", "my"})

# Every pattern above needs one of these words (in any case): text without any of them has nothing to mask.
_TRIGGER_WORDS = ("-u", "://", "authorization", "key", "token", "secret", "pass", "pwd")


#: Credentials shorter than this are not masked by value: a two-character "secret" would mask every such pair of
#: letters in the output, and protects nothing.
MIN_SECRET_LENGTH = 3


def redact(text: str, secrets: frozenset[str] = frozenset()) -> str:
    """``text`` with every known secret, and every secret-looking value, replaced by asterisks of the same length."""
    for secret in sorted((s for s in secrets if len(s) >= MIN_SECRET_LENGTH), key=len, reverse=True):
        if secret in text:
            text = _whole(secret).sub(lambda found: "*" * len(found.group()), text)
    if _CUT in text and secrets:
        text = _mask_cuts(text, secrets)
    lowered = text.lower()
    if not any(word in lowered for word in _TRIGGER_WORDS):
        return text
    # The letters a case-insensitive pattern takes for i and s that lower() spells otherwise (U+0131 dotless i,
    # U+017F long s, and U+0130, which lowers to i and a combining dot): spelled as the patterns see them, so a
    # pattern is left out only when it cannot match.
    folded = lowered.replace("\u0131", "i").replace("\u017f", "s").replace("i\u0307", "i")
    for pattern, needed in zip(_SECRET_PATTERNS, _NEEDED, strict=True):
        if needed.search(folded):
            text = pattern.sub(_mask_group, text)
    return text


#: The mark of a quote curlport cut short.
_CUT = "\u2026"
#: The shortest first part of a secret a cut may leave that is masked (shorter ones are every word's).
_CUT_MIN = 4


def _mask_cuts(text: str, secrets: frozenset[str]) -> str:
    """A quote that ends in the first characters of a secret (a message's excerpt cut at its length): those
    characters masked, as the whole value would have been."""
    for cut in [index for index, character in enumerate(text) if character == _CUT]:
        for secret in secrets:
            size = next((size for size in range(min(len(secret), cut), _CUT_MIN - 1, -1)
                         if text[cut - size:cut] == secret[:size]), 0)
            if size:
                text = text[:cut - size] + "*" * size + text[cut:]
    return text


@lru_cache(maxsize=1024)
def _whole(secret: str) -> re.Pattern[str]:
    """The secret where it stands as a whole value, not inside a longer word: ``pass`` masked in ``password=pass``
    but not in the key ``password`` (a secret is the value the parser found, not every run of its letters). A
    percent-escape ends a word too: ``%3Dkey`` is ``=key`` in a URL that a form field carries encoded."""
    before = r"(?:(?<!\w)|(?<=%[0-9A-Fa-f]{2}))" if re.match(r"\w", secret) else ""
    after = r"(?!\w)" if re.search(r"\w$", secret) else ""
    return re.compile(before + re.escape(secret) + after)


def _mask_group(match: re.Match[str]) -> str:
    from curlport.credentials import key_like, not_a_secret  # lazy: only text no reader understood gets here

    caught = match.group(1)
    cut = caught.endswith(_CUT) and key_like(caught[:-1])  # a key a message's excerpt cut, not a doc's "sk_…"
    if not cut and (caught.lower() in _DOC_WORDS or not_a_secret(caught)):
        return match.group(0)
    start, end = match.span(1)
    end -= 1 if cut else 0  # the cut's mark stays: the reader sees the quote was cut
    whole_start = match.start()
    return match.group(0)[: start - whole_start] + "*" * (end - start) + match.group(0)[end - whole_start :]


def mask(value: str) -> str:
    """A secret value hidden, its length kept (as ``redact`` does)."""
    return "*" * len(value)
