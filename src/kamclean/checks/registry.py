"""Which rules exist: every family module contributes ``rules(config) -> list[Rule]``.

Families are listed here, in the order their flags are produced. A family whose vocabulary is data (glossary,
term sets) builds its rules from the packaged data plus the user's files named in the config.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import NamedTuple

from kamclean.checks.base import Rule
from kamclean.config import Config

# module names under kamclean.checks, in the order their flags are produced
FAMILIES: tuple[str, ...] = ("glossary", "terms", "repetition", "agreement", "untranslated", "grammar")


class _Registry(NamedTuple):
    rules: tuple[Rule, ...]  # every known rule, in family order
    active: tuple[Rule, ...]  # those the configuration enables (decided once, not per article)


@lru_cache(maxsize=8)
def _rules(config: Config) -> _Registry:
    out: list[Rule] = []
    seen: set[str] = set()
    for fam in FAMILIES:
        mod = importlib.import_module(f"kamclean.checks.{fam}")
        for rule in mod.rules(config):
            if rule.meta.id in seen:
                raise ValueError(f"duplicate rule id {rule.meta.id} in family {fam}")
            seen.add(rule.meta.id)
            out.append(rule)
    return _Registry(tuple(out), tuple(r for r in out if config.enabled(r.meta.id)))


def all_rules(config: Config) -> list[Rule]:
    """Every known rule (enabled or not), for `kamclean rules`."""
    return list(_rules(config).rules)


def active_rules(config: Config) -> list[Rule]:
    return list(_rules(config).active)


def get(rule_id: str, config: Config) -> Rule | None:
    return next((r for r in _rules(config).rules if r.meta.id == rule_id), None)
