"""Build a synthetic corpus of N articles from the samples in raw/, deterministically from a seed.

Each article is made from the samples' own parts: a title, then sections (a heading and its paragraphs) in a
shuffled order, with page residue of every family inserted between blocks and sometimes glued to a paragraph
(image credits built from the catalog's agency names, template errors, video-of-the-day and brought-to-you
blocks, contents headers, bylines, advertisement labels). Sizes are either the samples' own size (``--size
sample``), a fixed number of bytes (``--size 10000``), or spread log-uniformly from 1 KB to 1 MB (``--size
mixed``); long articles repeat the samples' sections in new orders.

    python benchmarks/make_corpus.py OUT --n 1000 --seed 1 [--size sample|mixed|BYTES] [--jsonl]

Same arguments, same bytes. With ``--jsonl`` the corpus is one shard per 1,000 articles instead of files.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Residue of the families the catalog covers, in the forms the scraped sites show (the agency names are the
# catalog's own vocabulary; these lines are written here, not taken from any article).
CREDIT_PARTS = ["डिजिटल विजन।", "बृहस्पति", "Photos.com", "टॉड वार्नॉक", "लाइफसाइज़", "Comstock", "Creatas"]
AGENCIES = ["गेटी इमेजेज", "गेटी इमेज", "Getty Images", "Jupiterimages", "iStock", "Thinkstock", "Stockbyte",
            "डिजिटल विजन", "हेमेरा", "Photodisc"]
RESIDUE_LINES = ["दिन का वीडियो", "Video of the Day", "आप के लिए लाया आप के लिए आप के लिए लाया", "विज्ञापन",
                 "Advertisement", "विषयसूची:", "Anonim", "तस्वीरें। फोटो", "$config[code] not found"]
GLUED = ["$config[code] not found", "$config[ad] नहीं मिला"]


@dataclass
class Parts:
    titles: list[str]
    sections: list[tuple[str, list[str]]]  # heading, paragraphs


def _parts(raw: Path) -> Parts:
    """Split the samples into title and sections with kamclean itself (content only; residue is re-added)."""
    from kamclean.config import Config
    from kamclean.pipeline import process

    titles, sections = [], []
    for path in sorted(raw.glob("*.txt")):
        doc = process(path.read_bytes(), path.name, Config())
        if doc["title"]:
            titles.append(doc["title"])
        for sec in doc["sections"]:
            paras = [p["text"] for p in sec["paragraphs"]]
            if paras:
                sections.append((sec["heading"] or "", paras))
    if not sections:
        raise SystemExit(f"{raw}: no usable sample articles")
    return Parts(titles or ["लेख"], sections)


def _credit(rng: random.Random) -> str:
    parts = [*rng.sample(CREDIT_PARTS, rng.randint(0, 2)), rng.choice(AGENCIES)]
    return " / ".join(parts)


def _residue(rng: random.Random) -> str:
    return _credit(rng) if rng.random() < 0.5 else rng.choice(RESIDUE_LINES)


def article(parts: Parts, rng: random.Random, target: int | None) -> str:
    """One article of about ``target`` bytes (None: the samples' own length)."""
    blocks = [rng.choice(parts.titles)]
    if rng.random() < 0.5:
        blocks.append(_residue(rng))
    size = len(blocks[0].encode())
    rounds = 0
    while True:
        order = parts.sections[:]
        rng.shuffle(order)
        for heading, paras in order:
            if heading:
                blocks.append(heading)
            if rng.random() < 0.6:
                blocks.append(_residue(rng))
            for p in paras:
                if rng.random() < 0.1:  # residue on the same line as real text
                    p = f"{rng.choice(GLUED)} {p}"
                blocks.append(p)
                size += len(p.encode()) + 2
            size += len(heading.encode())
            if target is not None and size >= target:
                return "\n\n".join(blocks) + "\n"
        rounds += 1
        if target is None and rounds == 1:
            return "\n\n".join(blocks) + "\n"


def sizes(spec: str, n: int, rng: random.Random) -> list[int | None]:
    if spec == "sample":
        return [None] * n
    if spec == "mixed":  # log-uniform from 1 KB to 1 MB
        return [int(math.exp(rng.uniform(math.log(1_000), math.log(1_000_000)))) for _ in range(n)]
    return [int(spec)] * n


def build(out: Path, n: int, seed: int, size: str = "sample", jsonl: bool = False,
          raw: Path = ROOT / "raw") -> int:
    """Write the corpus; return its total size in bytes."""
    rng = random.Random(seed)
    parts = _parts(raw)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    targets = sizes(size, n, rng)
    shard = None
    for i, target in enumerate(targets):
        text = article(parts, rng, target)
        total += len(text.encode())
        if jsonl:
            if i % 1000 == 0:
                if shard:
                    shard.close()
                shard = (out / f"shard-{i // 1000:05d}.jsonl").open("w", encoding="utf-8")
            shard.write(json.dumps({"id": f"a{i:07d}", "text": text}, ensure_ascii=False) + "\n")
        else:
            sub = out / f"{i // 1000:04d}"
            sub.mkdir(exist_ok=True)
            (sub / f"a{i:07d}.txt").write_text(text, encoding="utf-8")
    if shard:
        shard.close()
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", default="sample", help="sample | mixed | a number of bytes")
    ap.add_argument("--jsonl", action="store_true")
    a = ap.parse_args()
    total = build(a.out, a.n, a.seed, a.size, a.jsonl)
    print(f"{a.n} articles, {total / 1e6:.1f} MB in {a.out}")


if __name__ == "__main__":
    main()
