"""CP201: a GET request carries the recipient or the message in a header.

Credentials in a header are not reported: a header is where they belong, and
moving them into the URL is what CP007 and CP203 warn against (URLs end up in
logs). The advice never contradicts itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from curlport.findings import Severity
from curlport.lazy_pattern import LazyPattern
from curlport.rules.base import MESSAGE, RECIPIENT, Autofix, Config, Fix, Problem, Rule, add_query, headers

CREDENTIAL_HEADER = LazyPattern(r"(?i)authorization|api[-_]?key|auth[-_]?key|token|secret|password")


def _move_to_query(index: int, key: str, value: str) -> Fix:
    # a partial, not a closure: every header of a GET request can have one, and a partial is made in C
    return Fix(f"move '{key}' into the endpoint's query", False, partial(_moved_to_query, index, key, value))


def _moved_to_query(index: int, key: str, value: str, config: Config) -> None:
    del config["headers"][index]
    config["endpoint"] = add_query(config["endpoint"], [(key, value)])


def check(config: Config) -> Iterator[Problem]:
    if config.get("method") != "GET":
        return
    said: dict[str, str | None] = {}  # by header name: the message, or None for a credential's; decided once per name
    for index, key, value in headers(config):
        if RECIPIENT in value or MESSAGE in value:
            if key not in said:
                said[key] = None if CREDENTIAL_HEADER.search(key) else (
                    f"GET request with '{key}' in a header: the specification warns headers may not work for GET; "
                    "move it into the endpoint's query")
            message = said[key]
            if message is not None:
                yield Problem(f"/headers/{index}/key", message, fix=_move_to_query(index, key, value))


RULE: Rule = Rule(
    "CP201", "get-parameter-in-header", Severity.WARNING,
    "A GET request carries the recipient or the message in a header.",
    "The specification: 'In case the parameters passed in the headers do not work for the GET type request, you can "
    "pass the parameters in the endpoint.'",
    "Move the value into the endpoint's query string, under the name the provider documents for it.",
    '{"method": "GET", "endpoint": "https://sms.example.com/send?text=$$Body", '
    '"headers": [{"key": "X-To", "value": "$$To"}]}',
    '{"method": "GET", "endpoint": "https://sms.example.com/send?text=$$Body&X-To=$$To", "headers": []}',
    check,
    autofix=Autofix.UNSAFE,
    fix_safety="Unsafe: the header becomes a query parameter of the same name, which the provider may not read "
               "under that name. Credential headers are never reported, so never moved into the URL (CP007).",
    needs=frozenset(("GET", "headers")),
)
