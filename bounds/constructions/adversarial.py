"""Adversarial instances: chosen AFTER the public code, ownership and seed are fixed.

A construction is an upper bound for a family only if it is correct for every instance
(SPEC §5, "Verdicts"). These generators read the public structure of the output-channel
template (C1/C2, :mod:`bounds.constructions.channels`) — the code ``E`` and the ownership
``R`` depend only on ``(m', k, δ, seed)`` — and build instances that attack it; plus the
structural instances (hubs, stars, cliques) every pairwise construction must handle.
Each returns ``(instance, probes)``: the instance, and for each attacked output ``j`` an
input (active features, at most 2 — an identifying probe) on which ``f_j = 0``.

>>> inst, probes = shared_endpoints(2000, 3, 0.01, seed=1, targets=5)
>>> inst.shape, len(probes)
((2000, 2), 5)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bounds.constructions.channels.analysis import ChannelParams, choose_parameters
from bounds.constructions.channels.build import _code, _owners
from bounds.constructions.instances import default_m, random_instance

__all__ = ["clique", "overlapping_codes", "plant_shared_endpoint", "shared_endpoints", "star",
           "two_hubs"]


def _public(kind: str, m_prime: int, k: int, delta: float, seed: int, **overrides: Any
            ) -> tuple[ChannelParams, np.ndarray]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        p = choose_parameters(kind, m_prime, k, delta, **overrides)
    return p, _owners(p, seed)


def _fill_pairs(fixed: dict[int, tuple[int, int]], m_prime: int, m: int, seed: int
                ) -> np.ndarray:
    """Instance with the ``fixed`` outputs' pairs and fresh random distinct pairs elsewhere."""
    rnd = random_instance("pairwise-and", min(m * (m - 1) // 2, 4 * m_prime), seed + 7919, m)
    used = {tuple(sorted(v)) for v in fixed.values()}
    busy = {f for v in fixed.values() for f in v}  # attack features keep their degree
    inst = np.empty((m_prime, 2), dtype=np.int64)
    pairs = [tuple(sorted(map(int, r))) for r in rnd]
    pool = iter(pr for pr in pairs if pr[0] not in busy and pr[1] not in busy)
    for j in range(m_prime):
        if j in fixed:
            inst[j] = fixed[j]
            continue
        pair = next(pool, None)
        while pair in used:
            pair = next(pool, None)
        if pair is None:
            raise ValueError(f"cannot fill {m_prime} distinct pairs of [{m}] around the attack")
        used.add(pair)
        inst[j] = pair
    return inst


def shared_endpoints(m_prime: int, k: int, delta: float, seed: int, *, targets: int = 50,
                     m: int | None = None, **overrides: Any
                     ) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """C2 attack: the co-owners of a target's units share one endpoint ``c``.

    For target ``j = (a, b)`` and each block ``t``, one co-owner of ``j``'s unit in block
    ``t`` (at most ``τ`` blocks, so that ``c`` is not rerouted) gets the pair ``(c, y_t)``;
    then on the probe ``{a, c}`` (``f_j = 0``) those units of ``j`` listen to two active
    features and fire.
    """
    p, R = _public("pairwise-and", m_prime, k, delta, seed, **overrides)
    mm = default_m("pairwise-and", m_prime, m)
    rng = np.random.default_rng([seed, 4242])
    owners_of = [{} for _ in range(p.r)]  # block -> unit -> outputs
    for t in range(p.r):
        order = np.argsort(R[:, t], kind="stable")
        units = R[order, t]
        cuts = np.flatnonzero(np.diff(units)) + 1
        for grp in np.split(order, cuts):
            owners_of[t][int(R[grp[0], t])] = grp
    fixed: dict[int, tuple[int, int]] = {}
    probes: list[tuple[int, int]] = []
    feats = iter(rng.permutation(mm).tolist())
    for j in rng.permutation(m_prime).tolist():
        if len(probes) >= targets:
            break
        if j in fixed:
            continue
        co = []
        for t in range(p.r):
            cand = [int(x) for x in owners_of[t][int(R[j, t])] if x != j and x not in fixed
                    and x not in co]
            if cand:
                co.append(cand[0])
        if len(co) < min(p.r, p.tau):
            continue
        co = co[:p.tau]  # keep c at degree <= tau: no rerouting, no channel budget
        if not plant_shared_endpoint(j, co, feats, fixed, probes):
            break
    inst = _fill_pairs(fixed, m_prime, mm, seed)
    return inst, [(j, a, c) for j, a, c in probes]


def plant_shared_endpoint(j: int, co: list[int], feats: Any,
                          fixed: dict[int, tuple[int, int]],
                          probes: list[tuple[int, int, int]]) -> bool:
    """Give target ``j`` fresh features ``(a, b)`` and each co-owner in ``co`` the pair
    ``(c, y)`` with one fresh ``c`` and fresh ``y``'s from the iterator ``feats``; record the
    probe ``(j, a, c)``. False (nothing planted) when ``feats`` runs out."""
    try:
        a, b, c = next(feats), next(feats), next(feats)
        ys = [next(feats) for _ in co]
    except StopIteration:
        return False
    fixed[j] = (a, b)
    for x, y in zip(co, ys, strict=True):
        fixed[x] = (c, y)
    probes.append((j, a, c))
    return True


def overlapping_codes(m_prime: int, k: int, delta: float, seed: int, *, targets: int = 50,
                      **overrides: Any) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """C1 attack: the co-owners of a target's units read features whose codes collide
    (same coordinate, same sign) with one feature ``c``; the one-hot probe ``{c}``
    (``f_j = 0`` as ``π(j) ≠ c``) then lifts every unit of ``j`` by the summed cross-talk.
    """
    p, R = _public("permutation", m_prime, k, delta, seed, **overrides)
    e_int, _e = _code(p, seed)
    gram = (e_int.T @ e_int).tocsr()
    rng = np.random.default_rng([seed, 4343])
    m = p.m
    perm = -np.ones(m_prime, dtype=np.int64)
    taken = np.zeros(m, dtype=bool)
    probes: list[tuple[int, int]] = []
    unit_owners: dict[int, np.ndarray] = {}
    flat = R.ravel()
    order = np.argsort(flat, kind="stable")
    cuts = np.flatnonzero(np.diff(flat[order])) + 1
    for grp in np.split(order, cuts):
        unit_owners[int(flat[grp[0]])] = grp // p.r
    for j in rng.permutation(m_prime).tolist():
        if len(probes) >= targets or perm[j] >= 0:
            continue
        free = np.flatnonzero(~taken)
        c = int(rng.choice(free))
        row = gram.getrow(c)
        friends = [int(f) for f, v in sorted(zip(row.indices, row.data, strict=True),
                                             key=lambda t: -t[1]) if v > 0 and f != c
                   and not taken[f]]
        fi = iter(friends)
        for t in range(p.r):
            for x in unit_owners[int(R[j, t])]:
                if x == j or perm[x] >= 0:
                    continue
                f = next(fi, None)
                if f is None:
                    break
                perm[x], taken[f] = f, True
        pool = np.flatnonzero(~taken)
        own = int(rng.choice(pool[pool != c]))
        perm[j], taken[own] = own, True
        probes.append((j, c))
    rest = np.flatnonzero(perm < 0)
    perm[rest] = rng.permutation(np.flatnonzero(~taken))
    return perm, probes


def two_hubs(m_prime: int, m: int | None = None) -> np.ndarray:
    """Pairs ``{0, j}`` and ``{1, j}`` for ``j = 2, 3, …`` (two features of degree m′/2)."""
    mm = default_m("pairwise-and", m_prime, m)
    half = (m_prime + 1) // 2
    if half + 2 > mm:
        raise ValueError(f"two_hubs needs m >= m_prime/2 + 2 (got m={mm})")
    js = np.arange(2, 2 + half)
    inst = np.concatenate([np.stack([np.zeros(half, np.int64), js], 1),
                           np.stack([np.ones(half, np.int64), js], 1)])[:m_prime]
    return inst.astype(np.int64)


def star(m_prime: int, m: int | None = None, centre: int = 0) -> np.ndarray:
    """Pairs ``{centre, j}`` for the first m′ other features (one feature of degree m′)."""
    mm = default_m("pairwise-and", m_prime, m)
    if m_prime > mm - 1:
        raise ValueError(f"star needs m >= m_prime + 1 (got m={mm})")
    leaves = np.array([j for j in range(mm) if j != centre][:m_prime], dtype=np.int64)
    return np.stack([np.full(m_prime, centre, np.int64), leaves], 1)


def clique(m_prime: int, m: int | None = None) -> np.ndarray:
    """All pairs among the fewest features q with C(q, 2) ≥ m′ (every degree ≈ q − 1)."""
    mm = default_m("pairwise-and", m_prime, m)
    q = 2
    while q * (q - 1) // 2 < m_prime:
        q += 1
    if q > mm:
        raise ValueError(f"clique needs m >= {q}")
    a, b = np.triu_indices(q, k=1)
    return np.stack([a, b], 1)[:m_prime].astype(np.int64)
