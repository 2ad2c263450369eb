"""A test-only rule family: flags fixed Hindi words, so the gate can be tested whatever real rules exist.

Installed by the ``fake_rules`` fixture (tests/gate/conftest.py) as ``kamclean.checks.fakegate``.

* KC-S901 (major, style): "फलाना" (so-and-so), suggestion "अमुक".
* KC-S902 (minor, locale): "ढिमका".
* KC-S903 (critical, grammar): "गड़बड़झाला" (a mess).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from kamclean.checks.base import CheckContext, Finding, RuleMeta

FAKE_WORDS = {  # rule: (word, severity, category, suggestion)
    "KC-S901": ("फलाना", "major", "style", "अमुक"),
    "KC-S902": ("ढिमका", "minor", "locale", None),
    "KC-S903": ("गड़बड़झाला", "critical", "grammar", None),
}


class WordRule:
    def __init__(self, rid: str, word: str, severity: str, category: str, suggestion: str | None) -> None:
        self.word = word
        self.suggestion = suggestion
        self.pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(word)}(?![\p{{L}}\p{{M}}])")
        self.meta = RuleMeta(
            id=rid,
            name=f"test-word-{rid[-3:]}",
            category=category,
            severity=severity,
            summary=f"Test rule: flags the word {word}.",
            what="Flags a fixed word (tests only).",
            why="Lets the gate be tested without the real rules.",
            example=f"यह {word} है।",
            instead="Another word.",
        )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for ptr, text, _ in ctx.strings:
            for m in self.pattern.finditer(text):
                yield Finding(ptr, m.start(), m.end(), f'test word "{self.word}" found', self.suggestion)


def rules(config: object) -> list[WordRule]:
    return [WordRule(rid, *spec) for rid, spec in FAKE_WORDS.items()]
