"""How long each QA rule takes on a sample-sized article (milliseconds, median of many runs).

    .venv/bin/python benchmarks/rule_timing.py [ARTICLE] [--runs N] [--select KC-P,KC-U,KC-S]

The article is analysed once (ingest, cleaning, segmentation); then every selected rule's ``check`` runs on a
fresh CheckContext each time, so the per-article caches a rule builds are paid on every run, as in a real run.
Word lists are loaded once per process before timing (the first article of a run pays that, ~once per worker).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from kamclean.checks.base import CheckContext
from kamclean.checks.registry import active_rules
from kamclean.config import Config
from kamclean.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("article", nargs="?", type=Path, default=ROOT / "raw" / "key-account-manager.txt")
    ap.add_argument("--runs", type=int, default=300)
    ap.add_argument("--select", default="")
    args = ap.parse_args(argv)
    select = tuple(s for s in args.select.split(",") if s)
    config = Config()  # the article is cleaned as in a real run; --select only chooses the rules timed
    article = analyse(args.article.read_bytes(), args.article.name, config).article
    rules = [r for r in active_rules(config) if not select or r.meta.id.startswith(select)]
    t0 = time.perf_counter()
    for rule in rules:  # warm-up: load word lists, compile patterns, import langdetect if a rule needs it
        list(rule.check(CheckContext(article, config)))
    warm = time.perf_counter() - t0
    per_rule: dict[str, list[float]] = {r.meta.id: [] for r in rules}
    totals: list[float] = []
    for _ in range(args.runs):
        ctx = CheckContext(article, config)
        start = time.perf_counter()
        for rule in rules:
            t = time.perf_counter()
            list(rule.check(ctx))
            per_rule[rule.meta.id].append(time.perf_counter() - t)
        totals.append(time.perf_counter() - start)
    words = CheckContext(article, config).word_count
    print(f"article: {args.article.name} ({words} words); rules: {len(rules)}; runs: {args.runs}")
    print(f"first-use load (once per process): {warm * 1000:.1f} ms")
    for rid, ts in per_rule.items():
        print(f"  {rid}: {statistics.median(ts) * 1000:.3f} ms")
    print(
        f"all selected rules, per article: median {statistics.median(totals) * 1000:.3f} ms, "
        f"p90 {sorted(totals)[int(0.9 * len(totals))] * 1000:.3f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
