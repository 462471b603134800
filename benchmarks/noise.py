"""How noisy lint is on real provider samples: findings per sample, the share an operator would act on, and how
many findings say a problem again or point away from the value they name.

A real provider sample is a ``fixtures/curl/<case>.curl`` with a ``<case>.places.toml`` (the provider's own
documented command). A finding is one to act on when it is at error or warning level and at characters no earlier
error or warning was reported at (a second one there says the same problem again); info notes say what the import
did and ask nothing. Whether a finding's caret is on the value it names is the test suite's own check
(``tests/test_finding_spans.py``). Run it with the test extra installed:

    python benchmarks/noise.py            # the totals
    python benchmarks/noise.py --codes    # and the count per code
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_finding_spans import misplaced  # noqa: E402  (the suite's check, not a copy of it)

from curlport.findings import Severity  # noqa: E402
from curlport.lint.runner import lint_text  # noqa: E402


def samples() -> list[Path]:
    return sorted(path for path in (ROOT / "fixtures" / "curl").glob("*.curl")
                  if path.with_suffix(".places.toml").exists())


def main() -> None:
    total = acted = repeated = astray = 0
    codes = Counter[str]()
    paths = samples()
    for path in paths:
        report = lint_text(path.read_bytes(), path.name)
        assert report.source is not None
        seen: set[object] = set()
        for finding in report.findings:
            total += 1
            codes[finding.code] += 1
            astray += misplaced(report.source, finding.code, finding.message, finding.span) is not None
            if finding.severity is Severity.INFO:
                continue
            if finding.span is not None and finding.span in seen:
                repeated += 1
                continue
            seen.add(finding.span)
            acted += 1
    print(f"{len(paths)} real provider samples: {total} findings, {total / len(paths):.1f} per sample; "
          f"{acted} to act on ({acted / total:.0%}); {repeated} said again at the same place; {astray} pointing "
          "away from the value they name")
    if "--codes" in sys.argv:
        for code, count in sorted(codes.items()):
            print(f"  {code} {count}")


if __name__ == "__main__":
    main()
