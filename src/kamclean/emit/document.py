"""Article → the document JSON (the output contract; see data/schema/document.schema.json).

``verdict`` is the MQM-style score and pass / review / fail decision computed from the flags
(:mod:`kamclean.verdict` documents the weights and thresholds).

Deterministic by construction: no timestamps, no absolute paths, keys in a fixed order, and serialisation with
``sort_keys=False`` over dicts built in one order, so the same input always gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

import regex

from kamclean.model import Article
from kamclean.text import charmask
from kamclean.verdict import verdict

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; the standard library gives the same bytes
    _orjson = None

SCHEMA_ID = "kamclean.document/1"
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-'.][\p{L}\p{M}\p{N}]+)*")


def to_document(article: Article) -> dict[str, Any]:
    src = article.source
    source: dict[str, Any] = {
        "path": src.path,
        "sha256": src.sha256,
        "bytes": src.bytes,
        "lines": article.text.count("\n") + 1,
        "bom": src.bom,
        "newline": src.newline,
        "final_newline": src.final_newline,
    }
    if src.newline == "mixed":
        source["crlf_lines"] = list(src.crlf_lines)
    sections = [
        {
            "heading": sec.heading,
            "heading_line": sec.heading_line,
            "paragraphs": [
                {
                    "text": p.text,
                    "line": p.line,
                    "sentences": [{"text": s.text, "start": s.start, "end": s.end} for s in p.sentences],
                }
                for p in sec.paragraphs
            ],
        }
        for sec in article.sections
    ]
    removed = [
        {"rule": r.rule, "name": r.name, "kind": r.kind, "text": r.text, "line": r.line, "column": r.column}
        for r in article.removed
    ]
    normalized = [
        {"rule": e.rule, "line": e.line, "column": e.column, "text": e.text, "replacement": e.replacement}
        for e in article.edits
    ]
    flags = [f.to_json() for f in article.flags]
    stats = _stats(article)
    return {
        "schema": SCHEMA_ID,
        "source": source,
        "language": article.language,
        "title": article.title,
        "title_line": article.title_line,
        "sections": sections,
        "removed": removed,
        "normalized": normalized,
        "flags": flags,
        "stats": stats,
        "verdict": verdict(article.flags, stats["words"]),
    }


_JOINERS = "-'."


def _word_char(ch: str) -> bool:
    return regex.match(r"[\p{L}\p{M}\p{N}]", ch) is not None


def count_words(text: str) -> int:
    """``len(_WORD.findall(text))``, computed with character masks.

    A match of ``_WORD`` is a chain of word-character runs linked by single joiners ("-", "'", "."), so the
    count is the number of runs minus the number of joiners with a word character on both sides.
    """
    m = charmask.masks(text)
    if m is None:
        return len(_WORD.findall(text))
    w = m.mask("word", _word_char)
    j = m.mask("joiner", _JOINERS.__contains__)
    runs = (w & ~(w << 8)).bit_count()
    links = (j & (w << 8) & (w >> 8)).bit_count()
    return runs - links


def _stats(article: Article) -> dict[str, Any]:
    strings = [s for _, s, _ in article.strings()]
    artefacts = [r for r in article.removed if r.kind != "whitespace"]
    by_kind: dict[str, int] = {}
    for r in artefacts:
        by_kind[r.kind] = by_kind.get(r.kind, 0) + 1
    sev = {"critical": 0, "major": 0, "minor": 0}
    for f in article.flags:
        sev[f.severity] += 1
    chars_content = sum(len(s) for s in strings)
    chars_removed = sum(len(r.text) for r in artefacts)
    return {
        "chars": len(article.text),
        "chars_content": chars_content,
        "chars_removed": chars_removed,
        "removed": len(artefacts),
        "removed_by_kind": dict(sorted(by_kind.items())),
        "whitespace_removed": sum(len(r.text) for r in article.removed if r.kind == "whitespace"),
        "normalized": len(article.edits),
        "sections": len(article.sections),
        "paragraphs": sum(len(s.paragraphs) for s in article.sections),
        "sentences": sum(len(p.sentences) for s in article.sections for p in s.paragraphs),
        "words": count_words("\n".join(strings)),
        "flags": sev,
    }


def _stdlib_dumps(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# orjson writes floats below 1e-4 differently from the standard library ("0.00001" / "1e-5" where ``json``
# writes "1e-05"); everything else it writes byte for byte like ``json.dumps(ensure_ascii=False, indent=2)``.
# Such a float leaves a trace in orjson's output ("0.0000", or a digit, "e-" and a single digit), and a
# document that shows one (even inside a string, which is harmless) is written by the standard library
# instead, so the bytes never depend on which encoder ran.
def _orjson_float_trace(out: bytes) -> bool:
    if b"0.0000" in out:
        return True
    i = out.find(b"e-")
    while i != -1:
        if (
            i > 0
            and out[i - 1 : i].isdigit()
            and out[i + 2 : i + 3].isdigit()
            and not out[i + 3 : i + 4].isdigit()
        ):
            return True
        i = out.find(b"e-", i + 2)
    return False



def dumps_bytes(doc: dict[str, Any]) -> bytes:
    """:func:`dumps` as UTF-8 bytes, ~20x faster: the standard library's indented encoder is pure Python."""
    if _orjson is not None:
        try:
            out = _orjson.dumps(doc, option=_orjson.OPT_INDENT_2 | _orjson.OPT_APPEND_NEWLINE)
        except TypeError:  # an int beyond 64 bits, a non-string key, a lone surrogate: let json decide
            out = None
        if out is not None and not _orjson_float_trace(out):
            return out
    return _stdlib_dumps(doc).encode("utf-8")


def dumps(doc: dict[str, Any]) -> str:
    """The canonical serialisation: UTF-8 JSON, 2-space indent, non-ASCII kept readable, final newline.

    Exactly ``json.dumps(doc, ensure_ascii=False, indent=2) + "\\n"``, computed with orjson when it is there.
    """
    return dumps_bytes(doc).decode("utf-8")


def dumps_line(doc: dict[str, Any]) -> bytes:
    """One document as one line of JSON Lines: compact, non-ASCII kept readable, a final newline.

    Exactly ``json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\\n"`` (orjson when it is there).
    """
    if _orjson is not None:
        try:
            out = _orjson.dumps(doc, option=_orjson.OPT_APPEND_NEWLINE)
        except TypeError:
            out = None
        if out is not None and not _orjson_float_trace(out):
            return out
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
