"""KC-G: the mistranslation glossary, kept as data (``data/glossary.yaml`` plus user ``glossary`` files).

Machine translation picks the commonest sense of an English word: "compensation" becomes नुकसान भरपाई
(damages) in a salary heading, "account" becomes गिनती (counting) in "key account manager", "25th
percentile" becomes "25 वां प्रतिशत" (25th per cent). Each glossary entry names one such wrong rendering and
is its own rule, with its own id, documentation and case file, so that an editor can look it up (``kamclean
explain KC-G003``), turn it off or change its severity.

Entry format (every key is checked; an unknown key is an error with a "did you mean")::

    - id: KC-G003                       # stable, never reused
      name: ordinal-percent-for-percentile   # kebab-case name of the problem
      english: 25th percentile          # the English concept
      category: mistranslation          # or terminology (default mistranslation)
      severity: major                   # critical | major | minor (default major)
      wrong: '(?P<n>\\d+)\\s*(?P<o>वां|वें|वीं)\\s+प्रतिशत'   # the wrong rendering (regex, key space)
      use: ['{n}{o} प्रतिशतक']           # preferred rendering(s); the first is the suggestion;
                                        # {group} inserts a named group of the match, as written
      flag: o                           # optional: flag only this named group, not the whole match
      when:                             # context conditions, all of which must hold; a list = any of them
        in: [heading]                   #   title | heading | paragraph
        preceded_by: '...'              #   immediately before (only spaces between)
        not_preceded_by: '...'
        followed_by: '...'              #   immediately after
        not_followed_by: '...'
        sentence_has: '...'             #   anywhere in the same sentence (for a heading: the heading)
        sentence_lacks: '...'
        section_has: '...'              #   anywhere in the same section (heading and paragraphs)
        section_lacks: '...'
        article_has: '...'
        article_lacks: '...'
      note: why it is wrong             # shown by `kamclean explain`
      example: a wrong sentence         # shown by `kamclean explain`
      message: optional flag message; {text} is the flagged text, {use} the preferred renderings
      instead: optional documentation of the preferred rendering (default: the 'use' list)

Patterns may use ``{vocab}`` names from the file's ``vocab`` section (see :mod:`.patterns`).

The whole glossary is compiled once per process and configuration (``lru_cache``); checking an article runs
each entry's regex once over the article's key blob and evaluates conditions only where it matched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from kamclean.checks.base import CheckContext, Finding, RuleMeta, Unit
from kamclean.checks.patterns import (
    DataError,
    LiteralIndex,
    Matcher,
    bounded,
    category_and_severity,
    check_keys,
    check_top,
    did_you_mean,
    fragment,
    iter_entries,
    load_yaml,
    parse_vocab,
)
from kamclean.clean.catalog import packaged_path
from kamclean.config import Config

ENTRY_KEYS = (
    "id",
    "name",
    "english",
    "category",
    "severity",
    "wrong",
    "use",
    "flag",
    "when",
    "note",
    "example",
    "message",
    "instead",
)
REQUIRED = ("id", "name", "english", "wrong", "use", "note", "example")
WHEN_KEYS = (
    "in",
    "preceded_by",
    "not_preceded_by",
    "followed_by",
    "not_followed_by",
    "sentence_has",
    "sentence_lacks",
    "section_has",
    "section_lacks",
    "article_has",
    "article_lacks",
)
PLACES = ("title", "heading", "paragraph")
_TEMPLATE = regex.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Condition:
    """One alternative of an entry's ``when``: a compiled pattern (lookarounds folded in) plus scope
    checks."""

    matcher: Matcher
    places: tuple[str, ...]
    sentence_has: Matcher | None
    sentence_lacks: Matcher | None
    section_has: Matcher | None
    section_lacks: Matcher | None
    article_has: Matcher | None
    article_lacks: Matcher | None

    def holds(self, ctx: CheckContext, unit: Unit) -> bool:
        if self.places and unit.kind not in self.places:
            return False
        k = unit.keyed.key
        if self.sentence_has is not None and not self.sentence_has.search(k):
            return False
        if self.sentence_lacks is not None and self.sentence_lacks.search(k):
            return False
        if self.section_has is not None or self.section_lacks is not None:
            if self.section_has is not None and not _found(ctx, self.section_has, unit.section):
                return False
            if self.section_lacks is not None and _found(ctx, self.section_lacks, unit.section):
                return False
        if self.article_has is not None and not _found(ctx, self.article_has, None):
            return False
        return not (self.article_lacks is not None and _found(ctx, self.article_lacks, None))


def _found(ctx: CheckContext, matcher: Matcher, section: int | None) -> bool:
    """Does ``matcher`` occur in the section (or, for None, the whole article)? Asked once per article and
    section, not once per occurrence of the entry: a search of the whole article for every occurrence would
    make a long article cost the square of its length."""
    memo = ctx.memo.setdefault("glossary.found", {})
    key = (id(matcher), section)
    got = memo.get(key)
    if got is None:
        text = ctx.blob[0] if section is None else ctx.section_keys.get(section, "")
        got = memo[key] = matcher.search(text)
    return got


@dataclass(frozen=True)
class GlossaryRule:
    meta: RuleMeta
    conditions: tuple[Condition, ...]
    use: tuple[str, ...]
    flag_group: str | None
    message: str | None
    index: LiteralIndex | None = None  # shared by the whole glossary (see load_glossary)

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        blob, starts = ctx.blob
        # every condition shares the 'wrong' pattern, whose literals decide whether the entry can match at all
        found = None
        if self.index is not None:
            if self.meta.id not in self.index.alive(ctx):
                return
            found = self.index.literals(ctx)
        elif not self.conditions[0].matcher.may_occur(blob):
            return
        seen: set[tuple[str, int, int]] = set()
        for cond in self.conditions:
            for m in cond.matcher.finditer(blob, starts, ctx.unit_keys, found):
                ui, unit = ctx.unit_at(m.start())
                if not cond.holds(ctx, unit):
                    continue
                base = ctx.blob[1][ui]
                g = self.flag_group
                ks, ke = m.span(g) if g and m.start(g) >= 0 else m.span()
                s, e = unit.keyed.span(ks - base, ke - base)
                if s >= e:
                    continue
                key = (unit.pointer, unit.offset + s, unit.offset + e)
                if key in seen:
                    continue
                seen.add(key)
                text = unit.text[s:e]
                groups = {}
                for name, (gs, ge) in _named_spans(m):
                    os_, oe = unit.keyed.span(gs - base, ge - base)
                    groups[name] = unit.text[os_:oe]
                use = [_fill(u, groups) for u in self.use]
                # for KC-T073, which leaves alone a span another rule already calls a wrong term
                ctx.memo.setdefault("terms.flagged", []).append(key)
                yield Finding(
                    unit.pointer,
                    key[1],
                    key[2],
                    self._message(text, use),
                    suggestion=use[0] if use else None,
                )

    def _message(self, text: str, use: list[str]) -> str:
        alts = " / ".join(use)
        if self.message:
            return self.message.format(text=text, use=alts)
        return (
            f"'{text}' is a wrong rendering of English \"{self.meta.extra['english']}\" here; write {alts}."
        )


def _named_spans(m: regex.Match[str]) -> Iterator[tuple[str, tuple[int, int]]]:
    for name in m.re.groupindex:
        if m.start(name) >= 0:
            yield name, m.span(name)


def _fill(template: str, groups: dict[str, str]) -> str:
    if "{" not in template:
        return template
    return _TEMPLATE.sub(lambda t: groups.get(t.group(1), t.group(0)), template)


def _opt(when: dict[str, Any], key: str, vocab: dict[str, tuple[str, ...]], where: str, check: bool) -> str | None:
    v = when.get(key)
    if v is None:
        return None
    if not isinstance(v, str) or not v.strip():
        raise DataError(f"{where}: '{key}' must be a non-empty pattern")
    return fragment(v, vocab, f"{where} {key}", check)


def _condition(
    wrong: str, when: dict[str, Any], vocab: dict[str, tuple[str, ...]], where: str, compile_now: bool
) -> Condition:
    check_keys(when, WHEN_KEYS, (), f"{where} when")
    places = when.get("in") or []
    if isinstance(places, str):
        places = [places]
    for p in places:
        if p not in PLACES:
            raise DataError(
                f"{where}: 'in' must list {', '.join(PLACES)}; got '{p}'{did_you_mean(str(p), PLACES)}"
            )
    src = bounded(wrong)
    pre = _opt(when, "preceded_by", vocab, where, compile_now)
    npre = _opt(when, "not_preceded_by", vocab, where, compile_now)
    post = _opt(when, "followed_by", vocab, where, compile_now)
    npost = _opt(when, "not_followed_by", vocab, where, compile_now)
    # neighbours are whole words too: "का" before must not be the tail of a longer word
    if pre:
        src = rf"(?<={bounded(pre)}\s*)" + src
    if npre:
        src = rf"(?<!{bounded(npre)}\s*)" + src
    if post:
        src = src + rf"(?=\s*{bounded(post)})"
    if npost:
        src = src + rf"(?!\s*{bounded(npost)})"

    def ctxpat(key: str) -> Matcher | None:
        f = _opt(when, key, vocab, where, compile_now)
        return Matcher.build(f, bounded(f), where, compile_now) if f else None

    return Condition(
        matcher=Matcher.build(wrong, src, where, compile_now),
        places=tuple(places),
        sentence_has=ctxpat("sentence_has"),
        sentence_lacks=ctxpat("sentence_lacks"),
        section_has=ctxpat("section_has"),
        section_lacks=ctxpat("section_lacks"),
        article_has=ctxpat("article_has"),
        article_lacks=ctxpat("article_lacks"),
    )


def _strings(v: Any, where: str, key: str) -> list[str]:
    if isinstance(v, str):
        return [v]
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x for x in v):
        raise DataError(f"{where}: '{key}' must be a string or a non-empty list of strings")
    return v


def parse_glossary(
    data: Any,
    origin: str,
    vocab: dict[str, tuple[str, ...]] | None = None,
    seen: set[str] | None = None,
    compile_now: bool = True,
) -> tuple[list[GlossaryRule], dict[str, tuple[str, ...]]]:
    """Glossary rules from a parsed file. ``compile_now=False`` (the packaged glossary) compiles each pattern on
    first use; a user's file is compiled at once, so that a bad pattern is reported at load."""
    check_top(data, origin, "entries")
    vocab = parse_vocab(data.get("vocab"), origin, vocab)
    seen = seen if seen is not None else set()
    out: list[GlossaryRule] = []
    entries = data.get("entries")
    for where, e, rid in iter_entries(entries, origin, "entry", ENTRY_KEYS, REQUIRED, "KC-G001", seen):
        category, severity = category_and_severity(e, where, "mistranslation", "major")
        wrong = fragment(e["wrong"], vocab, f"{where} wrong", compile_now)
        whens = e.get("when") or {}
        whens = whens if isinstance(whens, list) else [whens]
        conditions = tuple(_condition(wrong, w, vocab, where, compile_now) for w in (whens or [{}]))
        flag = e.get("flag")
        if flag is not None and flag not in conditions[0].matcher.pattern.groupindex:
            raise DataError(f"{where}: 'flag' names no group of 'wrong': {flag}")
        use = tuple(_strings(e["use"], where, "use"))
        note = str(e["note"]).strip()
        instead = str(e.get("instead") or " / ".join(use)).strip()
        meta = RuleMeta(
            id=rid,
            name=e["name"],
            category=category,
            severity=severity,
            summary=f'"{e["english"]}" mistranslated; use {instead}',
            what=f'Flags a rendering of English "{e["english"]}" that takes the wrong sense of the word, '
            "where the context shows the intended sense.",
            why=note,
            example=str(e["example"]).strip(),
            instead=instead,
            extra={"english": e["english"], "source": origin},
        )
        out.append(GlossaryRule(meta, conditions, use, flag, e.get("message")))
    return out, vocab


@lru_cache(maxsize=8)
def load_glossary(extra: tuple[str, ...] = ()) -> tuple[GlossaryRule, ...]:
    """The packaged glossary, extended by the user's glossary files; compiled once per process."""
    seen: set[str] = set()
    rules, vocab = parse_glossary(
        load_yaml(packaged_path("glossary.yaml"), "glossary.yaml"), "glossary.yaml", seen=seen, compile_now=False
    )
    for p in extra:
        more, vocab = parse_glossary(load_yaml(Path(p), p), p, vocab, seen)
        rules += more
    index = LiteralIndex("glossary.alive", [(r.meta.id, [r.conditions[0].matcher]) for r in rules])
    return tuple(replace(r, index=index) for r in rules)


def rules(config: Config) -> list[GlossaryRule]:
    return list(load_glossary(tuple(config.glossary)))
