"""How long the QA checks take on real articles of the genre: per article, median and per KB.

    python benchmarks/checks_on_articles.py [FILE_OR_DIR ...] [--runs N] [--rounds R]

By default it reads the blind evaluation sets (tests/eval-blind) and the sample in raw/. Each article is
analysed once (ingest, cleaning, segmentation); then the checks run on it ``--rounds`` × ``--runs`` times and the
best round's mean is kept. langdetect's per-text cache is cleared before every run, so an article's English
sentences are paid for on every run, as when a corpus is checked once. Measured, never asserted: compare old and
new code by running this script alternately in one session (``PYTHONPATH=<other checkout>/src``).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import kamclean.text.script as script
from kamclean.checks import run_checks
from kamclean.config import Config
from kamclean.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    paths = args.paths or [ROOT / "tests" / "eval-blind", ROOT / "raw"]
    files = sorted(f for p in paths for f in (p.rglob("*.txt") if p.is_dir() else [p]))
    clear = getattr(getattr(script, "_langdetect_probs", None), "cache_clear", lambda: None)
    cfg = Config()
    rows = []
    for f in files:
        data = f.read_bytes()
        art = analyse(data, f.name, cfg)
        run_checks(art.article, art.segments, cfg)  # word lists and patterns loaded before timing
        best = float("inf")
        for _ in range(args.rounds):
            t = time.perf_counter()
            for _ in range(args.runs):
                clear()
                run_checks(art.article, art.segments, cfg)
            best = min(best, (time.perf_counter() - t) / args.runs)
        rows.append((best * 1e6, len(data), f))
    for us, size, f in sorted(rows)[:: max(1, len(rows) // 10)]:
        print(f"{us:8.0f} µs  {size / 1024:5.1f} KB  {f.relative_to(ROOT) if f.is_relative_to(ROOT) else f}")
    print(f"articles: {len(rows)}")
    print(
        f"median: {statistics.median(r[0] for r in rows):.0f} µs per article, "
        f"median size {statistics.median(r[1] for r in rows) / 1024:.1f} KB"
    )
    print(f"median per KB: {statistics.median(r[0] / r[1] * 1024 for r in rows):.0f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
