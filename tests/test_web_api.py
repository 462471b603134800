"""The web API on its own: it answers what the CLI answers, documents what it answers, and refuses what it must."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx2 as httpx  # what the test extra installs (starlette TestClient uses it too)
import pytest
from click.testing import CliRunner
from fixture_cases import CONFIG_DIR, CURL_DIR, ERROR_DIR, curl_cases, error_cases
from starlette.routing import Route
from starlette.testclient import TestClient
from web_support import VALUES, Provider, form_of, text_of

from curlport.cli import main
from curlport.config.form_view import form_rows
from curlport.importer import import_curl
from curlport.preflight.provider import read_provider
from curlport.web import api, openapi
from curlport.web.server import MAX_BODY_BYTES, create_app

BASE = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), base_url=BASE) as test_client:
        yield test_client


def documented(response: Any, schema: str) -> Any:
    """The answer's JSON, after checking it against the schema the OpenAPI document gives it."""
    body = response.json()
    errors = sorted(openapi.validator(schema).iter_errors(body), key=str)
    assert not errors, errors[0]
    return body


def post(client: TestClient, path: str, body: dict[str, Any], schema: str = "Reading") -> Any:
    response = client.post(path, json=body)
    assert response.status_code == 200, response.text
    return documented(response, schema)


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


def lint_json(path: Path) -> list[dict[str, Any]]:
    """What `curlport lint --format json` reports for a file, without the file name."""
    _, out = cli("lint", "--format", "json", "--isolated", str(path))
    return [{key: value for key, value in record.items() if key != "file"} for record in json.loads(out)]


def located(findings: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(f["code"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings]


# ---- the API is the library: the same answers as the CLI ---------------------------------------------------------

@pytest.mark.parametrize("show_secrets", [False, True])
def test_form_records_hold_every_field_of_the_rows(show_secrets: bool) -> None:
    """The answer's rows are made field by field, not by ``asdict``: a field added to a row must reach the page."""
    for case in curl_cases():
        config = import_curl(text_of(CURL_DIR / f"{case}.curl")).config
        for row in form_rows(config, show_secrets):
            assert json.loads(json.dumps(api._row_record(row))) == json.loads(json.dumps(asdict(row))), case


@pytest.mark.parametrize("case", curl_cases())
def test_import_answers_what_curlport_import_writes(client: TestClient, case: str) -> None:
    path = CURL_DIR / f"{case}.curl"
    exit_code, written = cli("import", str(path))
    answer = post(client, "/api/import", {"text": text_of(path), "name": case})
    assert answer["kind"] == "curl"
    assert answer["config_json"] == written
    assert answer["config"] == json.loads(written)
    assert answer["exit_code"] == exit_code
    lint_findings = lint_json(path)  # lint reports a .curl file's findings without fixes: the sample stays as it is
    assert located(answer["findings"]) == located(lint_findings)
    _, form = cli("import", "--format", "form", "--name", case, str(path))
    assert (form_of(answer["form"]) if answer["form"] else "") == form  # the page's rows are the CLI's form view


@pytest.mark.parametrize("case", curl_cases())
def test_placeholders_none_answers_what_import_writes_with_it(client: TestClient, case: str) -> None:
    path = CURL_DIR / f"{case}.curl"
    exit_code, written = cli("import", "--placeholders", "none", str(path))
    answer = post(client, "/api/import", {"text": text_of(path), "name": case, "placeholders": "none"})
    assert (answer["config_json"], answer["exit_code"]) == (written or None, exit_code)


@pytest.mark.parametrize("case", curl_cases())
def test_fix_answers_what_import_fix_writes(client: TestClient, case: str) -> None:
    path = CURL_DIR / f"{case}.curl"
    exit_code, written = cli("import", "--fix", str(path))
    answer = post(client, "/api/fix", {"text": text_of(path), "name": case}, "FixAnswer")
    assert (answer["config_json"], answer["exit_code"]) == (written, exit_code)
    assert answer["text"] == text_of(path)  # the provider's sample is never rewritten


@pytest.mark.parametrize("case", error_cases())
def test_a_command_that_cannot_be_imported_is_an_answer_with_the_cli_location(client: TestClient, case: str) -> None:
    data = (ERROR_DIR / f"{case}.curl").read_bytes()
    expected = json.loads((ERROR_DIR / f"{case}.expected.json").read_text(encoding="utf-8"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("a page sends text: bytes that are not UTF-8 never reach the API")
    answer = post(client, "/api/import", {"text": text, "kind": "curl"})
    assert answer["config"] is None and answer["config_json"] is None
    [finding] = answer["findings"]
    assert (finding["line"], finding["column"], answer["exit_code"]) == (expected["line"], expected["column"],
                                                                         expected["exit"])
    assert finding["code"] == ("CP000" if expected["exit"] == 2 else finding["code"])


def config_cases() -> list[str]:
    return sorted(path.name for path in CONFIG_DIR.glob("*.json") if path.name.count(".") == 1)


@pytest.mark.parametrize("name", config_cases())
def test_a_config_json_is_linted_as_lint_lints_the_file(client: TestClient, name: str) -> None:
    path = CONFIG_DIR / name
    text = text_of(path)
    answer = post(client, "/api/import", {"text": text})
    assert answer["kind"] == "config"
    assert answer["config"] == json.loads(text) and answer["config_json"] == text
    assert located(answer["findings"]) == located(lint_json(path))
    linted = post(client, "/api/lint", {"text": text}, "LintAnswer")
    assert linted["findings"] == lint_json(path)


def test_lint_of_a_curl_command_is_lint_of_the_file(client: TestClient) -> None:
    path = CURL_DIR / "textlocal.curl"
    answer = post(client, "/api/lint", {"text": text_of(path)}, "LintAnswer")
    assert answer["kind"] == "curl" and answer["exit_code"] == 1
    assert answer["findings"] == lint_json(path)


def test_fixing_a_config_json_rewrites_it_as_lint_fix_does(client: TestClient, tmp_path: Path) -> None:
    text = (CONFIG_DIR / "ready-form.json").read_text(encoding="utf-8").replace("$$To", "$$to")
    file = tmp_path / "provider.json"
    file.write_text(text, encoding="utf-8")
    cli("lint", "--fix", "--isolated", str(file))
    answer = post(client, "/api/fix", {"text": text}, "FixAnswer")
    assert answer["text"] == file.read_text(encoding="utf-8") != text
    assert [change["code"] for change in answer["applied"]] == ["CP103"]


def test_fix_steps_apply_one_code_and_unsafe_fixes_only_when_asked(client: TestClient) -> None:
    text = text_of(CURL_DIR / "textlocal.curl")
    kept = {"text": text, "placeholders": "none"}  # the sample values stay: CP402 offers its unsafe fixes
    safe_only = post(client, "/api/fix", {**kept, "fixes": [{"code": "CP402"}]}, "FixAnswer")
    assert safe_only["applied"] == []
    unsafe = post(client, "/api/fix", {**kept, "fixes": [{"code": "CP402", "unsafe": True}]}, "FixAnswer")
    assert {change["code"] for change in unsafe["applied"]} == {"CP402"}
    values = [field["value"] for field in unsafe["config"]["parameters"]["fields"]]
    assert "$$To" in values and "$$Body" in values
    assert "CP101" not in {finding["code"] for finding in unsafe["findings"]}


def test_rules_and_schema_are_the_catalogue_and_the_published_schema(client: TestClient) -> None:
    rules = client.get("/api/rules").json()
    assert [rule["code"] for rule in rules] == [line.split()[0] for line in cli("rules")[1].splitlines()]
    for rule in rules:
        assert not list(openapi.validator("Rule").iter_errors(rule))
    assert client.get("/api/schema").json() == json.loads(cli("schema")[1])


def test_every_route_is_documented_in_the_openapi_document(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    app = create_app()
    routes = {route.path for route in app.app.routes if isinstance(route, Route)}  # type: ignore[attr-defined]
    assert {path for path in routes if path.startswith("/api/")} == set(document["paths"])
    for schema in document["components"]["schemas"].values():  # every schema is valid JSON Schema
        openapi.Draft202012Validator.check_schema(schema)


# ---- secrets ---------------------------------------------------------------------------------------------------------

SECRET_COMMAND = ("curl -u ACME:pa55word https://api.example.com/sms?apikey=k3y-123456 \\\n"
                  "  -H 'Authorization: Bearer t0ken-abcdef' -d to=$$To -d text=$$Body -d 'token=YOUR_TOKEN'")


def test_secrets_are_named_by_place_and_located_in_the_input(client: TestClient) -> None:
    answer = post(client, "/api/import", {"text": SECRET_COMMAND})
    lines = SECRET_COMMAND.splitlines()
    found = [lines[s["span"]["line"] - 1][s["span"]["column"] - 1 : s["span"]["end_column"] - 1]
             for s in answer["secrets"]]
    # the Authorization value as written is a credential spelling too (curlport.credentials): masked whole
    assert sorted(found) == sorted(["pa55word", "k3y-123456", "Bearer t0ken-abcdef"])
    # a user name is not a secret, nor a value the docs left to fill in (the findings are about it)
    assert "ACME" not in found and "YOUR_TOKEN" not in found
    for secret in answer["secrets"]:
        parts = secret["pointer"].split("/")[1:]
        value: Any = answer["config"]
        for part in parts:
            value = value[int(part)] if isinstance(value, list) else value[part]
        assert value[secret["start"] : secret["end"]] in found


def test_messages_mask_secrets_unless_shown(client: TestClient) -> None:
    """A malformed -H line is dropped, and its finding quotes it: with the key masked, as the CLI prints it."""
    text = "curl https://x.example/s -H 'X-Api-Key abc123secret' -d to=$$To -d text=$$Body"
    masked = post(client, "/api/import", {"text": text})
    shown = post(client, "/api/import", {"text": text, "show_secrets": True})
    assert "abc123secret" not in json.dumps(masked["findings"]) and "************" in json.dumps(masked["findings"])
    assert "abc123secret" in json.dumps(shown["findings"])


def test_secrets_of_a_config_json_point_into_its_text(client: TestClient) -> None:
    text = json.dumps({"name": "a", "method": "POST", "endpoint": "https://x.example/s", "headers": [],
                       "auth": {"type": "basic", "username": "u", "password": "s\u00e9cret"}, "parameters": None},
                      indent=2, ensure_ascii=False)
    [secret] = post(client, "/api/import", {"text": text})["secrets"]
    line = text.splitlines()[secret["span"]["line"] - 1]
    assert line[secret["span"]["column"] - 1 : secret["span"]["end_column"] - 1] == "s\u00e9cret"


# ---- what the server refuses ----------------------------------------------------------------------------------------

def error_of(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = documented(response, "Error")["error"]
    assert (body["status"], body["code"]) == (status, code)
    return dict(body)


def test_a_body_over_the_limit_is_413(client: TestClient) -> None:
    big = json.dumps({"text": "x" * MAX_BODY_BYTES})
    error_of(client.post("/api/import", content=big, headers={"content-type": "application/json"}), 413, "too-large")


def test_a_streamed_body_over_the_limit_is_413_without_a_declared_length(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 1):
            yield b"x" * 65536
        yield b'"}'
    response = client.post("/api/import", content=chunks(), headers={"content-type": "application/json"})
    error_of(response, 413, "too-large")


def test_text_over_the_librarys_limit_is_a_cp000_finding(client: TestClient) -> None:
    answer = post(client, "/api/import", {"text": "curl https://x.example/" + "a" * (1 << 20)})
    assert [f["code"] for f in answer["findings"]] == ["CP000"] and answer["exit_code"] == 2


@pytest.mark.parametrize(("body", "pointer"), [
    ({}, ""), ({"text": 1}, "/text"), ({"text": "curl x", "kind": "yaml"}, "/kind"),
    ({"text": "curl x", "extra": 1}, ""), ({"text": "curl x", "fixes": [{"code": "nope"}]}, "/fixes/0/code"),
])
def test_a_body_outside_the_schema_is_400_naming_the_place(client: TestClient, body: dict[str, Any],
                                                           pointer: str) -> None:
    assert error_of(client.post("/api/fix", json=body), 400, "bad-request")["pointer"] == pointer


def test_a_body_that_is_not_json_is_400(client: TestClient) -> None:
    response = client.post("/api/import", content=b"{nope", headers={"content-type": "application/json"})
    error_of(response, 400, "bad-request")


def test_a_form_post_is_415(client: TestClient) -> None:
    """What a cross-site HTML form can send without a preflight is never accepted."""
    response = client.post("/api/import", content=b"text=curl", headers={"content-type": "text/plain"})
    error_of(response, 415, "unsupported-media-type")


@pytest.mark.parametrize("headers", [
    {"origin": "https://evil.example"},
    {"origin": "http://127.0.0.1:9999"},  # another local port is another origin
    {"origin": "null"},
    {"sec-fetch-site": "cross-site"},
])
def test_requests_from_other_pages_are_403(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/api/import", json={"text": "curl https://x.example"}, headers=headers)
    error_of(response, 403, "forbidden-origin")


def test_the_pages_own_origin_is_accepted(client: TestClient) -> None:
    response = client.post("/api/import", json={"text": "curl https://x.example"},
                           headers={"origin": BASE, "sec-fetch-site": "same-origin"})
    assert response.status_code == 200


def test_a_rebound_host_name_is_403() -> None:
    """DNS rebinding: evil.example resolving to 127.0.0.1 makes the Origin match, but not the Host."""
    with TestClient(create_app(), base_url="http://evil.example:8765") as rebound:
        error_of(rebound.post("/api/import", json={"text": "curl https://x.example"},
                              headers={"origin": "http://evil.example:8765"}), 403, "forbidden-host")
        error_of(rebound.get("/"), 403, "forbidden-host")


def test_unknown_paths_and_methods_are_json_errors(client: TestClient) -> None:
    error_of(client.get("/api/nope"), 404, "not-found")
    error_of(client.get("/api/import"), 405, "method-not-allowed")


def test_a_crash_is_a_500_with_an_error_id_and_no_traceback(monkeypatch: pytest.MonkeyPatch,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    def broken(payload: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("secret internals")
    monkeypatch.setattr(api, "import_answer", broken)
    with TestClient(create_app(), base_url=BASE) as broken_client, caplog.at_level(logging.ERROR, "curlport.web"):
        response = broken_client.post("/api/import", json={"text": "curl https://x.example"})
    error = error_of(response, 500, "internal-error")
    assert "Traceback" not in response.text and "secret internals" not in response.text
    assert error["id"] in error["message"]
    assert any(error["id"] in record.getMessage() and record.exc_info for record in caplog.records)


def test_answers_carry_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


# ---- the command ----------------------------------------------------------------------------------------------------

def test_serve_warns_about_a_non_loopback_host(monkeypatch: pytest.MonkeyPatch) -> None:
    from curlport.web import server

    started: list[str] = []

    class FakeServer:
        def run(self, sockets: list[Any]) -> None:
            started.append(sockets[0].getsockname()[0])
            sockets[0].close()

    monkeypatch.setattr(server, "make_server", lambda host, names, **settings: FakeServer())
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "0", "--no-browser"])
    assert result.exit_code == 0, result.output
    assert "warning: --host 0.0.0.0 is not a loopback address" in result.stderr
    quiet = CliRunner().invoke(main, ["serve", "--port", "0", "--no-browser"])
    assert "warning" not in quiet.stderr and started == ["0.0.0.0", "127.0.0.1"]


def test_serve_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "curlport.web.server")
    for name in [name for name in sys.modules if name.split(".")[0] in ("starlette", "uvicorn")]:
        monkeypatch.setitem(sys.modules, name, None)  # as if the extra were not installed
    result = CliRunner().invoke(main, ["serve", "--no-browser"])
    assert result.exit_code == 2
    assert "pip install 'curlport[web]'" in result.stderr


def test_serve_on_a_port_in_use_is_one_line_exit_2() -> None:
    from curlport.web.server import bind

    sock = bind("127.0.0.1", 0)
    try:
        result = CliRunner().invoke(main, ["serve", "--port", str(sock.getsockname()[1]), "--no-browser"])
    finally:
        sock.close()
    assert result.exit_code == 2 and result.stderr.startswith("error: cannot listen on 127.0.0.1:")


def test_the_other_commands_do_not_import_the_web_stack() -> None:
    code = "import sys, curlport.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', " \
           "'uvicorn', 'anyio')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"


def test_curlport_serve_serves_the_page_and_the_api() -> None:
    """The real command, in its own process, on a free port."""
    process = subprocess.Popen([sys.executable, "-m", "curlport", "serve", "--port", "0", "--no-browser"],
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        url = line.split()[3]
        page = httpx.get(url, timeout=10)
        assert page.status_code == 200 and "<textarea" in page.text
        answer = httpx.post(f"{url}api/import", json={"text": "curl https://x.example -d to=$$To -d m=$$Body"},
                            timeout=10).json()
        assert answer["config"]["endpoint"] == "https://x.example"
    finally:
        process.terminate()
        process.wait(timeout=10)


# ---- detection and pre-flight -------------------------------------------------------------------------------------

def test_detection_asks_with_candidates_and_a_choice_re_imports_as_the_cli_does(client: TestClient) -> None:
    path = CURL_DIR / "msg91.curl"
    asked = post(client, "/api/import", {"text": text_of(path), "name": "msg91"})
    outcomes = {item["placeholder"]: item for item in asked["placeholders"]}
    assert outcomes["$$To"]["outcome"] == "found" and outcomes["$$To"]["sample"] == "919XXXXXXXXX"
    assert outcomes["$$Body"]["outcome"] == "ask"
    choice = outcomes["$$Body"]["candidates"][0]["place"]
    exit_code, written = cli("import", "--body", choice, str(path))
    chosen = post(client, "/api/import", {"text": text_of(path), "name": "msg91", "body": choice})
    assert (chosen["config_json"], chosen["exit_code"]) == (written, exit_code)
    assert {item["placeholder"]: item["outcome"] for item in chosen["placeholders"]}["$$Body"] == "chosen"


def test_findings_about_a_place_offer_the_pages_choice_instead_of_a_flag(client: TestClient) -> None:
    asked = post(client, "/api/import", {"text": text_of(CURL_DIR / "msg91.curl"), "name": "msg91"})
    actions = [(f["code"], f["line"], f["action"]) for f in asked["findings"] if f["action"]]
    assert actions == [("CP021", 13, {"placeholder": "$$Body", "place": None})]  # one ask, its candidates listed
    assert asked["missing"] == ["$$Body"]
    bare = post(client, "/api/import", {"text": "curl https://x.example/s -d a=b"})
    assert [(f["code"], f["action"]) for f in bare["findings"] if f["action"]] == [
        ("CP101", {"placeholder": "$$To", "place": None}), ("CP102", {"placeholder": "$$Body", "place": None})]
    assert bare["missing"] == ["$$To", "$$Body"]
    ready = post(client, "/api/import", {"text": text_of(CURL_DIR / "ready-form.curl")})
    assert ready["missing"] == [] and not [f for f in ready["findings"] if f["action"]]


def test_the_form_masks_what_the_cli_masks_and_keeps_the_value_to_copy(client: TestClient) -> None:
    answer = post(client, "/api/import", {"text": text_of(CURL_DIR / "oauth2-token-pair.curl")})
    rows = {row["label"]: row for row in answer["form"]}
    assert rows["Client Secret"]["value"]["shown"] == "*" * len(rows["Client Secret"]["value"]["text"])
    assert rows["Client Secret"]["value"]["text"] and rows["Token URL"]["level"] == 1
    assert [(pair["key"], pair["value"]["shown"]) for pair in rows["Extra"]["pairs"]] == [("scope", "sms.send")]
    shown = post(client, "/api/import", {"text": text_of(CURL_DIR / "oauth2-token-pair.curl"), "show_secrets": True})
    assert {row["label"]: row for row in shown["form"]}["Client Secret"]["value"]["shown"] == \
        rows["Client Secret"]["value"]["text"]


@pytest.mark.parametrize("output_format", ["curl", "python", "har", "httpie"])
def test_render_answers_the_exports_curlport_export_writes(client: TestClient, tmp_path: Path,
                                                          output_format: str) -> None:
    path = CURL_DIR / "textlocal.curl"
    config = tmp_path / "textlocal.json"
    config.write_text(cli("import", str(path))[1], encoding="utf-8")
    answer = post(client, "/api/render", {"text": text_of(path), "name": "textlocal", "values": VALUES},
                  "RenderAnswer")
    exported = answer["exports"][output_format]
    assert exported["shown"] == cli("export", "--format", output_format, str(config))[1]
    assert exported["text"] == cli("export", "--format", output_format, "--show-secrets", str(config))[1]
    assert exported["text"] != exported["shown"]  # textlocal's apikey: masked when shown, whole when copied


def test_render_reads_the_provider_once_for_the_request_and_the_exports(monkeypatch: pytest.MonkeyPatch) -> None:
    reads = []

    def counted(config: dict[str, Any]) -> Any:
        reads.append(config)
        return read_provider(config)
    monkeypatch.setattr(api, "read_provider", counted)
    answer = api.render_answer({"text": text_of(CURL_DIR / "textlocal.curl"), "values": VALUES})
    assert answer["request"] is not None and answer["exports"] is not None
    assert len(reads) == 1


def test_placeholders_none_keeps_the_samples_as_the_cli_does(client: TestClient) -> None:
    path = CURL_DIR / "textlocal.curl"
    _, written = cli("import", "--placeholders", "none", str(path))
    answer = post(client, "/api/import", {"text": text_of(path), "name": "textlocal", "placeholders": "none"})
    assert answer["config_json"] == written and answer["placeholders"] == []


def test_a_place_that_does_not_exist_is_the_clis_error(client: TestClient) -> None:
    answer = post(client, "/api/import", {"text": text_of(CURL_DIR / "msg91.curl"), "body": "form:nope"})
    assert answer["config"] is None and answer["exit_code"] == 2
    assert [finding["code"] for finding in answer["findings"]] == ["CP000"]




@pytest.mark.parametrize("case", ["ready-form", "ready-get", "ready-json"])
def test_render_answers_what_curlport_render_prints(client: TestClient, case: str) -> None:
    path = CURL_DIR / f"{case}.curl"
    result = CliRunner().invoke(main, ["render", str(path), "--to", VALUES["to"], "--body", VALUES["body"]])
    answer = post(client, "/api/render", {"text": text_of(path), "name": case, "values": VALUES}, "RenderAnswer")
    assert (answer["http"], answer["exit_code"]) == (result.stdout, result.exit_code)


def test_render_refuses_with_the_located_findings_render_prints(client: TestClient) -> None:
    text = "curl https://x.example/s -H 'X-Msg: $$Body' -d to=$$To"
    answer = post(client, "/api/render", {"text": text, "values": {"to": "1", "body": "two\nlines"}},
                  "RenderAnswer")
    assert answer["request"] is None and answer["exit_code"] == 1
    [finding] = [f for f in answer["findings"] if f["line"]]
    assert text[finding["column"] - 1 : finding["end_column"] - 1] == "$$Body"


def test_render_of_a_config_without_placeholders_names_what_is_missing(client: TestClient) -> None:
    answer = post(client, "/api/render", {"text": "curl https://x.example/s", "values": VALUES}, "RenderAnswer")
    assert {finding["code"] for finding in answer["findings"]} == {"CP101", "CP102"}


@pytest.fixture
def provider() -> Iterator[Provider]:
    local = Provider()
    yield local
    local.close()


def test_send_needs_the_confirmed_host_and_then_sends_one_message(client: TestClient, provider: Provider) -> None:
    text = f"curl {provider.url} -d apikey=s3cr3t-key -d to=$$To -d text=$$Body"
    body = {"text": text, "values": VALUES}
    error_of(client.post("/api/send", json={**body, "confirm_host": "example.com"}), 400, "bad-request")
    assert provider.received == []
    refused = post(client, "/api/send", {**body, "confirm_host": "127.0.0.1"}, "SendAnswer")
    assert not refused["sent"] and refused["exit_code"] == 2 and provider.received == []  # loopback: asked by name
    answer = post(client, "/api/send", {**body, "confirm_host": "127.0.0.1", "allow_private": True}, "SendAnswer")
    assert answer["sent"] and answer["verdict"]["accepted"] and answer["verdict"]["message_id"] == "m-42"
    assert answer["exit_code"] == 0
    [(method, path, sent)] = provider.received
    assert (method, path) == ("POST", "/sms")
    from urllib.parse import parse_qs

    assert parse_qs(sent.decode()) == {"apikey": ["s3cr3t-key"], "to": [VALUES["to"]], "text": [VALUES["body"]]}
    assert "s3cr3t-key" not in json.dumps(answer)  # what the page shows is masked


def test_send_to_a_server_that_is_not_there_is_an_error_answer(client: TestClient) -> None:
    from curlport.web.server import bind

    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    text = f"curl http://127.0.0.1:{port}/sms -d to=$$To -d text=$$Body"
    answer = post(client, "/api/send", {"text": text, "values": VALUES, "confirm_host": "127.0.0.1",
                                        "connect_timeout": 2, "allow_private": True}, "SendAnswer")
    assert not answer["sent"] and answer["error"] and answer["exit_code"] == 2
