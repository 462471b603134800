#!/usr/bin/env python3
"""The parse stages of ``import_curl``, timed one by one, this checkout beside another.

    python benchmarks/parse_stages.py                       # this checkout alone
    python benchmarks/parse_stages.py --baseline /path/to/checkout

``run.py`` times ``import_curl`` as a whole against its peers; this one says where
the parse half of it goes: text -> words (``split_commands``), words -> options
(``read_invocation``), options -> request (``build_request``), on every
``fixtures/curl/*.curl`` that imports. Each checkout runs in a worker process of
its own (both are the package ``curlport``); the driver asks them for one round in
turn, alternating which goes first, and each round is CPU time
(``time.process_time``) of ``--repeat`` passes over the commands, so a neighbour's
load on these shared cores weighs on both sides alike. Figures are medians of the
rounds, per command.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("split_commands", "read_invocation", "build_request", "parse (all three)", "import_curl")


def _worker(root: Path, repeat: int) -> None:
    """Answer each line of stdin with one round's CPU time per stage, per command, as JSON."""
    sys.path.insert(0, str(root))
    from curlport import CurlportError, import_curl
    from curlport.parse.argv import read_invocation
    from curlport.parse.request import build_request
    from curlport.parse.shell import split_commands

    fixtures = root / "fixtures" / "curl"
    commands = []
    for path in sorted(fixtures.glob("*.curl")):
        text = path.read_text(encoding="utf-8")
        try:
            import_curl(text, source_name=path.name)
        except CurlportError:
            continue
        commands.append((path.name, text))
    shells = [command for name, text in commands for command in split_commands(text, name)[:1]]
    invocations = [read_invocation(shell) for shell in shells]

    def split() -> None:
        for name, text in commands:
            split_commands(text, name)

    def argv() -> None:
        for shell in shells:
            read_invocation(shell)

    def request() -> None:
        for invocation in invocations:
            build_request(invocation)

    def parse() -> None:
        for name, text in commands:
            build_request(read_invocation(split_commands(text, name)[0]))

    def whole() -> None:
        for name, text in commands:
            import_curl(text, source_name=name)

    passes: dict[str, Callable[[], None]] = dict(zip(STAGES, (split, argv, request, parse, whole), strict=True))
    print(json.dumps({"commands": len(commands)}), flush=True)
    for _ in sys.stdin:
        times = {}
        for stage, function in passes.items():
            start = time.process_time()
            for _ in range(repeat):
                function()
            times[stage] = (time.process_time() - start) / repeat / len(commands)
        print(json.dumps(times), flush=True)


def _start(root: Path, repeat: int) -> tuple[subprocess.Popen[str], int]:
    worker = subprocess.Popen([sys.executable, __file__, "--worker", str(root), "--repeat", str(repeat)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=root)
    assert worker.stdout is not None
    return worker, json.loads(worker.stdout.readline())["commands"]


def _round(worker: subprocess.Popen[str]) -> dict[str, float]:
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write("round\n")
    worker.stdin.flush()
    result: dict[str, float] = json.loads(worker.stdout.readline())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, help="another checkout to time beside this one")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=10, help="passes over the commands per round")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        _worker(arguments.worker, arguments.repeat)
        return
    roots = {"this": ROOT, **({"baseline": arguments.baseline.resolve()} if arguments.baseline else {})}
    workers = {}
    for label, root in roots.items():
        workers[label], count = _start(root, arguments.repeat)
        print(f"{label}: {root} ({count} commands)")
    times: dict[str, list[dict[str, float]]] = {label: [] for label in workers}
    labels = list(workers)
    for index in range(arguments.rounds):
        for label in labels[index % len(labels):] + labels[: index % len(labels)]:
            times[label].append(_round(workers[label]))
    for worker in workers.values():
        worker.communicate("")
    header = f"{'stage (CPU, median µs per command)':40}" + "".join(f"{label:>12}" for label in labels)
    print(header + (" baseline/this" if len(labels) == 2 else ""))
    for stage in STAGES:
        medians = [statistics.median(run[stage] for run in times[label]) * 1e6 for label in labels]
        ratio = f"{medians[1] / medians[0]:13.2f}x" if len(medians) == 2 else ""
        print(f"{stage:40}" + "".join(f"{value:12.1f}" for value in medians) + ratio)


if __name__ == "__main__":
    main()
