"""Issue 19's reading classes (the parse side), each at its line and column, and generated from every fixture.

The placement of each class that imports (template hosts, pasted URLs with spaces, scripts, -F text fields,
--anyauth) is in ``tests/test_variants_detect.py`` with the other classes of ``curlport.variants``; here: what the
import says of each at its place, the classes that are refusals (a path without a host, an option glued to its
value, generated from every fixture's URL and data options), and the real curl binary for -F's text fields.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from capture import CaptureProxy
from fixture_cases import CURL_DIR
from hypothesis import given, settings
from hypothesis import strategies as st
from test_curl_truth import _assert_same_request, _curl_argv

from curlport import import_curl
from curlport.errors import CurlportError, CurlUsageError, UnsupportedRequestError
from curlport.lint.placed import check_import
from curlport.parse.curl_options import LONG_OPTIONS
from curlport.variants import approximated, pasted_url, url_templates
from curlport.variants._words import only_command
from curlport.variants.base import Variant, fixtures, quote_at

FIXTURES = {stem: (text, expected) for stem, text, expected in fixtures(CURL_DIR)}

# (text, (code, line, column) the import reports, a (config key, value) the reading gives)
READ = [
    ("https://a.example.com/send?to=4512345678&text=Hello World",
     ("CP001", 1, 52), ("endpoint", "https://a.example.com/send?to=$$To&text=$$Body")),
    # curl's URL1 URL2 stays two requests, with or without the curl word: only a URL line's plain words are joined
    ("curl 'https://a.example.com/s?to=4512345678&text=Hello' https://b.example.com/x",
     ("CP006", 1, 57), ("endpoint", "https://a.example.com/s?to=$$To&text=$$Body")),
    ("https://a.example.com/s?to=4512345678&text=Hello https://b.example.com/x",
     ("CP006", 1, 50), ("endpoint", "https://a.example.com/s?to=$$To&text=$$Body")),
    ('curl -X POST\n"https://a.example.com/s" -d to=4512345678 -d "text=Hello"',
     ("CP001", 1, 13), ("endpoint", "https://a.example.com/s")),
    ("curl 'http://{{host}}:{{port}}/send?to=4512345678&text=Hi'",
     ("CP401", 1, 14), ("endpoint", "http://{{host}}:{{port}}/send?to=$$To&text=$$Body")),
    ("curl 'http://{{host}}:{{port}}/send?to=4512345678&text=Hi'",
     ("CP401", 1, 23), ("method", "GET")),
    ("curl 'https://..../sms?to=4512345678&text=Hi'",
     ("CP401", 1, 15), ("endpoint", "https://..../sms?to=$$To&text=$$Body")),
    ('NUMBER="$1"\nMESSAGE="$2"\ncurl -d "to=$NUMBER" -d "text=$MESSAGE" https://a.example.com/send',
     ("CP020", 3, 13), ("parameters", {"format": "form", "fields": [{"key": "to", "value": "$$To"},
                                                                     {"key": "text", "value": "$$Body"}]})),
    ('NUMBER="$1"\nMESSAGE="$2"\ncurl -d "to=$NUMBER" -d "text=$MESSAGE" https://a.example.com/send',
     ("CP020", 3, 31), ("method", "POST")),
    ('curl -F to=4512345678 -F "text=Hello World" https://a.example.com/send',
     ("CP025", 1, 6), ("parameters", {"format": "form", "fields": [{"key": "to", "value": "$$To"},
                                                                    {"key": "text", "value": "$$Body"}]})),
    ('curl --anyauth -u key:secret -d to=4512345678 -d "text=Hi there" https://a.example.com/send',
     ("CP025", 1, 6), ("auth", {"type": "basic", "username": "key", "password": "secret"})),
    ("curl -d to=4512345678 -d msg=Hello World https://a.example.com/send",
     ("CP001", 1, 36), ("endpoint", "https://a.example.com/send")),
    # blind3's text-around class: a label, markdown or a line of code around the request (the rest is generated in
    # curlport/variants/around.py)
    ("HTTP API: https://a.example.com/send?to=4512345678&text=Hello",
     ("CP010", 1, 1), ("endpoint", "https://a.example.com/send?to=$$To&text=$$Body")),
    ('<?php\n$url = "https://a.example.com/send?to=4512345678&text=Hello";\n$r = file_get_contents($url);\n',
     ("CP019", 2, 9), ("endpoint", "https://a.example.com/send?to=$$To&text=$$Body")),
    ("## Send\n\nLet's send one:\n\n```sh\ncurl -d to=4512345678 -d text=Hello https://a.example.com/send\n```\n",
     ("CP010", 5, 1), ("method", "POST")),
    ("```curl -d to=4512345678 -d text=Hello https://a.example.com/send```",
     ("CP010", 1, 1), ("endpoint", "https://a.example.com/send")),
    # a Windows batch file: its :: and REM comments hold apostrophes (no quote in cmd), its set applies to %K%
    ('@echo off\n:: it\'s the provider\'s example\nset K=s3cr3t-k3y\n'
     'curl -H "X-Key: %K%" -d "to=4512345678" -d "text=Hi" https://a.example.com/send\n',
     ("CP014", 4, 17), ("headers", [{"key": "X-Key", "value": "s3cr3t-k3y"}])),
    # one send written without its key, then with it (a doc's "send with your API key"): the one with it is the send
    ("curl -d to=4512345678 -d text=Hi https://a.example.com/send\n"
     "curl -H 'X-Api-Key: k3y-9f8e7d6c' -d to=4512345678 -d 'text=Hi there' https://a.example.com/send\n",
     ("CP026", 2, 1), ("headers", [{"key": "X-Api-Key", "value": "k3y-9f8e7d6c"}])),
    # a WhatsApp gateway's chat id: the recipient, written as $$To with the gateway's @c.us kept
    ("curl https://a.example.com/send -H 'Content-Type: application/json' "
     "-d '{\"chatId\": \"14155552671@c.us\", \"message\": \"Hi\"}'",
     ("CP020", 1, 84), ("parameters", {"format": "json", "body": '{"chatId": "$$To@c.us", "message": "$$Body"}'})),
    # a raw HTTP request as a docs page prints it: the request curl sends to https:// and the Host (with its path)
    ("POST /send HTTP/1.1\nHost: a.example.com/v1\nContent-Type: application/json\n"
     "{\"to\": \"4512345678\", \"text\": \"Hi\"}\n",
     ("CP019", 1, 1), ("endpoint", "https://a.example.com/v1/send")),
    # a doc's single send, then its bulk send (records in a list): the single is the send
    ("# Send a single sms\ncurl -H 'Content-Type: application/json' -d '{\"to\": \"+250781234567\", "
     "\"text\": \"Hi\"}' https://a.example.com/v1/sms/\n# Send bulk sms\ncurl -H 'Content-Type: application/json' "
     "-d '{\"recipients\": [{\"phonenumber\": \"+250781234567\"}], \"text\": \"Hi\"}' https://a.example.com/v1/sms/bulk\n",
     ("CP026", 2, 1), ("endpoint", "https://a.example.com/v1/sms/")),
    # a doc's JSON with a comment, or a template where a value goes: placed all the same, CP305 at the flaw
    ("curl https://a.example.com/send -H 'Content-Type: application/json' "
     "-d '{\"to\": \"4512345678\", /* or to_list */ \"text\": \"Hi\"}'",
     ("CP305", 1, 94), ("method", "POST")),
    ("curl https://a.example.com/send -H 'Content-Type: application/json' "
     "-d '{\"to\": \"4512345678\", \"flag\": <ENABLE_FLAG>, \"text\": \"Hi\"}'",
     ("CP305", 1, 102), ("method", "POST")),
    # blind4: prose around and between commands (no fences) with apostrophes: only the command lines are read (CP010
    # at the first prose line); two apostrophes no longer pair up and swallow the first command
    ("Note: it's the provider's example\ncurl -d to=4512345678 -d text=Hi https://a.example.com/send\n",
     ("CP010", 1, 1), ("endpoint", "https://a.example.com/send")),
    ("Send SMS\nErrors: couldn't be sent\ncurl -H 'Content-Type: application/json' -d '{\"numbers\": \"xxxx,xxxx\", "
     "\"message\": \"xxxx\"}' https://a.example.com/v1/sms\nSend OTP\nErrors: couldn't be sent\n"
     "curl -H 'Content-Type: application/json' -d '{\"number\": \"xxxx\", \"lang\": \"en\"}' https://a.example.com/v1/otp\n",
     ("CP026", 3, 1), ("endpoint", "https://a.example.com/v1/sms")),
    # a raw HTTP request behind a label, or in a fence with the response under it: the request, the rest skipped
    ("Request Example\n\nPOST /send HTTP/1.1\nHost: a.example.com\nContent-Type: application/json\n\n"
     "{\"to\": \"4512345678\", \"text\": \"Hi\"}\nHTTP/1.1 200 OK\nContent-Length: 0\n",
     ("CP010", 1, 1), ("parameters", {"format": "json", "body": '{"to": "$$To", "text": "$$Body"}'})),
    ("Let's see the stream:\n```tcp\nPOST /sms HTTP/1.1\nHost: localhost:8080\nContent-Type: application/json\n\n"
     "{\"recipient\":\"+3725432101\",\"text\":\"Hello world!\"}\n```\n",
     ("CP019", 3, 1), ("parameters", {"format": "json", "body": '{"recipient":"$$To","text":"$$Body"}'})),
    # a docs page's response glued to the body's closing quote, a word processor's quotes: placed, CP305 at the flaw
    ("curl https://a.example.com/send -H 'Content-Type: application/json' "
     "-d '{\"to\": \"4512345678\", \"text\": \"Hi\"}'{\n\"accepted\": 1,\n",
     ("CP305", 1, 108), ("parameters", {"format": "json", "body": '{"to": "$$To", "text": "$$Body"}{'})),
    ("curl https://a.example.com/send -H 'Content-Type: application/json' "
     "-d '{\u201cto\u201d: \u201c4512345678\u201d, \u201ctext\u201d: \u201cHi\u201d}'",
     ("CP305", 1, 74),
     ("parameters", {"format": "json", "body": '{\u201cto\u201d: "$$To", \u201ctext\u201d: "$$Body"}'})),
    # a request a page only describes: its URL line (a method or an endpoint's label), the JSON body under it
    ("Send a text message\nPOST https://a.example.com/v3/messages\n{\"to\": \"4512345678\", \"text\": \"Hi\"}\n",
     ("CP901", 2, 6), ("parameters", {"format": "json", "body": '{"to": "$$To", "text": "$$Body"}'})),
    ("Request Endpoint: https://a.example.com/sendsms/\n{\n\"apikey\":\"123456789\",\n\"mobile\":\"254712345678\",\n"
     "\"message\":\"hi there\"\n}\n", ("CP401", 3, 11), ("method", "POST")),
    # a manual's example URLs, one a line (read, send, delete): the send is chosen by its evidence
    ("http://192.168.1.1/cgi-bin/sms_read?username=admin&password=s3cr3t-x&number=2\n"
     "http://192.168.1.1/cgi-bin/sms_send?username=admin&password=s3cr3t-x&number=0037060000001&text=message\n"
     "http://192.168.1.1/cgi-bin/sms_delete?username=admin&password=s3cr3t-x&number=4\n",
     ("CP026", 2, 1), ("endpoint", "http://192.168.1.1/cgi-bin/sms_send?username=admin&password=s3cr3t-x&number=$$To"
                                   "&text=$$Body")),
    # a page's base URL once, then a request's path with its JSON: the two joined (the base's /v1 not twice)
    ("Base URL\nhttps://api.example.com/v1\nSend Single SMS\nPOST /v1/sms/send\n{\"to\": \"0712345678\", "
     "\"message\": \"Hello\"}\n", ("CP901", 4, 6), ("endpoint", "https://api.example.com/v1/sms/send")),
    ("Base URL: https://api.example.com/v2/\nPOST /messages\n{\"to\": \"0712345678\", \"text\": \"Hi\"}\n",
     ("CP901", 2, 6), ("endpoint", "https://api.example.com/v2/messages")),
    # RFC 7617's textbook credential (Aladdin:open sesame), copied by a doc: a stand-in, never ready
    ("curl -H 'Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' -d to=4512345678 -d text=Hi "
     "https://a.example.com/s",
     ("CP401", 1, 10), ("auth", {"type": "basic", "username": "Aladdin", "password": "open sesame"})),
    # a value a command the text runs would print is a template to fill in, never ready
    ("curl -d to=4512345678 -d text=Hi https://a.example.com/modems/$(cat modem.id)/send",
     ("CP401", 1, 63), ("method", "POST")),
]


@pytest.mark.parametrize(("text", "where", "gives"), READ)
def test_a_class_is_read_and_said_at_its_place(text: str, where: tuple[str, int, int], gives: tuple[str, Any]) -> None:
    result = import_curl(text)
    said = {(f.code, f.span.line, f.span.column) for f in (*result.findings, *check_import(result)) if f.span}
    assert where in said
    assert result.config[gives[0]] == gives[1]


FORM_TEXT = """curl -F 'to= +4512345678 ' -F 'text="Hello; \\"World\\""' --form-string 'from= ACME ' http://a.example.com/s"""


def test_form_text_is_read_as_curl_reads_it() -> None:
    """-F drops the blanks around its text and reads a "quoted" text whole; --form-string sends it as it is (the
    real curl binary agrees: the last test)."""
    fields = import_curl(FORM_TEXT, placeholders="none").config["parameters"]["fields"]
    assert fields == [{"key": "to", "value": "+4512345678"}, {"key": "text", "value": 'Hello; "World"'},
                      {"key": "from", "value": " ACME "}]


# (text, the error's class, exit code, line, column)
REFUSED = [
    ("curl --location '/v1/sms/send' -d to=1", CurlUsageError, 2, 1, 18),
    ('curl --data"to=4512345678&text=Hi" https://a.example.com/send', CurlUsageError, 2, 1, 13),
    ("curl --digest -u k:s 'https://a.example.com/send?to=1'", UnsupportedRequestError, 1, 1, 6),
    ("curl -F to=1 -F text=@msg.txt https://a.example.com/send", UnsupportedRequestError, 1, 1, 17),
    ("curl -F to=1 -d text=Hi https://a.example.com/send", CurlUsageError, 2, 1, 6),
    ("curl -F to=1 -F 'text=Hi;type=text/html' https://a.example.com/send", UnsupportedRequestError, 1, 1, 18),
    ("curl -G - /v1/sms -d to=1", CurlUsageError, 2, 1, 9),
    ("""curl https://a.example.com/s -H 'x-api-key: K'--data '{"to":"1"}'""", CurlUsageError, 2, 1, 47),
]


@pytest.mark.parametrize(("text", "error", "code", "line", "column"), REFUSED)
def test_what_the_form_cannot_do_is_refused_at_its_place(text: str, error: type[CurlportError], code: int,
                                                         line: int, column: int) -> None:
    with pytest.raises(error) as raised:
        import_curl(text)
    assert raised.value.exit_code == code
    assert raised.value.span is not None
    assert (raised.value.span.line, raised.value.span.column) == (line, column)


# ---- the refusals as classes: every fixture's URL without its host, every fixture's data option glued ------------

def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _refused_at(text: str) -> tuple[int, int]:
    """Where the import's usage error points (it must refuse with one)."""
    with pytest.raises(CurlUsageError) as raised:
        import_curl(text)
    span = raised.value.span
    assert span is not None
    return span.line, span.column


def _path_only() -> Iterator[tuple[str, str, int]]:
    """(stem, the fixture with its URL's scheme and host removed, the offset of the URL's path)."""
    for stem, (text, _) in FIXTURES.items():
        found = url_templates._base(text)
        if found is not None:
            _, start, end = found
            if text[end : end + 1] == "/":
                yield stem, text[:start] + text[end:], start


@pytest.mark.parametrize(("stem", "text", "offset"), list(_path_only()), ids=lambda v: v if isinstance(v, str) and
                         "\n" not in v and " " not in v else "")
def test_a_path_without_a_host_is_one_error_at_it(stem: str, text: str, offset: int) -> None:
    assert _refused_at(text) == _line_column(text, offset)


_DATA_OPTION = re.compile(r"(?<=\s)(--data|--data-raw|--data-urlencode) (['\"])")


def _glued() -> Iterator[tuple[str, str, int]]:
    """(stem, the fixture with its first long data option glued to its quoted value, the value's offset)."""
    for stem, (text, _) in FIXTURES.items():
        command = only_command(text)
        match = _DATA_OPTION.search(text, command.start) if command is not None and command.dialect == "bash" \
            else None
        if match is not None:
            yield stem, text[: match.end(1)] + text[match.end(1) + 1 :], match.end(1) + 1


#: A closing quote, the blanks (and a continuation) after it, and a long option: the blanks go.
_QUOTE_THEN_OPTION = re.compile(r"(?<=['\"])[ \t]*(?:\\\n)?[ \t]*(?=--([a-z][a-z0-9-]*))")


def _glued_after_quote() -> Iterator[tuple[str, str, int]]:
    """(stem, the fixture with the blanks between a closing quote and the long option after it removed, as a doc's
    typo does (``'x-api-key: KEY'--data``), the option's offset)."""
    for stem, (text, _) in FIXTURES.items():
        command = only_command(text)
        if command is None or command.dialect != "bash":
            continue
        for match in _QUOTE_THEN_OPTION.finditer(text, command.start, command.end):
            if match.end() > match.start() and quote_at(text, match.start()) == "" and match.group(1) in LONG_OPTIONS:
                yield stem, text[: match.start()] + text[match.end() :], match.start()
                break


_GLUED_AFTER_QUOTE = list(_glued_after_quote())


def test_an_option_glued_after_a_quote_is_an_error_at_the_option_in_many_fixtures() -> None:
    assert len(_GLUED_AFTER_QUOTE) >= 10


@pytest.mark.parametrize(("stem", "text", "offset"), _GLUED_AFTER_QUOTE, ids=[s for s, _, _ in _GLUED_AFTER_QUOTE])
def test_an_option_glued_after_a_quote_is_an_error_at_the_option(stem: str, text: str, offset: int) -> None:
    assert _refused_at(text) == _line_column(text, offset)


_GLUED = list(_glued())


def test_every_data_option_style_is_glued_somewhere() -> None:
    assert len(_GLUED) >= 10


@pytest.mark.parametrize(("stem", "text", "offset"), _GLUED, ids=[stem for stem, _, _ in _GLUED])
def test_an_option_glued_to_its_value_is_an_error_at_the_value(stem: str, text: str, offset: int) -> None:
    """At the value's first character (after its opening quote), where the space is missing."""
    assert _refused_at(text) == _line_column(text, offset)


# ---- each generated variant says what it changed, where --------------------------------------------------------

def _variants(generate: Any) -> list[Variant]:
    return [variant for stem, (text, expected) in FIXTURES.items() for variant in generate(stem, text, expected)]


@pytest.mark.parametrize("variant", _variants(approximated.form_variants), ids=lambda v: v.case)
def test_form_fields_say_cp025_at_the_first_form_option(variant: Variant) -> None:
    line = next(i for i, text in enumerate(variant.text.splitlines(), 1) if text.lstrip().startswith(("-F", "--form")))
    column = variant.text.splitlines()[line - 1].index("-") + 1
    findings = import_curl(variant.text).findings
    assert [(f.code, f.span.line, f.span.column) for f in findings if f.code == "CP025" and f.span] == [
        ("CP025", line, column)]


@pytest.mark.parametrize("variant", _variants(approximated.anyauth_variants), ids=lambda v: v.case)
def test_anyauth_says_cp025_at_the_option(variant: Variant) -> None:
    line, column = _line_column(variant.text, variant.text.index("--anyauth"))
    findings = import_curl(variant.text).findings
    assert [(f.code, f.span.line, f.span.column) for f in findings if f.code == "CP025" and f.span] == [
        ("CP025", line, column)]


@pytest.mark.parametrize("variant", _variants(pasted_url.variants), ids=lambda v: v.case)
def test_a_pasted_url_with_spaces_says_so_at_the_first(variant: Variant) -> None:
    column = variant.text.index(" ", variant.text.index("://")) + 1
    findings = import_curl(variant.text).findings
    assert ("CP001", 1, column) in {(f.code, f.span.line, f.span.column) for f in findings if f.span}


@pytest.mark.parametrize("variant", _variants(url_templates.host_variants), ids=lambda v: v.case)
def test_a_template_host_is_flagged_at_the_host(variant: Variant) -> None:
    line, column = _line_column(variant.text, variant.text.index("://", variant.text.index("http")) + 3)
    result = import_curl(variant.text, placeholders="none")
    assert ("CP401", line, column) in {(f.code, f.span.line, f.span.column) for f in check_import(result) if f.span}


# ---- a template host and port as a space -----------------------------------------------------------------------

_TOKENS = st.sampled_from(["{{%s}}", "{%s}", "<%s>", "$%s", "${%s}", "[%s]"])
_NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,11}", fullmatch=True)


@settings(max_examples=80, deadline=None)
@given(host=_TOKENS, host_name=_NAMES, port=st.one_of(_TOKENS, st.sampled_from(["xxxx", "PORT", "port", "****"])),
       port_name=_NAMES)
def test_any_template_host_and_port_is_kept_and_flagged_at_each(host: str, host_name: str, port: str,
                                                                 port_name: str) -> None:
    written_host, written_port = host % host_name, port % port_name if "%s" in port else port
    text = f"curl 'http://{written_host}:{written_port}/send?to=4512345678&text=Hello'"
    result = import_curl(text, placeholders="none")
    assert result.config["endpoint"].startswith(f"http://{written_host}:{written_port}/send?")
    flagged = {(f.span.line, f.span.column) for f in check_import(result) if f.code == "CP401" and f.span}
    assert {(1, 14), (1, 15 + len(written_host))} <= flagged


# ---- the real curl binary: -F's text fields are the config's form fields ------------------------------------------

@pytest.mark.skipif(shutil.which("curl") is None, reason="the curl binary is not installed")
@pytest.mark.parametrize("variant", _variants(approximated.form_variants), ids=lambda v: v.case)
def test_real_curl_sends_the_fields_of_the_config(proxy: CaptureProxy, variant: Variant) -> None:
    """curl sends multipart/form-data; its parts are the config's fields, in order (the difference CP025 says)."""
    config = import_curl(variant.text, placeholders="none").config
    _assert_same_request(config, proxy.run_curl(_curl_argv(variant.text)))


@pytest.mark.skipif(shutil.which("curl") is None, reason="the curl binary is not installed")
def test_real_curl_reads_form_text_as_the_import_does(proxy: CaptureProxy) -> None:
    _assert_same_request(import_curl(FORM_TEXT, placeholders="none").config, proxy.run_curl(_curl_argv(FORM_TEXT)))
