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

import re  # only the standard library's pattern parser (never to match text)
from collections.abc import Callable, Iterator
from typing import Any

import regex

try:  # Python 3.11+
    import re._parser as _sp  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_parse as _sp  # type: ignore[no-redef]

FLAGS = regex.IGNORECASE | regex.VERBOSE
INF = float("inf")
Clause = frozenset[str]
Test = Callable[[str], bool]

_MAX_STRINGS = 256  # cross products of literal alternatives grow fast; beyond this a run is cut

# an escape (a backslash and what it escapes; \p{..} / \P{..} whole) or a brace that is not a repeat count
_TOKEN = regex.compile(r"\\(?:[pP]\{[^}\\]*\}|.)|\{(?!\d*(?:,\d*)?\})", regex.DOTALL)
# syntax the standard parser reads differently from ``regex`` (POSIX classes) or does not know (``regex``
# flags): no analysis
_UNSURE = regex.compile(r"\[:\^?\w+:\]|\(\?[a-zA-Z-]*[VLuawfr]")
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
_WS = regex.compile(r"\s")


def _prepare(source: str) -> str | None:
    """``source`` with \\p{..} as \\d or \\D, or None when unsure how to read it (a brace that is not a repeat
    count may be fuzzy matching, ``\\N{..}``, ...)."""
    if _UNSURE.search(source):
        return None
    unsure = False

    def sub(m: regex.Match[str]) -> str:
        nonlocal unsure
        tok = m.group()
        if tok[0] == "{":
            unsure = True
            return tok
        if len(tok) == 2:
            return tok
        name = tok[3:-1].strip().lower().replace("_", "").replace(" ", "")
        name = name.split("=", 1)[-1]
        return r"\d" if tok[1] == "p" and name in _NO_SPACE_PROPERTIES else r"\D"

    out = _TOKEN.sub(sub, source)
    return None if unsure else out


def _caseless(ch: str) -> bool:
    """No other character matches ``ch`` case-insensitively (so ``in`` / ``startswith`` test it exactly)."""
    o = ord(ch)
    return (o < 0x80 and not ch.isalpha()) or 0x0900 <= o <= 0x097F


class _Unsure(Exception):
    pass


class _Reader:
    """The analyses of one parsed pattern (memoised per node)."""

    def __init__(self) -> None:
        self._exact: dict[int, set[str] | None] = {}
        self._keep: list[Any] = []  # nodes memoised by id stay alive

    # -- exact: the finite set of strings an item consumes ---------------------------------------------------

    def exact(self, op: Any, av: Any) -> set[str] | None:
        if op is _sp.LITERAL:
            return {chr(av)}
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
            if av and all(o is _sp.LITERAL for o, _ in av):
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

    def affix_seq(self, items: Any, backwards: bool) -> set[str]:
        seq = list(items)
        if backwards:
            seq.reverse()
        return self._affix_from(seq, 0, backwards)

    def _affix_from(self, seq: list[Any], i: int, backwards: bool) -> set[str]:
        out = {""}
        while i < len(seq):
            op, av = seq[i]
            i += 1
            s = self.exact(op, av)
            if s is None:
                optional = op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT) and av[0] == 0
                if optional:
                    # either the item's first (last) strings, or what comes after (before) it
                    body = self.affix_seq(av[2], backwards)
                    s = {""} if "" in body else body | self._affix_from(seq, i, backwards)
                else:
                    s = self._affix_item(op, av, backwards)
                i = len(seq)  # nothing after an item of unknown length is known to follow at a fixed place
            out = {b + a for a in out for b in s} if backwards else {a + b for a in out for b in s}
            if len(out) > _MAX_STRINGS:
                return {""}
            if "" not in out:
                # known: longer cross products only add selectivity, at a cost; stop at a handful of characters
                if min(len(x) for x in out) >= 6:
                    return out
        return out

    def _affix_item(self, op: Any, av: Any, backwards: bool) -> set[str]:
        if op is _sp.SUBPATTERN:
            if av[1] or av[2]:
                raise _Unsure
            return self.affix_seq(av[-1], backwards)
        if op is _sp.ATOMIC_GROUP:
            return self.affix_seq(av, backwards)
        if op is _sp.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                out |= self.affix_seq(branch, backwards)
            return out
        if op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT, _sp.POSSESSIVE_REPEAT):
            lo, _hi, body = av
            return self.affix_seq(body, backwards) if lo >= 1 else {""}
        return {""}

    # -- sizes: (most non-space characters, most runs of spaces, only spaces) ---------------------------------

    def size(self, op: Any, av: Any) -> tuple[float, float, bool]:
        if op is _sp.LITERAL:
            return (0, 1, True) if _WS.match(chr(av)) else (1, 0, False)
        if op in (_sp.AT, _sp.ASSERT, _sp.ASSERT_NOT):
            return (0, 0, True)
        if op is _sp.IN:
            space, other = _class_reach(av)
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


def _prepare_first(source: str) -> tuple[str, list[str]] | None:
    """``source`` with each \\p{..} / \\P{..} as a private use character (returned in order), or None."""
    if _UNSURE.search(source) or any(ord(c) >= _PLACE for c in source):
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

    out = _TOKEN.sub(sub, source)
    return None if unsure else (out, props)


def _atom(code: int, props: list[str]) -> str:
    return props[code - _PLACE] if code >= _PLACE else f"\\U{code:08x}"


_CATEGORIES = {
    _sp.CATEGORY_DIGIT: "\\d", _sp.CATEGORY_NOT_DIGIT: "\\D", _sp.CATEGORY_SPACE: "\\s",
    _sp.CATEGORY_NOT_SPACE: "\\S", _sp.CATEGORY_WORD: "\\w", _sp.CATEGORY_NOT_WORD: "\\W",
}


class _First:
    """The characters a match can start with, as regex class members (None: any character)."""

    def __init__(self, props: list[str]) -> None:
        self.props = props

    def min_width(self, op: Any, av: Any) -> int:
        if op in (_sp.LITERAL, _sp.IN, _sp.NOT_LITERAL, _sp.ANY):
            return 1
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


def first_chars(source: str) -> str | None:
    """A regex (compiled like the rule, IGNORECASE) for the characters a match of ``source`` can start with;
    None when unknown, or when the pattern can match the empty string."""
    prepared = _prepare_first(source)
    if prepared is None:
        return None
    text, props = prepared
    try:
        reader = _First(props)
        parsed = list(_sp.parse(text, flags=re.VERBOSE))
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


def _class_reach(av: Any) -> tuple[bool, bool]:
    """(may match a space, may match something else) for a class, erring towards True."""
    members = list(av)
    negate = bool(members) and members[0][0] is _sp.NEGATE
    if negate:
        members = members[1:]
        has_space_category = any(o is _sp.CATEGORY and a is _sp.CATEGORY_SPACE for o, a in members)
        return not has_space_category, True
    space = other = False
    for o, a in members:
        if o is _sp.LITERAL:
            if _WS.match(chr(a)):
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


def _score(clause: Clause) -> tuple[int, int]:
    """Higher is more selective: longer shortest string, then fewer strings."""
    return (min(len(s) for s in clause), -len(clause))


def _best(clauses: list[Clause]) -> Clause | None:
    return max(clauses, key=_score) if clauses else None


class Analysis:
    """What is known of every match of a pattern (see the module docstring)."""

    __slots__ = ("clauses", "max_nonspace", "max_runs", "prefixes", "suffixes")

    def __init__(self, source: str) -> None:
        self.clauses: list[Clause] = []
        self.prefixes: Clause | None = None
        self.suffixes: Clause | None = None
        self.max_nonspace: float = INF
        self.max_runs: float = INF
        prepared = _prepare(source)
        if prepared is None:
            return
        try:
            parsed = list(_sp.parse(prepared, flags=re.VERBOSE))
            reader = _Reader()
            clauses = reader.clauses_seq(parsed)
            pre = reader.affix_seq(parsed, False)
            suf = reader.affix_seq(parsed, True)
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
        self.max_nonspace, self.max_runs = ns, runs


# A string with a cased letter (or any character outside ASCII and Devanagari) can only be found, even
# case-insensitively, in a text holding some character outside ASCII punctuation, digits and Devanagari: case
# folding never maps a letter to those. Most lines of a Hindi article hold none, and then no cased string is
# looked for.
_MAY_HOLD_CASED = regex.compile(r"[^\x00-\x40\x5b-\x60\x7b-\x7f\u0900-\u097f]").search
_last_cased: tuple[str | None, bool] = (None, False)


def _may_hold_cased(text: str) -> bool:
    global _last_cased
    last = _last_cased  # one tuple, read once: safe with threads
    if last[0] is text:
        return last[1]
    got = _MAY_HOLD_CASED(text) is not None
    _last_cased = (text, got)
    return got


def clause_test(clause: Clause) -> Test:
    """Does a text hold some string of ``clause`` (case-insensitively, as the rule)? Strings without cased
    letters are looked for with ``in``, the others with one alternation compiled IGNORECASE, like the rule."""
    plain = tuple(sorted((s for s in clause if all(_caseless(ch) for ch in s)), key=len))
    cased = sorted((s for s in clause if s not in plain), key=len, reverse=True)
    if not cased:
        if len(plain) == 1:
            only = plain[0]
            return lambda text: only in text
        return lambda text: any(s in text for s in plain)
    search = regex.compile("|".join(regex.escape(s) for s in cased), regex.IGNORECASE).search
    if not plain:
        return lambda text: _may_hold_cased(text) and search(text) is not None
    return lambda text: any(s in text for s in plain) or (_may_hold_cased(text) and search(text) is not None)


def affix_test(strings: Clause, backwards: bool) -> Test:
    """Does a text start (end, ``backwards``) with one of ``strings`` (case-insensitively, as the rule)?"""
    plain = tuple(s for s in strings if all(_caseless(ch) for ch in s))
    cased = sorted((s for s in strings if s not in plain), key=len, reverse=True)
    if not cased:
        if backwards:
            return lambda text: text.endswith(plain)
        return lambda text: text.startswith(plain)
    alt = "|".join(regex.escape(s) for s in cased)
    # simple case folding maps one character to one, so a cased string matches exactly len(s) characters
    width = max(len(s) for s in cased)
    if backwards:
        at_end = regex.compile(f"(?:{alt})\\Z", regex.IGNORECASE).search
        return lambda text: text.endswith(plain) or at_end(text[-width:]) is not None
    at_start = regex.compile(f"(?:{alt})", regex.IGNORECASE).match
    return lambda text: text.startswith(plain) or at_start(text) is not None


def text_size(text: str) -> tuple[int, int]:
    """(non-space characters, runs of spaces) of ``text``, each at most the true count under ``regex``'s
    ``\\s`` (``str.split`` whitespace is a superset; with U+001C..U+001F present the runs are not counted)."""
    words = text.split()
    runs = len(words) - 1 if words else 0
    if runs and any(c in text for c in ODD_SPACES):
        runs = 0
    return sum(map(len, words)), runs


class RulePattern:
    """A catalog pattern, compiled on first use and guarded by what its analysis knows: the matching methods
    give the compiled pattern's results, and return at once on text no match can exist in. A pattern that is
    never needed is never compiled, nor analysed."""

    __slots__ = (
        "_compiled", "_first", "_ready", "_search_tests", "_whole_tests", "max_nonspace", "max_runs", "pattern"
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
        a = Analysis(self.pattern)
        self._search_tests = tuple(clause_test(c) for c in a.clauses)
        whole: list[Test] = []
        if a.prefixes is not None:
            whole.append(affix_test(a.prefixes, False))
        if a.suffixes is not None:
            whole.append(affix_test(a.suffixes, True))
        self._whole_tests = tuple(whole) + self._search_tests
        self.max_nonspace, self.max_runs = a.max_nonspace, a.max_runs
        first = first_chars(self.pattern)
        self._first = None if first is None else regex.compile(first, regex.IGNORECASE).search
        self._ready = True

    def bounds(self) -> tuple[float, float]:
        """(most non-space characters, most runs of spaces) a match can hold (``INF``: not bounded)."""
        if not self._ready:
            self._prepare_tests()
        return self.max_nonspace, self.max_runs

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
