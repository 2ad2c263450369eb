"""Precise grammar and locale checks (KC-S###): case, genitive agreement, currency format.

Each rule fires only on a pattern whose reading is unambiguous, with its vocabulary in data (grammar.yaml and
hindi_lexicon.yaml); a word missing from a list keeps the rule silent.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import ChainMap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

import regex

from kamclean.checks.base import CheckContext, Finding, RuleMeta
from kamclean.checks.clauses import (
    INFINITIVE_ENDINGS,
    OBLIQUE_PLURAL,
    AgreementVocab,
    VerbGroup,
    clause_start,
    is_infinitive,
    participle_gender,
    perfective_gender,
    stem_of,
    subject_words,
    swap_gender,
    verb_groups,
)
from kamclean.checks.clauses import vocab as agreement_vocab
from kamclean.checks.lexicon import Lexicon, lexicon, load_data, words
from kamclean.checks.units import Unit, all_units, sentence_units
from kamclean.config import Config
from kamclean.text.keys import find_all

OBLIQUE_ENDING = "े"  # the oblique of a masculine -आ noun: खाता → खाते
ADJ_DIRECT, ADJ_OBLIQUE, ADJ_FEMININE = "ा", "े", "ी"  # बड़ा, बड़े, बड़ी
# Endings of a word that may be (or agree with) a masculine noun: -ों plural, -आ direct, -ए oblique.
MASCULINE_LOOKING = ("ों", "ा", "े")
OBLIQUE_PLURAL_ENDING = "ों"  # सदस्यों, कंपनियों, बच्चों
GENITIVES = ("का", "के", "की")
PASSIVE_STEM = "जा"  # मापा जाता है: the passive is a perfective participle before जाना
PROGRESSIVE_FEMININE = "रही"
INFINITIVE_FEMININE = "नी"  # होनी, करनी: an obligation agreeing with a feminine object
INFINITIVE_OBLIQUE = "ने"
DIRECT_GENITIVE = "का"
FEMININE_GENITIVE = "की"  # links two feminine nouns in a chain: "कार के कीमत की तुलना"
CIRCUMPOSITION_REACH = 4  # words between बिना and the के that closes it
PLURAL_PARTICIPLE = "ते"
PLURAL_AUXILIARY = {"है": "हैं", "था": "थे"}  # KC-S008: the singular auxiliary -> the plural one
SINGULAR_PARTICIPLE = "ता"
SINGULAR_AUXILIARY = {"हैं": "है", "थे": "था"}  # KC-S008: the plural auxiliary after a singular participle


@dataclass(frozen=True)
class _Vocab:
    oblique_postpositions: frozenset[str]
    unit_markers: frozenset[str]
    genitive_feminine: dict[str, str]
    adverbial: frozenset[str]
    phrase_genitives: frozenset[str]
    closing_postpositions: frozenset[str]
    phrase_closers: frozenset[str]
    feminine_plurals: dict[str, tuple[str, ...]]  # last letter (or "consonant") -> plural forms
    feminine_oblique_plurals: dict[str, tuple[str, ...]]  # the same, oblique plural forms
    relative_genitives: frozenset[str]
    imperative_ending: str
    intransitive_infinitives: frozenset[str]
    genitive_modifiers: frozenset[str]
    predicative_adjectives: frozenset[str]
    progressive: frozenset[str]
    adjective_forms: dict[
        str, tuple[str, str, frozenset[str], frozenset[str]]
    ]  # form -> (lemma, kind, m.obl, f)
    adverbs: frozenset[str]
    chain_fillers: frozenset[str]
    phrase_openers: frozenset[str]
    kar_forms: frozenset[str]
    obligation: frozenset[str]
    oblique_genitives: frozenset[str]
    participle_markers: frozenset[str]
    circumpositions: frozenset[str]
    compound_postposition_words: frozenset[str]
    genitive_oblique: dict[str, str]
    coordinators: frozenset[str]
    non_head_words: frozenset[str]
    adverbial_nouns: frozenset[str]
    number_units: frozenset[str]
    pronominal_adjectives: frozenset[str]
    ke_postposition_words: frozenset[str]
    quantity_plurals: frozenset[str]
    currency_symbols: tuple[str, ...]
    currency_symbols_before: tuple[str, ...]
    currency: regex.Pattern[str]
    currency_house: regex.Pattern[str]
    currency_house_attached: regex.Pattern[str]
    currency_after: regex.Pattern[str]
    currency_twice: regex.Pattern[str]
    currency_words: dict[str, frozenset[str]]


def adjective_gender(word: str) -> str | None:
    """The gender an inflecting adjective form shows in the direct singular: "m" (ऐसा, नया), "f" (ऐसी, नई), or
    None (an oblique or plural form, an invariable adjective, not an adjective)."""
    kind = _vocab().adjective_forms.get(word, ("", ""))[1]
    return "m" if kind == ADJECTIVE_MASCULINE_DIRECT else "f" if kind == "f" else None


ADJECTIVE_MASCULINE_DIRECT = "m-direct"


def _adjective_forms(d: dict) -> dict[str, tuple[str, str, frozenset[str], frozenset[str]]]:
    """Every form of every inflecting adjective -> (masculine form, "m-direct" / "m-oblique" / "f", the
    masculine oblique forms, the feminine forms)."""
    table: dict[str, tuple[str, str, frozenset[str], frozenset[str]]] = {}
    lemmas: dict[str, tuple[list[str], list[str]]] = {
        str(a): ([str(a)[: -len(ADJ_DIRECT)] + ADJ_OBLIQUE], [str(a)[: -len(ADJ_DIRECT)] + ADJ_FEMININE])
        for a in d["inflecting_adjectives"]
    }
    for a, (obl, fem) in (d.get("irregular_adjectives") or {}).items():
        lemmas[str(a)] = ([str(x) for x in obl], [str(x) for x in fem])
    for lemma, (obl, fem) in lemmas.items():
        o, f = frozenset(obl), frozenset(fem)
        table[lemma] = (lemma, ADJECTIVE_MASCULINE_DIRECT, o, f)
        for x in obl:
            table[x] = (lemma, "m-oblique", o, f)
        for x in fem:
            table[x] = (lemma, "f", o, f)
    return table


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    d = load_data("grammar.yaml")
    symbols = "".join(regex.escape(str(s)) for s in d["currency_symbols"])
    before = "".join(regex.escape(str(s)) for s in d["currency_symbols_before"])
    house = "".join(regex.escape(str(s)) for s in d["currency_house_style"])
    cwords = {str(k): words(v) for k, v in d["currency_words"].items()}
    alternation = "|".join(sorted({w for ws in cwords.values() for w in ws}, key=len, reverse=True))
    return _Vocab(
        oblique_postpositions=words(d["oblique_postpositions"]),
        unit_markers=words(d["unit_markers"]),
        genitive_feminine={str(k): str(v) for k, v in d["genitive_feminine"].items()},
        adverbial=words(d["adverbial_postpositions"]),
        phrase_genitives=words(d["phrase_genitives"]),
        closing_postpositions=words(d["closing_postpositions"]),
        phrase_closers=words(d["phrase_closers"]),
        feminine_plurals={str(k): tuple(str(f) for f in v) for k, v in d["feminine_plurals"].items()},
        feminine_oblique_plurals={
            str(k): tuple(str(f) for f in v) for k, v in d["feminine_oblique_plurals"].items()
        },
        relative_genitives=words(d["relative_genitives"]),
        imperative_ending=str(d["imperative_ending"]),
        intransitive_infinitives=words(d["intransitive_infinitives"]),
        genitive_modifiers=words(d["genitive_modifiers"]),
        predicative_adjectives=words(d["predicative_adjectives"]),
        progressive=words(d["progressive"]),
        adjective_forms=_adjective_forms(d),
        adverbs=words(d["adjective_adverbs"]),
        chain_fillers=words(d["chain_fillers"]),
        phrase_openers=words(d["phrase_openers"]),
        kar_forms=words(d["kar_forms"]),
        obligation=words(d["obligation"]),
        oblique_genitives=words(d["oblique_genitives"]),
        participle_markers=words(d["participle_markers"]),
        circumpositions=words(d["circumpositions"]),
        compound_postposition_words=words(d["compound_postposition_words"]),
        genitive_oblique={str(k): str(v) for k, v in d["genitive_oblique"].items()},
        coordinators=words(d["coordinators"]),
        adverbial_nouns=words(d.get("adverbial_nouns")),
        number_units=words(d.get("number_units")),
        pronominal_adjectives=words(d["pronominal_adjectives"]),
        ke_postposition_words=words(d["ke_postposition_words"]),
        quantity_plurals=words(d["quantity_plurals"]),
        non_head_words=words(d["non_head_words"]),
        currency_symbols=tuple(str(s) for s in d["currency_symbols"]),
        currency_symbols_before=tuple(str(s) for s in d["currency_symbols_before"]),
        # a symbol, then horizontal space, then an amount: "$ 51,933", "€ 40.50"
        currency=regex.compile(rf"([{symbols}])[ \t]+([0-9][0-9,]*(?:\.[0-9]+)?)"),
        # the same for a symbol that a house style may space ("₹ 500"), and that symbol written against its amount
        currency_house=regex.compile(rf"([{house}])[ \t]+([0-9][0-9,]*(?:\.[0-9]+)?)"),
        currency_house_attached=regex.compile(rf"[{house}][0-9]"),
        # an amount, then the symbol, with no amount after it: "15.01 $", "40 €", "1,20,000 ₹"
        currency_after=regex.compile(
            rf"(?<![0-9.,\p{{L}}\p{{M}}])([0-9][0-9,]*(?:\.[0-9]+)?)[ \t]*([{before}])(?![ \t]*[0-9])"
        ),
        # a symbol, an amount (with लाख / करोड़ …), then a currency word: "₹1,50,000 रुपये", "$500 डॉलर"
        currency_twice=regex.compile(
            rf"(?P<amount>(?P<sym>[{before}])[ \t]?[0-9][0-9,.]*(?:[ \t]*(?:लाख|करोड़|हजार|हज़ार|मिलियन|बिलियन))?)"
            rf"[ \t]+(?P<word>{alternation})(?![\p{{L}}\p{{M}}])"
        ),
        currency_words=cwords,
    )


@lru_cache(maxsize=1)
def _feminine_forms() -> dict[str, str]:
    """Listed feminine nouns and their direct and oblique plurals (शिकायत → शिकायतें / शिकायतों, नौकरी →
    नौकरियां / नौकरियों, योजना → योजनाएं / योजनाओं), each mapped to the singular. A plural form that is also
    another listed word (a masculine noun's form) is left out."""
    voc, lex = _vocab(), lexicon()
    forms: dict[str, str] = {}
    for noun in lex.feminine:
        forms[noun] = noun
    for table in (voc.feminine_plurals, voc.feminine_oblique_plurals):
        for noun in lex.feminine:
            last = noun[-1]
            if last in table:
                # -आ nouns keep their vowel in the oblique (योजनाओं) and lose it in the direct plural (योजनाएं):
                # each table's forms start with the letter they replace where it is kept
                plurals = [noun[:-1] + f for f in table[last]]
            elif _consonant_or_nukta(last):
                plurals = [noun + f for f in table.get("consonant", ())]
            else:
                plurals = []
            for p in plurals:
                if lex.noun_gender(p) != "m":  # (noun_gender counts the -आ nouns that take -ए as masculine)
                    forms.setdefault(p, noun)
    return forms


def _consonant_or_nukta(ch: str) -> bool:
    """Is ``ch`` a Devanagari consonant letter (क … ह) or the nukta sign?"""
    return "\u0915" <= ch <= "\u0939" or ch == "\u093c"


def _closes_phrase(ws: list[str], k: int, lex: Lexicon, voc: _Vocab) -> bool:
    """Does the noun phrase end before word k: the sentence ends, or word k is an auxiliary, सबसे / बहुत, or a
    finite verb (not an infinitive, not a participle before a noun)?"""
    if k >= len(ws):
        return True
    w = ws[k]
    if w in voc.phrase_closers or w in lex.auxiliaries or w in voc.intransitive_infinitives:
        return True
    return _finite_at(ws, k, lex, voc)


FUTURE_ENDINGS = ("गा", "गी", "गे")  # after the subjunctive: हो-गी, बढ़े-गा, करें-गे, जाए-गी, हों-गी
# What stands between the stem and the ending: the subjunctive's vowel (करें, बढ़े, बढ़ो, जाए, जायें), its nasal
# alone after a stem in -ो / -े (हों-गे, दें-गे), or nothing after those stems (हो-गा, दे-गी, ले-गा). Not after
# आ, जा and the like, so the adverb आगे and the perfective जागी are not futures.
SUBJUNCTIVE_ENDINGS = ("ें", "े", "ो", "ों", "एं", "ए", "यें", "ये")
BARE_FUTURE_STEM_ENDINGS = ("ो", "े")


def future_stem(w: str, lex: Lexicon) -> str | None:
    """The verb stem of a future form (होगी → हो, बढ़ेगा → बढ़, करेंगे → कर, जाएगी → जा), or None."""
    if not w.endswith(FUTURE_ENDINGS):
        return None
    base = w[:-2]
    bare = base[:-1] if base.endswith("ं") else base
    if bare.endswith(BARE_FUTURE_STEM_ENDINGS) and bare in lex.verb_stems:
        return bare
    for e in SUBJUNCTIVE_ENDINGS:
        if base.endswith(e) and len(base) > len(e) and base[: -len(e)] in lex.verb_stems:
            return base[: -len(e)]
    return None


def _finite_at(ws: list[str], k: int, lex: Lexicon, voc: _Vocab) -> bool:
    """Does a finite verb group start at word k: a -ता / -ती participle before an auxiliary, an imperative, a
    perfective before an auxiliary or the passive जाना, or a stem before रहा / रही / रहे (बढ़ रही है)?"""
    if k >= len(ws):
        return False
    w = ws[k]
    nxt = ws[k + 1] if k + 1 < len(ws) else ""
    if w in lex.verb_stems and nxt in voc.progressive:
        return True
    if participle_gender(w, lex) is not None:
        return nxt in lex.auxiliaries
    if w.endswith(voc.imperative_ending) and (
        w[: -len(voc.imperative_ending)] in lex.verb_stems or w[:-1] in lex.verb_stems
    ):
        return True  # जोड़ें, करें, लें: a finite verb of its own
    if future_stem(w, lex) is not None:
        return True  # होगी, बढ़ेगा, करेंगे: the future is finite by itself
    # a passive or compound perfective: "से मापा जाता है", "को बदल दिया"
    return perfective_gender(w, lex) is not None and (
        nxt in lex.auxiliaries or stem_of(nxt, lex) == PASSIVE_STEM
    )


class ObliqueCase:
    meta = RuleMeta(
        id="KC-S001",
        name="direct-case-before-postposition",
        category="grammar",
        severity="major",
        summary="A masculine -आ noun or an infinitive keeps its direct form before a postposition.",
        what=(
            "Flags a listed masculine noun ending in -आ, or a listed infinitive, directly followed by a "
            "postposition (का, के, की, को, में, से, पर, तक, ने, द्वारा, वाला), and suggests the oblique -ए form. "
            "An inflecting adjective right before the noun that is not in its masculine oblique form is taken "
            "into the same finding (ऐसा मामला में → ऐसे मामले में), which KC-S005 then leaves alone."
        ),
        why=(
            "Before a postposition a Hindi noun is in the oblique case, and masculine nouns in -आ show it: "
            "खाता → खाते का, लड़का → लड़के को, करना → करने के लिए. Machine translation often keeps the "
            "dictionary form. Only listed nouns are checked, because many -आ nouns do not "
            "inflect: kinship and "
            "agent nouns (पिता, राजा, नेता, दाता), feminine Sanskrit nouns (भाषा, सेवा, परीक्षा, योजना) and "
            "some loanwords (डेटा, बीमा)."
        ),
        example="वह सबसे महत्वपूर्ण खाता का विश्लेषण करता है।",
        instead="वह सबसे महत्वपूर्ण खाते का विश्लेषण करता है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        lex, voc = lexicon(), _vocab()
        for u in all_units(ctx):
            ws = u.words
            if lex.oblique_aa.isdisjoint(ws):
                continue
            # only the positions of listed nouns (picked out in C) can start a finding
            for i in compress(range(len(ws) - 1), map(lex.oblique_aa.__contains__, ws)):
                a, b = ws[i], ws[i + 1]
                if b not in voc.oblique_postpositions or u.cut_after(i):
                    continue
                if u.cut_before(i) or (i > 0 and ws[i - 1] in voc.unit_markers):
                    continue  # a quoted word, or a unit: प्रति घंटा की रफ़्तार, किमी/घंटा तक
                oblique = _oblique_of(a)
                adjective = _disagreeing_adjective(ws, i, u, voc)
                if adjective is not None:
                    # "ऐसा मामला में": the adjective before the noun needs the oblique too; one finding for both
                    # (KC-S005 leaves this noun to this rule)
                    start, end = u.span(i - 1, i + 1)
                    yield Finding(
                        u.pointer,
                        start,
                        end,
                        f"Before the postposition {b} the noun and its adjective take their oblique forms "
                        f"{adjective} {oblique}.",
                        suggestion=f"{adjective} {oblique} {b}",
                    )
                    continue
                start, end = u.span(i, i + 1)
                yield Finding(
                    u.pointer,
                    start,
                    end,
                    f"Before the postposition {b} the noun takes its oblique form {oblique}.",
                    suggestion=f"{oblique} {b}",
                )


# Nouns in a nasalised -आं take -एं in the oblique (धुआं → धुएं, कुआं → कुएं).
NASAL_AA = {"आं": "एं", "आँ": "एँ"}


def _oblique_of(noun: str) -> str:
    """The oblique singular of a listed masculine -आ noun or infinitive (खाता → खाते, धुआं → धुएं)."""
    for direct, oblique in NASAL_AA.items():
        if noun.endswith(direct):
            return noun[: -len(direct)] + oblique
    return noun[:-1] + OBLIQUE_ENDING


def _disagreeing_adjective(ws: list[str], i: int, u: Unit, voc: _Vocab) -> str | None:
    """The masculine oblique form of the inflecting adjective right before the noun at ``i`` (ऐसा, बड़ी …), when
    the adjective is not already in it; None when there is none (or it agrees: ऐसे मामला में)."""
    if i == 0 or u.cut_after(i - 1):
        return None
    entry = voc.adjective_forms.get(ws[i - 1])
    if entry is None or entry[1] == "m-oblique":
        return None
    return sorted(entry[2])[0]


class DirectGenitiveBeforeOblique:
    meta = RuleMeta(
        id="KC-S011",
        name="direct-genitive-before-oblique-noun",
        category="grammar",
        severity="minor",
        summary="का (उसका, अपना …) before a masculine noun in the oblique: बेटी का नाम पर for बेटी के नाम पर.",
        what=(
            "Flags a direct masculine genitive (का, उसका, अपना …) directly before a listed masculine noun or an "
            "oblique infinitive that is directly followed by a postposition (को, में, से, पर, तक), or before an "
            "oblique plural (ग्राहक का दस्तावेजों), when no later word of the clause could be another head of the "
            "genitive (see KC-S002); suggests के (उसके, अपने …)."
        ),
        why=(
            "The genitive agrees with its noun in case as well as gender: a masculine noun before a postposition "
            "is oblique, and so is its genitive (कंपनी के खाते में, बेटी के नाम पर). का stays only when it belongs to "
            "a later noun in the direct case ('राम का घर पर इंतज़ार'), so the rule stays silent when such a noun, or "
            "any word it does not know, follows."
        ),
        example="खाता बेटी का नाम पर खोला जाता है।",
        instead="खाता बेटी के नाम पर खोला जाता है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        lex, voc = lexicon(), _vocab()
        fem_forms = _feminine_forms()
        gens = voc.genitive_oblique
        for u in all_units(ctx):
            ws = u.words
            if gens.keys().isdisjoint(ws):
                continue
            for i in compress(range(len(ws) - 1), map(gens.__contains__, ws)):
                j = i + 1
                if u.cut_after(i):
                    continue
                noun = ws[j]
                if oblique_plural(noun, lex) and noun not in voc.quantity_plurals:
                    # "ग्राहक का दस्तावेजों की जांच": an oblique plural is oblique by its form, whatever follows
                    message = f"{noun} is an oblique plural, and its genitive is oblique too: {gens[ws[i]]}."
                elif j + 1 < len(ws) and not u.cut_after(j) and ws[j + 1] in voc.closing_postpositions:
                    masculine = (noun in lex.masculine or _oblique_aa_form(noun, lex)) and noun not in fem_forms
                    if not (masculine or (noun.endswith(INFINITIVE_OBLIQUE) and is_infinitive(noun, lex))):
                        continue  # (the oblique infinitive: "मच्छर का काटने से")
                    message = f"Before '{noun} {ws[j + 1]}' the noun is oblique, and so is its genitive: {gens[ws[i]]}."
                else:
                    continue
                if not _no_later_head(ws, i, j, u, fem_forms, lex, voc):
                    continue
                start, end = u.span(i, j)
                yield Finding(u.pointer, start, end, message, suggestion=f"{gens[ws[i]]} {noun}")


class FeminineGenitiveBeforeMasculine:
    meta = RuleMeta(
        id="KC-S012",
        name="feminine-genitive-before-masculine-noun",
        category="agreement",
        severity="major",
        summary="की (उसकी, अपनी …) before a masculine noun whose phrase ends there: शरीर की तापमान for शरीर का तापमान.",
        what=(
            "Flags a feminine genitive (की, उसकी, अपनी …) directly before a listed masculine noun (not a person, "
            "who may be a woman) that is directly followed by a postposition, by the end of its clause (a finite "
            "verb, an auxiliary, the sentence's end) or by a form of करना whose conjunct noun it is (डेटा की "
            "विश्लेषण करने); suggests के (उसके, अपने …) before a postposition or a plural "
            "verb, का (उसका, अपना …) otherwise. Silent after ने in the clause, where की is the verb 'did'."
        ),
        why=(
            "The genitive agrees with the possessed noun: शरीर का तापमान, हार्मोन का असंतुलन, कंपनी के खाते में. की "
            "before a masculine noun is right only when a feminine noun follows that the genitive belongs to "
            "('कंपनी की बिक्री टीम'), so the rule requires the masculine noun to end its phrase."
        ),
        example="बुखार में शरीर की तापमान बढ़ जाता है।",
        instead="बुखार में शरीर का तापमान बढ़ जाता है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        lex, voc = lexicon(), _vocab()
        fem_forms = _feminine_forms()
        forms = _masculine_genitives()
        for u in all_units(ctx):
            ws = u.words
            n = len(ws)
            if n < 3 or forms.keys().isdisjoint(ws) or lex.masculine.isdisjoint(ws):
                continue
            ergative = ws.index(ERGATIVE) if ERGATIVE in ws else n  # (found once: a slice per genitive was quadratic)
            for i in compress(range(n - 1), map(forms.__contains__, ws)):
                j = i + 1
                noun = ws[j]
                if noun not in lex.masculine or noun in fem_forms or noun in lex.person_nouns:
                    continue
                if noun in voc.compound_postposition_words or u.cut_after(i):
                    continue  # "की बजाय": a compound postposition
                if ergative < i:
                    continue  # "उसने मदद की …": की is the verb
                if i > 0 and ws[i - 1] in lex.verb_stems:
                    continue  # "जांच की", "मदद की": a noun that is also a verb stem, and की may be "did"
                k = j + 1
                if k < n and not u.cut_after(j) and ws[k] in lex.postpositions:
                    # oblique before a postposition; but "रोगियों की अस्पताल से छुट्टी": a feminine head may follow
                    # the postposition's phrase, so what follows must end the clause or be a masculine noun
                    after = k + 1
                    if not (
                        after >= n
                        or u.cut_after(k)
                        or _closes_phrase(ws, after, lex, voc)
                        or (ws[after] in lex.masculine and ws[after] not in fem_forms)
                    ):
                        continue
                    suggestion = forms[ws[i]][1]
                elif (
                    (u.cut_after(j) and not u.parts[j].endswith(LIST_COMMA))
                    or _closes_phrase(ws, k, lex, voc)
                    or (k < n and ws[k] in lex.verb_stems and _finite_at(ws, k + 1, lex, voc))  # "बढ़ जाता है"
                ):
                    verb = ws[k + 1] if k + 1 < n and ws[k] in lex.verb_stems else ws[k] if k < n else ""
                    plural = verb in lex.aux_plural or verb.endswith(PLURAL_PARTICIPLE)
                    suggestion = forms[ws[i]][1 if plural else 0]
                elif k < n and not u.cut_after(j) and ws[k] in voc.kar_forms:
                    # "डेटा की विश्लेषण करने की क्षमता": the noun of a conjunct verb with करना takes the genitive
                    # of its own gender (का विश्लेषण करना, की जांच करना)
                    suggestion = forms[ws[i]][0]
                else:
                    continue  # a later noun may own the genitive ("कंपनी की बिक्री टीम")
                start, end = u.span(i, j)
                yield Finding(
                    u.pointer,
                    start,
                    end,
                    f"'{noun}' is masculine, so its genitive is {suggestion}, not {ws[i]}.",
                    suggestion=f"{suggestion} {noun}",
                )


ERGATIVE = "ने"
PLURAL_PARTICIPLE = "ते"


@lru_cache(maxsize=1)
def _masculine_genitives() -> dict[str, tuple[str, str]]:
    """Feminine genitive -> its masculine direct and oblique forms (की -> का, के; अपनी -> अपना, अपने), from
    grammar.yaml's genitive_feminine."""
    voc = _vocab()
    out: dict[str, list[str]] = {}
    for masc, fem in voc.genitive_feminine.items():
        pair = out.setdefault(fem, ["", ""])
        pair[0 if masc.endswith(ADJ_DIRECT) else 1] = masc
    return {f: (d, o) for f, (d, o) in out.items() if d and o}


class GenitiveAgreement:
    meta = RuleMeta(
        id="KC-S002",
        name="genitive-gender-mismatch",
        category="agreement",
        severity="major",
        summary="का / के (or उसका, अपने …) before a feminine noun: the possessive must be की (उसकी, अपनी …).",
        what=(
            "Flags a masculine genitive (का, के, or a possessive pronoun such as उसके, अपने) directly before a "
            "listed feminine noun that heads an adverbial phrase (… के कारण, … के दौरान, … के अनुसार), or "
            "whose phrase visibly ends at the noun (it is followed, directly or after को / में / से / पर / तक, by "
            "an auxiliary, a finite verb before an auxiliary, सबसे / बहुत, or the end of the sentence: "
            "'डेटा का गुणवत्ता जांचता है'), or whose noun is followed, through at most three particles, degree "
            "words or adjectives, by a feminine verb group ('मात्रा थोड़ी बढ़ जाती है', 'जानकारी होनी चाहिए'), "
            "or where an oblique genitive (के, अपने) stands before '<feminine noun> का' with no participle "
            "later in the clause ('मरीज के त्वचा का रंग'), or where no word after the noun, up to the end of its "
            "clause, could be another head of the genitive: every one is a word the lexicon knows cannot head a "
            "masculine phrase of the genitive's form ('चीनी के मात्रा के बारे में बताना चाहिए'); an unknown word "
            "keeps the rule silent; or whose noun is in its direct plural (नसें, शाखाएं), a phrase head of its "
            "own, with no infinitive, verbal noun, participle or वाला after it up to the clause's finite verb. "
            "It suggests the feminine form."
        ),
        why=(
            "The Hindi genitive agrees with the possessed noun, not the possessor: स्तर की लाभप्रदता, कंपनी का "
            "मुनाफा, कंपनी के कर्मचारी. Before a feminine noun it is always की, whether or not a postposition "
            "follows. The rule fires only when nothing later in the clause could be the "
            "genitive's real head: "
            "'कंपनी का बिक्री के लिए बजट' is correct (का belongs to बजट), so phrases with के लिए / के साथ and "
            "a masculine-looking word after the phrase are left alone; के in a compound postposition "
            "(के बारे में, के लिए) is never checked, and neither is कर के (having done). An infinitive after "
            "the noun can own the genitive ('उसका नौकरी छोड़ना'), and so can a noun after a postposition phrase "
            "('कंपनी का सरकार से अनुबंध'), so neither closes the phrase."
        ),
        example="इन खातों को उच्च स्तर के लाभप्रदता के कारण महत्वपूर्ण माना जाता है।",
        instead="इन खातों को उच्च स्तर की लाभप्रदता के कारण महत्वपूर्ण माना जाता है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        yield from self._adverbial(ctx)
        yield from self._closed(ctx)

    def _closed(self, ctx: CheckContext) -> Iterable[Finding]:
        """Genitive + feminine noun (or its direct plural) where the noun phrase visibly ends at the noun: the
        next word (after at most one simple postposition) is an auxiliary, a finite -ता / -ती verb before an
        auxiliary, or सबसे / बहुत, or the sentence ends. Then no later noun can own the genitive."""
        lex, voc = lexicon(), _vocab()
        listed = _feminine_forms()
        gens = voc.genitive_feminine
        for u in all_units(ctx):
            ws = u.words
            n = len(ws)
            if n < 2 or gens.keys().isdisjoint(ws):
                continue
            positions = list(compress(range(n - 1), map(gens.__contains__, ws)))
            # abstract nouns the lexicon does not list, told by their ending (क्षति), where the noun may stand
            guessed = {w: w for i in positions for w in ws[i + 1 : i + 3] if w not in listed and _abstract_feminine(w)}
            fem_forms: Mapping[str, str] = ChainMap(guessed, listed) if guessed else listed
            if fem_forms.keys().isdisjoint(ws):
                continue
            for i in positions:
                if ws[i + 1] not in fem_forms and (i + 2 >= n or ws[i + 2] not in fem_forms):
                    continue  # no feminine noun can follow (most genitives): decided before the cut sets are built
                j = i + 1  # the noun, after at most one determiner or adjective (का कोई गारंटी, के दैनिक जरूरतों)
                if j + 1 < n and not u.cut_after(j) and _modifier(ws[j], voc):
                    j += 1
                noun = ws[j]
                lemma = fem_forms.get(noun)
                if lemma is None or u.cut_after(i):
                    continue
                if i > 0 and ws[i - 1] in lex.verb_stems:
                    continue  # कर के: the conjunctive participle, not a genitive
                if _opens_circumposition(ws, i, lex, voc):
                    continue  # "बिना जुर्माने के ज़रूरत का पैसा": के closes "बिना … के" (without), not a genitive
                k = j + 1
                after_postposition = k < n and ws[k] in voc.closing_postpositions and not u.cut_after(j)
                if after_postposition:
                    k += 1
                if not (
                    _closes_phrase(ws, k, lex, voc)
                    or (j == i + 1 and _feminine_chain(ws, i, u, fem_forms, lex, voc))
                    or (after_postposition and _predicate_after(ws, k, fem_forms, lex, voc))
                    or (not after_postposition and _feminine_verb_follows(ws, j + 1, u, lex, voc))
                    or (not after_postposition and _direct_genitive_after(ws, i, j, u, lex, voc))
                    or _no_later_head(ws, i, j, u, fem_forms, lex, voc)
                    or (not after_postposition and _plural_direct_head(ws, j, lemma, u, lex, voc))
                ):
                    continue
                yield _genitive_finding(u, i, lemma, gens[ws[i]], j)

    def _adverbial(self, ctx: CheckContext) -> Iterable[Finding]:
        lex, voc = lexicon(), _vocab()
        fem_forms = _feminine_forms()
        for u in all_units(ctx):
            ws = u.words
            if voc.adverbial.isdisjoint(ws):
                continue
            # only positions three words before an adverbial postposition (picked out in C)
            for i in compress(range(len(ws) - 3), map(voc.adverbial.__contains__, ws[3:])):
                g, noun, gen2 = ws[i], ws[i + 1], ws[i + 2]
                if gen2 not in voc.phrase_genitives:
                    continue
                if g not in voc.genitive_feminine or noun not in fem_forms:
                    continue
                if any(u.cut_after(k) for k in range(i, i + 3)):
                    continue
                if i > 0 and ws[i - 1] in lex.verb_stems:
                    continue  # कर के: the conjunctive participle, not a genitive
                k = i + 4
                if k < len(ws) and ws[k] in voc.oblique_postpositions:
                    k += 1  # की वजह से, के माध्यम से
                if k < len(ws) and not u.cut_after(k - 1):
                    if _may_be_masculine_head(ws[k], lex):
                        continue  # a masculine head may follow, which the genitive could belong to
                yield _genitive_finding(u, i, fem_forms[noun], voc.genitive_feminine[g])


def _opens_circumposition(ws: list[str], i: int, lex: Lexicon, voc: _Vocab) -> bool:
    """Does a circumposition (बिना) a few words before the genitive at i open a phrase that this के closes? Not
    when बिना follows a verb form: "डॉक्टर से पूछे बिना दवा के खुराक" has बिना after its own participle (without
    asking), and the के after it is a genitive again."""
    for x in range(max(0, i - CIRCUMPOSITION_REACH), i):
        if ws[x] in voc.circumpositions:
            prev = ws[x - 1] if x > 0 else ""
            if not (prev in lex.light_perfectives or stem_of(prev, lex) is not None):
                return True
    return False


def _feminine_verb_follows(ws: list[str], k: int, u: Unit, lex: Lexicon, voc: _Vocab) -> bool:
    """After "<genitive> <feminine noun>", do at most three words that cannot head a noun phrase (invariable
    adverbs and adjectives, feminine adjective forms, the nominal part of a conjunct verb: इतनी अधिक, थोड़ी,
    दिखाई) lead, within the clause, to a finite verb group whose first gendered word is feminine ("मात्रा थोड़ी
    बढ़ जाती है", "तीव्रता इतनी अधिक हो सकती है", "जानकारी होनी चाहिए")? The feminine verb agrees with a
    feminine noun and no noun stands between, so nothing after the noun can own the genitive."""
    n = len(ws)
    skipped = 0
    while k < n and skipped < 3 and not u.cut_after(k - 1):
        if _filler(ws[k], lex, voc):
            k += 1
        elif (width := _adverbial_at(ws, k, u, voc)) is not None:
            k += width  # "समय के साथ", "ध्यान से", "देर तक": an adverbial, not a noun that could own the genitive
        else:
            break
        skipped += 1
    if k >= n or u.cut_after(k - 1):
        return False
    if skipped and _closes_phrase(ws, k, lex, voc):
        return True  # "का कोई गारंटी नहीं है", "के अवधि ऐसी चुनें": the clause ends with no other noun
    return _feminine_group_at(ws, k, u, lex, voc)


def _adverbial_at(ws: list[str], k: int, u: Unit, voc: _Vocab) -> int | None:
    """How many words an adverbial of time or manner at word k takes: a noun of ``adverbial_nouns`` and its
    postposition ("ध्यान से", "देर तक") or compound postposition ("समय के साथ"); None if there is none."""
    if ws[k] not in voc.adverbial_nouns or k + 1 >= len(ws) or u.cut_after(k):
        return None
    if ws[k + 1] in voc.closing_postpositions:
        return 2
    if ws[k + 1] in voc.phrase_genitives and k + 2 < len(ws) and ws[k + 2] in voc.compound_postposition_words:
        return 3
    return None


def _filler(word: str, lex: Lexicon, voc: _Vocab) -> bool:
    """A word that may stand between a noun and its verb without being a noun itself (a reduplicated one too:
    धीरे-धीरे, जल्दी-जल्दी)."""
    if word in voc.chain_fillers or word in voc.predicative_adjectives or word in voc.adverbs:
        return True
    half, dash, rest = word.partition(REDUPLICATION_DASH)
    if dash and half == rest and (half in voc.chain_fillers or half in voc.adverbs):
        return True
    return voc.adjective_forms.get(word, ("", ""))[1] == "f"


REDUPLICATION_DASH = "-"


def _feminine_group_at(ws: list[str], k: int, u: Unit, lex: Lexicon, voc: _Vocab) -> bool:
    """Does a finite verb group start at word k whose first gendered word is feminine (बढ़ जाती है, हो सकती है,
    रखी जाती है, बढ़ रही है, होनी चाहिए, देने लगती है)? Bare stems and oblique infinitives before it are part of
    the group; anything else ends the search."""
    n = len(ws)
    for x in range(k, min(k + 4, n)):
        w = ws[x]
        nxt = ws[x + 1] if x + 1 < n and not u.cut_after(x) else ""
        if w in voc.progressive:
            return w == PROGRESSIVE_FEMININE and x > k and nxt in lex.auxiliaries
        if w.endswith(INFINITIVE_FEMININE) and is_infinitive(w, lex):
            return x == k and (nxt in voc.obligation or nxt in lex.aux_singular)  # होनी चाहिए, करनी है
        g = participle_gender(w, lex) or perfective_gender(w, lex)
        if g is not None:
            finite = nxt in lex.auxiliaries or stem_of(nxt, lex) is not None
            return g == "f" and finite
        if not (w in lex.verb_stems or (w.endswith(INFINITIVE_OBLIQUE) and is_infinitive(w, lex))):
            return False
    return False


def _direct_genitive_after(ws: list[str], i: int, j: int, u: Unit, lex: Lexicon, voc: _Vocab) -> bool:
    """"के <feminine noun> का …" ("मरीज के स्वच्छता का रिकॉर्ड"): का after the noun belongs to a masculine noun in
    the direct singular, and an oblique or plural genitive (के, अपने, उसके) cannot belong to that same noun. So
    the first genitive belongs to the feminine noun, unless a participle or relative phrase lets it reach a
    later head ("कंपनी के बिक्री का काम देखने वाले कर्मचारी"): any participle, oblique infinitive or वाला in the
    rest of the clause keeps the rule silent. A direct infinitive does not ("बिजली के सुरक्षा का ध्यान रखना
    पड़ता है": रखना would take का, not के)."""
    if ws[i] not in voc.oblique_genitives or j + 1 >= len(ws) or ws[j + 1] != DIRECT_GENITIVE or u.cut_after(j):
        return False
    aux = lex.auxiliaries
    for x in range(j + 2, len(ws)):
        w = ws[x]
        if w in aux:
            break  # the clause's finite verb: no participle came before it
        if w in voc.participle_markers or (w.endswith(INFINITIVE_OBLIQUE) and is_infinitive(w, lex)):
            return False  # (a -ना / -नी infinitive cannot own the oblique genitive: that would be का)
        if participle_gender(w, lex) is not None or perfective_gender(w, lex) is not None:
            if x + 1 < len(ws) and ws[x + 1] in aux and not u.cut_after(x):
                break  # a finite verb (रखता है)
            return False  # a participle before a noun (बढ़ती लागत, लिखे गए): it may carry the genitive on
        if u.cut_after(x):
            break
    return True


# Endings of a feminine noun's direct plural (नसें, नीतियां, महिलाएँ); the oblique plural ends in -ों.
FEMININE_DIRECT_PLURAL = ("ें", "ेँ", "एं", "एँ", "ां", "ाँ")


def _plural_direct_head(ws: list[str], j: int, lemma: str, u: Unit, lex: Lexicon, voc: _Vocab) -> bool:
    """Is the feminine noun at j in its direct plural (नसें, दरें) with no verbal word after it in the clause?
    A direct plural is the head of its own phrase (it takes no postposition), so a genitive before it can reach
    a later head only through a verbal word that has the plural as its object: an infinitive ("सरकार का दरें
    बढ़ाना", "उसका किताबें पढ़ने का शौक"), or a participle or वाला phrase. With none of those up to the clause's
    finite verb, the genitive belongs to the plural and must be की ("पैर का नसें … फैल जाती हैं"), even when an
    unknown word stands between."""
    noun = ws[j]
    if noun == lemma or not noun.endswith(FEMININE_DIRECT_PLURAL):
        return False
    aux = lex.auxiliaries
    for x in range(j + 1, min(len(ws), j + 1 + PLURAL_HEAD_REACH)):
        w = ws[x]
        if w in aux:
            return True
        if w in voc.participle_markers or (len(w) > 2 and w.endswith(INFINITIVE_ENDINGS)):
            return False  # (an infinitive or verbal noun, whether or not the lexicon lists its verb)
        g = participle_gender(w, lex) or perfective_gender(w, lex)
        if g is not None and not (x + 1 < len(ws) and (ws[x + 1] in aux or stem_of(ws[x + 1], lex) is not None)):
            return False  # a participle before a noun (बढ़ती, लिखी गई) may open a phrase that leads on
        if u.cut_after(x):
            return not u.parts[x].endswith(LIST_COMMA)
    return j + 1 + PLURAL_HEAD_REACH >= len(ws)  # the sentence ended; a longer clause is left alone


# Words after a feminine direct plural searched for its clause's end (a bound: each genitive's search is short)
PLURAL_HEAD_REACH = 12


# How many words after the feminine noun are searched for another head of the genitive; a longer clause is
# left alone.
HEAD_REACH = 8
CONJUNCTIVE = "कर"  # the conjunctive participle's ending: बढ़ाकर, देखकर
INFINITIVE_DIRECT = "ना"
LIST_COMMA = ","


def _no_later_head(
    ws: list[str], i: int, j: int, u: Unit, fem_forms: Mapping[str, str], lex: Lexicon, voc: _Vocab
) -> bool:
    """After "<genitive i> … <feminine noun j>", does the clause end (punctuation, a finite verb, the sentence's
    end) before any word that could be the genitive's own head? Only a masculine word in the genitive's form
    could be: for का a masculine noun in the direct singular or a -ना infinitive, for के (अपने, उसके …) any
    masculine noun (its direct plural is mostly its singular) or a -ने infinitive ("उसके नौकरी छोड़ने के बाद"); a
    profession noun may be masculine. Every other word must be one the lexicon knows cannot head the phrase (a
    feminine noun, a postposition, a particle or adverb, an adjective, a number, a verb form); an unknown word might
    be the head, and then the rule stays silent ("कंपनी के बिक्री और विपणन विभाग में" has विभाग). So "चीनी के मात्रा
    के बारे में बताना चाहिए" is flagged. KC-S011 asks the same after a masculine noun in the oblique."""
    direct = ws[i] not in voc.oblique_genitives
    n = len(ws)
    listed = False  # past a list comma
    for x in range(j + 1, n):
        if x > j + HEAD_REACH:
            return False  # a long stretch with no clause end: the head may be far
        if u.cut_after(x - 1):
            if not u.parts[x - 1].endswith(LIST_COMMA):
                return True  # punctuation ends the clause; a comma may be a list that leads to the head
            listed = True
        w = ws[x]
        if listed and w in GENITIVES:
            return True  # "लेनदेन का तारीख, राशि, व्यापारी का नाम …": a list item with a genitive of its own is a
            # phrase of its own, so the list does not lead to a head of the first genitive
        if w in lex.auxiliaries or w in voc.obligation or _finite_at(ws, x, lex, voc):
            return True
        if w in voc.phrase_openers and all(p in voc.chain_fillers for p in ws[j + 1 : x]):
            return True  # "… के सुरक्षा किसी भी बैंक की": a new phrase opens right after the noun
        if x == j + 1 and w in voc.coordinators and x + 1 < n and _conjunct_ends(ws, x + 1, u, lex, voc):
            return True  # "पेट के सूजन और भारीपन, …": a genitive before two conjuncts agrees with the nearer one
        nxt = ws[x + 1] if x + 1 < n and not u.cut_after(x) else ""
        if is_infinitive(w, lex):
            if w.endswith(INFINITIVE_DIRECT if direct else INFINITIVE_OBLIQUE):
                return False
            continue
        if w in voc.number_units and ws[x - 1][:1].isdigit():
            continue  # "10 प्रतिशत": a quantity, not a head
        if direct and w.endswith(OBLIQUE_PLURAL):
            continue  # an oblique plural ("… का राशि … ऋणदाताओं को") cannot be the head of का
        if w.endswith(CONJUNCTIVE) and w[: -len(CONJUNCTIVE)] in lex.verb_stems:
            continue  # a conjunctive participle ("बढ़ाकर"): a verb, not a head
        if w in lex.person_nouns or lex.noun_gender(w) == "m":
            if not direct or (nxt not in lex.postpositions and not w.endswith(OBLIQUE_PLURAL_ENDING)):
                return False  # (के may belong to any masculine noun: most have one form for both numbers)
            continue  # a masculine noun in the oblique cannot be the head of का
        if w in lex.verb_stems and stem_of(nxt, lex) in lex.light_verbs:
            continue  # "बढ़ा देता है": a stem before its light verb
        if participle_gender(w, lex) is not None or perfective_gender(w, lex) is not None:
            return False  # a participle not in a finite group may open a phrase that leads to the head
        if w in voc.compound_postposition_words and ws[x - 1] in voc.phrase_genitives:
            continue  # "… के बारे में": part of a postposition
        if w in voc.coordinators or w in lex.determiners:
            continue  # "… के राशि और …", "… पर एक …": what follows decides
        if ws[x - 1][:1].isdigit():
            continue  # the unit of a number ("5 ग्राम तक"): a quantity, not a head
        if not _cannot_head(w, fem_forms, lex, voc):
            return False  # an unknown word: it may be the head
    return True  # the sentence ends


# Nouns in -ति that are masculine (a person); every other -ति noun is a feminine abstract noun (स्थिति, क्षति).
MASCULINE_TI = frozenset({"व्यक्ति", "पति", "अधिपति", "राष्ट्रपति", "उपराष्ट्रपति", "सभापति", "सेनापति", "प्रजापति",
                          "गणपति", "करोड़पति", "लखपति", "अरबपति", "सुषुप्ति"})
# Nouns in -ता after a bare consonant that are masculine; others are abstract (सटीकता, तीव्रता, क्षमता).
MASCULINE_TA = frozenset({"पिता", "देवता"})
ABSTRACT_TI, ABSTRACT_TA = "ति", "ता"
NOT_ABSTRACT = frozenset({"प्रति", "अति", "इति", "यथास्थिति"})  # a postposition, adverbs, a fixed phrase
MIN_ABSTRACT_LENGTH = 4  # characters: shorter words in -ति / -ता are too often something else (पति, बता)


@lru_cache(maxsize=8192)
def _abstract_feminine(w: str) -> bool:
    """Is ``w`` an abstract noun that the ending tells is feminine: -ति (क्षति, सहमति), or -ता after a bare
    consonant (सटीकता, गंभीरता; not an agent noun like नेता, वक्ता, कर्ता, nor a verb's participle करता)?
    Remembered per word: words recur across sentences and articles."""
    lex = lexicon()
    if len(w) < MIN_ABSTRACT_LENGTH or lex.noun_gender(w) is not None or w in lex.person_nouns:
        return False
    if w in lex.postpositions or w in NOT_ABSTRACT:
        return False  # "के प्रति" (towards)
    if w.endswith(ABSTRACT_TI):
        return w not in MASCULINE_TI
    if w.endswith(ABSTRACT_TA) and _consonant_or_nukta(w[-3]):  # (or the nukta after one: दृढ़ता)
        return w not in MASCULINE_TA and w[:-2] not in lex.verb_stems  # (not a participle: बढ़ता)
    return False


def _conjunct_ends(ws: list[str], y: int, u: Unit, lex: Lexicon, voc: _Vocab) -> bool:
    """Is word y a noun that ends its phrase (punctuation, a postposition, a finite verb or the sentence's end after
    it), so that it is a conjunct of the noun before the coordinator, not a modifier of a head further on?"""
    if y + 1 >= len(ws):
        return True
    if u.cut_after(y):
        return ws[y + 1] not in voc.quantity_plurals  # (a list item ends at its comma, unless "…, दोनों विभाग")
    if lex.noun_gender(ws[y]) is None:
        return False
    nxt = ws[y + 1]
    if nxt in lex.postpositions or nxt in lex.auxiliaries:
        return True
    return _finite_at(ws, y + 1, lex, voc)


def _cannot_head(w: str, fem_forms: Mapping[str, str], lex: Lexicon, voc: _Vocab) -> bool:
    """Is ``w`` a word that cannot head a noun phrase of masculine gender?"""
    return (
        w in fem_forms  # (every listed feminine noun, and its plurals)
        or w in lex.postpositions
        or w in voc.chain_fillers
        or w in voc.adverbs
        or w in voc.predicative_adjectives
        or w in voc.adjective_forms
        or w in voc.genitive_modifiers
        or w in voc.genitive_feminine
        or w in voc.phrase_closers
        or w in voc.non_head_words
        or w in lex.verb_stems
        or w in lex.light_verbs
        or w[:1].isdigit()
    )


def _predicate_after(ws: list[str], k: int, fem_forms: Mapping[str, str], lex: Lexicon, voc: _Vocab) -> bool:
    """After "<genitive> <feminine noun> <postposition>", is word k a feminine noun or a predicative adjective
    followed by a finite verb ("… पर नज़र रखता है", "… को गोपनीय रखता है")? Then no noun is left that could own
    the genitive: the one at k is feminine or an adjective, and an infinitive (which could own it, as in "उसका
    काम पर नज़र रखना") is not finite."""
    if k + 1 >= len(ws):
        return False
    w = ws[k]
    if not (w in fem_forms or w in voc.predicative_adjectives):
        return False
    return _finite_at(ws, k + 1, lex, voc)


def _feminine_chain(ws: list[str], i: int, u: Unit, fem_forms: Mapping[str, str], lex: Lexicon, voc: _Vocab) -> bool:
    """Genitive i, feminine noun i + 1, then की and another feminine noun ("कार के कीमत की तुलना"): read
    left to right the genitive belongs to the first noun, read as one phrase to the second, and both are
    feminine, so का / के is wrong either way, unless a masculine head follows the second noun or the genitive is
    a relative one (जिसका), whose head may be far away."""
    k = i + 2
    if k + 1 >= len(ws) or ws[k] != FEMININE_GENITIVE or ws[k + 1] not in fem_forms or ws[i] in voc.relative_genitives:
        return False
    if u.cut_after(i + 1) or u.cut_after(k):
        return False
    after = ws[k + 2] if k + 2 < len(ws) and not u.cut_after(k + 1) else ""
    return not _may_be_masculine_head(after, lex, fem_forms)


def _may_be_masculine_head(word: str, lex: Lexicon, feminine: dict[str, str] | None = None) -> bool:
    """Could ``word`` be (or agree with) a masculine head noun: a listed masculine or person noun, or a word with
    a masculine-looking ending (-ों, -आ, -ए) that is not one of ``feminine`` (a listed feminine form)?"""
    if word in lex.masculine or word in lex.oblique_aa or word in lex.person_nouns:
        return True
    return word.endswith(MASCULINE_LOOKING) and (feminine is None or word not in feminine)


def _modifier(word: str, voc: _Vocab) -> bool:
    """May ``word`` stand between a genitive and its noun: a determiner, an invariable adjective, or the
    feminine form of an inflecting one?"""
    return word in voc.genitive_modifiers or voc.adjective_forms.get(word, ("", ""))[1] == "f"


def _genitive_finding(u: Unit, i: int, lemma: str, fem: str, j: int | None = None) -> Finding:
    """Words i (a masculine genitive) to j (a feminine noun, whose singular is ``lemma``; i + 1 by default) of
    unit u."""
    j = i + 1 if j is None else j
    g = u.words[i]
    start, end = u.span(i, j)
    message = f"{lemma} is feminine, so the possessive before it is {fem}, not {g}."
    return Finding(u.pointer, start, end, message, suggestion=" ".join([fem, *u.words[i + 1 : j + 1]]))


class AdjectiveAgreement:
    meta = RuleMeta(
        id="KC-S005",
        name="adjective-case-gender-mismatch",
        category="grammar",
        severity="major",
        summary="An -आ adjective before a noun and a postposition does not agree (बड़ा शहर में, नया नीति के).",
        what=(
            "Flags a listed inflecting adjective directly before a listed noun that is directly followed by "
            "a postposition, when the adjective is not in the form that noun needs: masculine oblique -ए or "
            "feminine -ई. Before a noun the lexicon does not list, the masculine direct -आ form is flagged "
            "without a suggestion (नया संस्करण में: नए for a masculine noun, नई for a feminine one), except for "
            "adjectives that also stand alone as pronouns or quantities (ऐसा, इतना, आधा) and before a verbal "
            "noun (पूरा करने के लिए). The -आ form before a listed feminine noun in the direct case is flagged too "
            "(एक छोटा गांठ), when no word after the noun could be a masculine head the adjective belongs to (see "
            "KC-S002's search)."
        ),
        why=(
            "A Hindi adjective in -आ agrees with its noun in gender, number and case. Before a postposition "
            "the noun is oblique, so a masculine noun takes -ए (पहले साल में, अच्छे वेतन के लिए) and a "
            "feminine noun -ई (बड़ी कंपनी में, नई नीति के अनुसार). Invariant adjectives (सरकारी, सुंदर, "
            "ज़्यादा) are not checked, nor a noun that a masculine head may follow (अच्छा बिक्री विभाग, where "
            "the adjective belongs to विभाग)."
        ),
        example="उसने पहला साल में बड़ा कंपनी में काम किया।",
        instead="उसने पहले साल में बड़ी कंपनी में काम किया।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        lex, voc = lexicon(), _vocab()
        forms = voc.adjective_forms
        fem_forms = _feminine_forms()
        for u in all_units(ctx):
            ws = u.words
            if forms.keys().isdisjoint(ws):
                continue
            # only the positions of inflecting adjectives (picked out in C)
            for i in compress(range(len(ws) - 1), map(forms.__contains__, ws)):
                entry = forms[ws[i]]
                _lemma, kind, oblique, feminine = entry
                if u.cut_after(i):
                    continue
                if kind == ADJECTIVE_MASCULINE_DIRECT and oblique_plural(ws[i + 1], lex):
                    # "नया सदस्यों को": an oblique plural is oblique by its form, whatever follows it
                    right = sorted(feminine if ws[i + 1] in fem_forms else oblique)[0]
                    start, end = u.span(i, i + 1)
                    yield Finding(
                        u.pointer,
                        start,
                        end,
                        f"{ws[i + 1]} is an oblique plural, so the adjective before it is {right}, not {ws[i]}.",
                        suggestion=f"{right} {ws[i + 1]}",
                    )
                    continue
                if (
                    kind == ADJECTIVE_MASCULINE_DIRECT
                    and ws[i + 1] in lex.feminine
                    and ws[i] not in voc.pronominal_adjectives
                    and ws[i] not in voc.adverbs
                    and (i + 2 >= len(ws) or u.cut_after(i + 1) or ws[i + 2] not in voc.oblique_postpositions)
                    and _no_later_head(ws, i, i + 1, u, fem_forms, lex, voc)
                ):
                    # "एक छोटा गांठ महसूस करता है": a masculine -आ adjective before a feminine noun that ends its
                    # phrase (no masculine head after it that the adjective could belong to: "बड़ा बिक्री लक्ष्य")
                    right = sorted(feminine)[0]
                    start, end = u.span(i, i + 1)
                    yield Finding(
                        u.pointer,
                        start,
                        end,
                        f"{ws[i + 1]} is feminine, so the adjective before it is {right}, not {ws[i]}.",
                        suggestion=f"{right} {ws[i + 1]}",
                    )
                    continue
                if i + 2 >= len(ws) or ws[i + 2] not in voc.oblique_postpositions or u.cut_after(i + 1):
                    continue
                if ws[i + 1] in lex.oblique_aa:
                    continue  # "ऐसा मामला में": the noun is in its direct form too; KC-S001 flags both words
                gender = lex.noun_gender(ws[i + 1]) or _oblique_aa_form(ws[i + 1], lex)
                if gender is None:
                    if (
                        kind == ADJECTIVE_MASCULINE_DIRECT
                        and ws[i] not in voc.pronominal_adjectives
                        and _unlisted_noun(ws[i + 1], lex, voc)
                    ):
                        # "नया संस्करण में": before a postposition the -आ form is wrong for a noun of either
                        # gender (नए संस्करण में, नई संस्करण …); which ending is right depends on the noun
                        start, end = u.span(i, i + 1)
                        yield Finding(
                            u.pointer,
                            start,
                            end,
                            f"Before {ws[i + 2]} the noun {ws[i + 1]} is oblique, so the adjective cannot stay "
                            f"{ws[i]}: use {sorted(oblique)[0]} for a masculine noun, {sorted(feminine)[0]} for a "
                            "feminine one.",
                        )
                    continue
                need = oblique if gender == "m" else feminine
                if ws[i] in need or ws[i] in voc.adverbs:
                    continue  # agrees, or an adverb (पहले समीक्षा के लिए = before the review)
                if ws[i + 2] in GENITIVES and i + 3 < len(ws) and _agrees_with_head(kind, ws[i + 3], lex):
                    continue  # "पुरानी ब्याज की दर": the adjective belongs to the head after the genitive
                right = sorted(need)[0]
                start, end = u.span(i, i + 1)
                yield Finding(
                    u.pointer,
                    start,
                    end,
                    f"Before {ws[i + 2]} the {'masculine' if gender == 'm' else 'feminine'} noun {ws[i + 1]} "
                    f"needs the adjective in {right}.",
                    suggestion=f"{right} {ws[i + 1]}",
                )


def _unlisted_noun(word: str, lex: Lexicon, voc: _Vocab) -> bool:
    """May ``word``, which the lexicon does not list, be a noun in the oblique singular: a Devanagari word that is
    no verb form (an infinitive or verbal noun: "पूरा करने के लिए", "नया सीखने में", where the adjective is a
    predicate or an object), no pronoun or postposition, no number, and not itself an inflecting adjective?"""
    if not word[:1] or not "\u0900" <= word[0] <= "\u097f" or word.endswith(INFINITIVE_ENDINGS):
        return False
    if word in lex.verb_stems or stem_of(word, lex) is not None or word in lex.postpositions:
        return False
    if word in OBLIQUE_PRONOUNS or word in lex.determiners:
        return False
    return not (word in voc.adjective_forms or word in voc.adverbs)


# Pronouns in the oblique (before a postposition): not nouns that an adjective could qualify.
OBLIQUE_PRONOUNS = frozenset({"उस", "इस", "किस", "जिस", "उन", "इन", "किन", "जिन", "आप", "हम", "मुझ", "तुम", "तुझ", "सब"})


# The ending of a listed -आ noun's oblique singular (कमरे).
OBLIQUE_E = "े"
DIRECT_AA = "ा"


def oblique_plural(word: str, lex: Lexicon) -> bool:
    """Is ``word`` an oblique plural noun (-ों), not a pronoun or postposition form?"""
    return len(word) > 3 and word.endswith(OBLIQUE_PLURAL_ENDING) and word not in lex.postpositions


def _oblique_aa_form(word: str, lex: Lexicon) -> str | None:
    """"m" for the oblique singular of a listed -आ noun that takes -ए (कमरे of कमरा), else None. An infinitive
    (करने) is not one: an adjective before it is a predicate ("पूरा करने के लिए")."""
    lemma = word[: -len(OBLIQUE_E)] + DIRECT_AA
    if word.endswith(OBLIQUE_E) and not is_infinitive(word, lex) and lemma in lex.oblique_aa:
        return "m"
    return None


def _agrees_with_head(kind: str, head: str, lex: Lexicon) -> bool:
    """Could an adjective of this form ("f", "m-direct", "m-oblique") modify ``head``, a noun after a genitive?"""
    gender = lex.noun_gender(head) or ("f" if head in _feminine_forms() else None)
    return gender is not None and (gender == "f") == (kind == "f")


def _string_starts(ctx: CheckContext) -> list[int]:
    """Where each content string starts in ``ctx.joined`` (cached in ``ctx.memo``)."""
    got = ctx.memo.get("grammar.string_starts")
    if got is None:
        got = ctx.memo["grammar.string_starts"] = [0, *accumulate(len(t) + 1 for _, t, _ in ctx.strings)]
    return got


def _hits_by_string(ctx: CheckContext, pattern: regex.Pattern[str], key: str) -> dict[int, list[int]]:
    """String index -> where ``pattern`` matches in that string (match starts, in order), from one scan of
    ``ctx.joined`` (cached in ``ctx.memo`` under ``key``). The pattern must not match the newline that joins
    the strings, so its matches are those of a scan of each string by itself."""
    got = ctx.memo.get(key)
    if got is None:
        got = ctx.memo[key] = {}
        starts = _string_starts(ctx)
        for m in pattern.finditer(ctx.joined):
            i = bisect_right(starts, m.start()) - 1
            got.setdefault(i, []).append(m.start() - starts[i])
    return got


def _matches_at(pattern: regex.Pattern[str], text: str, starts: Iterable[int]) -> Iterable[regex.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (ascending): each is tried with
    ``match`` unless an earlier match covers it. (The pattern matches no empty string.)"""
    done = 0
    for s in starts:
        if s >= done:
            m = pattern.match(text, s)
            if m is not None:
                done = m.end()
                yield m


class CurrencySpace:
    meta = RuleMeta(
        id="KC-S003",
        name="space-after-currency-symbol",
        category="locale",
        severity="minor",
        summary="A space separates a currency symbol from its amount ($ 51,933).",
        what=(
            "Flags $, €, £ or ¥ followed by a space and an amount; suggests the symbol attached to it. ₹ followed "
            "by a space is flagged too, unless spacing it is the article's own style (two or more spaced uses, "
            "and more of them than attached ones)."
        ),
        why=(
            "In Hindi as in English typography the symbols $, €, £ and ¥ are written against the amount "
            "($51,933); a space, usually left by machine translation or a converter, can also break the "
            "symbol and the amount across lines. ₹ is mostly written against the amount too (₹500), but some "
            "Indian publishers space it throughout as their house style, so a consistently spaced ₹ is left "
            "alone; one spaced amount among attached ones, or a lone one, is the slip. The abbreviation रु. 500 "
            "takes a space by convention and is never flagged."
        ),
        example="वेतन $ 51,933 से $ 94,871 तक है।",
        instead="वेतन $51,933 से $94,871 तक है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        voc = _vocab()
        found = list(_currency_matches(ctx, voc.currency, before_symbol=False))
        house = list(_currency_matches(ctx, voc.currency_house, before_symbol=False))
        if house and not (len(house) >= HOUSE_STYLE_MIN and len(house) > _count(voc.currency_house_attached, ctx)):
            found += house  # (a spaced ₹ that is not the article's own style)
        for ptr, m in found:
            yield Finding(
                ptr,
                m.start(),
                m.end(),
                "No space between a currency symbol and the amount.",
                suggestion=m.group(1) + m.group(2),
            )


HOUSE_STYLE_MIN = 2  # spaced uses of ₹ that make spacing the article's style (with more spaced than attached)


def _count(pattern: regex.Pattern[str], ctx: CheckContext) -> int:
    """How often ``pattern`` matches in the article's strings."""
    return sum(1 for _ in pattern.finditer(ctx.joined))


def _currency_matches(
    ctx: CheckContext, pattern: regex.Pattern[str], before_symbol: bool
) -> Iterable[tuple[str, regex.Match[str]]]:
    """(pointer, match) of a currency pattern (KC-S003, KC-S007, KC-S010), tried only where a match can start: at a
    currency symbol, or (``before_symbol``) at the start of the amount that the symbol follows."""
    strings = ctx.strings
    for i, symbols in _currency_symbols(ctx).items():
        ptr, text, _line = strings[i]
        starts = sorted({_amount_start(text, at) for at in symbols}) if before_symbol else symbols
        for m in _matches_at(pattern, text, starts):
            yield ptr, m


def _currency_symbols(ctx: CheckContext) -> dict[int, list[int]]:
    """String index -> where currency symbols stand in that string, in order (``ctx.memo``): one search of the
    article per symbol."""
    got = ctx.memo.get("grammar.currency_symbols")
    if got is None:
        found = _literal_hits(ctx, _vocab().currency_symbols_before)
        got = ctx.memo["grammar.currency_symbols"] = {i: sorted(found[i]) for i in sorted(found)}
    return got


def _literal_hits(ctx: CheckContext, literals: Iterable[str]) -> dict[int, set[int]]:
    """String index -> where any of ``literals`` starts in that string, from a search of ``ctx.joined``."""
    starts = _string_starts(ctx)
    found: dict[int, set[int]] = {}
    for lit in literals:
        for at in find_all(ctx.joined, lit):
            i = bisect_right(starts, at) - 1
            found.setdefault(i, set()).add(at - starts[i])
    return found


def _amount_start(text: str, at: int) -> int:
    """Where the amount before position ``at`` (a symbol, after optional spaces or tabs) starts: the start of the
    run of digits, commas and dots there, which is the only place the lookbehind of ``currency_after`` allows."""
    while at > 0 and text[at - 1] in " \t":
        at -= 1
    return _number_start(text, at)


class CurrencyAfterAmount:
    meta = RuleMeta(
        id="KC-S007",
        name="currency-symbol-after-amount",
        category="locale",
        severity="minor",
        summary="A currency symbol written after its amount (15.01 $).",
        what="Flags an amount followed by ₹, $, €, £ or ¥ with no amount after the symbol; suggests the symbol "
        "before the amount.",
        why=(
            "Hindi, like English, writes these symbols before the amount ($15.01). After the amount is the "
            "order of French or German typography, which a converter or machine translation can leave behind; "
            "readers may take the symbol for the start of the next amount. ₹ too goes before the amount (₹500)."
        ),
        example="शुरुआती वेतन 15.01 $ प्रति घंटा है।",
        instead="शुरुआती वेतन $15.01 प्रति घंटा है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for ptr, m in _currency_matches(ctx, _vocab().currency_after, before_symbol=True):
            yield Finding(
                ptr,
                m.start(),
                m.end(),
                "The currency symbol goes before the amount.",
                suggestion=m.group(2) + m.group(1),
            )


class PluralVerbSingularAuxiliary:
    meta = RuleMeta(
        id="KC-S008",
        name="plural-participle-singular-auxiliary",
        category="grammar",
        severity="minor",
        summary="A participle and its auxiliary in different numbers (करते है for करते हैं, पड़ता हैं for पड़ता है).",
        what="Flags a -ते participle of a listed verb directly followed by है or था, and suggests हैं / थे; and a "
        "masculine singular -ता participle followed by हैं or थे, suggesting है / था.",
        why=(
            "The -ते participle is plural (or honorific), and its auxiliary agrees with it: करते हैं, करते थे. "
            "'करते है' drops the nasal of हैं, a slip of hurried typing and of machine translation alike; the "
            "singular subject would need करता है / करती है instead, so the pair is wrong either way."
        ),
        example="वे हर दिन ग्राहकों से बात करते है।",
        instead="वे हर दिन ग्राहकों से बात करते हैं।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        plural, singular = _plural_participles(), _singular_participles()
        for u in all_units(ctx):
            ws = u.words
            # (a sentence rarely holds a participle of a listed verb, and almost always है or था: test it first)
            if not singular.isdisjoint(ws):
                yield from _auxiliary_mismatches(u, singular, SINGULAR_AUXILIARY, "singular")
            if not plural.isdisjoint(ws):
                yield from _auxiliary_mismatches(u, plural, PLURAL_AUXILIARY, "plural")


def _auxiliary_mismatches(
    u: Unit, participles: frozenset[str], fix: dict[str, str], number: str
) -> Iterable[Finding]:
    """A participle of ``number`` (one of ``participles``) directly before an auxiliary of the other number (a key
    of ``fix``, whose value is the auxiliary it needs): "करते है", "पड़ता हैं". A singular one may instead want
    the plural participle, for a plural subject, and the message says so."""
    ws = u.words
    for k in compress(range(len(ws) - 1), map(participles.__contains__, ws)):
        aux = ws[k + 1]
        if aux not in fix or u.cut_after(k):
            continue
        w = ws[k]
        start, end = u.span(k, k + 1)
        message = f"'{w}' is {number}, so its auxiliary is {fix[aux]}, not {aux}."
        if number == "singular":
            plural = w[: -len(SINGULAR_PARTICIPLE)] + PLURAL_PARTICIPLE
            message = f"{message[:-1]} (or '{plural} {aux}' for a plural subject)."
        yield Finding(u.pointer, start, end, message, suggestion=f"{w} {fix[aux]}")


@lru_cache(maxsize=1)
def _singular_participles() -> frozenset[str]:
    """The masculine singular -ता participle of every listed verb stem that is no other word (करता, पड़ता; not
    खाता, an account)."""
    lex = lexicon()
    return frozenset(stem + SINGULAR_PARTICIPLE for stem in lex.verb_stems) - lex.not_verbs


@lru_cache(maxsize=1)
def _plural_participles() -> frozenset[str]:
    """The -ते participle of every listed verb stem (करते, देते): KC-S008's first word."""
    return frozenset(stem + PLURAL_PARTICIPLE for stem in lexicon().verb_stems)


# A rupee amount: an Indian-English abbreviation before it ("Rs. 500", "INR 500"), or a grouped number with ₹ before
# it or रुपये after it.
_RUPEE = regex.compile(
    r"(?<![A-Za-z])(?P<abbr>Rs\.?|INR)[ \t]?(?P<a>[0-9][0-9,]*(?:\.[0-9]+)?)(?![0-9])"
    r"|₹[ \t]?(?P<b>[0-9]{1,3}(?:,[0-9]{3})+)(?![0-9,])"
    r"|(?<![0-9,.])(?P<c>[0-9]{1,3}(?:,[0-9]{3})+)(?![0-9,])[ \t]*(?=(?:रुपये|रुपए|रुपयों)(?![\p{L}\p{M}]))"
)


# The form and cheque notation of an amount: "रु. 5,000/-" (rupees, and nothing after). In an article's prose it is
# out of place, and it often stands next to ₹ amounts of the same article.
FORM_MARK = "/-"
_FORM_AMOUNT = regex.compile(
    r"(?<![\p{L}\p{M}0-9])(?P<cur>(?:रु|रू|Rs|INR)\.?[ \t]?|₹[ \t]?)?(?P<a>[0-9][0-9,]*)(?:\.[0-9]{2})?[ \t]?/-(?![0-9])"
)


def _form_notation(ctx: CheckContext) -> Iterable[Finding]:
    """KC-S006's findings for amounts in the form notation "रु. 5,000/-" (or "₹5,000/-", "5000/-")."""
    for ptr, text, _line in ctx.strings:
        if FORM_MARK not in text:
            continue
        for m in _FORM_AMOUNT.finditer(text):
            digits = m.group("a").replace(",", "")
            amount = indian_grouping(digits) if len(digits) > 3 else digits
            yield Finding(
                ptr,
                m.start(),
                m.end(),
                "\"…/-\" is the notation of cheques and forms: in an article write the amount as ₹N or N रुपये.",
                suggestion=f"₹{amount}",
            )


def _rupee_starts(ctx: CheckContext) -> dict[int, list[int]]:
    """String index -> the positions, in order, where a match of _RUPEE can start: every "Rs", "INR" and "₹", and
    the start of every number that holds a digit, a mark and a digit (a grouped amount before रुपये does)."""
    found = _literal_hits(ctx, ("Rs", "INR", "₹"))
    if not found and "रुप" not in ctx.joined:
        return {}  # every match holds Rs, INR, ₹ or रुपये / रुपए / रुपयों
    for i, marks in _number_marks(ctx).items():
        text = ctx.strings[i][1]
        found.setdefault(i, set()).update(_number_start(text, c) for c in marks)
    return {i: sorted(found[i]) for i in sorted(found)}


def indian_grouping(digits: str) -> str:
    """12345678 -> 1,23,45,678: the last three digits, then groups of two (lakh, crore)."""
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return ",".join([*groups, tail])


# Continental number formats left by a converter or MT: a decimal comma before a unit ("2,5 प्रतिशत") and dots
# grouping thousands before a currency word ("50.000 रुपये"). The unit after the number is required, so a
# figure reference ("चित्र 1,1") or a precise decimal ("99.999%") is never taken.
_UNITS_AFTER = (
    r"(?:%|प्रतिशत|फीसदी|फ़ीसदी|लाख|करोड़|रुपये|रुपए|रुपयों|डॉलर|यूरो|साल|वर्ष|किलो|किलोग्राम|से\s+[0-9]"
    r"|°\s*[CF]|डिग्री|मिलीग्राम|ग्राम|लीटर|मिलीलीटर)"
)
_CONTINENTAL = regex.compile(
    rf"(?<![0-9.,])(?P<int>[0-9]{{1,3}}),(?P<frac>[0-9]{{1,2}})(?![0-9,])(?=[ \t]*{_UNITS_AFTER})"
    r"|(?<![0-9.,])(?P<th>[0-9]{1,3}(?:\.[0-9]{3})+)(?![0-9.,])"
    r"(?:(?=[ \t]*(?:रुपये|रुपए|रुपयों|डॉलर|यूरो))|(?<=[$€£₹][ \t]?[0-9]{1,3}(?:\.[0-9]{3})+))"
)


# A digit, a mark and a digit: searched once per article (``_number_marks``) for KC-S006 and KC-S009.
_DIGIT_MARK_DIGIT = regex.compile(r"[0-9][,.][0-9]")
_NUMBER_CHARS = frozenset("0123456789,.")


def _number_marks(ctx: CheckContext) -> dict[int, list[int]]:
    """String index -> where a digit, a mark and a digit start in that string (non-overlapping, in order)."""
    return _hits_by_string(ctx, _DIGIT_MARK_DIGIT, "grammar.number_marks")


def _number_start(text: str, s: int) -> int:
    """The start of the run of digits, commas and dots that holds position s."""
    while s > 0 and text[s - 1] in _NUMBER_CHARS:
        s -= 1
    return s


def _continental(text: str, marks: Iterable[int]) -> Iterable[regex.Match[str]]:
    """The matches of _CONTINENTAL, tried only at the start of numbers that hold a digit, a mark and a digit
    (``marks``, where those start): the full pattern, run over a whole paragraph, costs ten times as much."""
    done = 0
    for c in marks:
        if c < done:
            continue
        m = _CONTINENTAL.match(text, _number_start(text, c))
        if m is not None:
            done = m.end()
            yield m
        else:
            done = c + 3  # the end of the digit, mark and digit


class ContinentalNumberFormat:
    meta = RuleMeta(
        id="KC-S009",
        name="continental-number-format",
        category="locale",
        severity="minor",
        summary="A decimal comma (2,5 प्रतिशत) or dots grouping thousands (50.000 रुपये).",
        what="Flags a number with a decimal comma before a unit, a temperature or a percentage, and a number whose "
        "thousands are grouped by dots before a currency word or after a currency symbol ($84.140); suggests the "
        "decimal point and Indian grouping.",
        why=(
            "Hindi writes a decimal point and groups digits with commas (2.5 प्रतिशत, 50,000 रुपये). A converter "
            "or machine translation working from a continental source leaves 2,5 and 50.000, which a Hindi reader "
            "takes for twenty-five and for fifty."
        ),
        example="बकाया पर हर महीने 2,5 प्रतिशत ब्याज लगता है और 50.000 रुपये की छूट मिलती है।",
        instead="बकाया पर हर महीने 2.5 प्रतिशत ब्याज लगता है और 50,000 रुपये की छूट मिलती है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        strings = ctx.strings
        for i, marks in _number_marks(ctx).items():
            ptr, text, _line = strings[i]
            for m in _continental(text, marks):
                if m.group("th"):
                    fix = indian_grouping(m.group("th").replace(".", ""))
                    why = "Thousands are grouped with commas in Hindi, not dots."
                else:
                    fix = f"{m.group('int')}.{m.group('frac')}"
                    why = "Hindi writes a decimal point, not a decimal comma."
                yield Finding(ptr, m.start(), m.end(), why, suggestion=fix)


class CurrencySaidTwice:
    meta = RuleMeta(
        id="KC-S010",
        name="currency-symbol-and-word",
        category="locale",
        severity="minor",
        summary="A currency symbol and the word for the same currency around one amount (₹1,50,000 रुपये).",
        what="Flags a symbol (₹, $, €, £), an amount (with लाख / करोड़ / हजार) and then the word for the same "
        "currency (रुपये, डॉलर, यूरो, पाउंड); suggests the amount with the symbol alone.",
        why=(
            "Either the symbol or the word names the currency: ₹1,50,000 or 1,50,000 रुपये. Both together read "
            "as 'rupees 1,50,000 rupees', a slip of converters that add the symbol to an amount already followed "
            "by its word."
        ),
        example="गोल्ड लोन पर ₹1,50,000 रुपये तक की राशि मिल सकती है।",
        instead="गोल्ड लोन पर ₹1,50,000 तक की राशि मिल सकती है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        voc = _vocab()
        for ptr, m in _currency_matches(ctx, voc.currency_twice, before_symbol=False):
            if m.group("word") in voc.currency_words.get(m.group("sym"), ()):
                yield Finding(
                    ptr,
                    m.start(),
                    m.end(),
                    "The symbol and the word name the same currency; keep one.",
                    suggestion=m.group("amount"),
                )


class RupeeFormat:
    meta = RuleMeta(
        id="KC-S006",
        name="rupee-amount-format",
        category="locale",
        severity="minor",
        summary="A rupee amount in a foreign format: \"Rs. 500\" in Hindi text, or grouping in threes (2,500,000 रुपये).",
        what=(
            "Flags the Latin abbreviations Rs. / INR before an amount, and rupee amounts of a lakh or more whose "
            "digits are grouped in threes (2,500,000 रुपये, ₹1,500,000); suggests \"N रुपये\" and the Indian "
            "grouping (25,00,000 रुपये). Also an amount in the form notation with \"/-\" (रु. 5,000/-), which "
            "belongs on cheques and forms."
        ),
        why=(
            "Hindi text writes a rupee amount as ₹500 or 500 रुपये; \"Rs.\" is the English abbreviation left "
            "untranslated. Indian usage groups digits in lakhs and crores (25,00,000, 1,20,00,000), so an amount "
            "in rupees grouped in threes is a converter's or translator's slip and is misread by Hindi readers. "
            "Dollar amounts keep the Western grouping and are not checked."
        ),
        example="होम लोन 2,500,000 रुपये का है और प्रोसेसिंग फीस Rs. 5,000 है।",
        instead="होम लोन 25,00,000 रुपये का है और प्रोसेसिंग फीस 5,000 रुपये है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        strings = ctx.strings
        if FORM_MARK in ctx.joined:
            yield from _form_notation(ctx)
        for i, starts in _rupee_starts(ctx).items():
            ptr, text, _line = strings[i]
            for m in _matches_at(_RUPEE, text, starts):
                if m.group("abbr"):
                    if text[m.end() : m.end() + 4].lstrip(" \t").startswith((FORM_MARK, ".00" + FORM_MARK)):
                        continue  # "Rs. 30,000/-": one finding, the form notation's
                    amount = m.group("a")
                    digits = amount.replace(",", "")
                    if "." not in digits and len(digits) > 5 and "," in amount:
                        amount = indian_grouping(digits)
                    yield Finding(
                        ptr,
                        m.start(),
                        m.end(),
                        f"\"{m.group('abbr')}\" is the English abbreviation: write the amount in rupees.",
                        suggestion=f"{amount} रुपये",
                    )
                    continue
                number = m.group("b") or m.group("c")
                digits = number.replace(",", "")
                if len(digits) < 6:
                    continue  # below a lakh the groupings agree
                indian = indian_grouping(digits)
                if indian == number:
                    continue
                start = m.start("b") if m.group("b") else m.start("c")
                yield Finding(
                    ptr,
                    start,
                    start + len(number),
                    "A rupee amount is grouped in lakhs and crores in Indian usage.",
                    suggestion=indian,
                )


# Devanagari letters and signs (not the danda, which is punctuation, nor the digits) and Latin letters.
_DEVA = "\u0900-\u0963\u0971-\u097f"
# A Latin letter with a Devanagari letter on either side, searched once in the whole article (a pattern that
# starts with the Latin letter is scanned for several times faster than one that may start with either script);
# the word around it is then taken in Python (it is rare).
_TOUCH = regex.compile(rf"[A-Za-z](?:(?=[{_DEVA}])|(?<=[{_DEVA}][A-Za-z]))")
_WORD_AROUND = regex.compile(rf"[A-Za-z{_DEVA}]+")
_JOINT = regex.compile(rf"(?<=[A-Za-z])(?=[{_DEVA}])|(?<=[{_DEVA}])(?=[A-Za-z])")


def _word_start(text: str, i: int) -> int:
    """The start of the run of Latin and Devanagari letters that holds position i."""
    while i > 0 and _WORD_AROUND.match(text[i - 1]):
        i -= 1
    return i


class GluedScripts:
    meta = RuleMeta(
        id="KC-S004",
        name="missing-space-between-scripts",
        category="style",
        severity="minor",
        summary="A Latin word runs into a Hindi word with no space (PayScaleके, CoVऔर).",
        what="Flags a word in which Latin and Devanagari letters touch, and suggests a space between them.",
        why=(
            "No Hindi word is spelt with Latin letters inside it, so Latin letters glued to Devanagari are a "
            "lost space, usually where a brand name or acronym meets a postposition or a conjunction. "
            "Hyphenated forms (ई-मेल, SARS-CoV-2) and a danda after a Latin word are not touched."
        ),
        example="वेतन के आंकड़े PayScaleके अनुसार हैं।",
        instead="वेतन के आंकड़े PayScale के अनुसार हैं।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        strings = ctx.strings
        for i, touches in _hits_by_string(ctx, _TOUCH, "grammar.touches").items():
            ptr, text, _line = strings[i]
            end = -1
            for t in touches:
                if t < end:
                    continue  # already inside a flagged word
                word = _WORD_AROUND.match(text, _word_start(text, t))
                if word is None:  # pragma: no cover - the touch itself is a word letter
                    continue
                end = word.end()
                yield Finding(
                    ptr,
                    word.start(),
                    word.end(),
                    "Latin and Devanagari letters run together: a space is missing.",
                    suggestion=_JOINT.sub(" ", word.group()),
                )


class GenitiveBeforeKePostposition:
    meta = RuleMeta(
        id="KC-S013",
        name="genitive-before-ke-postposition",
        category="grammar",
        severity="minor",
        summary="का or की (उसका, अपनी …) before a postposition that takes के: योजना की तहत for योजना के तहत.",
        what=(
            "Flags a direct or feminine genitive (का, की, उसका, उसकी, अपना, अपनी …) directly before a word that "
            "only follows के in a compound postposition (तहत, अनुसार, लिए, द्वारा, बारे, दौरान, अलावा, बावजूद, "
            "मुताबिक, जरिए, अंतर्गत, खिलाफ, विरुद्ध); suggests के (उसके, अपने …)."
        ),
        why=(
            "These postpositions are के + a word that is not a noun of its own, so the genitive before them is "
            "always the oblique के: नियम के अनुसार, अपने लिए, कंपनी के द्वारा. Machine translation writes की when "
            "the noun before is feminine ('योजना की तहत'), agreeing with the wrong word. Words that also follow की "
            "(की तरह, की ओर, की वजह से, की बजाय) and words that the verb की may stand before (साथ, बाद, पहले, "
            "पास: 'उसने मदद की साथ ही …') are not checked."
        ),
        example="यह निवेश योजना की तहत आता है।",
        instead="यह निवेश योजना के तहत आता है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        voc = _vocab()
        after = voc.ke_postposition_words
        gens = _direct_to_oblique()
        for u in all_units(ctx):
            ws = u.words
            if after.isdisjoint(ws):
                continue
            for j in compress(range(1, len(ws)), map(after.__contains__, ws[1:])):
                i = j - 1
                oblique = gens.get(ws[i])
                if oblique is None or u.cut_after(i):
                    continue
                if j + 1 < len(ws) and ws[j + 1] in PASSIVE_AFTER_LIYE and not u.cut_after(j):
                    continue  # "… की लिए गए नमूने": लिए is the participle of लेना (taken), not the postposition
                start, end = u.span(i, j)
                yield Finding(
                    u.pointer,
                    start,
                    end,
                    f"{ws[j]} follows के in its postposition, so the genitive before it is {oblique}, not {ws[i]}.",
                    suggestion=f"{oblique} {ws[j]}",
                )


# Words after लिए that make it the participle of लेना (लिए गए, लिए जाते, लिए हुए) rather than the postposition.
PASSIVE_AFTER_LIYE = frozenset({"गए", "गये", "गई", "गयी", "गया", "जाते", "जाती", "जाता", "जाने", "जाएं", "जाएँ", "हुए", "हुई"})


@lru_cache(maxsize=1)
def _direct_to_oblique() -> dict[str, str]:
    """Direct and feminine genitives -> their oblique form: का / की -> के, उसका / उसकी -> उसके, अपनी -> अपने."""
    voc = _vocab()
    table = dict(voc.genitive_oblique)
    for masculine, feminine in voc.genitive_feminine.items():
        if masculine in voc.genitive_oblique:
            table[feminine] = voc.genitive_oblique[masculine]
    return table


class ThingSubjectVerbGender:
    meta = RuleMeta(
        id="KC-S014",
        name="thing-subject-verb-gender",
        category="agreement",
        severity="major",
        summary="A verb in the other gender than the thing that is its subject (बुखार आती है, यह बीमारी … होता है).",
        what=(
            "Flags a singular verb group of one gender whose clause has, as its only possible subject, a listed "
            "noun of the other gender for a thing (not a person): the first noun in the direct case in the clause "
            "(the last of a run of nouns: आयकर विभाग), with nothing before the verb group but its modifiers, "
            "adverbs, particles and phrases closed by a postposition. The clause must have no ने or द्वारा (the "
            "verb then agrees with another word), no person (वह, a profession noun, a name), no coordinator and "
            "no infinitive; passives, obligations and conjunct verbs with कर / दे / ले right after the noun (भर्ती "
            "किया जाता है, जांच करती है) are left alone, and so is a copula (होना, बनना, रहना, लगना) with another "
            "word before it that could be a predicate noun (खांसी एक आम लक्षण होता है)."
        ),
        why=(
            "Hindi verbs agree with their subject's grammatical gender, which for things is lexical: बुखार आता "
            "है, खांसी आती है, ब्याज लगता है, बीमारी होती है. Machine translation from English, which has no "
            "gender, often picks the wrong one. Only a clause whose subject is certain is checked: with ने the "
            "perfective agrees with the object, an infinitive of obligation with its object, and a noun right "
            "before करना is part of the verb."
        ),
        example="अचानक तेज़ बुखार आती है और यह जलन अक्सर बढ़ जाता है।",
        instead="अचानक तेज़ बुखार आता है और यह जलन अक्सर बढ़ जाती है।",
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        lex, voc, avoc = lexicon(), _vocab(), agreement_vocab()
        people = subject_words(lex, avoc)
        nouns = lex.masculine | lex.feminine | lex.oblique_aa
        happening = _happening_forms()
        for u in sentence_units(ctx):
            ws = u.words
            if happening.isdisjoint(ws) or nouns.isdisjoint(ws):
                continue  # (decided in C for most sentences: no form of a happening verb, or no listed noun)
            groups = verb_groups(u, lex, avoc)
            if not groups:
                continue
            ends = {g.last for g in groups}
            lo = 0
            for g in groups:
                start, _ = clause_start(u, lo, g.first, ends, avoc, lex.auxiliaries)
                lo = g.last + 1
                if g.gender not in ("m", "f") or g.plural:
                    continue
                k = _thing_subject(ws, u, start, g, lex, voc, avoc, people)
                if k is None:
                    continue
                want = lex.noun_gender(ws[k])
                if want is None or want == g.gender:
                    continue
                fixed = " ".join(swap_gender(w, want, lex) for w in ws[g.first : g.last + 1])
                s0, e0 = u.span(g.first, g.last)
                noun = "masculine" if want == "m" else "feminine"
                yield Finding(
                    u.pointer,
                    s0,
                    e0,
                    f"{ws[k]} is {noun} and is the subject of this verb, so the verb is {fixed}.",
                    suggestion=fixed,
                )


# Clause words that make the subject uncertain: the ergative and the agent of a passive, comparisons.
CLAUSE_BLOCKERS = frozenset({"ने", "द्वारा", "जैसे", "जैसी", "जैसा"})
DEMONSTRATIVES = frozenset({"यह", "वह", "ये", "वे"})  # a subject pronoun, unless right before the noun (यह जलन)
COPULA_STEM = "हो"
# A noun of time after one of these determiners is an adverbial in the oblique, not a subject (हर बार, उस रात).
TIME_NOUNS = frozenset({"बार", "दिन", "समय", "रात", "सुबह", "शाम", "साल", "वर्ष", "महीने", "हफ्ते", "हफ़्ते", "वक्त", "वक़्त"})
TIME_DETERMINERS = frozenset({"हर", "इस", "उस", "कई", "एक", "किसी", "प्रत्येक", "कुछ", "पिछले", "अगले", "उसी", "इसी"})
MOTION_VERBS = frozenset({"आ", "जा", "पहुंच", "पहुँच", "लौट", "निकल"})
PASSIVE_FORMS = frozenset({"जा", "जाता", "जाती", "जाते", "जाएगा", "जाएगी", "जाएंगे", "गया", "गई", "गयी", "गए", "गये",
                           "जाए", "जाये", "जाना", "जानी", "जाने"})


def _thing_subject(
    ws: list[str],
    u: Unit,
    start: int,
    g: VerbGroup,
    lex: Lexicon,
    voc: _Vocab,
    avoc: AgreementVocab,
    people: frozenset[str],
) -> int | None:
    """The index of the noun that must be the subject of verb group ``g`` (a thing), or None when that is not
    certain (see KC-S014): the main verb is a happening (agreement.yaml happening_verbs: आना, बढ़ना, लगना …),
    the noun stands right before the group (only particles and adverbs between), it is no nominal of a conjunct
    verb (नज़र आना: be seen), and everything before it in the clause is a modifier or a phrase closed by a
    postposition, so no other word can be the subject."""
    span = ws[start : g.first]
    if not span or not CLAUSE_BLOCKERS.isdisjoint(span):
        return None
    if any(w in people and ws[k + 1] not in lex.postpositions for k, w in enumerate(span, start)):
        return None  # a person who may be the subject (a person in the oblique, मरीज़ को, is an experiencer)
    if not voc.coordinators.isdisjoint(span) or not avoc.coordinators.isdisjoint(span):
        return None
    if ws[g.first] in PASSIVE_FORMS or (g.first == g.last and ws[g.first] in lex.auxiliaries):
        return None  # "गया" as the main verb after an unlisted participle, or a bare copula (… की जीत थी)
    main = ws[g.first] if ws[g.first] in lex.verb_stems else stem_of(ws[g.first], lex)
    if main is None or main not in avoc.happening_verbs:
        return None  # (a transitive verb may have its object right before it: "विभाग नोटिस भेजती है")
    group = ws[g.first : g.last + 1]
    if any(w in PASSIVE_FORMS for w in group[1:]) and ws[g.first] not in lex.verb_stems:
        return None  # a passive (किया गया, दी जाती): with को it takes the default masculine
    if ws[g.first - 1] in GENITIVES:
        return None  # "… परीक्षक की होती है": a predicative genitive, which agrees with the thing possessed
    head = g.first - 1
    while head >= start:
        w = ws[head]
        if w in voc.chain_fillers or w in avoc.negations or w in voc.adverbs or w in voc.predicative_adjectives:
            head -= 1
            continue
        if w not in lex.postpositions or w in GENITIVES:
            break
        # a phrase closed by a postposition between the subject and its verb ("खांसी कुछ हफ्तों तक रहती है"): one
        # noun in the oblique, after at most a quantity or a number; anything longer is left alone
        noun = head - 1
        if noun <= start or not (oblique_plural(ws[noun], lex) or lex.noun_gender(ws[noun]) is not None):
            return None
        head = noun - 1
        while head >= start and (
            ws[head] in voc.genitive_modifiers or ws[head] in lex.determiners or ws[head][:1].isdigit()
        ):
            head -= 1
        if head < start or ws[head] in GENITIVES:
            return None
    if head < start or u.cut_after(head):
        return None
    noun = ws[head]
    if (
        lex.noun_gender(noun) is None
        or noun in lex.person_nouns
        or noun in avoc.experiencer_conjuncts
        or noun in voc.compound_postposition_words
        or is_infinitive(noun, lex)
    ):
        return None
    if main in MOTION_VERBS and noun in avoc.place_nouns:
        return None  # "क्लिनिक आती है": a place the subject goes to, not the subject
    x = head - 1
    if x >= start and lex.noun_gender(ws[x]) is not None and ws[x] not in lex.postpositions:
        return None  # two nouns: a compound, or a subject and the noun of a conjunct verb (प्रणाली इस्तेमाल होती है)
    if main == COPULA_STEM and x >= 0 and ws[x] in GENITIVES:
        return None  # "… का हिस्सा होती है": with होना a possessed noun is often the predicate (is part of …)
    if not DEMONSTRATIVES.isdisjoint(ws[:x]) or any(
        w in people and (k + 1 >= len(ws) or ws[k + 1] not in lex.postpositions) for k, w in enumerate(ws[:start])
    ):
        return None  # a pronoun that may be the subject (यह … का हिस्सा होती है), or a person before the clause
    # every word before the noun must be a modifier or part of an oblique phrase
    for k in range(start, x + 1):
        w = ws[k]
        nxt = ws[k + 1] if k + 1 < len(ws) else ""
        if u.cut_after(k):
            return None  # a comma: an inserted phrase or a list
        if k == x and lex.noun_gender(w) is None and w not in lex.verb_stems and stem_of(w, lex) is None:
            continue  # the word right before the noun: its modifier (तेज़ बुखार, साधारण ब्याज), since a happening
            # has no object that this noun could be
        if (
            w in lex.postpositions
            or w in voc.compound_postposition_words
            or w in lex.determiners
            or w in voc.adverbs
            or w in voc.chain_fillers
            or w in voc.genitive_modifiers
            or w in voc.adjective_forms
            or w[:1].isdigit()
            or nxt in lex.postpositions
            or oblique_plural(nxt, lex)
            or (is_infinitive(w, lex) and w.endswith(INFINITIVE_OBLIQUE) and nxt in lex.postpositions)
            or (_code_like(nxt) and k + 2 < len(ws) and ws[k + 2] in lex.postpositions)  # धारा 80C के तहत
            or not avoc.time_adverbs.isdisjoint(ws[k + 1 : k + 3])  # "तीन दिन बाद", "दो साल पहले"
            or (is_infinitive(nxt, lex) and nxt.endswith(INFINITIVE_OBLIQUE))  # "देर होने पर": a non-finite clause
            or (w in TIME_NOUNS and k > start and ws[k - 1] in TIME_DETERMINERS)  # "हर बार", "उस रात": adverbials
        ):
            continue
        return None  # a word that may be the subject, or a verb form: not certain
    return head


@lru_cache(maxsize=1)
def _happening_forms() -> frozenset[str]:
    """Every word a verb group of a happening verb (agreement.yaml happening_verbs) may start with, so that a
    sentence without one is ruled out before its verb groups are built: the stem itself (बढ़ जाता), its singular
    participles, perfectives and futures (आता, आती, आया, आई, आएगा …), and the listed irregular perfectives."""
    lex, avoc = lexicon(), agreement_vocab()
    endings = ("ता", "ती", "ा", "ी", "या", "यी", "ई", "ेगा", "ेगी", "एगा", "एगी", "गा", "गी")
    out = set(avoc.happening_verbs)
    for stem in avoc.happening_verbs:
        out.update(stem + e for e in endings)
    out.update(lex.perfective_m2f)
    out.update(lex.perfective_f2m)
    return frozenset(out)


def _code_like(word: str) -> bool:
    """A number or a Latin code (80C, 234C, RT-PCR) that names what the noun before it is."""
    return bool(word) and (word[:1].isdigit() or regex.match(r"\p{Latin}", word) is not None)


def rules(config: Config) -> list:
    return [
        ObliqueCase(),
        GenitiveAgreement(),
        CurrencySpace(),
        GluedScripts(),
        AdjectiveAgreement(),
        RupeeFormat(),
        CurrencyAfterAmount(),
        PluralVerbSingularAuxiliary(),
        ContinentalNumberFormat(),
        CurrencySaidTwice(),
        DirectGenitiveBeforeOblique(),
        FeminineGenitiveBeforeMasculine(),
        GenitiveBeforeKePostposition(),
        ThingSubjectVerbGender(),
    ]
