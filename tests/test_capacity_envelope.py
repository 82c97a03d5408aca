"""Capacity for pairwise families with eps > 0 uses the monotone envelope (issue 10 item 4).

I_eps(m') dips where e = floor(eps m') steps up, so "largest m' that fits" is checked here
by scanning every m' far past the answer with exact big-integer counts, independently of
the library's search.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from bounds.capacity import capacity


def _fits_exact(mp: int, eps: float, budget: int) -> bool:
    """2^B * V_eps >= |F| for labelled pairwise-AND, m = m' (raised to 3 at m' = 2)."""
    m = max(mp, 3)
    pairs = m * (m - 1) // 2
    e = math.floor(Fraction(repr(eps)) * mp)
    size = math.perm(pairs, mp)
    vol = math.comb(mp, e) * pairs**e
    return (1 << budget) * vol >= size


@pytest.mark.parametrize("eps", [0.01, 0.05, 0.1, 0.25, 0.4, 0.5])
@pytest.mark.parametrize("n", [1, 3, 6, 10, 20, 37, 38])
def test_pairwise_capacity_is_largest_fitting_m_prime(n, eps):
    bits = 2
    budget = bits * (n * n + n)
    got = capacity(n, bits=bits, eps=eps, problem="pairwise").m_prime_max
    fitting = [mp for mp in range(2, 4 * got + 50) if _fits_exact(mp, eps, budget)]
    assert got == (max(fitting) if fitting else 0)


def test_issue_example_dip_at_200():
    """b = 2, eps = 0.01: m' = 200 fits width 37 although m' = 199 needs 38."""
    assert capacity(37, bits=2, eps=0.01, problem="pairwise").m_prime_max >= 200


def test_capacity_refuses_where_the_envelope_is_not_proved():
    with pytest.raises(ValueError, match=r"eps <= 1/2 only"):
        capacity(50, bits=8, eps=0.6, problem="pairwise")
