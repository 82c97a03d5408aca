"""Hull attacks on C1s (bounds/constructions/hullattack.py): the LP-duality criteria agree
with the separation LP itself, a planted point is found, attack instances are permutations
realising the chosen set, and an undersized C1s is broken while a roomy one is not."""

from __future__ import annotations

import math

import numpy as np
import pytest

from bounds.constructions.design import affine_owners
from bounds.constructions.hullattack import (
    attack_c1s,
    attack_c2s,
    builder_error,
    code_matrix,
    hull_depth,
    local_search,
    nearest_hull_subset,
    origin_attack,
    realize,
    realize_pairs,
    unit_owners,
    window_margin,
)
from bounds.constructions.separate import solve_bounds
from bounds.constructions.sepperm import ETA_WINDOW, choose_separated


def _lp_feasible(E: np.ndarray, S: list[int], window: bool) -> bool:
    """The builder's LP (sepperm's bounds): members >= 1 (<= 1 + eta), others, origin <= -1."""
    P = np.vstack([E, np.zeros((1, E.shape[1]), dtype=E.dtype)])
    lo = np.full(P.shape[0], -math.inf)
    hi = np.full(P.shape[0], -1.0)
    lo[S] = 1.0
    hi[S] = 1.0 + ETA_WINDOW if window else math.inf
    return solve_bounds(P, lo, hi) is not None


def test_depth_and_window_match_the_separation_lp() -> None:
    rng = np.random.default_rng(3)
    E = rng.choice([-1, 0, 0, 1], size=(40, 8))
    checked = 0
    for _ in range(30):
        S = sorted(rng.choice(40, size=int(rng.integers(1, 5)), replace=False).tolist())
        D = hull_depth(E, S)
        if abs(D - 1) > 1e-6:
            assert (D > 1) == _lp_feasible(E, S, window=False)
            checked += 1
        s = window_margin(E, S)
        if abs(s - 1) > 1e-6:
            assert (s >= 1) == _lp_feasible(E, S, window=True)
        if D <= 1 - 1e-6:
            assert s <= 1e-9  # an infeasible clip LP forces s* = 0
    assert checked >= 20
    assert any(hull_depth(E, [f]) > 1 for f in range(40))  # not all infeasible


def test_planted_point_inside_the_hull_is_found() -> None:
    rng = np.random.default_rng(0)
    E = rng.normal(size=(30, 12))
    E[29] = (E[3] + E[7] + E[11]) / 3  # planted: 29 is the centroid of 3, 7, 11
    S, dist = nearest_hull_subset(E, E[29], 3, exclude=[29])
    assert sorted(S) == [3, 7, 11] and dist < 1e-6
    # conv(S) contains E_29, a non-member: no separating row exists
    assert hull_depth(E, S) <= 1 + 1e-9
    assert not _lp_feasible(E, S, window=False)
    # on a sparse sign code, pursuit towards 0 beats each of 10 random sets
    C = code_matrix(choose_separated(200, d=40, G=17, s=8), seed=0)
    S0, _ = nearest_hull_subset(C, np.zeros(40), 12)
    rand = [hull_depth(C, rng.choice(200, 12, replace=False)) for _ in range(10)]
    assert hull_depth(C, S0) < min(min(rand), 1)


def test_realize_is_a_permutation_with_the_unit_listening_to_S() -> None:
    p = choose_separated(200, d=30, G=17, s=8)
    owners = unit_owners(p)
    R = affine_owners(p.m_prime, p.G, p.r)
    for u in (0, 5, p.G + 3):
        assert sorted(owners[u]) == np.flatnonzero((R == u).any(axis=1)).tolist()
        S = list(range(100, 100 + len(owners[u])))
        perm = realize(p, u, S, seed=1)
        assert sorted(perm.tolist()) == list(range(p.m))
        assert sorted(perm[owners[u]].tolist()) == S
    with pytest.raises(ValueError, match="distinct features"):
        realize(p, 0, [1] * len(owners[0]), seed=0)


def test_attack_breaks_an_undersized_c1s_and_not_a_roomy_one() -> None:
    small = {"d": 30, "G": 17, "s": 8}
    res = attack_c1s(200, 0, layers=2, methods=("origin",), starts=3, **small)
    assert res[0].broken and res[0].depth < 1
    assert "cannot be separated" in res[0].error
    # the same instance also breaks the window variant (window feasible => clip feasible)
    assert builder_error(200, 0, res[0].instance, layers=1, **small) is not None
    # roomy sizes: the best origin attack's set is separable and the builder builds it
    roomy = {"d": 80, "G": 13, "s": 8}
    p = choose_separated(150, **roomy)
    E = code_matrix(p, 0)
    S = origin_attack(E, p.L, starts=2)
    S, D = local_search(E, S, steps=1)
    assert 1 < D < math.inf  # finite: the rest surrounds the origin, the LP is not trivial
    assert builder_error(150, 0, realize(p, 0, S, 0), **roomy) is None


def test_c2s_attack_realised_inside_F_r_breaks_an_undersized_c2s() -> None:
    from bounds.constructions.pairdesign import co_owner_excess
    from bounds.constructions.seppair import choose_pair_separated

    p = choose_pair_separated(300, g=9)
    own = unit_owners(p)[3]
    S = list(range(50, 50 + 2 * len(own)))
    inst = realize_pairs(p, 3, S, seed=2)
    assert len({tuple(x) for x in inst.tolist()}) == p.m_prime  # distinct pairs
    assert np.all(inst[:, 0] < inst[:, 1])
    assert sorted(inst[own].ravel().tolist()) == S
    assert co_owner_excess(p, inst)[0] < p.r  # inside F_r
    res = attack_c2s(300, 0, starts=2, targets=0, g=9)
    assert res[0].depth <= 1 and res[0].broken and "no separating row" in res[0].error
