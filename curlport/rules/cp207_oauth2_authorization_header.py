"""CP207: an Authorization header beside OAuth 2.0 auth, which sends its own."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import Autofix, Config, Fix, Problem, Rule, headers


def _without_header(index: int) -> Fix:
    def apply(config: Config) -> None:
        del config["headers"][index]
    return Fix("remove the Authorization header", True, apply)


def check(config: Config) -> Iterator[Problem]:
    auth = config.get("auth")
    if not isinstance(auth, dict) or auth.get("type") != "oauth2":
        return
    for index, key, _ in headers(config):
        if key.lower() == "authorization":
            yield Problem(f"/headers/{index}", "an Authorization header beside OAuth 2.0 authentication: the platform "
                          "sends 'Authorization: Bearer <token>' with the token it fetches; remove this header",
                          fix=_without_header(index))
            return


RULE: Rule = Rule(
    "CP207", "oauth2-authorization-header", Severity.WARNING,
    "An Authorization header in a config with OAuth 2.0 authentication.",
    "With OAuth 2.0 the platform fetches a token and sends it as 'Authorization: Bearer …'; a fixed Authorization "
    "header (a pasted token that expires, or a placeholder) competes with it.",
    "Remove the header; the OAuth 2.0 fields say how to get the token.",
    '{"auth": {"type": "oauth2", "token_url": "https://auth.example.com/token", "client_id": "id", '
    '"client_secret": "s", "extra": []}, "headers": [{"key": "Authorization", "value": "Bearer $TOKEN"}]}',
    '{"auth": {"type": "oauth2", "token_url": "https://auth.example.com/token", "client_id": "id", '
    '"client_secret": "s", "extra": []}, "headers": []}',
    check,
    autofix=Autofix.SAFE,
    fix_safety="Safe: the platform sends the Authorization header itself when the auth is OAuth 2.0.",
    needs=frozenset(("oauth2", "headers")),
)
