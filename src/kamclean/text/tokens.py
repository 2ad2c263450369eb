"""Words and punctuation of a Hindi string, with their offsets.

A word is a run of letters, vowel signs, nukta, virama and digits, with ZWJ/ZWNJ kept inside it and hyphenated
compounds ("लाभ-साझाकरण") kept whole. Everything else that is not whitespace is a one-character punctuation
token. Offsets are into the string given, so a check can flag ``text[tok.start:end]`` exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_TOKEN = regex.compile(
    r"(?P<w>[\p{L}\p{M}\p{N}\u200c\u200d]+(?:[-‐][\p{L}\p{M}\p{N}\u200c\u200d]+)*)|(?P<p>[^\s\p{L}\p{M}\p{N}])"
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    word: bool  # False for a punctuation character


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; ``offset`` is added to every position (for a sentence inside a paragraph)."""
    return [
        Token(m.group(), m.start() + offset, m.end() + offset, m.lastgroup == "w") for m in _TOKEN.finditer(text)
    ]
