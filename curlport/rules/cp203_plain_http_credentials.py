"""CP203: credentials sent over plain http://."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.findings import Severity
from curlport.lazy_pattern import LazyPattern
from curlport.rules.base import Autofix, Config, Fix, Problem, Rule, headers, replace_span
from curlport.rules.cp201_get_parameter_in_header import CREDENTIAL_HEADER

_SECRET_IN_QUERY = LazyPattern(r"(?i)[?&](?:api[-_]?key|key|token|password|pwd|pass|secret|auth[a-z_]*)=")
_SCHEME = "http://"


def check(config: Config) -> Iterator[Problem]:
    endpoint = str(config.get("endpoint", ""))
    if not endpoint.lower().startswith(_SCHEME):
        return
    credentials = config.get("auth") or _SECRET_IN_QUERY.search(endpoint) or any(
        CREDENTIAL_HEADER.search(key) for _, key, _ in headers(config))
    if credentials:
        yield Problem("/endpoint", "plain http:// endpoint while credentials are sent: anyone on the path can read "
                      "them; use https:// if the provider offers it", 0, len(_SCHEME),
                      Fix("use https://", False, replace_span("/endpoint", 0, len(_SCHEME), "https://")))


RULE: Rule = Rule(
    "CP203", "plain-http-credentials", Severity.WARNING,
    "An http:// endpoint with credentials or a token.",
    "Credentials sent over plain HTTP can be read and replayed by anyone between the platform and the provider.",
    "Use the provider's https:// endpoint.",
    '{"endpoint": "http://sms.example.com/send?apikey=abc"}',
    '{"endpoint": "https://sms.example.com/send?apikey=abc"}',
    check,
    autofix=Autofix.UNSAFE,
    fix_safety="Unsafe: not every provider serves its API over https://; check that the https:// endpoint answers.",
)
