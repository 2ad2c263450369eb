"""False alarms of the lexical rules (KC-G glossary, KC-T terms, KC-R repetition) on human translations.

Reads the control corpora (TICO-19 and FLORES-200 Hindi, real human translations where nearly every flag is a
false alarm), groups their sentences into pseudo-articles by source document (TICO: the ``.info`` document id;
FLORES: the metadata URL), runs the full pipeline on each, and prints flags per 1,000 sentences for these rule
families, with every flag raised so that each can be judged.

    python scripts/false_alarms_lexical.py [/work/shared/corpora]

The corpus text is only read here; nothing from it is copied into the project.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from kamclean.config import Config
from kamclean.pipeline import analyse

PREFIXES = ("KC-G", "KC-T", "KC-R")


def documents(root: Path) -> list[tuple[str, list[str]]]:
    docs: list[tuple[str, list[str]]] = []
    tico = root / "tico19-hi"
    hi = (tico / "tico19-test.hi").read_text(encoding="utf-8").splitlines()
    info = (tico / "tico19-test.en.info").read_text(encoding="utf-8").splitlines()
    groups: dict[str, list[str]] = {}
    for line, meta in zip(hi, info, strict=False):
        groups.setdefault("tico:" + meta.split("\t")[0].rsplit(":", 1)[0], []).append(line)
    docs += list(groups.items())
    flores = root / "flores200-hi"
    hi = (flores / "hin_Deva.devtest").read_text(encoding="utf-8").splitlines()
    meta = (flores / "metadata_devtest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    groups = {}
    for line, m in zip(hi, meta, strict=False):
        groups.setdefault("flores:" + m.split("\t")[0], []).append(line)
    docs += list(groups.items())
    return docs


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora")
    config = Config()
    sentences = 0
    by_rule: Counter[str] = Counter()
    shown = []
    for name, lines in documents(root):
        lines = [ln.strip() for ln in lines if ln.strip()]
        sentences += len(lines)
        # one sentence per paragraph (blank line between), as an article would carry them
        art = analyse("\n\n".join(lines).encode("utf-8"), name, config).article
        for f in art.flags:
            if f.rule.startswith(PREFIXES):
                by_rule[f.rule] += 1
                shown.append(f"{name}\t{f.rule}\t{f.text}")
    total = sum(by_rule.values())
    for s in shown:
        print(s)
    print(
        f"sentences: {sentences}; lexical flags: {total}; per 1,000 sentences: {1000 * total / sentences:.2f}"
    )
    for rule, n in by_rule.most_common():
        print(f"  {rule}: {n}")


if __name__ == "__main__":
    main()
