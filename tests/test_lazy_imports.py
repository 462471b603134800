"""Each command imports only what it needs: a fresh interpreter per command shows which heavy modules it loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import curlport

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("lark", "jsonschema", "phonenumbers")
#: The curl reader and the import pipeline: lint of .json configs needs none of them (only parse.notes).
CURL_READER = ("curlport.importer", "curlport.parse.argv", "curlport.parse.request", "curlport.parse.scanner",
               "curlport.parse.shell")
#: What only lint needs: an import of a curl command loads none of it (the rules' findings are placed without it).
LINT_ONLY = ("curlport.lint.discovery", "curlport.lint.fixes", "curlport.lint.runner",
             "curlport.lint.settings", "curlport.lint.reporters", "curlport.preflight.provider")
#: What only some inputs need (Basic credentials, a JWT, a placeholder left to the user, a JSON text, an OAuth 2.0
#: token request): each is imported where it is used, so an import of a plain form command never pays for it.
RARELY_NEEDED = ("base64", "curlport.config.oauth", "curlport.json_positions", "shlex", "curlport.config.form_view",
                 "curlport.config.detect.lenient")
#: A fresh interpreter runs the command its arguments name, then the probe's last lines say what it left behind.
_RUN = """
import sys
import click
from curlport.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except (SystemExit, click.ClickException):
    pass
"""
_PROBE = _RUN + """print("loaded:" + ",".join(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


def _loaded(*arguments: str, watched: tuple[str, ...] = HEAVY) -> list[str]:
    run = subprocess.run([sys.executable, "-c", _PROBE.format(heavy=watched), *arguments], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    line = next(line for line in run.stdout.splitlines() if line.startswith("loaded:"))
    return [name for name in line.removeprefix("loaded:").split(",") if name]


@pytest.mark.parametrize("arguments", [("--version",), ("rules",), ("rules", "CP103"), ("schema",), ("--help",)])
def test_catalogue_commands_load_neither_the_parser_nor_a_validator(arguments: tuple[str, ...]) -> None:
    assert _loaded(*arguments) == []


#: What ``curlport --version`` never needs: the source reader and its masking, the library's stages.
LIBRARY = ("curlport.source", "curlport.redact", "curlport.findings", "curlport.parse", "curlport.config",
           "curlport.rules", "curlport.lint", "curlport.preflight", "curlport.web")


def test_the_version_loads_none_of_the_library() -> None:
    assert _loaded("--version", watched=LIBRARY) == []


def test_importing_a_valid_command_loads_neither_lark_nor_jsonschema() -> None:
    assert _loaded("import", "fixtures/curl/ready-form.curl") == []


def test_importing_a_command_loads_nothing_only_lint_needs(tmp_path: Path) -> None:
    output = str(tmp_path / "out.json")
    assert _loaded("import", "fixtures/curl/textlocal.curl", "-o", output, watched=LINT_ONLY) == []


def test_importing_a_plain_command_loads_nothing_only_some_inputs_need() -> None:
    assert _loaded("import", "fixtures/curl/textlocal.curl", watched=RARELY_NEEDED) == []


def test_lint_of_a_valid_config_never_loads_jsonschema() -> None:
    assert _loaded("lint", "--isolated", "fixtures/configs/ready-form.json") == []


@pytest.mark.parametrize("target", ["fixtures/configs/ready-form.json", None])
def test_lint_of_valid_configs_never_loads_the_curl_reader(target: str | None, tmp_path: Path) -> None:
    assert _loaded("lint", "--isolated", target or str(tmp_path), watched=CURL_READER) == []  # None: an empty folder


def test_lint_of_an_invalid_config_explains_it_with_jsonschema(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x"}', encoding="utf-8")
    assert _loaded("lint", "--isolated", str(bad)) == ["jsonschema"]


def test_every_public_name_is_importable_lazily() -> None:
    assert all(getattr(curlport, name) is not None for name in curlport.__all__)
    with pytest.raises(AttributeError):
        _ = curlport.no_such_name


#: What of ``phonenumbers`` detection never uses: an import that rates a sample number loads none of it.
PHONENUMBERS_UNUSED = ("phonenumbers.asyoutypeformatter", "phonenumbers.phonenumbermatcher",
                       "phonenumbers.shortnumberinfo")


def test_rating_a_sample_number_loads_only_the_part_of_phonenumbers_it_uses() -> None:
    assert _loaded("import", "fixtures/curl/textlocal.curl", watched=("phonenumbers", *PHONENUMBERS_UNUSED)) == [
        "phonenumbers"]


_WHOLE_PACKAGE_AFTERWARDS = """
from curlport.config.detect.phone_numbers import phonenumberutil
util = phonenumberutil()
import phonenumbers
from phonenumbers import PhoneNumberMatcher, parse
assert phonenumbers.phonenumberutil is util and parse is util.parse
assert [match.raw_string for match in PhoneNumberMatcher("call +44 20 8366 1177 now", None)] == ["+44 20 8366 1177"]
try:
    phonenumbers.no_such_name
except AttributeError:
    print("ok")
"""


@pytest.mark.parametrize("first", ["", "import phonenumbers\n"])
def test_phonenumbers_is_the_whole_package_to_any_other_importer(first: str) -> None:
    run = subprocess.run([sys.executable, "-c", first + _WHOLE_PACKAGE_AFTERWARDS], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert run.stdout.split() == ["ok"]


#: Patterns only some inputs need (``LazyPattern``, by module, name and, in a tuple, index): a cold import of a plain
#: form command compiles none of them.
RARE_PATTERNS = (("curlport.redact", "_SECRET_PATTERNS", 1), ("curlport.redact", "_SECRET_PATTERNS", 2),
                 ("curlport.redact", "_SECRET_PATTERNS", 3), ("curlport.redact", "_SECRET_PATTERNS", 4),
                 ("curlport.rules.cp208_callback_url_field", "_URL_LIKE", None),
                 ("curlport.rules.cp401_unfilled_template_value", "_SCHEME", None),
                 ("curlport.rules.cp401_unfilled_template_value", "_MASK", None),
                 ("curlport.parse.argv", "_OPTION_AFTER_QUOTE", None), ("curlport.parse.argv", "_VALUE_LIKE", None),
                 ("curlport.parse.argv", "_HOST_LIKE", None), ("curlport.config.detect", "_OTP_CODE", None),
                 ("curlport.config.detect.bulk", "_FIELD_ROW", None),
                 ("curlport.config.detect.signals", "_SPACED_WORDS", None))
_COMPILED_PROBE = _RUN + """
import importlib
from curlport.lazy_pattern import LazyPattern
for module, name, index in {patterns!r}:
    pattern = getattr(importlib.import_module(module), name)
    pattern = pattern if index is None else pattern[index]
    print("lazy" if isinstance(pattern, LazyPattern) and pattern._compiled is None else "compiled", module, name)
"""


def test_a_plain_import_compiles_none_of_the_patterns_only_some_inputs_need() -> None:
    run = subprocess.run([sys.executable, "-c", _COMPILED_PROBE.format(patterns=RARE_PATTERNS), "import",
                          "fixtures/curl/textlocal.curl"], cwd=ROOT, capture_output=True, text=True, check=True)
    states = [line for line in run.stdout.splitlines() if line.startswith(("lazy", "compiled"))]
    assert [state.split()[0] for state in states] == ["lazy"] * len(RARE_PATTERNS), states
