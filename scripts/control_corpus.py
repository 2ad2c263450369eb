#!/usr/bin/env python3
"""Measure kamclean on real, human-translated Hindi: how much does it remove, and what does it flag?

The control corpora (TICO-19 and FLORES-200 Hindi, see ``../shared/corpora/README.md``) were written and
translated by people, so every character removed from them is a false removal and every flag is probably a
false positive. This script turns them into articles, runs the real ``kamclean run`` on them and reports:

* articles, sentences and characters read;
* characters removed as artefacts (every removal except the whitespace kind) and their share (target: 0),
  with each removal listed by rule and text;
* flags per 1,000 sentences, by rule and by category (read from each document's ``flags`` field).

Articles: one per source document. TICO-19 lines are grouped by the document named in the first column of
``tico19-test.en.info`` ("PubMed_7:12" belongs to "PubMed_7"); FLORES-200 lines by the URL in
``metadata_devtest.tsv``. Each sentence is its own paragraph line, paragraphs separated by a blank line. The
articles are written to a temporary folder that is deleted afterwards (``--keep DIR`` keeps them), so no
corpus sentence is ever copied into the project.

``--fragments`` adds a harsher variant: every sentence cut into its clauses (at , ; : । and brackets), each
clause its own paragraph. Line rules judge whole short lines, so short clause lines are where a rule that
mistakes a heading-like phrase for residue would show.

Usage::

    python scripts/control_corpus.py [--corpora PATH] [--jobs N] [--keep DIR] [--fragments]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, OrderedDict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"


@dataclass
class Article:
    name: str  # file stem, unique within the corpus
    sentences: list[str]


def _read_lines(path: Path) -> list[str]:
    """The file's lines, split on "\n" only (str.splitlines would also split on U+2028 and friends)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    return lines[:-1] if text.endswith("\n") else lines


def _group(keys: list[str], lines: list[str], prefix: str) -> list[Article]:
    if len(keys) != len(lines):
        raise SystemExit(f"control_corpus: {prefix}: {len(keys)} metadata rows for {len(lines)} sentences")
    groups: OrderedDict[str, list[str]] = OrderedDict()
    for key, line in zip(keys, lines, strict=True):
        groups.setdefault(key, []).append(line)
    return [
        Article(f"{prefix}-{i:03d}", [s for s in sents if s.strip()])
        for i, (_, sents) in enumerate(groups.items(), start=1)
    ]


def tico_articles(corpora: Path) -> list[Article]:
    folder = corpora / "tico19-hi"
    info = _read_lines(folder / "tico19-test.en.info")
    keys = [row.split("\t", 1)[0].split(":", 1)[0] for row in info]
    return _group(keys, _read_lines(folder / "tico19-test.hi"), "tico19")


def flores_articles(corpora: Path) -> list[Article]:
    folder = corpora / "flores200-hi"
    rows = _read_lines(folder / "metadata_devtest.tsv")
    header, rows = rows[0].split("\t"), rows[1:]
    col = header.index("URL") if "URL" in header else 0
    keys = [row.split("\t")[col] for row in rows]
    return _group(keys, _read_lines(folder / "hin_Deva.devtest"), "flores200")


_CLAUSE_BREAK = re.compile(r"[,;:।|()\"“”]")


def clause_articles(articles: list[Article], prefix: str) -> list[Article]:
    """The same documents with each sentence cut into clauses, one clause per paragraph."""
    out = []
    for art in articles:
        clauses = [c.strip() for s in art.sentences for c in _CLAUSE_BREAK.split(s)]
        out.append(Article(f"{prefix}-{art.name}", [c for c in clauses if c]))
    return out


def write_articles(articles: list[Article], raw: Path) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    for art in articles:
        (raw / f"{art.name}.txt").write_text("\n\n".join(art.sentences) + "\n", encoding="utf-8")


def run_kamclean(raw: Path, out: Path, jobs: int) -> None:
    cmd = [sys.executable, "-c", "from kamclean.cli import main; main()", "run", str(raw), str(out)]
    if jobs > 1:
        cmd += ["--jobs", str(jobs)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
        raise SystemExit(f"control_corpus: kamclean run failed with exit code {res.returncode}")


@dataclass
class Report:
    articles: int = 0
    sentences: int = 0
    characters: int = 0
    removed_chars: int = 0
    removals: list[tuple[str, str, str]] = None  # type: ignore[assignment]  # (article, rule, text)
    flags_by_rule: Counter[str] = None  # type: ignore[assignment]
    flags_by_category: Counter[str] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.removals = []
        self.flags_by_rule = Counter()
        self.flags_by_category = Counter()


def measure(articles: list[Article], out: Path, report: Report) -> None:
    for art in articles:
        doc = json.loads((out / f"{art.name}.json").read_text(encoding="utf-8"))
        report.articles += 1
        report.sentences += len(art.sentences)
        report.characters += sum(len(s) for s in art.sentences)
        for r in doc["removed"]:
            if r["kind"] == "whitespace":
                continue
            report.removed_chars += len(r["text"])
            report.removals.append((art.name, r["rule"], r["text"]))
        for f in doc.get("flags", []):
            report.flags_by_rule[f["rule"]] += 1
            report.flags_by_category[f.get("category", "?")] += 1


def print_report(name: str, report: Report) -> None:
    share = report.removed_chars / report.characters if report.characters else 0.0
    print(f"== {name}")
    print(f"articles {report.articles}, sentences {report.sentences}, characters {report.characters:,}")
    print(f"characters removed (artefacts, excluding whitespace): {report.removed_chars} ({share:.4%})")
    by_rule = Counter(rule for _, rule, _ in report.removals)
    for rule, n in sorted(by_rule.items()):
        print(f"  {rule}: {n} removal(s)")
    for art, rule, text in report.removals:
        print(f"    {rule} {art}: {text!r}")
    per_k = 1000 / report.sentences if report.sentences else 0.0
    total = sum(report.flags_by_rule.values())
    print(f"flags: {total} ({total * per_k:.1f} per 1,000 sentences)")
    for rule, n in sorted(report.flags_by_rule.items()):
        print(f"  {rule}: {n} ({n * per_k:.1f} per 1,000 sentences)")
    for cat, n in sorted(report.flags_by_category.items()):
        print(f"  category {cat}: {n} ({n * per_k:.1f} per 1,000 sentences)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpora", type=Path, default=DEFAULT_CORPORA, help="folder with tico19-hi/ and flores200-hi/"
    )
    ap.add_argument("--jobs", type=int, default=1, help="parallel processes for kamclean run")
    ap.add_argument(
        "--keep", type=Path, default=None, help="write the articles and documents here and keep them"
    )
    ap.add_argument(
        "--fragments", action="store_true", help="also run every sentence cut into clauses, one per paragraph"
    )
    args = ap.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"control_corpus: {args.corpora}: no such folder (use --corpora PATH)", file=sys.stderr)
        return 2
    corpora = {"TICO-19": tico_articles(args.corpora), "FLORES-200": flores_articles(args.corpora)}
    if args.fragments:
        every = corpora["TICO-19"] + corpora["FLORES-200"]
        corpora["clauses (TICO-19 + FLORES-200)"] = clause_articles(every, "clauses")
    with tempfile.TemporaryDirectory(prefix="kamclean-control-") as tmp:
        base = args.keep if args.keep is not None else Path(tmp)
        raw, out = base / "raw", base / "out"
        for arts in corpora.values():
            write_articles(arts, raw)
        run_kamclean(raw, out, args.jobs)
        total = Report()
        for name, arts in corpora.items():
            rep = Report()
            measure(arts, out, rep)
            print_report(name, rep)
            measure(arts, out, total)
        print_report("all", total)
        return 0 if total.removed_chars == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
