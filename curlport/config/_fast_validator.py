"""Generated from schemas/provider-config.schema.json by `python -m curlport.config.codegen`: do not edit.

``is_valid`` answers whether a config matches the schema; jsonschema explains why not.
"""

# ruff: noqa
from __future__ import annotations

import re
from typing import Any


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON sees it: true is not 1, and 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    return bool(a == b)


def _unique(items: list[Any]) -> bool:
    return not any(_json_equal(items[i], items[j]) for i in range(len(items)) for j in range(i))


_PATTERN_0 = re.compile('^(?:[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+|\\{\\{?\\s*[A-Za-z_][A-Za-z0-9_.-]*\\s*\\}\\}?|\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?|<[A-Za-z][A-Za-z0-9_ .:-]*>)')

_PATTERN_1 = re.compile('^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+')

_PATTERN_2 = re.compile('^(json:[^.].*|header:\\S+)$')

_KEYS_0 = frozenset(('$schema', 'auth', 'batching', 'callback_url', 'endpoint', 'form', 'headers', 'method', 'name', 'parameters', 'response'))
_KEYS_1 = frozenset(('password', 'type', 'username'))
_KEYS_2 = frozenset(('client_id', 'client_secret', 'extra', 'token_url', 'type'))
_KEYS_3 = frozenset(('key', 'value'))
_KEYS_4 = frozenset(('fields', 'format'))
_KEYS_5 = frozenset(('body', 'format'))
_KEYS_6 = frozenset(('key', 'size'))
_KEYS_7 = frozenset(('failure_pattern', 'message_id', 'statuses', 'success_pattern'))

def _check_1(v: Any) -> bool:
    if not (isinstance(v, str) and v in ('https://curlport.dev/schemas/provider-config/2/provider-config.schema.json', 'https://curlport.dev/schemas/provider-config.schema.json')):
        return False
    return True

def _check_2(v: Any) -> bool:
    if not (isinstance(v, str) and v in ('current', 'legacy')):
        return False
    return True

def _check_3(v: Any) -> bool:
    if not (isinstance(v, str)):
        return False
    if len(v) < 1:
        return False
    if len(v) > 200:
        return False
    return True

def _check_4(v: Any) -> bool:
    if not (isinstance(v, str) and v in ('GET', 'POST')):
        return False
    return True

def _check_5(v: Any) -> bool:
    if not (isinstance(v, str)):
        return False
    if not _PATTERN_0.search(v):
        return False
    if len(v) > 8192:
        return False
    return True

def _check_7(v: Any) -> bool:
    if not (v is None):
        return False
    return True

def _check_9(v: Any) -> bool:
    if not (isinstance(v, str) and v == 'basic'):
        return False
    return True

def _check_10(v: Any) -> bool:
    if not (isinstance(v, str)):
        return False
    return True

def _check_8(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= _KEYS_1:
        return False
    if 'type' not in v or 'username' not in v or 'password' not in v:
        return False
    if 'type' in v and not _check_9(v['type']):
        return False
    if 'username' in v and not _check_10(v['username']):
        return False
    if 'password' in v and not _check_10(v['password']):
        return False
    return True

def _check_13(v: Any) -> bool:
    if not (isinstance(v, str) and v == 'oauth2'):
        return False
    return True

def _check_14(v: Any) -> bool:
    if not (isinstance(v, str)):
        return False
    if not _PATTERN_1.search(v):
        return False
    if len(v) > 8192:
        return False
    return True

def _check_15(v: Any) -> bool:
    if not (isinstance(v, str)):
        return False
    if len(v) < 1:
        return False
    return True

def _check_18(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= _KEYS_3:
        return False
    if 'key' not in v or 'value' not in v:
        return False
    if 'key' in v and not _check_15(v['key']):
        return False
    if 'value' in v and not _check_10(v['value']):
        return False
    return True

def _check_17(v: Any) -> bool:
    if not (isinstance(v, list)):
        return False
    if not all(map(_check_18, v)):
        return False
    return True

def _check_12(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= _KEYS_2:
        return False
    if 'type' not in v or 'token_url' not in v or 'client_id' not in v or 'client_secret' not in v or 'extra' not in v:
        return False
    if 'type' in v and not _check_13(v['type']):
        return False
    if 'token_url' in v and not _check_14(v['token_url']):
        return False
    if 'client_id' in v and not _check_15(v['client_id']):
        return False
    if 'client_secret' in v and not _check_10(v['client_secret']):
        return False
    if 'extra' in v and not _check_17(v['extra']):
        return False
    return True

def _check_6(v: Any) -> bool:
    if _check_7(v) + _check_8(v) + _check_12(v) != 1:
        return False
    return True

def _check_27(v: Any) -> bool:
    if not (isinstance(v, str) and v == 'form'):
        return False
    return True

def _check_26(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= _KEYS_4:
        return False
    if 'format' not in v or 'fields' not in v:
        return False
    if 'format' in v and not _check_27(v['format']):
        return False
    if 'fields' in v and not _check_17(v['fields']):
        return False
    return True

def _check_31(v: Any) -> bool:
    if not (isinstance(v, str) and v == 'raw'):
        return False
    return True

def _check_30(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= _KEYS_5:
        return False
    if 'format' not in v or 'body' not in v:
        return False
    if 'format' in v and not _check_31(v['format']):
        return False
    if 'body' in v and not _check_10(v['body']):
        return False
    return True

def _check_34(v: Any) -> bool:
    if not (isinstance(v, str) and v == 'json'):
        return False
    return True

def _check_33(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= _KEYS_5:
        return False
    if 'format' not in v or 'body' not in v:
        return False
    if 'format' in v and not _check_34(v['format']):
        return False
    if 'body' in v and not _check_10(v['body']):
        return False
    return True

def _check_24(v: Any) -> bool:
    if _check_7(v) + _check_26(v) + _check_30(v) + _check_33(v) != 1:
        return False
    return True

def _check_40(v: Any) -> bool:
    if not (((isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()))):
        return False
    if (isinstance(v, (int, float)) and not isinstance(v, bool)) and v < 1:
        return False
    if (isinstance(v, (int, float)) and not isinstance(v, bool)) and v > 1000:
        return False
    return True

def _check_38(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= _KEYS_6:
        return False
    if 'key' not in v or 'size' not in v:
        return False
    if 'key' in v and not _check_15(v['key']):
        return False
    if 'size' in v and not _check_40(v['size']):
        return False
    return True

def _check_36(v: Any) -> bool:
    if _check_7(v) + _check_38(v) != 1:
        return False
    return True

def _check_41(v: Any) -> bool:
    if _check_7(v) + _check_14(v) != 1:
        return False
    return True

def _check_46(v: Any) -> bool:
    if not (((isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()))):
        return False
    if (isinstance(v, (int, float)) and not isinstance(v, bool)) and v < 100:
        return False
    if (isinstance(v, (int, float)) and not isinstance(v, bool)) and v > 599:
        return False
    return True

def _check_45(v: Any) -> bool:
    if not (isinstance(v, list)):
        return False
    if len(v) < 1:
        return False
    if not all(map(_check_46, v)):
        return False
    return True

def _check_49(v: Any) -> bool:
    if not (isinstance(v, str)):
        return False
    if not _PATTERN_2.search(v):
        return False
    return True

def _check_44(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= _KEYS_7:
        return False
    if 'statuses' in v and not _check_45(v['statuses']):
        return False
    if 'success_pattern' in v and not _check_10(v['success_pattern']):
        return False
    if 'failure_pattern' in v and not _check_10(v['failure_pattern']):
        return False
    if 'message_id' in v and not _check_49(v['message_id']):
        return False
    return True

def _check_52(v: Any) -> bool:
    if not (isinstance(v, str) and v == 'legacy'):
        return False
    return True

def _check_51(v: Any) -> bool:
    if isinstance(v, dict) and 'form' not in v:
        return False
    if isinstance(v, dict):
        if 'form' in v and not _check_52(v['form']):
            return False
    return True

def _check_55(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if 'type' not in v:
        return False
    if 'type' in v and not _check_13(v['type']):
        return False
    return True

def _check_54(v: Any) -> bool:
    if _check_55(v):
        return False
    return True

def _check_58(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if 'format' not in v:
        return False
    if 'format' in v and not _check_34(v['format']):
        return False
    return True

def _check_57(v: Any) -> bool:
    if _check_58(v):
        return False
    return True

def _check_53(v: Any) -> bool:
    if isinstance(v, dict):
        if 'auth' in v and not _check_54(v['auth']):
            return False
        if 'parameters' in v and not _check_57(v['parameters']):
            return False
        if 'batching' in v and not _check_7(v['batching']):
            return False
        if 'callback_url' in v and not _check_7(v['callback_url']):
            return False
    return True

def _check_62(v: Any) -> bool:
    return True

def _check_50(v: Any) -> bool:
    if not (_check_53(v) if _check_51(v) else _check_62(v)):
        return False
    return True

def _check_0(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= _KEYS_0:
        return False
    if 'name' not in v or 'method' not in v or 'endpoint' not in v or 'auth' not in v or 'headers' not in v or 'parameters' not in v:
        return False
    if '$schema' in v and not _check_1(v['$schema']):
        return False
    if 'form' in v and not _check_2(v['form']):
        return False
    if 'name' in v and not _check_3(v['name']):
        return False
    if 'method' in v and not _check_4(v['method']):
        return False
    if 'endpoint' in v and not _check_5(v['endpoint']):
        return False
    if 'auth' in v and not _check_6(v['auth']):
        return False
    if 'headers' in v and not _check_17(v['headers']):
        return False
    if 'parameters' in v and not _check_24(v['parameters']):
        return False
    if 'batching' in v and not _check_36(v['batching']):
        return False
    if 'callback_url' in v and not _check_41(v['callback_url']):
        return False
    if 'response' in v and not _check_44(v['response']):
        return False
    if not (_check_50(v)):
        return False
    return True

is_valid = _check_0
