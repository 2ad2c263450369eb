"""Property tests for the person, untranslated and grammar rules: whatever the mix of sentences, every flag
is a clean span (no surrounding space or punctuation), its suggestion differs from it, and no rule fails."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamclean.config import Config
from kamclean.pipeline import analyse

SENTENCES = [
    "एक प्रबंधक टीम का नेतृत्व करता है।",
    "वह बजट का प्रबंधन करती है और नए अवसरों के साथ आती है।",
    "उसने एक रिपोर्ट लिखी।",
    "उसके पास डिग्री होती है।",
    "उन्हें बाजार की समझ है।",
    '"वह समय पर आती है," वह कहता है।',
    "वह खाता का विश्लेषण करता है।",
    "स्तर के लाभप्रदता के कारण यह अहम है।",
    "वेतन $ 51,933 है।",
    "the candidate must have five years of experience",
    "वह ग्राहकों से ملاقات करता है।",
    "हे काम खूप महत्त्वाचे आहे आणि ते वेळेवर व्हायला हवे.",
    "यो काम गर्न पनि सजिलो छ।",
    "(वह भी काम करती है)",
    "वह -- करता है , और ... आती है ।",
    "कई कंपनियां प्रशिक्षण की जिम्मेदारी लेती हैं।",
]
PUNCT = " \t\n।॥.,;:!?\"'“”‘’()[]"
WHOLE_SENTENCE = {"KC-U003"}  # flags a whole sentence, its final punctuation included

paragraph = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8).map(" ".join)
article = st.lists(paragraph, min_size=1, max_size=5).map("\n\n".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article)
def test_flags_are_clean_spans(text: str) -> None:
    art = analyse(text.encode("utf-8"), "p.txt", Config(select=("KC-P", "KC-U", "KC-S"))).article
    strings = {p: t for p, t, _ in art.strings()}
    for f in art.flags:
        assert strings[f.pointer][f.start : f.end] == f.text
        assert f.text and f.text[0] not in PUNCT, f.text
        if f.rule not in WHOLE_SENTENCE:
            assert f.text[-1] not in PUNCT.replace(".", ""), f.text
        assert f.suggestion is None or f.suggestion != f.text


def test_every_glossary_and_term_pattern_has_a_literal_prefilter() -> None:
    """A glossary entry or term variant whose pattern yields no literal pre-condition is searched in every
    article, whatever its words (about 65 µs each on a sample article): write it so that a literal starts it or
    is required (see kamclean.checks.patterns.literal_analysis)."""
    from kamclean.checks.glossary import GlossaryRule
    from kamclean.checks.registry import active_rules
    from kamclean.checks.terms import TermRule

    missing = []
    for rule in active_rules(Config()):
        if isinstance(rule, GlossaryRule):
            matchers = [c.matcher for c in rule.conditions]
        elif isinstance(rule, TermRule):
            matchers = list(rule.variants)
        else:
            continue
        missing += [rule.meta.id for m in matchers if m.prefixes is None and m.required is None]
    assert missing == []
