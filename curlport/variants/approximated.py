"""Requests curl sends in a way the form cannot, imported the closest way it can (CP025): two classes of issue 19.

``multipart-text``: a doc that posts its form with ``-F name=value`` (multipart/form-data) where another would write
``-d``; each fixture whose body is form fields is rewritten into one ``-F`` per field (``--form-string`` for a value
``-F`` would read as a file or a part type). ``anyauth``: ``--anyauth`` before a fixture's ``-u``, which lets curl
pick the scheme the server asks for. The places do not move, and the config is the fixture's (the form's URL-encoded
fields, Basic auth), but for the Content-Type header a form fixture may set itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from curlport.variants._words import only_command
from curlport.variants.base import Variant, bash_quoted, imported

FORM_KLASS: Final = "multipart-text"
ANYAUTH_KLASS: Final = "anyauth"
#: What -F reads as other than the text itself: a file (@, <), a quote, blanks around it, a part's parameters (;).
_NOT_TEXT: Final = re.compile(r"^[@<\"\s]|;|\s$")


def form_variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """The fixture's request with its form fields as -F options, in order, after its method, URL, auth and other
    headers."""
    result = imported(text, placeholders="none")
    if result is None or (result.config["parameters"] or {}).get("format") != "form":
        return
    config = result.config
    lines = [f"-X POST {bash_quoted(config['endpoint'])}"]
    if config["auth"] and config["auth"]["type"] == "basic":
        lines.append("-u " + bash_quoted(f"{config['auth']['username']}:{config['auth']['password']}"))
    headers = [h for h in config["headers"] if h["key"].lower() != "content-type"]
    lines += ["-H " + bash_quoted(f"{header['key']}: {header['value']}") for header in headers]
    for field in config["parameters"]["fields"]:
        option = "--form-string" if _NOT_TEXT.search(field["value"]) else "-F"
        lines.append(f"{option} {bash_quoted(field['key'] + '=' + field['value'])}")
    written = "curl " + " \\\n  ".join(lines) + "\n"
    same = len(headers) == len(config["headers"])
    yield Variant(f"{stem}/form-fields", FORM_KLASS, written, {**expected, "same_config": same})


def anyauth_variants(stem: str, text: str, expected: dict[str, Any]) -> Iterator[Variant]:
    """``--anyauth`` right after the curl word, where the fixture is one command that authenticates with -u."""
    command = only_command(text)
    if command is None or not any(word in ("-u", "--user") or word.startswith("-u") for word in command.words):
        return
    result = imported(text, placeholders="none")
    if result is None or not result.config["auth"]:
        return
    written = text[: command.after_curl] + " --anyauth" + text[command.after_curl :]
    yield Variant(f"{stem}/anyauth", ANYAUTH_KLASS, written, {**expected, "same_config": True})
