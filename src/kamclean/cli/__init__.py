"""The ``kamclean`` command line: a click group whose commands live one family per module.

Exit codes (every command): 0 success / nothing at or above the threshold; 1 findings at or above the
threshold (``check``); 2 usage, configuration or input error. Errors are one line on stderr; ``-v`` adds the
traceback.
"""

from __future__ import annotations

import sys

import click

from kamclean import __version__
from kamclean.cli.common import KamcleanError, KamcleanGroup, State


@click.group(cls=KamcleanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kamclean")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="kamclean.toml or pyproject.toml to use (default: the nearest one above the current folder).",
)
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: bool) -> None:
    """Clean scraped machine-translated Hindi articles into validated JSON documents, and flag likely
    translation errors."""
    ctx.obj = State(config_path=config_path, verbose=verbose)


from kamclean.cli import check as _check  # noqa: E402,F401  (registers commands)
from kamclean.cli import docs as _docs  # noqa: E402,F401
from kamclean.cli import eval as _eval  # noqa: E402,F401
from kamclean.cli import report as _report  # noqa: E402,F401
from kamclean.cli import run as _run  # noqa: E402,F401


def main() -> None:
    try:
        cli.main(prog_name="kamclean", standalone_mode=True)
    except KamcleanError as exc:  # pragma: no cover - click handles ClickException itself
        exc.show()
        sys.exit(exc.exit_code)


__all__ = ["KamcleanError", "cli", "main"]
