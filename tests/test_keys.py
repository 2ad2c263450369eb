"""Matching keys: spelling variants fold together, and spans map back to the text as written."""

from __future__ import annotations

import sys

import regex
from hypothesis import given
from hypothesis import strategies as st

from kamclean.text.keys import (
    _KEYED_CHARS,
    KeyedText,
    _changes,
    _token_changes,
    is_own_key,
    key_pattern,
    word_key,
)


def _find(text: str, pattern: str) -> str:
    k = KeyedText.build(text)
    m = regex.search(key_pattern(pattern), k.key)
    assert m is not None
    s, e = k.span(*m.span())
    return text[s:e]


def test_nukta_and_chandrabindu_fold_both_ways() -> None:
    assert word_key("ज़िम्मेदारी") == word_key("जिम्मेदारी")
    assert word_key("वाँ") == word_key("वां")
    assert _find("उसकी ज़िम्मेदारी बड़ी है", "जिम्मेदारी") == "ज़िम्मेदारी"
    assert _find("उसकी जिम्मेदारी बड़ी है", "ज़िम्मेदारी") == "जिम्मेदारी"
    assert _find("25 वाँ प्रतिशत", r"25\s+वां") == "25 वाँ"


def test_spans_survive_whitespace_runs_case_and_joiners() -> None:
    assert _find("वेतन   और\nलाभ", r"वेतन\s+और\s+लाभ") == "वेतन   और\nलाभ"
    assert _find("PayScale के अनुसार", "payscale") == "PayScale"
    assert _find("क्\u200dष और", "क्ष") == "क्\u200dष"


def test_the_normaliser_never_touches_content() -> None:
    # the key may differ (visarga rules, nukta removal), the text never does
    k = KeyedText.build("विषयसूची: ज़रूरी")
    assert k.text == "विषयसूची: ज़रूरी"
    assert ":" in k.key


@given(st.text(alphabet="कखगजड़ज़फ़ािीुेैोौंँ़् \n\t\u200c\u200dAbC.,।", max_size=40))
def test_every_key_span_maps_inside_the_text(text: str) -> None:
    k = KeyedText.build(text)
    for ks in range(len(k.key) + 1):
        for ke in range(ks, min(len(k.key), ks + 6) + 1):
            s, e = k.span(ks, ke)
            assert 0 <= s <= e <= len(text)


@given(st.text(alphabet="कखगजडफािीुेैोौं् .,।", max_size=60))
def test_own_key_fast_path_agrees_with_the_slow_path(text: str) -> None:
    if is_own_key(text):
        assert KeyedText.build(text, own=False).key == KeyedText.build(text).key == text


def test_every_whitespace_but_the_space_is_unprintable() -> None:
    # keys._changes and keys._is_own_key take a printable text to hold no whitespace but spaces, and no
    # keyed character but the printable ones
    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c != " "]
    assert spaces and not any(c.isprintable() for c in spaces)


@given(st.text(alphabet="कजड़ज़ाँं़ऩक़ॲ\u0958 aAbǰ \n\t\u2009\u00a0\u200c\u200d\u200b\u00ad.,।", max_size=40))
def test_changes_fast_path_agrees_with_tokenising_the_whole_text(text: str) -> None:
    assert _changes(text) == _token_changes(text)
    assert is_own_key(text) == (
        text.casefold() == text and not any(c in text for c in _KEYED_CHARS)
    )
