"""CP211: a CR or LF inside a header's name or value, or a name that is not an HTTP token: the request would carry
a header the config does not show, or be malformed. Render and send refuse such a header with this code too."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule, headers

_LINE_BREAK = re.compile(r"[\r\n]")
#: RFC 9110's token: every character a header name may have.
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
#: What ends a header on the wire, or is refused in one.
HEADER_BREAKERS = "\r\n\0"


def header_refusal(name: str, value: str) -> str | None:
    """Why a header cannot be written as it is, or None: what render refuses and send checks again (a token a
    token endpoint returned is put in a header too)."""
    if not HEADER_NAME.fullmatch(name):
        return "has a name that is not an HTTP token (a space, a colon, a line break…)"
    if any(c in value for c in HEADER_BREAKERS):
        return "has a line break (CR or LF) or a NUL in its value: on the wire it would end the header, inject others"
    return None


def check(config: Config) -> Iterator[Problem]:
    for index, key, value in headers(config):
        for part, text in (("key", key), ("value", value)):
            found = _LINE_BREAK.search(text)
            if found:
                yield Problem(f"/headers/{index}/{part}", f"a line break (CR or LF) in this header's {part}: on the "
                              "wire it ends the header and starts another one (header injection); remove it",
                              found.start(), found.end())
        if key and not _LINE_BREAK.search(key) and not HEADER_NAME.fullmatch(key):
            yield Problem(f"/headers/{index}/key", "this header name is not an HTTP token (letters, digits and "
                          "!#$%&'*+-.^_`|~ only): the request would be malformed; remove what is not", 0, len(key))


RULE: Rule = Rule(
    "CP211", "header-line-break", Severity.ERROR,
    "A carriage return or line feed inside a header's name or value, or a name that is not an HTTP token.",
    "HTTP ends a header at CR LF: a line break inside a value makes the rest of it a header of its own "
    "(`-H $'X: a\\r\\nEvil: b'` sends a header Evil), or makes the request malformed. The provider form cannot "
    "carry one; it is never what the sample meant.",
    "Remove the line break; send each header as its own entry.",
    '{"headers": [{"key": "X-Id", "value": "a\\r\\nEvil: b"}]}',
    '{"headers": [{"key": "X-Id", "value": "a"}, {"key": "Evil", "value": "b"}]}',
    check,
    needs=frozenset(("headers",)),
)
