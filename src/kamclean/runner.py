"""run(many articles): discovery, the local executor, the run summary.

One bad article never stops a run: its error becomes one line on stderr and an entry in the summary. Results
are collected in input order, so a parallel run writes exactly the same bytes as a sequential one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamclean import __version__
from kamclean.config import Config

RESERVED_DIR = ".kamclean"  # inside OUT; RAW's hidden entries are skipped, so no article can land here
SUMMARY_NAME = "summary.json"
ARTICLE_SUFFIXES = (".txt",)


class UsageError(Exception):
    """A run that must not start (bad paths); exit code 2."""


@dataclass(frozen=True)
class Task:
    path: str  # absolute path of the raw file
    rel: str  # POSIX path relative to RAW
    out: str  # absolute path of the document to write


@dataclass
class Outcome:
    rel: str
    ok: bool
    reason: str = ""
    output: str = ""
    removed: int = 0
    flags: dict[str, int] = field(default_factory=dict)
    verdict: str | None = None


@dataclass
class Discovery:
    tasks: list[Task]
    skipped: list[tuple[str, str]]


def check_paths(raw: Path, out: Path) -> None:
    if not raw.exists():
        raise UsageError(f"{raw}: no such file or folder")
    r, o = raw.resolve(), out.resolve()
    if o == r:
        raise UsageError(f"output folder {out} is the input folder; choose another")
    if r.is_dir() and r in o.parents:
        raise UsageError(f"output folder {out} is inside the input folder {raw}; choose one outside it")
    if o.exists() and not o.is_dir():
        raise UsageError(f"{out}: exists and is not a folder")


def discover(raw: Path, out: Path) -> Discovery:
    """Every ``*.txt`` under RAW (sorted, hidden entries skipped) and where its document goes."""
    tasks: list[Task] = []
    skipped: list[tuple[str, str]] = []
    if raw.is_file():
        candidates = [(raw, raw.name)]
    else:
        candidates = []
        for dirpath, dirnames, filenames in os.walk(raw):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            base = Path(dirpath)
            for name in sorted(filenames):
                p = base / name
                candidates.append((p, p.relative_to(raw).as_posix()))
    for p, rel in sorted(candidates, key=lambda c: c[1]):
        if Path(rel).name.startswith("."):
            continue
        if p.suffix.lower() not in ARTICLE_SUFFIXES:
            skipped.append((rel, f"skipped: not a text article ({p.suffix or 'no extension'})"))
            continue
        target = out / (rel[: -len(p.suffix)] + ".json")
        tasks.append(Task(str(p), rel, str(target)))
    return Discovery(tasks, skipped)


def process_task(task: Task, config: Config) -> Outcome:
    """Read, process and write one article. Never raises for a bad article."""
    from kamclean.emit.document import dumps
    from kamclean.emit.schema import SchemaError
    from kamclean.emit.writer import write_atomic
    from kamclean.ingest.text import InputError, read_bytes
    from kamclean.pipeline import process

    try:
        doc = process(read_bytes(Path(task.path), task.rel), task.rel, config)
        write_atomic(Path(task.out), dumps(doc))
    except InputError as exc:
        return Outcome(task.rel, False, exc.reason)
    except SchemaError as exc:  # a bug, but one article's bug must not stop the run
        return Outcome(task.rel, False, f"internal error: {exc}")
    except OSError as exc:
        return Outcome(task.rel, False, f"cannot write output ({exc.strerror or exc})")
    stats = doc["stats"]
    return Outcome(
        task.rel,
        True,
        output=task.out,
        removed=stats["removed"],
        flags=dict(stats["flags"]),
        verdict=doc.get("verdict", {}).get("verdict") if isinstance(doc.get("verdict"), dict) else None,
    )


def _worker(args: tuple[Task, Config]) -> Outcome:
    return process_task(*args)


def execute(tasks: list[Task], config: Config, jobs: int, progress: bool) -> Iterator[Outcome]:
    """Process tasks with ``jobs`` processes (1 = in this process), yielding outcomes in input order."""
    bar = _progress(len(tasks), progress)
    try:
        if jobs <= 1 or len(tasks) <= 1:
            for t in tasks:
                outcome = process_task(t, config)
                bar(1)
                yield outcome
        else:
            chunk = max(1, min(64, len(tasks) // (jobs * 8)))
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for outcome in pool.map(_worker, ((t, config) for t in tasks), chunksize=chunk):
                    bar(1)
                    yield outcome
    finally:
        bar(0, close=True)


def _progress(total: int, enabled: bool) -> Callable[..., None]:
    if not enabled or not sys.stderr.isatty():
        return lambda n, close=False: None
    from tqdm import tqdm

    t = tqdm(total=total, unit="article", delay=0.5, file=sys.stderr, dynamic_ncols=True)

    def update(n: int, close: bool = False) -> None:
        if n:
            t.update(n)
        if close:
            t.close()

    return update


def summary(outcomes: list[Outcome], skipped: list[tuple[str, str]], out: Path) -> dict[str, Any]:
    ok = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    flags = {"critical": 0, "major": 0, "minor": 0}
    for o in ok:
        for k, v in o.flags.items():
            flags[k] = flags.get(k, 0) + v
    return {
        "schema": "kamclean.run/1",
        "kamclean": __version__,
        "articles": len(ok),
        "failed": [{"path": o.rel, "reason": o.reason} for o in failed],
        "skipped": [{"path": p, "reason": r} for p, r in skipped],
        "removed": sum(o.removed for o in ok),
        "flags": flags,
        "documents": [
            {
                "path": o.rel,
                "output": Path(o.output).resolve().relative_to(out.resolve()).as_posix(),
                "removed": o.removed,
                "flags": o.flags,
                **({"verdict": o.verdict} if o.verdict else {}),
            }
            for o in ok
        ],
    }
