"""process(one article) → document; the stages, in order.

ingest (decode, normalise) → clean (artefact rules) → segment (title, sections, sentences) → language →
check (QA rules) → document (validated JSON). Each stage is a pure function of the previous stage's output, so
one article's result never depends on another's, which is what makes ``--jobs`` and distributed runs give
byte-identical output.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kamclean.clean.catalog import Catalog, load_catalog
from kamclean.clean.engine import clean_lines
from kamclean.config import Config
from kamclean.ingest.text import decode
from kamclean.model import Article
from kamclean.segment.structure import Layout, Segment, build_structure
from kamclean.text.script import detect_language


@dataclass
class Processed:
    article: Article
    segments: dict[str, list[Segment]]


def _catalog(config: Config) -> Catalog:
    return load_catalog(tuple(config.artefacts))


@lru_cache(maxsize=8)
def _disabled(config: Config) -> frozenset[str]:
    """Artefact rules the config turns off (once per config, not once per article)."""
    return frozenset(r.id for r in _catalog(config).rules if not config.enabled(r.id))


def analyse(data: bytes, rel: str, config: Config, meta: Mapping[str, str] | None = None) -> Processed:
    """Run every stage up to and including the checks. Raises InputError for unusable input.

    ``meta`` is what the input format knows besides the text (a JSON Lines record's ``title``, ``id``,
    ``url``): a given title becomes the document's title when the text itself has none (with no line, as it is
    not in the text).
    """
    source, text, edits = decode(data, rel)
    catalog = _catalog(config)
    disabled = _disabled(config)
    kept, removed = clean_lines(text.split("\n"), catalog, disabled)
    title, sections, segments = build_structure(
        kept, Layout(max_title_words=config.max_title_words, max_heading_words=config.max_heading_words)
    )
    article = Article(source=source, text=text, edits=edits, removed=removed, sections=sections)
    if title is not None:
        article.title, article.title_line = title
    elif meta and meta.get("title"):
        article.title = meta["title"]
    content = "\n".join(s for _, s, _ in article.strings())
    article.language = detect_language(content, config.min_foreign_chars)
    from kamclean.checks import run_checks

    article.flags = run_checks(article, segments, config)
    return Processed(article, segments)


SOURCE_META = ("id", "url", "format")  # meta keys recorded under the document's ``source``


def process(data: bytes, rel: str, config: Config, meta: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One article's bytes → its validated document (a JSON-ready dict)."""
    from kamclean.emit.document import to_document
    from kamclean.emit.schema import validate_document

    doc = to_document(analyse(data, rel, config, meta).article)
    if meta:
        doc["source"].update((k, meta[k]) for k in SOURCE_META if meta.get(k))
    validate_document(doc)
    return doc
