"""privacyIDEA's own HttpSMSProvider sends what the privacyIDEA simulator says, for every fixture it carries.

privacyIDEA is an application with many dependencies of its own, so it lives in a virtualenv of its own: set
CURLPORT_PRIVACYIDEA_PYTHON to that Python (.ci/run makes one with ``pip install privacyidea``). The cases are
exported here and sent there by ``privacyidea_runner.py`` to a capture server on 127.0.0.1; without the variable
the test skips.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from test_platforms import PROOFS, PROVIDERS

from curlport.preflight.platforms import privacyidea
from curlport.preflight.platforms.common import PlatformRefusedError, differences
from curlport.preflight.render import HttpRequest, Values

PYTHON = os.environ.get("CURLPORT_PRIVACYIDEA_PYTHON")
#: Beside the proof messages: an OTP as privacyIDEA sends it, and messages that are JSON text (null, an object).
MESSAGES = (*PROOFS, Values("+447700900123", "Your code is 123456"), Values("447700900123", "null"),
            Values("+44", '{"a": 1}'))


@pytest.mark.skipif(not PYTHON, reason="set CURLPORT_PRIVACYIDEA_PYTHON to a Python with privacyidea installed")
def test_privacyidea_sends_what_the_simulator_says_for_every_fixture() -> None:
    cases, simulated = [], []
    for provider in PROVIDERS.values():
        provider = provider._replace(endpoint=provider.endpoint.replace("https://", "http://", 1))
        try:
            gateway = privacyidea.convert(provider).settings
        except PlatformRefusedError:
            continue
        for values in MESSAGES:
            cases.append({"options": gateway.options, "headers": gateway.headers, "to": values.to,
                          "body": values.body})
            simulated.append(privacyidea.simulate(gateway, values))
    assert len(cases) >= 200 * len(MESSAGES)
    run = subprocess.run([str(PYTHON), str(Path(__file__).with_name("privacyidea_runner.py"))],
                         input=json.dumps(cases), capture_output=True, text=True, timeout=600, check=True)
    for expected, answer in zip(simulated, json.loads(run.stdout), strict=True):
        assert "sent" in answer and answer["sent"] is not None, answer
        method, url, headers, body = answer["sent"]
        assert differences(expected, HttpRequest(method, url, tuple(map(tuple, headers)), body)) == set()
