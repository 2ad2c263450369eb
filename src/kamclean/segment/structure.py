"""Title, sections and paragraphs from the kept lines of a cleaned article.

A *block* is a run of consecutive raw lines that all kept some text; blank lines and fully removed lines separate
blocks. A block is a paragraph unless it looks like a heading:

* one line, at most ``max_heading_words`` words;
* no sentence-final punctuation at its end (। ॥ . ! : ; ,), though a "?" is allowed ("क्या यह आपके लिए है?");
* not a list item (bullet or number), and not the last block of the article (a heading heads something).

The first block is the title when it is a single line of at most ``max_title_words`` words with no final
punctuation other than "?". Everything before the first heading forms a section whose heading is null.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from kamclean.clean.engine import KeptLine
from kamclean.model import Paragraph, Section
from kamclean.segment.sentences import split_sentences

_FINAL_PUNCT = regex.compile(r"[।॥.!:;,\-–—]['\"’”)\]]*\s*$")
_LIST_ITEM = regex.compile(r"^\s*(?:[-–•*·▪◦]\s|\d+[.)]\s|[०-९]+[.)]\s)")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


@dataclass(frozen=True)
class Layout:
    max_title_words: int = 20
    max_heading_words: int = 12


@dataclass(frozen=True)
class Segment:
    """A piece of a content string: characters [start, start+len) come from raw ``line`` at 0-based ``offset``."""

    start: int
    line: int
    offset: int


def _blocks(kept: list[KeptLine]) -> list[list[KeptLine]]:
    blocks: list[list[KeptLine]] = []
    current: list[KeptLine] = []
    for kl in kept:
        if kl.pieces:
            current.append(kl)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _text_and_segments(block: list[KeptLine]) -> tuple[str, list[Segment]]:
    parts: list[str] = []
    segs: list[Segment] = []
    pos = 0
    for i, kl in enumerate(block):
        if i:
            parts.append("\n")
            pos += 1
        for off, piece in kl.pieces:
            segs.append(Segment(pos, kl.line, off))
            parts.append(piece)
            pos += len(piece)
    return "".join(parts), segs


def _heading_like(text: str, max_words: int) -> bool:
    if "\n" in text or _FINAL_PUNCT.search(text) or _LIST_ITEM.match(text):
        return False
    words = _WORD.findall(text)
    return 0 < len(words) <= max_words


def build_structure(
    kept: list[KeptLine], layout: Layout = Layout()
) -> tuple[tuple[str, int] | None, list[Section], dict[str, list[Segment]]]:
    """Return (title and its line, sections, pointer → segments map for locating offsets in the raw file)."""
    blocks = _blocks(kept)
    segments: dict[str, list[Segment]] = {}
    title: tuple[str, int] | None = None
    start = 0
    if blocks:
        text, segs = _text_and_segments(blocks[0])
        if len(blocks) > 1 and _heading_like(text, layout.max_title_words):
            title = (text, blocks[0][0].line)
            segments["/title"] = segs
            start = 1
    sections: list[Section] = []
    for bi in range(start, len(blocks)):
        block = blocks[bi]
        text, segs = _text_and_segments(block)
        is_last = bi == len(blocks) - 1
        if not is_last and _heading_like(text, layout.max_heading_words):
            sections.append(Section(heading=text, heading_line=block[0].line))
            segments[f"/sections/{len(sections) - 1}/heading"] = segs
            continue
        if not sections:
            sections.append(Section(heading=None, heading_line=None))
        sec = sections[-1]
        sec.paragraphs.append(Paragraph(text=text, line=block[0].line, sentences=split_sentences(text)))
        segments[f"/sections/{len(sections) - 1}/paragraphs/{len(sec.paragraphs) - 1}/text"] = segs
    return title, sections, segments


def locate(segments: list[Segment], offset: int) -> tuple[int, int]:
    """Raw (line, 1-based normalised column) of a character offset in a content string."""
    seg = segments[0]
    for s in segments:
        if s.start <= offset:
            seg = s
        else:
            break
    return seg.line, seg.offset + (offset - seg.start) + 1
