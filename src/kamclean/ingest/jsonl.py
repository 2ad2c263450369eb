"""JSON Lines input: one article per line, ``{"id": ..., "text": ..., "url"?: ..., "title"?: ...}``.

A shard is read as a stream (``.jsonl`` or gzip-compressed ``.jsonl.gz``), so its size never matters. A bad
line (not JSON, not an object, no ``id`` or ``text``, a repeated id) is one error naming the shard and the
line number; the other lines are processed as usual.

An id may be used to name a file (``kamclean run --split``), so :func:`id_to_path` refuses every id that could
leave the output folder or land somewhere special: absolute paths, ``..`` and ``.`` segments, hidden names
(``.kamclean`` is where the run keeps its state), backslashes, NUL and other control characters.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import regex

SUFFIXES = (".jsonl", ".jsonl.gz")
MAX_ID_CHARS = 200
_CONTROL = regex.compile(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]")


@dataclass(frozen=True)
class Record:
    line: int
    id: str
    text: str
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class BadLine:
    line: int
    reason: str


def is_jsonl(rel: str) -> bool:
    return rel.lower().endswith(SUFFIXES)


def stem(rel: str) -> str:
    """``a/b.jsonl.gz`` → ``a/b``."""
    low = rel.lower()
    for suf in (".jsonl.gz", ".jsonl"):
        if low.endswith(suf):
            return rel[: -len(suf)]
    return rel


def open_lines(fh: IO[bytes], rel: str) -> IO[bytes]:
    return gzip.GzipFile(fileobj=fh, mode="rb") if rel.lower().endswith(".gz") else fh


def records(fh: IO[bytes]) -> Iterator[Record | BadLine]:
    """Every non-blank line of a shard as a :class:`Record` or a :class:`BadLine` (never raises)."""
    seen: dict[str, int] = {}
    for lineno, raw in enumerate(fh, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except UnicodeDecodeError:
            yield BadLine(lineno, "not valid UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield BadLine(lineno, f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield BadLine(lineno, f"expected a JSON object, found {type(obj).__name__}")
            continue
        rid, text = obj.get("id"), obj.get("text")
        if isinstance(rid, int) and not isinstance(rid, bool):
            rid = str(rid)
        if not isinstance(rid, str) or not rid:
            yield BadLine(lineno, "no 'id' (a non-empty string)")
            continue
        if not isinstance(text, str):
            yield BadLine(lineno, f"record {rid!r}: no 'text' (a string)")
            continue
        url, title = obj.get("url"), obj.get("title")
        if url is not None and not isinstance(url, str):
            yield BadLine(lineno, f"record {rid!r}: 'url' must be a string")
            continue
        if title is not None and not isinstance(title, str):
            yield BadLine(lineno, f"record {rid!r}: 'title' must be a string")
            continue
        if rid in seen:
            yield BadLine(lineno, f"record {rid!r}: duplicate id (first on line {seen[rid]})")
            continue
        seen[rid] = lineno
        yield Record(lineno, rid, text, url or None, (title or "").strip() or None)


class UnsafeId(ValueError):
    """An id that must not become a path."""


def id_to_path(rid: str) -> str:
    """The relative POSIX path an id names (``a/b`` → ``a/b``), or :class:`UnsafeId` saying why not."""
    if len(rid) > MAX_ID_CHARS:
        raise UnsafeId(f"id longer than {MAX_ID_CHARS} characters cannot name a file")
    if _CONTROL.search(rid):
        raise UnsafeId("id contains a control or invisible character (NUL, newline, ...)")
    if "\\" in rid:
        raise UnsafeId("id contains a backslash")
    if rid.startswith("/") or regex.match(r"^[A-Za-z]:", rid):
        raise UnsafeId("id is an absolute path")
    parts = rid.split("/")
    for part in parts:
        if part in ("", ".", ".."):
            raise UnsafeId("id has an empty, '.' or '..' path segment")
        if part.startswith("."):
            raise UnsafeId("id has a hidden ('.'-prefixed) path segment")
        if part != part.strip():
            raise UnsafeId("id has a path segment with surrounding spaces")
    return "/".join(parts)
