"""CP802: the parameter that carries $$To or $$Body is sent a second time with a fixed value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple
from urllib.parse import unquote_plus

from curlport.config.shape import rows, section, text
from curlport.config.short_cache import short_text_cache
from curlport.findings import Severity
from curlport.rules.base import MESSAGE, RECIPIENT, Config, Problem, Rule


class _Parameter(NamedTuple):
    """A query or form parameter: its decoded name, its value as written, and where that value is."""

    name: str
    value: str
    pointer: str
    start: int


@short_text_cache(maxsize=256, longest=2048)
def _query(endpoint: str) -> tuple[_Parameter, ...]:
    """The endpoint's query parameters, each value with its offset in the endpoint: split once per distinct
    endpoint, which the configs of a provider share."""
    mark = endpoint.find("?")
    if mark == -1:
        return ()
    listed = []
    offset = mark + 1
    for piece in endpoint[offset:].partition("#")[0].split("&"):
        key, equals, value = piece.partition("=")
        if equals:
            listed.append(_Parameter(unquote_plus(key), value, "/endpoint", offset + len(key) + 1))
        offset += len(piece) + 1
    return tuple(listed)


def _parameters(config: Config) -> list[_Parameter]:
    """The query's and the form's parameters; none when each name is given once (most configs), which the names
    alone tell."""
    endpoint = config.get("endpoint")
    query = _query(endpoint) if isinstance(endpoint, str) else ()
    parameters = section(config, "parameters")
    fields = [(index, key, row) for index, row in rows(parameters.get("fields")) if (key := text(row, "key"))] \
        if parameters.get("format") == "form" else []
    if not _repeated([item.name for item in query] + [key for _, key, _ in fields]):
        return []
    return [*query, *(_Parameter(key, text(row, "value"), f"/parameters/fields/{index}/value", 0)
                      for index, key, row in fields)]


def _repeated(names: list[str]) -> bool:
    """Whether some name is given twice: what a second value of a parameter needs."""
    return len(set(names)) != len(names)


def check(config: Config) -> Iterator[Problem]:
    listed = _parameters(config)
    carried = {item.name: item.value for item in listed if item.value in (RECIPIENT, MESSAGE)}
    for item in listed:
        placeholder = carried.get(item.name)
        if placeholder is not None and placeholder not in item.value:  # "Hi $$Body" is not fixed: CP106's
            yield Problem(item.pointer, f"'{item.value}' is a second value of the parameter {item.name}, which "
                          f"also carries {placeholder}: the provider reads one of them, perhaps this one; remove it",
                          item.start, item.start + len(item.value))


RULE: Rule = Rule(
    "CP802", "parameter-also-fixed", Severity.ERROR,
    "The parameter that carries $$To or $$Body is sent a second time with a fixed value (in the query and the "
    "form, or twice in one).",
    "A provider that reads the fixed value sends every message to the sample number, or sends the sample text; "
    "which of the two it reads is up to its server.",
    "Remove the fixed one (usually the sample left in the endpoint's query).",
    '{"endpoint": "https://sms.example.com/send?to=447700900123", "parameters": {"format": "form", '
    '"fields": [{"key": "to", "value": "$$To"}]}}',
    '{"endpoint": "https://sms.example.com/send", "parameters": {"format": "form", '
    '"fields": [{"key": "to", "value": "$$To"}]}}',
    check,
)
