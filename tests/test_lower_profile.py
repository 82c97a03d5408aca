"""Neuron bound for a width profile, against a brute-force scan in exact integers."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounds.lower import least_width, least_width_profile


def _scan(info: int, bits: int, profile: tuple[float, ...]) -> int:
    ratios = [Fraction(repr(r)) for r in profile]
    n = 1
    while True:
        w = [max(1, math.ceil(r * n)) for r in ratios]
        if bits * sum(w[i] * w[i + 1] + w[i + 1] for i in range(len(w) - 1)) >= info:
            return n
        n += 1


@pytest.mark.parametrize("layers", [1, 2, 3])
def test_equal_profile_is_least_width(layers: int) -> None:
    for info in (1, 2, 100, 8530, 123457):
        assert least_width_profile(info, 8, (1,) * (layers + 1))[0] == least_width(info, 8, layers)


@settings(max_examples=60, deadline=None)
@given(
    info=st.integers(0, 200_000),
    bits=st.integers(1, 16),
    profile=st.lists(st.sampled_from([0.25, 0.5, 0.75, 1.0]), min_size=2, max_size=4).filter(
        lambda p: max(p) == 1.0
    ),
)
def test_profile_matches_scan(info: int, bits: int, profile: list[float]) -> None:
    n, widths = least_width_profile(info, bits, tuple(profile))
    assert n == _scan(info, bits, tuple(profile))
    assert max(widths) == n


@pytest.mark.parametrize("profile", [(1,), (0.5, 0.5), (0, 1), (1.5, 1), (1, float("nan"))])
def test_bad_profiles_are_refused(profile: tuple[float, ...]) -> None:
    with pytest.raises(ValueError, match="profile"):
        least_width_profile(100, 8, profile)
