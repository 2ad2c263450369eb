#!/usr/bin/env python3
"""Write src/kamclean/data/artefacts.analysis.json: what the artefact engine's guards need to know about each
pattern of the packaged catalog (literal clauses, affixes, size bounds, first characters; see
kamclean.clean.prefilter). Reading a big pattern costs more than compiling it, so the packaged patterns are
read once here instead of at every start. Run it after changing data/artefacts.yaml; the test suite fails
while the file is not current (a pattern missing from it is still analysed when first used, so output never
depends on it).

Usage::

    python scripts/artefact_analysis.py
"""

from __future__ import annotations

import json

from kamclean.clean.catalog import load_catalog
from kamclean.clean.prefilter import ANALYSIS_FILE, ANALYSIS_VERSION, analyse, source_key


def packaged_sources() -> list[str]:
    sources: list[str] = []
    for r in load_catalog().rules:
        for p in (r.pattern, r.requires, r.unless_next):
            if p is not None:
                sources.append(p.pattern)
        if r.block is not None:
            sources.append(r.block.line.pattern)
            for p in (r.block.mid_header, r.block.mid_title):
                if p is not None:
                    sources.append(p.pattern)
        if r.stack is not None:
            sources += [r.stack.line.pattern, r.stack.needs.pattern]
    return list(dict.fromkeys(sources))


def table() -> dict[str, object]:
    return {
        "version": ANALYSIS_VERSION,
        "patterns": {source_key(s): analyse(s) for s in packaged_sources()},
    }


def main() -> None:
    ANALYSIS_FILE.write_text(json.dumps(table(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {ANALYSIS_FILE}")


if __name__ == "__main__":
    main()
