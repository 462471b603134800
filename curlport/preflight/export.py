"""Export: a config back into a request others can run, placeholders kept.

``curl`` is the inverse of ``curlport import``: importing the exported command
gives the config back (the tests prove it on every fixture and on generated
configs), and the real curl binary sends what the config describes. ``python``
(requests), ``har`` (a HAR 1.2 request object) and ``httpie`` carry the same
request for other tools. Credentials are masked unless ``show_secrets``.

OAuth 2 client credentials need a token request first: the curl export is two
commands, ``ACCESS_TOKEN=$(curl … token_url … | jq -r .access_token)`` and the call
that sends ``Authorization: Bearer $ACCESS_TOKEN`` (the pair ``curlport import``
reads back as OAuth 2); the Python export fetches the token itself, and the HTTPie
and HAR exports carry ``Authorization: Bearer <token from …>`` to replace.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, quote_plus

from curlport.credentials import is_credential
from curlport.preflight.curl_command import CurlSpec, curl_command, shell_word
from curlport.preflight.masking import mask_body, mask_header_value, mask_url
from curlport.preflight.provider import (
    BasicAuth,
    BodyParameters,
    FormParameters,
    KeyValue,
    OAuth2Auth,
    Provider,
)
from curlport.preflight.render import authorization, bearer_pending, implied_content_type
from curlport.redact import mask
from curlport.urls import split_url

FORMATS = ("curl", "python", "har", "httpie")


def export(provider: Provider, output_format: str, *, show_secrets: bool = False, one_line: bool = False) -> str:
    """The config in ``output_format`` (one of ``FORMATS``)."""
    shown = provider if show_secrets else mask_provider(provider)
    if output_format == "curl":
        return export_curl(shown, one_line=one_line)
    if output_format == "python":
        return _python(shown)
    if output_format == "har":
        return json.dumps(har_request(shown, show_secrets=show_secrets), indent=2, ensure_ascii=False) + "\n"
    if output_format == "httpie":
        return _httpie(shown)
    raise ValueError(f"unknown export format {output_format!r}")


def mask_provider(provider: Provider) -> Provider:
    """The provider with every credential it names masked: auth secrets, credential headers, fields and query."""
    auth, secrets = provider.auth, provider.secrets
    if isinstance(auth, BasicAuth):
        auth = auth._replace(username=mask_body(auth.username, secrets), password=mask(auth.password))
    elif isinstance(auth, OAuth2Auth):
        auth = auth._replace(token_url=mask_url(auth.token_url, secrets),
                             client_secret=mask(auth.client_secret),
                             extra=tuple(_masked_field(kv, secrets) for kv in auth.extra))
    parameters = provider.parameters
    if isinstance(parameters, FormParameters):
        parameters = FormParameters(tuple(_masked_field(kv, secrets) for kv in parameters.fields))
    elif isinstance(parameters, BodyParameters):
        parameters = parameters._replace(body=mask_body(parameters.body, secrets))
    headers = tuple(KeyValue(h.key, mask_header_value(h.key, h.value, secrets)) for h in provider.headers)
    return provider._replace(endpoint=mask_url(provider.endpoint, secrets), auth=auth, headers=headers,
                             parameters=parameters)


def _masked_field(field: KeyValue, secrets: frozenset[str]) -> KeyValue:
    """A credential field masked whole; in any other (a callback URL with a key in it), the config's credentials."""
    if is_credential(field.key, field.value):
        return KeyValue(field.key, mask(field.value))
    return KeyValue(field.key, mask_body(field.value, secrets))


def _extra_headers(provider: Provider) -> list[tuple[str, str]]:
    """Headers the config implies but does not list: OAuth 2's bearer, a json body's Content-Type."""
    names = {h.key.lower() for h in provider.headers}
    extra = []
    if isinstance(provider.auth, OAuth2Auth) and "authorization" not in names:
        extra.append(("Authorization", bearer_pending(provider.auth.token_url)))
    content_type = implied_content_type(provider)
    if content_type is not None and "content-type" not in names and isinstance(provider.parameters, BodyParameters):
        extra.append(("Content-Type", content_type))
    return extra


def _form_pair(field: KeyValue) -> str:
    """One field form-encoded, placeholders and masks kept readable ($ and * need no encoding in a form)."""
    return f"{quote_plus(field.key, safe='$*')}={quote_plus(field.value, safe='$*')}"


TOKEN_VARIABLE = "ACCESS_TOKEN"


def export_curl(provider: Provider, *, one_line: bool = False) -> str:
    """The config as a curl command another tool or a person can run: what render sends, written as curl options."""
    oauth2 = provider.auth if isinstance(provider.auth, OAuth2Auth) else None
    headers = tuple((h.key, h.value) for h in provider.headers) + tuple(
        (name, value) for name, value in _extra_headers(provider) if not (oauth2 and name == "Authorization"))
    parameters = provider.parameters
    data: tuple[str, ...] = ()
    if isinstance(parameters, FormParameters):
        pairs = tuple(_form_pair(field) for field in parameters.fields)
        # a one-line command is read by uncurl too, which keeps only the last data option
        data = ("&".join(pairs),) if one_line else pairs
    elif isinstance(parameters, BodyParameters):
        data = (parameters.body,)
    no_content_type = isinstance(parameters, BodyParameters) and not any(
        name.lower() == "content-type" for name, _ in headers)
    user = f"{provider.auth.username}:{provider.auth.password}" if isinstance(provider.auth, BasicAuth) else None
    call = curl_command(CurlSpec(provider.method, provider.endpoint, headers, data, user, no_content_type,
                                 TOKEN_VARIABLE if oauth2 else None), one_line=one_line)
    return call if oauth2 is None else _token_request(oauth2, one_line) + call


def _token_request(auth: OAuth2Auth, one_line: bool) -> str:
    """The client-credentials token request whose access token the call sends, as a shell assignment."""
    fields = (KeyValue("grant_type", "client_credentials"), *auth.extra)
    data = tuple(_form_pair(field) for field in fields)
    command = curl_command(CurlSpec("POST", auth.token_url, (), data, f"{auth.client_id}:{auth.client_secret}"),
                           one_line=one_line).rstrip("\n")
    return f"{TOKEN_VARIABLE}=$({command.replace('curl ', 'curl -s ', 1)} | jq -r .access_token)\n"


def _python(provider: Provider) -> str:
    """A requests snippet; form fields as a list of pairs, so that order and duplicates survive."""
    lines = ["import requests", ""]
    arguments = [repr(provider.method), repr(provider.endpoint)]
    auth = provider.auth
    if isinstance(auth, OAuth2Auth):
        token_data = [("grant_type", "client_credentials"), ("client_id", auth.client_id),
                      ("client_secret", auth.client_secret), *((kv.key, kv.value) for kv in auth.extra)]
        lines += [f"token = requests.post({auth.token_url!r}, data={token_data!r}, timeout=30)",
                  "token.raise_for_status()", ""]
    headers = [(h.key, h.value) for h in provider.headers]
    headers += [(name, value) for name, value in _extra_headers(provider) if name != "Authorization"]
    if isinstance(auth, OAuth2Auth):
        headers = [(n, v) for n, v in headers if n.lower() != "authorization"]
    header_items = [f"{name!r}: {value!r}" for name, value in headers]
    if isinstance(auth, OAuth2Auth):
        header_items.append("'Authorization': 'Bearer ' + token.json()['access_token']")
    if header_items:
        arguments.append("headers={" + ", ".join(header_items) + "}")
    if isinstance(auth, BasicAuth):
        arguments.append(f"auth=({auth.username!r}, {auth.password!r})")
    parameters = provider.parameters
    if isinstance(parameters, FormParameters):
        arguments.append(f"data={[(f.key, f.value) for f in parameters.fields]!r}")
    elif isinstance(parameters, BodyParameters):
        arguments.append(f"data={parameters.body!r}.encode('utf-8')")
    arguments.append("allow_redirects=False")
    arguments.append("timeout=30")
    call = ",\n    ".join(arguments)
    lines += [f"response = requests.request(\n    {call},\n)",
              "print(response.status_code, response.text)"]
    return "\n".join(lines) + "\n"


def har_request(provider: Provider, *, show_secrets: bool = False) -> dict[str, object]:
    """A HAR 1.2 ``request`` object (http://www.softwareishard.com/blog/har-12-spec/#request).

    HAR has no auth field: Basic credentials are the Authorization header they make.
    """
    headers = [(h.key, h.value) for h in provider.headers] + _extra_headers(provider)
    names = {name.lower() for name, _ in headers}
    if isinstance(provider.auth, BasicAuth) and "authorization" not in names:
        credentials = authorization(provider.auth)
        headers.append(("Authorization", credentials if show_secrets else mask_header_value("Authorization",
                                                                                             credentials)))
    parameters = provider.parameters
    post_data: dict[str, object] | None = None
    if isinstance(parameters, FormParameters):
        if "content-type" not in names:
            headers.append(("Content-Type", implied_content_type(provider) or ""))
        text = "&".join(_form_pair(field) for field in parameters.fields)
        post_data = {"mimeType": implied_content_type(provider), "text": text,
                     "params": [{"name": f.key, "value": f.value} for f in parameters.fields]}
    elif isinstance(parameters, BodyParameters):
        mime = next((value for name, value in headers if name.lower() == "content-type"), "")
        post_data = {"mimeType": mime, "text": parameters.body}
    request: dict[str, object] = {
        "method": provider.method,
        "url": provider.endpoint,
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": [{"name": name, "value": value} for name, value in headers],
        "queryString": [{"name": k, "value": v}
                        for k, v in parse_qsl(split_url(provider.endpoint).query, keep_blank_values=True)],
        "headersSize": -1,
        "bodySize": len(str(post_data["text"]).encode()) if post_data else 0,
    }
    if post_data is not None:
        request["postData"] = post_data
    return request


def _httpie_key(key: str) -> str:
    """A form key with HTTPie's item separators escaped, so the whole key stays the key."""
    return "".join("\\" + c if c in "\\:=@" else c for c in key)


def _httpie(provider: Provider) -> str:
    words = ["http", "--ignore-stdin"]
    parameters = provider.parameters
    if isinstance(parameters, FormParameters):
        words.append("--form")
    if isinstance(provider.auth, BasicAuth):
        words += ["--auth", shell_word(f"{provider.auth.username}:{provider.auth.password}", one_line=True)]
    if isinstance(parameters, BodyParameters):
        words += ["--raw", shell_word(parameters.body, one_line=True)]
    words += [provider.method, shell_word(provider.endpoint, one_line=True)]
    headers = [(h.key, h.value) for h in provider.headers] + _extra_headers(provider)
    words += [shell_word(f"{name}:{value}" if value else f"{name};", one_line=True) for name, value in headers]
    if isinstance(parameters, BodyParameters) and not any(n.lower() == "content-type" for n, _ in headers):
        words.append("'Content-Type:'")
    if isinstance(parameters, FormParameters):
        words += [shell_word(f"{_httpie_key(f.key)}={f.value}", one_line=True) for f in parameters.fields]
    return " ".join(words) + "\n"
