"""The config as the operator types it into the provider form: field by field, in the form's order and labels.

JSON is for machines and diffs; a person copying a config into the "Other
(Generic)" form wants Request Type, HTTP Endpoint, Authentication, Headers and
Parameters one after the other, and a raw body as the text to paste, not as an
escaped JSON string. Secrets are masked unless asked for: this view is the one
that ends up in screenshots and tickets.
"""

from __future__ import annotations

from typing import Any

from curlport.redact import redact

_LABEL_WIDTH = 16


def _masked(key: str, value: str, show_secrets: bool) -> str:
    """The value, or asterisks when its key names a secret (api_key, token, password…)."""
    if show_secrets:
        return value
    probe = f"{key}={value}"
    return value if redact(probe) == probe else "*" * len(value)


def _rows(rows: list[dict[str, Any]], show_secrets: bool) -> list[str]:
    if not rows:
        return [" " * _LABEL_WIDTH + "(none)"]
    width = max(len(str(row.get("key", ""))) for row in rows) + 2
    return [" " * _LABEL_WIDTH + f"{row.get('key', '')!s:<{width}}"
            f"{_masked(str(row.get('key', '')), str(row.get('value', '')), show_secrets)}" for row in rows]


def _line(label: str, value: str) -> str:
    return f"{label:<{_LABEL_WIDTH}}{value}".rstrip()


def render_form(config: dict[str, Any], show_secrets: bool = False) -> str:
    """The form view of a config (a schema-valid one; unknown parts are shown as they are)."""
    lines = [_line("Name", str(config.get("name", ""))),
             _line("Request Type", str(config.get("method", ""))),
             _line("HTTP Endpoint", str(config.get("endpoint", "")) if show_secrets
                   else redact(str(config.get("endpoint", ""))))]
    auth = config.get("auth")
    if isinstance(auth, dict) and auth.get("type") == "basic":
        password = str(auth.get("password", ""))
        lines += [_line("Authentication", "Basic Authentication"),
                  _line("  Username", str(auth.get("username", ""))),
                  _line("  Password", password if show_secrets else "*" * len(password))]
    elif isinstance(auth, dict):
        lines.append(_line("Authentication", str(auth.get("type", ""))))
        lines += _rows([{"key": k, "value": str(v)} for k, v in auth.items() if k != "type"], show_secrets)
    else:
        lines.append(_line("Authentication", "None"))
    lines.append(_line("Headers", ""))
    lines += _rows(list(config.get("headers") or []), show_secrets)
    parameters = config.get("parameters")
    if not isinstance(parameters, dict):
        lines.append(_line("Parameters", "(none)"))
    elif parameters.get("format") == "form":
        lines.append(_line("Parameters", "x-www-form-urlencoded"))
        lines += _rows(list(parameters.get("fields") or []), show_secrets)
    else:
        body = str(parameters.get("body", ""))
        lines.append(_line("Parameters", "raw"))
        shown = body if show_secrets else redact(body)
        lines += [(" " * _LABEL_WIDTH + text).rstrip() for text in shown.strip("\n").splitlines()] or [""]
    return "\n".join(lines) + "\n"
