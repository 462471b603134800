"""Rewrite the expected files of every fixture from what curlport does now.

Use it deliberately, when behaviour changes on purpose, and review the diff:
    python tests/regenerate.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import readme_examples
from fixture_cases import (
    CONFIG_DIR,
    CURL_DIR,
    ERROR_DIR,
    LINT_OUTPUT_DIR,
    MALFORMED_DIR,
    curl_cases,
    error_cases,
    import_case,
    import_error,
    lint_case,
    lint_output,
    malformed_cases,
)

from curlport.catalogue import markdown_table
from curlport.config import codegen
from curlport.lint.reporters import REPORTERS
from curlport.parse import tables

RULES_START, RULES_END = "<!-- rules:start -->", "<!-- rules:end -->"


def _write(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    codegen.main()  # the fast validator follows the schema
    tables.main()  # the parser tables follow the grammar
    CONFIG_DIR.mkdir(exist_ok=True)
    for case in curl_cases():
        config, findings = import_case(CURL_DIR / f"{case}.curl")
        _write(CONFIG_DIR / f"{case}.json", config)
        _write(CONFIG_DIR / f"{case}.findings.json", findings)
        _write(CONFIG_DIR / f"{case}.lint.json", lint_case(CURL_DIR / f"{case}.curl"))
    for case in error_cases():
        _write(ERROR_DIR / f"{case}.expected.json", import_error(ERROR_DIR / f"{case}.curl"))
    for case in malformed_cases():
        _write(MALFORMED_DIR / f"{case}.lint.json", lint_case(MALFORMED_DIR / f"{case}.json"))
    LINT_OUTPUT_DIR.mkdir(exist_ok=True)
    for output_format in REPORTERS:
        (LINT_OUTPUT_DIR / f"{output_format}.txt").write_text(lint_output(output_format), encoding="utf-8")
    readme = CURL_DIR.parent.parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(RULES_START) + len(RULES_START), text.index(RULES_END)
    text = text[:start] + "\n" + markdown_table() + "\n" + text[end:]
    readme.write_text(readme_examples.rewrite(text), encoding="utf-8")  # the table, then the examples' output
    print(f"regenerated {len(curl_cases())} configs and {len(error_cases())} error expectations")


if __name__ == "__main__":
    main()
