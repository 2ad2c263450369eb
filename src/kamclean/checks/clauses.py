"""Shallow Hindi clause analysis for the agreement checks: finite verb groups and the nominative subject.

No parser, only what the agreement rules need, and it errs on the side of finding nothing:

* A **verb group** ends in a finite head: an auxiliary (है / था / थी / हैं / थे / थीं), a future form
  (stem + (ए)गा / (ए)गी), or a listed perfective form at a clause end ("वह चला गया।"). Walking left from the
  head, it takes imperfective participles (stem + ता / ती / ते, stem from a closed list so that the abstract
  nouns in -ता such as क्षमता are never verbs), perfective forms, and a bare stem before a light or modal verb
  ("कर सकती है", "कर रहा है").
* A **clause** ends at punctuation, before a subordinating word (कि, जो, क्योंकि, …), and before a coordinator
  (और, या, …) only when that directly follows a complete verb group: "विश्लेषण और निर्धारण करता है" is one
  clause, "… करती है और … आती है" two.
* The **subject** of a verb group is वह or a profession noun in the stretch of its clause before the group,
  in the direct case: not followed by a postposition (प्रबंधक के पास, प्रबंधक को), not the first half of a
  compound (प्रबंधक पदों में), not possessed (उसका सहायक). A clause with ने, उसे, उसको, के पास … gets no subject:
  its verb agrees with the object or the possessed thing ("उसने रिपोर्ट लिखी", "उसके पास डिग्री होती है").
* A clause that follows a coordinator and has no subject of its own continues the previous clause's subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kamclean.checks.lexicon import Lexicon, lexicon, load_data, words
from kamclean.text.tokens import Token

_IMPERFECTIVE = (("ता", "m"), ("ती", "f"), ("ते", "p"))
_FUTURE = (("ेगा", "m"), ("एगा", "m"), ("येगा", "m"), ("गा", "m"), ("ेगी", "f"), ("एगी", "f"), ("येगी", "f"), ("गी", "f"))
_NON_BOUNDARY_PUNCT = frozenset("/-‐")


@dataclass(frozen=True)
class AgreementVocab:
    subject_pronouns: frozenset[str]
    openers: frozenset[str]
    coordinators: frozenset[str]
    non_nominative: frozenset[str]
    genitives: frozenset[str]
    quotes: frozenset[str]
    singular_refs: tuple[tuple[str, ...], ...]
    plural_refs: dict[tuple[str, ...], str]
    plural_words: frozenset[str]
    relatives: frozenset[str]


@lru_cache(maxsize=1)
def vocab() -> AgreementVocab:
    d = load_data("agreement.yaml")
    return AgreementVocab(
        subject_pronouns=words(d["subject_pronouns"]),
        openers=words(d["clause_openers"]),
        coordinators=words(d["coordinators"]),
        non_nominative=words(d["non_nominative"]),
        genitives=words(d["genitives"]),
        quotes=words(d["quotes"]),
        singular_refs=tuple(tuple(str(r).split()) for r in d["singular_refs"]),
        plural_refs={tuple(str(k).split()): str(v) for k, v in d["plural_refs"].items()},
        plural_words=words(d["plural_words"]),
        relatives=words(d["relatives"]),
    )


@dataclass(frozen=True)
class VerbGroup:
    first: int  # token indexes, inclusive
    last: int
    gender: str | None  # "m", "f", or None when unmarked or inconsistent
    plural: bool


@dataclass(frozen=True)
class Clause:
    first: int  # token indexes, inclusive
    last: int
    conjunct: bool  # opened by a coordinator right after a verb group


@dataclass(frozen=True)
class Evidence:
    """A verb group whose subject is the article's person candidate (वह or a profession noun)."""

    group: VerbGroup
    clause: Clause
    kind: str  # "pronoun", "noun", or "conjunct" (subject carried over from the previous clause)
    subject: int  # token index of the subject (of the carried-over subject for a conjunct)


def participle_gender(word: str, lex: Lexicon) -> str | None:
    for suffix, g in _IMPERFECTIVE:
        if word.endswith(suffix) and word[: -len(suffix)] in lex.verb_stems:
            return g
    return None


def future_gender(word: str, lex: Lexicon) -> str | None:
    for suffix, g in _FUTURE:
        if word.endswith(suffix) and word[: -len(suffix)] in lex.verb_stems:
            return g
    return None


def perfective_gender(word: str, lex: Lexicon) -> str | None:
    if word in lex.perfective_m2f:
        return "m"
    if word in lex.perfective_f2m:
        return "f"
    stem, last = word[:-1], word[-1:]
    if stem in lex.verb_stems and last in ("ा", "ी", "े"):
        return {"ा": "m", "ी": "f", "े": "p"}[last]
    return None


def _stem_of(word: str, lex: Lexicon) -> str | None:
    for suffix, _ in (*_IMPERFECTIVE, *_FUTURE):
        if word.endswith(suffix) and word[: -len(suffix)] in lex.verb_stems:
            return word[: -len(suffix)]
    if word in lex.perfective_m2f or word in lex.perfective_f2m:
        return word
    if word[:-1] in lex.verb_stems:
        return word[:-1]
    return None


def _verbal(word: str, lex: Lexicon) -> str | None:
    """The gender a non-head verb-group word shows ("m", "f", "p"), "" for a bare stem, None if not verbal."""
    g = participle_gender(word, lex) or perfective_gender(word, lex)
    if g:
        return g
    return "" if word in lex.verb_stems else None


def verb_groups(tokens: list[Token], lex: Lexicon, voc: AgreementVocab) -> list[VerbGroup]:
    groups: list[VerbGroup] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if not tok.word:
            i += 1
            continue
        w = tok.text
        head_gender: str | None
        plural = False
        if w in lex.aux_singular or w in lex.aux_plural:
            plural = w in lex.aux_plural
            head_gender = lex.aux_gender.get(w)
        elif (fg := future_gender(w, lex)) is not None:
            head_gender = fg
        elif w in lex.perfective_m2f or w in lex.perfective_f2m:
            nxt = tokens[i + 1] if i + 1 < n else None
            if nxt is not None and nxt.word and nxt.text not in voc.coordinators and nxt.text not in voc.openers:
                i += 1
                continue  # not at a clause end: an adjectival participle or part of a longer group
            head_gender = "m" if w in lex.perfective_m2f else "f"
        else:
            i += 1
            continue
        genders = [head_gender] if head_gender else []
        j = i - 1
        while j >= 0 and tokens[j].word:
            g = _verbal(tokens[j].text, lex)
            if g is None:
                break
            nxt = tokens[j + 1].text
            if j + 1 != i or g == "":  # only before the finite head itself or before a light / modal verb
                if not (nxt in lex.light_perfectives or _stem_of(nxt, lex) in lex.light_verbs):
                    break
            if g == "p":
                plural = True
            elif g:
                genders.append(g)
            j -= 1
        first = j + 1
        gender = genders[0] if genders and all(g == genders[0] for g in genders) else None
        if first == i and head_gender is None:
            i += 1
            continue  # a bare है / हैं: no gender to see
        groups.append(VerbGroup(first, i, gender, plural))
        i += 1
    return groups


def clauses(tokens: list[Token], groups: list[VerbGroup], voc: AgreementVocab) -> list[Clause]:
    ends = {g.last for g in groups}
    out: list[Clause] = []
    start, conj = 0, False
    for i, tok in enumerate(tokens):
        boundary = False
        next_conj = False
        if not tok.word:
            boundary = tok.text not in _NON_BOUNDARY_PUNCT
        elif tok.text in voc.openers:
            boundary = True
        elif tok.text in voc.coordinators and (i - 1) in ends:
            boundary, next_conj = True, True
        if boundary:
            if i > start:
                out.append(Clause(start, i - 1, conj))
            start, conj = i + 1, next_conj
    if start < len(tokens):
        out.append(Clause(start, len(tokens) - 1, conj))
    return out


def _subject(tokens: list[Token], lo: int, hi: int, lex: Lexicon, voc: AgreementVocab) -> tuple[int, str] | None:
    """(token index, kind) of the nominative person subject in tokens[lo:hi], or None."""
    found: tuple[int, str] | None = None
    for k in range(lo, hi):
        w = tokens[k].text
        if w in voc.subject_pronouns:
            found = (k, "pronoun")
        elif w in lex.person_nouns and found is None:
            nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
            prev = tokens[k - 1].text if k > 0 else ""
            if (
                nxt in lex.postpositions
                or nxt.endswith(("ों", "ओं"))  # first half of a compound: प्रबंधक पदों में
                or nxt in lex.person_nouns
                or prev in voc.genitives
            ):
                continue
            found = (k, "noun")
    return found


def analyse_sentence(tokens: list[Token], lex: Lexicon | None = None) -> list[Evidence]:
    lex = lex or lexicon()
    voc = vocab()
    groups = verb_groups(tokens, lex, voc)
    out: list[Evidence] = []
    previous: Evidence | None = None
    for cl in clauses(tokens, groups, voc):
        texts = [t.text for t in tokens[cl.first : cl.last + 1]]
        blocked = any(t in voc.non_nominative for t in texts) or any(t in lex.gendered_person for t in texts)
        lo = cl.first
        carried = previous if cl.conjunct else None
        previous = None
        for g in (g for g in groups if cl.first <= g.first and g.last <= cl.last):
            if blocked or g.gender is None or g.plural or tokens[g.last].text in lex.aux_plural:
                lo = g.last + 1
                carried = None
                continue
            subj = _subject(tokens, lo, g.first, lex, voc)
            if subj is not None:
                ev = Evidence(g, cl, subj[1], subj[0])
            elif carried is not None and lo == cl.first:
                ev = Evidence(g, cl, "conjunct", carried.subject)
            else:
                ev = None
            if ev is not None:
                out.append(ev)
                previous = ev
            lo = g.last + 1
            carried = None
    return out
