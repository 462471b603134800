"""The fuzz harness in quick mode: the fixtures and seeded mutations of them through both targets, every run.

``fuzz/run.sh`` fuzzes for hours with coverage guidance (atheris); this keeps the harness itself working and its
targets crash-free on a few hundred inputs (about 20 seconds), without atheris.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

HARNESS = Path(__file__).resolve().parent.parent / "fuzz" / "harness.py"


@pytest.fixture(scope="module")
def harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_harness", HARNESS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("target", "runs"), [("import", 120), ("lint", 80)])
def test_the_fuzz_targets_survive_their_seeds_and_mutations(harness: ModuleType, target: str, runs: int) -> None:
    assert harness.quick(target, runs) > runs  # the seeds were there, and ran too


def test_mutations_are_reproducible(harness: ModuleType) -> None:
    import random

    tokens = harness.dictionary("import")
    assert tokens and all(isinstance(token, bytes) for token in tokens)
    first = [harness.mutated(b"curl https://x.example -d a=b", tokens, random.Random(7)) for _ in range(3)]
    again = [harness.mutated(b"curl https://x.example -d a=b", tokens, random.Random(7)) for _ in range(3)]
    assert first == again and any(m != b"curl https://x.example -d a=b" for m in first)
