"""Detection of $$To and $$Body: the corpus of provider samples, places, substitutions, and the CLI around them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixture_cases import CURL_DIR, curl_cases

from curlport import CurlportError, decode_input, import_curl
from curlport.cli import main
from curlport.config.detect import UNSURE, detect, substitute
from curlport.config.detect.places import Place, PlaceSyntaxError, parse_place, slots_of
from curlport.detect_report import corpus, evaluate
from curlport.detect_report import main as report_main
from curlport.lint.placed import check_import

CORPUS = corpus(CURL_DIR)


def _import(text: str, **options: Any) -> Any:
    return import_curl(text, name="case", source_name="case.curl", **options)


def test_the_corpus_is_large() -> None:
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("curl_file", CORPUS, ids=[path.stem for path in CORPUS])
def test_no_wrong_substitution_in_the_corpus(curl_file: Path) -> None:
    """A wrong place is a failure; an ask where the answer was clear is a miss, counted by detect_report."""
    verdicts = evaluate(curl_file)
    assert verdicts, "a places file names at least one placeholder"
    assert [v for v in verdicts if v.verdict == "wrong"] == []


def test_the_report_counts_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert report_main([str(CURL_DIR)]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert f"{len(CORPUS)} cases" in summary and "0 wrong" in summary


@pytest.mark.parametrize("case", curl_cases())
def test_detection_changes_only_the_reported_places(case: str) -> None:
    """The second fidelity check: with detection on, the config is the --placeholders none one (which the real curl
    vouches for) with exactly the reported substitutions made, each over its sample's characters."""
    text = decode_input((CURL_DIR / f"{case}.curl").read_bytes())
    plain = _import(text, placeholders="none")
    detected = _import(text)
    assert substitute(plain.config, [*detected.substitutions, *detected.dropped]) == detected.config
    for item in detected.substitutions:
        assert item.placeholder in ("$$To", "$$Body") and item.span is not None
        if not any(c in item.place.name for c in "#:"):  # a field named text# has no place text that parses
            assert parse_place(str(item.place)) == item.place


@pytest.mark.parametrize("text", ["query:mobile", "form:To", "json:messages.0.destinations.0.to",
                                  "form:ToBinding#address", "header:X-To", "path:2", "phone_number"])
def test_places_print_as_they_parse(text: str) -> None:
    assert str(parse_place(text)) == text


@pytest.mark.parametrize("text", ["json:", "path:x", "header:A#b", "form:#a", "json:a..b", "", "a:b"])
def test_bad_places_are_refused(text: str) -> None:
    with pytest.raises(PlaceSyntaxError):
        parse_place(text)


def test_json_body_keeps_its_bytes_but_the_sample() -> None:
    body = '{\n  "to":   "+15551234567",\n\t"from": "+15557654321", "text": "Hi \\"you\\"" }'
    result = _import(f"curl https://h.example/send -H 'Content-Type: application/json' -d '{body}'")
    assert result.config["parameters"]["body"] == body.replace('"+15551234567"', '"$$To"').replace(
        '"Hi \\"you\\""', '"$$Body"')


def test_a_json_number_becomes_the_string_placeholder() -> None:
    result = _import("""curl https://h.example/send --json '{"mobile": 919876543210, "msg": "Hi there"}'""")
    assert result.config["parameters"]["body"] == '{"mobile": "$$To", "msg": "$$Body"}'
    placed = [f for f in result.findings if f.code == "CP020"]
    assert [(f.span.line, f.span.column) for f in placed if f.span] == [(1, 48), (1, 69)]
    assert "number" in placed[0].message


def test_a_list_of_numbers_becomes_one_placeholder() -> None:
    array = _import("""curl https://h.example/s --json '{"to": ["+447700900123", "+447700900456"], "text": "Hi"}'""")
    assert array.config["parameters"]["body"] == '{"to": ["$$To"], "text": "$$Body"}'
    listed = _import("curl 'https://h.example/s?numbers=919876543210,919876543211&message=Hello+there'")
    assert listed.config["endpoint"] == "https://h.example/s?numbers=$$To&message=$$Body"


def test_json_inside_a_form_field() -> None:
    result = _import("""curl https://notify.example/v1/Services/IS1/Notifications """
                     """--data-urlencode 'ToBinding={"binding_type":"sms","address":"+15555555555"}' -d Body=Hello""")
    fields = result.config["parameters"]["fields"]
    assert fields[0]["value"] == '{"binding_type":"sms","address":"$$To"}' and fields[1]["value"] == "$$Body"
    assert [str(s.place) for s in result.substitutions] == ["form:ToBinding#address", "form:Body"]


def test_the_sender_number_is_never_the_recipient() -> None:
    result = _import("curl https://h.example/send -d From=+15017122661 -d To=+15558675310 -d 'Body=Hi there'")
    assert [f["value"] for f in result.config["parameters"]["fields"]] == [" 15017122661", "$$To", "$$Body"]


def test_the_plus_curl_turns_into_a_space_is_noted_at_the_plus_only_where_it_stays() -> None:
    """A sample replaced by $$To takes its + with it; a fixed sender keeps it, and the provider reads a space."""
    result = _import('curl https://h.example/send -d "To=+919876543210" -d "Body=Hello there"')
    assert [f.code for f in result.findings if f.code == "CP023"] == []
    assert result.config["parameters"]["fields"][0]["value"] == "$$To"
    result = _import('curl "https://h.example/send?from=+15017122661" -d "To=+919876543210" -d "Body=Hi there"')
    assert [(f.code, f.span.line, f.span.column) for f in result.findings if f.code == "CP023" and f.span] == [
        ("CP023", 1, 35)]


def test_two_alike_candidates_ask_once_and_place_nothing() -> None:
    """One problem, one finding: the CP021 at the first candidate names both, and neither an import note nor CP402
    repeats it at the candidates."""
    text = "curl https://h.example/send -d a=+15551234567 -d b=+15557654321 -d 'text=hi there'"
    result = _import(text)
    assert "$$To" not in json.dumps(result.config)
    about_the_recipient = [(f.code, f.span.line, f.span.column) for f in check_import(result)
                           if f.code.startswith(("CP02", "CP4")) and f.span]
    assert about_the_recipient == [("CP021", 1, 34), ("CP020", 1, 74)]
    asked = next(f for f in result.findings if f.code == "CP021")
    assert "--to form:a (1:34" in asked.message and "--to form:b (1:52" in asked.message


def test_one_candidate_is_placed_not_asked() -> None:
    """A single place that may be the recipient is placed, and the note says it is not sure."""
    result = _import("curl https://h.example/send -d 'address=string' -d 'text=hi there'")
    assert [f["value"] for f in result.config["parameters"]["fields"]] == ["$$To", "$$Body"]
    placed = [(f.code, f.span.line, f.span.column) for f in result.findings if f.span]
    assert placed == [("CP020", 1, 41), ("CP020", 1, 58)]
    assert UNSURE in result.findings[0].message


def test_a_dlt_template_id_in_message_asks() -> None:
    result = _import("curl 'https://h.example/bulk?route=dlt&message=111111&variables_values=1234&numbers=9999999999'")
    assert "$$Body" not in result.config["endpoint"] and "numbers=$$To" in result.config["endpoint"]
    assert sorted(f.code for f in result.findings if f.code.startswith("CP02")) == ["CP020", "CP021"]


def test_user_places_win_and_unknown_places_stop() -> None:
    text = "curl https://h.example/send -d a=+15551234567 -d b=+15557654321 -d 'text=hi there'"
    chosen = _import(text, to="form:b")
    assert [f["value"] for f in chosen.config["parameters"]["fields"]] == [" 15551234567", "$$To", "$$Body"]
    with pytest.raises(CurlportError) as error:
        _import(text, to="query:nope")
    assert error.value.exit_code == 2 and "form:a, form:b" in error.value.message


def test_existing_placeholders_are_left_alone() -> None:
    text = """curl https://h.example/send --json '{"to": "$$To", "cc": "+15551234567", "text": "$$Body"}'"""
    result = _import(text)
    assert result.substitutions == () and '"cc": "+15551234567"' in result.config["parameters"]["body"]


def test_placeholders_none_is_todays_output() -> None:
    text = "curl https://h.example/send -d to=447700900123 -d 'text=Hello there'"
    result = _import(text, placeholders="none")
    assert [f["value"] for f in result.config["parameters"]["fields"]] == ["447700900123", "Hello there"]
    assert result.substitutions == () and not [f for f in result.findings if f.code.startswith("CP02")]


def test_every_slot_is_a_place_a_flag_can_name() -> None:
    config = _import("curl 'https://h.example/v1/sms/+15551234567?x=1' -H 'X-To: 1' --json '{\"a\": [{\"b\": 2}]}'",
                     placeholders="none").config
    places = {str(slot.place) for slot in slots_of(config)}
    assert {"path:0", "path:1", "path:2", "query:x", "header:X-To", "json:a.0.b"} <= places
    assert detect(config, to=Place("path", "2")).recipient.outcome == "chosen"


def _cli(*arguments: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(arguments), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_cli_ask_exits_1_with_the_flags() -> None:
    code, out, err = _cli("import", "-", stdin="curl https://h.example/s -d a=+15551234567 -d b=+15557654321 -d t=x")
    assert code == 1 and "CP021 error" in err and "--to form:a" in err and json.loads(out)["method"] == "POST"


def test_cli_unknown_place_exits_2_listing_the_places() -> None:
    code, out, err = _cli("import", "-", "--body", "form:nope", stdin="curl https://h.example/s -d to=1 -d text=x")
    assert code == 2 and out == "" and "form:to, form:text" in err


def test_cli_form_view_and_show(tmp_path: Path) -> None:
    text = "curl -u acct:hunter2 https://h.example/s -d apikey=s3cr3t -d to=447700900123 -d 'text=Hello there'"
    code, out, _ = _cli("import", "-", "--format", "form", stdin=text)
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines if line and not line.startswith(" ")] == [
        "Name", "Request", "HTTP", "Authentication", "Headers", "Parameters"]
    assert "hunter2" not in out and "s3cr3t" not in out and "$$To" in out
    config = tmp_path / "c.json"
    config.write_text(_import(text).config_json)
    code, shown, _ = _cli("show", str(config), "--show-secrets")
    assert code == 0 and "hunter2" in shown and "s3cr3t" in shown
    raw = tmp_path / "raw.json"
    raw.write_text(_import("""curl https://h.example/s --json '{"to": "+447700900123",\n "text": "Hi there"}'""")
                   .config_json)
    code, shown, _ = _cli("show", str(raw))
    assert code == 0 and ' "text": "$$Body"}' in shown and '\\"' not in shown


def test_cli_show_refuses_what_is_not_a_config(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": ')
    code, _, err = _cli("show", str(broken))
    assert code == 2 and "broken.json:1:10" in err


def test_form_view_shows_the_current_forms_fields(tmp_path: Path) -> None:
    config = {"name": "acme", "method": "POST", "endpoint": "https://h.example/s",
              "auth": {"type": "oauth2", "token_url": "https://h.example/token", "client_id": "cid",
                       "client_secret": "my-client-secret", "extra": [{"key": "scope", "value": "sms"}]},
              "headers": [{"key": "Content-Type", "value": "application/json"}],
              "parameters": {"format": "json", "body": '{"messages": [{"to": "$$To", "text": "$$Body"}]}'},
              "batching": {"key": "messages", "size": 500}, "callback_url": "https://cb.example/dlr/1"}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(config))
    code, shown, _ = _cli("show", str(path))
    rows = [line.split(None, 1) for line in shown.splitlines() if line and not line.startswith("    ")]
    assert code == 0 and ["Authentication", "OAuth 2.0 (client credentials)"] in rows
    assert ["Client", "Secret   ****************"] in rows and "my-client-secret" not in shown
    assert ["Parameters", "JSON"] in rows and ["Callback", "URL      https://cb.example/dlr/1"] in rows
    assert ["Batch", "Key       messages"] in rows and ["Batch", "Size      500"] in rows


@pytest.mark.parametrize(("body", "places", "columns"), [
    ("to=+447700900123&text=Hello+there", ["form:to", "form:text"], [(1, 72), (1, 91)]),
    ('{"to": "+447700900123", "text": "Hi there",}', ["json:to", "json:text"], [(1, 76), (1, 101)]),
])
def test_every_value_of_a_body_read_by_its_shape_is_a_place(body: str, places: list[str],
                                                            columns: list[tuple[int, int]]) -> None:
    """Form pairs under a JSON Content-Type, JSON with a trailing comma: the places are read by the body's shape, so
    detection places there and --to/--body accept them."""
    text = f"curl https://h.example/send -H 'Content-Type: application/json' -d '{body}'"
    result = _import(text)
    assert [str(item.place) for item in result.substitutions] == places
    assert [(f.span.line, f.span.column) for f in result.findings if f.code == "CP020" and f.span] == columns
    chosen = _import(text, placeholders="none", to=places[0], body=places[1])
    assert chosen.config["parameters"]["body"] == result.config["parameters"]["body"]


def test_a_value_under_the_roles_name_beats_a_close_one_under_no_name() -> None:
    """A neutral template under "body" against free text under a name that says nothing (ClickSend's custom_string):
    the name decides, it is no question."""
    body = '{"messages": [{"to": "+61411111111", "body": "string", "custom_string": "a reference of yours"}]}'
    result = _import(f"curl https://h.example/send --json '{body}'")
    assert [str(item.place) for item in result.substitutions] == ["json:messages.0.to", "json:messages.0.body"]


def test_the_retired_candidate_code_is_still_accepted_in_settings() -> None:
    """CP022 became part of CP021: a settings file or command line that names it still runs (exit 0 or 1, never 2)."""
    config = str(CURL_DIR.parent / "configs" / "textlocal.json")
    assert CliRunner().invoke(main, ["lint", "--ignore", "CP022", config]).exit_code in (0, 1)
    assert CliRunner().invoke(main, ["lint", "--ignore", "CP029", config]).exit_code == 2
    explained = CliRunner().invoke(main, ["rules", "CP022"])
    assert explained.exit_code == 2 and "CP021" in explained.output


@pytest.mark.parametrize("named", [True, False])
def test_a_config_of_many_numbers_decides_as_if_each_were_checked(named: bool,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Past a few numbers only those that can be candidates go to phonenumbers; the decision is the same."""
    import curlport.config.detect as detection

    members = {f"field{i}": f"+4477009{i:05d}" for i in range(200)}
    if named:
        members["mobile"] = "+447700912345"
    config = {"endpoint": "https://h.example/send", "method": "POST",
              "parameters": {"format": "json", "body": json.dumps({**members, "text": "Hello there"})}}
    few = detect(config)
    monkeypatch.setattr(detection, "_ALL_CHECKED", 10_000)
    every = detect(config)
    assert few.recipient.outcome == every.recipient.outcome == ("found" if named else "ask")
    assert [c.slot.place for c in few.recipient.candidates] == [c.slot.place for c in every.recipient.candidates]
    assert few.message.slot == every.message.slot
