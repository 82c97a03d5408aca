"""bounds.constructions.separate: the LP separator against independent references."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.optimize import linprog

from bounds.constructions.separate import quantize, separate_sets, solve_bounds


def _hulls_meet(A: np.ndarray, B: np.ndarray) -> bool:
    """Independent reference: conv(A) ∩ conv(B) ≠ ∅ (an LP in the convex weights)."""
    na, nb = len(A), len(B)
    eq = np.vstack([np.hstack([A.T, -B.T]),
                    np.hstack([np.ones((1, na)), np.zeros((1, nb))]),
                    np.hstack([np.zeros((1, na)), np.ones((1, nb))])])
    rhs = np.concatenate([np.zeros(A.shape[1]), [1.0, 1.0]])
    res = linprog(np.zeros(na + nb), A_eq=eq, b_eq=rhs, bounds=[(0, None)] * (na + nb),
                  method="highs")
    return res.status == 0


def test_point_inside_hull_is_refused() -> None:
    P = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0], [1.0, 0.5]])  # last inside the triangle
    lo = np.array([1.0, 1.0, 1.0, -np.inf])
    hi = np.array([np.inf, np.inf, np.inf, -1.0])
    assert solve_bounds(P, lo, hi) is None
    # the same point as a member, the corners outside: separable iff hulls are disjoint
    assert solve_bounds(P, np.array([-np.inf, -np.inf, -np.inf, 1.0]),
                        np.array([-1.0, -1.0, -1.0, np.inf])) is None


@pytest.mark.parametrize("seed", range(12))
def test_matches_hull_disjointness(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, d = 9, 3
    P = rng.integers(-2, 3, size=(m, d)).astype(float)
    S = rng.choice(m, size=int(rng.integers(1, 5)), replace=False)
    out = np.setdiff1d(np.arange(m), S)
    lo = np.full(m, -np.inf)
    hi = np.full(m, -1.0)
    lo[S], hi[S] = 1.0, np.inf
    sep = solve_bounds(P, lo, hi, start=1, add=1)  # exercise the cutting planes
    assert (sep is None) == _hulls_meet(P[S], P[out])
    if sep is not None:
        v = P @ sep.w + sep.beta
        assert np.all(v[S] >= 1.0) and np.all(v[out] <= -1.0)
        assert sep.margin_lo >= 0 and sep.margin_hi >= 0


def test_window_and_objectives_sparse_input() -> None:
    rng = np.random.default_rng(3)
    m, d, s = 300, 60, 6
    rows = np.concatenate([rng.choice(d, s, replace=False) for _ in range(m)])
    P = sp.csr_matrix((rng.choice([-1.0, 1.0], m * s), (np.repeat(np.arange(m), s), rows)),
                      shape=(m, d))
    S = rng.choice(m, 5, replace=False)
    for obj in ("linf", "l1"):
        sep = separate_sets(P, [S], hi_in=1.375, objective=obj, start=4, add=16)[0]
        assert sep is not None
        v = P @ sep.w + sep.beta
        mask = np.zeros(m, bool)
        mask[S] = True
        assert np.all((v[mask] >= 1) & (v[mask] <= 1.375)) and np.all(v[~mask] <= -1)
        assert sep.beta <= -1  # the origin (appended zero row) is below too
        q = quantize(P, np.where(mask, 1.0, -np.inf), np.where(mask, 1.375, -1.0), sep, 64)
        assert q is not None
        vi = (P.astype(np.int64) @ q.w_int) + q.beta_int
        assert np.all(vi[mask] >= 64) and np.all(vi[mask] <= 88) and np.all(vi[~mask] <= -64)
        assert q.max_int == int(np.abs(q.w_int).max())


def test_quantize_resolves_at_small_scale_or_refuses() -> None:
    P = np.array([[1, 1, 0, 1], [1, -1, 1, 0], [0, 1, -1, 1], [-1, 0, 1, 1]])
    lo = np.array([1.0, -math.inf, -math.inf, -math.inf])
    hi = np.array([math.inf, -1.0, -1.0, -1.0])
    for a in (1, 2, 3, 8):
        q = quantize(P, lo, hi, solve_bounds(P, lo, hi), a)
        if q is not None:
            v = P @ q.w_int + q.beta_int
            assert v[0] >= a and np.all(v[1:] <= -a)
    with pytest.raises(ValueError, match="integer points"):
        quantize(P * 0.5, lo, hi, None, 4)
    # infeasible problem: no scale helps
    Q = np.array([[0, 0], [2, 0], [1, 0]])
    assert quantize(Q, np.array([1.0, 1.0, -math.inf]), np.array([math.inf, math.inf, -1.0]),
                    None, 16) is None
