"""What the speed work on the config half must not change: each fast path against the general one it replaced."""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from curlport.config.detect import detect
from curlport.config.detect.places import slots_of
from curlport.errors import CurlportError
from curlport.importer import ImportResult, import_curl
from curlport.json_positions import MAX_DEPTH, parse_spans
from curlport.lint.fixes import fix_import
from curlport.lint.placed import check_import

_PIECES = ['{', '}', '[', ']', ',', ':', ' ', '\n', '\t', '\x0b', '"a"', '"to"', '"\\ud800"', '"\\ud83d\\ude00"',
           '"\ud800"', '"\\u00e9"', '"\\n"', '"\x01"', '0', '-0', '01', '1.', '1.5', '-1e3', '1e999', '-', 'NaN',
           'Infinity', '-Infinity', 'true', 'false', 'null', 'nul', '"', '\\', '9' * 5000, '919876543210']


def _refused(literal: str) -> float:
    raise ValueError(literal)


def _finite(literal: str) -> float:
    if not math.isfinite(float(literal)):
        raise ValueError(literal)
    return float(literal)


def _paths(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield from _paths(item, (*path, str(key)))


def _oracle(text: str) -> Any:
    """json's C decoder, refusing what a form cannot hold (NaN, infinities, a lone surrogate, nesting over
    MAX_DEPTH): what ``parse_spans`` must accept, and its value; ``_REFUSED`` when it must refuse."""
    try:
        value = json.loads(text, parse_constant=_refused, parse_float=_finite)
    except (ValueError, RecursionError):
        return _REFUSED
    for path, item in _paths(value):
        texts = [item, *item] if isinstance(item, dict) else [item]
        if len(path) > MAX_DEPTH or any(isinstance(t, str) and re.search("[\ud800-\udfff]", t) for t in texts):
            return _REFUSED
    return value


_REFUSED = object()


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.choice(["str", "int", "float", "bool", "null"] + (["list", "dict"] * 3 if depth < 4 else []))
    if kind == "str":
        return "".join(rng.choice(["a", "é", "😀", '"', "\\", "\n", "/", "~", "$$To", " ", "\u2028"])
                       for _ in range(rng.randint(0, 5)))
    if kind in ("int", "float"):
        return rng.choice([0, -1, 919876543210, 10**20, 0.5, -2.5e-7, 1e100])
    if kind in ("bool", "null"):
        return rng.choice([True, False, None])
    if kind == "list":
        return [_random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["a", "to", "a/b", "~0", "", "0", "é"]): _random_json(rng, depth + 1)
            for _ in range(rng.randint(0, 4))}


def test_json_spans_are_json_s_own_reading_with_the_forms_refusals() -> None:
    rng = random.Random(17)
    texts = ["[" * 64 + "]" * 64, "[" * 65 + "]" * 65, "[" * 64 + "1" + "]" * 64, '{"a": 1, "a": [2, 3]}',
             '{"a": [1, 2], "a": 3}', '{"a": {"b": 1}, "a": 2}']
    for _ in range(3000):
        document = _random_json(rng)
        text = json.dumps(document, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1, "\t"]))
        texts.append(text)
        cut = rng.randrange(len(text) + 1)
        texts.append(text[:cut] + rng.choice(_PIECES) + text[cut + rng.randint(0, 2):])  # mostly not JSON
        texts.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 8))))
    refused = 0
    decoder = json.JSONDecoder()
    for text in texts:
        expected = _oracle(text)
        try:
            value, spans = parse_spans(text)
        except json.JSONDecodeError:
            assert expected is _REFUSED, text
            refused += 1
            continue
        assert value == expected and repr(value) == repr(expected), text
        for path, item in _paths(value):  # every value has its span, and each span is its literal's
            start, end = spans[path]
            assert decoder.raw_decode(text, start) == (item, end), (text, path)
    assert 1000 < refused < len(texts) - 1000  # both kinds were tried


def test_the_walk_of_a_valid_text_gives_the_parsers_spans_in_its_order() -> None:
    """The fast reading of a text json's C decoder takes (a bulk body) against the parser's checked steps: the same
    value and the same spans in the same order, repeated keys and whitespace of every kind included."""
    from curlport.json_positions import _valid_spans, parsed_spans

    rng = random.Random(29)
    texts = ['{"a": 1, "a": [2, 3]}', '{"a": [1, 2], "a": 3}', '{"a": {"b": 1}, "a": {"c": 2}}', ' [ ] ', '{ }',
             ' "x" ', "3", '{"k\\"ey": [{}, [], "v"]}', "[" * 65 + "]" * 65,
             "[" * 64 + "1" + "]" * 64]
    for _ in range(2000):
        text = json.dumps(_random_json(rng), ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1, "\t"]),
                          separators=rng.choice([None, (",", ":"), (" ,\r\n", " \t: ")]))
        texts.append(text if rng.random() < 0.8 else f" \n{text}\t ")
    walked = 0
    for text in texts:
        read = _valid_spans(text)
        if read is None:  # a lone surrogate's text is the parser's to refuse
            continue
        walked += 1
        value, spans = parsed_spans(text)
        assert repr(read[0]) == repr(value) and list(read[1].items()) == list(spans.items()), text
    assert walked > len(texts) * 0.9
    for refused in ("[" * 65 + "1" + "]" * 65, '{"a": ' * 65 + "{}" + "}" * 65, '{"a": NaN}', '{"a": 1,}', ""):
        assert _valid_spans(refused) is None, refused


def test_credential_spellings_are_the_json_and_percent_encodings_of_each_value() -> None:
    from urllib.parse import quote, quote_plus

    from curlport.credentials import _written_forms

    rng = random.Random(19)
    pieces = ["a", "Z", "0", "-", "_", ".", "~", " ", "+", "/", "%", '"', "\\", "é", "😀", "\n", "&", "="]
    for _ in range(3000):
        value = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _written_forms(value) == {value, json.dumps(value, ensure_ascii=False)[1:-1], json.dumps(value)[1:-1],
                                         quote(value, safe=""), quote_plus(value, safe="")}


def test_form_bodies_read_without_decoding_are_those_decoding_would_give() -> None:
    from urllib.parse import unquote_plus

    from curlport.config.model import form_fields

    def decoded(body: str) -> list[tuple[str, str]] | None:
        """The reference: every key and value decoded."""
        pairs = [pair.partition("=") for pair in body.split("&")] if body else []
        if not pairs or any(not separator or not key for key, separator, _ in pairs):
            return None
        try:
            return [(unquote_plus(key, errors="strict"), unquote_plus(value, errors="strict"))
                    for key, _, value in pairs]
        except UnicodeDecodeError:
            return None

    rng = random.Random(23)
    pieces = ["a", "to", "=", "&", "+", " ", "%", "%2B", "%zz", "%C3%A9", "%C3", "é", "$$To"]
    for _ in range(3000):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert form_fields(body) == decoded(body), body


def test_a_short_text_cache_keeps_short_texts_only() -> None:
    from curlport.config.short_cache import short_text_cache

    calls: list[str] = []

    @short_text_cache(maxsize=8, longest=4)
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    assert [length(text) for text in ("abcd", "abcd", "abcde", "abcde")] == [4, 4, 5, 5]
    assert calls == ["abcd", "abcde", "abcde"]  # the long one is worked out each time, never kept



def test_substitution_leaves_the_config_it_was_given_as_it_was() -> None:
    import copy
    from pathlib import Path

    from curlport.config.detect import substitute
    from curlport.errors import CurlportError
    from curlport.importer import import_curl

    substituted = 0
    for path in sorted((Path(__file__).resolve().parent.parent / "fixtures" / "curl").glob("*.curl")):
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            detected, plain = import_curl(text), import_curl(text, placeholders="none").config
        except CurlportError:
            continue
        before = copy.deepcopy(plain)
        result = substitute(plain, [*detected.substitutions, *detected.dropped])
        assert result == detected.config and plain == before, path.name
        substituted += bool(detected.substitutions)
    assert substituted > 50


def _fixture_imports() -> list[ImportResult]:
    results = []
    for path in sorted(Path(__file__).resolve().parent.parent.glob("fixtures/curl/*.curl")):
        try:
            results.append(import_curl(path.read_text(encoding="utf-8"), source_name=path.name))
        except CurlportError:
            continue
    return results


def test_the_importers_detection_is_the_rules_detection_of_the_config_it_returns() -> None:
    """``ImportResult.detected`` is handed to the rules instead of detecting again: it must be what they would find."""
    results = _fixture_imports()
    handed = [result for result in results if result.detected is not None]
    # every import detected with the defaults hands its config's detection on, the placed ones' listed again
    assert len(handed) == len(results) and sum(bool(result.substitutions) for result in handed) > 50
    for result in handed:
        assert result.detected is not None
        assert result.detected.detection == detect(result.config)
        assert result.detected.slots == slots_of(result.config)
    for result in results:
        assert check_import(result) == check_import(result._replace(detected=None))
        fixed, applied = fix_import(result, unsafe=True)  # a fix changes the config: its detection is not handed on
        assert not applied or fixed.detected is None
        assert check_import(fixed) == check_import(fixed._replace(detected=None))


def test_what_is_handed_on_is_the_detection_of_the_config_returned() -> None:
    """After samples were replaced or records dropped (form rows too), after --to/--body and with placeholders
    left alone, what the rules receive is what they would work out; after --callback-url or batching, nothing."""
    texts = ["curl https://sms.example.com/send -d to=919876543210 -d text=Hello",
             "curl https://sms.example.com/send -F 'sms[0][to]=+447700900000' -F 'sms[0][text]=Hi' "
             "-F 'sms[1][to]=+447700900001' -F 'sms[1][text]=Yo'",
             "curl 'https://sms.example.com/send?key=abc&to=919876543210' --json '{\"m\": [{\"t\": \"Hello there\"}, "
             "{\"t\": \"Bye now\"}]}'"]
    options: list[dict[str, Any]] = [{}, {"to": "to"}, {"placeholders": "none", "body": "text"}]
    for text in texts:
        for option in options:
            try:
                result = import_curl(text, **option)
            except CurlportError:
                continue
            assert result.detected is not None, (text, option)
            assert result.detected.detection == detect(result.config), (text, option)
            assert result.detected.slots == slots_of(result.config), (text, option)
    assert import_curl(texts[0]).substitutions and import_curl(texts[1]).dropped
    plain = "curl https://sms.example.com/send -d to=%24%24To -d text=%24%24Body"
    assert import_curl(plain).detected is not None
    assert import_curl(plain, callback_url="https://cb.example.com/x").detected is None
    assert import_curl(texts[0], placeholders="none").detected is None  # nothing detected: the rules detect
