"""Validation reports for people (text) and for CI systems (JSON, JUnit XML)."""

from __future__ import annotations

import json
from collections import defaultdict

from lxml import etree

from edition.validate import Report


def render(report: Report, output_format: str, quiet: bool = False,
           suite: str = "edition validate") -> str:
    """The report in a format; `suite` names the run in JUnit XML."""
    if output_format == "junit":
        return _junit(report, quiet, suite)
    return {"text": _text, "json": _json}[output_format](report, quiet)


def _summary(report: Report) -> str:
    files = len(report.files)
    bad = len(report.invalid_files())
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors:
        verdict = f"{files} file{'s' * (files != 1)} valid"
    else:
        verdict = f"{bad} of {files} file{'s' * (files != 1)} invalid"
    return (
        f"{verdict}: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}\n"
    )


def _text(report: Report, quiet: bool) -> str:
    lines = [str(m) + "\n" for m in report.sorted_messages() if not quiet or m.severity == "error"]
    if not quiet:
        lines.append(_summary(report))
    return "".join(lines)


def _json(report: Report, quiet: bool) -> str:
    data = {
        "files": report.files,
        "valid": report.ok,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "messages": [
            m.as_dict() for m in report.sorted_messages() if not quiet or m.severity == "error"
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _junit(report: Report, quiet: bool, suite_name: str = "edition validate") -> str:
    """One test case per file; its errors are failures, its warnings system-out."""
    by_file = defaultdict(list)
    for message in report.sorted_messages():
        by_file[message.location.path].append(message)
    suite = etree.Element(
        "testsuite",
        name=suite_name,
        tests=str(len(report.files)),
        failures=str(len(report.invalid_files())),
        errors="0",
    )
    for path in report.files:
        case = etree.SubElement(suite, "testcase", classname="tei", name=path)
        errors = [m for m in by_file[path] if m.severity == "error"]
        warnings = [m for m in by_file[path] if m.severity == "warning"]
        if errors:
            failure = etree.SubElement(
                case, "failure", message=f"{len(errors)} error(s)", type="invalid"
            )
            failure.text = "\n".join(str(m) for m in errors)
        if warnings and not quiet:
            out = etree.SubElement(case, "system-out")
            out.text = "\n".join(str(m) for m in warnings)
    suites = etree.Element("testsuites")
    suites.append(suite)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + etree.tostring(suites, encoding="unicode", pretty_print=True)
