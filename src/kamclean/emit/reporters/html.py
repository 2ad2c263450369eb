"""The editors' HTML report: one self-contained page for a folder of documents.

What an editor gets:

* an index of the articles with their flags by severity and the number of artefacts removed;
* each article as cleaned text, with every flagged span highlighted. Hovering or focusing a span (Tab) shows
  the rule, severity, message and suggestion; each article also lists its flags, with a link to each span;
* the removed page residue shown in place, struck through, so the editor sees what the cleaner took (placed
  from the removals' raw line and column, exactly as :mod:`kamclean.emit.roundtrip` rebuilds the raw file);
* filters by severity, category and rule, a search box, and a switch for the removed text.

The page is one file with inline CSS and JavaScript, a Content-Security-Policy that forbids every network
request, no web fonts (a Devanagari system font stack instead), and deterministic bytes: the same documents
always give the same page. All text goes through :func:`html.escape`; the script reads it back from the DOM,
never from HTML strings.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

SEVERITIES = ("critical", "major", "minor")
_RANK = {"critical": 3, "major": 2, "minor": 1}
DOCUMENT_SCHEMA = "kamclean.document/1"


def _e(s: object) -> str:
    return escape(str(s), quote=True)


# ------------------------------------------------------------------------------------------------ documents


def load_documents(folder: Path, only: Iterable[str] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """The kamclean documents under ``folder`` (hidden folders skipped), or only the files ``only`` names
    (relative to ``folder``). Returns (documents sorted by source path, one-line errors)."""
    if only is not None:
        files = [folder / rel for rel in only]
    else:
        files = sorted(
            p
            for p in folder.rglob("*.json")
            if not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
    docs: list[dict[str, Any]] = []
    errors: list[str] = []
    for f in files:
        try:
            doc = json.loads(f.read_text(encoding="utf-8"))
        except OSError as exc:
            errors.append(f"{f}: cannot read ({exc.strerror or exc})")
            continue
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            errors.append(f"{f}: not JSON ({exc})")
            continue
        if isinstance(doc, dict) and doc.get("schema") == DOCUMENT_SCHEMA:
            docs.append(doc)
        elif only is not None:
            errors.append(f"{f}: not a kamclean document")
    docs.sort(key=lambda d: d["source"]["path"])
    return docs, errors


def write_report(folder: Path, target: Path, only: Iterable[str] | None = None) -> list[str]:
    """Render the documents of ``folder`` into ``target``; returns the one-line errors (unreadable
    documents)."""
    from kamclean.emit.writer import write_atomic

    docs, errors = load_documents(folder, only)
    write_atomic(target, render_report(docs))
    return errors


# --------------------------------------------------------------------------------------------------- layout


def _blocks(doc: dict[str, Any]) -> list[tuple[str, str, int, str]]:
    """(kind, pointer, first raw line, text) of the title, headings and paragraphs, in reading order."""
    out: list[tuple[str, str, int, str]] = []
    if doc.get("title") is not None and doc.get("title_line") is not None:
        out.append(("title", "/title", doc["title_line"], doc["title"]))
    for si, sec in enumerate(doc["sections"]):
        if sec.get("heading") is not None and sec.get("heading_line") is not None:
            out.append(("heading", f"/sections/{si}/heading", sec["heading_line"], sec["heading"]))
        for pi, par in enumerate(sec["paragraphs"]):
            out.append(("paragraph", f"/sections/{si}/paragraphs/{pi}/text", par["line"], par["text"]))
    return out


# A unit is a block of content (kind, pointer, text, pieces) or a line holding removed text only. Pieces are
# ("text", start, end) offsets into the block's string, ("removed", removal) or ("br",).
Piece = tuple[Any, ...]


def layout(doc: dict[str, Any]) -> list[tuple[str, str | None, str, list[Piece]]]:
    blocks = _blocks(doc)
    owner: dict[
        int, tuple[int, int]
    ] = {}  # raw line -> (block index, offset of the line's text in the block)
    for bi, (_, _, line, text) in enumerate(blocks):
        offset = 0
        for k, part in enumerate(text.split("\n")):
            owner[line + k] = (bi, offset)
            offset += len(part) + 1
    removals: dict[int, list[dict[str, Any]]] = {}
    for r in doc["removed"]:
        removals.setdefault(r["line"], []).append(r)
    units: list[tuple[str, str | None, str, list[Piece]]] = []
    current: int | None = None
    for ln in range(1, doc["source"]["lines"] + 1):
        rs = sorted(removals.get(ln, []), key=lambda r: r.get("column", 1))
        if ln in owner:
            bi, base = owner[ln]
            kind, pointer, _, text = blocks[bi]
            if current != bi:
                units.append((kind, pointer, text, []))
                current = bi
            else:
                units[-1][3].append(("br",))
            pieces = units[-1][3]
            line_text = text[base:].split("\n", 1)[0]
            pos, used = 1, 0
            for r in rs:
                gap = max(r.get("column", 1) - pos, 0)
                if gap:
                    pieces.append(("text", base + used, base + used + gap))
                    used += gap
                pieces.append(("removed", r))
                pos = r.get("column", 1) + len(r["text"])
            if used < len(line_text):
                pieces.append(("text", base + used, base + len(line_text)))
        else:
            current = None
            shown = [("removed", r) for r in rs if r.get("kind") != "whitespace"]
            if shown:
                units.append(("removed-line", None, "", shown))
    return units


# ------------------------------------------------------------------------------------------------ rendering


class _Page:
    def __init__(self) -> None:
        self.flag_no = 0
        self.mark_no = 0


def _flag_ids(doc: dict[str, Any], page: _Page) -> list[str]:
    ids = []
    for _ in doc["flags"]:
        page.flag_no += 1
        ids.append(f"f{page.flag_no}")
    return ids


def _text_piece(
    text: str,
    a: int,
    b: int,
    flags: list[tuple[str, dict[str, Any]]],
    first_mark: dict[str, str],
    page: _Page,
) -> str:
    inside = [(fid, f) for fid, f in flags if f["start"] < b and f["end"] > a]
    if not inside:
        return _e(text[a:b])
    cuts = sorted({a, b} | {x for _, f in inside for x in (f["start"], f["end"]) if a < x < b})
    out: list[str] = []
    for x, y in itertools.pairwise(cuts):
        cover = [(fid, f) for fid, f in inside if f["start"] <= x and f["end"] >= y]
        if not cover:
            out.append(_e(text[x:y]))
            continue
        page.mark_no += 1
        mid = f"m{page.mark_no}"
        for fid, _ in cover:
            first_mark.setdefault(fid, mid)
        sev = max((f["severity"] for _, f in cover), key=lambda s: _RANK[s])
        out.append(
            f'<mark class="flag" id="{mid}" tabindex="0" data-sev="{sev}" '
            f'data-flags="{" ".join(fid for fid, _ in cover)}">{_e(text[x:y])}</mark>'
        )
    return "".join(out)


def _removed(r: dict[str, Any]) -> str:
    if r.get("kind") == "whitespace":
        return ""
    label = f"removed by {r['rule']} {r.get('name', '')} ({r.get('kind', '')})".replace("  ", " ")
    return (
        f'<del class="removed" data-rule="{_e(r["rule"])}" title="{_e(label)}">'
        f'<span class="sr">{_e(label)}: </span>{_e(r["text"])}</del>'
    )


def _article(doc: dict[str, Any], index: int, page: _Page) -> str:
    ids = _flag_ids(doc, page)
    by_ptr: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for fid, f in zip(ids, doc["flags"], strict=True):
        by_ptr.setdefault(f["pointer"], []).append((fid, f))
    first_mark: dict[str, str] = {}
    body: list[str] = []
    for kind, pointer, text, pieces in layout(doc):
        html_parts = []
        for p in pieces:
            if p[0] == "text":
                html_parts.append(
                    _text_piece(text, p[1], p[2], by_ptr.get(pointer or "", []), first_mark, page)
                )
            elif p[0] == "removed":
                html_parts.append(_removed(p[1]))
            else:
                html_parts.append("<br>")
        inner = "".join(html_parts)
        if kind == "title":
            body.append(f'<p class="doc-title">{inner}</p>')
        elif kind == "heading":
            body.append(f"<h3>{inner}</h3>")
        elif kind == "paragraph":
            body.append(f"<p>{inner}</p>")
        else:
            body.append(f'<p class="removed-line">{inner}</p>')
    lang = _e((doc.get("language") or {}).get("code") or "hi")
    if lang == "und":
        lang = "hi"
    path = doc["source"]["path"]
    counts = {s: 0 for s in SEVERITIES}
    for f in doc["flags"]:
        counts[f["severity"]] += 1
    removed = sum(1 for r in doc["removed"] if r.get("kind") != "whitespace")
    flag_items = []
    for fid, f in zip(ids, doc["flags"], strict=True):
        target = first_mark.get(fid)
        sugg = f.get("suggestion")
        flag_items.append(
            f'<li id="{fid}" data-sev="{_e(f["severity"])}" data-cat="{_e(f["category"])}" '
            f'data-rule="{_e(f["rule"])}" data-name="{_e(f.get("name", ""))}" data-msg="{_e(f["message"])}" '
            f'data-sugg="{_e(sugg or "")}">'
            f'<span class="badge" data-sev="{_e(f["severity"])}" lang="en">{_e(f["severity"])}</span> '
            f'<span lang="en"><b>{_e(f["rule"])}</b> {_e(f.get("name", ""))} · {_e(f["category"])} · '
            f"line {f['line']}:{f['column']}</span> — {_e(f['message'])} «<q>{_e(f['text'])}</q>»"
            + (f' → <ins class="sugg">{_e(sugg)}</ins>' if sugg else "")
            + (f' <a class="goto" href="#{target}" data-mark="{target}" lang="en">show</a>' if target else "")
            + "</li>"
        )
    flags_html = (
        f'<ol class="flag-list">{"".join(flag_items)}</ol>'
        if flag_items
        else '<p class="none" lang="en">No flags.</p>'
    )
    title = doc.get("title") or path
    return (
        f'<section class="article" id="a{index}" aria-labelledby="a{index}-h" data-path="{_e(path)}">\n'
        f'<h2 id="a{index}-h"><span class="path" lang="en">{_e(path)}</span> '
        f'<span class="t">{_e(title)}</span></h2>\n'
        f'<p class="counts" lang="en">{counts["critical"]} critical · {counts["major"]} major · '
        f"{counts['minor']} minor · {removed} removed</p>\n"
        f'<div class="text" lang="{lang}">\n' + "\n".join(body) + "\n</div>\n"
        f'<details class="flags" open><summary lang="en">Flags ({len(doc["flags"])})</summary>'
        f"{flags_html}</details>\n"
        "</section>"
    )


def _index(docs: list[dict[str, Any]]) -> str:
    rows = []
    for n, doc in enumerate(docs, 1):
        counts = {s: 0 for s in SEVERITIES}
        for f in doc["flags"]:
            counts[f["severity"]] += 1
        removed = sum(1 for r in doc["removed"] if r.get("kind") != "whitespace")
        title = doc.get("title") or ""
        rows.append(
            f'<tr data-article="a{n}"><td><a href="#a{n}">{_e(doc["source"]["path"])}</a></td>'
            f'<td lang="hi">{_e(title)}</td>'
            + "".join(f'<td class="num" data-sev="{s}">{counts[s]}</td>' for s in SEVERITIES)
            + f'<td class="num">{removed}</td></tr>'
        )
    return (
        '<table class="index" lang="en"><caption>Articles</caption><thead><tr><th scope="col">Article</th>'
        '<th scope="col">Title</th><th scope="col">Critical</th><th scope="col">Major</th>'
        '<th scope="col">Minor</th><th scope="col">Removed</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _options(values: Iterable[str], everything: str) -> str:
    return f'<option value="">{_e(everything)}</option>' + "".join(
        f'<option value="{_e(v)}">{_e(v)}</option>' for v in values
    )


def render_report(docs: list[dict[str, Any]]) -> str:
    page = _Page()
    articles = [_article(doc, n, page) for n, doc in enumerate(docs, 1)]
    flags = [f for d in docs for f in d["flags"]]
    totals = {s: sum(1 for f in flags if f["severity"] == s) for s in SEVERITIES}
    categories = sorted({f["category"] for f in flags})
    rules = sorted({f["rule"] for f in flags})
    removed = sum(1 for d in docs for r in d["removed"] if r.get("kind") != "whitespace")
    sev_boxes = "".join(
        f'<label><input type="checkbox" name="sev" value="{s}" checked> '
        f'<span class="badge" data-sev="{s}">{s}</span> ({totals[s]})</label>'
        for s in SEVERITIES
    )
    controls = (
        '<form class="filters" lang="en" role="search" aria-label="Filter flags" onsubmit="return false">'
        f"<fieldset><legend>Severity</legend>{sev_boxes}</fieldset>"
        f'<label>Category <select id="f-cat">{_options(categories, "all categories")}</select></label>'
        f'<label>Rule <select id="f-rule">{_options(rules, "all rules")}</select></label>'
        '<label>Search <input type="search" id="f-q" placeholder="text, rule, message, path"></label>'
        '<label><input type="checkbox" id="f-only"> only articles with matching flags</label>'
        '<label><input type="checkbox" id="f-removed" checked> show removed text</label>'
        "</form>"
    )
    summary = (
        f'<p class="summary" lang="en">{len(docs)} article{"s" if len(docs) != 1 else ""}; flags: '
        f"{totals['critical']} critical, {totals['major']} major, {totals['minor']} minor; "
        f'{removed} artefacts removed. <span id="status" role="status" aria-live="polite"></span></p>'
    )
    body = "\n".join(articles) if articles else '<p lang="en">No documents.</p>'
    return (
        "<!doctype html>\n"
        '<html lang="hi">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>kamclean report</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#articles" lang="en">Skip to the articles</a>\n'
        f'<header lang="en"><h1>kamclean report</h1>{summary}{controls}'
        '<p class="legend">Highlights: <mark class="flag" data-sev="critical">critical</mark> '
        '<mark class="flag" data-sev="major">major</mark> <mark class="flag" data-sev="minor">minor</mark> '
        '<del class="removed">removed text</del>. '
        "Tab to a highlight (or hover it) to see the flag; Esc hides it."
        "</p></header>\n"
        f'<nav aria-label="Articles">{_index(docs)}</nav>\n'
        f'<main id="articles">\n{body}\n</main>\n'
        '<div id="tip" role="tooltip" hidden></div>\n'
        f"<script>{_JS}</script>\n</body>\n</html>\n"
    )


_CSS = """
:root{--crit:#b00020;--crit-bg:#ffd7dc;--major:#a14a00;--major-bg:#ffe2b8;--minor:#0b5cad;
  --minor-bg:#d9e9ff;--fg:#1b1b1b;--muted:#555;--focus:#1a4fd6}
*{box-sizing:border-box}
body{margin:0 auto;max-width:68rem;padding:0 1rem 4rem;color:var(--fg);background:#fff;line-height:1.5;
  font-family:"Noto Sans Devanagari","Noto Sans","Nirmala UI","Mangal","Kohinoor Devanagari",
  "Devanagari Sangam MN","Lohit Devanagari",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.5rem;margin:1rem 0 .25rem}
h2{font-size:1.2rem;margin:0 0 .25rem}
h2 .path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;color:var(--muted)}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
header{border-bottom:1px solid #ccc;padding-bottom:.5rem}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.filters fieldset{border:1px solid #ccc;border-radius:4px;padding:.1rem .5rem;margin:0}
.filters legend{font-size:.85rem;color:var(--muted)}
.filters input[type=search]{min-width:14rem}
.legend{font-size:.85rem;color:var(--muted);margin:.25rem 0 0}
.index{border-collapse:collapse;margin:1rem 0;width:100%}
.index caption{text-align:left;font-weight:bold}
.index th,.index td{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left}
.index td.num{text-align:right;font-variant-numeric:tabular-nums}
.article{border-top:2px solid #ccc;padding-top:1rem;margin-top:1.5rem}
.counts{color:var(--muted);margin:.1rem 0 .5rem}
.text{font-size:1.1rem;line-height:1.9}
.text .doc-title{font-size:1.3rem;font-weight:bold}
.text h3{font-size:1.15rem;margin:1rem 0 .25rem}
mark.flag{color:inherit;border-radius:2px;padding:0 1px;cursor:help;text-decoration:underline;
  text-decoration-thickness:2px;text-underline-offset:.3em}
mark.flag[data-sev=critical]{background:var(--crit-bg);text-decoration-color:var(--crit);
  text-decoration-style:double}
mark.flag[data-sev=major]{background:var(--major-bg);text-decoration-color:var(--major)}
mark.flag[data-sev=minor]{background:var(--minor-bg);text-decoration-color:var(--minor);
  text-decoration-style:dotted}
mark.flag.off{background:none;text-decoration:none;cursor:auto}
mark.flag:focus,a:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{
  outline:3px solid var(--focus);outline-offset:2px}
del.removed{color:#666;text-decoration:line-through;text-decoration-color:#b00020;background:#f3f3f3}
.hide-removed del.removed,.hide-removed .removed-line{display:none}
.removed-line{margin:.25rem 0;font-size:.95rem}
.badge{display:inline-block;border-radius:3px;padding:0 .35em;font-size:.8rem;font-weight:bold;color:#fff}
.badge[data-sev=critical]{background:var(--crit)}
.badge[data-sev=major]{background:var(--major)}
.badge[data-sev=minor]{background:var(--minor)}
.flag-list{padding-left:1.5rem}
.flag-list li{margin:.2rem 0}
ins.sugg{text-decoration:none;background:#dff5e1;padding:0 .2em}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
#tip{position:absolute;z-index:3;max-width:28rem;background:#1b1b1b;color:#fff;padding:.5rem .7rem;
  border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.3);font-size:.95rem;line-height:1.6}
#tip .tip-item+.tip-item{border-top:1px solid #555;margin-top:.3rem;padding-top:.3rem}
#tip .sugg{color:#b9f3c0}
[hidden]{display:none!important}
""".strip()

_JS = r"""
(function () {
  "use strict";
  var all = function (sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  };
  var RANK = {critical: 3, major: 2, minor: 1};
  var tip = document.getElementById("tip"), status = document.getElementById("status");
  var cat = document.getElementById("f-cat"), rule = document.getElementById("f-rule");
  var search = document.getElementById("f-q"), only = document.getElementById("f-only");
  var showRemoved = document.getElementById("f-removed");
  var articles = all("section.article"), texts = new Map();
  articles.forEach(function (a) { texts.set(a, a.textContent.toLowerCase()); });
  var visible = new Set(), current = null;

  function flagsOf(mark) {
    return mark.dataset.flags.split(" ").filter(function (id) { return visible.has(id); });
  }

  function apply() {
    var sevs = new Set(all("input[name=sev]:checked").map(function (i) { return i.value; }));
    var c = cat.value, r = rule.value, s = search.value.trim().toLowerCase();
    var nFlags = 0, nArticles = 0;
    visible.clear();
    articles.forEach(function (a) {
      var shown = 0;
      all(".flag-list li", a).forEach(function (li) {
        var d = li.dataset, on = sevs.has(d.sev) && (!c || d.cat === c) && (!r || d.rule === r);
        li.hidden = !on;
        if (on) { visible.add(li.id); shown++; }
      });
      all("mark.flag", a).forEach(function (m) {
        var ids = flagsOf(m);
        m.classList.toggle("off", !ids.length);
        m.tabIndex = ids.length ? 0 : -1;
        if (ids.length) {
          m.dataset.sev = ids.map(function (id) { return document.getElementById(id).dataset.sev; })
            .sort(function (x, y) { return RANK[y] - RANK[x]; })[0];
        }
      });
      var hit = (!s || texts.get(a).indexOf(s) >= 0) && (!only.checked || shown > 0);
      a.hidden = !hit;
      var row = document.querySelector('tr[data-article="' + a.id + '"]');
      if (row) { row.hidden = !hit; }
      if (hit) { nArticles++; nFlags += shown; }
    });
    document.body.classList.toggle("hide-removed", !showRemoved.checked);
    status.textContent = nFlags + " flag" + (nFlags === 1 ? "" : "s") + " shown in " + nArticles +
      " article" + (nArticles === 1 ? "" : "s") + ".";
    hide();
  }

  function line(text, cls) {
    var div = document.createElement("div");
    if (cls) { div.className = cls; }
    div.textContent = text;
    return div;
  }

  function show(m) {
    var ids = flagsOf(m);
    if (!ids.length) { return; }
    tip.textContent = "";
    ids.forEach(function (id) {
      var d = document.getElementById(id).dataset, item = document.createElement("div");
      item.className = "tip-item";
      var head = document.createElement("div"), b = document.createElement("b");
      b.textContent = d.rule + " " + d.name;
      head.appendChild(b);
      head.appendChild(document.createTextNode(" · " + d.sev + " · " + d.cat));
      item.appendChild(head);
      item.appendChild(line(d.msg));
      if (d.sugg) { item.appendChild(line("Suggestion: " + d.sugg, "sugg")); }
      tip.appendChild(item);
    });
    var rect = m.getBoundingClientRect(), doc = document.documentElement;
    tip.hidden = false;
    var left = Math.min(rect.left + window.scrollX, window.scrollX + doc.clientWidth - tip.offsetWidth - 4);
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = (rect.bottom + window.scrollY + 6) + "px";
    m.setAttribute("aria-describedby", "tip");
    current = m;
  }

  function hide() {
    if (current) { current.removeAttribute("aria-describedby"); current = null; }
    tip.hidden = true;
  }

  function markAt(e) { return e.target.closest ? e.target.closest("mark.flag[data-flags]") : null; }

  document.addEventListener("focusin", function (e) {
    var m = markAt(e);
    if (m) { show(m); } else { hide(); }
  });
  document.addEventListener("mouseover", function (e) {
    var m = markAt(e);
    if (m && m !== current) { show(m); }
    else if (!m && current && current !== document.activeElement && !tip.contains(e.target)) { hide(); }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a.goto") : null;
    if (!a) { return; }
    var m = document.getElementById(a.dataset.mark);
    if (m && !m.classList.contains("off")) {
      e.preventDefault();
      m.scrollIntoView({block: "center"});
      m.focus();
    }
  });
  all("input,select").forEach(function (el) {
    el.addEventListener("input", apply);
    el.addEventListener("change", apply);
  });
  apply();
})();
""".strip()
