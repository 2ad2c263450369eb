"""The fast "already normalised?" test of decoding gives the same answer as the definition."""

from __future__ import annotations

import unicodedata

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from kamclean.ingest.text import _NUKTA_COMPOSES, _SUSPECT, NFC_MAYBE, NO_BREAK, SOFT_HYPHEN, ZERO_WIDTH, untouched


def slow(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text) and not any(c in text for c in ZERO_WIDTH + NO_BREAK + SOFT_HYPHEN)


def test_maybe_set_matches_unicode_data() -> None:
    """NFC_MAYBE holds exactly the second characters of the primary composites (plus Hangul V/T jamo)."""
    second = set()
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<"):
            parts = d.split()
            if len(parts) == 2 and unicodedata.normalize("NFC", chr(cp)) == chr(cp):
                second.add(int(parts[1], 16))
    second.discard(0x093C)  # nukta: handled by the three letters it composes with
    second |= set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    listed = {cp for cp in range(0x110000) if regex.match(f"[{NFC_MAYBE}]", chr(cp))}
    assert listed == second


def test_nukta_letters_that_compose() -> None:
    # न + nukta composes to ऩ under NFC; ज + nukta is a composition exclusion and stays as it is
    assert not untouched("अन\u093cर")
    assert unicodedata.normalize("NFC", "ज\u093c") == "ज\u093c"
    assert untouched("ज\u093cरूरी")
    assert not untouched("\u095b")  # precomposed ज़ decomposes
    assert not untouched("e\u0301")
    assert not untouched("a\u00a0b")
    assert untouched("खाता प्रबंधक, café")


HINDI = st.sampled_from(
    [*"कखगजनरळडढफयसहािीुूेैोौंँः़्", "\u0958", "\u0929", "\u0301", "e", "é", "\u1100", "\u1161", "\uac00", " "]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(HINDI, max_size=12).map("".join))
def test_fast_answer_is_sound(text: str) -> None:
    """"Untouched" is never wrong; "not untouched" only sends the text down the exact (per-line) path."""
    if untouched(text):
        assert slow(text)
    elif slow(text):
        # a cheap "maybe" (a combining mark that did not compose) sends it down the exact path, which then
        # changes nothing; the NFD test itself never rejects an NFC text that holds no such mark
        assert _SUSPECT.search(text) is not None or _NUKTA_COMPOSES.search(text) is not None
