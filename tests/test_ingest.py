from __future__ import annotations

import pytest

from kamclean.ingest.text import InputError, decode, to_raw_column, undo_edits


def test_bom_and_crlf_are_recorded_not_content() -> None:
    src, text, edits = decode("\ufeffशीर्षक\r\nपंक्ति।\r\n".encode(), "a.txt")
    assert text == "शीर्षक\nपंक्ति।"
    assert src.bom and src.newline == "crlf" and src.final_newline
    assert edits == []


def test_zero_width_space_removed_zwj_zwnj_kept() -> None:
    raw = "क\u200bर\u200cम क्\u200dष"
    _, text, edits = decode(raw.encode(), "a.txt")
    assert text == "कर\u200cम क्\u200dष"
    assert [(e.rule, e.text) for e in edits] == [("KC-N001", "\u200b")]
    assert undo_edits(text, edits) == raw


def test_nbsp_becomes_space() -> None:
    _, text, edits = decode("$\u00a051,933".encode(), "a.txt")
    assert text == "$ 51,933"
    assert edits[0].rule == "KC-N002"


def test_nfc_and_colon_is_never_turned_into_visarga() -> None:
    _, text, edits = decode("विषयसूची: cafe\u0301".encode(), "a.txt")
    assert text == "विषयसूची: café"
    assert "\u0903" not in text  # no visarga
    assert [e.rule for e in edits] == ["KC-N004"]


def test_raw_column_mapping_skips_removed_characters() -> None:
    _, text, edits = decode("a\u200b\u200bbc".encode(), "a.txt")
    assert text == "abc"
    assert to_raw_column(edits, 1, 3) == 5  # "c" is the 5th code point of the raw line


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "no text"),
        (b"\xff\xfe\x00h\x00i", "UTF-16"),
        (b"PK\x03\x04\x00\x00binary", "binary"),
        ("नमस्ते".encode("utf-16-be") + b"\x80", "not valid UTF-8"),
        ("शीर्षक".encode() + b"\xe0\xa4", "not valid UTF-8"),
        ("नमस्ते दुनिया".encode("cp1252", errors="ignore") + b"caf\xe9", "not valid UTF-8"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "bad.txt")
    assert reason in info.value.reason
    assert info.value.line().startswith("bad.txt: ")
    assert "\n" not in info.value.line()


def test_column_mapper_agrees_with_to_raw_column() -> None:
    from kamclean.ingest.text import column_mapper, decode, to_raw_column

    raw = "a\u00a0b\u200bc\u00add\n\u200bx\u00a0\u00a0y क\u200bख\nplain\n".encode()
    _, text, edits = decode(raw, "t.txt")
    assert edits
    mapper = column_mapper(edits)
    for line, content in enumerate(text.split("\n"), start=1):
        for col in range(1, len(content) + 2):
            assert mapper(line, col) == to_raw_column(edits, line, col)
    assert column_mapper([])(3, 7) == 7
