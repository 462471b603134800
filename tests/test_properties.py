"""Property tests: whatever text or JSON comes in, curlport answers with results or its own errors, never a crash.

Every input goes the whole way a user's would (``whole_way.py``): import, the rules,
the fixes, every lint reporter (whose text must be printable and, for machine formats,
parse), ``show``'s form view, render and every export format. Only ``CurlportError``
may come out. The inputs are
generated curl-like commands, mutated fixture commands, any JSON value, and fixture
configs with a wrong value at a key of the schema. Budgets are bounded (about 20
seconds in all): coverage-guided fuzzing for hours is ``fuzz/run.sh``'s job.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from fixture_cases import CONFIG_DIR, CURL_DIR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whole_way import everywhere, fixes_converge, import_every_way

from curlport.config.schema import is_valid, schema_text
from curlport.importer import import_curl
from curlport.lint.runner import lint_text
from curlport.preflight.export import export
from curlport.preflight.load import load_config
from curlport.preflight.provider import Provider
from curlport.rules import cp211_header_line_break

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CURL_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(CURL_DIR.glob("*.curl"))]
CONFIGS = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(CONFIG_DIR.glob("*.json"))
           if path.name.count(".") == 1]
SCHEMA_KEYS = sorted(json.loads(schema_text())["properties"])


# --- any text as a curl command -------------------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "-d", "-H", "-u", "-X", "POST", "GET", "PUT", "--data-urlencode", "--data-raw", "--data-binary", "-G", "--json",
    "--url-query", "--oauth2-bearer", "-F", "--basic", "--digest", "-k", "--compressed", "-I", "-T", "x", "--url",
    "-K", "@file", "@-", "\\\n", "|", ";", "&&", "$'\\x41\\u00e9'", "$'\\ud800'", "`u{dfff}", "'{\"a\": \"\\ud800\"}'",
    '"', "'", "`", "$(x)", "${X}", "$X", "{", "}",
    "[", "]", "^\"", "^", "%", "#", "&", "=", "a=b", "to=$$To", "text=$$Body", "$$to", "$$Body", "Authorization:",
    "'Authorization: Basic é'", "'Authorization: Basic dXNlcjpwYXNz'", "'Content-Type: application/json'",
    "'{\"to\": \"$$To\", \"n\": [1, 2]}'", "Bearer", "X-Api-Key:", "key=abc", "+919999999999", "\u201cquoted\u201d",
    "\r\n", "\t", "\\", "http://[::1/send", "https://a.example:x/", "https://sms.example.com/send?to=1&text=hi",
    "http://user:pass@h.example/p", "sms.example.com/send", "ftp://h/", "https://[password]/", "-w", "%{http_code}",
])
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@st.composite
def _commands(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS | _TEXT, max_size=14))
    return "curl " + " ".join(words)


@st.composite
def _mutated_commands(draw: st.DrawFn) -> str:
    """A fixture command with a few characters cut, repeated or inserted."""
    text = draw(st.sampled_from(CURL_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 12)))
        edit = draw(st.sampled_from(["cut", "repeat", "insert"]))
        if edit == "cut":
            text = text[:start] + text[end:]
        elif edit == "repeat":
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:start] + draw(_WORDS | _TEXT) + text[start:]
    return text


@PROPERTY
@given(text=_commands() | _mutated_commands() | st.text(max_size=200))
def test_any_text_imports_or_fails_with_a_curlport_error(text: str) -> None:
    import_every_way(text)
    everywhere(text.encode("utf-8", errors="surrogatepass"), "property.curl")


# --- any JSON as a config -----------------------------------------------------------------------------------------

_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
            | st.text(max_size=12) | st.sampled_from(["$$To", "$$Body", "GET", "POST", "form", "raw", "json", "basic",
                                                     "oauth2", "https://a.example/s?to=$$To", "http://[::1/send"]))
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=8) | st.sampled_from(["key", "value", "format", "body",
                                                                                "fields", "type"]), inner, max_size=4),
                     max_leaves=12)


def _pointers(value: Any, pointer: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every place in a JSON value, as a path of keys and indexes (the root too)."""
    found = [pointer]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _pointers(item, (*pointer, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _pointers(item, (*pointer, index))
    return found


@st.composite
def _mutated_configs(draw: st.DrawFn) -> Any:
    """A fixture config with one to three values replaced by any JSON (a wrong type), deleted, or a schema key
    the fixture lacks added with any value."""
    config: Any = copy.deepcopy(draw(st.sampled_from(CONFIGS)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_pointers(config)))
        new = draw(_JSON)
        if not path:
            config = {**config, draw(st.sampled_from(SCHEMA_KEYS)): new} if isinstance(config, dict) else new
            continue
        parent = config
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = new
    return config


def _as_text(draw: st.DrawFn, value: Any) -> str:
    return json.dumps(value, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))


@PROPERTY
@given(data=st.data())
def test_any_json_lints_fixes_and_reports_without_a_crash(data: st.DataObject) -> None:
    everywhere(_as_text(data.draw, data.draw(_mutated_configs() | _JSON)).encode("utf-8"), "property.json")


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from('{}[]":,0123456789.eE+-\\u tfalsnr d8'), max_size=60))
def test_json_like_text_is_parsed_or_a_cp000(text: str) -> None:
    """Broken and odd JSON (lone surrogate escapes, huge numbers, deep nesting) is CP000, never a crash."""
    report = lint_text(text.encode(), "property.json", fix=True)
    assert all(f.code != "CP000" or f.span is not None for f in report.findings)
    fixes_converge(text)


# --- round trips of the configs pre-flight accepts ------------------------------------------------------------------

@PROPERTY
@given(config=_mutated_configs())
def test_valid_mutated_configs_export_and_import_back(config: Any) -> None:
    """export -> import -> export gives the same command, for every mutated config that is still valid.

    The configs may differ where the request does not (form fields [] is no body): the request is what must
    survive, and tests/test_export.py asserts config equality on the shapes the importer makes. Detection is
    off: a config without $$Body would otherwise gain one where the message seems to be. A header with a line
    break (CP211, an error: no request carries it as the config shows it) has no request to survive.
    """
    data = json.dumps(config).encode()
    everywhere(data, "property.json")
    if not is_valid(config) or any(cp211_header_line_break.check(config)):
        return
    provider = load_config(data, "property.json").provider()
    if isinstance(provider, Provider):
        exported = export(provider, "curl", show_secrets=True)
        imported = import_curl(exported, name=config["name"], placeholders="none").config
        provider = load_config(json.dumps(imported).encode(), "again.json").provider()
        assert isinstance(provider, Provider) and export(provider, "curl", show_secrets=True) == exported


def test_the_fixture_corpus_is_there() -> None:
    """The generators draw from the fixtures: without them these tests would test little."""
    assert len(CURL_TEXTS) > 20 and len(CONFIGS) > 20 and "endpoint" in SCHEMA_KEYS
