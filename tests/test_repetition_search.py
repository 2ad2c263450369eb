"""KC-R001 tries its pattern only where a match can start: the same matches as searching every position."""

from __future__ import annotations

import random

from kamclean.checks.repetition import _search_coordination, vocab

WORDS = ["सेवा", "खाता", "और", "तथा", "एवं", "व", "(सेवा", "सेवा,", "वव", "औरत", "क", "ख", "1", "ab", "।"]
SEPARATORS = [" ", " ", " ", "  ", "\t", ", ", "\n"]


def test_search_coordination_agrees_with_the_window_search() -> None:
    v = vocab()
    rng = random.Random(7)
    for _ in range(4000):
        text = "".join(rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 14)))
        lo = rng.randint(0, len(text))
        for a, b in ((lo, rng.randint(lo, len(text))), (0, len(text))):
            expected = v.coordination.search(text, a, b)
            got = _search_coordination(v, text, a, b)
            assert (got and (got.span(), got.group("x"))) == (expected and (expected.span(), expected.group("x")))
