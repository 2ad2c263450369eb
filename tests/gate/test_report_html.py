"""The editors' HTML report: its bytes (self-contained, deterministic, escaped) and, in headless Chromium, its
behaviour (highlights, tooltips, filters, search, keyboard), with a screenshot kept as an artefact."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner

from kamclean.cli import cli
from kamclean.emit.reporters.html import layout, render_report

from .conftest import CLEAN, DIRTY, RESIDUE

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture()
def out(tmp_path: Path, fake_rules: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`kamclean run` over three articles of our own (with the test rules), which writes the report too."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a-residue.txt").write_text(RESIDUE, encoding="utf-8")
    (raw / "b-dirty.txt").write_text(DIRTY, encoding="utf-8")
    (raw / "c-clean.txt").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["run", "raw", "out", "--no-progress"])
    assert res.exit_code == 0, res.output
    return tmp_path / "out"


def _docs(out: Path) -> list[dict]:
    return sorted(
        (json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")),
        key=lambda d: d["source"]["path"],
    )


# ------------------------------------------------------------------------------------------------ the bytes


def test_run_writes_the_report_and_report_command_gives_the_same_bytes(out: Path, tmp_path: Path) -> None:
    page = out / ".kamclean" / "report.html"
    assert page.is_file()
    res = CliRunner().invoke(cli, ["report", str(out), "-o", str(tmp_path / "again.html")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "again.html").read_bytes() == page.read_bytes()  # deterministic: no timestamps


def test_page_is_self_contained(out: Path) -> None:
    html = (out / ".kamclean" / "report.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in html and '<html lang="hi">' in html
    assert "default-src 'none'" in html  # the CSP forbids any request
    assert not regex.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert not regex.search(r"@import|url\(|<link\b", html)
    assert "Noto Sans Devanagari" in html


def test_removals_are_placed_where_they_were(out: Path) -> None:
    doc = next(d for d in _docs(out) if d["source"]["path"] == "a-residue.txt")
    units = layout(doc)
    para = next(u for u in units if u[0] == "paragraph")
    kinds = [p[0] for p in para[3]]
    assert kinds == ["text", "removed", "text"]  # the template variable sits inside the sentence
    _, a, b = para[3][0]
    assert para[2][a:b].endswith("अनुभव पर ")
    assert para[3][1][1]["text"].startswith("$config[code]")
    removed_lines = [u[3][0][1]["text"] for u in units if u[0] == "removed-line"]
    assert removed_lines == ["विषयसूची:", "Anonim", "जुपिटरइमेजेस / Photos.com / गेटी इमेजेज"]


def test_text_is_escaped(out: Path) -> None:
    doc = _docs(out)[0]
    doc["flags"][0]["message"] = '<script>alert("x")</script> & "quotes"'
    doc["sections"][0]["paragraphs"][0]["text"] += " <b>वह</b>"
    html = render_report([doc])
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
    assert "&lt;b&gt;वह&lt;/b&gt;" in html


def test_report_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["report", str(tmp_path / "nope")])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and "kamclean: error:" in res.stderr


# --------------------------------------------------------------------------------------------- the browser


def _chromium() -> str | None:
    for cand in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).exists():
            return cand
    return None


def _artifacts() -> Path:
    base = os.environ.get("KAMCLEAN_ARTIFACTS")
    path = Path(base) if base else Path(__file__).resolve().parents[1] / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture()
def browser_page():  # type: ignore[no-untyped-def]
    exe = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        exe = None
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: install chromium and playwright (see .ci/run)")
        pytest.skip("headless Chromium or Playwright is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            yield page
        finally:
            browser.close()


def test_report_in_a_real_browser(out: Path, browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((out / ".kamclean" / "report.html").as_uri())

    marks = page.locator("mark.flag[data-flags]")
    assert marks.count() == 8  # residue: 4 flags; dirty: 4 flags; clean: none
    assert "फलाना दफ़्तर की नौकरी" in page.inner_text("#a1")
    assert page.locator("main del.removed").count() == 4
    assert (
        "$config[code] not found" in page.locator("#a1 p:not(.removed-line) del.removed").first.inner_text()
    )
    # index: one row per article with its counts
    assert page.locator("table.index tbody tr").count() == 3

    # focusing a highlight (keyboard) shows its rule, message and suggestion
    marks.first.focus()
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "KC-S901" in tip.inner_text() and "अमुक" in tip.inner_text()
    assert marks.first.get_attribute("aria-describedby") == "tip"
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    # Tab moves from one highlight to the next
    marks.first.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == marks.nth(1).get_attribute("id")
    # hovering shows the tooltip too
    crit = page.locator('main mark.flag[data-sev="critical"]').first
    crit.hover()
    assert tip.is_visible() and "KC-S903" in tip.inner_text()

    # severity filter: only critical left highlighted and listed
    page.uncheck('input[name=sev][value="major"]')
    page.uncheck('input[name=sev][value="minor"]')
    on = page.locator("main mark.flag:not(.off)")
    assert on.count() == 2
    assert set(on.evaluate_all("ms => ms.map(m => m.dataset.sev)")) == {"critical"}
    assert page.locator(".flag-list li:visible").count() == 2
    assert (
        page.locator('main mark.flag.off[tabindex="-1"]').count() == 6
    )  # filtered spans leave the tab order
    page.check('input[name=sev][value="major"]')
    page.check('input[name=sev][value="minor"]')
    assert page.locator("main mark.flag:not(.off)").count() == 8

    # rule and category filters
    page.select_option("#f-rule", "KC-S902")
    assert page.locator(".flag-list li:visible").evaluate_all("ls => ls.map(l => l.dataset.rule)") == [
        "KC-S902",
        "KC-S902",
    ]
    page.select_option("#f-rule", "")
    page.select_option("#f-cat", "grammar")
    assert page.locator(".flag-list li:visible").count() == 2
    page.select_option("#f-cat", "")

    # search hides the articles that do not contain the text
    page.fill("#f-q", "लेखाकार")
    assert page.locator("section.article:visible").count() == 1
    assert page.locator("section.article:visible h2").inner_text().startswith("c-clean.txt")
    assert page.locator("table.index tbody tr:visible").count() == 1
    assert "1 article" in page.inner_text("#status")
    page.fill("#f-q", "")
    assert page.locator("section.article:visible").count() == 3

    # removed text can be hidden
    page.uncheck("#f-removed")
    assert not page.locator("main del.removed").first.is_visible()
    page.check("#f-removed")
    assert page.locator("main del.removed").first.is_visible()

    # screenshot for people: tooltip open on the first paragraph's highlight
    page.locator("#a1 p:not(.doc-title) mark.flag").first.focus()
    shot = _artifacts() / "report.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    # the Devanagari title was laid out with real glyphs (a missing font gives zero-width or tofu boxes that
    # measure the same for every character); compare the rendered widths of two different words
    widths = page.evaluate(
        """() => ['फलाना', 'गड़बड़झाला'].map(w => { const s = document.createElement('span');
             s.textContent = w; document.body.appendChild(s); const r = s.getBoundingClientRect().width;
             s.remove(); return r; })"""
    )
    assert widths[0] > 10 and widths[1] > widths[0]

    assert errors == []
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests
