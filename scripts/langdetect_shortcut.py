"""Check KC-U001's shortcut: a Latin run rich in English function words is English without langdetect.

For every Latin-script run that KC-U001 would judge (at least four words and 40 letters) and that passes the
shortcut's test (``PLAIN_ENGLISH_WORDS`` function words, at least ``PLAIN_ENGLISH_SHARE`` of its words), ask
seeded langdetect too, and count how often it names English with the probability KC-U001 requires. Runs where
it does not are printed, so that each can be judged. It also prints the time langdetect took per run.

    python scripts/langdetect_shortcut.py [CORPORA] [FILE_OR_DIR ...]

CORPORA defaults to ../shared/corpora (both sides of TICO-19 and FLORES-200 are read); the other arguments are
more texts or folders of ``*.txt`` (by default the blind sets in tests/eval-blind). Texts are only read.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kamclean.checks import untranslated as u
from kamclean.text.script import langdetect_probs

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILES = (
    "tico19-hi/tico19-test.hi",
    "tico19-hi/tico19-test.en",
    "flores200-hi/hin_Deva.devtest",
    "flores200-hi/eng_Latn.devtest",
)


def texts(corpora: Path, extra: list[Path]) -> list[str]:
    out = [(corpora / f).read_text(encoding="utf-8") for f in CORPUS_FILES if (corpora / f).exists()]
    for p in extra:
        files = sorted(p.rglob("*.txt")) if p.is_dir() else [p]
        out.extend(f.read_text(encoding="utf-8", errors="replace") for f in files)
    return out


def main(argv: list[str]) -> int:
    corpora = Path(argv[0]) if argv else ROOT.parent / "shared" / "corpora"
    extra = [Path(a) for a in argv[1:]] or [ROOT / "tests" / "eval-blind"]
    voc = u._vocab()
    runs: set[str] = set()
    for text in texts(corpora, extra):
        for m in u._LATIN_RUN.finditer(text):
            run = u.trim_run(m.group())
            if len(u.run_words(run)) >= u.MIN_WORDS and len(u._LETTER.findall(run)) >= 40:
                runs.add(run)
    plain = agree = 0
    spent = 0.0
    for run in sorted(runs):
        ws = u.run_words(run)
        if not u.plainly_english(u.function_words(ws, voc), len(ws)):
            continue
        plain += 1
        t = time.perf_counter()
        probs = langdetect_probs(run)
        spent += time.perf_counter() - t
        if probs and probs[0][0] == "en" and probs[0][1] >= u.MIN_PROB:
            agree += 1
        else:
            print(f"langdetect says {probs[:2]}: {run[:120]}")
    print(f"Latin runs judged: {len(runs)}; plainly English by function words: {plain}")
    print(f"langdetect agrees (English, p >= {u.MIN_PROB}): {agree}; otherwise: {plain - agree}")
    if plain:
        print(f"langdetect time per run: {spent / plain * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
