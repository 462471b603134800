"""Exports to other platforms' generic HTTP SMS settings, each proven by the request that platform would send.

One module per platform, each with its own small settings model: ``convert``
(provider → settings and notes, or ``PlatformRefusedError``), ``write``
(settings → the platform's own format) and ``simulate`` (settings, number and
message → the request the platform sends); and back: ``read`` (the platform's
format → settings, or ``PlatformReadError``) and ``to_config`` (settings → the
config that sends what the platform sends). ``common`` holds what they share and
the comparison with ``curlport render``'s request.
"""

from __future__ import annotations

#: The platforms by name (``registry.PLATFORMS`` has their modules): what --platform offers, without importing them.
PLATFORM_NAMES = ("apprise", "frappe", "home-assistant", "kannel", "privacyidea")
