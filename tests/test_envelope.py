"""Monotone envelope of the pairwise I_eps (issue 10 item 4) against a direct minimum."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from bounds import envelope as env
from bounds.families import pairwise


def _ref_info(mp_: int, eps: float) -> float:
    """Exact-integer reference: log2((M)_{m'} / (C(m', e) M^e)) via big ints."""
    m = mp_
    while m * (m - 1) // 2 < mp_:
        m += 1
    pairs = m * (m - 1) // 2
    e = int(Fraction(repr(eps)) * mp_)
    num = math.perm(pairs, mp_)
    den = math.comb(mp_, e) * pairs**e
    return max(0.0, math.log2(num) - math.log2(den)) if num > den else 0.0


@pytest.mark.parametrize("eps", [0.0, 0.01, 0.1, 0.25])
def test_info_matches_exact(eps):
    for mp_ in (4, 9, 57, 199, 200, 300):
        assert abs(float(env.pairwise_info_bits(mp_, eps)) - _ref_info(mp_, eps)) < 1e-9


def test_issue_dip():
    # the issue's example: I drops between m' = 199 and 200 at eps = 0.01
    assert env.pairwise_info_bits(200, 0.01) < env.pairwise_info_bits(199, 0.01)
    assert env.pairwise_envelope(199, 0.01) == env.pairwise_info_bits(200, 0.01)
    assert abs(float(env.pairwise_info_bits(1000, 0.01)) - pairwise(1000).info_bits(0.01)) < 1e-6


@pytest.mark.parametrize("eps", [0.01, 0.05, 0.2, 0.5])
def test_envelope_is_nondecreasing(eps):
    # that J is the suffix minimum of I over a window is the proof pairwise-envelope's
    # step "window" (m' < 800, run by tests/test_proofs.py): not restated here
    js = [env.pairwise_envelope(k, eps) for k in range(20, 600)]
    assert all(a <= b for a, b in zip(js, js[1:], strict=False))


@pytest.mark.parametrize("mp_", [10**6, 10**15, 10**40])
def test_envelope_huge(mp_):
    eps = 0.01
    j = env.pairwise_envelope(mp_, eps)
    s = env.next_step(mp_, eps)
    assert s == (mp_ // 100 + 1) * 100
    assert j <= env.pairwise_info_bits(mp_, eps)
    assert j == min(env.pairwise_info_bits(mp_, eps), env.pairwise_info_bits(s, eps))


def test_condition_and_refusals():
    assert not env.envelope_condition(10**6, 0.6)  # floor(1/eps) - 1 = 0: no run growth
    with pytest.raises(ValueError, match=r"eps must be <= 1/2"):
        env.pairwise_envelope(100, 0.6)
    with pytest.raises(ValueError, match="m_prime"):
        env.pairwise_envelope(1, 0.1)


@pytest.mark.parametrize("eps", [0.0, 0.1, 0.25, 1 / 3, 0.4, 0.45, 0.5])
def test_envelope_small_m_prime_equals_direct_suffix_minimum(eps):
    # the finite window (m' < 4, or (C) failing at s+) against exact big-integer values:
    # min over [m', 400) of I is the suffix minimum (I grows ~ m' log m' past the window)
    ref = [_ref_info(k, eps) for k in range(2, 400)]
    for mp_ in range(2, 80):
        want = min(ref[mp_ - 2:])
        assert abs(float(env.pairwise_envelope(mp_, eps)) - want) < 1e-9, mp_


def test_envelope_points_window():
    # eps = 1/2: (C) needs s >= 14, so the window runs up to the first m'' whose next step
    # (an even number) is >= 14; eps = 0.01: the theorem applies at once from m' = 4
    assert env.envelope_points(2, 0.5) == (*range(2, 13), 14)
    assert env.envelope_points(3, 0.01) == (3, 4, 100)
    assert env.envelope_points(5, 0.0) == (5,)
