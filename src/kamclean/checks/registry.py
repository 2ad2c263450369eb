"""Which rules exist: every family module contributes ``rules(config) -> list[Rule]``.

Families are listed here, in the order their flags are produced. A family whose vocabulary is data (glossary,
term sets) builds its rules from the packaged data plus the user's files named in the config.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any, NamedTuple

from kamclean.checks.base import Rule
from kamclean.config import Config

# module names under kamclean.checks, in the order their flags are produced
FAMILIES: tuple[str, ...] = ("glossary", "terms", "repetition", "agreement", "untranslated", "grammar")


class Batch(NamedTuple):
    """Active rules that share a literal index (``index``, with the rules by id), or that have none."""

    index: Any  # a patterns.LiteralIndex, or None
    rules: tuple[Rule, ...]
    by_id: dict[str, Rule]


class _Registry(NamedTuple):
    rules: tuple[Rule, ...]  # every known rule, in family order
    active: tuple[Rule, ...]  # those the configuration enables (decided once, not per article)
    batches: tuple[Batch, ...]  # ``active`` grouped by literal index, in order


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
    active = tuple(r for r in out if config.enabled(r.meta.id))
    return _Registry(tuple(out), active, _batches(active))


def _batches(active: tuple[Rule, ...]) -> tuple[Batch, ...]:
    groups: list[tuple[Any, list[Rule]]] = []
    for rule in active:
        index = getattr(rule, "index", None)
        if groups and groups[-1][0] is index:
            groups[-1][1].append(rule)
        else:
            groups.append((index, [rule]))
    return tuple(Batch(ix, tuple(rs), {r.meta.id: r for r in rs}) for ix, rs in groups)


def all_rules(config: Config) -> list[Rule]:
    """Every known rule (enabled or not), for `kamclean rules`."""
    return list(_rules(config).rules)


def active_rules(config: Config) -> list[Rule]:
    return list(_rules(config).active)


def batches(config: Config) -> tuple[Batch, ...]:
    """The active rules in batches: a batch with a literal index runs only the rules it finds possible."""
    return _rules(config).batches


def get(rule_id: str, config: Config) -> Rule | None:
    return next((r for r in _rules(config).rules if r.meta.id == rule_id), None)
