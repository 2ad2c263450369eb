"""Atomic file writes: a crash or kill never leaves half a document.

Data goes to a temporary file in the destination folder, which is then renamed over the target. ``os.replace``
is atomic on POSIX and Windows within one filesystem, so a reader sees the old file or the new one, never a mix.
Temporary names start with ``.tmp-`` so that a run that was killed leaves nothing that looks like output.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK  # what open() would give a new file; mkstemp alone gives 0600
TMP_PREFIX = ".tmp-"


def write_atomic(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TMP_PREFIX, suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
