"""Shared plumbing for rules kept as data (glossary entries, term sets): loading, key checks, pattern
compiling, and the literal prefilters that keep them fast.

Patterns are ``regex`` patterns (never ``re``: its ``\\w`` stops at Devanagari vowel signs), compiled with
IGNORECASE | VERBOSE like the artefact catalog, so a literal space is written ``\\s``. They are matched
against the *matching key* of the text (:mod:`kamclean.text.keys`), so nukta and chandrabindu spellings need
not be listed.

* ``{name}`` expands a vocabulary (a list of alternatives in the file's ``vocab`` section); a space inside a
  vocabulary entry means "one or more spaces".
* ``\\S`` never matches the (invisible) separator between sentences, so no pattern spans two sentences.
* A pattern is wrapped in word boundaries that understand Devanagari: it cannot start or end inside a word
  (``\\b`` is not used: a word here includes vowel signs, nukta, virama, ZWJ/ZWNJ and digits).
"""

from __future__ import annotations

import difflib
import re  # only for flag constants and the stdlib pattern parser (never to match Hindi)
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from operator import add
from pathlib import Path
from typing import Any

import regex

from kamclean.text.keys import find_all, key_pattern, token_words

WORDCHAR = r"[\p{L}\p{M}\p{N}\u200c\u200d]"
# A boundary is enforced only between two word characters: "कर" must not match inside "करना", but a pattern
# that starts or ends with "$" or "%" may touch a digit ("$51", "8%").
START = rf"(?:(?<!{WORDCHAR})|(?!{WORDCHAR}))"
END = rf"(?:(?!{WORDCHAR})|(?<!{WORDCHAR}))"
FLAGS = regex.IGNORECASE | regex.VERBOSE | regex.VERSION0
_PLACEHOLDER = regex.compile(r"\{([a-z_][a-z0-9_]*)\}")


class DataError(Exception):
    """A rule data file that cannot be used; the message names the file and the entry."""


def did_you_mean(key: str, known: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_keys(
    entry: dict[str, Any], allowed: tuple[str, ...], required: tuple[str, ...], where: str
) -> None:
    if not isinstance(entry, dict):
        raise DataError(f"{where}: expected a mapping")
    for k in entry:
        if k not in allowed:
            raise DataError(f"{where}: unknown key '{k}'{did_you_mean(str(k), allowed)}")
    missing = [k for k in required if k not in entry]
    if missing:
        raise DataError(f"{where}: missing {', '.join(missing)}")


def load_yaml(path: Path, origin: str) -> Any:
    import yaml

    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise DataError(f"{origin}: cannot read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{origin}: not valid YAML ({str(exc).splitlines()[0]})") from None


def parse_vocab(
    data: Any, where: str, base: dict[str, tuple[str, ...]] | None = None
) -> dict[str, tuple[str, ...]]:
    vocab = dict(base or {})
    if data is None:
        return vocab
    if not isinstance(data, dict):
        raise DataError(f"{where}: 'vocab' must map names to lists of strings")
    for name, alts in data.items():
        if not isinstance(alts, list) or not all(isinstance(a, str) for a in alts):
            raise DataError(f"{where}: vocab {name} must be a list of strings")
        vocab[name] = tuple(vocab.get(name, ())) + tuple(alts)
    return vocab


def expand(pattern: str, vocab: dict[str, tuple[str, ...]], where: str) -> str:
    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in vocab:
            raise DataError(f"{where}: unknown vocabulary {{{name}}}{did_you_mean(name, sorted(vocab))}")
        alts = sorted(vocab[name], key=len, reverse=True)  # longest first
        return "(?:" + "|".join(regex.sub(r"(?<!\\) +", r"\\s+", a) for a in alts) + ")"

    return _PLACEHOLDER.sub(sub, pattern)


def fragment(pattern: str, vocab: dict[str, tuple[str, ...]], where: str, check: bool = True) -> str:
    """A pattern as regex source in key space, vocabularies expanded, checked to compile (unless ``check`` is
    false: the packaged data, which the tests compile)."""
    # \\S must not run over the separator between units in the article's key blob
    src = key_pattern(expand(pattern, vocab, where)).replace(r"\S", r"[^\s\x00]")
    if check:
        try:
            regex.compile(src, FLAGS)
        except regex.error as exc:
            raise DataError(f"{where}: bad pattern {pattern!r}: {exc}") from None
    return src


def compile_source(src: str, where: str) -> regex.Pattern[str]:
    try:
        return regex.compile(src, FLAGS)
    except regex.error as exc:
        raise DataError(f"{where}: bad pattern: {exc}") from None


def bounded(src: str) -> str:
    """``src`` that must start and end on word boundaries."""
    return f"{START}(?:{src}){END}"


_MAX_PREFIXES = 512


@lru_cache(maxsize=1024)
def _parse(src: str):  # type: ignore[no-untyped-def]
    try:
        import re._parser as sre_parse  # Python 3.11+
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    try:
        return sre_parse, tuple(sre_parse.parse(src, flags=re.VERBOSE))
    except Exception:  # syntax the stdlib parser rejects: no prefilter
        return sre_parse, None


def stays_in_unit(src: str) -> bool:
    """Can no match of ``src`` hold the separator between units (NUL)? Then a match lies within one unit of
    the key blob. False when the pattern cannot be parsed or holds something this does not know."""
    sp, parsed = _parse(src)
    return parsed is not None and not _may_hold_nul(parsed, sp)


def _may_hold_nul(items, sp) -> bool:  # type: ignore[no-untyped-def]
    for op, av in items:
        if op is sp.LITERAL:
            if av == 0:
                return True
        elif op is sp.NOT_LITERAL or op is sp.ANY:
            if op is sp.ANY or av != 0:
                return True
        elif op is sp.IN:
            if _set_may_hold_nul(av, sp):
                return True
        elif op is sp.SUBPATTERN:
            if _may_hold_nul(av[-1], sp):
                return True
        elif op is sp.BRANCH:
            if any(_may_hold_nul(branch, sp) for branch in av[1]):
                return True
        elif op in (sp.MAX_REPEAT, sp.MIN_REPEAT, sp.POSSESSIVE_REPEAT):
            if _may_hold_nul(av[2], sp):
                return True
        elif op is sp.ATOMIC_GROUP:
            if _may_hold_nul(av, sp):
                return True
        elif op not in (sp.ASSERT, sp.ASSERT_NOT, sp.AT, sp.GROUPREF):
            return True  # zero width and back references are safe; anything else: unsure
    return False


def _set_may_hold_nul(items, sp) -> bool:  # type: ignore[no-untyped-def]
    negate = hit = False
    for op, av in items:
        if op is sp.NEGATE:
            negate = True
        elif op is sp.LITERAL:
            hit = hit or av == 0
        elif op is sp.RANGE:
            hit = hit or av[0] == 0
        elif op is sp.CATEGORY and av in (sp.CATEGORY_SPACE, sp.CATEGORY_DIGIT, sp.CATEGORY_WORD):
            pass  # \s, \d, \w: never NUL
        elif op is sp.CATEGORY and av in (sp.CATEGORY_NOT_SPACE, sp.CATEGORY_NOT_DIGIT, sp.CATEGORY_NOT_WORD):
            hit = True
        else:
            return True  # unsure
    return hit != negate


def literal_prefixes(src: str) -> tuple[str, ...] | None:
    """The literal strings every match of ``src`` must start with, or None when that cannot be told.

    Used to find candidate positions with ``str.find`` (fast) instead of scanning every position with the
    regex engine (slow for alternations). Patterns that start with a class, a digit or anything else not
    literal get None. Parsed with the standard library's regex parser, which reads the subset of syntax
    glossary cores use; a pattern it cannot parse gets no prefilter. Prefixes are case-folded, like the keys
    they are found in.
    """
    return literal_analysis(src)[0]


def literal_analysis(src: str) -> tuple[tuple[str, ...] | None, bool, str | None, bool]:
    """(prefixes, prefixes are whole words, required literal, required literal is a whole word).

    A literal is a *whole word* when every match holds it as a complete word: it starts the pattern (which
    starts on a word boundary) or follows whitespace, and it ends the pattern or is followed by whitespace,
    and it is made of word characters only. A whole word can be looked up in the article's set of words
    instead of searched for in its text.
    """
    sp, parsed = _parse(src)
    if parsed is None:
        return None, False, None, False
    prefixes: tuple[str, ...] | None = None
    whole = False
    try:
        strings, complete, stop = _seq_stop(parsed, sp)
        if strings and "" not in strings:
            prefixes = tuple(sorted({x.casefold() for x in strings}))
            whole = (complete or (stop is not None and _is_space(*stop, sp))) and all(
                is_word(x) for x in prefixes
            )
    except _TooMany:
        pass
    best, best_whole, run, run_start = "", False, "", 0
    for i, (op, av) in enumerate(parsed):
        if op is sp.LITERAL:
            if not run:
                run_start = i
            run += chr(av)
            if len(run) > len(best):
                before_ok = run_start == 0 or _is_space(*parsed[run_start - 1], sp)
                after_ok = i == len(parsed) - 1 or _is_space(*parsed[i + 1], sp)
                best, best_whole = run, before_ok and after_ok and is_word(run)
        else:
            run = ""
    required = best.casefold() if len(best) >= 2 else None
    return prefixes, whole, required, bool(required) and best_whole


def _is_space(op, av, sp) -> bool:  # type: ignore[no-untyped-def]
    """Does this parsed item always match at least one whitespace character (``\\s``, ``\\s+``)?"""
    if op is sp.IN:
        return bool(av) and all(o is sp.CATEGORY and a is sp.CATEGORY_SPACE for o, a in av)
    if op in (sp.MAX_REPEAT, sp.MIN_REPEAT):
        lo, _hi, body = av
        body = list(body)
        return lo >= 1 and len(body) == 1 and _is_space(*body[0], sp)
    return False


def _seq_stop(items: list, sp) -> tuple[set[str], bool, tuple | None]:  # type: ignore[no-untyped-def]
    """Like :func:`_seq`, and also the top-level item where the literal prefix stops (None if complete)."""
    out = {""}
    for op, av in items:
        strings, complete = _item(op, av, sp)
        out = {p + s for p in out for s in strings}
        if len(out) > _MAX_PREFIXES:
            raise _TooMany
        if not complete:
            # the item itself contributed a partial literal: what follows the prefix is inside it
            return out, False, (op, av) if strings == {""} else None
    return out, True, None


def required_literal(src: str) -> str | None:
    """The longest run of literal characters that every match of ``src`` contains (top level), if any."""
    return literal_analysis(src)[2]


_WORD_CHARS = regex.compile(r"^[\p{L}\p{M}\p{N}\u200c\u200d]+$")


def is_word(text: str) -> bool:
    """Is ``text`` made of word characters only (letters, marks, digits, ZWJ/ZWNJ)?"""
    return bool(_WORD_CHARS.match(text))


class _TooMany(Exception):
    pass


def _seq(items: list, sp) -> tuple[set[str], bool]:  # type: ignore[no-untyped-def]
    out = {""}
    for op, av in items:
        strings, complete = _item(op, av, sp)
        out = {p + s for p in out for s in strings}
        if len(out) > _MAX_PREFIXES:
            raise _TooMany
        if not complete:
            return out, False
    return out, True


def _item(op, av, sp) -> tuple[set[str], bool]:  # type: ignore[no-untyped-def]
    if op is sp.LITERAL:
        return {chr(av)}, True
    if op is sp.SUBPATTERN:
        return _seq(list(av[-1]), sp)
    if op is sp.BRANCH:
        strings: set[str] = set()
        complete = True
        for branch in av[1]:
            s, comp = _seq(list(branch), sp)
            strings |= s
            complete = complete and comp
        return strings, complete
    if op in (sp.MAX_REPEAT, sp.MIN_REPEAT):
        lo, hi, body = av
        s, comp = _seq(list(body), sp)
        if lo == 0 and hi == 1 and comp:
            return s | {""}, True
        if lo == 1 and hi == 1:
            return s, comp
        if lo == 0:
            return {""}, False
        return s, False
    return {""}, False


# A gated matcher searches the units holding its required literal one by one when there are at most this many.
_GATE_UNITS = 3


@dataclass(frozen=True)
class Matcher:
    """A compiled rule pattern plus what makes it cheap to run on an article's key blob.

    * with literal ``prefixes``: candidate positions come from ``str.find`` and the pattern is only
      tried there
      (``match`` at a position still sees the text before it, so lookbehinds work);
    * else with a ``required`` literal: only units (sentences) whose key contains it are searched;
    * else the whole blob is searched.

    All three give the same matches as ``pattern.finditer(blob)`` would, except that a match may not start
    inside a previous one (which finditer excludes as well).
    """

    source: str  # what is compiled
    where: str  # the file and entry, for an error message
    prefixes: tuple[str, ...] | None
    required: str | None
    prefixes_whole: bool = False  # every prefix is a whole word (look it up in the word set)
    required_whole: bool = False
    in_unit: bool = False  # a match never holds the separator between units (see stays_in_unit)

    @classmethod
    def build(cls, core: str, full: str, where: str, compile_now: bool = True) -> Matcher:
        """``core`` is the bare pattern (for the literal analysis), ``full`` what is compiled.

        With ``compile_now`` false the pattern is compiled when it is first used: most rules never are on a
        given article, and compiling the few hundred patterns of the packaged data costs a large part of a
        second at start-up. User files are compiled at once, so that a bad pattern is an error at load time
        that names the file and the entry.
        """
        prefixes, pwhole, required, rwhole = literal_analysis(core)
        # what the pattern consumes is the core: the word boundaries and context conditions around it are
        # lookarounds
        matcher = cls(full, where, prefixes, required, pwhole, rwhole, stays_in_unit(core))
        if compile_now:
            matcher.pattern  # noqa: B018 - compiled (and checked) now
        return matcher

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        return compile_source(self.source, self.where)

    def may_occur(self, blob: str, words: frozenset[str] | None = None) -> bool:
        """False only when no match is possible (a required literal or every literal prefix is absent).

        ``words`` is the set of words of ``blob``; whole-word literals are looked up there (a set lookup)
        instead of searched for in the text.
        """
        if self.required is not None:
            if words is not None and self.required_whole:
                if self.required not in words:
                    return False
            elif self.required not in blob:
                return False
        if self.prefixes is None:
            return True
        if words is not None and self.prefixes_whole:
            return not words.isdisjoint(self.prefixes)
        return any(p in blob for p in self.prefixes)

    @cached_property
    def starts(self) -> tuple[str, ...]:
        """The prefixes that no other prefix begins: every match starts where one of them occurs (the others,
        such as स्थितियों beside स्थिति, occur only where these do)."""
        ps = self.prefixes or ()
        return tuple(p for p in ps if not any(q != p and p.startswith(q) for q in ps))

    @cached_property
    def gated(self) -> bool:
        """Are candidate positions worth restricting to the units that hold the required literal? (Only when
        a match stays in its unit, and the prefixes do not already hold the literal.)"""
        req = self.required
        return req is not None and self.in_unit and not all(req in p for p in self.prefixes or ())

    @cached_property
    def start_groups(self) -> tuple[tuple[str, frozenset[tuple[str, bool]]], ...]:
        """Each of :attr:`starts` with the prefixes that begin with it (itself included), as the literals
        (literal, whole word) a :class:`LiteralIndex` tells apart."""
        ps = self.prefixes or ()
        whole = self.prefixes_whole
        return tuple((s, frozenset((p, whole) for p in ps if p.startswith(s))) for s in self.starts)

    def _positions(
        self, text: str, lo: int = 0, hi: int | None = None, starts: tuple[str, ...] | None = None
    ) -> list[int]:
        """Where a literal prefix (one of ``starts``, by default :attr:`starts`) occurs in ``text[lo:hi]``, in
        order."""
        hi = len(text) if hi is None else hi
        starts = self.starts if starts is None else starts
        found: list[int] = []
        for p in starts:
            found += find_all(text, p, lo, hi)
        return found if len(starts) == 1 else sorted(set(found))

    def _candidates(
        self, blob: str, unit_starts: tuple[int, ...], unit_keys: list[str], found: BlobLiterals | None = None
    ) -> list[int]:
        """Where a match may start in the key blob: where a literal prefix occurs. A :attr:`gated` matcher
        looks only in the units that hold its required literal (a match lies within one unit), when they are
        few (a literal found in most sentences would cost more than it saves). With ``found``, only the
        prefixes the blob holds are searched for, and the whole blob's positions of each are shared."""
        starts = self.starts
        if found is not None:  # a full search of a long blob for a prefix that it lacks is the main cost here
            starts = tuple(s for s, group in self.start_groups if found.holds_any(group))
        if self.gated:
            required = self.required or ""
            units: list[tuple[int, int]] = []
            i = blob.find(required)
            while i >= 0 and len(units) <= _GATE_UNITS:
                units.append(_unit_bounds(unit_starts, unit_keys, i))
                i = blob.find(required, units[-1][1])  # on from the next unit
            if len(units) <= _GATE_UNITS:
                return [p for lo, hi in units for p in self._positions(blob, lo, hi, starts)]
        if found is None:
            return self._positions(blob, starts=starts)
        if len(starts) == 1:
            return found.where(starts[0])
        return sorted(set(chain.from_iterable(map(found.where, starts))))

    def search(self, text: str) -> bool:
        """Does the pattern match anywhere in ``text``? (Context conditions: only the answer matters.)"""
        if self.required is not None and self.required not in text:
            return False
        if self.prefixes is not None:
            match = self.pattern.match
            return any(_match_near(match, text, i, len(text)) is not None for i in self._positions(text))
        return self.pattern.search(text) is not None

    def finditer(
        self, blob: str, unit_starts: tuple[int, ...], unit_keys: list[str], found: BlobLiterals | None = None
    ) -> Iterator[regex.Match[str]]:
        """The matches in the key blob. ``found`` (for this blob, from :meth:`LiteralIndex.literals`) answers
        whether a literal occurs without searching the blob again."""
        if self.required is not None:
            if found is not None:
                if not found.holds(self.required, self.required_whole):
                    return
            elif self.required not in blob:
                return
        if self.prefixes is not None:
            last = -1
            match = self.pattern.match
            bounded = self.in_unit
            for pos in self._candidates(blob, unit_starts, unit_keys, found):
                if pos < last:
                    continue
                if bounded:
                    # a match stays in its unit: end the subject there, so that the regex engine's scan for a
                    # literal the pattern needs (which it does before trying) never runs to the end of the
                    # article; unbounded, a candidate that fails costs time in the article's length
                    m = _match_near(match, blob, pos, _unit_bounds(unit_starts, unit_keys, pos)[1])
                else:
                    m = _match_near(match, blob, pos, len(blob))
                if m is not None and m.end() > m.start():
                    last = m.end()
                    yield m
            return
        if self.required is not None:
            for start, key in zip(unit_starts, unit_keys, strict=True):
                if self.required in key:
                    yield from self.pattern.finditer(blob, start, start + len(key))
            return
        yield from self.pattern.finditer(blob)


class BlobLiterals:
    """What one article's key blob holds of the literals a :class:`LiteralIndex` knows: which of them occur
    (known from the index's pass over the article's tokens) and where (searched for on first need, then shared
    by every matcher that starts with the literal)."""

    __slots__ = ("_known", "_present", "_where", "blob")

    def __init__(self, blob: str, known: frozenset[tuple[str, bool]], present: set[tuple[str, bool]]) -> None:
        self.blob = blob
        self._known = known  # every (literal, whole word) of the index
        self._present = present  # those the blob holds
        self._where: dict[str, list[int]] = {}

    def holds(self, literal: str, whole: bool) -> bool:
        """Does the blob hold ``literal`` (as a whole word, if ``whole``)? A literal the index does not know is
        searched for."""
        key = (literal, whole)
        if key in self._present:
            return True
        return key not in self._known and literal in self.blob

    def holds_any(self, literals: frozenset[tuple[str, bool]]) -> bool:
        """Does the blob hold one of ``literals`` ((literal, whole word) pairs)?"""
        if not self._present.isdisjoint(literals):
            return True
        return not literals <= self._known and any(lit in self.blob for lit, _ in literals - self._known)

    def where(self, literal: str) -> list[int]:
        """Every position of ``literal`` in the blob."""
        got = self._where.get(literal)
        if got is None:
            got = self._where[literal] = find_all(self.blob, literal)
        return got


# Characters after a candidate position that a match is first tried in. The regex engine scans the whole subject
# for a literal the pattern needs before it tries a position, so a candidate in a unit of a megabyte (a line with
# no sentence end) would cost time in the unit's length, and the unit's candidates its square. The window is tried
# as a partial match: one that fails there would fail on any longer subject, and one that reaches the window's end
# (partial, or complete there) is decided on the whole subject, so the result is always the same.
MATCH_WINDOW = 2000


def _match_near(match: Any, text: str, pos: int, end: int) -> regex.Match[str] | None:
    """``match(text, pos, end)``, decided in a window of MATCH_WINDOW characters where that gives the answer."""
    if end - pos <= MATCH_WINDOW:
        return match(text, pos, end)
    m = match(text, pos, pos + MATCH_WINDOW, partial=True)
    if m is not None and (m.partial or m.end() >= pos + MATCH_WINDOW):
        return match(text, pos, end)  # (it reaches the window's end: decide on the whole subject)
    return m


def _unit_bounds(unit_starts: tuple[int, ...], unit_keys: list[str], pos: int) -> tuple[int, int]:
    """Start and end, in the key blob, of the unit that holds blob position ``pos``."""
    u = bisect_right(unit_starts, pos) - 1
    return unit_starts[u], unit_starts[u] + len(unit_keys[u])


class LiteralIndex:
    """Which rules of a family can match an article at all, decided once per article (``ctx.memo``).

    A family (the glossary, the term sets) registers, per key, the matchers whose literal tests decide
    whether the key can match; ``alive(ctx)`` answers for every key at once, and every other rule of the
    family then returns at once. Same answers as :meth:`Matcher.may_occur` rule by rule, at the cost of one
    pass over the article's distinct tokens rather than a test per matcher:

    * every literal of every matcher gets a number, shared by every index of the process (:data:`_TOKENS`);
    * a whitespace-free token of the key blob is mapped to the numbers of the literals it holds (a whole-word
      literal equal to one of its words, any other literal inside it), memoised across articles, since the
      tokens of one language repeat, and looked up once per article for all indexes; only a literal with
      whitespace in it is searched for in the blob;
    * only the matchers that name a literal found (and those with no literal test) are then looked at.
    """

    def __init__(self, name: str, entries: list[tuple[str, list[Matcher]]], need: int = 1) -> None:
        self.name = name
        self.need = need  # how many of a key's matchers must be possible (2 for a term set)
        self.entries = entries
        keys: set[tuple[str, bool]] = set()  # (literal, whole word)
        for _, matchers in entries:
            for m in matchers:
                if m.required is not None:
                    keys.add((m.required, m.required_whole))
                keys.update((p, m.prefixes_whole) for p in m.prefixes or ())
        # literals holding whitespace are searched for in the blob; the others are found through the tokens
        self._spaced = [(n, lit) for (lit, whole), n in _TOKENS.register(keys).items() if lit.split() != [lit]]
        number = _TOKENS.number

        # per matcher: (key, required literal's number or None, prefixes' numbers or None)
        self._tests: list[tuple[str, int | None, frozenset[int] | None]] = []
        for key, matchers in entries:
            for m in matchers:
                req = None if m.required is None else number[m.required, m.required_whole]
                pre = None if m.prefixes is None else frozenset(number[p, m.prefixes_whole] for p in m.prefixes)
                self._tests.append((key, req, pre))
        self._always = [i for i, (_, req, pre) in enumerate(self._tests) if req is None and pre is None]
        self._users: dict[int, list[int]] = {}  # literal number -> the matchers that test it
        for i, (_, req, pre) in enumerate(self._tests):
            for n in {req, *(pre or ())} - {None}:
                self._users.setdefault(n, []).append(i)
        self._mine = frozenset(self._users)
        self._known = frozenset(keys)

    def alive(self, ctx: Any) -> frozenset[str]:
        got = ctx.memo.get(self.name)
        if got is None:
            got, ctx.memo[self.name + ".literals"] = self._alive(ctx)
            ctx.memo[self.name] = got
        return got

    def literals(self, ctx: Any) -> BlobLiterals:
        """Which of the index's literals the article's key blob holds, and where (see :class:`BlobLiterals`)."""
        self.alive(ctx)
        return ctx.memo[self.name + ".literals"]

    def _alive(self, ctx: Any) -> tuple[frozenset[str], BlobLiterals]:
        blob = ctx.blob[0]
        present = _TOKENS.present(ctx)  # (shared by every index: not to be changed)
        if self._spaced:
            present = present | {n for n, lit in self._spaced if lit in blob}
        candidates = set(self._always)
        for n in present & self._mine:
            candidates.update(self._users[n])
        counts: dict[str, int] = {}
        for i in candidates:
            key, req, pre = self._tests[i]
            if (req is None or req in present) and (pre is None or not present.isdisjoint(pre)):
                counts[key] = counts.get(key, 0) + 1
        alive = frozenset(k for k, c in counts.items() if c >= self.need)
        return alive, BlobLiterals(blob, self._known, set(map(_TOKENS.literal.__getitem__, present)))


class _TokenLiterals(dict[str, tuple[int, ...]]):
    """Token of a key blob -> numbers of the literals it holds, of every literal index of the process (computed
    on first sight, then remembered; one memo, so that each token is looked at once for all indexes)."""

    LIMIT = 1 << 16  # distinct tokens remembered; the memo starts afresh beyond (bounded memory)

    def __init__(self) -> None:
        super().__init__()
        self.number: dict[tuple[str, bool], int] = {}  # (literal, whole word) -> number
        self.literal: list[tuple[str, bool]] = []  # number -> (literal, whole word)
        self.whole: dict[str, list[int]] = {}  # whole-word literal -> its numbers
        # the other literals without whitespace, by their first two characters (a literal is looked for only in
        # a token that holds them: a few substring tests per new token instead of one per literal)
        self.by_pair: dict[str, list[tuple[int, str]]] = {}
        self.short: list[tuple[int, str]] = []  # those shorter than two characters
        self.generation = 0  # changes whenever literals are added (and the memo starts afresh)

    def register(self, keys: set[tuple[str, bool]]) -> dict[tuple[str, bool], int]:
        """Number ``keys`` (those not yet known get new numbers, and the memo starts afresh); their numbers."""
        new = sorted(keys - self.number.keys())
        for lit, whole in new:
            n = self.number[lit, whole] = len(self.literal)
            self.literal.append((lit, whole))
            if whole:
                self.whole.setdefault(lit, []).append(n)
            elif lit.split() == [lit]:
                if len(lit) >= 2:
                    self.by_pair.setdefault(lit[:2], []).append((n, lit))
                else:
                    self.short.append((n, lit))
        if new:
            self.clear()
            self.generation += 1
        return {k: self.number[k] for k in keys}

    def present(self, ctx: Any) -> set[int]:
        """The numbers of the literals the article's tokens hold (once per article, for every index)."""
        name = f"literals.present.{self.generation}"
        got = ctx.memo.get(name)
        if got is None:
            # over every token of the blob, repeats included: cheaper than making a set of them first
            got = ctx.memo[name] = set(chain.from_iterable(map(self.__getitem__, ctx.blob[0].split())))
        return got

    def __missing__(self, token: str) -> tuple[int, ...]:
        found = [n for w in token_words(token) for n in self.whole.get(w, ())]
        found += [n for n, lit in self.short if lit in token]
        for pair in self.by_pair.keys() & set(map(add, token, token[1:])):  # its pairs of adjacent characters
            found += [n for n, lit in self.by_pair[pair] if lit in token]
        if len(self) >= self.LIMIT:
            self.clear()
        held = self[token] = tuple(found)
        return held


_TOKENS = _TokenLiterals()


def display_form(src: str) -> str:
    """A readable example of what ``src`` matches (shortest alternatives, no optional parts), for docs."""
    sp, parsed = _parse(src)
    if parsed is None:
        return src

    def walk(items: list) -> str:  # type: ignore[type-arg]
        out = []
        for op, av in items:
            if op is sp.LITERAL:
                out.append(chr(av))
            elif op is sp.SUBPATTERN:
                out.append(walk(list(av[-1])))
            elif op is sp.BRANCH:  # the shortest alternative (vocabularies are sorted longest first)
                out.append(min((walk(list(br)) for br in av[1]), key=len))
            elif op in (sp.MAX_REPEAT, sp.MIN_REPEAT):
                if av[0] >= 1:
                    out.append(walk(list(av[2])))
            elif op is sp.IN:
                lits = [chr(a) for o, a in av if o is sp.LITERAL]
                out.append(" " if _is_space(op, av, sp) or not lits else lits[0])
        return "".join(out)

    return " ".join(walk(parsed).split()) or src


_RULE_ID = regex.compile(r"^KC-[A-Z][0-9]{3}$")


def check_top(data: Any, origin: str, list_key: str) -> None:
    """A glossary or term-set file's top level: a mapping of version / vocab / ``list_key`` only."""
    top = ("version", "vocab", list_key)
    if not isinstance(data, dict):
        raise DataError(f"{origin}: expected a mapping with 'vocab' and '{list_key}'")
    for k in data:
        if k not in top:
            raise DataError(f"{origin}: unknown key '{k}'{did_you_mean(str(k), top)}")


def iter_entries(
    entries: Any, origin: str, label: str, keys: Any, required: Any, example_id: str, seen: set[str]
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(where, entry, id) for each entry, after the checks glossary and term files share: known keys, the
    required ones, and a well-formed id not used before (``seen`` is updated)."""
    for i, e in enumerate(entries or []):
        where = f"{origin}: {label} {e.get('id', i + 1) if isinstance(e, dict) else i + 1}"
        check_keys(e, keys, required, where)
        rid = e["id"]
        if not isinstance(rid, str) or not _RULE_ID.match(rid):
            raise DataError(f"{where}: id must look like {example_id}")
        if rid in seen:
            raise DataError(f"{where}: duplicate id {rid}")
        seen.add(rid)
        yield where, e, rid


def category_and_severity(e: dict[str, Any], where: str, category: str, severity: str) -> tuple[str, str]:
    """An entry's category and severity (defaults given), each checked against the known values."""
    from kamclean.model import CATEGORIES

    cat = e.get("category", category)
    if cat not in CATEGORIES:
        raise DataError(f"{where}: unknown category '{cat}'{did_you_mean(str(cat), CATEGORIES)}")
    sev = e.get("severity", severity)
    if sev not in ("critical", "major", "minor"):
        raise DataError(f"{where}: severity must be critical, major or minor")
    return cat, sev
