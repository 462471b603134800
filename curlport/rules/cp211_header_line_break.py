"""CP211: a CR or LF inside a header's name or value: the request would carry a header the config does not show."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule, headers, values_text

_LINE_BREAK = re.compile(r"[\r\n]")


def check(config: Config) -> Iterator[Problem]:
    if not _LINE_BREAK.search(values_text(config)):  # the header names and values are among the config's values
        return
    for index, key, value in headers(config):
        for part, text in (("key", key), ("value", value)):
            found = _LINE_BREAK.search(text)
            if found:
                yield Problem(f"/headers/{index}/{part}", f"a line break (CR or LF) in this header's {part}: on the "
                              "wire it ends the header and starts another one (header injection); remove it",
                              found.start(), found.end())


RULE: Rule = Rule(
    "CP211", "header-line-break", Severity.ERROR,
    "A carriage return or line feed inside a header's name or value.",
    "HTTP ends a header at CR LF: a line break inside a value makes the rest of it a header of its own "
    "(`-H $'X: a\\r\\nEvil: b'` sends a header Evil), or makes the request malformed. The provider form cannot "
    "carry one; it is never what the sample meant.",
    "Remove the line break; send each header as its own entry.",
    '{"headers": [{"key": "X-Id", "value": "a\\r\\nEvil: b"}]}',
    '{"headers": [{"key": "X-Id", "value": "a"}, {"key": "Evil", "value": "b"}]}',
    check,
)
