from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capture import CaptureProxy, start_capture_proxy


@pytest.fixture(scope="module")
def proxy() -> Iterator[CaptureProxy]:
    """The capture proxy on 127.0.0.1 that real curl (or a sender) talks to, one per test module."""
    capture = start_capture_proxy()
    yield capture
    capture.close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests photograph the page: pytest's temporary folder (kept for the last three runs, one per
    xdist worker), never the checkout, so parallel workers and parallel runs never write over each other."""
    return tmp_path_factory.mktemp("test-artifacts", numbered=False)
