"""Classes of text users paste, generated from every provider fixture: the metamorphic tests of detection.

Each class is one generator (``Generator``: fixture stem, text and expected places -> its variants) registered in
``CLASSES``, one line per class; ``python -m curlport.detect_report --classes`` reports detection on each.
"""

from __future__ import annotations

from typing import Final

from curlport.variants import (
    approximated,
    around,
    bulk,
    chat_ids,
    json_flaws,
    keys,
    mislabelled,
    pasted_url,
    path_recipient,
    phrases,
    raw_http,
    scripts,
    several,
    shell,
    templates,
    url_templates,
)
from curlport.variants.base import Generator, Variant

CLASSES: Final[dict[str, Generator]] = {
    templates.KLASS: templates.variants,
    bulk.KLASS: bulk.variants,
    bulk.DEFAULTS_KLASS: bulk.default_variants,
    mislabelled.KLASS: mislabelled.variants,
    shell.KLASS: shell.variants,
    url_templates.KLASS: url_templates.variants,
    keys.KLASS: keys.variants,
    templates.OTP_KLASS: templates.otp_variants,
    url_templates.HOST_KLASS: url_templates.host_variants,
    pasted_url.KLASS: pasted_url.variants,
    pasted_url.LINES_KLASS: pasted_url.line_variants,
    scripts.KLASS: scripts.variants,
    approximated.FORM_KLASS: approximated.form_variants,
    approximated.ANYAUTH_KLASS: approximated.anyauth_variants,
    several.KLASS: several.variants,
    phrases.KLASS: phrases.variants,
    path_recipient.KLASS: path_recipient.variants,
    around.KLASS: around.variants,
    json_flaws.KLASS: json_flaws.variants,
    raw_http.KLASS: raw_http.variants,
    chat_ids.KLASS: chat_ids.variants,
}

__all__ = ["CLASSES", "Generator", "Variant"]
