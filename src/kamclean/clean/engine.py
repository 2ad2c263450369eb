"""Apply the artefact catalog to an article, line by line, recording every removal.

The engine owns the loop; rules are data. For each line:

1. ``span`` rules remove their matches wherever they are. A removed span takes the whitespace that joined it
   to the rest of the line (the following run, or the preceding one at the end of a line), so "A $config[code]
   not found B" keeps "A B" and the removal holds the exact text taken.
2. ``line`` rules then test what is left of the line, stripped. A match removes all of it.
3. Whitespace around what is left (and whitespace-only lines) is recorded under ``KC-W001`` so that the raw
   article can be rebuilt exactly.

The result is, per line, the kept pieces with their columns. Nothing is ever dropped without a record, and the
cleaned text contains nothing any rule matches, so cleaning is idempotent.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from kamclean.clean.catalog import ArtefactRule, Catalog
from kamclean.model import Removal

WHITESPACE_RULE = ("KC-W001", "surrounding-whitespace", "whitespace")


@dataclass(frozen=True)
class KeptLine:
    """What survives of one raw line: (0-based offset in the line, text) pieces, in order."""

    line: int
    pieces: tuple[tuple[int, str], ...]

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.pieces)


# Exactly the characters ``str.isspace`` accepts (the regex module's ``\s`` differs on U+001C..U+001F), so the
# interval code below treats whitespace exactly as ``str.strip`` does.
# (Every such character is at or below U+3000; tests/perf checks the whole code space once.)
_WS_CHARS = "".join(filter(str.isspace, map(chr, range(0x3001))))
_WS_CLASS = "[" + regex.escape(_WS_CHARS, special_only=False) + "]"
_SPACES = regex.compile(_WS_CLASS + "*")
_NONSPACE = regex.compile("[^" + _WS_CHARS.replace("\\", "\\\\").replace("]", "\\]") + "]")


class _Taken:
    """The taken parts of one line: sorted, disjoint [start, end) intervals, each with its owner rule.

    Intervals (not one flag per character) keep the cost of a line proportional to its number of matches, so a
    1 MB line costs what its regex scans cost, and every question below is a bisection or a C-level search.
    """

    __slots__ = ("ends", "line", "n", "owners", "starts")

    def __init__(self, line: str) -> None:
        self.line = line
        self.n = len(line)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.owners: list[ArtefactRule | None] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s) - 1
        if i >= 0 and self.ends[i] > s:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < e

    def add(self, s: int, e: int, owner: ArtefactRule | None) -> None:
        if s >= e:
            return
        i = bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)
        self.owners.insert(i, owner)

    def next_start(self, pos: int) -> int:
        """Start of the first interval at or after ``pos`` (the line's end if none)."""
        i = bisect_left(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else self.n

    def prev_end(self, pos: int) -> int:
        """End of the last interval ending at or before ``pos`` (0 if none)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.ends[i] > pos:
            i -= 1
        return self.ends[i] if i >= 0 else 0

    def iter_gaps(self, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int]]:
        """The free (untaken) intervals within [lo, hi), lazily, left to right."""
        hi = self.n if hi is None else hi
        pos = lo
        i = bisect_right(self.ends, lo)
        while i < len(self.starts) and self.starts[i] < hi:
            if self.starts[i] > pos:
                yield pos, self.starts[i]
            pos = max(pos, self.ends[i])
            i += 1
        if pos < hi:
            yield pos, hi

    def gaps(self) -> list[tuple[int, int]]:
        return list(self.iter_gaps())

    def free_text_after(self, pos: int) -> bool:
        """Is there an untaken non-space character in [pos, n)? (Usually answered by the first gap.)"""
        return any(_NONSPACE.search(self.line, s, e) for s, e in self.iter_gaps(pos))

    def free_text_before(self, pos: int) -> bool:
        """Is there an untaken non-space character in [0, pos)? Walks gaps right to left."""
        hi = pos
        i = bisect_left(self.starts, pos) - 1
        while hi > 0:
            lo = self.ends[i] if i >= 0 else 0
            if lo < hi and _NONSPACE.search(self.line, lo, hi):
                return True
            if i < 0:
                return False
            hi = self.starts[i]
            i -= 1
        return False


def _absorb_space(taken: _Taken, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) over the whitespace that joins it to kept text (see module docstring).

    The following whitespace run is taken when kept text follows; at the end of what is kept, the preceding
    run is taken instead (when kept text precedes), so "A $x B" keeps "A B" and "A $x" keeps "A".
    """
    line = taken.line
    e = _SPACES.match(line, end, taken.next_start(end)).end()
    if taken.free_text_after(e):
        return start, e
    lo = taken.prev_end(start)
    s = start
    while s > lo and line[s - 1].isspace():
        s -= 1
    if not taken.free_text_before(s):
        return start, e
    return s, e


def _next_nonblank_index(lines: list[str]) -> list[int]:
    """For each line index, the index of the next non-blank line after it (-1 if none). One backward pass."""
    out = [-1] * len(lines)
    nxt = -1
    for j in range(len(lines) - 1, -1, -1):
        out[j] = nxt
        if lines[j].strip():
            nxt = j
    return out


def clean_lines(lines: list[str], catalog: Catalog, disabled: frozenset[str] = frozenset()) -> tuple[
    list[KeptLine], list[Removal]
]:
    """Clean normalised lines. Returns the kept lines (every line, possibly with no pieces) and the removals.

    Linear in the line's length: taken parts are intervals, not per-character flags (see :class:`_Taken`).
    """
    span_rules = [r for r in catalog.span_rules if r.id not in disabled]
    line_rules = [r for r in catalog.line_rules if r.id not in disabled]
    kept: list[KeptLine] = []
    removed: list[Removal] = []
    next_nonblank: list[int] | None = None
    for idx, line in enumerate(lines):
        lineno = idx + 1
        if not line:
            kept.append(KeptLine(lineno, ()))
            continue
        stripped = line.strip()
        taken = _Taken(line)
        if stripped:
            for rule in span_rules:
                for m in rule.pattern.finditer(line):
                    s, e = m.span()
                    if s == e or taken.overlaps(s, e):
                        continue
                    s, e = _absorb_space(taken, s, e)
                    taken.add(s, e, rule)
            free = taken.gaps() if taken.starts else [(0, len(line))]
            rest = "".join(line[s:e] for s, e in free).strip() if taken.starts else stripped
            if rest:
                for rule in line_rules:
                    if rule.pattern.fullmatch(rest) is None:
                        continue
                    if rule.unless_next is not None:
                        if next_nonblank is None:
                            next_nonblank = _next_nonblank_index(lines)
                        j = next_nonblank[idx]
                        if j >= 0 and rule.unless_next.search(lines[j].strip()):
                            continue
                    for s, e in free:
                        taken.add(s, e, rule)
                    break
        if stripped and not taken.starts:
            # the common case, a line no rule touched: keep its stripped text, record the whitespace around it
            first = len(line) - len(line.lstrip())
            last = first + len(stripped)
            if first:
                removed.append(Removal(*WHITESPACE_RULE, line[:first], lineno, 1))
            if last < len(line):
                removed.append(Removal(*WHITESPACE_RULE, line[last:], lineno, last + 1))
            kept.append(KeptLine(lineno, ((first, stripped),)))
            continue
        # whitespace left at either end of what is kept (or a whitespace-only line)
        free = taken.gaps()
        first = last = -1
        for s, e in free:
            m = _NONSPACE.search(line, s, e)
            if m:
                first = m.start()
                break
        if first >= 0:
            for s, e in reversed(free):
                kept_len = len(line[s:e].rstrip())
                if kept_len:
                    last = s + kept_len
                    break
            for s, e in free:
                if s < first:
                    taken.add(s, min(e, first), None)
                if e > last:
                    taken.add(max(s, last), e, None)
        else:
            for s, e in free:
                taken.add(s, e, None)

        # record removals (merging adjacent runs of one rule) and kept pieces
        i = 0
        count = len(taken.starts)
        while i < count:
            s, e, owner = taken.starts[i], taken.ends[i], taken.owners[i]
            j = i + 1
            while j < count and taken.starts[j] == e and taken.owners[j] is owner:
                e = taken.ends[j]
                j += 1
            if owner is None:
                rid, name, kind = WHITESPACE_RULE
            else:
                rid, name, kind = owner.id, owner.name, owner.kind
            removed.append(Removal(rid, name, kind, line[s:e], lineno, s + 1))
            i = j
        pieces = tuple((s, line[s:e]) for s, e in taken.gaps())
        kept.append(KeptLine(lineno, pieces))
    return kept, removed
