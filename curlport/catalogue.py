"""Every finding code curlport can report, with its documentation: rules, import notes, and the two lint codes."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from curlport.findings import Severity
from curlport.parse.notes import ALL_NOTE_KINDS
from curlport.preflight.codes import PREFLIGHT_CODES
from curlport.rules import ALL_RULES

# The project's documentation is its README; each code has an anchor in the table of codes (``#cp103``).
DOCS_URL = "https://curlport.dev/"


def help_uri(code: str) -> str:
    """Where a code is explained: its row of the README's table (SARIF ``helpUri``)."""
    return f"{DOCS_URL}#{code.lower()}"


class CodeDoc(NamedTuple):
    """One code's documentation (a named tuple, not a frozen dataclass: defined at every start in a seventh of the
    time)."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str = ""
    fix: str = ""
    bad: str = ""
    good: str = ""
    autofix: str = ""
    fix_safety: str = ""


CODES: dict[str, CodeDoc] = {
    "CP000": CodeDoc("CP000", "unreadable-file", Severity.ERROR,
                     "The file is not a readable curl command or JSON config.",
                     "Nothing else can be checked in a file that does not parse.", "Fix the error at the location."),
    "CP027": CodeDoc("CP027", "duplicate-member", Severity.ERROR,
                     "A JSON object of the config names a member twice, with different values.",
                     "JSON readers differ on which one they keep (RFC 8259: json.loads the last, others the first): "
                     "the platform may send the other one.",
                     "Keep the member you mean and delete the other."),
    "CP028": CodeDoc("CP028", "repeated-member", Severity.WARNING,
                     "A JSON object of the config names a member twice, with the same value.",
                     "Every reader gets the same value, but the next edit of one of them makes them differ (CP027).",
                     "Delete one of them."),
    **{kind.code: CodeDoc(kind.code, kind.name, kind.severity, kind.summary) for kind in ALL_NOTE_KINDS},
    **{rule.code: CodeDoc(rule.code, rule.name, rule.severity, rule.summary, rule.why, rule.fix, rule.bad, rule.good,
                         rule.autofix or "", rule.fix_safety)
       for rule in ALL_RULES},
    "CP501": CodeDoc("CP501", "schema-violation", Severity.ERROR,
                     "The config does not match the published JSON Schema.",
                     "The platform's form cannot hold a config outside the schema.",
                     "Change the value at the JSON pointer named in the message."),
    **{doc.code: CodeDoc(doc.code, doc.name, doc.severity, doc.summary, doc.why, doc.fix) for doc in PREFLIGHT_CODES},
}
CODES = dict(sorted(CODES.items()))
#: Codes curlport no longer reports, still accepted where codes are selected or ignored (a settings file written for
#: an earlier version keeps working), and what became of each.
RETIRED: dict[str, str] = {"CP022": "merged into CP021: an ask is one finding that names every candidate"}


@cache
def select_codes(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> frozenset[str]:
    """The enabled codes, by prefix like ruff: --select CP1 enables CP101…CP199."""
    chosen = {code for code in CODES if not select or any(code.startswith(prefix) for prefix in select)}
    return frozenset(code for code in chosen if not any(code.startswith(prefix) for prefix in ignore))


def markdown_table() -> str:
    """The README's table of codes, generated so that it cannot drift from the declarations."""
    rows = ["| code | name | severity | what it flags | auto-fix |", "|---|---|---|---|---|"]
    rows += [f'| <a id="{doc.code.lower()}"></a>{doc.code} | {doc.name} | {doc.severity.value} '
             f"| {_cell(doc.summary)} | {doc.autofix or ''} |"
             for doc in CODES.values()]
    return "\n".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")

