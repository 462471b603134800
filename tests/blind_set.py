"""The blind set: provider texts nobody tuned for, judged as a new user meets them.

``fixtures/blind/<case>.curl`` is a text as a public source wrote it (docs, users'
pastes, Postman/Apidog/Mintlify samples, bare GET URLs, scripts), and
``<case>.places.toml`` its expected answer, written before curlport ever ran on it:
``to``/``body`` (a place, or ``"ask"``), optionally ``expected_exit`` (an exit code, or
the list of acceptable ones), ``classes``, ``region`` and a ``note``.

Each case is judged twice, the way a user meets it: detection's verdicts as
``curlport.detect_report`` gives them (a text the importer refuses misses each placeholder,
"not read" with the reason), and the exit code of ``curlport import`` on the file. "Paste to ready" is an
import that exits 0 with both placeholders where the toml says.

``python tests/blind_set.py [FOLDER]`` prints the per-case table and the totals that
the folder's README records (FOLDER defaults to ``fixtures/blind``; ``fixtures/blind2`` is the
second set, written after the first had been tuned for; ``fixtures/blind3`` the third, after both;
``fixtures/blind4`` the fourth, after all three).
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from curlport.cli import main as cli_main
from curlport.detect_report import VERDICTS, evaluate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BLIND_DIR = FIXTURES / "blind"
BLIND2_DIR = FIXTURES / "blind2"
BLIND3_DIR = FIXTURES / "blind3"
BLIND4_DIR = FIXTURES / "blind4"


@dataclass(frozen=True)
class BlindCase:
    """One case's outcome: the verdict and what was got for each placeholder the toml names, and the exit code."""

    case: str
    verdicts: tuple[tuple[str, str, str], ...]  # (role, verdict, got)
    exit_code: int
    expected_exit: tuple[int, ...] | None

    @property
    def exit_as_expected(self) -> bool | None:
        return None if self.expected_exit is None else self.exit_code in self.expected_exit

    @property
    def ready(self) -> bool:
        """Paste to ready: exit 0 and every expected place found."""
        return self.exit_code == 0 and bool(self.verdicts) and all(v == "found" for _, v, _ in self.verdicts)


def blind_cases(folder: Path = BLIND_DIR) -> list[Path]:
    return sorted(folder.glob("*.curl"))


def expectation(curl_file: Path) -> dict[str, Any]:
    return tomllib.loads(curl_file.with_suffix(".places.toml").read_text(encoding="utf-8"))


def _expected_exit(expected: dict[str, Any]) -> tuple[int, ...] | None:
    value = expected.get("expected_exit")
    if value is None:
        return None
    if isinstance(value, int):
        return (value,)
    assert isinstance(value, list) and all(isinstance(code, int) for code in value), value
    return tuple(value)


def judge_case(curl_file: Path) -> BlindCase:
    expected = expectation(curl_file)
    verdicts = tuple((v.role, v.verdict, v.got) for v in evaluate(curl_file))
    result = CliRunner().invoke(cli_main, ["import", str(curl_file)])
    return BlindCase(curl_file.stem, verdicts, result.exit_code, _expected_exit(expected))


def report(cases: list[BlindCase]) -> str:
    """The table and totals: one line per case, then the verdict counts, the exit codes and paste to ready."""
    lines = []
    for item in cases:
        expected = "any" if item.expected_exit is None else "/".join(map(str, item.expected_exit))
        marks = {True: "ok", False: "MISMATCH", None: "-"}[item.exit_as_expected]
        roles = "; ".join(f"{role}: {verdict} ({got})" for role, verdict, got in item.verdicts)
        lines.append(f"{item.case:<40} exit {item.exit_code} (expected {expected}, {marks}) {roles}")
    counts = Counter(verdict for item in cases for _, verdict, _ in item.verdicts)
    total = sum(counts.values())
    lines.append("")
    lines.append(f"{len(cases)} cases, {total} placeholders: " + ", ".join(
        f"{counts[name]} {name} ({100 * counts[name] / total:.0f}%)" for name in VERDICTS))
    exits = Counter(item.exit_code for item in cases)
    checked = [item for item in cases if item.exit_as_expected is not None]
    lines.append("exit codes: " + ", ".join(f"{exits[code]} x {code}" for code in sorted(exits))
                 + f"; as expected {sum(bool(item.exit_as_expected) for item in checked)} of {len(checked)}")
    ready = sum(item.ready for item in cases)
    ready_expected = [item for item in cases if item.expected_exit == (0,)]
    lines.append(f"paste to ready: {ready} of {len(cases)} "
                 f"({sum(item.ready for item in ready_expected)} of the {len(ready_expected)} expected to be ready)")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report([judge_case(path) for path in blind_cases(Path(sys.argv[1]) if len(sys.argv) > 1 else BLIND_DIR)]))
    sys.exit(0)
