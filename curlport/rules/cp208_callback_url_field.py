"""CP208: the provider's delivery-report URL field, which should hold the platform's callback URL.

A field is one by its name and its value together: a URL (``statusCallback=https://…``) or a token standing for one
(``"callback": "<string>"``), or, under a name that says URL (``dlr_url``, ``webhookUrl``), an empty value. A name alone
is not enough: Unifonic's ``statusCallback=sent`` filters reports by status, and holds no URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

from curlport.config.detect.signals import template_words
from curlport.findings import Severity
from curlport.lazy_pattern import LazyPattern
from curlport.rules.base import Autofix, Config, Fix, Problem, Rule, replace_span
from curlport.rules.samples import keyed_values

#: Names providers give the field, with case, '-', '_' and '.' ignored.
CALLBACK_KEYS = frozenset({
    "callback", "callbackurl", "callbackuri", "statuscallback", "statuscallbackurl", "notifyurl",
    "notificationurl", "dlrurl", "dlrcallback", "dlrcallbackurl", "reporturl", "deliveryreporturl", "drurl",
    "webhook", "webhookurl", "deliveryurl", "statusurl", "eventurl", "receipturl", "deliveryreceipturl",
})
_SEPARATORS = str.maketrans("", "", "-_.")
#: A URL as a sample writes one: a scheme, ``www.``, or a host name with a path (``example.com/dlr``).
_URL_LIKE = LazyPattern(r"(?i)^(?:[a-z][a-z0-9+.-]*://|//|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?/)")


def is_callback_key(key: str) -> bool:
    """Whether a field names a delivery-report URL (``callback_url``, ``dlr-url``…), whatever its case or separators."""
    return key.lower().translate(_SEPARATORS) in CALLBACK_KEYS


def is_callback_field(key: str, value: str) -> bool:
    """Whether a field holds a delivery-report URL: a callback name with a URL in it or a template token standing for
    one (``<string>``), or a name that says URL with an empty value; ``statusCallback=sent`` is a status filter."""
    if not is_callback_key(key):
        return False
    text = value.strip()
    if _URL_LIKE.match(text) or (text and template_words(text) is not None):
        return True
    return not text and any(word in key.lower() for word in ("url", "uri", "webhook"))


def _written(url: str, pointer: str) -> str:
    """The URL as the place holds it: percent-encoded in a query, escaped in a JSON string."""
    if pointer == "/endpoint":
        return quote(url, safe="$")
    if pointer == "/parameters/body":
        return json.dumps(url)[1:-1]
    return url


def check(config: Config) -> Iterator[Problem]:
    callback_url = config.get("callback_url")
    for item in keyed_values(config, is_callback_key):
        if not is_callback_field(item.key, item.value) or item.value == callback_url:  # values are read decoded
            continue
        if isinstance(callback_url, str):
            new = _written(callback_url, item.pointer)
            fix = Fix("write the config's callback_url", True, replace_span(item.pointer, item.start, item.end, new))
            advice = "write the config's callback_url here"
        else:
            fix, advice = None, "set callback_url to the URL the platform generates, and write it here"
        yield Problem(item.pointer, f"'{item.value}' in \"{item.key}\" is the provider's delivery-report URL: "
                      f"delivery reports go to the platform's callback URL, not to the sample's; {advice}",
                      item.start, item.end, fix)


RULE: Rule = Rule(
    "CP208", "callback-url-field", Severity.WARNING,
    "A delivery-report URL field (callback, statusCallback, notifyUrl, dlr-url…) that is not the platform's "
    "callback URL.",
    "The platform generates a callback URL per provider and reads delivery reports there; a sample's URL sends "
    "them elsewhere, and the campaign never learns which messages were delivered.",
    "Copy the callback URL from the provider's page on the platform into the config's callback_url, and use it in "
    "the field (or in the provider's delivery-report settings).",
    '{"callback_url": "https://dlr.example.net/cb/123", "parameters": {"format": "form", "fields": '
    '[{"key": "statusCallback", "value": "https://example.com/dlr"}]}}',
    '{"callback_url": "https://dlr.example.net/cb/123", "parameters": {"format": "form", "fields": '
    '[{"key": "statusCallback", "value": "https://dlr.example.net/cb/123"}]}}',
    check,
    autofix=Autofix.SAFE,
    fix_safety="Safe, and offered only when the config has a callback_url: the field gets the URL the config says "
               "delivery reports go to.",
)
