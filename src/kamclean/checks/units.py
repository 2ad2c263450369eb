"""Whitespace-split words of every sentence, title and heading, built once per article and shared by rules.

Speed matters here (checking must add well under a millisecond to an article), and a regex
tokenizer costs more
than all the rules together. So a unit is split on whitespace (in C), each piece stripped of surrounding
punctuation, and character offsets are computed only when a rule asks for the span of a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from operator import is_not

from kamclean.checks.base import CheckContext

# Punctuation stripped from both ends of a whitespace-separated piece. "-" and "/" are not:
# they join compounds and alternatives (लाभ-साझाकरण, Excel/Sheets).
PUNCT = "।॥.,;:!?\"'“”‘’()[]{}«»—–…"
# Punctuation that ends a clause when it closes a piece or opens the next one.
CLAUSE_PUNCT = frozenset('।॥.,;:!?"“”‘’()[]«»—–…')


_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())


def has_latin_letter(text: str) -> bool:
    """Does ``text`` hold an ASCII letter? (Two C-level passes; a regex search costs more on long strings.)"""
    return bool(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))


@dataclass
class Unit:
    """One sentence (or a title / heading) of a content string."""

    pointer: str
    base: int  # offset of the unit in the string at ``pointer``
    text: str
    parts: list[str]  # whitespace-separated pieces, punctuation attached
    words: list[str]  # the same pieces without surrounding punctuation ("" for pure punctuation)
    paragraph: int  # running number of the content string
    _starts: list[int] | None = None
    _cuts: tuple[set[int], set[int]] | None = None

    def _offsets(self) -> list[int]:
        if self._starts is None:
            starts, pos, find = [], 0, self.text.find
            for p in self.parts:
                s = find(p, pos)
                starts.append(s)
                pos = s + len(p)
            self._starts = starts
        return self._starts

    def span(self, first: int, last: int) -> tuple[int, int]:
        """String offsets of words[first..last] (inclusive), without their surrounding punctuation."""
        starts = self._offsets()
        p0, p1 = self.parts[first], self.parts[last]
        lead = len(p0) - len(p0.lstrip(PUNCT))
        start = starts[first] + lead
        stripped = p1.rstrip(PUNCT)
        end = starts[last] + len(stripped)
        return self.base + start, self.base + end

    def cut_after(self, i: int) -> bool:
        """Does a clause end after word i (punctuation closes the piece, or the piece is punctuation)?"""
        if self._cuts is not None:
            return i in self._cuts[0]
        # the piece itself is looked at (as cut_sets would): most units are asked about one or two words, and
        # building the sets costs as much as a dozen such looks
        if not 0 <= i < len(self.parts):
            return False
        p, w = self.parts[i], self.words[i]
        return p is not w and (p[-1] in CLAUSE_PUNCT or not w)

    def cut_before(self, i: int) -> bool:
        """Does a clause start at word i (an opening quote or bracket)?"""
        if self._cuts is not None:
            return i in self._cuts[1]
        if not 0 <= i < len(self.parts):
            return False
        p = self.parts[i]
        return p is not self.words[i] and p[0] in CLAUSE_PUNCT

    def cut_sets(self) -> tuple[set[int], set[int]]:
        """(indexes after which a clause ends, indexes at which a clause starts), by punctuation."""
        if self._cuts is None:
            parts, ws = self.parts, self.words
            # str.strip returns the piece itself when there is nothing to strip, so this finds (in C) the few
            # pieces that carry punctuation; were it ever a copy, every piece would merely be looked at.
            marked = list(compress(range(len(parts)), map(is_not, parts, ws)))
            self._cuts = (
                {i for i in marked if parts[i][-1] in CLAUSE_PUNCT or not ws[i]},
                {i for i in marked if parts[i][0] in CLAUSE_PUNCT},
            )
        return self._cuts


def _make(ptr: str, base: int, text: str, para: int) -> Unit:
    parts = text.split()
    return Unit(ptr, base, text, parts, [p.strip(PUNCT) for p in parts], para)


def sentence_units(ctx: CheckContext) -> list[Unit]:
    """Every sentence of every paragraph, in reading order (cached on the context)."""
    cached = ctx.__dict__.get("_kc_sentence_units")
    if cached is None:
        cached, para, last = [], -1, None
        for ptr, start, _end, text in ctx.sentences():
            if ptr != last:
                para, last = para + 1, ptr
            cached.append(_make(ptr, start, text, para))
        ctx.__dict__["_kc_sentence_units"] = cached
    return cached


def all_units(ctx: CheckContext) -> list[Unit]:
    """The title and headings (one unit each) and every sentence of every paragraph (cached)."""
    cached = ctx.__dict__.get("_kc_all_units")
    if cached is None:
        cached = [_make(p, 0, t, -1) for p, t, _ in ctx.strings if not p.endswith("/text")]
        cached += sentence_units(ctx)
        ctx.__dict__["_kc_all_units"] = cached
    return cached
