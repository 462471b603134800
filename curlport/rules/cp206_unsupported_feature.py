"""CP206: a request feature the form cannot express: multipart, challenge-response auth, a non-HTTP URL."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.lazy_pattern import LazyPattern
from curlport.rules.base import Config, Problem, Rule, headers

_CHALLENGE_SCHEMES = LazyPattern(r"(?i)^(digest|ntlm|negotiate)\b")
_MULTIPART = re.compile(r"(?i)multipart|form-data")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def check(config: Config) -> Iterator[Problem]:
    parameters = config.get("parameters")
    if isinstance(parameters, dict) and _MULTIPART.search(str(parameters.get("format", ""))):
        yield Problem("/parameters", f"'{parameters['format']}' parameters: the form cannot build a multipart "
                      "body; use form parameters, a raw body or the JSON type")
    scheme = _SCHEME.match(str(config.get("endpoint", "")))
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        yield Problem("/endpoint", f"the endpoint's scheme is {scheme.group(1)}://; the platform calls http:// or "
                      "https:// only", 0, scheme.end())
    for index, key, value in headers(config):
        if key.lower() == "content-type" and value.lower().startswith("multipart/"):
            yield Problem(f"/headers/{index}/value", "multipart bodies cannot be built by the form: use form "
                          "parameters or a raw body")
        challenge = _CHALLENGE_SCHEMES.match(value) if key.lower() == "authorization" else None
        if challenge:
            yield Problem(f"/headers/{index}/value", f"{challenge.group(1)} authentication answers a server "
                          "challenge for every request; a fixed header fails: use Basic auth or an API key")


RULE: Rule = Rule(
    "CP206", "unsupported-feature", Severity.ERROR,
    "Something the form cannot express: a multipart body, Digest/NTLM/Negotiate auth, a non-HTTP endpoint.",
    "The platform sends one fixed request shape: form or raw body, Basic auth or static headers, over HTTP(S).",
    "Ask the provider for a plain form or JSON call with Basic auth or an API key.",
    '{"headers": [{"key": "Content-Type", "value": "multipart/form-data; boundary=x"}]}',
    '{"headers": [{"key": "Content-Type", "value": "application/x-www-form-urlencoded"}]}',
    check,
    explains_schema=True,
)
