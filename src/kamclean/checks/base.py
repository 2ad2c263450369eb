"""The QA rule engine's small core: rule metadata, findings, the per-article context, and the loop.

A rule is any object with a ``meta: RuleMeta`` and a ``check(ctx) -> Iterable[Finding]``. A finding names a span
of one content string by its JSON pointer and offsets; the engine (not the rule) turns it into a
:class:`~kamclean.model.Flag` with the raw line and column, the configured severity, and a stable order. So a new
rule is a few lines of logic plus data, and can never get locations wrong.

Rule id families (ids match ``^KC-[A-Z][0-9]{3}$`` and are never reused):

* ``KC-G`` mistranslation glossary entries  * ``KC-T`` term consistency  * ``KC-P`` person/gender agreement
* ``KC-U`` untranslated text  * ``KC-R`` repetition  * ``KC-S`` grammar, locale and style
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

import regex

from kamclean.ingest.text import to_raw_column
from kamclean.model import CATEGORIES, Flag, Severity

if TYPE_CHECKING:
    from kamclean.config import Config
    from kamclean.model import Article
    from kamclean.segment.structure import Segment

# A Hindi word: letters with their vowel signs, nukta and virama (\w alone stops at vowel signs in `re`).
WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}\p{N}]*")


@dataclass(frozen=True)
class RuleMeta:
    id: str
    name: str  # kebab-case name of the problem, not the fix
    category: str  # one of model.CATEGORIES
    severity: str  # default severity
    summary: str  # one line
    what: str = ""  # What it does
    why: str = ""  # Why it matters (the linguistics)
    example: str = ""  # a failing example
    instead: str = ""  # what to write instead
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"{self.id}: unknown category {self.category}")
        Severity(self.severity)

    def row(self) -> dict[str, str]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "summary": self.summary,
        }

    def explain(self) -> str:
        parts = [f"{self.id} {self.name} ({self.category}, default severity {self.severity})", "", self.summary]
        for title, body in (
            ("What it does", self.what),
            ("Why", self.why),
            ("Example", self.example),
            ("Use instead", self.instead),
        ):
            if body:
                parts += ["", title, "  " + body.strip().replace("\n", "\n  ")]
        return "\n".join(parts)


@dataclass(frozen=True)
class Finding:
    pointer: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: str | None = None  # overrides the rule's default (e.g. a glossary entry's own severity)


class Rule(Protocol):
    meta: RuleMeta

    def check(self, ctx: CheckContext) -> Iterable[Finding]: ...


@dataclass
class CheckContext:
    """What a rule may look at. Everything is computed once per article and shared by all rules."""

    article: Article
    config: Config

    @cached_property
    def strings(self) -> list[tuple[str, str, int]]:
        """(pointer, text, raw line) for the title, every heading and every paragraph, in reading order."""
        return self.article.strings()

    @cached_property
    def paragraphs(self) -> list[tuple[str, str]]:
        return [(p, t) for p, t, _ in self.strings if p.endswith("/text")]

    def sentences(self) -> Iterable[tuple[str, int, int, str]]:
        """(pointer, start, end, sentence text) for every sentence of every paragraph."""
        for si, sec in enumerate(self.article.sections):
            for pi, par in enumerate(sec.paragraphs):
                ptr = f"/sections/{si}/paragraphs/{pi}/text"
                for s in par.sentences:
                    yield ptr, s.start, s.end, s.text

    @cached_property
    def word_count(self) -> int:
        return sum(len(WORD.findall(t)) for _, t, _ in self.strings)


def to_flags(
    rule: Rule,
    findings: Iterable[Finding],
    ctx: CheckContext,
    segments: dict[str, list[Segment]],
) -> list[Flag]:
    from kamclean.segment.structure import locate

    texts = {p: t for p, t, _ in ctx.strings}
    out: list[Flag] = []
    for f in findings:
        text = texts[f.pointer]
        if not (0 <= f.start < f.end <= len(text)):
            raise ValueError(f"{rule.meta.id}: span {f.start}:{f.end} outside {f.pointer}")
        line, col = locate(segments[f.pointer], f.start)
        sev = ctx.config.severity_for(rule.meta.id, f.severity or rule.meta.severity)
        out.append(
            Flag(
                rule=rule.meta.id,
                name=rule.meta.name,
                category=rule.meta.category,
                severity=sev,
                message=f.message,
                text=text[f.start : f.end],
                pointer=f.pointer,
                start=f.start,
                end=f.end,
                line=line,
                column=to_raw_column(ctx.article.edits, line, col),
                suggestion=f.suggestion,
            )
        )
    return out
