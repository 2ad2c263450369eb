"""Untranslated or foreign-language text (KC-U###): English left in the Hindi, other scripts, other languages.

Script first, statistics second (see :mod:`kamclean.text.script`). A run of Latin letters is only a candidate:
Hindi text of this genre legitimately carries brand and product names (PayScale, Microsoft Excel), degrees and
acronyms (MBA, B.Ed), units, URLs and citations. Shape tells most of those apart (ALL CAPS, CamelCase, dotted
acronyms, Capitalised names joined by "of" / "and"), a data allowlist the rest, and anything of three words or
fewer is a term, not a sentence, unless it is a plain lower-case English phrase between Hindi words ("यह एक medical
emergency है"). Only a longer run is asked about, and langdetect (seeded) is
asked only when the
run has at least ``min_foreign_chars`` letters; it is never asked about Devanagari, which it confuses with
Marathi and Nepali. Devanagari is judged by function words instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from kamclean.checks.base import CheckContext, Finding, RuleMeta
from kamclean.checks.lexicon import load_data, words
from kamclean.checks.units import has_latin_letter, sentence_units
from kamclean.config import Config
from kamclean.text.script import langdetect_probs

_L = r"A-Za-z\u00c0-\u024f"
_MASK = regex.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|in|io|co)\b(?:/\S*)?"  # bare domains (Photos.com)
)
_LATIN_WORD = rf"[{_L}][{_L}0-9'’.\-]*"  # (digits inside a word: "GSTR-2B", "H3N2", "COVID-19")
# (an amount inside an English sentence, "$500,000", does not end the run)
_LATIN_RUN = regex.compile(rf"{_LATIN_WORD}(?:[ \t,;:()&/\"“”'‘’\-]+(?:{_LATIN_WORD}|[$€£]?[0-9][0-9,.]*%?))*")
_WORD = regex.compile(_LATIN_WORD)
_LETTER = regex.compile(rf"[{_L}]")
# A fast pre-check for letters of other scripts: code-point ranges of the scripts in foreign.yaml (and Greek,
# which the precise per-script pattern then ignores). A class of explicit code points means the same to both
# engines, and the standard library's scans a whole article for one about six times faster than `regex`
# (this is the only use of `re` here: it never matches Hindi).
_ANY_OTHER = re.compile(
    "[\u0370-\u08ff\u0980-\u0dff\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af"
    "\ufb1d-\ufdff\ufe70-\ufeff]"
)
# Minimum langdetect probability for naming a language.
MIN_PROB = 0.90
# A run with fewer words than this is a term or a name, never a sentence.
MIN_WORDS = 4
# Without langdetect (a short run), this many English function words and this many letters make it English.
MIN_FUNCTION_WORDS = 2
MIN_SHORT_LETTERS = 20
# A whole Latin sentence (capital first, . ! ? last) with this many words that are not names is judged by
# langdetect at a lower confidence: a sentence is a clearer unit than a run cut out of one.
MIN_SENTENCE_WORDS = 3
SENTENCE_MIN_PROB = 0.70
SENTENCE_END = (".", "!", "?")
# A run this rich in English function words (at least this many, and at least this share of its words) is
# English without asking langdetect, which costs about 1.5 ms a run. Measured on the 3,110 such runs of at
# least 40 letters in the control corpora (both sides) and the blind sets (tests/eval-blind):
# langdetect named English with probability >= 0.90 for 3,093. The other 17 are English too: langdetect gave
# English below 0.90 (which the function-word fallback below calls English anyway) or, for one, "Danish"
# ("findings may be present even before symptom onset."). So the flags are the same, and the language named
# is right more often. (scripts/langdetect_shortcut.py reproduces the count.)
PLAIN_ENGLISH_WORDS = 2
PLAIN_ENGLISH_SHARE = 1 / 5
# Other-script runs shorter than this (in letters) are symbols (a Greek μ, an Arabic comma), not text.
MIN_OTHER_LETTERS = 3
# A Devanagari sentence needs this many words, and this many different Marathi / Nepali markers with no Hindi
# function word at all, to be called Marathi / Nepali.
MIN_DEVANAGARI_WORDS = 4
MIN_MARKERS = 2


@dataclass(frozen=True)
class _Vocab:
    allow: frozenset[str]
    function_words: frozenset[str]
    connectors: frozenset[str]
    languages: dict[str, str]
    scripts: dict[str, str]
    other_script: regex.Pattern[str]
    any_other: re.Pattern[str]
    markers: dict[str, frozenset[str]]
    hindi: frozenset[str]
    citation: regex.Pattern[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    d = load_data("foreign.yaml")
    scripts = {str(k): str(v) for k, v in d["other_scripts"].items()}
    alternatives = "|".join(rf"(?P<{name}>\p{{{name}}}+(?:[ \t]+\p{{{name}}}+)*)" for name in scripts)
    return _Vocab(
        allow=frozenset(w.casefold() for w in words(d["allow"])),
        function_words=words(d["english_function_words"]),
        connectors=words(d["name_connectors"]),
        languages={str(k): str(v) for k, v in d["language_names"].items()},
        scripts=scripts,
        other_script=regex.compile(alternatives),
        any_other=_ANY_OTHER,
        markers={str(k): words(v) for k, v in d["devanagari_markers"].items()},
        hindi=words(d["hindi_markers"]),
        citation=regex.compile(
            r"\((?:19|20)[0-9]{2}[a-z]?\)|\b(?:"
            + "|".join(regex.escape(str(m)).replace("\\ ", r"\s+") for m in d["citation_markers"])
            + r")\b",
            regex.IGNORECASE,
        ),
    )


def _name_like(word: str, voc: _Vocab) -> bool:
    bare = word.strip(".'’-")
    if not bare:
        return True
    key = regex.sub(r"[.'’\-]", "", bare).casefold()
    return (
        key in voc.allow
        or bare[0].isupper()  # Capitalised, ALL CAPS, CamelCase: names, acronyms, titles of works
        or "." in bare  # dotted abbreviations: B.Ed, e.g., Ph.D
        or any(ch.isupper() for ch in bare[1:])  # iPhone, eBay
    )


def _latin_findings(ptr: str, text: str, min_chars: int, voc: _Vocab) -> Iterable[Finding]:
    for m in _LATIN_RUN.finditer(text):
        if m.group().count(" ") + 1 < MIN_WORDS:
            short = _short_phrase(ptr, text, m, voc)  # (a run of two or three lower-case words: a phrase)
            if short is not None:
                yield short
            continue  # cheap pre-check: too few words to be a sentence
        run = m.group()
        masked = _MASK.sub(lambda x: " " * len(x.group()), run)  # URLs and e-mail addresses are not text
        for sub in _LATIN_RUN.finditer(masked):
            finding = _judge(ptr, m.start() + sub.start(), sub.group(), min_chars, voc)
            if finding is not None:
                yield finding


# A lower-case English word of a short phrase (three letters or more; hyphenated words too: on-the-job).
_LOWER_PHRASE_WORD = regex.compile(r"[a-z]{2,}(?:-[a-z]{2,})*")
MIN_PHRASE_LETTERS = 3
_DEVANAGARI = regex.compile(r"\p{Devanagari}")


def _short_phrase(ptr: str, text: str, m: regex.Match[str], voc: _Vocab) -> Finding | None:
    """A run of two or three lower-case English words inside Hindi prose ("यह एक medical emergency है", "…
    on-the-job training मिलती है"): a term MT left in English. Names, brands, products and titles are capitalised
    or listed (foreign.yaml allow), acronyms are in capitals, units are short, and a citation's "et al" is listed;
    so a phrase of plain lower-case words of three letters or more, with Devanagari on both sides, is English
    text the reader is left with."""
    run = trim_run(m.group())
    ws = run.split()
    if not 2 <= len(ws) < MIN_WORDS or len(ws) != len(run_words(run)):
        return None
    for w in ws:
        if not _LOWER_PHRASE_WORD.fullmatch(w) or len(w) < MIN_PHRASE_LETTERS or w in voc.allow:
            return None
    if voc.citation.search(run):
        return None
    before, after = text[max(0, m.start() - 3) : m.start()], text[m.start() + len(run) : m.start() + len(run) + 3]
    if not (_DEVANAGARI.search(before) and _DEVANAGARI.search(after)):
        return None  # (a phrase at the edge of an English passage, or in a line of its own)
    return Finding(
        ptr,
        m.start(),
        m.start() + len(run),
        f"English text left untranslated in the Hindi article ({len(ws)} words).",
    )


def trim_run(run: str) -> str:
    """A Latin run without the punctuation and spaces that trail it."""
    return run.rstrip(" \t,;:(&/\"“'‘-")


def run_words(run: str) -> list[str]:
    """The words of a Latin run, without the dots, apostrophes and hyphens around them."""
    return [w for w in (w.strip(".'’-") for w in _WORD.findall(run)) if w]


def function_words(ws: list[str], voc: _Vocab) -> int:
    """How many of the words are English function words."""
    return sum(1 for w in ws if w in voc.function_words)


def plainly_english(function: int, n_words: int) -> bool:
    """Are enough of a run's words English function words to call it English without asking langdetect?"""
    return function >= PLAIN_ENGLISH_WORDS and function >= PLAIN_ENGLISH_SHARE * n_words


_LOWER_WORD = regex.compile(r"[a-z]{2,}")


def _judge(ptr: str, start: int, run: str, min_chars: int, voc: _Vocab) -> Finding | None:
    run = trim_run(run)
    ws = run_words(run)
    if len(ws) < MIN_WORDS:
        return None
    if _name_like(ws[0], voc) and all(_name_like(w, voc) or w in voc.connectors for w in ws):
        return None  # a proper name or title: Bureau of Labor Statistics, Microsoft Office Specialist
    if voc.citation.search(run):
        return None  # a reference: "Smith, J. (2010). The effects of stress on health. J. Health 5, 1-10"
    letters = len(_LETTER.findall(run))
    function = function_words(ws, voc)
    language = ""
    if plainly_english(function, len(ws)):
        language = voc.languages.get("en", "English")
    elif letters >= min_chars:
        probs = langdetect_probs(run)
        if probs and probs[0][1] >= MIN_PROB:
            code = probs[0][0]
            language = voc.languages.get(code, f"Foreign-language (langdetect: {code})")
    if not language and function >= MIN_FUNCTION_WORDS and letters >= MIN_SHORT_LETTERS:
        language = voc.languages.get("en", "English")
    if not language and _english_sentence(run, ws, voc):
        language = voc.languages.get("en", "English")
    if not language and function >= 1 and all(_LOWER_WORD.fullmatch(w) for w in ws):
        # "…, subject to document verification.": a phrase of plain lower-case words with an English function
        # word; names, brands, titles and acronyms are capitalised, and langdetect is unsure on so few letters
        language = voc.languages.get("en", "English")
    if not language:
        return None
    return Finding(
        ptr,
        start,
        start + len(run),
        f"{language} text left untranslated in the Hindi article ({len(ws)} words).",
    )


def _english_sentence(run: str, ws: list[str], voc: _Vocab) -> bool:
    """Is the run a whole English sentence too short for the tests above ("Start small, but start early.")?
    It opens with a capital, ends with . ! or ?, has at least MIN_SENTENCE_WORDS words that are not names, and
    it holds an English function word or langdetect (asked even below min_foreign_chars, as a sentence is a clear
    unit) calls it English with at least SENTENCE_MIN_PROB. Names and titles of works are capitalised throughout
    and never get here."""
    if not run.endswith(SENTENCE_END) or not ws[0][:1].isupper():
        return False
    if sum(1 for w in ws[1:] if not _name_like(w, voc)) < MIN_SENTENCE_WORDS:
        return False
    if function_words(ws, voc) >= 1:
        return True  # "Symptoms often get worse at night.": langdetect calls it Afrikaans; an English function
        # word in a whole Latin sentence of a Hindi article settles it
    probs = langdetect_probs(run)
    return bool(probs) and probs[0][0] == "en" and probs[0][1] >= SENTENCE_MIN_PROB


class UntranslatedLatin:
    meta = RuleMeta(
        id="KC-U001",
        name="untranslated-latin-text",
        category="untranslated",
        severity="major",
        summary="A sentence or phrase in English (or another Latin-script language) is left in the text.",
        what=(
            "Finds runs of Latin-script words of four words or more that are not a name, "
            "title, acronym, unit, "
            "URL or listed brand, and flags them when langdetect (seeded, asked only about runs of at least "
            "min_foreign_chars letters) names a language with high confidence, or when the run "
            "reads as English "
            "prose (two or more English function words, or one in a run of lower-case words only: names, "
            "brands and titles are capitalised). A shorter run of two or three plain lower-case English words "
            "between Hindi words (यह एक medical emergency है) is flagged too."
        ),
        why=(
            "Machine translation leaves a segment in the source language when it fails on it, "
            "and readers of a "
            "Hindi article cannot be expected to read it. Hindi in this genre does keep short Latin terms "
            "(PayScale, MBA, B.Ed, LinkedIn, TET, USD, kg) and proper names, which are not errors; a run of "
            "English prose is."
        ),
        example="इस पद के लिए the candidate must have five years of experience जरूरी है।",
        instead="इस पद के लिए उम्मीदवार के पास पांच साल का अनुभव होना जरूरी है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        voc = _vocab()
        for ptr, text, _line in ctx.strings:
            if has_latin_letter(text):
                yield from _latin_findings(ptr, text, ctx.config.min_foreign_chars, voc)


class ForeignScript:
    meta = RuleMeta(
        id="KC-U002",
        name="foreign-script-text",
        category="untranslated",
        severity="major",
        summary="Text in a script other than Devanagari or Latin (Urdu, Bengali, Gurmukhi, …) is left in.",
        what="Flags every run of three or more letters of another script (Urdu, Bengali, Gurmukhi, …).",
        why=(
            "A Hindi article is written in Devanagari, with Latin for names and terms. Letters of another "
            "script are untranslated or mis-transliterated text that a Hindi reader cannot read."
        ),
        example="वह ग्राहकों से ملاقات करता है।",
        instead="वह ग्राहकों से मुलाकात करता है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        voc = _vocab()
        if voc.any_other.search(ctx.joined) is None:
            return
        for ptr, text, _line in ctx.strings:
            if voc.any_other.search(text) is None:
                continue
            for m in voc.other_script.finditer(text):
                if len(_LETTER_ANY.findall(m.group())) < MIN_OTHER_LETTERS:
                    continue
                script = voc.scripts[m.lastgroup or ""]
                yield Finding(ptr, m.start(), m.end(), f"Text in {script} left in the Hindi article.")


_LETTER_ANY = regex.compile(r"\p{L}")


class NonHindiDevanagari:
    meta = RuleMeta(
        id="KC-U003",
        name="non-hindi-devanagari-sentence",
        category="untranslated",
        severity="major",
        summary="A Devanagari sentence is in Marathi or Nepali, not Hindi.",
        what=(
            "Flags a sentence of four or more Devanagari words that has at least two different "
            "function words "
            "of Marathi (आहे, आणि, नाही, …) or Nepali (छ, हुन्छ, गर्न, पनि, …) and not one Hindi function word "
            "(है, के, में, और, …)."
        ),
        why=(
            "Marathi and Nepali share the Devanagari script with Hindi, so a sentence in them "
            "looks right at a "
            "glance. Character statistics (langdetect) confuse the three on short text, so the "
            "rule relies on "
            "function words, which are frequent, short and distinct in each language."
        ),
        example="हे काम खूप महत्त्वाचे आहे आणि ते वेळेवर व्हायला हवे.",
        instead="यह काम बहुत महत्वपूर्ण है और इसे समय पर होना चाहिए।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        voc = _vocab()
        for u in sentence_units(ctx):
            ws = u.words
            if len(ws) < MIN_DEVANAGARI_WORDS or not voc.hindi.isdisjoint(ws):
                continue
            for lang, markers in voc.markers.items():
                if len(markers.intersection(ws)) >= MIN_MARKERS:
                    name = voc.languages.get(lang, lang)
                    yield Finding(
                        u.pointer, u.base, u.base + len(u.text), f"This sentence is in {name}, not Hindi."
                    )
                    break


def rules(config: Config) -> list:
    return [UntranslatedLatin(), ForeignScript(), NonHindiDevanagari()]
