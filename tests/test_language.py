"""Article language: script first, function words for Devanagari, seeded langdetect for long other-script text."""

from __future__ import annotations

import regex

from kamclean.text.script import DEVANAGARI_RANGES, detect_language, devanagari_language, script_counts


def test_devanagari_ranges_cover_the_script_property() -> None:
    """Every code point of \\p{Devanagari} (in the installed Unicode version) is in the ranges, and the ranges
    hold nothing but the Devanagari blocks."""
    prop = regex.compile(r"\p{Devanagari}")
    ranges = regex.compile(f"[{DEVANAGARI_RANGES}]")
    missing = [hex(cp) for cp in range(0x110000) if prop.match(chr(cp)) and not ranges.match(chr(cp))]
    assert missing == []
    blocks = [(0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x11B00, 0x11B5F)]
    extra = [
        hex(cp) for cp in range(0x110000) if ranges.match(chr(cp)) and not any(lo <= cp <= hi for lo, hi in blocks)
    ]
    assert extra == []
    assert not ranges.match("\u0964") and not ranges.match("\u0965")  # danda, double danda: punctuation


def test_hindi_by_function_words_even_when_short() -> None:
    assert devanagari_language("वह एक अच्छा प्रबंधक है और काम में तेज़ है।")[0] == "hi"
    got = detect_language("यह नौकरी के लिए जरूरी है।")
    assert (got["code"], got["script"], got["method"]) == ("hi", "Deva", "script+markers")


def test_marathi_and_nepali_by_their_own_function_words() -> None:
    assert devanagari_language("तो चांगला व्यवस्थापक आहे आणि त्याच्या कामात हुशार आहे. त्या कंपनीमध्ये नाही")[0] == "mr"
    assert devanagari_language("उहाँ राम्रो प्रबन्धक हुनुहुन्छ र काम गर्न मन पराउनुहुन्छ। यो पनि हो भएको छ")[0] == "ne"


def test_hindi_wins_when_markers_are_mixed_but_mostly_hindi() -> None:
    code, conf = devanagari_language("वह है और यह भी है, लेकिन आहे एक बार")
    assert code == "hi" and 0.5 < conf < 1


def test_marker_inside_a_longer_word_does_not_count() -> None:
    # "हैदराबाद" starts with "है" but is not the word है; only whole Devanagari runs count
    assert devanagari_language("हैदराबाद हैदराबाद हैदराबाद हैदराबाद आहे आहे आहे")[0] == "mr"
    assert script_counts("हैदराबाद, Pune")["Latin"] == 4


def test_english_is_detected_by_seeded_langdetect_and_is_repeatable() -> None:
    text = "The account manager builds long-term relationships with the company's most important clients."
    first = detect_language(text)
    assert first["code"] == "en" and first["script"] == "Latn" and first["method"] == "langdetect"
    assert all(detect_language(text) == first for _ in range(3))


def test_short_latin_is_not_guessed() -> None:
    assert detect_language("Anonim")["method"] == "too-short"
    assert detect_language("Anonim")["code"] == "und"


def test_no_letters() -> None:
    assert detect_language("123 456 — ...")["code"] == "und"


def test_plain_english_run_skips_langdetect_and_other_languages_still_ask_it(monkeypatch) -> None:
    from kamclean.checks import untranslated

    asked: list[str] = []
    real = untranslated.langdetect_probs

    def spy(text: str) -> list[tuple[str, float]]:
        asked.append(text)
        return real(text)

    monkeypatch.setattr(untranslated, "langdetect_probs", spy)
    voc = untranslated._vocab()
    english = "Talk to your doctor if the pain does not go away after a week."
    found = untranslated._judge("/p", 0, english, 40, voc)
    assert found is not None and found.message.startswith("English") and asked == []
    spanish = "La mayoría de los empleados reciben un aumento salarial cada año en diciembre."
    found = untranslated._judge("/p", 0, spanish, 40, voc)
    assert asked == [spanish]
    assert found is not None and "English" not in found.message
