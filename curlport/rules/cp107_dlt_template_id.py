"""CP107: an Indian sender without $$TemplateId, which DLT rules require on every message."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.config.short_cache import short_text_cache
from curlport.findings import Severity
from curlport.rules.base import TEMPLATE_ID, Autofix, Config, Fix, Problem, Rule, mentions, replace_span
from curlport.rules.samples import RECIPIENT_KEY, KeyedValue, keyed_values

_TEMPLATE_KEY = re.compile(r"(?i)^(?:dlt_?)?(?:template_?id|te_?id|temp_?id)$")
_ENTITY_KEY = re.compile(r"(?i)^(?:dlt_?)?(?:entity_?id|pe_?id|principal_?entity_?id)$")
_INDIAN_NUMBER = re.compile(r"^(?:\+|00)?91[6-9]\d{9}$")


@short_text_cache(maxsize=1024)
def _key_kind(key: str) -> str | None:
    """Which of DLT's fields a name is (a template id, an entity id, the recipient), or None: most names are none,
    and a config repeats its names, so this is decided once per distinct name."""
    if _TEMPLATE_KEY.match(key):
        return "template"
    if _ENTITY_KEY.match(key):
        return "entity"
    return "recipient" if RECIPIENT_KEY.match(key) else None


def _signal(item: KeyedValue) -> str | None:
    kind = _key_kind(item.key)
    if kind == "template" or kind == "entity":
        return f"the DLT {kind} field \"{item.key}\" ('{item.value}')"
    if kind == "recipient" and any(_INDIAN_NUMBER.match(n.strip()) for n in item.value.split(",")):
        return f"the Indian sample number '{item.value}'"
    return None


def check(config: Config) -> Iterator[Problem]:
    if mentions(config, TEMPLATE_ID):
        return
    signals = [(item, why) for item in keyed_values(config, _key_kind) if (why := _signal(item))]
    if not signals:
        return
    item, why = next(((i, w) for i, w in signals if _key_kind(i.key) == "template"), signals[0])
    fix = None
    if _key_kind(item.key) == "template":
        fix = Fix(f"send {TEMPLATE_ID} as '{item.key}'", False, replace_span(item.pointer, item.start, item.end,
                                                                             TEMPLATE_ID))
    yield Problem(item.pointer, f"{why} says this sender is Indian, where DLT requires each message's template id: "
                  f"send {TEMPLATE_ID} in the provider's template id field", item.start, item.end, fix)


RULE: Rule = Rule(
    "CP107", "dlt-template-id-missing", Severity.INFO,
    "An Indian sender (+91 samples, DLT fields such as entity_id, template_id, pe_id) without $$TemplateId.",
    "India's DLT regulation rejects an SMS whose text does not match the registered template named by its id; the "
    "platform fills $$TemplateId with the id of each campaign's template.",
    "Put $$TemplateId in the provider's template id field (template_id, DLT_TE_ID, DltTemplateId…).",
    '{"endpoint": "https://sms.example.in/send", "parameters": {"format": "form", "fields": [{"key": "to", '
    '"value": "$$To"}, {"key": "text", "value": "$$Body"}, {"key": "template_id", "value": "1107161234567890123"}]}}',
    '{"endpoint": "https://sms.example.in/send", "parameters": {"format": "form", "fields": [{"key": "to", '
    '"value": "$$To"}, {"key": "text", "value": "$$Body"}, {"key": "template_id", "value": "$$TemplateId"}]}}',
    check,
    autofix=Autofix.UNSAFE,
    fix_safety="Unsafe, and offered only for a template id field: an account with a single template may mean to "
               "send that one id every time.",
)
