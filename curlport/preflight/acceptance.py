"""Did the provider accept the message? A 200 is not an answer: many providers say "failed" with a 200.

The config's optional ``response`` section decides when it says something
(accepted statuses, a success or failure pattern, where the message id is);
otherwise heuristics recognise the common shapes of a 200 that failed. Each
verdict names the rule that decided (CP601-CP608, ``curlport rules CP60x``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from curlport.preflight.provider import ResponseRules

HTTP_STATUS, FAILURE_STATUS, ERROR_FIELD, SUCCESS_FALSE = "CP601", "CP602", "CP603", "CP604"
ERROR_TEXT, KANNEL_STATUS, RESPONSE_PATTERN, MESSAGE_ID_MISSING = "CP605", "CP606", "CP607", "CP608"
HTML_PAGE = "CP609"

#: Statuses that say "ask there instead": not an answer about the message (send follows them with --follow).
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_FAILURE_WORDS = frozenset({"failure", "failed", "fail", "error", "err", "rejected", "invalid", "unsuccessful"})
_STATUS_KEYS = frozenset({"status", "state", "result"})
_ERROR_KEYS = frozenset({"error", "errors", "errormessage", "errortext", "errormsg", "errordescription"})
_SUCCESS_KEYS = frozenset({"success", "ok", "status"})
_NO_ERROR = frozenset({"", "0", "none", "null", "false", "ok", "success"})
#: Keys that hold a provider's message id, most specific first.
_ID_KEYS = ("messageid", "msgid", "sid", "requestid", "batchid", "uuid", "id")
_KANNEL = re.compile(r"^\s*(\d+):\s*(\S.*)$", re.DOTALL)
_ERROR_PREFIX = re.compile(r"(?i)^\s*(?:ERROR|ERR)\b\s*[:\-]")
_MAX_DEPTH = 4
#: Keys under which providers explain an answer, most specific first: quoted in a refusal's verdict.
_REASON_KEYS = ("errormessage", "errortext", "errordescription", "error", "message", "msg", "description",
                "reason", "detail", "details", "statusmessage", "statustext")
_HTML = re.compile(r"(?i)^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])")


@dataclass(frozen=True)
class ProviderResponse:
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    #: The rule that decided.
    code: str
    reason: str
    message_id: str | None = None
    #: CP608 when the config names a message id place the response does not have.
    warning: str | None = None


def judge(response: ProviderResponse, rules: ResponseRules) -> Verdict:
    """The verdict on one response, and the provider's message id when it has one."""
    accepted, code, reason = _decide(response, rules)
    message_id, warning = _message_id(response, rules)
    return Verdict(accepted, code, reason, message_id, warning)


def _decide(response: ProviderResponse, rules: ResponseRules) -> tuple[bool, str, str]:
    """The verdict; a refusal quotes the provider's own reason when the body gives one."""
    accepted, code, reason = _verdict(response, rules)
    if not accepted:
        quoted = provider_reason(response.text)
        if quoted is not None and quoted not in reason:
            reason += f"; the provider says {quoted}"
    return accepted, code, reason


def provider_reason(text: str) -> str | None:
    """The provider's own words for its answer: ``"message": "invalid number"`` from a JSON body (the first member
    named error, message, description, reason… with text in it), or a short text body's first line."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        return repr(line[:120]) if line and not _HTML.match(text) else None
    found = [(_REASON_KEYS.index(key), path.count("."), path, value) for path, key, value in _walk(document)
             if key in _REASON_KEYS and isinstance(value, str) and value.strip().lower() not in _NO_ERROR]
    if not found:
        return None
    _, _, path, value = min(found, key=lambda item: item[:2])
    return f"{json.dumps(path.rpartition('.')[2])}: {json.dumps(value[:120], ensure_ascii=False)}"


def _verdict(response: ProviderResponse, rules: ResponseRules) -> tuple[bool, str, str]:
    status = f"HTTP {response.status} {response.reason}".rstrip()
    if rules.statuses is not None and response.status not in rules.statuses:
        return False, HTTP_STATUS, f"{status} is not one of the config's statuses {list(rules.statuses)}"
    if rules.statuses is None and not 200 <= response.status < 300:
        return False, HTTP_STATUS, f"{status} is not a 2xx status"
    text = response.text
    failure, success = rules.failure_pattern, rules.success_pattern
    if failure is not None and failure.search(text):
        return False, RESPONSE_PATTERN, f"the body matches the config's failure_pattern {failure.pattern!r}"
    if success is not None:
        matches = success.search(text) is not None
        return matches, RESPONSE_PATTERN, f"the body {'matches' if matches else 'does not match'} the config's " \
                                          f"success_pattern {success.pattern!r}"
    if _is_html(response):  # a login page, a captive portal, a proxy's error page: not the provider's API
        return False, HTML_PAGE, f"{status} with an HTML page, not an API's answer"
    if rules.failure_pattern is not None:
        return True, RESPONSE_PATTERN, f"{status} and the body does not match the config's failure_pattern"
    shape = _failure_shape(text)
    if shape is not None:
        return False, *shape
    kannel = _KANNEL.match(text)
    if kannel and len(text) < 200:
        code, words = kannel.group(1), kannel.group(2).strip()
        accepted = code == "0" or words.lower().startswith(("accepted", "queued"))
        return accepted, KANNEL_STATUS, f"Kannel-style status line '{code}: {words[:60]}'"
    return True, HTTP_STATUS, f"{status} and no failure shape in the body"


def _is_html(response: ProviderResponse) -> bool:
    media_type = (response.header("Content-Type") or "").split(";", 1)[0].strip().lower()
    return media_type in ("text/html", "application/xhtml+xml") or _HTML.match(response.text[:1024]) is not None


def _failure_shape(text: str) -> tuple[str, str] | None:
    """The first way the body says it failed: a JSON status, error field or false success, or an ERROR: line."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return (ERROR_TEXT, f"the body starts with an error prefix: {text.strip()[:80]!r}") \
            if _ERROR_PREFIX.match(text) else None
    for path, key, value in _walk(document):
        if key in _STATUS_KEYS and isinstance(value, str) and value.strip().lower() in _FAILURE_WORDS:
            return FAILURE_STATUS, f"the body's {path} is {value!r}"
        if key in _ERROR_KEYS and _is_error(value):
            return ERROR_FIELD, f"the body's {path} is {json.dumps(value, ensure_ascii=False)[:80]}"
        if key in _SUCCESS_KEYS and value is False:
            return SUCCESS_FALSE, f"the body's {path} is false"
    return None


def _is_error(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in _NO_ERROR
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    return bool(value)


def _walk(value: Any, path: str = "", depth: int = 0) -> Iterator[tuple[str, str, Any]]:
    """(dotted path, normalised key, value) of every object member, a few levels deep; an object's own members
    come before its children's, so a top-level "status" is found before a nested one."""
    if depth > _MAX_DEPTH:
        return
    children: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            child_path = f"{path}.{key}" if path else str(key)
            yield child_path, re.sub(r"[-_ ]", "", str(key)).lower(), child
            children.append((child_path, child))
    elif isinstance(value, list):
        children = [(f"{path}.{index}" if path else str(index), child) for index, child in enumerate(value)]
    for child_path, child in children:
        yield from _walk(child, child_path, depth + 1)


def _message_id(response: ProviderResponse, rules: ResponseRules) -> tuple[str | None, str | None]:
    place = rules.message_id
    if place is not None:
        found = _at_place(response, place)
        return (found, None) if found else (None, f"{MESSAGE_ID_MISSING}: no message id at {place} in the response")
    try:
        document = json.loads(response.text)
    except (ValueError, RecursionError):
        return None, None
    candidates = [(_ID_KEYS.index(key), path.count("."), value) for path, key, value in _walk(document)
                  if key in _ID_KEYS and isinstance(value, str | int) and not isinstance(value, bool) and value != ""]
    return (str(min(candidates, key=lambda c: c[:2])[2]), None) if candidates else (None, None)


def _at_place(response: ProviderResponse, place: str) -> str | None:
    """The value at ``json:a.0.b`` in the body or ``header:NAME``, as text."""
    kind, _, where = place.partition(":")
    if kind == "header":
        return response.header(where)
    try:
        value: Any = json.loads(response.text)
    except (ValueError, RecursionError):
        return None
    for part in where.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return None
    return None if value is None or isinstance(value, dict | list) else str(value)
