"""Property tests: any text round-trips byte for byte; cleaning a cleaned article removes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamclean.config import Config
from kamclean.emit.roundtrip import rebuild_bytes
from kamclean.ingest.text import InputError
from kamclean.pipeline import process

# Building blocks: real-looking Hindi prose, headings, artefacts of every family, and nasty characters.
PROSE = [
    "एक लेखाकार कंपनी के वित्तीय रिकॉर्ड रखता है।",
    "वह हर महीने रिपोर्ट तैयार करती है और प्रबंधकों को भेजती है।",
    "यू.एस. ब्यूरो के अनुसार वेतन $ 51,933 है।",
    "क्या यह नौकरी आप के लिए सही है?",
    "फोटो पहचान पत्र साथ लाएं।",
    "अंकतालिकाएं / प्रमाणपत्र",
]
HEADINGS = ["शिक्षा और प्रमाणन", "वेतन", "नौकरी का दृष्टिकोण", "LinkedIn"]
ARTEFACTS = [
    "$config[code] not found",
    "डिजिटल विजन। / डिजिटल विजन / गेटी इमेजेज",
    "Comstock/Stockbyte/Getty Images",
    "दिन का वीडियो",
    "आप के लिए लाया आप के लिए",
    "विषयसूची:",
    "Anonim",
    "तस्वीरें। फोटो",
    "विज्ञापन",
    "Jupiterimages/Photos.com/Getty Images",
    "फोटो क्रेडिट: जेन डो",
    "(फोटो: जेन डो / गेटी इमेजेज)",
    "छवि क्रेडिट",
    "(adsbygoogle = window.adsbygoogle || []).push({});",
    "{{ लेखक }}",
    "undefined",
    "नीचे पढ़ना जारी रखें",
    "अपडेट किया गया 14 जून 2021",
    "By Jane Doe",
    "जेन डो द्वारा",
    "डॉ. जेन डो द्वारा समीक्षित",
    "शेयर करें फेसबुक ट्विटर ईमेल",
    "संबंधित लेख",
    "लेखक बायो",
    "इस लेख का हवाला दें",
    "उद्धरण शैली चुनें",
    "संदर्भ",
    "एमएलए",
    "PayScale: Accountant Salary",
    "होम » करियर » नौकरी खोज",
    "मुख्य सामग्री पर जाएं",
    "थिंकस्टॉक इमेजेज। कॉमस्टॉक। गेटी इमेजेज",
    "config[code] नहीं मिला",
    "404 पृष्ठ नहीं मिला",
    "दिन का वीडियो आप के लिए लाया",
    "विषयसूची: Anonim",
]
ODD = ["\u200b", "\u00a0", "\u00ad", "\u200c", "\u200d", "\ufeff", " ", "\t", "क\u093c", "e\u0301", "\r"]

piece = st.one_of(st.sampled_from(PROSE + HEADINGS + ARTEFACTS), st.sampled_from(ODD), st.text(max_size=12))
line = st.lists(piece, max_size=4).map(" ".join)
article = st.tuples(
    st.lists(line, min_size=1, max_size=12),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.booleans(),
).map(lambda t: ("\ufeff" if t[3] else "") + t[1].join(t[0]) + (t[1] if t[2] else ""))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article)
def test_raw_bytes_rebuild_from_document(text: str) -> None:
    data = text.encode("utf-8")
    try:
        doc = process(data, "a.txt", Config())
    except InputError:
        return  # empty / whitespace-only / binary: refused, which is its own test
    assert rebuild_bytes(doc) == data


def _cleaned_text(doc: dict) -> str:
    blocks = [doc["title"]] if doc["title"] else []
    for s in doc["sections"]:
        if s["heading"]:
            blocks.append(s["heading"])
        blocks += [p["text"] for p in s["paragraphs"]]
    return "\n\n".join(blocks)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article)
def test_cleaning_is_idempotent(text: str) -> None:
    try:
        doc = process(text.encode("utf-8"), "a.txt", Config())
    except InputError:
        return
    cleaned = _cleaned_text(doc)
    if not cleaned.strip():
        return
    again = process(cleaned.encode("utf-8"), "a.txt", Config())
    assert [r for r in again["removed"] if r["kind"] != "whitespace"] == []
    assert _cleaned_text(again) == cleaned
