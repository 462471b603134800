"""``junit``: a JUnit XML report, which CI systems show as test results: a test suite per file, a failure per finding.

A file without findings is one passing test case, so the report lists every file checked.
"""

from __future__ import annotations

import re
from functools import cache

from curlport.catalogue import CODES
from curlport.diagnostics import message
from curlport.lint.reporters.base import LintRun, Reporter, ReportOptions


@cache
def _not_xml() -> re.Pattern[str]:
    """What XML 1.0 cannot hold, even escaped (control characters such as ESC, U+FFFE): written as \\xHH or \\uHHHH,
    since ElementTree writes them as they are and no XML reader then reads the report.

    Compiled on first use: its class spans all of Unicode and costs milliseconds to build, and every
    ``curlport lint`` imports this format while few print it.
    """
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _not_xml().sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def render(run: LintRun, options: ReportOptions) -> str:
    from xml.etree import ElementTree  # only this format needs it

    total = sum(len(report.findings) for report in run.reports)
    suites = ElementTree.Element("testsuites", name="curlport", tests=str(sum(max(1, len(r.findings))
                                                                               for r in run.reports)),
                                 failures=str(total), errors="0")
    for report in run.reports:
        path = _xml(report.path)
        suite = ElementTree.SubElement(suites, "testsuite", name=path, tests=str(max(1, len(report.findings))),
                                       failures=str(len(report.findings)), errors="0")
        if not report.findings:
            ElementTree.SubElement(suite, "testcase", name="curlport", classname=path)
        for finding in report.findings:
            span = finding.span
            position = f"{span.line}:{span.column}" if span else "1:1"
            case = ElementTree.SubElement(suite, "testcase", name=f"{finding.code} {CODES[finding.code].name}",
                                          classname=path, file=path, line=str(span.line if span else 1))
            text = _xml(message(finding, options.show_secrets, report.source))
            failure = ElementTree.SubElement(case, "failure", message=text, type=finding.severity.value)
            failure.text = f"{path}:{position}: {finding.code} {finding.severity.value}: {text}"
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


REPORTER = Reporter("junit", "JUnit XML for CI test reports", render, render, statistics_on_stderr=True)
