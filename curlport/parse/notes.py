"""Kinds of finding that importing a curl command itself produces.

The rules engine checks a finished config; these are what only the importer
can see: how the shell text was repaired, what was ignored, what was not read.
Each kind has a stable code so that users can select or ignore it like a rule.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from curlport.findings import Finding, Severity
from curlport.source import Span


class NoteKind(NamedTuple):
    """A kind of import note: its code, name and severity, and the summary the catalogue shows.

    A named tuple, not a frozen dataclass (dozens are made at every start): named tuples are built several times
    faster.
    """

    code: str
    name: str
    severity: Severity
    summary: str

    def at(self, message: str, span: Span | None = None, pointer: str | None = None) -> Finding:
        return Finding(self.code, self.severity, message, span, pointer)


SHELL_REPAIR: Final = NoteKind(
    "CP001", "shell-repair", Severity.WARNING,
    "The text is not valid shell; it was read the way the provider's documentation means it.",
)
IGNORED_TRAILING_TEXT: Final = NoteKind(
    "CP002", "ignored-trailing-text", Severity.WARNING,
    "Only the first curl command is imported; what follows it was ignored.",
)
SHELL_SUBSTITUTION: Final = NoteKind(
    "CP003", "shell-substitution", Severity.WARNING,
    "A $(…) or `…` substitution is kept as literal text: curlport never runs it.",
)
FILE_REFERENCE: Final = NoteKind(
    "CP004", "file-reference", Severity.INFO,
    "An @file argument was not read; its content is missing from the config.",
)
OPTIONS_WITHOUT_EFFECT: Final = NoteKind(
    "CP005", "options-without-effect", Severity.INFO,
    "Options that do not change the request curl sends were accepted and dropped.",
)
EXTRA_URL: Final = NoteKind(
    "CP006", "extra-url", Severity.WARNING,
    "curl would send one request per URL; only the first is imported.",
)
URL_CREDENTIALS: Final = NoteKind(
    "CP007", "url-credentials", Severity.WARNING,
    "Credentials in the URL were moved to the Basic authentication fields.",
)
PASSWORD_PROMPT: Final = NoteKind(
    "CP008", "password-prompt", Severity.WARNING,
    "-u names a user without a password: curl would prompt for one.",
)
COOKIE_FILE: Final = NoteKind(
    "CP009", "cookie-file", Severity.INFO,
    "-b names a cookie file, which was not read; no Cookie header was added.",
)
TEXT_BEFORE_CURL: Final = NoteKind(
    "CP010", "text-before-curl", Severity.INFO,
    "Text before the curl word (a shell prompt, a sudo) was skipped.",
)
POWERSHELL_QUOTES: Final = NoteKind(
    "CP011", "powershell-quote-stripping", Severity.WARNING,
    "Windows PowerShell strips double quotes inside arguments to curl.exe.",
)
GLOB_CHARACTERS: Final = NoteKind(
    "CP012", "unquoted-glob", Severity.INFO,
    "Unquoted ? * or [ would make zsh stop with 'no matches found'.",
)
BASIC_AUTH_HEADER: Final = NoteKind(
    "CP013", "basic-auth-header", Severity.INFO,
    "An explicit 'Authorization: Basic' header was decoded into the auth fields.",
)
VARIABLE_APPLIED: Final = NoteKind(
    "CP014", "variable-applied", Severity.INFO,
    "A variable the text sets to a literal value before the command was replaced by that value where it is used.",
)
STRAY_METHOD_WORD: Final = NoteKind(
    "CP015", "stray-method-word", Severity.WARNING,
    "A bare method word (curl GET https://…) was read as the request method; curl would request http://GET/.",
)
TYPOGRAPHIC_QUOTES: Final = NoteKind(
    "CP016", "typographic-quotes", Severity.WARNING,
    "Typographic quotes (\u201c…\u201d, \u2018…\u2019) were read as plain quotes; a shell would keep them in"
    " the argument.",
)
CRLF_LINE_ENDINGS: Final = NoteKind(
    "CP017", "crlf-line-endings", Severity.INFO,
    "Windows line endings (CRLF) were read as plain line breaks; no carriage return is kept in a value.",
)
OAUTH2_TOKEN_REQUEST: Final = NoteKind(
    "CP018", "oauth2-token-request", Severity.INFO,
    "A client-credentials token request and the call that uses its token became one config with OAuth 2.0 auth.",
)
NO_CURL_WORD: Final = NoteKind(
    "CP019", "no-curl-word", Severity.WARNING,
    "The text is a URL without a curl word (a pasted GET API URL): it was imported as the GET request curl sends.",
)
SEND_CHOSEN: Final = NoteKind(
    "CP026", "send-request-chosen", Severity.INFO,
    "The text has several requests (a token or login request, a status check): the one whose fields carry the"
    " recipient or the message was imported as the send.",
)
DESCRIBED_REQUEST: Final = NoteKind(
    "CP901", "described-request", Severity.ERROR,
    "The text describes a request (a URL line and a JSON body) instead of writing one: it was read as that POST with"
    " Content-Type: application/json, but the page's headers and credentials are not in it; add them and check the"
    " method before onboarding.",
)

# Detection of the placeholders (curlport.config.detect): what the import placed, and what it asks.
PLACED: Final = NoteKind(
    "CP020", "placeholder-placed", Severity.INFO,
    "The import put $$To or $$Body where the provider's sample recipient or message was.",
)
PLACEHOLDER_ASK: Final = NoteKind(
    "CP021", "placeholder-ask", Severity.ERROR,
    "The import could not tell where $$To or $$Body goes and placed nothing: the finding lists each candidate with"
    " the --to or --body flag that picks it.",
)
PLUS_BECOMES_SPACE: Final = NoteKind(
    "CP023", "plus-becomes-space", Severity.WARNING,
    "A + in a fixed form value or query (a sender's number) reaches the provider as a space (form decoding).",
)
BULK_RECORDS_DROPPED: Final = NoteKind(
    "CP024", "bulk-records-dropped", Severity.WARNING,
    "The sample sends several records at once; the first is the template and the others were dropped from the config"
    " (the platform sends one message per recipient).",
)
REQUEST_APPROXIMATED: Final = NoteKind(
    "CP025", "request-approximated", Severity.WARNING,
    "curl would send the request in a way the form cannot (multipart fields, an auth scheme picked from the server's"
    " challenge); it was imported the closest way the form can, which most providers accept: a test send confirms.",
)

ALL_NOTE_KINDS: Final = (
    SHELL_REPAIR, IGNORED_TRAILING_TEXT, SHELL_SUBSTITUTION, FILE_REFERENCE,
    OPTIONS_WITHOUT_EFFECT, EXTRA_URL, URL_CREDENTIALS, PASSWORD_PROMPT, COOKIE_FILE,
    TEXT_BEFORE_CURL, POWERSHELL_QUOTES, GLOB_CHARACTERS, BASIC_AUTH_HEADER,
    VARIABLE_APPLIED, STRAY_METHOD_WORD, TYPOGRAPHIC_QUOTES, CRLF_LINE_ENDINGS, OAUTH2_TOKEN_REQUEST, NO_CURL_WORD,
    SEND_CHOSEN, DESCRIBED_REQUEST,
    PLACED, PLACEHOLDER_ASK, PLUS_BECOMES_SPACE, BULK_RECORDS_DROPPED, REQUEST_APPROXIMATED,
)
