"""Split a paragraph into sentences at । ॥ ? ! and a sentence-final ".".

A "." ends a sentence only when whitespace or the end follows it, and it is not part of an abbreviation or a
dotted initialism: "यू.एस. ब्यूरो" and "डॉ. शर्मा" stay whole, "3.5" never splits. Closing quotes and brackets
after a terminator belong to the sentence that ends there when whitespace or the end follows them; glued to
a word ("थे।'मुख्य'") the quote opens the next sentence.

Sentences are exact substrings of the paragraph (offsets are kept), stripped of surrounding whitespace.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import regex

from kamclean.model import Sentence

_CLOSERS = regex.escape("'\"’”)]»")
_TERMINATOR = regex.compile(
    rf"(?:[।॥?!]+|\.(?=[{_CLOSERS}]*(?:\s|$)))[{_CLOSERS}]*(?=\s|$)"  # terminator (+ closers) before space/end
    r"|[।॥?!]+(?=\S)"  # terminator glued to the next word: the quote after it opens the next sentence
)
# A token before "." that is an abbreviation, not a sentence end: single letters or syllables in a dotted chain
# (यू.एस., U.S., e.g.) and common short titles.
_DOTTED = regex.compile(r"(?:^|(?<=[\s(\"'“‘]))(?:[\p{L}\p{M}]{1,3}\.)+$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from kamclean.clean.catalog import packaged_path

    path = packaged_path("abbreviations.txt")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.casefold())
    return frozenset(words)


@lru_cache(maxsize=1)
def _longest_abbreviation() -> int:
    # casefold() never shortens a string, so a token longer than every entry cannot be one
    return max((len(w) for w in _abbreviations()), default=0)


_OPENERS = "(\"'“‘"
_SPACE = regex.compile(r"\s")
_CHAIN = regex.compile(r"(?:[\p{L}\p{M}]{1,3}\.)+")


class _Dots:
    """Answers "is the "." at ``dot`` part of an abbreviation?" for one paragraph in linear time overall.

    The question is about the token (maximal run of non-space characters, leading openers stripped) that ends
    at the dot: the token is a known abbreviation, or it is a dotted chain of 1-3 letter pieces ("यू.एस.") with
    at least two dots. A chain may start at the token's start or right after an opening quote or bracket. Work
    is done once per token (whitespace positions found once, chains matched once), so a paragraph full of dots,
    or a megabyte-long token, costs time proportional to its length.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.spaces = [m.start() for m in _SPACE.finditer(text)]
        # token start -> (start after openers, positions of its dots, dots that end a dotted chain)
        self.tokens: dict[int, tuple[int, list[int], set[int]]] = {}

    def _token(self, dot: int) -> tuple[int, list[int], set[int]]:
        i = bisect_right(self.spaces, dot)
        start = self.spaces[i - 1] + 1 if i else 0
        if start not in self.tokens:
            end = self.spaces[i] if i < len(self.spaces) else len(self.text)
            text = self.text
            ls = start
            while ls < end and text[ls] in _OPENERS:
                ls += 1
            dots = [j for j in range(ls, end) if text[j] == "."]
            chain_dots: set[int] = set()
            starts = [ls] + [p + 1 for p in range(ls, end) if text[p] in _OPENERS]
            for s in starts:
                m = _CHAIN.match(text, s, end)
                if m:
                    chain_dots.update(j for j in range(s, m.end()) if text[j] == ".")
            self.tokens[start] = (ls, dots, chain_dots)
        return self.tokens[start]

    def is_abbreviation(self, dot: int) -> bool:
        ls, dots, chain_dots = self._token(dot)
        if dot + 1 - ls <= _longest_abbreviation():
            if self.text[ls : dot + 1].casefold() in _abbreviations():
                return True
        # a dotted chain of short pieces ("यू.एस.", "U.S.", "पीएच.डी.") with at least two dots
        return dot in chain_dots and bisect_right(dots, dot) >= 2


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the "." at ``dot`` part of an abbreviation rather than a sentence end?"""
    return _Dots(text).is_abbreviation(dot)


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    dots: _Dots | None = None
    for m in _TERMINATOR.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            if dots is None:
                dots = _Dots(text)
            if dots.is_abbreviation(m.start()):
                continue
        _emit(text, start, end, out)
        start = end
    _emit(text, start, len(text), out)
    return out


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(text[start:end], start, end))
