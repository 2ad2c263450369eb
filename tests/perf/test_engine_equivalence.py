"""The interval-based cleaning engine returns exactly what the per-character reference returns.

The optimised engine must not change a single removal or kept piece, so it is checked against the simple
version on generated lines: artefacts of every family glued to prose, overlapping span rules, every kind of
whitespace (including U+001C..U+001F, which ``str.isspace`` accepts and the regex module's ``\\s`` does not),
and long runs.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamclean.clean.catalog import load_catalog, parse_catalog
from kamclean.clean.engine import clean_lines

from .reference_engine import reference_clean_lines

# Extra span rules on top of the packaged catalog, so that several span rules compete for one line.
_EXTRA = {
    "rules": [
        {"id": "KC-Z901", "name": "slash-run", "kind": "test", "scope": "span", "description": "d",
         "pattern": r"/+"},
        {"id": "KC-Z902", "name": "advert-word", "kind": "test", "scope": "span", "description": "d",
         "pattern": r"विज्ञापन"},
        {"id": "KC-Z903", "name": "bracketed", "kind": "test", "scope": "span", "description": "d",
         "pattern": r"\[[^\]]{0,8}\]"},
    ]
}
CATALOGS = [load_catalog(), parse_catalog(_EXTRA, "test", base=load_catalog())]

PIECES = [
    "एक लेखाकार हिसाब रखता है।", "$config[code] not found", "$config[ad] नहीं मिला", "विज्ञापन",
    "दिन का वीडियो", "विषयसूची:", "Anonim", "डिजिटल विजन / गेटी इमेजेज", "तस्वीरें। फोटो", "///", "[x]",
    "LinkedIn", "- सूची", "$ 51,933", "आप के लिए लाया",
]
SPACES = [" ", "  ", "\t", "\x1c", "\x1f", "\u3000", "\u2003", "\x85", ""]

token = st.one_of(st.sampled_from(PIECES), st.sampled_from(SPACES), st.text(max_size=6))
line = st.lists(token, max_size=8).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, min_size=1, max_size=8), st.sampled_from(CATALOGS), st.booleans())
def test_interval_engine_equals_reference(lines: list[str], catalog, disable: bool) -> None:
    disabled = frozenset({"KC-A001"}) if disable else frozenset()
    assert clean_lines(lines, catalog, disabled) == reference_clean_lines(lines, catalog, disabled)


def test_long_lines_equal_reference() -> None:
    catalog = CATALOGS[1]
    lines = [
        " ".join(["$config[code] not found"] * 200),
        "क" * 3000 + " " * 500 + "$config[x]" + " " * 500,
        "/ " * 1500,
        "   " + "विज्ञापन " * 300 + "अंत",
        "\x1c" * 100 + "Anonim" + "\x1f" * 100,
    ]
    assert clean_lines(lines, catalog) == reference_clean_lines(lines, catalog)


# --- the fast serialisation and script counting give exactly what the plain versions give

json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.text(max_size=5), json_value, max_size=5))
def test_dumps_equals_stdlib_json(doc: dict) -> None:
    import json

    from kamclean.emit.document import dumps, dumps_bytes

    expected = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert dumps(doc) == expected
    assert dumps_bytes(doc) == expected.encode("utf-8")


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("कखa ZéŁжω1।\u0901\ua8f2ÿĀ×ªµɐ\u0980অ"))
        | st.characters(max_codepoint=0xFFFF)
        | st.characters(),
        max_size=40,
    )
)
def test_script_counts_equal_per_character_definition(text: str) -> None:
    from kamclean.text.script import _LETTER, script_counts, script_of

    expected: dict[str, int] = {}
    for ch in _LETTER.findall(text):
        expected[script_of(ch)] = expected.get(script_of(ch), 0) + 1
    assert list(script_counts(text).items()) == list(expected.items())


# --- the linear sentence splitter splits exactly where the per-dot version did

_SENTENCE_BITS = ["यू.एस.", "डॉ.", "Dr.", "U.S.", "e.g.", "पीएच.डी.", "3.5", "।", "?", "!", ".", " ", "(", "'",
                  "“", "\"", "क", "abcd", "ab.", "x.y", "वह आया", "\n", "।'", "..."]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SENTENCE_BITS), st.text(max_size=3)), max_size=14).map("".join))
def test_sentence_split_equals_reference(text: str) -> None:
    from kamclean.segment.sentences import split_sentences

    from .reference_sentences import reference_split_sentences

    assert split_sentences(text) == reference_split_sentences(text)


@settings(max_examples=800, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("कि़-'. a1१\u200c\u093c।xé")) | st.characters(max_codepoint=0xFFFF)
        | st.characters(),
        max_size=40,
    )
)
def test_word_count_equals_regex(text: str) -> None:
    from kamclean.emit.document import _WORD, count_words

    assert count_words(text) == len(_WORD.findall(text))


def test_whitespace_table_covers_every_space_character() -> None:
    from kamclean.clean.engine import _WS_CHARS

    assert _WS_CHARS == "".join(filter(str.isspace, map(chr, range(0x110000))))
