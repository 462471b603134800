// curlport serve: the page. It only calls the local API and draws what it answers; every decision is the library's.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const source = $("source");
  const backdrop = $("backdrop");
  const nameInput = $("name");
  const reveal = $("reveal");
  const kindLine = $("kind");
  const formList = $("form");
  const jsonView = $("config-json");
  const findingsList = $("findings");
  const DEBOUNCE_MS = 250;
  const MASK = "*";

  const state = {
    sequence: 0,
    answer: null, // the last answer of /api/import or /api/fix
    fixes: [], // fix steps applied to a curl command's config: [{code, unsafe}]
    highlight: null, // the span of the selected finding
    selected: -1,
    rendered: null, // the last answer of /api/render
  };

  // ---- talking to the server -------------------------------------------------------------------------------------

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const error = data && data.error;
      throw new Error(error ? `${error.message}${error.id ? ` (error id ${error.id})` : ""}` : `HTTP ${response.status}`);
    }
    return data;
  }

  function inputBody() {
    return {
      text: source.value, name: nameInput.value.trim() || null, show_secrets: reveal.checked,
      placeholders: $("placeholders").value, to: $("to-place").value || null, body: $("body-place").value || null,
    };
  }

  function setBusy(busy) {
    document.body.dataset.state = busy ? "pending" : "ready";
  }

  async function refresh() {
    const sequence = ++state.sequence;
    setBusy(true);
    if (!source.value.trim()) {
      state.answer = null;
      state.highlight = null;
      render();
      setBusy(false);
      return;
    }
    const body = inputBody();
    if (state.fixes.length) body.fixes = state.fixes;
    try {
      const answer = await post(state.fixes.length ? "/api/fix" : "/api/import", body);
      if (sequence !== state.sequence) return; // the text changed meanwhile: a newer answer is on its way
      state.answer = answer;
      state.highlight = null;
      state.selected = -1;
      render();
      await renderRequest(sequence);
    } catch (error) {
      if (sequence !== state.sequence) return;
      state.answer = null;
      render();
      kindLine.textContent = `The server could not answer: ${error.message}`;
      kindLine.className = "bad";
    } finally {
      if (sequence === state.sequence) setBusy(false);
    }
  }

  function debounce(action, delay) {
    let timer = 0;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(action, delay);
    };
  }

  const refreshSoon = debounce(refresh, DEBOUNCE_MS);

  // ---- positions: the API counts lines and code points from 1, the page counts UTF-16 units from 0 ---------------

  function offsetOf(text, line, column) {
    let index = 0;
    for (let current = 1; current < line; current++) {
      const newline = text.indexOf("\n", index);
      if (newline < 0) return text.length;
      index = newline + 1;
    }
    for (let current = 1; current < column && index < text.length; current++) {
      index += text.codePointAt(index) > 0xffff ? 2 : 1;
    }
    return index;
  }

  function rangeOf(text, span) {
    return [offsetOf(text, span.line, span.column), offsetOf(text, span.end_line, span.end_column)];
  }

  // ---- secrets: the API names them by place; the page masks exactly those characters -----------------------------

  function masked(text) {
    return Array.from(text, () => MASK).join("");
  }

  /** The input's cover for a secret keeps its whitespace: the backdrop must wrap and break lines exactly where the
   *  transparent textarea above it does ("Bearer <token>" masked whole wrapped a line earlier in Chromium). The
   *  textarea holds the real text anyway; the cover only keeps it off the screen. */
  function covered(text) {
    return text.replace(/\S/gu, MASK);
  }

  function pointerParts(pointer) {
    return pointer.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  }

  function maskedConfig(config, secrets) {
    const copy = JSON.parse(JSON.stringify(config));
    for (const secret of secrets) {
      const parts = pointerParts(secret.pointer);
      const last = parts.pop();
      const parent = parts.reduce((value, part) => (value == null ? value : value[part]), copy);
      if (parent == null || typeof parent[last] !== "string") continue;
      const points = Array.from(parent[last]);
      const hidden = masked(points.slice(secret.start, secret.end).join(""));
      parent[last] = points.slice(0, secret.start).join("") + hidden + points.slice(secret.end).join("");
    }
    return copy;
  }

  // ---- drawing -----------------------------------------------------------------------------------------------------

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (key === "className") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  }

  /** Text with break opportunities after / ? & (a URL or a query wraps between its parts, not mid-word). */
  function breakable(text) {
    const fragment = document.createDocumentFragment();
    text.split(/(?<=[/?&])/u).forEach((piece, index) => {
      if (index) fragment.append(element("wbr"));
      fragment.append(piece);
    });
    return fragment;
  }

  /** Text with $$To, $$Body (any $$Name) marked, so the operator sees where the platform substitutes. */
  function withPlaceholders(text) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(/\$\$[A-Za-z][A-Za-z0-9_]*/g)) {
      fragment.append(breakable(text.slice(last, match.index)),
        element("span", { className: "placeholder" }, match[0]));
      last = match.index + match[0].length;
    }
    fragment.append(breakable(text.slice(last)));
    return fragment;
  }

  function copyButton(what, value) {
    return element("button", {
      type: "button", className: "copy", "aria-label": `Copy ${what}`,
      onclick: () => copy(value, what),
    }, "Copy");
  }

  /** One value of the form: as shown (masked unless "Show secrets"), its Copy button copying it as it is. */
  function valueLine(what, value, tag = "code", className = "form-value") {
    return element("div", { className: "form-line" },
      element(tag, { className }, withPlaceholders(value.shown)), copyButton(what, value.text));
  }

  function pairsList(row) {
    const list = element("ul", { className: "pairs", "aria-label": row.label });
    if (!row.pairs.length) list.append(element("li", { className: "none" }, "(none)"));
    row.pairs.forEach((pair, index) => {
      list.append(element("li", { className: "pair" },
        valueLine(`${row.label} ${index + 1} key`, { text: pair.key, shown: pair.key }, "code", "pair-key"),
        valueLine(`${row.label} ${index + 1} value`, pair.value, "code", "pair-value")));
    });
    return list;
  }

  /** The form as the API answers it (the rows `curlport import --format form` prints): labels, order, masking
   *  and the parameter type are the library's; the page only lays them out. */
  function drawForm(rows) {
    formList.replaceChildren();
    if (!rows) {
      formList.append(element("li", { className: "empty" }, "The form appears here once the input can be imported."));
      return;
    }
    for (const row of rows) {
      const item = element("li", { className: `form-row level-${row.level}`, "data-field": row.label,
        "data-level": String(row.level) }, element("span", { className: "form-label" }, row.label));
      if (row.value.shown) item.append(valueLine(row.label, row.value));
      if (row.pairs) item.append(pairsList(row));
      if (row.body) item.append(valueLine(`${row.label} body`, row.body, "pre", "form-body"));
      formList.append(item);
    }
  }

  function drawBackdrop() {
    const text = source.value;
    const answer = state.answer;
    const cuts = new Set([0, text.length]);
    const masks = [];
    if (answer && !reveal.checked) {
      for (const secret of answer.secrets) {
        if (!secret.span) continue;
        const range = rangeOf(text, secret.span);
        masks.push(range);
        cuts.add(range[0]).add(range[1]);
      }
    }
    const mark = state.highlight ? rangeOf(text, state.highlight) : null;
    // an empty span (a point, such as the end of the input) is drawn one character wide
    const atEnd = mark && mark[0] === mark[1] && mark[0] === text.length;
    if (mark && mark[0] === mark[1] && !atEnd) mark[1] += 1;
    if (mark) cuts.add(mark[0]).add(mark[1]);
    const points = [...cuts].filter((cut) => cut <= text.length).sort((a, b) => a - b);
    backdrop.replaceChildren();
    let markNode = null;
    for (let index = 0; index + 1 < points.length; index++) {
      const [start, end] = [points[index], points[index + 1]];
      if (start === end) continue;
      const piece = text.slice(start, end);
      const hidden = masks.some(([from, to]) => from <= start && end <= to);
      let node = hidden ? element("span", { className: "masked" }, covered(piece)) : document.createTextNode(piece);
      if (mark && mark[0] <= start && end <= mark[1]) {
        node = element("mark", { "data-start": String(start), "data-end": String(end) }, node);
        markNode = markNode || node;
      }
      backdrop.append(node);
    }
    // a final newline in the textarea still takes a line, so the backdrop ends with one more character
    const last = atEnd ? element("mark", { "data-start": String(text.length), "data-end": String(text.length) }, " ") : " ";
    backdrop.append(last);
    markNode = markNode || (atEnd ? last : null);
    backdrop.scrollTop = source.scrollTop;
    return markNode;
  }

  function drawFindings(findings) {
    findingsList.replaceChildren();
    $("findings-count").textContent = findings.length ? `(${findings.length})` : "";
    if (!findings.length) {
      findingsList.append(element("li", { className: "empty" }, state.answer ? "No findings." : "Nothing to check yet."));
      return;
    }
    findings.forEach((finding, index) => {
      const where = finding.line ? `${finding.line}:${finding.column}` : "";
      const goto = element("button", {
        type: "button", className: "goto", "aria-pressed": String(index === state.selected),
        "data-code": finding.code, onclick: () => select(index),
      }, element("span", { className: "code" }, finding.code), " ",
      element("span", { className: `sev sev-${finding.severity}` }, finding.severity), " ",
      element("span", { className: "where" }, where), " ",
      element("span", { className: "message" }, finding.message));
      const item = element("li", { "data-code": finding.code }, goto);
      if (finding.action) item.append(actionButton(finding.action));
      if (finding.fix) {
        const unsafe = finding.fix.applicability === "unsafe";
        item.append(element("button", {
          type: "button", className: `fix${unsafe ? " unsafe" : ""}`, "data-code": finding.code,
          onclick: () => applyFix(finding, unsafe),
        }, `${unsafe ? "Unsafe fix" : "Fix"}: ${finding.fix.description}`));
      }
      findingsList.append(item);
    });
  }

  const ROLES = { "$$To": "the recipient's number", "$$Body": "the message" };

  /** The page's own answer to "say where $$To / $$Body goes": its dropdown, where the CLI would say --to/--body. */
  function actionButton(action) {
    const selectId = PLACEMENT[action.placeholder][0];
    return element("button", { type: "button", className: "act", "data-action": "choose",
      onclick: () => $(selectId).focus() }, `Choose where ${ROLES[action.placeholder]} goes`);
  }

  function drawStatus(answer) {
    kindLine.className = "";
    if (!answer) {
      kindLine.textContent = "Waiting for a curl command or a config JSON.";
      return;
    }
    const what = answer.kind === "config" ? "a config JSON" : "a curl command";
    const errors = answer.findings.filter((finding) => finding.severity === "error").length;
    let verdict = "the config is ready.";
    if (!answer.config) verdict = answer.kind === "config" ? "it is not a config object." : "it could not be imported.";
    else if (errors) verdict = `the config has ${errors} error${errors === 1 ? "" : "s"} to fix before onboarding.`;
    kindLine.textContent = `Read as ${what}: ${verdict}`;
    kindLine.dataset.kind = answer.kind;
    if (!answer.config || errors) kindLine.className = "bad";
  }

  function drawApplied(answer) {
    const applied = (answer && answer.applied) || [];
    $("applied").hidden = !state.fixes.length;
    $("applied-list").replaceChildren(...applied.map((change) =>
      element("li", {}, element("span", { className: "code" }, change.code), ` ${change.description} (${change.pointer})`)));
  }

  function render() {
    const answer = state.answer;
    const config = answer && answer.config;
    const secrets = answer ? answer.secrets : [];
    const shown = config && (reveal.checked ? config : maskedConfig(config, secrets));
    drawStatus(answer);
    drawForm(answer && answer.form);
    jsonView.textContent = !config ? "" : reveal.checked ? answer.config_json : `${JSON.stringify(shown, null, 2)}\n`;
    $("copy-json").disabled = $("download-json").disabled = !config;
    drawFindings(answer ? answer.findings : []);
    drawApplied(answer);
    drawPlacement(answer);
    drawBackdrop();
  }

  // ---- placeholders: what detection did, and the places to choose from ---------------------------------------------

  const PLACEMENT = { "$$To": ["to-place", "to-note"], "$$Body": ["body-place", "body-note"] };

  function describePlacement(item) {
    const at = item.span ? ` (line ${item.span.line})` : "";
    switch (item.outcome) {
      case "found": return `Detected: ${item.place}, replacing the sample ${item.sample}${at}.`;
      case "chosen": return `Your choice: ${item.place}, replacing the sample ${item.sample}${at}.`;
      case "present": return "Already in the input.";
      case "ask": return `Not sure: choose one of ${item.candidates.length} places.`;
      default: return "No place looks like it: name one with the finding's hint, or edit the input.";
    }
  }

  function drawPlacement(answer) {
    const items = answer && answer.kind === "curl" ? answer.placeholders : [];
    $("placement").hidden = Boolean(answer && answer.kind === "config");
    for (const [placeholder, [selectId, noteId]] of Object.entries(PLACEMENT)) {
      const select = $(selectId);
      const chosen = select.value;
      const item = items.find((entry) => entry.placeholder === placeholder);
      const places = new Set(item ? item.candidates.map((candidate) => candidate.place) : []);
      if (item && item.place) places.add(item.place);
      if (chosen) places.add(chosen);
      const samples = new Map(item ? item.candidates.map((candidate) => [candidate.place, candidate.sample]) : []);
      select.replaceChildren(element("option", { value: "" }, "Detect automatically"),
        ...[...places].map((place) => element("option", { value: place },
          samples.has(place) ? `${place} (sample ${samples.get(place)})` : place)));
      select.value = chosen;
      $(noteId).textContent = item ? describePlacement(item) : "";
      select.dataset.outcome = item ? item.outcome : "";
    }
  }

  // ---- the request tab: render for the sample values, send only after the user names the host ------------------

  function requestBody() {
    const body = { ...inputBody(), values: { to: $("sample-to").value, body: $("sample-body").value } };
    if (state.fixes.length) body.fixes = state.fixes;
    return body;
  }

  async function renderRequest(sequence) {
    const answer = state.answer;
    const list = $("render-findings");
    $("send-result").textContent = "";
    state.rendered = null;
    if (!answer || !answer.config) {
      list.replaceChildren();
      $("request-http").textContent = "";
      drawPreflight(null);
      return;
    }
    const rendered = await post("/api/render", requestBody());
    if (sequence !== state.sequence) return;
    state.rendered = rendered;
    list.replaceChildren(...rendered.findings.map((finding) => element("li", { "data-code": finding.code },
      element("span", { className: "code" }, finding.code), ` ${finding.message}`)));
    $("request-http").textContent = rendered.http || "";
    drawPreflight(rendered);
  }

  /** Send only a complete config (the API says which placeholders are missing); export what was rendered. */
  function drawPreflight(rendered) {
    const missing = state.answer ? state.answer.missing : [];
    const send = $("send-test");
    send.disabled = !rendered || !rendered.request || missing.length > 0;
    $("send-note").textContent = missing.length
      ? `Sending is off: the config has no ${missing.join(" and no ")} yet, so the platform could not send.`
      : send.disabled ? "Sending is off until the request can be rendered." : "";
    drawExport();
  }

  function drawExport() {
    const exports = state.rendered && state.rendered.exports;
    const chosen = exports && exports[$("export-format").value];
    $("export-text").textContent = chosen ? chosen.shown : "";
    $("copy-export").disabled = !chosen;
  }

  const renderSoon = debounce(async () => {
    const sequence = ++state.sequence;
    try {
      await renderRequest(sequence);
    } catch (error) {
      toast(`Render failed: ${error.message}`);
    } finally {
      if (sequence === state.sequence) setBusy(false);
    }
  }, DEBOUNCE_MS);

  async function sendTest() {
    const rendered = state.rendered;
    const number = $("sample-to").value;
    if (!rendered || !rendered.host) return;
    if (!window.confirm(`Send one real SMS to ${number} through ${rendered.host}?\n\nIt goes to the provider and `
      + "may cost money.")) return;
    const output = $("send-result");
    output.className = "json";
    output.textContent = `Sending through ${rendered.host}…`;
    setBusy(true);
    try {
      const sent = await post("/api/send", { ...requestBody(), confirm_host: rendered.host });
      if (!sent.sent) {
        output.textContent = sent.error ? `Not sent: ${sent.error}`
          : `Not sent: ${sent.findings.map((finding) => `${finding.code} ${finding.message}`).join("; ")}`;
        output.className = "json refused";
        return;
      }
      const response = sent.response;
      const verdict = sent.verdict;
      const headers = response.headers.map((header) => `${header.key}: ${header.value}`).join("\n");
      output.textContent = `${verdict.word[0].toUpperCase()}${verdict.word.slice(1)} (${verdict.code} ${verdict.name}): `
        + `${verdict.reason}${verdict.message_id ? `\nmessage id: ${verdict.message_id}` : ""}`
        + `${verdict.warning ? `\nwarning: ${verdict.warning}` : ""}\n\n`
        + `HTTP ${response.status} ${response.reason}\n${headers}\n\n${response.body}`;
      output.className = `json ${verdict.confirmed ? "accepted" : "refused"}`;
    } catch (error) {
      output.textContent = `Not sent: ${error.message}`;
      output.className = "json refused";
    } finally {
      setBusy(false);
    }
  }

  // ---- actions -----------------------------------------------------------------------------------------------------

  function select(index) {
    const finding = state.answer.findings[index];
    state.selected = index;
    state.highlight = finding.line ? finding : null;
    for (const [i, button] of [...findingsList.querySelectorAll(".goto")].entries()) {
      button.setAttribute("aria-pressed", String(i === index));
    }
    const markNode = drawBackdrop();
    if (markNode) {
      source.scrollTop = Math.max(0, markNode.offsetTop - source.clientHeight / 3);
      backdrop.scrollTop = source.scrollTop;
    }
  }

  async function applyFix(finding, unsafe) {
    if (unsafe && !window.confirm(`Apply an unsafe fix?\n\n${finding.code}: ${finding.fix.description}\n\n`
      + "Unsafe fixes guess at what the provider meant: check the result.")) return;
    const step = { code: finding.code, unsafe };
    if (state.answer.kind === "curl") { // the command is the provider's sample: the fix applies to its config
      state.fixes = [...state.fixes, step];
      await refresh();
      return;
    }
    setBusy(true);
    try { // a config JSON is rewritten, as lint --fix rewrites the file
      const answer = await post("/api/fix", { ...inputBody(), fixes: [step] });
      source.value = answer.text;
      state.answer = answer;
      state.highlight = null;
      state.selected = -1;
      render();
      await renderRequest(state.sequence);
    } catch (error) {
      toast(`The fix failed: ${error.message}`);
    } finally {
      setBusy(false);
    }
  }

  async function copy(text, what) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const scratch = element("textarea", {}, text);
      document.body.append(scratch);
      scratch.select();
      document.execCommand("copy");
      scratch.remove();
    }
    toast(`Copied ${what}`);
  }

  function download() {
    const answer = state.answer;
    const url = URL.createObjectURL(new Blob([answer.config_json], { type: "application/json" }));
    const link = element("a", { href: url, download: `${answer.config.name || "provider"}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  let toastTimer = 0;
  function toast(message) {
    const node = $("toast");
    node.textContent = message;
    node.classList.add("shown");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => node.classList.remove("shown"), 2000);
  }

  // ---- tabs (WAI-ARIA: arrow keys move between tabs, Tab moves into the panel) ----------------------------------

  function setupTabs() {
    const tabs = [...document.querySelectorAll("[role=tab]")];
    const choose = (tab) => {
      for (const other of tabs) {
        const selected = other === tab;
        other.setAttribute("aria-selected", String(selected));
        other.tabIndex = selected ? 0 : -1;
        $(other.getAttribute("aria-controls")).hidden = !selected;
      }
    };
    for (const tab of tabs) {
      tab.addEventListener("click", () => choose(tab));
      tab.addEventListener("keydown", (event) => {
        const visible = tabs.filter((candidate) => !candidate.hidden);
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        const next = visible[(visible.indexOf(tab) + step + visible.length) % visible.length];
        choose(next);
        next.focus();
        event.preventDefault();
      });
    }
  }

  source.addEventListener("input", () => {
    setBusy(true);
    state.highlight = null;
    drawBackdrop();
    refreshSoon();
  });
  source.addEventListener("focus", () => { // from the keyboard, the input opens with the finding's span selected
    if (state.highlight) source.setSelectionRange(...rangeOf(source.value, state.highlight));
  });
  source.addEventListener("scroll", () => { backdrop.scrollTop = source.scrollTop; });
  nameInput.addEventListener("input", () => { setBusy(true); refreshSoon(); });
  for (const id of ["placeholders", "to-place", "body-place"]) {
    $(id).addEventListener("change", () => { setBusy(true); refresh(); }); // a choice re-imports at once
  }
  for (const id of ["sample-to", "sample-body"]) {
    $(id).addEventListener("input", () => { setBusy(true); renderSoon(); });
  }
  $("send-test").addEventListener("click", sendTest);
  $("export-format").addEventListener("change", drawExport);
  $("copy-export").addEventListener("click", () => copy(state.rendered.exports[$("export-format").value].text,
    `the ${$("export-format").selectedOptions[0].textContent} export`));
  reveal.addEventListener("change", () => { render(); if (state.answer) refresh(); });
  $("undo-fixes").addEventListener("click", () => { state.fixes = []; refresh(); });
  $("copy-json").addEventListener("click", () => copy(state.answer.config_json, "the config JSON"));
  $("download-json").addEventListener("click", download);
  setupTabs();
  render();
  setBusy(false);
})();
