"""Which names carry credentials does not depend on whether the answer came from the cache."""

from __future__ import annotations

import pytest

from curlport.credentials import is_credential_name


@pytest.mark.parametrize(("name", "expected"), [
    ("X-Api-Key", True), ("client_secret", True), ("sender_pass", True), ("Content-Type", False), ("to", False),
])
def test_short_and_long_names_are_judged_alike(name: str, expected: bool) -> None:
    padding = "x" * 300 + "-"  # over the cached length: judged without the cache
    assert is_credential_name(name) is expected
    assert is_credential_name(name) is expected  # the cached answer
    assert is_credential_name(padding + name) is expected
