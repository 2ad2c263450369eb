"""False alarms on real human-translated Hindi: flags per 1,000 sentences, per rule.

The control corpora (TICO-19 and FLORES-200 Hindi, see /work/shared/corpora/README.md) are
correct Hindi written
by people, so nearly every flag raised on them is a false alarm. Each source document becomes
one article whose
paragraphs are runs of up to five consecutive sentences, then goes through the whole pipeline.

    .venv/bin/python scripts/measure_flags.py [--corpora DIR] [--select KC-P,KC-U] [--show]

``--show`` prints every flag with its sentence, for inspection on the terminal (never stored in the project).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from kamclean.config import Config
from kamclean.pipeline import analyse

PARAGRAPH = 5


def _tico(root: Path) -> list[tuple[str, list[str]]]:
    d = root / "tico19-hi"
    lines = (d / "tico19-test.hi").read_text(encoding="utf-8").splitlines()
    info = (d / "tico19-test.en.info").read_text(encoding="utf-8").splitlines()
    return _group(("tico:" + i.split("\t", 1)[0].split(":", 1)[0] for i in info), lines)


def _flores(root: Path) -> list[tuple[str, list[str]]]:
    d = root / "flores200-hi"
    lines = (d / "hin_Deva.devtest").read_text(encoding="utf-8").splitlines()
    meta = (d / "metadata_devtest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return _group(("flores:" + m.split("\t", 1)[0] for m in meta), lines)


def _group(keys, lines: list[str]) -> list[tuple[str, list[str]]]:
    docs: dict[str, list[str]] = {}
    for key, line in zip(keys, lines, strict=True):
        docs.setdefault(key, []).append(line.strip())
    return list(docs.items())


def _article(sentences: list[str]) -> str:
    paras = [" ".join(sentences[i : i + PARAGRAPH]) for i in range(0, len(sentences), PARAGRAPH)]
    return "\n\n".join(p for p in paras if p)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=Path("/work/shared/corpora"))
    ap.add_argument("--select", default="", help="comma-separated rule ids or prefixes (default: all)")
    ap.add_argument("--show", action="store_true", help="print every flag with its text")
    args = ap.parse_args(argv)
    select = tuple(s for s in args.select.split(",") if s)
    config = Config()  # every rule runs (artefact rules clean first); --select only filters what is counted
    total_sentences = 0
    per_rule: Counter[str] = Counter()
    per_corpus: Counter[str] = Counter()
    for name, docs in (("tico19", _tico(args.corpora)), ("flores200", _flores(args.corpora))):
        for key, sentences in docs:
            total_sentences += len(sentences)
            article = analyse(_article(sentences).encode("utf-8"), f"{key}.txt", config).article
            texts = {p: t for p, t, _ in article.strings()}
            for f in article.flags:
                if f.rule.startswith("KC-A") or (select and not f.rule.startswith(select)):
                    continue
                per_rule[f.rule] += 1
                per_corpus[name] += 1
                if args.show:
                    text = texts[f.pointer]
                    lo, hi = max(0, f.start - 60), min(len(text), f.end + 60)
                    print(f"{f.rule} [{key}] «{f.text}» → {f.suggestion!r}\n    …{text[lo:hi]}…")
    n = sum(per_rule.values())
    print(f"sentences: {total_sentences}  flags: {n}  per 1,000 sentences: {1000 * n / total_sentences:.2f}")
    for corpus, c in sorted(per_corpus.items()):
        print(f"  {corpus}: {c}")
    for rule, c in sorted(per_rule.items()):
        print(f"  {rule}: {c} ({1000 * c / total_sentences:.2f} per 1,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
