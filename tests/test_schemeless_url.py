"""A GET URL pasted without curl and without its scheme (issue 19, the second blind set)."""

from __future__ import annotations

import pytest

from curlport.errors import CurlUsageError
from curlport.importer import import_curl


def test_a_url_without_scheme_is_the_get_curl_sends_with_a_warning() -> None:
    result = import_curl("sms.example.com/api/send.php?user=acme&to=923001234567&message=Hello\n")
    assert result.config["method"] == "GET"
    assert result.config["endpoint"] == "http://sms.example.com/api/send.php?user=acme&to=$$To&message=$$Body"
    assert [(f.code, f.severity.value, f.span.line, f.span.column) for f in result.findings
            if f.code == "CP019" and f.span] == [("CP019", "warning", 1, 1)]


def test_an_address_and_port_without_scheme_is_a_url() -> None:
    result = import_curl("10.0.0.5:8080/send?phone=923001234567&text=Hello")
    assert result.config["endpoint"] == "http://10.0.0.5:8080/send?phone=$$To&text=$$Body"


@pytest.mark.parametrize("text", ["Hello world. This is prose", "e.g. the API", "example.com"])
def test_prose_and_a_bare_host_are_not_urls(text: str) -> None:
    with pytest.raises(CurlUsageError) as raised:
        import_curl(text)
    assert raised.value.span is not None
    assert (raised.value.span.line, raised.value.span.column) == (1, 1)


def test_a_wget_request_is_refused_at_the_wget_word() -> None:
    text = "#!/bin/sh\n/bin/echo \"https://sms.example.com/send?to=$PAGER&text=Hi\" | /usr/bin/wget -i - -O /tmp/log\n"
    with pytest.raises(CurlUsageError) as raised:
        import_curl(text)
    assert raised.value.exit_code == 2
    assert raised.value.span is not None
    assert (raised.value.span.line, raised.value.span.column) == (2, 62)
