"""The values a provider reads by name (form fields, query pairs, JSON string members), for India's DLT rule.

Where the recipient and the message are is detection's business (``curlport.config.detect``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from curlport.config.detect import sample_range
from curlport.rules.base import Config, place_slots

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


def keyed_values(config: Config, named: Callable[[str], object]) -> Iterator[KeyedValue]:
    """The form fields, the endpoint's query pairs and a body's JSON members whose name ``named`` says yes to, in
    document order.

    One walk serves detection, the rules and masking (``curlport.config.detect.places``), and one
    run of the rules lists it once (``place_slots``); here only what a provider reads by name, with
    each value's characters in the config text. The name is asked first (``named``: a cheap question, most
    names are none of a rule's), and a value is made only for a name it asks about.
    """
    for slot in place_slots(config):
        if slot.place.kind in _KEYED and named(key := slot.place.key):
            yield KeyedValue(slot.pointer, key, slot.text, *sample_range(slot))


_KEYED = frozenset(("query", "form", "json"))
