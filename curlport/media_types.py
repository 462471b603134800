"""What a request's header values mean, in a module light enough for lint to import.

The importer writes these values (``parse/request.py``) and the rules read them in
configs; lint of a config needs the meaning but not the curl reader, so they live here.
"""

from __future__ import annotations

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
JSON_CONTENT_TYPE = "application/json"


def decode_basic_credentials(authorization: str) -> tuple[str, str] | None:
    """The user and password of an ``Authorization: Basic`` value, or None when it is not one."""
    if not authorization.lower().startswith("basic "):
        return None
    import base64  # lazy: few requests carry Basic credentials, and it costs start-up time

    try:
        decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode("utf-8")
    except ValueError:  # not base64 (binascii.Error), not ASCII, or not UTF-8 once decoded
        return None
    user, _, password = decoded.partition(":")
    return user, password
