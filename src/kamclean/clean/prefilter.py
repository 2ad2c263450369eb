"""Cheap necessary conditions derived from a rule's pattern, so that a line a rule cannot match costs a few
string tests instead of a regex run, and a pattern that is never needed is never compiled.

For a pattern P (``regex``, compiled IGNORECASE | VERBOSE like the catalog) the analysis finds:

* *clauses*: sets of literal strings such that every text on which P matches (``search``, ``finditer`` or
  ``fullmatch``) holds at least one string of each clause. A clause comes from a run of literal characters
  (``\\$\\s*config`` gives ``{"$"}`` and ``{"config"}``), an alternation of literals (a vocabulary), a repeat
  that occurs at least once, or a positive lookaround (what it looks at is in the text too);
* *prefixes* and *suffixes*: strings every match starts (ends) with, for ``fullmatch`` on a whole line;
* *size bounds*: the most non-space characters, and the most runs of spaces, a match can hold. A name
  ``[\\p{L}\\p{M}][\\p{L}\\p{M}.]*(?:\\s+…){0,3}`` is unbounded in length but has at most three runs of spaces,
  so a prose line of sixty words cannot be one.

Each of these only ever rules a match out when none can exist, so the output never changes, only the time.

The pattern is read with the standard library's parser, after mapping the ``regex`` module's ``\\p{..}``
classes to a class it knows; anything the analysis cannot be sure it reads as ``regex`` does gives no
condition, and the rule is simply always tried. Whitespace is ``regex``'s ``\\s``; texts are measured with
``str.split``, whose whitespace is a superset (tests/test_clean_prefilter.py checks the difference is
U+001C..U+001F, handled below).
"""

from __future__ import annotations

import hashlib
import json
import re  # the standard library's pattern parser, and two plain character classes (see _gate)
from collections.abc import Callable, Iterator
from functools import cache, reduce
from operator import or_
from pathlib import Path
from typing import Any

import regex

try:  # Python 3.11+
    import re._parser as _sp  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_parse as _sp  # type: ignore[no-redef]

FLAGS = regex.IGNORECASE | regex.VERBOSE
_VERBOSE = int(re.VERBOSE)  # a plain int: the parser tests flags often, and enum arithmetic is slow
INF = float("inf")
Clause = frozenset[str]
Test = Callable[[str], bool]

_MAX_STRINGS = 256  # cross products of literal alternatives grow fast; beyond this a run is cut

# an escape (a backslash and what it escapes; \p{..} / \P{..} whole) or a brace that is not a repeat count
_TOKEN = r"\\(?:[pP]\{[^}\\]*\}|.)|\{(?!\d*(?:,\d*)?\})"
# syntax the standard parser reads differently from ``regex`` (POSIX classes) or does not know (``regex``
# flags): no analysis
_UNSURE = r"\[:\^?\w+:\]|\(\?[a-zA-Z-]*[VLuawfr]"
# \p{..} classes that never match whitespace (letters, marks, digits, scripts); read as \d (never a space,
# never a literal). Any other property is read as \D (anything).
_NO_SPACE_PROPERTIES = {
    "l", "m", "n", "letter", "mark", "number", "lu", "ll", "lt", "lm", "lo", "mn", "mc", "me", "nd", "nl", "no",
    "alpha", "alphabetic", "latin", "latn", "devanagari", "deva", "han", "arabic", "cyrillic", "greek",
}
# regex's \s, and (a superset, checked by the tests) str.isspace: code points, for ranges in classes
SPACE_POINTS = (
    *range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680, 0x180E, *range(0x2000, 0x200B), 0x2028, 0x2029,
    0x202F, 0x205F, 0x3000,
)
# whitespace to str.isspace but not to regex's \s
ODD_SPACES = ("\x1c", "\x1d", "\x1e", "\x1f")
_WS = r"\s"


@cache
def _compiled(source: str, flags: int = 0) -> regex.Pattern[str]:
    """The analysis's own patterns, compiled when first needed (not at import: most runs read the shipped
    analysis and never need them)."""
    return regex.compile(source, flags)


def _caseless(ch: str) -> bool:
    """No other character matches ``ch`` case-insensitively (so ``in`` / ``startswith`` test it exactly): ASCII
    other than letters, Devanagari, General Punctuation (see ``UNCASED_CLASS``)."""
    o = ord(ch)
    return (o < 0x80 and not ("A" <= ch <= "Z" or "a" <= ch <= "z")) or 0x0900 <= o <= 0x097F or 0x2000 <= o <= 0x206F


class _Unsure(Exception):
    pass


def _property_may_be_space(tok: str) -> bool:
    """May the ``\\p{..}`` / ``\\P{..}`` class ``tok`` match whitespace?"""
    name = tok[3:-1].strip().lower().replace("_", "").replace(" ", "").split("=", 1)[-1]
    return not (tok[1] == "p" and name in _NO_SPACE_PROPERTIES)


class _Reader:
    """The analyses of one parsed pattern (memoised per node). ``\\p{..}`` classes stand in the parse as
    private use characters (see :func:`_prepare`): never a literal."""

    def __init__(self, props: list[str]) -> None:
        self.props = props
        self._exact: dict[int, set[str] | None] = {}
        self._keep: list[Any] = []  # nodes memoised by id stay alive

    # -- exact: the finite set of strings an item consumes ---------------------------------------------------

    def exact(self, op: Any, av: Any) -> set[str] | None:
        if op is _sp.LITERAL:
            return {chr(av)} if av < _PLACE else None
        if op in (_sp.AT, _sp.ASSERT, _sp.ASSERT_NOT):
            return {""}  # zero width
        key = id(av)
        if key in self._exact:
            return self._exact[key]
        self._keep.append(av)
        got = self._exact_uncached(op, av)
        self._exact[key] = got
        return got

    def _exact_uncached(self, op: Any, av: Any) -> set[str] | None:
        if op is _sp.IN:
            if av and all(o is _sp.LITERAL and a < _PLACE for o, a in av):
                return {chr(a) for _, a in av}
            return None
        if op is _sp.SUBPATTERN:
            if av[1] or av[2]:  # inline flags: not analysed
                raise _Unsure
            return self.exact_seq(av[-1])
        if op is _sp.ATOMIC_GROUP:
            return self.exact_seq(av)
        if op is _sp.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                s = self.exact_seq(branch)
                if s is None:
                    return None
                out |= s
                if len(out) > _MAX_STRINGS:
                    return None
            return out
        if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
            lo, hi, body = av
            if hi > 2:
                return None
            s = self.exact_seq(body)
            if s is None:
                return None
            out = {""} if lo == 0 else set()
            if lo <= 1 <= hi:
                out |= s
            if hi == 2:
                out |= {a + b for a in s for b in s}
            return out if len(out) <= _MAX_STRINGS else None
        return None

    def exact_seq(self, items: Any) -> set[str] | None:
        out = {""}
        for op, av in items:
            s = self.exact(op, av)
            if s is None:
                return None
            out = {a + b for a in out for b in s}
            if len(out) > _MAX_STRINGS:
                return None
        return out

    # -- clauses: literal sets of which every matched text holds one ------------------------------------------

    def clauses(self, op: Any, av: Any) -> list[Clause]:
        if op is _sp.ASSERT:  # a positive lookaround: what it sees is in the text
            return self.clauses_seq(av[1])
        s = self.exact(op, av)
        if s is not None:
            return [_minimal(s)] if "" not in s else []
        if op is _sp.SUBPATTERN:
            return self.clauses_seq(av[-1])
        if op is _sp.ATOMIC_GROUP:
            return self.clauses_seq(av)
        if op is _sp.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                best = _best(self.clauses_seq(branch))
                if best is None:
                    return []
                union |= best
            return [_minimal(union)]
        if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
            lo, _hi, body = av
            return self.clauses_seq(body) if lo >= 1 else []
        return []

    def clauses_seq(self, items: Any) -> list[Clause]:
        """Each maximal run of exactly known items (their cross product: a literal run such as "$config"),
        and the clauses of every other item."""
        out: list[Clause] = []
        run = {""}
        for op, av in items:
            if op is _sp.ASSERT:  # zero width: the run goes on, and what the lookaround sees is in the text
                out.extend(self.clauses(op, av))
            s = self.exact(op, av)
            if s is not None:
                nxt = {a + b for a in run for b in s}
                if len(nxt) <= _MAX_STRINGS:
                    run = nxt
                    continue
                if "" not in run:
                    out.append(_minimal(run))
                run = s
                continue
            if "" not in run:
                out.append(_minimal(run))
            run = {""}
            out.extend(self.clauses(op, av))
        if "" not in run:
            out.append(_minimal(run))
        return out

    # -- affixes: strings every match starts (ends) with; "" among them means unknown -------------------------

    def affix_seq(self, items: Any, backwards: bool, strip: frozenset[str] = frozenset()) -> set[str]:
        seq = list(items)
        if backwards:
            seq.reverse()
        return self._affix_from(seq, 0, backwards, strip)

    def _affix_from(self, seq: list[Any], i: int, backwards: bool, strip: frozenset[str]) -> set[str]:
        """Strings every match of ``seq[i:]`` starts (ends) with. Backwards with ``strip``: what the match ends
        with once characters of ``strip`` are stripped from its end (items at the end that only match such
        characters are passed over)."""
        out = {""}
        while i < len(seq):
            op, av = seq[i]
            i += 1
            at_end = bool(strip) and out == {""}
            if at_end and self._only(op, av, strip):
                continue
            u = strip if at_end else frozenset()
            s = self.exact(op, av)
            if s is None:
                optional = op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT) and av[0] == 0
                if optional:
                    # either the item's first (last) strings, or what comes after (before) it
                    body = self.affix_seq(av[2], backwards, u)
                    s = {""} if "" in body else body | self._affix_from(seq, i, backwards, u)
                else:
                    s = self._affix_item(op, av, backwards, u)
                i = len(seq)  # nothing after an item of unknown length is known to follow at a fixed place
            out = {b + a for a in out for b in s} if backwards else {a + b for a in out for b in s}
            if len(out) > _MAX_STRINGS:
                return {""}
            if "" not in out:
                # known: longer cross products only add selectivity, at a cost; stop at a handful of characters
                if min(len(x) for x in out) >= 6:
                    return out
        return out

    def _affix_item(self, op: Any, av: Any, backwards: bool, strip: frozenset[str] = frozenset()) -> set[str]:
        if op is _sp.SUBPATTERN:
            if av[1] or av[2]:
                raise _Unsure
            return self.affix_seq(av[-1], backwards, strip)
        if op is _sp.ATOMIC_GROUP:
            return self.affix_seq(av, backwards, strip)
        if op is _sp.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                out |= self.affix_seq(branch, backwards, strip)
            return out
        if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
            lo, _hi, body = av
            return self.affix_seq(body, backwards, strip) if lo >= 1 else {""}
        return {""}

    def _chars(self, op: Any, av: Any) -> set[str] | None:
        """Every character a one-character item can match (caseless ones only), or None."""
        members = [(op, av)] if op is _sp.LITERAL else list(av) if op is _sp.IN else None
        if not members or members[0][0] is _sp.NEGATE:
            return None
        chars: set[str] = set()
        for mo, ma in members:
            if mo is _sp.LITERAL and _caseless(chr(ma)):
                chars.add(chr(ma))
            elif mo is _sp.CATEGORY and ma is _sp.CATEGORY_SPACE:
                chars.update(chr(c) for c in SPACE_POINTS)
            else:
                return None
        return chars

    def _only(self, op: Any, av: Any, allowed: frozenset[str]) -> bool:
        """Does the item only ever match characters of ``allowed`` (or nothing)?"""
        if op in (_sp.AT, _sp.ASSERT, _sp.ASSERT_NOT):
            return True
        if op in (_sp.LITERAL, _sp.IN):
            chars = self._chars(op, av)
            return chars is not None and chars <= allowed
        if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
            return all(self._only(o, a, allowed) for o, a in av[2])
        if op is _sp.SUBPATTERN and not (av[1] or av[2]):
            return all(self._only(o, a, allowed) for o, a in av[-1])
        if op is _sp.BRANCH:
            return all(self._only(o, a, allowed) for b in av[1] for o, a in b)
        return False

    def _end_runs(self, items: Any) -> set[str]:
        """Characters of the optional runs of single characters a match can end with ("\\s*", "[।.:]*",
        "[:ः]?"), also inside the groups and alternatives it ends with."""
        chars: set[str] = set()
        for op, av in reversed(list(items)):
            if op in (_sp.AT, _sp.ASSERT, _sp.ASSERT_NOT):
                continue
            if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT) and av[0] == 0 and len(av[2]) == 1:
                got = self._chars(*av[2][0])
                if got is not None:
                    chars |= got
                    continue
            if op is _sp.SUBPATTERN and not (av[1] or av[2]):
                chars |= self._end_runs(av[-1])
            elif op is _sp.BRANCH:
                for b in av[1]:
                    chars |= self._end_runs(b)
            elif op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
                chars |= self._end_runs(av[2])
                if av[0] == 0:
                    continue  # optional: the match may end with what comes before it
            break
        return chars

    def tail(self, items: Any) -> tuple[str, set[str]]:
        """(characters to strip from the end of a text, strings the text then ends with when a match ends it);
        "" among the strings: unknown. Every item at the end that only matches strippable characters is passed
        over, so ``text.rstrip(chars).endswith(string)`` holds for some string whenever a match ends the text
        (each string has its own strippable end removed, and none is left empty)."""
        strip = self._end_runs(items)
        if not strip:
            return "", self.affix_seq(items, True)
        suf = self.affix_seq(items, True, frozenset(strip))
        chars = "".join(sorted(strip))
        out = {x.rstrip(chars) for x in suf}
        return chars, ({""} if "" in suf or "" in out else out)

    def ends_anchored(self, items: Any) -> bool:
        """Does every match end at ``$`` / ``\\Z`` (the last item that is not zero width is such an anchor)?"""
        for op, av in reversed(list(items)):
            if op is _sp.AT and av in (_sp.AT_END, _sp.AT_END_STRING):
                return True
            if op not in (_sp.ASSERT, _sp.ASSERT_NOT):
                return False
        return False

    # -- sizes: (most non-space characters, most runs of spaces, only spaces) ---------------------------------

    def size(self, op: Any, av: Any) -> tuple[float, float, bool]:
        if op is _sp.LITERAL:
            if av >= _PLACE:
                return (1, 1, False) if _property_may_be_space(self.props[av - _PLACE]) else (1, 0, False)
            return (0, 1, True) if _compiled(_WS).match(chr(av)) else (1, 0, False)
        if op in (_sp.AT, _sp.ASSERT, _sp.ASSERT_NOT):
            return (0, 0, True)
        if op is _sp.IN:
            space, other = _class_reach(av, self.props)
            return (1 if other else 0, 1 if space else 0, not other)
        if op in (_sp.NOT_LITERAL, _sp.ANY):
            return (1, 1, False)
        if op is _sp.SUBPATTERN:
            if av[1] or av[2]:
                return (INF, INF, False)
            return self.size_seq(av[-1])
        if op is _sp.ATOMIC_GROUP:
            return self.size_seq(av)
        if op is _sp.BRANCH:
            sizes = [self.size_seq(b) for b in av[1]]
            return (max(s[0] for s in sizes), max(s[1] for s in sizes), all(s[2] for s in sizes))
        if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
            _lo, hi, body = av
            hi = INF if hi == _sp.MAXREPEAT else hi
            if hi == 0:
                return (0, 0, True)
            ns, runs, only = self.size_seq(body)
            ns_total = ns * hi if ns else 0
            if only or not runs:  # spaces after spaces are one run
                runs_total = runs and 1
            elif len(body) == 1 and body[0][0] in (_sp.IN, _sp.NOT_LITERAL, _sp.ANY, _sp.LITERAL):
                runs_total = (hi + 1) // 2 if hi != INF else INF  # one character each: runs alternate
            else:
                runs_total = runs * hi
            return (ns_total, runs_total, only)
        return (INF, INF, False)

    def size_seq(self, items: Any) -> tuple[float, float, bool]:
        ns, runs, only = 0.0, 0.0, True
        for op, av in items:
            a, b, c = self.size(op, av)
            ns += a
            runs += b
            only = only and c
        return ns, runs, only


_PLACE = 0xF0000  # \p{..} classes stand in as characters of a private use plane for the first-character set


def _prepare(source: str) -> tuple[str, list[str]] | None:
    """``source`` with each \\p{..} / \\P{..} class as a private use character (the classes are returned in
    order), or None when unsure how to read it (a brace that is not a repeat count may be fuzzy matching,
    ``\\N{..}``, ...)."""
    if _compiled(_UNSURE).search(source) or any(ord(c) >= _PLACE for c in source):
        return None
    props: list[str] = []
    unsure = False

    def sub(m: regex.Match[str]) -> str:
        nonlocal unsure
        tok = m.group()
        if tok[0] == "{":
            unsure = True
            return tok
        if len(tok) == 2:
            return tok
        if tok not in props:
            props.append(tok)
        return chr(_PLACE + props.index(tok))

    out = _compiled(_TOKEN, regex.DOTALL).sub(sub, source)
    return None if unsure else (out, props)


def _atom(code: int, props: list[str]) -> str:
    if code >= _PLACE:
        return props[code - _PLACE]
    return chr(code) if chr(code).isalnum() and code < 0x80 else f"\\U{code:08x}"


_CATEGORIES = {
    _sp.CATEGORY_DIGIT: "\\d", _sp.CATEGORY_NOT_DIGIT: "\\D", _sp.CATEGORY_SPACE: "\\s",
    _sp.CATEGORY_NOT_SPACE: "\\S", _sp.CATEGORY_WORD: "\\w", _sp.CATEGORY_NOT_WORD: "\\W",
}


class _First:
    """The characters a match can start with, as regex class members (None: any character)."""

    def __init__(self, props: list[str]) -> None:
        self.props = props
        self._widths: dict[int, int] = {}
        self._keep: list[Any] = []  # nodes memoised by id stay alive

    def min_width(self, op: Any, av: Any) -> int:
        if op in (_sp.LITERAL, _sp.IN, _sp.NOT_LITERAL, _sp.ANY):
            return 1
        if op in (_sp.AT, _sp.ASSERT, _sp.ASSERT_NOT):
            return 0
        got = self._widths.get(id(av))
        if got is None:
            self._keep.append(av)
            got = self._widths[id(av)] = self._min_width(op, av)
        return got

    def _min_width(self, op: Any, av: Any) -> int:
        if op is _sp.SUBPATTERN:
            return self.min_width_seq(av[-1])
        if op is _sp.ATOMIC_GROUP:
            return self.min_width_seq(av)
        if op is _sp.BRANCH:
            return min(self.min_width_seq(b) for b in av[1])
        if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
            return av[0] * self.min_width_seq(av[2]) if av[0] else 0
        return 0

    def min_width_seq(self, items: Any) -> int:
        return sum(self.min_width(op, av) for op, av in items)

    def item(self, op: Any, av: Any) -> tuple[list[str], list[str]] | None:
        """(members of one positive class, whole negated classes) for the item's first character."""
        if op is _sp.LITERAL:
            return [_atom(av, self.props)], []
        if op is _sp.NOT_LITERAL:
            return [], ["[^" + _atom(av, self.props) + "]"]
        if op is _sp.IN:
            members: list[str] = []
            items = list(av)
            negate = bool(items) and items[0][0] is _sp.NEGATE
            for o, a in items[1:] if negate else items:
                if o is _sp.LITERAL:
                    members.append(_atom(a, self.props))
                elif o is _sp.RANGE:
                    if a[0] >= _PLACE or a[1] >= _PLACE:
                        return None
                    members.append(_atom(a[0], self.props) + "-" + _atom(a[1], self.props))
                elif o is _sp.CATEGORY and a in _CATEGORIES:
                    members.append(_CATEGORIES[a])
                else:
                    return None
            return ([], ["[^" + "".join(members) + "]"]) if negate else (members, [])
        if op is _sp.SUBPATTERN:
            if av[1] or av[2]:
                return None
            return self.seq(av[-1])
        if op is _sp.ATOMIC_GROUP:
            return self.seq(av)
        if op is _sp.BRANCH:
            pos: list[str] = []
            neg: list[str] = []
            for b in av[1]:
                got = self.seq(b)
                if got is None:
                    return None
                pos += got[0]
                neg += got[1]
            return pos, neg
        if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
            return self.seq(av[2])
        return None

    def seq(self, items: Any) -> tuple[list[str], list[str]] | None:
        """First characters of the non-empty matches of a sequence: those of each item up to the first that
        cannot match empty (when all can, a match may also start with what follows: the caller's concern)."""
        pos: list[str] = []
        neg: list[str] = []
        for op, av in items:
            if op in (_sp.AT, _sp.ASSERT, _sp.ASSERT_NOT):
                continue  # zero width
            got = self.item(op, av)
            if got is None:
                return None
            pos += got[0]
            neg += got[1]
            if self.min_width(op, av) > 0:
                break
        return pos, neg


_AT_CODES = {
    _sp.AT_BEGINNING: "^", _sp.AT_END: "$", _sp.AT_BEGINNING_STRING: "\\A", _sp.AT_END_STRING: "\\Z",
    _sp.AT_BOUNDARY: "\\b", _sp.AT_NON_BOUNDARY: "\\B",
}
_LEAD_LIMIT = 24  # bigger lookarounds are left to the pattern itself (a vocabulary in a lookbehind is costly)


class _Finder(_First):
    """A regex that finds where a match can start: the cheap lookarounds a match opens with, then its first
    character. Each part is a necessary condition at the start, so every match starts where it matches."""

    def zero_width(self, op: Any, av: Any) -> bool:
        if op in (_sp.AT, _sp.ASSERT, _sp.ASSERT_NOT):
            return True
        if op is _sp.SUBPATTERN and not (av[1] or av[2]):
            return all(self.zero_width(o, a) for o, a in av[-1])
        if op is _sp.BRANCH:
            return all(all(self.zero_width(o, a) for o, a in b) for b in av[1])
        return False

    def write(self, op: Any, av: Any) -> str | None:
        """The item as regex source (no VERBOSE), or None."""
        if op is _sp.LITERAL:
            return _atom(av, self.props)
        if op is _sp.NOT_LITERAL:
            return "[^" + _atom(av, self.props) + "]"
        if op is _sp.ANY:
            return "."
        if op is _sp.IN:
            got = self.item(op, av)
            if got is None:
                return None
            pos, neg = got
            return neg[0] if neg else "[" + "".join(pos) + "]"
        if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
            lo, hi, body = av
            inner = self.write_seq(body)
            if inner is None:
                return None
            quant = f"{{{lo},{'' if hi == _sp.MAXREPEAT else hi}}}"
            quant += "?" if op is _sp.MIN_REPEAT else "+" if op is _sp.POSSESSIVE_REPEAT else ""
            return "(?:" + inner + ")" + quant
        if op is _sp.SUBPATTERN:
            if av[1] or av[2]:
                return None
            inner = self.write_seq(av[-1])
            return None if inner is None else "(?:" + inner + ")"
        if op is _sp.ATOMIC_GROUP:
            inner = self.write_seq(av)
            return None if inner is None else "(?>" + inner + ")"
        if op is _sp.BRANCH:
            alts = [self.write_seq(b) for b in av[1]]
            return None if any(a is None for a in alts) else "(?:" + "|".join(alts) + ")"  # type: ignore[arg-type]
        if op in (_sp.ASSERT, _sp.ASSERT_NOT):
            direction, body = av
            inner = self.write_seq(body)
            if inner is None:
                return None
            opener = {(True, 1): "(?=", (True, -1): "(?<=", (False, 1): "(?!", (False, -1): "(?<!"}
            return opener[(op is _sp.ASSERT, direction)] + inner + ")"
        if op is _sp.AT:
            return _AT_CODES.get(av)
        return None

    def write_seq(self, items: Any) -> str | None:
        parts = [self.write(op, av) for op, av in items]
        return None if any(p is None for p in parts) else "".join(parts)  # type: ignore[arg-type]

    def lead(self, op: Any, av: Any) -> str | None:
        """A zero-width item as a cheap condition, or None to leave it out (always allowed: weaker)."""
        if op is _sp.BRANCH or op is _sp.SUBPATTERN:
            branches = av[1] if op is _sp.BRANCH else [av[-1]]
            alts = []
            for b in branches:
                conj = [c for c in (self.lead(o, a) for o, a in b) if c]
                if not conj:
                    return None  # this alternative asks nothing cheap: the group is no condition
                alts.append("".join(conj))
            return "(?:" + "|".join(alts) + ")"
        if self.nodes(op, av) > _LEAD_LIMIT:
            return None
        return self.write(op, av)

    def nodes(self, op: Any, av: Any) -> int:
        """How big an item is (parse nodes): a measure of what it costs to try."""
        if op in (_sp.SUBPATTERN, _sp.ATOMIC_GROUP, _sp.ASSERT, _sp.ASSERT_NOT):
            body = av if op is _sp.ATOMIC_GROUP else av[-1]
            return 1 + sum(self.nodes(o, a) for o, a in body)
        if op is _sp.BRANCH:
            return 1 + sum(self.nodes(o, a) for b in av[1] for o, a in b)
        if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
            return 1 + sum(self.nodes(o, a) for o, a in av[2])
        return 1

    def find_seq(self, items: Any) -> str | None:
        items = list(items)
        leads: list[str] = []
        for i, (op, av) in enumerate(items):
            if self.zero_width(op, av):
                cond = self.lead(op, av)
                if cond:
                    leads.append(cond)
                continue
            rest = items[i:]
            if self.min_width_seq(rest) == 0:
                return None
            start: str | None = None
            if self.min_width(op, av) > 0:
                if op is _sp.BRANCH:
                    alts = [self.find_seq(b) for b in av[1]]
                    if all(a is not None for a in alts):
                        start = "(?:" + "|".join(alts) + ")"  # type: ignore[arg-type]
                elif op is _sp.SUBPATTERN and not (av[1] or av[2]):
                    start = self.find_seq(av[-1])
            if start is None:
                got = self.seq(rest)
                if got is None:
                    return None
                pos, neg = got
                alts = (["[" + "".join(dict.fromkeys(pos)) + "]"] if pos else []) + list(dict.fromkeys(neg))
                if not alts:
                    return None
                start = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
            return "".join(leads) + start
        return None


def match_starts(parsed: list[Any], props: list[str]) -> str | None:
    """A regex (compiled IGNORECASE, like the rule) that matches, at every position where a match of the
    pattern can start, the cheap lookarounds the pattern opens with and its first character; None when
    unknown, or when the pattern can match the empty string."""
    try:
        return _Finder(props).find_seq(parsed)
    except (RecursionError, Exception):
        return None


def first_chars(parsed: list[Any], props: list[str]) -> str | None:
    """A regex (compiled like the rule, IGNORECASE) for the characters a match of the pattern can start
    with; None when unknown, or when the pattern can match the empty string."""
    try:
        reader = _First(props)
        if reader.min_width_seq(parsed) == 0:
            return None
        got = reader.seq(parsed)
    except (RecursionError, Exception):
        return None
    if got is None:
        return None
    pos, neg = got
    alts = (["[" + "".join(dict.fromkeys(pos)) + "]"] if pos else []) + list(dict.fromkeys(neg))
    if not alts:
        return None
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _class_reach(av: Any, props: list[str]) -> tuple[bool, bool]:
    """(may match a space, may match something else) for a class, erring towards True."""
    members = list(av)
    negate = bool(members) and members[0][0] is _sp.NEGATE
    if negate:
        members = members[1:]
        has_space_category = any(o is _sp.CATEGORY and a is _sp.CATEGORY_SPACE for o, a in members)
        return not has_space_category, True
    space = other = False
    for o, a in members:
        if o is _sp.LITERAL and a >= _PLACE:
            other = True
            space = space or _property_may_be_space(props[a - _PLACE])
        elif o is _sp.LITERAL:
            if _compiled(_WS).match(chr(a)):
                space = True
            else:
                other = True
        elif o is _sp.RANGE:
            lo, hi = a
            other = True
            if any(lo <= p <= hi for p in SPACE_POINTS):
                space = True
        elif o is _sp.CATEGORY:
            if a is _sp.CATEGORY_SPACE:
                space = True
            elif a in (_sp.CATEGORY_DIGIT, _sp.CATEGORY_WORD, _sp.CATEGORY_NOT_SPACE):
                other = True
            else:
                space = other = True
        else:
            space = other = True
    return space, other


def _minimal(strings: set[str]) -> Clause:
    """Drop the strings that contain another one (a text holding the longer holds the shorter)."""
    keep: list[str] = []
    for s in sorted(strings, key=len):
        if not any(k in s for k in keep):
            keep.append(s)
    return frozenset(keep)


def _minimal_affix(strings: set[str], backwards: bool) -> Clause:
    """Drop the strings that start (end) with another one."""
    keep: list[str] = []
    for s in sorted(strings, key=len):
        if not any((s.endswith(k) if backwards else s.startswith(k)) for k in keep):
            keep.append(s)
    return frozenset(keep)


# Words found in most lines of Hindi prose: a clause holding one of them rules out almost nothing, whatever
# its length, so any other clause of the same pattern is preferred to it.
COMMON_WORDS = frozenset(
    "है हैं था थे थी के का की को में से पर और या भी ही तो कि यह वह ये वे इस उस एक लिए करें करना करने करते करता "
    "करती किया होता होती होते होना अपनी अपने अपना सकते सकता सकती जाता जाती जाते आप आपके आपको हम हमें "
    "हमारा हमारी हमारे सहायक मुख्य "
    "the and of to in for".split()
)


def _score(clause: Clause) -> tuple[int, int, int]:
    """Higher is more selective: no very common word, then longer shortest string, then fewer strings."""
    return (0 if clause & COMMON_WORDS else 1, min(len(s) for s in clause), -len(clause))


def _best(clauses: list[Clause]) -> Clause | None:
    return max(clauses, key=_score) if clauses else None


class Analysis:
    """What is known of every match of a pattern (see the module docstring)."""

    __slots__ = (
        "anchored_end", "clauses", "max_nonspace", "max_runs", "parsed", "prefixes", "props", "strip", "suffixes"
    )

    def __init__(self, source: str) -> None:
        self.clauses: list[Clause] = []
        self.prefixes: Clause | None = None
        self.suffixes: Clause | None = None  # after ``strip`` characters are stripped from the end
        self.strip = ""
        self.anchored_end = False  # every match ends the text (``$``): the suffixes hold for search too
        self.max_nonspace: float = INF
        self.max_runs: float = INF
        self.parsed: list[Any] | None = None  # the parse, for first_chars / match_starts
        self.props: list[str] = []
        prepared = _prepare(source)
        if prepared is None:
            return
        try:
            parsed = list(_sp.parse(prepared[0], flags=_VERBOSE))
            self.parsed, self.props = parsed, prepared[1]
            reader = _Reader(self.props)
            clauses = reader.clauses_seq(parsed)
            pre = reader.affix_seq(parsed, False)
            strip, suf = reader.tail(parsed)
            anchored = reader.ends_anchored(parsed)
            ns, runs, _only = reader.size_seq(parsed)
        except (_Unsure, RecursionError, Exception):
            return
        seen: set[Clause] = set()
        for c in sorted(clauses, key=_score, reverse=True):
            if c not in seen:
                seen.add(c)
                self.clauses.append(c)
        self.prefixes = None if "" in pre else _minimal_affix(pre, False)
        self.suffixes = None if "" in suf else _minimal_affix(suf, True)
        self.strip, self.anchored_end = strip, anchored
        self.max_nonspace, self.max_runs = ns, runs


# Where a cased string (one with a letter that has case, or any character outside ASCII and Devanagari) can
# be found, even case-insensitively. Case folding never maps a letter to ASCII punctuation or digits, to
# Devanagari or to General Punctuation (U+2000..U+206F), so a text holding none but those holds no cased string;
# and an ASCII letter is only matched by an ASCII letter or one of four others (tests/test_clean_prefilter.py
# checks both against ``regex``). Most lines of a Hindi article hold neither, and then no cased string is
# looked for.
UNCASED_CLASS = r"\x00-\x40\x5b-\x60\x7b-\x7f\u0900-\u097f\u2000-\u206f"
LATIN_CLASS = r"A-Za-z\u0130\u0131\u017f\u212a"
ASCII_LOOKALIKES = "\u0130\u0131\u017f\u212a"  # the four of LATIN_CLASS
# Plain character classes of code points, so the standard library's engine gives the same answer as ``regex``
# and scans a line several times faster (no case folding, no \w or \b involved).
_ANY_CASED = re.compile(f"[^{UNCASED_CLASS}]").search
_LATIN = re.compile(f"[{LATIN_CLASS}]").search
_last_gate: tuple[str | None, bool, bool] = (None, False, False)


def _gate(latin: bool, text: str) -> bool:
    """May ``text`` hold a cased string: any (``latin``: an ASCII-only) one?"""
    global _last_gate
    last = _last_gate  # one tuple, read once: safe with threads
    if last[0] is not text:
        anything = _ANY_CASED(text) is not None
        last = _last_gate = (text, anything, anything and _LATIN(text) is not None)
    return last[2] if latin else last[1]


def _cased_test(strings: list[str]) -> Test:
    """Is one of these cased strings in a text, case-insensitively (after the cheap gate for the kind)?"""
    latin = all(s.isascii() for s in strings)
    source = "|".join(regex.escape(s) for s in sorted(strings, key=len, reverse=True))
    compiled: list[Callable[[str], Any]] = []

    def test(text: str) -> bool:
        if not _gate(latin, text):
            return False
        if not compiled:  # compiled when first needed: most lines never need it
            compiled.append(regex.compile(source, regex.IGNORECASE).search)
        return compiled[0](text) is not None

    return test


# Up to this many caseless strings are looked for one by one with ``in``; more, with one alternation.
PLAIN_LOOP_MAX = 4


def clause_test(clause: Clause) -> Test:
    """Does a text hold some string of ``clause`` (case-insensitively, as the rule)? Strings without cased
    letters are looked for with ``in``, the others with one alternation compiled IGNORECASE, like the rule."""
    plain = tuple(sorted((s for s in clause if all(_caseless(ch) for ch in s)), key=len))
    cased = [s for s in clause if s not in plain]
    tests: list[Test] = []
    if plain:
        if len(plain) == 1:
            only = plain[0]
            tests.append(lambda text: only in text)
        elif len(plain) <= PLAIN_LOOP_MAX:
            tests.append(lambda text: any(s in text for s in plain))
        else:  # one scan in C beats a Python loop of `in` over many strings (literals only: `re` is exact here)
            search = re.compile("|".join(re.escape(s) for s in sorted(plain, key=len, reverse=True))).search
            tests.append(lambda text: search(text) is not None)
    latin = [s for s in cased if s.isascii()]
    other = [s for s in cased if not s.isascii()]
    if latin:
        tests.append(_cased_test(latin))
    if other:
        tests.append(_cased_test(other))
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda text: a(text) or b(text)
    return lambda text: any(t(text) for t in tests)


def _trie_source(strings: list[str]) -> str:
    """An alternation of literal strings (``re`` syntax) as a trie: at a position it matches the longest of them
    that starts there (children are tried before the end of a shorter string), at the cost of one test per
    distinct character instead of one per string."""
    root: dict[str, Any] = {}
    for s in strings:
        node = root
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in node.items() if ch]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ("|" if "" in node else "") + ")"

    return emit(root)


def _prefix_bits(owners: dict[str, int]) -> dict[str, int]:
    """For each string, the bits of the strings it starts with (itself included)."""
    out: dict[str, int] = {}
    for s in owners:
        bits = 0
        for k in range(1, len(s) + 1):
            bits |= owners.get(s[:k], 0)
        out[s] = bits
    return out


def _finder(strings: list[str]) -> Callable[[str], list[str]]:
    """The strings found in a text, at each position where one starts the longest there (the others found there
    are its prefixes). One search per match rather than a lookahead at every position: a pattern that opens
    with its first characters lets ``re`` skip the positions none of them is at."""
    search = re.compile(_trie_source(sorted(strings))).search

    def find(text: str) -> list[str]:
        out: list[str] = []
        m = search(text)
        while m is not None:
            out.append(m.group())
            m = search(text, m.start() + 1)
        return out

    return find


class WordIndex:
    """Which of a set of clauses a text may hold, found word by word: each clause gets a bit, and the mask of a
    text is the union of its words' masks, each worked out once per distinct word and then looked up.

    A clause is indexed only when none of its strings holds whitespace (``str.isspace``): each occurrence of
    such a string then lies inside one ``str.split`` word, so a clause whose bit is unset in a text's mask is
    absent from the text. Set bits are exact too (the strings are found as :func:`clause_test` finds them),
    except in a text with a very long word, but callers only rely on the unset ones."""

    _MAX_WORDS = 32_768  # distinct words remembered (Hindi prose reuses a few thousand); forgotten all at once
    # a longer "word" (a run of "/" or of "$config[", no prose) is said to hold every clause, and not remembered:
    # finding each string in it would cost one search per occurrence
    _LONG_WORD = 100

    def __init__(self, clauses: list[Clause]) -> None:
        self.bits: dict[Clause, int] = {}
        owners: dict[str, int] = {}  # string -> bits of the clauses that hold it
        for c in clauses:
            if c in self.bits or any(ch.isspace() for s in c for ch in s):
                continue
            bit = self.bits[c] = 1 << len(self.bits)
            for s in c:
                owners[s] = owners.get(s, 0) | bit
        # strings without cased characters: found exactly
        plain = {s: b for s, b in owners.items() if all(_caseless(ch) for ch in s)}
        self._plain_bits = _prefix_bits(plain)
        self._plain_find = _finder(list(plain)) if plain else None
        cased = {s: b for s, b in owners.items() if s not in plain}
        # cased ASCII strings in an ASCII word: case-insensitively is as lower case (ASCII letters only match
        # ASCII letters and the four others of LATIN_CLASS, which an ASCII word does not hold)
        lower: dict[str, int] = {}
        for s, b in cased.items():
            if s.isascii():
                lower[s.lower()] = lower.get(s.lower(), 0) | b
        self._lower_bits = _prefix_bits(lower)
        self._lower_find = _finder(list(lower)) if lower else None
        # the other cased strings an ASCII word may hold (ASCII and those four letters only: usually none)
        self._ascii_other = [
            s for s in cased if not s.isascii() and all(ch.isascii() or ch in ASCII_LOOKALIKES for ch in s)
        ]
        # any other word with a cased character: one caseless alternation, longest first; what it finds at a
        # position is worked out once per distinct text found (regex's caseless matching is not transitive:
        # "Image" finds "ımage", "image" does not)
        self._cased = sorted(cased, key=len, reverse=True)
        self._cased_owners = cased
        self._cased_bits: dict[str, int] = {}
        self._cased_find: dict[bool, Callable[..., Any]] = {}
        self._words: dict[str, int] = {}
        self._every = (1 << len(self.bits)) - 1

    def bit(self, clause: Clause) -> int:
        """The clause's bit; 0 when it is not indexed."""
        return self.bits.get(clause, 0)

    def mask(self, words: list[str]) -> int:
        """The bits of the clauses held by the text whose ``str.split()`` is ``words``."""
        known = self._words
        got = list(map(known.get, words))  # in C: most words are known
        if None in got:
            if len(known) >= self._MAX_WORDS:
                known.clear()
            for i, b in enumerate(got):
                if b is None:
                    w = words[i]
                    if len(w) > self._LONG_WORD:
                        got[i] = self._every
                        continue
                    b = got[i] = known.get(w)  # a word repeated in the text is worked out once
                    if b is None:
                        b = got[i] = known[w] = self._word_mask(w)
        return reduce(or_, got, 0)

    def _word_mask(self, word: str) -> int:
        m = 0
        if self._plain_find is not None:
            for s in self._plain_find(word):
                m |= self._plain_bits[s]
        if not self._cased or _ANY_CASED(word) is None:
            return m
        if word.isascii():
            if self._lower_find is not None:
                for s in self._lower_find(word.lower()):
                    m |= self._lower_bits[s]
            if self._ascii_other:
                m |= self._cased_search(word, True)
            return m
        return m | self._cased_search(word, False)

    def _cased_search(self, word: str, ascii_word: bool) -> int:
        """Bits of the cased strings (those an ASCII word may hold, with ``ascii_word``) found in ``word``."""
        find = self._cased_find.get(ascii_word)
        if find is None:  # compiled when first needed: most words hold no cased character
            strings = self._ascii_other if ascii_word else self._cased
            source = "|".join(regex.escape(s) for s in sorted(strings, key=len, reverse=True))
            find = self._cased_find[ascii_word] = regex.compile(source, regex.IGNORECASE).finditer
        m = 0
        for found in find(word, overlapped=True):
            m |= self._cased_at(found.group())
        return m

    def _cased_at(self, text: str) -> int:
        """Bits of the cased strings that match, case-insensitively, at the start of ``text`` (the longest cased
        string found at a position: any other found there is no longer, as simple case folding maps one
        character to one)."""
        got = self._cased_bits.get(text)
        if got is None:
            got = 0
            for s in self._cased:
                if len(s) > len(text):
                    continue
                head = text[: len(s)]
                if s.isascii() and head.isascii():  # ASCII letters only match ASCII letters of the same case fold
                    same = s.lower() == head.lower()
                else:
                    same = regex.fullmatch(regex.escape(s), head, regex.IGNORECASE) is not None
                if same:
                    got |= self._cased_owners[s]
            if len(self._cased_bits) < self._MAX_WORDS:
                self._cased_bits[text] = got
        return got


def affix_test(strings: Clause, backwards: bool, strip: str = "") -> Test:
    """Does a text start (end, ``backwards``, once ``strip`` characters are stripped from its end) with one of
    ``strings`` (case-insensitively, as the rule)?"""
    plain = tuple(s for s in strings if all(_caseless(ch) for ch in s))
    cased = sorted((s for s in strings if s not in plain), key=len, reverse=True)
    if not cased:
        if backwards:
            if strip:
                return lambda text: text.rstrip(strip).endswith(plain)
            return lambda text: text.endswith(plain)
        return lambda text: text.startswith(plain)
    alt = "|".join(regex.escape(s) for s in cased)
    # simple case folding maps one character to one, so a cased string matches exactly len(s) characters
    width = max(len(s) for s in cased)
    if backwards:
        at_end = regex.compile(f"(?:{alt})\\Z", regex.IGNORECASE).search

        def ends(text: str) -> bool:
            if strip:
                text = text.rstrip(strip)
            return text.endswith(plain) or at_end(text[-width:]) is not None

        return ends
    at_start = regex.compile(f"(?:{alt})", regex.IGNORECASE).match
    return lambda text: text.startswith(plain) or at_start(text) is not None


def _char_test(chars: set[str]) -> Callable[[str], bool]:
    """Is a character one of ``chars``, case-insensitively?"""
    plain = {c for c in chars if _caseless(c)}
    cased = [c for c in chars if c not in plain]
    if not cased:
        return lambda c: c in plain
    other = regex.compile("[" + "".join(f"\\U{ord(c):08x}" for c in cased) + "]", regex.IGNORECASE).fullmatch
    return lambda c: c in plain or other(c) is not None


def text_size(text: str, words: list[str] | None = None) -> tuple[int, int]:
    """(non-space characters, runs of spaces) of ``text``, each at most the true count under ``regex``'s
    ``\\s`` (``str.split`` whitespace is a superset; with U+001C..U+001F present the runs are not counted).
    ``words``: ``text.split()``, when already made."""
    if words is None:
        words = text.split()
    runs = len(words) - 1 if words else 0
    if runs and any(c in text for c in ODD_SPACES):
        runs = 0
    return sum(map(len, words)), runs


# Bump when the analysis changes what it derives: entries of another version are not used.
ANALYSIS_VERSION = 1
ANALYSIS_FILE = Path(__file__).resolve().parent.parent / "data" / "artefacts.analysis.json"


def analyse(source: str) -> dict[str, Any]:
    """Everything the guards of a pattern need, as plain data (JSON-ready, sorted)."""
    a = Analysis(source)

    def sized(x: float) -> int | None:
        return None if x == INF else int(x)

    return {
        "clauses": [sorted(c) for c in a.clauses],
        "prefixes": None if a.prefixes is None else sorted(a.prefixes),
        "suffixes": None if a.suffixes is None else sorted(a.suffixes),
        "strip": a.strip,
        "anchored_end": a.anchored_end,
        "max_nonspace": sized(a.max_nonspace),
        "max_runs": sized(a.max_runs),
        "first_chars": None if a.parsed is None else first_chars(a.parsed, a.props),
        "match_starts": None if a.parsed is None else match_starts(a.parsed, a.props),
    }


def source_key(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:24]


_shipped: dict[str, dict[str, Any]] | None = None


def _shipped_facts() -> dict[str, dict[str, Any]]:
    """The analysis of the packaged catalog's patterns, made by scripts/artefact_analysis.py (reading a big
    pattern costs more than compiling it; tests/test_clean_prefilter.py checks the file is current). A
    pattern it does not hold (a user's, an edited one) is analysed when first used."""
    global _shipped
    if _shipped is None:
        try:
            data = json.loads(ANALYSIS_FILE.read_text(encoding="utf-8"))
            _shipped = data["patterns"] if data.get("version") == ANALYSIS_VERSION else {}
        except (OSError, ValueError, KeyError):
            _shipped = {}
    return _shipped


def facts(source: str) -> dict[str, Any]:
    return _shipped_facts().get(source_key(source)) or analyse(source)


def _lazy_search(source: str) -> Callable[..., Any]:
    """``regex.compile(source, IGNORECASE).search``, compiled on first call."""
    compiled: list[Callable[..., Any]] = []

    def search(*args: Any) -> Any:
        if not compiled:
            compiled.append(regex.compile(source, regex.IGNORECASE).search)
        return compiled[0](*args)

    return search


class RulePattern:
    """A catalog pattern, compiled on first use and guarded by what its analysis knows: the matching methods
    give the compiled pattern's results, and return at once on text no match can exist in. A pattern that is
    never needed is never compiled, nor analysed."""

    __slots__ = (
        "_clauses", "_compiled", "_edge_cache", "_edges", "_first", "_ready", "_search_tests", "_whole_tests",
        "max_nonspace", "max_runs", "pattern",
    )

    def __init__(self, source: str, compiled: regex.Pattern[str] | None = None) -> None:
        self.pattern = source  # the expanded source, as ``regex.Pattern.pattern``
        self._compiled = compiled
        self._ready = False

    def __repr__(self) -> str:
        return f"RulePattern({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RulePattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __getstate__(self) -> str:
        return self.pattern

    def __setstate__(self, state: str) -> None:
        self.__init__(state)  # type: ignore[misc]

    @property
    def compiled(self) -> regex.Pattern[str]:
        c = self._compiled
        if c is None:
            c = self._compiled = regex.compile(self.pattern, FLAGS)
        return c

    def _prepare_tests(self) -> None:
        a = facts(self.pattern)
        clauses = [frozenset(c) for c in a["clauses"]]
        prefixes = None if a["prefixes"] is None else frozenset(a["prefixes"])
        suffixes = None if a["suffixes"] is None else frozenset(a["suffixes"])
        self._clauses = tuple(clauses)
        search = [clause_test(c) for c in clauses]
        whole: list[Test] = []
        if prefixes is not None:
            whole.append(affix_test(prefixes, False))
        if suffixes is not None:
            ends = affix_test(suffixes, True, a["strip"])
            whole.append(ends)
            if a["anchored_end"]:
                # a match ends the text (``$`` also matches before a final newline: no test then)
                search.insert(0, lambda text: "\n" in text or ends(text))
        self._search_tests = tuple(search)
        self._whole_tests = tuple(whole) + tuple(clause_test(c) for c in clauses)
        self.max_nonspace = INF if a["max_nonspace"] is None else a["max_nonspace"]
        self.max_runs = INF if a["max_runs"] is None else a["max_runs"]
        finder = a["match_starts"]
        self._first = None if finder is None else _lazy_search(finder)
        # what the first and last characters of a whole-text match can be
        edges: list[Callable[[str, str], bool]] = []
        if a["first_chars"] is not None:
            starts = regex.compile(a["first_chars"], regex.IGNORECASE).fullmatch
            edges.append(lambda c0, c1: starts(c0) is not None)
        if prefixes is not None:
            heads = _char_test({x[0] for x in prefixes})
            edges.append(lambda c0, c1: heads(c0))
        if suffixes is not None and not a["strip"]:
            tails = _char_test({x[-1] for x in suffixes})
            edges.append(lambda c0, c1: tails(c1))
        self._edges = tuple(edges)
        self._edge_cache: dict[tuple[str, str], bool] = {}
        self._ready = True

    def clauses(self) -> tuple[Clause, ...]:
        """Every literal clause every match needs, the most selective first."""
        if not self._ready:
            self._prepare_tests()
        return self._clauses

    def bounds(self) -> tuple[float, float]:
        """(most non-space characters, most runs of spaces) a match can hold (``INF``: not bounded)."""
        if not self._ready:
            self._prepare_tests()
        return self.max_nonspace, self.max_runs

    def edges_possible(self, first: str, last: str) -> bool:
        """False when no whole-text match starts with character ``first`` and ends with ``last``."""
        if not self._ready:
            self._prepare_tests()
        key = (first, last)
        got = self._edge_cache.get(key)
        if got is None:
            got = all(edge(first, last) for edge in self._edges)
            if len(self._edge_cache) < 4096:
                self._edge_cache[key] = got
        return got

    def possible(self, text: str) -> bool:
        """False when no match can exist in ``text`` (a literal every match needs is absent)."""
        if not self._ready:
            self._prepare_tests()
        for test in self._search_tests:
            if not test(text):
                return False
        return True

    def possible_whole(self, text: str, size: tuple[int, int] | None = None) -> bool:
        """False when ``text`` as a whole cannot match. ``size`` is :func:`text_size` of ``text`` if known."""
        if not self._ready:
            self._prepare_tests()
        n = len(text)
        if n > self.max_nonspace or n > self.max_runs:
            if size is None:
                size = text_size(text)
            if size[0] > self.max_nonspace or size[1] > self.max_runs:
                return False
        if n and self._edges and not self.edges_possible(text[0], text[-1]):
            return False
        for test in self._whole_tests:
            if not test(text):
                return False
        return True

    def search(self, text: str) -> regex.Match[str] | None:
        return self.compiled.search(text) if self.possible(text) else None

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        """``compiled.finditer(text)``. When the characters a match can start with are known (the pattern
        cannot match empty), the pattern is only tried where one of them is: the same matches (a match may
        look behind its start, which ``match(text, pos)`` allows), without running a pattern that opens with
        costly lookbehinds at every position."""
        if not self.possible(text):
            return iter(())
        first = self._first
        if first is None:
            return self.compiled.finditer(text)
        return self._finditer_from(first, text)

    def _finditer_from(self, first: Callable[..., Any], text: str) -> Iterator[regex.Match[str]]:
        match = self.compiled.match
        pos = 0
        while True:
            c = first(text, pos)
            if c is None:
                return
            p = c.start()
            m = match(text, p)
            if m is None:
                pos = p + 1
                continue
            yield m
            pos = m.end()  # > p: the pattern cannot match empty

    def fullmatch(self, text: str, size: tuple[int, int] | None = None) -> regex.Match[str] | None:
        return self.compiled.fullmatch(text) if self.possible_whole(text, size) else None
