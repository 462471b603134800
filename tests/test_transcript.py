"""A terminal transcript pasted as the command (issue 19, the second blind set): prompts and output are left out."""

from __future__ import annotations

from curlport.importer import import_curl

CMD_TRANSCRIPT = """\
C:\\Users\\me>curl -X POST https://api.example.com/sms \\
The system cannot find the file specified.

C:\\Users\\me>  -d "to=+15551234567&text=Hello"
'-d' is not recognized as an internal or external command,
operable program or batch file.
"""

CURL_ERROR = """\
$ curl -X POST https://api.example.com/sms -d 'to=+15551234567&text=Hello'
curl: (6) Could not resolve host: api.example.com
$ curl -X POST https://api.example.com/sms -d 'to=+15551234567&text=Hello'
"""


def _skipped(result: object) -> list[tuple[str, int, int]]:
    return [(f.code, f.span.line, f.span.column) for f in result.findings  # type: ignore[attr-defined]
            if f.code == "CP010" and f.span]


def test_output_between_the_lines_of_a_continued_command_is_left_out() -> None:
    result = import_curl(CMD_TRANSCRIPT)
    assert result.config["endpoint"] == "https://api.example.com/sms"
    assert result.config["parameters"]["fields"] == [{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}]
    assert _skipped(result) == [("CP010", 1, 1), ("CP010", 2, 1), ("CP010", 4, 1), ("CP010", 5, 1), ("CP010", 6, 1)]


def test_a_curl_error_line_is_not_a_word() -> None:
    result = import_curl(CURL_ERROR)
    assert result.config["endpoint"] == "https://api.example.com/sms"
    assert ("CP010", 2, 1) in _skipped(result)
