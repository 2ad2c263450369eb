"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning (``github/codeql-action/upload-sarif``) and any
other SARIF viewer. Validated against the OASIS schema in the tests.

* ``tool.driver.rules``: every known rule with id, name, short description (the rule's one line), full
  description (What it does), help (the whole ``kamclean explain`` text, also as Markdown), default level and
  the MQM category as a tag.
* ``level``: critical → error, major → warning, minor → note.
* ``partialFingerprints["kamclean/v1"]``: the line-free fingerprint also used by baselines, so an alert
  follows its text when lines above it change. (``primaryLocationLineHash`` is left to the upload action,
  which computes it itself.)
* Baseline findings are kept, with ``suppressions`` (kind ``external``, status ``accepted``, the editor's
  reason as justification), so code scanning shows them as dismissed rather than losing them.
* Columns count Unicode code points of the raw line (``columnKind: unicodeCodePoints``), as everywhere in
  kamclean; SARIF's default would be UTF-16 code units.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kamclean.emit.reporters import LEVELS, message_with_suggestion

if TYPE_CHECKING:
    from kamclean.checks.base import RuleMeta
    from kamclean.emit.reporters import Options
    from kamclean.gate import CheckResult, Issue

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "kamclean/v1"


def uri(path: str) -> str:
    return quote(path, safe="/")


def _markdown_help(meta: RuleMeta) -> str:
    parts = [
        f"**{meta.id} {meta.name}** ({meta.category}, default severity {meta.severity})",
        "",
        meta.summary,
    ]
    for title, body in (
        ("What it does", meta.what),
        ("Why", meta.why),
        ("Example", meta.example),
        ("Use instead", meta.instead),
    ):
        if body:
            parts += ["", f"## {title}", "", body.strip()]
    return "\n".join(parts)


def rule_descriptor(meta: RuleMeta) -> dict[str, Any]:
    return {
        "id": meta.id,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": (meta.what or meta.summary).strip()},
        "help": {"text": meta.explain(), "markdown": _markdown_help(meta)},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"category": meta.category, "severity": meta.severity, "tags": [meta.category]},
    }


def _fallback_descriptor(i: Issue) -> dict[str, Any]:
    """A rule that reported a finding but is not in the registry (a user's data rule, say)."""
    return {
        "id": i.rule,
        "name": i.name,
        "shortDescription": {"text": i.name},
        "fullDescription": {"text": i.name},
        "help": {"text": f"kamclean explain {i.rule}"},
        "defaultConfiguration": {"level": LEVELS[i.severity]},
        "properties": {"category": i.category, "tags": [i.category]},
    }


def _location(path: str, line: int | None = None, region: dict[str, Any] | None = None) -> dict[str, Any]:
    phys: dict[str, Any] = {"artifactLocation": {"uri": uri(path)}}
    if region is not None:
        phys["region"] = region
    elif line is not None:
        phys["region"] = {"startLine": line}
    return {"physicalLocation": phys}


def result_json(i: Issue, index: int) -> dict[str, Any]:
    region = {
        "startLine": i.line,
        "startColumn": i.column,
        "endLine": i.end_line,
        "endColumn": max(i.end_column, i.column + 1) if i.end_line == i.line else i.end_column,
        "snippet": {"text": i.text},
    }
    out: dict[str, Any] = {
        "ruleId": i.rule,
        "ruleIndex": index,
        "level": LEVELS[i.severity],
        "message": {"text": message_with_suggestion(i.message, i.suggestion)},
        "locations": [_location(i.path, region=region)],
        "partialFingerprints": {FINGERPRINT_KEY: i.fingerprint},
        "properties": {"severity": i.severity, "category": i.category, "pointer": i.pointer},
    }
    if i.suggestion:
        out["fixes"] = [
            {
                "description": {"text": f"Replace with: {i.suggestion}"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri(i.path)},
                        "replacements": [
                            {
                                "deletedRegion": {k: region[k] for k in region if k != "snippet"},
                                "insertedContent": {"text": i.suggestion},
                            }
                        ],
                    }
                ],
            }
        ]
    if i.suppression is not None:
        sup: dict[str, Any] = {"kind": "external", "status": "accepted"}
        sup["justification"] = i.suppression.reason or "recorded in the kamclean baseline"
        out["suppressions"] = [sup]
    return out


def to_sarif(result: CheckResult, options: Options) -> dict[str, Any]:
    descriptors = {m.id: rule_descriptor(m) for m in result.rules}
    for i in result.issues:
        if i.rule not in descriptors:
            descriptors[i.rule] = _fallback_descriptor(i)
    ids = sorted(descriptors)
    index = {rid: n for n, rid in enumerate(ids)}
    notifications: list[dict[str, Any]] = [
        {"level": "error", "message": {"text": f"{e.path}: {e.reason}"}, "locations": [_location(e.path)]}
        for e in result.errors
    ]
    notifications += [
        {
            "level": "note",
            "message": {
                "text": f'stale baseline entry {s.fingerprint}: {s.rule} on "{s.text}" matches nothing; '
                "run `kamclean baseline update` to drop it"
            },
            "locations": [_location(s.path)],
        }
        for s in result.stale
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not result.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver: dict[str, Any] = {
        "name": "kamclean",
        "rules": [descriptors[r] for r in ids],
    }
    if options.version:
        driver["version"] = options.version
        driver["semanticVersion"] = options.version
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": [result_json(i, index[i.rule]) for i in result.issues],
                "properties": {"failOn": result.fail_on},
            }
        ],
    }


def render(result: CheckResult, options: Options) -> str:
    return json.dumps(to_sarif(result, options), ensure_ascii=False, indent=2) + "\n"
