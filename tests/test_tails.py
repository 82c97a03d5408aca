"""The tail bounds of the C1/C2 analysis against exact distributions and simulation.

References are independent of ``bounds``: exact rationals by convolution
(``proofs.theorems.tails.exact_*``), and seeded Monte-Carlo of the collision model.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest

from bounds.constructions.channels import analysis as an
from proofs.theorems.tails import exact_binomial_pmf, exact_compound_tail, exact_mixture

CASES = list(itertools.product((1, 3, 8, 20), (Fraction(1, 20), Fraction(1, 4),
                                               Fraction(1, 2), Fraction(9, 10))))


def _f(q: Fraction) -> mpmath.mpf:
    return mpmath.mpf(q.numerator) / q.denominator


@pytest.mark.parametrize(("n", "p"), CASES)
def test_noise_tail_bounds_exact_compound_rademacher(n, p):
    for x, exact in exact_compound_tail(n, p).items():
        if x >= 1:
            assert an._noise_tail(float(x), float(n * p)) * (1 + 1e-12) >= _f(exact), x


def test_noise_tail_is_not_trivially_one():
    # the bound must be informative where the tail is small: within e^2 of the exact tail
    exact = exact_compound_tail(20, Fraction(1, 4))[6]
    bound = an._noise_tail(6.0, 5.0)
    assert _f(exact) <= bound < 30 * _f(exact) and bound < 0.05


@pytest.mark.parametrize(("n", "p"), CASES)
def test_count_tail_bounds_exact_binomial(n, p):
    pmf = exact_binomial_pmf(n, p)
    assert sum(pmf) == 1
    for c in range(1, n + 1):
        assert an._count_tail(c, float(n * p)) * (1 + 1e-12) >= _f(sum(pmf[c:], Fraction(0)))


@pytest.mark.parametrize(("r", "margin", "muc"),
                         list(itertools.product((3, 7), (4, 8),
                                                (Fraction(1, 10), Fraction(1, 2), Fraction(3, 2)))))
def test_class_fail_bounds_exact_mixture(r, margin, muc):
    n = 6
    p_bad = [Fraction(0)] + [Fraction(mpmath.nstr(mpmath.exp(-x / 2) / 2, 30))
                             for x in range(1, margin + 1)]
    for need in range(1, r + 1):
        exact = exact_mixture(r, need, margin, n, muc / n, p_bad)
        got = an._class_fail(r, need, margin, float(muc),
                             lambda x, pb=p_bad: float(pb[int(x)]) if x > 0 else 1.0)
        assert got * (1 + 1e-9) >= _f(exact), need
        assert got <= 1.0


def test_noise_tail_against_simulation():
    rng = np.random.default_rng(12)
    n, p, trials = 200, 0.05, 200_000
    counts = rng.binomial(n, p, size=trials)
    sums = 2 * rng.binomial(counts, 0.5) - counts
    for x in (3, 6, 9):
        rate = float(np.mean(sums >= x))
        assert rate <= an._noise_tail(float(x), n * p) + 3 * math.sqrt(rate / trials) + 1e-5


# ------------------------------------------- failure_bound against an independent evaluation
def _reference_failure_bound(kind, m_prime, k, r, s, G, g, tau=1, rho=0.5):
    """The union bound of the channels docstring, written out again with mpmath/math."""
    margin = (s - 1) // 2 + 1  # ⌊γ s⌋ + 1 with γ = 1/2 − 1/(2s)
    own = 1 if kind == "permutation" else 2
    per = -(-m_prime // G)
    q = per / m_prime
    mu = own * per * k * s / g
    muc = own * k * s / g

    def noise(x):
        if x <= 0:
            return 1.0
        tt = math.asinh(x / mu)
        return min(1.0, math.exp(min(0.0, mu * (math.sqrt(1 + (x / mu) ** 2) - 1) - tt * x)))

    def utail(c):
        return 1.0 if c <= 0 else min(1.0, muc**c / math.factorial(c))

    def btail(need, p):
        p = min(1.0, p)
        return sum(math.comb(r, j) * p**j * (1 - p) ** (r - j) for j in range(need, r + 1))

    def cls(need, pbad):
        t = [btail(need, pbad(margin - c)) for c in range(margin + 1)]
        return min(1.0, t[0] + sum(utail(c) * (t[c] - t[c - 1]) for c in range(1, margin + 1))
                   + utail(margin + 1) * (1 - t[margin]))

    nz = math.ceil(rho * r)
    nt = r - nz + 1
    if kind == "permutation":
        return k * cls(nt, noise) + m_prime * cls(nz, lambda x: k * q + noise(x))
    c2 = math.comb(k, 2)
    return (c2 * cls(nt, noise)
            + k * tau * cls(nz, lambda x: (k - 1) * tau * q + noise(x))
            + m_prime * cls(nz, lambda x: c2 * (q + (tau * q) ** 2) + k * tau * q * noise(x)
                            + noise(x + s)))


@pytest.mark.parametrize(("kind", "args"), [
    ("permutation", (20000, 3, 15, 15, 490, 490)),
    ("permutation", (3000, 2, 20, 20, 110, 110)),
    ("pairwise-and", (20000, 3, 15, 15, 490, 490, 20)),
    ("pairwise-and", (5000, 2, 16, 16, 200, 200, 17)),
    ("pairwise-and", (2000, 3, 24, 23, 155, 155, 16)),
])
def test_failure_bound_equals_independent_union_bound(kind, args):
    ref = _reference_failure_bound(kind, *args)
    got = an.failure_bound(kind, *args)
    assert 1e-300 < ref < 1  # an informative case: no clamping at 1
    assert got["total"] == pytest.approx(ref, rel=1e-9)


def test_margin_is_half_minus_half_over_s():
    for s in range(1, 40):
        assert an.margin_gamma(s) == Fraction(s - 1, 2 * s)
        assert an.margin_collisions(s, an.margin_gamma(s)) == (s + 1) // 2
        p = an.choose_parameters("pairwise-and", 3000, 2, 0.05, r=5, s=s)
        assert p.gamma == pytest.approx((s - 1) / (2 * s)) and p.lam == pytest.approx(s)


@pytest.mark.parametrize("kind", ["permutation", "pairwise-and"])
def test_built_network_margin_matches_the_analysis(kind):
    """Bias of the output-channel units: 1 + λ(a + γ) with λ = s, γ = 1/2 − 1/(2s)."""
    import warnings

    from bounds.constructions import channels

    build = channels.build_permutation if kind == "permutation" else channels.build_pairwise_and
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", channels.AnalysisBoundWarning)
        net = build(200, 3, 0.05, 4)
    s = net.meta["params"]["s"]
    H = net.meta["params"]["r"] * net.meta["params"]["G"]
    base = 0 if kind == "permutation" else 1
    want = 1 + s * (base + (s - 1) / (2 * s))
    assert np.allclose(net.biases[0][:H], want)
    assert an.analysis_margin(s) == (s - 1) // 2 + 1
