"""``kamclean report OUT``: the editors' HTML page for a folder of documents."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kamclean.cli import cli
from kamclean.cli.common import KamcleanError

REPORT_NAME = "report.html"


@cli.command()
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the page. [default: OUT/.kamclean/report.html]",
)
def report(out: Path, output: Path | None) -> None:
    """Write one self-contained HTML page for editors from the documents in OUT (as written by `kamclean
    run`): each article's cleaned text with flagged spans highlighted and removed text struck through, with
    filters and search. The page makes no network requests and is byte-identical for the same documents.

    Exit code 0, or 2 when OUT is unusable or a document cannot be read (the page is written without it).
    """
    from kamclean.emit.reporters.html import write_report
    from kamclean.runner import RESERVED_DIR

    if not out.is_dir():
        raise KamcleanError(f"{out}: no such folder")
    target = output if output is not None else out / RESERVED_DIR / REPORT_NAME
    try:
        errors = write_report(out, target)
    except OSError as exc:
        raise KamcleanError(f"{target}: cannot write ({exc.strerror or exc})") from None
    for e in errors:
        click.echo(f"kamclean: error: {e}", err=True)
    click.echo(f"kamclean: report written to {target}", err=True)
    if errors:
        sys.exit(2)
