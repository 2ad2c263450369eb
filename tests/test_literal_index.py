"""The per-article prefilter of data-driven rules agrees with testing every matcher on its own."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kamclean.checks.base import CheckContext
from kamclean.checks.glossary import load_glossary
from kamclean.checks.terms import load_terms
from kamclean.config import Config
from kamclean.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "raw").rglob("*.txt"))
EXTRA = (
    "एक प्रमुख खाता प्रबंधक (Key Account Manager) ग्राहकों, क्लाइंट्स और बिक्री प्रबंधक से मिलता है।\n\n"
    "उसका औसत वेतन $ 51,933 है; 25 वां प्रतिशत — सेल्स मैनेजर\u00a0ज़िम्मेदारी॥ PayScale के अनुसार।\n"
)


def _words(blob: str) -> frozenset[str]:
    """The article's words the slow way: every character that is not a letter, mark, digit or joiner splits."""
    for ch in set(blob):
        if not (ch in "\u200c\u200d" or unicodedata.category(ch)[0] in "LMN") and not ch.isspace():
            blob = blob.replace(ch, " ")
    return frozenset(blob.split())


@pytest.mark.parametrize("data", [p.read_bytes() for p in ARTICLES] + [EXTRA.encode()], ids=lambda d: str(len(d)))
def test_alive_agrees_with_may_occur(data: bytes) -> None:
    cfg = Config()
    ctx = CheckContext(analyse(data, "a.txt", cfg).article, cfg)
    blob = ctx.blob[0]
    words = _words(blob)
    assert ctx.key_words == words
    glossary, terms = load_glossary(), load_terms()
    expected = {r.meta.id for r in glossary if r.conditions[0].matcher.may_occur(blob, words)}
    assert glossary[0].index is not None and glossary[0].index.alive(ctx) == expected
    expected = {r.meta.id for r in terms if sum(m.may_occur(blob, words) for m in r.variants) >= 2}
    assert terms[0].index is not None and terms[0].index.alive(ctx) == expected
    # without the word set every literal is searched for in the text, which can only let more rules through
    assert glossary[0].index.alive(ctx) <= {r.meta.id for r in glossary if r.conditions[0].matcher.may_occur(blob)}
