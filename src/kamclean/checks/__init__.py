"""Translation-QA checks: rules that raise flags on spans of the cleaned text (see :mod:`.base`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kamclean.config import Config
    from kamclean.model import Article, Flag
    from kamclean.segment.structure import Segment


def run_checks(article: Article, segments: dict[str, list[Segment]], config: Config) -> list[Flag]:
    """Run every enabled rule on the article; flags in reading order (line, column, rule)."""
    from kamclean.checks.base import CheckContext, to_flags
    from kamclean.checks.registry import active_rules

    ctx = CheckContext(article, config)
    flags: list[Flag] = []
    for rule in active_rules(config):
        flags.extend(to_flags(rule, rule.check(ctx), ctx, segments))
    flags.sort(key=lambda f: (f.line, f.column, f.rule, f.end))
    return flags
