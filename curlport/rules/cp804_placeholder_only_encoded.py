"""CP804: a placeholder whose only mention is percent-encoded (%24%24To), so the platform never substitutes it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curlport.findings import Severity
from curlport.rules.base import MESSAGE, RECIPIENT, Autofix, Config, Fix, Problem, Rule, mentions, replace_span

ENCODED_PLACEHOLDER = re.compile(r"(?i)%24%24(to|body)\b")
_MEANT = {"to": RECIPIENT, "body": MESSAGE}


def check(config: Config) -> Iterator[Problem]:
    endpoint = config.get("endpoint")
    if not isinstance(endpoint, str) or "%" not in endpoint:
        return
    for match in ENCODED_PLACEHOLDER.finditer(endpoint):
        meant = _MEANT[match.group(1).lower()]
        if not mentions(config, meant):  # the encoded spelling is the only mention: nothing is substituted
            yield Problem("/endpoint", f"{match.group(0)} is percent-encoded and {meant} is nowhere else: the "
                          f"platform substitutes only the literal {meant}, so the provider gets the text "
                          f"'{meant}' instead of the value; write it unencoded", match.start(), match.end(),
                          Fix(f"write {meant}", True, replace_span("/endpoint", match.start(), match.end(), meant)))


RULE: Rule = Rule(
    "CP804", "placeholder-only-encoded", Severity.ERROR,
    "$$To or $$Body written only percent-encoded (%24%24To, %24%24Body), as a URL copied from a browser or "
    "curl -G --data-urlencode has it.",
    "The platform replaces the literal $$To and $$Body: an encoded one is sent as it is, so no message reaches "
    "the recipient (CP304 warns about an encoded copy when the placeholder is also written unencoded).",
    "Write the placeholder unencoded; the platform encodes the value it substitutes.",
    '{"endpoint": "https://sms.example.com/send?to=%24%24To&text=$$Body"}',
    '{"endpoint": "https://sms.example.com/send?to=$$To&text=$$Body"}',
    check,
    autofix=Autofix.SAFE,
    fix_safety="Safe: %24%24To can only have meant $$To (written in the placeholder's own case).",
    needs=frozenset(("percent",)),
)
