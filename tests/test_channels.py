"""Tests for C1/C2, the output-channel constructions in superposition (SPEC §5)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from bounds.constructions.channels import (
    accounting,
    build_pairwise_and,
    build_permutation,
    choose_parameters,
    failure_bound,
    theta_limits,
)
from bounds.constructions.trivial import build_trivial
from bounds.constructions.verify import verify


def _build(kind: str, m_prime: int, k: int, delta: float, seed: int, **kw):
    f = build_permutation if kind == "permutation" else build_pairwise_and
    return f(m_prime, k, delta, seed, **kw)


@pytest.mark.parametrize("kind", ["permutation", "pairwise-and"])
@pytest.mark.parametrize("m_prime,k", [(12, 2), (30, 3)])
def test_exhaustive_small_cases_zero_errors(kind: str, m_prime: int, k: int) -> None:
    # small sizes: the analysis bound is met (r, s grow until it is) -- exhaustive check
    # tiny m' need a roomier code than the formulas give (G = g = 100 here): for the
    # permutation the analysis bound is then met; for AND the worst-case degree term of
    # the bound is vacuous at this size, so this is an empirical check
    net = _build(kind, m_prime, k, 0.05, seed=m_prime, G=100, g=100)
    if kind == "permutation":
        assert choose_parameters(kind, m_prime, k, 0.05, G=100, g=100).bound <= 0.05
    v = verify(net, delta=0.0, seed=0)
    assert v.method == "exhaustive" and v.errors == 0


@pytest.mark.parametrize("kind", ["permutation", "pairwise-and"])
def test_accounting_equals_counted(kind: str) -> None:
    for m_prime, k, seed in [(40, 2, 0), (40, 2, 1), (300, 3, 2), (1000, 3, 3), (2500, 2, 4)]:
        net = _build(kind, m_prime, k, 0.05, seed)
        p = choose_parameters(kind, m_prime, k, 0.05)
        acc = accounting(kind, p)
        res = net.resources()
        assert res.widths == tuple(int(w) for w in acc["widths"])
        assert res.max_width == int(acc["max_width"])
        assert res.total_neurons == int(acc["total_neurons"])
        assert res.params_dense == int(acc["params_dense"])
        assert res.params_nonzero <= int(acc["params_nonzero_upper"])
        # the expected value (random-instance model) is close to the count
        assert abs(res.params_nonzero / float(acc["params_nonzero_expected"]) - 1) < 0.15
        assert res.layers == p.layers


@pytest.mark.parametrize("kind", ["permutation", "pairwise-and"])
def test_theta_limits_finite_positive(kind: str) -> None:
    lim = theta_limits(kind)
    k = sympy.Symbol("k", positive=True)
    for key, value in lim.items():
        v = float(value.subs(k, 3))
        assert 0 < v < math.inf, key
    acc = accounting(kind)
    assert acc["params_dense"].free_symbols  # symbolic form available


def test_determinism_same_seed_same_bytes(tmp_path) -> None:
    for kind in ("permutation", "pairwise-and"):
        a = _build(kind, 500, 3, 0.05, seed=11)
        b = _build(kind, 500, 3, 0.05, seed=11)
        pa, pb = a.save_npz(tmp_path / "a.npz"), b.save_npz(tmp_path / "b.npz")
        xa, xb = a.to_arrays(), b.to_arrays()
        assert xa.keys() == xb.keys()
        assert all(np.array_equal(xa[key], xb[key]) for key in xa)
        assert pa.read_bytes() == pb.read_bytes()
        c = _build(kind, 500, 3, 0.05, seed=12).to_arrays()
        assert not np.array_equal(xa["W1_val"], c["W1_val"])


@pytest.mark.parametrize("kind", ["permutation", "pairwise-and"])
def test_public_interface_is_instance_independent(kind: str) -> None:
    rng = np.random.default_rng(0)
    if kind == "permutation":
        other = rng.permutation(400)
    else:
        other = build_trivial("pairwise-and", 400, seed=99).instance
    a = _build(kind, 400, 3, 0.05, seed=5)
    b = _build(kind, 400, 3, 0.05, seed=5, instance=other)
    assert not np.array_equal(a.instance, b.instance)
    assert (a.D != b.D).nnz == 0 and (a.E != b.E).nnz == 0
    assert np.array_equal(a.theta, b.theta)
    assert a.resources().widths == b.resources().widths
    assert (a.weights[0] != b.weights[0]).nnz > 0


def _star(m_prime: int) -> np.ndarray:
    return np.stack([np.zeros(m_prime, dtype=np.int64), np.arange(1, m_prime + 1)], axis=1)


def test_star_instance_computes_correctly() -> None:
    m_prime = 400
    net = build_pairwise_and(m_prime, 3, 0.01, seed=0, m=m_prime + 1, instance=_star(m_prime))
    assert net.meta["rerouted"] == m_prime and net.meta["channel_features"] == 1
    assert net.resources().max_width < m_prime * 12
    v = verify(net, delta=0.01, seed=0, inputs=2000)
    assert v.meets_delta and v.errors == 0
    # adversarial inputs: the centre active plus leaves / leaves only
    rng = np.random.default_rng(1)
    x = np.zeros((600, m_prime + 1))
    for i in range(600):
        x[i, rng.choice(np.arange(1, m_prime + 1), size=1 + i % 3, replace=False)] = 1
        x[i, 0] = i % 2
    assert np.array_equal(net.forward(x), net.target(x))


def test_star_exhaustive_small() -> None:
    net = build_pairwise_and(24, 3, 0.05, seed=0, m=25, instance=_star(24), G=100, g=100)
    v = verify(net, delta=0.0, seed=0)
    assert v.method == "exhaustive" and v.errors == 0


def test_high_influence_budget_error() -> None:
    # every feature has degree m-1: more channel features than the budget
    m = 40
    pairs = np.array([(a, b) for a in range(m) for b in range(a + 1, m)][:600])
    with pytest.raises(ValueError, match="G_in"):
        build_pairwise_and(600, 3, 0.05, seed=0, m=m, instance=pairs, tau=1)


def test_random_instances_meet_delta_monte_carlo() -> None:
    for kind in ("permutation", "pairwise-and"):
        net = _build(kind, 3000, 3, 0.01, seed=1)
        v = verify(net, delta=0.01, seed=1, inputs=2000)
        assert v.errors == 0 and net.resources().max_width < 3000 or kind == "pairwise-and"
        assert v.errors == 0


def test_under_provisioned_network_fails_verification() -> None:
    # far too small a code: verification must report it
    net = build_permutation(3000, 3, 0.01, seed=1, r=4, s=4, G=40, g=40)
    v = verify(net, delta=0.01, seed=1, inputs=1000)
    assert not v.meets_delta
    assert failure_bound("permutation", 3000, 3, 4, 4, 40, 40)["total"] > 0.01


def test_parameters_formulas() -> None:
    p = choose_parameters("pairwise-and", 20000, 3, 0.01)
    ell = math.log(20000 / 0.01)
    assert p.r >= math.ceil(0.75 * ell) and p.s == p.r
    assert p.G == math.ceil(2 * math.sqrt(3 * 20000)) and p.g == p.G
    assert p.G_in == p.G and p.theta == math.ceil(p.r / 2) - 0.5
    assert p.bound <= 0.01 and max(p.d, p.H + p.H_in) < 20000
    with pytest.raises(ValueError, match="override"):
        choose_parameters("permutation", 100, 3, 0.1, bogus=1)
    with pytest.raises(ValueError, match="delta"):
        choose_parameters("permutation", 100, 3, 0.0)
