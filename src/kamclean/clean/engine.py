"""Apply the artefact catalog to an article, line by line, recording every removal.

The engine owns the loop; rules are data. For each line:

1. ``span`` rules remove their matches wherever they are (each rule matching what earlier rules left, all
   of them again until nothing changes). A removed span takes the whitespace that joined it to the rest of
   the line (the following run, or the preceding one at the end of a line), so "A $config[code] not found B"
   keeps "A B" and the removal holds the exact text taken.
2. ``line`` rules then test what is left of the line, stripped. A match removes all of it.
3. Rules that head a residue block (``block`` in the catalog) take the lines after their header when the
   block runs to the end of the article (or, with ``mid_article``, when the lines are plainly the header's own
   in mid-article); blocks are resolved from the last line backwards.
4. ``paragraph_end`` span rules then look at the last line of each paragraph (the next line blank, wholly
   removed, or none), so that they see the same paragraph ends as in the cleaned text.
5. Whitespace around what is left (and whitespace-only lines) is recorded under ``KC-W001`` so that the raw
   article can be rebuilt exactly.

The result is, per line, the kept pieces with their columns. Nothing is ever dropped without a record, and the
cleaned text contains nothing any rule matches, so cleaning is idempotent.

For speed, which rules can match a line at all is decided once per line from its words (see :class:`_Plan`),
and what a line's text alone decides (steps 1 and 4, and the patterns' answers in step 2) is remembered for a
line met again (see :class:`_Seen`); the rank, sentence and next-line conditions are asked in each article.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import chain, groupby, repeat
from operator import is_
from typing import NamedTuple

import regex

from kamclean.clean.catalog import ArtefactRule, Catalog
from kamclean.clean.prefilter import INF, WordIndex, text_size
from kamclean.model import Removal

WHITESPACE_RULE = ("KC-W001", "surrounding-whitespace", "whitespace")


class KeptLine(NamedTuple):  # a named tuple: made once per line of every article, three times cheaper
    """What survives of one raw line: (0-based offset in the line, text) pieces, in order."""

    line: int
    pieces: tuple[tuple[int, str], ...]

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.pieces)


def _only_space_free(line: str, taken: list[bool], start: int, end: int) -> bool:
    """Is every character of ``line[start:end]`` that is not taken whitespace?"""
    return all(line[start + s : start + e].isspace() for s, e in _intervals(taken[start:end], False))


def _absorb_space(line: str, start: int, end: int, taken: list[bool]) -> tuple[int, int]:
    """Widen [start, end) over the whitespace that joins it to kept text (see module docstring)."""
    e = end
    while e < len(line) and line[e].isspace() and not taken[e]:
        e += 1
    rest_is_empty = _only_space_free(line, taken, e, len(line))
    if e > end and not rest_is_empty:
        return start, e
    s = start
    while s > 0 and line[s - 1].isspace() and not taken[s - 1]:
        s -= 1
    before_is_empty = _only_space_free(line, taken, 0, s)
    if rest_is_empty and not before_is_empty:
        return s, e
    return start, e


def _intervals(taken: list[bool], want: bool) -> list[tuple[int, int]]:
    """The maximal runs of ``want`` in ``taken``, as [start, end) (found with bytes searches)."""
    mask = bytes(taken)
    hit, miss = (b"\x01", b"\x00") if want else (b"\x00", b"\x01")
    out: list[tuple[int, int]] = []
    i = mask.find(hit)
    while i >= 0:
        j = mask.find(miss, i)
        if j < 0:
            j = len(mask)
        out.append((i, j))
        i = mask.find(hit, j)
    return out


def _next_nonblank(lines: list[str], idx: int) -> str | None:
    for j in range(idx + 1, len(lines)):
        if lines[j].strip():
            return lines[j].strip()
    return None


class _LineState:
    """Which characters of one line are taken, and by which rule (None: surrounding whitespace).

    Most lines are never touched: their per-character lists are only made by the first ``take``.
    """

    __slots__ = ("_rest", "_size", "count", "owner", "taken", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.taken: list[bool] = []
        self.owner: list[ArtefactRule | None] = []
        self.count = 0  # characters taken so far (most lines have none: they take the fast paths below)
        self._rest: str | None = None
        self._size: tuple[int, int] | None = None

    @classmethod
    def of(cls, text: str) -> _LineState:
        return cls(text)

    def _ensure(self) -> None:
        if not self.count and len(self.taken) != len(self.text):
            self.taken = [False] * len(self.text)
            self.owner = [None] * len(self.text)

    def take(self, s: int, e: int, rule: ArtefactRule | None) -> None:
        self._ensure()
        self._rest = self._size = None
        if s >= e:
            return
        self.count += self.taken[s:e].count(False)
        self.taken[s:e] = [True] * (e - s)
        self.owner[s:e] = [rule] * (e - s)

    def rest(self) -> str:
        r = self._rest
        if r is None:
            if not self.count:
                r = self.text.strip()
            else:
                text = self.text
                r = "".join(text[s:e] for s, e in _intervals(self.taken, False)).strip()
            self._rest = r
        return r

    def size(self, words: list[str] | None = None) -> tuple[int, int]:
        """:func:`text_size` of :meth:`rest` (for the size bounds of line rules); ``words``: its ``split()``."""
        z = self._size
        if z is None:
            z = self._size = text_size(self.rest(), words)
        return z

    def snapshot(self) -> tuple[int, tuple[tuple[int, int, ArtefactRule | None], ...]]:
        """(characters taken, runs of one owner): what :meth:`load` puts back in a state of the same text."""
        runs: list[tuple[int, int, ArtefactRule | None]] = []
        for s, e in _intervals(self.taken, True) if self.count else ():
            i = s
            for _, run in groupby(self.owner[s:e], key=id):
                j = i + len(list(run))
                runs.append((i, j, self.owner[i]))
                i = j
        return self.count, tuple(runs)

    def load(self, snapshot: tuple[int, tuple[tuple[int, int, ArtefactRule | None], ...]]) -> None:
        """Put back a :meth:`snapshot` of a state of the same text that this state is, or leads to."""
        count, runs = snapshot
        self._rest = self._size = None
        if count == self.count:
            return  # (a snapshot of this state: nothing was taken since)
        self.taken = [False] * len(self.text)
        self.owner = [None] * len(self.text)
        self.count = count
        for s, e, rule in runs:
            self.taken[s:e] = [True] * (e - s)
            self.owner[s:e] = [rule] * (e - s)

    def take_rest(self, rule: ArtefactRule) -> None:
        self._ensure()
        for s, e in _intervals(self.taken, False):
            self.take(s, e, rule)


def _apply_span(rule: ArtefactRule, st: _LineState) -> bool:
    """Take ``rule``'s matches in what is left of the line; True when anything was taken."""
    line = st.text
    if st.count:
        free = _intervals(st.taken, False)
        where: list[int] | range = list(chain.from_iterable(range(s, e) for s, e in free))
        view = "".join(line[s:e] for s, e in free)
    else:  # nothing taken yet: the view is the line itself
        where = range(len(line))
        view = line
    if rule.requires is not None and rule.requires.search(view) is None:
        return False
    changed = False
    for m in rule.pattern.finditer(view):
        if m.start() == m.end():
            continue
        s, e = where[m.start()], where[m.end() - 1] + 1
        st._ensure()
        # the match may straddle text an earlier rule took: take only what is still free
        s2, e2 = _absorb_space(line, s, e, st.taken)
        for a, b in _intervals(st.taken[s2:e2], False):
            st.take(s2 + a, s2 + b, rule)
            changed = True
    return changed


_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_SENTENCE_END = regex.compile(r"[।॥.!?:;]['\"’”)\]]*$")


def _continues_sentence(states: list[_LineState], idx: int) -> bool:
    """Is line ``idx`` the continuation of a sentence wrapped from the line right above it?"""
    if idx == 0:
        return False
    above = states[idx - 1].rest()
    return bool(above) and len(_WORD.findall(above)) >= 4 and not _SENTENCE_END.search(above)


def _line_rule_fires(
    rule: ArtefactRule,
    rest: str,
    lines: list[str],
    idx: int,
    rank: int,
    states: list[_LineState],
    size: tuple[int, int] | None = None,
    known: dict[int, bool] | None = None,
) -> bool:
    """Does ``rule`` take all that is left of line ``idx`` (the ``rank``-th non-blank line, from 0)? ``known``:
    what the line's text alone answered for rules already asked (see :class:`_Seen`)."""
    # every condition must hold, so the cheapest are asked first
    if rule.within_first is not None and (rank >= rule.within_first or (rule.skip_title and rank == 0)):
        return False
    ok = None if known is None else known.get(id(rule))
    if ok is None:
        ok = rule.pattern.fullmatch(rest, size) is not None and (
            rule.requires is None or rule.requires.search(rest) is not None
        )
        if known is not None:
            known[id(rule)] = ok
    if not ok:
        return False
    if rule.not_in_sentence and _continues_sentence(states, idx):
        return False
    if rule.unless_next is not None:
        nxt = _next_nonblank(lines, idx)
        if nxt is not None and rule.unless_next.search(nxt):
            return False
    return True


def _tail_block(rule: ArtefactRule, states: list[_LineState], idx: int) -> list[int] | None:
    """The lines ``rule``'s block takes after header ``idx``; None when the block is not a tail."""
    assert rule.block is not None
    members: list[int] = []
    for j in range(idx + 1, len(states)):
        rest = states[j].rest()
        if not rest:
            continue  # blank, or already removed by another rule
        if len(members) < rule.block.max_lines and rule.block.line.fullmatch(rest, states[j].size()):
            members.append(j)
            continue
        return None  # real content follows: not a tail block
    return members


def _mid_block(rule: ArtefactRule, states: list[_LineState], idx: int) -> list[int] | None:
    """The lines ``rule``'s block takes after header ``idx`` in mid-article (see ``mid_article`` in the catalog
    module); None when they are not plainly the header's own."""
    block = rule.block
    assert block is not None and block.mid_title is not None
    # 1. a group hanging right under the header, closed by a blank line
    group: list[int] = []
    j = idx + 1
    while j < len(states) and states[j].text.strip():
        rest = states[j].rest()
        if rest:
            if len(group) == block.max_lines or not block.line.fullmatch(rest, states[j].size()):
                group = []
                break
            group.append(j)
        j += 1
    if group and j < len(states):
        return group
    # 2. lines parted by blank lines: two or more titles, the next section's heading, then its paragraph
    run: list[int] = []
    for j in range(idx + 1, len(states)):
        rest = states[j].rest()
        if not rest:
            continue  # blank, or already removed by another rule
        if block.line.fullmatch(rest, states[j].size()):
            run.append(j)
            if len(run) > block.max_lines + 1:
                return None
            continue
        titles = run[:-1]
        if len(titles) >= 2 and all(block.mid_title.fullmatch(states[k].rest(), states[k].size()) for k in titles):
            return titles
        return None
    return None  # the block runs to the end of the article: only a tail block may take it


def _take_stacks(rule: ArtefactRule, states: list[_LineState], is_item: Callable[[int], bool]) -> None:
    """``is_item(j)``: is what is left of line ``j`` (not empty) one stack item?"""
    stack = rule.stack
    assert stack is not None

    def member(j: int) -> tuple[bool, str]:
        st = states[j]
        rest = st.rest()
        if not rest:  # wholly taken: a member only when this rule took it
            taken_by_rule = bool(st.text.strip()) and any(map(is_, st.owner, repeat(rule)))
            whole = st.text.strip()
            return taken_by_rule, whole
        return is_item(j), rest

    idx = 0
    while idx < len(states):
        run: list[int] = []
        j = idx
        while j < len(states):
            if run and not states[j].text.strip():  # a blank line between two buttons keeps the stack going
                j += 1
                continue
            ok, _ = member(j)
            if not ok:
                break
            run.append(j)
            j += 1
        if len(run) >= stack.min_lines and any(stack.needs.fullmatch(member(k)[1]) for k in run):
            for k in run:
                states[k].take_rest(rule)
        idx = j + 1 if j == idx else j


class _Seen:
    """What cleaning learnt of one distinct line from its text alone, kept so that a line met again (page
    boilerplate recurs across articles) is not worked out again: what the span rules took, what is left
    and its words' clauses, the line rules that may match it, the answers of their patterns (``known``: rule
    or stack -> whole match), and the paragraph-end rules' result (``after_tail``)."""

    __slots__ = ("after_spans", "after_tail", "anywhere", "known", "mask", "rest", "size", "tail")

    def __init__(self, st: _LineState) -> None:
        self.after_spans = st.snapshot()
        self.rest = st.rest()
        self.mask = 0
        self.size = (0, 0)
        self.anywhere: list[ArtefactRule] = []
        self.tail: list[ArtefactRule] = []
        self.known: dict[int, bool] = {}
        self.after_tail: tuple[int, tuple[tuple[int, int, ArtefactRule | None], ...]] | None = None

    def restore(self, st: _LineState) -> None:
        """Put ``st`` (the same text, untouched) in the state the span rules left it in."""
        st.load(self.after_spans)
        st._rest = self.rest
        st._size = self.size


def _study(plan: _Plan, st: _LineState, words: list[str]) -> _Seen:
    """Apply the span rules to an untouched non-blank line (``words``: its ``split()``), and learn the rest."""
    index = plan.index
    mask = index.mask(words)
    # Span rules match on what earlier rules left of the line (not on the raw line), and are applied until none
    # takes anything more, so that each rule sees the same text in the raw article as in its cleaned text
    # whatever the rules' order: cleaning stays idempotent.
    changed, idle = plan.span_idle(mask)
    if changed:
        # rule -> characters taken when it last took nothing (same view: skip it); the rules whose clauses the
        # line lacks take nothing from it untouched
        idle = dict(idle)
    while changed:
        changed = False
        for rule in plan.spans:
            if idle.get(id(rule), -1) == st.count:
                continue
            if _apply_span(rule, st):
                changed = True
            else:
                idle[id(rule)] = st.count
    seen = _Seen(st)
    rest = seen.rest
    if rest:
        if st.count:  # what is left is no longer the line
            words = rest.split()
            mask = index.mask(words)
        seen.mask = mask
        seen.size = st.size(words)
        seen.anywhere, seen.tail = plan.line_rules(rest, seen.size, mask)
    return seen


def _clauses(rule: ArtefactRule) -> tuple[frozenset[str], ...]:
    """Literal clauses without which the rule takes nothing (its pattern's, and its pre-condition's)."""
    return rule.pattern.clauses() + (rule.requires.clauses() if rule.requires is not None else ())


def _stack_clauses(rule: ArtefactRule) -> tuple[frozenset[str], ...]:
    """Literal clauses a line needs to be one item of the rule's stack."""
    return rule.stack.line.clauses() if rule.stack is not None else ()


class _Plan:
    """A catalog's rules (less the disabled ones) in the groups the loop needs, and, per size of line, the
    line rules that can match a line that size at all (:class:`~kamclean.clean.prefilter.RulePattern` knows
    the most non-space characters and runs of spaces a match holds: a sixty-word line is no byline).

    Which rules' literal clauses a line holds is found once per line, for all rules together, from its words
    (:class:`~kamclean.clean.prefilter.WordIndex`, a bit mask of clauses); a rule is only tried on a line
    holding all of its indexed clauses."""

    def __init__(self, catalog: Catalog, disabled: frozenset[str]) -> None:
        span_rules = [r for r in catalog.span_rules if r.id not in disabled]
        line_rules = [r for r in catalog.line_rules if r.id not in disabled]
        self.spans = [r for r in span_rules if not r.paragraph_end]
        self.tail_spans = [r for r in span_rules if r.paragraph_end]
        self.anywhere = [r for r in line_rules if r.block is None or not r.block.header_needs_tail]
        self.tail_only = [r for r in line_rules if r.block is not None and r.block.header_needs_tail]
        self.stacks = [r for r in line_rules if r.stack is not None]
        # the most first lines a rule looks at: a residue block in mid-article is taken only below them
        self.max_within = max((r.within_first or 0 for r in line_rules), default=0)
        clauses = [c for r in line_rules + span_rules for c in _clauses(r)]
        self.index = WordIndex(clauses + [c for r in self.stacks for c in _stack_clauses(r)])
        # rule -> the bits its line must hold (0: none known, always tried)
        self._need = {id(r): self._bits(_clauses(r)) for r in line_rules + span_rules}
        self.stack_need = {id(r): self._bits(_stack_clauses(r)) for r in self.stacks}
        self._span_idle: dict[int, tuple[bool, dict[int, int]]] = {}
        # paragraph-end rules: their own guards (a rule that ends at $ first tests how the line ends, which is
        # cheaper and more selective than any word it needs)
        tails = [r.pattern for r in self.tail_spans]
        self.tail_gate = (lambda text: any(p.possible(text) for p in tails)) if tails else None
        self._tail_need = [self._need[id(r)] for r in self.tail_spans]
        bounds = [(r.pattern.bounds(), r) for r in line_rules]
        self._ns = sorted({b[0] for b, _ in bounds if b[0] != INF})
        self._runs = sorted({b[1] for b, _ in bounds if b[1] != INF})
        self._bounds = {id(r): b for b, r in bounds}
        self._table: dict[tuple[int, int, str, str], tuple[list[ArtefactRule], list[ArtefactRule]]] = {}
        self._masked: dict[tuple[int, int, str, str, int], tuple[list[ArtefactRule], list[ArtefactRule]]] = {}
        self._seen: dict[str, _Seen] = {}
        self._seen_chars = 0
        self._met: set[int] = set()  # hashes of the lines met once

    def seen(self, st: _LineState) -> _Seen | None:
        """What is known of ``st``'s line (None: blank), ``st`` left as the span rules leave it."""
        got = self._seen.get(st.text)
        if got is not None:
            got.restore(st)
            return got
        words = st.text.split()
        if not words:
            return None
        got = _study(self, st, words)
        # a line is remembered when met a second time (boilerplate, not prose); both records are bounded (lines
        # and their characters) and forgotten all at once when full
        text = st.text
        key = hash(text)
        if key in self._met:
            if len(self._seen) >= 4096 or self._seen_chars + len(text) > 1_000_000:
                self._seen.clear()
                self._seen_chars = 0
            if len(text) <= 10_000:
                self._seen[text] = got
                self._seen_chars += len(text)
        else:
            if len(self._met) >= 32768:
                self._met.clear()
            self._met.add(key)
        return got

    def _bits(self, clauses: tuple[frozenset[str], ...]) -> int:
        bits = 0
        for c in clauses:
            bits |= self.index.bit(c)
        return bits

    def span_idle(self, mask: int) -> tuple[bool, dict[int, int]]:
        """(can any span rule take part of an untouched line whose clauses are ``mask``, the rules that cannot
        as the loop's ``idle`` record: they took nothing when nothing was taken). Kept per mask."""
        got = self._span_idle.get(mask)
        if got is None:
            need = self._need
            idle = {id(r): 0 for r in self.spans if need[id(r)] & ~mask}
            got = (len(idle) < len(self.spans), idle)
            if len(self._span_idle) >= 4096:
                self._span_idle.clear()
            self._span_idle[mask] = got
        return got

    def tail_possible(self, mask: int) -> bool:
        """May a paragraph-end rule match an untouched line whose clauses are ``mask``?"""
        return any(not need & ~mask for need in self._tail_need)

    def line_rules(
        self, rest: str, size: tuple[int, int], mask: int
    ) -> tuple[list[ArtefactRule], list[ArtefactRule]]:
        """(anywhere, tail_only) rules that may match ``rest`` whole: by its :func:`text_size`, its first and
        last characters and the clauses it holds (``mask``). Answers are kept per size bucket, pair of
        characters and mask, which recur."""
        key = (bisect_left(self._ns, size[0]), bisect_left(self._runs, size[1]), rest[0], rest[-1], mask)
        got = self._masked.get(key)
        if got is None:
            need = self._need
            bucket = self._bucket(key[:4])
            got = ([r for r in bucket[0] if not need[id(r)] & ~mask], [r for r in bucket[1] if not need[id(r)] & ~mask])
            if len(self._masked) >= 65536:
                self._masked.clear()
            self._masked[key] = got
        return got

    def _bucket(self, key: tuple[int, int, str, str]) -> tuple[list[ArtefactRule], list[ArtefactRule]]:
        """(anywhere, tail_only) rules that may match a line of this size bucket and pair of characters."""
        got = self._table.get(key)
        if got is None:
            i, j, first, last = key
            # every size in this bucket compares the same with every bound: use the bucket's top
            ns = self._ns[i] if i < len(self._ns) else INF
            runs = self._runs[j] if j < len(self._runs) else INF

            def fits(r: ArtefactRule) -> bool:
                b = self._bounds[id(r)]
                return ns <= b[0] and runs <= b[1] and r.pattern.edges_possible(first, last)

            got = ([r for r in self.anywhere if fits(r)], [r for r in self.tail_only if fits(r)])
            if len(self._table) < 65536:
                self._table[key] = got
        return got


_PLANS: dict[tuple[int, frozenset[str]], tuple[Catalog, _Plan]] = {}


def _plan(catalog: Catalog, disabled: frozenset[str]) -> _Plan:
    key = (id(catalog), disabled)
    got = _PLANS.get(key)
    if got is None or got[0] is not catalog:
        if len(_PLANS) > 32:
            _PLANS.clear()
        got = _PLANS[key] = (catalog, _Plan(catalog, disabled))
    return got[1]


def forget_lines() -> None:
    """Forget the lines remembered so far (see :class:`_Seen`): to time the cleaning of text never met before."""
    for _, plan in _PLANS.values():
        plan._seen.clear()
        plan._seen_chars = 0
        plan._met.clear()


def clean_lines(lines: list[str], catalog: Catalog, disabled: frozenset[str] = frozenset()) -> tuple[
    list[KeptLine], list[Removal]
]:
    """Clean normalised lines. Returns the kept lines (every line, maybe with no pieces) and the removals."""
    plan = _plan(catalog, disabled)
    states = [_LineState(line) for line in lines]
    masks: list[int] = [0] * len(lines)  # the clauses what is left of each line holds (see _Plan)
    entries: list[_Seen | None] = [None] * len(lines)
    # ranks[idx]: how many lines before idx keep some content. Lines that are wholly residue do not count, so
    # that a line's rank is the same in the raw article and in its cleaned text (idempotence of within_first).
    ranks: list[int] = [0] * len(lines)
    rank = 0

    # 1. per line: span rules, then line rules on what is left
    headers: dict[int, ArtefactRule] = {}
    tails: dict[int, list[ArtefactRule]] = {}  # line -> the tail-only rules that may match what is left of it
    for idx, st in enumerate(states):
        ranks[idx] = rank
        seen = entries[idx] = plan.seen(st)
        if seen is None or not seen.rest:
            continue
        rest = seen.rest
        masks[idx] = seen.mask
        if seen.tail:
            tails[idx] = seen.tail
        for rule in seen.anywhere:
            if _line_rule_fires(rule, rest, lines, idx, ranks[idx], states, seen.size, seen.known):
                st.take_rest(rule)
                if rule.block is not None:
                    headers[idx] = rule
                break
        else:
            rank += 1

    # 2. residue blocks, from the end of the article backwards, so that tail blocks chain
    # (only lines with a header or a possible tail-only rule: what is left of any other line is as in step 1,
    # where no tail-only rule could match it)
    if tails or headers:
        for idx in sorted(tails.keys() | headers.keys(), reverse=True):
            st = states[idx]
            rule = headers.get(idx)
            fresh = False
            if rule is None:
                rest = st.rest()
                if not rest:
                    continue
                size = st.size()
                known = entries[idx].known  # type: ignore[union-attr]
                rule = next(
                    (r for r in tails[idx] if _line_rule_fires(r, rest, lines, idx, ranks[idx], states, size, known)),
                    None,
                )
                fresh = True
            if rule is None:
                continue
            members = _tail_block(rule, states, idx)
            if members is None:
                block = rule.block
                assert block is not None
                # a header taken in step 1, in mid-article, below every line whose rank a rule asks
                if (
                    fresh
                    or block.mid_header is None
                    or ranks[idx] < plan.max_within
                    or not block.mid_header.fullmatch(st.text.strip())
                ):
                    continue
                members = _mid_block(rule, states, idx)
                if not members:
                    continue
            if fresh:
                st.take_rest(rule)
            for j in members:
                states[j].take_rest(rule)

    # 2b. vertical stacks (one share button per line): runs of consecutive lines, each one stack item or
    #     already taken by the rule
    for rule in plan.stacks:
        need = plan.stack_need[id(rule)]  # a line left as in step 1: its mask holds
        def is_item(j: int, rule: ArtefactRule = rule, need: int = need) -> bool:
            if need & ~masks[j]:
                return False
            known = entries[j].known  # type: ignore[union-attr]
            stack = rule.stack
            assert stack is not None
            got = known.get(id(stack))
            if got is None:
                st = states[j]
                got = known[id(stack)] = stack.line.fullmatch(st.rest(), st.size()) is not None
            return got

        # a stack takes something only if a line that keeps content is an item (a line the rule took has nothing
        # left for it to take again)
        if any(states[j].rest() and is_item(j) for j, m in enumerate(masks) if not need & ~m):
            _take_stacks(rule, states, is_item)

    # 3. span rules that look only at the last line of a paragraph: the next line is blank, wholly removed, or
    #    there is none (so the line ends its paragraph in the cleaned text too)
    tail_spans = plan.tail_spans
    for idx in range(len(states) - 1, -1, -1) if tail_spans else ():
        st = states[idx]
        if not st.rest() or (idx + 1 < len(states) and states[idx + 1].rest()):
            continue
        # what is left is as the span rules of step 1 left it: the outcome depends on the line's text alone
        seen = entries[idx]
        assert seen is not None
        if seen.after_tail is None:
            if not st.count and (not plan.tail_possible(masks[idx]) or not plan.tail_gate(st.text)):
                seen.after_tail = (0, ())  # none of them can match the (untouched) line
                continue
            for rule in tail_spans:
                _apply_span(rule, st)
            seen.after_tail = st.snapshot()
        else:
            st.load(seen.after_tail)

    # 4. surrounding whitespace, then the record of removals and the kept pieces
    kept: list[KeptLine] = []
    removed: list[Removal] = []
    for idx, st in enumerate(states):
        lineno = idx + 1
        line = st.text
        if not line:
            kept.append(KeptLine(lineno, ()))
            continue
        if not st.count:  # untouched: only the surrounding whitespace goes
            content = line.strip()
            if not content:
                removed.append(Removal(*WHITESPACE_RULE, line, lineno, 1))
                kept.append(KeptLine(lineno, ()))
                continue
            first = len(line) - len(line.lstrip())
            end = first + len(content)
            if first:
                removed.append(Removal(*WHITESPACE_RULE, line[:first], lineno, 1))
            if end < len(line):
                removed.append(Removal(*WHITESPACE_RULE, line[end:], lineno, end + 1))
            kept.append(KeptLine(lineno, ((first, content),)))
            continue
        free = _intervals(st.taken, False)
        first = last = -1  # the first and last kept characters that are not whitespace
        for s, e in free:
            seg = line[s:e]
            lead = len(seg) - len(seg.lstrip())
            if lead < len(seg):
                first = s + lead
                break
        for s, e in reversed(free):
            kept_len = len(line[s:e].rstrip())
            if kept_len:
                last = s + kept_len - 1
                break
        for s, e in free:
            if first < 0:
                st.take(s, e, None)
                continue
            if s < first:
                st.take(s, min(e, first), None)
            if e > last + 1:
                st.take(max(s, last + 1), e, None)
        owner = st.owner
        for s, e in _intervals(st.taken, True):
            i = s
            for _, run in groupby(owner[s:e], key=id):  # one removal per run of one owner
                j = i + len(list(run))
                rule = owner[i]
                if rule is None:
                    rid, name, kind = WHITESPACE_RULE
                else:
                    rid, name, kind = rule.id, rule.name, rule.kind
                removed.append(Removal(rid, name, kind, line[i:j], lineno, i + 1))
                i = j
        pieces = tuple((s, line[s:e]) for s, e in _intervals(st.taken, False))
        kept.append(KeptLine(lineno, pieces))
    return kept, removed
