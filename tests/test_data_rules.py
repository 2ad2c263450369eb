"""Glossary and term rules: compiled lazily to the same patterns, and prefiltered exactly."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest

from kamclean.checks.base import CheckContext
from kamclean.checks.glossary import load_glossary, parse_glossary
from kamclean.checks.patterns import Matcher, load_yaml
from kamclean.checks.terms import load_terms, parse_terms
from kamclean.clean.catalog import packaged_path
from kamclean.config import Config
from kamclean.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "raw").rglob("*.txt"))
EXTRA = (
    "एक प्रमुख खाता प्रबंधक (Key Account Manager) ग्राहकों, क्लाइंट्स और बिक्री प्रबंधक से मिलता है।\n\n"
    "उसका औसत वेतन $ 51,933 है; 25 वां प्रतिशत — सेल्स मैनेजर\u00a0ज़िम्मेदारी॥ PayScale के अनुसार।\n"
)


def _words(blob: str) -> frozenset[str]:
    """The article's words the slow way: every character that is not a letter, mark, digit or joiner splits."""
    for ch in set(blob):
        if not (ch in "\u200c\u200d" or unicodedata.category(ch)[0] in "LMN") and not ch.isspace():
            blob = blob.replace(ch, " ")
    return frozenset(blob.split())


@pytest.mark.parametrize("data", [p.read_bytes() for p in ARTICLES] + [EXTRA.encode()], ids=lambda d: str(len(d)))
def test_alive_agrees_with_may_occur(data: bytes) -> None:
    cfg = Config()
    ctx = CheckContext(analyse(data, "a.txt", cfg).article, cfg)
    blob = ctx.blob[0]
    words = _words(blob)
    glossary, terms = load_glossary(), load_terms()
    expected = {r.meta.id for r in glossary if r.conditions[0].matcher.may_occur(blob, words)}
    assert glossary[0].index is not None and glossary[0].index.alive(ctx) == expected
    expected = {r.meta.id for r in terms if sum(m.may_occur(blob, words) for m in r.variants) >= 2}
    assert terms[0].index is not None and terms[0].index.alive(ctx) == expected
    # without the word set every literal is searched for in the text, which can only let more rules through
    assert glossary[0].index.alive(ctx) <= {r.meta.id for r in glossary if r.conditions[0].matcher.may_occur(blob)}


def _matchers(rules: list) -> list[Matcher]:  # type: ignore[type-arg]
    out: list[Matcher] = []
    for r in rules:
        if hasattr(r, "variants"):
            out += r.variants
        else:
            for c in r.conditions:
                out.append(c.matcher)
                out += [m for m in (c.sentence_has, c.sentence_lacks, c.section_has, c.section_lacks) if m]
                out += [m for m in (c.article_has, c.article_lacks) if m]
    return out


def test_packaged_patterns_compile_on_first_use_to_what_an_eager_load_compiles() -> None:
    lazy = _matchers(list(load_glossary())) + _matchers(list(load_terms()))
    glossary = load_yaml(packaged_path("glossary.yaml"), "glossary.yaml")
    terms = load_yaml(packaged_path("terms.yaml"), "terms.yaml")
    eager = _matchers(parse_glossary(glossary, "glossary.yaml")[0]) + _matchers(parse_terms(terms, "terms.yaml")[0])
    assert len(lazy) == len(eager) > 150
    for a, b in zip(lazy, eager, strict=True):
        assert "pattern" in b.__dict__  # compiled at load
        assert a.pattern.pattern == b.pattern.pattern and a.pattern.flags == b.pattern.flags


def test_patterns_stay_in_their_unit_and_gating_finds_the_same_matches() -> None:
    matchers = _matchers(list(load_glossary())) + _matchers(list(load_terms()))
    assert all(m.in_unit for m in matchers)  # no packaged pattern can match the separator between units
    cfg = Config()
    for data in [p.read_bytes() for p in ARTICLES] + [EXTRA.encode()]:
        ctx = CheckContext(analyse(data, "a.txt", cfg).article, cfg)
        blob, starts = ctx.blob
        for m in matchers:
            plain = dataclasses.replace(m, in_unit=False)  # every candidate position in the whole blob
            got = [x.span() for x in m.finditer(blob, starts, ctx.unit_keys)]
            assert got == [x.span() for x in plain.finditer(blob, starts, ctx.unit_keys)], m.where


def test_a_yaml_boolean_in_a_word_list_is_an_error() -> None:
    # an unquoted "on" or "no" in a YAML list is read as a boolean; it must not silently leave the list
    import pytest

    from kamclean.checks.lexicon import words

    assert words(["on", "no", 18]) == frozenset({"on", "no", "18"})
    with pytest.raises(ValueError, match="quote it"):
        words(["of", True])


def test_english_function_words_include_on() -> None:
    from kamclean.checks.untranslated import _vocab

    assert {"on", "no"} <= _vocab().function_words | _vocab().allow


def test_a_match_in_a_very_long_unit_is_the_same_as_on_the_whole_subject() -> None:
    """A candidate is tried first in a window of MATCH_WINDOW characters; a match that would reach past the
    window (here one long run of spaces inside the pattern's \\s+) is decided on the whole subject."""
    import regex

    from kamclean.checks.patterns import MATCH_WINDOW, _match_near

    pattern = regex.compile(r"खाता\s+प्रबंधन")
    near = "खाता प्रबंधन " + "क " * MATCH_WINDOW
    far = "खाता" + " " * (MATCH_WINDOW + 10) + "प्रबंधन " + "क " * 10
    missing = "खाता " + "क " * MATCH_WINDOW
    for text in (near, far, missing):
        got = _match_near(pattern.match, text, 0, len(text))
        want = pattern.match(text, 0, len(text))
        assert (got and got.span()) == (want and want.span())
    assert _match_near(pattern.match, far, 0, len(far)) is not None
