"""Issue 19, classes 3 to 5, proven by generating each class from every provider fixture (metamorphic tests).

Each fixture with known places (``fixtures/curl/<case>.places.toml``) is rewritten into every variant of its
class that applies (``curlport.variants.mislabelled``, ``.shell``, ``.url_templates``): the rewritten text must
be placed as the fixture is (judged as ``curlport.detect_report`` judges). Where curl would send the same request
(every shell wrapper and respelling), or the doc means it (the repaired spellings), the config is the fixture's
too, with ``--placeholders none`` as with detection; the real curl binary confirms that the wrappers hand it the
fixture's own words.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from capture import CaptureProxy
from fixture_cases import CURL_DIR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_curl_truth import _assert_same_request, _curl_argv

from curlport import import_curl
from curlport.config.detect import Decision, detect
from curlport.config.detect.lenient import read
from curlport.detect_report import judge
from curlport.findings import Severity
from curlport.lint.placed import check_import
from curlport.variants import mislabelled, shell, url_templates
from curlport.variants.base import Variant, fixtures

MODULES = (mislabelled, shell, url_templates)
ROLES = {"recipient": "to", "message": "body"}
#: Shell-context variants that change nothing curl receives: the fixture's own words, in the same order.
FAITHFUL = frozenset(shell._WRAPPERS) | {"postman", "cmd", "pwsh"}


FIXTURES = {stem: (text, expected) for stem, text, expected in fixtures(CURL_DIR)}
VARIANTS = [variant for stem, (text, expected) in FIXTURES.items() for module in MODULES
            for variant in module.variants(stem, text, expected)]


def _label(variant: Variant) -> str:
    return variant.case.split("/", 1)[1]


def _decisions(text: str) -> tuple[Decision, ...]:
    """What detection concludes on the samples as curl sends them (as ``detect_report.evaluate`` does)."""
    return detect(import_curl(text, placeholders="none").config).decisions


def _placement(text: str, expected: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Per placeholder: the verdict against the expected places, and the place it took (or the outcome)."""
    placed = []
    for decision in _decisions(text):
        key = ROLES[decision.role]
        wanted = str(expected.get(key, ""))
        if wanted:
            verdict = judge(decision, wanted, list(expected.get(f"{key}_candidates", [])))
            where = str(decision.slot.place) if decision.to_write or decision.outcome == "present" else ""
            placed.append((decision.role, verdict, where if decision.slot else decision.outcome))
    return placed


def test_every_class_has_variants_from_most_fixtures() -> None:
    """The generators apply: each class rewrites most fixtures, so a class that stops applying is noticed."""
    counts = Counter((variant.klass, variant.case.split("/")[0]) for variant in VARIANTS)
    for module in MODULES:
        rewritten = {stem for klass, stem in counts if klass == module.KLASS}
        assert len(rewritten) >= len(FIXTURES) // 2, module.KLASS


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: f"{variant.klass}:{variant.case}")
def test_variant_is_placed_as_its_fixture(variant: Variant) -> None:
    stem = variant.case.split("/")[0]
    text, expected = FIXTURES[stem]
    assert _placement(variant.text, variant.expected) == _placement(text, expected)


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v.klass == shell.KLASS],
                         ids=lambda variant: variant.case)
@pytest.mark.parametrize("placeholders", ["auto", "none"])
def test_shell_context_keeps_the_config(variant: Variant, placeholders: str) -> None:
    """Wrapped, respelled or repaired, the command means the fixture's request: the same config."""
    stem = variant.case.split("/")[0]
    mode = "auto" if placeholders == "auto" else "none"
    want = import_curl(FIXTURES[stem][0], name=stem, placeholders=mode).config
    if _label(variant) == "bare-url-no-scheme":  # curl's scheme for a URL without one: http://
        want = {**want, "endpoint": "http://" + want["endpoint"].partition("://")[2]}
    assert import_curl(variant.text, name=stem, placeholders=mode).config == want


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v.klass == url_templates.KLASS],
                         ids=lambda variant: variant.case)
def test_template_url_keeps_the_config_but_the_base(variant: Variant) -> None:
    """The template stands where scheme and host were, never behind an invented http://; nothing else moves."""
    stem = variant.case.split("/")[0]
    got = import_curl(variant.text, name=stem, placeholders="none").config
    want = import_curl(FIXTURES[stem][0], name=stem, placeholders="none").config
    if _label(variant) == "angle-brackets":
        assert got == want
        return
    template, takes_slash = url_templates.STYLES[_label(variant)]
    assert got["endpoint"].startswith(template)
    base = want["endpoint"].split("/", 3)
    assert got["endpoint"] == template + ("" if takes_slash else "/") + base[3]
    assert {**got, "endpoint": ""} == {**want, "endpoint": ""}


def _faithful() -> Iterator[Variant]:
    return (variant for variant in VARIANTS if variant.klass == shell.KLASS and _label(variant) in FAITHFUL)


@pytest.mark.parametrize("variant", list(_faithful()), ids=lambda variant: variant.case)
def test_faithful_wrapper_hands_curl_the_fixture_words(variant: Variant) -> None:
    """What curl receives is the fixture's words (plus Postman's --location): the fixture's curl truth holds."""
    added = ["--location"] if _label(variant) == "postman" else []
    assert _curl_argv(variant.text) == added + _curl_argv(FIXTURES[variant.case.split("/")[0]][0])


@pytest.mark.skipif(shutil.which("curl") is None, reason="the curl binary is not installed")
@pytest.mark.parametrize("label", sorted(FAITHFUL))
def test_real_curl_sends_the_config_of_a_wrapped_command(proxy: CaptureProxy, label: str) -> None:
    """One fixture per wrapper through the real curl binary (the rest share its words: the test above)."""
    variant = next(v for v in _faithful() if v.case == f"textlocal/{label}")
    config = import_curl(variant.text, placeholders="none").config
    _assert_same_request(config, proxy.run_curl(_curl_argv(variant.text)))


# ---- the classes as spaces ------------------------------------------------------------------------------------

_NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,15}", fullmatch=True)  # as CP401 knows them
_URL_FIXTURES = sorted(stem for stem, (text, _) in FIXTURES.items()
                       if any(_label(v) == "double-braces" for v in url_templates.variants(stem, text, {})))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=st.sampled_from(_URL_FIXTURES), name=_NAMES,
       style=st.sampled_from(["{%s}", "{{%s}}", "$%s", "${%s}", "<%s>"]))
def test_any_template_name_and_style_is_kept_where_the_base_was(stem: str, name: str, style: str) -> None:
    text, expected = FIXTURES[stem]
    template = style % name
    variant = next(v for v in url_templates.variants(stem, text, expected) if _label(v) == "double-braces")
    rewritten = variant.text.replace("{{api_url}}", template, 1)
    config = import_curl(rewritten, placeholders="none").config
    assert config["endpoint"].startswith(template + "/")
    assert _placement(rewritten, expected) == _placement(text, expected)


_FLATTENED = sorted({v.case.split("/")[0] for v in VARIANTS if _label(v) == "flattened"})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=st.sampled_from(_FLATTENED), blanks=st.lists(st.sampled_from([" ", "  ", "\t", " \t "]), min_size=1))
def test_continuations_flattened_with_any_blanks_keep_the_config(stem: str, blanks: list[str]) -> None:
    text = FIXTURES[stem][0]
    pieces = text.split("\\\n")
    flattened = pieces[0] + "".join("\\" + blanks[i % len(blanks)] + piece.lstrip(" ")
                                    for i, piece in enumerate(pieces[1:]))
    assert import_curl(flattened, placeholders="none").config == import_curl(text, placeholders="none").config


_KEYS = st.from_regex(r"[a-z][a-z_]{0,9}", fullmatch=True)
_TEXTS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ,.!?]{0,20}", fullmatch=True)


@settings(max_examples=80, deadline=None)
@given(document=st.dictionaries(_KEYS, _TEXTS, min_size=1, max_size=6),
       typo=st.sampled_from(sorted(mislabelled.TYPOS)))
def test_lenient_reading_finds_every_value_where_it_is_written(document: dict[str, str], typo: str) -> None:
    """Whatever the members, a typo'd JSON body reads to its values, each at the characters that hold it."""
    body = mislabelled.TYPOS[typo](json.dumps(document))
    if body is None:
        return
    reading = read(body)
    assert reading is not None and reading.shape == "json" and reading.flaws
    for key, value in reading.document.items():
        start, end = reading.spans[(key,)]
        assert body[start + 1 : end - 1].replace("\\", "") == value.replace("\\", "")


# ---- what the import says of a mislabelled body ---------------------------------------------------------------

_MISLABELLED = [v for v in VARIANTS if v.klass == mislabelled.KLASS]
#: The one finding each kind of mislabelling adds: the body's real shape (CP305), or the template type (CP401).
_NAMED_BY = {"form-as-json": "CP305", "form-as-template": "CP401", "json-as-form": "CP301",
             "json-as-template": "CP401", **dict.fromkeys(mislabelled.TYPOS, "CP305")}


def _errors(text: str) -> Counter[str]:
    """The error and warning codes of importing the samples as curl sends them (no placeholder written)."""
    return Counter(f.code for f in check_import(import_curl(text, placeholders="none"))
                   if f.severity in (Severity.ERROR, Severity.WARNING))


@pytest.mark.parametrize("variant", _MISLABELLED, ids=lambda variant: variant.case)
def test_mislabelled_body_is_one_finding(variant: Variant) -> None:
    """The import adds one error to the fixture's own: the real problem (CP305, or CP401 at the template type)."""
    code, errors = _NAMED_BY[_label(variant)], _errors(variant.text)
    before = _errors(FIXTURES[variant.case.split("/")[0]][0])
    expected = before.copy()  # CP305 once for the body, however many typos; another finding once more
    expected[code] = 1 if code == "CP305" else before[code] + 1
    assert errors == expected


@pytest.mark.parametrize("variant", _MISLABELLED, ids=lambda variant: variant.case)
def test_mislabelled_body_places_are_answerable(variant: Variant) -> None:
    """The places detection takes in the fixture, named with --to/--body (as an operator answering an ask, or the
    page's list, would), are accepted on the mislabelled body and written there."""
    fixture = FIXTURES[variant.case.split("/")[0]][0]
    chosen = {ROLES[d.role]: str(d.slot.place) for d in _decisions(fixture) if d.to_write and d.slot is not None}
    result = import_curl(variant.text, placeholders="none", **chosen)
    assert sorted(str(s.place) for s in result.substitutions) == sorted(chosen.values())


# ---- each repair, at its line and column ----------------------------------------------------------------------

REPAIRS = [
    # (text, the finding's code, line, column, a (config key, value) the repair must give)
    ("curl https://a.example.com/sms -H Authorization: Basic QUMxOnNlY3JldA== -d to=1",
     "CP001", 1, 35, ("auth", {"type": "basic", "username": "AC1", "password": "secret"})),
    ("curl https://a.example.com/sms Content-Type:application/json -d '{}'",
     "CP001", 1, 32, ("headers", [{"key": "Content-Type", "value": "application/json"}])),
    ("curl.exe -X POST https://a.example.com/sms ` -d to=1",
     "CP001", 1, 44, ("method", "POST")),
    ('curl -X POST ^"https://a.example.com/sms^" ^ -d ^"to=1^"',
     "CP001", 1, 44, ("method", "POST")),
    ("R=`curl https://a.example.com/sms -d to=1`\necho \"$R\"",
     "CP010", 1, 4, ("endpoint", "https://a.example.com/sms")),
    ("echo $(curl https://a.example.com/sms -d to=1)",
     "CP010", 1, 8, ("endpoint", "https://a.example.com/sms")),
    ("# the GET API\nhttps://a.example.com/send?to=1&text=Hi",
     "CP019", 2, 1, ("method", "GET")),
    ("POST https://a.example.com/send?to=1&text=Hi",
     "CP019", 1, 6, ("method", "POST")),
    ("curl '<https://a.example.com/sms>' -d to=1",
     "CP001", 1, 7, ("endpoint", "https://a.example.com/sms")),
    ("curl '$BASE_URL/sms' -d to=1",
     "CP401", 1, 7, ("endpoint", "$BASE_URL/sms")),
]


@pytest.mark.parametrize(("text", "code", "line", "column", "gives"), REPAIRS)
def test_repair_is_said_at_its_place(text: str, code: str, line: int, column: int, gives: tuple[str, Any]) -> None:
    result = import_curl(text, placeholders="none")
    assert (code, line, column) in {(f.code, f.span.line, f.span.column) for f in check_import(result) if f.span}
    assert result.config[gives[0]] == gives[1]


_COMPOSABLE = sorted(label for label in shell._WRAPPERS if label != "backticks")
_BASH_FIXTURES = sorted(stem for stem, (text, _) in FIXTURES.items()
                        if any(_label(v) == "pipe-jq" for v in shell.variants(stem, text, {})))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=st.sampled_from(_BASH_FIXTURES), wrappers=st.lists(st.sampled_from(_COMPOSABLE), min_size=1, max_size=3))
def test_wrappers_nested_in_any_order_keep_the_config(stem: str, wrappers: list[str]) -> None:
    """Shell context is a space: ``if RESPONSE=$(curl … | jq .); then …`` is still the fixture's command."""
    text = FIXTURES[stem][0]
    command = shell.only_command(text)
    assert command is not None
    inside = text[command.start : command.end]
    for label in wrappers:
        if shell._CLOSERS.get(label, "\0") not in inside:
            inside = shell._WRAPPERS[label](inside)
    rewritten = text[: command.start] + inside + text[command.end :]
    assert import_curl(rewritten, placeholders="none").config == import_curl(text, placeholders="none").config
