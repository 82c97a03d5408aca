"""Exact permutation volume, delta-probe-tolerant volumes, total neurons (issue 10 items 2-4)."""

from __future__ import annotations

import itertools
import math

import mpmath
import pytest

from bounds import tolerant, total_neurons, volumes
from proofs.theorems._brute import probe_volume_permutation


def _brute_ball(n: int, g: tuple[int, ...], t: int) -> int:
    return sum(1 for p in itertools.permutations(range(n))
               if sum(a == b for a, b in zip(p, g, strict=True)) >= t)


def test_brute_force_m5_matches_issue():
    assert volumes.max_volume_brute(5) == [1, 2, 11, 36, 120, 120]
    assert [volumes.max_volume_exact(5, e) for e in range(6)] == [1, 2, 11, 36, 120, 120]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_exact_equals_brute_small(n):
    assert [volumes.max_volume_exact(n, e) for e in range(n + 1)] == volumes.max_volume_brute(n)


@pytest.mark.parametrize("fibres", [(1, 1, 1, 1), (2, 1, 1), (2, 2), (3, 1), (4,), (2, 2, 1)])
def test_rook_formula_against_enumeration(fibres):
    n = sum(fibres)
    g = tuple(v for v, c in enumerate(fibres) for _ in range(c))
    counts = volumes.agreement_counts(fibres)
    for k in range(n + 1):
        exact_k = _brute_ball(n, g, k) - (_brute_ball(n, g, k + 1) if k < n else 0)
        assert counts[k] == exact_k


@pytest.mark.parametrize("n", [2, 7, 15, 22])
def test_bracket(n):
    for e in range(n + 1):
        v = volumes.max_volume_exact(n, e)
        assert volumes.permutation_centre_volume(n, e) <= v <= math.perm(n, e)
        if e >= 2:
            assert 3 * v >= math.perm(n, e)
    assert volumes.max_volume_exact(n, 1) == (2 if n >= 2 else 1)


@pytest.mark.parametrize("n", [10**3, 10**6, 10**15, 10**40])
def test_log2_bounds_huge(n):
    e = n // 100
    lo, hi = volumes.log2_volume_bounds(n, e)
    with mpmath.workdps(60 + len(str(n))):
        ref = (mpmath.loggamma(n + 1) - mpmath.loggamma(n - e + 1)) / mpmath.ln(2)
        assert abs(hi - ref) <= abs(ref) * mpmath.mpf(10) ** -30
        assert abs((hi - lo) - mpmath.log(3, 2)) < mpmath.mpf(10) ** -20


def test_derangements():
    ref = [sum((-1) ** k * math.factorial(i) // math.factorial(k) for k in range(i + 1))
           for i in range(15)]
    assert [volumes.derangements(i) for i in range(15)] == ref
    assert all(math.factorial(i) <= 3 * volumes.derangements(i) for i in range(2, 200))


# ------------------------------------------------------------------ delta-probe-tolerant
@pytest.mark.parametrize("mp_, m", [(2, 3), (2, 4), (3, 3)])
def test_and_volume_bound_dominates_brute(mp_, m):
    brute = tolerant.max_volume_brute_and(mp_, m)
    for t, v in enumerate(brute):
        assert v <= tolerant.volume_and(mp_, m, t)
        if t >= mp_:  # the all-zero network is wrong on exactly m' probes
            assert v == math.perm(m * (m - 1) // 2, mp_)


def test_permutation_probe_volume_equals_output_volume():
    # probe-wise errors: pi is right at probe i iff pi^-1(i) = h(i); inverse is a bijection
    # the proof's brute force (proofs/theorems/_brute.py) against the library's own
    assert probe_volume_permutation(4) == volumes.max_volume_brute(4)


@pytest.mark.parametrize("mp_", [10**3, 10**6, 10**15, 10**40])
def test_info_probe_tolerant_huge(mp_):
    t = tolerant.wrong_probes_allowed(0.01, probes=mp_)
    got = tolerant.info_bits_probe_tolerant("permutation", mp_, t)
    with mpmath.workdps(60 + len(str(mp_))):
        ref = mpmath.loggamma(mp_ - t + 1) / mpmath.ln(2)
        assert abs(got - ref) <= abs(ref) * mpmath.mpf(10) ** -30
    # pairwise: vacuous once t >= m' (delta >= m'/q)
    q = 1 + mp_ + mp_ * (mp_ - 1) // 2
    assert tolerant.info_bits_probe_tolerant("pairwise", mp_, mp_) == 0
    small = tolerant.info_bits_probe_tolerant("pairwise", mp_, 3)
    with mpmath.workdps(60 + len(str(q))):
        pairs = mp_ * (mp_ - 1) // 2
        ref = (mpmath.loggamma(pairs + 1) - mpmath.loggamma(pairs - mp_ + 1)
               - mpmath.log(math.perm(pairs, 3) if pairs < 10**30 else
                            mpmath.mpf(pairs) * (pairs - 1) * (pairs - 2)) * 1) / mpmath.ln(2)
        assert abs(small - ref) <= abs(ref) * mpmath.mpf(10) ** -25


def test_wrong_probes_allowed_exact():
    assert tolerant.wrong_probes_allowed(0.07, probes=100) == 7  # float: 7.000000000000001
    assert tolerant.wrong_probes_allowed(0.29, probes=100) == 29  # float gives 28.999999999999996
    with pytest.raises(ValueError, match="exactly one"):
        tolerant.wrong_probes_allowed(0.1)


# ------------------------------------------------------------------ total neurons
@pytest.mark.parametrize("layers", [1, 2, 3, 4])
def test_max_params_total_brute(layers):
    for s in range(layers, layers + 9):
        brute = total_neurons.max_params_total_brute(s, layers)
        assert total_neurons.concentrated_params_total(s, layers) == brute
        assert brute <= total_neurons.max_params_total(s, layers)


@pytest.mark.parametrize("info", [1, 100, 8530, 18488885, 10**20, 10**45])
@pytest.mark.parametrize("layers", [1, 2, 5])
def test_least_total_is_least(info, layers):
    s = total_neurons.least_total_neurons_d1(info, 8, layers)
    assert 8 * total_neurons.max_params_total(s, layers) >= info
    assert s == layers or 8 * total_neurons.max_params_total(s - 1, layers) < info
    att = total_neurons.least_total_neurons_d1_attained(info, 8, layers)
    assert s <= att <= s + layers
