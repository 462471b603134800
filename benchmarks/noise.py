"""How noisy lint is on real provider samples: findings per sample, and the share an operator would act on.

A real provider sample is a ``fixtures/curl/<case>.curl`` with a ``<case>.places.toml`` (the provider's own
documented command, and where its recipient and message are). A finding is one an operator acts on when it is at
error or warning level and says something no earlier finding said at the same characters (the same span: a second
finding there is the same problem said again); info notes say what the import did and ask nothing.

    python benchmarks/noise.py            # the totals
    python benchmarks/noise.py --codes    # and the count per code
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from curlport.findings import Finding, Severity
from curlport.lint.runner import lint_text

CURL_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "curl"


def samples() -> list[Path]:
    return sorted(path for path in CURL_DIR.glob("*.curl") if path.with_suffix(".places.toml").exists())


def actionable(findings: tuple[Finding, ...]) -> list[Finding]:
    """The findings an operator acts on: error or warning, the first at its characters."""
    seen: set[object] = set()
    kept = []
    for finding in findings:
        if finding.severity is Severity.INFO or (finding.span is not None and finding.span in seen):
            continue
        seen.add(finding.span)
        kept.append(finding)
    return kept


def main() -> None:
    total, acted, codes = 0, 0, Counter[str]()
    paths = samples()
    for path in paths:
        findings = lint_text(path.read_bytes(), path.name).findings
        total += len(findings)
        acted += len(actionable(findings))
        codes.update(finding.code for finding in findings)
    print(f"{len(paths)} real provider samples: {total} findings, {total / len(paths):.1f} per sample, "
          f"{acted} to act on ({acted / total:.0%})")
    if "--codes" in sys.argv:
        for code, count in sorted(codes.items()):
            print(f"  {code} {count}")


if __name__ == "__main__":
    main()
