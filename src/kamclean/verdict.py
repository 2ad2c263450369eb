"""A document's verdict: an MQM-style penalty score from its flags, and pass / review / fail.

MQM (Multidimensional Quality Metrics) scores a translation by summing penalty points per error, weighted by
severity, and normalising per 1,000 words. kamclean uses the standard MQM-Core weights:

=========  ======  ==============================================================
severity   points  meaning
=========  ======  ==============================================================
minor      1       noticeable, but the meaning gets through major      5       the meaning is changed or
lost; a reader is misled or stops critical   10      unusable as published (e.g. wrong figures, harmful
advice)
=========  ======  ==============================================================

* **One error, one penalty.** Flags whose spans overlap in the same string (a glossary flag on "गिनती"
  inside a term-consistency flag on "प्रमुख गिनती प्रबंधक") describe one error; it is counted once, at the
  weight of the most severe of them.
* **score** = penalty × 1,000 / max(words, 100). The floor of 100 words keeps a short snippet with a single
  minor flag from failing on arithmetic alone.
* **verdict**: ``fail`` when any flag is critical or the score is above 25 (five major errors per 1,000
  words); ``review`` when the score is above 5 (more than one major error, or more than five minor ones, per
  1,000 words); ``pass`` otherwise. Flags are *likely* errors, so a pass means "nothing worth an editor's
  time", and fail means "send back to translation".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kamclean.model import Flag

WEIGHTS = {"minor": 1, "major": 5, "critical": 10}
MIN_WORDS = 100
REVIEW_ABOVE = 5.0
FAIL_ABOVE = 25.0


def penalty(flags: Iterable[Flag]) -> int:
    """Sum of weights over distinct errors (overlapping flags in one string count once, most severe)."""
    by_pointer: dict[str, list[Flag]] = {}
    for f in flags:
        by_pointer.setdefault(f.pointer, []).append(f)
    total = 0
    for fs in by_pointer.values():
        fs.sort(key=lambda f: (f.start, f.end))
        group_end, group_weight = -1, 0
        for f in fs:
            w = WEIGHTS[f.severity]
            if f.start < group_end:  # overlaps the current error
                group_end = max(group_end, f.end)
                group_weight = max(group_weight, w)
                continue
            total += group_weight
            group_end, group_weight = f.end, w
        total += group_weight
    return total


def verdict(flags: list[Flag], words: int) -> dict[str, Any]:
    points = penalty(flags)
    score = round(points * 1000 / max(words, MIN_WORDS), 2)
    if any(f.severity == "critical" for f in flags) or score > FAIL_ABOVE:
        v = "fail"
    elif score > REVIEW_ABOVE:
        v = "review"
    else:
        v = "pass"
    return {
        "verdict": v,
        "score": score,
        "penalty": points,
        "words": words,
        "weights": dict(WEIGHTS),
        "thresholds": {"review_above": REVIEW_ABOVE, "fail_above": FAIL_ABOVE, "min_words": MIN_WORDS},
    }
