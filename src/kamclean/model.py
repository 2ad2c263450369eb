"""The data that flows through the pipeline.

One :class:`Article` travels through every stage (ingest → clean → segment → check → emit). Stages add to it;
none of them reads or writes files except ``ingest`` and ``emit``.

Coordinates: ``line`` is 1-based and counts lines of the raw file; ``column`` is 1-based and counts code points
of the *normalised* line (see :mod:`kamclean.ingest`). :func:`kamclean.ingest.to_raw_column` maps a normalised
column back to the raw file, which is what reports show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """Finding severity; the order is the gate order (critical > major > minor)."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"

    @property
    def rank(self) -> int:
        return {"critical": 3, "major": 2, "minor": 1}[self.value]


CATEGORIES = (
    "mistranslation",
    "terminology",
    "agreement",
    "untranslated",
    "repetition",
    "grammar",
    "locale",
    "style",
)


@dataclass(frozen=True)
class Source:
    """What was read, and how to write it back byte for byte."""

    path: str  # POSIX path relative to the input root
    sha256: str
    bytes: int
    bom: bool = False
    newline: str = "lf"  # "lf", "crlf" or "mixed"
    crlf_lines: tuple[int, ...] = ()  # only when newline == "mixed"
    final_newline: bool = True


@dataclass(frozen=True)
class Edit:
    """A normalisation made while reading (zero-width space dropped, NBSP turned into a space, NFC)."""

    rule: str
    line: int
    column: int
    text: str  # what the raw file had
    replacement: str  # what the normalised text has


@dataclass(frozen=True)
class Removal:
    """A piece of page residue taken out of the article, kept verbatim so that nothing is lost."""

    rule: str
    name: str
    kind: str
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets into the paragraph text
    end: int


@dataclass
class Paragraph:
    text: str
    line: int  # raw line of the paragraph's first character
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Section:
    heading: str | None
    heading_line: int | None
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(frozen=True)
class Flag:
    """A likely translation error: where it is, why, and what to write instead."""

    rule: str
    name: str
    category: str
    severity: str
    message: str
    text: str
    pointer: str  # RFC 6901 pointer to the string field holding the span
    start: int
    end: int
    line: int
    column: int
    suggestion: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "pointer": self.pointer,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
        }
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        return out


@dataclass
class Article:
    source: Source
    text: str  # the normalised text, every line of it
    edits: list[Edit] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    title: str | None = None
    title_line: int | None = None
    sections: list[Section] = field(default_factory=list)
    language: dict[str, Any] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def strings(self) -> list[tuple[str, str, int]]:
        """Every content string as (JSON pointer, text, raw line of its first character)."""
        out: list[tuple[str, str, int]] = []
        if self.title is not None and self.title_line is not None:
            out.append(("/title", self.title, self.title_line))
        for si, sec in enumerate(self.sections):
            if sec.heading is not None and sec.heading_line is not None:
                out.append((f"/sections/{si}/heading", sec.heading, sec.heading_line))
            for pi, par in enumerate(sec.paragraphs):
                out.append((f"/sections/{si}/paragraphs/{pi}/text", par.text, par.line))
        return out
