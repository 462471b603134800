"""CP204: Basic credentials in a header or in the URL instead of the form's auth fields."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from curlport.findings import Severity
from curlport.media_types import decode_basic_credentials
from curlport.rules.base import Autofix, Config, Fix, Problem, Rule, has_header, headers

_USERINFO = re.compile(r"(?i)^(https?://)([^/?#@]*)@")


def _set_auth(config: Config, user: str, password: str) -> None:
    config["auth"] = {"type": "basic", "username": user, "password": password}


def _header_to_auth(index: int, user: str, password: str) -> Fix:
    def apply(config: Config) -> None:
        del config["headers"][index]
        _set_auth(config, user, password)
    return Fix("move the credentials into the auth fields", True, apply)


def _userinfo_to_auth(userinfo: str) -> Fix:
    user, _, password = userinfo.partition(":")

    def apply(config: Config) -> None:
        config["endpoint"] = _USERINFO.sub(r"\1", config["endpoint"], count=1)
        _set_auth(config, unquote(user), unquote(password))
    return Fix("move the credentials into the auth fields", True, apply)


def check(config: Config) -> Iterator[Problem]:
    # The fix needs the auth fields free: with credentials there already, which pair is right is a guess.
    auth_free = not config.get("auth")
    for index, key, value in headers(config) if has_header(config, "authorization") else ():
        if key.lower() == "authorization" and value.lower().startswith("basic "):
            credentials = decode_basic_credentials(value)
            fix = _header_to_auth(index, *credentials) if credentials and auth_free else None
            yield Problem(f"/headers/{index}/value", "an Authorization header with Basic credentials: use the "
                          "form's Basic authentication fields, which keep the password out of the header list",
                          fix=fix)
    endpoint = str(config.get("endpoint", ""))
    match = _USERINFO.match(endpoint) if "@" in endpoint else None
    if match:
        yield Problem("/endpoint", "credentials in the endpoint's user-info: move them to the Basic "
                      "authentication fields; URLs end up in logs", match.start(2), match.end(2) + 1,
                      _userinfo_to_auth(match.group(2)) if auth_free else None)


RULE: Rule = Rule(
    "CP204", "credentials-outside-auth", Severity.WARNING,
    "Basic credentials in an Authorization header or in the URL instead of the auth fields.",
    "The form has fields for Basic authentication; credentials elsewhere are logged and shown in plain text.",
    "Move them into auth.username and auth.password.",
    '{"auth": null, "headers": [{"key": "Authorization", "value": "Basic dXNlcjpwYXNz"}]}',
    '{"auth": {"type": "basic", "username": "user", "password": "pass"}, "headers": []}',
    check,
    autofix=Autofix.SAFE,
    fix_safety="Safe when the auth fields are empty: the platform sends the same 'Authorization: Basic' header from "
               "them. Not offered when the config already has credentials there.",
)
