"""The MQM-style verdict: weights, one penalty per overlapping error, thresholds."""

from __future__ import annotations

from kamclean.model import Flag
from kamclean.verdict import verdict


def _flag(sev: str, start: int, end: int, pointer: str = "/sections/0/paragraphs/0/text") -> Flag:
    return Flag("KC-G001", "x", "mistranslation", sev, "m", "t" * (end - start), pointer, start, end, 1, 1)


def test_clean_article_passes() -> None:
    v = verdict([], 500)
    assert v["verdict"] == "pass" and v["score"] == 0 and v["penalty"] == 0


def test_weights_and_normalisation() -> None:
    v = verdict([_flag("major", 0, 3), _flag("minor", 10, 12)], 1000)
    assert v["penalty"] == 6 and v["score"] == 6.0 and v["verdict"] == "review"


def test_overlapping_flags_count_once_at_the_most_severe() -> None:
    v = verdict([_flag("minor", 0, 20), _flag("major", 5, 10)], 1000)
    assert v["penalty"] == 5
    # the same offsets in another string are another error
    v = verdict([_flag("minor", 0, 20), _flag("major", 5, 10, "/title")], 1000)
    assert v["penalty"] == 6


def test_critical_fails_and_short_articles_use_the_word_floor() -> None:
    assert verdict([_flag("critical", 0, 1)], 5000)["verdict"] == "fail"
    v = verdict([_flag("minor", 0, 1)], 10)
    assert v["score"] == 10.0  # 1 point per max(10, 100) words
    assert verdict([_flag("major", i * 5, i * 5 + 2) for i in range(6)], 1000)["verdict"] == "fail"
