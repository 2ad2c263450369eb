"""``--format json``: the check result as one JSON object (schema id ``kamclean.check/1``).

Fields are added in later versions, never renamed. Suppressed findings are included with their
``suppression``; consumers that want the gate's view keep those whose ``suppression`` is null.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kamclean.emit.reporters import Options
    from kamclean.gate import CheckResult, Issue

SCHEMA = "kamclean.check/1"


def issue_json(i: Issue) -> dict[str, Any]:
    return {
        "path": i.path,
        "line": i.line,
        "column": i.column,
        "end_line": i.end_line,
        "end_column": i.end_column,
        "rule": i.rule,
        "name": i.name,
        "category": i.category,
        "severity": i.severity,
        "message": i.message,
        "text": i.text,
        "suggestion": i.suggestion,
        "pointer": i.pointer,
        "start": i.start,
        "end": i.end,
        "fingerprint": i.fingerprint,
        "context": i.context,
        "suppression": (
            {"kind": i.suppression.kind, "reason": i.suppression.reason}
            if i.suppression is not None
            else None
        ),
    }


def to_json(result: CheckResult, options: Options) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "kamclean": options.version,
        "fail_on": result.fail_on,
        "passed": not result.failing and not result.errors,
        "summary": {
            "articles": len(result.files),
            "findings": len(result.active),
            "failing": len(result.failing),
            "suppressed": len(result.suppressed),
            "stale": len(result.stale),
            "errors": len(result.errors),
            "by_severity": result.counts(),
        },
        "baseline": result.baseline,
        "findings": [issue_json(i) for i in result.issues],
        "stale": [e.to_json() for e in result.stale],
        "errors": [{"path": e.path, "reason": e.reason} for e in result.errors],
    }


def render(result: CheckResult, options: Options) -> str:
    return json.dumps(to_json(result, options), ensure_ascii=False, indent=2) + "\n"
