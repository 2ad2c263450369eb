"""Output formats of ``kamclean check``, one module each.

Like ruff's, they come in two kinds: *contracts* that other programs read (json, sarif, junit, github) and are
validated in tests, and *human* formats (text, markdown). Every reporter is a module with
``render(result, options) -> str``; modules are imported only when their format is asked for, so start-up
stays fast. The editors' HTML page (:mod:`.html`) is built from documents rather than a check result and is
written by ``kamclean report`` and ``kamclean run``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kamclean.gate import CheckResult

FORMATS: dict[str, str] = {
    "text": "human text: file:line:col, rule, severity, message, the source line with the span underlined",
    "json": "every finding with its raw location, fingerprint and suppression (kamclean.check/1)",
    "sarif": "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers",
    "junit": "JUnit XML: one test suite per article, one test case per finding",
    "github": "GitHub Actions workflow commands (::error file=...::message), shown as annotations",
    "markdown": "a summary for a pull-request comment",
}

# severity -> SARIF level (and GitHub annotation level below the gate's threshold)
LEVELS = {"critical": "error", "major": "warning", "minor": "note"}


@dataclass(frozen=True)
class Options:
    color: bool = False  # text only
    version: str = ""


def render(fmt: str, result: CheckResult, options: Options) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt}")
    mod = importlib.import_module(f"kamclean.emit.reporters.{fmt}")
    return mod.render(result, options)


def message_with_suggestion(message: str, suggestion: str | None) -> str:
    return f"{message} (suggestion: {suggestion})" if suggestion else message
