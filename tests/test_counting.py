"""bounds.counting checked against independent references.

References are computed here, never with the function under test: exact Python integers
(math.factorial / perm / comb, bit lengths and mantissas), mpmath loggamma at 50+ digits,
an mpmath Stirling series for n = 10**100, and brute force for ceil_log2_ratio.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from bounds.counting import (
    ceil_log2_ratio,
    log2_binomial,
    log2_binomial_sym,
    log2_factorial,
    log2_factorial_mp,
    log2_factorial_sym,
    log2_falling_factorial,
    log2_falling_factorial_mp,
    log2_falling_factorial_sym,
)


# --------------------------------------------------------------------- references
def exact_log2(x: int) -> float:
    """log2 of a positive integer from its bit length and a 64-bit mantissa (no float overflow)."""
    assert x > 0
    bl = x.bit_length()
    if bl <= 64:
        return math.log2(x)
    shift = bl - 64
    return shift + math.log2(x >> shift)  # mantissa error < 2**-63 relative


def mp_log2_gamma_ratio(n: int, k: int, dps: int = 60) -> mpmath.mpf:
    """log2(n!/(n-k)!) with mpmath at ``dps`` digits (reference)."""
    with mpmath.workdps(dps):
        return (mpmath.loggamma(mpmath.mpf(n) + 1) - mpmath.loggamma(mpmath.mpf(n - k) + 1)) / (
            mpmath.log(2)
        )


def rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b) if b != 0 else abs(a)


# --------------------------------------------------------------------- log2 factorial
def test_log2_factorial_scalar_vs_exact_integers_up_to_3000():
    f = 1
    worst = 0.0
    for n in range(0, 3001):
        if n > 0:
            f *= n
        got = log2_factorial(n)
        assert isinstance(got, float)
        if f == 1:
            assert got == 0.0, n
            continue
        worst = max(worst, rel(got, exact_log2(f)))
    assert worst < 1e-14


@pytest.mark.parametrize(
    "n, expected",
    [(0, 0.0), (1, 0.0), (2, 1.0), (4, math.log2(24)), (10, math.log2(3628800)),
     (20, math.log2(2432902008176640000))],
)
def test_log2_factorial_small_values(n, expected):
    assert log2_factorial(n) == pytest.approx(expected, rel=1e-15, abs=0)


def test_log2_factorial_array_log_grid_to_1e15_vs_mpmath_50_dps():
    ns = np.unique(np.round(np.logspace(0, 15, 301)))
    ns = np.concatenate([np.arange(0, 60), ns])
    got = log2_factorial(ns.astype(np.float64))
    assert got.shape == ns.shape
    with mpmath.workdps(50):
        worst = 0.0
        for n, g in zip(ns.tolist(), got.tolist(), strict=True):
            ref = mpmath.loggamma(mpmath.mpf(int(n)) + 1) / mpmath.log(2)
            if ref == 0:
                assert g == 0.0
                continue
            worst = max(worst, float(abs((g - ref) / ref)))
    assert worst < 1e-12


def test_log2_factorial_array_accepts_int_arrays_and_lists():
    ref = [exact_log2(math.factorial(n)) if n > 1 else 0.0 for n in (0, 1, 5, 100)]
    for arg in (np.array([0, 1, 5, 100]), [0, 1, 5, 100]):
        out = log2_factorial(arg)
        assert isinstance(out, np.ndarray)
        np.testing.assert_allclose(out, ref, rtol=1e-13, atol=0)


def stirling_log2_factorial(n: int, dps: int = 140) -> mpmath.mpf:
    """Own Stirling series: ln n! = n ln n - n + ln(2 pi n)/2 + sum B_2j / (2j(2j-1) n^(2j-1))."""
    with mpmath.workdps(dps):
        x = mpmath.mpf(n)
        s = x * mpmath.log(x) - x + mpmath.log(2 * mpmath.pi * x) / 2
        s += 1 / (12 * x) - 1 / (360 * x**3) + 1 / (1260 * x**5)
        return s / mpmath.log(2)


@pytest.mark.parametrize("n", [10**100, 10**100 + 12345, 7 * 10**60, 10**20])
def test_log2_factorial_huge_to_10_significant_digits(n):
    ref = stirling_log2_factorial(n)
    got = log2_factorial(n)
    assert math.isfinite(got)
    assert rel(got, float(ref)) < 1e-10
    mp_val = log2_factorial_mp(n)
    with mpmath.workdps(140):
        assert abs(mp_val - ref) / ref < mpmath.mpf(10) ** -20


def test_log2_factorial_mp_agrees_with_exact_for_moderate_n():
    n = 2500
    with mpmath.workdps(60):
        exact = mpmath.log(mpmath.mpf(math.factorial(n)), 2)
        assert abs(log2_factorial_mp(n) - exact) < mpmath.mpf(10) ** -15


@pytest.mark.parametrize("bad", [-1, 1.5, float("nan"), float("inf"), True, "3"])
def test_log2_factorial_rejects_bad_scalars(bad):
    with pytest.raises(ValueError, match="n must be a non-negative integer"):
        log2_factorial(bad)


def test_log2_factorial_array_rejects_negative_and_fractional():
    with pytest.raises(ValueError):
        log2_factorial(np.array([3.0, -1.0]))
    with pytest.raises(ValueError):
        log2_factorial(np.array([3.0, 2.5]))


# ----------------------------------------------------------- falling factorial, binomial
def test_falling_factorial_and_binomial_vs_math_perm_comb_small():
    for n in range(0, 70):
        for k in range(0, n + 1):
            p = math.perm(n, k)
            c = math.comb(n, k)
            ref_p = exact_log2(p) if p > 1 else 0.0
            ref_c = exact_log2(c) if c > 1 else 0.0
            assert log2_falling_factorial(n, k) == pytest.approx(ref_p, rel=1e-13, abs=1e-13)
            assert log2_binomial(n, k) == pytest.approx(ref_c, rel=1e-13, abs=1e-13)


def test_falling_factorial_and_binomial_array_paths_vs_exact():
    rng = np.random.default_rng(7)
    n = rng.integers(0, 3000, size=400)
    k = (rng.random(400) * (n + 1)).astype(np.int64)
    k = np.minimum(k, n)
    fp = log2_falling_factorial(n, k)
    fc = log2_binomial(n, k)
    for ni, ki, gp, gc in zip(n.tolist(), k.tolist(), fp.tolist(), fc.tolist(), strict=True):
        p, c = math.perm(ni, ki), math.comb(ni, ki)
        assert gp == pytest.approx(exact_log2(p) if p > 1 else 0.0, rel=1e-12, abs=1e-9)
        assert gc == pytest.approx(exact_log2(c) if c > 1 else 0.0, rel=1e-12, abs=1e-9)


def test_cancellation_prone_binomial_5e11_choose_1e6():
    n, k = 5 * 10**11, 10**6
    with mpmath.workdps(80):
        ref_fall = mp_log2_gamma_ratio(n, k, 80)
        ref_binom = ref_fall - mpmath.loggamma(k + 1) / mpmath.log(2)
        ref_fall, ref_binom = float(ref_fall), float(ref_binom)
    assert rel(log2_falling_factorial(n, k), ref_fall) < 1e-12
    assert rel(log2_binomial(n, k), ref_binom) < 1e-12
    assert rel(float(log2_falling_factorial(np.array([n]), np.array([k]))[0]), ref_fall) < 1e-12
    assert rel(float(log2_binomial(np.array([n]), np.array([k]))[0]), ref_binom) < 1e-12
    # symmetric side: C(n, n - k) is the same number
    assert rel(log2_binomial(n, n - k), ref_binom) < 1e-12
    assert rel(float(log2_binomial(np.array([n]), np.array([n - k]))[0]), ref_binom) < 1e-12


def test_falling_factorial_mp_big_arguments():
    n, k = 10**30, 20000
    with mpmath.workdps(80):
        # (n)_k = prod (n - i): sum of logs, independent of loggamma
        ref = mpmath.fsum(mpmath.log(mpmath.mpf(n - i), 2) for i in range(k))
        got = log2_falling_factorial_mp(n, k)
        assert abs(got - ref) / ref < mpmath.mpf(10) ** -18


@pytest.mark.parametrize("fn", [log2_falling_factorial, log2_binomial])
def test_k_out_of_range_rejected(fn):
    with pytest.raises(ValueError, match="k"):
        fn(5, 6)
    with pytest.raises(ValueError):
        fn(5, -1)
    with pytest.raises(ValueError):
        fn(np.array([5, 5]), np.array([2, 6]))


# --------------------------------------------------------------------- ceil_log2_ratio
def brute_ceil_log2_ratio(p: int, q: int) -> int:
    t = -(q.bit_length() + 2)
    while q * 2**t < p if t >= 0 else q < p * 2 ** (-t):
        t += 1
    return t


def test_ceil_log2_ratio_brute_force_small():
    for p in range(1, 130):
        for q in range(1, 130):
            assert ceil_log2_ratio(p, q) == brute_ceil_log2_ratio(p, q), (p, q)
    for p in range(1, 5000):
        # default q = 1: least t with 2^t >= p
        assert ceil_log2_ratio(p) == (p - 1).bit_length(), p


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 2**300), st.integers(1, 2**300))
def test_ceil_log2_ratio_big_integers(p, q):
    t = ceil_log2_ratio(p, q)
    # least t with q * 2^t >= p, checked in exact rationals
    from fractions import Fraction

    assert q * Fraction(2) ** t >= p
    assert q * Fraction(2) ** (t - 1) < p


@pytest.mark.parametrize("p, q", [(0, 1), (1, 0), (-3, 2), (3, -2)])
def test_ceil_log2_ratio_rejects_non_positive(p, q):
    with pytest.raises(ValueError):
        ceil_log2_ratio(p, q)


# --------------------------------------------------------------------- sympy forms
def _num(n: int) -> sp.Expr:
    """sympy number to substitute: an Integer when small, else a 50-digit Float.

    sympy evaluates loggamma(Integer(n)) to log((n-1)!) with the exact factorial, which
    takes ~10 s at n = 10**6 and never finishes at 10**9 (reported); Floats avoid it.
    """
    return sp.Integer(n) if n <= 5000 else sp.Float(n, 50)


@pytest.mark.parametrize("n", [2, 7, 100, 12345, 10**9, 10**15])
def test_sympy_factorial_form_matches_numeric(n):
    val = float(log2_factorial_sym(_num(n)).evalf(40))
    with mpmath.workdps(50):
        ref = float(mpmath.loggamma(n + 1) / mpmath.log(2))
    assert rel(val, ref) < 1e-14
    assert rel(log2_factorial(n), val) < 1e-14


@pytest.mark.parametrize("n, k", [(10, 3), (100, 50), (4950, 100), (10**8, 1000)])
def test_sympy_falling_and_binomial_forms(n, k):
    f = float(log2_falling_factorial_sym(_num(n), _num(k)).evalf(50))
    c = float(log2_binomial_sym(_num(n), _num(k)).evalf(50))
    with mpmath.workdps(60):
        ref_f = float(mp_log2_gamma_ratio(n, k))
        ref_c = float(mp_log2_gamma_ratio(n, k) - mpmath.loggamma(k + 1) / mpmath.log(2))
    assert rel(f, ref_f) < 1e-13 and rel(c, ref_c) < 1e-13
    assert rel(log2_falling_factorial(n, k), f) < 1e-13
    assert rel(log2_binomial(n, k), c) < 1e-13
