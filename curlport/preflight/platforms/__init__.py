"""Exports to other platforms' generic HTTP SMS settings, each proven by the request that platform would send.

One module per platform, each with its own small settings model: ``convert``
(provider → settings and notes, or ``PlatformRefusedError``), ``write``
(settings → the platform's own format) and ``simulate`` (settings, number and
message → the request the platform sends). ``common`` holds what they share and
the comparison with ``curlport render``'s request.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from curlport.preflight.platforms import apprise, frappe, home_assistant, kannel, privacyidea
from curlport.preflight.platforms.common import Note, PlatformRefusedError
from curlport.preflight.provider import Provider

PLATFORMS: dict[str, ModuleType] = {module.NAME: module for module in (
    home_assistant, apprise, frappe, privacyidea, kannel)}

__all__ = ["PLATFORMS", "PlatformExport", "PlatformRefusedError", "export_platform"]


@dataclass(frozen=True)
class PlatformExport:
    """The settings text, and what the platform does differently (``Note.aspect``) or cannot say."""

    text: str
    notes: tuple[Note, ...]


def export_platform(provider: Provider, platform: str, *, to: str | None = None,
                    show_secrets: bool = False) -> PlatformExport:
    """The provider as ``platform``'s settings; credentials masked unless ``show_secrets``."""
    from curlport.preflight.export import mask_provider
    module = PLATFORMS[platform]
    converted = module.convert(provider if show_secrets else mask_provider(provider), to)
    return PlatformExport(module.write(converted.settings), converted.notes)
