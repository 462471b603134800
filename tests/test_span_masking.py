"""Masking by what the readers know: a JSON literal's offsets, Basic credentials, template hosts, repeated members."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner
from fixture_cases import CONFIG_DIR

from curlport import import_curl
from curlport.cli import main
from curlport.credentials import json_text_spellings
from curlport.hosts import host_reach
from curlport.json_positions import (
    StringOffsets,
    _member_count,
    _names_written,
    parse_with_positions,
    repeated_members,
)
from curlport.lint.runner import lint_text
from curlport.media_types import decode_basic_credentials
from curlport.secrets import learn_config_secrets
from curlport.source import Source
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


def test_a_secret_a_literal_spells_with_an_escaped_pair_is_masked_at_its_span() -> None:
    text = '{"auth": {"type": "basic", "username": "u", "password": "' + _WRITTEN + '"}}'
    source = Source(text)
    learn_config_secrets(source, json.loads(text), parse_with_positions(text)[1])
    assert source.shown_line(1) == text.replace(_WRITTEN, "*" * len(_WRITTEN))
    assert _PASSWORD in source.secrets  # a message quotes the value, not the literal
    assert _WRITTEN in json_text_spellings(text + " oops")  # a text that does not parse: by the lexer's spellings


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


_CONFIG = ('{{"name": "acme", "method": "GET",{method}\n "endpoint": "https://api.acme.example/send?to=$$To&text=$$Body",\n'
           ' "auth": null, "headers": [{{"key": "X-Api-Key", "value": "Ws4Ed7Rf1Tg8Yh5U"{value}}}],\n'
           ' "parameters": null}}\n')


def _lint(text: str) -> list[tuple[str, int, int]]:
    report = lint_text(text.encode(), "c.json")
    return [(finding.code, finding.span.line, finding.span.column) for finding in report.findings if finding.span]


@pytest.mark.parametrize(("method", "value", "expected"), [
    ("", "", []),
    (' "method": "POST",', "", [("CP027", 1, 35)]),  # the second name, where a reader's choice begins
    (' "method": "GET",', "", [("CP028", 1, 35)]),  # the same value: harmless today, a trap at the next edit
    ("", ', "value": "Zq9xWv2Lk3Jh7Gf"', [("CP027", 3, 78)]),  # in a header's row
    (' "name": "a\\": b",', "", [("CP027", 1, 35)]),  # a value with an escaped quote before a colon
])
def test_a_member_its_object_repeats_is_found_at_its_second_name(method: str, value: str,
                                                                   expected: list[tuple[str, int, int]]) -> None:
    assert _lint(_CONFIG.format(method=method, value=value)) == expected


def test_a_text_without_a_repeat_is_not_read_twice() -> None:
    text = '{"a": "b\\": c", "d": {"e": [1, {"f": 2}]}}'
    assert repeated_members(text, json.loads(text)) == []


def test_the_value_a_repeat_drops_is_masked_too() -> None:
    """json.loads keeps the last value; the first is still in the text a finding shows."""
    result = CliRunner().invoke(main, ["lint", "--isolated", "-"], input=_CONFIG.format(
        method="", value=', "value": "Zq9xWv2Lk3Jh7Gf"'))
    assert "Ws4Ed7Rf1Tg8Yh5U" not in result.output and "Zq9xWv2Lk3Jh7Gf" not in result.output
    assert "CP027" in result.output


def test_the_quick_count_of_written_names_never_misses_a_repeat() -> None:
    """The second reading is skipped when the text writes no more names than the value holds: the count is never
    below the names (a name or a string ending in backslashes, an escaped quote before a colon, as in a JSON body in
    a string, a string that starts with a colon), so a repeat is always read."""
    rng = random.Random(5)
    pieces = ["a", '"', "\\", ":", " ", "\\\\", '\\"', "{", "é"]

    def document(depth: int) -> object:
        if depth > 3 or rng.random() < 0.3:
            return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        if rng.random() < 0.5:
            return [document(depth + 1) for _ in range(rng.randint(0, 3))]
        return {"".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))): document(depth + 1)
                for _ in range(rng.randint(0, 4))}

    for _ in range(400):
        value = {"zz": document(0)}
        for indent in (None, 1):
            text = json.dumps(value, indent=indent, ensure_ascii=False)
            assert _names_written(text) >= _member_count(value)
            assert repeated_members(text, value) == []
            repeated = text[:-1] + ', "zz": 0}'
            assert [member.pointer for member in repeated_members(repeated, json.loads(repeated))] == ["/zz"]


def test_the_quick_count_is_exact_on_every_config_fixture() -> None:
    """Tight, too: a config without a repeat (its JSON body in a string included) is not read a second time."""
    for path in sorted(CONFIG_DIR.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert _names_written(text) == _member_count(json.loads(text)), path.name
