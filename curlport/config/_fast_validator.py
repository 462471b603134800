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


_PATTERN_0 = re.compile('^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+')

def _check_1(v: Any) -> bool:
    if not (isinstance(v, str)):
        return False
    if len(v) < 1:
        return False
    if len(v) > 200:
        return False
    return True

def _check_2(v: Any) -> bool:
    if not (isinstance(v, str) and v in ('GET', 'POST')):
        return False
    return True

def _check_3(v: Any) -> bool:
    if not (isinstance(v, str)):
        return False
    if not _PATTERN_0.search(v):
        return False
    if len(v) > 8192:
        return False
    return True

def _check_5(v: Any) -> bool:
    if not (v is None):
        return False
    return True

def _check_7(v: Any) -> bool:
    if not (isinstance(v, str) and v == 'basic'):
        return False
    return True

def _check_8(v: Any) -> bool:
    if not (isinstance(v, str)):
        return False
    return True

def _check_6(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= {'password', 'type', 'username'}:
        return False
    if 'type' not in v or 'username' not in v or 'password' not in v:
        return False
    if 'type' in v and not _check_7(v['type']):
        return False
    if 'username' in v and not _check_8(v['username']):
        return False
    if 'password' in v and not _check_8(v['password']):
        return False
    return True

def _check_4(v: Any) -> bool:
    if sum(1 for check in (_check_5, _check_6,) if check(v)) != 1:
        return False
    return True

def _check_12(v: Any) -> bool:
    if not (isinstance(v, str)):
        return False
    if len(v) < 1:
        return False
    return True

def _check_11(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= {'key', 'value'}:
        return False
    if 'key' not in v or 'value' not in v:
        return False
    if 'key' in v and not _check_12(v['key']):
        return False
    if 'value' in v and not _check_8(v['value']):
        return False
    return True

def _check_10(v: Any) -> bool:
    if not (isinstance(v, list)):
        return False
    if not all(map(_check_11, v)):
        return False
    return True

def _check_18(v: Any) -> bool:
    if not (isinstance(v, str) and v == 'form'):
        return False
    return True

def _check_17(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= {'fields', 'format'}:
        return False
    if 'format' not in v or 'fields' not in v:
        return False
    if 'format' in v and not _check_18(v['format']):
        return False
    if 'fields' in v and not _check_10(v['fields']):
        return False
    return True

def _check_22(v: Any) -> bool:
    if not (isinstance(v, str) and v == 'raw'):
        return False
    return True

def _check_21(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= {'body', 'format'}:
        return False
    if 'format' not in v or 'body' not in v:
        return False
    if 'format' in v and not _check_22(v['format']):
        return False
    if 'body' in v and not _check_8(v['body']):
        return False
    return True

def _check_15(v: Any) -> bool:
    if sum(1 for check in (_check_5, _check_17, _check_21,) if check(v)) != 1:
        return False
    return True

def _check_0(v: Any) -> bool:
    if not (isinstance(v, dict)):
        return False
    if not v.keys() <= {'auth', 'endpoint', 'headers', 'method', 'name', 'parameters'}:
        return False
    if 'name' not in v or 'method' not in v or 'endpoint' not in v or 'auth' not in v or 'headers' not in v or 'parameters' not in v:
        return False
    if 'name' in v and not _check_1(v['name']):
        return False
    if 'method' in v and not _check_2(v['method']):
        return False
    if 'endpoint' in v and not _check_3(v['endpoint']):
        return False
    if 'auth' in v and not _check_4(v['auth']):
        return False
    if 'headers' in v and not _check_10(v['headers']):
        return False
    if 'parameters' in v and not _check_15(v['parameters']):
        return False
    return True

is_valid = _check_0
