"""Shallow Hindi clause analysis for the agreement checks: finite verb groups and the nominative subject.

No parser, only what the agreement rules need, and it errs on the side of finding nothing:

* A **verb group** ends in a finite head: an auxiliary (है / था / थी / हैं / थे / थीं), a future form
  (stem + (ए)गा / (ए)गी), a listed perfective form or the subjunctive हो at a clause end ("वह चला गया।", "…
  चुका चुकी हो"), or an imperfective participle that ends its clause after a negation (the negated present
  drops its auxiliary: "वह काम नहीं कर पाता,"). Walking left from the
  head, it takes imperfective participles (stem + ता / ती / ते, stem from a closed list so that the abstract
  nouns in -ता such as क्षमता are never verbs), perfective forms, and a bare stem before a light or modal verb
  ("कर सकती है", "कर रहा है").
* A **clause** ends at punctuation, before a subordinating word (कि, जो, क्योंकि, …), and before a coordinator
  (और, या, …) only when that directly follows a complete verb group: "विश्लेषण और निर्धारण करता है" is one
  clause, "… करती है और … आती है" two.
* The **subject** of a verb group is वह, a profession noun or a given name in the stretch of its clause before
  the group, in the direct case: not followed by a postposition (प्रबंधक के पास, प्रबंधक को), not the first half of a
  compound (प्रबंधक पदों में), not possessed (उसका सहायक). A clause with ने, उसे, उसको, के पास … gets no subject:
  its verb agrees with the object or the possessed thing ("उसने रिपोर्ट लिखी", "उसके पास डिग्री होती है").
* A clause that follows a coordinator and has no subject of its own continues the previous clause's subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import methodcaller
from typing import NamedTuple

from kamclean.checks.lexicon import Lexicon, lexicon, load_data, words
from kamclean.checks.units import Unit

# Inflectional endings (morphology, not vocabulary): imperfective participle, future,
# perfective, oblique plural.
IMPERFECTIVE = (("ता", "m"), ("ती", "f"), ("ते", "p"))
FUTURE = (
    ("ेगा", "m"),
    ("एगा", "m"),
    ("येगा", "m"),
    ("गा", "m"),
    ("ेगी", "f"),
    ("एगी", "f"),
    ("येगी", "f"),
    ("गी", "f"),
)
FUTURE_ENDINGS = ("गा", "गी")
PERFECTIVE = {"ा": "m", "ी": "f", "े": "p"}
OBLIQUE_PLURAL = ("ों", "ओं")
_IS_FUTURE_LIKE = methodcaller("endswith", FUTURE_ENDINGS)


@dataclass(frozen=True)
class AgreementVocab:
    subject_pronouns: frozenset[str]
    plural_subject_pronouns: frozenset[str]
    openers: frozenset[str]
    coordinators: frozenset[str]
    non_nominative: frozenset[str]
    genitives: frozenset[str]
    quotes: tuple[str, ...]
    singular_refs: tuple[tuple[str, ...], ...]
    plural_refs: dict[tuple[str, ...], str]
    plural_words: frozenset[str]
    quantity_adverbials: frozenset[str]
    relatives: frozenset[str]
    pronoun_relatives: frozenset[str]
    object_pronouns: frozenset[str]
    particles: frozenset[str]
    plural_people: frozenset[str]
    plural_people_direct: frozenset[str]
    conjunct_verbs: frozenset[str]
    transitive_conjunct_verbs: frozenset[str]
    argument_determiners: frozenset[str]
    reader_formal: frozenset[str]
    reader_informal: dict[str, str]  # informal form -> its formal counterpart
    not_after_name: frozenset[str] = frozenset()
    third_person_oblique: frozenset[str] = frozenset()
    ergative_pronouns: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    place_genitives: dict[str, str] = field(default_factory=dict)  # का -> "m", की -> "f"
    ergative_markers: frozenset[str] = frozenset()
    time_adverbs: frozenset[str] = frozenset()
    person_verbs: frozenset[str] = frozenset()  # verb stems whose subject is a person, not a thing
    person_conjuncts: frozenset[str] = frozenset()  # nouns before कर / ले / दे that make such a predicate
    happening_verbs: frozenset[str] = frozenset()  # verbs of what a thing does by itself (रुक, बढ़, हो)
    correlative_then: frozenset[str] = frozenset()  # तो / तब after a condition or a time clause
    experiencer_conjuncts: frozenset[str] = frozenset()  # nouns of conjunct verbs with happenings (नज़र आना)
    place_nouns: frozenset[str] = frozenset()  # goals of verbs of motion (क्लिनिक आती है)
    experiencer_nouns: frozenset[str] = frozenset()
    fixed_gender: dict[str, str] = field(default_factory=dict)  # person noun -> its one grammatical gender


@lru_cache(maxsize=1)
def vocab() -> AgreementVocab:
    d = load_data("agreement.yaml")
    return AgreementVocab(
        subject_pronouns=words(d["subject_pronouns"]),
        plural_subject_pronouns=words(d["plural_subject_pronouns"]),
        openers=words(d["clause_openers"]),
        coordinators=words(d["coordinators"]),
        non_nominative=words(d["non_nominative"]),
        genitives=words(d["genitives"]),
        quotes=tuple(str(q) for q in d["quotes"]),
        singular_refs=tuple(tuple(str(r).split()) for r in d["singular_refs"]),
        plural_refs={tuple(str(k).split()): str(v) for k, v in d["plural_refs"].items()},
        plural_words=words(d["plural_words"]),
        quantity_adverbials=words(d["quantity_adverbials"]),
        relatives=words(d["relatives"]),
        pronoun_relatives=words(d["pronoun_relatives"]),
        object_pronouns=words(d["object_pronouns"]),
        particles=words(d["particles"]),
        plural_people=words(d["plural_people"]),
        plural_people_direct=words(d["plural_people_direct"]),
        conjunct_verbs=words(d["conjunct_verbs"]),
        transitive_conjunct_verbs=words(d["transitive_conjunct_verbs"]),
        argument_determiners=words(d["argument_determiners"]),
        reader_formal=words(d["reader_formal"]),
        reader_informal={str(k): str(v) for k, v in d["reader_informal"].items()},
        not_after_name=words(d["not_after_name"]),
        third_person_oblique=words(d["third_person_oblique"]),
        ergative_pronouns=words(d["ergative_pronouns"]),
        negations=words(d.get("negations")),
        place_genitives={str(k): str(v) for k, v in (d.get("place_genitives") or {}).items()},
        ergative_markers=words(d.get("ergative_markers")),
        time_adverbs=words(d.get("time_adverbs")),
        person_verbs=words(d.get("person_verbs")),
        person_conjuncts=words(d.get("person_conjuncts")),
        happening_verbs=words(d.get("happening_verbs")),
        correlative_then=words(d.get("correlative_then")),
        experiencer_conjuncts=words(d.get("experiencer_conjuncts")),
        place_nouns=words(d.get("place_nouns")),
        experiencer_nouns=words(d.get("experiencer_nouns")),
        fixed_gender={str(w): g for g, ws in (d.get("fixed_gender") or {}).items() for w in ws},
    )


class VerbGroup(NamedTuple):
    first: int  # word indexes, inclusive
    last: int
    gender: str | None  # "m", "f", or None when unmarked or inconsistent
    plural: bool


class Clause(NamedTuple):
    first: int  # word indexes, inclusive
    last: int
    conjunct: bool  # opened by a coordinator right after a verb group


class Evidence(NamedTuple):
    """A verb group whose subject is the article's person candidate (वह, a profession noun or a given name)."""

    group: VerbGroup
    clause: Clause
    kind: str  # "pronoun", "noun", "name", "conjunct" (subject carried over from the previous clause), or
    # "plural" (वे, or carried over from a वे clause, with a plural verb: number evidence only)
    subject: int  # word index of the subject (of the carried-over subject for a conjunct)


def participle_gender(word: str, lex: Lexicon) -> str | None:
    if word in lex.not_verbs:
        return None
    for suffix, g in IMPERFECTIVE:
        if word.endswith(suffix) and word[: -len(suffix)] in lex.verb_stems:
            return g
    return None


def future_gender(word: str, lex: Lexicon) -> str | None:
    if not word.endswith(FUTURE_ENDINGS) or word in lex.not_verbs:
        return None
    for suffix, g in FUTURE:
        if word.endswith(suffix) and word[: -len(suffix)] in lex.verb_stems:
            return g
    return None


# Gendered endings of the verb-group words swap_gender rewrites: participle, future, perfective.
SWAP_ENDINGS = {"m": (("ती", "ता"), ("गी", "गा"), ("ी", "ा")), "f": (("ता", "ती"), ("गा", "गी"), ("ा", "ी"))}


def swap_gender(word: str, to: str, lex: Lexicon) -> str:
    """The same verb-group word in the other gender (करती → करता, गई → गया, थी → था, करेगी → करेगा)."""
    listed = lex.perfective_f2m.get(word) if to == "m" else lex.perfective_m2f.get(word)
    if listed:
        return listed
    participle, future, perfective = SWAP_ENDINGS[to]
    if participle_gender(word, lex) == ("f" if to == "m" else "m"):
        return word[: -len(participle[0])] + participle[1]
    if word.endswith(future[0]):
        return word[: -len(future[0])] + future[1]
    if word.endswith(perfective[0]) and word[: -len(perfective[0])] in lex.verb_stems:
        return word[: -len(perfective[0])] + perfective[1]
    return word


def perfective_gender(word: str, lex: Lexicon) -> str | None:
    if word in lex.perfective_m2f:
        return "m"
    if word in lex.perfective_f2m:
        return "f"
    if word[:-1] in lex.verb_stems and word not in lex.not_verbs:
        return PERFECTIVE.get(word[-1:])
    return None


def stem_of(word: str, lex: Lexicon) -> str | None:
    for suffix, _ in (*IMPERFECTIVE, *FUTURE):
        if word.endswith(suffix) and word[: -len(suffix)] in lex.verb_stems:
            return word[: -len(suffix)]
    if word in lex.perfective_m2f or word in lex.perfective_f2m:
        return word
    if word[:-1] in lex.verb_stems:
        return word[:-1]
    return None


_VERBAL: dict[str, str | None] = {}  # memo of _verbal: words repeat across sentences and articles
_MEMO_LIMIT = 200_000


def _verbal(word: str, lex: Lexicon) -> str | None:
    """The gender a non-head verb-group word shows ("m", "f", "p"), "" for a bare stem, None if not verbal."""
    try:
        return _VERBAL[word]
    except KeyError:
        pass
    g = participle_gender(word, lex) or perfective_gender(word, lex)
    out = g if g else ("" if word in lex.verb_stems else None)
    if len(_VERBAL) > _MEMO_LIMIT:
        _VERBAL.clear()
    _VERBAL[word] = out
    return out


_LINKS: dict[str, tuple[bool, bool]] = {}  # memo of _link, for the same reason


def _link(word: str, lex: Lexicon) -> tuple[bool, bool]:
    """(is ``word`` a stem modal or progressive (सकती, रहा), is it a light verb (करता, गया)): what lets a verb
    group reach back past the word before ``word``."""
    try:
        return _LINKS[word]
    except KeyError:
        pass
    out = (is_stem_modal(word, lex), word in lex.light_perfectives or stem_of(word, lex) in lex.light_verbs)
    if len(_LINKS) > _MEMO_LIMIT:
        _LINKS.clear()
    _LINKS[word] = out
    return out


INFINITIVE_ENDINGS = ("ना", "नी", "ने")  # भरना / भरनी / भरने


def is_infinitive(word: str, lex: Lexicon) -> bool:
    """करना / करनी / करने: an infinitive of a listed verb."""
    return word.endswith(INFINITIVE_ENDINGS) and word[:-2] in lex.verb_stems


def is_stem_modal(word: str, lex: Lexicon) -> bool:
    """Is ``word`` a form of a modal that takes only a bare stem (सकती, पाया, चुका), or of the progressive रहना
    (लगा रही)?"""
    return word in lex.stem_modal_perfectives or word in lex.stem_progressives or stem_of(word, lex) in lex.stem_modals


# A negated present drops its auxiliary: at most this many verb words follow नहीं before the participle that
# ends the clause ("वह नहीं जानता", "वह काम नहीं कर पाता")
MAX_NEGATED_GROUP = 3


def _negated_heads(u: Unit, lex: Lexicon, voc: AgreementVocab) -> dict[int, str]:
    """{word index: gender} of the imperfective participles that end a clause right after a negation, with only
    bare stems between: the negated present, whose auxiliary is dropped ("… नज़र नहीं रख सकता, वह …", "वह काम
    नहीं कर पाती और …"). A participle that does not end its clause is adjectival or part of a longer group."""
    ws = u.words
    n = len(ws)
    out: dict[int, str] = {}
    for k in compress(range(n), map(voc.negations.__contains__, ws)):
        for x in range(k + 1, min(k + 1 + MAX_NEGATED_GROUP, n)):
            if u.cut_after(x - 1):
                break
            g = participle_gender(ws[x], lex)
            if g is not None:
                if x + 1 == n or u.cut_after(x) or ws[x + 1] in voc.coordinators or ws[x + 1] in voc.openers:
                    out[x] = g
                break
            if ws[x] not in lex.verb_stems:
                break
    return out


ALTERNATIVE = "या"  # or: after a perfective it joins attributes far more often than clauses

# Light verbs that take the bare stem of the main verb ("चुका देती", "बना लेता", "लगा डालती"); जाना and रहना take
# its perfective instead ("चली जाती", "लेटी रहती"), which shows the gender.
STEM_LIGHT_VERBS = frozenset({"दे", "ले", "डाल", "बैठ", "उठ", "पड़"})
STEM_LIGHT_PERFECTIVES = frozenset({"दिया", "दी", "दिए", "दिये", "लिया", "ली", "लिए", "लिये", "डाला", "डाली", "डाले",
                                    "बैठा", "बैठी", "बैठे", "उठा", "उठी", "उठे", "पड़ा", "पड़ी", "पड़े"})


def _takes_stem(word: str, lex: Lexicon) -> bool:
    """Is ``word`` a form of a light verb that takes the bare stem before it (देती, दिया, लेगा, बैठी)?"""
    return word in STEM_LIGHT_PERFECTIVES or stem_of(word, lex) in STEM_LIGHT_VERBS


def verb_groups(u: Unit, lex: Lexicon, voc: AgreementVocab) -> list[VerbGroup]:
    ws = u.words
    n = len(ws)
    groups: list[VerbGroup] = []
    # candidate heads, found with C-level set and filter operations (this runs on every sentence)
    targets = set(lex.heads.intersection(ws))
    if any(map(u.text.__contains__, FUTURE_ENDINGS)):
        targets.update(filter(_IS_FUTURE_LIKE, ws))
    negated: dict[int, str] = {}
    if not voc.negations.isdisjoint(ws):
        negated = _negated_heads(u, lex, voc)
        targets.update([ws[i] for i in negated])
    if not targets:
        return groups
    # the sets and the punctuation cuts as locals: the loops below run per head and per word
    after = u.cut_sets()[0]
    coordinators, openers, verb_stems = voc.coordinators, voc.openers, lex.verb_stems
    aux_singular, aux_plural, subjunctive = lex.aux_singular, lex.aux_plural, lex.subjunctive_heads
    m2f, f2m = lex.perfective_m2f, lex.perfective_f2m
    for i in compress(range(n), map(targets.__contains__, ws)):
        w = ws[i]
        plural = False
        if negated and i in negated:
            head_gender = negated[i]
            plural = head_gender == "p"
            if plural:
                head_gender = None
        elif w in aux_singular or w in aux_plural:
            plural = w in aux_plural
            head_gender = lex.aux_gender.get(w)
        elif w in m2f or w in f2m or w in subjunctive:
            if i + 1 < n and i not in after and ws[i + 1] not in coordinators and ws[i + 1] not in openers:
                continue  # not at a clause end: an adjectival participle or part of a longer group
            if i + 1 < n and i not in after and ws[i + 1] == ALTERNATIVE:
                continue  # "बोली गई या सांकेतिक भाषा": a participle of an attribute, coordinated with another
            # the subjunctive हो shows no gender itself: "चुका चुकी हो" takes it from the words before it
            head_gender = None if w in subjunctive else "m" if w in m2f else "f"
        else:
            head_gender = future_gender(w, lex)
            if head_gender is None:
                continue
        genders = [head_gender] if head_gender else []
        j = i - 1
        while j >= 0 and j not in after:
            g = _verbal(ws[j], lex)
            if g is None:
                break
            modal, light = _link(ws[j + 1], lex)
            if g and ws[j] in verb_stems and (modal or (light and _takes_stem(ws[j + 1], lex))):
                g = ""  # "बचा सकती", "चुका देती": the stem of बचाना / चुकाना, not the perfective of बचना / चुकना
            if (j + 1 != i or g == "") and not light:
                break  # only before the finite head itself or before a light / modal verb
            if g == "p":
                plural = True
            elif g:
                genders.append(g)
            j -= 1
        first = j + 1
        if first == i and head_gender is None:
            continue  # a bare है / हैं: no gender to see
        gender = genders[0] if len(set(genders)) == 1 else None  # (one gender throughout)
        groups.append(VerbGroup(first, i, gender, plural))
    return groups


# Words an item of a list may have between its comma (or its first word) and the coordinator or next comma
# ("ईंधन की खपत, इंजन के तापमान और …": three, a genitive phrase; four with an adjective). The agreement rules'
# search for a list that ends oblique ("आय, मौजूदा कर्ज़ और क्रेडिट स्कोर का") uses the same reach.
LIST_ITEM_WORDS = 4


def _list_comma(
    u: Unit, k: int, hi: int, ends: set[int], voc: AgreementVocab, aux: frozenset[str] = frozenset()
) -> bool:
    """Is the comma after word k one between the items of a list ("A, B और C", "A, B, C और D"): a comma, with a
    coordinator that does not follow a verb group (nor a bare auxiliary in ``aux``: "… के बिल थे, और वह …")
    within LIST_ITEM_WORDS words of the last comma of a chain of commas, and no other cut on the way?"""
    if not u.parts[k].endswith(","):
        return False
    ws = u.words
    after = u.cut_sets()[0]
    j, limit = k + 1, k + 1 + LIST_ITEM_WORDS
    while j < min(limit, hi):
        if ws[j] in voc.coordinators:
            return (j - 1) not in ends and ws[j - 1] not in aux
        if j in ends:
            return False
        if j in after:
            if not u.parts[j].endswith(","):
                return False
            limit = j + 1 + LIST_ITEM_WORDS  # "A, B, C और D": the next item ends at a comma too
        j += 1
    return False


def clause_start(
    u: Unit, lo: int, hi: int, ends: set[int], voc: AgreementVocab, aux: frozenset[str] = frozenset()
) -> tuple[int, bool]:
    """Where the clause holding word ``hi`` starts, looking no further left than ``lo``, and whether it was
    opened by a coordinator right after a verb group. A clause starts after clause-final punctuation, at an
    opening quote or bracket, after a subordinating word, and after a coordinator that follows a verb group
    ("… करता है और …"); elsewhere a coordinator joins nouns ("विश्लेषण और निर्धारण करता है"). A comma right
    after a verb group coordinates too, as in a list of the person's tasks ("… लगाता है, … जांच करता है और
    …"), so a clause opened by it is a conjunct as well."""
    ws = u.words
    after, before = u.cut_sets()
    for k in range(hi - 1, lo - 1, -1):
        if k in after:
            if _list_comma(u, k, hi, ends, voc, aux):
                continue  # "वह Glassdoor, AmbitionBox और LinkedIn पर … देखता है": a list, not a clause end
            return k + 1, False
        w = ws[k]
        if w in voc.openers:
            return k + 1, False
        if w in voc.coordinators and (k - 1) in ends:
            return k + 1, True
        if k in before:
            return k, False
    # nothing opened a clause after the previous verb group: a comma right after it coordinates
    return lo, lo > 0 and (lo - 1) in ends and u.parts[lo - 1].endswith(",")


# A given name takes at most this many surnames or middle names after it ("अमित कुमार सिंह").
MAX_SURNAMES = 2


def name_end(ws: list[str], k: int, lex: Lexicon) -> int:
    """The index of the last word of the name phrase that starts with the given name at ``k`` (its surnames)."""
    j = k
    while j + 1 < len(ws) and j - k < MAX_SURNAMES and ws[j + 1] in lex.surnames:
        j += 1
    return j


def name_is_direct(ws: list[str], k: int, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Is the given name at ``k`` (with its surnames) in the direct case, standing alone: a possible subject?

    Not when a postposition follows the name phrase (नेहा ने, अमित शर्मा को, प्रिया के पास, राहुल की), when जी
    makes it honorific or a comparison word follows (नेहा जैसी), nor when it is coordinated with something (in
    "अमित और उसकी टीम काम करती है" the verb agrees with the nearest conjunct), possessed (उसका दोस्त …) or a
    vocative (राहुल, तुम्हारी …). A name phrase followed by a word that is not a known noun and then a
    postposition may have a surname that is not listed ("नेहा कुलकर्णी को", "महेंद्र सिंह धोनी ने"): it is left
    alone too."""
    prev = ws[k - 1] if k > 0 else ""
    if prev in voc.coordinators or (prev in voc.genitives and voc.place_genitives.get(prev) != lex.names.get(ws[k])):
        return False  # (but "पुणे की अनन्या", "दिल्ली का अमित": a genitive in the name's own gender describes it)
    end = name_end(ws, k, lex)
    nxt = ws[end + 1] if end + 1 < len(ws) else ""
    if nxt in lex.postpositions or nxt in voc.not_after_name or nxt in voc.coordinators or nxt in lex.names:
        return False
    if nxt in voc.reader_formal or nxt in voc.reader_informal:
        return False  # "राहुल, तुम्हारी …": the name is a vocative
    if end + 2 < len(ws) and ws[end + 2] in lex.postpositions:
        # a possible surname: not a known noun, not an oblique plural (बच्चों को), not a possessive (अपने)
        return (
            lex.noun_gender(nxt) is not None
            or nxt in lex.person_nouns
            or nxt.endswith(OBLIQUE_PLURAL)
            or nxt in voc.genitives
            or nxt in lex.determiners
            or nxt[:1].isdigit()
        )
    return True


def _correlative(ws: list[str], k: int, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Is the वह at ``k`` a correlative about a thing: "जो बाढ़ … वह रुक गई" (but "जो निवेशक … वह" is the person)?"""
    rel = next(compress(range(k), map(voc.pronoun_relatives.__contains__, ws[:k])), None)
    return rel is not None and lex.person_nouns.isdisjoint(ws[rel + 1 : k])


def _noun_subject(ws: list[str], k: int, lo: int, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Can the profession noun at ``k`` be a subject, in a clause that starts at ``lo``: in the direct case, not
    the first half of a compound, not possessed, not an adjective?"""
    nxt = ws[k + 1] if k + 1 < len(ws) else ""
    prev = ws[k - 1] if k > 0 else ""
    # "प्रबंधक पदों में" is a compound (manager posts), but "एक प्रबंधक ग्राहकों से …" has the
    # indefinite article of a subject a few words before
    introduced = not lex.determiners.isdisjoint(ws[max(lo, k - 3) : k])
    if (
        nxt in lex.postpositions
        or (nxt.endswith(OBLIQUE_PLURAL) and not introduced)
        or nxt in lex.person_nouns
        or prev in voc.genitives
        or is_infinitive(nxt, lex)  # "रिपोर्टर बनने के लिए …": the complement of an infinitive, not a subject
    ):
        return False
    adjectival = ws[k] in lex.adjectival_person
    # वैज्ञानिक अनुसंधान, सहायक देखभाल: an adjective here
    return not (adjectival and (prev not in lex.determiners or lex.noun_gender(nxt) is not None))


def _subject(ws: list[str], lo: int, hi: int, lex: Lexicon, voc: AgreementVocab) -> tuple[int, str] | None:
    """(word index, kind) of the nominative person subject in ws[lo:hi], or None."""
    found: tuple[int, str] | None = None
    named: str | None = None  # the given name found as the subject, if any
    for k in range(lo, hi):
        w = ws[k]
        if w in lex.names:
            if not name_is_direct(ws, k, lex, voc):
                continue
            if named is not None and w != named:
                return None  # two named people in one clause: whose verb it is cannot be told
            named = w
            if found is None:
                found = (k, "name")
        elif w in voc.subject_pronouns:
            if not _correlative(ws, k, lex, voc):
                found = (k, "pronoun")
        elif w in lex.person_nouns and found is None and _noun_subject(ws, k, lo, lex, voc):
            found = (k, "noun")
    return found


_SUBJECT_WORDS: list[tuple[Lexicon, AgreementVocab, frozenset[str]]] = []


def subject_words(lex: Lexicon, voc: AgreementVocab) -> frozenset[str]:
    """Every word :func:`_subject` can take as a subject: given names, वह, profession nouns (built once for the
    lexicon and vocabulary last asked about)."""
    if _SUBJECT_WORDS:
        last = _SUBJECT_WORDS[0]
        if last[0] is lex and last[1] is voc:
            return last[2]
    _SUBJECT_WORDS[:] = [(lex, voc, frozenset(lex.names) | voc.subject_pronouns | lex.person_nouns)]
    return _SUBJECT_WORDS[0][2]


def may_have_subject(ws: list[str], lex: Lexicon, voc: AgreementVocab) -> bool:
    """Could some word of the sentence be the subject that :func:`_subject` finds, in whatever clause? A sentence
    with none gives no evidence but the plural (वे) kind, so its analysis can be skipped. The tests are those of
    :func:`_subject` (a noun's clause taken to start at the sentence's start, which only lets more through)."""
    if not voc.subject_pronouns.isdisjoint(ws) and voc.pronoun_relatives.isdisjoint(ws):
        return True  # वह with no relative word to be the correlative of (the common case, told in C)
    for k in compress(range(len(ws)), map(subject_words(lex, voc).__contains__, ws)):
        w = ws[k]
        if w in lex.names:
            if name_is_direct(ws, k, lex, voc):
                return True
        elif w in voc.subject_pronouns:
            if not _correlative(ws, k, lex, voc):
                return True
        elif _noun_subject(ws, k, 0, lex, voc):
            return True
    return False


DIRECTION = "पास"  # के पास: "with" (possession: उसके पास डिग्री है) or "to" (direction: डॉक्टर के पास भेजती है)
DIRECTION_GENITIVE = "के"
DIRECT_SUBJECT = "वह"


def _direction(ws: list[str], k: int, start: int) -> bool:
    """Is the पास at ``k`` the "to" of a direction, not the "with" of a possessor: "<noun> के पास" after a direct
    वह in its clause ("वह मरीज को विशेषज्ञ के पास भेजती है", "वह डॉक्टर के पास जाता है")? The possessor of "के पास"
    is the person only as a pronoun (उसके पास, उनके पास) or with no वह before it; then the verb agrees with the
    thing possessed and the clause gives no evidence."""
    return (
        ws[k] == DIRECTION
        and k >= 2
        and ws[k - 1] == DIRECTION_GENITIVE
        and DIRECT_SUBJECT in ws[start : k - 2]
    )


def analyse_sentence(u: Unit, lex: Lexicon | None = None) -> list[Evidence]:
    lex = lex or lexicon()
    voc = vocab()
    groups = verb_groups(u, lex, voc)
    if not groups:
        return []
    ws = u.words
    ends = {g.last for g in groups}
    aux = lex.auxiliaries
    out: list[Evidence] = []
    lo = 0  # the previous group's end + 1: a clause never reaches back past a verb group
    previous: Evidence | None = None  # evidence of the clause just before, for a conjunct to carry over
    people, plural_pronouns = subject_words(lex, voc), voc.plural_subject_pronouns
    for g in groups:
        if previous is None:
            stretch = ws[lo : g.first]
            if people.isdisjoint(stretch) and plural_pronouns.isdisjoint(stretch):
                lo = g.last + 1
                continue  # no subject (nor वे) of its own and none to carry over: no evidence wherever it starts
        start, conjunct = clause_start(u, lo, g.first, ends, voc, aux)
        clause = Clause(start, g.last, conjunct)
        carried = previous if conjunct else None
        previous = None
        lo = g.last + 1
        # a relative pronoun that opens the clause is part of it: "जिसे … पैथोलॉजिस्ट भी कहा जाता है" is dative
        texts = ws[start - 1 if start > 0 and ws[start - 1] in voc.pronoun_relatives else start : g.last + 1]
        if g.plural or ws[g.last] in lex.aux_plural:
            # honorific / plural वे (वे … करते हैं, वे … करती हैं): number evidence, never gender evidence
            if not voc.non_nominative.isdisjoint(texts) or not lex.gendered_person.isdisjoint(texts):
                continue
            k = next((k for k in range(g.first - 1, start - 1, -1) if ws[k] in voc.plural_subject_pronouns), -1)
            if k >= 0:
                ev = Evidence(g._replace(plural=True), clause, "plural", k)
            elif carried is not None and carried.kind == "plural":
                ev = Evidence(g._replace(plural=True), clause, "plural", carried.subject)
            else:
                continue
            out.append(ev)
            previous = ev
            continue
        if g.gender is None:
            continue
        if carried is not None and carried.kind == "plural":
            carried = None  # a singular verb does not continue a वे clause
        if not lex.gendered_person.isdisjoint(texts):
            continue
        oblique = not voc.non_nominative.isdisjoint(texts)
        if oblique and DIRECTION in texts:
            oblique = any(w in voc.non_nominative and not _direction(ws, k, start) for k, w in enumerate(texts, start))
        if oblique and voc.object_pronouns.isdisjoint(texts):
            continue
        subj = _subject(ws, start, g.first, lex, voc)
        if oblique and (
            subj is None
            or any(
                w in voc.non_nominative
                and (w not in voc.object_pronouns or k <= subj[0])
                and not _direction(ws, k, start)
                for k, w in enumerate(texts, start)
            )
        ):
            continue  # "उसे … करनी पड़ती है": the verb agrees with something else; "वह उसे …": वह is the subject
        if subj is not None:
            ev = Evidence(g, clause, subj[1], subj[0])
        elif carried is not None:
            ev = Evidence(g, clause, "conjunct", carried.subject)
        else:
            continue
        out.append(ev)
        previous = ev
    return out
