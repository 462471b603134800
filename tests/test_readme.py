"""The README is for users: what it shows must be what curlport does, and where it points must exist.

Its examples print what it says they print, the quick start's import is ready, CI runs exactly its test command,
and every link in it and in docs/ reaches a file and a heading that are there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from readme_examples import CHECKOUT, README, Example, examples, run

from curlport.cli import main

DOCUMENTS = [README, *sorted((CHECKOUT / "docs").glob("*.md")), CHECKOUT / "benchmarks/README.md"]
LINK = re.compile(r"\]\(([^)\s]+)\)")
QUICK_START = re.compile(r"## Quick start\n.*?```\n(.*?)\n(.*?)\n```", re.S)


def _examples() -> list[Example]:
    return examples(README.read_text(encoding="utf-8").split("\n"))


def test_the_readme_shows_an_example_of_each_command() -> None:
    shown = {example.command.split()[1] for example in _examples()}
    assert {"import", "lint", "rules", "render", "export"} <= shown
    assert set(main.commands) - shown <= {"show", "schema", "send", "serve"}  # shown as text: no output, or a server


@pytest.mark.parametrize("example", _examples(), ids=lambda example: example.command)
def test_each_readme_example_prints_what_the_readme_shows(example: Example) -> None:
    output, code = run(example.command)
    assert output == example.output, "the README's example is stale: python tests/regenerate.py, then review"
    if example.exit_line is not None:
        assert str(code) == README.read_text(encoding="utf-8").split("\n")[example.exit_line]


def test_the_quick_start_imports_a_ready_config_and_ci_runs_its_test_command() -> None:
    quick_start = QUICK_START.search(README.read_text(encoding="utf-8"))
    assert quick_start is not None
    install, test = quick_start.groups()
    assert " -q " not in install, "the first command shows its progress"
    output, code = run(install.split(" && ")[-1].removeprefix(".venv/bin/"))
    config = json.loads("\n".join(output))
    assert code == 0 and "$$To" in json.dumps(config) and "$$Body" in json.dumps(config)
    assert test in (CHECKOUT / ".ci/run").read_text(encoding="utf-8").splitlines()


def _anchors(document: Path) -> set[str]:
    """GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens) and explicit ``<a id>``s."""
    text = document.read_text(encoding="utf-8")
    headings = re.findall(r"^#{1,6} (.+)$", re.sub(r"```.*?```", "", text, flags=re.S), re.M)
    slugs = {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}
    return slugs | set(re.findall(r'<a id="([^"]+)"></a>', text))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(CHECKOUT)))
def test_every_relative_link_reaches_a_file_and_its_heading(document: Path) -> None:
    for target in LINK.findall(document.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://")):
            continue
        path, _, anchor = target.partition("#")
        linked = (document.parent / path).resolve() if path else document
        assert linked.exists(), f"{document.name} links to {target}, which is not there"
        if anchor:
            assert anchor in _anchors(linked), f"{document.name} links to {target}: no such heading"
