"""CP307: a batch key that does not name an array of one record with $$To in the JSON body."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from curlport.findings import Severity
from curlport.rules.base import RECIPIENT, Config, Problem, Rule
from curlport.rules.json_body import BodyReading, at_path, body_of, read_body


def _mentions(value: Any, placeholder: str) -> bool:
    return placeholder in json.dumps(value, ensure_ascii=False)


def _problem(batching: dict[str, Any], reading: BodyReading) -> str | None:
    key = str(batching.get("key"))
    if reading.error is not None:
        return None  # not JSON: CP305's business
    document = reading.document
    try:
        records = at_path(document, key)
    except KeyError:
        return f"the body has no '{key}': the batch key names the array that holds one record per recipient"
    if not isinstance(records, list):
        return f"'{key}' is not an array in the body: the platform repeats the array's record once per recipient"
    if len(records) != 1:
        return (f"'{key}' holds {len(records)} records: the platform repeats the one sample record per recipient; "
                "keep exactly one")
    if not _mentions(records[0], RECIPIENT):
        return f"the record in '{key}' has no $$To: each recipient's number goes in its own record"
    return None


def check(config: Config) -> Iterator[Problem]:
    batching, found = config.get("batching"), body_of(config)
    if not isinstance(batching, dict) or not isinstance(batching.get("key"), str) or found is None \
            or found[0] != "json":
        return
    reading = read_body(config)
    message = _problem(batching, reading) if reading is not None else None
    if message:
        yield Problem("/batching/key", message)


RULE: Rule = Rule(
    "CP307", "batch-key-invalid", Severity.ERROR,
    "The batch key does not name an array in the JSON body holding exactly one record with $$To.",
    "With batching the platform copies the array's record once per recipient and fills in each number: without "
    "that array, or with several sample records, it cannot build the batch.",
    "Point the batch key at the array (messages, or data.messages) and leave one record with \"$$To\" in it.",
    '{"batching": {"key": "to", "size": 100}, "parameters": {"format": "json", "body": '
    '"{\\"to\\": \\"$$To\\", \\"text\\": \\"$$Body\\"}"}}',
    '{"batching": {"key": "messages", "size": 100}, "parameters": {"format": "json", "body": '
    '"{\\"messages\\": [{\\"to\\": \\"$$To\\", \\"text\\": \\"$$Body\\"}]}"}}',
    check,
    needs=frozenset(("batching", "body")),
)
