r"""Linear separation of code points by a linear program (the per-unit first-layer rows of
the LP-separated constructions C1s, C2s).

Given points ``E_p ∈ ℝ^d`` (the rows of an ``m × d`` array) and bounds ``lo_p ≤ hi_p``
(``±inf`` allowed), :func:`solve_bounds` finds ``w ∈ ℝ^d`` and ``β ∈ ℝ`` with

    lo_p ≤ ⟨w, E_p⟩ + β ≤ hi_p     for every point p,

minimising ``max_k |w_k|`` (``objective="linf"``) or ``Σ_k |w_k|`` (``"l1"``, sparse rows),
by **cutting planes**: the LP is solved (``scipy.optimize.linprog(method="highs")``) on an
active set (the points with a finite lower bound, the points named in ``initial`` and the
points most violated by a heuristic start), all points are then evaluated, the most violated
are added, and the loop repeats. The LP of a subset is a relaxation of the full LP, so an
infeasible subset proves the whole problem infeasible: the answer is then ``None``, never a
wrong ``w``. A returned :class:`Separation` has passed a re-check over **all** points in
float64 (its ``margin_lo``, ``margin_hi`` are the smallest slacks ``⟨w,E_p⟩ + β − lo_p`` and
``hi_p − ⟨w,E_p⟩ − β``, both ``≥ 0``); the LP is solved with the bounds tightened by
``pad`` so that HiGHS' feasibility tolerance cannot leave a point outside.

**Quantisation** (:func:`quantize`): for integer points (e.g. a ±1 sign code) and an integer
scale ``α``, ``w_int = round(α w)``, ``β_int = round(α β)`` are checked **exactly** (int64
products) against ``α·lo_p ≤ ⟨w_int, E_p⟩ + β_int ≤ α·hi_p``. Rounding moves each value by
at most ``(‖E_p‖₁ + 1)/2``; when plain rounding fails, the LP is re-solved with the bounds
tightened by that amount over ``α`` (``δ = (max_p ‖E_p‖₁ + 1)/(2α)``), whose rounding then
passes by construction — or ``None`` if the tightened LP is infeasible at that scale. With a
common ``α`` for all units a built layer holds the integers ``[-max|w_int|, max|w_int|]``
times one scale: its bits per parameter follow from the largest integer used.

Assumptions: the points are given exactly (integer or float64 arrays, dense or scipy
sparse); bounds times ``α`` are compared in float64 (exact for integer or dyadic bounds).
Nothing here is a theorem about feasibility: whether a set can be separated is decided per
instance by the LP (see :mod:`bounds.constructions.sepperm` for what is, and is not, known).

>>> import numpy as np
>>> P = np.array([[0, 0], [1, 0], [0, 1], [1, 1]])        # corners of the unit square
>>> s = solve_bounds(P, np.array([1, -np.inf, -np.inf, -np.inf]),
...                  np.array([np.inf, -1, -1, -1]))       # (0,0) alone vs the others
>>> s is not None and s.margin_lo >= 0 and s.margin_hi >= 0
True
>>> inside = np.array([[0, 0], [2, 0], [0, 2], [1, 1]])   # (1,1) = mean of the last two
>>> print(solve_bounds(inside, np.array([-np.inf, -np.inf, 1, 1]),
...                    np.array([-1, -1, np.inf, -1])))   # (1,1) must be low, (0,2) high
None
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

__all__ = ["QuantizedSeparation", "Separation", "as_points", "quantize", "separate_sets",
           "solve_bounds"]

PAD = 1e-6
"""Default tightening of every finite bound inside the LP (absorbs HiGHS' tolerance)."""


@dataclass(frozen=True)
class Separation:
    """A weight row and bias meeting every bound (:func:`solve_bounds`).

    ``w`` (d,), ``beta``; ``margin_lo`` / ``margin_hi``: least slack over all points of the
    lower / upper bounds (``inf`` when no point has that bound), both ``≥ 0``;
    ``objective`` and its value ``norm``; ``rounds`` LP solves; ``active`` points in the
    final LP.
    """

    w: np.ndarray
    beta: float
    margin_lo: float
    margin_hi: float
    objective: str
    norm: float
    rounds: int
    active: int


@dataclass(frozen=True)
class QuantizedSeparation:
    """Integer weights meeting ``α·lo ≤ ⟨w_int, E_p⟩ + β_int ≤ α·hi`` exactly (:func:`quantize`).

    ``resolved``: True when plain rounding failed and the LP was re-solved with the rounding
    slack; ``max_int = max|w_int|``; ``margin_lo``/``margin_hi`` in integer units.
    """

    w_int: np.ndarray
    beta_int: int
    scale: int
    max_int: int
    margin_lo: float
    margin_hi: float
    resolved: bool


def as_points(E: Any) -> sp.csr_matrix | np.ndarray:
    """``E`` (``m × d``) as a CSR matrix (sparse input) or a C-contiguous array."""
    if sp.issparse(E):
        out = sp.csr_matrix(E)
        out.sort_indices()
        return out
    return np.ascontiguousarray(np.asarray(E))


def _values(P: Any, w: np.ndarray, beta: float) -> np.ndarray:
    return np.asarray(P @ w, dtype=np.float64).ravel() + beta


def _rows(P: Any, idx: np.ndarray) -> sp.csr_matrix:
    sub = P[idx]
    return sp.csr_matrix(sub, dtype=np.float64)


def _lp(P: Any, idx: np.ndarray, lo: np.ndarray, hi: np.ndarray, *, bias: bool,
        objective: str, pad: float, max_abs: float | None
        ) -> tuple[np.ndarray, float, float] | None:
    """Solve the LP on the points ``idx``; None when infeasible."""
    from scipy.optimize import linprog

    d = P.shape[1]
    A = _rows(P, idx)
    lo_i, hi_i = lo[idx], hi[idx]
    fin_hi, fin_lo = np.isfinite(hi_i), np.isfinite(lo_i)
    one = sp.csr_matrix(np.ones((idx.size, 1))) if bias else sp.csr_matrix((idx.size, 0))
    base = sp.hstack([A, one], format="csr")  # columns: w (d), beta (bias)
    nb = int(bias)
    blocks = [base[fin_hi], -base[fin_lo]]
    rhs = [hi_i[fin_hi] - pad, -(lo_i[fin_lo] + pad)]
    if objective == "linf":  # extra variable t: |w_k| <= t
        n = d + nb + 1
        blocks = [sp.hstack([b, sp.csr_matrix((b.shape[0], 1))], format="csr") for b in blocks]
        eye = sp.identity(d, format="csr")
        zb = sp.csr_matrix((d, nb))
        tcol = -sp.csr_matrix(np.ones((d, 1)))
        blocks += [sp.hstack([eye, zb, tcol], format="csr"),
                   sp.hstack([-eye, zb, tcol], format="csr")]
        rhs += [np.zeros(d), np.zeros(d)]
        c = np.zeros(n)
        c[-1] = 1.0
        bounds = [(None, None)] * (d + nb) + [(0, max_abs)]
    elif objective == "box":  # feasibility only, |w_k| <= max_abs as variable bounds
        n = d + nb
        c = np.zeros(n)
        bounds = [(-max_abs, max_abs)] * d + [(None, None)] * nb
    elif objective == "l1":  # w = u - v, u, v >= 0
        n = 2 * d + nb
        blocks = [sp.hstack([b[:, :d], -b[:, :d], b[:, d:]], format="csr") for b in blocks]
        c = np.concatenate([np.ones(2 * d), np.zeros(nb)])
        bounds = [(0, max_abs)] * (2 * d) + [(None, None)] * nb
    else:
        raise ValueError(f"objective must be 'linf', 'l1' or 'box' (got {objective!r})")
    A_ub = sp.vstack(blocks, format="csr")
    b_ub = np.concatenate(rhs)
    for method in ("highs", "highs-ipm", "highs-ds"):  # next solver on a HiGHS "unknown"
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, bounds=bounds, method=method)
        if res.status in (0, 2):
            break
    if res.status == 2:  # infeasible
        return None
    if res.status != 0:
        raise RuntimeError(f"linprog(method='highs') failed: {res.message}")
    x = res.x
    if objective in ("linf", "box"):
        w, beta = x[:d], (float(x[d]) if bias else 0.0)
    else:
        w, beta = x[:d] - x[d:2 * d], (float(x[2 * d]) if bias else 0.0)
    return w, beta, float(res.fun)


def solve_bounds(E: Any, lo: np.ndarray, hi: np.ndarray, *, bias: bool = True,
                 objective: str = "linf", initial: Sequence[int] | np.ndarray = (),
                 start: int = 64, add: int = 128, max_rounds: int = 200, pad: float = PAD,
                 max_abs: float | None = None) -> Separation | None:
    """``w, β`` with ``lo ≤ E w + β ≤ hi`` on every row of ``E``, or None (module docstring).

    ``initial``: points always in the LP (the points with a finite lower bound are always
    added); ``start``: points most violated by the heuristic start (``w₀`` = mean of the
    points with a finite lower bound) added to the first LP; ``add``: most violated points
    added per round; ``max_abs``: optional bound on every ``|w_k|`` (then None means
    "infeasible within that bound"). ``RuntimeError`` if ``max_rounds`` is exhausted (never
    a silent answer).

    >>> P = np.eye(3)
    >>> s = solve_bounds(P, np.array([1.0, -np.inf, -np.inf]), np.array([np.inf, 0.0, 0.0]))
    >>> bool(s.margin_lo >= 0 and s.margin_hi >= 0), round(s.norm, 4)
    (True, 0.5)
    """
    P = as_points(E)
    m = P.shape[0]
    lo = np.broadcast_to(np.asarray(lo, dtype=np.float64), (m,))
    hi = np.broadcast_to(np.asarray(hi, dtype=np.float64), (m,))
    if np.any(lo > hi):
        return None
    if objective not in ("linf", "l1", "box"):
        raise ValueError(f"objective must be 'linf', 'l1' or 'box' (got {objective!r})")
    if objective == "box" and not (max_abs is not None and max_abs > 0):
        raise ValueError(f"objective 'box' needs max_abs > 0 (got {max_abs!r})")
    active = np.zeros(m, dtype=bool)
    active[np.flatnonzero(np.isfinite(lo))] = True
    active[np.asarray(initial, dtype=np.int64)] = True
    if active.any():
        mem = np.flatnonzero(active & np.isfinite(lo))
        if mem.size:  # least-norm w0 with <w0, E_f> = 1 on the members
            A0 = np.asarray(P[mem].todense() if sp.issparse(P) else P[mem], dtype=np.float64)
            w0 = np.linalg.lstsq(A0, np.ones(mem.size), rcond=None)[0]
        else:
            w0 = np.zeros(P.shape[1])
        v0 = _values(P, w0, 0.0)
        order = np.argsort(-np.where(active | ~np.isfinite(hi), -np.inf, v0))
        active[order[:min(start, m)]] = True
    else:
        active[:min(start, m)] = True
    for rounds in range(1, max_rounds + 1):
        idx = np.flatnonzero(active)
        sol = _lp(P, idx, lo, hi, bias=bias, objective=objective, pad=pad, max_abs=max_abs)
        if sol is None:
            return None
        w, beta, norm = sol
        v = _values(P, w, beta)  # the re-check over ALL points
        slo, shi = v - lo, hi - v
        viol = -np.minimum(slo, shi)
        bad = np.flatnonzero(viol > 0)
        if bad.size == 0:
            fin_lo, fin_hi = np.isfinite(lo), np.isfinite(hi)
            return Separation(w=w, beta=beta,
                              margin_lo=float(slo[fin_lo].min()) if fin_lo.any() else math.inf,
                              margin_hi=float(shi[fin_hi].min()) if fin_hi.any() else math.inf,
                              objective=objective, norm=norm, rounds=rounds,
                              active=int(idx.size))
        fresh = bad[~active[bad]]
        if fresh.size == 0:  # only LP points outside (solver tolerance): tighten
            pad = max(10 * pad, PAD)  # from pad = 0 too (else it would stay 0)
            if pad > 1e-2:
                raise RuntimeError("solve_bounds: the LP solution leaves its own points "
                                   "outside the bounds even with pad 1e-2")
            continue
        active[fresh[np.argsort(-viol[fresh])[:add]]] = True
    raise RuntimeError(f"solve_bounds: no answer after max_rounds={max_rounds} rounds")


def _int_points(E: Any) -> Any:
    P = as_points(E)
    data = P.data if sp.issparse(P) else P
    if not np.all(np.asarray(data) == np.rint(data)):
        raise ValueError("quantize needs integer points (e.g. the integer sign code)")
    return P.astype(np.int64)


def quantize(E: Any, lo: np.ndarray, hi: np.ndarray, sep: Separation | None, scale: int, *,
             bias: bool = True, objective: str = "linf", resolve: bool = True,
             **solve_kw: Any) -> QuantizedSeparation | None:
    """Integer ``w_int, β_int`` meeting ``α lo ≤ E w_int + β_int ≤ α hi`` exactly (``α = scale``).

    First ``round(α·w)`` of ``sep`` (skipped when ``sep`` is None); when that fails and
    ``resolve``, the LP is re-solved with the bounds tightened by ``δ = (max_p‖E_p‖₁ + 1)/(2α)``
    and rounded (then exact by construction; the check is still run). None when no answer
    at this scale.

    >>> P = np.array([[1, 1, 0], [1, -1, 1], [0, 1, -1]])
    >>> lo, hi = np.array([1, -np.inf, -np.inf]), np.array([np.inf, -1, -1])
    >>> q = quantize(P, lo, hi, solve_bounds(P, lo, hi), 4)
    >>> bool(np.all(P[1:] @ q.w_int + q.beta_int <= -4)), int(P[0] @ q.w_int + q.beta_int) >= 4
    (True, True)
    """
    P = _int_points(E)
    m = P.shape[0]
    a = int(scale)
    if a < 1:
        raise ValueError(f"scale must be an integer >= 1 (got {scale})")
    lo = np.broadcast_to(np.asarray(lo, dtype=np.float64), (m,))
    hi = np.broadcast_to(np.asarray(hi, dtype=np.float64), (m,))

    def check(w: np.ndarray, beta: float, resolved: bool) -> QuantizedSeparation | None:
        wi = np.rint(a * w).astype(np.int64)
        bi = int(np.rint(a * beta)) if bias else 0
        v = np.asarray(P @ wi).ravel() + bi  # exact int64
        slo, shi = v - a * lo, a * hi - v
        if np.any(slo < 0) or np.any(shi < 0):
            return None
        return QuantizedSeparation(
            w_int=wi, beta_int=bi, scale=a, max_int=int(np.abs(wi).max(initial=0)),
            margin_lo=float(slo.min()) if m else math.inf,
            margin_hi=float(shi.min()) if m else math.inf, resolved=resolved)

    if sep is not None:
        q = check(sep.w, sep.beta, False)
        if q is not None or not resolve:
            return q
    l1 = np.asarray(abs(P).sum(axis=1)).ravel()
    delta = (float(l1.max(initial=0)) + 1.0) / (2.0 * a)
    lo2, hi2 = lo + delta, hi - delta
    s2 = solve_bounds(P, lo2, hi2, bias=bias, objective=objective, **solve_kw)
    return None if s2 is None else check(s2.w, s2.beta, True)


def separate_sets(E: Any, members: Sequence[np.ndarray], *, lo_in: float = 1.0,
                  hi_in: float = math.inf, hi_out: float = -1.0, origin: bool = True,
                  objective: str = "linf", **solve_kw: Any) -> list[Separation | None]:
    """For each member set ``S_i`` a row with ``lo_in ≤ ⟨w, E_f⟩ + β ≤ hi_in`` on ``f ∈ S_i`` and
    ``≤ hi_out`` on every other row of ``E`` (and on the origin, i.e. ``β ≤ hi_out``, when
    ``origin``): :func:`solve_bounds` per set (the origin is appended as a zero row).

    >>> P = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]])
    >>> [s is not None for s in separate_sets(P, [np.array([0]), np.array([0, 1])])]
    [True, True]
    """
    P = as_points(E)
    if origin:
        P = (sp.vstack([P, sp.csr_matrix((1, P.shape[1]), dtype=P.dtype)], format="csr")
             if sp.issparse(P) else np.vstack([P, np.zeros((1, P.shape[1]), P.dtype)]))
    m = P.shape[0]
    out: list[Separation | None] = []
    for S in members:
        lo = np.full(m, -math.inf)
        hi = np.full(m, hi_out)
        S = np.asarray(S, dtype=np.int64)
        lo[S], hi[S] = lo_in, hi_in
        out.append(solve_bounds(P, lo, hi, objective=objective, **solve_kw))
    return out
