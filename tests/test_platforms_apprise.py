"""The real Apprise package sends what the Apprise simulator says, for every fixture it carries.

Each exported URL is handed to Apprise itself (``Apprise.add`` / ``notify``);
its requests go, through ``HTTP_PROXY``, to a capture proxy on 127.0.0.1 (the
endpoints are made ``http://`` so that the proxy sees the request, not a
tunnel). What it captured must equal the simulated request in every aspect
``differences`` compares: the simulator is the model the export's proof rests on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode

import pytest
from capture import CaptureProxy, start_capture_proxy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_platforms import NUMBER, PROOF, PROVIDERS, _providers

from curlport.preflight.platforms import apprise as apprise_platform
from curlport.preflight.platforms.common import PlatformRefusedError, differences
from curlport.preflight.provider import Provider, read_provider
from curlport.preflight.render import HttpRequest, Values

apprise = pytest.importorskip("apprise")


@pytest.fixture(scope="module")
def proxy() -> Iterator[CaptureProxy]:
    server = start_capture_proxy()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HTTP_PROXY", server.address)
        patch.setenv("http_proxy", server.address)
        patch.delenv("NO_PROXY", raising=False)
        patch.delenv("no_proxy", raising=False)
        yield server
    server.close()


def _sent_by_apprise(proxy: CaptureProxy, url: str, message: str) -> HttpRequest:
    notifier = apprise.Apprise()
    assert notifier.add(url), url
    proxy.requests.clear()
    notifier.notify(body=message)
    assert proxy.requests, f"Apprise sent nothing for {url}"
    sent = proxy.requests[0]
    return HttpRequest(sent.method, sent.url, tuple(sent.headers), sent.body.decode("utf-8") or None)


def _check(proxy: CaptureProxy, provider: Provider, values: Values) -> bool:
    provider = provider._replace(endpoint=provider.endpoint.replace("https://", "http://", 1))
    try:
        converted = apprise_platform.convert(provider, values.to)
    except PlatformRefusedError:
        return False
    url = apprise_platform.write(converted.settings).strip()
    assert differences(apprise_platform.simulate(converted.settings, values),
                       _sent_by_apprise(proxy, url, values.body)) == set(), url
    return True


def test_apprise_sends_what_the_simulator_says_for_every_fixture(proxy: CaptureProxy) -> None:
    carried = [name for name, provider in PROVIDERS.items() if _check(proxy, provider, PROOF)]
    assert len(carried) >= 150


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(provider=_providers(), body=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                                           min_size=1, max_size=30).filter(str.rstrip))
def test_apprise_sends_what_the_simulator_says_for_generated_configs(proxy: CaptureProxy, provider: Provider,
                                                                     body: str) -> None:
    _check(proxy, provider, Values(NUMBER, body))


def test_apprise_sends_nothing_for_an_empty_message_as_the_note_says(proxy: CaptureProxy) -> None:
    notifier = apprise.Apprise()
    assert notifier.add("form://sms.example.com/send?:to=%2B447700900123")
    proxy.requests.clear()
    notifier.notify(body="")
    assert proxy.requests == []
    notifier.notify(body=" \n")  # only the end stripped: sent, as an empty message
    assert [parse_qsl(r.body.decode(), keep_blank_values=True) for r in proxy.requests] == [
        [("version", "1.0"), ("title", ""), ("message", ""), ("type", "info"), ("to", "+447700900123")]]


def test_apprise_decodes_user_info_once_and_keeps_an_encoded_slash(proxy: CaptureProxy) -> None:
    """Apprise decodes the query twice but the user-info once, and sends the path as written."""
    provider = read_provider({
        "name": "acme", "method": "POST", "endpoint": "http://sms.example.com/v1/a%2Fb/send",
        "auth": {"type": "basic", "username": "us er", "password": "p@ss:w/rd%25"}, "headers": [],
        "parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"},
                                                     {"key": "text", "value": "$$Body"}]}})
    assert _check(proxy, provider, Values(NUMBER, "hi"))
    sent = proxy.requests[0]
    assert sent.url == "http://sms.example.com/v1/a%2Fb/send"
    assert ("Authorization", "Basic dXMgZXI6cEBzczp3L3JkJTI1") in sent.headers  # us er:p@ss:w/rd%25


def test_apprise_sends_non_ascii_credentials_and_headers_otherwise_so_the_export_refuses(proxy: CaptureProxy) -> None:
    """requests encodes Basic auth as Latin-1 and cannot send a header beyond it; render sends UTF-8 for both."""
    notifier = apprise.Apprise()
    assert notifier.add("form://user:p%C3%A4ss@sms.example.com/send?:to=1")
    proxy.requests.clear()
    notifier.notify(body="hi")
    assert ("Authorization", "Basic dXNlcjpw5HNz") in proxy.requests[0].headers  # user:päss in Latin-1, not UTF-8
    notifier = apprise.Apprise()
    assert notifier.add("form://sms.example.com/send?:to=1&+X-Key=%C4%80")
    proxy.requests.clear()
    notifier.notify(body="hi")
    assert proxy.requests == []
    form = {"format": "form", "fields": [{"key": "to", "value": "$$To"}, {"key": "text", "value": "$$Body"}]}
    for changed in ({"auth": {"type": "basic", "username": "user", "password": "päss"}},
                    {"headers": [{"key": "X-Key", "value": "Ā"}]}):
        provider = read_provider({"name": "acme", "method": "POST", "endpoint": "http://sms.example.com/send",
                                  "auth": None, "headers": [], "parameters": form, **changed})
        with pytest.raises(PlatformRefusedError):
            apprise_platform.convert(provider, NUMBER)


_FIXED = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=10)
_OWN_KEYS = ("to", "text", *apprise_platform.ENVELOPE["json"])


@st.composite
def _carried(draw: st.DrawFn) -> Provider:
    """Configs Apprise carries (the generated configs of test_platforms mostly are not): the message and the number
    as whole values, fixed pairs of any text, fixed query pairs, headers, Basic auth, and paths with escapes."""
    fixed = draw(st.lists(st.tuples(st.from_regex(r"\A[a-z][a-z_]{0,7}\Z").filter(lambda k: k not in _OWN_KEYS),
                                    _FIXED), max_size=3, unique_by=lambda pair: pair[0]))
    pairs = [("to", "$$To"), ("text", "$$Body"), *fixed]
    parameters = draw(st.sampled_from([
        {"format": "form", "fields": [{"key": k, "value": v} for k, v in pairs]},
        {"format": "json", "body": json.dumps(dict(pairs), ensure_ascii=False)}]))
    query = draw(st.lists(st.tuples(st.sampled_from(["a", "b_c", "Key"]), _FIXED), max_size=2,
                          unique_by=lambda pair: pair[0]))
    path = draw(st.sampled_from(["/send", "/v1/a%2Fb/send", "/se%20nd", "/100%25/x", "/%C3%A9"]))
    endpoint = "http://sms.example.com" + path + ("?" + urlencode(query) if query else "")
    headers = draw(st.lists(st.tuples(st.sampled_from(["X-Key", "X-Sig", "Accept"]), _FIXED), max_size=2,
                            unique_by=lambda pair: pair[0]))
    auth = draw(st.sampled_from([None, {"type": "basic", "username": "us er", "password": "p@ss:w/rd%25"},
                                 {"type": "basic", "username": "u", "password": "päss"}]))
    return read_provider({"name": "g", "method": "POST", "endpoint": endpoint, "auth": auth,
                          "headers": [{"key": k, "value": v} for k, v in headers], "parameters": parameters})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(provider=_carried(), body=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                                         min_size=1, max_size=30).filter(str.rstrip))
def test_apprise_sends_what_the_simulator_says_for_configs_it_carries(proxy: CaptureProxy, provider: Provider,
                                                                      body: str) -> None:
    _check(proxy, provider, Values(NUMBER, body))


def test_apprise_sends_one_of_two_headers_whose_names_differ_in_case_so_the_export_refuses(proxy: CaptureProxy) -> None:
    notifier = apprise.Apprise()
    assert notifier.add("form://sms.example.com/send?:to=1&+X-Key=a&+x-key=b")
    proxy.requests.clear()
    notifier.notify(body="hi")
    assert [value for name, value in proxy.requests[0].headers if name.lower() == "x-key"] in (["a"], ["b"])
    provider = read_provider({"name": "acme", "method": "POST", "endpoint": "http://sms.example.com/send",
                              "auth": None, "headers": [{"key": "X-Key", "value": "a"}, {"key": "x-key", "value": "b"}],
                              "parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"},
                                                                          {"key": "text", "value": "$$Body"}]}})
    with pytest.raises(PlatformRefusedError):
        apprise_platform.convert(provider, NUMBER)
