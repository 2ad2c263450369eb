"""The artefact catalog: page-residue rules kept as data (``data/artefacts.yaml``).

A rule is a regular expression (the ``regex`` module, so ``\\w`` and ``\\b`` understand Devanagari vowel signs)
with a stable id, a kind, a scope and documentation. Patterns may name vocabularies as ``{agency}``; each
vocabulary is a list of alternatives in the same file, so adding a new photo agency is a one-line data change.

Scopes:

* ``line``: the rule must match the whole line (after surrounding whitespace, and after span rules have taken
  their part). Used for residue that is only residue when it stands alone ("विज्ञापन", "दिन का वीडियो").
* ``span``: the rule removes its match wherever it occurs in a line. Used only for strings that are never
  Hindi prose ("$config[code] not found").

``unless_next``: a line rule does not fire when the next non-blank line matches this pattern (an empty
table-of-contents header is residue; one followed by its entries is not empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex
import yaml

SCOPES = ("line", "span")
_PLACEHOLDER = regex.compile(r"\{([a-z_]+)\}")


class CatalogError(Exception):
    """A catalog file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class ArtefactRule:
    id: str
    name: str
    kind: str
    scope: str
    description: str
    why: str
    pattern: regex.Pattern[str]
    source: str  # the pattern as written, before vocabulary expansion
    unless_next: regex.Pattern[str] | None = None
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


def _expand(pattern: str, vocab: dict[str, tuple[str, ...]], where: str) -> str:
    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in vocab:
            raise CatalogError(f"{where}: unknown vocabulary {{{name}}}")
        # longest alternatives first, so that "गेटी इमेजेज" wins over "गेटी इमेज"
        alts = sorted(vocab[name], key=len, reverse=True)
        # patterns are compiled VERBOSE, so a space inside a vocabulary entry means "any run of spaces"
        return "(?:" + "|".join(regex.sub(r"(?<!\\) +", r"\\s+", a) for a in alts) + ")"

    return _PLACEHOLDER.sub(sub, pattern)


def _compile(pattern: str, where: str) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern, regex.IGNORECASE | regex.VERBOSE)
    except regex.error as exc:
        raise CatalogError(f"{where}: bad pattern: {exc}") from None


def parse_catalog(data: dict[str, Any], origin: str, base: Catalog | None = None) -> Catalog:
    """Build a catalog from parsed YAML. ``base`` lets a user catalog extend the packaged one."""
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
            "id", "name", "kind", "scope", "description", "why", "pattern", "unless_next", "examples",
        }
        if extra:
            raise CatalogError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        if rid in seen:
            raise CatalogError(f"{where}: duplicate rule id")
        if raw["scope"] not in SCOPES:
            raise CatalogError(f"{where}: scope must be one of {', '.join(SCOPES)}")
        seen.add(rid)
        unless = raw.get("unless_next")
        rules.append(
            ArtefactRule(
                id=rid,
                name=raw["name"],
                kind=raw["kind"],
                scope=raw["scope"],
                description=raw["description"].strip(),
                why=(raw.get("why") or "").strip(),
                pattern=_compile(_expand(raw["pattern"], vocab, where), where),
                source=raw["pattern"],
                unless_next=_compile(_expand(unless, vocab, where), where) if unless else None,
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
    cat = parse_catalog(load_yaml(path), "artefacts.yaml")
    for p in extra:
        cat = parse_catalog(load_yaml(Path(p)), p, base=cat)
    return cat
