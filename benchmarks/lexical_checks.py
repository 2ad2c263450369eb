"""How much the lexical rules (KC-G glossary, KC-T terms, KC-R repetition) add to processing one article.

    python benchmarks/lexical_checks.py [ARTICLE] [--repeat N]

Times, on a sample-sized article: (1) the rules' ``check`` alone on a fresh context (building the per-article
matching keys included, as in a real run), and (2) the whole ``analyse`` with these families enabled vs
ignored.
Rules are compiled once per process (lru_cache) and warmed up before timing. Reported, never asserted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kamclean.checks.base import CheckContext
from kamclean.checks.registry import active_rules
from kamclean.config import Config
from kamclean.pipeline import analyse

FAMILIES = ("KC-G", "KC-T", "KC-R")


def main() -> None:
    argv = sys.argv[1:]
    repeat = 300
    if "--repeat" in argv:
        i = argv.index("--repeat")
        repeat = int(argv[i + 1])
        del argv[i : i + 2]
    args = argv
    path = (
        Path(args[0]) if args else Path(__file__).resolve().parent.parent / "raw" / "key-account-manager.txt"
    )
    data = path.read_bytes()
    on, off = Config(), Config(ignore=FAMILIES)
    article = analyse(data, path.name, on).article
    rules = [r for r in active_rules(on) if r.meta.id.startswith(FAMILIES)]
    for _ in range(20):  # warm-up: compile patterns, fill caches
        analyse(data, path.name, on)
        analyse(data, path.name, off)

    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        ctx = CheckContext(article, on)
        for r in rules:
            list(r.check(ctx))
    checks = (time.perf_counter() - t0) / repeat
    checks_cpu = (time.process_time() - c0) / repeat

    def timed(config: Config) -> float:
        t = time.perf_counter()
        for _ in range(repeat):
            analyse(data, path.name, config)
        return (time.perf_counter() - t) / repeat

    with_, without = timed(on), timed(off)
    words = len(article.text.split())
    print(f"article: {path.name}, {words} words, {len(rules)} lexical rules")
    print(f"lexical checks alone:        {checks * 1000:.3f} ms per article (CPU {checks_cpu * 1000:.3f} ms)")
    print(
        f"analyse with / without them: {with_ * 1000:.3f} ms / {without * 1000:.3f} ms "
        f"(adds {(with_ - without) * 1000:.3f} ms)"
    )


if __name__ == "__main__":
    main()
