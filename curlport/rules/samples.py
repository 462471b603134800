"""The values a provider reads by name (form fields, query pairs, JSON string members), for India's DLT rule.

Where the recipient and the message are is detection's business (``curlport.config.detect``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from curlport.config.detect import sample_range
from curlport.rules.base import Config, place_slots, shared

RECIPIENT_KEY = re.compile(r"(?i)^(to|dst|destination|mobiles?|mobile_?no|numbers?|phone|phno|msisdn|recipients?|"
                           r"receiver)$")


class KeyedValue(NamedTuple):
    """A value the provider reads by name, and where it sits in the config value at ``pointer``.

    A named tuple, not a frozen dataclass: cheaper to define at every start and to make.
    """

    pointer: str
    key: str
    value: str
    start: int
    end: int


@shared
def keyed_values(config: Config) -> tuple[KeyedValue, ...]:
    """Form fields, the endpoint's query pairs and a body's JSON members, in document order.

    One walk serves detection, the rules and masking (``curlport.config.detect.places``), and one
    run of the rules lists it once (``place_slots``); here only what a provider reads by name, with
    each value's characters in the config text.
    """
    return tuple(KeyedValue(slot.pointer, slot.place.key, slot.text, *sample_range(slot))
                 for slot in place_slots(config) if slot.place.kind in ("query", "form", "json"))
