"""Sparse (cutting-plane) hull attacks (bounds/constructions/hullattack.py): the sparse
hull depth and window margin equal the dense LPs (finite, below 1, unbounded), and the
multi-unit attack instance is a deterministic permutation whose attacked units listen to
exactly the returned sets."""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from bounds.constructions.hullattack import (
    hull_attack_instance,
    hull_depth,
    hull_depth_lp,
    sparse_code,
    unit_owners,
    window_margin,
)
from bounds.constructions.sepperm import _unit_sets, choose_separated


def test_sparse_depth_equals_dense_on_random_codes() -> None:
    rng = np.random.default_rng(11)
    seen_below, seen_above = 0, 0
    for _ in range(2):
        E = rng.choice([-1, 0, 0, 1], size=(400, 10))
        Es = sp.csr_matrix(E)
        for _ in range(8):
            S = rng.choice(400, size=int(rng.integers(1, 6)), replace=False).tolist()
            a, b = hull_depth(E, S), hull_depth(Es, S)
            assert a == b or math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-9), (S, a, b)
            x, y = window_margin(E, S), window_margin(Es, S)
            assert x == y or math.isclose(x, y, rel_tol=1e-7, abs_tol=1e-7), (S, x, y)
            seen_below += a < 1 - 1e-6
            seen_above += a > 1 + 1e-6
    assert seen_below and seen_above  # both sides of the criterion were compared


def test_sparse_depth_below_one_and_unbounded() -> None:
    # D < 1: (1, 0) = mean of members (2, 0) ... here members (1,1), (1,-1), rest has (2, 0)
    E = np.array([[2, 0], [-1, 1], [-1, -1], [1, 1], [1, -1]])
    assert math.isclose(hull_depth(sp.csr_matrix(E), [3, 4]), 0.5, rel_tol=1e-9)
    # a first subset LP that is unbounded without the box: it holds only rest points with
    # x_0 <= 0, the one point that bounds the LP, (2, 0, ...), must be found by the cuts
    rng = np.random.default_rng(5)
    R = -np.abs(rng.choice([0, 1], size=(300, 6)))
    R[R.sum(axis=1) == 0, 0] = -1
    E2 = np.vstack([np.eye(6, dtype=np.int64)[:1], R, [[2, 0, 0, 0, 0, 0]]])
    d_dense = hull_depth(E2, [0])
    r = hull_depth_lp(sp.csr_matrix(E2), [0], start=0, initial=[1, 2, 3])
    assert math.isclose(r.value, d_dense, rel_tol=1e-9) and math.isclose(d_dense, 0.5)
    assert r.rounds >= 2 and r.lower == r.upper
    # unbounded: every other point in the closed half-space x_0 <= 0
    E3 = E2[:-1]
    assert hull_depth(E3, [0]) == math.inf == hull_depth(sp.csr_matrix(E3), [0])
    assert window_margin(E3, [0]) == math.inf == window_margin(sp.csr_matrix(E3), [0])


def test_decide_brackets_the_depth() -> None:
    p = choose_separated(400, d=60, G=23, s=8)
    E = sparse_code(p, 0)
    S = np.random.default_rng(2).choice(p.m, p.L, replace=False).tolist()
    exact = hull_depth(E, S)
    r = hull_depth_lp(E, S, decide=1.0)
    assert r.lower <= exact + 1e-9 and exact <= r.upper + 1e-9
    assert (r.lower > 1) == (exact > 1)


def test_hull_attack_instance_realises_the_sets_and_is_deterministic() -> None:
    sizes = {"d": 40, "G": 23, "s": 8}
    p = choose_separated(500, layers=2, **sizes)
    inst, att = hull_attack_instance(500, 3, targets=3, starts=2, **sizes)
    assert sorted(inst.tolist()) == list(range(p.m))
    _R, sets = _unit_sets(p, inst)
    owners = unit_owners(p)
    units = [u for u, _, _ in att]
    assert len(set(units)) == 3
    feats: set[int] = set()
    for u, S, D in att:
        assert len(owners[u]) == p.L == len(S)
        assert sets[u].tolist() == sorted(S)
        assert feats.isdisjoint(S)
        feats.update(S)
        assert math.isclose(D, hull_depth(sparse_code(p, 3), S), rel_tol=1e-7)
    again = hull_attack_instance(500, 3, targets=3, starts=2, **sizes)
    assert np.array_equal(again[0], inst) and again[1] == att
    other = hull_attack_instance(500, 3, targets=3, starts=2, attempt=1, **sizes)
    assert not np.array_equal(other[0], inst)
