"""The artefact catalog: page-residue rules kept as data (``data/artefacts.yaml``).

A rule is a regular expression (the ``regex`` module, so ``\\w`` and ``\\b`` understand Devanagari vowel
signs) with a stable id, a kind, a scope and documentation. Patterns may name vocabularies as ``{agency}``;
each vocabulary is a list of alternatives in the same file, so adding a new photo agency is a one-line data
change. A vocabulary entry may itself name a vocabulary (``{date}`` names ``{month}``). Patterns are NFC
normalised, as the text they match is.

Scopes:

* ``line``: the rule must match the whole line (after surrounding whitespace, and after span rules have taken
  their part). Used for residue that is only residue when it stands alone ("विज्ञापन", "दिन का वीडियो").
* ``span``: the rule removes its match wherever it occurs in a line. Used only for strings that are never
  Hindi prose ("$config[code] not found").

``unless_next``: a line rule does not fire when the next non-blank line matches this pattern (an empty
table-of-contents header is residue; one followed by its entries is not empty).

``within_first``: a line rule fires only on the first N lines of the article that keep content (lines that
are wholly residue do not count, so the rank is the same in the cleaned text). Used for residue that is only
recognisable by where the template puts it (a Devanagari byline "जॉन स्मिथ द्वारा" under the title). With
``skip_title: true`` the first such line (the title) is never taken: a byline is under the title, not it.

``not_in_sentence`` (line rules): the rule does not fire on a line that continues a sentence, i.e. when the
line right above it (no blank line between) keeps at least four words and does not end in sentence-final
punctuation. For labels that are also ordinary words ("विज्ञापन"), which a hard-wrapped paragraph may put
alone on a line.

``stack`` (line rules): ``{line, needs, min_lines}``. Consecutive non-blank lines (blank lines between them
allowed) that each hold exactly one ``line`` item (or that this rule already took) form a stack; a stack of at
least ``min_lines`` lines, one of which matches ``needs``, is taken whole. A share bar scraped one button per
line ("शेयर" / "ट्वीट" / "पिन") is residue, though "शेयर" alone may be a real heading (shares).

``requires``: the text must also contain a match of this pattern. For a span rule it is a cheap necessary
condition checked before the full pattern (e.g. "/" for a credit), so it must never change what the rule
matches. For a line rule it is checked after the pattern matched the whole line; it replaces a costly
leading ``(?=.*X)`` lookahead, which scans every long prose line.

``paragraph_end`` (span rules): the rule fires only on the last line of a paragraph (the next line is blank,
wholly removed, or the article ends), after every other rule. Used for residue glued after a paragraph's
last sentence, which in a hard-wrapped paragraph could be the first words of the next sentence.

``block``: a line rule that heads a multi-line residue block (a "Related Articles" header and its linked
titles, a writer-bio header and the bio, "Cite this Article" and its citation formats). Keys:

* ``line`` (required): a pattern each following line must match in full (after the per-line rules took their
  parts, stripped) to belong to the block.
* ``max_lines`` (default 6): at most this many following non-blank lines are taken with the header.
* ``header_needs_tail`` (default false): the header itself is residue only as part of a tail block (a bare
  "संदर्भ" may be a real heading mid-article; at the end of the article, followed by its entries, it is not).

* ``mid_article`` (optional): ``{header, title}``. A header that matches ``header`` in full also takes its lines
  in mid-article, in two shapes only (see below); ``title`` is the headline shape that the second one needs.

The following lines are taken only when the block reaches the end of the article: every non-blank line after
the header is already removed or belongs to the block. A block in mid-article keeps its lines (and, with
``header_needs_tail``, its header): when unsure, keep the text. Blocks are resolved from the last line of the
article to the first, so that a writer bio followed by a cite block and a references list chain together.

With ``mid_article``, a header in mid-article (below the lines ``within_first`` looks at, so that no line's rank
changes where a rank matters) takes the block lines that follow it when they are its own:

* the lines hang right under the header, with no blank line between them, and a blank line closes the group
  (a box of links scraped as one block); every line of the group must be a block line;
* or, parted by blank lines, two or more block lines of ``title`` shape, followed by one more block line (the
  heading of the next section, which is kept) and then a line that is not a block line (its paragraph).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex
import yaml

from kamclean.clean.prefilter import FLAGS, RulePattern

SCOPES = ("line", "span")
_PLACEHOLDER = regex.compile(r"\{([a-z_]+)\}")


class CatalogError(Exception):
    """A catalog file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class Block:
    """The lines a block-heading rule may take after its header (see the module docstring)."""

    line: RulePattern
    max_lines: int = 6
    header_needs_tail: bool = False
    source: str = ""  # the line pattern as written, before vocabulary expansion
    mid_header: RulePattern | None = None  # a header that also takes its lines in mid-article
    mid_title: RulePattern | None = None  # the headline shape of lines parted by blank lines in mid-article
    mid_source: str = ""  # the mid-article header pattern as written


@dataclass(frozen=True)
class Stack:
    """A vertical stack: consecutive lines that each hold one ``line`` item are taken together (at least
    ``min_lines`` of them, one of which matches ``needs``), though each alone would be kept."""

    line: RulePattern
    needs: RulePattern
    min_lines: int = 2


@dataclass(frozen=True)
class ArtefactRule:
    id: str
    name: str
    kind: str
    scope: str
    description: str
    why: str
    pattern: RulePattern
    source: str  # the pattern as written, before vocabulary expansion
    unless_next: RulePattern | None = None
    within_first: int | None = None
    paragraph_end: bool = False
    stack: Stack | None = None
    # a cheap necessary condition: the rule is not tried on a line this pattern does not find (speed only;
    # it must never change what the rule matches)
    requires: RulePattern | None = None
    not_in_sentence: bool = False
    skip_title: bool = False
    block: Block | None = None
    examples: dict[str, list[str]] = field(default_factory=dict)

    def doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "scope": self.scope,
            "description": self.description,
            "why": self.why,
            "pattern": self.source,
        }


@dataclass(frozen=True)
class Catalog:
    rules: tuple[ArtefactRule, ...]
    vocab: dict[str, tuple[str, ...]]

    @property
    def span_rules(self) -> tuple[ArtefactRule, ...]:
        return tuple(r for r in self.rules if r.scope == "span")

    @property
    def line_rules(self) -> tuple[ArtefactRule, ...]:
        return tuple(r for r in self.rules if r.scope == "line")

    def get(self, rule_id: str) -> ArtefactRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def _expand(pattern: str, vocab: dict[str, tuple[str, ...]], where: str, depth: int = 0) -> str:
    """Insert vocabularies; an entry may itself name a vocabulary (a date names {month}), up to 4 levels."""
    if depth > 4:
        raise CatalogError(f"{where}: vocabularies nest too deeply (a vocabulary names itself?)")

    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in vocab:
            raise CatalogError(f"{where}: unknown vocabulary {{{name}}}")
        # longest alternatives first, so that "गेटी इमेजेज" wins over "गेटी इमेज"
        alts = sorted(vocab[name], key=len, reverse=True)
        # patterns are compiled VERBOSE, so a space inside a vocabulary entry means "any run of spaces"
        alts = [_expand(regex.sub(r"(?<!\\) +", r"\\s+", a), vocab, where, depth + 1) for a in alts]
        return "(?:" + "|".join(alts) + ")"

    # text is matched after NFC normalisation, so patterns are too ("फ़" is फ + nukta in NFC)
    return unicodedata.normalize("NFC", _PLACEHOLDER.sub(sub, pattern))


def _compile(pattern: str, where: str, lazy: bool = False) -> RulePattern:
    """A rule pattern. A user's pattern is compiled at once, so that a bad one is reported when the catalog is
    loaded; the packaged ones (checked by the test suite) are compiled when first needed, which keeps start-up
    cheap (see :class:`RulePattern`)."""
    if lazy:
        return RulePattern(pattern)
    try:
        return RulePattern(pattern, regex.compile(pattern, FLAGS))
    except regex.error as exc:
        raise CatalogError(f"{where}: bad pattern: {exc}") from None


def _block(raw: Any, vocab: dict[str, tuple[str, ...]], where: str, lazy: bool = False) -> Block | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or "line" not in raw:
        raise CatalogError(f"{where}: block must be a mapping with a 'line' pattern")
    extra = set(raw) - {"line", "max_lines", "header_needs_tail", "mid_article"}
    if extra:
        raise CatalogError(f"{where}: block: unknown key(s) {', '.join(sorted(extra))}")
    max_lines = raw.get("max_lines", 6)
    if not isinstance(max_lines, int) or max_lines < 1:
        raise CatalogError(f"{where}: block.max_lines must be a positive integer")
    mid = raw.get("mid_article")
    mid_header = mid_title = None
    if mid is not None:
        if not isinstance(mid, dict) or set(mid) != {"header", "title"}:
            raise CatalogError(f"{where}: block.mid_article must be a mapping with 'header' and 'title' patterns")
        mid_header = _compile(_expand(mid["header"], vocab, where), where, lazy)
        mid_title = _compile(_expand(mid["title"], vocab, where), where, lazy)
    return Block(
        line=_compile(_expand(raw["line"], vocab, where), where, lazy),
        max_lines=max_lines,
        header_needs_tail=bool(raw.get("header_needs_tail", False)),
        source=raw["line"],
        mid_header=mid_header,
        mid_title=mid_title,
        mid_source=mid["header"] if mid is not None else "",
    )


def _stack(raw: Any, vocab: dict[str, tuple[str, ...]], where: str, lazy: bool = False) -> Stack | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not {"line", "needs"} <= set(raw):
        raise CatalogError(f"{where}: stack must be a mapping with 'line' and 'needs' patterns")
    extra = set(raw) - {"line", "needs", "min_lines"}
    if extra:
        raise CatalogError(f"{where}: stack: unknown key(s) {', '.join(sorted(extra))}")
    min_lines = raw.get("min_lines", 2)
    if not isinstance(min_lines, int) or min_lines < 2:
        raise CatalogError(f"{where}: stack.min_lines must be a whole number of at least 2")
    return Stack(
        line=_compile(_expand(raw["line"], vocab, where), where, lazy),
        needs=_compile(_expand(raw["needs"], vocab, where), where, lazy),
        min_lines=min_lines,
    )


def parse_catalog(
    data: dict[str, Any], origin: str, base: Catalog | None = None, lazy: bool = False
) -> Catalog:
    """Build a catalog from parsed YAML. ``base`` lets a user catalog extend the packaged one. With ``lazy``
    (the packaged catalog) patterns are compiled when first needed, not checked here."""
    if not isinstance(data, dict):
        raise CatalogError(f"{origin}: expected a mapping with 'vocab' and 'rules'")
    unknown = set(data) - {"version", "vocab", "rules"}
    if unknown:
        raise CatalogError(f"{origin}: unknown key(s) {', '.join(sorted(unknown))}")
    vocab: dict[str, tuple[str, ...]] = dict(base.vocab) if base else {}
    for name, alts in (data.get("vocab") or {}).items():
        if not isinstance(alts, list) or not all(isinstance(a, str) for a in alts):
            raise CatalogError(f"{origin}: vocab {name} must be a list of strings")
        vocab[name] = tuple(vocab.get(name, ())) + tuple(alts)
    rules: list[ArtefactRule] = list(base.rules) if base else []
    seen = {r.id for r in rules}
    for raw in data.get("rules") or []:
        rid = raw.get("id", "?")
        where = f"{origin}: rule {rid}"
        missing = {"id", "name", "kind", "scope", "description", "pattern"} - set(raw)
        if missing:
            raise CatalogError(f"{where}: missing {', '.join(sorted(missing))}")
        extra = set(raw) - {
            "id", "name", "kind", "scope", "description", "why", "pattern", "unless_next", "within_first",
            "paragraph_end", "not_in_sentence", "skip_title", "block", "examples", "requires", "stack",
        }
        if extra:
            raise CatalogError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        if rid in seen:
            raise CatalogError(f"{where}: duplicate rule id")
        if raw["scope"] not in SCOPES:
            raise CatalogError(f"{where}: scope must be one of {', '.join(SCOPES)}")
        seen.add(rid)
        unless = raw.get("unless_next")
        within = raw.get("within_first")
        if within is not None and (not isinstance(within, int) or within < 1):
            raise CatalogError(f"{where}: within_first must be a positive integer")
        block = _block(raw.get("block"), vocab, where, lazy)
        if (within is not None or block is not None) and raw["scope"] != "line":
            raise CatalogError(f"{where}: within_first and block apply to line rules only")
        if raw.get("skip_title") and within is None:
            raise CatalogError(f"{where}: skip_title needs within_first")
        if raw.get("not_in_sentence") and raw["scope"] != "line":
            raise CatalogError(f"{where}: not_in_sentence applies to line rules only")
        if raw.get("paragraph_end") and raw["scope"] != "span":
            raise CatalogError(f"{where}: paragraph_end applies to span rules only")
        rules.append(
            ArtefactRule(
                id=rid,
                name=raw["name"],
                kind=raw["kind"],
                scope=raw["scope"],
                description=raw["description"].strip(),
                why=(raw.get("why") or "").strip(),
                pattern=_compile(_expand(raw["pattern"], vocab, where), where, lazy),
                source=raw["pattern"],
                unless_next=_compile(_expand(unless, vocab, where), where, lazy) if unless else None,
                within_first=within,
                paragraph_end=bool(raw.get("paragraph_end", False)),
                stack=_stack(raw.get("stack"), vocab, where, lazy) if raw["scope"] == "line" else None,
                requires=(
                    _compile(_expand(raw["requires"], vocab, where), where, lazy) if raw.get("requires") else None
                ),
                not_in_sentence=bool(raw.get("not_in_sentence", False)),
                skip_title=bool(raw.get("skip_title", False)),
                block=block,
                examples=raw.get("examples") or {},
            )
        )
    return Catalog(tuple(rules), vocab)


def load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None


def packaged_path(name: str) -> Path:
    return Path(str(resources.files("kamclean") / "data" / name))


@lru_cache(maxsize=8)
def load_catalog(extra: tuple[str, ...] = ()) -> Catalog:
    """The packaged catalog, extended by the user's catalog files (paths) in order."""
    path = packaged_path("artefacts.yaml")
    cat = parse_catalog(load_yaml(path), "artefacts.yaml", lazy=True)
    for p in extra:
        cat = parse_catalog(load_yaml(Path(p)), p, base=cat)
    return cat
