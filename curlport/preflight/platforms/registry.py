"""The platform modules by name, and exporting to or importing from one of them (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

from curlport.preflight.export import mask_provider
from curlport.preflight.platforms import apprise, frappe, home_assistant, kannel, privacyidea
from curlport.preflight.platforms.common import Note, PlatformReadError
from curlport.preflight.provider import Provider

PLATFORMS: dict[str, ModuleType] = {module.NAME: module for module in (
    home_assistant, apprise, frappe, privacyidea, kannel)}


@dataclass(frozen=True)
class PlatformExport:
    """The settings text, and what the platform does differently (``Note.aspects``) or cannot say."""

    text: str
    notes: tuple[Note, ...]


def export_platform(provider: Provider, platform: str, *, to: str | None = None,
                    show_secrets: bool = False) -> PlatformExport:
    """The provider as ``platform``'s settings; credentials masked unless ``show_secrets``. Formats with comments
    carry the notes at their top too, so that the settings file keeps its caveats."""
    module = PLATFORMS[platform]
    converted = module.convert(provider if show_secrets else mask_provider(provider), to)
    comments = "".join(f"{module.COMMENT} note: {note.message}\n" for note in converted.notes) if module.COMMENT \
        else ""
    return PlatformExport(comments + module.write(converted.settings), converted.notes)


def import_platform(text: str, platform: str, *, name: str, to: str | None = None) -> dict[str, Any]:
    """The config that sends what ``platform``'s settings (``text``) send; ``to`` names Apprise's number entry."""
    module = PLATFORMS[platform]
    settings = module.read(text)
    if to is None:
        config: dict[str, Any] = module.to_config(settings, name)
    elif platform == "apprise":
        config = module.to_config(settings, name, to)
    else:
        raise PlatformReadError(f"--to names where the number is in an Apprise URL; {platform} has its own place")
    return config
