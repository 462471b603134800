"""The credential layouts providers really document, through every surface curlport prints.

Each layout is a text with the secret (or secrets) where a provider's docs put it: in the URL path (2Factor's
``/API/V1/<key>/SMS/…``, Telegram's ``/bot<token>/sendMessage``), the URL's user-info, a query parameter of a
cryptic or foreign name (Baidu's ``ak``, ``clave``, Aliyun's ``AccessKeyId``+``Signature``), a JSON member nested
or in an array, a header of every scheme (``Basic``, ``Bearer``, ``Token``, MessageBird's ``AccessKey``, Firebase's
``key=``, Brevo's ``api-key``), a cookie, ``-u`` in all its forms, ``--oauth2-bearer``, a multipart field,
``--data-urlencode``, PowerShell's and cmd's and a script's variables, a key that also stands inside another
value, an OAuth 2.0 token request, a proxy, Digest and AWS signing (which import refuses: only the text shows
them), an XML body; and the same places in each shell's quoting. Each secret comes short (7 characters), long
(random) and, where a password goes, with ``&%+@:`` or quotes in it. Configs as other tools write them (PHP's escaped
slashes, ASCII-only escapes, on one line, samples left in so that findings quote their lines) go through the same
surfaces.

Every surface runs on it — ``import`` (both formats), ``show``, ``render``, ``export`` (every format and every
platform), ``lint`` (every output format, ``--diff``), ``send`` (dry and against a server on 127.0.0.1 that echoes
what it received), and the web API's answers — and none may show any six characters in a row of a secret, nor of
its percent-encoded or JSON-escaped spelling, nor of the Basic header's base64 that carries it. Only what is the
product keeps it: ``import``'s config, the API's ``config``, and the texts the page's Copy buttons copy.
The layouts were written before the tool was run on them.
"""

from __future__ import annotations

import base64
import json
import random
import shlex
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring_ascii
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote, quote_plus

import pytest
from click.testing import CliRunner
from provider_server import Answer, Received, provider_server

from curlport.cli import main
from curlport.lint.reporters import REPORTERS
from curlport.preflight.platforms.registry import PLATFORMS

WINDOW = 6
HOST = "sms.example.com"
VALUES = ("--to", "+15551234567", "--body", "hello there")
_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _random_key(seed: str, length: int) -> str:
    """A random-looking key: letters and digits mixed, so no six of its characters occur by chance in curlport's
    own words (seeded by the layout, so a failure reproduces)."""
    chosen = random.Random(seed)
    while True:
        key = "".join(chosen.choice(_ALPHABET) for _ in range(length))
        if sum(c.isdigit() for c in key) >= 2 and sum(c.isalpha() for c in key) >= 3:
            return key


#: The secrets a carrier can take: ``short`` and ``long`` for a token, ``special`` for a password a user chose.
KINDS: dict[str, Callable[[str], str]] = {
    "short": lambda seed: _random_key(seed, 7),
    "long": lambda seed: _random_key(seed, 40),
    "special": lambda seed: _random_key(seed, 5) + "&%+@:" + _random_key(seed + "/2", 6),
    "quotes": lambda seed: _random_key(seed, 5) + "'\"$\\" + _random_key(seed + "/2", 6),
}
TOKEN = ("short", "long")
PASSWORD = ("short", "long", "special")


class Carrier(NamedTuple):
    """A provider's layout: ``write(secret, other)`` is the text (``other``: a second secret where there are two)."""

    id: str
    write: Callable[[str, str], str]
    kinds: tuple[str, ...]
    #: The user of a Basic credential made of the secret: its base64 is a spelling of the secret too.
    basic_user: str | None = None
    #: Whether the config keeps the secret: not where the form cannot express the option (a proxy, Digest, AWS
    #: signing: import refuses) nor for cmd's ``set`` in a text that is not a cmd script (it is not applied).
    in_config: bool = True


def _form(*extra: str) -> str:
    return " ".join(["-d to=$$To", "-d 'text=$$Body'", *extra])


def _json_body(members: dict[str, Any]) -> str:
    return f"-H 'Content-Type: application/json' -d '{json.dumps({'to': '$$To', 'text': '$$Body', **members})}'"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


_QUERY_NAMES = ["ak", "clave", "apikey", "api_key", "authkey", "AccessKey", "sig"]
_HEADERS = ["X-Auth-Token", "api-key", "x-api-key", "X-TM-Key", "Access-Token"]
_SCHEMES = ["Bearer", "Token", "ApiKey", "AccessKey", "App"]

CARRIERS: list[Carrier] = [
    # the URL's path: 2Factor, Telegram
    Carrier("path-api", lambda s, o: f"curl 'https://{HOST}/API/V1/{s}/SMS/$$To/$$Body'", ("long",)),
    Carrier("path-bot", lambda s, o: f"curl 'https://{HOST}/bot8123456{s}/sendMessage' -d chat_id=$$To "
                                     f"-d 'text=$$Body'", ("long",)),
    Carrier("userinfo", lambda s, o: f"curl 'https://acct:{quote(s, safe='')}@{HOST}/send' {_form()}", PASSWORD),
    *(Carrier(f"query-{name}", lambda s, o, name=name: f"curl 'https://{HOST}/send?{name}={quote(s, safe='')}"
                                                      f"&to=$$To&text=$$Body'", TOKEN)
      for name in _QUERY_NAMES),
    Carrier("query-aliyun-signature", lambda s, o: f"curl 'https://{HOST}/?AccessKeyId=LTAI5t{o}&Signature={s}"
                                                   f"&PhoneNumbers=$$To&TemplateParam=$$Body'", ("long",)),
    Carrier("query-two-secrets", lambda s, o: f"curl 'https://{HOST}/sms/json?api_key={o}&api_secret={s}"
                                              f"&to=$$To&text=$$Body'", TOKEN),
    Carrier("json-nested", lambda s, o: f"curl https://{HOST}/send {_json_body({'auth': {'key': s}})}",
            PASSWORD),
    Carrier("json-array", lambda s, o: f"curl https://{HOST}/send "
                                       f"{_json_body({'credentials': [{'name': 'key', 'token': s}]})}", TOKEN),
    Carrier("json-string-array", lambda s, o: f"curl https://{HOST}/send {_json_body({'api_keys': [s]})}", TOKEN),
    *(Carrier(f"header-{name}", lambda s, o, name=name: f"curl https://{HOST}/send -H '{name}: {s}' {_form()}", TOKEN)
      for name in _HEADERS),
    *(Carrier(f"authorization-{scheme}", lambda s, o, scheme=scheme: f"curl https://{HOST}/send "
                                                                     f"-H 'Authorization: {scheme} {s}' {_form()}",
              TOKEN) for scheme in _SCHEMES),
    Carrier("authorization-key-equals", lambda s, o: f"curl https://{HOST}/send -H 'Authorization: key={s}' {_form()}",
            TOKEN),
    Carrier("authorization-bare", lambda s, o: f"curl https://{HOST}/send -H 'Authorization: {s}' {_form()}", TOKEN),
    Carrier("authorization-basic", lambda s, o: f"curl https://{HOST}/send -H 'Authorization: Basic "
                                                f"{_b64('acct:' + s)}' {_form()}", PASSWORD, basic_user="acct"),
    Carrier("cookie-b", lambda s, o: f"curl https://{HOST}/send -b 'session={s}' {_form()}", TOKEN),
    Carrier("cookie-long", lambda s, o: f"curl https://{HOST}/send --cookie 'lang=en; sid={s}' {_form()}", TOKEN),
    Carrier("user-password", lambda s, o: f"curl https://{HOST}/send -u 'acct:{s}' {_form()}", PASSWORD,
            basic_user="acct"),
    Carrier("user-key-alone", lambda s, o: f"curl https://{HOST}/send -u 'sk_live_{s}:' {_form()}", TOKEN,
            basic_user=""),
    Carrier("user-token-only", lambda s, o: f"curl https://{HOST}/send -u ':{s}' {_form()}", PASSWORD, basic_user=""),
    Carrier("oauth2-bearer", lambda s, o: f"curl https://{HOST}/send --oauth2-bearer '{s}' {_form()}", TOKEN),
    Carrier("form-field", lambda s, o: f"curl https://{HOST}/send -F 'apikey={s}' -F to=$$To -F 'text=$$Body'",
            PASSWORD),
    Carrier("data-urlencode", lambda s, o: f"curl https://{HOST}/send --data-urlencode 'password={s}' "
                                           f"--data-urlencode to=$$To --data-urlencode 'text=$$Body'", PASSWORD),
    Carrier("data-percent", lambda s, o: f"curl https://{HOST}/send -d 'pwd={quote_plus(s)}' {_form()}", PASSWORD),
    Carrier("powershell-headers", lambda s, o: "$headers = @{ \"X-Api-Key\" = \"" + s + "\" }\n"
                                               f"curl.exe https://{HOST}/send -H \"X-Api-Key: {s}\" "
                                               "-d to=$$To -d \"text=$$Body\"", TOKEN),
    Carrier("cmd-set", lambda s, o: f"set API_KEY={s}\ncurl https://{HOST}/send -H \"X-Api-Key: %API_KEY%\" "
                                    "-d to=$$To -d \"text=$$Body\"", TOKEN, in_config=False),
    Carrier("script-variable", lambda s, o: f"API_KEY='{s}'\ncurl https://{HOST}/send -H \"X-Api-Key: $API_KEY\" "
                                            f"{_form()}", TOKEN),
    Carrier("key-inside-another-value", lambda s, o: f"curl 'https://{HOST}/send?sig={o}{s[:4]}' -d 'key={s}' "
                                                     f"-d 'callback=https://me.example/cb?key={s}' {_form()}", TOKEN),
]


def _cmd(text: str) -> str:
    """``text`` as Chrome's "Copy as cURL (cmd)" writes an argument: ``^"…^"``, cmd's specials after a caret."""
    return '^"' + "".join("^" + c if c in '&%|<>^' else '\\^"' if c == '"' else c for c in text) + '^"'


def _double(text: str) -> str:
    """``text`` in bash's double quotes."""
    return '"' + "".join("\\" + c if c in '"$`\\' else c for c in text) + '"'


#: The same places, the secret written in each shell's quoting: the text spells it otherwise than its value.
CARRIERS += [
    Carrier("user-password-single-quoted", lambda s, o: f"curl https://{HOST}/send -u {shlex.quote('acct:' + s)} "
                                                        f"{_form()}", ("quotes",), basic_user="acct"),
    Carrier("user-password-double-quoted", lambda s, o: f"curl https://{HOST}/send -u {_double('acct:' + s)} "
                                                        f"{_form()}", ("quotes",), basic_user="acct"),
    Carrier("header-double-quoted", lambda s, o: f"curl https://{HOST}/send -H {_double('X-Api-Key: ' + s)} "
                                                 f"{_form()}", ("quotes",)),
    Carrier("form-single-quoted", lambda s, o: f"curl https://{HOST}/send -d {shlex.quote('password=' + s)} "
                                               f"{_form()}", ("quotes",)),
    Carrier("json-escaped", lambda s, o: f"curl https://{HOST}/send -H 'Content-Type: application/json' -d "
                                         f"{shlex.quote(json.dumps({'to': '$$To', 'text': '$$Body', 'password': s}))}",
            ("quotes",)),
    Carrier("cmd-caret", lambda s, o: f"curl {_cmd(f'https://{HOST}/send')} -H {_cmd('X-Api-Key: ' + s)} "
                                      f"--data-raw {_cmd('to=$$To&text=$$Body')}", ("special",)),
    Carrier("cmd-caret-user", lambda s, o: f"curl {_cmd(f'https://{HOST}/send')} -u {_cmd('acct:' + s)} "
                                           f"--data-raw {_cmd('to=$$To&text=$$Body')}", ("special",),
            basic_user="acct"),
]


#: Layouts of other curl options and body types: a proxy's credentials, Digest and AWS signing, an XML body.
CARRIERS += [
    Carrier("path-after-key", lambda s, o: f"curl 'https://{HOST}/api/key/{s}/send?to=$$To&text=$$Body'", TOKEN),
    Carrier("digest", lambda s, o: f"curl --digest -u 'acct:{s}' https://{HOST}/send {_form()}", PASSWORD,
            in_config=False),
    Carrier("aws-sigv4", lambda s, o: f"curl --aws-sigv4 'aws:amz:us-east-1:sns' -u 'AKIA{o[:16].upper()}:{s}' "
                                      f"'https://sns.us-east-1.amazonaws.com/?Action=Publish&PhoneNumber=$$To"
                                      f"&Message=$$Body'", ("long",), in_config=False),
    Carrier("proxy-user", lambda s, o: f"curl -x http://proxy.example:3128 -U 'puser:{s}' https://{HOST}/send "
                                       f"{_form()}", PASSWORD, in_config=False),
    Carrier("proxy-url", lambda s, o: f"curl -x 'http://puser:{quote(s, safe='')}@proxy.example:3128' "
                                      f"https://{HOST}/send {_form()}", PASSWORD, in_config=False),
    Carrier("url-query-option", lambda s, o: f"curl -G https://{HOST}/send --url-query 'apikey={s}' "
                                             f"--url-query to=$$To --url-query 'text=$$Body'", TOKEN),
    Carrier("form-string", lambda s, o: f"curl https://{HOST}/send --form-string 'api_key={s}' -F to=$$To "
                                        f"-F 'text=$$Body'", TOKEN),
    Carrier("digest-header", lambda s, o: f"curl https://{HOST}/send -H 'Authorization: Digest username=\"acct\", "
                                          f"realm=\"sms\", response=\"{s}\"' {_form()}", TOKEN),
    Carrier("xml-body", lambda s, o: f"curl https://{HOST}/send -H 'Content-Type: text/xml' -d '<SendSMS><Username>"
                                     f"acct</Username><Password>{s}</Password><To>$$To</To><Text>$$Body</Text>"
                                     "</SendSMS>'", TOKEN),
    Carrier("oauth2-pair", lambda s, o: f"curl -X POST https://{HOST}/oauth/token -u 'cid:{s}' "
                                        "-d grant_type=client_credentials\n"
                                        f"curl https://{HOST}/send -H \"Authorization: Bearer $TOKEN\" {_form()}",
            PASSWORD),
    Carrier("oauth2-pair-fields", lambda s, o: f"curl -X POST https://{HOST}/oauth/token -d grant_type="
                                               f"client_credentials -d client_id=cid -d 'client_secret={s}'\n"
                                               f"curl https://{HOST}/send -H \"Authorization: Bearer $TOKEN\" "
                                               f"{_form()}", TOKEN),
    Carrier("second-command-header", lambda s, o: f"curl https://{HOST}/balance -H 'X-Admin-Token: {o}'\n"
                                                  f"curl https://{HOST}/send -H 'X-Api-Key: {s}' {_form()}", TOKEN),
    Carrier("credentials-header-list", lambda s, o: f"curl https://{HOST}/send -H 'X-Credentials: key={o}, "
                                                    f"secret={s}' {_form()}", TOKEN),
]


class Layout(NamedTuple):
    id: str
    text: str
    secrets: tuple[str, ...]
    basic: tuple[str, ...]  # the base64 texts a Basic header of these secrets is
    in_config: bool


def layouts() -> Iterator[Layout]:
    for carrier in CARRIERS:
        for kind in carrier.kinds:
            secret = KINDS[kind](f"{carrier.id}/{kind}")
            other = _random_key(f"{carrier.id}/{kind}/other", 24)
            text = carrier.write(secret, other) + "\n"
            secrets = (secret, other) if other in text else (secret,)
            basic = () if carrier.basic_user is None else (_b64(f"{carrier.basic_user}:{secret}"),)
            yield Layout(f"{carrier.id}-{kind}", text, secrets, basic, carrier.in_config)


LAYOUTS = list(layouts())


def spellings(layout: Layout) -> list[str]:
    """Every way the layout's secrets may be written in an output: as they are, percent-encoded, JSON-escaped, and
    the Basic header's base64 (past its first characters, which spell the user)."""
    return sorted({form for secret in layout.secrets for form in forms(secret)} | {text[8:] for text in layout.basic})


def forms(secret: str) -> tuple[str, ...]:
    """A secret as it is, percent-encoded (both ways) and JSON-escaped."""
    return secret, quote(secret, safe=""), quote_plus(secret), encode_basestring_ascii(secret)[1:-1]


def leaked(layout: Layout, output: str) -> str | None:
    """The first run of ``WINDOW`` characters of a spelling of a secret that the output shows, or None."""
    for form in spellings(layout):
        for i in range(max(1, len(form) - WINDOW + 1)):
            if form[i:i + WINDOW] in output:
                return form[i:i + WINDOW]
    return None


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        (args, result.exception)
    return result.exit_code, result.stdout, result.stderr


def lint_surfaces(path: Path) -> Iterator[tuple[str, str]]:
    for output_format in sorted(REPORTERS):
        _, out, err = run("lint", "--isolated", "--output-format", output_format, str(path))
        yield f"lint {output_format} {path.suffix}", out + err
    for flags in (("--diff",), ("--diff", "--unsafe-fixes")):
        _, out, err = run("lint", "--isolated", *flags, str(path))
        yield f"lint {' '.join(flags)} {path.suffix}", out + err


def config_surfaces(config: Path) -> Iterator[tuple[str, str]]:
    """What every command prints about a config, but the config itself."""
    yield "show", "".join(run("show", str(config))[1:])
    for output_format in ("http", "json", "curl"):
        yield f"render {output_format}", "".join(run("render", str(config), *VALUES, "--format", output_format)[1:])
    for output_format in ("curl", "python", "har", "httpie"):
        yield f"export {output_format}", "".join(run("export", str(config), "--format", output_format)[1:])
    for platform in sorted(PLATFORMS):
        yield f"export --platform {platform}", "".join(run("export", str(config), "--platform", platform,
                                                           "--to", "+15551234567")[1:])
    yield "send --dry-run", "".join(run("send", str(config), *VALUES, "--dry-run", "--yes", "--allow-incomplete")[1:])
    yield from lint_surfaces(config)


def cli_surfaces(folder: Path, text: str) -> Iterator[tuple[str, str]]:
    curl = folder / "p.curl"
    curl.write_text(text, encoding="utf-8")
    yield "import stderr", run("import", str(curl))[2]
    yield "import --format form", "".join(run("import", str(curl), "--format", "form")[1:])
    config = folder / "c.json"
    yield "import -o stderr", run("import", str(curl), "-o", str(config), "--force")[2]
    yield from lint_surfaces(curl)
    if config.exists():
        yield from config_surfaces(config)


def _echo(received: Received) -> Answer:
    """A provider that refuses and quotes everything it was sent (the worst a provider's error page does)."""
    quoted = {"error": "bad request", "method": received.method, "target": received.target,
              "headers": dict(received.headers), "body": received.body.decode("utf-8", errors="replace")}
    return Answer(400, json.dumps(quoted).encode(), (("X-Echo", received.target),))


def _to_server(text: str, url: str) -> str:
    return text.replace(f"https://{HOST}", url.rstrip("/")).replace(f"@{HOST}", "@" + url.split("//", 1)[1]
                                                                    .rstrip("/")).replace("https://acct", "http://acct")


def send_surfaces(folder: Path, text: str) -> Iterator[tuple[str, str]]:
    with provider_server(_echo) as server:
        text = _to_server(text, server.url("/"))
        curl = folder / "s.curl"
        curl.write_text(text, encoding="utf-8")
        config = folder / "s.json"
        run("import", str(curl), "-o", str(config), "--force")
        if config.exists():
            yield "send", "".join(run("send", str(config), *VALUES, "--yes", "--allow-incomplete",
                                      "--connect-timeout", "5", "--read-timeout", "5")[1:])
        yield from web_surfaces(text, send=True)


def _client() -> Any:
    from starlette.testclient import TestClient

    from curlport.web.server import create_app

    return TestClient(create_app("127.0.0.1"), base_url="http://127.0.0.1", raise_server_exceptions=False)


def shown(value: Any) -> Any:
    """An answer as the page shows it: without the config (the product), the input's secret places, and what the
    Copy buttons copy (``{"text": …, "shown": …}`` keeps ``shown``)."""
    if isinstance(value, dict):
        if set(value) == {"text", "shown"}:
            return value["shown"]
        return {key: shown(item) for key, item in value.items() if key not in ("config", "config_json", "secrets")}
    if isinstance(value, list):
        return [shown(item) for item in value]
    return value


def web_surfaces(text: str, send: bool = False) -> Iterator[tuple[str, str]]:
    client = _client()
    values = {"to": "+15551234567", "body": "hello there"}
    if send:
        asked = [("/api/send", {"values": values, "confirm_host": "127.0.0.1", "allow_private": True,
                                "allow_incomplete": True, "connect_timeout": 5})]
    else:
        asked = [("/api/import", {}), ("/api/lint", {}), ("/api/fix", {}), ("/api/render", {"values": values})]
    for path, extra in asked:
        response = client.post(path, json={"text": text, **extra})
        assert response.status_code == 200, (path, response.text)
        answer = response.json()
        if path == "/api/fix":
            answer.pop("text")  # the fixed input, which the page puts back in the box the user typed it into
        yield path, json.dumps(shown(answer), ensure_ascii=False)


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.id for layout in LAYOUTS])
def test_no_surface_shows_a_credential_of_any_layout(tmp_path: Path, layout: Layout) -> None:
    leaks = []
    for surface, output in [*cli_surfaces(tmp_path, layout.text), *web_surfaces(layout.text),
                            *send_surfaces(tmp_path, layout.text)]:
        assert "internal error" not in output.lower(), (surface, output)
        found = leaked(layout, output)
        if found:
            leaks.append(f"{surface}: {found!r} in {output[max(0, output.find(found) - 80):][:200]!r}")
    assert not leaks, "\n".join(leaks)


KEPT = [layout for layout in LAYOUTS if layout.in_config]


@pytest.mark.parametrize("layout", KEPT, ids=[layout.id for layout in KEPT])
def test_show_secrets_shows_them(tmp_path: Path, layout: Layout) -> None:
    """Not vacuous: the secret reaches the config, and ``show --show-secrets`` prints it (the texts above could pass
    by losing the credential altogether)."""
    curl = tmp_path / "p.curl"
    curl.write_text(layout.text, encoding="utf-8")
    config = tmp_path / "c.json"
    run("import", str(curl), "-o", str(config))
    written = "\n".join(_strings(json.loads(config.read_text(encoding="utf-8"))))
    shown_text = run("show", str(config), "--show-secrets")[1]
    assert any(form in written for form in forms(layout.secrets[0])) or layout.basic, written
    assert any(form in shown_text for form in forms(layout.secrets[0])) or layout.basic, shown_text

def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# --- configs as other tools write them: escapes, one line, samples left in ------------------------------------------

def _config_text(*, headers: list[dict[str, str]] | None = None, fields: list[dict[str, str]] | None = None,
                 auth: dict[str, str] | None = None, escape_slashes: bool = False, ascii_only: bool = False) -> str:
    """A config on one line (a finding's source line then holds every value), as another tool may escape it."""
    config = {"name": "acme", "method": "POST", "endpoint": f"https://{HOST}/send", "auth": auth,
              "headers": headers or [],
              "parameters": {"format": "form", "fields": fields or [{"key": "to", "value": "$$To"},
                                                                   {"key": "text", "value": "$$Body"}]}}
    text = json.dumps(config, ensure_ascii=ascii_only)
    return text.replace("/", "\\/") if escape_slashes else text


def config_layouts() -> Iterator[Layout]:
    base64ish = _random_key("php", 8) + "/" + _random_key("php/2", 8) + "+" + _random_key("php/3", 6)
    accented = _random_key("accent", 6) + "äß€" + _random_key("accent/2", 6)
    shaped = _random_key("shape", 24)
    samples = [{"key": "to", "value": "15551234567"}, {"key": "text", "value": "hello"}]
    yield Layout("php-escaped-bearer", _config_text(headers=[
        {"key": "Authorization", "value": f"Bearer {base64ish}"}], fields=samples, escape_slashes=True), (base64ish,),
        (), True)
    yield Layout("php-escaped-field", _config_text(fields=[*samples, {"key": "apikey", "value": base64ish}],
                                                   escape_slashes=True), (base64ish,), (), True)
    yield Layout("ascii-escaped-password", _config_text(auth={
        "type": "basic", "username": "acct", "password": accented}, fields=samples, ascii_only=True), (accented,),
        (_b64(f"acct:{accented}"),), True)
    yield Layout("samples-left-shaped-header", _config_text(headers=[{"key": "X-Provider", "value": shaped}],
                                                           fields=samples), (shaped,), (), True)
    yield Layout("samples-left-password", _config_text(auth={
        "type": "basic", "username": "acct", "password": shaped}, fields=samples), (shaped,),
        (_b64(f"acct:{shaped}"),), True)


CONFIG_LAYOUTS = list(config_layouts())


def _config_send_surfaces(folder: Path, text: str) -> Iterator[tuple[str, str]]:
    with provider_server(_echo) as server:
        config = folder / "s.json"
        config.write_text(text.replace(f"https:\\/\\/{HOST}", server.url("").replace("/", "\\/"))
                          .replace(f"https://{HOST}", server.url("")), encoding="utf-8")
        yield "send", "".join(run("send", str(config), *VALUES, "--yes", "--allow-incomplete",
                                  "--connect-timeout", "5", "--read-timeout", "5")[1:])


@pytest.mark.parametrize("layout", CONFIG_LAYOUTS, ids=[layout.id for layout in CONFIG_LAYOUTS])
def test_no_surface_shows_a_credential_of_a_config(tmp_path: Path, layout: Layout) -> None:
    config = tmp_path / "c.json"
    config.write_text(layout.text, encoding="utf-8")
    leaks = []
    for surface, output in [*config_surfaces(config), *web_surfaces(layout.text),
                            *_config_send_surfaces(tmp_path, layout.text)]:
        assert "internal error" not in output.lower(), (surface, output)
        found = leaked(layout, output)
        if found:
            leaks.append(f"{surface}: {found!r} in {output[max(0, output.find(found) - 80):][:200]!r}")
    assert not leaks, "\n".join(leaks)
    assert any(form in run("show", str(config), "--show-secrets")[1] for form in forms(layout.secrets[0]))
