"""curl itself is the ground truth: the config describes the request curl really sends.

Every fixture's words (as curlport split them) are handed to the real curl binary,
which sends through a capture proxy on 127.0.0.1; the captured request must be the
one the imported config describes. https:// is sent as http:// so the proxy sees
the request instead of a TLS tunnel; nothing leaves the machine. A fixture curl
cannot run as written (``curl GET https://…``) has a bash-runnable twin in
``fixtures/curl/twins/``: curl sends the twin, and the twin must import to the same config.
One difference is by design (CP025 says it at import): ``-F`` text fields, which curl sends as
multipart/form-data, are the config's URL-encoded form fields; the test compares the parts' names and texts.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import shutil
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from capture import CapturedRequest, CaptureProxy
from fixture_cases import CURL_DIR, TWIN_DIR, curl_cases

from curlport import decode_input, import_curl
from curlport.parse.shell import split_commands

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="the curl binary is not installed")

# Headers curl adds on its own (Accept-Encoding for --compressed); a config lists only what the command sets.
CURL_DEFAULTS = {"host", "user-agent", "accept", "accept-encoding", "content-length", "content-type",
                 "proxy-connection", "authorization", "expect"}
# Where curl cannot be the judge: it reads files that curlport, rightly, does not.
NOT_COMPARABLE = {
    "data-file-not-read": "curl reads @message.txt; curlport does not without --allow-file-refs",
    "data-urlencode-forms": "curl reads @signature.txt; curlport does not without --allow-file-refs",
    "cookie-file": "curl reads cookies.txt",
    "url-template-base": "the URL is a template ({{api_url}}) the operator fills in: curl has nowhere to send it",
}


def _plain_http(text: str) -> str:
    return "http://" + text[len("https://"):] if text.lower().startswith("https://") else text


def _curl_argv(text: str) -> list[str]:
    """The words of the command the config came from (the second of an OAuth 2.0 token pair)."""
    imported = import_curl(text).source_map[""]
    command = next(command for command in split_commands(text) if command.span_of(command.curl_word) == imported)
    return [_plain_http(word.text) if word.text != "https" else "http" for word in command.words]


def _url_parts(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    return parts.netloc.rsplit("@", 1)[-1].lower(), parts.path or "/", parts.query


def _assert_same_request(config: dict[str, Any], sent: CapturedRequest) -> None:
    assert sent.method == config["method"]
    assert _url_parts(sent.url) == _url_parts(_plain_http(config["endpoint"]))
    assert parse_qsl(urlsplit(sent.url).query, keep_blank_values=True) == parse_qsl(
        urlsplit(config["endpoint"]).query, keep_blank_values=True)

    sent_headers = [(name.lower(), value) for name, value in sent.headers]
    for header in config["headers"]:
        assert (header["key"].lower(), header["value"]) in sent_headers, header
    listed = {header["key"].lower() for header in config["headers"]}
    assert {name for name, _ in sent_headers} - listed <= CURL_DEFAULTS

    authorization = dict(sent_headers).get("authorization")
    if config["auth"] is None:
        assert authorization is None or "authorization" in listed
    elif config["auth"]["type"] == "oauth2":  # the sample's placeholder token stands for the one the platform fetches
        assert authorization is not None and authorization.startswith("Bearer ")
    else:
        expected = f"{config['auth']['username']}:{config['auth']['password']}".encode()
        assert authorization == "Basic " + base64.b64encode(expected).decode()

    parameters = config["parameters"]
    content_type = dict(sent_headers).get("content-type", "")
    if parameters is None:
        assert sent.body == b""
    elif parameters["format"] == "form" and content_type.startswith("multipart/form-data"):
        # the one documented difference (CP025): -F text fields, sent as multipart, are the same fields URL-encoded
        fields = [(field["key"], field["value"]) for field in parameters["fields"]]
        assert _multipart_fields(content_type, sent.body) == fields
    elif parameters["format"] == "form":
        assert content_type == "application/x-www-form-urlencoded"
        fields = [(field["key"], field["value"]) for field in parameters["fields"]]
        assert parse_qsl(sent.body.decode(), keep_blank_values=True) == fields
    else:
        assert sent.body == parameters["body"].encode()


def _multipart_fields(content_type: str, body: bytes) -> list[tuple[str, str]]:
    """The (name, text) of each part of a multipart/form-data body, in order."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    return [(str(part.get_param("name", header="content-disposition")), part.get_content())
            for part in message.iter_parts()]


@pytest.mark.parametrize("case", [case for case in curl_cases() if case not in NOT_COMPARABLE])
def test_config_is_the_request_curl_sends(proxy: CaptureProxy, case: str) -> None:
    text = decode_input((CURL_DIR / f"{case}.curl").read_bytes())
    config = import_curl(text, placeholders="none").config  # the samples as curl sends them
    twin = TWIN_DIR / f"{case}.curl"
    sent = proxy.run_curl(_curl_argv(decode_input(twin.read_bytes()) if twin.exists() else text))
    _assert_same_request(config, sent)
