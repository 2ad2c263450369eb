"""``--format markdown``: a summary fit for a pull-request comment (GitHub-flavoured Markdown).

A verdict line, counts by severity, then one table row per unsuppressed finding (at most ``MAX_ROWS``, so the
comment stays under GitHub's size limit). Table cells are escaped: ``|``, backticks, HTML and line breaks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kamclean.emit.reporters import Options
    from kamclean.gate import CheckResult

MAX_ROWS = 200
_ICONS = {"critical": "🔴", "major": "🟠", "minor": "🔵"}


def cell(text: str | None) -> str:
    if not text:
        return ""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(out.split())


def render(result: CheckResult, options: Options) -> str:
    c = result.counts()
    failing = len(result.failing)
    status = "❌ **fails**" if failing or result.errors else "✅ **passes**"
    lines = [
        "## kamclean",
        "",
        f"{status} at `--fail-on {result.fail_on}`: {len(result.active)} finding(s) in {len(result.files)} "
        f"article(s), {failing} at or above the threshold.",
        "",
        "| critical | major | minor | accepted (baseline) | stale baseline entries | unreadable |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {c['critical']} | {c['major']} | {c['minor']} | {len(result.suppressed)} | {len(result.stale)} "
        f"| {len(result.errors)} |",
    ]
    if result.active:
        lines += ["", "| | location | rule | message | suggestion |", "|---|---|---|---|---|"]
        for i in result.active[:MAX_ROWS]:
            lines.append(
                f"| {_ICONS[i.severity]} {i.severity} | `{cell(i.path)}:{i.line}:{i.column}` | "
                f"{cell(i.rule)} {cell(i.name)} | {cell(i.message)} «{cell(i.text)}» | {cell(i.suggestion)} |"
            )
        if len(result.active) > MAX_ROWS:
            lines += ["", f"…and {len(result.active) - MAX_ROWS} more; see the full report."]
    if result.errors:
        lines += ["", "**Could not check:**", ""]
        lines += [f"- `{cell(e.path)}`: {cell(e.reason)}" for e in result.errors]
    if result.stale:
        lines += [
            "",
            f"{len(result.stale)} baseline entr{'y' if len(result.stale) == 1 else 'ies'} match nothing any "
            "more; run `kamclean baseline update` to drop them.",
        ]
    return "\n".join(lines) + "\n"
