"""KC-T073: one compound term, rendered two ways (translated and transliterated, or two Hindi words) in one article.

Term sets (:mod:`.terms`) list the renderings of one concept each, so they catch only the terms someone
listed. Most inconsistent terms in this genre are job titles and product names built from a few common words,
and machine translation renders such a title word by word, sometimes in Hindi and sometimes in transliterated
English: ग्राहक सफलता प्रबंधक in one paragraph, कस्टमर सक्सेस मैनेजर in the next; छात्र ऋण and स्टूडेंट लोन; सावधि
जमा and फिक्स्ड डिपॉजिट. This rule knows the words (``data/term_parts.yaml``: for each English word its Hindi
rendering(s) and its transliteration(s)) and finds the titles itself:

1. every run of two or more such words in a row, within a clause, is a compound term: its *concepts* are the
   English words, its *rendering* says for each word whether it is Hindi or transliterated; a concept that
   is itself several English words ("tax regime": कर व्यवस्था / टैक्स रिजीम) is a compound term alone;
2. shorter runs inside a longer one count too (सीनियर कस्टमर सक्सेस मैनेजर contains कस्टमर सक्सेस मैनेजर);
3. when one sequence of concepts occurs in two or more renderings, each occurrence of the less frequent
   rendering(s) is flagged and the most frequent is suggested. On a tie, the rendering whose words the article
   uses more often on their own wins (an article that says पॉलिसी throughout keeps बीमा पॉलिसी, not बीमा नीति);
   a tie that this does not break is left alone;
4. a transliteration spelt with another vowel (``spelt`` in the data: चिकुनगुनिया beside चिकनगुनिया) is a
   rendering of its own, so a term written both ways is found too; spellings that differ only in writing (nukta,
   chandrabindu, anusvara against a nasal letter) never are;
5. the head word of a compound term, alone after a demonstrative (शिक्षा ऋण … यह लोन), refers back to the term:
   it is flagged when the article's compounds with that head clearly use the other rendering (see
   :func:`_referred_heads`).

Kept silent: other single words (Hindi prose mixes ग्राहक and कस्टमर freely); a rendering in brackets or before
one (a gloss or an acronym: "रियल एस्टेट (अचल संपत्ति)", "फिक्स्ड डिपॉजिट (FD)"); a sentence that names the
term on purpose ("… जिसे अंग्रेज़ी में फिक्स्ड डिपॉजिट कहा जाता है"); and spans a term set or a glossary entry
already flagged (अवटु ग्रंथि, a wrong rendering of "thyroid gland", is one flag, not two).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain, compress, product
from operator import and_, attrgetter
from typing import NamedTuple

from kamclean.checks.base import CheckContext, Finding, RuleMeta
from kamclean.checks.lexicon import load_data
from kamclean.checks.units import Unit, all_units
from kamclean.text.keys import KeyedText

# The renderings of a word: its usual Hindi word(s), transliterated English, another Hindi word (h2, h3 …: the
# entry's ``alt`` list), another spelling of the transliteration (e2, e3 …: the entry's ``spelt`` list), and a
# word written the same in both (``neutral``: ट्रक, सॉफ्टवेयर), which never differs itself but makes a compound
# of the word beside it ("ट्रक चालक" / "ट्रक ड्राइवर").
HINDI, LATIN_SCRIPT, NEUTRAL = "h", "e", "n"
OBLIQUE_PLURAL = "ों"
MIN_WORDS = 2
MIN_HEADS = 2  # head words of compound terms in one rendering before a lone word after a demonstrative counts
DOMINANCE = 3  # ... and the article's words of the concept in that rendering, at least this many times its own
# Words before a noun that refer back to something named before ("यह लोन", "इस ऋण")
DEMONSTRATIVES = frozenset(["यह", "इस", "ये", "इन", "वह", "उस", "वे", "उन", "इसी", "उसी", "ऐसा", "ऐसे", "ऐसी"])
OPENING_BRACKETS = ("(", "[")
_WORDS = attrgetter("words")


class _Form(NamedTuple):
    words: tuple[str, ...]  # the form's key words
    concept: str
    side: str


@dataclass(frozen=True)
class _Parts:
    by_first: dict[str, tuple[_Form, ...]]  # first word (as text may spell it) -> forms, longest first
    known: frozenset[str]  # every word of every form, as text may spell it
    naming: tuple[str, ...]  # a sentence with one of these names a term in the other rendering on purpose
    single: dict[str, tuple[str, str]]  # a one-word form (as text may spell it) -> (concept, rendering)
    # first word -> the concepts of its forms, and the (concept, rendering) pairs of its forms
    concepts: dict[str, frozenset[str]]
    sides: dict[str, frozenset[tuple[str, str]]]
    alone: frozenset[str]  # concepts that are a term by themselves (several English words, or marked ``alone``)


def _is_consonant(ch: str) -> bool:
    return "\u0915" <= ch <= "\u0939"


NUKTA = "\u093c"
NUKTA_BASES = "कखगजडढफ"  # letters written with or without a nukta (ज़ / ज)
NASALS = ("\u0902", "\u0901")  # anusvara, chandrabindu


def _spellings(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A key form (no nukta, anusvara only) and every spelling text may use for it: a nukta after any letter
    that takes one, chandrabindu for anusvara. Forms are short words, so the spellings are few."""

    def options(ch: str) -> tuple[str, ...]:
        if ch in NUKTA_BASES:
            return (ch, ch + NUKTA)
        return NASALS if ch == NASALS[0] else (ch,)

    per_word = [["".join(p) for p in product(*map(options, w))] for w in words]
    return list(product(*per_word))


@lru_cache(maxsize=1)
def parts() -> _Parts:
    data = load_data("term_parts.yaml")
    by_first: dict[str, list[_Form]] = defaultdict(list)
    alone: set[str] = set()

    def add(form: str, concept: str, side: str) -> None:
        ws = tuple(KeyedText.build(form).key.split())
        forms = [ws]
        if _is_consonant(ws[-1][-1]):
            forms.append((*ws[:-1], ws[-1] + OBLIQUE_PLURAL))
        for f in forms:
            for v in _spellings(f):  # as text may spell them, for matching the words of units
                by_first[v[0]].append(_Form(v, concept, side))

    for concept, entry in (data.get("parts") or {}).items():
        concept = str(concept)
        if " " in concept or entry.get("alone"):
            alone.add(concept)
        for side, forms in _renderings(entry):
            for form in forms:
                add(str(form), concept, side)
    for concept, words in (data.get("neutral") or {}).items():
        for word in words if isinstance(words, list) else [words]:
            add(str(word), str(concept), NEUTRAL)
    return _Parts(
        {k: tuple(sorted(v, key=lambda f: -len(f.words))) for k, v in by_first.items()},
        frozenset(w for forms in by_first.values() for f in forms for w in f.words),
        tuple(str(m) for m in data.get("naming") or ()),
        {f.words[0]: (f.concept, f.side) for forms in by_first.values() for f in forms if len(f.words) == 1},
        {k: frozenset(f.concept for f in v) for k, v in by_first.items()},
        {k: frozenset((f.concept, f.side) for f in v) for k, v in by_first.items()},
        frozenset(alone),
    )


def _renderings(entry: dict) -> Iterable[tuple[str, list]]:
    """An entry's renderings, each with its forms: ``hi`` (forms of the usual Hindi word), ``en`` (the
    transliterations), each item of ``alt`` (another Hindi word: one form, or a list of its forms) and each item
    of ``spelt`` (another spelling of the transliteration, with another vowel: चिकुनगुनिया beside चिकनगुनिया)."""
    yield HINDI, list(entry.get("hi") or ())
    yield LATIN_SCRIPT, list(entry.get("en") or ())
    for key, side in (("alt", HINDI), ("spelt", LATIN_SCRIPT)):
        for n, item in enumerate(entry.get(key) or (), start=2):
            yield f"{side}{n}", list(item) if isinstance(item, list) else [item]


class _Token(NamedTuple):
    concept: str
    side: str
    first: int  # word indexes in the unit's key, inclusive
    last: int


class _Occurrence(NamedTuple):
    concepts: tuple[str, ...]
    rendering: tuple[str, ...]
    unit: int
    first: int
    last: int


def _tokens(u: Unit, table: dict[str, tuple[_Form, ...]]) -> list[list[_Token]]:
    """Runs of known words in a row within a clause, each a list of tokens. Only the positions of known first
    words are visited (found at C speed): most words of a sentence are not known."""
    words = u.words
    runs: list[list[_Token]] = []
    run: list[_Token] = []
    nxt = 0  # the first word not yet taken by a token
    for i in compress(range(len(words)), map(table.__contains__, words)):
        if i < nxt:
            continue
        hit = None
        for form in table[words[i]]:
            k = len(form.words)
            if k == 1 or (
                tuple(words[i : i + k]) == form.words and not any(u.cut_after(j) for j in range(i, i + k - 1))
            ):
                hit = _Token(form.concept, form.side, i, i + k - 1)
                break
        if hit is None:
            continue
        if run and (run[-1].last + 1 != i or u.cut_after(run[-1].last)):
            if _is_term(run):
                runs.append(run)
            run = []
        run.append(hit)
        nxt = hit.last + 1
    if _is_term(run):
        runs.append(run)
    return runs


def _is_term(run: list[_Token]) -> bool:
    """Two or more known words in a row, or one concept that is a term by itself: several English words ("tax
    regime", "late fee": कर व्यवस्था and टैक्स रिजीम are one term, though each is a single entry of term_parts), or
    an entry marked ``alone`` (a one-word job title: डाइटीशियन / आहार विशेषज्ञ)."""
    return len(run) >= MIN_WORDS or (len(run) == 1 and run[0].concept in parts().alone)


class CompoundTermRenderings:
    meta = RuleMeta(
        id="KC-T073",
        name="mixed-rendering-of-a-compound-term",
        category="terminology",
        severity="minor",
        summary="A term (a job title, a product) is rendered one way in one place and another way elsewhere",
        what=(
            "Finds runs of two or more words of data/term_parts.yaml (English words of compound terms, with "
            "their Hindi renderings, other Hindi words for them and transliterations): ग्राहक सफलता प्रबंधक, "
            "कस्टमर सक्सेस मैनेजर; हवाई / वायु यातायात नियंत्रक. A word written alike in both renderings (ट्रक) "
            "makes a compound with its neighbour, and an entry marked as a term by itself (a one-word title such "
            "as डाइटीशियन / आहार विशेषज्ञ) counts alone. When the "
            "same sequence of English words occurs in two renderings in one article, flags each occurrence "
            "of the less frequent one and suggests the most frequent (on a tie, the one whose words the article "
            "uses more often on their own; a tie of a one-concept term is left alone). A transliteration spelt "
            "with another vowel (चिकुनगुनिया / चिकनगुनिया) is another rendering; nukta and chandrabindu spellings "
            "never are. A compound's head word alone after a demonstrative (शिक्षा ऋण … यह लोन) is flagged "
            "against a clear majority of the article's compounds with that head. Other single "
            "words, bracketed glosses and spans a term set or a glossary entry already flagged are left alone."
        ),
        why=(
            "A title rendered word by word, once in Hindi and once in transliteration, reads as two different "
            "jobs or products. Term sets catch the titles someone listed; this rule catches any title built "
            "from known words."
        ),
        example="ग्राहक सफलता प्रबंधक ग्राहकों से मिलता है। ग्राहक सफलता प्रबंधक रिपोर्ट देता है। कस्टमर सक्सेस मैनेजर का वेतन अच्छा है।",
        instead="ग्राहक सफलता प्रबंधक (throughout)",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        p = parts()
        units = all_units(ctx)  # (shared with the grammar rules, which need it anyway)
        # a rendering can differ only if some concept occurs in both renderings in the article: the concepts and
        # renderings whose first words occur come from C-level set operations with the table
        firsts = p.by_first.keys() & chain.from_iterable(map(_WORDS, units))
        seen = Counter(c for c, _ in frozenset().union(*map(p.sides.__getitem__, firsts)))
        mixed_set = frozenset(c for c, n in seen.items() if n > 1)  # concepts met in two renderings or more
        if not mixed_set:
            return
        table = p.by_first  # every known word: a term may hold words that occur in one rendering only
        # a run matters only if it holds a mixed concept, whose first word is one of these
        mixed_words = frozenset(w for w in firsts if not mixed_set.isdisjoint(p.concepts[w]))
        # words that are a term by themselves (a one-word form of an ``alone`` concept)
        alone_words = frozenset(w for w in mixed_words if not p.alone.isdisjoint(p.concepts[w]))
        # concepts -> rendering -> occurrences
        groups: dict[tuple[str, ...], dict[tuple[str, ...], list[_Occurrence]]] = defaultdict(dict)
        known = p.known.__contains__
        for ui, u in enumerate(units):
            words = u.words
            if mixed_words.isdisjoint(words):
                continue
            flags = list(map(known, words))
            if not any(map(and_, flags, flags[1:])) and alone_words.isdisjoint(words):
                continue  # no two known words in a row (found at C speed): no compound term here
            for run in _tokens(u, table):
                concepts = [t.concept for t in run]
                if mixed_set.isdisjoint(concepts):
                    continue  # every word of the run has one rendering in this article: nothing can differ
                sides = [t.side for t in run]
                for a in range(len(run)):
                    for b in range(a + 1, len(run) + 1):
                        if not _is_term(run[a:b]):
                            continue  # a single English word is never a term by itself
                        key = tuple(concepts[a:b])
                        if mixed_set.isdisjoint(key):
                            continue
                        groups[key].setdefault(tuple(sides[a:b]), []).append(
                            _Occurrence(key, tuple(sides[a:b]), ui, run[a].first, run[b - 1].last)
                        )
        usage: Counter[tuple[str, str]] | None = None  # counted only if a tie needs it
        taken: dict[int, list[tuple[int, int]]] = defaultdict(list)  # unit -> flagged word spans
        for concepts in sorted(groups, key=lambda c: (-len(c), c)):
            by_rendering = groups[concepts]
            if len(by_rendering) < 2:
                continue
            counts = {r: len(v) for r, v in by_rendering.items()}
            top = max(counts.values())
            if sum(1 for n in counts.values() if n == top) > 1 and len(concepts) > 1:
                # a tie: the rendering whose words the article uses more often on their own wins (an article
                # that says पॉलिसी throughout prefers बीमा पॉलिसी to बीमा नीति); a tie that stays, or one of a
                # term of one concept (its words on their own are the term itself), is left alone
                if usage is None:
                    usage = _usage(units, p.single)
                rank = {r: (n, sum(usage[c, sd] for c, sd in zip(concepts, r, strict=True))) for r, n in counts.items()}
            else:
                rank = {r: (n, 0) for r, n in counts.items()}
            best = max(rank, key=rank.__getitem__)
            if sum(1 for r in rank if rank[r] == rank[best]) > 1:
                continue
            shown = _text(units, by_rendering[best][0])
            for r, occ in by_rendering.items():
                if r == best:
                    continue
                for o in occ:
                    if _overlaps(taken[o.unit], o.first, o.last):
                        continue
                    taken[o.unit].append((o.first, o.last))
                    finding = _finding(units, o, shown, counts[best], counts[r], ctx)
                    if finding is not None:
                        yield finding
            for o in by_rendering[best]:  # a shorter sequence inside the majority's spans is the same term
                taken[o.unit].append((o.first, o.last))
        yield from _referred_heads(units, groups, p, ctx)


def _referred_heads(
    units: list[Unit],
    groups: dict[tuple[str, ...], dict[tuple[str, ...], list[_Occurrence]]],
    p: _Parts,
    ctx: CheckContext,
) -> Iterable[Finding]:
    """The head word of a compound term, alone after a demonstrative, in the other rendering: "शिक्षा ऋण …
    शिक्षा ऋण … यह लोन". "यह लोन" (this loan) refers back to the education loan, so it is the term's rendering
    too, though a single word is otherwise never compared. Counted only against a clear majority: the head
    words of the article's compound terms (each position once) are at least MIN_HEADS in one rendering, more than
    in the word's own, and the article's words of the concept in that rendering, alone or not, outnumber those in
    the word's own DOMINANCE times. Two Hindi words (रोग, बीमारी) are synonyms a writer may vary and never count."""
    heads: dict[str, Counter[str]] = defaultdict(Counter)  # head concept -> rendering -> head positions
    where: dict[tuple[str, str], list[_Occurrence]] = defaultdict(list)  # (concept, rendering) -> occurrences
    seen: set[tuple[int, int]] = set()
    for concepts, by_rendering in groups.items():
        if len(concepts) < MIN_WORDS:
            continue
        for rendering, occ in by_rendering.items():
            for o in occ:
                if (o.unit, o.last) not in seen:
                    seen.add((o.unit, o.last))
                    heads[concepts[-1]][rendering[-1]] += 1
                    where[concepts[-1], rendering[-1]].append(o)
    if not heads:
        return
    usage: Counter[tuple[str, str]] | None = None  # counted only if a word gets that far
    demonstrative = DEMONSTRATIVES.__contains__
    for ui, u in enumerate(units):
        words = u.words
        for i in compress(range(1, len(words)), map(demonstrative, words)):
            w = words[i]
            concept, side = p.single.get(w, ("", NEUTRAL))
            count = heads.get(concept)
            if count is None or side == NEUTRAL or concept in p.alone or u.cut_after(i - 1):
                continue
            if i + 1 < len(words) and words[i + 1] in p.by_first and not u.cut_after(i):
                continue  # the first word of a compound of its own ("इस लोन अधिकारी")
            best, n = max(count.items(), key=lambda kv: (kv[1], kv[0] != side))
            if best[0] == side[0] or n < MIN_HEADS or n <= count[side]:
                continue
            if usage is None:
                usage = _usage(units, p.single)
            if usage[concept, best] < DOMINANCE * usage[concept, side]:
                continue  # the article uses the word's own rendering too: "यह कर्ज़" where ऋण is as common as लोन
            written = Counter(units[o.unit].words[o.last] for o in where[concept, best]).most_common(1)[0][0]
            finding = _finding(units, _Occurrence((concept,), (side,), ui, i, i), written, n, count[side], ctx)
            if finding is not None:
                yield replace(
                    finding,
                    message=f"'{w}' after '{words[i - 1]}' refers back to a term this article writes with "
                    f"'{written}' ({n}× against {count[side]}×); use one rendering throughout.",
                )


def _usage(units: list[Unit], single: dict[str, tuple[str, str]]) -> Counter[tuple[str, str]]:
    """(concept, rendering) -> how many single words of the article are that concept in that rendering."""
    every = list(chain.from_iterable(u.words for u in units))
    words = Counter(compress(every, map(single.__contains__, every)))  # counted at C speed
    usage: Counter[tuple[str, str]] = Counter()
    for w, n in words.items():
        usage[single[w]] += n
    return usage


def _overlaps(spans: list[tuple[int, int]], first: int, last: int) -> bool:
    return any(a <= last and first <= b for a, b in spans)


def _text(units: list[Unit], o: _Occurrence) -> str:
    u = units[o.unit]
    s, e = u.span(o.first, o.last)
    return u.text[s - u.base : e - u.base]


def _finding(
    units: list[Unit], o: _Occurrence, shown: str, n_best: int, n_this: int, ctx: CheckContext
) -> Finding | None:
    u = units[o.unit]
    start, end = u.span(o.first, o.last)
    if start >= end or u.cut_before(o.first):
        return None  # (an opening bracket before it: a gloss of the other rendering)
    if u.text[end - u.base :].lstrip().startswith(OPENING_BRACKETS):
        return None  # "फिक्स्ड डिपॉजिट (FD)": it introduces an acronym or gloss
    if any(m in u.text for m in parts().naming):
        return None  # "सावधि जमा, जिसे अंग्रेज़ी में फिक्स्ड डिपॉजिट कहा जाता है": the sentence names the term
    flagged = ctx.memo.get("terms.flagged", ())
    if any(p == u.pointer and a < end and start < b for p, a, b in flagged):
        return None
    text = u.text[start - u.base : end - u.base]
    english = " ".join(o.concepts)
    how = "as often" if n_best == n_this else f"more often ({n_best}× against {n_this}×)"
    return Finding(
        u.pointer,
        start,
        end,
        f"'{text}' for \"{english}\", but this article also writes '{shown}' {how}; use one rendering "
        "throughout.",
        suggestion=shown,
    )


def rules() -> list[CompoundTermRenderings]:
    return [CompoundTermRenderings()]
