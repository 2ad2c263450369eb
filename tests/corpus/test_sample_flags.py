"""The flags the sample must carry (glossary, terms, repetition) and its verdict."""

from __future__ import annotations

from kamclean.config import Config
from kamclean.pipeline import process

REL = "key-account-manager.txt"


def _flags(sample_bytes: bytes) -> list[dict]:
    return process(sample_bytes, REL, Config())["flags"]


def _has(flags: list[dict], text: str, category: str) -> bool:
    return any(text in f["text"] and f["category"] == category for f in flags)


def test_required_flags(sample_bytes: bytes) -> None:
    flags = _flags(sample_bytes)
    assert _has(flags, "नुकसान भरपाई", "mistranslation")
    assert _has(flags, "गिनती", "terminology")
    assert _has(flags, "25 वां प्रतिशत", "mistranslation")
    assert _has(flags, "खाता प्रबंधन और खाता प्रबंधन", "repetition")


def test_flags_point_at_their_text(sample_bytes: bytes) -> None:
    doc = process(sample_bytes, REL, Config())
    for f in doc["flags"]:
        parts = f["pointer"].strip("/").split("/")
        node = doc
        for p in parts:
            node = node[int(p)] if isinstance(node, list) else node[p]
        assert node[f["start"] : f["end"]] == f["text"]


def test_suggestions(sample_bytes: bytes) -> None:
    flags: dict = {}
    for f in _flags(sample_bytes):
        flags.setdefault(f["rule"], f)
    assert flags["KC-G003"]["suggestion"] == "25वां प्रतिशतक"
    assert flags["KC-G001"]["suggestion"] == "पारिश्रमिक"
    assert flags["KC-T001"]["suggestion"] == "प्रमुख खाता प्रबंधक"


def test_correct_words_near_errors_are_not_flagged(sample_bytes: bytes) -> None:
    flags = _flags(sample_bytes)
    # "औसत वेतन" from PayScale (a range, not a BLS median) and "13 प्रतिशत" are right as written
    assert not any(f["text"] == "औसत" and f["line"] == 29 for f in flags)
    assert not any("13 प्रतिशत" in f["text"] for f in flags)


def test_verdict(sample_bytes: bytes) -> None:
    v = process(sample_bytes, REL, Config())["verdict"]
    assert v["verdict"] == "fail" and v["score"] > 25
