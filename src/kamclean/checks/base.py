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

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import regex

from kamclean.ingest.text import column_mapper
from kamclean.model import CATEGORIES, Flag, Severity
from kamclean.segment.structure import locate
from kamclean.text.keys import KeyedText, is_own_key

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


class Unit(NamedTuple):
    """The unit that data-driven rules match in: one sentence of a paragraph, or a whole title or heading.

    ``offset`` is where ``text`` starts in the string at ``pointer``; ``section`` is the section index (-1 for
    the title); ``kind`` is "title", "heading" or "paragraph". ``keyed`` is the matching key
    (:mod:`kamclean.text.keys`).
    """

    pointer: str
    kind: str
    section: int
    offset: int
    text: str
    keyed: KeyedText


# Separates units in the article-wide key blob: not whitespace, not a letter, so no pattern crosses it.
UNIT_SEPARATOR = "\x00"


class Rule(Protocol):
    meta: RuleMeta

    def check(self, ctx: CheckContext) -> Iterable[Finding]: ...


@dataclass
class CheckContext:
    """What a rule may look at. Everything is computed once per article and shared by all rules."""

    article: Article
    config: Config
    # per-article scratch space that several rules of one family share (e.g. one tokenisation pass)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @cached_property
    def strings(self) -> list[tuple[str, str, int]]:
        """(pointer, text, raw line) for the title, every heading and every paragraph, in reading order."""
        return self.article.strings()

    @cached_property
    def raw_column(self) -> Callable[[int, int], int]:
        """(line, column of the normalised line) → column in the raw file."""
        return column_mapper(self.article.edits)

    @cached_property
    def joined(self) -> str:
        """Every content string in one, for substring and regex pre-checks over the whole article."""
        return "\n".join(t for _, t, _ in self.strings)

    @cached_property
    def texts(self) -> dict[str, str]:
        """Pointer → content string, for turning findings into flags."""
        return {p: t for p, t, _ in self.strings}

    @cached_property
    def severities(self) -> dict[str, str]:
        """Rule id → the severity the configuration sets for it."""
        return dict(self.config.severity)

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
    def units(self) -> list[Unit]:
        """Title, headings and paragraph sentences, each with its matching key, in reading order."""
        out: list[Unit] = []
        title = self.article.title
        if title is not None and self.article.title_line is not None:
            out.append(Unit("/title", "title", -1, 0, title, KeyedText.build(title)))
        for si, sec in enumerate(self.article.sections):
            if sec.heading is not None and sec.heading_line is not None:
                ptr = f"/sections/{si}/heading"
                out.append(Unit(ptr, "heading", si, 0, sec.heading, KeyedText.build(sec.heading)))
            for pi, par in enumerate(sec.paragraphs):
                ptr = f"/sections/{si}/paragraphs/{pi}/text"
                # one check per paragraph: a sentence of a paragraph that is its own key is its own key too
                own = True if is_own_key(par.text) else None
                for st in par.sentences:
                    out.append(Unit(ptr, "paragraph", si, st.start, st.text, KeyedText.build(st.text, own)))
        return out

    @cached_property
    def blob(self) -> tuple[str, tuple[int, ...]]:
        """Every unit's key joined by :data:`UNIT_SEPARATOR`, and where each unit starts in it.

        A data-driven rule searches this one string once (instead of every unit), then maps each match to its
        unit with :meth:`unit_at`: one regex scan per rule per article.
        """
        starts: list[int] = []
        pos = 0
        for u in self.units:
            starts.append(pos)
            pos += len(u.keyed.key) + len(UNIT_SEPARATOR)
        return UNIT_SEPARATOR.join(u.keyed.key for u in self.units), tuple(starts)

    @cached_property
    def unit_keys(self) -> list[str]:
        return [u.keyed.key for u in self.units]

    def unit_at(self, pos: int) -> tuple[int, Unit]:
        """The index and unit whose key holds blob position ``pos``."""
        i = bisect_right(self.blob[1], pos) - 1
        return i, self.units[i]

    @cached_property
    def section_keys(self) -> dict[int, str]:
        """Section index → the keys of its heading and sentences (-1 is the title)."""
        acc: dict[int, list[str]] = {}
        for u in self.units:
            acc.setdefault(u.section, []).append(u.keyed.key)
        return {k: UNIT_SEPARATOR.join(v) for k, v in acc.items()}

    @cached_property
    def word_count(self) -> int:
        return sum(len(WORD.findall(t)) for _, t, _ in self.strings)


def to_flags(
    rule: Rule,
    findings: Iterable[Finding],
    ctx: CheckContext,
    segments: dict[str, list[Segment]],
) -> list[Flag]:
    """The rule's findings as flags (most rules have none on most articles: then this costs nothing)."""
    return [_flag(rule.meta, f, ctx, segments) for f in findings]


def _flag(meta: RuleMeta, f: Finding, ctx: CheckContext, segments: dict[str, list[Segment]]) -> Flag:
    text = ctx.texts[f.pointer]
    if not (0 <= f.start < f.end <= len(text)):
        raise ValueError(f"{meta.id}: span {f.start}:{f.end} outside {f.pointer}")
    line, col = locate(segments[f.pointer], f.start)
    # positional arguments, in the order of Flag's fields (keywords cost twice as much on this hot path)
    return Flag(
        meta.id,  # rule
        meta.name,
        meta.category,
        ctx.severities.get(meta.id, f.severity or meta.severity),  # config.severity_for, without a dict per flag
        f.message,
        text[f.start : f.end],  # text
        f.pointer,
        f.start,
        f.end,
        line,
        ctx.raw_column(line, col),  # column
        f.suggestion,
    )
