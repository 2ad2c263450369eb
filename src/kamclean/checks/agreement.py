"""Person agreement (KC-P###): the article's one person keeps one gender, and one number, throughout.

Articles of this genre describe one typical professional ("a key account manager … he …"). Hindi shows the
subject's gender on the verb (वह करता है / वह करती है), so machine translation that loses track of the person
switches gender from one sentence to the next. The grammar that decides which verb agrees with the person is
in :mod:`kamclean.checks.clauses`; this module weighs the evidence over the whole article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress
from operator import methodcaller
from typing import NamedTuple

import regex

from kamclean.checks.base import CheckContext, Finding, RuleMeta
from kamclean.checks.clauses import (
    IMPERFECTIVE,
    LIST_ITEM_WORDS,
    OBLIQUE_PLURAL,
    AgreementVocab,
    Evidence,
    analyse_sentence,
    is_infinitive,
    is_stem_modal,
    may_have_subject,
    name_end,
    name_is_direct,
    participle_gender,
    perfective_gender,
    stem_of,
    subject_words,
    swap_gender,
    vocab,
)
from kamclean.checks.grammar import PASSIVE_STEM, adjective_gender, oblique_plural
from kamclean.checks.lexicon import Lexicon, lexicon
from kamclean.checks.units import Unit, sentence_units
from kamclean.config import Config

_GENDER = {"m": "masculine", "f": "feminine"}
# The article's person has a gender only when the clear evidence is lopsided: at least this many sentences,
# and at least this many times as many as for the other gender.
MIN_MAJORITY = 3
MIN_RATIO = 3
# A pronoun subject (वह) continues the person only when the sentence right before it in the same paragraph
# had the person, in the majority gender, as its subject; otherwise वह may mean "it" or someone else.
MAX_PRONOUN_GAP = 1
# ... or two, when the sentence after the वह continues the person in the article's gender (_sandwiched)
MAX_SANDWICH_GAP = 2
# A given name tells its person's gender only when the article names that person at least this many times: a
# name that occurs once may be part of a longer proper noun ("राजीव गांधी फाउंडेशन की स्थापना हुई").
MIN_NAME_MENTIONS = 2
# The endings of feminine adjectives and participles (नई, अच्छी, बढ़ती).
FEMININE_ENDING = ("ी", "ई")


# Plural endings of nouns: oblique plural (ग्राहकों) and feminine direct plural (कंपनियां, चीजें).
PLURAL_ENDINGS = (*OBLIQUE_PLURAL, "ियां", "ियाँ", "एं", "एँ")
PLURAL_E = "ें"
OBLIQUE_PLURAL_IYON = "ियों"  # कर्मचारी → कर्मचारियों
LONG_I = "ी"
OBLIQUE_INFINITIVE = "ने"  # पड़ने, होने: the infinitive before a postposition
DATIVE = "को"


class _Sentence:
    __slots__ = ("_plural", "_quoted", "evidence", "index", "named", "unit")

    def __init__(self, unit: Unit, index: int, evidence: list[Evidence] | None, named: bool = False) -> None:
        self.unit = unit
        self.index = index  # running sentence number
        self.named = named  # does the sentence hold a given name (hindi_lexicon.yaml)?
        # gender evidence (singular verbs) and number evidence (वे with a plural verb), each in sentence order;
        # None: not analysed yet (a sentence whose only person candidate is वे, analysed only when asked)
        if evidence:
            self.evidence = [ev for ev in evidence if ev.kind != "plural"]
            self._plural: list[Evidence] | None = [ev for ev in evidence if ev.kind == "plural"]
        else:  # (most sentences: no list to filter)
            self.evidence = []
            self._plural = None if evidence is None else []
        self._quoted: bool | None = None

    def plural(self, lex: Lexicon) -> list[Evidence]:
        """Number evidence: clauses whose subject is वे with a plural verb."""
        if self._plural is None:
            self._plural = [ev for ev in analyse_sentence(self.unit, lex) if ev.kind == "plural"]
        return self._plural

    @property
    def para(self) -> int:
        return self.unit.paragraph

    @property
    def quoted(self) -> bool:
        """Does the sentence hold quoted speech (whose speaker may be anyone)? Asked only of candidates."""
        if self._quoted is None:
            self._quoted = any(map(self.unit.text.__contains__, vocab().quotes))
        return self._quoted


def _sentences(ctx: CheckContext) -> list[_Sentence]:
    """Every sentence with its agreement evidence, computed once per article and shared by the KC-P rules."""
    cached = ctx.__dict__.get("_kc_agreement")
    if cached is not None:
        return cached
    lex, voc = lexicon(), vocab()
    people = _person_words()
    names = lex.names.keys()
    plural = voc.plural_subject_pronouns
    out: list[_Sentence] = []
    for n, u in enumerate(sentence_units(ctx)):
        ws = u.words
        if people.isdisjoint(ws):  # most sentences: one C-level test rules out any evidence
            out.append(_Sentence(u, n, []))
            continue
        # only a sentence with a possible person subject can give evidence; one with only वे is left to KC-P002
        named = not names.isdisjoint(ws)
        if may_have_subject(ws, lex, voc):
            evidence: list[Evidence] | None = analyse_sentence(u, lex)
        else:
            evidence = None if not plural.isdisjoint(ws) else []
        out.append(_Sentence(u, n, evidence, named))
    ctx.__dict__["_kc_agreement"] = out
    return out


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    """The words without which a sentence gives no evidence: a possible subject, or वे."""
    return subject_words(lexicon(), vocab()) | vocab().plural_subject_pronouns


def _introduces_person(ws: list[str], lex: Lexicon) -> bool:
    """Does the sentence present someone as a professional ("सुनीता एक अनुभवी प्रबंधक है")?"""
    return any(
        w in lex.person_nouns and k + 1 < len(ws) and ws[k + 1] in lex.aux_singular for k, w in enumerate(ws)
    )


# Determiners in the oblique: a noun after one without a postposition is an adverbial (इस तरह, उस दिन).
OBLIQUE_DETERMINERS = frozenset({"इस", "उस", "इन", "उन", "किसी", "इसी", "उसी"})


def _bare_noun(
    ws: list[str], gender: str, lex: Lexicon, voc: AgreementVocab, lo: int = 0, hi: int | None = None
) -> bool:
    """Is there a noun of ``gender`` in ws (at positions lo to hi, the words after them still read as context) that
    a later वह could refer to? A subject or object, that is, not followed by a postposition (oblique) nor by a
    conjunct light verb (सलाह देता, बात करता: predicate)."""
    for k in range(lo, len(ws) if hi is None else hi):
        w = ws[k]
        if lex.noun_gender(w) != gender:
            continue
        nxt = ws[k + 1] if k + 1 < len(ws) else ""
        if nxt in lex.postpositions or nxt in voc.time_adverbs:
            continue  # (an oblique noun, or a span of time: "दो दिन पहले", "तीन साल बाद")
        if k > 0 and ws[k - 1] in OBLIQUE_DETERMINERS:
            continue  # "इस तरह", "उस दिन", "किसी समय": an adverbial in the oblique, not a subject or object
        if nxt.endswith(OBLIQUE_INFINITIVE) and is_infinitive(nxt, lex):
            continue  # "ज़रूरत होने पर", "समय मिलने पर": the subject of a non-finite verb, an adverbial clause
        stem = stem_of(nxt, lex)
        if (
            stem in voc.conjunct_verbs
            and voc.argument_determiners.isdisjoint(ws[max(0, k - 3) : k])
            and not (stem == COPULA and k > 0 and adjective_gender(ws[k - 1]) is not None)
        ):
            continue  # "सलाह देता", "बात करता": a predicate; but "एक … मशीन करती है" has a determiner: a subject,
            # and "क्रेन सबसे महंगी मशीन होती है" says what its subject is: a thing of the noun's gender
        if lex.noun_gender(nxt) is not None or nxt in lex.person_nouns:
            continue  # "पुलिस रिपोर्ट", "पशु चिकित्सा तकनीशियन": a noun before another noun modifies it
        if nxt in voc.coordinators and _coordinated_before_postposition(ws, k + 2, lex, voc):
            continue  # "रिपोर्ट और बिलों की समीक्षा": the whole coordinated phrase is oblique (or a predicate)
        if _listed_before_postposition(ws, k + 1, lex, voc):
            continue  # "आय, मौजूदा कर्ज़ और स्कोर का विश्लेषण": the first item of a list that ends oblique
        return True
    return False


def _thing_nearby(
    before: list[str],
    ws: list[str],
    subject: int,
    gender: str,
    lex: Lexicon,
    voc: AgreementVocab,
    happening: bool = True,
) -> bool:
    """Could the वह at ``subject`` of ``ws`` mean a thing of ``gender`` just mentioned: a bare noun of that gender
    in the sentence before (``before``) or earlier in its own? ("वह एक रिपोर्ट लिखता है। वह हर हफ्ते छपती है।")
    A वह right after the तो / तब that closes a condition or a time clause ("अगर बारिश शुरू हो जाती है, तो वह …")
    means a thing of that clause only with a verb that is a happening (``happening``: "अगर मशीन गरम हो जाए तो वह
    रुक जाती है"); with an action ("… तो वह वैकल्पिक योजना लागू करती है") it is the person the article is about."""
    if _bare_noun(before, gender, lex, voc):
        return True
    if not happening and subject > 0 and ws[subject - 1] in voc.correlative_then:
        return False
    return _bare_noun(ws[:subject], gender, lex, voc)


def _main_verb(ws: list[str], ev: Evidence, lex: Lexicon, voc: AgreementVocab) -> tuple[int, str | None]:
    """(index, stem) of the main verb of the group of ``ev``: its first word, or the verb before a modal (सक, पा,
    चुक) and a negation ("सो नहीं पाती")."""
    k = ev.group.first
    stem = ws[k] if ws[k] in lex.verb_stems else stem_of(ws[k], lex)
    if stem in lex.stem_modals and k > 0:
        k -= 1
        while k > 0 and ws[k] in voc.negations:
            k -= 1
        stem = ws[k] if ws[k] in lex.verb_stems else stem_of(ws[k], lex)
    return k, stem


def _happening(ws: list[str], ev: Evidence, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Is the main verb of ``ev`` one a thing does by itself (agreement.yaml: happening_verbs: रुकना, बढ़ना, होना
    …), or not known to be an action?"""
    stem = _main_verb(ws, ev, lex, voc)[1]
    return stem is None or stem in voc.happening_verbs


def _person_predicate(ws: list[str], ev: Evidence, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Is the verb group of ``ev`` a predicate only a person has (agreement.yaml: person_verbs, person_conjuncts)?
    "सो नहीं पाती", "मरीजों से बात करती है", "आराम कर सकती है": the main verb (:func:`_main_verb`); a light verb
    (कर, ले, दे) takes the noun before it."""
    k, stem = _main_verb(ws, ev, lex, voc)
    if stem == INCEPTIVE and k > 0 and ws[k - 1].endswith(OBLIQUE_INFINITIVE):
        stem = ws[k - 1][: -len(OBLIQUE_INFINITIVE)]  # "हांफने लगती थी": the verb that begins is the predicate
        return stem in voc.person_verbs
    if stem in voc.transitive_conjunct_verbs and k > 0 and ws[k - 1] in voc.person_conjuncts:
        return True
    if stem in voc.person_verbs:
        return True
    return _addresses_people(ws, ev, lex, voc)


# A noun for people followed by से (from, with) or के सामने (before) is the one the subject asks, takes from,
# talks with or presents to: "चिकित्सक से स्पष्टीकरण मांगती है", "ग्राहकों से भुगतान लेती है", "प्रबंधकों के सामने …
# प्रस्तुत करती है". को is left out: a thing gives, explains or helps to people ("दवा मरीज को राहत देती है").
ADDRESSEE_POSTPOSITION = "से"
ADDRESSEE_COMPOUND = ("के", "सामने")


def _addresses_people(ws: list[str], ev: Evidence, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Does the clause, between its subject and its verb group, name people as the ones the subject deals with
    (a noun for people followed by से or के सामने), with a verb that is no happening (agreement.yaml:
    happening_verbs: "जानकारी मरीजों से मिलती है", "बीमारी लोगों से फैलती है")? A thing just named does not
    ask people for something or take payment from them, so then the वह is the person."""
    stem = _main_verb(ws, ev, lex, voc)[1]
    if stem is None or stem in voc.happening_verbs:
        return False
    lo = ev.subject + 1 if ev.kind == "pronoun" else ev.clause.first
    people = _people_words()
    for k in range(lo, ev.group.first - 1):
        if ws[k + 1] != ADDRESSEE_POSTPOSITION and (ws[k + 1], ws[k + 2]) != ADDRESSEE_COMPOUND:
            continue
        if _is_people_noun(ws[k], people):
            return True
    return False


def _is_people_noun(w: str, people: frozenset[str]) -> bool:
    """Is ``w`` a noun for people, in the singular or the oblique plural (ग्राहक, ग्राहकों, कर्मचारियों)?"""
    if w in people:
        return True
    if w.endswith(OBLIQUE_PLURAL_IYON) and w[: -len(OBLIQUE_PLURAL_IYON)] + LONG_I in people:
        return True
    return w.endswith(OBLIQUE_PLURAL) and w[:-2] in people


INCEPTIVE = "लग"  # an oblique infinitive + लगना: begin to (हांफने लगती है)


COPULA = "हो"


def _passive(ws: list[str], ev: Evidence, lex: Lexicon) -> bool:
    """Is the verb group a passive (a perfective participle before जाना: "दी जाती है"), which agrees with the thing
    acted on, not with the doer?"""
    g = ev.group
    return perfective_gender(ws[g.first], lex) is not None and any(
        stem_of(w, lex) == PASSIVE_STEM for w in ws[g.first + 1 : g.last + 1]
    )



# Conjunctions that open a subordinate clause whose वह may mean a thing named earlier in the sentence.
SUBORDINATORS = frozenset({"क्योंकि", "अगर", "यदि", "जब", "कि", "ताकि"})


def _thing_before_subordinate(ws: list[str], subject: int, gender: str, lex: Lexicon) -> bool:
    """Does the वह at ``subject`` open a subordinate clause (क्योंकि, अगर, कि …) after a noun of ``gender`` earlier in
    the sentence, in any case? "वह एनेस्थीसिया मशीन की जांच करता है, क्योंकि अगर वह ठीक से नहीं चलती …": the वह is
    the machine, although the machine stands before a postposition."""
    if subject == 0 or ws[subject - 1] not in SUBORDINATORS:
        return False
    return any(lex.noun_gender(w) == gender for w in ws[:subject])


def _governs_noun(word: str, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Does ``word`` after a noun make the noun oblique (a postposition) or part of the predicate (a conjunct
    light verb: सलाह देता, बात करता)? Then the noun is nothing a later वह could refer to."""
    return word in lex.postpositions or stem_of(word, lex) in voc.conjunct_verbs


def _coordinated_before_postposition(ws: list[str], k: int, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Does the conjunct starting at word k (at most three words) end right before a postposition, or before a
    conjunct light verb ("… और समीक्षा करता है")?"""
    return any(_governs_noun(ws[j + 1], lex, voc) for j in range(k, min(k + 3, len(ws) - 1)))


def _listed_before_postposition(ws: list[str], k: int, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Does a list go on from word k ("…, मौजूदा कर्ज़ और क्रेडिट स्कोर का"): within a few words and with no verb
    form on the way, a coordinator whose conjunct ends before a postposition? Then every item is oblique."""
    for j in range(k, min(k + LIST_ITEM_WORDS, len(ws))):  # (an item's words, as in clause analysis)
        w = ws[j]
        if w in voc.coordinators:
            return j > k and _coordinated_before_postposition(ws, j + 1, lex, voc)
        if w in lex.postpositions or stem_of(w, lex) is not None or w in lex.verb_stems:
            return False
    return False


def _followed_by_postposition(ws: list[str], j: int, lex: Lexicon) -> bool:
    return j < len(ws) and ws[j] in lex.postpositions


def _genitive_object(ws: list[str], first: int, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Is the word before the verb group starting at ``first`` the object of a transitive conjunct verb, with a
    genitive before it ("… की जांच करती है", "… की मदद करता है")? Then an imperfective or future verb agrees
    with the clause's subject, not with that noun."""
    return (
        first >= 2
        and ws[first - 2] in voc.genitives
        and stem_of(ws[first], lex) in voc.transitive_conjunct_verbs
    )


def _could_agree_with_other(ev: Evidence, ws: list[str], lex: Lexicon, voc: AgreementVocab) -> bool:
    """Could the verb group agree with some noun of its clause rather than with the person?"""
    g = ev.group
    if ev.kind == "pronoun":
        # With वह as the subject a bare noun later in the clause is an object, which an imperfective verb does
        # not agree with. The risk is वह as a determiner: "वह कंपनी … बढ़ती है" (that company …).
        # A determiner is उस, not वह, when its phrase ends at a postposition ("उस आधी रात को"), so "वह आधी रात
        # को …" and "वह कंपनी में …" have वह as the subject.
        k = ev.subject + 1
        after = ws[k] if k < len(ws) else ""
        gender = lex.noun_gender(after)
        if (
            gender == g.gender
            and not _followed_by_postposition(ws, k + 1, lex)
            and not (k + 1 < len(ws) and oblique_plural(ws[k + 1], lex))
        ):
            return True  # (but "वह चिकित्सा सम्मेलनों में …": a phrase in the oblique plural would take उन, not वह)
        if gender is None and k == g.first - 1:
            return True
        # "वह नई नीति …": a feminine adjective after वह makes it a determiner
        return (
            g.gender == "f"
            and after.endswith(FEMININE_ENDING)
            and after not in voc.particles
            and not _followed_by_postposition(ws, k + 2, lex)
        )
    before = ws[g.first - 1] if g.first > 0 else ""
    if is_infinitive(before, lex):
        return True  # "उसे / तकनीशियन को ट्रे भरनी होती है": an obligation agrees with its object
    if ev.kind == "conjunct" and any(
        ws[k] in lex.person_nouns and ws[k + 1] == DATIVE for k in range(ev.clause.first, g.first - 1)
    ):
        return True  # "… और तकनीशियन को …": the clause has a subject of its own, in the dative
    object_of_verb = g.first - 1 if _genitive_object(ws, g.first, lex, voc) else -1
    if ev.kind == "noun" and g.first >= 2 and ws[g.first - 2] in voc.genitives and not _passive(ws, ev, lex):
        object_of_verb = g.first - 1  # "निवेशक स्टेप-अप की दर बदल सकती है": after a profession noun in the direct
        # case, a possessed noun right before the verb is its object
    if ev.kind == "conjunct" and ws[ev.clause.first - 1] not in voc.coordinators:
        # a clause after a comma may have a subject of its own that the lexicon does not know ("…, मशीन
        # गर्म होती है"): it continues the person only when the word before the verb is a postposition, a
        # noun of the other gender, or the object of a conjunct verb ("…, बैकअप की जांच करती है")
        if not (
            object_of_verb >= 0
            or before in lex.postpositions
            or lex.noun_gender(before) not in (None, g.gender)
        ):
            return True
    if lex.noun_gender(before) == g.gender and object_of_verb < 0:
        return True  # "प्रबंधक … रिपोर्ट लिखी जाती है": the bare noun next to the verb may be its subject
    if (
        ev.kind == "noun"
        and ev.subject + 1 < len(ws)
        and ws[ev.subject + 1] in voc.coordinators
        and _coordinated_before_postposition(ws, ev.subject + 2, lex, voc)
    ):
        return True  # "… अनुपालन विश्लेषक या जूनियर ऑडिटर के रूप में होती है": the person is in an oblique phrase
    if ev.kind == "noun" and _bare_noun(ws, g.gender, lex, voc, ev.clause.first, ev.subject):
        return True  # "कंपनी एक सर्वेयर भेजती है": a bare noun of the verb's gender before the person is the subject
    lo = ev.clause.first if ev.kind == "conjunct" else ev.subject + 1
    if ev.kind == "conjunct" and _possessed_subject(ws, lo, g.first, g.gender, lex):
        return True  # "… सीखेगी और उसकी रफ्तार भी बढ़ेगी": the conjunct has a subject of its own
    if object_of_verb < 0 and ev.kind in ("noun", "name"):
        object_of_verb = _conjunct_nominal(ws, lo, g.first, lex, voc)
    for k in range(lo, g.first):
        if lex.noun_gender(ws[k]) != g.gender or k == object_of_verb:
            continue
        nxt = ws[k + 1] if k + 1 < len(ws) else ""
        if nxt.endswith(OBLIQUE_INFINITIVE) and is_infinitive(nxt, lex):
            continue  # "जरूरत पड़ने पर", "समय मिलने पर": the subject of a non-finite verb, not of this one
        if not (nxt in lex.postpositions or nxt in voc.coordinators or nxt.endswith(OBLIQUE_PLURAL)):
            return True  # a bare noun of the verb's gender somewhere in the clause: it may be the subject
    return False


def _conjunct_nominal(ws: list[str], lo: int, first: int, lex: Lexicon, voc: AgreementVocab) -> int:
    """The bare noun right before a transitive light verb (कर, दे, ले), past a negation or particle ("उधारकर्ता …
    तैयारी नहीं करती है"): the nominal of a conjunct verb, an object, which an imperfective verb whose subject is
    the person does not agree with. -1 when there is none."""
    if stem_of(ws[first], lex) not in voc.transitive_conjunct_verbs:
        return -1
    k = first - 1
    while k > lo and (ws[k] in voc.negations or ws[k] in voc.particles):
        k -= 1
    return k if k >= lo and lex.noun_gender(ws[k]) is not None else -1


# Possessives whose form shows a feminine possessed noun ("उसकी रफ्तार") or a masculine one ("उसका वजन").
POSSESSIVE_GENDER = {"की": "f", "उसकी": "f", "इसकी": "f", "उनकी": "f", "अपनी": "f",
                     "का": "m", "उसका": "m", "इसका": "m", "उनका": "m", "अपना": "m"}


def _possessed_subject(ws: list[str], lo: int, hi: int, gender: str | None, lex: Lexicon) -> bool:
    """Does a conjunct clause (words lo..hi-1 before its verb) open with a possessive whose form agrees with the
    verb's gender, followed by a noun that no postposition governs ("और उसकी रफ्तार भी बढ़ेगी")? The possessed
    noun is then the clause's own subject, whatever the lexicon knows about it."""
    if hi - lo < 2 or POSSESSIVE_GENDER.get(ws[lo]) != gender:
        return False
    nxt = ws[lo + 2] if lo + 2 < len(ws) else ""
    return nxt not in lex.postpositions and stem_of(ws[lo + 1], lex) is None


def _own_clause_end(u: Unit, k: int, voc: AgreementVocab) -> int:
    """The index just past the clause that the word at ``k`` stands in (up to punctuation, a clause opener or a
    coordinator)."""
    ws = u.words
    j = k + 1
    while j < len(ws) and not u.cut_after(j - 1) and ws[j] not in voc.openers and ws[j] not in voc.coordinators:
        j += 1
    return j


def _other_person(ws: list[str], lo: int, hi: int, own: range, name: str, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Is someone other than the named person mentioned in ws[lo:hi] (outside ``own``, the name phrase): another
    given name, a gendered person (पति, बहन), a profession noun that is not the named person's predicate ("नेहा
    एक नर्स है"), or someone singular among the people of plural_people (ग्राहक, दोस्त)? Then a later वह may be
    that person."""
    for k in range(lo, hi):
        if k in own:
            continue
        w = ws[k]
        if (w in lex.names and w != name) or w in lex.gendered_person or w in voc.plural_people:
            return True
        if w in lex.person_nouns and not (k + 1 < len(ws) and ws[k + 1] in lex.aux_singular):
            return True
    return False


class _Named(NamedTuple):
    """The latest person subject of a paragraph, as seen by the named-person tracking."""

    sentence: int  # running sentence number
    word: int  # index of the subject's word (the name, or वह) in that sentence
    name: str | None  # the given name of the person, None when it is not a known named person


def _named_people(
    sents: list[_Sentence], lex: Lexicon, voc: AgreementVocab
) -> tuple[dict[tuple[int, int], str], dict[int, set[str]]]:
    """Which evidence has a named person as its subject: a given name in the direct case ("नेहा … करती है"), a वह
    that continues that person in the same or the next sentence of the paragraph (as KC-P001 continues the
    article's person; a sentence whose subject is उसने, or the name with ने, continues the person too), and the
    verbs coordinated with either. Returns {(sentence number, evidence number): name}
    and {sentence number: genders of the names it has in the direct case or with ने}.

    A वह continues the named person only when no one else is mentioned between them (another name, a gendered
    person, a profession noun, an उस- pronoun in the name's own clause): two named people are two people."""
    names = lex.names
    known: dict[tuple[int, int], str] = {}
    named_genders: dict[int, set[str]] = {}
    if not any(s.named for s in sents):
        return known, named_genders
    is_name = names.__contains__
    mentioned = Counter(w for s in sents if s.named for w in filter(is_name, s.unit.words))
    followed = {w for w, c in mentioned.items() if c >= MIN_NAME_MENTIONS}
    latest: dict[int, _Named] = {}
    for s in sents:
        ws = s.unit.words
        mentions = (
            [
                k
                for k in compress(range(len(ws)), map(is_name, ws))
                if name_is_direct(ws, k, lex, voc) or _ergative(ws, k, lex, voc)
            ]
            if s.named
            else []
        )
        if not mentions and not s.evidence and voc.ergative_pronouns.isdisjoint(ws):
            continue  # nothing here to name, continue or interrupt a person (nor quoted speech to stop at)
        if mentions:
            named_genders[s.index] = {names[ws[k]] for k in mentions}
        if s.quoted:
            if mentions or s.evidence:
                latest[s.para] = _Named(s.index, 0, None)  # quoted speech: anyone may be speaking or spoken of
            continue
        # an ergative pronoun (उसने) right after a named person: the person goes on, though no verb shows it
        prev = latest.get(s.para)
        bridges = (
            list(compress(range(len(ws)), map(voc.ergative_pronouns.__contains__, ws)))
            if prev is not None and prev.name is not None and s.index - prev.sentence <= MAX_PRONOUN_GAP
            else []
        )
        # the direct-case names (n = -1), the ergative pronouns (n = -2) and the evidence, in word order
        events = sorted(
            [(k, -1) for k in mentions]
            + [(k, -2) for k in bridges]
            + [(ev.group.first if ev.kind == "conjunct" else ev.subject, n) for n, ev in enumerate(s.evidence)]
        )
        for k, n in events:
            if n == -1:
                latest[s.para] = _Named(s.index, k, ws[k] if ws[k] in followed else None)
                continue
            if n == -2:
                prev = latest.get(s.para)
                name = prev.name if prev is not None and s.index - prev.sentence <= MAX_PRONOUN_GAP else None
                if name is not None and (
                    not voc.pronoun_relatives.isdisjoint(ws[:k]) or not _continues(sents, s, prev, k, name, lex, voc)
                ):
                    name = None  # a correlative (जो … उसने), or someone else in between
                latest[s.para] = _Named(s.index, k, name)
                continue
            ev = s.evidence[n]
            if ev.kind == "name":
                name = ws[ev.subject] if ws[ev.subject] in followed else None
                if name is not None:
                    known[(s.index, n)] = name
                latest[s.para] = _Named(s.index, ev.subject, name)
            elif ev.kind == "conjunct":
                parent = known.get((s.index, n - 1))
                if parent is not None and s.evidence[n - 1].subject == ev.subject:
                    known[(s.index, n)] = parent
            elif ev.kind == "noun":
                latest[s.para] = _Named(s.index, ev.subject, None)
            elif ev.kind == "pronoun":
                prev = latest.get(s.para)
                name = prev.name if prev is not None and s.index - prev.sentence <= MAX_PRONOUN_GAP else None
                if name is not None and _continues(sents, s, prev, ev.subject, name, lex, voc):
                    known[(s.index, n)] = name
                latest[s.para] = _Named(s.index, ev.subject, known.get((s.index, n)))
    return known, named_genders


def _ergative(ws: list[str], k: int, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Is the given name at ``k`` (with its surnames) followed by the ergative ने: the subject of a perfective
    clause ("अनन्या ने पॉलिसी खरीदी"), which still tells who the next वह is?"""
    end = name_end(ws, k, lex)
    return end + 1 < len(ws) and ws[end + 1] in voc.ergative_markers and (k == 0 or ws[k - 1] not in voc.coordinators)


def _continues(
    sents: list[_Sentence], s: _Sentence, prev: _Named, subject: int, name: str, lex: Lexicon, voc: AgreementVocab
) -> bool:
    """Does the pronoun at word ``subject`` of ``s`` continue the named person of ``prev`` (nobody else mentioned
    in between)?"""
    ws = s.unit.words
    a = sents[prev.sentence]
    aws = a.unit.words
    own = range(prev.word, name_end(aws, prev.word, lex) + 1)
    if aws[prev.word] == name and not voc.third_person_oblique.isdisjoint(
        aws[prev.word + 1 : _own_clause_end(a.unit, prev.word, voc)]
    ):
        return False  # "नेहा उसकी कंपनी में काम करती है": उसकी is someone else
    if prev.sentence == s.index:
        return not _other_person(ws, 0, subject, own, name, lex, voc)
    return not (
        _other_person(aws, 0, len(aws), own, name, lex, voc)
        or _other_person(ws, 0, subject, range(0), name, lex, voc)
    )


class PersonGenderSwitch:
    meta = RuleMeta(
        id="KC-P001",
        name="person-gender-switch",
        category="agreement",
        severity="major",
        summary="The article's person changes gender: one verb is in the other gender than everywhere else.",
        what=(
            "Finds the verbs whose subject is the article's person (वह, or a profession noun such as "
            "प्रबंधक, in the direct case), establishes the person's gender from the clear majority of them (a वह "
            "of the less frequent gender that may mean a thing just named does not count), "
            "and flags each verb group in the other gender, with the majority form as the suggestion (a वह "
            "continues the person from the sentence before, or from two sentences before when the one between "
            "names no one and the next is about the person again). A verb "
            "coordinated with a flagged one (… करती है और … आती है) is flagged too. Inside one sentence, a verb "
            "coordinated with the one before it and with no subject of its own, in the other gender (वह … "
            "कराता है और … लेती है), is flagged whatever the rest of the article says, unless the article's "
            "person is clearly of its gender (then the earlier verb is flagged). Coordinated plural verbs that "
            "share one वे subject in both genders (वे … तय करते हैं, … बनाती हैं और … करती हैं) are flagged in "
            "the sentence's minority gender. A given name in the direct case (नेहा, अमित शर्मा; from the "
            "lexicon's list of names of certain gender, named at least twice in the article) is a subject whose "
            "gender is known: a verb of the other gender with it as the subject, with a वह that continues that "
            "person (named in the direct case or with ने) in the same or the next sentence of the paragraph (no "
            "one else mentioned in between), or "
            "coordinated with either, is flagged whatever the majority. A relative clause about a person and "
            "its correlative वह refer to one person: a verb after वह in the other gender than the relative "
            "clause's verb (जो निवेशक … करता है, वह … करती है) is flagged (the relative clause's verb instead when "
            "the article's person is clearly of the correlative's gender)."
        ),
        why=(
            "Hindi marks the subject's gender on the verb: वह करता है (he) / वह करती है (she). An "
            "article about one professional that says करता है ten times and करती है once has lost track "
            "of its person, a typical machine-translation slip. Not every feminine verb is such a switch: "
            "after ने the perfective agrees with the object (उसने रिपोर्ट लिखी is right for a man); with "
            "उसे, उसको, के पास the verb agrees with the thing (उसके पास डिग्री होती है); plural and "
            "honorific forms (वे … करते हैं) are number, not gender; a feminine noun can be the subject "
            "itself (बिक्री बढ़ती है); वह can mean 'it'. Those are never flagged, for a named person too (नेहा ने, "
            "राहुल को, अमित जी, अमित और उसकी टीम). An article feminine throughout is fine."
        ),
        example="एक प्रबंधक टीम चलाता है। वह बजट बनाता है। वह ग्राहकों से मिलता है। वह संघर्ष का प्रबंधन करती है।",
        instead="एक प्रबंधक टीम चलाता है। वह बजट बनाता है। वह ग्राहकों से मिलता है। वह संघर्ष का प्रबंधन करता है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        lex, voc = lexicon(), vocab()
        sents = _sentences(ctx)
        counts = _person_gender_counts(sents, lex, voc)
        major = max(counts, key=lambda k: counts[k])
        minor = "f" if major == "m" else "m"
        # a named person's gender is known from the name, whatever the majority says
        known, named_genders = _named_people(sents, lex, voc)
        flagged: set[tuple[int, int]] = set()  # (sentence index, evidence number)
        yield from _named_switches(sents, known, lex, voc, flagged)
        yield from _marked_subject_switches(sents, lex, voc, flagged, known)
        if counts[major] < MIN_MAJORITY or counts[minor] * MIN_RATIO > counts[major]:
            # no clear gender for the article's person: only a switch inside one sentence can be told
            yield from _conjunct_switches(sents, None, lex, voc, flagged, known, counts)
            yield from _correlative_switches(sents, None, lex, voc, flagged, known)
            yield from _paragraph_switches(sents, lex, voc, flagged, known)
            yield from _honorific_switches(sents, lex, voc, named_genders)
            return
        # profession nouns that are the person in the majority gender: a minority-gender
        # sentence about another profession ("एक सहायक फाइलें संभालती है") is about someone else
        persons = {
            s.unit.words[ev.subject]
            for s in sents
            for ev in s.evidence
            if ev.kind == "noun" and ev.group.gender == major
        }
        last_major: dict[int, int] = {}  # paragraph -> sentence index of its latest evidence about the person
        for s in sents:
            flagged_in_sentence: set[int] = set()
            if minor in named_genders.get(s.index, ()):
                last_major.pop(s.para, None)  # a named person of the other gender: a वह after it may be them
            for n, ev in enumerate(s.evidence):
                name = known.get((s.index, n)) or (s.unit.words[ev.subject] if ev.kind == "name" else None)
                if name is not None:
                    # a named person's verbs are decided by the name (_named_switches), never by the majority;
                    # the person of the paragraph is now that one
                    if lex.names[name] == major and ev.kind != "conjunct":
                        last_major[s.para] = s.index
                    elif lex.names[name] != major:
                        last_major.pop(s.para, None)
                    continue
                if ev.group.gender == major and ev.kind != "conjunct":
                    last_major[s.para] = s.index
                if ev.group.gender != minor or s.quoted:
                    continue
                if _introduces_person(s.unit.words, lex) or (
                    s.index > 0 and _introduces_person(sents[s.index - 1].unit.words, lex)
                ):
                    continue  # "सुनीता एक प्रबंधक है और वह …": a person named here may be someone else
                if ev.kind == "conjunct":
                    parent_flagged = n > 0 and (n - 1) in flagged_in_sentence
                    if not parent_flagged:
                        continue
                elif ev.kind == "noun" and s.unit.words[ev.subject] not in persons:
                    continue
                elif ev.kind == "pronoun":
                    prev = last_major.get(s.para)
                    if prev is None and s.index > 0 and sents[s.index - 1].para != s.para:
                        # the first sentence of a paragraph continues the person of the sentence right before it
                        # (the last of the previous paragraph), when that sentence was about the person
                        if last_major.get(sents[s.index - 1].para) == s.index - 1:
                            prev = s.index - 1
                    if prev is None or s.index - prev > MAX_PRONOUN_GAP:
                        if not _sandwiched(sents, s, prev, major, lex):
                            continue
                    # "वह एक रिपोर्ट लिखता है। वह हर हफ्ते छपती है।": वह may be the thing just mentioned, unless
                    # the sentence before was about the person and this verb is one only a person does
                    person = prev == s.index - 1 and _person_predicate(s.unit.words, ev, lex, voc)
                    if not person and (
                        _thing_nearby(
                            sents[s.index - 1].unit.words,
                            s.unit.words,
                            ev.subject,
                            minor,
                            lex,
                            voc,
                            _happening(s.unit.words, ev, lex, voc),
                        )
                        or _thing_before_subordinate(s.unit.words, ev.subject, minor, lex)
                    ):
                        continue
                if _could_agree_with_other(ev, s.unit.words, lex, voc):
                    continue
                if (s.index, n) in flagged:
                    flagged_in_sentence.add(n)
                    continue  # (flagged already, by its subject's own phrase)
                flagged_in_sentence.add(n)
                last_major[s.para] = s.index  # the flagged clause is still about the person
                flagged.add((s.index, n))
                yield _switch_finding(
                    s.unit,
                    ev,
                    major,
                    lex,
                    f"The person is {_GENDER[major]} in {counts[major]} sentences of this article, "
                    f"but this verb is {_GENDER[minor]}: use the {_GENDER[major]} form.",
                )
            if last_major.get(s.para) != s.index and _mentions_only(s.unit.words, persons, lex, voc):
                # "… तकनीशियन को तुरंत पहुंचना होता है। वह …": the person named in another case is still the one a
                # वह in the next sentence continues
                last_major[s.para] = s.index
        yield from _conjunct_switches(sents, major, lex, voc, flagged, known, counts)
        yield from _correlative_switches(sents, major, lex, voc, flagged, known)
        yield from _honorific_switches(sents, lex, voc, named_genders)


# Evidence about the person a paragraph needs, all of one gender, before a वह of the other gender in the next
# sentence is flagged when the article as a whole has no clear majority.
MIN_PARAGRAPH_RUN = 2


def _paragraph_switches(
    sents: list[_Sentence],
    lex: Lexicon,
    voc: AgreementVocab,
    flagged: set[tuple[int, int]],
    known: dict[tuple[int, int], str],
) -> Iterable[Finding]:
    """In an article with no clear gender for its person, a paragraph about one person: "एक मरीज़ … शुरू करता
    है। वह … सत्र लेता है। … तो वह … बात कर सकती है". Two or more clauses of the paragraph, all of one gender and
    about the person (a profession noun, वह), the last of them in the sentence right before, then a वह of the
    other gender: the वह continues that person, so its verb is the slip. The same guards as for the article's
    person apply (a bare noun of the verb's gender that वह could mean, a verb that may agree with something
    else, a person introduced or named nearby); any earlier evidence of the other gender in the paragraph, or a
    named person in it, keeps the rule silent."""
    run: list[str] = []  # genders of the paragraph's evidence so far
    last_para, last_index = -1, -1  # the paragraph, and the sentence of its latest evidence
    for s in sents:
        if s.para != last_para:
            run, last_para, last_index = [], s.para, -1
        if s.named or s.quoted:
            run.append("x")  # a named person or quoted speech: the paragraph's person is no longer clear
            continue
        for n, ev in enumerate(s.evidence):
            g = ev.group.gender
            if g not in _GENDER or ev.kind == "name" or (s.index, n) in known:
                run.append("x")
                continue
            if ev.kind == "conjunct":
                continue
            before = set(run)
            if (
                ev.kind == "pronoun"
                and len(run) >= MIN_PARAGRAPH_RUN
                and len(before) == 1
                and g not in before
                and "x" not in before
                and last_index == s.index - 1
                and (s.index, n) not in flagged
                and (
                    _person_predicate(s.unit.words, ev, lex, voc)
                    or not _thing_nearby(
                        sents[s.index - 1].unit.words,
                        s.unit.words,
                        ev.subject,
                        g,
                        lex,
                        voc,
                        _happening(s.unit.words, ev, lex, voc),
                    )
                )
                and not _introduces_person(s.unit.words, lex)
                and not _introduces_person(sents[s.index - 1].unit.words, lex)
                and not _could_agree_with_other(ev, s.unit.words, lex, voc)
            ):
                want = run[0]
                flagged.add((s.index, n))
                yield _switch_finding(
                    s.unit,
                    ev,
                    want,
                    lex,
                    f"In this paragraph the person is {_GENDER[want]} in {len(run)} clauses, and this वह continues "
                    f"them, but its verb is {_GENDER[g]}: use the {_GENDER[want]} form.",
                )
                run.append("x")  # one flag per paragraph
                continue
            run.append(g)
            last_index = s.index


def _sandwiched(sents: list[_Sentence], s: _Sentence, prev: int | None, major: str, lex: Lexicon) -> bool:
    """Is the वह clause of ``s`` between two stretches about the person in the article's gender, in one paragraph:
    the person's latest clause at most MAX_SANDWICH_GAP sentences before (``prev``), with no person in the
    sentence between, and the next sentence about the person again ("वह … जारी करती है। इसे … कहा जाता है। वह …
    निगरानी करता है। … वह … हिस्सा लेती है")? A sentence without a person between does not change whom वह
    means."""
    if prev is None or s.index - prev > MAX_SANDWICH_GAP or s.index + 1 >= len(sents):
        return False
    nxt = sents[s.index + 1]
    if nxt.para != s.para or nxt.named or nxt.quoted:
        return False
    if not any(ev.kind in ("pronoun", "noun") and ev.group.gender == major for ev in nxt.evidence):
        return False
    between = sents[prev + 1 : s.index]
    return all(
        not b.evidence and not b.named and lex.person_nouns.isdisjoint(b.unit.words) for b in between
    )


def _gender_counts(sents: Iterable[_Sentence]) -> dict[str, int]:
    """How many clauses of ``sents`` show the person as masculine and as feminine (conjuncts, which repeat their
    clause's subject, and quoted speech left out)."""
    counts = {"m": 0, "f": 0}
    for s in sents:
        for ev in s.evidence:
            if ev.kind != "conjunct" and ev.group.gender in counts and not s.quoted:
                counts[ev.group.gender] += 1
    return counts


def _person_gender_counts(sents: list[_Sentence], lex: Lexicon, voc: AgreementVocab) -> dict[str, int]:
    """As _gender_counts, for the article's person: a वह of the less frequent gender that may mean a thing of that
    gender just named ("यह बीमारी … शुरू होती है और वह …", "सूजन इतनी छोटी होती है कि वह …") is no evidence about
    the person. (The more frequent gender's evidence is all kept: discounting it could only hide a majority; in a tie
    both genders' are discounted.)"""
    counts = _gender_counts(sents)
    # the less frequent gender; in a tie, both (neither has a majority that discounting could hide)
    doubtful = {"f"} if counts["m"] > counts["f"] else {"m"} if counts["f"] > counts["m"] else {"m", "f"}
    for s in sents:
        if s.quoted:
            continue
        ws = s.unit.words
        before = sents[s.index - 1].unit.words if s.index > 0 else []
        for ev in s.evidence:
            g = ev.group.gender
            if ev.kind == "pronoun" and g in doubtful and (
                _thing_nearby(before, ws, ev.subject, g, lex, voc) or _thing_before_subordinate(ws, ev.subject, g, lex)
            ):
                counts[g] -= 1
    return counts


def _mentions_only(ws: list[str], persons: set[str], lex: Lexicon, voc: AgreementVocab) -> bool:
    """Does the sentence name the article's person (a profession noun of ``persons``, not after a possessive or
    'other': उसका सहायक is someone else) and no other person (another profession noun or a given name)?"""
    found = False
    for k in compress(range(len(ws)), map(lex.person_nouns.__contains__, ws)):
        if ws[k] not in persons or (k > 0 and ws[k - 1] in voc.genitives):
            return False
        found = True
    return found and lex.names.keys().isdisjoint(ws)


def _marked_subject_switches(
    sents: list[_Sentence],
    lex: Lexicon,
    voc: AgreementVocab,
    flagged: set[tuple[int, int]],
    known: dict[tuple[int, int], str],
) -> Iterable[Finding]:
    """A profession noun whose own phrase shows its gender, with a verb of the other gender: a noun of one
    grammatical gender only (व्यक्ति is masculine even for a woman: "कोई व्यक्ति … सो गई") or an inflected
    adjective right before it ("ऐसा कार्डधारक … फंस जाती है", "एक नई कर्मचारी … करता है"). The subject's own
    words decide, so no majority of the article is needed; its conjuncts follow it."""
    for s in sents:
        if s.quoted:
            continue
        ws = s.unit.words
        marked: dict[int, str] = {}  # subject index -> the gender its phrase shows
        for n, ev in enumerate(s.evidence):
            if ev.kind == "noun" and (s.index, n) not in known:
                w = ws[ev.subject]
                g = voc.fixed_gender.get(w) or (adjective_gender(ws[ev.subject - 1]) if ev.subject else None)
                if g is not None:
                    marked[ev.subject] = g
            want = marked.get(ev.subject) if ev.kind in ("noun", "conjunct") else None
            got = ev.group.gender
            if want is None or got not in _GENDER or got == want or ev.group.plural or (s.index, n) in flagged:
                continue
            if _could_agree_with_other(ev, ws, lex, voc) or _passive(ws, ev, lex):
                continue
            if _bare_noun(ws[ev.clause.first : ev.subject], got, lex, voc):
                continue  # "राशि … व्यक्ति … को दी जाती है": a noun before it may be the verb's subject
            flagged.add((s.index, n))
            yield _switch_finding(
                s.unit,
                ev,
                want,
                lex,
                f"'{ws[ev.subject]}' is {_GENDER[want]} here (its own phrase shows it), but this verb is "
                f"{_GENDER[got]}: use the {_GENDER[want]} form.",
            )


def _named_switches(
    sents: list[_Sentence],
    known: dict[tuple[int, int], str],
    lex: Lexicon,
    voc: AgreementVocab,
    flagged: set[tuple[int, int]],
) -> Iterable[Finding]:
    """A verb in the other gender than the named person who is its subject: the name itself ("विक्रम … दावा कर
    सकती है"), a वह that continues that person, or a verb coordinated with either. The same grammar as for the
    article's person keeps the verbs that may agree with something else out (ने, obligations, को / के पास, plural
    and honorific forms, quoted speech, a bare noun of the verb's gender nearby)."""
    for (si, n), name in known.items():
        s = sents[si]
        ev = s.evidence[n]
        want, got = lex.names[name], ev.group.gender
        if got not in _GENDER or got == want or s.quoted:
            continue
        ws = s.unit.words
        if ev.kind == "pronoun":
            # "वह एक रिपोर्ट लिखता है। वह हर हफ्ते छपती है।": वह may be the thing just mentioned
            before = sents[si - 1].unit.words if si > 0 and sents[si - 1].para == s.para else []
            if _thing_nearby(before, ws, ev.subject, got, lex, voc):
                continue
        if _could_agree_with_other(ev, ws, lex, voc):
            continue
        flagged.add((si, n))
        who = name if ev.kind == "name" else f"{name} (वह)"
        yield _switch_finding(
            s.unit,
            ev,
            want,
            lex,
            f"{who} is {_GENDER[want]}, but this verb is {_GENDER[got]}: use the {_GENDER[want]} form.",
        )


# A plural verb group in both genders in one sentence: "… करते हैं … करती हैं" (a cheap test before analysis).
_BOTH_PLURALS = ("ते हैं", "ती हैं")


def _honorific_switches(
    sents: list[_Sentence], lex: Lexicon, voc: AgreementVocab, named_genders: dict[int, set[str]]
) -> Iterable[Finding]:
    """Coordinated plural verbs that share one वे subject in both genders: "वे … तय करते हैं, … योजना बनाती हैं
    और … समीक्षा करती हैं". The honorific plural is not a gender switch by itself, but one subject cannot be
    masculine and feminine at once; the verbs in the minority gender of the sentence are flagged. When both
    genders are as frequent, the gender of the one named person of this or the previous sentence of the
    paragraph decides ("नेहा … देखती हैं। वे … मिलती हैं और … जांच करते हैं")."""
    for s in sents:
        text = s.unit.text
        if s._plural == [] or not all(p in text for p in _BOTH_PLURALS) or s.quoted:
            continue
        ws = s.unit.words
        chains: dict[int, list[tuple[Evidence, str]]] = {}
        for ev in s.plural(lex):
            g = ev.group
            gender = g.gender or ("m" if any(w.endswith("ते") for w in ws[g.first : g.last + 1]) else None)
            if gender is None:
                continue
            # the words of the clause that could be its subject: not followed by a postposition (फाइलों की)
            lo = ev.clause.first
            stretch = [w for k, w in enumerate(ws[lo : g.first], lo) if ws[k + 1] not in lex.postpositions]
            if ev.subject < ev.clause.first and (
                _plural_antecedent(stretch, len(stretch), lex, voc)
                or not lex.person_nouns.isdisjoint(stretch)
                or not voc.plural_people_direct.isdisjoint(stretch)
            ):
                continue  # "… और कंपनियां … लेती हैं": the clause may have a plural subject of its own (a singular
                # noun cannot be the subject of a plural verb: "… योजना बनाती हैं" is still about वे)
            chains.setdefault(ev.subject, []).append((ev, gender))
        for chain in chains.values():
            m = sum(1 for _, gender in chain if gender == "m")
            f = len(chain) - m
            if not (m and f):
                continue
            if m == f:
                named = set(named_genders.get(s.index, ()))
                if s.index > 0 and sents[s.index - 1].para == s.para:
                    named |= named_genders.get(s.index - 1, set())
                if len(named) != 1:
                    continue
                major = next(iter(named))
            else:
                major = "m" if m > f else "f"
            for ev, gender in chain:
                if gender == major:
                    continue
                g = ev.group
                start, end = s.unit.span(g.first, g.last)
                swap = ("ते", "ती") if major == "f" else ("ती", "ते")
                words = [w[:-2] + swap[1] if w.endswith(swap[0]) else w for w in ws[g.first : g.last + 1]]
                others = f"{max(m, f)} {_GENDER[major]} verbs in the sentence"
                if m == f:
                    others = f"as many {_GENDER[major]} verbs and refers to a {_GENDER[major]} named person"
                yield Finding(
                    s.unit.pointer,
                    start,
                    end,
                    f"This verb shares its honorific subject with {others}, but it is {_GENDER[gender]}: use the "
                    f"{_GENDER[major]} form.",
                    suggestion=" ".join(words),
                )


def _conjunct_switches(
    sents: list[_Sentence],
    major: str | None,
    lex: Lexicon,
    voc: AgreementVocab,
    flagged: set[tuple[int, int]],
    known: dict[tuple[int, int], str],
    counts: dict[str, int],
) -> Iterable[Finding]:
    """A verb coordinated with the one before it, with no subject of its own, in the other gender: "वह जांच
    कराता है और … लेती है". The two verbs share one subject, so one of them is wrong whatever the rest of the
    article says; the later one is flagged, unless the article's person is of its gender: then the earlier one
    is the slip ("वह … परीक्षण करती है और … देखता है" in an article whose person is masculine). The person's gender
    is the clear majority when there is one, else whichever gender the article's other sentences show more often
    (``counts`` less this sentence's own evidence; a tie keeps the later verb)."""
    for s in sents:
        if len(s.evidence) < 2 or s.quoted:
            continue
        ws = s.unit.words
        side = major
        if side is None:
            own = _gender_counts((s,))
            m, f = counts["m"] - own["m"], counts["f"] - own["f"]
            side = "m" if m > f else "f" if f > m else None
        corrected: dict[int, str] = {}  # evidence number -> the gender it was flagged to have
        for n in range(1, len(s.evidence)):
            ev, parent = s.evidence[n], s.evidence[n - 1]
            if ev.kind != "conjunct" or (s.index, n) in flagged or (s.index, n) in known:
                continue  # (a named person's verbs are decided by the name)
            # after a flagged verb, the next one is compared with what that verb should have been
            g, pg = ev.group.gender, corrected.get(n - 1, parent.group.gender)
            if g not in _GENDER or pg not in _GENDER or g == pg or parent.group.plural or ev.group.plural:
                continue
            if side is not None and side != pg:
                # the article's person is of this verb's gender: the verb before it is the slip
                if (s.index, n - 1) in flagged or n - 1 in corrected or _introduces_person(ws, lex):
                    continue
                if _could_agree_with_other(parent, ws, lex, voc) or _could_agree_with_other(ev, ws, lex, voc):
                    continue
                if _passive(ws, parent, lex) or _passive(ws, ev, lex):
                    continue  # a passive agrees with the thing acted on ("बॉन्ड … में रखा गया हो")
                flagged.add((s.index, n - 1))
                yield _switch_finding(
                    s.unit,
                    parent,
                    g,
                    lex,
                    f"This verb shares its subject with the {_GENDER[g]} verb after it in the sentence, and the "
                    f"person is {_GENDER[g]} in this article, but it is {_GENDER[pg]}: use the {_GENDER[g]} form.",
                )
                continue
            if _could_agree_with_other(ev, ws, lex, voc) or _introduces_person(ws, lex) or _passive(ws, ev, lex):
                continue
            flagged.add((s.index, n))
            corrected[n] = pg
            yield _switch_finding(
                s.unit,
                ev,
                pg,
                lex,
                f"This verb shares its subject with the {_GENDER[pg]} verb before it in the sentence, but it is "
                f"{_GENDER[g]}: use the {_GENDER[pg]} form.",
            )


# Conjunctions that may stand between a relative clause and its correlative वह: "जो … है, अगर / तो / जब वह …".
CORRELATIVE_BRIDGES = frozenset({"अगर", "यदि", "जब", "तो", "तब"})


def _correlative_switches(
    sents: list[_Sentence],
    major: str | None,
    lex: Lexicon,
    voc: AgreementVocab,
    flagged: set[tuple[int, int]],
    known: dict[tuple[int, int], str],
) -> Iterable[Finding]:
    """A relative clause about a person and its correlative वह in the other gender: "जो निवेशक … खरीद रहा है,
    वह … लगा रही है". The relative pronoun and the correlative refer to one person, so both verbs agree with one
    subject; the correlative's verb is flagged, unless the article's person is clearly of its gender (then the
    relative clause's verb is the slip)."""
    for s in sents:
        if len(s.evidence) < 2 or s.quoted:
            continue
        ws = s.unit.words
        for n in range(1, len(s.evidence)):
            ev, rel = s.evidence[n], s.evidence[n - 1]
            if ev.kind != "pronoun" or rel.kind != "noun" or (s.index, n) in flagged or (s.index, n) in known:
                continue
            if (s.index, n - 1) in flagged or (s.index, n - 1) in known:
                continue
            # the relative clause: opened by a relative pronoun right before its person subject ("जो निवेशक")
            if rel.subject == 0 or rel.clause.first != rel.subject or ws[rel.subject - 1] not in voc.pronoun_relatives:
                continue
            # the correlative opens the next clause right after the relative clause's verb ("…, वह …"), or after a
            # conditional or temporal conjunction there ("जो रोगी … चुका है, अगर वह …")
            bridge = rel.group.last + 1
            if bridge < len(ws) and ws[bridge] in CORRELATIVE_BRIDGES:
                bridge += 1
            if ev.subject != ev.clause.first or ev.clause.first != bridge:
                continue
            g, rg = ev.group.gender, rel.group.gender
            if g not in _GENDER or rg not in _GENDER or g == rg or ev.group.plural or rel.group.plural:
                continue
            if _could_agree_with_other(ev, ws, lex, voc):
                continue
            # the relative clause's subject is the noun right after जो, in the direct case; only a bare noun of the
            # verb's gender right before the verb, or an obligation ("जो निवेशक … रकम भरनी होती"), could take the
            # verb's agreement from it
            before = ws[rel.group.first - 1]
            if lex.noun_gender(before) == rg or is_infinitive(before, lex):
                continue
            if major == g:
                flagged.add((s.index, n - 1))
                yield _switch_finding(
                    s.unit,
                    rel,
                    g,
                    lex,
                    f"The correlative वह after this relative clause is {_GENDER[g]}, and so is the person of this "
                    f"article, but this verb is {_GENDER[rg]}: use the {_GENDER[g]} form.",
                )
                continue
            flagged.add((s.index, n))
            yield _switch_finding(
                s.unit,
                ev,
                rg,
                lex,
                f"This वह refers to the person of the relative clause before it, whose verb is {_GENDER[rg]}, but "
                f"this verb is {_GENDER[g]}: use the {_GENDER[rg]} form.",
            )


def _switch_finding(unit: Unit, ev: Evidence, to: str, lex: Lexicon, message: str) -> Finding:
    """The finding for a verb group in the wrong gender, with the group in gender ``to`` as the suggestion."""
    g = ev.group
    start, end = unit.span(g.first, g.last)
    words = unit.words[g.first : g.last + 1]
    swapped = [
        w
        if k + 1 < len(words) and w in lex.verb_stems and is_stem_modal(words[k + 1], lex)
        else swap_gender(w, to, lex)
        for k, w in enumerate(words)
    ]  # "बचा सकता" → "बचा सकती": a bare stem before सकना has no gender
    return Finding(unit.pointer, start, end, message, suggestion=" ".join(swapped))


def _match(ws: list[str], k: int, seq: tuple[str, ...]) -> bool:
    return ws[k : k + len(seq)] == list(seq)


# The endings a plural word of _plural_antecedent has: plural nouns, and the plural imperfective participle.
_PLURAL_LIKE = methodcaller("endswith", (*PLURAL_ENDINGS, PLURAL_E, *(e for e, g in IMPERFECTIVE if g == "p")))


def _plural_antecedent(ws: list[str], upto: int, lex: Lexicon, voc: AgreementVocab) -> bool:
    """Is there a plural noun phrase or a plural verb in ws[:upto]? A quantifier before a noun of time or manner
    ("कई बार", "कुछ देर") is an adverbial and does not count."""
    words = ws[:upto]
    if not lex.aux_plural.isdisjoint(words):
        return True
    if not voc.plural_words.isdisjoint(words):
        for k in compress(range(len(words)), map(voc.plural_words.__contains__, words)):
            if not (k + 1 < len(ws) and ws[k + 1] in voc.quantity_adverbials):
                return True  # (not "कई बार", "कुछ देर": an adverbial, not people or things)
    # only the words with a plural ending (picked out in C) can be anything else that tells a plural
    skip = _not_plural_antecedents()
    for w in filter(_PLURAL_LIKE, words):
        if w in skip:
            continue
        if w.endswith(PLURAL_ENDINGS) or (w.endswith(PLURAL_E) and len(w) > 3):
            return True
        if participle_gender(w, lex) == "p":
            return True
    return False


@lru_cache(maxsize=1)
def _not_plural_antecedents() -> frozenset[str]:
    """Words with a plural ending that are no plural antecedent: the honorific references (उन्हें, उनको …) and
    postpositions."""
    return frozenset(k[0] for k in vocab().plural_refs) | lexicon().postpositions


@lru_cache(maxsize=1)
def _people_words() -> frozenset[str]:
    """The nouns for people, in the singular: what _plural_people looks for in the plural."""
    return vocab().plural_people | lexicon().person_nouns


_OBLIQUE_LIKE = methodcaller("endswith", OBLIQUE_PLURAL)  # (OBLIQUE_PLURAL_IYON ends in one of these too)


def _plural_people(ws: list[str], people: frozenset[str], voc: AgreementVocab) -> bool:
    """Are people in the plural mentioned in ws (ग्राहकों, कर्मचारियों, लोग)? ``people``: the nouns for people
    (``voc.plural_people | lex.person_nouns``)."""
    if not voc.plural_people_direct.isdisjoint(ws):
        return True
    for w in filter(_OBLIQUE_LIKE, ws):  # only oblique plurals can be anything else (picked out in C)
        if w.endswith(OBLIQUE_PLURAL_IYON) and (w[: -len(OBLIQUE_PLURAL_IYON)] + LONG_I) in people:
            return True
        if w[:-2] in people:
            return True
    return False


def _first_plural_people(sents: list[_Sentence], voc: AgreementVocab) -> dict[int, int]:
    """Paragraph -> the index of its first sentence that names people in the plural (ग्राहकों, कर्मचारियों, लोग):
    a वे or उन्हें after that sentence may mean them. Worked out once per article, when first asked; asking each
    sentence before every candidate again made a long paragraph cost quadratic time."""
    people = _people_words()
    first: dict[int, int] = {}
    for s in sents:
        if s.para not in first and _plural_people(s.unit.words, people, voc):
            first[s.para] = s.index
    return first


class PersonNumberSwitch:
    meta = RuleMeta(
        id="KC-P002",
        name="person-number-switch",
        category="agreement",
        severity="minor",
        summary="A paragraph calls its one person उस- / वह (singular), then उन्- / वे (honorific/plural), or back.",
        what=(
            "In a paragraph whose person is clearly singular (उसके पास, उसे, उसने at least twice), flags a "
            "plural or honorific reference to that person (उन्हें, उनको, उन्होंने, उनके पास), when no plural "
            "noun or plural verb in the same or the previous sentence could be what it refers to. Also flags a "
            "subject that changes number from one clause about the person to the next, in the same or the "
            "next sentence of a paragraph: वह (or a named person, अमित) … करता है followed by वे … करते हैं "
            "(when nothing plural nearby could be वे), or वे … करते हैं followed by वह … करता है (when nothing "
            "of the verb's gender nearby could be वह). And a वे clause right after a sentence that names one "
            "person in the singular oblique (आवेदक को …), with a singular reference (उसे, उसके …) after it. In "
            "a paragraph that calls its person वे (three or more honorific / plural references, twice the "
            "singular ones), a वह clause followed by a वे clause is the one flagged. An उन्हें that has "
            "knowledge or a feeling (उन्हें … की समझ है) is a person: one singular reference in the paragraph "
            "and a sentence before about the person are enough, and only people in the plural nearby keep it "
            "silent."
        ),
        why=(
            "Hindi chooses between the plain singular (वह, उसे) and the honorific plural (वे, उन्हें) "
            "for a person, and a text keeps one choice. Switching within a passage reads as if a second "
            "person or a group had appeared. उन्हें is also the plain plural 'them' (ग्राहकों … उन्हें), "
            "so any plural antecedent nearby keeps the rule silent."
        ),
        example="उसके पास डिग्री है। उसके पास अनुभव है। उन्हें बाजार की समझ है।",
        instead="उसके पास डिग्री है। उसके पास अनुभव है। उसे बाजार की समझ है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        lex, voc = lexicon(), vocab()
        sents = _sentences(ctx)
        found = list(_subject_number_switches(sents, lex, voc))
        yield from found
        yield from _after_oblique_person(sents, {(f.pointer, f.start) for f in found}, lex, voc)
        if not _plural_ref_gate().search(ctx.joined):
            return  # no honorific / plural reference in the article (a substring gate, then by words)
        firsts = {ref[0] for ref in voc.plural_refs}
        # only the paragraphs with an honorific / plural reference are looked at
        paras = {s.para for s in sents if not firsts.isdisjoint(s.unit.words)}
        by_para: dict[int, list[_Sentence]] = {}
        for s in sents:
            if s.para in paras:
                by_para.setdefault(s.para, []).append(s)
        singular_firsts = {ref[0] for ref in voc.singular_refs}
        refs = firsts | singular_firsts
        first_people: dict[int, int] | None = None
        for para in by_para.values():
            singular = 0
            candidates: list[tuple[int, int, tuple[str, ...]]] = []  # (sentence position, word, ref)
            for si, s in enumerate(para):
                ws = s.unit.words
                if refs.isdisjoint(ws):
                    continue  # neither a singular nor a plural reference in this sentence
                # a singular reference counts only before the sentence's first relative word (जो …)
                relative = next(compress(range(len(ws)), map(voc.relatives.__contains__, ws)), len(ws))
                for k in compress(range(len(ws)), map(refs.__contains__, ws)):
                    w = ws[k]
                    if w in singular_firsts and k < relative and any(_match(ws, k, r) for r in voc.singular_refs):
                        singular += 1
                    if w in firsts:
                        candidates.extend((si, k, ref) for ref in voc.plural_refs if _match(ws, k, ref))
            if singular < 2 or singular <= len(candidates):
                # an उन्हें that has knowledge or a feeling ("उन्हें … की समझ है") is a person: one singular
                # reference in the paragraph is enough when the sentence before is about the person
                if not singular or singular < len(candidates):
                    continue
                candidates = [
                    c
                    for c in candidates
                    if _experiencer(para[c[0]].unit, c[1], voc) and c[0] > 0 and _about_one_person(para[c[0] - 1])
                ]
            for si, k, ref in candidates:
                s = para[si]
                if si == 0 or s.quoted or para[si - 1].quoted:
                    continue
                prev = para[si - 1].unit.words
                if _experiencer(s.unit, k, voc):
                    # only people in the plural could be who it means, not any plural thing
                    people = _people_words()
                    if _plural_people(prev, people, voc) or _plural_people(s.unit.words[:k], people, voc):
                        continue
                elif _plural_antecedent(prev, len(prev), lex, voc) or _plural_antecedent(s.unit.words, k, lex, voc):
                    continue
                if first_people is None:
                    first_people = _first_plural_people(sents, voc)
                if first_people.get(s.para, len(sents)) < para[si - 1].index:
                    continue  # people in the plural earlier in the paragraph may be who उन्हें means
                start, end = s.unit.span(k, k + len(ref) - 1)
                yield Finding(
                    s.unit.pointer,
                    start,
                    end,
                    "This paragraph calls its person उस- (singular) elsewhere; this "
                    "honorific/plural reference "
                    "reads as a different person or a group.",
                    suggestion=voc.plural_refs[ref],
                )


EXPERIENCER_REFS = frozenset({"उन्हें", "उनको"})
EXPERIENCER_REACH = 8  # words after उन्हें searched for the noun of knowledge or feeling


def _experiencer(u: Unit, k: int, voc: AgreementVocab) -> bool:
    """Is the reference at word k an उन्हें / उनको whose clause gives it knowledge, a feeling or a need ("उन्हें
    बिजली के सर्किट की अच्छी समझ है", "उनको पता होता है")? Searched up to the clause's end."""
    ws = u.words
    if ws[k] not in EXPERIENCER_REFS:
        return False
    for x in range(k + 1, min(len(ws), k + 1 + EXPERIENCER_REACH)):
        if ws[x] in voc.experiencer_nouns:
            return True
        if u.cut_after(x):
            return False
    return False


def _about_one_person(s: _Sentence) -> bool:
    """Is the sentence about the person in the singular: a clause with वह, a profession noun or a name as its
    subject and a singular verb? (A singular reference alone may be a correlative or a thing: "उसके पास".)"""
    return any(ev.kind in ("pronoun", "noun", "name") and ev.group.gender in _GENDER for ev in s.evidence)


@lru_cache(maxsize=1)
def _plural_ref_gate() -> regex.Pattern[str]:
    """A search for the first words of the honorific / plural references (उन्हें, उनके …) anywhere in the article."""
    return regex.compile("|".join(sorted({regex.escape(ref[0]) for ref in vocab().plural_refs})))


# Number forms of the verb-group words: singular -> plural (करता → करते, है → हैं, करेगा → करेंगे) and back.
_TO_PLURAL = (("ता", "ते"), ("ेगा", "ेंगे"), ("ेगी", "ेंगी"), ("गा", "गे"), ("ा", "े"))
_TO_SINGULAR = {"m": (("ते", "ता"), ("ेंगे", "ेगा"), ("गे", "गा"), ("े", "ा")), "f": (("ेंगी", "ेगी"),)}
_AUX_NUMBER = {"है": "हैं", "था": "थे", "थी": "थीं"}
# a plural auxiliary -> its singular (masculine, feminine): हैं has one singular, थे / थीं take the gender
_AUX_SINGULAR = {"हैं": ("है", "है"), "थे": ("था", "थी"), "थीं": ("था", "थी")}


def _number_form(word: str, plural: bool, gender: str, lex: Lexicon) -> str:
    """A verb-group word in the other number: करता → करते, करती है → करती हैं, करते → करता / करती."""
    if plural:
        if word in _AUX_NUMBER:
            return _AUX_NUMBER[word]
        if word.endswith("ी") or word.endswith("ीं") or word in lex.verb_stems:
            return word  # feminine forms (करती, गई) keep their vowel in the plural; a bare stem has no number
        for a, b in _TO_PLURAL:
            if word.endswith(a):
                return word[: -len(a)] + b
        return word
    if word in _AUX_SINGULAR:
        masculine, feminine = _AUX_SINGULAR[word]
        return masculine if gender == "m" else feminine
    if word in lex.verb_stems:
        return word
    if gender == "f":
        if word.endswith("ते"):
            return word[:-2] + "ती"
        if word.endswith("े"):
            return word[:-1] + "ी"
    for a, b in _TO_SINGULAR[gender]:
        if word.endswith(a):
            return word[: -len(a)] + b
    return word


# Oblique pronoun forms that refer to a person in the singular, and in the honorific or plural (KC-P002).
SINGULAR_REFERENCES = frozenset(["उसने", "उसके", "उसकी", "उसका", "उसे", "उसको"])
PLURAL_REFERENCES = frozenset(["उन्होंने", "उनके", "उनकी", "उनका", "उन्हें", "उनको"])


def _paragraph_references(sents: list[_Sentence], para: int, lex: Lexicon) -> tuple[int, int]:
    """How often the paragraph refers to its person in the singular and in the honorific/plural: clauses with a
    singular or a plural person subject, and oblique pronoun forms. A number switch is flagged only where its
    form is not the paragraph's majority ("देशमुख बताते हैं … उनके अनुसार … वह डरती थी … आज वे सिखाते हैं": वे
    is the paragraph's form, वह the slip)."""
    singular = plural = 0
    for s in sents:
        if s.para == para:
            ws = s.unit.words
            singular += sum(1 for ev in s.evidence if ev.kind in ("pronoun", "noun", "name"))
            singular += sum(map(SINGULAR_REFERENCES.__contains__, ws))
            plural += len(s.plural(lex)) + sum(map(PLURAL_REFERENCES.__contains__, ws))
    return singular, plural


def _subject_number_switches(sents: list[_Sentence], lex: Lexicon, voc: AgreementVocab) -> Iterable[Finding]:
    """वह … करता है next to वे … करते हैं about the same person, in one sentence or the next: the subject changes
    number. वे may be people in the plural and वह a thing, so the rule stays silent whenever something plural
    (for वे) or a noun of the verb's gender (for वह) nearby could be what the pronoun refers to."""
    if all(s._plural == [] for s in sents):
        return  # no वे clause anywhere
    first_people: dict[int, int] | None = None
    last: tuple[_Sentence, Evidence] | None = None  # the latest clause about the person with a subject of its own
    singular_article: bool | None = None  # does the article call its person वह far more often? (asked once, lazily)
    done: set[tuple[int, int]] = set()  # (sentence, subject) of the वे clauses flagged
    references: dict[int, tuple[int, int]] = {}  # paragraph -> its singular and plural references, when asked
    lone: set[tuple[int, int]] = set()  # (sentence, subject) of the वह clauses flagged in a वे paragraph
    n = len(sents)
    for s in sents:
        # a वे clause matters only next to a clause about the person in the singular (in this sentence, the one
        # before or the one after)
        if not (
            s.evidence
            or (s.index + 1 < n and sents[s.index + 1].evidence)
            or (s.index > 0 and sents[s.index - 1].evidence)
        ):
            continue
        items = [ev for ev in s.evidence if ev.kind in ("pronoun", "noun", "name")]
        own = [ev for ev in s.plural(lex) if ev.subject >= ev.clause.first]
        if not items and not own:
            continue
        if own:
            items = sorted(items + own, key=lambda ev: ev.group.first)
        ws = s.unit.words
        for ev in items:
            prev, last = last, (s, ev)
            if prev is None:
                continue
            ps, pev = prev
            if ps.para != s.para or s.index - ps.index > 1 or (pev.kind == "plural") == (ev.kind == "plural"):
                continue
            if s.quoted or ps.quoted:
                continue
            g = ev.group
            if not voc.pronoun_relatives.isdisjoint(ws[: ev.subject]):
                continue  # "निवेशक जिनके पास … है, वे …": a correlative refers to its relative phrase
            if s.para not in references:
                references[s.para] = _paragraph_references(sents, s.para, lex)
            singular, plural = references[s.para]
            if ev.kind == "plural":
                # वह … करता है, then वे … करते हैं: वे may be people or things in the plural mentioned nearby
                if pev.group.gender not in _GENDER:
                    continue
                if plural > singular:
                    # the paragraph calls its person वे / उन्होंने more often: वे is no switch, but the वह clause
                    # before it may be ("इलाज के दौरान वह … दर्ज करता है। … वे … बदलाव करते हैं")
                    key = (ps.index, pev.subject)
                    if key not in lone and _lone_singular(sents, ps, pev, singular, plural, lex, voc):
                        lone.add(key)
                        yield _singular_in_plural_paragraph(ps, pev, lex, SINGULAR_IN_PLURAL_PARAGRAPH)
                    continue
                if first_people is None:
                    first_people = _first_plural_people(sents, voc)
                finding = _plural_switch(sents, s, ev, pev.group.gender, first_people, lex, voc, PLURAL_AFTER_SINGULAR)
                if finding is not None:
                    done.add((s.index, ev.subject))
                    yield finding
                continue
            else:
                # वे … करते हैं, then वह … करता है: वह may be a thing of the verb's gender mentioned nearby
                if ev.kind != "pronoun" or g.gender not in _GENDER:
                    continue
                if singular_article is None:
                    singular_article = _singular_article(sents, lex)
                if singular_article:
                    # the article calls its person वह throughout: the वे clause before is the switch, not this वह
                    if first_people is None:
                        first_people = _first_plural_people(sents, voc)
                    finding = None if (ps.index, pev.subject) in done else _plural_switch(
                        sents, ps, pev, g.gender, first_people, lex, voc, PLURAL_IN_SINGULAR_ARTICLE
                    )
                    if finding is not None:
                        done.add((ps.index, pev.subject))
                        yield finding
                    continue
                if singular > plural:
                    continue  # the paragraph calls its person वह / उसने more often: वह is no switch
                if _vah_may_mean_another(sents, s, ev, lex, voc):
                    continue
            if (s.index, ev.subject) in lone:
                continue
            yield _singular_in_plural_paragraph(s, ev, lex, SINGULAR_AFTER_PLURAL)


# Postpositions after a person noun that show it in the oblique singular (a plural would end in -ों first).
OBLIQUE_MARKERS = frozenset({"को", "ने", "से", "का", "के", "की"})


def _after_oblique_person(
    sents: list[_Sentence], flagged: set[tuple[str, int]], lex: Lexicon, voc: AgreementVocab
) -> Iterable[Finding]:
    """"पॉलिसीधारक को … इकट्ठा करना होता है। इसके बाद वे … जमा करते हैं। … उसे … देना होता है": the sentence
    before a वे clause names one person, in the singular and not as a subject (a profession noun before को / ने /
    से / का, with no other person, given name or plural in that sentence), and a singular reference to the person
    (उसे, उसके, उसने …) follows in the वे clause's sentence or the next one of the paragraph. The वे clause, which
    no plural antecedent explains, has switched the person to the honorific / plural; it is flagged with the
    singular in the article's majority gender (no clear majority: left alone). The clause-to-clause switches
    (वह … करता है, then वे …) are found by _subject_number_switches."""
    counts: dict[str, int] | None = None
    first_people: dict[int, int] | None = None
    n = len(sents)
    for s in sents:
        if s._plural == [] or s.index == 0:
            continue  # (no वे in the sentence: decided without analysing it)
        prev = sents[s.index - 1]
        if prev.para != s.para or prev.evidence or prev.quoted or prev.named:
            continue
        pws = prev.unit.words
        nouns = [k for k in compress(range(len(pws)), map(lex.person_nouns.__contains__, pws))]
        if len(set(map(pws.__getitem__, nouns))) != 1 or not any(
            k + 1 < len(pws) and pws[k + 1] in OBLIQUE_MARKERS and (k == 0 or pws[k - 1] not in voc.genitives)
            for k in nouns
        ):
            continue  # not exactly one person, named in the oblique singular
        plural = s.plural(lex)
        if not plural:
            continue
        ws = s.unit.words
        nxt = sents[s.index + 1].unit.words if s.index + 1 < n and sents[s.index + 1].para == s.para else []
        for ev in plural:
            if ws[ev.subject] not in voc.plural_subject_pronouns or ev.subject < ev.clause.first:
                continue
            if SINGULAR_REFERENCES.isdisjoint(ws[ev.group.last + 1 :]) and SINGULAR_REFERENCES.isdisjoint(nxt):
                continue  # no singular reference after it: the person may be honorific from here on
            if (s.unit.pointer, s.unit.span(ev.subject, ev.group.last)[0]) in flagged:
                continue
            if counts is None:
                counts = _gender_counts(sents)
                singular, plural_clauses = _person_numbers(sents, lex)
                if plural_clauses > singular:
                    return  # the article calls its person वे more often than वह: a वे is its style, and the
                    # उस- after it may be a thing ("… वे उसकी जांच करते हैं": the activity)
            if counts["m"] == counts["f"]:
                return
            if first_people is None:
                first_people = _first_plural_people(sents, voc)
            gender = "m" if counts["m"] > counts["f"] else "f"
            finding = _plural_switch(sents, s, ev, gender, first_people, lex, voc, PLURAL_AFTER_SINGULAR_NOUN)
            if finding is not None:
                yield finding


PLURAL_AFTER_SINGULAR_NOUN = (
    "The sentence before names the person in the singular, and it is उस- (singular) after this clause; this वे "
    "(honorific/plural) reads as a different person or a group."
)


# A paragraph refers to its person in the honorific / plural at least this many times, and this many times as
# often as in the singular, before a वह clause followed by a वे clause in it is read as the switch.
MIN_PLURAL_REFERENCES, PLURAL_REFERENCE_RATIO = 3, 2


def _lone_singular(
    sents: list[_Sentence], s: _Sentence, ev: Evidence, singular: int, plural: int, lex: Lexicon, voc: AgreementVocab
) -> bool:
    """Is the वह clause ``ev`` of ``s``, followed by a वे clause about the person, the one singular slip of a
    paragraph that calls its person वे (at least MIN_PLURAL_REFERENCES honorific / plural references, and
    PLURAL_REFERENCE_RATIO times the singular ones)? Not when the वह may mean someone or something else
    (_vah_may_mean_another)."""
    if ev.kind != "pronoun" or ev.group.gender not in _GENDER or s.quoted:
        return False
    if plural < MIN_PLURAL_REFERENCES or plural < PLURAL_REFERENCE_RATIO * singular:
        return False
    return not _vah_may_mean_another(sents, s, ev, lex, voc)


def _vah_may_mean_another(
    sents: list[_Sentence], s: _Sentence, ev: Evidence, lex: Lexicon, voc: AgreementVocab
) -> bool:
    """May the वह clause ``ev`` of ``s`` be about someone or something other than the person called वे around
    it: a correlative of a relative phrase (जिनके पास … वह), a thing of the verb's gender named just before (in
    its sentence, or the one before in the paragraph), another person named before it, or a verb that may agree
    with something else?"""
    ws = s.unit.words
    before = ws[: ev.subject]
    if not voc.pronoun_relatives.isdisjoint(before) or not lex.person_nouns.isdisjoint(before):
        return True
    if _thing_nearby(_words_before(sents, s), ws, ev.subject, ev.group.gender, lex, voc):
        return True
    return _could_agree_with_other(ev, ws, lex, voc)


def _words_before(sents: list[_Sentence], s: _Sentence) -> list[str]:
    """The words of the sentence before ``s`` in its paragraph ([] at the paragraph's start)."""
    return sents[s.index - 1].unit.words if s.index > 0 and sents[s.index - 1].para == s.para else []


def _singular_in_plural_paragraph(s: _Sentence, ev: Evidence, lex: Lexicon, message: str) -> Finding:
    """The finding for a वह clause about a person called वे next to it or in its paragraph; it suggests the
    plural (वह … करता है → वे … करते हैं)."""
    ws, g = s.unit.words, ev.group
    start, end = s.unit.span(ev.subject, g.last)
    verb = " ".join(_number_form(w, True, g.gender, lex) for w in ws[g.first : g.last + 1])
    middle = " ".join(ws[ev.subject + 1 : g.first])
    return Finding(s.unit.pointer, start, end, message, suggestion=" ".join(x for x in ("वे", middle, verb) if x))


SINGULAR_AFTER_PLURAL = (
    "The person is वे (honorific/plural) in the clause before; this वह (singular) reads as a different person."
)
SINGULAR_IN_PLURAL_PARAGRAPH = (
    "This paragraph calls its person वे (honorific/plural); this वह (singular) reads as a different person."
)


# An article calls its person वह at least this many times, and this many times as often as वे, before one वे
# clause in it is read as the switch rather than the वह clauses around it.
MIN_SINGULAR, SINGULAR_RATIO = 4, 4


def _person_numbers(sents: list[_Sentence], lex: Lexicon) -> tuple[int, int]:
    """How many of the article's clauses about its person use वह (or a profession noun) with a singular verb, and
    how many वे with a plural one?"""
    singular = sum(
        1 for s in sents for ev in s.evidence if ev.kind in ("pronoun", "noun") and ev.group.gender in _GENDER
    )
    plural = sum(len(s.plural(lex)) for s in sents if s._plural != [])
    return singular, plural


def _singular_article(sents: list[_Sentence], lex: Lexicon) -> bool:
    """Do the article's clauses about its person use वह (or a profession noun) with a singular verb far more
    often than वे with a plural one?"""
    singular, plural = _person_numbers(sents, lex)
    return singular >= MIN_SINGULAR and singular >= SINGULAR_RATIO * plural


PLURAL_AFTER_SINGULAR = (
    "The person is वह (singular) in the clause before; this वे (honorific/plural) reads as a different person or a "
    "group."
)
PLURAL_IN_SINGULAR_ARTICLE = (
    "This article calls its person वह (singular) throughout; this वे (honorific/plural) reads as a different "
    "person or a group."
)


def _plural_switch(
    sents: list[_Sentence],
    s: _Sentence,
    ev: Evidence,
    gender: str,
    first_people: dict[int, int],
    lex: Lexicon,
    voc: AgreementVocab,
    message: str,
) -> Finding | None:
    """The finding for the वे clause ``ev`` of ``s`` about a person called वह (of ``gender``) next to it or in the
    whole article: unless something plural nearby (in this sentence before वे, in the sentence before, or people
    in the plural earlier in the paragraph) could be what वे means. It suggests the singular."""
    ws = s.unit.words
    before = _words_before(sents, s)
    if _plural_antecedent(before, len(before), lex, voc) or _plural_antecedent(ws, ev.subject, lex, voc):
        return None
    if first_people.get(s.para, len(sents)) < s.index:
        return None  # (_first_plural_people)
    if s.quoted or not voc.pronoun_relatives.isdisjoint(ws[: ev.subject]):
        return None
    g = ev.group
    start, end = s.unit.span(ev.subject, g.last)
    verb = " ".join(_number_form(w, False, gender, lex) for w in ws[g.first : g.last + 1])
    middle = " ".join(ws[ev.subject + 1 : g.first])
    return Finding(s.unit.pointer, start, end, message, suggestion=" ".join(x for x in ("वह", middle, verb) if x))


# The reader is addressed formally at least this many times, and at least this many times as often as
# informally, before an informal form counts as a switch.
MIN_FORMAL = 3
FORMAL_RATIO = 3


class ReaderRegisterSwitch:
    meta = RuleMeta(
        id="KC-P003",
        name="reader-register-switch",
        category="agreement",
        severity="minor",
        summary="An article that addresses its reader as आप switches to तुम / तू.",
        what=(
            "Counts how the article addresses the reader outside quoted speech: आप forms (आप, आपके, आपको …) "
            "against तुम / तू forms (तुम, तुम्हारे, तुम्हें, तेरा …). When आप is used at least three times and "
            "at least three times as often, each तुम / तू form is flagged, with the आप form as the suggestion."
        ),
        why=(
            "Hindi has three levels of 'you'. Advice articles address the reader as आप throughout; machine "
            "translation, which sees only English 'you', sometimes drops to तुम in one sentence, which reads as "
            "suddenly talking down to the reader. Quoted speech is left alone (a speaker may say तुम), and so "
            "is an article that uses तुम as often as आप (a deliberate informal register)."
        ),
        example="आप हर महीने बचत करें। आपके खर्च घटेंगे। आपको फायदा होगा। तुम्हारा निवेश बढ़ेगा।",
        instead="आप हर महीने बचत करें। आपके खर्च घटेंगे। आपको फायदा होगा। आपका निवेश बढ़ेगा।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        voc = vocab()
        formal, informal = voc.reader_formal, voc.reader_informal
        if not _informal_gate().search(ctx.joined):
            return  # (a substring gate: "तू" also occurs in "तूफान", which the word count below sorts out)
        sents = [s for s in _sentences(ctx) if not s.quoted]
        n_formal = n_informal = 0
        for s in sents:
            ws = s.unit.words
            n_formal += sum(map(formal.__contains__, ws))
            n_informal += sum(map(informal.__contains__, ws))
        if not n_informal or n_formal < MIN_FORMAL or n_formal < FORMAL_RATIO * n_informal:
            return
        for s in sents:
            ws = s.unit.words
            for k in compress(range(len(ws)), map(informal.__contains__, ws)):
                start, end = s.unit.span(k, k)
                yield Finding(
                    s.unit.pointer,
                    start,
                    end,
                    f"The article addresses the reader as आप {n_formal} times; {ws[k]} drops to the informal register.",
                    suggestion=informal[ws[k]],
                )


@lru_cache(maxsize=1)
def _informal_gate() -> regex.Pattern[str]:
    """A search for the few substrings one of which every informal form holds (तुम, तुझ, तू, तेर): one scan of the
    article instead of one per form."""
    heads = {w[:3] for w in vocab().reader_informal}
    heads = {h for h in heads if not any(o != h and o in h for o in heads)}
    return regex.compile("|".join(map(regex.escape, sorted(heads))))


def rules(config: Config) -> list:
    return [PersonGenderSwitch(), PersonNumberSwitch(), ReaderRegisterSwitch()]
