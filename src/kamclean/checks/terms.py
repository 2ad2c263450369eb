"""KC-T: one concept, one term, within an article (``data/terms.yaml`` plus the user's ``terms`` files).

Machine translation renders the same English term differently from one sentence to the next: "key account
manager" as मुख्य खाता प्रबंधक, प्रमुख खाता प्रबंधक and प्रमुख गिनती प्रबंधक in one article; "sales manager" as बिक्री
प्रबंधक and सेल्स मैनेजर; the Bureau of Labor Statistics translated in one paragraph and transliterated in the
next. Each alternative may be acceptable alone; mixed, they make a reader wonder whether two things are
meant.

A *term set* lists the alternatives (variants) for one concept. When an article uses two or more variants of
a set, every occurrence of the minority variant(s) is flagged, and the majority variant is named as the
suggestion: its ``term`` (citation form) when the set gives one, else its most frequent spelling in the
article.

**Tie-breaking.** When two variants are used equally often, the one listed first in the set wins: sets list
their variants in editorial preference (the established Hindi term before the loanword, the loanword before
a word-for-word calque). Data order is used rather than "first in the article" because the first occurrence
is often the title, which is no better evidence than any other sentence.

Set format (keys are checked; an unknown key is an error with a "did you mean")::

    - id: KC-T002
      name: inconsistent-sales-manager
      english: sales manager
      severity: minor                  # default minor
      variants:                        # regex patterns, matched on the matching key (like the glossary)
        - 'बिक्री\\s+(?:प्रबंधक|प्रबंधकों)'
        - {term: सेल्स मैनेजर, pattern: 'सेल्स\\s+(?:मैनेजर|मैनेजरों|मैनेजर्स)'}
      note: why consistency matters here
      example: an article that mixes the variants

Matching uses the same keys as the glossary (indic-nlp's normalizer, nukta and chandrabindu folded; see
:mod:`kamclean.text.keys`), only ever to *find* variants: flags quote the text as written.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import regex

from kamclean.checks.base import CheckContext, Finding, RuleMeta
from kamclean.checks.patterns import (
    DataError,
    LiteralIndex,
    Matcher,
    bounded,
    category_and_severity,
    check_keys,
    check_top,
    display_form,
    fragment,
    iter_entries,
    load_yaml,
    parse_vocab,
)
from kamclean.clean.catalog import packaged_path
from kamclean.config import Config

SET_KEYS = ("id", "name", "english", "category", "severity", "variants", "note", "example")
REQUIRED = ("id", "name", "english", "variants", "note", "example")


class Occurrence(NamedTuple):
    variant: int
    pointer: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TermRule:
    meta: RuleMeta
    variants: tuple[Matcher, ...]
    terms: tuple[str | None, ...]  # citation form of each variant, if given
    index: LiteralIndex | None = None  # shared by all term sets (see load_terms)

    def occurrences(self, ctx: CheckContext) -> list[Occurrence]:
        blob, starts = ctx.blob
        # a set is only inconsistent when two variants occur: skip it at once when at most one can
        literals = None
        if self.index is not None:
            if self.meta.id not in self.index.alive(ctx):
                return []
            literals = self.index.literals(ctx)
        elif sum(1 for m in self.variants if m.may_occur(blob)) < 2:
            return []
        claimed: list[tuple[int, int]] = []  # spans already taken by an earlier variant, sorted
        out: list[Occurrence] = []
        for vi, matcher in enumerate(self.variants):
            found = []
            for m in matcher.finditer(blob, starts, ctx.unit_keys, literals):
                ms, me = m.span()
                i = bisect_left(claimed, (ms, ms))
                if (i < len(claimed) and claimed[i][0] < me) or (i > 0 and claimed[i - 1][1] > ms):
                    continue  # an earlier variant already claimed this text
                found.append((ms, me))
                ui, unit = ctx.unit_at(ms)
                s, e = unit.keyed.span(m.start() - starts[ui], m.end() - starts[ui])
                if s < e and not _in_hyphenated_compound(unit.text, s, e) and not _in_name(unit.text, e):
                    out.append(Occurrence(vi, unit.pointer, unit.offset + s, unit.offset + e, unit.text[s:e]))
            if found:
                claimed = sorted(claimed + found)
        return out

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        occ = self.occurrences(ctx)
        if not occ:
            return
        counts = Counter(o.variant for o in occ)
        if len(counts) < 2:
            return
        # majority; ties go to the variant listed first in the set (editorial preference)
        best = min(counts, key=lambda v: (-counts[v], v))
        forms = Counter(o.text for o in occ if o.variant == best)
        # the majority's most frequent spelling in this article; ties to the first written
        first_seen = {t: i for i, t in reversed(list(enumerate(o.text for o in occ if o.variant == best)))}
        written = min(forms, key=lambda t: (-forms[t], first_seen[t]))
        suggestion = self.terms[best] or written
        english = self.meta.extra["english"]
        flagged = ctx.memo.setdefault("terms.flagged", [])  # for KC-T073, which leaves these spans alone
        for o in occ:
            if o.variant == best or _glossed(ctx.texts[o.pointer], o.start):
                continue
            flagged.append((o.pointer, o.start, o.end))
            if counts[o.variant] == counts[best]:
                how = f"as often ({counts[best]}× each; the set prefers it)"
            else:
                how = f"more often ({counts[best]}× against {counts[o.variant]}×)"
            yield Finding(
                o.pointer,
                o.start,
                o.end,
                f"'{o.text}' for \"{english}\", but this article also writes '{written}' {how}; "
                "use one term throughout.",
                suggestion=suggestion,
            )


HYPHENS = "-‐‑"
GLOSS_MARKERS = ("यानी", "यानि", "अर्थात", "(")  # "PRAN यानी स्थायी सेवानिवृत्ति खाता संख्या", "(सेवानिवृत्ति"
GLOSS_REACH = 40  # characters before an occurrence searched for a gloss marker


def _in_hyphenated_compound(text: str, s: int, e: int) -> bool:
    """Is text[s:e] part of a hyphenated compound ("ऑन-द-जॉब")? Then it is not the term on its own."""
    return (s > 0 and text[s - 1] in HYPHENS) or (e < len(text) and text[e] in HYPHENS)


# Words that make the term before them part of an institution's name ("स्किल काउंसिल", "स्किल इंडिया"): a name
# is written as its owner writes it and is no rendering of the concept.
INSTITUTION_WORDS = frozenset(
    ["काउंसिल", "परिषद", "मंत्रालय", "बोर्ड", "इंडिया", "मिशन", "फाउंडेशन", "संस्थान", "कॉर्पोरेशन", "निगम", "आयोग",
     "अकादमी", "यूनिवर्सिटी", "विश्वविद्यालय", "एसोसिएशन", "संघ", "ब्यूरो"]
)


# The occurrence is followed, within a few words, by a Latin acronym in brackets: it is part of a name the acronym
# abbreviates ("सर्टिफाइड नेशनल फार्मास्युटिकल रिप्रेजेंटेटिव (CNPR) प्रमाणन"), written as its owner writes it.
ACRONYM_AFTER = regex.compile(r"(?:\s+[^\s()।,;:]+){0,3}?\s*\(\s*[A-Z][A-Z0-9&.\-]{1,11}\s*\)")
ACRONYM_REACH = 80  # characters after the occurrence


def _in_name(text: str, end: int) -> bool:
    """Is the occurrence ending at ``end`` followed by a word of an institution's name, or part of a name that a
    Latin acronym in brackets abbreviates?"""
    after = text[end : end + 40].split(maxsplit=1)
    if bool(after) and after[0].strip(".,;:।()\"'") in INSTITUTION_WORDS:
        return True
    return ACRONYM_AFTER.match(text, end, min(len(text), end + ACRONYM_REACH)) is not None


def _glossed(text: str, start: int) -> bool:
    """Does the occurrence spell out a term just named, after यानी / अर्थात or inside brackets? A gloss uses the
    other rendering on purpose ("PRAN यानी स्थायी सेवानिवृत्ति खाता संख्या")."""
    before = text[max(0, start - GLOSS_REACH) : start]
    for marker in GLOSS_MARKERS:
        i = before.rfind(marker)
        if i >= 0 and (marker != "(" or ")" not in before[i:]) and not any(c in before[i:] for c in "।.!?"):
            return True
    return False


def parse_terms(
    data: Any,
    origin: str,
    vocab: dict[str, tuple[str, ...]] | None = None,
    seen: set[str] | None = None,
    compile_now: bool = True,
) -> tuple[list[TermRule], dict[str, tuple[str, ...]]]:
    """Term sets from a parsed file; ``compile_now`` as for :func:`~kamclean.checks.glossary.parse_glossary`."""
    check_top(data, origin, "sets")
    vocab = parse_vocab(data.get("vocab"), origin, vocab)
    seen = seen if seen is not None else set()
    out: list[TermRule] = []
    for where, e, rid in iter_entries(data.get("sets"), origin, "set", SET_KEYS, REQUIRED, "KC-T001", seen):
        variants, terms = _variants(e["variants"], where)
        category, severity = category_and_severity(e, where, "terminology", "minor")
        frags = [fragment(v, vocab, f"{where} variant {j + 1}", compile_now) for j, v in enumerate(variants)]
        shown = [t or display_form(f) for t, f in zip(terms, frags, strict=True)]
        pats = tuple(Matcher.build(f, bounded(f), where, compile_now) for f in frags)
        meta = RuleMeta(
            id=rid,
            name=e["name"],
            category=category,
            severity=severity,
            summary=f'"{e["english"]}" written in more than one way in one article',
            what=f'Counts the renderings of "{e["english"]}" in an article; when more than one is used, '
            "flags each occurrence of the less frequent one(s) and suggests the most frequent (ties go to "
            f"the first variant listed: {shown[0]}). Variants: " + "; ".join(shown) + ".",
            why=str(e["note"]).strip(),
            example=str(e["example"]).strip(),
            instead="the article's majority rendering, used throughout",
            extra={"english": e["english"], "variants": tuple(variants), "source": origin},
        )
        out.append(TermRule(meta, pats, terms))
    return out, vocab


def _variants(raw: Any, where: str) -> tuple[list[str], tuple[str | None, ...]]:
    """Variants are patterns, or {term: citation form, pattern: ...} mappings."""
    if not isinstance(raw, list) or len(raw) < 2:
        raise DataError(f"{where}: 'variants' must be a list of at least two patterns")
    pats: list[str] = []
    terms: list[str | None] = []
    for j, v in enumerate(raw):
        if isinstance(v, str):
            pats.append(v)
            terms.append(None)
        elif isinstance(v, dict):
            check_keys(v, ("term", "pattern"), ("pattern",), f"{where} variant {j + 1}")
            if not isinstance(v["pattern"], str) or not isinstance(v.get("term", ""), str):
                raise DataError(f"{where} variant {j + 1}: 'term' and 'pattern' must be strings")
            pats.append(v["pattern"])
            terms.append(v.get("term"))
        else:
            raise DataError(f"{where} variant {j + 1}: a pattern or a {{term, pattern}} mapping")
    return pats, tuple(terms)


@lru_cache(maxsize=8)
def load_terms(extra: tuple[str, ...] = ()) -> tuple[TermRule, ...]:
    """The packaged term sets, extended by the user's files; compiled once per process."""
    seen: set[str] = set()
    packaged = load_yaml(packaged_path("terms.yaml"), "terms.yaml")
    rules, vocab = parse_terms(packaged, "terms.yaml", seen=seen, compile_now=False)
    for p in extra:
        more, vocab = parse_terms(load_yaml(Path(p), p), p, vocab, seen)
        rules += more
    index = LiteralIndex("terms.alive", [(r.meta.id, list(r.variants)) for r in rules], need=2)
    return tuple(replace(r, index=index) for r in rules)


def rules(config: Config) -> list:
    from kamclean.checks.compounds import rules as compound_rules

    # KC-T073 runs after the term sets, whose flagged spans it leaves alone
    return [*load_terms(tuple(config.terms)), *compound_rules()]
