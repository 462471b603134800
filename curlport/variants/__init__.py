"""Classes of text users paste, generated from every provider fixture: the metamorphic tests of detection.

Each class is one generator (``Generator``: fixture stem, text and expected places -> its variants) registered in
``CLASSES``, one line per class; ``python -m curlport.detect_report --classes`` reports detection on each.
"""

from __future__ import annotations

from typing import Final

from curlport.variants import bulk, mislabelled, several, shell, templates, url_templates
from curlport.variants.base import Generator, Variant

CLASSES: Final[dict[str, Generator]] = {
    templates.KLASS: templates.variants,
    bulk.KLASS: bulk.variants,
    mislabelled.KLASS: mislabelled.variants,
    shell.KLASS: shell.variants,
    url_templates.KLASS: url_templates.variants,
    several.KLASS: several.variants,
}

__all__ = ["CLASSES", "Generator", "Variant"]
