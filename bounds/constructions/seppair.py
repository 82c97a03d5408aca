r'''C2s: pairwise AND in superposition with LP-separated units, certified on the identifying
probes for each BUILT instance of C2d's family ``F_r`` (a per-instance certificate; no
theorem that every instance of ``F_r`` can be built).

This library's construction. It keeps C2d's ownership and decoder
(:mod:`bounds.constructions.pairdesign`) and replaces the 0/1 first layer over a
Reed–Solomon code by one row per unit chosen for the instance:

* **public code** (seeded, independent of the instance): ``d = s·g``; feature ``f`` has one
  coordinate ``t·g + h_t(f)`` in each block ``t < s``, ``h_t(f)`` uniform in ``[g]``, value
  ``±1/√s`` (uniform signs), from ``numpy.random.default_rng([seed, 61])``;
* **ownership and family** as C2d: ``r`` parallel classes of the affine plane over ``F_G``
  (:func:`~bounds.constructions.design.affine_owners`), ``L = ⌈m′/G⌉`` owners per unit,
  ``H = rG`` units; unit ``i`` listens to ``S_i``, the endpoints of its owners
  (``|S_i| ≤ 2L``); the family is ``F_r`` (co-owner condition ``c_j(z) ≤ r − 1``), checked
  exactly by :func:`~bounds.constructions.pairdesign.co_owner_excess`; an instance outside
  is refused. ``F_r`` is NOT the whole pairwise family: no network of this template computes
  every instance (the clique-template limit, :mod:`bounds.constructions.pairprivate`).
* **unit rows** (instance-dependent): ``φ_i(z) = ⟨w_i, E_z⟩``; ``w_i`` is supported on the
  union ``U_i`` of its members' code coordinates and is chosen so that members get
  ``φ ≈ 1`` and non-members ``φ ≤ ν_i`` (one-sided: very negative is fine): first the
  minimum-norm ``w`` with ``φ = 1`` on ``S_i`` (least squares), then a few active-set rounds
  that also pin the worst non-members to 0, and when that leaves too small a gap the linear
  program ``min η + ν`` s.t. ``1 ≤ φ(z) ≤ 1 + η`` (``z ∈ S_i``), ``φ(z) ≤ ν`` (candidate
  non-members, cutting planes over all ``m`` features), ``ν ≥ 0`` (scipy ``linprog``,
  HiGHS). The LP is this module's own (the shared core ``bounds.constructions.separate``
  was not available when this was written). On a probe ``X`` (``|X| ≤ 2``) the sum
  ``Σ_{z∈X} φ(z)`` is ``≥ p_i`` (the two least member values) when ``X ⊆ S_i``, ``|X| = 2``,
  and ``≤ o_i = max(M₁ + N₁, N₁ + N₂, M₁, N₁, 0)`` otherwise (``M₁`` the largest member
  value, ``N₁ ≥ N₂`` the largest non-member values); the unit is usable when
  ``p_i > o_i``. Rows are scaled per unit and rounded to one global grid
  (``qmax`` levels each side; biases on a coarser grid of the same size).
* **one layer** (``layers=1``, default): ``h_i = ReLU(λ_i(Σφ − t_i))`` with ``t_i`` half-way
  between ``o_i`` and ``p_i`` and ``λ_i`` putting the least firing value at ``≈ 1.02``;
  decoder ``D_j`` = indicator of ``j``'s ``r`` units, ``θ = r − 1/2``: correct when every
  firing value lies in ``((r − 1/2)/r, (r − 1/2)/(r − 1))``;
  **two layers** (``layers=2``): C2d's clip ``σ_i = ReLU(b_i − λ_iΣφ)``,
  ``f_i = ReLU(1 − σ_i)`` with ``z ≤ −1`` on member pairs and ``z ≥ 2`` otherwise (0/1 units).

Then unit ``i`` fires iff ``X ⊆ S_i`` and ``|X| = 2`` — C2d's unit behaviour — and C2d's
decoder argument on ``F_r`` applies (a wrong ``X`` has a feature ``z ∉ {a_j, b_j}``; only
units listening to ``z`` fire, at most ``r − 1`` of ``j``'s).

**What is claimed.** For each built network, :func:`certify_pair_separated` decides every
input with at most 2 active features from the built matrices (exact; a documented
floating-point slack) — "certified on the identifying probes" for THAT instance. The sizes
(:func:`choose_pair_separated`) are CALIBRATED (the smallest that built and certified on the
seed's random instance of ``F_r`` and on adversarial instances of ``F_r``, see
``benchmarks/calibrate_seppair.py`` and ``docs/data/calibrated/C2s.json``), not proved: an
instance of ``F_r`` whose LP is infeasible at these sizes raises ``ValueError`` naming the
unit (never a wrong network). Nothing is claimed for inputs with three or more active
features.

**Measured (2026-12-03 and 12-04, loaded 2-core machine; evidence, not proofs).** The
calibrated rows (widths, ``P_nz``, bits, ratios to the exact lower bounds, the instances
built, CPU) are in ``docs/data/calibrated/C2s.json``. Minimum-norm rows alone do not separate
(normalised gap ≈ −0.2 … 0); the LP reaches 0.15–0.35.

* **The first rule is refuted.** ``d ≈ κ·2L·ln m`` (``kappa=…``): the origin attack of
  :mod:`bounds.constructions.hullattack` (co-owners' endpoints whose codes' convex hull nearly
  holds the origin, realised inside ``F_r``) makes the builder refuse at every size it chose
  for m′ = 500, 1000, 2000 (least pair depth 0.50, 0.47, 0.43); those rows stay in the file
  with ``all_certified: false`` (500: superseded).
* **The attacks' threshold** (``benchmarks/calibrate_seppair.py --grid``: the least ``g`` at
  which the random instance of ``F_r``, seppair's shared/correlated/cover attacks and the
  dense origin and point attacks all build and certify). m′ = 500: ``|S_i| = 2L = 22, 20, 18``
  (``G = 47, 53, 61``) held from ``d = 264, 232, 224`` (broken at 256, 224, 216), i.e.
  ``|S|/√d = 1.35, 1.31, 1.20``; with ``|S| = 16`` (``G = 71``, attacks only) from ``d = 208``
  (1.11). Calibrated row: ``G = 53, d = 232`` — width 232 against C2d's 381 and C0's 500,
  7.5× the exact bound at its own ``b = 9, L = 1``. The sparse origin pursuit
  (:func:`~bounds.constructions.hullattack.hull_attack_pairs_instance`, ranked by hull
  distance, no LP: weaker) judged by the builder's unit LP: m′ = 10⁴, ``|S| = 46``: refused at
  ``d = 800, 1200`` (``|S|/√d = 1.63, 1.33``), separable at 1752 (1.10, gap 0.13); m′ = 10⁵,
  ``|S| = 100``: separable at ``d = 5600`` (1.34, gap 0.04) and 8264 (1.10, gap 0.15). Hence the
  default ``ρ = 1.1``: ``d ≈ (2L/ρ)²`` against ``H = rG = r m′/L``, balanced at
  ``L ≈ (ρ² r m′/4)^{1/3}`` — widths Θ(m′^{2/3}) like C2d, with a smaller constant (m′ = 10⁵,
  ``r = 4``: ``G = 2027, L = 50, d = 8264, H = 8108``). Whether the safe ``d`` grows like
  ``|S|²`` (C1s's finding against stronger attacks) or slower (at m′ = 500 it grew about
  linearly in ``|S|``) is not settled by these data.
* **Cost.** The unit LP (HiGHS interior point, ≈ 6 cutting-plane rounds from the 16·|S|
  largest non-members) is 0.56 s CPU a unit at m′ = 10⁵ (``G = 2027, g = 1033``, 3 units;
  the earlier 8–15 s were at ``d = 3344``, where the LP is nearly infeasible), so a build
  there is ≈ 76 CPU min (8108 units).
* **m′ = 10⁵ built** (2026-12-04, ``G = 2027, g = 1033`` by the default rule, not searched):
  the random instance of ``F_r`` and one sparse origin-pursuit instance (2 attacked units,
  hull distance 0.054) both build (all 8108 unit LPs, 3 830 and 3 820 CPU s) and certify on
  every input with ≤ 2 active features (least normalised gap 0.32 and 0.13). Width 8 264,
  8 108 units, ``P_nz ≤ 6 050 099``, ``b ≤ 10``: **14.5×** the exact neuron bound at
  ``b = 10, L = 1`` (568) and 37.8× the D2 parameter bound (159 880); C2d there: 35.7×, 487×.
  ``P_nz ≈ Σ_i |U_i| ≈ 2 r s m′`` (64 nonzeros an output at ``r = 4, s = 8``) is what keeps
  the parameter ratio above 20. Halving ``s`` (``s = 4``, same ``d``) does not do it: four
  units of the random instance separate (gap 0.28) but the sparse origin pursuit gets its
  unit refused (hull distance 0.031).

Resources: widths ``(d, H)`` (one layer) or ``(d, H, H)``; ``P_nz ≤ Σ_i |U_i| + H`` (one
layer), ``|U_i| ≤ 2Ls``; bits from the two grids (``≈ log₂(4·qmax + 2)``).

>>> net = build_pair_separated(150, 3, 0.01, seed=0)
>>> certify_pair_separated(net).verdict
'certified on the identifying probes'
'''

from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.design import AffineUnits, _prime_at_least, affine_owners
from bounds.constructions.network import Network
from bounds.validation import as_int, as_m_prime, as_real

__all__ = ["ATTACKS", "SepPairParams", "attack_instance", "build_pair_separated",
           "certify_pair_separated", "choose_pair_separated", "sep_pair_accounting",
           "separated_code", "unit_rows"]

NAME = "C2s pairwise AND (LP-separated)"
#: the last few instances' float rows (keyed by sizes, seed and instance digest): a one- and
#: a two-layer build of the same instance solve the unit LPs once
_ROWS: dict[tuple, tuple[sp.csr_matrix, np.ndarray, dict[str, int]]] = {}
#: the first rule, ``d ≈ KAPPA · 2L · ln m`` (``kappa=…``; refuted by the hull attacks at
#: every calibrated size, benchmarks/attack_hull.py)
KAPPA = 1.6
#: the default rule: ``d = s·g ≥ (2L/RHO)²``, i.e. ``|S_i|/√d ≤ RHO`` (``rho=…``): the least
#: ratio at which the hull attacks stopped breaking the builder at m′ = 500 (1.11–1.31 over
#: G = 47…71, benchmarks/calibrate_seppair.py --grid) and the sparse origin pursuit at
#: m′ = 10⁴, 10⁵ (held at 1.10; at 10⁴ broke at 1.33) — calibrated, not proved
RHO = 1.1
S_CODE = 8
#: relative float slack of the certificate (module docstring of certify_pair_separated)
REL_SLACK = 1e-10
#: one layer: the unit's threshold sits this fraction of the gap above the largest non-firing sum
T_FRAC = 0.3
#: cutting planes: the LP starts with the LP_START·|S| largest non-members, adds LP_ADD·|S|
LP_START, LP_ADD = 16, 16
#: HiGHS methods tried in order for each cutting-plane round
LP_METHODS = ("highs-ipm", "highs-ds")


@dataclass(frozen=True)
class SepPairParams(AffineUnits):
    """Sizes of C2s (module docstring). ``kappa`` / ``rho`` only record how ``g`` was chosen
    (``kappa > 0``: the first rule; ``rho > 0``: the default rule; both 0: ``g`` given)."""

    m_prime: int
    m: int
    r: int
    G: int
    s: int
    g: int
    layers: int = 1
    qmax: int = 0
    kappa: float = 0.0
    rho: float = RHO

    @property
    def d(self) -> int:
        return self.s * self.g

    @property
    def theta(self) -> float:
        return self.r - 0.5

    @property
    def levels(self) -> int:
        """Grid levels each side (``qmax``; default 255 for one layer, 127 for two)."""
        return self.qmax or (255 if self.layers == 1 else 127)

    @property
    def max_width(self) -> int:
        return max(self.d, self.H)


def choose_pair_separated(m_prime: int, m: int | None = None, *, layers: int = 1,
                          kappa: float | None = None, rho: float | None = None,
                          **overrides: Any) -> SepPairParams:
    """CALIBRATED sizes (module docstring; not a theorem): ``r`` = C2d's least block count
    whose co-owner bound is ``≤ 1/2`` (so ``F_r`` holds at least half of all instances),
    ``g = ⌈(2L/ρ)²/s⌉`` (``ρ = rho``, default :data:`RHO`: ``|S_i|/√d ≤ ρ``; or, with
    ``kappa``, the first rule ``g = ⌈κ·2L·ln m / s⌉``, refuted by the hull attacks), ``s = 8``,
    and the prime ``G ≥ max(⌈√m′⌉, r)`` minimising ``max(s·g, rG)`` (ties: fewer units).
    ``overrides`` may fix ``r``, ``G``, ``s``, ``g``, ``qmax``.

    >>> p = choose_pair_separated(10**5); (p.r, p.max_width) == (4, max(p.d, p.H))
    True
    """
    from bounds.constructions.pairdesign import _blocks

    mp = as_m_prime(m_prime)
    mm = mp if m is None else as_int(m, "m", 2)
    if mm * (mm - 1) // 2 < mp:
        raise ValueError(f"m must satisfy C(m, 2) >= m_prime={mp} (got m={mm})")
    layers = as_int(layers, "layers", 1, 2)
    if kappa is not None and rho is not None:
        raise ValueError("give kappa (the first rule) or rho, not both")
    kappa = 0.0 if kappa is None else as_real(kappa, "kappa", 0.0, 1e3, low_closed=False)
    rho = RHO if rho is None else as_real(rho, "rho", 0.0, 1e3, low_closed=False)
    known = {"r", "G", "s", "g", "qmax"}
    bad = set(overrides) - known
    if bad:
        raise ValueError(f"unknown C2s override(s) {sorted(bad)}; accepted: {sorted(known)}")
    ov = {key: as_int(v, key, 1) for key, v in overrides.items()}
    s = ov.get("s", S_CODE)
    g_min = math.isqrt(mp - 1) + 1
    if "G" in ov:
        Gs = [ov["G"]]
    else:
        Gs = sorted({_prime_at_least(max(g_min, -(-mp // L), 2))
                     for L in range(1, mp // g_min + 2)})
    best: tuple | None = None
    for G in Gs:
        r = ov.get("r", _blocks(mp, mm, G, None))
        if r > G:
            continue
        L = -(-mp // G)
        g = ov.get("g", max(2, math.ceil(kappa * 2 * L * math.log(mm) / s) if kappa
                            else math.ceil((2 * L / rho) ** 2 / s)))
        key = (max(s * g, r * G), r * G)
        if best is None or key < best[0]:
            best = (key, SepPairParams(m_prime=mp, m=mm, r=r, G=G, s=s, g=g, layers=layers,
                                       qmax=ov.get("qmax", 0),
                                       kappa=0.0 if "g" in ov else kappa,
                                       rho=0.0 if kappa or "g" in ov else rho))
    if best is None:
        raise ValueError(f"no C2s sizes for m_prime={mp} with {ov}")
    p = best[1]
    import sympy

    if not sympy.isprime(p.G) or p.G * p.G < mp or p.r > p.G:
        raise ValueError(f"G must be a prime with G^2 >= m_prime={mp} and G >= r={p.r} "
                         f"(got G={p.G})")
    return p


def separated_code(p: SepPairParams, seed: int) -> sp.csc_matrix:
    """The public code (module docstring): ``d × m`` CSC, ``s`` entries ``±1/√s`` per column,
    one per block of ``g`` rows, from ``default_rng([seed, 61])`` only (no instance).

    >>> p = choose_pair_separated(50); E = separated_code(p, 0)
    >>> E.shape == (p.d, p.m), set(np.diff(E.indptr).tolist()) == {p.s}
    (True, True)
    """
    rng = np.random.default_rng([seed, 61])
    h = rng.integers(0, p.g, size=(p.m, p.s))
    signs = rng.integers(0, 2, size=(p.m, p.s)) * 2 - 1
    rows = (np.arange(p.s)[None, :] * p.g + h).ravel()
    indptr = np.arange(0, p.m * p.s + 1, p.s)
    return sp.csc_matrix((signs.ravel() / math.sqrt(p.s), rows, indptr), shape=(p.d, p.m))


def _pair_stats(phi: np.ndarray, members: np.ndarray) -> tuple[float, float, float]:
    """``(p, P, o)``: least and largest member-pair sums and the largest sum over every
    other input with ``≤ 2`` active features (module docstring); ``phi`` over all ``m``."""
    mv = np.sort(phi[members])
    out = phi.copy()
    out[members] = -np.inf
    top2 = np.partition(out, out.size - 2)[-2:] if out.size >= 2 else np.array([-np.inf, out[0]])
    n1, n2 = float(max(top2)), float(min(top2))
    lo, hi = float(mv[0] + mv[1]), float(mv[-1] + mv[-2])
    other = max(mv[-1] + n1, n1 + n2, mv[-1], n1, 0.0)
    return lo, hi, float(other)


def _window(r: int) -> tuple[float, float]:
    """Firing values the one-layer decoder accepts: ``((r − 1/2)/r, (r − 1/2)/(r − 1))``."""
    return (r - 0.5) / r, (r - 0.5) / (r - 1)


def _score(st: tuple[float, float, float], layers: int = 2, r: int = 3) -> float:
    """Normalised gap ``(p − o)/P``; one layer: also ``1 − ρ/ρ_max`` for the spread
    ``ρ = (P − t)/(p − t)`` of the firing values against the window's ``ρ_max = r/(r − 1)``."""
    lo, hi, other = st
    if not hi > 0 or not lo > other:
        return -math.inf if not hi > 0 else (lo - other) / hi
    gap = (lo - other) / hi
    if layers == 1:
        t = other + T_FRAC * (lo - other)
        gap = min(gap, 1.0 - (hi - t) / (lo - t) / (r / (r - 1)))
    return gap


def _lp_row(Ec: sp.csc_matrix, Et: sp.csr_matrix, S: np.ndarray, U: np.ndarray,
            phi0: np.ndarray, rounds: int = 8) -> np.ndarray | None:
    """The LP of the module docstring on the coordinates ``U`` (sparse constraint rows;
    cutting planes from the largest non-member values of the current row, ``2|S|`` per
    round); None when HiGHS finds no solution."""
    from scipy.optimize import linprog

    d = Ec.shape[0]
    pos = -np.ones(d, dtype=np.int64)
    pos[U] = np.arange(U.size)
    nU, nS = U.size, S.size

    def block(F: np.ndarray) -> sp.csr_matrix:  # (|F| × |U|): the features' codes on U
        sub = Ec[:, F]
        col = np.repeat(np.arange(F.size), np.diff(sub.indptr))
        keep = pos[sub.indices] >= 0
        return sp.csr_matrix((sub.data[keep], (col[keep], pos[sub.indices[keep]])),
                             shape=(F.size, nU))

    AS = block(S)
    box = 3.0 * float(np.abs(np.linalg.lstsq(AS.toarray(), np.ones(nS), rcond=None)[0]).max())
    out = phi0.copy()
    out[S] = -np.inf
    act = np.argsort(-out)[:LP_START * nS]
    act = np.sort(act[np.isfinite(out[act])])  # never a member (m may be < LP_START·|S|)
    best = None
    c = np.zeros(nU + 2)
    c[nU:] = 1.0
    eta_col = sp.csr_matrix(np.ones((nS, 1)))
    for _ in range(rounds):
        AC = block(act)
        Aub = sp.vstack([
            sp.hstack([-AS, sp.csr_matrix((nS, 2))]),
            sp.hstack([AS, -eta_col, sp.csr_matrix((nS, 1))]),
            sp.hstack([AC, sp.csr_matrix((act.size, 1)), -sp.csr_matrix(np.ones((act.size, 1)))]),
        ]).tocsr()
        bub = np.concatenate([-np.ones(nS), np.ones(nS), np.zeros(act.size)])
        for method in LP_METHODS:  # interior point first; simplex if it fails
            res = linprog(c, A_ub=Aub, b_ub=bub, bounds=[(-box, box)] * nU + [(0, None)] * 2,
                          method=method)
            if res.status == 0:
                break
        if res.status != 0:
            return best
        w = np.zeros(d)
        w[U] = res.x[:nU]
        best = w
        phi = Et @ w
        phi[S] = -np.inf
        viol = np.flatnonzero(phi > res.x[nU + 1] + 1e-9)
        if viol.size == 0:
            return w
        act = np.union1d(act, viol[np.argsort(-phi[viol])[:LP_ADD * nS]])
    return best


def unit_rows(p: SepPairParams, E: sp.csc_matrix, B: sp.csr_matrix, *, rounds: int = 0,
              target: float = 0.35, lp_below: float = 0.3
              ) -> tuple[sp.csr_matrix, np.ndarray, dict[str, int]]:
    """Float rows ``w_i`` (H × d CSR, support ``U_i``) and their ``(p, P, o)`` stats (H × 3)
    for the membership ``B`` (module docstring); ``ValueError`` naming the first unit whose
    best row has no gap (``p ≤ o``). ``target``: the active-set rounds stop once every
    non-member value is ``≤ target``; ``lp_below``: the LP is tried when the normalised gap
    ``(p − o)/P`` is below it. Returns also counts (``lp_units``)."""
    Ec = sp.csc_matrix(E)
    Et = sp.csr_matrix(Ec.T)
    d = Ec.shape[0]
    rows_i: list[np.ndarray] = []
    rows_v: list[np.ndarray] = []
    stats = np.zeros((p.H, 3))
    counts = {"lp_units": 0, "active_set_units": 0}
    pos = -np.ones(d, dtype=np.int64)

    def dense(U: np.ndarray, F: np.ndarray) -> np.ndarray:
        pos[U] = np.arange(U.size)
        sub = Ec[:, F]
        out = np.zeros((U.size, F.size))
        col = np.repeat(np.arange(F.size), np.diff(sub.indptr))
        keep = pos[sub.indices] >= 0
        out[pos[sub.indices[keep]], col[keep]] = sub.data[keep]
        pos[U] = -1
        return out

    for i in range(p.H):
        S = B.indices[B.indptr[i]:B.indptr[i + 1]].astype(np.int64)
        U = np.unique(Ec[:, S].indices)
        AS = dense(U, S)
        Z = np.zeros(0, dtype=np.int64)
        best: tuple[float, np.ndarray, tuple] | None = None
        for rd in range(rounds + 1):
            A = np.concatenate([AS, dense(U, Z)], axis=1) if Z.size else AS
            rhs = np.concatenate([np.ones(S.size), np.zeros(Z.size)])
            wU = np.linalg.lstsq(A.T, rhs, rcond=None)[0]
            w = np.zeros(d)
            w[U] = wU
            phi = Et @ w
            st = _pair_stats(phi, S)
            sc = _score(st, p.layers, p.r)
            if best is None or sc > best[0]:
                best = (sc, w, st)
            out = phi.copy()
            out[S] = -np.inf
            viol = np.flatnonzero(out > target)
            if viol.size == 0:
                break
            if rd:
                counts["active_set_units"] += rd == 1
            new = viol[np.argsort(-out[viol])[:max(8, S.size // 4)]]
            Z = np.union1d(Z, new)
        assert best is not None
        if best[0] < lp_below:
            w_lp = _lp_row(Ec, Et, S, U, Et @ best[1])
            if w_lp is not None:
                st = _pair_stats(Et @ w_lp, S)
                if _score(st, p.layers, p.r) > best[0]:
                    best = (_score(st, p.layers, p.r), w_lp, st)
                counts["lp_units"] += 1
        if not best[0] > 0:
            raise ValueError(f"C2s: unit {i} (listening to {S.size} features) has no separating "
                             f"row at these sizes (best normalised gap {best[0]:.3g} <= 0): "
                             f"increase g (d = s*g = {p.d}) or G")
        nz = np.flatnonzero(best[1])
        rows_i.append(nz)
        rows_v.append(best[1][nz])
        stats[i] = best[2]
    lens = np.array([a.size for a in rows_i])
    W = sp.csr_matrix((np.concatenate(rows_v), np.concatenate(rows_i),
                       np.concatenate([[0], np.cumsum(lens)])), shape=(p.H, d))
    return W, stats, counts


def _quantise(p: SepPairParams, W: sp.csr_matrix, stats: np.ndarray
              ) -> tuple[sp.csr_matrix, np.ndarray]:
    """Scaled rows and biases of layer 1 on the two global grids (module docstring)."""
    lo, hi, other = stats.T
    if p.layers == 1:  # firing values centred (geometrically) in the decoder's window
        t = other + T_FRAC * (lo - other)
        vlo, vhi = _window(p.r)
        lam = math.sqrt(vlo * vhi) / np.sqrt((lo - t) * (hi - t))
        bias = -lam * t
    else:  # C2d's clip form: z = b − λΣφ; z = −1 at lo, z = 2 at other
        lam = -3.0 / (lo - other)
        bias = -lam * (lo + other) / 2 + 0.5
    R = sp.csr_matrix(sp.diags(lam) @ W)
    q = float(np.abs(R.data).max()) / p.levels
    R.data = np.round(R.data / q) * q
    R.eliminate_zeros()
    qb = q * max(1, math.ceil(float(np.abs(bias).max()) / (p.levels * q)))
    return R, np.round(bias / qb) * qb


def build_pair_separated(m_prime: int, k: int, delta: float, seed: int, *,
                         m: int | None = None, instance: Any = None, layers: int = 1,
                         check: bool = True, **overrides: Any) -> Network:
    """C2s for the pairwise-AND ``instance`` (default: C2d's
    :func:`~bounds.constructions.pairdesign.family_instance`, uniform on ``F_r``); an
    explicit instance outside ``F_r`` raises ``ValueError``, as does a unit without a
    separating row (module docstring). ``k``, ``delta`` are recorded only.
    The built network is certified (:func:`certify_pair_separated`) before it is returned;
    a failure raises ``ValueError``. ``check=False`` skips the co-owner check and the
    certificate (for deliberately broken networks).

    >>> net = build_pair_separated(120, 3, 0.01, seed=1)
    >>> net.resources().layers, net.meta["params"]["r"]
    (1, 4)
    """
    from bounds.constructions.instances import default_m, validate_instance
    from bounds.constructions.pairdesign import _membership, co_owner_excess, family_instance

    mm = default_m("pairwise-and", as_m_prime(m_prime), m)
    p = choose_pair_separated(m_prime, mm, layers=layers, **overrides)
    seed = as_int(seed, "seed", 0)
    inst = (family_instance(p, seed) if instance is None  # type: ignore[arg-type]
            else validate_instance("pairwise-and", instance, p.m_prime, p.m))
    if check and instance is not None:
        excess, j, z = co_owner_excess(p, inst)  # type: ignore[arg-type]
        if excess >= p.r:
            raise ValueError(
                f"instance outside the family F_r this network is sized for: feature {z} is "
                f"listened to by {excess} of the r={p.r} units of output {j} (the co-owner "
                f"condition allows r-1); pass r=... (>= {excess + 1})")
    E = separated_code(p, seed)
    R = affine_owners(p.m_prime, p.G, p.r)
    key = (p.m_prime, p.m, p.r, p.G, p.s, p.g, seed, hashlib.sha256(inst.tobytes()).hexdigest())
    if key not in _ROWS:  # the float rows do not depend on the depth or the grid
        B = _membership(p, R, inst)  # type: ignore[arg-type]
        if len(_ROWS) >= 16:
            _ROWS.pop(next(iter(_ROWS)))
        _ROWS[key] = unit_rows(p, E, B)
    W, stats, counts = _ROWS[key]
    W1, b1 = _quantise(p, W, stats)
    rows = np.repeat(np.arange(p.m_prime), p.r)
    Dm = sp.csr_matrix((np.ones(R.size), (rows, R.ravel())), shape=(p.m_prime, p.H))
    Dm.sort_indices()
    if p.layers == 1:
        weights: tuple[sp.csr_matrix, ...] = (W1,)
        biases: tuple[np.ndarray, ...] = (b1,)
    else:
        weights = (W1, (-sp.identity(p.H, format="csr")).tocsr())
        biases = (b1, np.ones(p.H))
    info = {"construction": NAME, "seed": seed,
            "params": {**asdict(p), "L": p.L, "H": p.H, "d": p.d, "theta": p.theta,
                       **counts, "min_gap": float(np.min((stats[:, 0] - stats[:, 2])
                                                         / stats[:, 1])),
                       "k": k, "delta": delta}}
    net = Network(kind="pairwise-and", m=p.m, m_prime=p.m_prime, k=as_int(k, "k", 1),
                  instance=inst, E=sp.csr_matrix(E), weights=weights, biases=biases, D=Dm,
                  theta=np.full(p.m_prime, p.theta), meta=info)
    if check:  # never return a network its certificate does not cover
        cert = certify_pair_separated(net)
        if cert.status != "certified":
            raise ValueError(f"C2s: the built network is not certified on the identifying "
                             f"probes at these sizes ({cert.status}: {cert.note}); increase g "
                             f"(d = {p.d}) or G")
    return net


def sep_pair_accounting(params: SepPairParams | None = None) -> dict[str, Any]:
    """Closed-form resources of C2s (sympy): widths, totals, ``params_dense`` equal the built
    network's; ``params_nonzero_upper = 2 r s m′ + H`` (one layer; ``+ 2H`` more for two)
    bounds ``P_nz`` (``|U_i| ≤ s|S_i|``, ``Σ_i |S_i| ≤ 2 r m′``).

    >>> sep_pair_accounting()["params_dense"]
    G*g*r*s + G*r
    """
    import sympy

    MP, R, S, G, GC = sympy.symbols("m_prime r s G g", positive=True, integer=True)
    H = R * G
    layers = 1 if params is None else params.layers
    widths = (S * GC, H) if layers == 1 else (S * GC, H, H)
    dense = sum(widths[i] * widths[i + 1] + widths[i + 1] for i in range(len(widths) - 1))
    out: dict[str, Any] = {"d": S * GC, "H": H, "widths": sympy.Tuple(*widths),
                           "max_width": sympy.Max(*widths), "total_neurons": layers * H,
                           "params_dense": sympy.expand(dense),
                           "params_nonzero_upper": 2 * R * S * MP + (3 * H if layers == 2
                                                                    else H)}
    if params is None:
        return out
    subs = {MP: params.m_prime, R: params.r, S: params.s, G: params.G, GC: params.g}
    return {key: sympy.sympify(v).subs(subs) for key, v in out.items()}


# ------------------------------------------------------------------ certificate
def certify_pair_separated(net: Network, *, eta: float = 1e-9, max_witnesses: int = 256
                           ) -> Any:
    r"""Certificate on the identifying probes (every input with ``≤ 2`` active features) of a
    one-layer ReLU network, or a two-layer clip network (``W₂ = −I``, ``b₂ = 1``), of the
    pairwise family with a nonnegative decoder — C2s or not — from the built matrices,
    without enumerating the ``C(m, 2)`` pairs:

    1. **units**: ``A = W₁E`` in chunks of rows; for unit ``q`` let ``z_q(X) = b_q +
       Σ_{f∈X} A_qf`` (one layer: it fires with value ``z_q`` iff ``z_q > 0``; two layers:
       with ``A, b`` negated, it is 1 iff ``z_q ≥ 0`` and 0 iff ``z_q ≤ −1``). Members
       ``M_q`` = the endpoints of the outputs reading ``q`` (``D_jq ≠ 0``; read from the
       public decoder and the instance: any choice of ``M_q`` is sound, the checks below
       decide). Checked: every pair inside ``M_q``
       has ``z ≥ ε_q`` (the two least members) and every other input with ``≤ 2`` active
       features has ``z ≤ s₀ − ε_q`` (``s₀ = 0``, or ``−1`` for two layers; the largest
       member plus the largest non-member, the two largest non-members, singletons, the
       empty input; unstored entries of ``A`` are zeros). Then unit ``q`` is nonzero exactly
       on the pairs inside ``M_q``, with value in ``[v⁻_q, v⁺_q]`` (one layer: ``b_q`` plus the
       two least / two largest members, ``± ε_q``; two layers: exactly 1).
    2. **readouts**: output ``j`` (pair ``{a, b}``) gets ``Σ_q D_jq v⁻_q [a, b ∈ M_q] >
       θ_j + η``; for every ``z ∉ {a, b}``, ``Σ_{q : z ∈ M_q} D_jq v⁺_q ≤ θ_j − η`` (an input
       with ``z`` active lights only units with ``z ∈ M_q``), and ``θ_j ≥ 0`` (inputs lighting
       no unit). That covers every input with ``≤ 2`` active features.

    **Floating point:** ``ε_q = 10⁻¹⁰·(1 + |b_q| + 2 max|E|·‖W_q‖₁)`` bounds the error of the
    float64 forward pass of ``z_q`` (a sum of at most ``‖W_q‖₀ + 1 ≪ 10⁵`` terms each of
    relative error ``≤ 2⁻⁵³``), and ``η = 10⁻⁹`` that of the decoder sum.
    Where step 2 fails, the worst pair ``{z, w}`` is simulated ("refuted" when an output is
    wrong there, else "inconclusive"); step 1 failing gives "inconclusive". Tested against
    exhaustive enumeration, with deliberately broken networks.

    >>> c = certify_pair_separated(build_pair_separated(100, 3, 0.01, seed=2)); c.method
    'exact-units-separated'
    """
    from bounds.constructions.certify import _first_wrong, _is_neg_identity, probe_certificate
    from bounds.constructions.pairdesign import unit_row_blocks

    done = probe_certificate(net, 2, "exact-units-separated")
    D = sp.csr_matrix(net.D)
    L = net.num_layers
    if (net.family != "pairwise-and" or L not in (1, 2)
            or (L == 2 and (not _is_neg_identity(net.weights[1])
                            or not np.all(net.biases[1] == 1.0)))
            or (D.nnz and D.data.min() < 0)):
        return done("inconclusive", "not a one-layer ReLU or two-layer clip network of the "
                    "pairwise family with a nonnegative decoder")
    sign = 1.0 if L == 1 else -1.0
    silent = 0.0 if L == 1 else -1.0
    W1 = sp.csr_matrix(net.weights[0])
    E = sp.csr_matrix(net.E)
    emax = float(np.abs(E.data).max()) if E.nnz else 0.0
    b = sign * np.asarray(net.biases[0], dtype=np.float64)
    n, m = W1.shape[0], net.m
    absW = abs(W1)
    eps = REL_SLACK * (1.0 + np.abs(b) + 2 * emax * np.asarray(absW.sum(axis=1)).ravel())
    vmin = np.zeros(n)
    vmax = np.zeros(n)
    keys = np.asarray(net.instance, dtype=np.int64)
    Dco = D.tocoo()  # M_q: the endpoints of the outputs reading unit q
    Mpub = sp.csr_matrix((np.ones(2 * Dco.nnz), (np.concatenate([Dco.col, Dco.col]),
                                                  keys[Dco.row].T.ravel())), shape=(n, m))
    Mpub.sum_duplicates()
    Mpub.sort_indices()
    mem_rows: list[np.ndarray] = []
    mem_cols: list[np.ndarray] = []
    mem_vals: list[np.ndarray] = []
    bad = 0
    for a, A in unit_row_blocks(W1, E):
        A = sp.csr_matrix(A * sign)
        A.sort_indices()
        for r in range(A.shape[0]):
            q = a + r
            lo, hi = A.indptr[r], A.indptr[r + 1]
            cols, vals = A.indices[lo:hi], A.data[lo:hi]
            mset = Mpub.indices[Mpub.indptr[q]:Mpub.indptr[q + 1]]
            mem = np.isin(cols, mset)
            mv = np.sort(np.concatenate([vals[mem], np.zeros(mset.size - int(mem.sum()))]))
            ov = vals[~mem]
            n_zero = m - cols.size - (mset.size - int(mem.sum()))
            if n_zero:
                ov = np.concatenate([ov, np.zeros(min(n_zero, 2))])
            ov = np.sort(ov)[-2:]
            e = eps[q]
            cand = [b[q]]  # the empty input
            if mv.size:
                cand.append(b[q] + mv[-1])
            if ov.size:
                cand.append(b[q] + ov[-1])
            if mv.size and ov.size:
                cand.append(b[q] + mv[-1] + ov[-1])
            if ov.size >= 2:
                cand.append(b[q] + ov[-1] + ov[-2])
            ok = max(cand) <= silent - e
            if mv.size >= 2:
                ok &= b[q] + mv[0] + mv[1] >= e
                if L == 1:
                    vmin[q] = b[q] + mv[0] + mv[1] - e
                    vmax[q] = b[q] + mv[-1] + mv[-2] + e
                else:
                    vmin[q] = vmax[q] = 1.0
            bad += not ok
            mem_rows.append(np.full(mset.size, q))
            mem_cols.append(mset)
            full = np.zeros(mset.size)
            at = np.searchsorted(cols, mset)
            hitc = (at < cols.size) & (cols[np.minimum(at, cols.size - 1)] == mset)
            full[hitc] = vals[at[hitc]]
            mem_vals.append(full)
    if bad:
        return done("inconclusive", f"{bad} units are not exact pair detectors of their member "
                    "sets (step 1 fails)", unproved=net.m_prime)
    M = sp.csr_matrix((np.ones(sum(c.size for c in mem_cols)),
                       (np.concatenate(mem_rows), np.concatenate(mem_cols))), shape=(n, m))
    theta = np.asarray(net.theta, dtype=np.float64)
    if np.any(theta < 0):
        return done("refuted", "an output fires on the empty input (theta < 0)", cex=(),
                    wrong=tuple(np.flatnonzero(theta < 0)[:20].tolist()))
    Mmax = sp.csr_matrix(sp.diags(vmax) @ M)
    mk = (np.concatenate(mem_rows).astype(np.int64) * m
          + np.concatenate(mem_cols).astype(np.int64))
    order = np.argsort(mk)
    mk, mval = mk[order], np.concatenate(mem_vals)[order]

    def value(q: np.ndarray, f: np.ndarray) -> np.ndarray:
        """``A'_qf`` for members (0 elsewhere)."""
        key = q.astype(np.int64) * m + f
        at = np.minimum(np.searchsorted(mk, key), max(mk.size - 1, 0))
        return np.where(mk[at] == key, mval[at], 0.0) if mk.size else np.zeros(key.shape)

    def member(q: np.ndarray, f: np.ndarray) -> np.ndarray:
        key = q.astype(np.int64) * m + f
        at = np.minimum(np.searchsorted(mk, key), max(mk.size - 1, 0))
        return mk[at] == key if mk.size else np.zeros(key.shape, bool)

    inb = member(Dco.col, keys[Dco.row, 0]) & member(Dco.col, keys[Dco.row, 1])
    if L == 1:  # the unit's exact value on the own pair, less its float slack
        own_v = (b[Dco.col] + value(Dco.col, keys[Dco.row, 0]) + value(Dco.col, keys[Dco.row, 1])
                 - eps[Dco.col])
    else:
        own_v = np.ones(Dco.nnz)
    hit = np.bincount(Dco.row, weights=Dco.data * own_v * inb, minlength=net.m_prime)
    witnesses: list[tuple[int, int]] = []
    unproved = 0
    slack = float(np.min(hit - theta)) if net.m_prime else math.inf
    chunk = max(1, (1 << 22) // max(1, int(D.getnnz(axis=1).mean() * M.getnnz(axis=1).mean())))
    for a in range(0, net.m_prime, chunk):
        kk = keys[a:a + chunk]
        C = sp.csr_matrix(D[a:a + chunk] @ Mmax).tocoo()
        own = (C.col == kk[C.row, 0]) | (C.col == kk[C.row, 1])
        vals = np.where(own, -np.inf, C.data)
        worst = np.full(kk.shape[0], 0.0)
        np.maximum.at(worst, C.row, vals)
        th = theta[a:a + kk.shape[0]]
        ok_z = worst <= th - eta
        if ok_z.any():
            slack = min(slack, float(np.min((th - worst)[ok_z])))
        fail_hit = hit[a:a + kk.shape[0]] <= th + eta
        fail_z = worst > th - eta
        for r in np.flatnonzero(fail_hit | fail_z).tolist():
            unproved += 1
            j = a + r
            if fail_hit[r]:
                witnesses.append((int(kk[r, 0]), int(kk[r, 1])))
                continue
            sel = (C.row == r) & ~own & (C.data > th[r] - eta)
            dj = D.indices[D.indptr[j]:D.indptr[j + 1]]
            wj = D.data[D.indptr[j]:D.indptr[j + 1]]
            proved = True
            for z in C.col[sel].tolist():  # exact: every pair {z, w}, unit values summed
                tot = np.zeros(m)
                for q, wq in zip(dj.tolist(), wj.tolist(), strict=True):
                    if not member(np.array([q]), np.array([z]))[0]:
                        continue
                    mset = Mpub.indices[Mpub.indptr[q]:Mpub.indptr[q + 1]]
                    row = np.asarray((W1[q] @ E).toarray()).ravel() * sign
                    val = (b[q] + row[z] + row[mset] + eps[q]) if L == 1 else np.ones(mset.size)
                    tot[mset] += wq * val
                tot[z] = 0.0
                if tot.max() > th[r] - eta:
                    proved = False
                    witnesses.append((int(z), int(np.argmax(tot))))
                    break
                slack = min(slack, float(th[r] - tot.max()))
            if proved:
                unproved -= 1
    if not unproved:
        return done("certified", "", slack=float(slack))
    found = _first_wrong(net, [tuple(sorted(w)) for w in witnesses[:max_witnesses]])
    if found:
        return done("refuted", "a witness of the failed readout bound was simulated: wrong "
                    "output", unproved, found[0], found[1], float(slack))
    return done("inconclusive", f"readout bound failed for {unproved} outputs; no simulated "
                "witness was wrong", unproved, slack=float(slack))


# ------------------------------------------------------------------ adversarial instances
ATTACKS = ("shared", "correlated", "cover")


def attack_instance(m_prime: int, seed: int, *, mode: str = "correlated", targets: int = 10,
                    attempt: int = 0, m: int | None = None, layers: int = 1,
                    **overrides: Any) -> tuple[np.ndarray, list[int]]:
    """An instance of ``F_r`` chosen AFTER the public code, ownership and seed, against the
    units' separation (module docstring). For each of ``targets`` units ``i`` (random, from
    ``default_rng([seed, 6161, attempt])``) a fresh feature ``z`` is drawn and the owners of
    ``i`` get, as endpoints, features whose codes crowd ``z``:

    * ``"correlated"`` — the ``2L`` features of largest ``⟨E_z, E_f⟩`` (most shared
      coordinates with equal signs);
    * ``"cover"`` — for each coordinate of ``z``'s support, features holding it with ``z``'s
      sign (so ``E_z`` is close to the cone of the members' codes), then the most correlated;
    * ``"shared"`` — C2d's attack: a target output's co-owners at ``r − 1`` of its units get
      one common endpoint (the co-owner condition's limit).

    The other outputs get random distinct pairs; the fill is redrawn until the instance meets
    the co-owner condition (:func:`~bounds.constructions.pairdesign.co_owner_excess`), so it
    is in ``F_r``. Returns the instance and the attacked units (``"shared"``: outputs).

    >>> inst, units = attack_instance(200, 0, targets=2)
    >>> inst.shape, len(units)
    ((200, 2), 2)
    """
    from bounds.constructions.adversarial import _fill_pairs, plant_shared_endpoint
    from bounds.constructions.instances import default_m
    from bounds.constructions.pairdesign import co_owner_excess

    if mode not in ATTACKS:
        raise ValueError(f"mode must be one of {', '.join(ATTACKS)} (got {mode!r})")
    mm = default_m("pairwise-and", as_m_prime(m_prime), m)
    p = choose_pair_separated(m_prime, mm, layers=layers, **overrides)
    R = affine_owners(p.m_prime, p.G, p.r)
    owners: dict[int, list[int]] = {}
    for j, us in enumerate(R.tolist()):
        for u in us:
            owners.setdefault(u, []).append(j)
    rng = np.random.default_rng([seed, 6161, attempt])
    fixed: dict[int, tuple[int, int]] = {}
    busy: set[int] = set()
    hit: list[int] = []
    if mode == "shared":
        feats = iter(int(f) for f in rng.permutation(mm))
        probes: list[tuple[int, int, int]] = []
        for j in rng.permutation(p.m_prime).tolist():
            if len(hit) >= targets or j in fixed:
                continue
            co: list[int] = []
            for u in R[j].tolist()[:p.r - 1]:
                cand = [x for x in owners[u] if x != j and x not in fixed and x not in co]
                if cand:
                    co.append(cand[0])
            if len(co) == p.r - 1 and 10 * (len(fixed) + p.r + 2) <= mm and \
                    plant_shared_endpoint(j, co, feats, fixed, probes):
                hit.append(j)
    else:
        E = sp.csc_matrix(separated_code(p, seed))
        Et = sp.csr_matrix(E.T)
        for u in rng.permutation(p.H).tolist():
            if len(hit) >= targets:
                break
            own = [j for j in owners.get(u, []) if j not in fixed]
            if len(own) < len(owners.get(u, [])) or not own:
                continue
            need = 2 * len(own)
            if 4 * (len(busy) + need + 1) > mm:
                break
            z = int(rng.integers(mm))
            while z in busy:
                z = int(rng.integers(mm))
            corr = np.asarray(Et @ E[:, z].toarray().ravel()).ravel()
            corr[z] = -np.inf
            corr[list(busy)] = -np.inf
            chosen: list[int] = []
            if mode == "cover":
                col = E[:, [z]]
                for k, sgn in zip(col.indices.tolist(), np.sign(col.data).tolist(), strict=True):
                    holders = Et[:, [k]].tocoo()
                    same = holders.row[np.sign(holders.data) == sgn]
                    same = [int(f) for f in same if f != z and f not in busy and f not in chosen]
                    if same:
                        chosen.append(max(same, key=lambda f: corr[f]))
                    if len(chosen) >= need:
                        break
            for f in np.argsort(-corr).tolist():
                if len(chosen) >= need:
                    break
                if f not in chosen and f not in busy and f != z:
                    chosen.append(int(f))
            rng.shuffle(chosen)
            for t, j in enumerate(own):
                fixed[j] = tuple(sorted((chosen[2 * t], chosen[2 * t + 1])))  # type: ignore
            busy.update(chosen)
            busy.add(z)
            hit.append(u)
    for t in range(50):
        inst = _fill_pairs(fixed, p.m_prime, mm, seed + 101 * t + attempt)
        if co_owner_excess(p, inst)[0] < p.r:  # type: ignore[arg-type]
            return inst, hit
    raise ValueError(f"no fill of the {mode} attack inside F_r in 50 draws (m_prime={m_prime})")
