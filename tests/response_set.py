"""The provider responses of ``fixtures/responses/``: real answers, with the verdict expected before judging them.

Each ``<provider>-<shape>.toml`` holds ``status``, ``content_type``, ``body``,
``expected`` (``accepted`` or ``refused``), ``source`` and ``note``. An outcome is
``right``, ``status only`` (an acceptance curlport accepted by the HTTP status
alone, saying the body was not understood: CP610), ``wrong accepted`` (the worst: a
refusal called accepted, confidently or by the status only) or ``wrong refused``.

``python tests/response_set.py`` prints the per-response table and the totals
``fixtures/responses/README.md`` records.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from curlport.preflight.acceptance import STATUS_ONLY, ProviderResponse, Verdict, judge
from curlport.preflight.provider import ResponseRules

RESPONSES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "responses"
OUTCOMES = ("right", "status only", "wrong accepted", "wrong refused")


@dataclass(frozen=True)
class ResponseCase:
    name: str
    status: int
    content_type: str
    body: str
    expected: str

    @property
    def response(self) -> ProviderResponse:
        return ProviderResponse(self.status, "", (("Content-Type", self.content_type),), self.body.encode())

    def outcome(self, verdict: Verdict) -> str:
        if verdict.accepted != (self.expected == "accepted"):
            return "wrong accepted" if verdict.accepted else "wrong refused"
        return "status only" if verdict.code == STATUS_ONLY else "right"


def response_cases() -> list[ResponseCase]:
    cases = []
    for path in sorted(RESPONSES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        cases.append(ResponseCase(path.stem, data["status"], data["content_type"], data["body"], data["expected"]))
    return cases


def main() -> None:
    counts: Counter[str] = Counter()
    for case in response_cases():
        verdict = judge(case.response, ResponseRules())
        outcome = case.outcome(verdict)
        counts[outcome] += 1
        print(f"{case.name:44} {case.expected:9} {outcome:15} {verdict.code}")
    print(", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES), f"(of {sum(counts.values())})")


if __name__ == "__main__":
    main()
