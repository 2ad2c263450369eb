"""Packaged Hindi word lists (data/hindi_lexicon.yaml, per-family YAML files), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from kamclean.clean.catalog import packaged_path


@lru_cache(maxsize=8)
def load_data(name: str) -> dict[str, Any]:
    """A packaged YAML data file as a dict (cached: every process reads each file once)."""
    with packaged_path(name).open(encoding="utf-8") as fh:  # the C loader when built: ten times faster
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


def words(values: Any) -> frozenset[str]:
    """A word list as a set of strings. YAML reads an unquoted on / off / yes / no as a boolean, which would
    silently drop the word, so anything that is not a string or a number is an error."""
    out = []
    for v in values or ():
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise ValueError(f"word list entry {v!r} is not a word (quote it: YAML reads on/off/yes/no as booleans)")
        out.append(str(v))
    return frozenset(out)


@dataclass(frozen=True)
class Lexicon:
    postpositions: frozenset[str]
    aux_singular: frozenset[str]
    aux_plural: frozenset[str]
    aux_gender: dict[str, str]  # था -> "m", थी -> "f"
    verb_stems: frozenset[str]
    not_verbs: frozenset[str]
    light_verbs: frozenset[str]
    light_perfectives: frozenset[str]
    perfective_m2f: dict[str, str]  # masculine perfective form -> feminine ("" when ambiguous)
    perfective_f2m: dict[str, str]
    person_nouns: frozenset[str]
    adjectival_person: frozenset[str]
    determiners: frozenset[str]
    transitive_perfectives: frozenset[str]
    gendered_person: frozenset[str]
    feminine: frozenset[str]
    masculine: frozenset[str]
    oblique_aa: frozenset[str]
    stem_modals: frozenset[str] = frozenset()
    stem_modal_perfectives: frozenset[str] = frozenset()
    names: dict[str, str] = field(default_factory=dict)  # given name -> "m" / "f"
    surnames: frozenset[str] = frozenset()
    subjunctive_heads: frozenset[str] = frozenset()
    stem_progressives: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = field(init=False, default=frozenset())  # every finite auxiliary (set below)

    @property
    def heads(self) -> frozenset[str]:
        """Words that can end a verb group by themselves: auxiliaries and listed perfective forms."""
        return self._heads

    def __post_init__(self) -> None:
        perfectives = (set(self.perfective_m2f) | set(self.perfective_f2m)) - self.transitive_perfectives
        heads = self.aux_singular | self.aux_plural | perfectives | self.subjunctive_heads
        object.__setattr__(self, "_heads", frozenset(heads))
        object.__setattr__(self, "auxiliaries", self.aux_singular | self.aux_plural)

    def noun_gender(self, word: str) -> str | None:
        if word in self.feminine:
            return "f"
        if word in self.masculine or word in self.oblique_aa:
            return "m"
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    d = load_data("hindi_lexicon.yaml")
    given = d.get("given_names") or {}
    names = {str(w): "m" for w in words(given.get("masculine"))} | {str(w): "f" for w in words(given.get("feminine"))}
    aux = {str(k): str(v) for k, v in d["auxiliaries"].items()}
    m2f = {str(k): str(v) if v else "" for k, v in d["perfective"].items()}
    f2m = {f: m for m, f in m2f.items() if f}
    f2m.update({str(k): str(v) for k, v in (d.get("perfective_variants") or {}).items()})
    return Lexicon(
        postpositions=words(d["postpositions"]),
        aux_singular=frozenset(k for k, v in aux.items() if v != "pl"),
        aux_plural=frozenset(k for k, v in aux.items() if v == "pl"),
        aux_gender={k: v for k, v in aux.items() if v in ("m", "f")},
        verb_stems=words(d["verb_stems"]),
        # a person noun is never a verb form: रोगी is not रो + गी ("will cry")
        not_verbs=words(d["not_verbs"]) | words(d["person_nouns"]) | words(d["gendered_person"]) | frozenset(names),
        light_verbs=words(d["light_verbs"]),
        light_perfectives=words(d["light_perfectives"]),
        perfective_m2f=m2f,
        perfective_f2m=f2m,
        person_nouns=words(d["person_nouns"]),
        adjectival_person=words(d["adjectival_person_nouns"]),
        determiners=words(d["determiners"]),
        transitive_perfectives=words(d["transitive_perfectives"]),
        gendered_person=words(d["gendered_person"]),
        feminine=words(d["feminine_nouns"]),
        masculine=words(d["masculine_nouns"]),
        oblique_aa=words(d["oblique_aa_nouns"]),
        stem_modals=words(d["stem_modals"]),
        stem_modal_perfectives=words(d["stem_modal_perfectives"]),
        names=names,
        surnames=words(d.get("surnames")),
        subjunctive_heads=words(d.get("subjunctive_heads")),
        stem_progressives=words(d.get("stem_progressives")),
    )
