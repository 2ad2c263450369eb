"""Rebuild the raw article, byte for byte, from a document alone: the "nothing lost" guarantee.

Every raw line is the concatenation, in column order, of the content kept from it (title, heading or a line of a
paragraph) and the removals recorded on it; the normalisation edits are then undone, and the line ends, final
newline and BOM restored from ``source``.
"""

from __future__ import annotations

from typing import Any

from kamclean.ingest.text import undo_edits
from kamclean.model import Edit


class RoundTripError(ValueError):
    pass


def _kept_by_line(doc: dict[str, Any]) -> dict[int, str]:
    kept: dict[int, str] = {}

    def put(line: int | None, text: str | None) -> None:
        if line is None or text is None:
            return
        for i, part in enumerate(text.split("\n")):
            if line + i in kept:
                raise RoundTripError(f"line {line + i} holds two content strings")
            kept[line + i] = part

    put(doc.get("title_line"), doc.get("title"))
    for sec in doc["sections"]:
        put(sec.get("heading_line"), sec.get("heading"))
        for par in sec["paragraphs"]:
            put(par["line"], par["text"])
    return kept


def rebuild_text(doc: dict[str, Any]) -> str:
    """The normalised text of the article (before normalisation edits are undone)."""
    n = doc["source"]["lines"]
    kept = _kept_by_line(doc)
    removals: dict[int, list[dict[str, Any]]] = {}
    for r in doc["removed"]:
        removals.setdefault(r["line"], []).append(r)
    lines: list[str] = []
    for ln in range(1, n + 1):
        text = kept.get(ln, "")
        out: list[str] = []
        pos = 1  # next column of the rebuilt line
        used = 0  # characters of kept text consumed
        for r in sorted(removals.get(ln, []), key=lambda r: r["column"]):
            gap = r["column"] - pos
            if gap < 0 or used + gap > len(text):
                raise RoundTripError(f"removal at {ln}:{r['column']} does not fit the line")
            out.append(text[used : used + gap])
            used += gap
            out.append(r["text"])
            pos = r["column"] + len(r["text"])
        out.append(text[used:])
        lines.append("".join(out))
    return "\n".join(lines)


def rebuild_bytes(doc: dict[str, Any]) -> bytes:
    src = doc["source"]
    edits: dict[int, list[Edit]] = {}
    for e in doc.get("normalized", []):
        edits.setdefault(e["line"], []).append(
            Edit(e["rule"], e["line"], e["column"], e["text"], e["replacement"])
        )
    lines = rebuild_text(doc).split("\n")
    try:
        lines = [undo_edits(t, edits.get(i + 1, [])) for i, t in enumerate(lines)]
    except ValueError as exc:
        raise RoundTripError(str(exc)) from None
    crlf = set(src.get("crlf_lines", [])) if src["newline"] == "mixed" else None
    parts: list[str] = []
    for i, t in enumerate(lines):
        last = i == len(lines) - 1
        if last and not src["final_newline"]:
            parts.append(t)
            break
        use_crlf = src["newline"] == "crlf" or (crlf is not None and (i + 1) in crlf)
        parts.append(t + ("\r\n" if use_crlf else "\n"))
    data = "".join(parts).encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if src["bom"] else data
