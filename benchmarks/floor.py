"""The floor: the least any cleaner must do per article. Read each RAW/**/*.txt, write a trivial JSON document
to OUT/**/*.json the same way kamclean writes (a temporary file renamed over the target). Nothing else.

    python benchmarks/floor.py RAW OUT
"""

from __future__ import annotations

import json
import os
import sys
import tempfile


def main(raw: str, out: str) -> int:
    n = 0
    for dirpath, dirnames, filenames in os.walk(raw):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(".txt"):
                continue
            src = os.path.join(dirpath, name)
            rel = os.path.relpath(src, raw)
            with open(src, "rb") as fh:
                data = fh.read()
            doc = json.dumps({"path": rel, "bytes": len(data)}, indent=2) + "\n"
            target = os.path.join(out, rel[:-4] + ".json")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(doc)
            os.replace(tmp, target)
            n += 1
    return n


if __name__ == "__main__":
    print(main(sys.argv[1], sys.argv[2]))
