"""Translation-QA checks: rules that raise flags on spans of the cleaned text (see :mod:`.base`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kamclean.config import Config
    from kamclean.model import Article, Flag
    from kamclean.segment.structure import Segment


def run_checks(article: Article, segments: dict[str, list[Segment]], config: Config) -> list[Flag]:
    """Run every enabled rule on the article; flags in reading order (line, column, rule).

    Rules that share a literal index (the glossary entries, the term sets) are run only when the index finds
    that they can match at all: most of them cannot, on a given article. The order in which rules run does
    not matter: flags are sorted, and one rule's flags keep their order.
    """
    from kamclean.checks.base import CheckContext, to_flags
    from kamclean.checks.registry import batches

    ctx = CheckContext(article, config)
    flags: list[Flag] = []
    for batch in batches(config):
        if batch.index is None:
            rules = batch.rules
        else:
            by_id = batch.by_id
            rules = [by_id[k] for k in sorted(batch.index.alive(ctx)) if k in by_id]
        for rule in rules:
            flags.extend(to_flags(rule, rule.check(ctx), ctx, segments))
    flags.sort(key=lambda f: (f.line, f.column, f.rule, f.end))
    return flags
