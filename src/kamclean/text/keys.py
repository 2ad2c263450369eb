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
from functools import lru_cache
from itertools import accumulate, chain, compress
from operator import ne
from typing import NamedTuple

import regex

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}\u200c\u200d]+")
_SPACE = regex.compile(r"\s+")
_SPLIT = regex.compile(r"([\p{L}\p{M}\p{N}\u200c\u200d]+|\s+)")
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


# Every keyed character but these is unprintable (a control, format or separator character): a printable text
# (``str.isprintable``, one pass in C) is tested for these alone.
_KEYED_PRINTABLE = tuple(c for c in _KEYED_CHARS if c.isprintable())


def _is_own_key(text: str) -> bool:
    if text.isprintable():
        return text.casefold() == text and not any(map(text.__contains__, _KEYED_PRINTABLE))
    return text.casefold() == text and not any(map(text.__contains__, _KEYED_CHARS))


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


@lru_cache(maxsize=65536)
def _token_key(token: str) -> str:
    """The key of a word, or of a run of whitespace (one space)."""
    return " " if token[0].isspace() else word_key(token)


def _token_changes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each token of ``text`` whose key differs from it, in order.

    The tokens are words (their key: :func:`word_key`), runs of whitespace (one space) and single other
    characters (their own key).
    """
    parts = _SPLIT.split(text)  # even items: runs of other characters; odd items: words and whitespace runs
    tokens = parts[1::2]
    keys = list(map(_token_key, tokens))
    changed = compress(range(len(tokens)), map(ne, keys, tokens))
    starts = list(accumulate(map(len, parts), initial=0))
    return [(starts[2 * j + 1], starts[2 * j + 2], keys[j]) for j in changed]


@lru_cache(maxsize=65536)
def _chunk_changes(chunk: str) -> tuple[tuple[int, int, str], ...]:
    if _is_own_key(chunk):  # most chunks of a text with a keyed word: not keyed at all (the normalizer is slow)
        return ()
    return tuple(_token_changes(chunk))


# The keyed characters a printable text can hold (the Devanagari ones: ZWJ/ZWNJ and the whitespace characters
# are unprintable): in a printable text with no case to fold, only a chunk with one of these can change.
_KEYED_PRINTABLE_CHARS = tuple(c for c in _KEYED_PRINTABLE if len(c) == 1)


def _changes(text: str) -> list[tuple[int, int, str]]:
    """:func:`_token_changes`, fast for the usual sentence: words and punctuation separated by single spaces.

    Then the text is keyed chunk by chunk (the pieces between spaces, which recur from article to article and
    are remembered), and only a chunk with a changed token costs more than a cache lookup. In a text with no
    case to fold, only the chunks holding a keyed character are looked at.
    """
    # Other whitespace (or a run of spaces, or a space at either end): tokenise the whole text. Every whitespace
    # character but the space is unprintable, so the usual text is cleared without splitting it a second time.
    single = text.isprintable() and text[:1] != " " != text[-1:] and "  " not in text
    if single and text.casefold() == text:
        hits = sorted(chain.from_iterable(find_all(text, c) for c in _KEYED_PRINTABLE_CHARS if c in text))
        out: list[tuple[int, int, str]] = []
        end = -1  # end of the last chunk keyed
        for pos in hits:
            if pos < end:
                continue
            start = text.rfind(" ", 0, pos) + 1
            end = text.find(" ", pos)
            if end < 0:
                end = len(text)
            out += [(start + s, start + e, key) for s, e, key in _chunk_changes(text[start:end])]
        return out
    chunks = text.split(" ")
    if not single and chunks != text.split():
        return _token_changes(text)
    found = list(map(_chunk_changes, chunks))
    out = []
    start = done = 0  # chunk ``done`` starts at ``start`` (one space after each chunk)
    for i in compress(range(len(found)), found):  # the few chunks with a changed token
        start += sum(map(len, chunks[done:i])) + i - done
        done = i
        out += [(start + s, start + e, key) for s, e, key in found[i]]
    return out


def find_all(text: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    """Every position where ``needle`` starts in ``text[start:end]`` (positions in ``text``, overlaps included),
    found with ``str.find`` in C."""
    end = len(text) if end is None else end
    found: list[int] = []
    i = text.find(needle, start, end)
    while i >= 0:
        found.append(i)
        i = text.find(needle, i + 1, end)
    return found


def text_key(text: str) -> str:
    """The key of a whole string (no offset map): for comparing sentences and building sets of keys."""
    return KeyedText.build(text).key


class KeyedText(NamedTuple):
    """A string, its key, and the piecewise map between them.

    ``pieces`` holds (key start, original start, original end, same) for each token whose key differs from
    its text (a word whose nukta was dropped, a run of whitespace) and for each stretch of text between them,
    which is its own key (``same``): offsets inside such a stretch map one to one. Inside a token whose key
    differs an offset snaps to the token's start or end, which is exact for word-aligned matches.
    """

    text: str
    key: str
    kstarts: tuple[int, ...]
    pieces: tuple[tuple[int, int, int, bool], ...]

    @classmethod
    def own(cls, text: str) -> KeyedText:
        """``text`` that is known to be its own key."""
        return cls(text, text, (0,), ((0, 0, len(text), True),))

    @classmethod
    def build(cls, text: str, own: bool | None = None) -> KeyedText:
        """Key ``text``. ``own=True`` says the caller already knows it is its own key (a substring of one)."""
        if own or (own is None and _is_own_key(text)):  # most sentences: no nukta, no capitals, single spaces
            return cls.own(text)
        changes = _changes(text)
        if not changes:
            return cls.own(text)
        # Only the tokens whose key differs get a piece of their own; the text between them is one piece
        # that maps one to one (the same offsets as a piece per token would give).
        kparts: list[str] = []
        pieces: list[tuple[int, int, int, bool]] = []
        shift = done = 0  # key offset minus text offset; text offset up to which pieces are made
        for start, end, key in changes:
            if start > done:
                pieces.append((done + shift, done, start, True))
                kparts.append(text[done:start])
            pieces.append((start + shift, start, end, False))
            kparts.append(key)
            shift += len(key) - (end - start)
            done = end
        if done < len(text):
            pieces.append((done + shift, done, len(text), True))
            kparts.append(text[done:])
        return cls(text, "".join(kparts), tuple(p[0] for p in pieces), tuple(pieces))

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


@lru_cache(maxsize=4096)  # called for every distinct character of every new token; the characters repeat
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
