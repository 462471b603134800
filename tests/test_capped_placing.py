"""Findings are capped before they are placed: the same ones are shown, and the same rest counted, as when every
finding was placed in the text first and the first ``MAX_PER_CODE`` of each code kept after.

A megabyte of repeated placeholders has 350,000 findings; only the first hundred of each code are shown, so only
those are placed (``placed_findings``). The others are ordered by ``Locator.where`` alone. These tests hold the
shortcut to the long way: on every fixture, with caps small enough that most codes overflow them, and on large
generated inputs whose counts are known from how they were written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_cases import ROOT
from test_finding_spans import fixture_files

from curlport.cli import main
from curlport.errors import CurlportError
from curlport.findings import MAX_PER_CODE, capped
from curlport.importer import import_curl
from curlport.json_positions import parse_with_positions
from curlport.lint.placed import Locator, curl_locator
from curlport.lint.runner import json_locator, lint_text
from curlport.rules import each_problem
from curlport.rules.base import Problem, walked
from curlport.source import Source

#: Caps under which most fixtures have a code with more findings than are shown.
_SMALL_CAPS = (1, 2, 3)


def _inputs() -> list[Path]:
    return [*fixture_files(), *sorted((ROOT / "fixtures" / "blind").glob("*.curl"))]


@pytest.mark.parametrize("path", _inputs(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_capping_first_shows_and_counts_what_placing_everything_first_did(path: Path) -> None:
    data = path.read_bytes()
    everything = lint_text(data, path.name).findings  # no limit: every finding placed, in file order
    for limit in _SMALL_CAPS:
        report = lint_text(data, path.name, limit=limit)
        assert (report.findings, report.omitted) == capped(everything, limit), limit


def test_the_fixtures_overflow_the_small_caps() -> None:
    """The test above compares something: most codes of many fixtures have more findings than a cap of 1 shows."""
    overflowing = [path for path in _inputs() if lint_text(path.read_bytes(), path.name, limit=1).omitted]
    assert len(overflowing) >= 50


def _problems_and_locator(path: Path) -> tuple[list[Problem], Locator]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".curl":
        result = import_curl(text, name=path.stem, source_name=path.name)
        config = walked(result.config, result.detected)
        return [problem for _, problem in each_problem(config)], curl_locator(result, config)
    config, offsets = parse_with_positions(text)
    if not isinstance(config, dict):
        return [], json_locator(Source(text), offsets)
    return [problem for _, problem in each_problem(config)], json_locator(Source(text), offsets)


@pytest.mark.parametrize("path", [path for path in _inputs() if "malformed" not in path.parts],
                         ids=lambda path: f"{path.parent.name}/{path.name}")
def test_where_is_where_the_span_starts(path: Path) -> None:
    try:
        problems, locate = _problems_and_locator(path)
    except CurlportError:
        pytest.skip("a text that does not import has no problems to place")
    source = Source(path.read_text(encoding="utf-8"))
    for problem in problems:
        span = locate(problem)
        assert locate.where(problem) == (locate.start(span) if span else -1), problem
        # the offset of each span's start gives back its line and column: offsets sort as lines and columns do
        assert span is None or source.position(locate.start(span)) == (span.line, span.column), problem
    # all at once (a crowded code's problems), each where it is alone
    assert locate.wheres(problems) == [locate.where(problem) for problem in problems]


def _placeholders(count: int) -> bytes:
    """A JSON body of ``count`` times '$$To $$Body ': each placeholder breaks the JSON (CP302), each but the first of
    its kind repeats one (CP106)."""
    return ("curl https://sms.example.com/send -H 'Content-Type: application/json' --data-raw '"
            + "$$To $$Body " * count + "'").encode()


def test_a_large_import_shows_the_same_findings_as_placing_them_all() -> None:
    text = _placeholders(2_000).decode()
    everything = lint_text(text.encode(), "big.curl").findings
    report = lint_text(text.encode(), "big.curl", limit=MAX_PER_CODE)
    assert (report.findings, report.omitted) == capped(everything)
    assert [(f.code, f.span.line, f.span.column) for f in report.findings if f.code in {"CP106", "CP302"}][:3] \
        == [("CP302", 1, 83), ("CP302", 1, 88), ("CP106", 1, 95)]


def run(*args: str, stdin: bytes) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_import_counts_what_it_does_not_show() -> None:
    code, _, err = run("import", "-", stdin=_placeholders(5_000))
    more = [line for line in err.splitlines() if "more" in line]
    assert code == 1 and more == ["<stdin>: … and 9,900 more CP302 in this file",
                                  "<stdin>: … and 9,898 more CP106 in this file"]
    assert err.count(": CP302 error") == err.count(": CP106 warning") == MAX_PER_CODE


def test_lint_counts_what_it_does_not_show_at_the_severity_asked_for() -> None:
    every = run("lint", "--isolated", "--format", "concise", "-", "--stdin-filename", "big.curl",
                stdin=_placeholders(3_000))[1]
    errors = run("lint", "--isolated", "--format", "concise", "--severity", "error", "-", "--stdin-filename",
                 "big.curl", stdin=_placeholders(3_000))[1]
    assert [line for line in every.splitlines() if "more" in line] == \
        ["big.curl: … and 5,900 more CP302 in this file", "big.curl: … and 5,898 more CP106 in this file"]
    assert [line for line in errors.splitlines() if "more" in line] == ["big.curl: … and 5,900 more CP302 in this file"]


def test_a_config_with_thousands_of_placeholders_counts_them() -> None:
    body = '$$To \\"$$Body\\" ' * 3_000
    config = ('{"name": "big", "method": "POST", "endpoint": "https://sms.example.com/send", "auth": null, '
              f'"headers": [], "parameters": {{"format": "raw", "body": "{body}"}}}}').encode()
    everything = lint_text(config, "big.json").findings
    report = lint_text(config, "big.json", limit=MAX_PER_CODE)
    assert (report.findings, report.omitted) == capped(everything)
    assert [(each.code, each.count) for each in report.omitted] == [("CP106", 5_898)]
