"""``schema``, ``validate``, ``rules`` and ``explain``: the contract and the rules, documented from data."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kamclean.cli import cli
from kamclean.cli.common import KamcleanError, State, pass_state


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the document."""
    from kamclean.emit.schema import document_schema

    click.echo(json.dumps(document_schema(), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check existing documents against the schema (and that each rebuilds its raw bytes' length).

    Exit code 0 when all are valid, 2 otherwise; each problem is one line.
    """
    from kamclean.emit.roundtrip import RoundTripError, rebuild_bytes
    from kamclean.emit.schema import schema_errors

    bad = 0
    for f in files:
        try:
            doc = json.loads(f.read_text(encoding="utf-8"))
        except OSError as exc:
            click.echo(f"kamclean: error: {f}: cannot read ({exc.strerror or exc})", err=True)
            bad += 1
            continue
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            click.echo(f"kamclean: error: {f}: not JSON ({exc})", err=True)
            bad += 1
            continue
        errors = schema_errors(doc)
        if not errors:
            try:
                if len(rebuild_bytes(doc)) != doc["source"]["bytes"]:
                    errors.append("/removed: content plus removals do not rebuild the raw article's size")
            except RoundTripError as exc:
                errors.append(f"/removed: {exc}")
        for e in errors:
            click.echo(f"{f}: {e}", err=True)
        if errors:
            bad += 1
        else:
            click.echo(f"{f}: valid")
    if bad:
        raise SystemExit(2)


def _all_rules(state: State) -> list[dict[str, str]]:
    from kamclean.clean.catalog import load_catalog
    from kamclean.ingest.text import NORMALISATIONS

    config = state.config()
    rows = []
    for rid, name in NORMALISATIONS.items():
        rows.append({"id": rid, "name": name, "category": "normalize", "severity": "-", "summary": name})
    for r in load_catalog(tuple(config.artefacts)).rules:
        rows.append({"id": r.id, "name": r.name, "category": f"artefact:{r.kind}", "severity": "-",
                     "summary": r.description})
    from kamclean.checks import registry

    for rule in registry.all_rules(config):
        rows.append(rule.meta.row())
    return rows


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_state
def rules(state: State, fmt: str) -> None:
    """List every rule: id, name, category, default severity, one line."""
    rows = _all_rules(state)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r['id']:8} {r['name']:32} {r['category']:22} {r['severity']:8} {r['summary']}")


@cli.command()
@click.argument("rule_id")
@pass_state
def explain(state: State, rule_id: str) -> None:
    """Show a rule's documentation and examples."""
    from kamclean.clean.catalog import load_catalog

    rid = rule_id.upper()
    config = state.config()
    art = load_catalog(tuple(config.artefacts)).get(rid)
    if art is not None:
        click.echo(f"{art.id} {art.name} (artefact: {art.kind}, scope: {art.scope})\n")
        click.echo(f"What it does\n  {art.description}\n")
        if art.why:
            click.echo("Why\n  " + art.why.replace("\n", "\n  ").rstrip() + "\n")
        click.echo(f"Pattern\n  {art.source}\n")
        if art.within_first is not None:
            n = art.within_first
            click.echo(f"Where\n  only on the first {n} lines of the article that keep content\n")
        if art.not_in_sentence:
            click.echo("Where\n  not on a line that continues a sentence wrapped from the line above\n")
        if art.paragraph_end:
            click.echo("Where\n  only on the last line of a paragraph, after every other rule\n")
        if art.block is not None:
            head = "only as part of a tail block" if art.block.header_needs_tail else "anywhere"
            mid = ""
            if art.block.mid_header is not None:
                mid = (
                    f"\n  and in mid-article, after a header matching\n  {art.block.mid_source}\n  the lines hanging"
                    " right under it (closed by a blank line), or two or more headline-shaped lines parted by blank"
                    "\n  lines before the next section's heading, which is kept"
                )
            click.echo(
                f"Block\n  header removed {head}; with it, up to {art.block.max_lines} following lines"
                " matching"
                f"\n  {art.block.source}\n  when they run to the end of the article{mid}\n"
            )
        for label, key in (("Removed", "remove"), ("Kept", "keep")):
            ex = art.examples.get(key) or []
            if ex:
                click.echo(label + "\n" + "\n".join(f"  {e}" for e in ex) + "\n")
        return
    from kamclean.checks import registry

    rule = registry.get(rid, config)
    if rule is None:
        ids = [r["id"] for r in _all_rules(state)]
        import difflib

        close = difflib.get_close_matches(rid, ids, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise KamcleanError(f"no rule {rule_id}{hint}; `kamclean rules` lists them")
    click.echo(rule.meta.explain())
