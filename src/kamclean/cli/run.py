"""``kamclean run RAW OUT``: clean every article under RAW into OUT."""

from __future__ import annotations

import click

from kamclean.cli import cli
from kamclean.cli.common import KamcleanError, State, pass_state

# The editors' page holds every document it shows, so a run writes it only up to this many documents; this
# keeps a corpus run's memory flat (documents are otherwise streamed) and the page usable in a browser.
REPORT_MAX_DOCUMENTS = 500


@cli.command()
@click.argument("raw")
@click.argument("out")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Worker processes; 0 = one per core. Output is identical for any value.",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where articles are processed: this machine (a process pool), or a Dask cluster (kamclean[dask]).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler to use with --executor dask, e.g. tcp://host:8786 (default: a local cluster).",
)
@click.option("--force", is_flag=True, help="Reprocess every input, even those recorded as unchanged.")
@click.option(
    "--split",
    is_flag=True,
    help="Write one OUT/<shard>/<id>.json per JSON Lines record instead of one OUT/<shard>.jsonl per shard.",
)
@click.option("--progress/--no-progress", default=True, help="Progress bar on a terminal (never when piped).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, no closing line.")
@click.option(
    "--report/--no-report",
    "html_report",
    default=True,
    help="Also write the editors' page (.kamclean/report.html).",
)
@pass_state
def run(
    state: State,
    raw: str,
    out: str,
    jobs: int,
    executor: str,
    scheduler: str | None,
    force: bool,
    split: bool,
    progress: bool,
    quiet: bool,
    html_report: bool,
) -> None:
    """Clean every article under RAW into OUT, mirroring folders, and write a run summary to
    OUT/.kamclean/summary.json and the editors' page to OUT/.kamclean/report.html.

    RAW holds *.txt articles, *.html pages (kamclean[html]) and *.jsonl / *.jsonl.gz shards of one
    {"id", "text", "url"?, "title"?} article per line. An article becomes OUT/<path>.json; a shard becomes
    OUT/<path>.jsonl (gzip-compressed when the shard was), one document per line. RAW and OUT may be fsspec
    URLs (s3://, gs://, file://, memory://).

    Re-runs are incremental: inputs whose bytes are unchanged (OUT/.kamclean/manifest.json) are skipped,
    changed ones reprocessed, and the documents of deleted ones removed; --force reprocesses everything.

    Exit code 0 when every article was processed, 2 when any could not be (each is named on stderr and
    listed in the summary) or the paths are unusable.
    """
    from kamclean.runner import RESERVED_DIR, SUMMARY_NAME, UsageError, default_jobs
    from kamclean.runner import run as run_all
    from kamclean.store import StoreError, join

    if scheduler and executor != "dask":
        raise KamcleanError("--scheduler needs --executor dask")
    config = state.config()
    workers = jobs or default_jobs()
    if jobs == 0 and executor == "local":
        workers = _auto_workers(raw, workers)

    def on_error(path: str, reason: str) -> None:
        click.echo(f"kamclean: error: {path}: {reason}", err=True)

    def on_skip(path: str, reason: str) -> None:
        if not quiet:
            click.echo(f"kamclean: {path}: {reason}", err=True)

    try:
        report = run_all(
            raw,
            out,
            config,
            jobs=workers,
            executor=executor,
            scheduler=scheduler,
            force=force,
            split=split,
            progress=progress,
            on_error=on_error,
            on_skip=on_skip,
        )
    except (UsageError, StoreError) as exc:
        raise KamcleanError(str(exc)) from None
    result = report.summary
    if html_report:
        n_docs = result["articles"]
        if n_docs <= REPORT_MAX_DOCUMENTS and "documents" in result:
            _write_html_report(out, result)
        elif not quiet:
            click.echo(
                f"kamclean: {n_docs} documents: too many for one HTML page (more than {REPORT_MAX_DOCUMENTS}); "
                "run `kamclean report` on a subfolder instead",
                err=True,
            )
    failed = len(result["failed"])
    if not quiet:
        if report.reprocess_reason and report.processed:
            click.echo(f"kamclean: reprocessing everything: {report.reprocess_reason}", err=True)
        for d in report.deleted:
            gone = ", ".join(d["outputs"]) or "no document"
            click.echo(f"kamclean: {d['path']}: deleted from the input; removed {gone}", err=True)
        f = result["flags"]
        click.echo(
            f"kamclean: {result['articles']} cleaned ({report.processed} inputs processed, "
            f"{report.unchanged} unchanged), {failed} failed, {len(result['skipped'])} skipped, "
            f"{len(report.deleted)} deleted; {result['removed']} artefacts removed; flags: {f['critical']} "
            f"critical, {f['major']} major, {f['minor']} minor; summary in "
            f"{join(out, RESERVED_DIR + '/' + SUMMARY_NAME)}",
            err=True,
        )
    if failed:
        raise SystemExit(2)


def _auto_workers(raw: str, cores: int) -> int:
    """With --jobs 0, skip the process pool for runs too small to repay starting it (output is the same)."""
    from kamclean.store import is_url, local_path

    if cores <= 1 or is_url(raw):
        return cores
    import os

    path = local_path(raw)
    if os.path.isfile(path):
        return 1
    n = 0
    for _dirpath, _dirnames, filenames in os.walk(path):
        n += len(filenames)
        if n >= 16:
            return cores
    return 1


def _write_html_report(out: str, result: dict[str, object]) -> None:
    """The editors' page for the documents this run's summary lists (read back through the store, so it works
    for URLs and for JSON Lines shards as well as for plain folders)."""
    import gzip
    import json

    from kamclean.emit.reporters.html import render_report
    from kamclean.runner import RESERVED_DIR
    from kamclean.store import open_store

    store = open_store(out)
    docs: list[dict[str, object]] = []
    seen: set[str] = set()
    for entry in result["documents"]:  # type: ignore[attr-defined]
        output = entry["output"]
        if output in seen:
            continue
        seen.add(output)
        data = store.read_bytes(output)
        if output.endswith(".gz"):
            data = gzip.decompress(data)
        if output.endswith((".jsonl", ".jsonl.gz")):
            docs.extend(json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip())
        else:
            docs.append(json.loads(data.decode("utf-8")))
    docs.sort(key=lambda d: (d["source"]["path"], d["source"].get("id") or ""))  # type: ignore[index]
    store.write(f"{RESERVED_DIR}/report.html", render_report(docs).encode("utf-8"))
