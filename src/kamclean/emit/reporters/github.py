"""``--format github``: GitHub Actions workflow commands, which the runner shows as annotations on the diff::

    ::error file=raw/x.txt,line=12,endLine=12,col=5,endColumn=17,title=KC-G001 mistranslated-term::message

Findings at or above the gate's threshold are ``error``; below it, major is ``warning`` and minor ``notice``.
Suppressed (baseline) findings are not annotated. Values are escaped as GitHub's toolkit does: in the message
``%``, CR and LF; in properties also ``:`` and ``,``, which would otherwise end the property.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kamclean.emit.reporters import message_with_suggestion
from kamclean.model import Severity

if TYPE_CHECKING:
    from kamclean.emit.reporters import Options
    from kamclean.gate import CheckResult


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    body = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level} {body}::{escape_data(message)}" if body else f"::{level}::{escape_data(message)}"


def render(result: CheckResult, options: Options) -> str:
    threshold = Severity(result.fail_on).rank
    lines: list[str] = []
    for i in result.active:
        level = "error" if i.rank >= threshold else ("warning" if i.severity == "major" else "notice")
        lines.append(
            command(
                level,
                message_with_suggestion(i.message, i.suggestion),
                file=i.path,
                line=i.line,
                endLine=i.end_line,
                col=i.column,
                endColumn=i.end_column,
                title=f"{i.rule} {i.name}",
            )
        )
    for e in result.errors:
        lines.append(command("error", e.reason, file=e.path, title="kamclean: cannot check"))
    for s in result.stale:
        lines.append(
            command(
                "notice",
                f'baseline entry {s.fingerprint} ({s.rule} on "{s.text}") matches nothing; '
                "run `kamclean baseline update` to drop it",
                file=s.path,
                title="kamclean: stale baseline entry",
            )
        )
    return "".join(line + "\n" for line in lines)
