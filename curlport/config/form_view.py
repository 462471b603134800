"""The config as the operator types it into the provider form: field by field, in the form's order and labels.

JSON is for machines and diffs; a person copying a config into the "Other
(Generic)" form wants Request Type, HTTP Endpoint, Authentication, Headers and
Parameters one after the other, and a raw body as the text to paste, not as an
escaped JSON string. Secrets are masked unless asked for: this view is the one
that ends up in screenshots and tickets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from curlport.config.shape import rows
from curlport.credentials import credential_spellings
from curlport.redact import redact

_LABEL_WIDTH = 18


def _rows(rows: list[dict[str, Any]], shown: Callable[[str], str]) -> list[str]:
    if not rows:
        return [" " * _LABEL_WIDTH + "(none)"]
    width = max(len(str(row.get("key", ""))) for row in rows) + 2
    return [" " * _LABEL_WIDTH + f"{row.get('key', '')!s:<{width}}{shown(str(row.get('value', '')))}" for row in rows]


def _hidden(secret: str, show_secrets: bool) -> str:
    """A value the form's own field says is secret (a password, a client secret): masked whatever it looks like."""
    return secret if show_secrets else "*" * len(secret)


def _line(label: str, value: str) -> str:
    return f"{label:<{_LABEL_WIDTH}}{value}".rstrip()


def render_form(config: dict[str, Any], show_secrets: bool = False) -> str:
    """The form view of a config (a schema-valid one; unknown parts are shown as they are)."""
    secrets = credential_spellings(config)

    def shown(value: str) -> str:
        return value if show_secrets else redact(value, secrets)

    lines = [_line("Name", str(config.get("name", ""))),
             _line("Request Type", str(config.get("method", ""))),
             _line("HTTP Endpoint", shown(str(config.get("endpoint", ""))))]
    auth = config.get("auth")
    if isinstance(auth, dict) and auth.get("type") == "basic":
        password = str(auth.get("password", ""))
        lines += [_line("Authentication", "Basic Authentication"),
                  _line("  Username", str(auth.get("username", ""))),
                  _line("  Password", _hidden(password, show_secrets))]
    elif isinstance(auth, dict) and auth.get("type") == "oauth2":
        lines += [_line("Authentication", "OAuth 2.0 (client credentials)"),
                  _line("  Token URL", shown(str(auth.get("token_url", "")))),
                  _line("  Client ID", str(auth.get("client_id", ""))),
                  _line("  Client Secret", _hidden(str(auth.get("client_secret", "")), show_secrets))]
        extra = [row for _, row in rows(auth.get("extra"))]
        if extra:
            lines.append(_line("  Extra", ""))
            lines += _rows(extra, shown)
    elif isinstance(auth, dict):
        lines.append(_line("Authentication", str(auth.get("type", ""))))
        lines += _rows([{"key": k, "value": str(v)} for k, v in auth.items() if k != "type"], shown)
    else:
        lines.append(_line("Authentication", "None"))
    lines.append(_line("Headers", ""))
    lines += _rows([row for _, row in rows(config.get("headers"))], shown)
    parameters = config.get("parameters")
    if not isinstance(parameters, dict):
        lines.append(_line("Parameters", "(none)"))
    elif parameters.get("format") == "form":
        lines.append(_line("Parameters", "x-www-form-urlencoded"))
        lines += _rows([row for _, row in rows(parameters.get("fields"))], shown)
    else:
        body = str(parameters.get("body", ""))
        lines.append(_line("Parameters", "JSON" if parameters.get("format") == "json" else "raw"))
        lines += [(" " * _LABEL_WIDTH + text).rstrip() for text in shown(body).strip("\n").splitlines()] or [""]
    batching = config.get("batching")
    if isinstance(batching, dict):
        lines += [_line("Batching", "on"), _line("  Batch Key", str(batching.get("key", ""))),
                  _line("  Batch Size", str(batching.get("size", "")))]
    if isinstance(config.get("callback_url"), str):
        lines.append(_line("Callback URL", str(config["callback_url"])))
    return "\n".join(lines) + "\n"
