"""Speed and memory of ``kamclean run``, reported as ratios to a floor program run side by side.

    python benchmarks/bench.py [--n 2000] [--repeat 2] [--memory 2000,20000] [--work DIR] [--json FILE]

What it measures (each number is printed with what it means):

1. **Throughput.** A corpus of N sample-sized articles (benchmarks/make_corpus.py, seed 1). The floor
   (benchmarks/floor.py: read each file, write a trivial JSON document atomically) and ``kamclean run --jobs
   1`` and ``--jobs 2`` run as child processes on the same corpus, alternately, ``--repeat`` times; the best
   wall time of each is kept. Reported: articles/s and MB/s (per core), peak RSS of the child (``wait4``),
   and the ratio of kamclean's time to the floor's. An unchanged re-run (incremental: hash and skip) is
   timed too.
2. **Stages.** Per-article cost of each pipeline stage on the sample, in this process, including the QA
checks
   stage (whatever rules are registered).
3. **Linearity.** Time of a 1 MB article over a 10 KB one (ideal: 100x), and of pathological 1 MB lines over
   100 KB ones (ideal: 10x): long runs of "/", of spaces, of "$config[", of Devanagari with no spaces, of
   credit-like "a / b / " chains, of stutters and duplicated coordinations; a ratio far above the ideal would mean
   super-linear (backtracking) cost.
4. **Memory.** Peak RSS of ``kamclean run --jobs 1`` over corpora of small articles of growing size.

The machine may be shared with other work: every figure is printed next to the floor measured in the same
run, and the ratio is the number to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402


def machine() -> dict[str, str]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "cores": str(os.cpu_count()),
        "cpu": model,
        "ram": mem,
        "python": platform.python_version(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def timed_child(cmd: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB of the child and its waited-for children, exit code)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def kamclean_cmd(raw: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "kamclean", "run", "--jobs", str(jobs), "--no-progress", "-q", str(raw),
            str(out)]


def throughput(work: Path, n: int, repeat: int) -> dict[str, object]:
    corpus = work / f"corpus-{n}"
    if not corpus.exists():
        make_corpus.build(corpus, n, seed=1, size="sample")
    mb = sum(p.stat().st_size for p in corpus.rglob("*.txt")) / 1e6
    runs: dict[str, list[tuple[float, float]]] = {"floor": [], "jobs1": [], "jobs2": [], "rerun": []}
    for _ in range(repeat):
        for name, cmd in (
            ("floor", [sys.executable, str(HERE / "floor.py"), str(corpus), str(work / "out-floor")]),
            ("jobs1", kamclean_cmd(corpus, work / "out-1", 1)),
            ("jobs2", kamclean_cmd(corpus, work / "out-2", 2)),
        ):
            shutil.rmtree(work / f"out-{name[-1] if name != 'floor' else 'floor'}", ignore_errors=True)
            wall, rss, code = timed_child(cmd)
            if code not in (0, 2):
                raise SystemExit(f"{name}: exit code {code}")
            runs[name].append((wall, rss))
        wall, rss, _ = timed_child(kamclean_cmd(corpus, work / "out-1", 1))  # nothing changed: all skipped
        runs["rerun"].append((wall, rss))
    best = {k: min(v) for k, v in runs.items()}
    floor = best["floor"][0]
    rows = {}
    for name, (wall, rss) in best.items():
        cores = 2 if name == "jobs2" else 1
        rows[name] = {
            "seconds": round(wall, 3),
            "articles_per_s": round(n / wall, 1),
            "articles_per_s_per_core": round(n / wall / cores, 1),
            "mb_per_s_per_core": round(mb / wall / cores, 2),
            "peak_rss_mb": round(rss, 1),
            "x_floor": round(wall / floor, 2),
        }
    return {"articles": n, "mb": round(mb, 2), "runs": rows}


def stages() -> dict[str, float]:
    """Microseconds per sample article for each stage, in this process (best of 5 rounds of 200)."""
    from kamclean.checks import run_checks
    from kamclean.clean.engine import clean_lines, forget_lines
    from kamclean.config import Config
    from kamclean.emit.document import dumps_bytes, to_document
    from kamclean.emit.schema import validate_document
    from kamclean.ingest.text import decode
    from kamclean.pipeline import _catalog, analyse, process
    from kamclean.segment.structure import Layout, build_structure
    from kamclean.text.script import detect_language

    data = (ROOT / "raw" / "key-account-manager.txt").read_bytes()
    cfg = Config()
    _, text, _ = decode(data, "a.txt")
    lines = text.split("\n")
    cat = _catalog(cfg)
    kept, _ = clean_lines(lines, cat)
    p = analyse(data, "a.txt", cfg)
    content = "\n".join(s for _, s, _ in p.article.strings())
    doc = to_document(p.article)

    def per_call(f, n: int = 200) -> float:
        f()
        best = float("inf")
        for _ in range(5):
            t = time.perf_counter()
            for _ in range(n):
                f()
            best = min(best, (time.perf_counter() - t) / n)
        return round(best * 1e6, 1)

    return {
        "decode+normalise": per_call(lambda: decode(data, "a.txt")),
        "clean (artefacts)": per_call(lambda: clean_lines(lines, cat)),
        # lines are remembered once met twice (page boilerplate recurs): the same article with none remembered
        "clean (artefacts, lines not met before)": per_call(lambda: (forget_lines(), clean_lines(lines, cat))),
        "structure+sentences": per_call(lambda: build_structure(kept, Layout())),
        "language": per_call(lambda: detect_language(content)),
        "checks (QA rules)": per_call(lambda: run_checks(p.article, p.segments, cfg)),
        "to_document": per_call(lambda: to_document(p.article)),
        "validate (schema)": per_call(lambda: validate_document(doc)),
        "serialise": per_call(lambda: dumps_bytes(doc)),
        "process+serialise (total)": per_call(lambda: dumps_bytes(process(data, "a.txt", cfg))),
    }


def linearity() -> dict[str, object]:
    import random

    from kamclean.config import Config
    from kamclean.emit.document import dumps_bytes
    from kamclean.pipeline import process

    cfg = Config()
    parts = make_corpus._parts(ROOT / "raw")

    def cost(text: str, reps: int) -> float:
        data = text.encode()
        dumps_bytes(process(data, "a.txt", cfg))
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            for _ in range(reps):
                dumps_bytes(process(data, "a.txt", cfg))
            best = min(best, (time.perf_counter() - t) / reps)
        return best

    small = make_corpus.article(parts, random.Random(7), 10_000)
    big = make_corpus.article(parts, random.Random(7), 1_000_000)
    t_small, t_big = cost(small, 50), cost(big, 1)
    out: dict[str, object] = {
        "article_10kb_ms": round(t_small * 1e3, 2),
        "article_1mb_ms": round(t_big * 1e3, 1),
        "bytes_ratio": round(len(big.encode()) / len(small.encode()), 1),
        "time_ratio": round(t_big / t_small, 1),
    }
    title = "शीर्षक\n\n"
    patterns = {
        "slashes": "/",
        "spaces": " ",
        "config": "$config[",
        "devanagari-no-spaces": "कर्मचारीप्रबंधक",
        "credit-chain": "गेटी / ",
        "brought-to-you": "आप के लिए ",
        "coordination": "खर्च और खर्च से ",
        "feminine-genitives": "शरीर की तापमान और ",
        "vah-ve-clauses": "वह काम करता है। वे काम करते हैं। ",
        "glossary-candidates": "ग्राहक का दस्तावेजों ",
        "rupee-amounts": "₹ 500 और ",
        "dots-and-dandas": ". । ",
    }
    adversarial = {}
    for name, unit in patterns.items():
        times = []
        for size in (100_000, 1_000_000):
            line = (unit * (size // len(unit.encode()) + 1))[: size // 3 if not unit.isascii() else size]
            times.append(cost(title + "एक वाक्य " + line + " अंत।\n", 1))
        adversarial[name] = {"100kb_ms": round(times[0] * 1e3, 1), "1mb_ms": round(times[1] * 1e3, 1),
                             "time_ratio": round(times[1] / times[0], 1)}
    out["adversarial_lines"] = adversarial
    return out


def memory(work: Path, sizes: list[int]) -> dict[str, float]:
    out = {}
    for n in sizes:
        corpus = work / f"small-{n}"
        if not corpus.exists():
            make_corpus.build(corpus, n, seed=2, size="1500")
        target = work / "out-mem"
        shutil.rmtree(target, ignore_errors=True)
        wall, rss, _ = timed_child(kamclean_cmd(corpus, target, 1))
        out[str(n)] = {"peak_rss_mb": round(rss, 1), "seconds": round(wall, 1)}
        shutil.rmtree(target, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="sample-sized articles for the throughput runs")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--memory", default="2000,20000", help="corpus sizes (small articles) for peak RSS")
    ap.add_argument("--work", type=Path, default=None, help="corpora and outputs go here (default: temp)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--only", default="throughput,stages,linearity,memory")
    a = ap.parse_args()
    work = a.work or Path(tempfile.mkdtemp(prefix="kamclean-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    only = set(a.only.split(","))
    result: dict[str, object] = {"machine": machine()}
    print(json.dumps(result["machine"]), flush=True)
    if "stages" in only:
        result["stages_us_per_article"] = stages()
        print(json.dumps({"stages_us_per_article": result["stages_us_per_article"]}, indent=1), flush=True)
    if "throughput" in only:
        result["throughput"] = throughput(work, a.n, a.repeat)
        print(json.dumps({"throughput": result["throughput"]}, indent=1), flush=True)
    if "linearity" in only:
        result["linearity"] = linearity()
        print(json.dumps({"linearity": result["linearity"]}, indent=1), flush=True)
    if "memory" in only:
        result["memory"] = memory(work, [int(x) for x in a.memory.split(",") if x])
        print(json.dumps({"memory": result["memory"]}, indent=1), flush=True)
    result["machine"]["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    if a.json:
        a.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
