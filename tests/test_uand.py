"""The peer U-AND construction (arXiv:2408.05451) as a Network: validity, semantics, stats."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from scipy import stats

from bounds.constructions.uand import (
    ALL_PAIRS_MAX,
    MIN_DP2,
    THETA,
    UAndRegimeWarning,
    build_uand,
    expected_errors_per_input,
    output_error_prob,
    uand_defaults,
    uand_error_stats,
)


def _quiet(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a regime warning here would be a test bug
        return build_uand(*args, **kwargs)


# ------------------------------------------------------------------- refusals
@pytest.mark.parametrize("p", [0, 0.0, -0.1, 1.0000001, 1.5, float("nan"), float("inf"), True])
def test_p_outside_unit_interval_refused(p):
    with pytest.raises(ValueError, match=r"p must be a real number in \(0, 1\]"):
        build_uand(10, 100, p, 3, seed=0)


def test_p_equal_one_accepted_but_warned_for_k_ge_2():
    with pytest.warns(UAndRegimeWarning, match=r"\(k-1\)\*p"):
        net = build_uand(5, 20, 1.0, 2, seed=0)
    assert net.weights[0].nnz == 5 * 20


def test_empty_pair_refused_naming_d_and_p():
    with pytest.warns(UAndRegimeWarning), pytest.raises(ValueError) as exc:
        build_uand(10, 3, 0.3, 2, seed=0)
    msg = str(exc.value)
    assert "S_j empty" in msg and "d=3" in msg and "p=0.3" in msg and "d*p^2" in msg


@pytest.mark.parametrize("d", [0, -5, 2.5, "100"])
def test_bad_d_refused(d):
    with pytest.raises(ValueError, match="d must be"):
        build_uand(10, d, 0.2, 3, seed=0)


def test_bad_pairs_refused():
    with pytest.raises(ValueError, match="distinct endpoints"):
        _quiet(6, 400, 0.25, 2, seed=0, pairs=[[0, 0], [1, 2]])
    with pytest.raises(ValueError, match="distinct"):
        _quiet(6, 400, 0.25, 2, seed=0, pairs=[[0, 1], [1, 0]])
    with pytest.raises(ValueError, match=r"\[0, 5\]"):
        _quiet(6, 400, 0.25, 2, seed=0, pairs=[[0, 6], [1, 2]])
    with pytest.raises(ValueError, match="m_prime must be"):
        _quiet(6, 400, 0.25, 2, seed=0, m_prime=16)  # C(6, 2) = 15
    with pytest.raises(ValueError, match="m_prime must equal the number of pairs"):
        _quiet(6, 400, 0.25, 2, seed=0, pairs=[[0, 1], [1, 2]], m_prime=3)
    big_m = 300  # C(300, 2) = 44850 > ALL_PAIRS_MAX
    assert big_m * (big_m - 1) // 2 > ALL_PAIRS_MAX
    with pytest.raises(ValueError, match="m_prime is required"):
        _quiet(big_m, 400, 0.25, 2, seed=0)


# ------------------------------------------------------------------- warnings
def test_warns_when_dp2_small():
    with pytest.warns(UAndRegimeWarning, match=r"d\*p\^2 = 8\.1 < 10"):
        build_uand(4, 40, 0.45, 2, seed=3)


def test_warns_when_interference_reaches_threshold():
    with pytest.warns(UAndRegimeWarning, match="reaches the threshold"):
        build_uand(30, 400, 0.25, 3, seed=0, m_prime=20)


def test_no_warning_in_regime():
    net = _quiet(30, 1000, 0.2, 3, seed=0, m_prime=20)
    assert net.meta["d_p2"] >= MIN_DP2


# ------------------------------------------------------------------ structure
def test_network_is_the_uand_layer():
    m, d, p = 12, 500, 0.25
    net = _quiet(m, d, p, 2, seed=7)
    assert net.kind == "uand" and net.m_prime == math.comb(m, 2)
    assert (net.E != sp.identity(m)).nnz == 0
    w = net.weights[0].toarray()
    assert set(np.unique(w).tolist()) <= {0.0, 1.0}
    assert np.all(net.biases[0] == -1.0)
    # lexicographic all-pairs order by default
    assert [tuple(r) for r in net.instance] == list(itertools.combinations(range(m), 2))
    dm = net.D.toarray()
    for j, (a, b) in enumerate(net.instance):
        s = np.flatnonzero((w[:, a] == 1) & (w[:, b] == 1))
        assert np.array_equal(np.flatnonzero(dm[j]), s)
        assert np.allclose(dm[j, s], 1.0 / s.size)
        # theta_j: "average > 1/2", halfway between attainable averages c/|S_j|
        assert net.theta[j] == (s.size // 2 + 0.5) / s.size
        assert abs(net.theta[j] - THETA) <= 0.5 / s.size + 1e-12
    res = net.resources()
    assert res.widths == (m, d) and res.max_width == max(m, d) and res.total_neurons == d
    assert res.params_dense == m * d + d
    assert res.params_nonzero == int(w.sum()) + d
    assert res.distinct_values == 3 and res.bits_per_param == 2 and res.layers == 1
    # the empirical connection density is p
    assert abs(w.mean() - p) < 4 * math.sqrt(p * (1 - p) / w.size)


def test_explicit_pairs_kept_in_order_and_seeded():
    pairs = np.array([[5, 1], [0, 2], [3, 4]])
    net = _quiet(6, 400, 0.25, 2, seed=0, pairs=pairs)
    assert np.array_equal(net.instance, pairs)
    a = _quiet(50, 800, 0.2, 3, seed=11, m_prime=40)
    b = _quiet(50, 800, 0.2, 3, seed=11, m_prime=40)
    c = _quiet(50, 1200, 0.2, 3, seed=11, m_prime=40)
    assert np.array_equal(a.instance, b.instance) and np.array_equal(a.instance, c.instance)
    assert (a.weights[0] != b.weights[0]).nnz == 0 and (a.D != b.D).nnz == 0
    assert len({tuple(sorted(r)) for r in a.instance}) == 40


def test_no_false_negatives_and_exact_when_no_interference():
    net = _quiet(9, 600, 0.2, 2, seed=2)
    # every input with <= 2 active features ... true ANDs never fail (average >= 1)
    xs = [()] + [(a,) for a in range(9)] + list(itertools.combinations(range(9), 2))
    x = np.zeros((len(xs), 9))
    for r, act in enumerate(xs):
        x[r, list(act)] = 1
    y, t = net.forward(x), net.target(x)
    assert not np.any(t & ~y)
    # with at most one active feature no neuron fires at all: exact
    assert np.array_equal(y[:10], t[:10])


# --------------------------------------------------------------------- analysis
def test_output_error_prob_against_enumeration():
    p, s, t = 0.3, 3, 2
    # neither endpoint active: sum of s iid max(0, Bin(t, p) - 1) > theta*s
    y = {0: (1 - p) ** 2 + 2 * p * (1 - p), 1: p * p}
    brute = sum(
        math.prod(y[v] for v in combo)
        for combo in itertools.product((0, 1), repeat=s)
        if sum(combo) > THETA * s
    )
    assert output_error_prob(s, t, p, 0) == pytest.approx(brute, rel=1e-12)
    assert output_error_prob(s, t, p, 1) == pytest.approx(stats.binom.sf(1, t * s, p))
    assert output_error_prob(s, t, p, 2) == 0.0
    assert output_error_prob(0, t, p, 1) == 1.0


def test_defaults_are_least_d():
    d, p = uand_defaults(500, 500, 3, 0.01)
    assert p == 0.125 and d * p * p >= MIN_DP2
    assert expected_errors_per_input(500, 500, 3, d, p) <= 0.005
    assert expected_errors_per_input(500, 500, 3, d - 1, p) > 0.005
    assert uand_defaults(500, 500, 1, 0.01)[1] == 0.25


# ------------------------------------------------------------------------ stats
def test_error_stats_consistent_with_exact_prediction():
    """m=100, d=1000, p=0.2, k=3 (d p² = 40, (k-1)p = 0.4): FP rate ≈ 0.12 predicted."""
    net = _quiet(100, 1000, 0.2, 3, seed=1, m_prime=300)
    st = uand_error_stats(net, trials=20_000, seed=0, run_verify=False)
    assert st.false_negatives == 0 and st.fn_trials == 20_000
    assert 0.05 < st.predicted_fp_rate < 0.25
    assert abs(st.fp_rate - st.predicted_fp_rate) < 0.02
    assert st.fp_rate <= st.fp_upper95 < st.fp_rate + 0.01
    assert st.s_min >= 1 and st.d_p2 == pytest.approx(40.0)


def test_default_regime_meets_delta_by_simulation():
    """Derived defaults at m = m' = 300, k = 3, δ = 0.05: verified error within δ."""
    import bounds.constructions.verify  # noqa: F401  (our own module: must import)
    m, mp, k, delta = 300, 300, 3, 0.05
    d, p = uand_defaults(m, mp, k, delta)
    net = _quiet(m, d, p, k, seed=4, m_prime=mp)
    st = uand_error_stats(net, delta=delta, seed=0, trials=5000, inputs=4000)
    assert st.false_negatives == 0
    ver = st.verification
    assert ver.inputs_tested >= 4000
    # per-input error: consistent with the design estimate (expected wrong outputs <= δ/2)
    assert ver.error_rate <= delta
    assert st.predicted_wrong_outputs <= delta
    # the uniform stratum (<= k active; mostly exactly k) against the exact prediction
    uni = next(s for s in ver.strata if s.name == "uniform")
    sd = math.sqrt(st.predicted_wrong_outputs / uni.inputs)
    assert uni.rate <= st.predicted_wrong_outputs + 4 * sd
    assert uni.rate >= 0.5 * st.predicted_wrong_outputs - 4 * sd
    # the worst-stratum output error is the exact prediction, up to sampling noise
    assert st.fp_rate <= st.predicted_fp_rate + 0.01
