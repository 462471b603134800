"""CP401: a value the provider's documentation meant you to replace, above all a credential.

What is a template value is the one notion detection places ``$$To`` and ``$$Body``
by (``template_words``: ``<authkey>``, ``{{token}}``, ``YOUR_API_KEY``,
``your_api_key``, ``$API_KEY``, ``AUTH_ID:AUTH_TOKEN``, ``*****``), and a masked
value (``masked_number``: ``XXXXXXXX``, ``2000XXXXXX``). Each value is looked at
where the request carries it: the auth fields, a header (after an Authorization
scheme), a query parameter, a form field, a JSON member, a path segment. A
capitalised name without delimiters (``USERNAME``) counts only where a credential
goes: elsewhere it is often the provider's own enum (``TEXT``, ``UNICODE``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote_plus

from curlport.config.detect import Place, sample_range
from curlport.config.detect.signals import (
    masked_number,
    named_only,
    spaced_credential_name,
    stand_in_secret,
    template_words,
)
from curlport.config.short_cache import short_text_cache
from curlport.credentials import is_credential_name
from curlport.findings import Severity
from curlport.lazy_pattern import LazyPattern
from curlport.media_types import FORM_CONTENT_TYPE, JSON_CONTENT_TYPE
from curlport.rules.base import Autofix, Config, Fix, Problem, Rule, detection, place_slots, replace_span, resolve
from curlport.rules.cp104_placeholder_near_miss import NEAR_MISS
from curlport.rules.cp208_callback_url_field import is_callback_field
from curlport.rules.json_body import body_of, looks_like_json
from curlport.urls import authority, is_template_host

_AUTH_FIELDS = {"basic": ("username", "password"), "oauth2": ("client_id", "client_secret")}
_SCHEME = LazyPattern(r"^[A-Za-z][A-Za-z0-9_-]{0,19}[ \t]+(?=\S)")
_BARE_CAPITALS = LazyPattern(r"[A-Z][A-Z0-9]*")
_MASK = LazyPattern(r"[xX*•]{4}")


def is_template_value(value: str, credential: bool) -> bool:
    """Whether a value is one the docs left to fill in; ``credential``: it stands where a credential goes."""
    if NEAR_MISS.fullmatch(value):
        return False  # {{To}}, <Body>: a placeholder miswritten, CP104's
    if credential and stand_in_secret(value):  # apikey=123456789, password=admin01: a stand-in
        return True
    if masked_number(value):
        return True
    if template_words(value) is None:
        return False
    return credential or not _BARE_CAPITALS.fullmatch(value.strip()) or _MASK.search(value) is not None


@dataclass(frozen=True)
class _EndpointPart:
    """The endpoint's host (or a label of it) or its port; ``template``: known to be one as a whole (``{{host}}``,
    ``IP``, ``xxx.xxx.xxx.xxx``, a port that is not a number), though no template word says so."""

    part: str
    template: bool = False


def _candidates(config: Config) -> Iterator[tuple[str, int, int, str, Place | str | _EndpointPart, bool]]:
    """(pointer, start, end, value, what holds it, spaced) of each value the request carries that may be a template
    (``_first_look``, or an endpoint part known to be one): a detection place, the name of an auth field, or a part
    of the endpoint (see ``_about``). Most values are none, and are let go where they are read."""
    auth = config.get("auth")
    if isinstance(auth, dict):
        for key in _AUTH_FIELDS.get(str(auth.get("type")), ()):
            value = auth.get(key)
            if isinstance(value, str) and (look := _first_look(value))[0]:
                yield f"/auth/{key}", 0, len(value), value, key, look[1]
    endpoint = config.get("endpoint")
    if isinstance(endpoint, str):
        for start, end, value, part in _endpoint_parts(endpoint):
            look = _first_look(value)
            if part.template or look[0]:
                yield "/endpoint", start, end, value, part, look[1]
    for slot in place_slots(config):
        value = slot.value
        if not isinstance(value, str):
            continue
        start = slot.start
        if slot.place.kind == "header" and slot.place.key.lower() in ("authorization", "proxy-authorization"):
            scheme = _SCHEME.match(value)
            if scheme:  # Authorization: Bearer <token>: the token is the value
                start, value = start + scheme.end(), value[scheme.end():]
        look = _first_look(value)
        if look[0]:
            yield (slot.pointer, start + 1, slot.end - 1, value, slot.place, look[1]) if slot.is_json else \
                (slot.pointer, start, slot.end, value, slot.place, look[1])  # a JSON string: inside the quotes


@short_text_cache(maxsize=4096)
def _first_look(value: str) -> tuple[bool, bool]:
    """(whether the value may be a template at all, whether it is a few spaced words naming a credential): what is
    asked of every value the request carries, decided once per distinct value (a config repeats its values)."""
    # Token Nvoip (Token%20Nvoip in a query): a template only where a credential goes
    spaced = (" " in value or "%20" in value or "+" in value) and spaced_credential_name(unquote_plus(value))
    return spaced or masked_number(value) > 0 or stand_in_secret(value) or template_words(value) is not None, spaced


@short_text_cache(maxsize=256, longest=2048)
def _endpoint_parts(endpoint: str) -> tuple[tuple[int, int, str, _EndpointPart], ...]:
    """(start, end, text, part) of the endpoint's host, or each label of it, and its port: split once per distinct
    endpoint, which the configs of a provider share."""
    if "://" not in endpoint:  # where the scheme and host go ({{api_url}}/sms)
        slash = endpoint.find("/")
        host = endpoint[: slash if slash != -1 else len(endpoint)]
        return ((0, len(host), host, _EndpointPart("host")),)
    parts = []  # the host or a label of it (xxxxx.api…), the port
    at, host, port = authority(endpoint)
    if is_template_host(host):  # {{host}}, IP, xxx.xxx.xxx.xxx: a template as a whole, though no label is one
        start = at + len(host) - len(host.lstrip())
        parts.append((start, start + len(host.strip()), host.strip(), _EndpointPart("host", template=True)))
    else:
        start = at
        for label in host.split("."):
            parts.append((start, start + len(label), label, _EndpointPart("host")))
            start += len(label) + 1
    if port is not None and not port.isdigit():  # the import keeps a port only when it is a template
        start = at + len(host) + 1
        parts.append((start, start + len(port), port, _EndpointPart("port", template=True)))
    return tuple(parts)


def _about(holder: Place | str | _EndpointPart) -> tuple[bool, str, str]:
    """(whether it stands where a credential goes, where it is in words, its name) of what holds a value: asked only
    of the few values that look like templates."""
    if isinstance(holder, Place):
        return is_credential_name(holder.key), holder.describe(), holder.key
    if isinstance(holder, str):
        return True, f"the auth's {holder}", holder
    return False, f"the endpoint's {holder.part}", ""


def check(config: Config) -> Iterator[Problem]:
    # A template where the number or the message goes ({{to}}, <TO_NUMBER>) is a placeholder to write, not a
    # value to fill in: detection claims those, and CP402 reports them.
    claimed: dict[str, list[tuple[int, int]]] | None = None
    for pointer, start, end, value, holder, spaced in _candidates(config):
        known = isinstance(holder, _EndpointPart) and holder.template
        # /oauth/token: the endpoint's word, not a template (asked here: only of a value template_words names)
        if isinstance(holder, Place) and holder.kind == "path" and named_only(value):
            continue
        credential, where, key = _about(holder)
        if not known and not (spaced and credential) and not is_template_value(value, credential):
            continue
        if is_callback_field(key, value):  # a callback field's value is CP208's
            continue
        if claimed is None:  # at the first template value: most configs have none
            claimed = {}
            for sample in detection(config).claimed():
                claimed.setdefault(sample.pointer, []).append(sample_range(sample))
        if any(first <= start and end <= last for first, last in claimed.get(pointer, ())):
            continue
        meant = _meant_content_type(config, pointer) if pointer.startswith("/headers/") and start == 0 else None
        if meant is not None:
            yield Problem(pointer, f"'{value}' is a template value from the provider's docs: the body is {meant[0]}, "
                          f"so write {meant[1]}", start, end,
                          Fix(f"write {meant[1]}", False, replace_span(pointer, start, end, meant[1])))
            continue
        what = "a template credential" if credential else "a template value"
        consequence = ": the provider would refuse every message" if credential else ""
        yield Problem(pointer, f"'{value}' in {where} is {what} from the provider's docs{consequence}; fill in "
                      "the real one", start, end)


def _meant_content_type(config: Config, pointer: str) -> tuple[str, str] | None:
    """(the body's shape, its media type) when the template is a Content-Type and the body says which it is."""
    try:
        key = resolve(config, pointer.removesuffix("/value") + "/key")
    except KeyError:  # a header row without a key: the schema's finding, not this one's
        return None
    found = body_of(config)
    if not isinstance(key, str) or key.lower() != "content-type" or found is None:
        return None
    from curlport.config.detect.lenient import read  # lazy: only a body that may be JSON

    reading = read(found[1])
    if reading is not None and reading.shape == "form":
        return "form data", FORM_CONTENT_TYPE
    return ("JSON", JSON_CONTENT_TYPE) if looks_like_json(found[1]) else None


RULE: Rule = Rule(
    "CP401", "unfilled-template-value", Severity.ERROR,
    "A value the provider's docs meant you to replace: YOUR_API_KEY, <authkey>, {apikey}, xxxxxxxx, *****, $API_KEY.",
    "A template credential is refused by the provider (401, unknown account) and every message is lost; a "
    "template sender or id is refused or sends the wrong thing. A masked value (*****) is what an export without "
    "--show-secrets writes, not the secret.",
    "Replace it with the real credential, id or sender.",
    '{"parameters": {"format": "form", "fields": [{"key": "apikey", "value": "YOUR_API_KEY"}]}}',
    '{"parameters": {"format": "form", "fields": [{"key": "apikey", "value": "NjQ3YzE5ZmE0"}]}}',
    check,
    autofix=Autofix.UNSAFE,
    fix_safety="Only a Content-Type that is a template is fixed, to the type of the body it declares (form data or "
               "JSON); unsafe, as the provider may want another.",
)
