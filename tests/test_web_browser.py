"""The page in a real browser: Debian's headless Chromium driven by Playwright, against `curlport serve`'s app.

One server and one browser serve the whole module; each state the page reaches is
photographed into the run's `artifacts` folder (tests/conftest.py). Without /usr/bin/chromium the
module is skipped, unless CURLPORT_REQUIRE_BROWSER is set (CI sets it).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixture_cases import CURL_DIR, ROOT, curl_cases
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
    Provider,
    cli,
    form_of,
    secrets_of,
    serving,
    spanned,
    text_of,
)

CHROMIUM = os.environ.get("CURLPORT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not shutil.which(CHROMIUM):
    if os.environ.get("CURLPORT_REQUIRE_BROWSER"):
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install chromium")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402 (only once the browser is known)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    with serving() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, server_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(server_url)
    yield opened
    context.close()
    assert errors == [], errors  # the page's script never failed


def paste(page: Page, text: str) -> None:
    """Type the text as a paste does (one input event) and wait for the page to settle."""
    page.fill("#source", text)
    settle(page)


def settle(page: Page) -> None:
    """Wait for the page's answer; checked every frame (a selector wait backs off to 500 ms between checks)."""
    page.wait_for_function("() => document.body.dataset.state === 'ready'", polling="raf")


def reveal(page: Page) -> None:
    page.check("#reveal")
    settle(page)


def shot(page: Page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def marked(page: Page) -> str:
    return "".join(page.locator("#backdrop mark").all_text_contents())


# ---- every fixture, pasted: the config shown is the CLI's ---------------------------------------------------------

@pytest.fixture(scope="module")
def shared_page(browser: Browser, server_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.goto(server_url)
    reveal(opened)  # the JSON view is then the config's text, byte for byte
    yield opened
    context.close()


@pytest.mark.parametrize("case", curl_cases())
def test_every_fixture_pasted_shows_the_config_curlport_import_writes(shared_page: Page, case: str) -> None:
    page = shared_page
    paste(page, text_of(CURL_DIR / f"{case}.curl"))
    pasted = page.input_value("#source")  # a textarea turns CRLF into LF: compare with the CLI on that text
    exit_code, written = cli("import", "-", stdin=pasted)
    assert page.text_content("#config-json") == written
    assert (page.get_attribute("#kind", "data-kind"), "bad" in (page.get_attribute("#kind", "class") or "")) == \
        ("curl", exit_code != 0)
    if written:
        config = json.loads(written)
        endpoint = page.text_content('#panel-form [data-field="HTTP Endpoint"] .form-value')
        assert endpoint == config["endpoint"]
        assert page.text_content('#panel-form [data-field="Request Type"] .form-value') == config["method"]
    _, form = cli("import", "--format", "form", "--show-secrets", "-", stdin=pasted)
    assert (form_of(page.evaluate(FORM_ROWS)) if written else "") == form  # the page's rows are the CLI's


# ---- a phone and a laptop: the form in the page's flow, masked, the CLI's rows ----------------------------------

@pytest.fixture(scope="module", params=list(VIEWPORTS))
def sized_page(request: pytest.FixtureRequest, browser: Browser, server_url: str) -> Iterator[tuple[str, Page]]:
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    opened = context.new_page()
    opened.goto(server_url)
    yield request.param, opened
    context.close()


@pytest.mark.parametrize("case", VIEW_CASES)
def test_the_form_on_a_phone_and_a_laptop(sized_page: tuple[str, Page], case: str, artifacts: Path) -> None:
    size, page = sized_page
    paste(page, text_of(CURL_DIR / f"{case}.curl"))
    page.click("#tab-form")
    pasted = page.input_value("#source")
    _, form = cli("import", "--format", "form", "-", stdin=pasted)  # masked, as the page is
    flow = page.evaluate(IN_FLOW)
    assert flow == {"sideways": False, "rows": len(page.evaluate(FORM_ROWS)), "rowsHidden": [],
                    "copiesOutside": 0} and flow["rows"] >= 6
    assert form_of(page.evaluate(FORM_ROWS)) == form
    shown = page.inner_text("#form")
    assert not [secret for secret in secrets_of(json.loads(cli("import", "-", stdin=pasted)[1])) if secret in shown]
    shot(page, artifacts, f"{size}-{case}-form")
    # the window as the operator sees it (the README's screenshots are textlocal's): on a phone, at the form
    page.evaluate("(phone) => phone ? document.getElementById('results').scrollIntoView() : scrollTo(0, 0)",
                  size == "phone")
    page.screenshot(path=str(artifacts / f"{size}-{case}-window.png"))
    page.click("#tab-request")
    settle(page)
    assert page.is_disabled("#send-test") == (case in INCOMPLETE)
    assert page.evaluate(IN_FLOW)["sideways"] is False
    shot(page, artifacts, f"{size}-{case}-preflight")


# ---- the states of the page ------------------------------------------------------------------------------------

def test_clicking_a_finding_highlights_the_span_the_cli_reports(page: Page, artifacts: Path) -> None:
    path = CURL_DIR / "textlocal.curl"
    text = text_of(path)
    paste(page, text)
    reveal(page)
    _, out = cli("lint", "--format", "json", "--isolated", str(path))
    expected = [finding for finding in json.loads(out) if finding["line"]]
    buttons = page.locator("#findings .goto")
    assert buttons.count() == len(json.loads(out))
    for index in range(buttons.count()):
        code = buttons.nth(index).get_attribute("data-code")
        finding = next(f for f in expected if f["code"] == code)
        expected.remove(finding)
        buttons.nth(index).click()
        assert buttons.nth(index).get_attribute("aria-pressed") == "true"
        span = (finding["line"], finding["column"], finding["end_line"], finding["end_column"])
        assert marked(page) == spanned(text, *span), finding
        page.focus("#source")  # the keyboard's way in: the span is selected
        selected = page.evaluate("() => { const s = document.getElementById('source'); "
                                 "return s.value.slice(s.selectionStart, s.selectionEnd); }")
        assert selected == spanned(text, *span)
    shot(page, artifacts, "finding-highlighted")


def test_a_safe_fix_and_an_unsafe_fix_behind_a_confirmation(page: Page, artifacts: Path) -> None:
    text = "curl https://api.example.com/sms -d to=$$to -d text=$$Body -d 'msg=Hello there'"
    paste(page, text)
    page.click('#findings .fix[data-code="CP103"]')
    settle(page)
    assert '"value": "$$To"' in page.text_content("#config-json")
    assert page.is_visible("#applied") and "CP103" in page.text_content("#applied-list")
    shot(page, artifacts, "fix-applied")
    page.click("#undo-fixes")
    settle(page)
    assert '"value": "$$to"' in page.text_content("#config-json")

    dialogs: list[str] = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    paste(page, "curl https://api.example.com/sms -G -d to=$$To -H 'X-Text: $$Body'")  # CP201's unsafe fix
    unsafe = page.locator(".fix.unsafe").first
    unsafe.click()
    settle(page)
    assert dialogs and dialogs[0].startswith("Apply an unsafe fix?")
    assert page.locator("#applied").is_hidden()  # dismissed: nothing applied
    page.once("dialog", lambda dialog: dialog.accept())
    unsafe.click()
    settle(page)
    assert page.is_visible("#applied")


def test_fixing_a_config_json_rewrites_the_input_as_lint_fix_does(page: Page, tmp_path: Path) -> None:
    text = (ROOT / "fixtures" / "configs" / "ready-form.json").read_text(encoding="utf-8").replace("$$To", "$$to")
    paste(page, text)
    assert page.get_attribute("#kind", "data-kind") == "config"
    page.click('#findings .fix[data-code="CP103"]')
    settle(page)
    file = tmp_path / "provider.json"
    file.write_text(text, encoding="utf-8")
    cli("lint", "--fix", "--isolated", str(file))
    assert page.input_value("#source") == file.read_text(encoding="utf-8")


def test_where_detection_asks_a_choice_re_imports(page: Page, artifacts: Path) -> None:
    text = text_of(CURL_DIR / "msg91.curl")
    paste(page, text)
    reveal(page)
    assert page.get_attribute("#body-place", "data-outcome") == "ask"
    assert "replacing the sample 919XXXXXXXXX" in page.text_content("#to-note")
    shot(page, artifacts, "detection-asks")
    options = page.locator("#body-place option")
    assert options.count() == 3  # detect automatically, and the two candidates
    choice = options.nth(1).get_attribute("value")
    assert choice
    page.select_option("#body-place", choice)
    settle(page)
    _, written = cli("import", "--body", choice, "-", stdin=page.input_value("#source"))
    assert page.text_content("#config-json") == written
    assert page.get_attribute("#body-place", "data-outcome") == "chosen"
    shot(page, artifacts, "detection-chosen")


def test_the_request_tab_renders_what_curlport_render_prints(page: Page, tmp_path: Path, artifacts: Path) -> None:
    text = text_of(CURL_DIR / "ready-form.curl")
    paste(page, text)
    page.click("#tab-request")
    page.fill("#sample-to", VALUES["to"])
    page.fill("#sample-body", VALUES["body"])
    settle(page)
    file = tmp_path / "provider.curl"
    file.write_text(page.input_value("#source"), encoding="utf-8")
    _, printed = cli("render", str(file), "--to", VALUES["to"], "--body", VALUES["body"])
    assert page.text_content("#request-http") == printed
    shot(page, artifacts, "request-rendered")


def test_send_test_asks_naming_the_host_and_shows_the_verdict(page: Page, artifacts: Path) -> None:
    provider = Provider()
    try:
        paste(page, f"curl {provider.url} -d apikey=s3cr3t-key -d to=$$To -d text=$$Body")
        page.click("#tab-request")
        settle(page)
        dialogs: list[str] = []
        page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.click("#send-test")
        assert "through 127.0.0.1?" in dialogs[0] and provider.received == []
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#send-test")
        settle(page)
        result = page.text_content("#send-result") or ""
        assert result.startswith("Accepted") and "message id: m-42" in result
        assert len(provider.received) == 1
        shot(page, artifacts, "send-accepted")
    finally:
        provider.close()


def test_secrets_are_masked_until_revealed(page: Page, artifacts: Path) -> None:
    paste(page, SECRET_COMMAND)
    visible = page.inner_text("body") + page.text_content("#config-json") + page.text_content("#backdrop")
    assert not [secret for secret in SECRETS if secret in visible]
    assert "*" * len("pa55w0rd-xyz") in page.text_content("#backdrop")
    shot(page, artifacts, "secrets-masked")
    reveal(page)
    shown = page.text_content("#config-json") + page.text_content("#backdrop")
    assert all(secret in shown for secret in SECRETS)


def test_long_values_wrap_inside_the_page(page: Page, artifacts: Path) -> None:
    paste(page, LONG_COMMAND)
    page.click("#findings li:last-child .goto")  # the last place in the input: the editor scrolls to it
    assert page.evaluate(LAYOUT) == LAID_OUT
    shot(page, artifacts, "long-values")


def test_the_page_loads_nothing_from_elsewhere(browser: Browser, server_url: str) -> None:
    context = browser.new_context()
    opened = context.new_page()
    requested: list[str] = []
    opened.on("request", lambda request: requested.append(request.url))
    opened.goto(server_url)
    paste(opened, text_of(CURL_DIR / "ready-form.curl"))
    context.close()
    assert requested and all(url.startswith(server_url) for url in requested), requested


def test_keyboard_alone_reaches_every_control_in_order(page: Page) -> None:
    order = []
    for _ in range(12):
        page.keyboard.press("Tab")
        order.append(page.evaluate("() => document.activeElement.id || document.activeElement.className"))
    assert order[:8] == ["skip", "reveal", "source", "name", "placeholders", "to-place", "body-place", "tab-form"]
    paste(page, text_of(CURL_DIR / "textlocal.curl"))
    page.focus("#tab-form")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.id") == "tab-json" and page.is_visible("#panel-json")
    page.keyboard.press("Enter")
    # every control has a name a screen reader can say
    unnamed = page.evaluate("""() => [...document.querySelectorAll('button, input, select, textarea')]
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
        .map((el) => el.outerHTML)""")
    assert unnamed == []


def _contrast_failures(page: Page) -> list[Any]:
    """Text whose colour has less than WCAG AA's 4.5:1 contrast on its effective background."""
    return list(page.evaluate("""() => {
      const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92
        : ((v + 0.055) / 1.055) ** 2.4; }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
      const background = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el)
        .backgroundColor); if (c.length === 3 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
      const failures = [];
      for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.offsetParent || el.id === 'source') continue;
        const style = getComputedStyle(el);
        const fg = rgb(style.color);
        if (fg.length === 4 && fg[3] === 0) continue;
        const [a, b] = [lum(fg.slice(0, 3)), lum(background(el))].sort((x, y) => y - x);
        const ratio = (a + 0.05) / (b + 0.05);
        if (ratio < 4.5) failures.push([el.tagName, el.className, el.textContent.slice(0, 40), ratio.toFixed(2)]);
      }
      return failures; }"""))


def test_text_has_enough_contrast(page: Page, artifacts: Path) -> None:
    paste(page, text_of(CURL_DIR / "textlocal.curl"))
    page.click("#findings .goto >> nth=0")
    assert _contrast_failures(page) == []
    shot(page, artifacts, "page")


def test_copy_and_download_give_the_real_config(browser: Browser, server_url: str, tmp_path: Path) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    opened = context.new_page()
    opened.goto(server_url)
    paste(opened, SECRET_COMMAND)
    _, written = cli("import", "-", stdin=opened.input_value("#source"))
    opened.click("#tab-json")
    opened.click("#copy-json")
    assert opened.evaluate("() => navigator.clipboard.readText()") == written  # unmasked: it is meant to be pasted
    with opened.expect_download() as download:
        opened.click("#download-json")
    saved = tmp_path / "saved.json"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "api.example.com.json"
    assert saved.read_text(encoding="utf-8") == written
    opened.click("#tab-form")
    opened.click('[aria-label="Copy Password"]')  # shown masked, copied as it is
    assert opened.evaluate("() => navigator.clipboard.readText()") == "pa55w0rd-xyz"
    config = tmp_path / "provider.json"
    config.write_text(written, encoding="utf-8")
    opened.click("#tab-request")
    settle(opened)
    opened.select_option("#export-format", "httpie")
    assert opened.text_content("#export-text") == cli("export", "--format", "httpie", str(config))[1]  # masked
    opened.click("#copy-export")
    exported = cli("export", "--format", "httpie", "--show-secrets", str(config))[1]
    assert opened.evaluate("() => navigator.clipboard.readText()") == exported and "pa55w0rd-xyz" in exported
    context.close()


def test_no_sideways_scroll_on_any_phone_width(browser: Browser, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    opened = context.new_page()
    opened.goto(server_url)
    texts = [text_of(CURL_DIR / f"{case}.curl") for case in VIEW_CASES] + [SECRET_COMMAND, LONG_COMMAND]
    laid_out = []
    for text in texts:
        paste(opened, text)
        for width in (360, 430):
            opened.set_viewport_size({"width": width, "height": 800})
            opened.click("#tab-form")
            flow = opened.evaluate(IN_FLOW)
            opened.click("#tab-request")
            settle(opened)
            laid_out.append((flow["sideways"], flow["rowsHidden"], flow["copiesOutside"],
                             opened.evaluate(IN_FLOW)["sideways"]))
    context.close()
    assert laid_out == [(False, [], 0, False)] * len(texts) * 2


def test_a_finding_about_a_place_acts_through_the_pages_choice(page: Page) -> None:
    paste(page, text_of(CURL_DIR / "msg91.curl"))
    page.click('#findings li[data-code="CP021"] .act')
    assert page.evaluate("() => document.activeElement.id") == "body-place"  # the choice, with its candidates
    page.select_option("#body-place", "json:recipients.0.VAR2")  # the second candidate, as the finding names it
    settle(page)
    _, written = cli("import", "--body", "json:recipients.0.VAR2", "-", stdin=page.input_value("#source"))
    reveal(page)
    assert page.text_content("#config-json") == written
    assert page.input_value("#body-place") == "json:recipients.0.VAR2"


# ---- accessibility: axe-core (npm, tests/a11y) in the page, at both sizes, in every view ------------------------

AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_axe_finds_no_serious_or_critical_violation(browser: Browser, server_url: str, size: str) -> None:
    if not AXE.exists():
        if os.environ.get("CURLPORT_REQUIRE_BROWSER"):
            raise RuntimeError(f"{AXE} is missing: npm ci --prefix tests/a11y")
        pytest.skip("axe-core is not installed (npm ci --prefix tests/a11y)")
    width, height = VIEWPORTS[size]
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    opened = context.new_page()
    opened.goto(server_url)
    opened.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = []
    for case, tab in (("textlocal", "form"), ("oauth2-token-pair", "form"), ("msg91", "request"),
                      ("ready-json", "json")):
        paste(opened, text_of(CURL_DIR / f"{case}.curl"))
        opened.click(f"#tab-{tab}")
        settle(opened)
        violations = opened.evaluate("async () => (await axe.run(document)).violations.map((v) => "
                                     "({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' '))}))")
        found += [(case, tab, violation) for violation in violations if violation["impact"] in ("serious", "critical")]
    context.close()
    assert found == []
