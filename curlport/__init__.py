"""curlport: turn an SMS provider's sample curl command into a generic HTTP provider config."""

from __future__ import annotations

from curlport.errors import (
    CurlportError,
    CurlUsageError,
    InputError,
    OutputExistsError,
    SchemaViolationError,
    ShellSyntaxError,
    UnsupportedRequestError,
)
from curlport.findings import Finding, Severity
from curlport.importer import ImportResult, decode_input, import_curl
from curlport.source import Span

__version__ = "0.1.0"

__all__ = [
    "CurlUsageError", "CurlportError", "Finding", "ImportResult", "InputError", "OutputExistsError",
    "SchemaViolationError", "Severity", "ShellSyntaxError", "Span", "UnsupportedRequestError",
    "__version__", "decode_input", "import_curl",
]
