"""Masking by what the readers know: a JSON literal's offsets, Basic credentials, template hosts, repeated members."""

from __future__ import annotations

import json

import pytest

from curlport import import_curl
from curlport.credentials import config_text_spellings, json_text_spellings
from curlport.hosts import host_reach
from curlport.json_positions import StringOffsets
from curlport.media_types import decode_basic_credentials
from curlport.urls import is_template_host

# A password with an emoji, written as PHP's json_encode and ASCII-only writers write it: the emoji as an escaped
# surrogate pair, one letter escaped too (so no spelling made from the value alone is the literal's).
_PASSWORD = "k3y\U0001F600Zq9xWv2"
_WRITTEN = "k3y\\ud83d\\ude00\\u005aq9xWv2"


def test_an_escaped_surrogate_pair_is_one_character_of_the_literal() -> None:
    text = '"a\\ud800b\\ud83d\\ude00c"'
    literal = StringOffsets(text, 0)
    assert literal.value == "a\ud800b\U0001F600c"
    assert [literal.offset(i) for i in range(len(literal.value) + 1)] == [1, 2, 8, 9, 21, 22]


def test_a_raw_control_character_is_read_as_the_masking_reader_reads_it() -> None:
    literal = StringOffsets('"a\tb\\u0041"', 0)
    assert literal.value == "a\tbA"
    assert literal.offset(3) == 4


def test_a_secret_a_literal_spells_with_an_escaped_pair_is_masked_as_written() -> None:
    text = '{"auth": {"type": "basic", "username": "u", "password": "' + _WRITTEN + '"}}'
    assert _WRITTEN in config_text_spellings(text, json.loads(text))
    assert _WRITTEN in json_text_spellings(text + " oops")


def test_a_secret_in_a_literal_with_a_raw_tab_is_found_in_a_text_that_does_not_parse() -> None:
    text = '{"password": "ab\tcd\\u0041XYZ12", oops'
    assert "ab\tcd\\u0041XYZ12" in json_text_spellings(text)


@pytest.mark.parametrize(("value", "decoded"), [
    ("Basic dXNlcjpwYXNz", ("user", "pass")),
    ("basic\tdXNlcjpwYXNz", ("user", "pass")),
    ("Basic dXNlcjo=", ("user", "")),  # user: -- an empty password
    ("Basic dXNlcg==", None),  # user -- no colon: no pair the auth fields can hold
    ("Basic not base64!", None),
    ("Bearer dXNlcjpwYXNz", None),
])
def test_one_decoder_tells_a_missing_colon_from_an_empty_password(value: str, decoded: tuple[str, str] | None) -> None:
    assert decode_basic_credentials(value) == decoded


def test_a_basic_header_without_a_colon_stays_a_header_on_import() -> None:
    """The auth fields would send ``user:``, which is another header than the ``user`` the docs send."""
    result = import_curl("curl https://sms.example.com/send -H 'Authorization: Basic dXNlcg==' -d to=$$To -d "
                         "'text=$$Body'")
    assert result.config["auth"] is None
    assert {"key": "Authorization", "value": "Basic dXNlcg=="} in result.config["headers"]


@pytest.mark.parametrize(("host", "template"), [
    ("yourserver", True), ("YourServer", True), ("apiurl", True), ("base-url", True), ("yourgateway", True),
    ("gatewayip", True), ("your_server", True), ("IP", True),
    ("monkey", False), ("hostel", False), ("localhost", False), ("server", False), ("smsgateway", False),
])
def test_a_dotless_host_glued_of_words_that_say_your_server_is_a_template(host: str, template: bool) -> None:
    assert is_template_host(host) is template
    assert (host_reach(host) is None) is template  # a template is CP401's, never a stand-in nor a local host
