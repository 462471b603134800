"""CP203: credentials sent over plain http://, wherever they travel.

The same knowledge of what a credential is as masking (``is_credential_name``):
the auth fields, and any header, query parameter, form field or JSON member whose
name says key, token, secret, password… An OAuth 2.0 token URL over http:// sends
the client secret in the clear too.
"""

from __future__ import annotations

from collections.abc import Iterator

from curlport.credentials import is_credential_name
from curlport.findings import Severity
from curlport.rules.base import Autofix, Config, Fix, Problem, Rule, place_slots, replace_span

_SCHEME = "http://"


def _carries_credentials(config: Config) -> bool:
    return bool(config.get("auth")) or any(is_credential_name(slot.place.key) for slot in place_slots(config))


def _plain(pointer: str, url: object, what: str) -> Iterator[Problem]:
    if isinstance(url, str) and url.lower().startswith(_SCHEME):
        yield Problem(pointer, f"plain http:// {what} while credentials are sent: anyone on the path can read "
                      "them; use https:// if the provider offers it", 0, len(_SCHEME),
                      Fix("use https://", False, replace_span(pointer, 0, len(_SCHEME), "https://")))


def check(config: Config) -> Iterator[Problem]:
    # the endpoint's scheme first: only a plain http:// one makes it worth reading every value for a credential
    endpoint = list(_plain("/endpoint", config.get("endpoint"), "endpoint"))
    if endpoint and _carries_credentials(config):
        yield from endpoint
    auth = config.get("auth")
    if isinstance(auth, dict) and auth.get("type") == "oauth2":
        yield from _plain("/auth/token_url", auth.get("token_url"), "token URL")


RULE: Rule = Rule(
    "CP203", "plain-http-credentials", Severity.WARNING,
    "An http:// endpoint (or OAuth 2.0 token URL) with credentials in the auth, a header, the query or the body.",
    "Credentials sent over plain HTTP can be read and replayed by anyone between the platform and the provider.",
    "Use the provider's https:// endpoint.",
    '{"endpoint": "http://sms.example.com/send?apikey=abc"}',
    '{"endpoint": "https://sms.example.com/send?apikey=abc"}',
    check,
    autofix=Autofix.UNSAFE,
    fix_safety="Unsafe: not every provider serves its API over https://; check that the https:// endpoint answers.",
)
