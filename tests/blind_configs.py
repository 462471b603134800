"""The blind set of configs: generic-SMS configs and other platforms' settings nobody tuned for.

``fixtures/blind-configs/<case>.<ext>`` is a config as an operator writes or exports it (``.json`` for
``curlport lint``) or another platform's SMS settings (``.yaml`` Home Assistant, ``.json`` Frappe, ``.url``
Apprise, ``.conf`` Kannel, for ``curlport import --platform``), and ``<case>.toml`` its expected answer, written
before curlport ever ran on it (the keys are described in the folder's README).

Each case is judged the way a user meets it: the command's exit code, the codes it reports (``lint --format
json``; the ``FILE:LINE:COL: CODE`` lines an import prints on stderr) and, for an import, where ``$$To`` and
``$$Body`` land in the config it prints. A case passes when every check its toml states holds.

``python tests/blind_configs.py`` prints the per-case table and the totals the folder's README records.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from click.testing import CliRunner

from curlport.cli import main as cli_main
from curlport.rules.base import MESSAGE, RECIPIENT

BLIND_CONFIGS_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "blind-configs"
_CODE = re.compile(r":\d+:\d+: (CP\d{3}) (error|warning|info)\b")
_LOUD = ("error", "warning")


@dataclass(frozen=True)
class ConfigCase:
    """One case's outcome: the exit code, the (code, severity) pairs reported, the places of the placeholders in an
    imported config, and the checks of its toml that failed (empty: the case passes)."""

    case: str
    exit_code: int
    findings: tuple[tuple[str, str], ...]
    places: dict[str, tuple[str, ...]]
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def config_cases(folder: Path = BLIND_CONFIGS_DIR) -> list[Path]:
    """The case files: every file beside a ``.toml`` of the same stem."""
    return sorted(path for path in folder.iterdir()
                  if path.suffix not in (".toml", ".md") and path.with_suffix(".toml").is_file())


def expectation(case_file: Path) -> dict[str, Any]:
    return tomllib.loads(case_file.with_suffix(".toml").read_text(encoding="utf-8"))


def _walk(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, str(index)))
    else:
        yield path, value


def placeholder_places(config: dict[str, Any], placeholder: str) -> tuple[str, ...]:
    """Where a placeholder is the whole value in a config: ``query:NAME``, ``form:NAME``, ``json:a.0.b``,
    ``header:NAME``."""
    places = [f"query:{key}" for key, value in parse_qsl(urlsplit(config["endpoint"]).query, keep_blank_values=True)
              if value == placeholder]
    places += [f"header:{row['key']}" for row in config.get("headers") or [] if row["value"] == placeholder]
    parameters = config.get("parameters") or {}
    if parameters.get("format") == "form":
        places += [f"form:{row['key']}" for row in parameters["fields"] if row["value"] == placeholder]
    elif parameters.get("format") == "json":
        places += ["json:" + ".".join(path) for path, value in _walk(json.loads(parameters["body"]))
                   if value == placeholder]
    return tuple(places)


def _run(case_file: Path, expected: dict[str, Any]) -> tuple[int, tuple[tuple[str, str], ...], dict[str, Any] | None]:
    """The command's exit code, its findings, and (import) the config it printed."""
    runner = CliRunner()
    if expected["command"] == "lint":
        result = runner.invoke(cli_main, ["lint", "--isolated", "--output-format", "json", str(case_file)])
        findings = tuple((item["code"], item["severity"]) for item in json.loads(result.stdout or "[]"))
        return result.exit_code, findings, None
    arguments = ["import", "--platform", expected["platform"], str(case_file)]
    if "apprise_to" in expected:
        arguments += ["--to", expected["apprise_to"]]
    result = runner.invoke(cli_main, arguments)
    findings = tuple((match.group(1), match.group(2)) for match in _CODE.finditer(result.stderr))
    try:
        config = json.loads(result.stdout)
    except ValueError:
        config = None
    return result.exit_code, findings, config if isinstance(config, dict) else None


def _matches(code: str, pattern: str) -> bool:
    return code.startswith(pattern)


def judge_case(case_file: Path) -> ConfigCase:
    expected = expectation(case_file)
    exit_code, findings, config = _run(case_file, expected)
    codes = {code for code, _ in findings}
    loud = {code for code, severity in findings if severity in _LOUD}
    failures = []
    if exit_code not in expected["expected_exit"]:
        failures.append(f"exit {exit_code}, expected {expected['expected_exit']}")
    failures += [f"{code} not found" for code in expected.get("must_find", []) if code not in codes]
    if expected.get("must_find_any") and not codes & set(expected["must_find_any"]):
        failures.append(f"none of {expected['must_find_any']} found")
    failures += [f"{code} found" for code in sorted(codes) for pattern in expected.get("must_not_find", [])
                 if _matches(code, pattern)]
    if expected.get("clean") and loud:
        failures.append(f"not clean: {sorted(loud)}")
    if expected.get("not_clean") and not loud:
        failures.append("clean")
    places: dict[str, tuple[str, ...]] = {}
    for role, placeholder in (("to", RECIPIENT), ("body", MESSAGE)):
        if role in expected:
            places[role] = placeholder_places(config, placeholder) if config else ()
            if set(places[role]) != set(expected[role]):
                failures.append(f"{placeholder} at {list(places[role])}, expected {expected[role]}")
    return ConfigCase(case_file.stem, exit_code, findings, places, tuple(failures))


def report(cases: list[ConfigCase]) -> str:
    """One line per case (ok, or what failed), then the totals by command."""
    lines = []
    for item in cases:
        codes = ",".join(sorted({code for code, _ in item.findings})) or "-"
        verdict = "ok" if item.passed else "FAIL: " + "; ".join(item.failures)
        lines.append(f"{item.case:<40} exit {item.exit_code} [{codes}] {verdict}")
    lines.append("")
    for command in ("lint", "import"):
        chosen = [item for item in cases if expectation(_file_of(item.case)).get("command") == command]
        lines.append(f"{command}: {sum(item.passed for item in chosen)} of {len(chosen)} as expected")
    lines.append(f"all: {sum(item.passed for item in cases)} of {len(cases)} as expected")
    return "\n".join(lines)


def _file_of(case: str) -> Path:
    return next(path for path in config_cases() if path.stem == case)


if __name__ == "__main__":
    print(report([judge_case(path) for path in config_cases()]))
    sys.exit(0)
