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

SCHEMAS: Json = {
    "ImportRequest": {"type": "object", "required": ["text"], "additionalProperties": False,
                      "properties": _TEXT_INPUT},
    "LintRequest": {"type": "object", "required": ["text"], "additionalProperties": False, "properties": _TEXT_INPUT},
    "FixRequest": {
        "type": "object", "required": ["text"], "additionalProperties": False,
        "properties": {**_TEXT_INPUT, "fixes": {
            "type": "array", "items": _ref("FixStep"), "default": [{"code": None, "unsafe": False}],
            "description": "Applied in order; the default is curlport import --fix (every safe fix)."}},
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
        "type": "object", "required": ["kind", "config", "config_json", "findings", "secrets", "exit_code"],
        "properties": {
            "kind": {"enum": ["curl", "config"]},
            "config": {"type": ["object", "null"],
                       "description": "For a curl command, exactly what curlport import writes; null when nothing "
                                      "could be imported."},
            "config_json": {"type": ["string", "null"], "description": "The config's text, byte for byte."},
            "findings": {"type": "array", "items": _ref("Finding")},
            "secrets": {"type": "array", "items": _ref("Secret")},
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
    "/api/lint": _post("Lint the text as curlport lint lints a .curl or .json file", "LintRequest", "LintAnswer"),
    "/api/rules": _get("Every finding code and its documentation", {"type": "array", "items": _ref("Rule")}),
    "/api/schema": _get("The JSON Schema every provider config follows", {"type": "object"}),
    "/api/openapi.json": _get("This document", {"type": "object"}),
}


def document() -> Json:
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
