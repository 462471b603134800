"""curlport: turn an SMS provider's sample curl command into a generic HTTP provider config.

The names below are imported when first used (PEP 562), so ``curlport --version``,
``curlport rules`` and ``curlport schema`` start without loading the parser or a
schema validator; ``from curlport import import_curl`` works as it always did.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from curlport.importer import ImportResult, import_curl
    from curlport.inputs import decode_input
    from curlport.lint.fixes import fix_config, fix_json_text
    from curlport.lint.runner import FileReport, lint_paths, lint_text
    from curlport.lint.settings import Settings, SettingsError, find_settings_file, load_settings
    from curlport.source import Span

__version__ = "0.1.0"

_HOMES = {
    "curlport.errors": ("CurlUsageError", "CurlportError", "InputError", "OutputExistsError", "SchemaViolationError",
                        "ShellSyntaxError", "UnsupportedRequestError"),
    "curlport.findings": ("Finding", "FixOffer", "Severity"),
    "curlport.importer": ("ImportResult", "import_curl"),
    "curlport.inputs": ("decode_input",),
    "curlport.lint.fixes": ("fix_config", "fix_json_text"),
    "curlport.lint.runner": ("FileReport", "lint_paths", "lint_text"),
    "curlport.lint.settings": ("Settings", "SettingsError", "find_settings_file", "load_settings"),
    "curlport.source": ("Span",),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "CurlUsageError", "CurlportError", "FileReport", "Finding", "FixOffer", "ImportResult", "InputError",
    "OutputExistsError", "SchemaViolationError", "Settings", "SettingsError", "Severity", "ShellSyntaxError", "Span",
    "UnsupportedRequestError", "__version__", "decode_input", "find_settings_file", "fix_config", "fix_json_text",
    "import_curl", "lint_paths", "lint_text", "load_settings",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'curlport' has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value  # once imported, a plain attribute
    return value


def __dir__() -> list[str]:
    return __all__
