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

__all__ = ["AttackResult", "attack_c1s", "attack_c2s", "builder_error", "code_matrix",
           "hull_depth", "local_search", "nearest_hull_subset", "origin_attack", "pair_depth",
           "point_attack", "realize", "realize_pairs", "unit_owners", "window_attack",
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


def _split(E: np.ndarray, S: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    S = np.asarray(S, dtype=np.int64)
    mask = np.ones(E.shape[0], dtype=bool)
    mask[S] = False
    return E[S].astype(np.float64), E[mask].astype(np.float64)


def _depth_lp(E: np.ndarray, S: Sequence[int]) -> tuple[float, np.ndarray | None]:
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


def hull_depth(E: np.ndarray, S: Sequence[int]) -> float:
    """``D(S)`` of the module docstring (float64 LP; ``inf`` when unbounded): the clip
    variant's unit listening to ``S`` is separable iff ``D(S) > 1``.

    >>> E = np.array([[2, 0], [-1, 1], [-1, -1], [1, 1], [1, -1]])
    >>> round(hull_depth(E, [0]), 6), round(hull_depth(E, [3, 4]), 6)  # (1,0) = (2,0)/2
    (2.0, 0.5)
    """
    return _depth_lp(E, S)[0]


def _window_lp(E: np.ndarray, S: Sequence[int], eta: float
               ) -> tuple[float, np.ndarray | None]:
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


def window_margin(E: np.ndarray, S: Sequence[int], eta: float = ETA_WINDOW) -> float:
    """``s*(S)`` of the module docstring (float64 LP; ``inf`` when unbounded, i.e. ``S`` can
    be put on one level set of ``f``): the window variant's unit listening to ``S`` is
    feasible iff ``s* ≥ 1``; ``s* = 0`` whenever ``D(S) ≤ 1``.

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
    banned = np.zeros(m, dtype=bool)
    banned[np.asarray(exclude, dtype=np.int64)] = True
    S = [int(x) for x in include]
    if not S:
        if start is None:
            cand = np.flatnonzero(~banned)
            start = int(cand[np.argmin(np.linalg.norm(E[cand] - target, axis=1))])
        S = [int(start)]
    Ef = E.astype(np.float64)
    keep = set(S) if include else set()
    best: tuple[float, list[int]] = (math.inf, list(S))
    for _ in range(swaps * k + k):
        lam = _simplex_fit(Ef[S].T, target)
        dist = float(np.linalg.norm(Ef[S].T @ lam - target))
        if len(S) == k and dist < best[0]:
            best = (dist, list(S))
        if len(S) > k:  # drop the free member of least weight (a swap)
            free = [t for t in range(len(S)) if S[t] not in keep]
            S.pop(min(free, key=lambda t: lam[t]))
            continue
        if dist <= 1e-12 and len(S) == k:
            break
        q = Ef[S].T @ lam
        score = Ef @ (q - target)
        score[banned] = np.inf
        score[S] = np.inf
        S.append(int(np.argmin(score)))
    return best[1], best[0]


def origin_attack(E: np.ndarray, k: int, *, starts: int = 20, exclude: Sequence[int] = (),
                  seed: int = 0) -> list[int]:
    """Attack (b): the best (least :func:`hull_depth`) of ``starts`` pursuits towards the
    origin, each from a different feature (the nearest-to-0 features' anti-correlated
    partners first, then random)."""
    rng = np.random.default_rng([as_int(seed, "seed", 0), 404])
    pool = np.setdiff1d(np.arange(E.shape[0]), np.asarray(exclude, dtype=np.int64))
    best, best_d = None, math.inf
    zero = np.zeros(E.shape[1])
    for f in rng.choice(pool, size=min(starts, pool.size), replace=False).tolist():
        S, _ = nearest_hull_subset(E, zero, k, exclude=exclude, start=int(f))
        dval = hull_depth(E, S)
        if dval < best_d:
            best, best_d = S, dval
    if best is None:  # every start unbounded (the rest does not surround the origin)
        best = S
    return best


def point_attack(E: np.ndarray, k: int, c: int, *, shrink: float = 1.0) -> list[int]:
    """Attack (a): ``k`` features other than ``c`` whose hull comes near ``shrink·E_c``."""
    return nearest_hull_subset(E, shrink * E[c].astype(np.float64), k, exclude=[c])[0]


def window_attack(E: np.ndarray, k: int, c: int, *, eta: float = ETA_WINDOW,
                  kappa: float | None = None) -> list[int]:
    """Attack (c): ``{c}`` plus ``k − 1`` features whose hull comes near ``κ·E_c`` (default
    ``κ = 1/(1 + η)``, well below the breaking ``2/(2 + η)``)."""
    kap = 1.0 / (1.0 + eta) if kappa is None else float(kappa)
    return nearest_hull_subset(E, kap * E[c].astype(np.float64), k, include=[c])[0]


def local_search(E: np.ndarray, S: Sequence[int], *, layers: int = 2, steps: int = 10,
                 n_out: int = 3, n_in: int = 8, eta: float = ETA_WINDOW,
                 stop_below: float = 0.0) -> tuple[list[int], float]:
    """Attack (d): swap moves lowering ``D`` (``layers=2``) or ``s*`` (``layers=1``); each step
    tries the ``n_out`` members with the largest ``⟨w*, E_f⟩`` (sticking out most) against the
    ``n_in`` non-members with the least ``⟨w*, E_x⟩`` (``w*`` the LP's optimal row), keeps the best
    swap if it lowers the objective, and stops at a local minimum, after ``steps`` swaps or
    once the objective is ``≤ stop_below``. Returns the set and its objective."""
    S = [int(x) for x in S]

    def obj(T: Sequence[int]) -> tuple[float, np.ndarray | None]:
        return _depth_lp(E, T) if layers == 2 else _window_lp(E, T, eta)

    val, w = obj(S)
    Ef = E.astype(np.float64)
    for _ in range(steps):
        if val <= stop_below or w is None:
            break
        v = Ef @ w
        inS = np.zeros(E.shape[0], dtype=bool)
        inS[S] = True
        outs = sorted(S, key=lambda f: -v[f])[:n_out]  # the members sticking out most
        cand = np.flatnonzero(~inS)
        ins = cand[np.argsort(v[cand])[:n_in]].tolist()
        best = (val, None, None)
        for y in outs:
            for x in ins:
                T = [f for f in S if f != y] + [int(x)]
                tv, tw = obj(T)
                if tv < best[0]:
                    best = (tv, T, tw)
        if best[1] is None:
            break
        val, S, w = best[0], best[1], best[2]
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
