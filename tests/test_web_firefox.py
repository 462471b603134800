"""The page in Firefox: Debian's firefox-esr, headless, driven over WebDriver BiDi against `curlport serve`'s app.

Playwright cannot drive a stock Firefox, so `firefox_bidi` speaks the W3C protocol
Firefox implements itself. Clicks and keys are trusted input events
(`input.performActions`); text is pasted as a paste does (the value set, one `input`
event), as Playwright's `fill` does.
One server and one Firefox serve the whole module; a test's uncaught page errors fail
it. Without /usr/bin/firefox-esr the module is skipped, unless CURLPORT_REQUIRE_BROWSER
is set (CI sets it).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fixture_cases import CURL_DIR, ERROR_DIR
from web_support import (
    FORM_ROWS,
    IN_FLOW,
    INCOMPLETE,
    LAID_OUT,
    LAYOUT,
    LONG_COMMAND,
    SECRET_COMMAND,
    SECRETS,
    VALUES,
    VIEW_CASES,
    VIEWPORTS,
    cli,
    form_of,
    secrets_of,
    serving,
    spanned,
    text_of,
)

FIREFOX = os.environ.get("CURLPORT_FIREFOX", "/usr/bin/firefox-esr")
WIDTH, HEIGHT = 1400, 1000

if not shutil.which(FIREFOX):
    if os.environ.get("CURLPORT_REQUIRE_BROWSER"):
        raise RuntimeError(f"{FIREFOX} is missing: apt-get install firefox-esr")
    pytest.skip(f"no Firefox at {FIREFOX} (apt-get install firefox-esr)", allow_module_level=True)

from firefox_bidi import Firefox, Tab, launch  # noqa: E402 (websockets is needed only once the browser is known)

#: A representative paste for each shape the page must draw: form bodies, JSON bodies (one with CRLF line ends), a GET
#: query, authentication (basic, bearer, OAuth 2.0 client credentials), detection that asks, shell dialects, non-ASCII.
CURL_CASES = [
    "ready-form", "textlocal", "ready-json", "messagebird-json", "crlf-json-body", "ready-get", "bulksms-get",
    "auth-basic-flag", "oauth2-token-pair", "oauth2-bearer-flag", "msg91", "powershell-backtick",
    "typographic-quotes", "unicode-body",
]
#: Commands that cannot be imported: a shell error and a curl usage error (exit 2), an unsupported request (exit 1).
ERROR_CASES = ["unbalanced-single-quote", "unknown-option", "method-put-upload"]


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    with serving() as url:
        yield url


@pytest.fixture(scope="module")
def firefox() -> Iterator[Firefox]:
    with launch(FIREFOX) as browser:
        yield browser


@contextmanager
def opened(firefox: Firefox, server_url: str, width: int = WIDTH, height: int = HEIGHT) -> Iterator[Tab]:
    """A new tab on the page, closed afterwards; the page's script must not have failed meanwhile."""
    tab = firefox.new_tab(width, height)
    tab.navigate(server_url)
    settle(tab)
    yield tab
    errors = tab.errors()
    tab.close()
    assert errors == [], errors


@pytest.fixture
def page(firefox: Firefox, server_url: str) -> Iterator[Tab]:
    with opened(firefox, server_url) as tab:
        yield tab


def settle(tab: Tab) -> None:
    """Wait for the page's answer (the page says `data-state="ready"` on <body> once it has drawn it)."""
    tab.wait_for("() => document.body.dataset.state === 'ready'")


def type_into(tab: Tab, selector: str, text: str) -> None:
    """Put text in a field as a paste does: focus, the whole value at once, one `input` event."""
    tab.call("""(selector, text) => {
      const field = document.querySelector(selector);
      field.focus();
      field.value = text;
      field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }""", selector, text)
    settle(tab)


def paste(tab: Tab, text: str) -> None:
    type_into(tab, "#source", text)


def reveal(tab: Tab) -> None:
    tab.click("#reveal")
    settle(tab)


def text(tab: Tab, selector: str) -> str:
    return str(tab.call("(selector) => document.querySelector(selector).textContent", selector))


def value(tab: Tab, selector: str) -> str:
    return str(tab.call("(selector) => document.querySelector(selector).value", selector))


def attribute(tab: Tab, selector: str, name: str) -> str | None:
    found = tab.call("(selector, name) => document.querySelector(selector).getAttribute(name)", selector, name)
    return None if found is None else str(found)


def shot(tab: Tab, artifacts: Path, name: str) -> None:
    tab.screenshot(artifacts / f"firefox-{name}.png")


# ---- representative fixtures, pasted: the config shown is the CLI's ------------------------------------------------

@pytest.fixture(scope="module")
def shared_page(firefox: Firefox, server_url: str) -> Iterator[Tab]:
    with opened(firefox, server_url) as tab:
        reveal(tab)  # the JSON view is then the config's text, byte for byte
        yield tab


@pytest.mark.parametrize("case", CURL_CASES)
def test_a_pasted_fixture_shows_the_config_curlport_import_writes(shared_page: Tab, case: str) -> None:
    tab = shared_page
    paste(tab, text_of(CURL_DIR / f"{case}.curl"))
    pasted = value(tab, "#source")  # a textarea turns CRLF into LF: compare with the CLI on that text
    exit_code, written = cli("import", "-", stdin=pasted)
    assert written and text(tab, "#config-json") == written
    assert (attribute(tab, "#kind", "data-kind"), "bad" in (attribute(tab, "#kind", "class") or "")) == \
        ("curl", exit_code != 0)
    config = json.loads(written)
    assert text(tab, '#panel-form [data-field="HTTP Endpoint"] .form-value') == config["endpoint"]
    assert text(tab, '#panel-form [data-field="Request Type"] .form-value') == config["method"]
    _, form = cli("import", "--format", "form", "--show-secrets", "-", stdin=pasted)
    assert form_of(tab.call(FORM_ROWS)) == form  # the page's rows are the CLI's


# ---- a phone and a laptop: the form in the page's flow, masked, the CLI's rows ----------------------------------

@pytest.fixture(scope="module", params=list(VIEWPORTS))
def sized_page(request: pytest.FixtureRequest, firefox: Firefox, server_url: str) -> Iterator[tuple[str, Tab]]:
    with opened(firefox, server_url, *VIEWPORTS[request.param]) as tab:
        yield request.param, tab


@pytest.mark.parametrize("case", VIEW_CASES)
def test_the_form_on_a_phone_and_a_laptop(sized_page: tuple[str, Tab], case: str, artifacts: Path) -> None:
    size, tab = sized_page
    paste(tab, text_of(CURL_DIR / f"{case}.curl"))
    tab.click("#tab-form")
    pasted = value(tab, "#source")
    _, form = cli("import", "--format", "form", "-", stdin=pasted)  # masked, as the page is
    flow = tab.call(IN_FLOW)
    assert flow == {"sideways": False, "rows": len(tab.call(FORM_ROWS)), "rowsHidden": [],
                    "copiesOutside": 0} and flow["rows"] >= 6
    assert form_of(tab.call(FORM_ROWS)) == form
    shown = str(tab.evaluate("document.getElementById('form').innerText"))
    assert not [secret for secret in secrets_of(json.loads(cli("import", "-", stdin=pasted)[1])) if secret in shown]
    shot(tab, artifacts, f"{size}-{case}-form")
    tab.click("#tab-request")
    settle(tab)
    assert tab.evaluate("document.getElementById('send-test').disabled") == (case in INCOMPLETE)
    assert tab.call(IN_FLOW)["sideways"] is False


@pytest.mark.parametrize("case", ERROR_CASES)
def test_a_command_that_cannot_be_imported_shows_the_cli_error_at_its_place(shared_page: Tab, case: str) -> None:
    tab = shared_page
    expected = json.loads((ERROR_DIR / f"{case}.expected.json").read_text(encoding="utf-8"))
    paste(tab, text_of(ERROR_DIR / f"{case}.curl"))
    exit_code, written = cli("import", "-", stdin=value(tab, "#source"))
    assert (exit_code, written, text(tab, "#config-json")) == (expected["exit"], "", "")
    assert "bad" in (attribute(tab, "#kind", "class") or "")
    where = tab.evaluate("[...document.querySelectorAll('#findings .goto .where')].map((node) => node.textContent)")
    assert where == [f"{expected['line']}:{expected['column']}"]


# ---- the states of the page ------------------------------------------------------------------------------------

def marked(tab: Tab) -> str:
    return str(tab.evaluate("[...document.querySelectorAll('#backdrop mark')].map((m) => m.textContent).join('')"))


def test_clicking_a_finding_highlights_the_span_the_cli_reports(page: Tab, artifacts: Path) -> None:
    path = CURL_DIR / "textlocal.curl"
    source = text_of(path)
    paste(page, source)
    reveal(page)
    _, out = cli("lint", "--format", "json", "--isolated", str(path))
    reported = json.loads(out)
    expected = [finding for finding in reported if finding["line"]]
    codes = page.evaluate("[...document.querySelectorAll('#findings .goto')].map((b) => b.dataset.code)")
    assert len(codes) == len(reported) and expected
    for index, code in enumerate(codes):
        finding = next((f for f in expected if f["code"] == code), None)
        if finding is None:
            continue  # a finding without a place has nothing to highlight
        expected.remove(finding)
        button = f"#findings li:nth-child({index + 1}) .goto"
        page.click(button)
        assert attribute(page, button, "aria-pressed") == "true"
        span = (finding["line"], finding["column"], finding["end_line"], finding["end_column"])
        assert marked(page) == spanned(source, *span), finding
        page.call("() => document.getElementById('source').focus()")  # the keyboard's way in: the span is selected
        selected = page.evaluate("(() => { const s = document.getElementById('source'); "
                                 "return s.value.slice(s.selectionStart, s.selectionEnd); })()")
        assert selected == spanned(source, *span)
    assert expected == []
    shot(page, artifacts, "finding-highlighted")


def test_where_detection_asks_a_choice_re_imports(page: Tab, artifacts: Path) -> None:
    paste(page, text_of(CURL_DIR / "msg91.curl"))
    reveal(page)
    assert attribute(page, "#body-place", "data-outcome") == "ask"
    assert "replacing the sample 919XXXXXXXXX" in text(page, "#to-note")
    shot(page, artifacts, "detection-asks")
    options = page.evaluate("[...document.querySelectorAll('#body-place option')].map((option) => option.value)")
    assert len(options) == 3 and options[0] == ""  # detect automatically, and the two candidates
    page.call("() => document.getElementById('body-place').focus()")
    page.press("ArrowDown")  # the keyboard's way: a closed <select> takes the next option and fires `change`
    settle(page)
    assert value(page, "#body-place") == options[1]
    _, written = cli("import", "--body", options[1], "-", stdin=value(page, "#source"))
    assert text(page, "#config-json") == written
    assert attribute(page, "#body-place", "data-outcome") == "chosen"
    shot(page, artifacts, "detection-chosen")


def test_the_request_tab_renders_what_curlport_render_prints(page: Tab, tmp_path: Path, artifacts: Path) -> None:
    paste(page, text_of(CURL_DIR / "ready-form.curl"))
    page.click("#tab-request")
    assert page.evaluate("!document.getElementById('panel-request').hidden")
    type_into(page, "#sample-to", VALUES["to"])
    type_into(page, "#sample-body", VALUES["body"])
    file = tmp_path / "provider.curl"
    file.write_text(value(page, "#source"), encoding="utf-8")
    _, printed = cli("render", str(file), "--to", VALUES["to"], "--body", VALUES["body"])
    assert printed and text(page, "#request-http") == printed
    shot(page, artifacts, "request-rendered")


def test_secrets_are_masked_until_revealed(page: Tab, artifacts: Path) -> None:
    paste(page, SECRET_COMMAND)
    visible = page.evaluate("document.body.innerText") + text(page, "#config-json") + text(page, "#backdrop")
    assert not [secret for secret in SECRETS if secret in visible]
    assert "*" * len("pa55w0rd-xyz") in text(page, "#backdrop")
    shot(page, artifacts, "secrets-masked")
    reveal(page)
    shown = text(page, "#config-json") + text(page, "#backdrop")
    assert all(secret in shown for secret in SECRETS)


def test_long_values_wrap_inside_the_page(page: Tab, artifacts: Path) -> None:
    paste(page, LONG_COMMAND)
    page.click("#findings li:last-child .goto")  # the last place in the input: the editor scrolls to it
    assert page.call(LAYOUT) == LAID_OUT
    shot(page, artifacts, "long-values")


def focused(tab: Tab) -> str:
    return str(tab.evaluate("document.activeElement.id || document.activeElement.className"))


def test_keyboard_alone_reaches_every_control_in_order(page: Tab) -> None:
    order = []
    for _ in range(8):
        page.press("Tab")
        order.append(focused(page))
    assert order == ["skip", "reveal", "source", "name", "placeholders", "to-place", "body-place", "tab-form"]
    paste(page, text_of(CURL_DIR / "textlocal.curl"))
    page.call("() => document.getElementById('tab-form').focus()")
    page.press("ArrowRight")
    assert focused(page) == "tab-json" and page.evaluate("!document.getElementById('panel-json').hidden")
    page.press("Tab")  # from the tab into its panel, then to the panel's first control
    assert focused(page) == "panel-json"
    page.press("Tab")
    assert focused(page) == "copy-json"
    page.call("() => document.querySelector('#findings .goto').focus()")
    page.press("Enter")  # a finding is selected from the keyboard too
    assert attribute(page, "#findings .goto", "aria-pressed") == "true" and marked(page)


def test_a_screenshot_of_the_page_in_firefox(page: Tab, artifacts: Path) -> None:
    paste(page, text_of(CURL_DIR / "textlocal.curl"))
    page.click("#findings .goto")
    shot(page, artifacts, "page")
    assert (artifacts / "firefox-page.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
