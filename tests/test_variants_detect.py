"""Detection on whole classes of text, generated from every provider fixture (``curlport.variants``): the same places
as the fixture, and, where the class changes only what the placeholders replace or what the import drops, the
fixture's own config."""

from __future__ import annotations

import contextlib
import json
from functools import cache
from typing import Any

import pytest
from fixture_cases import CURL_DIR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curlport.config.detect.signals import Hints, role_phrase, shape, template_words
from curlport.detect_report import verdicts_of
from curlport.lint.placed import check_import
from curlport.variants import CLASSES, Variant
from curlport.variants.base import fixtures, imported
from curlport.variants.phrases import MESSAGE_PHRASES, RECIPIENT_PHRASES
from curlport.variants.templates import CASES, STYLES, rewrite, styled

FIXTURES = list(fixtures(CURL_DIR))


@cache
def variants_of(klass: str) -> list[Variant]:
    """The class's variants of every fixture, made when a test first needs them (not at collection, which every
    xdist worker repeats: making them all is most of the suite's collection)."""
    return [variant for stem, text, expected in FIXTURES for variant in CLASSES[klass](stem, text, expected)]


#: The share of a class's placeholders that must be found (the rest may be honest asks, never wrong places).
TARGET = 0.98


@cache
def _fixture_config(stem: str) -> dict[str, Any]:
    """The fixture's config as ``_comparable`` reads it (kept, not the import: no import result outlives a test)."""
    text = next(text for name, text, _ in FIXTURES if name == stem)
    result = imported(text)
    assert result is not None
    return _comparable(result.config)


def _comparable(config: dict[str, Any]) -> dict[str, Any]:
    """A config with its JSON body read (a generated body is laid out anew; what it says must be the same); a body
    that is not JSON (a mislabelled fixture's) is compared as written."""
    parameters = dict(config.get("parameters") or {})
    if parameters.get("format") == "json":
        with contextlib.suppress(ValueError):
            parameters["body"] = json.loads(parameters["body"])
    return {**config, "name": None, "parameters": parameters}


def test_every_fixture_with_places_is_rewritten_into_each_class() -> None:
    placed = {stem for stem, _, expected in FIXTURES if expected.get("to", "ask") != "ask"}
    assert {variant.case.partition("/")[0] for variant in variants_of("template-token")} == placed
    assert len({variant.case.partition("/")[0] for variant in variants_of("bulk")}) >= 40
    assert len(variants_of("template-token")) >= 2000
    assert {variant.case.partition("/")[0] for variant in variants_of("role-phrase")} == placed
    assert len({variant.case.partition("/")[0] for variant in variants_of("path-recipient")}) >= 10


@pytest.mark.parametrize("klass", list(CLASSES))
def test_each_class_is_placed_and_never_wrong(klass: str) -> None:
    verdicts = [verdict for variant in variants_of(klass)
                for verdict in verdicts_of(variant.case, variant.text, variant.expected)]
    assert [verdict for verdict in verdicts if verdict.verdict == "wrong"] == []
    found = sum(verdict.verdict == "found" for verdict in verdicts)
    assert found >= TARGET * len(verdicts), [v for v in verdicts if v.verdict != "found"][:10]


@pytest.mark.parametrize(("klass", "stem"), [(klass, stem) for klass in CLASSES for stem, _, _ in FIXTURES])
def test_a_variant_gives_the_fixtures_config(klass: str, stem: str) -> None:
    """Once the placeholders are written (and a bulk sample's extra records dropped) the config is the fixture's.
    (A variant whose places are not all found is the rate's business, above.)"""
    variants = [v for v in variants_of(klass) if v.case.startswith(stem + "/") and v.expected.get("same_config")
                and all(verdict.verdict == "found" for verdict in verdicts_of(v.case, v.text, v.expected))]
    wanted = _fixture_config(stem)
    for variant in variants:
        result = imported(variant.text)
        assert result is not None and _comparable(result.config) == wanted, variant.case


def test_template_tokens_are_never_called_values_to_fill_in() -> None:
    """CP401 says nothing at the recipient's or the message's token: it is where a placeholder goes."""
    for variant in variants_of("template-token")[::7]:
        result = imported(variant.text)
        assert result is not None
        placed = {item.span for item in result.substitutions}
        assert [f for f in check_import(result) if f.code == "CP401" and f.span in placed] == [], variant.case


def test_bulk_records_are_dropped_and_counted_at_the_dropped_text() -> None:
    text = ("""curl https://api.example.com/sms --json '{"messages": [{"to": "+447700900123", "text": "Hi one"}, """
            """{"to": "+447700900456", "text": "Hi two"}, {"to": "+447700900789", "text": "Hi 3"}]}'""")
    result = imported(text)
    assert result is not None
    assert json.loads(result.config["parameters"]["body"]) == {"messages": [{"to": "$$To", "text": "$$Body"}]}
    assert [(f.code, f.span.line, f.span.column) for f in result.findings if f.code == "CP024" and f.span] == [
        ("CP024", 1, 99)]
    assert [(trim.array, trim.dropped) for trim in result.dropped] == [("messages", 2)]
    batched = imported(text, batching=("messages", 500))
    assert batched is not None and [f.code for f in check_import(batched) if f.code.startswith("CP3")] == []


@pytest.mark.parametrize("token", [
    "<TO_NUMBER>", "{to}", "{{recipient}}", "${PHONE}", "$PHONE", "%p", "!TO!", "@@recipient@@", "[MOBILE]",
    "TO_NUMBER", "YOUR_NUMBER", "string", "<string>", "xxxxx", "*****", "YourAuthorizationTokenHere", "your_api_key",
    "<authkey>", "AUTH_ID:AUTH_TOKEN", "Destination number", "mobile number here", "Your message here",
    "<message registered with DLT>", "MESSAGE_TEXT"])
def test_template_words_knows_every_style(token: str) -> None:
    assert template_words(token) is not None


@pytest.mark.parametrize("value", ["+447700900123", "Hello world", "Test message", "abc123def", "Bring a sweater",
                                   "919876543210,919876543211", "OTP1", "sms", "https://example.com/x"])
def test_template_words_leaves_real_values_alone(value: str) -> None:
    assert template_words(value) is None


_RECIPIENT_NAMES = [("to",), ("to", "number"), ("mobile",), ("phone", "number"), ("recipient",), ("msisdn",),
                    ("destination",), ("mobile", "no"), ("receiver",), ("cell", "phone"), ("numero",), ("telefono",),
                    ("recipient", "phone"), ("dest", "addr")]
_MESSAGE_NAMES = [("message",), ("text",), ("body",), ("sms", "text"), ("content",), ("msg",), ("mensaje",),
                  ("nachricht",), ("message", "text"), ("sms", "body")]
_PLACED = [(stem, expected) for stem, _, expected in FIXTURES
           if expected.get("to", "ask") != "ask" and expected.get("body", "ask") != "ask"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fixture=st.sampled_from(_PLACED), roles=st.sampled_from([("to",), ("body",), ("to", "body")]),
       style=st.sampled_from(sorted(STYLES)), case=st.sampled_from(CASES),
       to_name=st.sampled_from(_RECIPIENT_NAMES), body_name=st.sampled_from(_MESSAGE_NAMES))
def test_any_template_style_of_a_role_name_is_placed(fixture: tuple[str, dict[str, Any]], roles: tuple[str, ...],
                                                    style: str, case: str, to_name: tuple[str, ...],
                                                    body_name: tuple[str, ...]) -> None:
    """The space of the class: each style, by each way of naming the role, by its letter case, by
    which roles."""
    stem, expected = fixture
    names = {"to": to_name, "body": body_name}
    tokens = {role: styled(style, names[role], case) for role in roles}
    text = next(text for name, text, _ in FIXTURES if name == stem)
    plain = imported(text, placeholders="none")
    assert plain is not None
    rewritten = rewrite(text, plain, expected, tokens)
    if rewritten is None:  # the fixture does not hold this sample verbatim: not a text of the class
        return
    verdicts = verdicts_of(stem, rewritten, expected)
    assert [(v.role, v.verdict) for v in verdicts if v.verdict != "found"] == [], (tokens, verdicts)


def test_numbered_records_place_in_the_first_and_drop_the_others() -> None:
    """to1/text1, to2/text2: records numbered by their names; VAR1/VAR2 alone are one template's variables (msg91)."""
    result = imported("curl 'https://h.example/send?key=abc&to1=447700900123&text1=Hi+one&to2=447700900456&text2=Hi+two'")
    assert result is not None
    assert result.config["endpoint"] == "https://h.example/send?key=abc&to1=$$To&text1=$$Body"
    assert [(f.code, f.span.line, f.span.column) for f in result.findings if f.code == "CP024" and f.span] == [
        ("CP024", 1, 67)]


def test_records_in_form_fields_drop_their_rows() -> None:
    text = ("curl https://h.example/send -d 'sms[0][to]=447700900123' -d 'sms[0][text]=Hi one' "
            "-d 'sms[1][to]=447700900456' -d 'sms[1][text]=Hi two'")
    result = imported(text)
    assert result is not None
    assert result.config["parameters"]["fields"] == [{"key": "sms[0][to]", "value": "$$To"},
                                                     {"key": "sms[0][text]", "value": "$$Body"}]
    assert [(f.code, f.span.line, f.span.column) for f in result.findings if f.code == "CP024" and f.span] == [
        ("CP024", 1, 87)]


def test_a_bulk_body_with_trailing_commas_is_read_and_trimmed_as_placed() -> None:
    text = ("""curl https://h.example/send -H 'Content-Type: application/json' -d '{"messages": [{"to": """
            """"+447700900123", "text": "Hi one",}, {"to": "+447700900456", "text": "Hi two"},],}'""")
    result = imported(text)
    assert result is not None
    assert result.config["parameters"]["body"] == '{"messages": [{"to": "$$To", "text": "$$Body",},],}'
    assert [(f.code, f.span.line, f.span.column) for f in result.findings if f.code == "CP024" and f.span] == [
        ("CP024", 1, 127)]


def test_every_bulk_variant_renders_one_record() -> None:
    """Whatever the bulk shape, the imported config carries the first record only (no second number left)."""
    for variant in variants_of("bulk"):
        result = imported(variant.text)
        assert result is not None
        if "/numbers-" not in variant.case:  # a list of numbers in one value is one $$To, nothing to drop
            assert result.dropped, variant.case
        text = json.dumps(result.config)
        assert not any(marker in text for marker in ("(second)", "2=", "[1]")), variant.case


@pytest.mark.parametrize(("phrase", "recipient"), [
    *[(phrase, True) for phrase in RECIPIENT_PHRASES if " " in phrase.strip()],
    *[(phrase, False) for phrase in MESSAGE_PHRASES]])
def test_a_phrase_naming_a_role_is_a_template_of_that_role(phrase: str, recipient: bool) -> None:
    read = shape(phrase, Hints())
    assert role_phrase(phrase) is not None
    assert (read.recipient, read.message) == ((4, -4) if recipient else (-4, 4))


@pytest.mark.parametrize("value", ["Test message", "Hello from the phone", "Call me at 5", "phone", "SMS",
                                   "URGENT MESSAGE", "HELLO WORLD MESSAGE", "Google voice phone number"])
def test_a_sample_message_is_not_a_role_phrase(value: str) -> None:
    assert role_phrase(value) is None


@pytest.mark.parametrize(("text", "endpoint"), [
    ("curl 'https://a.example/SMS/+919999999999/send' -d text=Hi", "https://a.example/SMS/$$To/send"),
    ("curl 'https://a.example/v1/sms/sim/$ICCID' -d text=Hi", "https://a.example/v1/sms/sim/$$To"),
    ("curl 'https://a.example/v1/sims/8944501234567890123/sms' -d text=Hi", "https://a.example/v1/sims/$$To/sms"),
    ("curl 'https://a.example/api/v1/devices/$DEVICEID/sendSMS' -d to=+447700900123 -d text=Hi",
     "https://a.example/api/v1/devices/$DEVICEID/sendSMS"),
    ("curl 'https://a.example/Accounts/AC0123456789abcdef/send/447700900123' -d text=Hi",
     "https://a.example/Accounts/AC0123456789abcdef/send/$$To")])
def test_a_recipient_in_the_path_is_placed_and_an_id_segment_never(text: str, endpoint: str) -> None:
    result = imported(text)
    assert result is not None and result.config["endpoint"] == endpoint


@pytest.mark.parametrize(("body", "to"), [
    ('{"text":"ye","param":[{"number":"10086"}]}', "10086"), ('{"mobile":"55555","message":"Hello there"}', "55555")])
def test_a_short_code_under_a_recipient_name_is_its_place(body: str, to: str) -> None:
    result = imported(f"curl https://a.example/send -H 'Content-Type: application/json' -d '{body}'")
    assert result is not None and to not in str(result.config["parameters"]) and "$$To" in str(result.config)


def test_a_short_code_under_no_recipient_name_is_not_placed() -> None:
    result = imported("curl https://a.example/send -d to=+447700900123 -d text=Hello+there -d count=10086")
    assert result is not None
    parameters = str(result.config["parameters"])
    assert "10086" in parameters and "+447700900123" not in parameters and "$$To" in parameters
