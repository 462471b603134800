"""Every finding points at its own characters, and says each problem once.

A finding that names a value (the first single-quoted text of its message, the
convention every rule and note follows) has that value under its caret: in the
text report, in GitHub annotations and in SARIF regions. Codes of one family
(the same cause said by the import and by a rule) never stand twice at one span.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, unquote_plus

import pytest
from fixture_cases import CONFIG_DIR, CURL_DIR, MALFORMED_DIR, ROOT, lint_output

from curlport.findings import Finding
from curlport.lint.runner import lint_text
from curlport.source import Source, Span

#: The first single-quoted text of a message (not an apostrophe: "recipient's") is the value the finding is about.
_NAMED = re.compile(r"(?<![\w'])'((?:[^'\\]|\\.)+?)'(?![\w])")
#: Messages in the words of the JSON reader (what it expected: checked by position below) and of the schema
#: validator (the schema's names and types).
_QUOTING_OTHERS = frozenset({"CP000", "CP305", "CP501"})
#: Codes that report one cause: the import's note and the rule that says it with what to do.
_FAMILIES = ({"CP001", "CP401"}, {"CP101", "CP402"}, {"CP102", "CP402"}, {"CP401", "CP402"}, {"CP201", "CP007"})


def fixture_files() -> list[Path]:
    configs = [path for path in CONFIG_DIR.glob("*.json") if path.name.count(".") == 1]
    malformed = [path for path in MALFORMED_DIR.glob("*.json") if path.name.count(".") == 1]
    return sorted([*CURL_DIR.glob("*.curl"), *configs, *malformed])


def _decodings(text: str) -> Iterator[str]:
    """The caret's text as written and as the config reads it: form- or percent-decoded, JSON-unescaped, or as a
    message's snippet shows a shell word (its quotes gone, its blanks and line breaks one space) or skipped text
    (its line breaks one space)."""
    yield text
    yield " ".join(text.replace("'", "").replace('"', "").split())
    yield " ".join(text.split())  # skipped text as CP010 quotes it: its line breaks one space, its quotes kept
    yield unquote_plus(text)
    yield unquote(text)
    with contextlib.suppress(ValueError):
        yield json.loads(f'"{text}"')
    basic = re.search(r"(?i)basic\s+([A-Za-z0-9+/=]+)", text)  # the auth fields an Authorization: Basic header gives
    if basic:
        with contextlib.suppress(ValueError):
            yield base64.b64decode(basic.group(1), validate=True).decode("utf-8", "replace")


_VARIABLE_USE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?|%([A-Za-z_][A-Za-z0-9_]*)%")


def _assigned(source: Source, under: str) -> str:
    """The values the text assigns to a variable used under the caret (``$BASE_URL``, applied as CP014 says): a
    value from a variable is pointed at where the command uses it."""
    uses = [bash or cmd for bash, cmd in _VARIABLE_USE.findall(under)]  # $NAME, ${NAME}, a batch file's %NAME%
    return "".join(match.group(1) for name in uses
                   for match in re.finditer(rf"^[ \t]*(?:export |local |set )?{name}=(.*)$", source.text, re.MULTILINE))


def _under(source: Source, span: Span) -> str:
    return source.text[source.offset(span.line, span.column) : source.offset(span.end_line, span.end_column)]


def misplaced(source: Source, code: str, message: str, span: Span | None) -> str | None:
    """Why a finding's caret is not on the value it names, or None when it is (or names none)."""
    named = _NAMED.search(message)
    if named is None or span is None or code in _QUOTING_OTHERS:
        return None
    value = named.group(1).rstrip("…")
    under = _under(source, span)
    if any(value in decoded for decoded in _decodings(under + _assigned(source, under))):
        return None
    if "***" in value:  # a secret masked in the message: the masked characters match any under the caret
        masked = re.compile(".+".join(re.escape(part) for part in re.split(r"\*{3,}", value)), re.S)
        if any(masked.search(decoded) for decoded in _decodings(under)):
            return None
    return f"{code} at {span.line}:{span.column} names {value!r} but points at {under[:60]!r}"


@pytest.mark.parametrize("path", fixture_files(), ids=lambda path: path.name)
def test_the_caret_is_on_the_value_the_finding_names(path: Path) -> None:
    report = lint_text(path.read_bytes(), path.name)
    assert report.source is not None
    wrong = [why for f in report.findings if (why := misplaced(report.source, f.code, f.message, f.span))]
    assert wrong == []


def _family(code: str) -> frozenset[str]:
    return frozenset().union(*(family for family in _FAMILIES if code in family)) or frozenset({code})


@pytest.mark.parametrize("path", fixture_files(), ids=lambda path: path.name)
def test_one_finding_per_cause_and_place(path: Path) -> None:
    findings: tuple[Finding, ...] = lint_text(path.read_bytes(), path.name).findings
    seen: dict[tuple[frozenset[str], Span], str] = {}
    repeated = []
    for finding in findings:
        if finding.span is None or finding.code in ("CP021", "CP022"):  # detection's own (merged on its branch)
            continue
        key = (_family(finding.code), finding.span)
        if key in seen:
            repeated.append(f"{seen[key]} and {finding.code} at {finding.span.line}:{finding.span.column}")
        seen[key] = finding.code
    assert repeated == []


def _sarif_results() -> Iterator[tuple[str, dict[str, object]]]:
    for run in json.loads(lint_output("sarif"))["runs"]:
        for result in run["results"]:
            yield result["ruleId"], result


def test_sarif_regions_are_on_the_value_too() -> None:
    wrong = []
    for code, result in _sarif_results():
        location = result["locations"][0]["physicalLocation"]  # type: ignore[index]
        region = location.get("region")
        if region is None:
            continue
        path = ROOT / location["artifactLocation"]["uri"]
        source = Source(path.read_bytes().decode("utf-8", "replace"), path.name)
        span = Span(region["startLine"], region["startColumn"], region["endLine"], region["endColumn"])
        why = misplaced(source, code, result["message"]["text"], span)  # type: ignore[index]
        if why:
            wrong.append(f"{path.name}: {why}")
    assert wrong == []


_ANNOTATION = re.compile(r"^::\w+ file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+)"
                         r"(?:,endLine=(?P<end_line>\d+))?,endColumn=(?P<end>\d+),title=(?P<title>[^:]+)::(?P<msg>.*)$")


def test_github_annotations_are_on_the_value_too() -> None:
    wrong, seen = [], 0
    for line in lint_output("github").splitlines():
        match = _ANNOTATION.match(line)
        if match is None:
            continue
        seen += 1
        path = ROOT / match["file"]
        source = Source(path.read_bytes().decode("utf-8", "replace"), path.name)
        line_no = int(match["line"])
        span = Span(line_no, int(match["col"]), int(match["end_line"] or line_no), int(match["end"]))
        message = match["msg"].replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        why = misplaced(source, match["title"].split()[0], message, span)
        if why:
            wrong.append(f"{path.name}: {why}")
    assert seen > 100 and wrong == []


@pytest.mark.parametrize("body", ['{"to": "$$To", "text": "$$Body",}', '{"to": "$$To" "text": "$$Body"}',
                                  '{"to": "$$To", "text": "$$Body"]', '[{"to": "$$To"}, {"text": "$$Body"]'])
def test_a_json_error_points_where_the_reader_stopped(body: str) -> None:
    """The same character in a curl command's body (CP305) and in a config file that is not JSON (CP000); where the
    body's flaw is a trailing comma, CP305 names the comma itself (the reader stops one character after it)."""
    with pytest.raises(json.JSONDecodeError) as raised:
        json.loads(body)
    stopped = raised.value.pos
    flaw = body.rindex(",") if body.endswith(",}") else stopped
    curl = f"curl https://sms.example.com/send -H 'Content-Type: application/json' -d '{body}'\n"
    [finding] = [f for f in lint_text(curl.encode(), "c.curl").findings if f.code == "CP305"]
    assert finding.span is not None
    assert (finding.span.line, finding.span.column) == (1, curl.index(body) + flaw + 1)
    [error_finding] = lint_text(body.encode(), "c.json").findings
    assert error_finding.span is not None and error_finding.code == "CP000"
    assert (error_finding.span.line, error_finding.span.column) == (1, stopped + 1)


@pytest.mark.parametrize("layout", ["json", "query"])
def test_a_value_repeated_many_times_has_a_caret_at_each_of_its_places(layout: str) -> None:
    """The n-th finding on a repeated value points at the n-th place it is written, however many there are."""
    if layout == "json":
        body = json.dumps({f"k{i}": "<string>" for i in range(300)} | {"to": "$$To", "text": "$$Body"})
        text = f"curl https://x.example/s -H 'Content-Type: application/json' -d '{body}'\n"
    else:
        text = "curl 'https://x.example/s?" + "&".join(f"key{i}=xxxxx" for i in range(300)) + "&to=$$To&m=$$Body'\n"
    report = lint_text(text.encode(), "many.curl")
    assert report.source is not None
    spans = [f.span for f in report.findings if f.code == "CP401" and f.span is not None]
    assert len(spans) == len(set(spans)) == 300
    assert {_under(report.source, span) for span in spans} == {"<string>" if layout == "json" else "xxxxx"}
