"""CP702: a raw body written as a form (``to=$$To&text=$$Body``), into which the platform pastes values verbatim."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.media_types import FORM_CONTENT_TYPE
from curlport.rules.base import MESSAGE, RECIPIENT, Config, Problem, Rule, header_value
from curlport.rules.json_body import body_of

#: key=value pairs joined by '&', nothing else: a body without a Content-Type read as a form. Under a form
#: Content-Type, any body that is not JSON or markup and starts with a key=value is one.
_FORM = re.compile(r"[^=&\s{}<>\[\]\"]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*")


def check(config: Config) -> Iterator[Problem]:
    found = body_of(config)
    if found is None or found[0] != "raw":
        return
    body = found[1]
    declared = (header_value(config, "Content-Type") or "").split(";")[0].strip().lower()
    shaped = body.lstrip()[:1] not in ("{", "[", "<", '"') and "=" in body.split("&", 1)[0]
    if not (declared == FORM_CONTENT_TYPE and shaped) and not (not declared and _FORM.fullmatch(body.strip())):
        return
    for placeholder in (RECIPIENT, MESSAGE):
        message = (f"{placeholder} is pasted verbatim into a raw form body: an ampersand in it splits the field, a "
                   "plus sign (a +44 number) reads as a space, a percent sign as an escape; use form parameters, "
                   "which the platform encodes")
        yield from (Problem("/parameters/body", message, m.start(), m.end())
                    for m in re.finditer(re.escape(placeholder), body))


RULE: Rule = Rule(
    "CP702", "raw-form-body", Severity.ERROR,
    "A raw body written as a form (key=value&…) with $$To or $$Body in it.",
    "The platform pastes values into a raw body as they are: the provider decodes the form, so '+447700900123' "
    "arrives as ' 447700900123', 'Tom & Jerry' ends the message at 'Tom ', and '100%' is a broken escape "
    "(curlport render refuses such a message, CP221).",
    "Switch the parameters to form key/values (x-www-form-urlencoded): the platform encodes each value.",
    '{"method": "POST", "headers": [{"key": "Content-Type", "value": "application/x-www-form-urlencoded"}], '
    '"parameters": {"format": "raw", "body": "user=acme&text=$$Body"}}',
    '{"method": "POST", "parameters": {"format": "form", "fields": [{"key": "to", "value": "$$To"}, '
    '{"key": "text", "value": "$$Body"}]}}',
    check,
)
