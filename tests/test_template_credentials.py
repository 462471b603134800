"""Template credentials are never "ready": each shape the docs leave is an error at its own characters, in import
and in lint of the config import wrote."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from fixture_cases import printed_findings

from curlport.cli import main

SHAPES = ["USERNAME", "PASSWORD", "AUTH_ID", "YourAuthorizationTokenHere", "your_api_key", "<authkey>", "xxxxxxxx",
          "*****"]
#: Where a credential travels in a curl command: {} is the shape.
PLACES = ["-u 'acct:{}'", "-H 'Authorization: Bearer {}'", "-H 'X-Api-Key: {}'", "-d 'apikey={}'",
          "--url-query 'token={}'"]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("shape", SHAPES)
def test_every_template_credential_is_an_error_at_its_value(tmp_path: Path, shape: str, place: str) -> None:
    argument = place.format(shape)
    text = f"curl https://sms.example.com/send {argument} -d 'to=$$To' -d 'text=$$Body'\n"
    path = tmp_path / "provider.curl"
    path.write_text(text, encoding="utf-8")
    column = text.index(argument) + argument.index(shape) + 1
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "provider.json")])
    assert result.exit_code == 1
    assert ("CP401", 1, column) in printed_findings(result.stderr, str(path))
    config_text = (tmp_path / "provider.json").read_text(encoding="utf-8")
    linted = CliRunner().invoke(main, ["lint", "--isolated", "--output-format", "json",
                                       str(tmp_path / "provider.json")])
    records = [r for r in json.loads(linted.stdout) if r["code"] == "CP401"]
    assert len(records) == 1
    line = config_text.splitlines()[records[0]["line"] - 1]
    assert unquote(line[records[0]["column"] - 1 :]).startswith(shape)  # as written: --url-query's is encoded


@pytest.mark.parametrize("value", ["NjQ3YzE5ZmE0", "s3cr3t-Pa55", "Enterprise", "CLVRTP"])
def test_a_real_looking_credential_is_not_a_template(tmp_path: Path, value: str) -> None:
    path = tmp_path / "provider.curl"
    path.write_text(f"curl https://sms.example.com/send -u 'acct:{value}' -d 'apikey={value}' -d 'to=$$To' "
                    "-d 'text=$$Body'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 0 and "CP401" not in result.stderr
