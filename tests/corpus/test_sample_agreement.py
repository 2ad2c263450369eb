"""Person agreement on the real sample: the one feminine switch is found, no masculine sentence is touched."""

from __future__ import annotations

import regex

from kamclean.config import Config
from kamclean.pipeline import process

REL = "key-account-manager.txt"
# a masculine singular verb group: participle in -ता, or a perfective in -आ, followed by है / था
_MASCULINE = regex.compile(r"[\p{L}\p{M}]+(?:ता|या|ला)\s+(?:है|था)(?![\p{L}\p{M}])")


def _sentence_of(doc: dict, pointer: str, start: int) -> str:
    _, _, si, _, pi, _ = pointer.split("/")
    par = doc["sections"][int(si)]["paragraphs"][int(pi)]
    return next(s["text"] for s in par["sentences"] if s["start"] <= start < s["end"])


def test_feminine_switch_is_flagged(sample_bytes: bytes) -> None:
    doc = process(sample_bytes, REL, Config())
    hits = [f for f in doc["flags"] if f["category"] == "agreement" and f["text"] == "करती है"]
    assert len(hits) == 1
    flag = hits[0]
    assert flag["suggestion"] == "करता है"
    assert flag["severity"] == "major"
    assert "प्रबंधन करती है" in _sentence_of(doc, flag["pointer"], flag["start"])


def test_no_agreement_flag_on_a_masculine_sentence(sample_bytes: bytes) -> None:
    doc = process(sample_bytes, REL, Config())
    agreement = [f for f in doc["flags"] if f["rule"].startswith("KC-P")]
    assert agreement, "the sample has agreement flags"
    masculine_sentences = 0
    for sec in doc["sections"]:
        for par in sec["paragraphs"]:
            for s in par["sentences"]:
                if _MASCULINE.search(s["text"]):
                    masculine_sentences += 1
    assert masculine_sentences >= 10
    for f in agreement:
        sentence = _sentence_of(doc, f["pointer"], f["start"])
        assert not _MASCULINE.search(sentence), (
            f"agreement flag {f['text']!r} in a masculine sentence: {sentence}"
        )


def test_singular_to_honorific_switch_is_minor(sample_bytes: bytes) -> None:
    doc = process(sample_bytes, REL, Config())
    hits = [f for f in doc["flags"] if f["rule"] == "KC-P002"]
    assert [(f["text"], f["suggestion"], f["severity"]) for f in hits] == [("उन्हें", "उसे", "minor")]
