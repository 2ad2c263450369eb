"""The golden test on the real scraped sample (raw/key-account-manager.txt)."""

from __future__ import annotations

import json

from kamclean.config import Config
from kamclean.emit.document import dumps
from kamclean.emit.roundtrip import rebuild_bytes
from kamclean.pipeline import process

from ..conftest import ROOT

REL = "key-account-manager.txt"


def test_title_and_headings(sample_bytes: bytes) -> None:
    doc = process(sample_bytes, REL, Config())
    assert doc["title"] == "मुख्य खाता प्रबंधक के लिए नौकरी का विवरण"
    assert [s["heading"] for s in doc["sections"] if s["heading"] is not None] == [
        "शिक्षा और प्रमाणन",
        "ज़िम्मेदारी और कर्तव्यों",
        "नुकसान भरपाई",
        "नौकरी का दृष्टिकोण",
        "वांछनीय कौशल",
        "2016 बिक्री प्रबंधकों के लिए वेतन सूचना",
    ]


def test_every_artefact_is_removed(sample_bytes: bytes) -> None:
    doc = process(sample_bytes, REL, Config())
    artefacts = [r["text"] for r in doc["removed"] if r["kind"] != "whitespace"]
    assert len(artefacts) == 10
    # each whole: a credit cut in two would leave its first half in the text
    assert "बृहस्पति / Photos.com / गेटी इमेज" in artefacts
    assert "टॉड वार्नॉक / लाइफसाइज़ / गेटी इमेजेज़" in artefacts
    assert len(set(artefacts)) == 9
    assert artefacts.count("डिजिटल विजन। / डिजिटल विजन / गेटी इमेजेज") == 2
    content = "\n".join(
        [doc["title"]]
        + [s["heading"] for s in doc["sections"] if s["heading"]]
        + [p["text"] for s in doc["sections"] for p in s["paragraphs"]]
    )
    for residue in ("$config", "Anonim", "गेटी", "विषयसूची", "दिन का वीडियो", "लाया", "Photos.com", "तस्वीरें"):
        assert residue not in content


def test_every_content_sentence_is_kept_word_for_word(sample_bytes: bytes) -> None:
    doc = process(sample_bytes, REL, Config())
    paragraphs = [p["text"] for s in doc["sections"] for p in s["paragraphs"]]
    raw_lines = sample_bytes.decode("utf-8").split("\n")
    # every long raw line is a content paragraph, kept exactly
    prose = [ln for ln in raw_lines if len(ln) > 80]
    assert prose, "the sample has prose lines"
    for ln in prose:
        assert ln in paragraphs
    sentences = [s["text"] for s in doc["sections"] for p in s["paragraphs"] for s in p["sentences"]]
    assert "वह संघर्ष का प्रबंधन करती है और प्रभावी बातचीत और बिक्री रणनीतियों के साथ आती है।" in sentences


def test_nothing_lost_and_idempotent(sample_bytes: bytes) -> None:
    doc = process(sample_bytes, REL, Config())
    assert rebuild_bytes(doc) == sample_bytes
    cleaned = "\n\n".join(
        [doc["title"]]
        + [
            x
            for s in doc["sections"]
            for x in ([s["heading"]] if s["heading"] else []) + [p["text"] for p in s["paragraphs"]]
        ]
    )
    again = process(cleaned.encode("utf-8"), REL, Config())
    assert [r for r in again["removed"] if r["kind"] != "whitespace"] == []


def test_committed_output_matches_a_fresh_run(sample_bytes: bytes) -> None:
    committed = ROOT / "cleaned" / "key-account-manager.json"
    doc = process(sample_bytes, REL, Config())
    assert committed.read_text(encoding="utf-8") == dumps(doc)
    assert json.loads(committed.read_text(encoding="utf-8"))["schema"] == "kamclean.document/1"
