from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kamclean.checks import registry

from . import fakerules

# Articles of our own. CLEAN has none of the test words (and is meant to pass the real rules too: correct,
# consistently masculine Hindi); DIRTY has one of each.
CLEAN = (
    "लेखाकार की नौकरी का विवरण\n"
    "\n"
    "एक लेखाकार किसी कंपनी के वित्तीय रिकॉर्ड रखता है। वह हर महीने खर्च और आय का हिसाब मिलाता है।\n"
    "\n"
    "शिक्षा\n"
    "\n"
    "लेखाकार आमतौर पर वाणिज्य में स्नातक होता है और हर साल नए नियम सीखता है।\n"
)
DIRTY = (
    "फलाना कंपनी में नौकरी\n"
    "\n"
    "वह फलाना काम करता है और ढिमका लोगों से मिलता है।\n"
    "\n"
    "समस्याएँ\n"
    "\n"
    "कभी कभी दफ़्तर में गड़बड़झाला होता है, तब वह शांत रहता है।\n"
)
# An article with page residue around and inside the text, for the HTML report: a contents header and a byline
# on their own lines, an unrendered template variable inside a sentence, and a photo credit under a heading.
RESIDUE = (
    "फलाना दफ़्तर की नौकरी\n"
    "\n"
    "विषयसूची:\n"
    "\n"
    "Anonim\n"
    "\n"
    "वह फलाना काम करता है। वेतन अनुभव पर $config[code] not found निर्भर करता है।\n"
    "\n"
    "काम का माहौल\n"
    "\n"
    "जुपिटरइमेजेस / Photos.com / गेटी इमेजेज\n"
    "\n"
    "दफ़्तर में कभी गड़बड़झाला होता है, पर वह ढिमका बातों पर ध्यान नहीं देता है।\n"
)


@pytest.fixture()
def fake_rules(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Replace the registered rule families by the test family only."""
    monkeypatch.setitem(sys.modules, "kamclean.checks.fakegate", fakerules)
    monkeypatch.setattr(registry, "FAMILIES", ("fakegate",))
    registry._rules.cache_clear()
    yield
    registry._rules.cache_clear()


@pytest.fixture()
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder (the current directory) with raw/clean.txt and raw/dirty.txt."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (raw / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return raw
