"""The Indian digit grouping used by KC-S006's suggestions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kamclean.checks.grammar import indian_grouping


@given(st.integers(min_value=1000, max_value=10**15))
def test_groups_are_three_then_twos(n: int) -> None:
    out = indian_grouping(str(n))
    groups = out.split(",")
    assert out.replace(",", "") == str(n)
    assert len(groups[-1]) == 3
    assert all(len(g) == 2 for g in groups[1:-1])
    assert 1 <= len(groups[0]) <= 2 or len(groups) == 1


def test_known_values() -> None:
    assert indian_grouping("100000") == "1,00,000"
    assert indian_grouping("2500000") == "25,00,000"
    assert indian_grouping("120000000") == "12,00,00,000"
