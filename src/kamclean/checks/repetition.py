"""KC-R: repetition left by machine translation and scraping.

* **KC-R001 duplicated-coordination**: "खाता प्रबंधन और खाता प्रबंधन", "बिक्री और बिक्री": the same words on both
  sides of और / तथा / एवं. MT produces this when the English coordinated two different words that it rendered
  the same way ("account management and key account management"), so half of the meaning is lost. Not या
  ("वायरस या वायरस" is how a translator renders "virus or viruses"), and not a chain "A से X और X से B" (from
  A to X and from X to B).
* **KC-R002 stuttered-words**: a phrase of two to five words repeated at once ("आप के लिए आप के लिए"), a
  function word doubled ("के के", "है है"), or a noun of the lexicon doubled ("भोजन भोजन"). Other single
  content words are *not* flagged: Hindi reduplicates them on purpose (धीरे धीरे, अलग अलग, कभी कभी, साथ साथ),
  and so it does a few nouns (बार बार, घर घर, listed in ``reduplicating_nouns``); hyphenated pairs never match,
  and idioms such as "कम से कम" are recognised.
* **KC-R003 duplicated-sentence**: a sentence of four or more words that already appeared in the article.
* **KC-R004 truncated-duplicate-fragment**: a short quoted tail glued to the end of a paragraph that repeats
  the end of the sentence before it ("…में कार्यरत थे।'मुख्य' 'रिका में कार्यरत थे।'"): residue of a scraped
  pull-quote or caption. It is flagged, never removed: it could be content, and an editor decides.

Word lists live in ``data/repetition.yaml``; sentences are compared by matching key (nukta and chandrabindu
folded, see :mod:`kamclean.text.keys`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, islice, pairwise, repeat
from operator import eq, sub
from typing import NamedTuple

import regex

from kamclean.checks.base import UNIT_SEPARATOR, CheckContext, Finding, RuleMeta, Unit
from kamclean.checks.lexicon import lexicon, load_data
from kamclean.checks.patterns import load_yaml
from kamclean.clean.catalog import packaged_path
from kamclean.config import Config
from kamclean.text.keys import KeyedText, find_all

W = r"[\p{L}\p{M}\p{N}\u200c\u200d]"
_WORDS = regex.compile(rf"{W}+")
MORE = "और"  # also "more": doubled before a comparative it is an idiom, not a stutter
_DIGITS = regex.compile(r"^[\p{N}\s]+$")
_DOUBLED_WORD = regex.compile(rf"(?<!{W})(?P<x>{W}+)[ \t]+(?P=x)(?!{W})")  # one word said twice at once


# Punctuation stripped from whitespace-separated tokens for the cheap pre-checks below.
_PUNCT = "।॥,.;:!?\"'()[]{}‘’“”-–—/…"


class _Scan(NamedTuple):
    """The paragraph sentences of an article, their key tokens, and which of them KC-R001 / KC-R002 must search."""

    units: list[Unit]  # paragraph sentences, in reading order
    toks: list[list[str]]  # each one's key tokens (punctuation turned into spaces, split on whitespace)
    coordinate: list[int]  # indexes of sentences that may hold "X और X"
    stutter: list[int]  # indexes of sentences that may hold a stutter


def _scan(ctx: CheckContext) -> _Scan:
    """One cheap pass over every sentence's key tokens, shared by KC-R001..R003 (``ctx.memo``).

    The exact regexes then run only on the sentences listed, which are few. The pass works on the article's
    key blob with punctuation turned into spaces by ``str.replace`` (C speed), splits every sentence with one
    ``map``, and keeps for the Python tests only the sentences where some token occurs twice, which both
    tests require: both conditions are necessary, never sufficient.
    """
    got = ctx.memo.get("repetition.scan")
    if got is not None:
        return got
    v = vocab()
    clean = ctx.blob[0]
    for ch in _PUNCT:
        if ch in clean:
            clean = clean.replace(ch, " ")
    # every replacement is one character for one, so the units' offsets in the blob hold in ``clean`` too
    pieces = clean.split(UNIT_SEPARATOR)
    if len(pieces) != len(ctx.units):  # a key holds the separator itself: cut by offsets instead
        pieces = [clean[s : s + len(k)] for s, k in zip(ctx.blob[1], ctx.unit_keys, strict=True)]
    para = [i for i, u in enumerate(ctx.units) if u.kind == "paragraph"]
    units = [ctx.units[i] for i in para]
    toks = list(map(str.split, [pieces[i] for i in para]))
    # how many tokens of each sentence repeat an earlier one (C-level maps): both tests need at least one
    repeats = list(map(sub, map(len, toks), map(len, map(set, toks))))
    twice = list(compress(range(len(toks)), repeats))
    coordinate = [i for i in twice if not v.conjunctions.isdisjoint(toks[i]) and _may_coordinate(toks[i], v)]
    stutter = [i for i in twice if _may_stutter(toks[i], v, repeats[i])]
    got = ctx.memo["repetition.scan"] = _Scan(units, toks, coordinate, stutter)
    return got


def _may_coordinate(toks: list[str], v: Vocab) -> bool:
    """Is some conjunction preceded by 1-4 tokens that recur right after it?"""
    last = len(toks) - 1
    for c in v.conjunctions.intersection(toks):
        for i in compress(range(last), map(eq, toks, repeat(c))):
            # the first token after the conjunction must be one of the four before it (usually it is not)
            if toks[i + 1] not in toks[max(0, i - 4) : i]:
                continue
            for k in range(1, 5):
                if k <= i and toks[i - k : i] == toks[i + 1 : i + 1 + k]:
                    return True
    return False


def _may_stutter(toks: list[str], v: Vocab, repeats: int) -> bool:
    """Are 1-5 tokens followed at once by the same tokens (one token only if it is a function word)?

    ``repeats`` is how many tokens repeat an earlier one: k tokens said twice are at least k of them.
    """
    # a repeat of two or more tokens repeats a bigram; a repeat of one token puts two equal tokens side
    # by side
    if not any(map(eq, toks, islice(toks, 1, None))) and (
        repeats < 2 or len(set(pairwise(toks))) == len(toks) - 1
    ):
        return False
    for k in range(1, min(5, repeats) + 1):
        # positions i with toks[i] == toks[i + k], found at C speed; usually none or a few
        for i in compress(range(len(toks)), map(eq, toks, toks[k:])):
            if toks[i : i + k] == toks[i + k : i + 2 * k] and (
                k > 1 or toks[i] in v.stutter_words or v.never_doubled(toks[i])
            ):
                return True
    return False


@dataclass(frozen=True)
class Vocab:
    conjunctions: frozenset[str]
    stutter_words: frozenset[str]
    coordination: regex.Pattern[str]
    coordination_ok: frozenset[str]
    chain: frozenset[str]
    stutter: regex.Pattern[str]
    idiom: regex.Pattern[str]
    quotes: str
    more_before: frozenset[str]
    doubled_nouns: frozenset[str]  # nouns and other words (as keys) that are a stutter when doubled at once
    never_doubled_endings: tuple[str, ...] = ()  # endings of adjectives that are a stutter when doubled
    doubling_ok: frozenset[str] = frozenset()

    def never_doubled(self, key: str) -> bool:
        """Is the word (as its key) one Hindi does not reduplicate: a listed noun, or a Sanskrit-derived
        adjective told by its ending (नियमित नियमित)?"""
        if key in self.doubled_nouns:
            return True
        return len(key) >= MIN_ENDING_WORD and key.endswith(self.never_doubled_endings) and key not in self.doubling_ok


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    data = load_yaml(packaged_path("repetition.yaml"), "repetition.yaml")
    conj = "|".join(regex.escape(c) for c in sorted(data["conjunctions"], key=len, reverse=True))
    func = "|".join(regex.escape(c) for c in sorted(data["stutter_words"], key=len, reverse=True))
    coordination = regex.compile(
        rf"(?<!{W})(?P<x>{W}+(?:[ \t]+{W}+){{0,3}})[ \t]+(?:{conj})[ \t]+(?P=x)(?!{W})"
    )
    # a phrase of 2-5 words said twice, or a function word said twice
    stutter = regex.compile(rf"(?<!{W})(?P<x>{W}+(?:[ \t]+{W}+){{1,4}}|(?:{func}))[ \t]+(?P=x)(?!{W})")
    links = "|".join(regex.escape(c) for c in data["idiom_links"])
    idiom = regex.compile(rf"(?<!{W})({W}+)[ \t]+(?:{links})[ \t]+\1(?!{W})")
    return Vocab(
        frozenset(data["conjunctions"]),
        frozenset(data["stutter_words"]),
        coordination,
        frozenset(data["coordination_ok"]),
        frozenset(data["chain_postpositions"]),
        stutter,
        idiom,
        "".join(data["quotes"]),
        frozenset(data.get("more_before") or ()),
        _doubled_nouns(frozenset(data.get("reduplicating_nouns") or ()))
        | frozenset(KeyedText.build(w).key for w in data.get("never_doubled") or ())
        | _transliterations(),
        tuple(KeyedText.build(e).key for e in data.get("never_doubled_endings") or ()),
        frozenset(KeyedText.build(w).key for w in data.get("doubling_ok") or ()),
    )


MIN_ENDING_WORD = 4  # characters: a shorter word with one of the endings is too often something else


def _transliterations() -> frozenset[str]:
    """The transliterated English words of term_parts.yaml (अल्ट्रासाउंड, अकाउंट …), as matching keys: Hindi never
    reduplicates a borrowed English word, so one doubled at once is a stutter."""
    data = load_data("term_parts.yaml")  # (parsed once per process, shared with KC-T073's compounds.parts)
    return frozenset(
        KeyedText.build(w).key
        for entry in (data.get("parts") or {}).values()
        for w in chain(entry.get("en") or (), *(i if isinstance(i, list) else [i] for i in entry.get("spelt") or ()))
        if " " not in w
    )


@lru_cache(maxsize=1)
def _multiword_terms() -> frozenset[str]:
    """The Hindi renderings of term_parts.yaml made of two or more words (लेखा परीक्षा, बचत खाता), as written: in
    "X और X Y" where "X Y" is one of them, the second X opens another concept (accounting and audit)."""
    data = load_data("term_parts.yaml")
    return frozenset(
        w
        for entry in (data.get("parts") or {}).values()
        for key in ("hi", "alt")
        for w in entry.get(key) or ()
        if " " in w
    )


def _doubled_nouns(reduplicating: frozenset[str]) -> frozenset[str]:
    """The lexicon's nouns, as matching keys, less those Hindi doubles on purpose."""
    lex = lexicon()
    keep = {KeyedText.build(w).key for w in reduplicating}
    nouns = lex.masculine | lex.feminine | lex.person_nouns
    return frozenset(k for k in (KeyedText.build(w).key for w in nouns) if k not in keep)


def _near_conjunctions(v: Vocab, text: str) -> Iterator[regex.Match[str]]:
    """KC-R001's matches, searched only in a window around each conjunction (X is at most four words)."""
    last = 0
    hits = sorted(i for c in v.conjunctions for i in find_all(text, f" {c} "))
    for i in hits:
        if i < last:
            continue
        m = _search_coordination(v, text, max(last, i - _WINDOW), min(len(text), i + _WINDOW))
        if m is not None:
            last = m.end()
            yield m


_WINDOW = 100  # characters either side of a conjunction; four Hindi words are far shorter


def _search_coordination(v: Vocab, text: str, lo: int, hi: int) -> regex.Match[str] | None:
    """``v.coordination.search(text, lo, hi)``, trying the pattern only where a match can start.

    A match is X, spaces, a conjunction, spaces, X again, with X one to four words joined by spaces. So it
    starts at a word start among the last four whitespace-separated tokens before a conjunction that has a
    space or tab on either side. Trying those positions in order, with ``match`` and the same end, finds the
    same leftmost match as the search, which would try (slowly) every position of the window.
    """
    conjunctions = sorted(
        j
        for c in v.conjunctions
        for j in find_all(text, c, lo + 1, hi - 1)
        if text[j - 1] in " \t" and text[j + len(c)] in " \t"
    )
    done = lo  # every possible start before this has been tried
    for j in conjunctions:
        head = text[lo:j].rsplit(None, 4)  # [what precedes the last four tokens, the last four tokens]
        start = max(done, lo + len(head[0]) if len(head) == 5 else lo)
        for w in _WORDS.finditer(text, start, j):
            m = v.coordination.match(text, w.start(), hi)
            if m is not None:
                return m
        done = max(done, j)
    return None


class DuplicatedCoordination:
    meta = RuleMeta(
        id="KC-R001",
        name="duplicated-coordination",
        category="repetition",
        severity="major",
        summary="The same words on both sides of और / तथा / एवं",
        what="Flags 'X और X' (or तथा / एवं / व) where X is the same one to four words on both sides. Not या: "
        "translators write 'वायरस या वायरस' for 'virus or viruses'.",
        why="MT renders two different English words the same way ('account management and key account "
        "management'), so the coordination repeats itself and half of the meaning is lost. Idiomatic pairs "
        "such as 'अधिक और अधिक' are listed in data/repetition.yaml and never flagged.",
        example="वह खाता प्रबंधन और खाता प्रबंधन के बारे में रणनीति बनाता है।",
        instead="Name the two different things the source meant, or keep one: 'खाता प्रबंधन'.",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        v = vocab()
        scan = _scan(ctx)
        for i in scan.coordinate:
            ptr, _, _, start, text, _ = scan.units[i]
            for m in _near_conjunctions(v, text):
                x = m.group("x")
                if x in v.coordination_ok or _DIGITS.match(x):
                    continue
                before = _word_before(text, m.start()).strip(_PUNCT)
                after = _word_after(text, m.end()).strip(_PUNCT)
                if before in v.chain and after in v.chain:
                    continue  # "A से X और X से B": a chain, not a duplicate
                if f"{x} {after}" in _multiword_terms():
                    continue  # "लेखा और लेखा परीक्षा": accounting and audit, a term that starts with the same word
                yield Finding(
                    ptr,
                    start + m.start(),
                    start + m.end(),
                    f"'{x}' is coordinated with itself; the source most likely named two different things.",
                    suggestion=x,
                )


class StutteredWords:
    meta = RuleMeta(
        id="KC-R002",
        name="stuttered-words",
        category="repetition",
        severity="major",
        summary="A phrase or a function word repeated at once",
        what="Flags a phrase of two to five words repeated immediately ('आप के लिए आप के लिए'), a doubled "
        "function word ('के के', 'है है', 'आपको आपको'), a doubled noun of the lexicon ('भोजन भोजन', 'लोग लोग') "
        "or a doubled Sanskrit-derived adjective, told by its ending ('नियमित नियमित', 'वित्तीय वित्तीय').",
        why="Scraped and machine-translated text stutters where sentence pieces were joined twice. "
        "Other single content words are not flagged: Hindi reduplicates them on purpose "
        "(धीरे धीरे, अलग अलग, कभी कभी), and a few nouns too (बार बार, घर घर, दिन दिन), as well as words such "
        "as 'एक एक' or 'वह वह … जो'.",
        example="यह सेवा आप के लिए आप के लिए उपलब्ध है।",
        instead="Say it once: 'यह सेवा आप के लिए उपलब्ध है।'",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        v = vocab()
        scan = _scan(ctx)
        for i in scan.stutter:
            ptr, _, _, start, text, _ = scan.units[i]
            for m in v.stutter.finditer(text):
                x = m.group("x")
                if _DIGITS.match(x) or (v.idiom.search(m.group(0)) and not v.idiom.search(x)):
                    continue  # (an idiom said twice, "कम से कम कम से कम", is a stutter all the same)
                if x == MORE and _more_and_more(text, m, v):
                    continue
                first = x.split(maxsplit=1)[0]
                if " " in x and (first in v.conjunctions or x.rsplit(maxsplit=1)[1] in v.conjunctions):
                    continue  # "और मरम्मत और मरम्मत", "स्टांप ड्यूटी और स्टांप ड्यूटी और": a duplicated coordination,
                    # which KC-R001 flags once
                s, e = m.start(), m.end()
                if " " in x and first in v.stutter_words and _word_after(text, e) == first:
                    # "… से नियमित रूप से नियमित रूप से": the phrase is "नियमित रूप से", one word further on
                    rest = x.split(maxsplit=1)[1]
                    s = m.start() + m.group(0).index(rest)
                    e = text.index(first, e) + len(first)
                    x = f"{rest} {first}"
                yield Finding(ptr, start + s, start + e, f"'{x}' is repeated.", suggestion=x)
            for m in _DOUBLED_WORD.finditer(text):
                x = m.group("x")
                if v.never_doubled(KeyedText.build(x).key) and not _starts_compound(ctx, x, _word_after(text, m.end())):
                    yield Finding(ptr, start + m.start(), start + m.end(), f"'{x}' is repeated.", suggestion=x)


def _starts_compound(ctx: CheckContext, x: str, after: str) -> bool:
    """Does the second of a doubled noun open a phrase with the word after it that the article uses elsewhere too
    ("अपनी बचत बचत खाते में", with बचत खाता named again): the savings in a savings account, not a stutter?"""
    if not after:
        return False
    phrase = KeyedText.build(f"{x} {after}").key
    return ctx.blob[0].count(phrase) >= 2  # (this occurrence, and at least one other)


def _word_before(text: str, i: int) -> str:
    """The whitespace-separated word that ends before ``text[i]`` ("" at the start). It walks back over that word
    only: slicing and splitting everything before ``i`` at every match made a long line cost quadratic time."""
    j = i
    while j > 0 and text[j - 1].isspace():
        j -= 1
    k = j
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return text[k:j]


def _word_after(text: str, i: int) -> str:
    """The whitespace-separated word that starts at or after ``text[i]`` ("" at the end); see _word_before."""
    n = len(text)
    j = i
    while j < n and text[j].isspace():
        j += 1
    k = j
    while k < n and not text[k].isspace():
        k += 1
    return text[j:k]


def _more_and_more(text: str, m: regex.Match[str], v: Vocab) -> bool:
    """Is the doubled और at ``m`` "more and more" ("बच्चे को और और मिठाई", "और और अधिक लोग") rather than a doubled
    conjunction ("फल और और सब्ज़ियां")? It is when it opens the sentence, follows a postposition, particle or
    pronoun, or comes before a comparative."""
    before = _word_before(text, m.start())
    return not before or before in v.more_before or _word_after(text, m.end()) in v.coordination_ok


class DuplicatedSentence:
    meta = RuleMeta(
        id="KC-R003",
        name="duplicated-sentence",
        category="repetition",
        severity="major",
        summary="A sentence that already appeared in the article",
        what="Flags the second and later occurrences of a sentence of four or more words (compared by "
        "matching key, so nukta and spacing differences do not hide a duplicate), and a sentence of four or "
        "more words that repeats the last conjunct of the sentence right before it in the same paragraph "
        "('… लगवाएं और X करें। X करें।').",
        why="Scrapers join page fragments (teasers, captions, pull quotes) that repeat body sentences; "
        "MT then keeps both copies.",
        example="नर्सें मरीजों की देखभाल करती हैं। … नर्सें मरीजों की देखभाल करती हैं।",
        instead="Delete the repeated copy.",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        scan = _scan(ctx)
        keys = list(map(tuple, scan.toks))
        yield from _tail_repeats(scan, keys, vocab())
        if len(set(keys)) == len(keys):
            return  # no two sentences have the same tokens (decided in C; the usual case)
        seen: set[tuple[str, ...]] = set()
        for u, toks in zip(scan.units, keys, strict=True):
            if len(toks) < MIN_SENTENCE_WORDS:
                continue
            if toks in seen:
                yield Finding(
                    u.pointer,
                    u.offset,
                    u.offset + len(u.text),
                    "This sentence already appears earlier in the article.",
                )
            seen.add(toks)


MIN_SENTENCE_WORDS = 4  # a shorter sentence ("ऐसा क्यों?") may well be said twice


def _tail_repeats(scan: _Scan, keys: list[tuple[str, ...]], v: Vocab) -> Iterable[Finding]:
    """A sentence that repeats the last conjunct of the sentence right before it, in the same paragraph ("… जाली
    लगवाएं और सोते समय मच्छरदानी का इस्तेमाल करें। सोते समय मच्छरदानी का इस्तेमाल करें।"): the scraper or MT
    kept the clause twice. The repeated part must follow a conjunction and have four or more words."""
    units = scan.units
    for i in range(1, len(keys)):
        cur, prev = keys[i], keys[i - 1]
        n = len(cur)
        if n < MIN_SENTENCE_WORDS or len(prev) <= n or prev[-n:] != cur or prev[-n - 1] not in v.conjunctions:
            continue
        u, before = units[i], units[i - 1]
        if u.pointer != before.pointer:
            continue  # (another paragraph)
        yield Finding(
            u.pointer,
            u.offset,
            u.offset + len(u.text),
            "This sentence repeats the end of the sentence before it.",
        )


class TruncatedDuplicateFragment:
    meta = RuleMeta(
        id="KC-R004",
        name="truncated-duplicate-fragment",
        category="repetition",
        severity="major",
        summary="A short quoted tail at a paragraph end that repeats the end of the previous sentence",
        what="Flags the last sentence of a paragraph when it is short (at most eight words), carries "
        "quotes or is glued to the previous sentence's full stop, and most of it (ten or more letters) "
        "repeats the ending of the sentence before it.",
        why="A scraped pull-quote or caption ends up glued to the paragraph (\"…कार्यरत थे।'मुख्य' 'रिका में "
        "कार्यरत थे।'\"): a truncated copy of text just read. It is flagged and kept, because only an editor "
        "can tell residue from a deliberate quotation.",
        example="2016 में 3,000 लोग अमेरिका में कार्यरत थे।'मुख्य' 'रिका में कार्यरत थे।'",
        instead="Delete the fragment.",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        quotes = vocab().quotes
        for si, sec in enumerate(ctx.article.sections):
            for pi, par in enumerate(sec.paragraphs):
                if len(par.sentences) < 2:
                    continue
                prev, last = par.sentences[-2], par.sentences[-1]
                glued = last.start == prev.end
                if not glued and not any(q in last.text for q in quotes):
                    continue
                if len(_WORDS.findall(last.text)) > 8:
                    continue
                a, b = _squash(prev.text, quotes), _squash(last.text, quotes)
                common = _common_suffix(a, b)
                letters = len(_WORDS.findall(common)) and sum(len(w) for w in _WORDS.findall(common))
                if letters >= 10 and len(common) * 2 >= len(b) and len(b) < len(a):
                    yield Finding(
                        f"/sections/{si}/paragraphs/{pi}/text",
                        last.start,
                        last.end,
                        "This short quoted fragment repeats the end of the previous sentence; it looks like "
                        "scraped residue (a pull quote or caption). Delete it if so.",
                        suggestion="",
                    )


def _squash(text: str, quotes: str) -> str:
    t = "".join(ch for ch in text if ch not in quotes)
    return " ".join(t.split())


def _common_suffix(a: str, b: str) -> str:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return b[len(b) - n :]


def rules(config: Config) -> list:
    return [DuplicatedCoordination(), StutteredWords(), DuplicatedSentence(), TruncatedDuplicateFragment()]
