"""Which rules exist: every family module contributes ``rules(config) -> list[Rule]``.

Families are listed here, in the order their flags are produced. A family whose vocabulary is data (glossary,
term sets) builds its rules from the packaged data plus the user's files named in the config.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from kamclean.checks.base import Rule
from kamclean.config import Config

# module names under kamclean.checks, in the order their flags are produced
FAMILIES: tuple[str, ...] = ("glossary", "terms", "repetition", "agreement", "untranslated", "grammar")


@lru_cache(maxsize=8)
def _rules(config: Config) -> tuple[Rule, ...]:
    out: list[Rule] = []
    seen: set[str] = set()
    for fam in FAMILIES:
        mod = importlib.import_module(f"kamclean.checks.{fam}")
        for rule in mod.rules(config):
            if rule.meta.id in seen:
                raise ValueError(f"duplicate rule id {rule.meta.id} in family {fam}")
            seen.add(rule.meta.id)
            out.append(rule)
    return tuple(out)


def all_rules(config: Config) -> list[Rule]:
    """Every known rule (enabled or not), for `kamclean rules`."""
    return list(_rules(config))


def active_rules(config: Config) -> list[Rule]:
    return [r for r in _rules(config) if config.enabled(r.meta.id)]


def get(rule_id: str, config: Config) -> Rule | None:
    return next((r for r in _rules(config) if r.meta.id == rule_id), None)
