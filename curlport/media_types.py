"""What a request's header values mean, in a module light enough for lint to import.

The importer writes these values (``parse/request.py``) and the rules read them in
configs; lint of a config needs the meaning but not the curl reader, so they live here.
"""

from __future__ import annotations

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
JSON_CONTENT_TYPE = "application/json"


def decode_basic_credentials(authorization: str) -> tuple[str, str] | None:
    """The user and password of an ``Authorization: Basic`` value, or None when it is not one.

    The one decoder of Basic credentials (the importer's auth fields, CP204's fix, masking's secrets). A token
    without a colon is None, not a user with an empty password: ``Basic dXNlcg==`` (``user``) is no pair the auth
    fields can hold, since they would send ``user:``, another header; ``Basic dXNlcjo=`` (``user:``) is one.
    """
    value = authorization.strip()
    if value[:5].lower() != "basic" or value[5:6] not in (" ", "\t"):  # the scheme, then a space or a tab
        return None
    import base64  # lazy: few requests carry Basic credentials, and it costs start-up time

    try:
        decoded = base64.b64decode(value[6:].strip(" \t"), validate=True).decode("utf-8")
    except ValueError:  # not base64 (binascii.Error), not ASCII, or not UTF-8 once decoded
        return None
    user, colon, password = decoded.partition(":")
    return (user, password) if colon else None
