"""The per-dot sentence splitter: the specification of the linear one in kamclean.segment.sentences."""

from __future__ import annotations

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


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the "." at ``dot`` part of an abbreviation rather than a sentence end?"""
    head = text[: dot + 1]
    m = regex.search(r"(\S+)$", head)
    if not m:
        return False
    token = m.group(1).lstrip("(\"'“‘")
    if token.casefold() in _abbreviations():
        return True
    # a dotted chain of short pieces ("यू.एस.", "U.S.", "पीएच.डी.") with at least two dots
    return token.count(".") >= 2 and _DOTTED.search(token) is not None


def reference_split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for m in _TERMINATOR.finditer(text):
        end = m.end()
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
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
