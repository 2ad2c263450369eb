"""The morphology behind KC-P001: which words form a gendered verb group, and their other gender."""

from __future__ import annotations

import pytest

from kamclean.checks.agreement import swap_gender
from kamclean.checks.clauses import analyse_sentence, verb_groups, vocab
from kamclean.checks.lexicon import lexicon
from kamclean.checks.units import Unit


def _unit(text: str) -> Unit:
    parts = text.split()
    return Unit("/x", 0, text, parts, [p.strip("।,") for p in parts], 0)


@pytest.mark.parametrize(
    ("word", "to", "expected"),
    [
        ("करती", "m", "करता"),
        ("सकती", "m", "सकता"),
        ("गई", "m", "गया"),
        ("गयी", "m", "गया"),
        ("थी", "m", "था"),
        ("करेगी", "m", "करेगा"),
        ("जाएगी", "m", "जाएगा"),
        ("चली", "m", "चला"),
        ("करता", "f", "करती"),
        ("होगा", "f", "होगी"),
        ("है", "m", "है"),
        ("पहुंच", "m", "पहुंच"),
    ],
)
def test_swap_gender(word: str, to: str, expected: str) -> None:
    assert swap_gender(word, to, lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("वह संघर्ष का प्रबंधन करती है।", [("करती है", "f", False)]),
        ("वह काम कर सकता है।", [("कर सकता है", "m", False)]),
        ("वह काम कर रही थी।", [("कर रही थी", "f", False)]),
        ("वे ग्राहकों से मिलते हैं।", [("मिलते हैं", None, True)]),
        ("वह अगले साल प्रबंधक बनेगी।", [("बनेगी", "f", False)]),
        ("उसकी क्षमता है।", []),  # क्षमता is a noun, not a participle
        ("कंपनी के खाते संभालता है।", [("संभालता है", "m", False)]),  # खाते is not part of the group
    ],
)
def test_verb_groups(text: str, groups: list) -> None:
    u = _unit(text)
    found = [
        (" ".join(u.words[g.first : g.last + 1]), g.gender, g.plural)
        for g in verb_groups(u, lexicon(), vocab())
    ]
    assert found == groups


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("वह संघर्ष का प्रबंधन करती है और नए अवसरों के साथ आती है।", ["pronoun", "conjunct"]),
        ("उसने एक रिपोर्ट लिखी।", []),  # ने: the verb agrees with the object
        ("उसके पास डिग्री होती है।", []),  # possession: the verb agrees with the thing
        ("उसे यात्रा करनी पड़ती है।", []),  # dative subject
        ("कई कंपनियां जिम्मेदारी लेती हैं।", []),  # plural
        ("प्रबंधक के पास अनुभव होता है।", []),  # प्रबंधक is oblique
        ("एक प्रबंधक टीम चलाता है।", ["noun"]),
        ("जो नीति कंपनी अपनाती है वह बदलती है।", []),  # correlative वह
    ],
)
def test_person_evidence(text: str, kinds: list[str]) -> None:
    assert [ev.kind for ev in analyse_sentence(_unit(text))] == kinds
