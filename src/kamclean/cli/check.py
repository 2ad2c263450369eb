"""``kamclean check`` (the CI gate) and ``kamclean baseline create|update|accept``.

Only click and the small gate module are imported at start-up; the pipeline, the rules and the reporters are
imported when an article is checked, so ``kamclean check one.txt`` starts fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kamclean.cli import cli
from kamclean.cli.common import KamcleanError, State, pass_state
from kamclean.emit.reporters import FORMATS

SEVERITIES = ("critical", "major", "minor")
PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))


def _baseline_option(default: str | None, help: str):  # type: ignore[no-untyped-def]
    return click.option(
        "--baseline",
        "baseline_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=default,
        show_default=default is not None,
        help=help,
    )


def _use_color(mode: str, stream: object) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _load_baseline(path: Path | None, must_exist: bool = True):  # type: ignore[no-untyped-def]
    from kamclean.baseline import Baseline, BaselineError

    if path is None:
        return None
    if not must_exist and not path.exists():
        return Baseline(path)
    try:
        return Baseline.load(path)
    except BaselineError as exc:
        raise KamcleanError(str(exc)) from None


def _run(state: State, paths: tuple[Path, ...], baseline=None, fail_on: str | None = None):  # type: ignore[no-untyped-def]
    from kamclean.gate import GateUsageError, rule_metadata, run_check

    config = state.config()
    try:
        result = run_check(
            paths,
            config,
            baseline=baseline,
            baseline_name=baseline.path.as_posix() if baseline is not None else None,
            fail_on=fail_on,
        )
    except GateUsageError as exc:
        raise KamcleanError(str(exc)) from None
    result.rules = rule_metadata(config)
    for e in result.errors:
        click.echo(f"kamclean: error: {e.path}: {e.reason}", err=True)
    return result


@cli.command()
@PATHS
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="Output format: text for people; json, sarif (GitHub code scanning), junit, github (workflow "
    "annotations) for machines; markdown for a pull-request comment.",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Fail (exit 1) on unsuppressed findings at or above this severity. [default: fail_on from the "
    "config, major]",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach the threshold.")
@_baseline_option(
    None, "Baseline file: its findings do not fail the gate; entries that match nothing are stale."
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text format (auto: only on a terminal, and never when NO_COLOR is set).",
)
@pass_state
def check(
    state: State,
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str | None,
    exit_zero: bool,
    baseline_path: Path | None,
    output_file: Path | None,
    color: str,
) -> None:
    """Check raw articles for likely translation errors; write nothing.

    PATHS are article files, or folders searched for *.txt. Exit code 0 when no unsuppressed finding is at
    or above --fail-on, 1 when one is, 2 when an argument, the config, the baseline or an article is unusable.
    """
    from kamclean import __version__
    from kamclean.emit.reporters import Options, render

    baseline = _load_baseline(baseline_path)
    result = _run(state, paths, baseline, fail_on)
    use_color = fmt == "text" and output_file is None and _use_color(color, sys.stdout)
    out = render(fmt, result, Options(color=use_color, version=__version__))
    if output_file is not None:
        from kamclean.emit.writer import write_atomic

        try:
            write_atomic(output_file, out)
        except OSError as exc:
            raise KamcleanError(f"{output_file}: cannot write ({exc.strerror or exc})") from None
    else:
        click.echo(out, nl=False, color=True if use_color else None)
    if result.stale:
        n = len(result.stale)
        click.echo(
            f"kamclean: warning: {n} stale baseline entr{'y' if n == 1 else 'ies'} in {result.baseline} "
            "(they match nothing; `kamclean baseline update` drops them): "
            + ", ".join(f"{s.path} {s.rule} {s.fingerprint}" for s in result.stale[:5])
            + (" …" if len(result.stale) > 5 else ""),
            err=True,
        )
    if not result.files and not result.errors:
        click.echo("kamclean: warning: no articles found (folders are searched for *.txt)", err=True)
    code = result.exit_code(exit_zero)
    if code:
        sys.exit(code)


# ------------------------------------------------------------------------------------------------- baseline


@cli.group()
def baseline() -> None:
    """Record findings that the gate should not fail on, and accept single findings with a reason.

    A finding is identified by its path, rule, flagged text and the words around it, not by its line, so
    edits elsewhere in an article keep it matched. Commit the baseline file; `kamclean check --baseline FILE`
    then fails only on new findings.
    """


_DEFAULT_HELP = "Baseline file to write."


@baseline.command("create")
@PATHS
@_baseline_option(".kamclean-baseline.json", _DEFAULT_HELP)
@click.option(
    "--force", is_flag=True, help="Overwrite an existing baseline (reasons are lost; prefer update)."
)
@pass_state
def baseline_create(state: State, paths: tuple[Path, ...], baseline_path: Path, force: bool) -> None:
    """Record every current finding of PATHS in a new baseline file."""
    from kamclean.baseline import Baseline

    if baseline_path.exists() and not force:
        raise KamcleanError(
            f"{baseline_path}: already exists; use `kamclean baseline update` (keeps accepted reasons) "
            "or --force"
        )
    base = Baseline(baseline_path)
    result = _run(state, paths, base)
    added, _, _ = base.update(result.issues, _checked(result, base))
    base.save()
    click.echo(
        f"kamclean: baseline {baseline_path}: {added} finding(s) recorded from {len(result.files)} article(s)"
    )
    if result.errors:
        sys.exit(2)


@baseline.command("update")
@PATHS
@_baseline_option(".kamclean-baseline.json", _DEFAULT_HELP)
@pass_state
def baseline_update(state: State, paths: tuple[Path, ...], baseline_path: Path) -> None:
    """Bring the baseline up to date for PATHS: add their new findings, keep (with reasons) the entries that
    still match, drop the ones that match nothing. Entries of other articles are left alone."""
    base = _load_baseline(baseline_path)
    result = _run(state, paths, base)
    added, kept, removed = base.update(result.issues, _checked(result, base))
    base.save()
    click.echo(f"kamclean: baseline {baseline_path}: {added} added, {kept} kept, {removed} stale removed")
    if result.errors:
        sys.exit(2)


@baseline.command("accept")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("fingerprint", required=False)
@click.option("--rule", "rule_id", default=None, help="Select the finding by rule id (e.g. KC-G001).")
@click.option(
    "--line", type=click.IntRange(min=1), default=None, help="Select the finding by its line in PATH."
)
@click.option(
    "--reason", required=True, help="Why this finding is acceptable (kept in the baseline, shown in SARIF)."
)
@click.option(
    "--all", "accept_all", is_flag=True, help="Accept every finding the selectors match, not just one."
)
@_baseline_option(".kamclean-baseline.json", "Baseline file to write (created if missing).")
@pass_state
def baseline_accept(
    state: State,
    path: Path,
    fingerprint: str | None,
    rule_id: str | None,
    line: int | None,
    reason: str,
    accept_all: bool,
    baseline_path: Path,
) -> None:
    """Accept one finding of the article PATH, with a reason, so that the gate no longer fails on it.

    Select the finding by FINGERPRINT (from `--format json` or sarif; a unique prefix will do), or by --rule
    and/or --line. The selection must match exactly one finding unless --all is given.

    \b
    kamclean baseline accept raw/a.txt --line 12 --rule KC-G001 --reason "brand name, not a term"
    kamclean baseline accept raw/a.txt 3f2a9c1d --reason "the article quotes the wrong term on purpose"
    """
    from kamclean.baseline import Entry

    if not reason.strip():
        raise KamcleanError("--reason must say why the finding is acceptable")
    if fingerprint is None and rule_id is None and line is None:
        raise KamcleanError("select the finding: give its FINGERPRINT, or --rule and/or --line")
    base = _load_baseline(baseline_path, must_exist=False)
    result = _run(state, (path,), base)
    if result.errors:
        sys.exit(2)
    chosen = [
        i
        for i in result.issues
        if (fingerprint is None or i.fingerprint.startswith(fingerprint.lower()))
        and (rule_id is None or i.rule == rule_id.upper())
        and (line is None or i.line == line)
    ]
    if not chosen:
        raise KamcleanError(f"{path}: no finding matches the selection (`kamclean check {path}` lists them)")
    if len(chosen) > 1 and not accept_all:
        where = ", ".join(f"{i.rule} at {i.line}:{i.column} ({i.fingerprint})" for i in chosen[:5])
        raise KamcleanError(
            f"{path}: {len(chosen)} findings match ({where}); narrow the selection or pass --all"
        )
    for i in chosen:
        base.entries[i.fingerprint] = Entry.from_issue(i, reason.strip())
        click.echo(
            f"kamclean: accepted {i.rule} at {i.path}:{i.line}:{i.column} ({i.fingerprint}) "
            f"in {baseline_path}"
        )
    base.save()


def _checked(result, base) -> set[str]:  # type: ignore[no-untyped-def]
    from kamclean.gate import key_path_for

    return {key_path_for(Path(p), base.root) for p in result.files}
