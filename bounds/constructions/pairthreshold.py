r'''The hub-colouring limit: what weighted (additive) units need from the public decoder to
compute the WHOLE pairwise family — a necessary condition on the read structure, the
two-hub attack that breaks every decoder failing it, and searches at small sizes.

This library's theorem (not the paper's). It concerns a class the clique-template limit
(:mod:`bounds.constructions.pairprivate`) does not cover: units with **per-unit, per-feature
weights** (weighted threshold units, graded ReLU units), where a unit may fire on some
pairs of its listened features and not on others.

**Hypotheses.** Pairwise-AND family, labelled, ``m ≥ m′ + 2`` features. A network of any
depth on any public input code, with a public **nonnegative** decoder ``D`` and any
thresholds ``θ``; output ``j`` *reads* unit ``q`` when ``D_jq > 0``. Every last-layer unit
``q`` is **hub-monotone** on the two hubs ``0, 1``: there is a favoured hub
``χ(q) ∈ {0, 1}`` with ``h_q({χ(q), y}) ≥ h_q({1 − χ(q), y})`` for every feature
``y ≥ 2``. Every *additive-monotone* unit is hub-monotone:
``h_q(X) = φ_q(β_q + Σ_{f∈X} w_qf)`` with ``φ_q`` nondecreasing (``χ(q)`` = the hub of larger
``w_q·``). That covers every one-layer ReLU network on any code (``w = W₁E``), every
network whose last-layer unit is a nondecreasing function of one first-layer score
(C2d's clip, :mod:`bounds.constructions.pairdesign`, with any weights), binary threshold
units, graded units. (Not every clique-template unit is hub-monotone, nor the converse:
the two limits cover different classes.)

**Theorem (hub colouring).** If such a network is exact on the identifying probes for
every two-hub instance ``j ↦ {c(j), 2 + j}`` (``c : [m′] → {0, 1}`` any colouring; every
leaf has degree 1), then for every colouring ``c`` there is a colouring ``χ`` of the units
such that **every output reads a unit of its own colour**:
``∀ j ∃ q: D_jq > 0, χ(q) = c(j)``. *Proof.* Take the instance of ``c`` and ``χ(q)`` the
favoured hubs. If output ``j`` (hub ``h = c(j)``, leaf ``y``) reads only units with
``χ(q) = 1 − h``, then ``h_q({1 − h, y}) ≥ h_q({h, y})`` for each of them and, ``D ≥ 0``,
``Σ_q D_jq h_q({1 − h, y}) ≥ Σ_q D_jq h_q({h, y}) > θ_j``: ``j`` fires on the probe
``{1 − h, y}``, which is no pair of the instance (``y`` has degree 1), where its AND is 0. ∎

So a read structure with a **losing colouring** — a ``c`` no unit colouring satisfies —
admits no weights of this class for the whole family, and :func:`hub_colouring_attack`
builds the instance. :func:`losing_colouring` finds one by counterexample-guided search
(z3 over ``c``, a SAT check over ``χ``; exact). What it implies (tests check each):

* a private unit per output (C2p): never losing (``χ`` = the owner's colour);
* outputs reading pairs of units: the pairs of 4 or of 5 units (``K_4``, ``K_5``) lose, the
  pairs of 3 do not; a bipartite pair structure never loses;
* **C2d's affine read structure never loses** at any ``r ≥ 2``: colour block 0 with 0 and
  block 1 with 1 — every output reads one unit of each block (:func:`affine_gadget` also
  finds none, exhaustively over the sub-structures it searches). So the hub colouring does
  **not** rule out a weighted C2d; nor does it bound ``n_L`` (a dense decoder never loses).

**Evaluated: weighted units on C2d's read structure (exact z3 decisions at one size, and a
design estimate of the code cost; not a construction).** :func:`threshold_probe_feasible`
decides exactly whether *binary additive units* — unit ``q`` fires iff
``β_q + Σ_{f∈X} A_qf ≥ 1`` and is silent iff ``≤ 0``, with ``A`` free (the identity code; a
code of dimension ``d`` only restricts ``A = W₁E`` to its row space, so "infeasible" holds
for every code, one layer or C2d's clip with any weights) — with C2d's all-must-fire decoder
are exact on every ≤ 2-feature probe of a given instance. At ``G = 5``, ``m′ = m = 25``
(z3, 3–40 s each, machine shared):

* ``r = 3`` (**15 units, 25 outputs**): feasible for the clique-template attack at every
  third output (9 outputs, both forms — every clique-template network with this decoder
  fails them, :mod:`bounds.constructions.pairprivate`), the star, 2-, 4- and 6-regular
  instances, 6 uniform ones and 4 three-hub ones (32 instances); **infeasible for the
  clique** (:func:`~bounds.constructions.adversarial.clique`, ``K_7`` and 4 more pairs):
  no weights of this class make C2d's ``r = 3`` structure exact for the whole family at
  this size — the limit reaches beyond the clique template here, by computation, not by
  a general theorem;
* ``r = 4`` (20 units): the clique is feasible. At ``G = 7``, ``m′ = m = 49``: the clique
  is infeasible at ``r = 3`` (21 units) and feasible at ``r = 4`` (28 units), 26 s and 58 s;
* integer weights: ``{0, 1, 2, 3}`` firing at sum ``≥ 4`` pass the attack, its two-hub
  form, two hubs and a uniform instance at ``r = 3``; ``{0, 1, 2}`` firing at ``≥ 3`` fail
  the two-hub form of the attack (exact): two weight levels do not suffice there.

The cost is the code: a unit scoring ``N = Σ_{f∈S} c_f n(f, ·)·x`` with
``c_f ∈ {1, …, v}`` on C2d's Reed–Solomon code separates "own weight ``≥ v + 1``" from
"``≤ v``" (in units of ``s``) when ``s ≥ 4v(D − 1)L + 1`` (cross-talk ``≤ (D − 1)·v·2L`` per
active feature), against C2d's ``(D − 1)(4L − 1) + 1``. :func:`weighted_design_estimate`
(``r = 3``, two-layer clip; least max width, then total), max width / total:

==========  ===========  ==========  ==========  ====
m′          C2d (``F_r``)  2 levels    3 levels    C0
==========  ===========  ==========  ==========  ====
1000        740 / 1266   1011 / 2022  1369 / 2022  1000
2000        1128 / 2022  1551 / 3018  2019 / 4038  2000
20 000      6009 / 12018 8583 / 17166 10877 / 20058 20000
==========  ===========  ==========  ==========  ====

So weighted units on this code do not beat C0 by total neurons at m′ ≤ 2000 (nor at
20 000 with three levels), even if three levels and ``r = 3`` sufficed for every instance
(the clique says ``r = 3`` does not at ``G = 5`` and ``G = 7``).

Nothing here bounds networks whose last-layer units are not hub-monotone (e.g. units with
a signed dependence on a hub, ``x_0 − x_1`` channels) or signed decoders (veto units).

>>> losing_colouring(list(itertools.combinations(range(4), 2))) is None
False
>>> losing_colouring([(0,), (1,), (2,)]) is None, affine_gadget(5, 3, 5)
(True, None)
'''

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

__all__ = ["affine_gadget", "hub_colouring_attack", "losing_colouring", "read_sets",
           "threshold_probe_feasible", "unit_colouring", "weighted_design_estimate"]


def read_sets(D: Any) -> list[tuple[int, ...]]:
    """The units each output reads (``D_jq > 0``), from a public decoder (m′ × n).

    >>> read_sets(np.array([[1.0, 0.0], [0.5, 2.0]]))
    [(0,), (0, 1)]
    """
    M = sp.csr_matrix(D)
    out = []
    for j in range(M.shape[0]):
        lo, hi = M.indptr[j], M.indptr[j + 1]
        out.append(tuple(sorted(int(q) for q, v in zip(M.indices[lo:hi], M.data[lo:hi],
                                                                    strict=True)
                                if v > 0)))
    return out


def unit_colouring(reads: Sequence[Sequence[int]], colours: Sequence[int]
                   ) -> dict[int, int] | None:
    """A unit colouring ``χ`` with every output reading a unit of its own colour, or
    ``None`` when there is none (z3, exact). Units no output reads are left out.

    >>> unit_colouring([(0, 1), (0, 1)], [0, 1]) in ({0: 0, 1: 1}, {0: 1, 1: 0})
    True
    >>> unit_colouring([(0,), (0,)], [0, 1]) is None
    True
    """
    import z3

    units = sorted({q for R in reads for q in R})
    v = {q: z3.Bool(f"u{q}") for q in units}
    s = z3.Solver()
    for R, c in zip(reads, colours, strict=True):
        s.add(z3.Or([v[q] if c else z3.Not(v[q]) for q in R]) if R else z3.BoolVal(False))
    if s.check() != z3.sat:
        return None
    mdl = s.model()
    return {q: int(z3.is_true(mdl.eval(v[q], model_completion=True))) for q in units}


def losing_colouring(reads: Sequence[Sequence[int]], max_rounds: int = 10_000
                     ) -> tuple[int, ...] | None:
    """An output colouring no unit colouring satisfies (module theorem), or ``None`` when
    every colouring is satisfiable. Counterexample-guided: z3 proposes ``c``; a unit
    colouring ``χ`` satisfying it excludes every ``c`` that ``χ`` satisfies (``χ`` fails
    ``c`` iff some output reads units of one colour ``v`` only and ``c(j) = 1 − v``).
    Exact (each round removes the proposal); ``RuntimeError`` after ``max_rounds``.

    >>> K5 = list(itertools.combinations(range(5), 2))
    >>> c = losing_colouring(K5); c is not None and unit_colouring(K5, c) is None
    True
    """
    import z3

    c = [z3.Bool(f"c{j}") for j in range(len(reads))]
    outer = z3.Solver()
    for _ in range(max_rounds):
        if outer.check() != z3.sat:
            return None
        mdl = outer.model()
        cand = tuple(int(z3.is_true(mdl.eval(x, model_completion=True))) for x in c)
        chi = unit_colouring(reads, cand)
        if chi is None:
            return cand
        fails = []
        for j, R in enumerate(reads):
            seen = {chi[q] for q in R}
            if len(seen) == 1:
                (val,) = seen
                fails.append(c[j] if val == 0 else z3.Not(c[j]))
            elif not R:
                fails.append(z3.BoolVal(True))
        outer.add(z3.Or(fails) if fails else z3.BoolVal(False))
    raise RuntimeError(f"losing_colouring: no decision in max_rounds={max_rounds}")


def hub_colouring_attack(colours: Sequence[int], m: int | None = None
                         ) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """The two-hub instance of a colouring: output ``j`` gets ``{c(j), 2 + j}`` (needs
    ``m ≥ m′ + 2``). Returns the instance and, per output, the probe the theorem says it
    fires on when it reads only units favouring the other hub: ``(j, 1 − c(j), 2 + j)``.

    >>> inst, probes = hub_colouring_attack([0, 1, 1])
    >>> inst.tolist(), probes[1]
    ([[0, 2], [1, 3], [1, 4]], (1, 0, 3))
    """
    cs = [int(v) for v in colours]
    if any(v not in (0, 1) for v in cs):
        raise ValueError("colours must be 0 or 1")
    mp = len(cs)
    mm = mp + 2 if m is None else int(m)
    if mm < mp + 2:
        raise ValueError(f"m must be >= m_prime + 2 = {mp + 2} (got m={mm})")
    inst = np.array([[v, 2 + j] for j, v in enumerate(cs)], dtype=np.int64)
    return inst, [(j, 1 - v, 2 + j) for j, v in enumerate(cs)]


def affine_gadget(G: int, r: int, k: int, max_rounds: int = 10_000
                  ) -> tuple[list[int], tuple[int, ...]] | None:
    """Search C2d's affine read structure (:func:`~bounds.constructions.design.affine_owners`,
    ``G`` prime, ``r`` classes) for a losing colouring on the outputs whose ``r`` units all
    lie among the first ``k`` lines of every class (a sub-structure; outputs outside only
    add constraints, so a losing colouring there loses for the whole structure at every
    ``m′`` containing those outputs). Returns ``(outputs, colouring)`` or ``None`` when the
    sub-structure has none.

    >>> affine_gadget(5, 2, 3) is None
    True
    """
    from bounds.constructions.design import affine_owners

    R = affine_owners(G * G, G, r)
    keep = [j for j in range(G * G) if all(R[j, c] - c * G < k for c in range(r))]
    if not keep:
        return None
    reads = [tuple(int(q) for q in R[j]) for j in keep]
    col = losing_colouring(reads, max_rounds)
    return None if col is None else (keep, col)


def threshold_probe_feasible(instance: Any, reads: Sequence[Sequence[int]], m: int, *,
                             levels: Sequence[int] | None = None) -> bool:
    """Whether binary threshold units on the identity code (the most permissive code:
    any weights, unit ``q`` fires on ``X`` iff ``β_q + Σ_{f∈X} w_qf ≥ 1``, silent iff
    ``≤ 0``) with the all-must-fire decoder of ``reads`` (``D_jq = 1`` on ``R_j``,
    ``θ_j = |R_j| − 1/2``) are exact on every input with ≤ 2 active features for
    ``instance`` (z3 over real weights, exact). ``levels``: integer weights restricted to
    ``{0} ∪ levels`` and the fixed rule "fires iff ``Σ_{f∈X} w_qf ≥ max(levels) + 1``"
    (e.g. ``(1, 2, 3)``: fires iff the sum is ``≥ 4``; the clip of an integer score).
    For small searches (m ≤ 30).

    >>> threshold_probe_feasible([(0, 1), (0, 2)], [(0,), (1,)], 3)
    True
    >>> threshold_probe_feasible([(0, 2), (1, 3)], [(0,), (0,)], 4)
    False
    """
    import z3

    pairs = [tuple(sorted(int(v) for v in p)) for p in np.asarray(instance).tolist()]
    n = 1 + max(q for R in reads for q in R)
    probes = [()] + [(a,) for a in range(m)] + list(itertools.combinations(range(m), 2))
    s = z3.Solver()
    if levels is None:
        w = [[z3.Real(f"w{q}_{f}") for f in range(m)] for q in range(n)]
        b = [z3.Real(f"b{q}") for q in range(n)]
    else:
        lv = sorted({0, *(int(v) for v in levels)})
        T = lv[-1] + 1
        w = [[z3.Int(f"w{q}_{f}") for f in range(m)] for q in range(n)]
        b = [z3.IntVal(1 - T)] * n  # score = Σ w − T + 1: >= 1 iff Σ w >= T, else <= 0
        for row in w:
            s.add(*[z3.Or([x == v for v in lv]) for x in row])
    fire = {}
    for q in range(n):
        for X in probes:
            v = z3.Bool(f"f{q}_{'_'.join(map(str, X))}")
            fire[q, X] = v
            score = b[q] + sum((w[q][f] for f in X), z3.IntVal(0) if levels else z3.RealVal(0))
            s.add(z3.Implies(v, score >= 1), z3.Implies(z3.Not(v), score <= 0))
    for pr, R in zip(pairs, reads, strict=True):
        for X in probes:
            if X == pr:
                s.add(z3.And([fire[q, X] for q in R]))
            else:
                s.add(z3.Or([z3.Not(fire[q, X]) for q in R]))
    return s.check() == z3.sat


def weighted_design_estimate(m_prime: int, m: int | None = None, *, r: int = 3,
                             levels: int = 3) -> dict[str, int]:
    """Least sizes of C2d's two-layer clip with weighted units (module docstring; a design
    estimate of the code cost, not a construction): weights ``c_f ∈ {1, …, levels}``, a
    unit fires iff its active own weight is ``≥ levels + 1`` (in units of ``s``), which the
    Reed–Solomon code guarantees when ``s ≥ 4·levels·(D − 1)L + 1`` (cross-talk
    ``≤ (D − 1)·levels·2L`` per active feature, two active); ``levels=1`` is C2d's
    own condition ``s = (D − 1)(4L − 1) + 1`` instead. Over ``D ≤ 6`` and primes
    ``G ≥ √m′`` (``L = ⌈m′/G⌉``, ``g`` the least prime ``≥ max(s, ⌈m^{1/D}⌉)``): least
    ``max(s·g, rG)``, then least total ``2rG``.

    >>> e = weighted_design_estimate(2000); (e["max_width"], e["total"], e["s"], e["L"])
    (2019, 4038, 37, 3)
    """
    import math

    from bounds.constructions.design import _prime_at_least, _root_ceil
    from bounds.validation import as_int, as_m_prime

    mp = as_m_prime(m_prime)
    mm = mp if m is None else as_int(m, "m", 2)
    r = as_int(r, "r", 2)
    levels = as_int(levels, "levels", 1)
    best: tuple | None = None
    for D in range(2, 7):
        G = _prime_at_least(math.isqrt(mp - 1) + 1)
        root = _root_ceil(mm, D)
        while G <= max(mp, r):
            L = -(-mp // G)
            s = ((D - 1) * (4 * L - 1) + 1 if levels == 1
                 else 4 * levels * (D - 1) * L + 1)
            g = _prime_at_least(max(s, root))
            size = {"D": D, "G": G, "L": L, "s": s, "g": g, "d": s * g, "H": r * G,
                    "max_width": max(s * g, r * G), "total": 2 * r * G}
            key = (size["max_width"], size["total"])
            if best is None or key < best[0]:
                best = (key, size)
            G = _prime_at_least(G + 1)
    assert best is not None
    return best[1]
