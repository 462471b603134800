"""Detection on weak evidence (issue 19's detection-side classes), on texts written for these tests with their expected
answers written first: cryptic keys and zero- or x-filled numbers, the value left over once the other placeholder is
placed, a default beside a bulk body's records, an OTP code as the message's candidate, CP208 on values that are no
URL, and detect_report on a folder with texts it cannot read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fixture_cases import CONFIG_DIR, CURL_DIR

from curlport.config.detect import detect
from curlport.detect_report import main as report_main
from curlport.importer import import_curl
from curlport.rules import run_rules
from curlport.variants import bulk, keys, templates
from curlport.variants.base import fixtures


def _import(text: str) -> Any:
    return import_curl(text, name="case", source_name="case.curl")


def _places(text: str) -> tuple[str, str]:
    """What detection concludes for each placeholder: ``found <place>``, ``ask <place>, <place>`` or ``none``."""
    detection = detect(import_curl(text, name="case", placeholders="none").config)
    described = []
    for decision in detection.decisions:
        if decision.outcome == "found" and decision.slot is not None:
            described.append(f"found {decision.slot.place}")
        elif decision.outcome == "ask":
            described.append("ask " + ", ".join(str(c.slot.place) for c in decision.candidates))
        else:
            described.append(decision.outcome)
    return described[0], described[1]


def _at(text: str, fragment: str, occurrence: int = 0) -> tuple[int, int]:
    """(line, column), 1-based, of a fragment of a one-line text."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return 1, start + 1


def _findings(text: str, *codes: str) -> list[tuple[str, int, int]]:
    return [(f.code, f.span.line, f.span.column) for f in _import(text).findings if f.code in codes and f.span]


# ------------------------------------------------------------------------------------- class 1: cryptic keys

CRYPTIC = [
    # (text, recipient, message): a gateway's abbreviations, a zero-filled number, SMPP's da/sm
    ("curl 'https://gw.example.co.id/api/push?uid=xx&pwd=xx&dst=0000000000&txt=Hello+from+the+gateway&type=0'",
     "found query:dst", "found query:txt"),
    ("curl -d 'user=demo&pass=xxxx&mob=+8800000000000&sm=Meeting+moved+to+3pm' https://bulk.example.com.bd/send",
     "found form:mob", "found form:sm"),
    ("curl 'https://gw.example.net/submit?spid=xx&das=xx&sm=x'", "found query:das", "found query:sm"),
    # one-letter keys: the variable names decide, SMS_ only says which channel
    ("curl 'https://gw.example.fi/send?u=${SMS_USERNAME}&k=${SMS_PASSWORD}&r=${SMS_PHONE}&m=${template}'",
     "found query:r", "found query:m"),
    # an API version that is a date is no phone number (it made every weak recipient an ask)
    ("curl -X POST https://api.example.com/2010-04-01/Messages -d 'da=xxxxxxxxxx' -d 'Body=Hello there'",
     "found form:da", "found form:Body"),
    # what is left once the message is placed and every other name excludes its value
    ("curl 'https://sms.example.net/push?apikey=<>&sender=<>&body=<>&who=<>'", "found query:who", "found query:body"),
    ("curl 'https://sms.example.net/push?apikey=<>&body=<>&who=<>&where=<>'", "ask query:who, query:where",
     "found query:body"),
    # a script's arguments stand for the values it is called with
    ("curl -s \"http://192.168.0.1/goform/set?isTest=false&Number=$1&sms_time=$current_time&MessageBody=$2&ID=-1\"",
     "found query:Number", "found query:MessageBody"),
    # a message-length flag is not the recipient
    ("curl 'https://sms.example.net/push?key=<>&text=<>&concat=<>&list=<>'", "found query:list", "found query:text"),
]


@pytest.mark.parametrize(("text", "recipient", "message"), CRYPTIC)
def test_cryptic_keys_and_weak_values_are_placed_by_evidence(text: str, recipient: str, message: str) -> None:
    assert _places(text) == (recipient, message)


def test_a_placement_by_elimination_says_how_sure() -> None:
    text = CRYPTIC[5][0]
    assert _findings(text, "CP020", "CP021", "CP101") == [
        ("CP020", *_at(text, "<>", 3)), ("CP020", *_at(text, "<>", 2))]
    unsure = [f.message for f in _import(text).findings if f.code == "CP020" and "$$To" in f.message]
    assert len(unsure) == 1 and "--to" in unsure[0]


def test_two_values_left_over_are_one_ask_at_the_first() -> None:
    text = CRYPTIC[6][0]
    assert _findings(text, "CP020", "CP021") == [("CP020", *_at(text, "<>", 1)), ("CP021", *_at(text, "<>", 2))]


def test_a_zero_filled_number_is_replaced_and_the_sender_left() -> None:
    text = "curl 'http://gw.example.com.bd:8901/sendsms.jsp?user=u1&password=p1&mobiles=0000000&sms=test&senderid=01844016400'"
    result = _import(text)
    assert "mobiles=$$To" in result.config["endpoint"] and "senderid=01844016400" in result.config["endpoint"]
    assert _findings(text, "CP020", "CP101") == [("CP020", *_at(text, "0000000&")), ("CP020", *_at(text, "test"))]


# ------------------------------------------------------------------------------ class 2: default and record

DEFAULTED = ("curl https://api.example.in/v2/send/json -H 'Content-Type: application/json' -d '{\"defaults\": "
             "{\"text\": \"Fallback text\", \"sender\": \"ACMEIN\"}, \"sms\": [{\"mobile\": \"919812345678\", "
             "\"text\": \"Hello Asha\"}, {\"mobile\": \"919812345679\"}]}'")


def test_the_first_records_own_field_wins_over_the_default() -> None:
    assert _places(DEFAULTED) == ("found json:sms.0.mobile", "found json:sms.0.text")
    result = _import(DEFAULTED)
    assert json.loads(result.config["parameters"]["body"]) == {
        "defaults": {"text": "Fallback text", "sender": "ACMEIN"}, "sms": [{"mobile": "$$To", "text": "$$Body"}]}
    assert _findings(DEFAULTED, "CP020", "CP021", "CP024") == [
        ("CP020", *_at(DEFAULTED, '"919812345678"')), ("CP020", *_at(DEFAULTED, '"Hello Asha"')),
        ("CP024", *_at(DEFAULTED, "{\"mobile\": \"919812345679\""))]


def test_the_default_is_the_place_when_the_first_record_has_no_field() -> None:
    text = DEFAULTED.replace(', "text": "Hello Asha"}, {"mobile": "919812345679"}',
                             '}, {"mobile": "919812345679", "text": "Hello Ravi"}')
    assert _places(text) == ("found json:sms.0.mobile", "found json:defaults.text")


def test_an_empty_field_in_the_first_record_beside_a_default_is_asked_about() -> None:
    text = DEFAULTED.replace('"Hello Asha"', '""')
    assert _places(text) == ("found json:sms.0.mobile", "ask json:defaults.text, json:sms.0.text")
    assert _findings(text, "CP021") == [("CP021", *_at(text, '"Fallback text"'))]


# ------------------------------------------------------------------------------------ class 3: OTP templates

OTP = "curl 'https://api.example.in/otp/send?authkey=abc123def456&mobile=919812345678&otp=482913'"


def test_an_otp_code_is_asked_about_as_the_message() -> None:
    assert _places(OTP) == ("found query:mobile", "ask query:otp")
    assert _findings(OTP, "CP020", "CP021", "CP102") == [
        ("CP020", *_at(OTP, "919812345678")), ("CP021", *_at(OTP, "482913"))]


def test_an_otp_code_in_the_path_is_asked_about() -> None:
    text = "curl 'https://otp.example.in/API/V1/KEY-123/SMS/+919812345678/482913/LOGIN_OTP'"
    assert _places(text) == ("found path:4", "ask path:5")


def test_a_verification_endpoints_code_is_asked_about() -> None:
    text = ("curl -X POST https://api.example.com/v1/verify/send -H 'Content-Type: application/json' "
            "-d '{\"phone\": \"+15551234567\", \"code\": \"4821\", \"template\": \"login\"}'")
    assert _places(text) == ("found json:phone", "ask json:code")


def test_without_an_otp_word_a_code_is_no_candidate() -> None:
    text = "curl 'https://api.example.com/v1/send?phone=%2B15551234567&code=4821'"
    assert _places(text) == ("found query:phone", "none")


def test_a_real_text_beside_the_code_is_the_message() -> None:
    text = OTP.replace("&otp=482913", "&otp=482913&message=Your+code+is+482913")
    assert _places(text) == ("found query:mobile", "found query:message")


# ---------------------------------------------------------------------- the classes generated from every fixture

FIXTURES = list(fixtures(CURL_DIR))


@pytest.mark.parametrize(("generate", "least"), [(keys.variants, 3000), (templates.otp_variants, 250),
                                                 (bulk.default_variants, 30)])
def test_each_new_class_is_generated_from_the_fixtures(generate: Any, least: int) -> None:
    """The classes themselves are judged (>= 98 % found, 0 wrong) with every class in test_variants_detect."""
    assert sum(1 for stem, text, expected in FIXTURES for _ in generate(stem, text, expected)) >= least


# ------------------------------------------------------------------------------------------------------ CP208


def _provider_configs() -> list[tuple[str, dict[str, Any]]]:
    configs = []
    for path in sorted(CONFIG_DIR.glob("*.json")):
        if path.name.endswith((".findings.json", ".lint.json")):
            continue
        config = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(config, dict) and isinstance(config.get("endpoint"), str) and "#" not in config["endpoint"]:
            configs.append((path.stem, config))
    return configs


def _cp208(config: dict[str, Any]) -> int:
    return len(run_rules(config, frozenset({"CP208"})))


PROVIDER_CONFIGS = _provider_configs()


@pytest.mark.parametrize(("stem", "config"), PROVIDER_CONFIGS, ids=[stem for stem, _ in PROVIDER_CONFIGS])
def test_cp208_needs_a_url_in_the_callback_field_on_every_fixture(stem: str, config: dict[str, Any]) -> None:
    """Both directions: a status filter under a callback name adds nothing, a URL under it adds one finding."""
    before = _cp208(config)
    joiner = "&" if "?" in config["endpoint"] else "?"
    for value, added in (("sent", 0), ("true", 0), ("https%3A%2F%2Fexample.com%2Fdlr", 1), ("%7B%7Bcallback%7D%7D", 1)):
        changed = {**config, "endpoint": f"{config['endpoint']}{joiner}statusCallback={value}"}
        assert _cp208(changed) == before + added, (stem, value)


def test_cp208_is_silent_on_unifonics_status_filter() -> None:
    text = (Path(CURL_DIR).parent / "blind" / "unifonic-sendbulk-query.curl").read_text(encoding="utf-8")
    assert [f for f in _import(text).findings if f.code == "CP208"] == []


# ------------------------------------------------------------------------------------- detect_report's folder


def _case(folder: Path, stem: str, text: bytes, places: str = 'to = "query:to"\nbody = "query:text"\n') -> None:
    (folder / f"{stem}.curl").write_bytes(text)
    (folder / f"{stem}.places.toml").write_text(places, encoding="utf-8")


def test_the_report_goes_on_past_texts_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _case(tmp_path, "a-utf16", "curl https://x.example/s?to=447700900123&text=Hi+there".encode("utf-16"))
    # a file part stays refused (text-only -F fields import as form fields, CP025)
    _case(tmp_path, "b-multipart", b"curl -F to=447700900123 -F 'text=Hi there' -F file=@a.txt https://x.example/s")
    _case(tmp_path, "c-good", b"curl 'https://x.example/s?to=447700900123&text=Hi+there'")
    assert report_main([str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    missed = [line.split()[:3] for line in lines if line.startswith("missed")]
    assert missed == [["missed", "a-utf16", "recipient"], ["missed", "a-utf16", "message"],
                      ["missed", "b-multipart", "recipient"], ["missed", "b-multipart", "message"]]
    assert all("not read: " in line for line in lines if line.startswith("missed"))
    assert lines[-1].startswith("3 cases, 6 placeholders: 2 found")


def test_a_places_file_that_is_not_toml_is_no_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _case(tmp_path, "broken", b"curl 'https://x.example/s?to=447700900123&text=Hi+there'", 'to = "query:to\n')
    assert report_main([str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1 and "broken.places.toml" in captured.err


def test_the_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        report_main(["--help"])
    assert exited.value.code == 0
    help_text = capsys.readouterr().out
    assert all(f"  {code}  " in help_text for code in (0, 1, 2))
