"""The codes pre-flight reports: why render refused (CP22x) and which rule decided a send's verdict (CP60x).

They are documented like the rules (``curlport rules CP603``) but are not rules:
they judge a rendered request or a provider's response, not a config.
"""

from __future__ import annotations

from typing import NamedTuple

from curlport.findings import Severity


class PreflightCode(NamedTuple):
    """A named tuple, not a frozen dataclass: defined at every start of lint (for the catalogue) in a seventh of the
    time."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fix: str


PREFLIGHT_CODES = (
    PreflightCode(
        code="CP220", name="value-breaks-url", severity=Severity.ERROR,
        summary="With --encoding none, a substituted value carries a character that changes the endpoint URL.",
        why="If the platform pastes values into the endpoint without percent-encoding them, a message with &, #, +, "
            "% or a space ends the parameter, cuts the URL or is read back as something else.",
        fix="Send the message in form parameters, or confirm with the platform that it percent-encodes endpoint "
            "values (--encoding platform, the default, assumes it does).",
    ),
    PreflightCode(
        code="CP221", name="value-breaks-raw-form", severity=Severity.ERROR,
        summary="A value pasted verbatim into a raw body sent as a form changes the fields the provider reads.",
        why="A raw body is sent as written: a message with & starts a new field, + reads as a space and % as an "
            "escape, so the provider receives another message.",
        fix="Use form parameters (format form): the platform form-encodes each value.",
    ),
    PreflightCode(
        code="CP601", name="http-status", severity=Severity.ERROR,
        summary="The response status is not an accepted one (2xx, or the config's response.statuses).",
        why="A 4xx or 5xx means the provider refused the request; a 3xx was not followed (--follow).",
        fix="Read the body for the provider's reason: credentials, sender id, number format.",
    ),
    PreflightCode(
        code="CP602", name="failure-status", severity=Severity.ERROR,
        summary='A JSON or XML body says a status ("status", "state", "result", "type", "groupName") failed: a word '
                'such as failed, error, rejected, REJECTD, invalid or insufficient ("InvalidPhoneNumber", '
                '"REJECTED_NOT_ENOUGH_CREDITS"), a negative number or a 4xx/5xx, or a member that is only such a word.',
        why="Many providers answer 200 to every request and report the failure in the body, often per recipient "
            "(messages[0].status): the one recipient of a test message failed, so the message was not sent.",
        fix="Read the body's message; if this status means success for your provider, set response.success_pattern.",
    ),
    PreflightCode(
        code="CP603", name="error-field", severity=Severity.ERROR,
        summary='A JSON or XML body has a non-empty "error", "errors", "error_message" or "error-text", or a '
                'non-zero "error_code" ("ErrorCode": "0" and "ER-00" say no error), a SOAP Fault or a RestException.',
        why="A 200 with an error field did not send the message.",
        fix="Fix what the error names; set response.success_pattern if your provider fills the field on success.",
    ),
    PreflightCode(
        code="CP604", name="success-false", severity=Severity.ERROR,
        summary='A JSON or XML body says "success" (or "isSuccess"), "ok", "status", "result", "return" or "accepted" '
                'is false (or "false").',
        why="The provider reports the failure in the body of a 200.",
        fix="Read the body for the reason.",
    ),
    PreflightCode(
        code="CP605", name="error-text", severity=Severity.ERROR,
        summary="A short text body starts with ERROR:, ERR:, Error 10: or error |, or its words say it failed "
                "(error_credit, Invalid API key, Wrong phone number).",
        why="Older HTTP SMS gateways answer 200 with a text line.",
        fix="Fix what the text names.",
    ),
    PreflightCode(
        code="CP606", name="kannel-status", severity=Severity.ERROR,
        summary="A status line, 'N: text' (Kannel), 'N|text|id' or 'N = TEXT': a negative number or words of "
                "failure refuse, 0 or words of success accept, and Kannel's other numbers refuse.",
        why="Kannel and gateways modelled on it answer '0: Accepted for delivery', '0|IN_PROGRESS|' or "
            "'-1004 = INSUFFICIENT CREDITS' with any status.",
        fix="Read the text after the number; for a number this rule cannot read, set response.success_pattern.",
    ),
    PreflightCode(
        code="CP607", name="response-pattern", severity=Severity.ERROR,
        summary="The config's response.success_pattern did not match, or its failure_pattern did.",
        why="The config says what this provider's acceptance looks like; it replaces the heuristics.",
        fix="Check the body, or the patterns in the config's response section.",
    ),
    PreflightCode(
        code="CP608", name="message-id-missing", severity=Severity.WARNING,
        summary="The config's response.message_id names a place the response does not have.",
        why="Without the provider's message id, delivery reports cannot be matched to the message.",
        fix="Point response.message_id at the id (json:a.0.b or header:NAME).",
    ),
    PreflightCode(
        code="CP609", name="html-page", severity=Severity.ERROR,
        summary="The response is an HTML page (a login page, a captive portal, a proxy's error page).",
        why="An SMS API answers JSON or text; a 200 with an HTML page means the request reached a web page, not the "
            "API, and no message was sent.",
        fix="Check the endpoint (the API's host and path, not the website's), and the network between.",
    ),
    PreflightCode(
        code="CP610", name="status-only", severity=Severity.WARNING,
        summary="A 2xx whose body says neither accepted nor refused: NOT confirmed (exit 1), never called accepted.",
        why="Many providers refuse with a 200 in their own words; a body curlport cannot read (empty, a bare number, "
            "a shape of its own) may be a refusal, so the verdict is not a confident one.",
        fix="Read the body; set the config's response.success_pattern (what an acceptance says) or failure_pattern "
            "(what a refusal says), and send again.",
    ),
    PreflightCode(
        code="CP611", name="success-signal", severity=Severity.INFO,
        summary="The body says the provider took the message: a success status (queued, sent, submitted, PENDING, "
                "ACCEPTD), success true, a result code 0 or OK, a message id, or an OK / ID: / sent text.",
        why="A 2xx alone is no answer; the body's own word is the provider's.",
        fix="Nothing to fix: delivery reports tell whether the message arrived.",
    ),
    PreflightCode(
        code="CP612", name="result-code", severity=Severity.ERROR,
        summary='A result code ("code", "resultCode", "statusCode", or "x_code" beside "x_desc") that is not 0: '
                'negative, a provider error number, a 4xx/5xx, or an error\'s name ("isv.BUSINESS_LIMIT_CONTROL", '
                '"LimitExceeded.PhoneNumberDailyLimit").',
        why="Providers that answer every request with 200 put the outcome in a code: 0 (or OK) is success, any "
            "other number is an error from their table. A 1xx-3xx code says nothing either way, and a code beside "
            "a message that says success is not read as an error.",
        fix="Look the code up in the provider's table; if this code means success for your provider, set "
            "response.success_pattern.",
    ),
    PreflightCode(
        code="CP613", name="failed-count", severity=Severity.ERROR,
        summary='A member whose name says failure counts or lists recipients ("failed": 1, "rejected": 1, '
                '"failCount": 1, "invalid_numbers": ["+44…"]) or flags one ("isError": true, "hasError": true, '
                '"failure": true).',
        why="A bulk API answers \"status\": \"success\" for the request even when the one recipient it was sent "
            "to failed: the count says so. A count of messages taken that is 0 (\"sent\": 0) is never an "
            "acceptance either (NOT confirmed, CP610).",
        fix="Read the provider's reason for the failed recipient; if the member means something else for your "
            "provider, set response.success_pattern.",
    ),
)
