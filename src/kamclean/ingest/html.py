"""HTML pages: the main text, extracted with trafilatura, with its headings kept as heading lines.

An optional extra (``pip install 'kamclean[html]'``), imported only when a page is read. The page becomes a
plain text article (title, then one block per heading, paragraph, list or table, separated by blank lines),
which then goes through the same pipeline as a ``.txt`` article; the document's ``source`` says ``"format":
"html"`` and its round trip rebuilds that text, not the page's markup.
"""

from __future__ import annotations

from typing import Any

SUFFIXES = (".html", ".htm")
MISSING = "HTML input needs trafilatura: pip install 'kamclean[html]'"


class HtmlUnavailable(ImportError):
    pass


def available() -> bool:
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


def _flat(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def html_to_text(data: bytes) -> str | None:
    """The page's main text as an article (None when trafilatura finds no main text)."""
    try:
        import trafilatura
        from lxml import etree
    except ImportError:
        raise HtmlUnavailable(MISSING) from None
    xml = trafilatura.extract(
        data,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
    )
    if not xml:
        return None
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    blocks: list[str] = []
    for el in main if main is not None else []:
        if el.tag == "list":
            items = [_flat(it) for it in el.iter("item")]
            block = "\n".join(f"- {t}" for t in items if t)
        elif el.tag == "table":
            rows = [" | ".join(_flat(c) for c in row if _flat(c)) for row in el.iter("row")]
            block = "\n".join(r for r in rows if r)
        else:
            block = _flat(el)
        if block:
            blocks.append(block)
    title = " ".join((root.get("title") or "").split())
    if title and (not blocks or blocks[0] != title):
        blocks.insert(0, title)
    return "\n\n".join(blocks) + "\n" if blocks else None
