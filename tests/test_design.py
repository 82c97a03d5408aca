"""C1d (algebraic designs): the design properties by brute force, the theorem against
exhaustive enumeration on random and adversarial instances, and the condition's necessity."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy

from bounds.constructions import registry
from bounds.constructions.certify import certify
from bounds.constructions.design import (
    _code,
    build_permutation_design,
    choose_design,
    design_theta_limits,
    overlap_instance,
    owners,
)


@pytest.mark.parametrize("mp, ov", [(60, {}), (300, {}), (300, {"D": 3}), (1000, {})])
def test_code_and_ownership_overlaps_are_bounded(mp, ov):
    p = choose_design(mp, **ov)
    e_int, _ = _code(p, seed=5, signed=False)
    assert (e_int.data == 1).all()  # unsigned: n(f, c) = |supp f ∩ supp c| in [0, D - 1]
    csc = e_int.tocsc()
    supp = [set(csc.indices[csc.indptr[f]:csc.indptr[f + 1]].tolist())
            for f in range(min(p.m, 150))]
    assert all(len(s) == p.s for s in supp)
    assert max(len(a & b) for a, b in itertools.combinations(supp, 2)) <= p.D - 1
    R = owners(p)
    units = [set(r) for r in R.tolist()]
    assert max(len(a & b) for a, b in itertools.combinations(units[:400], 2)) <= 1
    assert np.bincount(R.ravel()).max() <= p.L
    assert p.worst_case_ok and p.s == (p.D - 1) * p.L + 1 and sympy.isprime(p.g)


@pytest.mark.parametrize("mp", [40, 78, 200, 500])
@pytest.mark.parametrize("seed", [0, 3])
def test_theorem_holds_on_random_and_adversarial_instances(mp, seed):
    inst, probes = overlap_instance(mp, seed, targets=mp)
    assert sorted(inst.tolist()) == list(range(mp)) and probes
    for instance in (None, inst):
        net = build_permutation_design(mp, 3, 0.01, seed, instance=instance)
        exact = certify(net, scope="probes", exhaustive_limit=10**6)
        margin = certify(net, scope="probes", exhaustive_limit=0, structure=False)
        rs = certify(net, scope="probes", exhaustive_limit=0)
        assert exact.method == "exhaustive" and exact.certified
        assert margin.method == "margin" and margin.certified
        assert rs.method == "rs-structure" and rs.certified


def test_condition_is_needed_against_the_attack():
    # s = (D - 1)L, one below the theorem's s: random instances may survive, the attack
    # (j and its co-owners all on features sharing D - 1 coordinates with c) does not
    for mp in (78, 500):
        p = choose_design(mp)
        ov = {"D": p.D, "G": p.G, "s": p.s - 1}
        inst, _ = overlap_instance(mp, 0, targets=mp, **ov)
        net = build_permutation_design(mp, 3, 0.01, 0, instance=inst, **ov)
        assert not net.meta["params"]["worst_case_ok"]
        assert certify(net, scope="probes", exhaustive_limit=10**6).status == "refuted"


def test_sizes_and_crossovers():
    assert max(choose_design(28).d, choose_design(28).H) >= 28
    for mp in (29, 78, 100, 500, 2000):
        p = choose_design(mp)
        assert max(p.d, p.H) < mp
    for mp in (67, 188, 300, 500):
        p = choose_design(mp, objective="total_neurons")
        assert 2 * p.H < mp and max(p.d, p.H) < mp
    with pytest.raises(ValueError, match="objective"):
        choose_design(100, objective="params")
    with pytest.raises(ValueError, match="g must be prime"):
        choose_design(100, D=2, L=3, g=12, s=7)


def test_theta_limits_and_registry():
    lim = design_theta_limits()
    a, c = sympy.symbols("a c", positive=True)
    assert lim["total_neurons"] == 4 * c and lim["params_nonzero_upper"] == 2 * a
    entry = registry.get("permutation-design")
    assert entry.family_claim and "one-hot" in entry.correctness
    assert entry.short == "C1d" and entry.baseline == "trivial-permutation"
