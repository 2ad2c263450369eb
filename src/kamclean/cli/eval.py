"""``kamclean eval LABELS``: precision and recall of flags and removals on a labelled set of articles."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kamclean.cli import cli
from kamclean.cli.common import KamcleanError, State, pass_state


@cli.command(name="eval")
@click.argument("labels", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_state
def eval_(state: State, labels: Path, fmt: str) -> None:
    """Score flags and removals against LABELS, a folder of raw NAME.txt articles, each with a sibling
    NAME.labels.yaml listing the expected removals and flags (format: kamclean.evaluate). Prints precision,
    recall and F1 per rule, per category and overall, then every false and missed flag or removal.

    Exit code 0 when the set was scored, 2 when a label file or article is unusable.
    """
    from kamclean.evaluate import LabelError, evaluate, format_text

    config = state.config()
    try:
        report = evaluate(labels, config)
    except LabelError as exc:
        raise KamcleanError(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(report), nl=False)
