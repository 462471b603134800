"""CP703: $$Body in an XML (or HTML) body, into which the platform pastes the message without escaping it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, Config, Problem, Rule, header_value
from curlport.rules.json_body import body_of


def is_markup(body: str, content_type: str) -> bool:
    media_type = content_type.split(";")[0].strip().lower()
    return media_type.endswith(("xml", "html")) or (not media_type and body.lstrip().startswith("<"))


def in_cdata(body: str, index: int) -> bool:
    """Inside ``<![CDATA[ … ]]>``, where '<' and '&' are text."""
    opened = body.rfind("<![CDATA[", 0, index)
    return opened != -1 and body.find("]]>", opened, index) == -1


def check(config: Config) -> Iterator[Problem]:
    found = body_of(config)
    if found is None or found[0] == "json" or not is_markup(found[1], header_value(config, "Content-Type") or ""):
        return
    body = found[1]
    message = ("$$Body is pasted into XML as it is: a message with a less-than sign or an ampersand breaks the "
               "document; wrap it in <![CDATA[$$Body]]>")
    yield from (Problem("/parameters/body", message, m.start(), m.end())
                for m in re.finditer(re.escape(MESSAGE), body) if not in_cdata(body, m.start()))


RULE: Rule = Rule(
    "CP703", "message-in-markup", Severity.WARNING,
    "$$Body in an XML or HTML body, outside a CDATA section.",
    "The platform escapes nothing in a raw body: a message with '<' (\"x<3\") or '&' (\"Tom & Jerry\") is no "
    "longer well-formed XML, and the provider refuses it or reads another message.",
    "Wrap the message in a CDATA section, <![CDATA[$$Body]]> (a message with ']]>' still breaks it), or use a "
    "provider API that takes form parameters.",
    '{"headers": [{"key": "Content-Type", "value": "application/xml"}], "parameters": {"format": "raw", '
    '"body": "<sms><to>$$To</to><text>$$Body</text></sms>"}}',
    '{"headers": [{"key": "Content-Type", "value": "application/xml"}], "parameters": {"format": "raw", '
    '"body": "<sms><to>$$To</to><text><![CDATA[$$Body]]></text></sms>"}}',
    check,
    needs=frozenset(("body",)),
)
