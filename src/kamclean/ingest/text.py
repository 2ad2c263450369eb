"""Decode and normalise a raw text article.

What is normalised, and why each step is safe:

* **BOM** (U+FEFF at the very start) is dropped and remembered in ``Source.bom``.
* **CRLF** line ends become LF and are remembered in ``Source.newline`` (per line when mixed).
* **KC-N001 zero-width-space**: U+200B, U+2060 and a U+FEFF that is not at the start are invisible and carry no
  meaning in Hindi; scrapers leave them inside words, where they break word matching. They are dropped.
  ZWJ (U+200D) and ZWNJ (U+200C) are *kept*: in Devanagari they select half forms and conjunct shapes
  (क्‍ष vs क्ष), so they are part of the spelling.
* **KC-N002 no-break-space**: U+00A0 and U+202F become a plain space. HTML ``&nbsp;`` survives scraping as
  U+00A0 and otherwise makes ``51,933`` and ``$`` look like one token.
* **KC-N003 soft-hyphen**: U+00AD is an invisible hyphenation hint from HTML; dropped.
* **KC-N004 nfc**: Unicode NFC, so that one word has one code-point spelling. NFC leaves Devanagari nukta letters
  decomposed (क + ़), which is the canonical form; it never changes what a reader sees.

Deliberately *not* applied: indic-nlp's ``IndicNormalizer`` on content. It rewrites a colon after Devanagari into a
visarga ("विषयसूची:" → "विषयसूचीः"), folds nukta and chandrabindu, and changes quotes and dashes: each of those
changes real content. kamclean uses it only to build *matching keys* (see :mod:`kamclean.text.keys`).

Every edit is recorded as an :class:`~kamclean.model.Edit` with its line and column, so the raw bytes can be
rebuilt exactly (:mod:`kamclean.emit.roundtrip`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import regex

from kamclean.model import Edit, Source

ZERO_WIDTH = "\u200b\u2060\ufeff"
NO_BREAK = "\u00a0\u202f"
SOFT_HYPHEN = "\u00ad"

_INVISIBLE = regex.compile(f"[{ZERO_WIDTH}]+|[{NO_BREAK}]+|{SOFT_HYPHEN}+")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same control characters as bytes: in UTF-8 they never occur inside a multi-byte character, so counting
# them in the raw bytes (bytes.translate, C speed) equals counting them in the decoded text.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_VISIBLE = regex.compile(rf"[^\s{ZERO_WIDTH}{SOFT_HYPHEN}]")
_GRAPHEME = regex.compile(r"\X")
# Characters that NFC may compose with the character before them (NFC_Quick_Check = Maybe; Unicode 14, the
# data of Python 3.11), Hangul vowel and trailing jamo, and the three Devanagari letters that compose with a
# following nukta (न र ळ + ़ → ऩ ऱ ऴ; every other nukta letter is a composition exclusion and stays decomposed).
# ``tests/test_nfc_fast.py`` recomputes the set from ``unicodedata``.
NFC_MAYBE = (
    "\u0300-\u0304\u0306-\u030c\u030f\u0311\u0313-\u0314\u031b\u0323-\u0328\u032d-\u032e\u0330-\u0331"
    "\u0338\u0342\u0345\u0653-\u0655\u09be\u09d7\u0b3e\u0b56-\u0b57\u0bbe\u0bd7\u0c56\u0cc2\u0cd5-\u0cd6"
    "\u0d3e\u0d57\u0dca\u0dcf\u0ddf\u102e\u1b35\u3099-\u309a\u1161-\u1175\u11a8-\u11c2"
    "\U000110ba\U00011127\U0001133e\U00011357\U000114b0\U000114ba\U000114bd\U000115af\U00011930"
)
# A set of code points, not words: the standard library's ``re`` tests such a class several times faster
# than ``regex``, and faster still with the few astral entries widened to their block (a superset, which only
# sends more texts down the exact path).
_SUSPECT = re.compile(f"[{ZERO_WIDTH}{NO_BREAK}{SOFT_HYPHEN}{NFC_MAYBE.split(chr(0x110BA))[0]}\U00011000-\U00011fff]")
_NUKTA_COMPOSES = regex.compile("[\u0928\u0930\u0933]\\p{M}*\u093c")

RULE_ZWSP = "KC-N001"
RULE_NBSP = "KC-N002"
RULE_SHY = "KC-N003"
RULE_NFC = "KC-N004"

NORMALISATIONS = {
    RULE_ZWSP: "zero-width-space",
    RULE_NBSP: "no-break-space",
    RULE_SHY: "soft-hyphen",
    RULE_NFC: "unicode-nfc",
}


class InputError(Exception):
    """An article that cannot be processed. ``str()`` is the one-line reason, without the path."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def line(self) -> str:
        return f"{self.path}: {self.reason}"


def _nfc(line: str, lineno: int, edits: list[Edit]) -> str:
    """Stage 1: NFC, one edit per changed grapheme cluster (columns in post-NFC coordinates)."""
    if unicodedata.is_normalized("NFC", line):
        return line
    whole = unicodedata.normalize("NFC", line)
    pieces: list[str] = []
    found: list[Edit] = []
    col = 1
    for g in _GRAPHEME.findall(line):
        n = unicodedata.normalize("NFC", g)
        if n != g:
            found.append(Edit(RULE_NFC, lineno, col, g, n))
        pieces.append(n)
        col += len(n)
    if "".join(pieces) != whole:  # composition across clusters (rare): one edit for the whole line
        found = [Edit(RULE_NFC, lineno, 1, line, whole)]
    edits.extend(found)
    return whole


def _invisible(line: str, lineno: int, edits: list[Edit]) -> str:
    """Stage 2: zero-width spaces, no-break spaces, soft hyphens (columns in post-stage coordinates)."""
    out: list[str] = []
    pos = 0
    length = 0
    for m in _INVISIBLE.finditer(line):
        kept = line[pos : m.start()]
        out.append(kept)
        length += len(kept)
        raw = m.group()
        if raw[0] in NO_BREAK:
            rule, rep = RULE_NBSP, " " * len(raw)
        elif raw[0] == SOFT_HYPHEN:
            rule, rep = RULE_SHY, ""
        else:
            rule, rep = RULE_ZWSP, ""
        edits.append(Edit(rule, lineno, length + 1, raw, rep))
        out.append(rep)
        length += len(rep)
        pos = m.end()
    if not out:
        return line
    out.append(line[pos:])
    return "".join(out)


def _normalise_line(line: str, lineno: int, edits: list[Edit]) -> str:
    """Normalise one line. Edits are appended in application order; undo them in reverse order."""
    return _invisible(_nfc(line, lineno, edits), lineno, edits)


def decode(data: bytes, path: str) -> tuple[Source, str, list[Edit]]:
    """Decode raw bytes into (source facts, normalised text, edits). Raises :class:`InputError`."""
    sha = hashlib.sha256(data).hexdigest()
    if not data:
        raise InputError(path, "empty file")
    if b"\x00" in data[:8192]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise InputError(path, "UTF-16 text is not supported; convert it to UTF-8")
        raise InputError(path, "binary file (contains NUL bytes), not a text article")
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{body[exc.start]:02x} at line {line}); re-save it as UTF-8"
        ) from None
    if not text.strip() or _VISIBLE.search(text) is None:
        raise InputError(path, "no text (the file holds only whitespace)")
    controls = len(body.translate(None, _NOT_CONTROL_BYTES))
    if controls > 8 and controls > len(text) // 100:
        raise InputError(path, "binary file (many control characters), not a text article")

    raw_lines = text.split("\n")
    final_newline = raw_lines[-1] == ""
    if final_newline:
        raw_lines.pop()
    # a line "ends" only when a "\n" follows it: the last line of a file without a final newline has no line
    # end, so a "\r" there is content, not half of a CRLF
    ended = len(raw_lines) if final_newline else len(raw_lines) - 1
    crlf = [i + 1 for i in range(ended) if raw_lines[i].endswith("\r")] if "\r" in text else []
    if not crlf:
        newline = "lf"
    elif len(crlf) == ended:
        newline = "crlf"
    else:
        newline = "mixed"
    crlf_set = set(crlf)
    lines = [ln[:-1] if (i + 1) in crlf_set else ln for i, ln in enumerate(raw_lines)] if crlf else raw_lines
    edits: list[Edit] = []
    if untouched(text):
        norm = lines  # the common case: nothing to normalise, so no line needs looking at
    else:
        norm = [_normalise_line(ln, i + 1, edits) for i, ln in enumerate(lines)]
    source = Source(
        path=path,
        sha256=sha,
        bytes=len(data),
        bom=bom,
        newline=newline,
        crlf_lines=tuple(crlf) if newline == "mixed" else (),
        final_newline=final_newline,
    )
    return source, "\n".join(norm), edits


def untouched(text: str) -> bool:
    """Is ``text`` already NFC, with no invisible character to remove? (Then normalising changes nothing.)

    ``unicodedata.is_normalized("NFC", …)`` is slow on Devanagari: its quick check answers "maybe" for every
    nukta and falls back to a full normalisation. Instead: a text that is NFD-normal (a quick check that
    answers yes or no, never maybe, for Devanagari) and holds no character NFC could compose onto its
    predecessor is NFC too, as NFC is NFD followed by composition.
    """
    if _SUSPECT.search(text) is not None or ("\u093c" in text and _NUKTA_COMPOSES.search(text) is not None):
        return False
    return unicodedata.is_normalized("NFD", text) or unicodedata.is_normalized("NFC", text)


def read_bytes(path: Path, rel: str) -> bytes:
    """Read one article file's bytes. Raises :class:`InputError` with a one-line reason."""
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(rel, "cannot read the file (permission denied)") from None
    except IsADirectoryError:
        raise InputError(rel, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(rel, f"cannot read the file ({exc.strerror or exc})") from None


def to_raw_column(edits: list[Edit], line: int, column: int) -> int:
    """Map a 1-based column of a normalised line back to the raw line (code points, BOM not counted).

    Edits are undone in reverse order of application; a column inside an edited span maps to its start.
    """
    return _undo_columns([e for e in edits if e.line == line], column)


def column_mapper(edits: list[Edit]) -> Callable[[int, int], int]:
    """:func:`to_raw_column` for many positions of one article: the edits are grouped by line once, so each
    call costs the edits of its own line, not every edit of the article."""
    if not edits:
        return lambda line, column: column
    by_line: dict[int, list[Edit]] = {}
    for e in edits:
        by_line.setdefault(e.line, []).append(e)
    return lambda line, column: _undo_columns(by_line.get(line, ()), column)


def _undo_columns(line_edits: Sequence[Edit], column: int) -> int:
    col = column
    for e in reversed(line_edits):
        if e.column + len(e.replacement) <= col:
            col += len(e.text) - len(e.replacement)
        elif e.column < col:
            col = e.column
    return col


def undo_edits(line_text: str, line_edits: list[Edit]) -> str:
    """Rebuild a raw line from its normalised text and its edits (in application order)."""
    for e in reversed(line_edits):
        i = e.column - 1
        if line_text[i : i + len(e.replacement)] != e.replacement:
            raise ValueError(f"edit {e.rule} at {e.line}:{e.column} does not match the text")
        line_text = line_text[:i] + e.text + line_text[i + len(e.replacement) :]
    return line_text
