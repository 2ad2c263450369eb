"""Each person, untranslated and grammar rule flags its documented example, and not its "use instead"."""

from __future__ import annotations

import pytest

from kamclean.checks import registry
from kamclean.config import Config
from kamclean.pipeline import analyse

FAMILIES = ("KC-P", "KC-U", "KC-S")


def _rules() -> list:
    return [r for r in registry.all_rules(Config()) if r.meta.id.startswith(FAMILIES)]


def _fired(rule_id: str, text: str) -> list[str]:
    article = analyse(text.encode("utf-8"), "example.txt", Config()).article
    return [f.text for f in article.flags if f.rule == rule_id]


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.meta.id)
def test_documented_example_fires_and_fix_does_not(rule) -> None:
    meta = rule.meta
    assert meta.what and meta.why and meta.example and meta.instead, f"{meta.id}: incomplete documentation"
    assert _fired(meta.id, meta.example), f"{meta.id}: its own example is not flagged"
    assert _fired(meta.id, meta.instead) == [], f"{meta.id}: its 'use instead' text is flagged"


def test_the_families_are_registered() -> None:
    ids = {r.meta.id for r in _rules()}
    expected = {"KC-P001", "KC-P002", "KC-U001", "KC-U002", "KC-U003"}
    expected |= {"KC-S001", "KC-S002", "KC-S003", "KC-S004", "KC-S005", "KC-S006", "KC-P003"}
    assert expected <= ids


def test_no_two_glossary_or_term_rules_flag_the_same_words() -> None:
    # two entries of one family for one error (one added without seeing the other) would flag the same words
    # twice; a glossary entry and a term set may both fire (a wrong word, and an inconsistent one)
    rules = [r for r in registry.all_rules(Config()) if r.meta.id.startswith(("KC-G", "KC-T"))]
    clashes = []
    for rule in rules:
        example = getattr(rule, "example", None) or getattr(rule.meta, "example", None)
        if not example:
            continue
        flags = [f for f in analyse(example.encode("utf-8"), "example.txt", Config()).article.flags]
        lexical = [f for f in flags if f.rule.startswith(("KC-G", "KC-T"))]
        for i, a in enumerate(lexical):
            for b in lexical[i + 1 :]:
                same_place = a.pointer == b.pointer and a.start < b.end and b.start < a.end
                if a.rule != b.rule and a.rule[:4] == b.rule[:4] and same_place:
                    clashes.append((rule.meta.id, a.rule, b.rule, a.text, b.text))
    assert clashes == []
