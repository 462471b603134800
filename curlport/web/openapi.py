"""The API's OpenAPI 3.1 document: its schemas also check every request body.

One description serves the reader (``GET /api/openapi.json``), the server (a body
that does not match is a 400 naming the offending place) and the tests (every
answer is validated against its documented schema).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from curlport import __version__
from curlport.preflight.export import FORMATS

Json = dict[str, Any]


def _ref(name: str) -> Json:
    return {"$ref": f"#/components/schemas/{name}"}


_SPAN = {
    "type": "object", "required": ["line", "column", "end_line", "end_column"],
    "description": "1-based; the end is exclusive (like the CLI's json output).",
    "properties": {key: {"type": "integer", "minimum": 1} for key in ("line", "column", "end_line", "end_column")},
}
_NULLABLE_INT = {"type": ["integer", "null"]}
_TEXT_INPUT = {
    "text": {"type": "string", "description": "A curl command, or a config JSON (a text starting with '{')."},
    "kind": {"enum": ["auto", "curl", "config"], "default": "auto",
             "description": "What the text is; auto tells a config JSON from a curl command by its first character."},
    "name": {"type": ["string", "null"], "maxLength": 200,
             "description": "The provider's name in the config (curlport import --name); default: the host."},
    "show_secrets": {"type": "boolean", "default": False,
                     "description": "Do not mask secrets in messages (curlport lint --show-secrets)."},
}
_PLACEMENT = {
    "to": {"type": ["string", "null"], "description": "Where $$To goes (curlport import --to): query:NAME, "
                                                       "form:NAME, json:a.0.b, header:NAME, path:N or NAME."},
    "body": {"type": ["string", "null"], "description": "Where $$Body goes (curlport import --body)."},
    "placeholders": {"enum": ["auto", "none"], "default": "auto",
                     "description": "auto: detection places $$To and $$Body; none: keep every sample value."},
}
_FIXES = {"fixes": {"type": "array", "items": _ref("FixStep"),
                    "description": "Fix steps applied in order to the config (as import --fix, lint --fix)."}}
_VALUES = {
    "values": {"type": "object", "required": ["to", "body"], "additionalProperties": False,
               "description": "What replaces each placeholder (curlport render --to --body).",
               "properties": {"to": {"type": "string"}, "body": {"type": "string"},
                              "template_id": {"type": ["string", "null"]},
                              "message_id": {"type": ["string", "null"]}}},
    "encoding": {"enum": ["platform", "none"], "default": "platform",
                 "description": "How values go into the endpoint (curlport render --encoding)."},
    "allow_incomplete": {"type": "boolean", "default": False,
                         "description": "Render (or send) even when the request would not carry values.to or "
                                        "values.body (curlport render --allow-incomplete); refused otherwise."},
}
_INCOMPLETE = {"type": ["string", "null"],
               "description": "What the request would not carry (no $$To, no $$Body), when allow_incomplete let it "
                              "through; its findings are listed."}
_REQUEST_RECORD = {
    "type": ["object", "null"], "required": ["method", "url", "headers", "body"],
    "properties": {"method": {"type": "string"}, "url": {"type": "string"}, "body": {"type": ["string", "null"]},
                   "headers": {"type": "array", "items": {"type": "object", "required": ["key", "value"]}}},
}

SCHEMAS: Json = {
    "ImportRequest": {"type": "object", "required": ["text"], "additionalProperties": False,
                      "properties": {**_TEXT_INPUT, **_PLACEMENT}},
    "LintRequest": {"type": "object", "required": ["text"], "additionalProperties": False, "properties": _TEXT_INPUT},
    "FixRequest": {
        "type": "object", "required": ["text"], "additionalProperties": False,
        "properties": {**_TEXT_INPUT, **_PLACEMENT, "fixes": {
            "type": "array", "items": _ref("FixStep"), "default": [{"code": None, "unsafe": False}],
            "description": "Applied in order; the default is curlport import --fix (every safe fix)."}},
    },
    "RenderRequest": {"type": "object", "required": ["text", "values"], "additionalProperties": False,
                      "properties": {**_TEXT_INPUT, **_PLACEMENT, **_FIXES, **_VALUES}},
    "SendRequest": {
        "type": "object", "required": ["text", "values", "confirm_host"], "additionalProperties": False,
        "properties": {**_TEXT_INPUT, **_PLACEMENT, **_FIXES, **_VALUES,
                       "confirm_host": {"type": "string", "description": "The provider's host, as the user "
                                                                          "confirmed it: nothing is sent otherwise."},
                       "connect_timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 60, "default": 10},
                       "read_timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 120, "default": 30},
                       "total_timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 300, "default": 60,
                                         "description": "The whole exchange ends by then (curlport send "
                                                        "--total-timeout)."},
                       "allow_private": {"type": "boolean", "default": False,
                                         "description": "Send to a loopback or private address (a test server); "
                                                        "never to this server itself."},
                       "allow_link_local": {"type": "boolean", "default": False,
                                            "description": "Send to a link-local or cloud metadata address "
                                                           "(curlport send --allow-link-local)."}},
    },
    "RenderAnswer": {
        "type": "object", "required": ["request", "http", "host", "findings", "exit_code"],
        "properties": {"request": _REQUEST_RECORD,
                       "http": {"type": ["string", "null"], "description": "As curlport render prints it (masked)."},
                       "host": {"type": ["string", "null"]},
                       "exports": {"type": ["object", "null"], "required": list(FORMATS),
                                   "description": "The config as curlport export writes it in each format: text "
                                                  "(unmasked, to copy) and shown (masked unless show_secrets); "
                                                  "null when nothing was rendered.",
                                   "additionalProperties": False,
                                   "properties": {name: _ref("ValueShown") for name in FORMATS}},
                       "findings": {"type": "array", "items": _ref("Finding"),
                                    "description": "Why nothing was rendered (CP101/CP102/CP402, CP22x, "
                                                   "CP302...), or what is missing (allow_incomplete)."},
                       "incomplete": _INCOMPLETE,
                       "exit_code": {"enum": [0, 1]}},
    },
    "SendAnswer": {
        "type": "object", "required": ["sent", "request", "response", "verdict", "error", "findings", "exit_code"],
        "properties": {
            "sent": {"type": "boolean"}, "request": _REQUEST_RECORD,
            "response": {"type": ["object", "null"], "required": ["status", "reason", "headers", "body"]},
            "verdict": {"type": ["object", "null"], "required": ["accepted", "code", "name", "reason", "message_id"],
                        "properties": {"accepted": {"type": "boolean"}, "code": {"type": "string"}}},
            "error": {"type": ["string", "null"], "description": "Why nothing was sent (network, TLS, timeout)."},
            "findings": {"type": "array", "items": _ref("Finding")},
            "incomplete": _INCOMPLETE,
            "exit_code": {"enum": [0, 1, 2], "description": "What curlport send --yes would exit with."}},
    },
    "Placeholder": {
        "type": "object", "required": ["placeholder", "outcome", "place", "sample", "span", "candidates"],
        "properties": {
            "placeholder": {"enum": ["$$To", "$$Body"]},
            "outcome": {"enum": ["present", "found", "chosen", "ask", "none"]},
            "place": {"type": ["string", "null"]}, "sample": {"type": ["string", "null"]},
            "span": {"oneOf": [{"type": "null"}, _SPAN]},
            "candidates": {"type": "array", "items": {"type": "object", "required": ["place", "sample"]}},
        },
    },
    "FixStep": {
        "type": "object", "additionalProperties": False,
        "properties": {"code": {"type": ["string", "null"], "pattern": "^CP[0-9]{3}$",
                                "description": "The fixes of this code only; null for every code."},
                       "unsafe": {"type": "boolean", "default": False,
                                  "description": "Apply the unsafe fixes too (--unsafe-fixes)."}},
    },
    "Finding": {
        "type": "object",
        "required": ["code", "name", "severity", "message", "line", "column", "end_line", "end_column", "pointer",
                     "fix"],
        "properties": {
            "code": {"type": "string"}, "name": {"type": "string"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string", "description": "Secrets masked unless show_secrets."},
            "line": _NULLABLE_INT, "column": _NULLABLE_INT, "end_line": _NULLABLE_INT, "end_column": _NULLABLE_INT,
            "pointer": {"type": ["string", "null"], "description": "The JSON pointer of the config value."},
            "fix": {"oneOf": [{"type": "null"}, {
                "type": "object", "required": ["description", "applicability"],
                "properties": {"description": {"type": "string"}, "applicability": {"enum": ["safe", "unsafe"]}}}]},
            "action": {"oneOf": [{"type": "null"}, {
                "type": "object", "required": ["placeholder", "place"],
                "description": "Import answers only: the page's way to act on the finding, choosing where the "
                               "placeholder goes (place null: open the choice; else that candidate place).",
                "properties": {"placeholder": {"enum": ["$$To", "$$Body"]}, "place": {"type": ["string", "null"]}}}]},
        },
    },
    "ValueShown": {
        "type": "object", "required": ["text", "shown"], "additionalProperties": False,
        "description": "A value as it is (text: what Copy copies) and as shown (masked unless show_secrets).",
        "properties": {"text": {"type": "string"}, "shown": {"type": "string"}},
    },
    "FormRow": {
        "type": "object", "required": ["label", "value", "level", "pairs", "body"], "additionalProperties": False,
        "description": "One row of the form view (curlport import --format form): level 1 is a setting of the row "
                       "above; pairs is a key/value list, body the raw or JSON body.",
        "properties": {
            "label": {"type": "string"}, "value": _ref("ValueShown"), "level": {"enum": [0, 1]},
            "pairs": {"oneOf": [{"type": "null"}, {"type": "array", "items": {
                "type": "object", "required": ["key", "value"], "additionalProperties": False,
                "properties": {"key": {"type": "string"}, "value": _ref("ValueShown")}}}]},
            "body": {"oneOf": [{"type": "null"}, _ref("ValueShown")]},
        },
    },
    "Secret": {
        "type": "object", "required": ["pointer", "start", "end", "span"],
        "description": "Characters start..end of the config value at pointer are a secret; span is where they are in "
                       "the input text (null when not found there).",
        "properties": {"pointer": {"type": "string"}, "start": {"type": "integer", "minimum": 0},
                       "end": {"type": "integer", "minimum": 0}, "span": {"oneOf": [{"type": "null"}, _SPAN]}},
    },
    "Reading": {
        "type": "object",
        "required": ["kind", "config", "config_json", "form", "missing", "findings", "secrets", "placeholders",
                     "exit_code"],
        "properties": {
            "kind": {"enum": ["curl", "config"]},
            "config": {"type": ["object", "null"],
                       "description": "For a curl command, exactly what curlport import writes; null when nothing "
                                      "could be imported."},
            "config_json": {"type": ["string", "null"], "description": "The config's text, byte for byte."},
            "form": {"oneOf": [{"type": "null"}, {"type": "array", "items": _ref("FormRow")}],
                     "description": "The config as curlport import --format form shows it, row by row."},
            "missing": {"type": "array", "items": {"enum": ["$$To", "$$Body"]},
                        "description": "The placeholders the config lacks: it cannot be sent until they are there."},
            "findings": {"type": "array", "items": _ref("Finding")},
            "secrets": {"type": "array", "items": _ref("Secret")},
            "placeholders": {"type": "array", "items": _ref("Placeholder"),
                             "description": "What detection did for $$To and $$Body (empty for a config JSON)."},
            "exit_code": {"enum": [0, 1, 2], "description": "What curlport import (or lint) would exit with."},
        },
    },
    "FixAnswer": {"allOf": [_ref("Reading"), {
        "type": "object", "required": ["text", "applied"],
        "properties": {
            "text": {"type": "string", "description": "The input after the fixes: a config JSON is rewritten (as "
                                                      "lint --fix does), a curl command stays the provider's sample."},
            "applied": {"type": "array", "items": {
                "type": "object", "required": ["code", "pointer", "description"],
                "properties": {"code": {"type": "string"}, "pointer": {"type": "string"},
                               "description": {"type": "string"}}}},
        }}]},
    "LintAnswer": {
        "type": "object", "required": ["kind", "findings", "exit_code"],
        "properties": {"kind": {"enum": ["curl", "config"]}, "findings": {"type": "array", "items": _ref("Finding")},
                       "exit_code": {"enum": [0, 1]}},
    },
    "Rule": {
        "type": "object", "required": ["code", "name", "severity", "summary"],
        "properties": {key: {"type": "string"} for key in
                       ("code", "name", "severity", "summary", "why", "fix", "bad", "good", "autofix", "fix_safety")},
    },
    "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {
            "type": "object", "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string", "description": "bad-request, forbidden-host, forbidden-origin, not-found, "
                                                          "method-not-allowed, too-large, unsupported-media-type, "
                                                          "internal-error"},
                "message": {"type": "string"},
                "pointer": {"type": "string", "description": "Where in the request body (bad-request)."},
                "id": {"type": "string", "description": "Quote it to find the traceback in the server's log "
                                                        "(internal-error)."},
            }}},
    },
}

_ERRORS = {status: {"description": text, "content": {"application/json": {"schema": _ref("Error")}}}
           for status, text in (("400", "The body is not JSON or does not match the request schema"),
                                ("403", "Refused: a Host or Origin that is not this server (another web page)"),
                                ("413", "The body is over the size limit"),
                                ("415", "The body is not application/json"),
                                ("500", "The server failed; the answer carries an error id, never a traceback"))}


def _post(summary: str, request: str, answer: str) -> Json:
    return {"post": {
        "summary": summary,
        "requestBody": {"required": True, "content": {"application/json": {"schema": _ref(request)}}},
        "responses": {"200": {"description": "The answer", "content": {"application/json": {"schema": _ref(answer)}}},
                      **_ERRORS},
    }}


def _get(summary: str, schema: Json) -> Json:
    return {"get": {"summary": summary, "responses": {
        "200": {"description": "The answer", "content": {"application/json": {"schema": schema}}}}}}


PATHS: Json = {
    "/api/import": _post("Import a curl command (as curlport import) or read a config JSON", "ImportRequest",
                         "Reading"),
    "/api/fix": _post("The import (or config) with fixes applied (as import --fix, lint --fix)", "FixRequest",
                      "FixAnswer"),
    "/api/render": _post("The request the platform sends for sample values (as curlport render)", "RenderRequest",
                         "RenderAnswer"),
    "/api/send": _post("Send one real test message (as curlport send --yes) to the confirmed host", "SendRequest",
                       "SendAnswer"),
    "/api/lint": _post("Lint the text as curlport lint lints a .curl or .json file", "LintRequest", "LintAnswer"),
    "/api/rules": _get("Every finding code and its documentation", {"type": "array", "items": _ref("Rule")}),
    "/api/schema": _get("The JSON Schema every provider config follows", {"type": "object"}),
    "/api/openapi.json": _get("This document", {"type": "object"}),
}


def document() -> Json:
    """The whole OpenAPI document, as ``GET /api/openapi.json`` serves it."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "curlport", "version": __version__,
                 "description": "The curlport library as a local JSON API (curlport serve). POST bodies are JSON; "
                                "requests from another origin are refused."},
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for one component schema, its references resolved inside this document."""
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": {"schemas": SCHEMAS}})
