"""Real provider answers (fixtures/responses/) judged as send judges them: never a refusal called accepted.

Each answer is served from a server on 127.0.0.1 to ``curlport send`` (its verdict line and exit code), and judged
by ``acceptance.judge`` directly; then each class is varied (key spelling, the same answer as XML) and must keep
its verdict.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from provider_server import Answer, provider_server
from response_set import ResponseCase, response_cases
from test_send import PASSWORD, _config, _send

from curlport.catalogue import CODES
from curlport.preflight.acceptance import STATUS_ONLY, ProviderResponse, Verdict, judge
from curlport.preflight.provider import ResponseRules

CASES = response_cases()
#: Acceptances whose body says nothing either way: accepted by the HTTP status only (CP610), and saying so.
#: A bare number (Netgsm's 30 and 40) is a refusal only by the provider's own table: the verdict says so (CP610).
KNOWN_STATUS_ONLY = {"cm-xml-accepted-empty", "hollatags-message-id-text", "netgsm-credentials-text",
                     "netgsm-header-text", "netgsm-jobid-text"}


def test_the_set_is_real_and_varied() -> None:
    assert len(CASES) >= 40
    assert {case.expected for case in CASES} == {"accepted", "refused"}
    assert len({case.name.split("-")[0] for case in CASES}) >= 25  # providers
    assert {case.content_type for case in CASES} >= {"application/json", "application/xml", "text/plain", "text/html"}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_judge_gives_the_expected_verdict(case: ResponseCase) -> None:
    verdict = judge(case.response, ResponseRules())
    assert case.outcome(verdict) != "wrong refused"
    assert case.outcome(verdict) == "right" or verdict.code == STATUS_ONLY  # never a confident wrong verdict
    assert (verdict.code == STATUS_ONLY) == (case.name in KNOWN_STATUS_ONLY)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_send_gives_the_expected_verdict_and_exit_code(tmp_path: Path, case: ResponseCase) -> None:
    verdict = judge(case.response, ResponseRules())
    answer = Answer(case.status, case.body.encode(), (("Content-Type", case.content_type),))
    with provider_server(lambda request: answer) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send")))
    # the verdict the unit test above holds to account; only a confirmed one is called accepted, and exits 0
    assert exit_code == (0 if verdict.confirmed else 1)
    assert re.search(rf"^{verdict.word} \({verdict.code} ", out, re.MULTILINE), out
    assert verdict.confirmed == (verdict.word == "accepted") and verdict.confirmed == (verdict.code != STATUS_ONLY
                                                                                       and verdict.accepted)
    assert (f"warning: {STATUS_ONLY}" in out) == (verdict.code == STATUS_ONLY)
    assert ("message id: " in out) == (verdict.message_id is not None) and (verdict.accepted or not verdict.message_id)


def _kind(verdict: Verdict) -> tuple[bool, bool]:
    """What a variant must keep: accepted or not, and whether only by the HTTP status."""
    return verdict.accepted, verdict.code == STATUS_ONLY


def _json_documents() -> list[tuple[ResponseCase, Any]]:
    found = []
    for case in CASES:
        try:
            document = json.loads(case.body)
        except ValueError:
            continue
        if isinstance(document, dict | list):
            found.append((case, document))
    return found


JSON_CASES = _json_documents()


def _rekeyed(value: Any, spell: Any) -> Any:
    if isinstance(value, dict):
        return {spell(key): _rekeyed(child, spell) for key, child in value.items()}
    if isinstance(value, list):
        return [_rekeyed(child, spell) for child in value]
    return value


def _camel(key: str) -> str:
    head, *rest = re.split(r"[-_]", key)
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _snake(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).lower()


@pytest.mark.parametrize("spell", [_camel, _snake, str.upper], ids=["camelCase", "snake_case", "UPPER"])
@pytest.mark.parametrize(("case", "document"), JSON_CASES, ids=[case.name for case, _ in JSON_CASES])
def test_key_spelling_does_not_change_the_verdict(case: ResponseCase, document: Any, spell: Any) -> None:
    body = json.dumps(_rekeyed(document, spell), ensure_ascii=False).encode()
    respelled = ProviderResponse(case.status, "", (), body)
    assert _kind(judge(respelled, ResponseRules())) == _kind(judge(case.response, ResponseRules()))


def _xml(tag: str, value: Any) -> str:
    if isinstance(value, dict):
        return f"<{tag}>{''.join(_xml(key, child) for key, child in value.items())}</{tag}>"
    if isinstance(value, list):
        return "".join(_xml(tag, child) for child in value)
    text = "" if value is None else json.dumps(value) if isinstance(value, bool) else str(value)
    return f"<{tag}>{escape(text)}</{tag}>"


def _all_keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(key for child in value.values() for key in _all_keys(child))]
    if isinstance(value, list):
        return [key for child in value for key in _all_keys(child)]
    return []


XML_CASES = [(case, document) for case, document in JSON_CASES if isinstance(document, dict)
             and all(re.fullmatch(r"[A-Za-z_][\w-]*", key) for key in _all_keys(document))]


@pytest.mark.parametrize(("case", "document"), XML_CASES, ids=[case.name for case, _ in XML_CASES])
def test_the_same_answer_as_xml_gets_the_same_verdict(case: ResponseCase, document: Any) -> None:
    body = ('<?xml version="1.0" encoding="UTF-8"?>' + _xml("response", document)).encode()
    as_xml = ProviderResponse(case.status, "", (("Content-Type", "application/xml"),), body)
    assert _kind(judge(as_xml, ResponseRules())) == _kind(judge(case.response, ResponseRules()))


def test_an_xml_body_with_a_doctype_is_not_read() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<r><status>&b;</status></r>')
    verdict = judge(ProviderResponse(200, "OK", (), bomb.encode()), ResponseRules())
    assert (verdict.accepted, verdict.code) == (True, STATUS_ONLY)


def test_an_unread_body_is_not_confirmed_and_says_what_to_set(tmp_path: Path) -> None:
    with provider_server(lambda request: Answer(200, b"1701|15551234567|a0e0b9c5")) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send")))
    lines = out.splitlines()
    assert exit_code == 1 and any(line.startswith(f"NOT confirmed ({STATUS_ONLY} status-only)") for line in lines)
    assert any(line.startswith(f"warning: {STATUS_ONLY}") and "response.failure_pattern" in line for line in lines)


@pytest.mark.parametrize("body", [
    f'{{"code": 7, "message": "wrong password {PASSWORD}"}}',
    f"<response><status>failed</status><message>wrong password {PASSWORD}</message></response>",
    f"Invalid password {PASSWORD}",
])
def test_a_quoted_reason_stays_masked(tmp_path: Path, body: str) -> None:
    with provider_server(lambda request: Answer(200, body.encode())) as server:
        exit_code, out, _ = _send(tmp_path, _config(server.url("/send")))
    [verdict] = [line for line in out.splitlines() if line.startswith("NOT accepted (")]
    assert exit_code == 1 and "password" in verdict.lower()  # the provider's reason is quoted…
    assert PASSWORD not in out  # …with the config's credentials masked


def _objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object of a document a few levels deep: where a provider could put one recipient's result."""
    if depth > 3:
        return
    if isinstance(value, dict):
        yield value
        children = list(value.values())
    else:
        children = list(value) if isinstance(value, list) else []
    for child in children:
        yield from _objects(child, depth + 1)


ACCEPTED_JSON = [(case, document) for case, document in JSON_CASES if case.expected == "accepted"]
PLANTED = [{"status": "REJECTED"}, {"success": False}, {"error": "Insufficient balance"}, {"status": -1},
           {"errorCode": 105}, {"accepted": "false"}]


@pytest.mark.parametrize("planted", PLANTED, ids=[json.dumps(planted) for planted in PLANTED])
@pytest.mark.parametrize(("case", "document"), ACCEPTED_JSON, ids=[case.name for case, _ in ACCEPTED_JSON])
def test_a_refusal_planted_in_any_object_of_an_acceptance_refuses(case: ResponseCase, document: Any,
                                                                   planted: dict[str, Any]) -> None:
    for index in range(len(list(_objects(document)))):
        copy = json.loads(json.dumps(document))
        list(_objects(copy))[index].update(planted)
        refused = ProviderResponse(case.status, "", (), json.dumps(copy).encode())
        assert not judge(refused, ResponseRules()).accepted, (index, copy)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20).map(json.dumps)))
@example("0\x1f")  # \s matches the separator, int() does not strip it: a crash once
@example(" -7\x1c")
def test_judge_answers_any_body_without_crashing(body: str) -> None:
    for content_type in ("application/json", "text/html"):
        verdict = judge(ProviderResponse(200, "OK", (("Content-Type", content_type),), body.encode()), ResponseRules())
        assert verdict.code in CODES and (verdict.code == STATUS_ONLY) == (verdict.warning is not None
                                                                          and verdict.warning.startswith("CP610"))
        as_xml = judge(ProviderResponse(200, "OK", (), f"<r><status>{escape(body)}</status></r>".encode()),
                       ResponseRules())
        assert as_xml.code in CODES


SOAP = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>{}</soap:Body></soap:Envelope>'
#: Shapes of a class no fixture above has, each with the verdict its class gives.
CLASS_EXAMPLES = [
    (SOAP.format("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Invalid login</faultstring></soap:Fault>"),
     False),
    (SOAP.format('<SendSMSResponse xmlns="http://tempuri.org/"><SendSMSResult>-3</SendSMSResult></SendSMSResponse>'),
     False),
    ("<Response><RestException><Status>400</Status><Message>Invalid To</Message></RestException></Response>", False),
    ('<?xml version="1.0"?><string xmlns="http://tempuri.org/">Error: invalid login</string>', False),
    ('{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": 1}', False),
    ('{"Status": "Error", "Details": "Invalid API Key"}', False),
    ('"Invalid API key"', False),
    ("-2", False),
    ('{"Status": "Success", "Details": "5b3f1c"}', True),
    ('{"status": 200, "message": "OK", "data": [{"id": "x", "status": "AWAITING-DLR"}]}', True),
    ('{"statusCallback": "https://example.com/sms/error-hook", "sid": "SM1"}', True),  # a URL is no status
    ('{"status": "success", "data": {"country": {"code": 91, "name": "India"}}}', True),  # a country's code
]


@pytest.mark.parametrize(("body", "accepted"), CLASS_EXAMPLES)
def test_each_class_gives_its_verdict(body: str, accepted: bool) -> None:
    verdict = judge(ProviderResponse(200, "OK", (), body.encode()), ResponseRules())
    assert (verdict.accepted, verdict.code == STATUS_ONLY) == (accepted, False)


@pytest.mark.parametrize("body", ["-" + "1" * 5000, '{"status": "-' + "1" * 5000 + '"}', "1" * 5000,
                                  "<r><code>" + "7" * 5000 + "</code></r>", "0" * 5000 + ": Accepted"])
def test_a_number_too_long_to_read_is_no_crash(body: str) -> None:
    assert judge(ProviderResponse(200, "OK", (), body.encode()), ResponseRules()).code in CODES


def test_the_web_page_gets_the_same_verdict_and_warning() -> None:
    from starlette.testclient import TestClient

    from curlport.web.server import create_app

    with provider_server(lambda request: Answer(200, b"1701|15551234567|a0e0b9c5")) as server, \
            TestClient(create_app(), base_url="http://127.0.0.1:8765") as client:
        text = f"curl {server.url('/sms')} -d to=$$To -d text=$$Body"
        answer = client.post("/api/send", json={"text": text, "values": {"to": "+15551234567", "body": "hi"},
                                                "confirm_host": "127.0.0.1", "allow_private": True}).json()
    verdict = answer["verdict"]
    assert answer["exit_code"] == 1 and (verdict["confirmed"], verdict["code"]) == (False, STATUS_ONLY)
    assert verdict["word"] == "NOT confirmed"
    assert verdict["warning"].startswith(STATUS_ONLY) and "response.failure_pattern" in verdict["warning"]


#: Shapes of the failure-count class (CP613) and its neighbours, each verdict written before judging: a request
#: "success" whose one recipient failed is refused; a count of messages taken that is 0 is never confirmed, nor a
#: success whose own message says failure; a failure count of 0, an empty list, a time or a reason under a
#: failure's name refuse nothing.
CLASS_ANSWERS = [
    ('{"status": "success", "data": {"sent": 0, "failed": 1}}', "refused"),
    ('{"accepted": 0, "rejected": 1}', "refused"),
    ('{"isError": true, "id": "abc", "message": "Number blocked"}', "refused"),
    ('{"hasError": true, "result": "OK"}', "refused"),
    ('{"failure": true, "messageId": "x1"}', "refused"),
    ('{"request_id": "r1", "result": "OK", "failed": ["+447700900123"], "sent": []}', "refused"),
    ('{"status": "OK", "successCount": 0, "failCount": 1}', "refused"),
    ('{"status": "success", "message_id": "m1", "invalid_numbers": ["+447700900123"]}', "refused"),
    ('{"id": "b-1", "sent": 0, "total": 1}', "NOT confirmed"),
    ('{"accepted": 1, "rejected": 0, "id": "m1"}', "accepted"),
    ('{"result": "OK", "failed": [], "sent": ["+447700900123"]}', "accepted"),
    ('{"status": "queued", "id": "m1", "failed_at": 1700000000, "not_before": 1700000000}', "accepted"),
    ('{"status": "success", "warnings": ["Message truncated"], "id": "x1"}', "accepted"),
    ('{"status": 0, "sent": 1, "queued": 0}', "accepted"),
    ('{"status": "OK", "message": "Insufficient balance"}', "NOT confirmed"),
    ('{"id": "m1", "description": "Invalid number"}', "NOT confirmed"),
    ('{"status": "OK", "message": "Message sent, 0 invalid numbers"}', "accepted"),
]


@pytest.mark.parametrize(("body", "expected"), CLASS_ANSWERS, ids=[body[:40] for body, _ in CLASS_ANSWERS])
def test_failure_counts_refuse_and_no_message_taken_is_not_confirmed(body: str, expected: str) -> None:
    for answer in (body, ('<?xml version="1.0"?>' + _xml("response", json.loads(body)))):
        verdict = judge(ProviderResponse(200, "OK", (), answer.encode()), ResponseRules())
        assert (verdict.word if verdict.word != "NOT accepted" else "refused") == expected, answer
        assert verdict.code == ("CP613" if expected == "refused" else STATUS_ONLY if expected == "NOT confirmed"
                                else "CP611"), answer
