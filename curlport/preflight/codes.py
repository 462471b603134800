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
        summary='A JSON body says "status" (or "state", "result") is failure, failed, error, rejected or invalid.',
        why="Many providers answer 200 to every request and report the failure in the body.",
        fix="Read the body's message; if this status means success for your provider, set response.success_pattern.",
    ),
    PreflightCode(
        code="CP603", name="error-field", severity=Severity.ERROR,
        summary='A JSON body has a non-empty "error", "errors", "error_message" or "error-text".',
        why="A 200 with an error field did not send the message.",
        fix="Fix what the error names; set response.success_pattern if your provider fills the field on success.",
    ),
    PreflightCode(
        code="CP604", name="success-false", severity=Severity.ERROR,
        summary='A JSON body says "success", "ok" or "status" is false.',
        why="The provider reports the failure in the body of a 200.",
        fix="Read the body for the reason.",
    ),
    PreflightCode(
        code="CP605", name="error-text", severity=Severity.ERROR,
        summary="A text body starts with ERROR: or ERR:.",
        why="Older HTTP SMS gateways answer 200 with a text status line.",
        fix="Fix what the text names.",
    ),
    PreflightCode(
        code="CP606", name="kannel-status", severity=Severity.ERROR,
        summary="A Kannel-style 'N: text' status line: 0 (or Accepted, Queued) is accepted, any other is not.",
        why="Kannel and gateways modelled on it answer '0: Accepted for delivery' or '3: Error …' with any status.",
        fix="Read the text after the number.",
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
)
