"""Translation-QA checks: rules that raise flags on spans of the cleaned text.

The rule engine and the rule families are filled in by the QA work (issue 3); until then no rule is registered
and every document carries ``flags: []``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kamclean.config import Config
    from kamclean.model import Article, Flag
    from kamclean.segment.structure import Segment


def run_checks(article: Article, segments: dict[str, list[Segment]], config: Config) -> list[Flag]:
    return []
