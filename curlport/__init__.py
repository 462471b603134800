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
from curlport.findings import Finding, FixOffer, Severity
from curlport.importer import ImportResult, decode_input, import_curl
from curlport.lint.fixes import fix_config, fix_json_text
from curlport.lint.runner import FileReport, lint_paths, lint_text
from curlport.lint.settings import Settings, SettingsError, find_settings_file, load_settings
from curlport.source import Span

__version__ = "0.1.0"

__all__ = [
    "CurlUsageError", "CurlportError", "FileReport", "Finding", "FixOffer", "ImportResult", "InputError",
    "OutputExistsError", "SchemaViolationError", "Settings", "SettingsError", "Severity", "ShellSyntaxError", "Span",
    "UnsupportedRequestError", "__version__", "decode_input", "find_settings_file", "fix_config", "fix_json_text",
    "import_curl", "lint_paths", "lint_text", "load_settings",
]
