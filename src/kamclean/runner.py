"""run(many articles): discovery, execution, the manifest that makes re-runs incremental, the run summary.

* **Inputs.** Under RAW (a folder, a single file, or an fsspec URL): ``*.txt`` articles, ``*.html`` /
  ``*.htm`` pages (main text through trafilatura, the ``html`` extra) and ``*.jsonl`` / ``*.jsonl.gz``
  shards of one article per line. Hidden entries are skipped; other files are listed as skipped.
* **Outputs.** ``OUT/<rel>.json`` for an article or page; ``OUT/<rel>.jsonl[.gz]`` (one document per line)
  for a shard, or with ``--split`` one ``OUT/<shard>/<id>.json`` per record. OUT may be an fsspec URL too.
* **Execution.** A unit of work is one input file. Units run in this process, in a process pool (``--jobs``)
  or on a Dask cluster (``--executor dask``); each is a pure function of its input and the config, and the
  summary is built in input order, so every executor writes the same bytes.
* **Incremental runs.** ``OUT/.kamclean/manifest.json`` records, per input, the SHA-256 of its bytes, its
  outputs and what the summary needs, under a fingerprint of the kamclean version, the packaged data and the
  configuration (with the contents of the user's data files). A re-run skips inputs whose hash is unchanged
  and whose outputs are all present, reprocesses the others, and deletes the outputs of inputs that are gone
  (listed as ``deleted`` in the summary); a different fingerprint, or ``--force``, reprocesses everything.
* **Crash safety.** Documents are written atomically. The main process records a unit as done only after the
  worker has written all its outputs, first in journal segments (``OUT/.kamclean/journal/``, each written
  atomically), and at the end in the manifest, written atomically, after which the journal is removed. A run
  that is killed therefore leaves OUT with whole documents and a journal of units known to be complete; the
  next run replays the journal, skips those units and redoes the rest, ending with the same OUT as an
  uninterrupted run.

One bad article never stops a run: its error becomes one line on stderr and an entry in the summary.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from kamclean import __version__
from kamclean.config import Config
from kamclean.ingest import html as html_input
from kamclean.ingest import jsonl as jsonl_input
from kamclean.store import Store, StoreError, is_url, local_path, open_store

RESERVED_DIR = ".kamclean"  # inside OUT; RAW's hidden entries are skipped, so no article can land here
SUMMARY_NAME = "summary.json"
MANIFEST_NAME = "manifest.json"
JOURNAL_DIR = "journal"
MANIFEST_SCHEMA = "kamclean.manifest/1"
TEXT_SUFFIXES = (".txt",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + html_input.SUFFIXES + jsonl_input.SUFFIXES
EXECUTORS = ("local", "dask")


class UsageError(Exception):
    """A run that must not start (bad paths, a missing extra); exit code 2."""


# --- units of work and their results ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Task:
    rel: str  # POSIX path of the input relative to RAW
    fmt: str  # "text" | "html" | "jsonl"
    out: str  # output path relative to OUT (for a split shard: the folder of its documents)
    known: tuple[str, tuple[str, ...]] | None = None  # (sha256, outputs) recorded by the manifest


@dataclass(frozen=True)
class RunSpec:
    """Everything a worker needs besides its tasks (strings and a frozen config: cheap to send anywhere)."""

    raw: str
    out: str
    config: Config
    split: bool = False


@dataclass
class Result:
    rel: str
    # "done" (processed; recorded), "unchanged" (skipped), "error" (not recorded; retried next run)
    status: str
    sha256: str | None = None
    outputs: list[str] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)

    def entry(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "outputs": self.outputs,
            "documents": self.documents,
            "failed": self.failed,
        }


def _doc_entry(doc: dict[str, Any], rel: str, output: str, rid: str | None = None) -> dict[str, Any]:
    stats = doc["stats"]
    verdict = doc.get("verdict")
    entry: dict[str, Any] = {"path": rel}
    if rid is not None:
        entry["id"] = rid
    entry.update(output=output, removed=stats["removed"], flags=dict(stats["flags"]))
    if isinstance(verdict, dict) and verdict.get("verdict"):
        entry["verdict"] = verdict["verdict"]
    return entry


def _unchanged(task: Task, sha: str, out: Store) -> bool:
    return task.known is not None and task.known[0] == sha and all(out.has(o) for o in task.known[1])


def _file_sha(store: Store, rel: str) -> str:
    h = hashlib.sha256()
    with store.open_read(rel) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def process_task(spec: RunSpec, task: Task) -> Result:
    """Read, process and write one input file. Never raises for a bad input."""
    from kamclean.emit.schema import SchemaError
    from kamclean.ingest.text import InputError

    raw, out = open_store(spec.raw), open_store(spec.out)
    try:
        if task.fmt == "jsonl":
            return _process_shard(spec, task, raw, out)
        return _process_article(spec, task, raw, out)
    except InputError as exc:  # cannot read the file: maybe transient, so not recorded
        return Result(task.rel, "error", failed=[{"path": task.rel, "reason": exc.reason}])
    except SchemaError as exc:  # a bug, but one article's bug must not stop the run
        return Result(task.rel, "error", failed=[{"path": task.rel, "reason": f"internal error: {exc}"}])
    except OSError as exc:
        reason = f"cannot read or write ({exc.strerror or exc})"
        return Result(task.rel, "error", failed=[{"path": task.rel, "reason": reason}])


def _read(raw: Store, rel: str) -> bytes:
    from kamclean.ingest.text import InputError

    try:
        return raw.read_bytes(rel)
    except PermissionError:
        raise InputError(rel, "cannot read the file (permission denied)") from None
    except IsADirectoryError:
        raise InputError(rel, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(rel, f"cannot read the file ({exc.strerror or exc})") from None


def _process_article(spec: RunSpec, task: Task, raw: Store, out: Store) -> Result:
    from kamclean.emit.document import dumps_bytes
    from kamclean.ingest.text import InputError
    from kamclean.pipeline import process

    data = _read(raw, task.rel)
    sha = hashlib.sha256(data).hexdigest()
    if _unchanged(task, sha, out):
        return Result(task.rel, "unchanged", sha)
    meta = None
    try:
        if task.fmt == "html":
            text = html_input.html_to_text(data)
            if text is None:
                raise InputError(task.rel, "no main text found in the HTML page")
            data, meta = text.encode("utf-8"), {"format": "html"}
        doc = process(data, task.rel, spec.config, meta)
    except html_input.HtmlUnavailable as exc:
        return Result(task.rel, "error", sha, failed=[{"path": task.rel, "reason": str(exc)}])
    except InputError as exc:  # the input itself is unusable: deterministic, so recorded
        return Result(task.rel, "done", sha, failed=[{"path": task.rel, "reason": exc.reason}])
    out.write(task.out, dumps_bytes(doc))
    return Result(task.rel, "done", sha, [task.out], [_doc_entry(doc, task.rel, task.out)])


def _process_shard(spec: RunSpec, task: Task, raw: Store, out: Store) -> Result:
    import gzip
    import zlib
    from contextlib import ExitStack

    from kamclean.emit.document import dumps_bytes, dumps_line
    from kamclean.ingest.text import InputError
    from kamclean.pipeline import process

    sha = _file_sha(raw, task.rel)
    if _unchanged(task, sha, out):
        return Result(task.rel, "unchanged", sha)
    res = Result(task.rel, "done", sha)
    try:
        with raw.open_read(task.rel) as fh, ExitStack() as stack:
            writer: Any = None
            if not spec.split:
                writer = stack.enter_context(out.open_write(task.out))
                if task.out.endswith(".gz"):  # deterministic gzip: no file name, mtime 0
                    gz = gzip.GzipFile(filename="", mode="wb", fileobj=writer, mtime=0)
                    writer = stack.enter_context(gz)
            for item in jsonl_input.records(jsonl_input.open_lines(fh, task.rel)):
                where = f"{task.rel}:{item.line}"
                if isinstance(item, jsonl_input.BadLine):
                    res.failed.append({"path": where, "reason": item.reason})
                    continue
                if spec.split:
                    try:
                        doc_rel = f"{task.out}/{jsonl_input.id_to_path(item.id)}.json"
                    except jsonl_input.UnsafeId as exc:
                        res.failed.append({"path": where, "reason": f"record {item.id!r}: {exc}"})
                        continue
                if not item.text.strip():
                    res.failed.append({"path": where, "reason": f"record {item.id!r}: empty text"})
                    continue
                meta = {"id": item.id, "format": "jsonl"}
                if item.url:
                    meta["url"] = item.url
                if item.title:
                    meta["title"] = item.title
                try:
                    doc = process(item.text.encode("utf-8"), task.rel, spec.config, meta)
                except InputError as exc:
                    res.failed.append({"path": where, "reason": f"record {item.id!r}: {exc.reason}"})
                    continue
                if spec.split:
                    out.write(doc_rel, dumps_bytes(doc))
                    res.outputs.append(doc_rel)
                    res.documents.append(_doc_entry(doc, task.rel, doc_rel, item.id))
                else:
                    writer.write(dumps_line(doc))
                    res.documents.append(_doc_entry(doc, task.rel, task.out, item.id))
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        # a corrupt shard is not published (documents a split run already wrote stay recorded, so that they
        # are cleaned up with the shard)
        failed = [{"path": task.rel, "reason": f"not a valid gzip file ({exc})"}]
        return Result(task.rel, "done", sha, res.outputs if spec.split else [], [], failed)
    if not spec.split:
        res.outputs.append(task.out)
    return res


def _run_batch(spec: RunSpec, batch: list[Task]) -> list[Result]:
    return [process_task(spec, t) for t in batch]


# --- discovery
# -----------------------------------------------------------------------------------------------


@dataclass
class Discovery:
    tasks: list[Task]
    skipped: list[tuple[str, str]]
    failed: list[tuple[str, str]] = field(default_factory=list)


def _is_inside(child: str, parent: str) -> bool:
    c, p = PurePosixPath(child), PurePosixPath(parent)
    return c == p or p in c.parents


def check_paths(raw: str, out: str) -> None:
    """Refuse a run whose RAW is missing, or whose OUT is RAW or inside it."""
    try:
        raw_store = open_store(raw)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    if not raw_store.exists():
        raise UsageError(f"{raw}: no such file or folder")
    if is_url(raw) or is_url(out):
        r, o = raw.rstrip("/"), out.rstrip("/")
        if r == o:
            raise UsageError(f"output folder {out} is the input folder; choose another")
        if o.startswith(r + "/"):
            raise UsageError(f"output folder {out} is inside the input folder {raw}; choose one outside it")
        return
    r, o = os.path.realpath(local_path(raw)), os.path.realpath(local_path(out))
    if o == r:
        raise UsageError(f"output folder {out} is the input folder; choose another")
    if os.path.isdir(r) and _is_inside(o, r):
        raise UsageError(f"output folder {out} is inside the input folder {raw}; choose one outside it")
    if os.path.exists(o) and not os.path.isdir(o):
        raise UsageError(f"{out}: exists and is not a folder")


def _kind(rel: str) -> str | None:
    low = rel.lower()
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    if low.endswith(html_input.SUFFIXES):
        return "html"
    if jsonl_input.is_jsonl(low):
        return "jsonl"
    return None


def _output_of(rel: str, fmt: str, split: bool) -> str:
    if fmt == "jsonl":
        base = jsonl_input.stem(rel)
        if split:
            return base
        return base + (".jsonl.gz" if rel.lower().endswith(".gz") else ".jsonl")
    return str(PurePosixPath(rel).with_suffix(".json"))


def discover(raw: str, split: bool = False) -> Discovery:
    """Every input under RAW, sorted by relative path, and where its output goes."""
    found = Discovery([], [])
    claimed: dict[str, str] = {}
    for rel in open_store(raw).walk():
        fmt = _kind(rel)
        if fmt is None:
            suffix = PurePosixPath(rel).suffix
            found.skipped.append((rel, f"skipped: not an article ({suffix or 'no extension'})"))
            continue
        target = _output_of(rel, fmt, split)
        if target in claimed:
            found.failed.append((rel, f"its output {target} is already the output of {claimed[target]}"))
            continue
        claimed[target] = rel
        found.tasks.append(Task(rel, fmt, target))
    return found


# --- the manifest and its journal
# ----------------------------------------------------------------------------


def _sha_file(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return "missing"


def run_fingerprint(config: Config) -> str:
    """A hash of everything besides an input's bytes that decides its output.

    The configuration with each user data file replaced by the hash of its contents (so moving a project does
    not invalidate OUT, but editing a glossary does), plus every packaged data file (catalog, glossaries,
    schema). The kamclean version is recorded next to it. Code changes within one version are not seen: use
    ``--force`` after changing kamclean itself.
    """
    from kamclean.clean.catalog import packaged_path

    cfg: dict[str, Any] = {}
    for key, value in sorted(config.__dict__.items()):
        if key.startswith("_"):
            continue
        if key in ("artefacts", "glossary", "terms"):
            value = [_sha_file(p) for p in value]
        cfg[key] = value
    h = hashlib.sha256(json.dumps(cfg, sort_keys=True, default=list, ensure_ascii=False).encode())
    data_dir = packaged_path("")
    for dirpath, dirnames, filenames in os.walk(data_dir):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            h.update(os.path.relpath(full, data_dir).replace(os.sep, "/").encode())
            h.update(_sha_file(full).encode())
    return h.hexdigest()[:16]


class Manifest:
    """What OUT holds: per input, its hash, outputs and summary entries (compact JSON, sorted by path)."""

    def __init__(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self.entries: dict[str, bytes] = {}

    def header(self) -> dict[str, str]:
        return {"schema": MANIFEST_SCHEMA, "kamclean": __version__, "config": self.fingerprint}

    def put(self, rel: str, entry: dict[str, Any]) -> bytes:
        raw = self.entries[rel] = _compact(entry)
        return raw

    def get(self, rel: str) -> dict[str, Any] | None:
        raw = self.entries.get(rel)
        return json.loads(raw) if raw is not None else None

    def dumps(self) -> bytes:
        """Deterministic: header keys, then inputs sorted by path, one per line."""
        head = json.dumps(self.header(), ensure_ascii=False)[:-1]
        parts = [head.encode(), b', "inputs": {']
        for i, rel in enumerate(sorted(self.entries)):
            parts.append(b"\n" if i == 0 else b",\n")
            parts.append(json.dumps(rel, ensure_ascii=False).encode() + b": " + self.entries[rel])
        parts.append(b"\n}}\n" if self.entries else b"}}\n")
        return b"".join(parts)


def _compact(obj: Any) -> bytes:
    # the standard library's compact encoder (C): exact-size bytes, where orjson's over-allocated buffers
    # would cost ~4 KB per manifest entry held in memory
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def _reserved(name: str) -> str:
    return f"{RESERVED_DIR}/{name}"


def load_manifest(out: Store, fingerprint: str) -> tuple[Manifest, Manifest, str | None]:
    """(what OUT held under any fingerprint, what is still valid now, why nothing is valid or None).

    The first is used to find stale outputs; the second to skip unchanged inputs. A journal left by a killed
    run is replayed into both.
    """
    previous = Manifest(fingerprint)
    valid = Manifest(fingerprint)
    reason: str | None = None
    try:
        data = json.loads(out.read_bytes(_reserved(MANIFEST_NAME)))
    except (OSError, ValueError):
        data = None
    if isinstance(data, dict) and isinstance(data.get("inputs"), dict):
        same = data.get("kamclean") == __version__ and data.get("config") == fingerprint
        if not same:
            reason = "kamclean version or configuration changed"
        for rel, entry in data["inputs"].items():
            if isinstance(entry, dict):
                previous.put(rel, entry)
                if same:
                    valid.put(rel, entry)
    for name in out.list_dir(_reserved(JOURNAL_DIR)):
        try:
            lines = out.read_bytes(_reserved(f"{JOURNAL_DIR}/{name}")).splitlines()
            head = json.loads(lines[0])
        except (OSError, ValueError, IndexError):
            continue
        same = head.get("kamclean") == __version__ and head.get("config") == fingerprint
        for line in lines[1:]:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            previous.put(rec["rel"], rec["entry"])
            if same:
                valid.put(rec["rel"], rec["entry"])
    return previous, valid, reason


class Journal:
    """Completed units, written in atomic segments so that a kill loses at most the last second's records."""

    def __init__(self, out: Store, header: dict[str, str], every: int = 256, seconds: float = 1.0) -> None:
        self.out = out
        self.head = _compact(header)
        existing = out.list_dir(_reserved(JOURNAL_DIR))
        self.seq = 1 + max((int(n.split(".")[0]) for n in existing if n.split(".")[0].isdigit()), default=0)
        self.buf: list[bytes] = []
        self.every, self.seconds = every, seconds
        self.last = time.monotonic()

    def add(self, rel: str, entry: bytes) -> None:
        """Record one input's manifest entry (its compact JSON): the line ``{"rel":…,"entry":…}``."""
        self.buf.append(b'{"rel":' + _compact(rel) + b',"entry":' + entry + b"}")
        if len(self.buf) >= self.every or time.monotonic() - self.last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        if self.buf:
            name = _reserved(f"{JOURNAL_DIR}/{self.seq:08d}.jsonl")
            self.out.write(name, b"\n".join([self.head, *self.buf]))
            self.seq += 1
            self.buf = []
        self.last = time.monotonic()

    def clear(self) -> None:
        for name in self.out.list_dir(_reserved(JOURNAL_DIR)):
            self.out.remove(_reserved(f"{JOURNAL_DIR}/{name}"))
        self.out.remove_empty_dir(_reserved(JOURNAL_DIR))


# --- execution
# -----------------------------------------------------------------------------------------------


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _batches(tasks: list[Task], size: int) -> list[list[Task]]:
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def execute(
    spec: RunSpec,
    tasks: list[Task],
    jobs: int,
    executor: str = "local",
    scheduler: str | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    """Process tasks, yielding results in input order.

    ``local``: in this process when ``jobs`` is 1, else a process pool of ``jobs`` workers fed in chunks.
    ``dask``: batches of tasks as futures on the cluster at ``scheduler`` (a local cluster of ``jobs`` worker
    processes when no scheduler is named).
    """
    tick = on_progress or (lambda n: None)
    if executor == "dask":
        yield from _execute_dask(spec, tasks, jobs, scheduler, tick)
        return
    if jobs <= 1 or len(tasks) <= 1:
        for t in tasks:
            r = process_task(spec, t)
            tick(1)
            yield r
        return
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(64, len(tasks) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
        for results in pool.map(partial(_run_batch, spec), _batches(tasks, size)):
            tick(len(results))
            yield from results


def _worker_init(parent: int) -> None:
    """Make a pool worker die with the run: after a ``kill -9`` of the run, workers would otherwise wait on
    their task queue forever (they hold its pipe open themselves, so it never closes)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - best effort
            return
    if os.getppid() != parent:  # the run died before prctl took effect
        os._exit(1)


def _execute_dask(
    spec: RunSpec, tasks: list[Task], jobs: int, scheduler: str | None, tick: Callable[[int], None]
) -> Iterator[Result]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--executor dask needs dask and distributed: pip install 'kamclean[dask]'") from None
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        size = max(1, min(64, len(tasks) // max(1, 8 * max(1, jobs))))
        futures = client.map(partial(_run_batch, spec), _batches(tasks, size), pure=False)
        for i, fut in enumerate(futures):
            results = fut.result()
            futures[i] = None  # free the result on the cluster as soon as it is consumed
            tick(len(results))
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _progress(total: int, enabled: bool) -> tuple[Callable[[int], None], Callable[[], None]]:
    if not enabled or not sys.stderr.isatty():
        return (lambda n: None), (lambda: None)
    from tqdm import tqdm

    bar = tqdm(total=total, unit="article", delay=0.5, file=sys.stderr, dynamic_ncols=True)
    return bar.update, bar.close


# --- the run
# -------------------------------------------------------------------------------------------------


@dataclass
class RunReport:
    summary: dict[str, Any]
    processed: int = 0
    unchanged: int = 0
    deleted: list[dict[str, Any]] = field(default_factory=list)
    reprocess_reason: str | None = None


def _absolute(location: str) -> str:
    return location if is_url(location) else os.path.abspath(local_path(location))


def run(
    raw: str,
    out: str,
    config: Config,
    *,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    split: bool = False,
    progress: bool = False,
    on_error: Callable[[str, str], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> RunReport:
    """Clean every input under RAW into OUT; write the manifest and the summary; return the report."""
    error = on_error or (lambda path, reason: None)
    check_paths(raw, out)
    raw, out = _absolute(raw), _absolute(out)
    found = discover(raw, split)
    for rel, reason in found.skipped:
        (on_skip or (lambda p, r: None))(rel, reason)
    out_store = open_store(out)
    out_store.sweep_temporaries()
    fingerprint = run_fingerprint(config)
    previous, valid, reason = load_manifest(out_store, fingerprint)
    if force:
        valid, reason = Manifest(fingerprint), "--force"
    elif not previous.entries:
        reason = None
    tasks = found.tasks
    needs_html = False
    for i, t in enumerate(tasks):
        entry = valid.get(t.rel)
        if entry and entry.get("sha256"):
            tasks[i] = Task(t.rel, t.fmt, t.out, (entry["sha256"], tuple(entry["outputs"])))
        needs_html = needs_html or t.fmt == "html"
    if needs_html and not html_input.available():
        kept = []
        for t in tasks:
            if t.fmt == "html":
                found.failed.append((t.rel, html_input.MISSING))
            else:
                kept.append(t)
        tasks = kept

    if executor == "local" and any(loc.startswith("memory://") for loc in (raw, out)):
        jobs = 1  # an in-memory filesystem lives in this process only
    spec = RunSpec(raw, out, config, split)
    manifest = Manifest(fingerprint)
    journal = Journal(out_store, manifest.header())
    report = RunReport(summary={}, reprocess_reason=reason)
    errors: dict[str, list[dict[str, str]]] = {rel: [{"path": rel, "reason": r}] for rel, r in found.failed}
    for rel, r in found.failed:
        error(rel, r)
        _keep_tracking(manifest, previous, rel)
    tick, close = _progress(len(tasks), progress)
    try:
        for res in execute(spec, tasks, jobs, executor, scheduler, tick):
            if res.status == "unchanged":
                entry = valid.get(res.rel) or {}
                manifest.entries[res.rel] = valid.entries[res.rel]
                report.unchanged += 1
                for f in entry.get("failed", []):
                    error(f["path"], f["reason"])
                continue
            for f in res.failed:
                error(f["path"], f["reason"])
            if res.status == "error":
                errors[res.rel] = res.failed
                _keep_tracking(manifest, previous, res.rel)
                continue
            report.processed += 1
            entry = res.entry()
            journal.add(res.rel, manifest.put(res.rel, entry))
            old = previous.get(res.rel)
            for stale in sorted(set(old["outputs"]) - set(res.outputs)) if old else ():
                out_store.remove(stale)
        journal.flush()
    finally:
        close()

    # inputs that are gone: remove the outputs only they produced
    current = {t.rel for t in found.tasks}
    kept_outputs = {t.out for t in found.tasks}
    for rel in sorted(set(previous.entries) - current):
        entry = previous.get(rel) or {}
        gone = [o for o in entry.get("outputs", []) if o not in kept_outputs]
        for o in gone:
            out_store.remove(o)
        report.deleted.append({"path": rel, "outputs": gone})

    out_store.write(_reserved(MANIFEST_NAME), manifest.dumps())
    journal.clear()
    report.summary = write_summary(out_store, manifest, errors, found.skipped, report.deleted)
    return report


def _keep_tracking(manifest: Manifest, previous: Manifest, rel: str) -> None:
    """An input that failed for a reason outside itself: keep its old outputs on record (so they are removed
    if it is deleted later), but never skip it next time."""
    old = previous.get(rel)
    if old:
        manifest.put(rel, {"sha256": None, "outputs": old["outputs"], "documents": [], "failed": []})


SUMMARY_KEEP = 500  # a run's in-memory summary keeps its documents list up to this many (the file always has all)
_DOCUMENTS_SLOT = b'\n  "documents": []'


def write_summary(
    store: Store,
    manifest: Manifest,
    errors: dict[str, list[dict[str, str]]],
    skipped: Iterable[tuple[str, str]],
    deleted: list[dict[str, Any]],
    keep: int = SUMMARY_KEEP,
) -> dict[str, Any]:
    """Write OUT's summary (the bytes of ``dumps_bytes(build_summary(...))``) with its documents streamed one at a
    time from the manifest, so that memory does not grow with the corpus; return the summary, holding its
    ``documents`` list only when there are at most ``keep`` of them."""
    from kamclean.emit.document import dumps_bytes

    rels = sorted(set(manifest.entries) | set(errors))
    failed: list[dict[str, str]] = []
    articles = removed = 0
    flags = {"critical": 0, "major": 0, "minor": 0}
    for rel in rels:  # first pass: the totals, which come before the documents in the file
        if rel in errors:
            failed.extend(errors[rel])
            continue
        entry = manifest.get(rel) or {}
        for d in entry.get("documents", []):
            articles += 1
            removed += d["removed"]
            for k, v in d["flags"].items():
                flags[k] = flags.get(k, 0) + v
        failed.extend(entry.get("failed", []))
    summary: dict[str, Any] = {
        "schema": "kamclean.run/1",
        "kamclean": __version__,
        "articles": articles,
        "failed": failed,
        "skipped": [{"path": p, "reason": r} for p, r in skipped],
        "removed": removed,
        "flags": flags,
        "documents": [],
    }
    if deleted:
        summary["deleted"] = deleted
    # a raw newline never occurs inside a JSON string, so the slot is found only where the key is
    before, after = dumps_bytes(summary).split(_DOCUMENTS_SLOT, 1)
    kept: list[dict[str, Any]] = []
    with store.open_write(_reserved(SUMMARY_NAME)) as fh:
        fh.write(before)
        if not articles:
            fh.write(_DOCUMENTS_SLOT)
        else:
            fh.write(_DOCUMENTS_SLOT[:-1])
            sep = b"\n"
            for rel in rels:  # second pass: each document as the indented encoder would nest it
                if rel in errors:
                    continue
                for d in (manifest.get(rel) or {}).get("documents", []):
                    fh.write(sep + b"    " + dumps_bytes(d).rstrip(b"\n").replace(b"\n", b"\n    "))
                    sep = b",\n"
                    if articles <= keep:
                        kept.append(d)
            fh.write(b"\n  ]")
        fh.write(after)
    if articles <= keep:
        summary["documents"] = kept
    else:
        del summary["documents"]
    return summary


def build_summary(
    manifest: Manifest,
    errors: dict[str, list[dict[str, str]]],
    skipped: Iterable[tuple[str, str]],
    deleted: list[dict[str, Any]],
) -> dict[str, Any]:
    """The run summary: a pure function of OUT's manifest (so an interrupted and resumed run, or any executor,
    gives the same bytes as one uninterrupted run). :func:`write_summary` writes exactly its bytes."""
    documents: list[dict[str, Any]] = []
    failed: list[dict[str, str]] = []
    for rel in sorted(set(manifest.entries) | set(errors)):
        if rel in errors:
            failed.extend(errors[rel])
            continue
        entry = manifest.get(rel) or {}
        documents.extend(entry.get("documents", []))
        failed.extend(entry.get("failed", []))
    flags = {"critical": 0, "major": 0, "minor": 0}
    for d in documents:
        for k, v in d["flags"].items():
            flags[k] = flags.get(k, 0) + v
    summary: dict[str, Any] = {
        "schema": "kamclean.run/1",
        "kamclean": __version__,
        "articles": len(documents),
        "failed": failed,
        "skipped": [{"path": p, "reason": r} for p, r in skipped],
        "removed": sum(d["removed"] for d in documents),
        "flags": flags,
        "documents": documents,
    }
    if deleted:
        summary["deleted"] = deleted
    return summary


