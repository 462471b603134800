"""Signals: how much a value looks like the recipient's number or the message, from its name and its shape.

No single list decides. A slot's score for a role adds what its name says (in any
case or separator style, in the API vocabularies of several languages), what the
names around it say (``destinations[0].to``, ``ToBinding``), and what its sample
value looks like (a phone number by the ``phonenumbers`` package, a masked
number, a template such as ``<TO_NUMBER>``, free text). Names of senders,
credentials, callbacks, routes, types, templates, dates and flags are negative
signals strong enough that such a slot is never taken, whatever its value.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any, Final, NamedTuple

from curlport.config.detect.places import Place, Slot
from curlport.config.short_cache import short_text_cache
from curlport.lazy_pattern import LazyPattern

RECIPIENT, MESSAGE = "recipient", "message"
#: A score at or below this excludes the slot outright.
EXCLUDED: Final = -10

# Names, lowercase, by weight. Compound names (tonumber, senderid, smstext) are split into these words.
_RECIPIENT_WORDS: Final = {
    **dict.fromkeys((
        "to", "recipient", "recipients", "receiver", "receivers", "recv", "rcpt", "destination", "destinations",
        "dest", "dst", "msisdn", "msisdns", "mobile", "mobiles", "mobileno", "phone", "phones", "tel", "telephone",
        "cell", "cellphone", "gsm", "handy", "dnis", "callee",
        # es, pt, it, fr, de, nl, pl, tr, id, sv
        "destinatario", "destinatarios", "destino", "destinos",
        "destinataire", "destinataires", "empfaenger", "empfanger", "empfänger",
        "telefono", "teléfono", "telefone", "telefon", "celular", "movil", "móvil", "cellulare", "portable",
        "rufnummer", "handynummer", "ontvanger", "odbiorca", "alici", "penerima", "tujuan", "mottagare", "phno",
        "mob", "cel",
    ), 4),
    # an IoT SIM addressed by its card number (``/sim/{iccid}``): the recipient of a machine's SMS
    **dict.fromkeys(("iccid", "iccids"), 3),
    # SMPP's destination address, its plural as a gateway's key (``das``)
    **dict.fromkeys(("da", "das"), 3),
    **dict.fromkeys(("number", "numbers", "num", "nums", "numero", "número", "numeros", "nummer", "numer", "nomor",
                     "numara", "nr", "nro", "ph", "hp", "contact", "contacts"), 3),
    **dict.fromkeys(("address", "addresses", "addr", "target", "targets", "endpoint", "no"), 2),
    # a WhatsApp or Telegram gateway's chat with the person (``chatId``: its id is the chat's, not an account's)
    **dict.fromkeys(("chat",), 3),
}
_MESSAGE_WORDS: Final = {
    **dict.fromkeys((
        "message", "messages", "msg", "msgs", "text", "texts", "body", "content", "contents", "txt", "mes",
        "mensaje", "mensagem", "texto", "nachricht", "mitteilung", "inhalt", "mesaj", "pesan", "messaggio", "testo",
        "contenu", "tekst", "bericht", "wiadomosc", "tresc", "meddelande", "sms",
    ), 4),
    # SMPP's short message; a one-letter key beside one-letter credentials (``l=…&p=…&n=…&m=…``)
    **dict.fromkeys(("sm",), 3),
    **dict.fromkeys(("payload", "isi", "m"), 2),
    # the variables of a registered template carry the text on India's DLT routes
    **dict.fromkeys(("variables", "variable", "vars", "var"), 1),
}
_NEGATIVE_WORDS: Final = frozenset((
    # who sends
    "from", "sender", "senders", "src", "source", "originator", "orig", "oa", "sid", "mask", "alpha", "header",
    "signature", "sign", "reply", "caller", "absender", "remitente", "remetente", "expediteur", "expéditeur",
    "mittente", "afzender", "nadawca", "gonderen", "pengirim", "avsandare", "otpravitel", "origem", "origen",
    "origine",
    # credentials and accounts
    "key", "keys", "apikey", "api", "token", "secret", "password", "passwd", "pwd", "pass", "pin", "user",
    "username", "login", "auth", "authkey", "account", "acct", "client", "app", "id", "ids", "uid", "uuid", "guid",
    "credential", "credentials", "hash", "hmac",
    # callbacks and reports
    "callback", "webhook", "url", "uri", "link", "notify", "status", "dlr", "report", "delivery", "receipt",
    # routes, types, templates, channels
    "route", "routing", "type", "tipo", "kind", "mode", "method", "action", "format", "encoding", "coding", "dcs",
    "charset",
    "unicode", "flash", "priority", "class", "template", "templates", "tmpl", "tpl", "temp", "dlt", "entity", "pe",
    "channel", "channels", "service", "gateway", "gwid", "gw", "campaign", "tag", "tags", "label", "category",
    "country", "region", "lang", "language", "locale", "version", "ref", "reference", "custom", "name", "subject",
    "tarif", "tariff", "plan", "media",
    # dates, counts, flags
    "date", "time", "datetime", "timestamp", "schedule", "scheduled", "at", "delay", "validity", "ttl", "expiry",
    "expire", "expires", "day", "count", "limit", "test", "sandbox", "debug", "fl", "flag", "flags", "response",
    "output", "json", "enable", "enabled", "shorten", "track", "tracking",
    # how a long text is split: flags beside the text, not the text
    "long", "concat", "concatenate", "multipart", "split",
))
#: A word that says which channel the others are about (``SMS_USERNAME``, ``smsPhone``): it speaks for the message
#: only when no other word of the name says anything.
_QUALIFIERS: Final = frozenset(("sms", "user"))  # SMS_PHONE, USER_PHONE_NUMBER: whose; alone, a credential
#: Credential words that end a name glued to a word outside the vocabulary (``spid``, ``acctkey``): the name is one.
_CREDENTIAL_ENDINGS: Final = ("id", "key", "pwd", "pass", "token", "secret")
_FILLER_WORDS: Final = frozenset(("your", "enter", "the", "here", "insert", "put", "value", "a", "an", "of", "x", "my",
                           "sample", "example", "valid", "e164", "string"))
_ROLE_WORDS: Final = {RECIPIENT: _RECIPIENT_WORDS, MESSAGE: _MESSAGE_WORDS}
_VOCABULARY: Final = frozenset(_RECIPIENT_WORDS) | frozenset(_MESSAGE_WORDS) | _NEGATIVE_WORDS | _FILLER_WORDS
# Header names that are HTTP's own business, never a recipient or a message.
_PROTOCOL_HEADERS: Final = frozenset((
    "content-type", "accept", "authorization", "user-agent", "cookie", "referer", "host", "content-length",
    "accept-encoding", "accept-language", "cache-control", "connection", "origin", "x-requested-with",
    "proxy-authorization"))


@cache
def words(name: str, endings: bool = True) -> tuple[str, ...]:
    """The lowercase words of a name in any style: phoneNumber, mobile_no, To, SENDER-ID, tonumber, smstext.

    ``endings``: a word outside the vocabulary may end in a credential's word (``spid``); a name can say so, but a
    value cannot (``monkey`` is a password, not "mon key")."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    pieces = re.split(r"[^0-9A-Za-zÀ-ÿ]+|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", spaced)
    result: list[str] = []
    for piece in (p.lower() for p in pieces if p):
        result += _split_compound(piece, endings) if piece not in _VOCABULARY else [piece]
    return tuple(result)


def _credential_ending(word: str) -> list[str] | None:
    """``spid`` → sp, id: a word outside the vocabulary that ends in a credential's word after two letters or more."""
    ending = next((end for end in _CREDENTIAL_ENDINGS if word.endswith(end) and len(word) - len(end) >= 2), None)
    return None if ending is None else [word[: -len(ending)], ending]


def _split_compound(word: str, endings: bool = True) -> list[str]:
    """``tonumber`` → to, number: the fewest vocabulary words that make the whole word, or the word itself."""
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 14), end - 1):
            previous, piece = best[start], word[start:end]
            if previous is not None and piece in _VOCABULARY and (
                    best[end] is None or len(previous) + 1 < len(best[end] or [])):
                best[end] = [*previous, piece]
    return best[len(word)] or (_credential_ending(word) if endings else None) or [word]


def _singular(word: str) -> str:
    """``urls`` → url when only the singular is a known word."""
    return word[:-1] if word.endswith("s") and word not in _VOCABULARY and word[:-1] in _VOCABULARY else word


def _unqualified(name_words: tuple[str, ...] | list[str]) -> list[str]:
    """The words that say what a name is about: ``SMS_PHONE`` is a phone, ``SMS_USERNAME`` a user name; ``sms``
    alone is the message."""
    said = [word for word in name_words if word not in _QUALIFIERS
            and (word in _NEGATIVE_WORDS or word in _RECIPIENT_WORDS or word in _MESSAGE_WORDS)]
    return [word for word in name_words if word not in _QUALIFIERS] if said else list(name_words)


@lru_cache(maxsize=4096)
def _name_score(name_words: tuple[str, ...], role: str) -> int:
    """What a name says for ``role``: its strongest word, one more when a second word agrees; EXCLUDED for a negative
    word. Cached: a config's names repeat (every row's ``key``/``value``), and a many-row config scores them all."""
    vocabulary = _ROLE_WORDS[role]
    if "chat" in name_words:  # chatId, chat_id: the chat is the recipient, its id names which
        name_words = tuple(word for word in name_words if word not in ("id", "ids"))
    name_words = tuple(_unqualified([_singular(word) for word in name_words]))
    if any(word in _NEGATIVE_WORDS for word in name_words):
        return EXCLUDED
    weights = sorted((vocabulary[word] for word in name_words if word in vocabulary), reverse=True)
    if not weights:
        return 0
    return weights[0] + (1 if len(weights) > 1 else 0)


# ---------------------------------------------------------------------------------------------- value shapes

_TEMPLATE: Final = re.compile(
    r"^(?:<\s*(?P<angle>[^<>]+?)\s*>|\{\{?\s*(?P<brace>[^{}]+?)\s*\}?\}|\[\s*(?P<square>[^\[\]]+?)\s*\]|"
    r"\(\s*(?P<paren>[A-Za-z][A-Za-z0-9_ -]*?)\s*\)|"
    r"\$\{?(?P<dollar>[A-Za-z_][A-Za-z0-9_]*)\}?|"
    r"(?P<positional>\$\{?[1-9@*]\}?(?:[ :,;-]*\$\{?[1-9@*]\}?)*)|"
    r"(?P<command>\$\([^()]*(?:\([^()]*\)[^()]*)*\)|`[^`]+`)|"
    r"%(?P<percent>[A-Za-z_][A-Za-z0-9_]*)%|:(?P<colon>[a-z_]+)|"
    r"%(?P<printf>[A-Za-z])|!(?P<bang>[A-Za-z_][A-Za-z0-9_]*)!|@@?(?P<at>[A-Za-z_][A-Za-z0-9_]*)@@?|"
    r"#(?P<hash>[A-Za-z_][A-Za-z0-9_]*)#|__(?P<dunder>[A-Za-z][A-Za-z0-9_]*?)__|"
    r"(?P<your>(?i:your|enter|insert)[_-]?[A-Za-z0-9_-]+|(?i:enter|insert)\s+[A-Za-z0-9_ -]+|"
    r"(?i:your)(?:\s+[A-Za-z_-]+){1,3})|"
    r"(?P<mask>[Xx*#•]{4,}|\*{3}|[Xx*#•]+(?:[-_:][Xx*#•]+)+)|"
    r"(?P<masked>(?:[A-Za-z0-9]+-)*[A-Za-z0-9]{0,4}[xX*•]{4,}[A-Za-z0-9]{0,4}(?:-[xX*•]+)*={0,2})|"
    r"(?P<tail>[A-Za-z0-9][A-Za-z0-9:._-]*?(?:[xX]{6,}|[*•]{4,})|[0-9A-Fa-f]{6,}(?:X{4,}|x{4,}))|"
    r"(?P<caps>[A-Z][A-Z0-9]*(?:[_:][A-Z0-9]+)+|[A-Z]{4,})|(?P<bare>(?i:string|str)))$"
)
#: A value made only of these words and the roles' (``Destination number``, ``mobile number here``) names its place.
_PHRASE_FILLER: Final = frozenset(("here", "goes", "go", "of", "the", "with", "in", "to", "for", "and", "or", "text",
                                   "this", "is", "one", "more", "country", "code", "registered", "approved", "dlt",
                                   "template", "full", "international", "format", "including", "without", "plus",
                                   "sign", "e164", "your", "enter", "insert", "put", "a", "an", "valid"))
_MASK_CHARACTERS: Final = frozenset("XxYyZz*#•N")
#: A number written with its digits as zeros: all of them (``0000000``), or all after a country code (``+8800000000``).
_ZERO_FILLED: Final = re.compile(r"0{7,16}|\+[1-9]\d{0,2}0{6,13}")
_URL: Final = re.compile(r"(?i)^(?:https?|ftp)://|^www\.")
_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
#: A WhatsApp gateway's chat with one person: the number, then ``@c.us`` (or ``@s.whatsapp.net``); a group's id
#: (``…@g.us``) is no recipient's number.
CHAT_ID: Final = re.compile(r"(\+?\d{7,15})(@(?:c\.us|s\.whatsapp\.net))")
#: A UUID's shape (8-4-4-4-12), in hex digits or a doc's mask characters.
_UUID: Final = re.compile(r"[0-9A-Fa-fXx*]{8}(?:-[0-9A-Fa-fXx*]{4}){3}-[0-9A-Fa-fXx*]{12}")
#: A SIM card's number (ICCID, ITU-T E.118: 89, then 17 or 18 digits), which IoT SMS APIs send to.
_ICCID: Final = re.compile(r"89\d{17,18}")
_SEPARATED: Final = re.compile(r"\s*[,;<|]\s*|\s+")


@short_text_cache(maxsize=4096)  # decided once per distinct value: a config repeats its values
def template_words(value: str) -> tuple[str, ...] | None:
    """The words inside a template value, a token the documentation wrote for the reader to replace (``<TO_NUMBER>``
    → to, number; ``{{text}}``, ``$PHONE``, ``!TO!``, ``@@recipient@@``, ``YOUR_API_KEY``, ``AUTH_ID:AUTH_TOKEN``,
    ``Destination number``), ``("string",)`` for one that names nothing (``<string>``, ``%p``, ``xxxxx``, ``*****``,
    ``$1``: a script's argument; ``$(echo $N | jq …)``: a command's output), or None when the value is not one.

    The one notion of "a template, not a value" that placement and the credential checks share. Also a masked key
    (``ACXXXXXXXX``, ``xkeysib-…-XXXXXXXX``, a key whose end is masked, ``axuN0U7Q…mZxxxxxxxx``, ``609ACF283XXXX``: X is
    no hex digit; one as long as a phone number is ``masked_number``'s), a template in a frame of filler characters
    (``------tu-basic-auth----------``) and a
    capitalised word that is all vocabulary (``USERNAME``, ``PASSWORD``; ``CLVRTP``, a sender, is not);
    ``Enterprise`` is a word, not "enter …".
    """
    stripped = value.strip()
    match = _TEMPLATE.match(stripped)
    if match is None:
        padded = _PADDED.fullmatch(stripped)
        if padded is not None:  # ------tu-basic-auth----------: the template inside a frame of filler characters
            return template_words(padded.group(1))
        return _elided(stripped) or role_phrase(stripped) or _phrase_words(stripped) or _credential_template(stripped)
    inner = next(group for group in match.groups() if group is not None)
    if match.group("tail") is not None:  # a key shown with its end masked (``axuN0U7Q…mZxxxxxxxx``)
        return None if masked_number(inner) else ("string",)
    if match.group("mask") is not None or match.group("printf") is not None or match.group("positional") \
            or match.group("command"):  # $(…), `…`: what a command the text runs would print, never run here
        return ("string",)
    named = words(inner)
    if match.group("your") and named[0] not in _FILLER_WORDS:
        return None
    if match.group("caps") and inner.isalpha() and not all(word in _VOCABULARY for word in named):
        return None
    if match.group("masked") and masked_number(inner):  # as long as a number: detection reads it as one
        return None
    return tuple(word for word in named if word not in _FILLER_WORDS) or ("string",)


#: A value framed by runs of filler characters (``------tu-basic-auth----------``, ``==your_key==``): what is inside
#: is the value the doc meant (``__KEY__`` is the ``dunder`` template's).
_PADDED: Final = re.compile(r"[-=~.]{2,}([^-=~.].*?[^-=~.]|[^-=~.])[-=~.]{2,}")


#: Values docs print for the reader to replace that no bracket marks: ``username``/``password`` in ``-u``, and the
#: words that say so inside a token (``sk_your_api_key_here``).
_PLACEHOLDER_WORDS: Final = frozenset(("username", "password"))
_SAYS_REPLACE: Final = frozenset(("your", "here", "hidden"))


def _elided(text: str) -> tuple[str, ...] | None:
    """A value the doc cut or hid rather than wrote: ``sk_live_...`` (elided), ``***** Hidden credentials *****`` (a
    run of masking characters), ``sk_your_api_key_here`` (a token whose words say to replace it), a bare
    ``username``/``password``, an empty token (``<>``); None for anything else (a masked phone number is
    ``masked_number``'s)."""
    if text.lower() in _PLACEHOLDER_WORDS:
        return (text.lower(),)
    if text in ("<>", "{}", "{{}}", "[]") or (len(text) > 1 and set(text) <= {"x", "X"}):  # ``<>``, ``xx`` (not x.com)
        return ("string",)
    if " " not in text and len(text) > 3 and text.endswith(("...", "…")) and not masked_number(text):
        return ("string",)
    if re.search(r"[*•]{4,}", text):
        return ("string",)
    named = words(text) if " " not in text else ()
    if len(named) >= 3 and _SAYS_REPLACE & set(named):
        return tuple(word for word in named if word not in _FILLER_WORDS) or ("string",)
    return None


def _phrase_words(text: str) -> tuple[str, ...] | None:
    """A short phrase that only says which value goes there (``mobile number here``, ``Message text``), or None.

    A sample message made of such words ("Test message") is not one: it has a word of neither kind."""
    parts = text.split()
    if not 2 <= len(parts) <= 6 or not all(part.isalpha() or part.isdigit() for part in parts):
        return None
    lowered = [part.lower() for part in parts]
    named = [word for word in lowered if word in _RECIPIENT_WORDS or word in _MESSAGE_WORDS]
    if not named or not all(word in _PHRASE_FILLER or word in named for word in lowered):
        return None
    return tuple(word for word in lowered if word not in _FILLER_WORDS)


#: Words by which a value made only of words names the credential it stands for (``smso-api-key``).
#: (Not "credentials": OAuth's grant type ``client_credentials`` is a value of the protocol.)
_CREDENTIAL_TEMPLATE_WORDS: Final = frozenset(("key", "apikey", "token", "secret", "password", "passwd", "pwd", "pass",
                                               "passphrase", "authkey"))
#: A credential field's own name, written alone as its value (``username=user&password=pass``). Not ``secret``: docs
#: use the word alone as a sample password (``AC1:secret``), as they use ``hunter2``.
_FIELD_NAMES: Final = (_CREDENTIAL_TEMPLATE_WORDS - {"secret"}) | {"user", "username", "login", "userid"}
#: The words that open "your …" in the languages of the docs (``votre-clé``, ``tu-clave``, ``sua-chave``,
#: ``ihr-schlüssel``, ``ваш-ключ``): what ``your`` is in ``_TEMPLATE``.
_POSSESSIVES: Final = frozenset((
    "votre", "vos", "ton", "ta", "tes", "tu", "tus", "su", "sus", "seu", "sua", "seus", "suas", "ihr", "ihre",
    "ihren", "dein", "deine", "deinen", "uw", "jouw", "tuo", "tua", "vostro", "vostra", "sizin", "senin", "twoj",
    "twój", "wasz", "ваш", "ваша", "ваше", "ваши", "твой", "твоя"))
#: "My …" and "your …" glued to a credential's word, each language with its own words (``мойключ``, ``votrecle``,
#: ``mykey``; not ``monkey``): a script without joiners. Short on purpose: a real password is not "mypassword".
_GLUED: Final = tuple((owners, frozenset(nouns)) for owners, nouns in (
    (("my", "your"), ("key", "apikey", "token", "secret", "password", "pass")),
    (("mon", "votre"), ("cle", "clé", "motdepasse")),
    (("mi", "tu", "su"), ("clave", "contrasena", "contraseña")),
    (("meu", "minha", "seu", "sua"), ("chave", "senha")),
    (("mein", "meine", "ihr", "dein"), ("schlussel", "schlüssel", "passwort")),
    (("мой", "моя", "ваш", "твой"), ("ключ", "пароль", "токен")),
))
#: The strings docs write where any credential goes (``apikey=XYZ``), whatever the field: no real key is one.
_STAND_INS: Final = frozenset(("xyz", "abc", "abcd", "abcdef", "abc123", "foo", "bar", "foobar", "changeme",
                               "open sesame"))  # RFC 7617's sample password (Aladdin's), which docs copy
#: A value of letters only, its words joined by ``-``, ``_`` or an apostrophe (``votre-clé-d'accès``).
_JOINERS: Final = re.compile("[-_'\u2019]+")
_WORDS_ONLY: Final = re.compile(rf"[^\W\d_]+(?:{_JOINERS.pattern}[^\W\d_]+)*")
#: An e-mail address at a domain reserved for documentation (RFC 2606: example.com, *.example, *.test, *.invalid).
_DOC_EMAIL: Final = re.compile(
    r"(?i)([^@\s]+)@(?:[^@\s]+\.)?(?:example\.(?:com|org|net)|[^@\s]+\.(?:example|test|invalid))")


_SPACED_WORDS: Final = LazyPattern(r"[^\W\d_]+(?: [^\W\d_]+){1,2}")


#: The words of a login's stand-in with a number after it (``admin01``, ``user1``, ``test123``): a manual's sample.
_LOGIN_WORDS: Final = frozenset(("admin", "root", "user", "guest", "test", "demo"))


def stand_in_secret(value: str) -> bool:
    """Digits counting up from 1 (``123456``, ``123456789``) or a login word with a number (``admin01``): what docs
    and device manuals write where a key or a password goes. Not a template anywhere else: a doc's sample number may
    read so (``"to": "1234567890"``)."""
    text = value.strip()
    word = text.lower().rstrip("0123456789")
    return (len(text) >= 6 and "1234567890".startswith(text)) or (word in _LOGIN_WORDS
                                                                    and 1 <= len(text) - len(word) <= 4)


def spaced_credential_name(value: str) -> bool:
    """Two or three words with spaces, no digit, one naming a credential (``Token Nvoip``, ``API Key``): a template
    where a credential goes. Not one of ``template_words``: a sample message may read so ("Your new token")."""
    text = value.strip()
    return _SPACED_WORDS.fullmatch(text) is not None and not _CREDENTIAL_TEMPLATE_WORDS.isdisjoint(
        words(text, endings=False))


def named_only(value: str) -> bool:
    """Whether a value is a template only by its words (``smso-api-key``, ``user``, ``votre-clé``), with no mark
    of one around it: in a URL path such a value is the endpoint's own word (``/oauth/token``)."""
    text = value.strip()
    return (_TEMPLATE.match(text) is None and _elided(text) is None and _phrase_words(text) is None
            and _credential_template(text) is not None)


def _credential_template(text: str) -> tuple[str, ...] | None:
    """A value that only names what goes there, with no character of a real one: words without digits that name a
    credential (``smso-api-key``, ``acme_api_token``; ``user`` or ``pass`` alone, a field's own name), "your …" in
    another language (``votre-clé-d'accès``, ``ваш-ключ``), or an e-mail at a documentation domain
    (``votre-email@example.com``). A real key has digits or a random run that is no words; a real login's e-mail is
    not at example.com. None for anything else."""
    email = _DOC_EMAIL.fullmatch(text)
    if email is not None:
        return _credential_template(email.group(1)) or ("email",)
    lowered = text.lower()
    if lowered in _STAND_INS:
        return ("string",)
    if len(text) > 48 or not _WORDS_ONLY.fullmatch(text):
        return None
    parts = [part for part in _JOINERS.split(lowered) if part]
    if len(parts) >= 2 and parts[0] in _POSSESSIVES:
        return tuple(parts[1:])
    glued = next((lowered[len(owner):] for owners, nouns in _GLUED for owner in owners
                  if lowered.startswith(owner) and lowered[len(owner):] in nouns), None)
    if glued is not None:
        return (glued,)
    named = words(text, endings=False)
    if (len(named) == 1 and named[0] in _FIELD_NAMES) or (
            len(named) >= 2 and not _CREDENTIAL_TEMPLATE_WORDS.isdisjoint(named)):
        return tuple(word for word in named if word not in _FILLER_WORDS) or ("string",)
    return None


#: Words a phrase naming its place is written with in the languages of the role vocabularies (``youre phone number``,
#: ``número do celular``, ``recipient's number``, ``votre message``), typos included: they say nothing of the role.
_ROLE_PHRASE_FILLER: Final = _PHRASE_FILLER | frozenset((
    "youre", "you", "re", "ur", "s", "my", "our", "send", "sent", "be", "will", "receive", "receives", "who",
    "que", "de", "do", "da", "del", "dos", "das", "della", "di", "du", "des", "der", "die", "den", "le", "la", "el",
    "il", "o", "os", "seu", "sua", "su", "tu", "votre", "ton", "ta", "ihre", "ihr", "deine", "dein", "aqui", "aquí",
    "ici", "hier", "qui", "ser", "enviar", "enviada", "enviado", "disparada", "envoyer", "senden", "ваш", "ваше",
    "вашего", "здесь"))
#: Role words of phrases outside the key vocabularies' alphabet, as the vocabulary word they mean.
_ROLE_PHRASE_SYNONYMS: Final = {
    "номер": "number", "телефона": "phone", "телефон": "phone", "получателя": "recipient", "получатель": "recipient",
    "мобильный": "mobile", "сообщение": "message", "сообщения": "message", "текст": "text", "celulare": "celular",
    "empfängers": "empfänger",
}


def role_phrase(text: str) -> tuple[str, ...] | None:
    """A phrase with no digits that only names the recipient or the message, in any language and with a doc's
    typos (``youre phone number``, ``Celular/Mobile Number``, ``numero de telefono``, ``номер телефона``,
    ``mobile no.``, ``texto da mensagem``): the role words it names, or None. At least one word must be a strong
    one (``phone``, ``message``), and every other word filler: a sample message ("Test message") has a word of
    neither kind. A phrase in capitals that ends with the role's words may say more (``GOOGLE VOICE PHONE NUMBER``)."""
    if any(c.isdigit() for c in text) or len(text.split()) < 2:  # ``send-sms``, ``phone_number``: a name, not a phrase
        return None
    lowered = [_ROLE_PHRASE_SYNONYMS.get(word, word) for word in re.findall(r"[^\W\d_]+", text.lower())]
    if len(lowered) > 6:
        return None
    named = [word for word in lowered if word not in _ROLE_PHRASE_FILLER
             and (word in _RECIPIENT_WORDS or word in _MESSAGE_WORDS)]
    strong = [word for word in named if max(_RECIPIENT_WORDS.get(word, 0), _MESSAGE_WORDS.get(word, 0)) >= 3]
    if not strong:
        return None
    if not all(word in _ROLE_PHRASE_FILLER or word in named for word in lowered):
        # GOOGLE VOICE PHONE NUMBER, PROVISIONED PHONE NUMBER: a doc's capitalised stand-in may say whose number it
        # is, when it ends with the role's words; a sample message is not written in capitals to the last word
        tail = lowered[-2:]
        if not (text.isupper() and len(lowered) <= 5 and all(word in named for word in tail)):
            return None
    return tuple(named)


NAMING: Final = "a value naming what goes there"
_ID_WORDS: Final = frozenset(("id", "ids", "template", "templates", "tmpl", "tpl", "temp", "dlt"))
#: The words that make a template name an id (``YOUR_MESSAGE_ID``); "DLT" alone qualifies a text (``<message
#: registered with DLT>``).
_ID_NAMES: Final = _ID_WORDS - {"dlt"}


def _naming_words(value: str) -> tuple[str, ...] | None:
    """The words of a value that names what goes there (``recipient-identifier``, ``phone_number``), or None."""
    if any(c.isspace() or c.isdigit() for c in value) or not any(c.isalpha() for c in value):
        return None
    named = tuple(word for word in words(value) if word not in _FILLER_WORDS)
    if any(w in _NEGATIVE_WORDS for w in named) or template_words(value) is not None:
        return None
    # An abbreviation alone ("hp", "to", "nr") names a field as its key, not as its value: a value "HP" is a value.
    if len("".join(named)) < 5:
        return None
    return named if any(w in _RECIPIENT_WORDS or w in _MESSAGE_WORDS for w in named) else None


@short_text_cache(maxsize=4096)
def masked_number(value: str) -> int:
    """``+91XXXXXXXXXX``, ``447XXXXXXXXX``, ``XXXXX30240``: a number with digits hidden (3); ``XXXXXXXX``, which
    may hide anything (1); 0 otherwise."""
    text = value.strip().replace(" ", "").replace("-", "")
    if text.rstrip(".…") != text and text.rstrip(".…")[-1:].isdigit():  # +2588412...: the rest left out
        text = text.rstrip(".…") + "XXX"
    body = text[1:] if text.startswith("+") else text
    if _ZERO_FILLED.fullmatch(text):  # 0000000, +8800000000: the digits left out as zeros
        return 3 if text.startswith("+") else 1
    masked = sum(c in _MASK_CHARACTERS for c in body)
    digits = sum(c.isdigit() for c in body)
    if not (7 <= len(body) <= 16 and masked >= 3 and masked + digits == len(body)
            and len(set(body) - set("0123456789")) <= 2):
        return 0
    return 3 if digits or text.startswith("+") else 1


class Hints(NamedTuple):
    """What the whole config says about the numbers in it: the regions national forms may be written for.

    A named tuple: it is part of the key of the value shapes' cache, and a tuple hashes in C.
    """

    regions: tuple[str, ...] = ()
    #: The strength a value shaped like a number is taken to have without asking ``phonenumbers`` (0: ask): 4 ranks the
    #: numbers of a large config, 2 stands for those never checked (``checked_readings``).
    assumed: int = 0


_NUMBER_SEPARATORS: Final = re.compile(r"[\s().-]")
_NUMBER: Final = re.compile(r"\+?\d{6,15}")
#: A date (an API's version in its path, ``/2010-04-01/``), which has a number's digits and separators.
_DATE: Final = re.compile(r"(?:19|20)\d\d([-./])[01]?\d\1[0-3]?\d|[0-3]?\d([-./])[01]?\d\2(?:19|20)\d\d")


def phone_strength(text: str, hints: Hints) -> int:
    """4 a valid number, 3 a possible one, 2 a plausible run of digits, 0 not a number.

    Numbers without ``+`` are tried as international numbers first (most samples
    are written 919876543210 or 447700900123), then as national numbers of the
    regions the endpoint suggests. ``phonenumbers`` loads only when a value has
    the shape of a number, so configs without one never pay for it.
    """
    compact = _NUMBER_SEPARATORS.sub("", text.strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not _NUMBER.fullmatch(compact) or _DATE.fullmatch(text.strip()):
        return 0
    return hints.assumed or _strength(compact, hints.regions)


def number_shaped(value: Any) -> bool:
    """Whether a value's shape depends on ``phonenumbers``: a JSON integer, a list, or a text of 6 to 15 digits."""
    if isinstance(value, str):
        compact = _NUMBER_SEPARATORS.sub("", value.strip())
        return _NUMBER.fullmatch("+" + compact[2:] if compact.startswith("00") else compact) is not None
    return isinstance(value, int | list) and not isinstance(value, bool)


@lru_cache(maxsize=4096)
def _strength(compact: str, regions: tuple[str, ...]) -> int:
    """``phone_strength`` of a compact number (at most 16 characters): cached, as each phonenumbers attempt takes
    tens of microseconds, and numbers repeat (a list of recipients, JSON numbers, a provider's configs)."""
    from curlport.config.detect.phone_numbers import phonenumberutil

    phonenumbers = phonenumberutil()  # lazy (its metadata costs start-up time), and only the part used

    best = 0
    attempts: list[tuple[str, str | None]] = [(compact if compact.startswith("+") else "+" + compact, None)]
    if not compact.startswith("+"):  # national forms: the endpoint's country, then North America's, the most common
        attempts += [(compact, region) for region in (*regions, "US")]
    for number, region in attempts:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return 4
        if phonenumbers.is_possible_number(parsed):
            best = 3
    digits = len(compact.lstrip("+"))
    return best or (2 if 7 <= digits <= 15 else 0)


def _number_list(text: str, hints: Hints) -> int:
    """The weakest strength of a list of numbers (comma or semicolon separated), 0 when it is not one."""
    parts = [part for part in _SEPARATED.split(text.strip()) if part]
    if len(parts) < 2:
        return 0
    # a part that is all mask characters (xxxx,xxxx: a doc hiding every number) may hide any number: 1
    strengths = [phone_strength(part, hints) or masked_number(part)
                 or int(len(part) >= 3 and set(part) <= _MASK_CHARACTERS) for part in parts]
    return min(strengths)


def _looks_like_id(text: str) -> bool:
    """A single token with digits and letters, or a name that says it is a template: not a message's text."""
    token = text.strip()
    if " " in token:
        return False
    has_digit, has_letter = any(c.isdigit() for c in token), any(c.isalpha() for c in token)
    return (has_digit and has_letter) or any(word in ("template", "templateid", "id") for word in words(token))


class Shape(NamedTuple):
    """What a sample value looks like, as scores for each role, and why, in a few words.

    A named tuple: with a slot's names it keys the cache of its readings, and a tuple hashes in C.
    """

    recipient: int
    message: int
    why: str
    template_id: bool = False


def shape(value: Any, hints: Hints) -> Shape:
    """How much the value itself looks like a recipient and like a message."""
    if isinstance(value, str):
        return _cached_text_shape(value, hints) if len(value) <= _CACHED_LENGTH else _text_shape(value, hints)
    if isinstance(value, bool) or value is None:
        return Shape(EXCLUDED, EXCLUDED, "a flag")
    if isinstance(value, int | float):
        strength = phone_strength(str(value), hints) if isinstance(value, int) else 0
        return Shape(strength or -4, -6, "a JSON number")
    if isinstance(value, list):
        strengths = [phone_strength(str(item), hints) or masked_number(str(item)) for item in value]
        lowest = min(strengths) if strengths else 0
        return Shape(lowest + 1 if lowest >= 2 else -4, -6, "a list of numbers" if lowest >= 2 else "a list")
    return _text_shape(str(value), hints)


def _text_shape(text: str, hints: Hints) -> Shape:
    """A text value's shape: a pure function of the text and the endpoint's regions."""
    stripped = text.strip()
    if not stripped:
        return Shape(0, 0, "empty")
    if _UUID.fullmatch(stripped):  # a key or an id, masked or not (XXXXXXXX-XXXX-…): never a number or a text
        return Shape(EXCLUDED, EXCLUDED, "a UUID")
    naming = _naming_words(stripped)
    if naming is not None:
        return Shape(_template_score(naming, RECIPIENT), _template_score(naming, MESSAGE), NAMING)
    masked = masked_number(stripped)
    if masked:
        return Shape(masked + 1 if masked == 1 else masked, -4, "a masked number")
    chat = CHAT_ID.fullmatch(stripped)
    if chat is not None:  # 14155552671@c.us: a WhatsApp gateway's chat with that number
        strength = phone_strength(chat.group(1), hints)
        if strength:
            return Shape(strength, -4, "a WhatsApp chat id")
    if _URL.match(stripped) or _EMAIL.match(stripped):  # never either role, a template (you@example.com) or not
        return Shape(EXCLUDED, EXCLUDED, "a URL or an e-mail address")
    inner = template_words(stripped)
    if inner is not None:
        names_an_id = any(w in _MESSAGE_WORDS for w in inner) and any(w in _ID_NAMES for w in inner) and all(
            w in _ID_WORDS for w in inner if w in _NEGATIVE_WORDS)
        if names_an_id:  # YOUR_MESSAGE_ID: the message field carries a template's id
            return Shape(EXCLUDED, 0, "a template value naming an id", template_id=True)
        return Shape(_template_score(inner, RECIPIENT), _template_score(inner, MESSAGE), "a template value")
    if _ICCID.fullmatch(stripped):
        return Shape(3, -4, "a SIM card's number (ICCID)")
    strength = phone_strength(stripped, hints)
    if strength:
        # digits alone under a message's name: an OTP, or a DLT template's id, worth asking about
        return Shape(strength, -4 if strength >= 3 else -2, "a phone number", template_id=stripped.isdigit())
    listed = _number_list(stripped, hints)
    if listed >= 2:
        return Shape(listed + 1, -4, "a list of numbers")
    if listed:  # every number masked (xxxx,xxxx): a list all the same, as one masked value would be
        return Shape(2, -4, "a list of masked numbers")
    if stripped.isdigit():  # a carrier's short code (``10086``) may be a recipient's sample: the name decides
        return Shape(0 if 3 <= len(stripped) <= 5 else -4, -2, "digits only", template_id=True)
    letters = sum(c.isalpha() for c in stripped)
    if not letters:
        return Shape(-4, -4, "no letters")
    if len(stripped.split()) >= 2:
        return Shape(EXCLUDED, 3, "free text")
    if _looks_like_id(stripped):
        return Shape(-4, -2, "an id", template_id=True)
    return Shape(-6, 2, "a word")


#: Short values are cached (samples repeat: a many-row config's values, each rule's detection); a long one is not
#: kept alive by the cache, so linting many large configs does not hold them all in memory.
_CACHED_LENGTH: Final = 256
_cached_text_shape: Final = lru_cache(maxsize=4096)(_text_shape)


def _template_score(inner: tuple[str, ...], role: str) -> int:
    """A template's inner words scored for a role: 4 when they name it, -4 when they name only the other role,
    EXCLUDED when the first word that says anything says sender, credential, id… (``<SENDER_ID>``, but
    ``<message registered with DLT>`` names a message, and ``<mobile_no_with_country_code>`` a recipient), and a
    weak yes (2) when they name nothing (``<string>``, ``%p``, ``{{var1}}``): then the key decides."""
    meaningful = _unqualified([_singular(word) for word in inner])
    if role == MESSAGE and set(meaningful) <= _TEXT_TEMPLATES:  # ${template}: the text a script built
        return 2
    first = next((word for word in meaningful if word in _NEGATIVE_WORDS or word in _RECIPIENT_WORDS
                  or word in _MESSAGE_WORDS), None)
    if first is None:
        return 2
    if first in _NEGATIVE_WORDS and first not in _RECIPIENT_WORDS and first not in _MESSAGE_WORDS:
        return EXCLUDED
    own = _strongest(meaningful, _ROLE_WORDS[role])
    rival = _strongest(meaningful, _ROLE_WORDS[MESSAGE if role == RECIPIENT else RECIPIENT])
    if own >= 3 or (own > 0 and own >= rival):
        return 4
    return -4 if rival >= 3 else 2


#: A template value named only so stands for a text made from a template (``m=${template}``), not for a template's id.
_TEXT_TEMPLATES: Final = frozenset(("template", "tmpl", "tpl"))


def _strongest(names: list[str], vocabulary: dict[str, int]) -> int:
    return max((vocabulary[word] for word in names if word in vocabulary), default=0)


# ---------------------------------------------------------------------------------------------- a slot's scores


class Scored(NamedTuple):
    """A slot's score for one role and the signals behind it (for the report and for messages).

    A named tuple, not a frozen dataclass: cheaper to define at every start and to make.
    """

    slot: Slot
    score: int
    why: str
    template_id: bool = False
    #: Whether the slot's own name is one of the role's words.
    named: bool = False


def _context_words(place: Place, context: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The names around a slot, each as words: the JSON keys (or form field) above a JSON member, the segment
    before a path segment."""
    if place.kind == "path":
        return [words(name) for name in context]
    if not place.path:
        return []
    names = list(context)
    while names and names[-1].isdigit():
        names.pop()
    return [words(name) for name in names[:-1] if not name.isdigit()]


class Reading(NamedTuple):
    """A slot's score for one role, in parts: what ranking needs, made for every slot of every config (a named
    tuple is made several times faster than a frozen dataclass). ``Scored``, with the reason in words, is made
    only for the slots a decision can report."""

    total: int
    name: int
    context: int
    #: The value's score as it counts here (a path segment that names a role is the endpoint's word: 0 at most).
    value: int
    #: The value's own score for the role: what "the only value of its shape" compares.
    shape: int
    #: The value's shape in words.
    why: str
    template_id: bool
    #: The only value of the role's shape when no name says otherwise: counted 2 more (see ``detect``).
    alone: bool = False


#: The reading of a slot that is never either placeholder's (an HTTP header, a sender's name, a flag).
NEVER: Final = Reading(EXCLUDED, EXCLUDED, 0, EXCLUDED, EXCLUDED, "excluded", False)


#: What a slot's names say (``_names``): its own name's score for each role, and whether a name around says each.
Names = tuple[int, int, bool, bool]


def readings(slot: Slot, hints: Hints) -> tuple[Reading, Reading]:
    """How much the slot looks like the place of RECIPIENT and of MESSAGE: its names and its value are read once
    for both roles, and a slot its names exclude is not looked at further (nor its number given to phonenumbers)."""
    return named_readings(slot_names(slot), slot, hints)


def slot_names(slot: Slot) -> Names | None:
    """What the slot's names say for each role, None when they exclude it (see ``_names``)."""
    return _names(slot.place, slot.context)


def named_readings(names: Names | None, slot: Slot, hints: Hints) -> tuple[Reading, Reading]:
    """``readings`` with what the slot's names say already worked out (a caller that reads a slot more than once)."""
    if names is None:
        return NEVER, NEVER
    return _readings(names, shape(slot.value, hints), slot.place.kind)


@lru_cache(maxsize=4096)
def _readings(names: Names, value: Shape, kind: str) -> tuple[Reading, Reading]:
    """The readings of a slot from what its names say (``_names``), its value's shape and its kind: cached, as
    those three are few and repeat far more than the values themselves."""
    recipient_name, message_name, recipient_around, message_around = names
    naming_path = kind == "path" and value.why == NAMING  # /sms/send: the endpoint's own words, not a sample
    return (_reading(RECIPIENT, kind, recipient_name, recipient_around, value.recipient, naming_path, value),
            _reading(MESSAGE, kind, message_name, message_around, value.message, naming_path, value))


@lru_cache(maxsize=4096)
def _names(place: Place, context: tuple[str, ...]) -> Names | None:
    """What a slot's names say, for RECIPIENT then MESSAGE: its own name's score (-3 when named for the other
    role), then whether a name around it is the role's; None when they exclude it (an HTTP header of the
    protocol, a negative word in any of them), whatever its value. Cached: names repeat (every row's key, the
    same members in each config of a provider)."""
    if place.kind == "header" and place.name.lower() in _PROTOCOL_HEADERS:
        return None
    own = words(place.key if place.kind != "path" else "")
    recipient, message = _name_score(own, RECIPIENT), _name_score(own, MESSAGE)
    around = [(_name_score(names, RECIPIENT), _name_score(names, MESSAGE)) for names in _context_words(place, context)]
    if recipient == EXCLUDED or any(score == EXCLUDED for score, _ in around):  # a negative word: both roles
        return None
    return (-3 if recipient == 0 and message > 0 else recipient, -3 if message == 0 and recipient > 0 else message,
            any(score > 0 for score, _ in around), any(score > 0 for _, score in around))


def _reading(role: str, kind: str, name: int, around: bool, shaped: int, naming_path: bool, value: Shape) -> Reading:
    value_score = min(shaped, 0) if naming_path else shaped
    if value_score == EXCLUDED:
        return NEVER
    context_score = 2 if around and name < 4 else 0
    total = name + value_score + context_score
    if role == MESSAGE and kind in ("header", "path"):  # possible, but providers hardly ever do
        total -= 3
    template_id = role == MESSAGE and name > 0 and value.template_id
    if template_id:  # worth asking about, never worth taking
        total = max(total, 4)
    return Reading(total, name, context_score, value_score, shaped, value.why, template_id)


def scored(slot: Slot, reading: Reading) -> Scored:
    """The slot's score and its reason, for a decision to report."""
    why = f"name {reading.name:+d}, around {reading.context:+d}, value {reading.value:+d} ({reading.why})"
    return Scored(slot, reading.total, why + ", the only one of its shape" if reading.alone else why,
                  reading.template_id, reading.name > 0)
