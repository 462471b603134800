"""Coverage-guided fuzzing of the two doors user text comes in by: ``import`` and ``lint``.

Run with ``fuzz/run.sh [import|lint] [seconds]``; ``python fuzz/harness.py quick [import|lint] [runs]`` (no
atheris needed) feeds the fixtures and seeded mutations of them to the same targets, as the suite does
(``tests/test_fuzz_quick.py``). Each input goes the whole way a user's
text goes (``tests/whole_way.py``, which the property tests share): import, the rules,
the fixes (twice: a second run must change nothing), every reporter (its output printable
and, for machine formats, well-formed), ``show``'s form view, render and every export
format. The only exception allowed out is the project's own ``CurlportError``: anything
else is a crash that atheris saves as ``crash-*`` (turn it into a regression fixture).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

try:
    import atheris
except ImportError:  # quick mode: no coverage guidance, no instrumentation
    atheris = None

with atheris.instrument_imports() if atheris is not None else contextlib.nullcontext():
    from whole_way import everywhere, import_every_way

    from curlport.errors import CurlportError
    from curlport.inputs import decode_input

HERE = Path(__file__).resolve().parent

#: The folder @file references may be read from: a file, a folder, a link out of it and a link loop.
FILES = Path(tempfile.mkdtemp(prefix="curlport-fuzz-"))
(FILES / "body.txt").write_text("to=$$To&text=hello\r\n")
(FILES / "folder").mkdir()
(FILES / "out").symlink_to("/etc/hostname")
(FILES / "loop").symlink_to(FILES / "loop")


def fuzz_import(data: bytes) -> None:
    """Bytes as curl text: import (reading @files from FILES), fixes, rules; then the whole way as a .curl file."""
    with contextlib.suppress(CurlportError):
        import_every_way(decode_input(data), FILES)
    everywhere(data, "fuzz.curl")


def fuzz_lint(data: bytes) -> None:
    """Bytes as a .json config the whole way."""
    everywhere(data, "fuzz.json")


TARGETS = {"import": fuzz_import, "lint": fuzz_lint}


def keep_going(target: Callable[[bytes], None], crashes: Path) -> Callable[[bytes], None]:
    """The target, recording each distinct crash (exception type + innermost curlport line) and going on."""
    seen: set[str] = set()

    def run(data: bytes) -> None:
        try:
            target(data)
        except Exception as error:  # every crash is recorded, that is what this mode is for
            frames = [f for f in traceback.extract_tb(error.__traceback__) if "/curlport/" in f.filename]
            where = f"{frames[-1].filename.rsplit('/curlport/', 1)[1]}:{frames[-1].lineno}" if frames else "harness"
            signature = f"{type(error).__name__} at {where}"
            if signature not in seen:
                seen.add(signature)
                name = crashes / f"keep-{hashlib.sha1(signature.encode()).hexdigest()[:12]}"
                name.write_bytes(data)
                name.with_suffix(".txt").write_text(signature + "\n" + traceback.format_exc())
                print(f"CRASH {signature} -> {name}", file=sys.stderr, flush=True)
    return run


def seeds(target: str) -> list[bytes]:
    """The corpus ``run.sh`` starts from: the fixture commands for import, the fixture configs for lint."""
    fixtures = HERE.parent / "fixtures"
    paths = sorted([*(fixtures / "curl").glob("*.curl"), *(fixtures / "errors").glob("*.curl")]) if target == "import" \
        else sorted(p for p in (fixtures / "configs").glob("*.json") if p.name.count(".") == 1)
    return [path.read_bytes() for path in paths]


def dictionary(target: str) -> list[bytes]:
    """The tokens of the target's libFuzzer dictionary (``"…"`` lines, with their escapes)."""
    lines = (HERE / f"{target}.dict").read_text(encoding="utf-8").splitlines()
    return [line[1:-1].encode().decode("unicode_escape").encode("latin-1") for line in lines
            if re.fullmatch(r'".*"', line)]


def mutated(data: bytes, tokens: list[bytes], chance: random.Random) -> bytes:
    """One libFuzzer-like mutation: a byte flipped, a token inserted, a range erased or repeated."""
    at = chance.randrange(len(data) + 1)
    kind = chance.randrange(4)
    if kind == 0 and data:
        at = min(at, len(data) - 1)
        return data[:at] + bytes([data[at] ^ (1 << chance.randrange(8))]) + data[at + 1:]
    if kind == 1:
        return data[:at] + chance.choice(tokens) + data[at:]
    end = min(len(data), at + chance.randrange(1, 16))
    return data[:at] + data[end:] if kind == 2 else data[:end] + data[at:end] * chance.randrange(2, 5) + data[end:]


def quick(target: str, runs: int, seed: int = 0) -> int:
    """The target on every seed, then on ``runs`` seeded mutations (one to four each): how many inputs it ran.

    Deterministic for a seed, so that a failure in the suite reproduces; any exception is a crash and propagates.
    """
    chance = random.Random(seed)
    corpus, tokens = seeds(target), dictionary(target)
    for data in corpus:
        TARGETS[target](data)
    for _ in range(runs):
        data = chance.choice(corpus)
        for _ in range(chance.randrange(1, 5)):
            data = mutated(data, tokens, chance)
        TARGETS[target](data[:4096])
    return len(corpus) + runs


if __name__ == "__main__":
    if sys.argv[1] == "quick":
        print(f"{quick(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1000)} inputs, no crash")
        sys.exit(0)
    if atheris is None:
        sys.exit("fuzz/harness.py: coverage-guided runs need atheris (pip install atheris); quick mode does not")
    target = TARGETS[sys.argv.pop(1)]
    if os.environ.get("FUZZ_KEEP_GOING"):
        prefix = next(arg for arg in sys.argv if arg.startswith("-artifact_prefix="))
        target = keep_going(target, Path(prefix.split("=", 1)[1]))
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
