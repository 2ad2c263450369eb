"""How long `kamclean check ONE_ARTICLE` takes from a cold process: start-up plus one article.

    python benchmarks/check_startup.py [ARTICLE] [--runs N]

Prints the median and best wall time of `kamclean check ARTICLE` (text format, output discarded) next to
`python -c pass` and `kamclean --version` for reference, and the cumulative import time of the modules loaded
at start-up (`python -X importtime`). Measured, never asserted: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(cmd: list[str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


def import_ms(module: str) -> float:
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    line = next(ln for ln in reversed(err.splitlines()) if ln.rstrip().endswith(f"| {module}"))
    return int(line.split("|")[1]) / 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("article", nargs="?", default=str(ROOT / "raw" / "key-account-manager.txt"))
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    kamclean = [str(Path(sys.executable).parent / "kamclean")]
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("kamclean --version", [*kamclean, "--version"]),
        ("kamclean check ARTICLE", [*kamclean, "check", "--exit-zero", args.article]),
        (
            "kamclean check --format sarif ARTICLE",
            [*kamclean, "check", "--exit-zero", "--format", "sarif", args.article],
        ),
    ]
    wall(rows[2][1], 2)  # warm the file cache
    for name, cmd in rows:
        med, best = wall(cmd, args.runs)
        print(f"{name:40} median {med * 1000:6.0f} ms   best {best * 1000:6.0f} ms")
    print(f"{'import kamclean.cli (cumulative)':40} {import_ms('kamclean.cli'):6.0f} ms")


if __name__ == "__main__":
    main()
