"""``--format junit``: JUnit XML, which CI systems (GitLab, Jenkins, Azure) show as test results.

One ``testsuite`` per article; one ``testcase`` per finding. Findings at or above the gate's threshold are
``failure``; those below it pass (with the message in ``system-out``); baseline findings are ``skipped`` with
the reason; an article with no finding is one passing case; an article that could not be checked is an
``error``. Built with ElementTree, so all text is escaped; characters XML 1.0 cannot hold are dropped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import regex

from kamclean.emit.reporters import message_with_suggestion
from kamclean.model import Severity

if TYPE_CHECKING:
    from kamclean.emit.reporters import Options
    from kamclean.gate import CheckResult, Issue

_NOT_XML = regex.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s: str) -> str:
    return _NOT_XML.sub("", s)


def _detail(i: Issue) -> str:
    lines = [
        f"{i.path}:{i.line}:{i.column}: {i.rule} [{i.severity}] {i.name}: {i.message}",
        f"text: {i.text}",
    ]
    if i.suggestion:
        lines.append(f"suggestion: {i.suggestion}")
    lines.append(f"fingerprint: {i.fingerprint}")
    return _x("\n".join(lines))


def render(result: CheckResult, options: Options) -> str:
    threshold = Severity(result.fail_on).rank
    by_path: dict[str, list[Issue]] = {p: [] for p in result.files}
    for i in result.issues:
        by_path.setdefault(i.path, []).append(i)
    root = ET.Element("testsuites", name="kamclean")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for path in sorted(by_path):
        issues = by_path[path]
        suite = ET.SubElement(root, "testsuite", name=_x(path))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if not issues:
            ET.SubElement(suite, "testcase", name="no findings", classname=_x(path), file=_x(path))
            counts["tests"] += 1
        for i in issues:
            case = ET.SubElement(
                suite,
                "testcase",
                name=_x(f"{i.rule} {i.name} at {i.line}:{i.column}"),
                classname=_x(path),
                file=_x(path),
                line=str(i.line),
            )
            counts["tests"] += 1
            msg = _x(message_with_suggestion(i.message, i.suggestion))
            if i.suppression is not None:
                ET.SubElement(
                    case, "skipped", message=_x(f"accepted in baseline: {i.suppression.reason or msg}")
                )
                counts["skipped"] += 1
            elif i.rank >= threshold:
                fail = ET.SubElement(case, "failure", message=msg, type=f"{i.rule}/{i.severity}")
                fail.text = _detail(i)
                counts["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = _detail(i)
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    for e in result.errors:
        suite = ET.SubElement(
            root, "testsuite", name=_x(e.path), tests="1", failures="0", errors="1", skipped="0"
        )
        case = ET.SubElement(suite, "testcase", name="read", classname=_x(e.path), file=_x(e.path))
        ET.SubElement(case, "error", message=_x(e.reason), type="input-error")
        totals["tests"] += 1
        totals["errors"] += 1
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
