"""``kamclean run RAW OUT``: clean every article under RAW into OUT."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from kamclean.cli import cli
from kamclean.cli.common import KamcleanError, State, pass_state


@cli.command()
@click.argument("raw", type=click.Path(path_type=Path))
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes; 0 = one per core. Output is identical for any value.",
)
@click.option("--progress/--no-progress", default=True, help="Progress bar on a terminal (never when piped).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, no closing line.")
@click.option("--report/--no-report", default=True, help="Also write the editors' page (.kamclean/report.html).")
@pass_state
def run(state: State, raw: Path, out: Path, jobs: int, progress: bool, quiet: bool, report: bool) -> None:
    """Clean every RAW/**/*.txt into OUT/**/*.json (mirroring folders) and write a run summary to
    OUT/.kamclean/summary.json and the editors' page to OUT/.kamclean/report.html.

    Exit code 0 when every article was processed, 2 when any could not be (each is named on stderr and
    listed in the summary) or the paths are unusable.
    """
    from kamclean.emit.writer import write_atomic
    from kamclean.runner import RESERVED_DIR, SUMMARY_NAME, UsageError, check_paths, discover, execute, summary

    config = state.config()
    try:
        check_paths(raw, out)
    except UsageError as exc:
        raise KamcleanError(str(exc)) from None
    found = discover(raw, out)
    for rel, reason in found.skipped:
        if not quiet:
            click.echo(f"kamclean: {rel}: {reason}", err=True)
    workers = jobs or os.cpu_count() or 1
    outcomes = []
    for outcome in execute(found.tasks, config, workers, progress):
        if not outcome.ok:
            click.echo(f"kamclean: error: {outcome.rel}: {outcome.reason}", err=True)
        outcomes.append(outcome)
    result = summary(outcomes, found.skipped, out)
    write_atomic(out / RESERVED_DIR / SUMMARY_NAME, json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    if report:
        from kamclean.emit.reporters.html import write_report

        write_report(out, out / RESERVED_DIR / "report.html", [d["output"] for d in result["documents"]])
    failed = len(result["failed"])
    if not quiet:
        f = result["flags"]
        click.echo(
            f"kamclean: {result['articles']} cleaned, {failed} failed, {len(found.skipped)} skipped; "
            f"{result['removed']} artefacts removed; flags: {f['critical']} critical, {f['major']} major, "
            f"{f['minor']} minor; summary in {out / RESERVED_DIR / SUMMARY_NAME}",
            err=True,
        )
    if failed:
        raise SystemExit(2)
