"""Atomic file writes: a crash or kill never leaves half a document.

Data goes to a temporary file in the destination folder, which is then renamed over the target. ``os.replace``
is atomic on POSIX and Windows within one filesystem, so a reader sees the old file or the new one, never a mix.
Temporary names start with ``.tmp-`` so that a run that was killed leaves nothing that looks like output.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK  # what open() would give a new file; mkstemp alone gives 0600
TMP_PREFIX = ".tmp-"


_COUNTER = itertools.count()


def write_atomic(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    # a name unique to this process and call (cheaper than mkstemp's random names, and open() applies the
    # umask itself, so no chmod is needed); O_EXCL refuses a leftover of an old process with the same pid
    tmp = str(path.parent / f"{TMP_PREFIX}{path.name}.{os.getpid()}.{next(_COUNTER)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except FileExistsError:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TMP_PREFIX, suffix=path.suffix)
        os.chmod(tmp, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
