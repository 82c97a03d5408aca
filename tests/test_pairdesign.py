"""C2d (pairwise AND from designs): the design properties by brute force, the family's size
against exact enumeration, the theorem against exhaustive enumeration on random and
adversarial instances, and deliberately broken networks that certification must reject."""

from __future__ import annotations

import dataclasses
import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy

from bounds.constructions import registry
from bounds.constructions.adversarial import clique, star, two_hubs
from bounds.constructions.certify import certify
from bounds.constructions.design import _code, affine_owners
from bounds.constructions.pairdesign import (
    build_pair_design,
    certify_pair_design,
    choose_pair_design,
    co_owner_bound,
    co_owner_excess,
    default_max_degree,
    degree_tail,
    family_instance,
    pair_design_accounting,
    pair_design_theta_limits,
    regular_instance,
    shared_endpoint_instance,
)
from bounds.constructions.verify import rows_to_csr


def _exhaustive(net):
    return certify(net, scope="probes", exhaustive_limit=10**6)


@pytest.mark.parametrize("mp", [10, 100, 300, 2000])
def test_code_and_ownership_overlaps_are_bounded(mp):
    p = choose_pair_design(mp)
    e_int, e = _code(p, seed=4, signed=False)
    assert e_int.data.min() == 1.0 and np.allclose(e.data, 1 / math.sqrt(p.s))
    csc = e_int.tocsc()
    supp = [set(csc.indices[csc.indptr[f]:csc.indptr[f + 1]].tolist())
            for f in range(min(p.m, 120))]
    assert all(len(s) == p.s for s in supp)
    assert max(len(a & b) for a, b in itertools.combinations(supp, 2)) <= p.D - 1
    R = affine_owners(p.m_prime, p.G, p.r)
    units = [set(r) for r in R.tolist()]
    assert max(len(a & b) for a, b in itertools.combinations(units[:300], 2)) <= 1
    assert np.bincount(R.ravel()).max() <= p.L
    assert p.worst_case_ok and sympy.isprime(p.G) and sympy.isprime(p.g)
    assert co_owner_bound(p.m_prime, p.m, p.G, p.r) <= Fraction(1, 2)


def test_degree_tail_equals_the_exact_hypergeometric_tail():
    for mp, m, delta in [(12, 8, 3), (30, 20, 4), (50, 50, 5)]:
        N, K = m * (m - 1) // 2, m - 1
        exact = Fraction(sum(math.comb(K, k) * math.comb(N - K, mp - k)
                             for k in range(delta + 1, min(K, mp) + 1)), math.comb(N, mp))
        assert degree_tail(mp, m, delta) == pytest.approx(float(m * exact), rel=1e-12)
    d = default_max_degree(2000)
    assert degree_tail(2000, 2000, d) <= 0.5 < degree_tail(2000, 2000, d - 1)


def test_family_holds_at_least_the_bounded_share_by_enumeration():
    # every labelled instance of 4 pairs of [5] (5040 of them): the share outside F_r is at
    # most the union bound
    p = choose_pair_design(4, 5, G=2, r=2, D=2)
    pairs = list(itertools.combinations(range(5), 2))
    outside = sum(co_owner_excess(p, np.array(t))[0] >= p.r
                  for t in itertools.permutations(pairs, 4))
    total = math.perm(len(pairs), 4)
    assert 0 < outside and Fraction(outside, total) <= co_owner_bound(4, 5, 2, 2)


def _instances(mp: int, seed: int) -> dict[str, tuple[np.ndarray, dict]]:
    p = choose_pair_design(mp)
    out = {"random": (family_instance(p, seed), {}),
           "shared-endpoints": (shared_endpoint_instance(mp, seed, targets=mp)[0], {}),
           "star": (star(mp, m=mp + 1), {"m": mp + 1})}
    if p.r >= 3:  # every feature of degree 2 (r - 1 or less): cycles, and disjoint triangles
        reg, m_reg = regular_instance(mp, 2, seed)
        out["regular"] = (reg, {"m": m_reg})
        tri = [(3 * t + a, 3 * t + b) for t in range(mp // 3 + 1)
               for a, b in ((0, 1), (0, 2), (1, 2))]
        out["cliques"] = (np.array(tri[:mp]), {"m": 3 * (mp // 3 + 1)})
    return out


@pytest.mark.parametrize("degree", [4, 6])
def test_equal_degree_and_clique_instances_with_max_degree_sizing(degree):
    mp = 150
    reg, m_reg = regular_instance(mp, degree, 1)
    q = degree + 1  # disjoint cliques K_q: every degree q - 1
    cl = [(q * t + a, q * t + b) for t in range(mp // math.comb(q, 2) + 1)
          for a, b in itertools.combinations(range(q), 2)][:mp]
    for inst, m in ((reg, m_reg), (np.array(cl), q * (mp // math.comb(q, 2) + 1))):
        net = build_pair_design(mp, 3, 0.01, 1, instance=inst, m=m, max_degree=degree)
        assert net.meta["params"]["r"] == degree + 1
        assert _exhaustive(net).certified and certify_pair_design(net).certified


@pytest.mark.parametrize("mp", [40, 100, 300])
@pytest.mark.parametrize("seed", [0, 5])
def test_theorem_holds_on_random_and_adversarial_instances(mp, seed):
    for name, (inst, opts) in _instances(mp, seed).items():
        net = build_pair_design(mp, 3, 0.01, seed, instance=inst, **opts)
        ours, exact = certify_pair_design(net), _exhaustive(net)
        assert exact.certified, name  # exhaustive, or the margin argument when it suffices
        assert ours.certified and ours.method == "exact-units", (name, ours.note)


def test_shared_endpoint_attack_reaches_the_limit():
    # the attacked feature lights r - 1 of the target's r units: the most the family allows
    mp = 300
    p = choose_pair_design(mp)
    inst, probes = shared_endpoint_instance(mp, 1, targets=5)
    assert len(probes) == 5 and co_owner_excess(p, inst)[0] == p.r - 1
    net = build_pair_design(mp, 3, 0.01, 1, instance=inst)
    rows = rows_to_csr(np.array([[a, c] for _j, a, c in probes]), net.m)
    h = net.hidden(rows)
    lit = [int(h[i, net.D[j].indices].sum().round()) for i, (j, _a, _c) in enumerate(probes)]
    assert lit == [p.r - 1] * 5
    assert not net.forward(rows)[np.arange(5), [j for j, _a, _c in probes]].any()


def test_instances_outside_the_family_are_refused():
    with pytest.raises(ValueError, match="co-owner condition"):
        build_pair_design(300, 3, 0.01, 0, instance=two_hubs(300))
    with pytest.raises(ValueError, match="co-owner condition"):
        build_pair_design(300, 3, 0.01, 0, instance=clique(300))
    # the design-independent family: max degree <= Delta with r = Delta + 1
    p = choose_pair_design(300, max_degree=6)
    assert p.r == 7 and p.max_degree == 6


@pytest.mark.parametrize("broken", ["all-units-attack", "small-s", "low-theta", "no-unit"])
def test_certification_rejects_broken_networks(broken):
    mp, seed = 200, 2
    if broken == "all-units-attack":  # the attacked feature is listened by all r units
        p = choose_pair_design(mp)
        inst, _ = shared_endpoint_instance(mp, seed, targets=20, units=p.r)
        assert co_owner_excess(p, inst)[0] >= p.r
        net = build_pair_design(mp, 3, 0.01, seed, instance=inst, check=False)
    elif broken == "small-s":  # cross-talk beyond the theorem's condition
        net = build_pair_design(mp, 3, 0.01, seed, s=2)
        assert not net.meta["params"]["worst_case_ok"]
    elif broken == "low-theta":  # r - 1 lit units suffice: the co-owner slack is gone
        net = build_pair_design(mp, 3, 0.01, seed)
        net = dataclasses.replace(net, theta=net.theta - 1.0)
        inst, _ = shared_endpoint_instance(mp, seed, targets=20)
        net = dataclasses.replace(build_pair_design(mp, 3, 0.01, seed, instance=inst),
                                  theta=net.theta)
    else:  # one output's units never fire on its own pair
        net = build_pair_design(mp, 3, 0.01, seed)
        W1 = net.weights[0].tolil()
        W1[int(net.D[0].indices[0]), :] = 0.0
        net = dataclasses.replace(net, weights=(W1.tocsr(), net.weights[1]))
    exact = _exhaustive(net)
    ours = certify_pair_design(net)
    assert exact.status == "refuted"
    assert not ours.certified
    if ours.status == "refuted":  # its counter-example is real
        x = np.zeros((1, net.m))
        x[0, list(ours.counterexample)] = 1.0
        assert (net.forward(x) != net.target(x)).any()


@pytest.mark.parametrize("mp", [10, 100, 1000])
def test_accounting_equals_the_built_network(mp):
    acc_sym = pair_design_accounting()
    for inst in (None, shared_endpoint_instance(mp, 0, targets=5)[0]):
        net = build_pair_design(mp, 3, 0.01, 0, instance=inst)
        p = choose_pair_design(mp)
        acc = pair_design_accounting(p)
        res = net.resources()
        assert tuple(int(w) for w in acc["widths"]) == res.widths
        assert int(acc["total_neurons"]) == res.total_neurons
        assert int(acc["params_dense"]) == res.params_dense
        assert res.params_nonzero <= int(acc["params_nonzero_upper"])
        assert res.layers == 2
    assert acc_sym["total_neurons"].free_symbols


def test_theta_limits_are_finite_and_positive():
    lim = pair_design_theta_limits()
    for key in ("max_width", "total_neurons", "params_dense", "params_nonzero_upper"):
        assert lim[key].is_positive and lim[key].is_finite, key


def test_registry_entry_states_the_family():
    entry = registry.get("pairwise-and-design")
    assert entry.family_claim and entry.baseline == "trivial-pairwise-and"
    assert "F_r" in entry.correctness and "NOT a construction of the whole" in entry.correctness
    net = entry.build(120, 3, 0.01, 0)
    assert net.meta["construction"].startswith("C2d")


def test_crossover_with_c0_and_the_frontier_row():
    from bounds.constructions.crossover import design_crossover
    from bounds.reports.frontier import frontier_row

    assert design_crossover("max_width", 600, construction="pairwise-and-design") == 432
    assert design_crossover("total_neurons", 1600, construction="pairwise-and-design") == 1477
    row = frontier_row("pairwise", 2000)
    con = row.construction
    assert con["name"].startswith("C2d") and con["claim"] == "family"
    assert con["neurons"] < 2000 and con["neurons_total"] < 2000 or \
        choose_pair_design(2000, objective="total_neurons").H * 2 < 2000
    assert row.lower_tolerant["wrong_probes"] == 0
