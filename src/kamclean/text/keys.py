"""Matching keys: a folded copy of a string, searched by data-driven rules, with offsets mapped back exactly.

The same Hindi word reaches us spelt several ways: with or without nukta (ज़िम्मेदारी / जिम्मेदारी, रिज़्यूमे /
रिज्यूमे), with chandrabindu or anusvara (वाँ / वां), with or without ZWJ/ZWNJ. Glossary entries and term sets
should match all of them without listing every spelling. So rules search a *key* string:

* each word (letters, marks, digits) is replaced by its key: indic-nlp's ``IndicNormalizer`` for Hindi with
  nukta removal (which also drops ZWJ/ZWNJ and splits precomposed nukta letters), then chandrabindu folded
  into anusvara, then Unicode case folding (for Latin brand names and acronyms);
* every run of whitespace becomes one space; every other character is kept as it is.

The normalizer is applied *only* here, never to content (see :mod:`kamclean.ingest.text`): it also rewrites
"विषयसूची:" into "विषयसूचीः", which would corrupt real text. A key is never shown to anyone; a match in the key
is mapped back to the original string (:meth:`KeyedText.span`), so a flag always quotes the text as written.

Rule patterns are keyed the same way (:func:`key_pattern`), so a pattern written with a nukta still matches
text without one and the other way round.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import regex

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}\u200c\u200d]+")
_SPACE = regex.compile(r"\s+")
_TOKEN = regex.compile(r"([\p{L}\p{M}\p{N}\u200c\u200d]+)|(\s+)|(.)", regex.DOTALL)
_DEVANAGARI_RUN = regex.compile(r"[\u0900-\u097f\ua8e0-\ua8ff\u200c\u200d]+")
CHANDRABINDU = "\u0901"
ANUSVARA = "\u0902"
# The only characters whose key differs from themselves (indic-nlp's Hindi normalizer with nukta removal
# rewrites exactly these; chandrabindu is folded here; case folding is checked separately). A string with
# none of them, no case to fold and no whitespace other than single spaces is its own key: the fast path.
_KEYED_CHARS = (
    "\u093c",
    "\u0901",
    "\u0929",
    "\u0931",
    "\u0934",
    "\u0958",
    "\u0959",
    "\u095a",
    "\u095b",
    "\u095c",
    "\u095d",
    "\u095e",
    "\u095f",
    "\u0972",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u00a0",
    "  ",
    "\n",
    "\t",
    "\r",
    "\x0b",
    "\x0c",
)


def is_own_key(text: str) -> bool:
    """Is ``text`` its own key? (Then so is every substring of it.)"""
    return _is_own_key(text)


def _is_own_key(text: str) -> bool:
    return text.casefold() == text and not any(c in text for c in _KEYED_CHARS)


@lru_cache(maxsize=1)
def _normalizer():  # type: ignore[no-untyped-def]
    from indicnlp.normalize.indic_normalize import IndicNormalizerFactory

    return IndicNormalizerFactory().get_normalizer("hi", remove_nuktas=True)


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The key of one word (see the module docstring). Pure and cached."""
    if any("\u0900" <= ch <= "\u097f" for ch in word):
        word = _normalizer().normalize(word)
        word = word.replace(CHANDRABINDU, ANUSVARA)
    return word.casefold()


def text_key(text: str) -> str:
    """The key of a whole string (no offset map): for comparing sentences and building sets of keys."""
    return KeyedText.build(text).key


@dataclass(frozen=True)
class KeyedText:
    """A string, its key, and the piecewise map between them.

    ``pieces`` holds (key start, original start, original end, same) for each token; ``same`` means the
    token's
    key is identical to its text, so offsets inside it map one to one. Inside a token whose key differs (a
    nukta was dropped) an offset snaps to the token's start or end, which is exact for word-aligned matches.
    """

    text: str
    key: str
    kstarts: tuple[int, ...]
    pieces: tuple[tuple[int, int, int, bool], ...]

    @classmethod
    def build(cls, text: str, own: bool | None = None) -> KeyedText:
        """Key ``text``. ``own=True`` says the caller already knows it is its own key (a substring of one)."""
        if own or (own is None and _is_own_key(text)):  # most sentences: no nukta, no capitals, single spaces
            return cls(text, text, (0,), ((0, 0, len(text), True),))
        parts: list[str] = []
        kstarts: list[int] = []
        pieces: list[tuple[int, int, int, bool]] = []
        pos = 0
        for m in _TOKEN.finditer(text):
            word, space, other = m.group(1), m.group(2), m.group(3)
            if word is not None:
                k = word_key(word)
            elif space is not None:
                k = " "
            else:
                k = other
            kstarts.append(pos)
            pieces.append((pos, m.start(), m.end(), k == m.group(0)))
            parts.append(k)
            pos += len(k)
        return cls(text, "".join(parts), tuple(kstarts), tuple(pieces))

    def _orig(self, kpos: int, end: bool) -> int:
        if not self.pieces:
            return 0
        if kpos >= len(self.key):
            return len(self.text)
        i = bisect_right(self.kstarts, kpos) - 1
        kstart, ostart, oend, same = self.pieces[i]
        if kpos == kstart:
            return ostart
        if same:
            return ostart + (kpos - kstart)
        return oend if end else ostart

    def span(self, kstart: int, kend: int) -> tuple[int, int]:
        """Original (start, end) of the key span [kstart, kend)."""
        if self.key is self.text:  # the string is its own key
            return kstart, max(kstart, kend)
        if kend <= kstart:
            s = self._orig(kstart, end=False)
            return s, s
        # the end maps through the last character of the span, so that a span ending inside a changed token
        # covers the whole token
        return self._orig(kstart, end=False), self._orig_end(kend)

    def _orig_end(self, kend: int) -> int:
        i = bisect_right(self.kstarts, kend - 1) - 1
        kstart, ostart, oend, same = self.pieces[i]
        if same:
            return ostart + (kend - kstart)
        return oend


def _is_word_char(ch: str) -> bool:
    return ch in "\u200c\u200d" or unicodedata.category(ch)[0] in "LMN"


@lru_cache(maxsize=65536)
def token_words(token: str) -> tuple[str, ...]:
    """The words (maximal runs of letters, marks, digits, ZWJ/ZWNJ) of a token without whitespace."""
    for ch in set(token):
        if not _is_word_char(ch):
            token = token.replace(ch, " ")
    return tuple(token.split())


def key_pattern(source: str) -> str:
    """A rule pattern with its Devanagari runs keyed like text, so that both sides fold the same way.

    Only maximal runs of Devanagari letters and signs are touched; regex syntax is ASCII and is left
    alone. A run
    inside a character class (``[ंँ]``) stays a valid class.
    """
    return _DEVANAGARI_RUN.sub(lambda m: word_key(m.group(0)) or m.group(0), source)


def words(text: str) -> list[str]:
    return _WORD.findall(text)
