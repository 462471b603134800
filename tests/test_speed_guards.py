"""What the speed work must not change: string offsets, long source lines, plain-character runs."""

from __future__ import annotations

import importlib
import json
import random
import re
from typing import Any

import pytest

from curlport.config.json_text import render_json
from curlport.diagnostics import MAX_SHOWN_WIDTH, format_diagnostic
from curlport.json_positions import StringOffsets
from curlport.parse.shell import split_first_command
from curlport.rules.json_body import bare_placeholders, blanked
from curlport.source import Source


def _walked_offset(text: str, literal_start: int, decoded_index: int) -> int:
    """The reference: walk the literal one decoded character at a time (what lint did before)."""
    position = literal_start + 1
    for _ in range(decoded_index):
        if text[position] != "\\":
            position += 1
            continue
        length = 6 if text[position + 1] == "u" else 2
        if length == 6 and 0xD800 <= int(text[position + 2 : position + 6], 16) < 0xDC00:
            length = 12
        position += length
    return position


def test_string_offsets_match_a_character_by_character_walk() -> None:
    rng = random.Random(7)
    pieces = ["a", "$$To", "\\", '"', "\n", "é", "😀", "\t", "\x01", "/"]
    for _ in range(300):
        value = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        for ascii_only in (True, False):
            text = '{"k": ' + json.dumps(value, ensure_ascii=ascii_only) + "}"
            start = text.index('"', 5)
            offsets = StringOffsets(text, start)
            assert [offsets.offset(i) for i in range(len(value) + 1)] == \
                [_walked_offset(text, start, i) for i in range(len(value) + 1)]


def test_a_long_line_is_shown_as_a_window_with_the_caret_on_the_finding() -> None:
    line = "curl https://x.example/send -d '" + "a" * 5000 + "$$to" + "b" * 5000 + "'"
    column = line.index("$$to") + 1
    shown = format_diagnostic("f.curl", Source(line).span(column - 1, column + 3), "CP103 error", "m", Source(line))
    _, snippet, caret = shown.split("\n")
    assert len(snippet) <= MAX_SHOWN_WIDTH + 4
    assert snippet[caret.index("^") : caret.index("^") + 4] == "$$to"


def test_runs_of_plain_characters_decode_like_single_characters() -> None:
    command = split_first_command("curl ab$'c\\n'd$\"e\"f$(g)h\\ i*j")
    (word,) = command.words
    assert word.text == "ab$'c\\n'd$\"e\"f$(g)h i*j".replace("$'c\\n'", "c\n").replace('$"e"', "e")
    assert [finding.code for finding in command.findings] == ["CP003", "CP012"]
    assert [word.offset_of(i) for i in (0, 1, 2)] == [5, 6, 9]


def _blanked_one_by_one(body: str) -> str:
    """The reference: each bare placeholder replaced in turn (what CP305 did before)."""
    for placeholder, index in bare_placeholders(body):
        body = body[:index] + "0".ljust(len(placeholder)) + body[index + len(placeholder) :]
    return body


def test_blanking_in_one_pass_matches_blanking_one_placeholder_at_a_time() -> None:
    rng = random.Random(11)
    pieces = ['"', "\\", "$$To", "$$Body", "$$TemplateId", "$$MessageID", "$$to", "{", ":", " ", "a"]
    for _ in range(500):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert blanked(body) == _blanked_one_by_one(body)


def _random_json(rng: random.Random, depth: int = 0) -> object:
    kinds = ["str", "int", "float", "bool", "null"] + (["list", "dict"] * 2 if depth < 4 else [])
    kind = rng.choice(kinds)
    if kind == "str":
        return "".join(rng.choice(["a", "é", "😀", '"', "\\", "\n", "\x01", "\u2028", "$$To", " "])
                       for _ in range(rng.randint(0, 6)))
    if kind == "int":
        return rng.choice([0, -1, 7, 10**20])
    if kind == "float":
        return rng.choice([0.0, -0.5, 1e100, 3.14, float("nan"), float("inf")])
    if kind == "bool":
        return rng.choice([True, False])
    if kind == "null":
        return None
    if kind == "list":
        return [_random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = [rng.choice(["a", "é", "b\n", "", '"k"']) for _ in range(rng.randint(0, 4))]
    return {key: _random_json(rng, depth + 1) for key in keys}


def test_configs_are_laid_out_exactly_as_json_dumps_lays_them_out() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        value = _random_json(rng)
        config = value if isinstance(value, dict) else {"v": value}
        assert render_json(config) == json.dumps(config, indent=2, ensure_ascii=False) + "\n"
    odd = {1: "int key", "s": [{"n": float("-inf")}]}
    assert render_json(odd) == json.dumps(odd, indent=2, ensure_ascii=False) + "\n"  # type: ignore[arg-type]


def test_plain_name_exclusions_match_as_pathspec_matches_them() -> None:
    from pathspec import GitIgnoreSpec

    from curlport.lint.discovery import _Exclusions
    from curlport.lint.settings import DEFAULT_EXCLUDE, Settings

    rng = random.Random(13)
    extras = [["configs"], ["a b"], ["*.json"], ["build/"], ["docs/*.json", "!docs/keep.json"], ["."], []]
    parts = [*DEFAULT_EXCLUDE[:6], "build", "src", "x.json", "configs", "a b", "node_modules.json", "keep.json", "docs"]
    for extra in extras:
        settings = Settings(extend_exclude=tuple(extra))
        exclusions = _Exclusions(settings)
        spec = GitIgnoreSpec.from_lines(settings.exclusions)
        for _ in range(400):
            relative = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 4)))
            is_dir = rng.random() < 0.3
            path = settings.root.resolve() / relative
            assert exclusions.matches(path, is_dir, path) == spec.match_file(relative + "/" if is_dir else relative), (
                extra, relative, is_dir)


_REGEX_FRAGMENTS = ["$$", "$", "{{", "}}", "{", "}", "%", "<", ">", "[", "]", "to", "To", "TO", "body", "Body", "phone",
                    "Mobile", "message", "msg", "text", "number", "msisdn", "recipient", "your", "YOUR_", "api_key",
                    "token", "id", "enter", "Enter ", "x", "xxxxx", "XXXXXX", "123", "\u0663", "_", " ", "-", ".",
                    ":", "\u212a", "\u017f", "\u0130", "ENV_VAR", "=", "&", "\0", "\n", "é"]


@pytest.mark.parametrize("module, name, raw", [
    ("curlport.rules.cp104_placeholder_near_miss", "NEAR_MISS", "_NEAR_MISS"),
])
def test_rule_patterns_behind_a_first_character_lookahead_match_as_the_plain_pattern(module: str, name: str,
                                                                                     raw: str) -> None:
    rules_module = importlib.import_module(module)
    guarded: re.Pattern[str] = getattr(rules_module, name)
    plain = re.compile(getattr(rules_module, raw), guarded.flags)
    rng = random.Random(21)
    for _ in range(3000):
        text = "".join(rng.choice(_REGEX_FRAGMENTS) for _ in range(rng.randint(0, 12)))
        assert [(m.span(), m.groupdict()) for m in guarded.finditer(text)] == \
               [(m.span(), m.groupdict()) for m in plain.finditer(text)], text
        assert bool(guarded.fullmatch(text)) == bool(plain.fullmatch(text)), text


def _random_json_text(rng: random.Random, depth: int = 0) -> str:
    """JSON text as people and tools write it, with what makes offsets hard: repeated keys, escapes, odd spacing."""
    space = rng.choice(["", " ", "\n  ", "\t", "\r\n"])
    kind = rng.random()
    if depth < 4 and kind < 0.3:
        keys = ["a", "b", "a/b", "c~d", "é", "", "0", "\\u0061", 'q\\"']
        members = [f'"{rng.choice(keys)}"{space}:{rng.choice(["", " "])}{_random_json_text(rng, depth + 1)}'
                   for _ in range(rng.randint(0, 4))]
        return "{" + space + f",{space}".join(members) + space + "}"
    if depth < 4 and kind < 0.5:
        return "[" + space + f",{space}".join(_random_json_text(rng, depth + 1)
                                              for _ in range(rng.randint(0, 4))) + space + "]"
    return rng.choice(['"x"', '"\\u00e9\\n"', '"$$To"', '"\\ud83d\\ude00"', '"\\ud800"', "1", "-0.5", "1e3", "1e999",
                       "NaN", "-Infinity", "true", "null", "12345678901234567890", '"a\\/b"'])


def test_offsets_on_demand_are_the_parsers_offsets() -> None:
    from curlport.json_positions import located, parse_with_positions

    rng = random.Random(5)
    for _ in range(3000):
        text = _random_json_text(rng)
        try:
            expected_value, expected = parse_with_positions(text)
        except json.JSONDecodeError as error:
            with pytest.raises(json.JSONDecodeError) as raised:
                located(text)
            assert (raised.value.msg, raised.value.pos) == (error.msg, error.pos), text
            continue
        value, offsets = located(text)
        assert value == expected_value, text
        probes = {*expected, *(f"{pointer}/{extra}" for pointer in expected for extra in ("a", "0", "00", "9", "a~1b"))}
        for pointer in sorted(probes):
            assert (pointer in offsets) == (pointer in expected), (text, pointer)
            assert offsets.get(pointer) == expected.get(pointer), (text, pointer)
        assert dict(offsets) == expected


_VALUE_FRAGMENTS = [*_REGEX_FRAGMENTS, "$$To", "$$Body", "$$to", "$$BODY", "$$Tox", "$$TemplateId", "$$templateid",
                    "$$MessageID", "$$MessageId", "{{to}}", "YOUR_API_KEY", "<api_key>", "https://", "?to=", "&"]


def _random_config(rng: random.Random) -> dict[str, Any]:
    def value() -> str:
        return "".join(rng.choice(_VALUE_FRAGMENTS) for _ in range(rng.randint(0, 6)))

    def rows() -> list[dict[str, str]]:
        return [{"key": value(), "value": value()} for _ in range(rng.randint(0, 3))]

    config: dict[str, Any] = {"endpoint": value(), "headers": rows(),
                              "auth": {"username": value(), "password": value()}}
    config["parameters"] = {"format": "form", "fields": rows()} if rng.random() < 0.5 else \
        {"format": "raw", "body": value()}
    return config


def test_the_rules_whole_text_preconditions_never_skip_a_config_a_value_would_report() -> None:
    """The rules that first search the values joined (``values_text``) skip only configs no value would report."""
    from curlport.rules.base import KNOWN_PLACEHOLDERS, MESSAGE, PLACEHOLDER, RECIPIENT, slots, values_text, walked
    from curlport.rules.cp103_miscased_placeholder import _maybe_miscased
    from curlport.rules.cp104_placeholder_near_miss import NEAR_MISS
    from curlport.rules.cp106_placeholder_repeated import check as repeated
    from curlport.rules.cp211_header_line_break import _LINE_BREAK

    rng = random.Random(8)
    for _ in range(3000):
        config = walked(_random_config(rng))
        texts, joined = [slot.text for slot in slots(config)], values_text(config)
        for pattern in (NEAR_MISS, _LINE_BREAK):
            assert bool(pattern.search(joined)) >= any(pattern.search(text) for text in texts), (pattern, texts)
        miscased = any(m.group().lower() in {p.lower() for p in KNOWN_PLACEHOLDERS} and m.group() not in
                       KNOWN_PLACEHOLDERS for text in texts for m in PLACEHOLDER.finditer(text))
        assert _maybe_miscased(joined) >= miscased, texts
        by_pointer = {slot.pointer: slot.text for slot in slots(config)}
        reported = [by_pointer[problem.pointer][problem.start : problem.end] for problem in repeated(config)]
        for placeholder in (RECIPIENT, MESSAGE):  # CP106 reports every occurrence but the first
            count = sum(text.count(placeholder) for text in texts)
            assert joined.count(placeholder) == count
            assert reported.count(placeholder) == max(count - 1, 0), texts


def test_a_command_that_exits_with_findings_leaves_nothing_for_the_collector(tmp_path: Any) -> None:
    """click keeps the exception it exits on in a reference cycle: its traceback must not reach the command's frame,
    which holds everything the import made (freed only by the collector, at a large import's cost)."""
    import gc

    from curlport.cli import main
    from curlport.importer import ImportResult

    path = tmp_path / "acme.curl"
    path.write_text("curl 'https://sms.example.com/send?to=$$To'", encoding="utf-8")  # no $$Body: exit 1
    gc.collect()
    gc.disable()
    try:
        with pytest.raises(SystemExit) as exited:
            main(["import", str(path)])
        assert exited.value.code == 1
        assert not [each for each in gc.get_objects() if isinstance(each, ImportResult)]
    finally:
        gc.enable()


_SECRET_FRAGMENTS = ["authorization", "Proxy-Authorization", "X-", "Api-Key", "api_key", "apikey", "auth-token",
                     "ACCESS_TOKEN", "token", "Secret", "password", "passwd", "pwd", "pass", "Bearer ", ":", "=", " ",
                     '"', "'", "abc", "s3cr3t", "&", ",", "}", "`", "^", "\n", "\u017f", "\u212a", "\u0130", "x"]


def test_secret_patterns_behind_a_first_letter_lookahead_match_as_the_plain_patterns() -> None:
    """The masking patterns that start with a lookahead for their first letters mask exactly what they did without."""
    from curlport.redact import _SECRET_PATTERNS

    guarded = [pattern for pattern in _SECRET_PATTERNS if re.match(r"\(\?i\)\(\?=\[[a-z]+\]\)", pattern.pattern)]
    assert len(guarded) == 3
    rng = random.Random(34)
    for pattern in guarded:
        plain = re.compile(re.sub(r"^\(\?i\)\(\?=\[[a-z]+\]\)", "(?i)", pattern.pattern))
        for _ in range(3000):
            text = "".join(rng.choice(_SECRET_FRAGMENTS) for _ in range(rng.randint(0, 12)))
            assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == \
                   [(m.span(), m.groups()) for m in plain.finditer(text)], (pattern.pattern, text)


def test_masking_runs_only_the_patterns_a_text_can_match_and_masks_as_running_them_all() -> None:
    """``redact`` leaves out a pattern when the text lowered lacks what every match of it holds (dotless i, long s and
    dotted capital I spelled as the patterns see them): what it masks is what running every pattern masks."""
    from curlport.redact import _SECRET_PATTERNS, _TRIGGER_WORDS, _mask_group, redact

    def every_pattern(text: str) -> str:
        if not any(word in text.lower() for word in _TRIGGER_WORDS):
            return text
        for pattern in _SECRET_PATTERNS:
            text = pattern.sub(_mask_group, text)
        return text

    fragments = [*_SECRET_FRAGMENTS, "-u ", "--user=", "://u:", "@h", "--oauth2-bearer ", "\u0131", "author\u0131zat",
                 "authorization: ", "author\u0130zation: ", "\u017fecret: ", "pa\u017f\u017f=", "x-api-key: "]
    rng = random.Random(35)
    for _ in range(5000):
        text = "".join(rng.choice(fragments) for _ in range(rng.randint(0, 12)))
        assert redact(text) == every_pattern(text), text


def test_a_walked_config_works_out_its_readings_once() -> None:
    """The rules of a run share one reading of a config: each rule working detection out again cost more than the
    rules themselves."""
    from curlport.rules.base import walked

    config = walked({"name": "x", "method": "POST", "endpoint": "https://sms.example.in/send", "auth": None,
                     "headers": [{"key": "X-Key", "value": "abc"}],
                     "parameters": {"format": "form", "fields": [{"key": "to", "value": "919812345678"}]}})
    assert config.detection is config.detection and config.place_slots is config.place_slots
    assert config.headers is config.headers and config.text is config.text
    assert config.detection.recipient.outcome == "found"


