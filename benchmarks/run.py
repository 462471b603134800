#!/usr/bin/env python3
"""One command, one table: curlport's speed beside the tools a user would pick instead.

    python benchmarks/run.py            # the full table (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # fewer rounds, for a first look

Every figure is the median of runs that alternate with its peer's in the same loop,
so a neighbour's load hits both sides alike; the table shows each ratio beside its
target. Peers: check-jsonschema (a cold single-file run, and 1,000 configs), uncurl's
``parse_context`` and curlconverter (in-process, on the commands each can read),
and the floors of ``python -c pass`` and ``json.load``. Figures are CPU time (user + system of the
measured process: on a shared machine a neighbour's load stretches wall time, not the CPU a run needs);
``--clock wall`` measures wall time instead. ``pip install '.[bench]'``
installs the Python peers; curlconverter is installed from the npm registry into a
temporary folder at benchmark time when npm is available (never committed). A peer
that is missing is shown as n/a.

The scaling rows run ``curlport import`` (or ``lint``) on each input with a time
limit, the median of three runs (one with --quick): they are the worst shapes found (placeholders repeated tens of
thousands of times, one long plain word, thousands of words, escapes, near-miss
placeholders, a bulk sample of 15,000 JSON records, a config whose body holds 90,000 placeholders) at 64 KiB,
256 KiB and 1 MiB; the budget is 2 s.

The install row times ``pip install`` of this checkout into a new venv with pip's cache off, beside
``pip install check-jsonschema`` the same way (wall time: an install waits on the network and the disk, and the
user waits on the clock). The serve rows drive ``curlport serve``'s ``/api/import`` with 10 concurrent keep-alive
clients beside a minimal Starlette endpoint under the same uvicorn (throughput and p99 in wall time, and the
server's CPU time per request, which a neighbour's load hardly moves), and time ``import_answer`` (the handler's
work) beside ``import_curl`` (the import it wraps) in-process.

By default the table measures this checkout's source (pure Python, as a developer runs it). ``--installed``
measures the curlport installed in the running interpreter's environment instead (what ``pip install .`` put there).
The first line of the output says which build was measured.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import io
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCHEMA = ROOT / "schemas" / "provider-config.schema.json"
CURL_FIXTURES = ROOT / "fixtures" / "curl"
CONFIG_FIXTURES = ROOT / "fixtures" / "configs"
COLD_FIXTURE = CURL_FIXTURES / "textlocal.curl"
LINT_FILES = 1000
SCALING_SIZES = {"64 KiB": 64 << 10, "256 KiB": 256 << 10, "1 MiB": (1 << 20) - 256}


@dataclass(frozen=True)
class Row:
    """One line of the table: curlport's figure, its peer's from the same loop, and the target for the ratio."""

    what: str
    ours: float | None
    peer_name: str
    peer: float | None
    target: float | None  # the highest acceptable curlport/peer time ratio
    #: What ``ours`` and ``peer`` count: seconds, or instructions (callgrind's count, which no load moves).
    unit: str = "s"

    def cells(self) -> list[str]:
        ratio = self.ours / self.peer if self.ours is not None and self.peer else None
        met = "" if ratio is None or self.target is None else ("yes" if ratio <= self.target else "**no**")
        shown = _duration if self.unit == "s" else _instructions
        return [self.what, shown(self.ours), self.peer_name, shown(self.peer),
                f"{ratio:.2f}x" if ratio is not None else "n/a",
                f"≤ {self.target:.2f}x" if self.target is not None else "", met]


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def _instructions(count: float | None) -> str:
    return "n/a" if count is None else f"{count / 1e6:,.1f} M instr."


def alternating_medians(tasks: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    """Run every task once per round, in an order that rotates each round; the median of each task's times."""
    names = list(tasks)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_index in range(rounds):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(tasks[name]())
    return {name: statistics.median(values) for name, values in times.items()}


#: "cpu" (user + system time of the measured process) or "wall"; set from --clock. CPU time is the default: on a
#: shared machine a neighbour's load stretches wall time, not the CPU a process needs.
CLOCK = "cpu"

#: How a measured ``curlport`` process finds the package: this checkout (PYTHONPATH, the default) or, with
#: --installed, the installed one (no PYTHONPATH, and a working folder outside the checkout). Set by ``choose_build``.
SUBJECT_ENVIRONMENT: dict[str, str] = {**os.environ, "PYTHONPATH": str(ROOT)}
SUBJECT_FOLDER = ROOT


def choose_build(installed: bool, folder: Path) -> str:
    """Point this process and the measured ones at the build to measure; a line that says which build it is."""
    global SUBJECT_ENVIRONMENT, SUBJECT_FOLDER
    if installed:
        SUBJECT_ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
        SUBJECT_FOLDER = folder
    else:
        sys.path.insert(0, str(ROOT))
    import curlport
    where = Path(curlport.__file__).parent
    if installed and where.is_relative_to(ROOT):
        raise SystemExit(f"--installed: curlport is imported from the checkout ({where}); pip install . first")
    return f"curlport {curlport.__version__}, pure Python, from {where}"


def now() -> float:
    """This process's clock for in-process timing: its CPU time, or wall time with --clock wall."""
    return time.process_time() if CLOCK == "cpu" else time.perf_counter()


def children_time() -> float:
    """The CPU time of this process's finished children so far (or wall time with --clock wall)."""
    if CLOCK == "cpu":
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime
    return time.perf_counter()


def process(argv: list[str]) -> Callable[[], float]:
    """A task that runs a command and returns its CPU time (or wall time with --clock wall); output discarded."""
    def run() -> float:
        start = children_time()
        subprocess.run(argv, cwd=SUBJECT_FOLDER, env=SUBJECT_ENVIRONMENT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        return children_time() - start
    return run


def _has_module(name: str) -> bool:
    import importlib.util
    return importlib.util.find_spec(name) is not None


CURLPORT = [sys.executable, "-m", "curlport"]
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA)]


# ---- a fresh install -----------------------------------------------------------------------

def _fresh_install(folder: Path, what: str) -> Callable[[], float]:
    """A task: a new venv, then ``pip install what`` with pip's cache off; its wall time (venv creation included)."""
    def run() -> float:
        venv = folder / "venv"
        shutil.rmtree(venv, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--no-cache-dir", "--quiet", what], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        shutil.rmtree(venv, ignore_errors=True)
        return seconds
    return run


def install_rows(rounds: int, folder: Path) -> list[Row]:
    medians = alternating_medians({"ours": _fresh_install(folder, str(ROOT)),
                                   "peer": _fresh_install(folder, "check-jsonschema")}, rounds)
    return [Row("fresh `pip install .` in a new venv, no cache (wall)", medians["ours"],
                "`pip install check-jsonschema`, same way", medians["peer"], None),
            Row("fresh `pip install .`, against its budget of 15 s (wall)", medians["ours"], "budget", 15.0, 1.0)]


# ---- curlport serve under load ------------------------------------------------------------------

_MINIMAL_APP = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

async def endpoint(request: Request) -> JSONResponse:
    payload = await request.json()
    return JSONResponse({"length": len(payload["text"])})

app = Starlette(routes=[Route("/api/import", endpoint, methods=["POST"])])
config = uvicorn.Config(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
uvicorn.Server(config).run()
"""


def _free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(argv: list[str], port: int) -> subprocess.Popen[bytes]:
    """Start a server on 127.0.0.1:port and wait (at most 20 s) until it accepts connections."""
    import socket
    server = subprocess.Popen(argv, cwd=SUBJECT_FOLDER, env=SUBJECT_ENVIRONMENT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return server
        time.sleep(0.1)
    server.kill()
    raise SystemExit(f"the server {argv} did not start")


def _load(port: int, body: bytes, clients: int, requests: int) -> tuple[float, float]:
    """``clients`` threads each send ``requests`` POSTs on one keep-alive connection: (requests/s, p99 seconds)."""
    import http.client
    import threading
    latencies: list[float] = []
    lock = threading.Lock()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(requests):
            start = time.perf_counter()
            connection.request("POST", "/api/import", body, {"Content-Type": "application/json",
                                                             "Host": f"127.0.0.1:{port}"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"/api/import answered {response.status}")
            mine.append(time.perf_counter() - start)
        connection.close()
        with lock:
            latencies.extend(mine)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return len(latencies) / elapsed, latencies[int(len(latencies) * 0.99) - 1]


def _server_cpu(server: subprocess.Popen[bytes]) -> float | None:
    """The CPU time (user + system) a running server has used so far, from Linux's /proc; None elsewhere."""
    try:
        fields = Path(f"/proc/{server.pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime and stime, fields 14 and 15


def _served(port: int, server: subprocess.Popen[bytes], body: bytes,
            requests: int) -> tuple[float, float, float | None]:
    """``_load`` at 10 clients, and the server's CPU time per request meanwhile (None where it cannot be read)."""
    before = _server_cpu(server)
    rate, p99 = _load(port, body, 10, requests)
    after = _server_cpu(server)
    return rate, p99, None if before is None or after is None else (after - before) / (10 * requests)


def serve_rows(requests: int, repeat: int) -> list[Row]:
    """``/api/import`` under 10 concurrent clients beside a minimal Starlette endpoint (wall clock: throughput and
    latency are what a client sees), and the handler's own cost beside the import it wraps (in-process)."""
    if not (_has_module("starlette") and _has_module("uvicorn")):
        return [Row("`curlport serve` /api/import", None, "starlette (web extra not installed)", None, None)]
    body = json.dumps({"text": COLD_FIXTURE.read_text(encoding="utf-8")}).encode()
    ours_port, peer_port = _free_port(), _free_port()
    ours = _start_server([*CURLPORT, "serve", "--port", str(ours_port), "--no-browser"], ours_port)
    peer = _start_server([sys.executable, "-c", _MINIMAL_APP, str(peer_port)], peer_port)
    try:
        _load(ours_port, body, 2, 10)  # warm both (first imports, phonenumbers' metadata)
        _load(peer_port, body, 2, 10)
        ours_rate, ours_p99, ours_cpu = _served(ours_port, ours, body, requests)
        peer_rate, peer_p99, peer_cpu = _served(peer_port, peer, body, requests)
    finally:
        ours.terminate()
        peer.terminate()
        ours.wait()
        peer.wait()
    from curlport.importer import import_curl
    from curlport.web.api import import_answer
    text = COLD_FIXTURE.read_text(encoding="utf-8")
    payload = {"text": text}
    medians = alternating_medians({"handler": _passes(lambda: import_answer(payload), repeat),
                                   "import": _passes(lambda: import_curl(text, source_name="provider"), repeat)}, 5)
    peer_name = "minimal Starlette endpoint, same uvicorn"
    return [
        Row(f"`curlport serve` /api/import, 10 clients: time per request ({ours_rate:.0f} req/s; peer "
            f"{peer_rate:.0f} req/s)", 1 / ours_rate, peer_name, 1 / peer_rate, None),
        Row("`curlport serve` /api/import, 10 clients: p99 latency", ours_p99, peer_name, peer_p99, None),
        Row("`curlport serve` /api/import, 10 clients: the server's CPU time per request", ours_cpu, peer_name,
            peer_cpu, None),
        Row("`import_answer` (the handler's work) beside the `import_curl` it wraps", medians["handler"],
            "`import_curl`", medians["import"], None),
    ]


# ---- cold processes ---------------------------------------------------------------

IMPORT_COLD = [*CURLPORT, "import", str(COLD_FIXTURE)]
VERSION_COLD = [*CURLPORT, "--version"]
PEER_COLD = [*CHECK_JSONSCHEMA, str(CONFIG_FIXTURES / "textlocal.json")]


def compile_bytecode() -> None:
    """Write the checkout's .pyc files, as pip does when it installs a wheel: a cold run should not compile source.

    (The peers were compiled when pip installed them; PYTHONDONTWRITEBYTECODE would otherwise leave curlport
    compiling every module on every run.)
    """
    compileall.compile_dir(ROOT / "curlport", quiet=1, legacy=False)


def instruction_count(argv: list[str]) -> float | None:
    """The instructions one run of ``argv`` executes, as callgrind counts them (``PYTHONHASHSEED=0``, so that string
    hashing is the same in every run); None without valgrind. A count is what a cold start costs whatever the
    neighbours' load: on a shared machine CPU-time ratios swing by several hundredths between runs."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory(prefix="curlport-callgrind-") as folder:
        counts = Path(folder) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={counts}", *argv], cwd=SUBJECT_FOLDER,
                       env={**SUBJECT_ENVIRONMENT, "PYTHONHASHSEED": "0"}, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        totals = [line for line in counts.read_text().splitlines() if line.startswith(("summary:", "totals:"))]
        return float(totals[0].split()[1]) if totals else None


def cold_rows(rounds: int, count_instructions: bool = False) -> list[Row]:
    compile_bytecode()
    tasks = {
        "import": process(IMPORT_COLD),
        "version": process(VERSION_COLD),
        "pass": process([sys.executable, "-c", "pass"]),
    }
    have_peer = _has_module("check_jsonschema")
    if have_peer:
        tasks["peer"] = process(PEER_COLD)
    medians = alternating_medians(tasks, rounds)
    peer = medians.get("peer")
    rows = [
        Row(f"cold `curlport import {COLD_FIXTURE.relative_to(ROOT)}`", medians["import"],
            "check-jsonschema, cold, 1 file", peer, 0.40),
        Row("cold `curlport --version`", medians["version"], "check-jsonschema, cold, 1 file", peer, 0.25),
        Row("floor: `python -c pass`", medians["pass"], "check-jsonschema, cold, 1 file", peer, None),
    ]
    if count_instructions:
        peer_count = instruction_count(PEER_COLD) if have_peer else None
        rows += [Row(f"cold `curlport import {COLD_FIXTURE.relative_to(ROOT)}`, instructions",
                     instruction_count(IMPORT_COLD), "check-jsonschema, cold, 1 file", peer_count, 0.40, "instr"),
                 Row("cold `curlport --version`, instructions", instruction_count(VERSION_COLD),
                     "check-jsonschema, cold, 1 file", peer_count, 0.25, "instr")]
    return rows


# ---- lint over 1,000 configs ------------------------------------------------------------

def _config_fixtures() -> list[Path]:
    return sorted(path for path in CONFIG_FIXTURES.glob("*.json")
                  if not path.name.endswith((".findings.json", ".lint.json", ".expected.json")))


def lint_rows(rounds: int, folder: Path) -> list[Row]:
    sources = _config_fixtures()
    files = []
    for index in range(LINT_FILES):
        target = folder / f"config-{index:04d}.json"
        shutil.copyfile(sources[index % len(sources)], target)
        files.append(str(target))
    json_floor = "import json, sys\nfor name in sys.argv[1:]:\n    with open(name) as f: json.load(f)"
    compile_bytecode()
    tasks = {
        "lint": process([*CURLPORT, "lint", "--isolated", "--exit-zero", "--output-format", "concise", str(folder)]),
        "json": process([sys.executable, "-c", json_floor, *files]),
    }
    if _has_module("check_jsonschema"):
        tasks["peer"] = process([*CHECK_JSONSCHEMA, *files])
    medians = alternating_medians(tasks, rounds)
    peer = medians.get("peer")
    return [
        Row(f"`curlport lint` {LINT_FILES:,} configs, every rule", medians["lint"],
            f"check-jsonschema, {LINT_FILES:,} configs", peer, 0.45),
        Row(f"floor: `json.load` of {LINT_FILES:,} configs in one process", medians["json"],
            f"check-jsonschema, {LINT_FILES:,} configs", peer, None),
    ]


# ---- in-process import ---------------------------------------------------------------------

def _readable_by_curlport(text: str, name: str) -> bool:
    from curlport import CurlportError, import_curl
    try:
        import_curl(text, source_name=name)
    except CurlportError:
        return False
    return True


def _readable_by_uncurl(text: str) -> bool:
    """uncurl reads a command when parse_context returns: it calls sys.exit (through argparse) on many."""
    from uncurl.api import parse_context
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            parse_context(text)
    except (SystemExit, Exception):
        return False
    return True


def _commands() -> list[tuple[str, str]]:
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(CURL_FIXTURES.glob("*.curl"))
            if _readable_by_curlport(path.read_text(encoding="utf-8"), path.name)]


def _passes(function: Callable[[], object], repeat: int) -> Callable[[], float]:
    """A task that runs ``function`` ``repeat`` times and returns the time of one run."""
    def run() -> float:
        start = now()
        for _ in range(repeat):
            function()
        return (now() - start) / repeat
    return run


def _curlport_pass(commands: list[tuple[str, str]], with_rules: bool) -> Callable[[], None]:
    from curlport import import_curl
    from curlport.lint.placed import check_import

    def run() -> None:
        for name, text in commands:
            result = import_curl(text, source_name=name)
            if with_rules:
                check_import(result)
    return run


_NODE_BENCH = """
import { toJsonString } from 'curlconverter';
import { readFileSync } from 'node:fs';
const commands = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const repeat = Number(process.argv[3]);
const cpu = process.argv[4] === 'cpu';
const now = () => cpu ? (u => (u.user + u.system) * 1e3)(process.cpuUsage()) : Number(process.hrtime.bigint());
const read = [];
commands.forEach((text, index) => { try { toJsonString(text); read.push(index); } catch (e) {} });
const readable = read.map(i => commands[i]);
const times = [];
for (let round = 0; round < 5; round++) {
  const start = now();
  for (let i = 0; i < repeat; i++) for (const text of readable) toJsonString(text);
  times.push((now() - start) / 1e9 / repeat);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ read, seconds: times[2] }));
"""


def _install_curlconverter(folder: Path) -> Path | None:
    """curlconverter from the npm registry into ``folder``: the script that times it, or None without npm."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        return None
    installed = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(folder),
                                "curlconverter@4"], capture_output=True, text=True, check=False)
    if installed.returncode != 0:
        print(f"curlconverter not installed: {installed.stderr.strip()[:200]}", file=sys.stderr)
        return None
    script = folder / "bench.mjs"
    script.write_text(_NODE_BENCH, encoding="utf-8")
    return script


def inprocess_rows(rounds: int, repeat: int, folder: Path) -> list[Row]:
    commands = _commands()
    rows: list[Row] = []
    if _has_module("uncurl"):
        from uncurl.api import parse_context
        both = [(name, text) for name, text in commands if _readable_by_uncurl(text)]

        def uncurl_pass() -> None:
            for _, text in both:
                parse_context(text)
        medians = alternating_medians({
            "import": _passes(_curlport_pass(both, False), repeat),
            "rules": _passes(_curlport_pass(both, True), repeat),
            "peer": _passes(uncurl_pass, repeat),
        }, rounds)
        what = f"`import_curl`, {len(both)} commands uncurl reads (one pass)"
        rows += [Row(what, medians["import"], "uncurl `parse_context`", medians["peer"], None),
                 Row(what.replace("`import_curl`", "`import_curl` + rules"), medians["rules"],
                     "uncurl `parse_context`", medians["peer"], None)]
    else:
        rows.append(Row("`import_curl` vs uncurl", None, "uncurl (not installed)", None, None))
    script = _install_curlconverter(folder)
    if script is None:
        return [*rows, Row("`import_curl` vs curlconverter", None, "curlconverter (no npm)", None, None)]
    command_file = folder / "commands.json"
    command_file.write_text(json.dumps([text for _, text in commands]), encoding="utf-8")
    node_results: list[dict[str, object]] = []

    def node_round() -> float:
        output = subprocess.run(["node", str(script), str(command_file), str(repeat), CLOCK], cwd=folder,
                                capture_output=True, text=True, check=True).stdout
        node_results.append(json.loads(output))
        return float(node_results[-1]["seconds"])  # type: ignore[arg-type]
    node_round()  # learn which commands curlconverter reads
    read = node_results[0]["read"]
    assert isinstance(read, list)
    common = [commands[index] for index in read]
    medians = alternating_medians({"import": _passes(_curlport_pass(common, False), repeat), "peer": node_round},
                                  rounds)
    return [*rows, Row(f"`import_curl`, {len(common)} commands curlconverter reads (one pass)", medians["import"],
                       "curlconverter `toJsonString` (Node)", medians["peer"], None)]


# ---- scaling -----------------------------------------------------------------------------

def _repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size - size % len(unit)]


def scaling_input(shape: str, size: int) -> tuple[str, str]:
    """(file name, text) of a worst-case input of about ``size`` characters; the name's suffix says how to read it."""
    head = "curl https://sms.example.com/send?to=%24%24To -H 'Content-Type: application/json' --data-raw "
    budget = size - len(head) - 4
    if shape == "placeholders":
        return "big.curl", f"{head}'{_repeat_to('$$To $$Body ', budget)}'"
    if shape == "plain-word":
        return "big.curl", f"{head}{_repeat_to('a', budget)}"
    if shape == "escapes":
        return "big.curl", f'{head}"{_repeat_to(chr(92) + chr(34) + "x", budget)}"'
    if shape == "words":
        unit = " -H 'X-A: $$To'"
        return "big.curl", head.removesuffix(" --data-raw ") + _repeat_to(unit, budget)
    if shape == "near-misses":
        return "big.curl", f"{head}'{_repeat_to('{{to}} ', budget)}'"
    if shape == "json-records":  # a bulk sample: one record per recipient, each with its own number and text
        records, index = [], 0
        while sum(map(len, records)) + 2 * len(records) < budget - 20:
            records.append(f'{{"to": "+4477009{index % 100000:05d}", "from": "CP", "text": "Hello number {index}"}}')
            index += 1
        return "big.curl", f"""{head}'{{"messages": [{", ".join(records)}]}}'"""
    if shape == "config-placeholders":
        body = _repeat_to("$$To \\\"$$Body\\\" ", size - 200)
        return "big.json", ('{"name": "big", "method": "POST", "endpoint": "https://sms.example.com/send", '
                            f'"auth": null, "headers": [], "parameters": {{"format": "raw", "body": "{body}"}}}}')
    raise ValueError(shape)


SCALING_SHAPES = ("placeholders", "plain-word", "escapes", "words", "near-misses", "json-records",
                  "config-placeholders")


def json_objects_body() -> str:
    """A JSON body of 14,000 message objects, about 1 MiB: a bulk API's sample grown to the size a user may paste."""
    records = ",".join(f'{{"to": "+4477009{index % 100000:05d}", "from": "Acme", "text": "Hello, message {index}"}}'
                       for index in range(14_000))  # under the 1 MiB a curl command may have
    return f'{{"messages": [{records}]}}'


def json_body_row(limit: float, runs: int, folder: Path) -> Row:
    """``curlport import`` of a command whose JSON body holds 14,000 objects, against its budget of 0.7 s."""
    body = json_objects_body()
    path = folder / "objects.curl"
    path.write_text("curl https://sms.example.com/send -H 'Content-Type: application/json' --data-raw '"
                    f"{body}'", encoding="utf-8")
    times = [_limited([*CURLPORT, "import", str(path)], limit) for _ in range(runs)]
    seconds = None if None in times else statistics.median(each for each in times if each is not None)
    return Row(f"`curlport import`, a JSON body of 14,000 objects ({len(body) / (1 << 20):.2f} MiB)", seconds,
               "budget", 0.7, 1.0)


def scaling_rows(limit: float, runs: int, folder: Path) -> list[Row]:
    """Each worst shape at each size through the CLI, as a user runs it (findings printed, to /dev/null): the median
    of ``runs`` runs, or "stopped" when one run passes ``limit`` seconds."""
    compile_bytecode()
    rows = []
    for shape in SCALING_SHAPES:
        for label, size in SCALING_SIZES.items():
            name, text = scaling_input(shape, size)
            path = folder / name
            path.write_text(text, encoding="utf-8")
            command = "lint" if name.endswith(".json") else "import"
            times = [_limited([*CURLPORT, command, str(path)], limit) for _ in range(runs)]
            seconds = None if None in times else statistics.median(each for each in times if each is not None)
            stopped = "" if seconds is not None else f" (stopped after {limit:.0f} s)"
            rows.append(Row(f"`curlport {command}`, {shape}, {label}{stopped}", seconds, "budget", 2.0, 1.0))
    return rows


def _limited(argv: list[str], limit: float) -> float | None:
    """The time of one run of ``argv`` (CPU, or wall with --clock wall), or None when it passed ``limit`` seconds."""
    start = children_time()
    try:
        subprocess.run(argv, cwd=SUBJECT_FOLDER, env=SUBJECT_ENVIRONMENT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return None
    return children_time() - start


# ---- the table -----------------------------------------------------------------------------

def table(rows: list[Row]) -> str:
    header = ["measurement", "curlport", "peer", "peer's", "ratio", "target", "met"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (f"{date.today().isoformat()}, {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer rounds and a shorter limit on scaling inputs")
    parser.add_argument("--skip", action="append", default=[],
                        choices=["install", "cold", "lint", "inprocess", "serve", "scaling"],
                        help="leave a section out")
    parser.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                        help="what each figure measures: CPU time (user + system; the default, steadier on a shared "
                             "machine) or wall time")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the cold rows' instructions with valgrind's callgrind (slow: a minute or two)")
    parser.add_argument("--installed", action="store_true",
                        help="measure the installed curlport, not the checkout")
    arguments = parser.parse_args()
    global CLOCK
    CLOCK = arguments.clock
    rounds = 5 if arguments.quick else 11
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="curlport-bench-") as temporary:
        folder = Path(temporary)
        build = choose_build(arguments.installed, folder)
        if "install" not in arguments.skip:
            rows += install_rows(1 if arguments.quick else 3, folder)
        if "cold" not in arguments.skip:
            rows += cold_rows(rounds, arguments.instructions)
        if "lint" not in arguments.skip:
            (folder / "configs").mkdir()
            rows += lint_rows(max(3, rounds // 2), folder / "configs")
        if "inprocess" not in arguments.skip:
            rows += inprocess_rows(rounds, 20 if arguments.quick else 50, folder)
        if "serve" not in arguments.skip:
            rows += serve_rows(100 if arguments.quick else 300, 20 if arguments.quick else 100)
        if "scaling" not in arguments.skip:
            rows.append(json_body_row(30 if arguments.quick else 120, 1 if arguments.quick else 3, folder))
            rows += scaling_rows(30 if arguments.quick else 120, 1 if arguments.quick else 3, folder)
    print(f"Machine: {machine()}; clock: {'CPU time (user + system)' if CLOCK == 'cpu' else 'wall time'}")
    print(f"Measured: {build}\n")
    print(table(rows))


if __name__ == "__main__":
    main()
