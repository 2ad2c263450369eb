"""Where articles are read from and documents written to: a local folder, or any fsspec URL.

``kamclean run`` takes RAW and OUT as local paths or as URLs (``file://``, ``memory://``, ``s3://``,
``gs://``, any protocol fsspec knows). Local paths use the standard library directly (fast, and writes are
atomic through a temporary file and a rename); URLs go through fsspec, imported only when one is used, where a
written object appears whole when its upload completes.

A store is named by its URL string, so a task sent to another process or to a Dask worker carries only strings
and each worker opens the store itself (:func:`open_store`, cached per process).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import IO, Any

from kamclean.emit.writer import TMP_PREFIX, write_atomic


class StoreError(Exception):
    """A store that cannot be used (missing fsspec, unknown protocol); the message says what to do."""


def is_url(location: str) -> bool:
    return "://" in location and not location.startswith("file://")


def local_path(location: str) -> str:
    return location[len("file://") :] if location.startswith("file://") else location


class LocalStore:
    """A folder (or a single file) on the local disk."""

    remote = False

    def __init__(self, root: str) -> None:
        self.root = Path(local_path(root))
        self.single = self.root.is_file()  # RAW may name one article

    def __repr__(self) -> str:
        return f"LocalStore({str(self.root)!r})"

    def path(self, rel: str) -> Path:
        if self.single:
            return self.root
        return self.root / rel if rel else self.root

    def exists(self) -> bool:
        return self.root.exists()

    def is_file(self) -> bool:
        return self.root.is_file()

    def walk(self) -> Iterator[str]:
        """Every file under the root as a POSIX relative path, sorted; hidden entries skipped."""
        if self.root.is_file():
            yield self.root.name
            return
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            base = Path(dirpath)
            for name in sorted(filenames):
                if not name.startswith("."):
                    yield (base / name).relative_to(self.root).as_posix()

    def read_bytes(self, rel: str) -> bytes:
        return self.path(rel).read_bytes()

    def open_read(self, rel: str) -> IO[bytes]:
        return self.path(rel).open("rb")

    def has(self, rel: str) -> bool:
        return self.path(rel).is_file()

    def write(self, rel: str, data: bytes) -> None:
        write_atomic(self.path(rel), data)

    def open_write(self, rel: str) -> AtomicLocalWriter:
        return AtomicLocalWriter(self.path(rel))

    def remove(self, rel: str) -> None:
        try:
            self.path(rel).unlink()
        except FileNotFoundError:
            pass

    def list_dir(self, rel: str) -> list[str]:
        d = self.path(rel)
        return sorted(p.name for p in d.iterdir() if p.is_file()) if d.is_dir() else []

    def remove_empty_dir(self, rel: str) -> None:
        try:
            self.path(rel).rmdir()
        except OSError:
            pass

    def sweep_temporaries(self) -> int:
        """Remove the ``.tmp-*`` files a killed run left behind (names only this package writes); how many."""
        n = 0
        if not self.root.is_dir():
            return 0
        for dirpath, _dirnames, filenames in os.walk(self.root):
            for name in filenames:
                if name.startswith(TMP_PREFIX):
                    try:
                        os.unlink(os.path.join(dirpath, name))
                        n += 1
                    except FileNotFoundError:
                        pass
        return n


class AtomicLocalWriter:
    """A file written in pieces (a JSONL shard) that appears under its name only when complete."""

    def __init__(self, target: Path) -> None:
        import tempfile

        target.parent.mkdir(parents=True, exist_ok=True)
        self.target = target
        fd, self.tmp = tempfile.mkstemp(dir=target.parent, prefix=TMP_PREFIX, suffix=target.suffix)
        self.fh: IO[bytes] = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> int:
        return self.fh.write(data)

    def flush(self) -> None:
        self.fh.flush()

    def __enter__(self) -> AtomicLocalWriter:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        from kamclean.emit.writer import FILE_MODE

        self.fh.close()
        if exc_type is None:
            os.chmod(self.tmp, FILE_MODE)
            os.replace(self.tmp, self.target)
        else:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass


class FsspecStore:
    """A folder behind an fsspec URL. Objects are written whole (an upload completes or nothing appears)."""

    remote = True

    def __init__(self, url: str) -> None:
        try:
            import fsspec
        except ImportError:
            raise StoreError(
                f"{url}: URLs need fsspec (pip install 'kamclean[dask]' or pip install fsspec)"
            ) from None
        try:
            self.fs, root = fsspec.core.url_to_fs(url)
        except (ImportError, ValueError) as exc:
            raise StoreError(f"{url}: cannot open ({exc})") from None
        self.url = url
        self.root = root.rstrip("/") or "/"

    def __repr__(self) -> str:
        return f"FsspecStore({self.url!r})"

    def path(self, rel: str) -> str:
        return f"{self.root}/{rel}" if rel else self.root

    def exists(self) -> bool:
        return bool(self.fs.exists(self.root))

    def is_file(self) -> bool:
        return bool(self.fs.isfile(self.root))

    def walk(self) -> Iterator[str]:
        if self.is_file():
            yield PurePosixPath(self.root).name
            return
        found = []
        prefix = self.root.rstrip("/") + "/"
        for full in self.fs.find(self.root):
            rel = full[len(prefix) :] if full.startswith(prefix) else full.lstrip("/")
            if any(part.startswith(".") for part in rel.split("/")):
                continue
            found.append(rel)
        yield from sorted(found)

    def _file_path(self, rel: str) -> str:
        # a store opened on a single file reads that file under its own name
        return self.root if self.is_file() else self.path(rel)

    def read_bytes(self, rel: str) -> bytes:
        return bytes(self.fs.cat_file(self._file_path(rel)))

    def open_read(self, rel: str) -> IO[bytes]:
        return self.fs.open(self._file_path(rel), "rb")

    def has(self, rel: str) -> bool:
        return bool(self.fs.isfile(self.path(rel)))

    def write(self, rel: str, data: bytes) -> None:
        parent = PurePosixPath(self.path(rel)).parent
        self.fs.makedirs(str(parent), exist_ok=True)
        self.fs.pipe_file(self.path(rel), data)

    def open_write(self, rel: str) -> Any:
        parent = PurePosixPath(self.path(rel)).parent
        self.fs.makedirs(str(parent), exist_ok=True)
        return _FsspecWriter(self.fs.open(self.path(rel), "wb"))

    def remove(self, rel: str) -> None:
        try:
            self.fs.rm_file(self.path(rel))
        except FileNotFoundError:
            pass

    def list_dir(self, rel: str) -> list[str]:
        d = self.path(rel)
        if not self.fs.isdir(d):
            return []
        return sorted(PurePosixPath(p).name for p in self.fs.ls(d, detail=False) if self.fs.isfile(p))

    def remove_empty_dir(self, rel: str) -> None:
        try:
            if self.fs.isdir(self.path(rel)) and not self.fs.ls(self.path(rel)):
                self.fs.rmdir(self.path(rel))
        except (OSError, NotImplementedError):
            pass

    def sweep_temporaries(self) -> int:
        return 0  # nothing is written through temporaries here


class _FsspecWriter:
    def __init__(self, fh: Any) -> None:
        self.fh = fh

    def write(self, data: bytes) -> int:
        return int(self.fh.write(data) or len(data))

    def flush(self) -> None:
        pass

    def __enter__(self) -> _FsspecWriter:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.fh.close()
        else:  # do not publish half a shard
            try:
                self.fh.discard() if hasattr(self.fh, "discard") else self.fh.close()
            except Exception:  # best effort on an error path
                pass


Store = LocalStore | FsspecStore


@lru_cache(maxsize=16)
def open_store(location: str) -> Store:
    """The store for a local path or URL (cached, so each worker process opens it once)."""
    return FsspecStore(location) if is_url(location) else LocalStore(location)


def join(location: str, rel: str) -> str:
    """``location`` / ``rel`` for display (a path or a URL)."""
    return f"{location.rstrip('/')}/{rel}"
