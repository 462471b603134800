"""The config as the operator types it into the provider form: field by field, in the form's order and labels.

JSON is for machines and diffs; a person copying a config into the "Other
(Generic)" form wants Request Type, HTTP Endpoint, Authentication, Headers and
Parameters one after the other, and a raw body as the text to paste, not as an
escaped JSON string. Secrets are masked unless asked for: this view is the one
that ends up in screenshots and tickets.

The view is data first (``form_rows``): ``curlport import --format form`` prints
it as text (``form_text``) and ``curlport serve``'s page draws the same rows, so
the two can never name a field or a parameter type differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from curlport.config.detect.places import Slot
from curlport.config.shape import rows
from curlport.credentials import credential_spellings
from curlport.redact import redact

_LABEL_WIDTH = 18
_INDENT = "  "


@dataclass(frozen=True)
class Value:
    """A value as it is (what a Copy button copies) and as it is shown (masked unless secrets are shown)."""

    text: str
    shown: str


@dataclass(frozen=True)
class Pair:
    """One key/value row of a list (a header, a form field, an OAuth 2.0 extra parameter)."""

    key: str
    value: Value


@dataclass(frozen=True)
class FormRow:
    """One field of the form; ``level`` 1 is a setting of the field above it (Username under Authentication).

    A row with ``pairs`` is a key/value list (an empty one reads "(none)"); a row
    with ``body`` carries the raw or JSON body as the text to paste.
    """

    label: str
    value: Value
    level: int = 0
    pairs: tuple[Pair, ...] | None = None
    body: Value | None = None


def _hidden(secret: str, show_secrets: bool) -> Value:
    """A value the form's own field says is secret (a password, a client secret): masked whatever it looks like."""
    return Value(secret, secret if show_secrets else "*" * len(secret))


def _plain(text: str) -> Value:
    return Value(text, text)


def form_rows(config: dict[str, Any], show_secrets: bool = False,
              listed: list[Slot] | None = None) -> tuple[FormRow, ...]:
    """The form view of a config (a schema-valid one; unknown parts are shown as they are).

    ``listed`` is the config's ``slots_of`` when the caller has it already (``credential_values``).
    """
    secrets = credential_spellings(config, listed)

    def shown(value: Any) -> Value:
        text = str(value)
        return Value(text, text if show_secrets else redact(text, secrets))

    def pairs(items: Iterable[dict[str, Any]]) -> tuple[Pair, ...]:
        return tuple(Pair(str(item.get("key", "")), shown(item.get("value", ""))) for item in items)

    found = [FormRow("Name", _plain(str(config.get("name", "")))),
             FormRow("Request Type", _plain(str(config.get("method", "")))),
             FormRow("HTTP Endpoint", shown(config.get("endpoint", "")))]
    auth = config.get("auth")
    if isinstance(auth, dict) and auth.get("type") == "basic":
        found += [FormRow("Authentication", _plain("Basic Authentication")),
                  FormRow("Username", shown(auth.get("username", "")), 1),  # a key when it is the only credential
                  FormRow("Password", _hidden(str(auth.get("password", "")), show_secrets), 1)]
    elif isinstance(auth, dict) and auth.get("type") == "oauth2":
        found += [FormRow("Authentication", _plain("OAuth 2.0 (client credentials)")),
                  FormRow("Token URL", shown(auth.get("token_url", "")), 1),
                  FormRow("Client ID", _plain(str(auth.get("client_id", ""))), 1),
                  FormRow("Client Secret", _hidden(str(auth.get("client_secret", "")), show_secrets), 1)]
        extra = pairs(row for _, row in rows(auth.get("extra")))
        if extra:
            found.append(FormRow("Extra", _plain(""), 1, extra))
    elif isinstance(auth, dict):
        found.append(FormRow("Authentication", _plain(str(auth.get("type", ""))),
                             pairs=pairs({"key": k, "value": v} for k, v in auth.items() if k != "type")))
    else:
        found.append(FormRow("Authentication", _plain("None")))
    found.append(FormRow("Headers", _plain(""), pairs=pairs(row for _, row in rows(config.get("headers")))))
    parameters = config.get("parameters")
    if not isinstance(parameters, dict):
        found.append(FormRow("Parameters", _plain("(none)")))
    elif parameters.get("format") == "form":
        found.append(FormRow("Parameters", _plain("x-www-form-urlencoded"),
                             pairs=pairs(row for _, row in rows(parameters.get("fields")))))
    else:
        found.append(FormRow("Parameters", _plain("JSON" if parameters.get("format") == "json" else "raw"),
                             body=shown(parameters.get("body", ""))))
    batching = config.get("batching")
    if isinstance(batching, dict):
        found += [FormRow("Batching", _plain("on")), FormRow("Batch Key", _plain(str(batching.get("key", ""))), 1),
                  FormRow("Batch Size", _plain(str(batching.get("size", ""))), 1)]
    if isinstance(config.get("callback_url"), str):
        found.append(FormRow("Callback URL", shown(config["callback_url"])))
    return tuple(found)


def _line(label: str, value: str) -> str:
    return f"{label:<{_LABEL_WIDTH}}{value}".rstrip()


def _pair_lines(pairs: tuple[Pair, ...]) -> list[str]:
    if not pairs:
        return [" " * _LABEL_WIDTH + "(none)"]
    width = max(len(pair.key) for pair in pairs) + 2
    return [" " * _LABEL_WIDTH + f"{pair.key:<{width}}{pair.value.shown}" for pair in pairs]


def _row_lines(row: FormRow) -> list[str]:
    lines = [_line(_INDENT * row.level + row.label, row.value.shown)]
    if row.pairs is not None:
        lines += _pair_lines(row.pairs)
    if row.body is not None:
        lines += [(" " * _LABEL_WIDTH + text).rstrip() for text in row.body.shown.strip("\n").splitlines()] or [""]
    return lines


def form_text(form: Iterable[FormRow]) -> str:
    """The rows as ``curlport import --format form`` prints them: a label column, then the value to type."""
    return "\n".join(line for row in form for line in _row_lines(row)) + "\n"


def render_form(config: dict[str, Any], show_secrets: bool = False) -> str:
    """The form view of a config as text."""
    return form_text(form_rows(config, show_secrets))


