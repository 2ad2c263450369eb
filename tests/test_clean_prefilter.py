"""The artefact engine's pre-conditions (kamclean.clean.prefilter) never change a rule's result.

Every guarded method must give what the compiled pattern gives: the guards only answer "no match" early, and
``finditer`` tried at candidate positions only must find the same matches as the pattern's own scan.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import regex
import yaml

from kamclean.clean import prefilter
from kamclean.clean.catalog import load_catalog
from kamclean.clean.prefilter import ODD_SPACES, SPACE_POINTS, Analysis, RulePattern, text_size

ROOT = Path(__file__).resolve().parents[1]


def test_whitespace_facts_the_size_bounds_rely_on() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    regex_space = set(regex.findall(r"\s", every))
    str_space = {c for c in every if c.isspace()}
    assert regex_space <= str_space  # str.split never counts a regex non-space as space
    assert str_space - regex_space <= set(ODD_SPACES)
    assert {ord(c) for c in regex_space | str_space} <= set(SPACE_POINTS)


def _texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "tests" / "rules" / "cases").glob("KC-A*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("fail", "pass"):
            for case in data.get(kind) or []:
                texts.extend(case["text"].split("\n"))
    for path in sorted((ROOT / "raw").rglob("*.txt"))[:40]:
        texts.extend(path.read_text(encoding="utf-8").split("\n"))
    texts = [t for t in dict.fromkeys(texts) if t.strip()]
    rng = random.Random(5)
    extra = []
    for _ in range(600):  # glue, cut and re-case pieces of real lines
        a, b = rng.choice(texts), rng.choice(texts)
        i, j = rng.randrange(len(a) + 1), rng.randrange(len(b) + 1)
        t = a[:i] + rng.choice(["", " ", "। ", " / ", "\t", "\x1c", "  "]) + b[j:]
        extra.append(t.upper() if rng.random() < 0.2 else t.strip() if rng.random() < 0.5 else t)
    return texts + extra


TEXTS = _texts()


def _patterns() -> list[tuple[str, str, str]]:
    """(name, source, how the engine uses it: "find" or "whole")."""
    out = []
    for r in load_catalog().rules:
        out.append((f"{r.id}-pattern", r.pattern.pattern, "find" if r.scope == "span" else "whole"))
        for key, p, how in (
            ("requires", r.requires, "find"),
            ("unless_next", r.unless_next, "find"),
            ("block", r.block and r.block.line, "whole"),
            ("stack.line", r.stack and r.stack.line, "whole"),
            ("stack.needs", r.stack and r.stack.needs, "whole"),
        ):
            if p is not None:
                out.append((f"{r.id}-{key}", p.pattern, how))
    return out


PATTERNS = _patterns()


@pytest.mark.parametrize(("name", "source", "how"), PATTERNS, ids=[n for n, _, _ in PATTERNS])
def test_guarded_pattern_gives_the_compiled_results(name: str, source: str, how: str) -> None:
    guarded = RulePattern(source)
    plain = regex.compile(source, regex.IGNORECASE | regex.VERBOSE)
    for text in TEXTS:
        if how == "find":
            assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)], text
            assert (guarded.search(text) is None) == (plain.search(text) is None), text
            continue
        whole = text.strip()
        expect = plain.fullmatch(whole) is not None
        assert (guarded.fullmatch(whole) is not None) == expect, whole
        assert (guarded.fullmatch(whole, text_size(whole)) is not None) == expect, whole


@pytest.mark.parametrize(
    ("source", "yes", "no"),
    [
        (r"abc", ["xABCx"], ["ab c"]),
        (r"\$\s*config", ["$ CONFIG"], ["config"]),
        (r"(?:foo|bar)\s+baz", ["BAR  baz"], ["foo", "baz"]),
        (r"(?=.*लाया)आप\s+के", ["आप के लिए लाया"], ["आप के लिए"]),
        (r"k", ["\u212a"], ["x"]),  # KELVIN SIGN matches k case-insensitively
        (r"(?<!x)\p{L}+\s+द्वारा", ["राम द्वारा"], ["द्वार"]),
        (r"a{e<=1}", ["b"], []),  # fuzzy matching: not analysed, always tried
    ],
)
def test_guards_on_small_patterns(source: str, yes: list[str], no: list[str]) -> None:
    guarded = RulePattern(source)
    plain = regex.compile(source, regex.IGNORECASE | regex.VERBOSE)
    for text in yes + no:
        assert (guarded.search(text) is None) == (plain.search(text) is None)
    for text in no:
        assert guarded.search(text) is None


def test_size_bounds() -> None:
    a = Analysis(r"[\p{L}\p{M}][\p{L}\p{M}.]*(?:\s+[\p{L}\p{M}][\p{L}\p{M}.]*){0,3}\s+द्वारा")
    assert a.max_runs == 4 and a.max_nonspace == prefilter.INF
    assert Analysis(r"(?:ab|c)\s*[:।]?").max_nonspace == 3
    assert Analysis(r"[^/]{0,40}").max_runs == 20
    assert Analysis(r"\P{L}+").max_runs == prefilter.INF


def test_case_folding_facts_the_cased_gates_rely_on() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    # nothing but themselves matches the characters taken as caseless
    uncased = set(regex.findall(f"[{prefilter.UNCASED_CLASS}]", every))
    assert set(regex.findall(f"[{prefilter.UNCASED_CLASS}]", every, flags=regex.IGNORECASE)) == uncased
    assert all(prefilter._caseless(c) == (c in uncased) for c in every[:0x3000])
    # an ASCII letter is matched only by the characters of the Latin gate
    latin = set(regex.findall(f"[{prefilter.LATIN_CLASS}]", every))
    assert set(regex.findall("[A-Za-z]", every, flags=regex.IGNORECASE)) <= latin


def test_shipped_analysis_is_current() -> None:
    import json

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from artefact_analysis import table
    finally:
        sys.path.pop(0)
    shipped = json.loads(prefilter.ANALYSIS_FILE.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(table())), "run scripts/artefact_analysis.py"


def test_ascii_letters_are_matched_only_by_ascii_and_the_four_lookalikes() -> None:
    # WordIndex finds the cased ASCII strings of an ASCII word in lower case: no other character may match an
    # ASCII one case-insensitively, as pattern or as text
    ascii_text = "".join(chr(c) for c in range(128))
    for c in range(128, sys.maxunicode + 1):
        ch = chr(c)
        if 0xD800 <= c <= 0xDFFF or ch in prefilter.ASCII_LOOKALIKES:
            continue
        if ch.lower() == ch == ch.upper() == ch.casefold() == ch.title():
            continue  # no case mapping: matches only itself
        assert regex.search(regex.escape(ch), ascii_text, regex.IGNORECASE) is None, hex(c)
        assert regex.search(f"[{regex.escape(ascii_text)}]", ch, regex.IGNORECASE) is None, hex(c)
    latin = set(regex.findall(f"[{prefilter.LATIN_CLASS}]", "".join(chr(c) for c in range(0x3000))))
    assert latin == {chr(c) for c in range(128) if chr(c).isalpha()} | set(prefilter.ASCII_LOOKALIKES)


def test_word_index_finds_every_clause_a_text_holds() -> None:
    clauses = []
    for r in load_catalog().rules:
        for p in (r.pattern, r.requires, r.stack and r.stack.line):
            if p is not None:
                clauses.extend(p.clauses())
    index = prefilter.WordIndex(clauses)
    assert len(index.bits) >= len(set(clauses)) - 5  # nearly every clause is indexed
    rng = random.Random(3)
    strings = sorted(s for c in index.bits for s in c)
    texts = list(TEXTS)
    for _ in range(3000):  # strings of the clauses glued to each other and to words, in odd cases
        t = rng.choice(["", " ", "x", "क"]).join(rng.choice(strings) for _ in range(rng.randint(1, 3)))
        t = "".join(c.upper() if rng.random() < 0.3 else c.lower() if rng.random() < 0.3 else c for c in t)
        texts += [t, t.translate({ord("k"): "\u212a", ord("s"): "\u017f", ord("i"): "\u0130", ord("I"): "\u0131"})]
    texts.append("/" * 500 + " config")  # a very long word: said to hold every clause
    tests = {c: prefilter.clause_test(c) for c in index.bits}
    for text in texts:
        mask = index.mask(text.split())
        long_word = any(len(w) > index._LONG_WORD for w in text.split())
        for clause, bit in index.bits.items():
            held = tests[clause](text)
            assert bool(mask & bit) == held or (long_word and mask & bit), (text, sorted(clause)[:4])
