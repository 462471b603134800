"""CP202: a GET request with parameters, which the platform never sends."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.config.shape import key_values, rows, text
from curlport.findings import Severity
from curlport.media_types import FORM_CONTENT_TYPE
from curlport.rules.base import Autofix, Config, Fix, Problem, Rule, add_query


def _fields_to_query(config: Config) -> None:
    """curl -G's move: the fields join the query, and the header that described the body goes with it."""
    pairs = key_values(config["parameters"]["fields"]) or []
    config["endpoint"] = add_query(config["endpoint"], pairs)
    config["parameters"] = None
    config["headers"] = [row for _, row in rows(config.get("headers"))
                         if not (text(row, "key").lower() == "content-type"
                                 and FORM_CONTENT_TYPE in text(row, "value").lower())]


def check(config: Config) -> Iterator[Problem]:
    parameters = config.get("parameters")
    if config.get("method") != "GET" or not parameters:
        return
    fix = None
    if isinstance(parameters, dict) and parameters.get("format") == "form" and isinstance(config.get("endpoint"), str) \
            and key_values(parameters.get("fields")) is not None and isinstance(config.get("headers") or [], list):
        fix = Fix("move the form fields into the endpoint's query", True, _fields_to_query)
    yield Problem("/parameters", "a GET request with parameters: the platform sends no body with GET, so "
                  "they are dropped; move them into the endpoint's query or use POST", fix=fix)


RULE: Rule = Rule(
    "CP202", "get-with-body", Severity.ERROR,
    "A GET request with form fields or a raw body.",
    "GET requests carry no body: the recipient and the message would never reach the provider.",
    "Put the fields in the endpoint's query (curl -G does this), or switch the method to POST.",
    '{"method": "GET", "endpoint": "https://sms.example.com/send", '
    '"parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}]}}',
    '{"method": "GET", "endpoint": "https://sms.example.com/send?to=$$To", "parameters": null}',
    check,
    autofix=Autofix.SAFE,
    fix_safety="Safe for form fields: they were never sent, and in the query they reach the provider as curl -G "
               "sends them; a form Content-Type header goes too. Not offered for a raw body.",
    needs=frozenset(("GET",)),
)
