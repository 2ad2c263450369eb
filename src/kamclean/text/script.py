"""Script first, statistics second: language identification that does not mistake short Hindi for Marathi.

langdetect is a character n-gram model. On short Devanagari it often answers Marathi or Nepali, and on a lone
Latin word it guesses wildly ("Anonim" → Tagalog). So:

1. Count letters per script. The dominant script decides the candidate languages.
2. For Devanagari, decide between Hindi, Marathi and Nepali by their function words (है/के/में vs आहे/आणि/च्या
   vs छ/हुन्छ/गर्न), which are frequent, short and unambiguous, and only fall back to langdetect (seeded)
   when neither has evidence.
3. For other scripts, ask langdetect, seeded so that results are repeatable, and only about runs long enough
   (``min_chars``) for its answer to mean something.

langdetect is imported lazily: it costs ~0.2 s to load its profiles, which a one-file check should not pay.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

import regex

from kamclean.text import charmask

_LETTER = regex.compile(r"\p{L}")
# Script=Devanagari as explicit ranges: the letters and signs of the Devanagari block (without the danda and
# double danda, which the script property leaves out as shared punctuation), Devanagari Extended and the whole
# Devanagari Extended-A block (U+11B00–U+11B5F, filled in over recent Unicode versions). tests/test_language.py
# checks that this covers ``regex``'s \p{Devanagari} of whatever Unicode version is installed. Matched with the
# standard library's ``re``, which scans a plain range class about 1.5× faster than ``regex`` scans the property.
DEVANAGARI_RANGES = "\u0900-\u0950\u0955-\u0963\u0966-\u097f\ua8e0-\ua8ff\U00011b00-\U00011b5f"
_DEVANAGARI_WORD = re.compile(f"[{DEVANAGARI_RANGES}]+")

# Function words that are frequent in one language and rare or absent in the others.
_MARKERS = {
    "hi": frozenset("है हैं था थे थी के की का में से को और नहीं भी यह वह लिए पर कि".split()),
    "mr": frozenset("आहे आहेत आणि च्या मध्ये नाही होते झाले करून त्या हे".split()),
    "ne": frozenset("छ छन् हुन्छ गर्न र मा लागि पनि थियो गरेको भएको".split()),
}

LANGDETECT_SEED = 0
_ISO15924 = {"Devanagari": "Deva", "Latin": "Latn"}


def script_of(ch: str) -> str:
    if "\u0900" <= ch <= "\u097f" or "\ua8e0" <= ch <= "\ua8ff":
        return "Devanagari"
    if ch.isascii() or "\u00c0" <= ch <= "\u024f":
        return "Latin"
    return "Other"


_SCRIPTS = ("Devanagari", "Latin", "Other")


def _letter_of(script: str) -> Callable[[str], bool]:
    return lambda ch: _LETTER.match(ch) is not None and script_of(ch) == script


_LETTER_OF = {script: _letter_of(script) for script in _SCRIPTS}


def _script_counts_slow(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in _LETTER.findall(text):
        s = script_of(ch)
        counts[s] = counts.get(s, 0) + 1
    return counts


def script_counts(text: str) -> dict[str, int]:
    """Letters per script (see :func:`script_of`), keyed in order of each script's first letter.

    Counted with character masks (:mod:`kamclean.text.charmask`), not a Python loop over characters.
    """
    m = charmask.masks(text)
    if m is None:
        return _script_counts_slow(text)
    found = []
    for script in _SCRIPTS:
        hits = m.mask(f"letter:{script}", _LETTER_OF[script])
        if hits:
            found.append((charmask.first_index(hits), script, hits.bit_count()))
    return {script: n for _, script, n in sorted(found)}


@lru_cache(maxsize=1)
def _factory() -> object:
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = LANGDETECT_SEED
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def langdetect_probs(text: str) -> list[tuple[str, float]]:
    """Seeded langdetect: [(code, probability)], best first; [] when it finds no features."""
    return list(_langdetect_probs(text))


# Seeded, so the answer for a text never changes: scraped pages repeat the same English lines (a site's
# boilerplate, an untranslated stock sentence), and an ambiguous line costs langdetect up to ~15 ms.
@lru_cache(maxsize=4096)
def _langdetect_probs(text: str) -> tuple[tuple[str, float], ...]:
    from langdetect.lang_detect_exception import LangDetectException

    factory = _factory()
    try:
        det = factory.create()  # type: ignore[attr-defined]
        det.append(text)
        return tuple((p.lang, float(p.prob)) for p in det.get_probabilities())
    except LangDetectException:
        return ()


def devanagari_language(text: str) -> tuple[str, float]:
    counts = Counter(_DEVANAGARI_WORD.findall(text))
    hits = {lang: sum(counts[w] for w in markers) for lang, markers in _MARKERS.items()}
    total = sum(hits.values())
    if total >= 3:
        best = max(hits, key=lambda k: hits[k])
        return best, round(hits[best] / total, 3)
    probs = langdetect_probs(text)
    if probs and probs[0][0] in ("hi", "mr", "ne"):
        return probs[0][0], round(probs[0][1], 3)
    return "hi", 0.5


def detect_language(text: str, min_chars: int = 40) -> dict[str, object]:
    """The article's language as {code, confidence, script, method}."""
    counts = script_counts(text)
    letters = sum(counts.values())
    if not letters:
        return {"code": "und", "confidence": 0.0, "script": None, "method": "none"}
    script, n = max(counts.items(), key=lambda kv: kv[1])
    share = n / letters
    iso = _ISO15924.get(script, "Zyyy")
    if script == "Devanagari":
        code, conf = devanagari_language(text)
        return {"code": code, "confidence": round(conf * share, 3), "script": "Deva", "method": "script+markers"}
    if n < min_chars:
        return {"code": "und", "confidence": 0.0, "script": iso, "method": "too-short"}
    probs = langdetect_probs(text)
    if not probs:
        return {"code": "und", "confidence": 0.0, "script": iso, "method": "langdetect"}
    code, p = probs[0]
    return {"code": code, "confidence": round(p * share, 3), "script": iso, "method": "langdetect"}
