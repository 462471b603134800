"""Rules about how the request travels: GET pitfalls, plain http, credentials in the wrong place."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, RECIPIENT, Config, Problem, Rule, headers

_CREDENTIAL_HEADER = re.compile(r"(?i)authorization|api[-_]?key|auth[-_]?key|token|secret|password")


def _get_headers(config: Config) -> Iterator[Problem]:
    if config.get("method") != "GET":
        return
    for index, key, value in headers(config):
        carries = RECIPIENT in value or MESSAGE in value or _CREDENTIAL_HEADER.search(key)
        if carries:
            yield Problem(f"/headers/{index}", f"GET request with '{key}' in a header: the specification warns "
                          "headers may not work for GET; move it into the endpoint's query")


GET_HEADERS = Rule(
    "CP201", "get-parameter-in-header", Severity.WARNING,
    "A GET request carries the recipient, the message or credentials in a header.",
    "The specification: 'In case the parameters passed in the headers do not work for the GET type request, you can "
    "pass the parameters in the endpoint.'",
    "Move the value into the endpoint's query string.",
    '{"method": "GET", "headers": [{"key": "apikey", "value": "abc"}]}',
    '{"method": "GET", "endpoint": "https://sms.example.com/send?apikey=abc&to=$$To&text=$$Body"}',
    _get_headers,
)


def _get_body(config: Config) -> Iterator[Problem]:
    if config.get("method") == "GET" and config.get("parameters"):
        yield Problem("/parameters", "a GET request with parameters: the platform sends no body with GET, so "
                      "they are dropped; move them into the endpoint's query or use POST")


GET_BODY = Rule(
    "CP202", "get-with-body", Severity.ERROR,
    "A GET request with form fields or a raw body.",
    "GET requests carry no body: the recipient and the message would never reach the provider.",
    "Put the fields in the endpoint's query (curl -G does this), or switch the method to POST.",
    '{"method": "GET", "parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}]}}',
    '{"method": "GET", "endpoint": "https://sms.example.com/send?to=$$To", "parameters": null}',
    _get_body,
)

_SECRET_IN_QUERY = re.compile(r"(?i)[?&](?:api[-_]?key|key|token|password|pwd|pass|secret|auth[a-z_]*)=")


def _plain_http(config: Config) -> Iterator[Problem]:
    endpoint = str(config.get("endpoint", ""))
    if not endpoint.lower().startswith("http://"):
        return
    credentials = config.get("auth") or _SECRET_IN_QUERY.search(endpoint) or any(
        _CREDENTIAL_HEADER.search(key) for _, key, _ in headers(config))
    if credentials:
        yield Problem("/endpoint", "plain http:// endpoint while credentials are sent: anyone on the path can read "
                      "them; use https:// if the provider offers it", 0, 7)


PLAIN_HTTP = Rule(
    "CP203", "plain-http-credentials", Severity.WARNING,
    "An http:// endpoint with credentials or a token.",
    "Credentials sent over plain HTTP can be read and replayed by anyone between the platform and the provider.",
    "Use the provider's https:// endpoint.",
    '{"endpoint": "http://sms.example.com/send?apikey=abc"}',
    '{"endpoint": "https://sms.example.com/send?apikey=abc"}',
    _plain_http,
)


def _basic_header(config: Config) -> Iterator[Problem]:
    for index, key, value in headers(config):
        if key.lower() == "authorization" and value.lower().startswith("basic "):
            yield Problem(f"/headers/{index}", "an 'Authorization: Basic' header: use the form's Basic "
                          "authentication fields, which keep the password out of the header list")
    if re.match(r"(?i)^https?://[^/?#@]+@", str(config.get("endpoint", ""))):
        yield Problem("/endpoint", "credentials in the endpoint's user-info: move them to the Basic "
                      "authentication fields; URLs end up in logs")


BASIC_HEADER = Rule(
    "CP204", "credentials-outside-auth", Severity.WARNING,
    "Basic credentials in an Authorization header or in the URL instead of the auth fields.",
    "The form has fields for Basic authentication; credentials elsewhere are logged and shown in plain text.",
    "Move them into auth.username and auth.password.",
    '{"headers": [{"key": "Authorization", "value": "Basic dXNlcjpwYXNz"}]}',
    '{"auth": {"type": "basic", "username": "user", "password": "pass"}}',
    _basic_header,
)

RULES = (GET_HEADERS, GET_BODY, PLAIN_HTTP, BASIC_HEADER)
