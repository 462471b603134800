"""Did the provider accept the message? A 200 is not an answer: many providers say "failed" with a 200.

The config's optional ``response`` section decides when it says something
(accepted statuses, a success or failure pattern, where the message id is);
otherwise the body is read as a document (JSON, or XML as the same tree of
members) or as a text line, and judged by class: any sign of a refusal refuses
(a failure status word, an error field, a false success, a non-zero result
code, an error text), else a sign of acceptance accepts (a success status word,
a true success, a zero result code, a message id, an OK line), else the 2xx is
not a refusal but NOT confirmed either (``Verdict.confirmed``): the verdict
says the body was not understood, and only a confirmed verdict is "accepted".
Each verdict names the rule that decided (CP601-CP613, ``curlport rules CP60x``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeGuard
from xml.etree.ElementTree import Element, ParseError, fromstring

from curlport.preflight.provider import ResponseRules

HTTP_STATUS, FAILURE_STATUS, ERROR_FIELD, SUCCESS_FALSE = "CP601", "CP602", "CP603", "CP604"
ERROR_TEXT, KANNEL_STATUS, RESPONSE_PATTERN, MESSAGE_ID_MISSING = "CP605", "CP606", "CP607", "CP608"
HTML_PAGE, STATUS_ONLY, SUCCESS_SIGNAL, RESULT_CODE = "CP609", "CP610", "CP611", "CP612"
FAILED_COUNT = "CP613"

#: Statuses that say "ask there instead": not an answer about the message (send follows them with --follow).
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Words of a status that say the message was not taken (SMPP's REJECTD and UNDELIV among them).
_FAILURE_WORDS = frozenset({
    "failure", "failed", "fail", "error", "err", "rejected", "rejectd", "reject", "refused", "invalid",
    "unsuccessful", "undeliverable", "undelivered", "undeliv", "expired", "insufficient", "denied",
    "unauthorized", "unauthorised", "forbidden", "blocked", "blacklisted", "wrong", "illegal", "missing",
    "cancelled", "canceled", "not"})
#: Words of a status that say it was taken (SMPP's ACCEPTD and DELIVRD among them).
_SUCCESS_WORDS = frozenset({
    "success", "successful", "successfully", "ok", "sent", "queued", "queue", "accepted", "acceptd",
    "delivered", "delivrd", "submitted", "pending", "created", "done", "processed", "scheduled", "progress"})
_STATUS_KEYS = frozenset({"status", "state", "result", "type", "groupname"})
_ERROR_KEYS = frozenset({"error", "errors", "errormessage", "errortext", "errormsg", "errordescription",
                         "errorcode", "errcode", "errno", "errornumber", "fault"})
_SUCCESS_KEYS = frozenset({"success", "successful", "issuccess", "issuccessful", "ok", "status", "result",
                           "return", "accepted"})
#: Keys of a result code: 0 (or OK) is success, another number a refusal (HTTP-like 1xx-3xx say nothing).
_CODE_KEYS = frozenset({"code", "resultcode", "responsecode", "returncode", "retcode", "statuscode", "httpcode"})
_NO_ERROR = frozenset({"", "none", "null", "false", "ok", "success", "no error", "no errors", "noerror"})
_ZERO = re.compile(r"^\D*0+$")  # 0, "000", "ER-00": a code that says "no error"
#: A number as text; no longer than a code is (Python refuses to read a number of over 4,300 digits).
#: The digits are a group: ``\s`` also matches separators (``\x1c``-``\x1f``) that ``int()`` will not strip.
_NUMBER = re.compile(r"^\s*([-+]?\d{1,18})\s*$")
#: The name of an error: dotted or underscored (``isv.BUSINESS_LIMIT_CONTROL``, ``INVALID_NUMBER``) or CamelCase.
_ERROR_NAME = re.compile(r"^(?:[A-Za-z]\w*(?:[._]\w+)+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)$")
#: Keys that hold a provider's message id, most specific first.
_ID_KEYS = ("messageid", "msgid", "smsid", "messageuuid", "sid", "textid", "requestid", "batchid", "uuid", "id")
#: A request id comes with refusals too: it says nothing about the message.
_MESSAGE_ID_KEYS = frozenset(_ID_KEYS) - {"requestid"}
#: A status line: Kannel's "0: Accepted for delivery", BulkSMS's "0|IN_PROGRESS|", iSMS's "-1004 = INSUFFICIENT".
_STATUS_LINE = re.compile(r"^\s*(-?\d{1,18})\s*([:|=])\s*(.*)$", re.DOTALL)
_ERROR_PREFIX = re.compile(r"(?i)^\s*(?:ERROR|ERR)\b[\s\d]*[:\-|]")
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_MAX_DEPTH = 4
_MAX_STATUS = 60
#: Suffixes of the key that explains a code beside it (``opr_desc``, ``ret_msg``, ``responseText``).
_EXPLAINED_BY = ("desc", "description", "message", "msg", "text", "info")
_SHORT_TEXT = 300
#: Keys under which providers explain an answer, most specific first: quoted in a refusal's verdict.
_REASON_KEYS = ("errormessage", "errortext", "errordescription", "error", "message", "msg", "description",
                "reason", "detail", "details", "statusmessage", "statustext", "responsetext", "text",
                "detaildescription")
#: Words of a member that counts or flags something other than a failure: when it happened, its code.
_NOT_A_COUNT = frozenset({"at", "on", "time", "date", "timestamp", "before", "after", "until", "url", "code",
                          "reason", "message", "msg", "text", "description", "desc"})
#: Words of a count of messages taken: 0 of them is no acceptance.
_TAKEN_WORDS = frozenset({"sent", "accepted", "success", "successful", "submitted", "queued", "delivered"})
_COUNT_VOCABULARY = (_FAILURE_WORDS - {"not", "err"}) | _TAKEN_WORDS | _NOT_A_COUNT
_HTML = re.compile(r"(?i)^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])")
NOT_UNDERSTOOD = ("the body was not understood as accepted or refused; if this provider refuses with a 2xx, set "
                  "the config's response.failure_pattern (or success_pattern) to what its answers say")


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
    #: Not refused. True for CP610 (a 2xx the body says nothing about) too: ``confirmed`` tells the two apart.
    accepted: bool
    #: The rule that decided; CP610 when a 2xx body said neither.
    code: str
    reason: str
    message_id: str | None = None
    #: CP610 when the body was not understood, CP608 when the config's message id place is missing.
    warning: str | None = None

    @property
    def confirmed(self) -> bool:
        """Accepted by what the provider said, not by a 2xx alone: only this is "accepted" to the user (exit 0).

        A 2xx whose body says neither (CP610) is not a refusal, but calling it accepted would be the
        wrong "passed" a provider that refuses with 200 and an unread body produces.
        """
        return self.accepted and self.code != STATUS_ONLY

    @property
    def word(self) -> str:
        """What the CLI and the page call this verdict."""
        return "accepted" if self.confirmed else "NOT confirmed" if self.accepted else "NOT accepted"


@dataclass(frozen=True)
class Member:
    """One object member of a response document, with the object it is in (a sibling may qualify it)."""

    path: str
    #: Lower case, without ``-``, ``_`` and spaces: ``error-text`` and ``ErrorText`` are ``errortext``.
    key: str
    value: Any
    parent: dict[str, Any]
    #: In the answer's own object: the top one, or inside a lone wrapper (``{"sendSmsResponse": {…}}``, XML's root).
    top: bool


def judge(response: ProviderResponse, rules: ResponseRules) -> Verdict:
    """The verdict on one response, and the provider's message id when it has one."""
    accepted, code, reason = _decide(response, rules)
    message_id, missing = _message_id(response, rules)
    if not accepted:  # a refusal's "id" is the request's (Aliyun's RequestId) or none ("messageId": "None")
        message_id = None
    warnings = [f"{STATUS_ONLY}: {NOT_UNDERSTOOD}"] if code == STATUS_ONLY else []
    warnings += [missing] if missing else []
    return Verdict(accepted, code, reason, message_id, "; ".join(warnings) or None)


def _decide(response: ProviderResponse, rules: ResponseRules) -> tuple[bool, str, str]:
    """The verdict; a refusal quotes the provider's own reason when the body gives one."""
    accepted, code, reason = _verdict(response, rules)
    if not accepted:
        quoted = provider_reason(response.text)
        if quoted is not None and quoted not in reason:
            reason += f"; the provider says {quoted}"
    return accepted, code, reason


def provider_reason(text: str) -> str | None:
    """The provider's own words for its answer: ``"message": "invalid number"`` from a JSON or XML body (the first
    member named error, message, description, reason… with text in it), or a short text body's first line."""
    body = _read_body(text)
    if isinstance(body, str):
        line = next((line.strip() for line in body.splitlines() if line.strip()), "")
        return repr(line[:120]) if line and not _HTML.match(body) else None
    found = [(_REASON_KEYS.index(m.key), m.path.count("."), m.path, m.value) for m in _walk(body)
             if m.key in _REASON_KEYS and isinstance(m.value, str) and not _says_no_error(m.value)]
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
    body = _read_body(text)
    found = _read_text(body) if isinstance(body, str) else _read_document(body)
    if found is not None:
        return found
    return True, STATUS_ONLY, f"{status}: the body says neither accepted nor refused"


def _is_html(response: ProviderResponse) -> bool:
    media_type = (response.header("Content-Type") or "").split(";", 1)[0].strip().lower()
    return media_type in ("text/html", "application/xhtml+xml") or _HTML.match(response.text[:1024]) is not None


def _read_body(text: str) -> dict[str, Any] | list[Any] | str:
    """The body as a tree of members (JSON as it is, XML as ``{tag: {child: text}}``), or as text to read as a line:
    a JSON string, an XML element with only text (an ASP.NET web service's ``<string>``), any other text.

    An XML body with a DOCTYPE is read as text (entities are how XML bodies attack their readers)."""
    stripped = text.lstrip()
    if stripped.startswith("<"):
        if "<!DOCTYPE" in stripped[:1024].upper() or "<!ENTITY" in stripped.upper():
            return text
        try:
            root = fromstring(stripped)
        except (ParseError, ValueError):
            return text
        value = _element(root)
        return {_tag(root): value} if isinstance(value, dict) else value
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return text
    return value if isinstance(value, dict | list | str) else text


def _tag(element: Element) -> str:
    return element.tag.rpartition("}")[2]


def _element(element: Element, depth: int = 0) -> Any:
    """An element's attributes and children as members (a repeated child as a list, its own text as ``text``), or
    only its text; no deeper than the members judged (a deeply nested body is no answer, and no crash)."""
    text = (element.text or "").strip()
    members: dict[str, Any] = dict(element.attrib)
    for child in element if depth <= _MAX_DEPTH else ():
        value = _element(child, depth + 1)
        tag = _tag(child)
        if tag in members:
            previous = members[tag]
            members[tag] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            members[tag] = value
    if members and text:
        members.setdefault("text", text)
    return members or text


def _words(text: str) -> set[str]:
    """``InvalidPhoneNumber``, ``REJECTED_NOT_ENOUGH_CREDITS``, ``error_credit`` as lower-case words."""
    return {word.lower() for word in _WORD.findall(text)}


def _says_failure(text: str) -> bool:
    return not _words(text).isdisjoint(_FAILURE_WORDS)


def _says_success(text: str) -> bool:
    return not _words(text).isdisjoint(_SUCCESS_WORDS)


def _is_word(value: Any) -> TypeGuard[str]:
    """A status's value: a few words (``"InvalidPhoneNumber"``, ``"message(s) queued"``), not a URL or a paragraph
    (a ``statusCallback`` URL with "error" in its path is no status)."""
    return isinstance(value, str) and len(value) <= _MAX_STATUS and "://" not in value


def _only(text: str, words: frozenset[str]) -> bool:
    """The whole value is such a word: ``"Text": "REJECTD"``, ``"type": "error"``, ``"Text": "PENDING"``."""
    found = _words(text)
    return bool(found) and found <= words


def _flag(value: Any) -> bool | None:
    """true and false, also as the strings PHP gateways write (``"success": "false"``)."""
    if isinstance(value, bool):
        return value
    text = value.strip().lower() if isinstance(value, str) else None
    return {"true": True, "false": False}.get(text or "")


def _says_no_error(text: str) -> bool:
    value = text.strip().lower()
    return value in _NO_ERROR or _ZERO.match(value) is not None


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return _text_number(value) if isinstance(value, str) else None


def _text_number(text: str) -> int | None:
    """The number a text is, alone on its line (``' -1 '``), or None."""
    match = _NUMBER.match(text)
    return int(match.group(1)) if match else None


def _read_document(document: Any) -> tuple[bool, str, str] | None:
    """The first sign of a refusal anywhere in the document, else the first sign of acceptance, else None.

    Any refusal wins: a request "OK" whose only recipient failed was refused."""
    members = list(_walk(document))
    for member in members:
        refusal = _refusal(member)
        if refusal is not None:
            return False, *refusal
    none_taken = [m for m in members if _counts_taken(m) == 0]
    if none_taken and not any(_counts_taken(m) for m in members):
        shown = f"the body's {none_taken[0].path} is 0"
        return True, STATUS_ONLY, f"{shown}: no message was taken, whatever else the body says"
    said = [m for m in members if _says_accepted(m)] or [m for m in members if m.key in _MESSAGE_ID_KEYS
                                                          and _id_value(m.value) is not None]
    if not said:
        return None
    shown = json.dumps(said[0].value, ensure_ascii=False)[:80]
    contradicted = _contradiction(said[0])
    if contradicted is not None:
        return True, STATUS_ONLY, f"the body's {said[0].path} is {shown} but {contradicted}"
    return True, SUCCESS_SIGNAL, f"the body's {said[0].path} is {shown}"


def _contradiction(member: Member) -> str | None:
    """A member beside the sign of acceptance that explains it in words of failure (``"status": "OK"`` beside
    ``"message": "Insufficient balance"``): the two disagree, and neither is called the answer."""
    for key, value in member.parent.items():
        if _normal(key) != member.key and _normal(key) in _REASON_KEYS and _is_word(value) \
                and _says_failure(value) and not _says_success(value):
            return f"its {key} says {json.dumps(value, ensure_ascii=False)[:80]}"
    return None


def _refusal(member: Member) -> tuple[str, str] | None:
    key, value = member.key, member.value
    shown = f"the body's {member.path} is {json.dumps(value, ensure_ascii=False)[:80]}"
    if _is_word(value) and (_only(value, _FAILURE_WORDS) or (_is_status_key(key) and _says_failure(value))):
        return FAILURE_STATUS, shown
    number = _number(value)
    if _is_status_key(key) and number is not None and (number < 0 or 400 <= number < 600):
        return FAILURE_STATUS, shown
    if _is_error_key(key) and _is_error(value):
        return ERROR_FIELD, shown
    if key in _SUCCESS_KEYS and _flag(value) is False:
        return SUCCESS_FALSE, shown
    if _is_code_key(member) and _is_refusal_code(member, number):
        return RESULT_CODE, shown
    if _counts_failures(member):
        return FAILED_COUNT, shown
    return None


def _key_words(member: Member) -> set[str]:
    """The words of the member's own key (``failCount``: fail, count; ``invalid_numbers``); a key written as one
    word (``INVALIDNUMBER``, ``failedat``) also has the words of the count class it starts or ends with."""
    words = _words(member.path.rpartition(".")[2])
    if len(words) == 1:
        key = member.key
        words |= {word for word in _COUNT_VOCABULARY if key.endswith(word) or (len(word) > 3 and key.startswith(word))}
    return words


def _counts_failures(member: Member) -> bool:
    """A key that names a failure (``failed``, ``rejected``, ``failCount``, ``invalid_numbers``, ``isError``) with a
    positive count, a list of recipients, or true; not a time (``failed_at``) nor a code or reason (their own
    rules read those)."""
    words = _key_words(member)
    if words.isdisjoint(_FAILURE_WORDS) or not words.isdisjoint(_NOT_A_COUNT):
        return False
    value, number = member.value, _number(member.value)
    if _flag(value) is not None:
        return _flag(value) is True
    return (number is not None and number > 0) or (isinstance(value, list) and bool(value))


def _counts_taken(member: Member) -> int | None:
    """The count of a key that counts messages taken (``sent``, ``successCount``, ``accepted``), or None: not such
    a count (a status or a code, where 0 means success, is none)."""
    words = _key_words(member)
    if _is_status_key(member.key) or _is_code_key(member) or words.isdisjoint(_TAKEN_WORDS) \
            or not words.isdisjoint(_FAILURE_WORDS):
        return None
    return _number(member.value)


def _is_status_key(key: str) -> bool:
    if key.startswith("statuscode"):  # a number: a result code (CP612), not a status word
        return False
    return key in _STATUS_KEYS or key.startswith("status") or key.endswith(("status", "state", "result"))


def _is_error_key(key: str) -> bool:
    """``error``, ``error_text``…, a SOAP ``Fault``, a ``RestException``."""
    return key in _ERROR_KEYS or key.endswith("exception")


def _is_code_key(member: Member) -> bool:
    """``code``, ``resultCode``…, or a code paired with its own description (``opr_code`` beside ``opr_desc``,
    ``ret_code`` beside ``ret_msg``)."""
    if member.key in _CODE_KEYS:
        return True
    prefix = member.key.removesuffix("code")
    return prefix != member.key and bool(prefix) and any(
        _normal(key) in {prefix + suffix for suffix in _EXPLAINED_BY} for key in member.parent)


def _explains(key: str) -> bool:
    return key in _REASON_KEYS or key.endswith(_EXPLAINED_BY) or _is_status_key(key)


def _is_refusal_code(member: Member, number: int | None) -> bool:
    """A result code that is not 0: a refusal where the code is the answer's own (at the top, or beside a message
    or status), unless that message says success (``{"code": "1", "message": "Success"}``); a code that is no
    number must say OK at the top, and deeper when it is an error's name (``LimitExceeded.PhoneNumberDailyLimit``
    beside its message, not ``"GB"``)."""
    top = member.top
    beside = [v for k, v in member.parent.items() if _normal(k) != member.key and _explains(_normal(k))]
    if not top and not beside:
        return False
    if any(_is_word(v) and _says_success(v) and not _says_failure(v) for v in beside):
        return False
    if number is None:
        value = member.value
        return isinstance(value, str) and (top or _ERROR_NAME.match(value) is not None) \
            and not _says_no_error(value) and not _says_success(value)
    return number != 0 and not 100 <= number < 400


def _says_accepted(member: Member) -> bool:
    """A status, success flag or result code that says the message was taken (a message id is the weaker sign)."""
    key, value = member.key, member.value
    if key in _SUCCESS_KEYS and _flag(value) is True:
        return True
    code = _is_code_key(member)
    if (_is_status_key(key) or code or _is_error_key(key)) and _number(value) == 0:
        return True
    if code and isinstance(value, str) and _says_no_error(value):
        return True
    if _is_word(value) and _only(value, _SUCCESS_WORDS):
        return True
    return _is_status_key(key) and _is_word(value) and _says_success(value)


def _is_error(value: Any) -> bool:
    if isinstance(value, str):
        return not _says_no_error(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, dict):
        return any(_is_error(child) for child in value.values())
    return bool(value)


def _id_value(value: Any) -> str | None:
    """A message id as text: a string or number, or the first of a list of them (Plivo's ``message_uuid``)."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        return None
    return str(value)


def _read_text(text: str) -> tuple[bool, str, str] | None:
    """A text answer: a status line (a number, then its words), an error prefix, or a short line whose words
    say failure or success."""
    number = _text_number(text)
    if number is not None and number < 0:
        return False, KANNEL_STATUS, f"the body is the negative number {text.strip()}"
    line = _STATUS_LINE.match(text)
    if line and len(text) < _SHORT_TEXT:
        number, separator, words = int(line.group(1)), line.group(2), line.group(3).strip()
        shown = f"the status line '{text.strip()[:60]}'"
        if number < 0 or _says_failure(words):
            return False, KANNEL_STATUS, shown
        if number == 0 or _says_success(words):
            return True, KANNEL_STATUS, shown
        if separator == ":":  # Kannel: any other number is an error
            return False, KANNEL_STATUS, shown
        return None
    if _ERROR_PREFIX.match(text):
        return False, ERROR_TEXT, f"the body starts with an error prefix: {text.strip()[:80]!r}"
    first = next((line for line in text.splitlines() if line.strip()), "")
    if len(text) >= _SHORT_TEXT or not first:
        return None
    first_word = next(iter(_WORD.findall(first)), "").lower()
    if _says_failure(first) or (first_word == "no" and not _says_no_error(first)):  # "NO_TO", "No credits"
        return False, ERROR_TEXT, f"the body says so: {first.strip()[:80]!r}"
    if _says_success(first) or _words(first.split(":", 1)[0]) == {"id"}:
        return True, SUCCESS_SIGNAL, f"the body says so: {first.strip()[:80]!r}"
    return None


def _normal(key: object) -> str:
    return re.sub(r"[-_ ]", "", str(key)).lower()


def _walk(value: Any, path: str = "", depth: int = 0, top: bool = True) -> Iterator[Member]:
    """Every object member, a few levels deep; an object's own members come before its children's, so a top-level
    "status" is found before a nested one."""
    if depth > _MAX_DEPTH:
        return
    children: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            child_path = f"{path}.{key}" if path else str(key)
            yield Member(child_path, _normal(key), child, value, top)
            children.append((child_path, child))
    elif isinstance(value, list):
        children = [(f"{path}.{index}" if path else str(index), child) for index, child in enumerate(value)]
    wrapper = top and isinstance(value, dict) and len(value) == 1
    for child_path, child in children:
        yield from _walk(child, child_path, depth + 1, wrapper)


def _message_id(response: ProviderResponse, rules: ResponseRules) -> tuple[str | None, str | None]:
    place = rules.message_id
    if place is not None:
        found = _at_place(response, place)
        return (found, None) if found else (None, f"{MESSAGE_ID_MISSING}: no message id at {place} in the response")
    body = _read_body(response.text)
    candidates = [(_ID_KEYS.index(m.key), m.path.count("."), found) for m in _walk(body)
                  if m.key in _ID_KEYS and (found := _id_value(m.value)) is not None]
    return (min(candidates)[2], None) if candidates else (None, None)


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
