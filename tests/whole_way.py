"""The whole way a user's text goes, for the property tests, the crash regressions and the fuzz harness alike.

Import (with its fixes and rules), lint with every fix, every reporter (its output
printable as UTF-8 and, for machine formats, well-formed), ``--fix`` twice (the second
run must change nothing), ``show``'s form view, render (its body must decode back to
the values) and every export format. Only ``CurlportError`` may come out of curlport;
anything else, or a failed assertion here, is a bug.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl
from xml.etree import ElementTree

from curlport.config.form_view import render_form
from curlport.errors import CurlportError
from curlport.importer import import_curl
from curlport.inputs import decode_input
from curlport.json_positions import load_json
from curlport.lint.fixes import fix_import, fix_json_text
from curlport.lint.placed import check_import
from curlport.lint.reporters import REPORTERS, LintRun, ReportOptions
from curlport.lint.runner import lint_text
from curlport.preflight.export import FORMATS, export
from curlport.preflight.load import load_config
from curlport.preflight.provider import FormParameters, Provider
from curlport.preflight.render import PLACEHOLDER, Values, render

ROOT = Path(__file__).resolve().parent.parent
VALUES = Values("+15550100", 'Hi & bye 100% "ok"\n', "T-1", "M-1")


def printable(text: str) -> None:
    """Output must reach a UTF-8 terminal: a lone surrogate in it would crash the print."""
    text.encode("utf-8")


def well_formed(output_format: str, text: str) -> None:
    """A machine format is what its reader parses, whatever the findings say (quotes, control characters)."""
    if output_format in ("json", "sarif", "gitlab"):
        json.loads(text)
    elif output_format == "json-lines":
        for line in text.splitlines():
            json.loads(line)
    elif output_format == "junit":
        ElementTree.fromstring(text)


def import_every_way(text: str, allow_file_refs: Path | None = None) -> None:
    """Import, the fixes and the rules of the config it makes, whose --fix then converges."""
    try:
        result = import_curl(text, name="whole-way", source_name="whole-way.curl", allow_file_refs=allow_file_refs)
    except CurlportError:
        return
    fixed, _ = fix_import(result, unsafe=True)
    check_import(fixed)
    printable(fixed.config_json)
    fixes_converge(fixed.config_json)


def everywhere(data: bytes, name: str) -> None:
    """The file ``name`` through lint (with every fix), every reporter with both sets of options, and pre-flight;
    a .json file also through --fix twice and the form view."""
    run = LintRun((lint_text(data, name, fix=True, unsafe_fixes=True),), root=ROOT)
    for options in (ReportOptions(), ReportOptions(show_secrets=True, show_fixes=True)):
        for reporter in REPORTERS.values():
            output = reporter.render(run, options)
            printable(output)
            well_formed(reporter.name, output)
            printable(reporter.statistics(run, options))
    if name.endswith(".json"):
        _fix_and_show(data)
    _preflight(data, name)


def fixes_converge(text: str) -> None:
    """--fix reaches its fixed point in one run: a second run changes nothing."""
    once = fix_json_text(text, unsafe=True)
    assert fix_json_text(once.text, unsafe=True).text == once.text


def _fix_and_show(data: bytes) -> None:
    try:
        text = decode_input(data)
    except CurlportError:
        return
    fixes_converge(text)
    try:
        config = load_json(text)
    except json.JSONDecodeError:
        return
    if isinstance(config, dict):
        printable(render_form(config))
        printable(render_form(config, show_secrets=True))


def _preflight(data: bytes, name: str) -> None:
    try:
        loaded = load_config(data, name)
    except CurlportError:
        return
    provider = loaded.provider()
    if not isinstance(provider, Provider):
        return
    for output_format in FORMATS:
        for show_secrets in (False, True):
            printable(export(provider, output_format, show_secrets=show_secrets))
    try:
        import_curl(export(provider, "curl", show_secrets=True), name="round-trip")
        rendered = render(provider, VALUES)
    except CurlportError:
        return
    _assert_decodes(provider, rendered.request.body)


def _assert_decodes(provider: Provider, body: str | None) -> None:
    """render -> decode: a form body reads back as the fields with the values in; a JSON body parses."""
    parameters = provider.parameters
    if isinstance(parameters, FormParameters):
        assert body is not None
        filled = [(field.key, PLACEHOLDER.sub(lambda m: VALUES.of(m.group()) or "", field.value))
                  for field in parameters.fields]
        assert parse_qsl(body, keep_blank_values=True) == [pair for pair in filled if pair != ("", "")]
    elif parameters is not None and parameters.json:
        assert body is not None
        json.loads(body)
