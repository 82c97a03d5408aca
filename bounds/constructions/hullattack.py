r"""Adversarial permutations against C1s (:mod:`bounds.constructions.sepperm`): choose, AFTER
the public code and seed, the features ``S`` one unit listens to so that its separation LP
is infeasible (then the builder raises and C1s has no network for that instance).

**Criterion (exact LP duality, this library's derivation).** With code points ``E_p`` and
the origin, the clip variant (``layers=2``) needs an affine ``f`` with ``f ≥ 1`` on ``S``,
``f ≤ −1`` on the rest ``R`` and on ``0``. It exists iff the **hull depth**

    D(S) = max_w { min_{f∈S} ⟨w, E_f⟩ : ⟨w, E_x⟩ ≤ 1 for x ∈ R }   (> 1)

(if ``D > 1`` take ``b ≥ 2/(D−1)``, ``w ← b·w``, ``β = −1 − b``; conversely ``β ≤ −1`` and
``b = −1 − β`` give rest ``≤ b``, members ``≥ 2 + b``). By LP duality ``D(S) = min{t :
conv(S) ∋ q ∈ t·conv(R ∪ {0})}``, so ``D ≤ 1`` exactly when ``conv(S)`` meets
``conv(R ∪ {0})``. The window variant (``layers=1``: members in ``[1, 1+η]``) is feasible iff
the **window margin** ``s*(S) = max{s : 1 ≤ f(S) ≤ 1+η, f(R ∪ {0}) ≤ 1 − 2s} ≥ 1``; window
feasible implies clip feasible, so an ``S`` with ``D(S) ≤ 1`` breaks both.

**Attacks** (each returns a member set; :func:`realize` turns it into a permutation whose
chosen unit listens to exactly ``S``):

* (b) :func:`origin_attack` — greedy nonnegative pursuit towards the origin: starting
  from one feature, repeatedly add the feature most anti-correlated with the current
  nearest point ``q`` of ``conv(S)`` to the target (Frank–Wolfe selection), refit ``q`` by
  simplex-constrained least squares. ``conv(S)`` then holds a point near ``0``, which lies
  deep inside ``conv(R ∪ {0})``;
* (a) :func:`point_attack` — the same pursuit towards ``E_c`` of a non-member ``c``
  (``conv(S)`` near ``E_c``: a sparse convex combination of other codewords);
* (c) :func:`window_attack` — ``S = {c} ∪ T`` with ``conv(T)`` near ``κ·E_c``: then
  ``f(κE_c) ≥ 1`` and ``f(E_c) ≤ 1 + η`` force ``f(0) ≥ 1 − η κ/(1 − κ)``, which is
  ``> −1`` for ``κ < 2/(2 + η)``;
* (d) :func:`local_search` — swaps that lower the LP objective (``D`` or ``s*``): out, the
  members with the largest ``⟨w*, E_f⟩`` under the optimal row ``w*``; in, the non-members
  with the least.

**Sparse code (m′ up to 10⁵).** Every LP and pursuit accepts the code either dense
(:func:`code_matrix`, one LP over all rows: fine to m′ ≈ 2000) or as a scipy sparse ``m × d``
matrix (:func:`sparse_code`, ``s`` nonzeros a row). Sparse, the LPs run by **cutting planes**
over the rest (:func:`_cut_lp`: an active subset, one sparse product ``E @ w`` to find the
most violated rest rows, HiGHS interior point per round) with a temporary box
``|w_k| ≤ B`` that is dropped exactly (zero box multipliers, or a value unchanged when ``B``
grows tenfold: the value is concave and nondecreasing in ``B``), so the value is the dense
LP's (tested to 1e-7); :func:`hull_depth_lp` also returns the bracket ``lower ≤ D ≤ upper``
that every round gives and can stop once it decides ``D`` against 1. The pursuit uses
``E @ v`` only. :func:`hull_attack_instance` attacks several units at once (disjoint owners
and feature sets) and returns the permutation for the builder.

**Measured 2026-12-03** (sparse paths, seed 0, ``s = 8``, ``d = 2G``, the multi-unit attack
of ``benchmarks/attack_hull.py --sparse --targets 2 --starts 5 --steps 2 --n-out 2 --n-in 4``;
2 shared cores, load 4–5, so wall ≈ 2–3× CPU; CPU s for the whole 2-unit attack). At
m′ = 10⁴, two layers, least ``D`` of the two attacked units (every ``D ≤ 1`` unit confirmed
by the builder's unit LP, ``units_separable → False``): ``G = 173`` (``d = 346, L = 58``)
0.160 (10 s); ``G = 251`` (``L = 40``) 0.508 (69 s); ``G = 293`` (``L = 35``) 0.726 (82 s);
``G = 331`` (``L = 31``) 0.925 (114 s); ``G = 337`` (``L = 30``) 0.962 (160 s) — all broken;
``G = 347`` (``d = 694, L = 29``) 1.013 (173 s), ``G = 359`` (``L = 28``) 1.113 (157 s),
``G = 373`` (the default, ``d = 746, L = 27``) 1.217 (173 s) — not broken. So the least
``G`` these attacks fail to break is 347, at ``L/√d = 1.10`` (broken at ``G = 337``,
``L/√d = 1.16``), against ``L/√d ≈ 0.97`` (``G = 53``, not broken; ``G = 47``, ``1.13``,
broken) at m′ = 500 with ``s = 16``: the threshold stays at ``L ≈ √d`` (slightly above it
at 10⁴, ``s = 8``) — the default's margin at 10⁴ is ``D − 1 = 0.22``. One layer: the
window margin of the attack sets with ``D > 1`` was ``s* = ∞`` (``G = 347``: the window LP is
unbounded — ``aff(S)`` misses ``conv(R ∪ {0})``, so ``S`` fits on one level set; the dense
LP agrees on a smaller case, m′ = 2000, ``G = 131``: ``D = 1.177, s* = ∞``), so the
one-layer threshold is the same ``G`` (at ``G = 331`` the window builder's unit LP refused
both attacked units too).
At m′ = 10⁵ (default ``G = 1721, d = 3442, L = 59``, one layer) the exact cutting-plane
``D`` did NOT finish before the deadline (two runs, ``--targets 2 --starts 6 --screen 2
--steps 0`` and ``--targets 1 --starts 6 --screen 1``: 27 and 8 CPU min without a result at
load 4–5). A diagnostic on the best of 3 pursuits (starts 1, 2, 3; distance of ``conv(S)``
to 0: 0.176) gave subset-LP values 3.04, 1.53, 1.46, 1.448 after 4 rounds (6943 → 12282
active rest rows, 29–95 CPU s per interior-point round), still falling; these are upper
bounds on ``D`` only when no box multiplier is active (not recorded), so no depth at 10⁵ is
claimed here — the attack there needs ``--decide 1.0`` (stop once the bracket decides) or
more CPU.

The verdict on an attack is the builder's (:func:`builder_error`): the attack succeeds
when :func:`~bounds.constructions.sepperm.build_permutation_separated` raises for its
instance. ``D``/``s*`` are float64 LP values (diagnostics, not certificates).

>>> from bounds.constructions.sepperm import choose_separated
>>> p = choose_separated(500, layers=2, d=40, G=23, s=16)   # deliberately undersized
>>> E = code_matrix(p, seed=0)
>>> S = origin_attack(E, p.L, starts=3)
>>> hull_depth(E, S) < 1, len(S) == p.L
(True, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog, nnls

from bounds.constructions.design import affine_owners
from bounds.constructions.sepperm import (
    ETA_WINDOW,
    SeparatedParams,
    build_permutation_separated,
    choose_separated,
    sign_code,
)
from bounds.validation import as_int

__all__ = ["AttackResult", "CutLP", "attack_c1s", "attack_c2s", "builder_error",
           "code_matrix", "hull_attack_instance", "hull_depth", "hull_depth_lp", "local_search",
           "nearest_hull_subset", "origin_attack", "pair_depth", "point_attack", "realize",
           "realize_many", "realize_pairs", "sparse_code", "unit_owners", "window_attack",
           "window_margin"]


@dataclass(frozen=True)
class AttackResult:
    """One attack on one unit: ``members`` (the features the unit is made to listen to),
    the float64 LP diagnostics ``depth`` (:func:`hull_depth`, clip separable iff ``> 1``) and
    ``window`` (:func:`window_margin`, window feasible iff ``≥ 1``), the realised
    ``instance`` and the builder's error (``None``: it built, the attack failed, or the
    builder was not run: ``checked=False``)."""

    method: str
    unit: int
    members: tuple[int, ...]
    depth: float
    window: float
    instance: np.ndarray
    error: str | None
    checked: bool = True

    @property
    def broken(self) -> bool:
        """The builder raised for this instance (C1s has no network for it)."""
        return self.error is not None


def code_matrix(p: SeparatedParams, seed: int) -> np.ndarray:
    """The public integer code of C1s as an ``m × d`` int64 array (row ``f`` = ``e_int[:, f]``)."""
    return np.asarray(sign_code(p.d, p.s, p.m, seed).T.toarray(), dtype=np.int64)


def sparse_code(p: SeparatedParams, seed: int) -> sp.csr_matrix:
    """The same code as :func:`code_matrix` as an ``m × d`` CSR float64 matrix (``s`` nonzeros
    a row): the input of the sparse (cutting-plane) paths, usable at m′ = 10⁵.

    >>> p = choose_separated(60, d=38, G=19, s=8)
    >>> bool((sparse_code(p, 0).toarray() == code_matrix(p, 0)).all())
    True
    """
    out = sp.csr_matrix(sign_code(p.d, p.s, p.m, seed).T.tocsr(), dtype=np.float64)
    out.sort_indices()
    return out


def _rows(E: Any, S: Sequence[int]) -> np.ndarray:
    """Rows ``S`` of ``E`` (dense or sparse) as a dense float64 array."""
    S = np.asarray(S, dtype=np.int64)
    if sp.issparse(E):
        return np.asarray(E[S].toarray(), dtype=np.float64)
    return np.asarray(E[S], dtype=np.float64)


def _csr(E: Any) -> sp.csr_matrix:
    if sp.issparse(E) and E.format == "csr" and E.dtype == np.float64:
        return E
    out = sp.csr_matrix(E, dtype=np.float64)
    out.sort_indices()
    return out


@dataclass(frozen=True)
class CutLP:
    """Result of a cutting-plane LP over the rest (:func:`hull_depth`, :func:`window_margin`
    on sparse input): the objective ``value`` (``inf`` when unbounded), the optimal row
    ``w`` (``None`` when unbounded), the ``active`` rest features of the last LP (usable as
    ``initial`` for a neighbouring set), the LP ``rounds``, the final box ``B`` and the
    bracket ``lower ≤ D ≤ upper`` (equal to ``value`` when the loop ran to the end)."""

    value: float
    w: np.ndarray | None
    active: np.ndarray
    rounds: int
    box: float
    lower: float = math.nan
    upper: float = math.nan


def _solve(c: np.ndarray, A: sp.csr_matrix, b: np.ndarray, bounds: list[tuple[Any, Any]]
           ) -> Any:
    for method in ("highs-ipm", "highs"):  # interior point (fast at d ~ 3000), then simplex
        res = linprog(c, A_ub=A, b_ub=b, bounds=bounds, method=method)
        if res.status in (0, 2, 3):
            return res
    raise RuntimeError(f"hullattack: linprog failed: {res.message}")


def _cut_lp(E: sp.csr_matrix, S: np.ndarray, fixed: sp.csr_matrix, fixed_b: np.ndarray,
            g: np.ndarray, c_extra: np.ndarray, extra_bounds: list[tuple[Any, Any]], *,
            initial: Sequence[int] | np.ndarray = (), start: int | None = None,
            add: int | None = None, box: float = 10.0, box_max: float = 1e7,
            tol: float = 1e-9, max_rounds: int = 200, early: Any = None
            ) -> tuple[Any, np.ndarray, int, float]:
    """Minimise ``c_extra·z`` over ``x = (w, z)`` subject to ``fixed·x ≤ fixed_b`` and, for
    every rest feature ``x ∉ S``, ``⟨w, E_x⟩ + g·z ≤ 1``, by cutting planes: the rest rows
    are solved on an active subset (start: the ``start`` rest features with the largest
    ``⟨w₀, E_x⟩``, ``w₀`` the least-norm row with ``⟨w₀, E_f⟩ = 1`` on ``S``, default
    ``2d``, or none when ``initial`` is given — then ``initial`` alone), all rest rows are
    evaluated with one sparse product, the ``add`` most violated are added, and the loop
    repeats. A temporary box ``|w_k| ≤ B`` keeps every
    subset LP bounded; at a point feasible for ALL rows the box is dropped as follows: if no
    box bound carries a dual multiplier, the box LP's dual is a dual of the unboxed LP, so
    the value is exact; otherwise ``B ← 10B`` — and if the value did not change from
    ``B/10`` to ``B`` it is exact too (the value is concave and nondecreasing in ``B``). A
    value still growing at ``box_max`` is reported unbounded (``res=None``). ``early(res,
    viol, marg)``: a test run after every LP (``viol`` the rest rows' excess over 1,
    ``marg`` the largest box multiplier); when it returns True the loop stops there (the
    caller reads bounds from that LP). Returns ``(res, active rest features, rounds, B)``."""
    m, d = E.shape
    k = S.size
    ES = _rows(E, S)
    inS = np.zeros(m, dtype=bool)
    inS[S] = True
    ini = np.asarray(initial, dtype=np.int64)
    start = (0 if ini.size else 2 * d) if start is None else start
    add = max(200, d // 4) if add is None else add
    w0 = np.linalg.lstsq(ES, np.ones(k), rcond=None)[0] if k else np.zeros(d)
    v0 = np.asarray(E @ w0).ravel()
    v0[inS] = -np.inf
    active = np.zeros(m, dtype=bool)
    active[np.argsort(-v0)[:min(start, m - k)]] = True
    active[ini] = True
    active[inS] = False
    c = np.concatenate([np.zeros(d), c_extra])
    prev: float | None = None
    for rounds in range(1, max_rounds + 1):
        idx = np.flatnonzero(active)
        rest = sp.hstack([E[idx], sp.csr_matrix(np.tile(g, (idx.size, 1)))], format="csr")
        A = sp.vstack([fixed, rest], format="csr")
        b = np.concatenate([fixed_b, np.ones(idx.size)])
        res = _solve(c, A, b, [(-box, box)] * d + list(extra_bounds))
        if res.status == 2:
            raise RuntimeError("hullattack: a subset LP is infeasible (it has a feasible "
                               "point: a solver failure)")
        if res.status == 3:  # unbounded in the extras (box holds w): more rows cannot help
            return None, idx, rounds, box
        w, z = res.x[:d], res.x[d:]
        viol = np.asarray(E @ w).ravel() + float(g @ z) - 1.0
        viol[inS] = -np.inf
        marg = max(float(np.abs(res.upper.marginals[:d]).max(initial=0.0)),
                   float(np.abs(res.lower.marginals[:d]).max(initial=0.0)))
        if early is not None and early(res, viol, marg):
            return res, idx, rounds, box
        fresh = np.flatnonzero((viol > tol) & ~active)
        if fresh.size:
            active[fresh[np.argsort(-viol[fresh])[:add]]] = True
            continue
        val = float(res.fun)
        if marg <= 1e-9 or (prev is not None and abs(val - prev) <= 1e-9 * max(1.0, abs(val))):
            return res, idx, rounds, box
        prev, box = val, 10 * box
        if box > box_max:
            return None, idx, rounds, box
    raise RuntimeError(f"hullattack: no answer after max_rounds={max_rounds} rounds")


def _depth_cut(E: Any, S: Sequence[int], *, decide: float | None = None, **kw: Any) -> CutLP:
    """``D(S)`` by :func:`_cut_lp` (sparse input): ``max t`` with ``⟨w, E_f⟩ ≥ t`` on ``S``,
    ``⟨w, E_x⟩ ≤ 1`` on the rest. Every subset LP brackets ``D``: its value is an upper bound
    when no box multiplier is active (a relaxation), and its row scaled into the full
    feasible set, ``t / max(1, max_x ⟨w, E_x⟩)`` (``t > 0``), a lower bound. ``decide``:
    stop as soon as the bracket puts ``D`` on one side of ``decide`` (then ``value`` is
    the bound that decided; ``lower``/``upper`` say which)."""
    E = _csr(E)
    S = np.asarray(sorted({int(x) for x in S}), dtype=np.int64)
    ES = _rows(E, S)
    fixed = sp.csr_matrix(np.hstack([-ES, np.ones((S.size, 1))]))
    br = [-math.inf, math.inf]

    def early(res: Any, viol: np.ndarray, marg: float) -> bool:
        t = float(-res.fun)
        top = float(viol.max(initial=-math.inf))
        if top <= 1e-9:
            br[0] = max(br[0], t)
        elif t > 0:
            br[0] = max(br[0], t / (1.0 + top))
        if marg <= 1e-9:
            br[1] = min(br[1], t)
        return decide is not None and (br[1] <= decide or br[0] > decide)

    res, act, rounds, box = _cut_lp(E, S, fixed, np.zeros(S.size), np.zeros(1),
                                    np.array([-1.0]), [(None, None)], early=early, **kw)
    if res is None:
        return CutLP(math.inf, None, act, rounds, box, math.inf, math.inf)
    t = float(-res.fun)
    if decide is not None and (br[1] <= decide or br[0] > decide) and br[0] < br[1] - 1e-9:
        val = br[1] if br[1] <= decide else br[0]
        return CutLP(val, res.x[:E.shape[1]], act, rounds, box, br[0], br[1])
    return CutLP(t, res.x[:E.shape[1]], act, rounds, box, t, t)


def hull_depth_lp(E: Any, S: Sequence[int], *, decide: float | None = None,
                  **kw: Any) -> CutLP:
    """:func:`hull_depth` on a sparse (or dense) ``E`` by cutting planes with its bracket
    (:func:`_depth_cut`): ``decide=1.0`` stops once ``D ≤ 1`` (upper bound ``≤ 1``: the LP on
    a subset of the rest already fails, so the full one does) or ``D > 1`` is certain.

    >>> E = sp.csr_matrix(np.array([[2, 0], [-1, 1], [-1, -1], [1, 1], [1, -1]]))
    >>> r = hull_depth_lp(E, [3, 4])
    >>> round(r.value, 6), r.lower == r.upper
    (0.5, True)
    """
    return _depth_cut(E, S, decide=decide, **kw)


def _window_cut(E: Any, S: Sequence[int], eta: float, **kw: Any) -> CutLP:
    """``s*(S)`` by :func:`_cut_lp` (sparse input); variables ``w, β, s``, ``s ≤ 10⁶``."""
    E = _csr(E)
    S = np.asarray(sorted({int(x) for x in S}), dtype=np.int64)
    ES = _rows(E, S)
    k, d = S.size, E.shape[1]
    fixed = sp.csr_matrix(np.vstack([
        np.hstack([-ES, -np.ones((k, 1)), np.zeros((k, 1))]),
        np.hstack([ES, np.ones((k, 1)), np.zeros((k, 1))]),
        np.concatenate([np.zeros(d), [1.0, 2.0]])[None, :]]))  # the origin
    fb = np.concatenate([-np.ones(k), np.full(k, 1 + eta), [1.0]])
    res, act, rounds, box = _cut_lp(E, S, fixed, fb, np.array([1.0, 2.0]),
                                    np.array([0.0, -1.0]), [(None, None), (None, 1e6)], **kw)
    if res is None:
        return CutLP(math.inf, None, act, rounds, box, math.inf, math.inf)
    val = float(-res.fun)
    val = math.inf if val >= 1e6 * (1 - 1e-9) else val
    return CutLP(val, res.x[:d], act, rounds, box, val, val)


def _split(E: np.ndarray, S: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    S = np.asarray(S, dtype=np.int64)
    mask = np.ones(E.shape[0], dtype=bool)
    mask[S] = False
    return E[S].astype(np.float64), E[mask].astype(np.float64)


def _depth_lp(E: Any, S: Sequence[int], **kw: Any) -> tuple[float, np.ndarray | None]:
    if sp.issparse(E):
        r = _depth_cut(E, S, **kw)
        return r.value, r.w
    ES, ER = _split(E, S)
    d = E.shape[1]
    A = np.vstack([np.hstack([-ES, np.ones((ES.shape[0], 1))]),
                   np.hstack([ER, np.zeros((ER.shape[0], 1))])])
    b = np.concatenate([np.zeros(ES.shape[0]), np.ones(ER.shape[0])])
    c = np.zeros(d + 1)
    c[-1] = -1.0
    res = linprog(c, A_ub=A, b_ub=b, bounds=[(None, None)] * (d + 1), method="highs")
    if res.status == 3:
        return math.inf, None
    if res.status != 0:
        raise RuntimeError(f"hull_depth: linprog failed: {res.message}")
    return float(-res.fun), res.x[:d]


def hull_depth(E: Any, S: Sequence[int]) -> float:
    """``D(S)`` of the module docstring (float64 LP; ``inf`` when unbounded): the clip
    variant's unit listening to ``S`` is separable iff ``D(S) > 1``. ``E`` dense (one LP
    over all rows) or scipy sparse (cutting planes over the rest, :func:`_cut_lp`: the same
    value, usable at m′ = 10⁵).

    >>> E = np.array([[2, 0], [-1, 1], [-1, -1], [1, 1], [1, -1]])
    >>> round(hull_depth(E, [0]), 6), round(hull_depth(E, [3, 4]), 6)  # (1,0) = (2,0)/2
    (2.0, 0.5)
    >>> round(hull_depth(sp.csr_matrix(E), [3, 4]), 6)
    0.5
    """
    return _depth_lp(E, S)[0]


def _window_lp(E: Any, S: Sequence[int], eta: float, **kw: Any
               ) -> tuple[float, np.ndarray | None]:
    if sp.issparse(E):
        r = _window_cut(E, S, eta, **kw)
        return r.value, r.w
    ES, ER = _split(E, S)
    ER = np.vstack([ER, np.zeros((1, E.shape[1]))])  # the origin
    d = E.shape[1]
    k = ES.shape[0]
    # variables w (d), beta, s; maximise s
    A = np.vstack([np.hstack([-ES, -np.ones((k, 1)), np.zeros((k, 1))]),
                   np.hstack([ES, np.ones((k, 1)), np.zeros((k, 1))]),
                   np.hstack([ER, np.ones((ER.shape[0], 1)), 2 * np.ones((ER.shape[0], 1))])])
    b = np.concatenate([-np.ones(k), np.full(k, 1 + eta), np.ones(ER.shape[0])])
    c = np.zeros(d + 2)
    c[-1] = -1.0
    res = linprog(c, A_ub=A, b_ub=b, bounds=[(None, None)] * (d + 1) + [(None, 1e6)],
                  method="highs")
    if res.status != 0:
        raise RuntimeError(f"window_margin: linprog failed: {res.message}")
    val = float(-res.fun)
    return (math.inf if val >= 1e6 * (1 - 1e-9) else val), res.x[:d]


def window_margin(E: Any, S: Sequence[int], eta: float = ETA_WINDOW) -> float:
    """``s*(S)`` of the module docstring (float64 LP; ``inf`` when unbounded, i.e. ``S`` can
    be put on one level set of ``f``): the window variant's unit listening to ``S`` is
    feasible iff ``s* ≥ 1``; ``s* = 0`` whenever ``D(S) ≤ 1``. Sparse ``E``: cutting planes.

    >>> E = np.array([[1, 0], [-1, 0], [0, 1], [0, -1]])
    >>> window_margin(E, [0]) >= 1, window_margin(E, [0, 1]) < 1
    (True, True)
    """
    return _window_lp(E, S, eta)[0]


def _simplex_fit(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``λ ≥ 0``, ``Σλ = 1`` (to a heavy penalty row) minimising ``‖Aλ − y‖``."""
    big = 1e3 * max(1.0, float(np.abs(A).max(initial=1.0)))
    M = np.vstack([A, np.full(A.shape[1], big)])
    lam, _ = nnls(M, np.concatenate([y, [big]]))
    return lam / max(lam.sum(), 1e-300)


def nearest_hull_subset(E: np.ndarray, target: np.ndarray, k: int, *,
                        exclude: Sequence[int] = (), include: Sequence[int] = (),
                        start: int | None = None, swaps: int = 2
                        ) -> tuple[list[int], float]:
    """Greedy nonnegative pursuit: ``k`` rows of ``E`` (always containing ``include``, never
    ``exclude``) whose convex hull comes near ``target``; returns them and the distance
    ``min_{q ∈ conv} ‖q − target‖`` (simplex least squares). Each step adds the row with the
    least ``⟨E_f, q − target⟩`` (the Frank–Wolfe vertex for ``‖q − target‖²``); once ``k``
    rows are in, ``swaps·k`` further steps each add one and drop the free row of least
    weight; the best ``k``-set seen is returned. A heuristic: no optimality is claimed.

    >>> E = np.array([[2, 0], [0, 2], [1, 1], [-2, 0], [0, -2]])
    >>> S, dist = nearest_hull_subset(E, np.array([0.0, 0.0]), 2, exclude=[2])
    >>> sorted(S), round(dist, 9)
    ([0, 3], 0.0)
    """
    m = E.shape[0]
    k = as_int(k, "k", 1)
    target = np.asarray(target, dtype=np.float64)
    Ef = _csr(E) if sp.issparse(E) else np.asarray(E, dtype=np.float64)
    banned = np.zeros(m, dtype=bool)
    banned[np.asarray(exclude, dtype=np.int64)] = True
    S = [int(x) for x in include]
    if not S:
        if start is None:  # ||E_x - t||^2 = ||E_x||^2 - 2<E_x, t> + ||t||^2
            sq = (np.asarray(Ef.multiply(Ef).sum(axis=1)).ravel() if sp.issparse(Ef)
                  else (Ef * Ef).sum(axis=1))
            dist2 = sq - 2 * np.asarray(Ef @ target).ravel()
            dist2[banned] = np.inf
            start = int(np.argmin(dist2))
        S = [int(start)]
    keep = set(S) if include else set()
    best: tuple[float, list[int]] = (math.inf, list(S))
    rows = {f: _rows(Ef, [f])[0] for f in S}
    for _ in range(swaps * k + k):
        A = np.stack([rows[f] for f in S], axis=1)
        lam = _simplex_fit(A, target)
        q = A @ lam
        dist = float(np.linalg.norm(q - target))
        if len(S) == k and dist < best[0]:
            best = (dist, list(S))
        if len(S) > k:  # drop the free member of least weight (a swap)
            free = [t for t in range(len(S)) if S[t] not in keep]
            S.pop(min(free, key=lambda t: lam[t]))
            continue
        if dist <= 1e-12 and len(S) == k:
            break
        score = np.asarray(Ef @ (q - target), dtype=np.float64).ravel()
        score[banned] = np.inf
        score[S] = np.inf
        f = int(np.argmin(score))
        S.append(f)
        if f not in rows:
            rows[f] = _rows(Ef, [f])[0]
    return best[1], best[0]


def origin_attack(E: Any, k: int, *, starts: int = 20, exclude: Sequence[int] = (),
                  seed: int = 0, screen: int | None = None) -> list[int]:
    """Attack (b): the best (least :func:`hull_depth`) of ``starts`` pursuits towards the
    origin, each from a different feature (drawn from ``default_rng([seed, 404])``). ``E``
    dense or sparse. ``screen``: compute ``D`` only for the ``screen`` pursuits whose hull
    comes nearest to the origin (the LP dominates the cost at m′ = 10⁵; a heuristic
    shortcut, ``None``: every start; ``0``: no depth at all, the nearest pursuit is returned
    and only the builder judges it)."""
    return _origin_attack(E, k, starts=starts, exclude=exclude, seed=seed, screen=screen)[0]


def _origin_attack(E: Any, k: int, *, starts: int, exclude: Sequence[int], seed: int,
                   screen: int | None) -> tuple[list[int], float]:
    rng = np.random.default_rng([as_int(seed, "seed", 0), 404])
    pool = np.setdiff1d(np.arange(E.shape[0]), np.asarray(exclude, dtype=np.int64))
    zero = np.zeros(E.shape[1])
    runs = [nearest_hull_subset(E, zero, k, exclude=exclude, start=int(f))
            for f in rng.choice(pool, size=min(starts, pool.size), replace=False).tolist()]
    order = sorted(range(len(runs)), key=lambda t: runs[t][1])
    if screen is not None and int(screen) <= 0:  # no LP: the nearest pursuit, D not computed
        return runs[order[0]][0], math.nan
    if screen is not None:
        order = order[:int(screen)]
    best, best_d = runs[order[0]][0], math.inf
    for t in order:
        dval = hull_depth(E, runs[t][0])
        if dval < best_d:
            best, best_d = runs[t][0], dval
    return best, best_d


def point_attack(E: Any, k: int, c: int, *, shrink: float = 1.0) -> list[int]:
    """Attack (a): ``k`` features other than ``c`` whose hull comes near ``shrink·E_c``."""
    return nearest_hull_subset(E, shrink * _rows(E, [c])[0], k, exclude=[c])[0]


def window_attack(E: Any, k: int, c: int, *, eta: float = ETA_WINDOW,
                  kappa: float | None = None) -> list[int]:
    """Attack (c): ``{c}`` plus ``k − 1`` features whose hull comes near ``κ·E_c`` (default
    ``κ = 1/(1 + η)``, well below the breaking ``2/(2 + η)``)."""
    kap = 1.0 / (1.0 + eta) if kappa is None else float(kappa)
    return nearest_hull_subset(E, kap * _rows(E, [c])[0], k, include=[c])[0]


def local_search(E: Any, S: Sequence[int], *, layers: int = 2, steps: int = 10,
                 n_out: int = 3, n_in: int = 8, eta: float = ETA_WINDOW,
                 stop_below: float = 0.0, exclude: Sequence[int] = ()
                 ) -> tuple[list[int], float]:
    """Attack (d): swap moves lowering ``D`` (``layers=2``) or ``s*`` (``layers=1``); each step
    tries the ``n_out`` members with the largest ``⟨w*, E_f⟩`` (sticking out most) against the
    ``n_in`` non-members (never ``exclude``) with the least ``⟨w*, E_x⟩`` (``w*`` the LP's
    optimal row), keeps the best swap if it lowers the objective, and stops at a local
    minimum, after ``steps`` swaps or once the objective is ``≤ stop_below``. Returns the set
    and its objective. Sparse ``E``: every LP by cutting planes (a fresh start for each
    swap: at m′ = 10⁴ that was faster than reusing the current set's active rows)."""
    S = [int(x) for x in S]
    sparse = sp.issparse(E)
    Ef = _csr(E) if sparse else np.asarray(E, dtype=np.float64)
    banned = np.zeros(E.shape[0], dtype=bool)
    banned[np.asarray(exclude, dtype=np.int64)] = True

    def obj(T: Sequence[int], act: Any = ()) -> tuple[float, np.ndarray | None, Any]:
        if not sparse:
            r = _depth_lp(Ef, T) if layers == 2 else _window_lp(Ef, T, eta)
            return r[0], r[1], ()
        c = _depth_cut(Ef, T, initial=act) if layers == 2 else \
            _window_cut(Ef, T, eta, initial=act)
        return c.value, c.w, c.active

    val, w, act = obj(S)
    for _ in range(steps):
        if val <= stop_below or w is None or not math.isfinite(val):
            break
        v = np.asarray(Ef @ w).ravel()
        inS = np.zeros(E.shape[0], dtype=bool)
        inS[S] = True
        outs = sorted(S, key=lambda f: -v[f])[:n_out]  # the members sticking out most
        cand = np.flatnonzero(~inS & ~banned)
        ins = cand[np.argsort(v[cand])[:n_in]].tolist()
        best: tuple[float, Any, Any, Any] = (val, None, None, None)
        for y in outs:
            for x in ins:
                T = [f for f in S if f != y] + [int(x)]
                tv, tw, ta = obj(T)
                if tv < best[0]:
                    best = (tv, T, tw, ta)
        if best[1] is None:
            break
        val, S, w, act = best
    return S, val


def unit_owners(p: Any) -> list[list[int]]:
    """The outputs owning each unit of C1s or C2s (``p.m_prime``, ``p.G``, ``p.r``;
    :func:`~bounds.constructions.design.affine_owners`)."""
    R = affine_owners(p.m_prime, p.G, p.r)
    owners: list[list[int]] = [[] for _ in range(p.H)]
    for j, units in enumerate(R.tolist()):
        for u in units:
            owners[u].append(j)
    return owners


def realize(p: SeparatedParams, unit: int, S: Sequence[int], seed: int) -> np.ndarray:
    """A permutation in which unit ``unit`` listens to exactly ``S`` (its owners get the
    features of ``S``; every other output a uniformly random remaining feature, from
    ``default_rng([seed, 606])``). ``ValueError`` if ``|S|`` is not the unit's owner count.

    >>> p = choose_separated(60, d=38, G=19, s=8)
    >>> perm = realize(p, 0, list(range(4)), seed=0)
    >>> sorted(perm.tolist()) == list(range(60)), sorted(perm[unit_owners(p)[0]].tolist())
    (True, [0, 1, 2, 3])
    """
    owners = unit_owners(p)[as_int(unit, "unit", 0)]
    S = [int(x) for x in S]
    if len(S) != len(owners) or len(set(S)) != len(S):
        raise ValueError(f"S must be {len(owners)} distinct features (unit {unit} has "
                         f"{len(owners)} owners; got {len(S)})")
    rng = np.random.default_rng([as_int(seed, "seed", 0), 606])
    perm = -np.ones(p.m_prime, dtype=np.int64)
    perm[owners] = S
    free = np.setdiff1d(np.arange(p.m), S)
    rest = np.flatnonzero(perm < 0)
    perm[rest] = rng.permutation(free)[:rest.size]
    return perm


def realize_many(p: SeparatedParams, sets: dict[int, Sequence[int]], seed: int) -> np.ndarray:
    """A permutation in which each unit ``u`` of ``sets`` listens to exactly ``sets[u]`` (the
    units' owner sets and the feature sets must be pairwise disjoint); every other output a
    uniformly random remaining feature (``default_rng([seed, 616])``). ``ValueError`` on
    overlapping owners or features, or a set whose size is not its unit's owner count.

    >>> p = choose_separated(60, d=38, G=19, s=8)
    >>> perm = realize_many(p, {0: [0, 1, 2, 3], 1: [4, 5, 6, 7]}, seed=0)
    >>> sorted(perm[unit_owners(p)[1]].tolist()), sorted(perm.tolist()) == list(range(60))
    ([4, 5, 6, 7], True)
    """
    owners = unit_owners(p)
    perm = -np.ones(p.m_prime, dtype=np.int64)
    used = np.zeros(p.m, dtype=bool)
    for u, S in sets.items():
        own = owners[as_int(u, "unit", 0)]
        S = [int(x) for x in S]
        if len(S) != len(own) or len(set(S)) != len(S):
            raise ValueError(f"unit {u}: S must be {len(own)} distinct features (got {len(S)})")
        if np.any(perm[own] >= 0) or np.any(used[S]):
            raise ValueError(f"unit {u}: owners or features overlap another attacked unit's")
        perm[own] = S
        used[S] = True
    rng = np.random.default_rng([as_int(seed, "seed", 0), 616])
    rest = np.flatnonzero(perm < 0)
    perm[rest] = rng.permutation(np.flatnonzero(~used))[:rest.size]
    return perm


def hull_attack_instance(m_prime: int, seed: int, *, targets: int = 4, layers: int = 2,
                         attempt: int = 0, starts: int = 5, steps: int = 10, n_out: int = 3,
                         n_in: int = 8, screen: int | None = None, **sizes: Any
                         ) -> tuple[np.ndarray, list[tuple[int, tuple[int, ...], float]]]:
    """An adversarial permutation against C1s with ``targets`` attacked units: units with the
    most owners (``L``) and pairwise disjoint owner sets (drawn from block 0, where owner sets
    are disjoint, in the order of ``default_rng([seed, 1212, attempt])``), each made to listen
    to an origin-attack set (:func:`origin_attack`, ``starts`` pursuits, then
    :func:`local_search` — ``layers=1``: on ``s*`` when ``D`` stays ``> 1``), the feature sets
    disjoint (each unit's attack excludes the features already given). Runs on the sparse
    code (:func:`sparse_code`), so usable at m′ = 10⁵ (minutes per unit there: see
    ``benchmarks/attack_hull.py``). ``steps``, ``n_out``, ``n_in``: :func:`local_search`'s
    knobs (``steps=0``: none); ``screen``: :func:`origin_attack`'s (``0``: no depth LP, ``D``
    reported as ``nan``). ``sizes``: the :func:`choose_separated` overrides.
    Returns the permutation (:func:`realize_many`) and ``(unit, S, D(S))`` per attacked unit;
    the verdict is the builder's (:func:`~bounds.constructions.sepperm.units_separable`).
    Deterministic from ``seed`` and ``attempt``.

    >>> inst, att = hull_attack_instance(200, 0, targets=2, starts=2, d=30, G=17, s=8)
    >>> sorted(inst.tolist()) == list(range(200)), [round(D, 3) < 1 for _, _, D in att]
    (True, [True, True])
    """
    return _hull_attack(m_prime, seed, targets=targets, layers=layers, attempt=attempt,
                        starts=starts, steps=steps, n_out=n_out, n_in=n_in, screen=screen,
                        **sizes)


def _hull_attack(m_prime: int, seed: int, *, targets: int = 4, layers: int = 2,
                 attempt: int = 0, starts: int = 5, steps: int = 10, n_out: int = 3,
                 n_in: int = 8, screen: int | None = None, **sizes: Any
                 ) -> tuple[np.ndarray, list[tuple[int, tuple[int, ...], float]]]:
    """:func:`hull_attack_instance` with the search's knobs (``steps`` swaps of
    :func:`local_search` with ``n_out × n_in`` candidates, ``0``: none; ``screen`` of
    :func:`origin_attack`), for the benchmarks at m′ = 10⁵."""
    p = choose_separated(m_prime, layers=layers, **sizes)
    E = sparse_code(p, seed)
    owners = unit_owners(p)
    L = max(len(o) for o in owners)
    rng = np.random.default_rng([as_int(seed, "seed", 0), 1212, as_int(attempt, "attempt", 0)])
    cand = [u for u in rng.permutation(p.H).tolist() if len(owners[u]) == L]
    chosen: list[int] = []
    taken: set[int] = set()
    for u in cand:
        if len(chosen) >= as_int(targets, "targets", 0):
            break
        if taken.isdisjoint(owners[u]):
            chosen.append(int(u))
            taken.update(owners[u])
    used: list[int] = []
    sets: dict[int, list[int]] = {}
    out: list[tuple[int, tuple[int, ...], float]] = []
    for t, u in enumerate(chosen):
        S, val = _origin_attack(E, L, starts=starts, exclude=used,
                                seed=int(rng.integers(1 << 31)) + t, screen=screen)
        if steps > 0:
            S, val = local_search(E, S, layers=2, steps=steps, n_out=n_out, n_in=n_in,
                                  stop_below=0.5, exclude=used)
        if layers == 1 and val > 1 and steps > 0:
            S, _ = local_search(E, S, layers=1, steps=steps, n_out=n_out, n_in=n_in,
                                stop_below=0.5, exclude=used)
            val = hull_depth(E, S)
        sets[u] = S
        used += S
        out.append((u, tuple(sorted(S)), float(val)))
    return realize_many(p, sets, seed + 7919 * as_int(attempt, "attempt", 0)), out


def builder_error(m_prime: int, seed: int, instance: Any, *, layers: int = 2,
                  **sizes: Any) -> str | None:
    """The builder's verdict: its ``ValueError`` message for ``instance``, or ``None`` when
    :func:`~bounds.constructions.sepperm.build_permutation_separated` returns a network
    (which the builder itself re-checks exactly before returning)."""
    try:
        build_permutation_separated(m_prime, 3, 0.01, seed, instance=instance, layers=layers,
                                    **sizes)
    except ValueError as err:
        return str(err)
    return None


def attack_c1s(m_prime: int, seed: int, *, layers: int = 2, methods: Sequence[str] = (
        "origin", "point", "window", "local"), starts: int = 10, targets: int = 3,
        steps: int = 10, build: str = "auto", **sizes: Any) -> list[AttackResult]:
    """Run the attacks against C1s at ``sizes`` (default: :func:`choose_separated`'s, i.e.
    the calibrated row where recorded). The attacked unit is a unit with the most owners
    (``L``); ``targets`` target features for the point (``shrink = 1/2``) and window attacks;
    ``local`` starts from the best origin-attack set (``layers=2``: lowers ``D``;
    ``layers=1``: lowers ``D`` and, when that stays ``> 1``, ``s*``). ``build``: ``"all"``
    confirms every set by the builder, ``"auto"`` only the sets whose LP diagnostics say
    infeasible (``D ≤ 1``, or ``s* < 1`` for ``layers=1``) — the others keep
    ``checked=False`` (so a quantisation failure of a feasible LP is not looked for),
    ``"none"`` never.

    >>> r = attack_c1s(200, 0, d=30, G=17, s=8, methods=("origin",), starts=2)
    >>> r[0].method, r[0].broken, r[0].depth < 1
    ('origin', True, True)
    """
    if build not in ("all", "auto", "none"):
        raise ValueError(f"build must be 'all', 'auto' or 'none' (got {build!r})")
    p = choose_separated(m_prime, layers=layers, **sizes)
    E = code_matrix(p, seed)
    owners = unit_owners(p)
    unit = int(np.argmax([len(o) for o in owners]))
    k = len(owners[unit])
    rng = np.random.default_rng([as_int(seed, "seed", 0), 808])
    cands: list[tuple[str, list[int]]] = []
    origin = None
    if "origin" in methods or "local" in methods:
        origin = origin_attack(E, k, starts=starts, seed=seed)
        if "origin" in methods:
            cands.append(("origin", origin))
    cs = rng.choice(p.m, size=targets, replace=False).tolist()
    if "point" in methods:
        cands += [(f"point-{c}", point_attack(E, k, int(c), shrink=0.5)) for c in cs]
    if "window" in methods:
        cands += [(f"window-{c}", window_attack(E, k, int(c))) for c in cs]
    if "local" in methods and origin is not None:
        S, val = local_search(E, origin, layers=2, steps=steps, stop_below=0.5)
        if layers == 1 and val > 1:
            S, _ = local_search(E, S, layers=1, steps=steps, stop_below=0.5)
        cands.append(("local", S))
    out = []
    for name, S in cands:
        dep = hull_depth(E, S)
        win = window_margin(E, S) if dep > 1 else 0.0
        check = build == "all" or (build == "auto" and (dep <= 1 or (layers == 1 and win < 1)))
        inst = realize(p, unit, S, seed)
        err = builder_error(m_prime, seed, inst, layers=layers, **sizes) if check else None
        out.append(AttackResult(method=name, unit=unit, members=tuple(sorted(S)), depth=dep,
                                window=win, instance=inst, error=err, checked=check))
    return out


def pair_depth(E: np.ndarray, S: Sequence[int]) -> float:
    """C2s's criterion: :func:`hull_depth` of ``S`` with every code point restricted to the
    union ``U`` of the members' code coordinates (C2s's rows live on ``U``; its rows are
    linear, no bias). If ``pair_depth ≤ 1`` no row on ``U`` has a positive gap: a point
    ``q = Σλ_f E_f = Σν_x E_x`` with ``Σν = D ≤ 1`` gives ``φ(q) ≥ m₁`` (least member value)
    and ``φ(q) ≤ D·N₁``, so ``N₁ ≥ m₁`` and ``o ≥ M₁ + N₁ ≥ m₂ + m₁ = p`` (when ``m₁ ≤ 0``,
    ``p ≤ M₁ ≤ o``) — seppair's ``p > o`` fails (this library's derivation).

    >>> E = np.array([[1, 1, 0], [1, -1, 0], [1, 0, 5], [-1, 0, 0]])
    >>> round(pair_depth(E, [0, 1]), 6)   # (1,0,.) = mean of members = E_2 on U = {0, 1}
    1.0
    """
    U = np.flatnonzero(np.abs(np.asarray(E)[np.asarray(S, dtype=np.int64)]).sum(axis=0) > 0)
    return hull_depth(np.asarray(E)[:, U], S)


def realize_pairs(p: Any, unit: int, S: Sequence[int], seed: int, *, draws: int = 50
                  ) -> np.ndarray:
    """A C2s instance in ``F_r`` (co-owner condition checked by
    :func:`~bounds.constructions.pairdesign.co_owner_excess`) in which unit ``unit``'s owners
    have the pairs ``(S[0], S[1]), (S[2], S[3]), …`` — so it listens to exactly ``S`` — and
    every other output a random distinct pair of features outside ``S`` (from
    ``default_rng([seed, 707, t])``, redrawn until inside ``F_r``; ``ValueError`` after
    ``draws`` draws).

    >>> from bounds.constructions.seppair import choose_pair_separated
    >>> p = choose_pair_separated(100)
    >>> own = unit_owners(p)[0]
    >>> inst = realize_pairs(p, 0, list(range(2 * len(own))), seed=0)
    >>> sorted(inst[own].ravel().tolist()) == list(range(2 * len(own)))
    True
    """
    from bounds.constructions.pairdesign import co_owner_excess

    owners = unit_owners(p)[as_int(unit, "unit", 0)]
    S = [int(x) for x in S]
    if len(S) != 2 * len(owners) or len(set(S)) != len(S):
        raise ValueError(f"S must be {2 * len(owners)} distinct features (unit {unit} has "
                         f"{len(owners)} owners; got {len(S)})")
    free = np.setdiff1d(np.arange(p.m), S)
    others = [j for j in range(p.m_prime) if j not in set(owners)]
    for t in range(draws):
        rng = np.random.default_rng([as_int(seed, "seed", 0), 707, t])
        inst = np.empty((p.m_prime, 2), dtype=np.int64)
        for q, j in enumerate(owners):
            inst[j] = sorted((S[2 * q], S[2 * q + 1]))
        used: set[tuple[int, int]] = set()
        ok = True
        for j in others:
            for _ in range(1000):
                a, b = sorted(rng.choice(free, size=2, replace=False).tolist())
                if (a, b) not in used:
                    break
            else:
                ok = False
                break
            used.add((a, b))
            inst[j] = (a, b)
        if ok and co_owner_excess(p, inst)[0] < p.r:
            return inst
    raise ValueError(f"no instance of F_r realising the attack in {draws} draws")


def realize_pairs_many(p: Any, sets: dict[int, Sequence[int]], seed: int, *,
                       tries: int = 50) -> np.ndarray:
    """A C2s instance in ``F_r`` in which each unit ``u`` of ``sets`` listens to exactly
    ``sets[u]`` (its owners get the pairs ``(S[0], S[1]), (S[2], S[3]), …``; owner sets and
    feature sets pairwise disjoint) — vectorised for m′ = 10⁵, where :func:`realize_pairs`'s
    per-output draws are too slow: the other outputs take the pairs of a uniformly random
    labelled instance (stream ``default_rng([seed, 717, t])``), each pair touching an attacked
    feature or repeating another is redrawn from the features outside all the sets, and the
    first ``t`` whose instance meets the co-owner condition
    (:func:`~bounds.constructions.pairdesign.co_owner_excess` ``< r``) is returned
    (``ValueError`` after ``tries``).

    >>> from bounds.constructions.seppair import choose_pair_separated
    >>> p = choose_pair_separated(100)
    >>> own = unit_owners(p)[0]
    >>> inst = realize_pairs_many(p, {0: list(range(2 * len(own)))}, seed=0)
    >>> sorted(inst[own].ravel().tolist()) == list(range(2 * len(own)))
    True
    """
    from bounds.constructions.pairdesign import co_owner_excess

    owners = unit_owners(p)
    fixed = -np.ones((p.m_prime, 2), dtype=np.int64)
    used = np.zeros(p.m, dtype=bool)
    for u, S in sets.items():
        own = owners[as_int(u, "unit", 0)]
        S = [int(x) for x in S]
        if len(S) != 2 * len(own) or len(set(S)) != len(S):
            raise ValueError(f"unit {u}: S must be {2 * len(own)} distinct features "
                             f"(got {len(S)})")
        if np.any(fixed[own] >= 0) or np.any(used[S]):
            raise ValueError(f"unit {u}: owners or features overlap another attacked unit's")
        fixed[own] = np.sort(np.asarray(S, dtype=np.int64).reshape(-1, 2), axis=1)
        used[S] = True
    free = np.flatnonzero(~used)
    rest = np.flatnonzero(fixed[:, 0] < 0)
    for t in range(as_int(tries, "tries", 1)):
        rng = np.random.default_rng([as_int(seed, "seed", 0), 717, t])
        inst = fixed.copy()
        seen = {(int(a), int(b)) for a, b in fixed[fixed[:, 0] >= 0]}
        for j in rest.tolist():
            while True:
                a, b = free[rng.integers(free.size, size=2)]
                if a != b and (min(a, b), max(a, b)) not in seen:
                    break
            inst[j] = (min(a, b), max(a, b))
            seen.add((int(inst[j, 0]), int(inst[j, 1])))
        if co_owner_excess(p, inst)[0] < p.r:
            return inst
    raise ValueError(f"no instance of F_r realising the attack in {tries} tries")


def hull_attack_pairs_instance(m_prime: int, seed: int, *, targets: int = 2,
                               starts: int = 3, attempt: int = 0, layers: int = 1,
                               **sizes: Any) -> tuple[np.ndarray, list[tuple[int, float]]]:
    """The origin pursuit against C2s on the SPARSE code (m′ up to 10⁵): ``targets`` units
    with the most owners and pairwise disjoint owner sets (order of
    ``default_rng([seed, 1313, attempt])``), each given the ``2L`` features whose codes' hull
    comes nearest the origin (best of ``starts`` runs of :func:`nearest_hull_subset`, by
    distance: no LP, so cheaper and weaker than :func:`attack_c2s`'s depth-ranked choice),
    feature sets disjoint; realised by :func:`realize_pairs_many`. Returns the instance and
    ``(unit, distance of conv(S) to 0)`` per attacked unit; the verdict is the builder's.

    >>> inst, att = hull_attack_pairs_instance(150, 0, targets=1, starts=1)
    >>> inst.shape, len(att)
    ((150, 2), 1)
    """
    from bounds.constructions.seppair import choose_pair_separated, separated_code

    p = choose_pair_separated(m_prime, layers=layers, **sizes)
    Er = sp.csr_matrix(separated_code(p, seed).T)
    owners = unit_owners(p)
    L = max(len(o) for o in owners)
    rng = np.random.default_rng([as_int(seed, "seed", 0), 1313, as_int(attempt, "attempt", 0)])
    chosen: list[int] = []
    taken: set[int] = set()
    for u in rng.permutation(p.H).tolist():
        if len(chosen) >= as_int(targets, "targets", 0):
            break
        if len(owners[u]) == L and taken.isdisjoint(owners[u]):
            chosen.append(int(u))
            taken.update(owners[u])
    used: list[int] = []
    sets: dict[int, list[int]] = {}
    out: list[tuple[int, float]] = []
    for u in chosen:
        best: tuple[list[int], float] | None = None
        pool = np.setdiff1d(np.arange(p.m), np.asarray(used, dtype=np.int64))
        for f in rng.choice(pool, size=min(as_int(starts, "starts", 1), pool.size),
                            replace=False).tolist():
            S, dist = nearest_hull_subset(Er, np.zeros(p.d), 2 * L, exclude=used,
                                          start=int(f))
            if best is None or dist < best[1]:
                best = (S, dist)
        assert best is not None
        sets[u] = best[0]
        used += best[0]
        out.append((u, float(best[1])))
    return realize_pairs_many(p, sets, seed + 7919 * as_int(attempt, "attempt", 0)), out


def attack_c2s(m_prime: int, seed: int, *, layers: int = 1, starts: int = 10,
               targets: int = 2, build: str = "all", **sizes: Any) -> list[AttackResult]:
    """The origin and point attacks against C2s (:mod:`bounds.constructions.seppair`) at
    ``sizes`` (default: its ``choose_pair_separated``): ``S`` of ``2L`` features for a unit
    with the most owners, realised inside ``F_r`` (:func:`realize_pairs`) and handed to
    ``build_pair_separated`` (``build="all"``: every set; ``"auto"``: only the sets with
    :func:`pair_depth` ``≤ 1``, a sufficient condition — C2s's builder also refuses sets
    with ``pair_depth > 1``, its pair-sum gap being stricter). ``depth`` is
    :func:`pair_depth`; ``window`` is not used (``nan``).

    >>> r = attack_c2s(300, 0, starts=2, targets=0, g=9)   # g halved: undersized
    >>> r[0].broken, r[0].depth <= 1
    (True, True)
    """
    from bounds.constructions.seppair import (
        build_pair_separated,
        choose_pair_separated,
        separated_code,
    )

    if build not in ("all", "auto", "none"):
        raise ValueError(f"build must be 'all', 'auto' or 'none' (got {build!r})")
    p = choose_pair_separated(m_prime, layers=layers, **sizes)
    E = np.asarray(separated_code(p, seed).T.toarray())
    owners = unit_owners(p)
    unit = int(np.argmax([len(o) for o in owners]))
    k = 2 * len(owners[unit])
    cands = [("origin", origin_attack(E, k, starts=starts, seed=seed))]
    rng = np.random.default_rng([as_int(seed, "seed", 0), 909])
    for c in rng.choice(p.m, size=targets, replace=False).tolist():
        cands.append((f"point-{c}", point_attack(E, k, int(c), shrink=0.5)))
    out = []
    for name, S in cands:
        dep = pair_depth(E, S)
        inst = realize_pairs(p, unit, S, seed)
        err = None
        check = build == "all" or (build == "auto" and dep <= 1)
        if check:
            try:
                build_pair_separated(m_prime, 3, 0.01, seed, instance=inst, layers=layers,
                                     **sizes)
            except ValueError as e:
                err = str(e)
        out.append(AttackResult(method=name, unit=unit, members=tuple(sorted(S)), depth=dep,
                                window=math.nan, instance=inst, error=err, checked=check))
    return out
