"""CP706: a fixed Content-Length or Transfer-Encoding header, which says how long a body the message changes is."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Config, Problem, Rule, headers

#: The headers that frame a body (its length or its chunking), lowered: pre-flight's render refuses them too.
FRAMING = frozenset({"content-length", "transfer-encoding"})


def check(config: Config) -> Iterator[Problem]:
    for index, key, _ in headers(config):
        if key.strip().lower() in FRAMING:
            yield Problem(f"/headers/{index}/key", f"a fixed '{key}' header: the body's length changes with every "
                          "message, and the client works it out itself; remove the header")


RULE: Rule = Rule(
    "CP706", "framing-header", Severity.ERROR,
    "A Content-Length or Transfer-Encoding header among the headers.",
    "They say where the body ends. The length of the sample's body is not that of the next message: the provider "
    "reads a cut body or waits for bytes that never come; a chunked Transfer-Encoding over a plain body is "
    "unreadable. The HTTP client computes both.",
    "Remove the header.",
    '{"headers": [{"key": "Content-Length", "value": "42"}]}',
    '{"headers": []}',
    check,
    needs=frozenset(("headers",)),
)
