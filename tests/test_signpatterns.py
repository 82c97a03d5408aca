"""Sign-pattern bound (issue 10 item 1) against independent computations."""

from __future__ import annotations

import itertools
import math

import mpmath
import numpy as np
import pytest

from bounds import signpatterns as sgn
from proofs.theorems._brute import info_and_probes
from proofs.theorems._brute import sign_patterns_params_ref as _params_ref
from proofs.theorems._brute import sign_patterns_width_ref as _widths_ref

# log2|F| and q restated independently of bounds.families (shared with the proof)
_info = info_and_probes


def test_lemma_values_exact_small():
    # 2(4eMD/N)^N at M = 100, N = 10, D = 2 against a direct float evaluation
    want = math.log2(2 * (4 * math.e * 100 * 2 / 10) ** 10)
    assert abs(float(sgn.log2_sign_patterns(100, 10, 2)) - want) < 1e-12
    assert sgn.log2_sign_patterns(5, 6, 3) == 5            # M < N: 2^M
    assert sgn.log2_sign_patterns(3, 3, 1) == 3            # min with 2^M


@pytest.mark.parametrize("m_", [1, 3, 10, 50])
def test_lemma_monotone_in_variables(m_):
    vals = [sgn.log2_sign_patterns(m_, n_, 2) for n_ in range(1, 2 * m_ + 2)]
    assert all(a <= b for a, b in itertools.pairwise(vals))


@pytest.mark.parametrize("prob", ["permutation", "pairwise"])
@pytest.mark.parametrize("mp_", [2, 3, 7, 30, 1000, 10**6, 10**15, 10**40])
@pytest.mark.parametrize("layers", [1, 3])
def test_least_params_and_width_against_reference(prob, mp_, layers):
    info, q = _info(prob, mp_)
    w = sgn.least_params_real(info, layers=layers, outputs=mp_, probes=q)
    n = sgn.least_width_real(info, layers=layers, outputs=mp_, probes=q)
    with mpmath.workdps(60 + len(str(mp_))):
        assert _params_ref(w, layers, mp_, q) >= info
        assert w == 1 or _params_ref(w - 1, layers, mp_, q) < info
        assert _widths_ref(n, layers, mp_, q) >= info
        assert n == 1 or _widths_ref(n - 1, layers, mp_, q) < info


@pytest.mark.parametrize("mp_", [2, 5, 20, 200])
def test_least_params_linear_scan(mp_):
    info, q = _info("permutation", mp_)
    scan = next(w for w in itertools.count(1) if _params_ref(w, 1, mp_, q) >= info)
    assert sgn.least_params_real(info, layers=1, outputs=mp_, probes=q) == scan


@pytest.mark.parametrize("mp_", [10**3, 10**6, 10**15, 10**40])
def test_omega_m_prime_shape(mp_):
    # W = Θ(m′) for permutations at L = 1: W / m′ stays in a fixed band, and the bound is
    # far below the b = 8 D1 count for large m′ (Ω(m′) vs Ω(m′ log m′ / b)).
    info, q = _info("permutation", mp_)
    w = sgn.least_params_real(info, layers=1, outputs=mp_, probes=q)
    assert 0.2 * mp_ < w < 0.6 * mp_
    with mpmath.workdps(50):
        assert w * 8 < info or mp_ <= 10**3


def test_total_neurons_not_below_width_and_reference():
    info, q = _info("permutation", 1000)
    for layers in (1, 2, 3):
        s = sgn.least_total_neurons_real(info, layers=layers, outputs=1000, probes=q)
        n = sgn.least_width_real(info, layers=layers, outputs=1000, probes=q)
        assert s >= n  # a total of S allows max width ≤ S − L + 1 ≤ S


def _relu_tables(widths, outputs, probes, rng, draws):
    d = widths[0]
    code = rng.standard_normal((probes, d))  # fixed public code of q probes
    dec = np.where(np.arange(outputs)[:, None] % 2 == 0, 1.0, -1.0) * np.ones((1, widths[-1]))
    theta = np.array([0.5 if j % 2 == 0 else -0.5 for j in range(outputs)])
    seen = set()
    for _ in range(draws):
        h = code
        for a, b in itertools.pairwise(widths):
            h = np.maximum(0.0, h @ rng.standard_normal((a, b)) * 3 + rng.standard_normal(b))
        y = (h @ dec.T - theta) > 0
        seen.add(y.tobytes())
    return len(seen)


@pytest.mark.parametrize("widths", [(1, 1), (2, 2), (1, 2, 1)])
def test_sampled_behaviours_below_bound(widths):
    # sampling realises a subset of the tables; their number must not exceed the bound
    rng = np.random.default_rng(1234)
    outputs, probes = 2, 3
    count = _relu_tables(widths, outputs, probes, rng, 4000)
    bound = sgn.log2_behaviours_widths(widths, outputs=outputs, probes=probes)
    assert 1 < count <= 2 ** float(bound)


def test_probes_count():
    assert sgn.probes_count("permutation", 7) == 7
    assert sgn.probes_count("pairwise", 7, m=7) == 1 + 7 + 21
    with pytest.raises(ValueError, match="problem"):
        sgn.probes_count("nope", 7)


def test_bad_info_rejected():
    for bad in (-1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="info_bits"):
            sgn.least_params_real(bad, layers=1, outputs=3, probes=3)


def test_result_dict():
    r = sgn.sign_pattern_bounds(100, layers=1, outputs=10, probes=10)
    d = r.as_dict()
    assert set(d) == {"theorem", "neurons", "neurons_total", "params", "assumptions"}
    assert d["theorem"] == "sign-patterns" and d["params"] >= 1
