"""``junit``: a JUnit XML report, which CI systems show as test results: a test suite per file, a failure per finding.

A file without findings is one passing test case, so the report lists every file checked.
"""

from __future__ import annotations

from curlport.catalogue import CODES
from curlport.lint.reporters.base import LintRun, Reporter, ReportOptions, message


def render(run: LintRun, options: ReportOptions) -> str:
    from xml.etree import ElementTree  # only this format needs it

    total = sum(len(report.findings) for report in run.reports)
    suites = ElementTree.Element("testsuites", name="curlport", tests=str(sum(max(1, len(r.findings))
                                                                               for r in run.reports)),
                                 failures=str(total), errors="0")
    for report in run.reports:
        suite = ElementTree.SubElement(suites, "testsuite", name=report.path, tests=str(max(1, len(report.findings))),
                                       failures=str(len(report.findings)), errors="0")
        if not report.findings:
            ElementTree.SubElement(suite, "testcase", name="curlport", classname=report.path)
        for finding in report.findings:
            span = finding.span
            position = f"{span.line}:{span.column}" if span else "1:1"
            case = ElementTree.SubElement(suite, "testcase", name=f"{finding.code} {CODES[finding.code].name}",
                                          classname=report.path, file=report.path, line=str(span.line if span else 1))
            text = message(finding, options.show_secrets, report.source)
            failure = ElementTree.SubElement(case, "failure", message=text, type=finding.severity.value)
            failure.text = f"{report.path}:{position}: {finding.code} {finding.severity.value}: {text}"
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


REPORTER = Reporter("junit", "JUnit XML for CI test reports", render, render, statistics_on_stderr=True)
