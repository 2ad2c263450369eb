"""The straightforward per-character cleaning engine, kept as the specification of the optimised one.

``kamclean.clean.engine.clean_lines`` works on intervals for speed; the property test in
``test_engine_equivalence.py`` checks that it returns exactly what this version returns.
"""

from __future__ import annotations

from kamclean.clean.catalog import ArtefactRule, Catalog
from kamclean.clean.engine import WHITESPACE_RULE, KeptLine
from kamclean.model import Removal


def _absorb_space(line: str, start: int, end: int, taken: list[bool]) -> tuple[int, int]:
    """Widen [start, end) over the whitespace that joins it to kept text (see module docstring)."""
    e = end
    while e < len(line) and line[e].isspace() and not taken[e]:
        e += 1
    rest_is_empty = all(taken[i] or line[i].isspace() for i in range(e, len(line)))
    if e > end and not rest_is_empty:
        return start, e
    s = start
    while s > 0 and line[s - 1].isspace() and not taken[s - 1]:
        s -= 1
    before_is_empty = all(taken[i] or line[i].isspace() for i in range(0, s))
    if rest_is_empty and not before_is_empty:
        return s, e
    return start, e


def _intervals(taken: list[bool], want: bool) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = 0
    n = len(taken)
    while i < n:
        if taken[i] == want:
            j = i
            while j < n and taken[j] == want:
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _next_nonblank(lines: list[str], idx: int) -> str | None:
    for j in range(idx + 1, len(lines)):
        if lines[j].strip():
            return lines[j].strip()
    return None


def reference_clean_lines(
    lines: list[str], catalog: Catalog, disabled: frozenset[str] = frozenset()
) -> tuple[list[KeptLine], list[Removal]]:
    """The kept lines and the removals, computed one character at a time."""
    span_rules = [r for r in catalog.span_rules if r.id not in disabled]
    line_rules = [r for r in catalog.line_rules if r.id not in disabled]
    kept: list[KeptLine] = []
    removed: list[Removal] = []
    for idx, line in enumerate(lines):
        lineno = idx + 1
        if not line:
            kept.append(KeptLine(lineno, ()))
            continue
        taken: list[bool] = [False] * len(line)
        owner: list[ArtefactRule | None] = [None] * len(line)

        def take(s: int, e: int, rule: ArtefactRule | None) -> None:
            for i in range(s, e):
                taken[i] = True  # noqa: B023
                owner[i] = rule  # noqa: B023

        if line.strip():
            for rule in span_rules:
                for m in rule.pattern.finditer(line):
                    s, e = m.span()
                    if s == e or any(taken[s:e]):
                        continue
                    s, e = _absorb_space(line, s, e, taken)
                    take(s, e, rule)
            rest = "".join(ch for i, ch in enumerate(line) if not taken[i]).strip()
            if rest:
                for rule in line_rules:
                    if rule.pattern.fullmatch(rest) is None:
                        continue
                    if rule.unless_next is not None:
                        nxt = _next_nonblank(lines, idx)
                        if nxt is not None and rule.unless_next.search(nxt):
                            continue
                    for s, e in _intervals(taken, False):
                        take(s, e, rule)
                    break
        # whitespace left at either end of what is kept (or a whitespace-only line)
        free = [i for i in range(len(line)) if not taken[i]]
        content = [i for i in free if not line[i].isspace()]
        if content:
            first, last = content[0], content[-1]
            for i in free:
                if i < first or i > last:
                    take(i, i + 1, None)
        else:
            for i in free:
                take(i, i + 1, None)

        # record removals (merging runs of one rule) and kept pieces
        i = 0
        while i < len(line):
            if not taken[i]:
                i += 1
                continue
            j = i
            while j < len(line) and taken[j] and owner[j] is owner[i]:
                j += 1
            rule = owner[i]
            if rule is None:
                rid, name, kind = WHITESPACE_RULE
            else:
                rid, name, kind = rule.id, rule.name, rule.kind
            removed.append(Removal(rid, name, kind, line[i:j], lineno, i + 1))
            i = j
        pieces = tuple((s, line[s:e]) for s, e in _intervals(taken, False))
        kept.append(KeptLine(lineno, pieces))
    return kept, removed
