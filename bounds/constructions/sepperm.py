r'''C1s: a permutation in superposition with LP-separated units (calibrated sizes,
certified per built instance; NO every-instance theorem).

This library's construction. It keeps C1d's ownership (:func:`~bounds.constructions.design.
affine_owners`: ``r = 2`` blocks of ``G`` units, ``G`` prime ``≥ ⌈√m′⌉``, output
``j = α + βG`` owns unit ``α`` of block 0 and ``G + (α + β) mod G`` of block 1; two outputs
share at most one unit; a unit has at most ``L = ⌈m′/G⌉`` owners) and its decoder (``D_j``
the indicator of ``j``'s two units, ``θ = 3/2``), and replaces C1d's linear 0/1 first layer
by one **chosen per unit by a linear program** (:mod:`bounds.constructions.separate`):

* **public code** (seeded): a sparse random sign code, feature ``f`` has ``s`` distinct
  coordinates of ``[d]`` with random signs, ``E = e_int/√s`` (``e_int`` ±1, ``d × m``);
* **unit rows**: unit ``i`` listens to ``S_i = π(owners of i)`` (``|S_i| ≤ L``); its integer
  row ``w_i`` and bias ``β_i`` satisfy, with ``v_i(f) = ⟨w_i, e_int[:, f]⟩ + β_i`` and the
  common integer scale ``α``, exactly (int64):

  - ``layers=2`` (clip, one-sided): ``v_i(f) ≥ α`` for ``f ∈ S_i``, ``v_i(f) ≤ −α`` for every
    other feature and ``β_i ≤ −α`` (the origin). Layer 1 ``σ = ReLU(−2 v/α)``, layer 2
    ``h = ReLU(1 − σ)``: members give ``σ = 0, h = 1``; others ``σ ≥ 2, h = 0``;
  - ``layers=1`` (window): ``α ≤ v_i(f) ≤ α(1 + η)`` on members (``η = 3/8``), ``≤ −α``
    otherwise; ``h = ReLU(v/α)``: members give ``h ∈ [1, 1 + η]``, others ``0``.

**Certificate (per built instance, not a theorem).** If every unit's constraints hold
(checked exactly over all ``m`` features and the origin when the network is built), then on
``e_c`` the lit units are exactly the two units of ``x = π⁻¹(c)``: output ``x`` reads
``≥ 2 > 3/2`` and any other output shares at most one unit with ``x`` and reads
``≤ 1 + η < 3/2``; on the empty input nothing is lit. So the built network is exact on the
identifying (one-hot) probes. The builder raises ``ValueError`` naming the unit when a
unit's LP is infeasible (never returns a wrong network). **What is NOT known:** that the LP
is feasible for every permutation — that needs the code to be ``L``-neighbourly (every
``≤ L`` features a face of the hull of all code points and the origin), which random codes
are with high probability for ``L ≲ d/(c log(m/d))`` but which is not proved here for the
built code. An adversary who knows the code and seed chooses ``π``
(:func:`attack_instance`); the sizes of :func:`choose_separated` are **calibrated** (the
smallest found to build and certify, for the seed's random instance and the adversarial
instances, by ``benchmarks/calibrate_sep.py``, data in ``docs/data/calibrated/C1s.json``),
not proved.

**The adversary** (:func:`attack_instance`, ``benchmarks/attack_sep.py``). Choosing the
co-owners' features most correlated with a target ``c`` ("correlated") or covering ``c``'s
support with its signs ("cover") did not make attacked units infeasible more often than
random ones. Choosing them so that the SUM of their codes stays short ("cancel": the mean of
``S_i`` near the origin, which must stay below) does: at m′ = 500, ``G = 41, d = 70``
(sizes that certified for the random instance and the two weak attacks) it made 100 of 120
attacked units infeasible. Heuristically the greedy sum has norm ``O(√s)``, so the mean of
``L`` members is ``O(√s/L)`` from the centre, while the hull of the other points contains a
ball of radius about ``√s·√(2 log(m/d)/d)`` there: the attack wins once
``L ≳ √(d / log(m/d))``, and if it keeps winning at larger m′ the safe sizes grow like
``L ~ √d``, i.e. widths ``~ m′^{2/3}`` — C1d's shape. The calibration includes this attack; an
adversary stronger than these three is not excluded, and one exists: the LP-duality attacks of
:mod:`bounds.constructions.hullattack` (``benchmarks/attack_hull.py --mark``, 2026-12-03) break
the calibrated m′ = 1000 row (two layers, ``d = 158, G = 79``: an origin-pursuit set with hull
depth 0.983 < 1), which the file now keeps with ``all_certified: false`` and the refutation, so
neither the chooser nor the frontier uses it; the m′ = 500 rows (``d = 106, G = 53``) survived
8 attack sets per depth, least depth 1.027 — a margin of 3% against these heuristics.

**Calibrated with ``s = 8``, one layer (2026-12-03, seed 0, ``calibrate_sep.py``; loaded
machine).** m′ = 1000: the "cancel" attack breaks ``G ≤ 79``; ``G = 89`` (``d = 178``,
``L = 12``) builds and certifies for the random instance and one draw each of cancel,
correlated, cover and the hull attack (:func:`~bounds.constructions.hullattack.
hull_attack_instance`, least hull depth 1.10). m′ = 10⁵ at the fitted rule's
``G = 1721`` (``d = 3442``, ``L = 59 ≈ √d``): the random instance and one cancel instance
(10 attacked units) build and certify on all one-hot probes (≈ 34 CPU min per build, 23 s
per certificate); width 3442 against the exact bound 371 at the built ``b = 11``, ``L = 1``
(9.3×), ``P_nz`` 1 433 385 against the D2 bound 76 974 (18.6×). ``b = 11`` is the cancel
instance's: one of its units needed the full LP, and its largest integer is 568 975 (the
random instance: every unit restricted, largest integer 81, ``b = 8``). Which instances
each row was tested on is listed in the file.

**Solving the rows** (:func:`_solve_unit`). A unit's row is first looked for on ``U``, the
union of its members' code supports (``|U| ≤ L·s``), with the bounds tightened by the
rounding slack so that one LP solve rounds exactly; only the points whose support meets
``U`` (and the origin) enter that LP. When it is infeasible the full-row LP of all ``d``
coordinates is solved, so the restriction never makes the builder refuse. Measured at
m′ = 10⁵ (``d = 3442, L = 59``, one layer, seed 0, 6 units each, one thread): full rows with
two solves (plain rounding failed every time) 29 s CPU per unit at ``s = 16``; restricted,
one solve, larger cutting-plane batches 4.4 s at ``s = 16`` and 0.5 s at ``s = 8`` (rows of
≤ 472 nonzeros). ``workers`` forks processes over the units.

Resources: widths ``(d, 2G)`` (one layer) or ``(d, 2G, 2G)``; ``P_nz ≤ 2G·d + 2G`` (+ ``4G``
for the clip's second layer; ``≤ 2G·L·s + 2G`` when every unit took the restricted LP); bits
per parameter counted from the built network (integers
``|w| ≤ max_int`` times one scale). With ``d ≈ 2G`` and ``L = m′/G ≈ d/c``: widths
``≈ √(2c m′)``, i.e. ``Θ(√(m′ log m′))`` if ``c`` grows like ``log(m/d)`` — the shape of the
lower bound, *under the calibrated (per-instance certified) notion only*.

>>> net = build_permutation_separated(60, 3, 0.01, seed=0)
>>> from bounds.constructions.certify import certify
>>> certify(net, scope="probes").verdict
'certified on the identifying probes'
'''

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.design import AffineUnits, _prime_at_least, affine_owners
from bounds.constructions.network import Network
from bounds.constructions.separate import quantize, solve_bounds
from bounds.validation import as_int, as_m_prime

__all__ = ["ATTACK_MODES", "ETA_WINDOW", "SeparatedParams", "attack_instance",
           "build_permutation_separated",
           "calibrated_sizes", "certify_separated", "certify_separated_probes",
           "choose_separated", "separated_accounting",
           "sign_code", "units_separable"]

ATTACK_MODES = ("correlated", "cover", "cancel")
"""The attacks of :func:`attack_instance`."""

ETA_WINDOW = 0.375
"""Window width ``η`` of the one-layer variant (dyadic, so ``α(1 + η)`` is exact)."""

CALIBRATION = Path(__file__).resolve().parents[2] / "docs" / "data" / "calibrated" / "C1s.json"


@dataclass(frozen=True)
class SeparatedParams(AffineUnits):
    """Sizes of C1s (module docstring). ``scale``: the common integer scale ``α``;
    ``objective``: the LP objective of :func:`~bounds.constructions.separate.solve_bounds`."""

    m_prime: int
    m: int
    d: int
    s: int
    G: int
    layers: int = 2
    scale: int = 8
    objective: str = "l1"
    r: int = 2

    @property
    def theta(self) -> float:
        return self.r - 0.5

    @property
    def max_width(self) -> int:
        return max(self.d, self.H)


@cache
def calibrated_sizes(path: str = str(CALIBRATION)) -> dict[tuple[int, int], dict[str, Any]]:
    """``(m′, layers) ↦`` the calibrated sizes recorded in ``docs/data/calibrated/C1s.json``
    (only the rows whose verdict is "certified" for every instance tried); ``{}`` when the
    file is absent."""
    p = Path(path)
    if not p.exists():
        return {}
    data = json.loads(p.read_text())
    out = {}
    for row in data.get("rows", []):
        if row.get("all_certified"):
            out[(int(row["m_prime"]), int(row["layers"]))] = row
    return out


def choose_separated(m_prime: int, *, layers: int = 2, **overrides: Any) -> SeparatedParams:
    """Sizes of C1s: the calibrated row for ``(m′, layers)`` when there is one; otherwise the
    fitted rule ``G`` = least prime ``≥ max(√m′, (2m′)^{2/3}/2)``, ``d = 2G`` (so
    ``L ≈ √d``: the least sizes at which the "cancel" attack failed at m′ = 500 and 2000,
    module docstring), ``s = 16``, ``α = 8`` (clip) / ``64`` (window), objective ``"l1"``.
    CALIBRATED / fitted, not proved: a size may fail to build for some instance (then the
    builder raises).

    ``overrides`` may fix ``d``, ``s``, ``G``, ``scale``, ``objective``.

    >>> p = choose_separated(1000, d=60, G=37, s=8)
    >>> (p.d, p.G, p.L, p.H, p.max_width)
    (60, 37, 28, 74, 74)
    """
    mp = as_m_prime(m_prime)
    layers = as_int(layers, "layers", 1)
    if layers not in (1, 2):
        raise ValueError(f"layers must be 1 or 2 (got {layers})")
    known = {"d", "s", "G", "scale", "objective"}
    bad = set(overrides) - known
    if bad:
        raise ValueError(f"unknown C1s override(s) {sorted(bad)}; accepted: {sorted(known)}")
    cal = calibrated_sizes().get((mp, layers))
    G0 = _prime_at_least(max(math.isqrt(mp - 1) + 1, math.ceil((2 * mp) ** (2 / 3) / 2)))
    base = {"d": 2 * G0, "s": 16, "G": G0, "scale": 8 if layers == 2 else 64,
            "objective": "l1"}
    if cal is not None:
        base.update({key: cal[key] for key in ("d", "s", "G", "scale", "objective")})
    for key, v in overrides.items():
        base[key] = v if key == "objective" else as_int(v, key, 1)
    p = SeparatedParams(m_prime=mp, m=mp, d=int(base["d"]), s=int(base["s"]),
                        G=int(base["G"]), layers=layers, scale=int(base["scale"]),
                        objective=str(base["objective"]))
    import sympy

    if not sympy.isprime(p.G) or p.G * p.G < mp:
        raise ValueError(f"G must be a prime with G^2 >= m_prime={mp} (got G={p.G})")
    if p.s > p.d:
        raise ValueError(f"s must be <= d={p.d} (got s={p.s})")
    return p


def sign_code(d: int, s: int, m: int, seed: int) -> sp.csc_matrix:
    """The public code ``e_int`` (``d × m``, int64 entries ±1, CSC): feature ``f`` has ``s``
    distinct coordinates (uniform) with uniform signs, from ``default_rng([seed, 73])``.

    >>> e = sign_code(10, 3, 5, seed=0)
    >>> e.shape, sorted(set(np.diff(e.indptr).tolist())), sorted(set(e.data.tolist()))
    ((10, 5), [3], [-1, 1])
    """
    rng = np.random.default_rng([as_int(seed, "seed", 0), 73])
    idx = np.argsort(rng.random((m, d)), axis=1)[:, :s] if d <= 64 else \
        np.stack([rng.choice(d, s, replace=False) for _ in range(m)]) if m <= 2000 else \
        _distinct_rows(rng, m, d, s)
    idx = np.sort(idx, axis=1)
    signs = rng.integers(0, 2, size=(m, s)) * 2 - 1
    indptr = np.arange(0, m * s + 1, s)
    return sp.csc_matrix((signs.reshape(-1).astype(np.int64), idx.reshape(-1), indptr),
                         shape=(d, m))


def _distinct_rows(rng: np.random.Generator, m: int, d: int, s: int) -> np.ndarray:
    """``m`` rows of ``s`` distinct values in ``[d]`` (rejection of rows with repeats)."""
    out = rng.integers(0, d, size=(m, s))
    while True:
        srt = np.sort(out, axis=1)
        bad = np.flatnonzero((srt[:, 1:] == srt[:, :-1]).any(axis=1))
        if bad.size == 0:
            return out
        out[bad] = rng.integers(0, d, size=(bad.size, s))


def _unit_sets(p: SeparatedParams, inst: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    R = affine_owners(p.m_prime, p.G, p.r)
    unit = R.ravel()
    feat = np.repeat(inst, p.r)
    order = np.argsort(unit, kind="stable")
    cuts = np.searchsorted(unit[order], np.arange(p.H + 1))
    return R, [np.sort(feat[order[cuts[i]:cuts[i + 1]]]) for i in range(p.H)]


def _bounds(p: SeparatedParams, S: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bounds on ``v_i`` over the ``m`` features and the origin (last point)."""
    lo = np.full(p.m + 1, -math.inf)
    hi = np.full(p.m + 1, -1.0)
    lo[S] = 1.0
    hi[S] = math.inf if p.layers == 2 else 1.0 + ETA_WINDOW
    return lo, hi


def _solve_unit(P: sp.csr_matrix, Pc: sp.csc_matrix, p: SeparatedParams, S: np.ndarray,
                i: int) -> tuple[Any, bool]:
    """The integer row of unit ``i`` and whether the fast (support-restricted) LP gave it.

    Fast path: the row is looked for on ``U``, the union of the members' code supports
    (so it has at most ``|S|·s`` nonzeros), with every finite bound tightened by the
    rounding slack ``δ = (s + 1)/(2α)`` so that one LP solve rounds exactly; a point whose
    support misses ``U`` has the origin's value ``β`` and the origin's bound, so only the
    points meeting ``U`` (and the origin) enter that LP. The rounded row is then checked
    exactly over ALL points (:func:`~bounds.constructions.separate.quantize`). When the
    restricted LP is infeasible or its rounding fails, the full LP of the original builder
    is solved (all ``d`` coordinates; plain rounding, then the tightened re-solve): so the
    builder refuses an instance only when the full-row LP is infeasible (or not quantisable
    at the scale), never because of the restriction.
    """
    lo, hi = _bounds(p, S)
    q = _solve_restricted(P, Pc, p, S, lo, hi)
    if q is not None:
        return q, True
    sep = solve_bounds(P, lo, hi, objective=p.objective)
    if sep is None:
        raise ValueError(f"C1s: unit {i} cannot be separated (LP infeasible: its {S.size} "
                         f"features are not a face of the code's hull at d={p.d}, s={p.s}); "
                         "no network is returned")
    q = quantize(P, lo, hi, sep, p.scale, objective=p.objective)
    if q is None:
        raise ValueError(f"C1s: unit {i} has no integer row at scale {p.scale} "
                         f"(d={p.d}, s={p.s}); no network is returned")
    return q, False


def _solve_restricted(P: sp.csr_matrix, Pc: sp.csc_matrix, p: SeparatedParams,
                      S: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> Any:
    """The fast path of :func:`_solve_unit` (None when it gives no exact integer row)."""
    from bounds.constructions.separate import Separation

    if S.size == 0:
        return None
    U = np.unique(P[S].indices)
    PU = Pc[:, U].tocsr()
    rows = np.union1d(np.flatnonzero(np.diff(PU.indptr) > 0), [P.shape[0] - 1])
    delta = (p.s + 1) / (2.0 * p.scale)
    sub = solve_bounds(PU[rows], lo[rows] + delta, hi[rows] - delta, objective=p.objective,
                       start=min(rows.size, 1024 + 16 * S.size), add=512)
    if sub is None:
        return None
    w = np.zeros(p.d)
    w[U] = sub.w
    full = Separation(w=w, beta=sub.beta, margin_lo=0.0, margin_hi=0.0,
                      objective=p.objective, norm=sub.norm, rounds=sub.rounds,
                      active=sub.active)
    return quantize(P, lo, hi, full, p.scale, objective=p.objective, resolve=False)


def _solve_units(args: tuple) -> tuple[list[tuple[Any, ...]], float]:
    """Rows of the units ``ids`` (a worker's share of :func:`build_permutation_separated`)
    and the worker's CPU seconds."""
    P, p, sets, ids = args
    t0 = time.process_time()
    Pc = P.tocsc()
    out = []
    for i in ids:
        q, fast = _solve_unit(P, Pc, p, sets[i], int(i))
        out.append((q.w_int, q.beta_int, q.margin_lo, q.margin_hi, q.resolved, fast))
    return out, time.process_time() - t0


def build_permutation_separated(m_prime: int, k: int, delta: float, seed: int, *,
                                m: int | None = None, instance: Any = None, layers: int = 2,
                                workers: int = 1, **overrides: Any) -> Network:
    """C1s for the permutation ``instance`` (default: uniform from ``seed``); module docstring.

    Raises ``ValueError`` naming the unit when a unit cannot be separated or quantised at
    the chosen sizes (:func:`_solve_unit`: a support-restricted LP first, the full LP when
    that fails). ``workers > 1`` solves the units in that many forked processes (the same
    rows: every unit's LP is independent of the others). ``k``, ``delta`` are recorded only
    (the claim is about the one-hot probes). ``meta["params"]`` records the sizes,
    ``max_int``, the least integer margins, how many units the restricted LP solved and the
    CPU seconds of the LPs (summed over the workers).

    >>> net = build_permutation_separated(60, 3, 0.01, seed=0, layers=1)
    >>> net.resources().widths, net.num_layers
    ((26, 26), 1)
    """
    from bounds.constructions.instances import default_m, random_instance, validate_instance

    p = choose_separated(m_prime, layers=layers, **overrides)
    default_m("permutation", p.m_prime, m)
    seed = as_int(seed, "seed", 0)
    inst = (random_instance("permutation", p.m_prime, seed) if instance is None
            else validate_instance("permutation", instance, p.m_prime, p.m))
    e_int = sign_code(p.d, p.s, p.m, seed)
    P = sp.vstack([e_int.T.tocsr(), sp.csr_matrix((1, p.d), dtype=np.int64)], format="csr")
    R, sets = _unit_sets(p, inst)
    W = np.zeros((p.H, p.d), dtype=np.int64)
    beta = np.zeros(p.H, dtype=np.int64)
    workers = as_int(workers, "workers", 1, 64)
    shares = [np.arange(p.H)[t::workers] for t in range(workers)]
    if workers == 1:
        results = [_solve_units((P, p, sets, shares[0]))]
    else:  # units are independent: the same rows whatever the split
        import multiprocessing as mp_

        with mp_.get_context("fork").Pool(workers) as pool:
            results = pool.map(_solve_units, [(P, p, sets, ids) for ids in shares])
    margins, resolved, fast = [], 0, 0
    lp_seconds = sum(cpu for _res, cpu in results)
    for ids, (res, _cpu) in zip(shares, results, strict=True):
        for i, (w_i, b_i, mlo_i, mhi_i, res_i, fast_i) in zip(ids, res, strict=True):
            W[i], beta[i] = w_i, b_i
            margins.append((mlo_i, mhi_i))
            resolved += res_i
            fast += fast_i
    ok = _exact_check(P, W, beta, sets, p)  # the construction's own exact re-check
    if ok:
        raise ValueError(f"C1s: unit {ok[0]} fails the exact re-check; no network is returned")
    rows = np.repeat(np.arange(p.m_prime), p.r)
    Dm = sp.csr_matrix((np.ones(R.size), (rows, R.ravel())), shape=(p.m_prime, p.H))
    Dm.sort_indices()
    a, rs = float(p.scale), math.sqrt(p.s)
    E = sp.csr_matrix(e_int.astype(np.float64) / rs)
    E.sort_indices()
    if p.layers == 2:
        W1 = sp.csr_matrix(W.astype(np.float64) * (-2.0 * rs / a))
        weights: tuple = (W1, (-sp.identity(p.H, format="csr")).tocsr())
        biases: tuple = (beta * (-2.0 / a), np.ones(p.H))
    else:
        weights = (sp.csr_matrix(W.astype(np.float64) * (rs / a)),)
        biases = (beta / a,)
    mlo = min(x[0] for x in margins)
    mhi = min(x[1] for x in margins)
    info = {"construction": "C1s permutation (LP-separated)", "seed": seed,
            "params": {**asdict(p), "L": p.L, "H": p.H, "theta": p.theta, "k": k,
                       "delta": delta, "max_int": int(np.abs(W).max(initial=0)),
                       "max_bias": int(np.abs(beta).max(initial=0)),
                       "min_margin_lo": mlo, "min_margin_hi": mhi, "resolved_units": resolved,
                       "restricted_units": fast, "lp_cpu_seconds": round(lp_seconds, 3),
                       "sizes": "calibrated (searched by building and certifying), not proved"}}
    return Network(kind="permutation", m=p.m, m_prime=p.m_prime, k=as_int(k, "k", 1),
                   instance=inst, E=E, weights=weights, biases=biases, D=Dm,
                   theta=np.full(p.m_prime, p.theta), meta=info)


def _exact_check(P: sp.csr_matrix, W: np.ndarray, beta: np.ndarray, sets: list[np.ndarray],
                 p: SeparatedParams) -> list[int]:
    """Units whose integer constraints fail on some feature or the origin (exact int64)."""
    a = p.scale
    bad = []
    step = max(1, (1 << 22) // max(P.shape[0], 1))
    for i0 in range(0, p.H, step):
        V = np.asarray(P @ W[i0:i0 + step].T) + beta[i0:i0 + step][None, :]  # (m+1, b)
        for t in range(V.shape[1]):
            i = i0 + t
            v = V[:, t]
            mem = np.zeros(P.shape[0], dtype=bool)
            mem[sets[i]] = True
            if np.any(v[~mem] > -a) or np.any(v[mem] < a):
                bad.append(i)
            elif p.layers == 1 and np.any(8 * v[mem] > a * 11):  # 1 + 3/8 = 11/8
                bad.append(i)
    return bad


def certify_separated(net: Network) -> dict[str, Any]:
    """An exact-in-float64 check of ``net`` on ALL one-hot probes and the empty input,
    generic for networks whose decoder thresholds are ``≥ 0``: every probe's forward pass is
    computed for all features at once (blocks of features; lit units kept sparse), and the
    outputs above threshold must be exactly ``{(j, π(j))}``. Returns ``{"status",
    "wrong": [(feature, output)...][:20], "min_slack", "seconds"}`` (``min_slack``: least
    distance of a reading to its threshold). Independent of the construction's meta.

    >>> r = certify_separated(build_permutation_separated(60, 3, 0.01, seed=0))
    >>> r["status"], r["min_slack"] > 0.1
    ('certified', True)
    """
    t0 = time.process_time()
    theta = np.asarray(net.theta, dtype=np.float64)
    if np.any(theta < 0):
        return {"status": "inconclusive", "wrong": [], "min_slack": math.nan,
                "seconds": 0.0, "note": "a threshold is negative"}
    E = sp.csc_matrix(net.E)
    D = sp.csr_matrix(net.D)
    inst = np.asarray(net.instance, dtype=np.int64)
    m = net.m
    wrong: list[tuple[int, int]] = []
    slack = math.inf
    step = 512
    inv = np.full(m, -1, dtype=np.int64)
    inv[inst] = np.arange(inst.size)
    feats = np.arange(-1, m)  # -1: the empty input
    for a0 in range(0, feats.size, step):
        fs = feats[a0:a0 + step]
        u = sp.csc_matrix(E[:, np.maximum(fs, 0)] @ sp.diags((fs >= 0).astype(np.float64)))
        h: Any = u  # the first layer sparse times sparse (cost ~ nnz(W1 columns touched))
        for w, b in zip(net.weights, net.biases, strict=True):
            z = sp.csr_matrix(w) @ h
            z = z.toarray() if sp.issparse(z) else np.asarray(z)
            h = np.maximum(0.0, z + np.asarray(b)[:, None])
        Y = sp.csr_matrix(D @ sp.csr_matrix(h)).tocoo()  # readings that are nonzero
        fire = Y.data > theta[Y.row]
        got = set(zip(Y.col[fire].tolist(), Y.row[fire].tolist(), strict=True))
        want = {(t, int(inv[f])) for t, f in enumerate(fs.tolist()) if f >= 0 and inv[f] >= 0}
        for t, j in sorted(got ^ want)[:20]:
            wrong.append((int(fs[t]), j))
        dist = np.abs(Y.data - theta[Y.row])
        zero_slack = float(theta.min(initial=math.inf)) if fs.size else math.inf
        slack = min(slack, float(dist.min(initial=math.inf)), zero_slack)
        if len(wrong) >= 20:
            break
    # outputs with reading 0 do not fire when theta >= 0 (theta > 0 here: slack)
    if np.any(theta == 0):
        return {"status": "inconclusive", "wrong": wrong[:20], "min_slack": 0.0,
                "seconds": time.process_time() - t0, "note": "a threshold is 0"}
    return {"status": "refuted" if wrong else "certified", "wrong": wrong[:20],
            "min_slack": slack, "seconds": time.process_time() - t0, "note": ""}


def certify_separated_probes(net: Network) -> Any:
    """:func:`certify_separated` as a :class:`~bounds.constructions.certify.Certificate`
    (scope "probes", method ``"probe-sweep"``): the hook for
    :data:`bounds.constructions.certify.STRUCTURE_CERTIFIERS` (generic, so sound for any
    network with thresholds ``> 0``; "inconclusive" otherwise).

    >>> c = certify_separated_probes(build_permutation_separated(60, 3, 0.01, seed=0))
    >>> c.verdict, c.method, c.inputs_covered
    ('certified on the identifying probes', 'probe-sweep', 61)
    """
    from bounds.constructions.certify import probe_certificate

    done = probe_certificate(net, 1, "probe-sweep")
    if np.asarray(net.instance).ndim != 1:  # one key feature per output (a permutation)
        return done("inconclusive", "probe-sweep covers one key feature per output only")
    r = certify_separated(net)
    if r["status"] == "refuted":
        f, j = r["wrong"][0]
        outs = tuple(sorted({jj for ff, jj in r["wrong"] if ff == f}))
        return done("refuted", "a one-hot probe with a wrong output (probe sweep)",
                    cex=() if f < 0 else (f,), wrong=outs, slack=r["min_slack"])
    return done(r["status"], r.get("note", ""), slack=r["min_slack"])


def separated_accounting(p: SeparatedParams) -> dict[str, int]:
    """Closed-form resources of C1s at sizes ``p`` (``params_nonzero_upper`` assumes dense
    rows; the built network counts its own)."""
    widths = (p.d, p.H) if p.layers == 1 else (p.d, p.H, p.H)
    dense = sum(widths[i] * widths[i + 1] + widths[i + 1] for i in range(len(widths) - 1))
    nz = p.H * p.d + p.H + (2 * p.H if p.layers == 2 else 0)
    return {"max_width": max(widths), "total_neurons": sum(widths[1:]), "params_dense": dense,
            "params_nonzero_upper": nz, "layers": p.layers}


def attack_instance(m_prime: int, seed: int, *, targets: int = 10, layers: int = 2,
                    mode: str = "correlated", attempt: int = 0, **overrides: Any
                    ) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """An adversarial permutation against C1s's public code, ownership and seed.

    For each target unit ``i`` (up to ``targets``, each in a fresh part of the permutation),
    a target feature ``c`` is drawn and the free owners of ``i`` are given features chosen to
    put ``e_int[:, c]`` (nearly) in the cone of ``S_i``: ``mode="correlated"`` — the free
    features most correlated with ``c`` (``⟨e_f, e_c⟩`` largest); ``"cover"`` — greedily, for
    each of ``c``'s coordinates in turn, a free feature with the same sign there and the
    fewest conflicting signs elsewhere on ``c``'s support; ``"cancel"`` — greedily the free
    feature that keeps ``‖Σ_{f∈S} e_f‖`` least (the mean of ``S`` near the origin, which must
    stay below: the origin close to the hull of ``S``). ``c`` itself is kept away from
    ``i``'s owners; ``attempt`` varies the adversary's draws. Returns the permutation and
    the ``(unit, c)`` pairs attacked.

    >>> inst, att = attack_instance(200, seed=0, targets=2)
    >>> sorted(inst.tolist()) == list(range(200)), len(att)
    (True, 2)
    """
    if mode not in ATTACK_MODES:
        raise ValueError(f"mode must be one of {ATTACK_MODES} (got {mode!r})")
    p = choose_separated(m_prime, layers=layers, **overrides)
    e = sign_code(p.d, p.s, p.m, seed).tocsc()
    R = affine_owners(p.m_prime, p.G, p.r)
    unit_owners: list[list[int]] = [[] for _ in range(p.H)]
    for j, units in enumerate(R.tolist()):
        for u in units:
            unit_owners[u].append(j)
    rng = np.random.default_rng([as_int(seed, "seed", 0), 5151, as_int(attempt, "attempt", 0)])
    perm = -np.ones(p.m_prime, dtype=np.int64)
    taken = np.zeros(p.m, dtype=bool)
    et = e.T.tocsr()
    attacked: list[tuple[int, int]] = []
    for i in rng.permutation(p.H).tolist():
        if len(attacked) >= targets:
            break
        co = [x for x in unit_owners[i] if perm[x] < 0]
        if len(co) < 2:
            continue
        free = np.flatnonzero(~taken)
        c = int(rng.choice(free))
        taken[c] = True
        corr = np.asarray(et @ e[:, c].toarray()).ravel().astype(np.float64)  # ⟨e_f, e_c⟩
        corr[taken] = -np.inf
        chosen: list[int] = []
        if mode == "cover":
            sup = e[:, c].indices
            sg = e[:, c].data
            cols = et[:, sup].toarray()  # (m, s): features' entries on c's support
            agree = (cols * sg[None, :])
            score_base = agree.sum(axis=1).astype(float)
            for t in range(sup.size):
                if len(chosen) >= len(co):
                    break
                cand = np.flatnonzero((agree[:, t] > 0) & ~taken)
                cand = np.setdiff1d(cand, chosen)
                if cand.size == 0:
                    continue
                chosen.append(int(cand[np.argmax(score_base[cand])]))
        if mode == "cancel":  # greedy: keep the sum of the chosen codes short
            dense = e.T.toarray() if p.m * p.d <= 1 << 26 else None
            total = np.zeros(p.d)
            avail = ~taken.copy()
            for _ in range(len(co)):
                if dense is not None:
                    gain = dense @ total  # ||total + e_f||^2 = ||total||^2 + s + 2<total,e_f>
                else:
                    gain = np.asarray(et @ total).ravel()
                gain[~avail] = np.inf
                f = int(np.argmin(gain))
                if not np.isfinite(gain[f]):
                    break
                chosen.append(f)
                avail[f] = False
                total += e[:, f].toarray().ravel()
        for f in np.argsort(-corr).tolist():
            if len(chosen) >= len(co):
                break
            if f not in chosen and not taken[f]:
                chosen.append(int(f))
        for x, f in zip(co, chosen, strict=False):
            perm[x], taken[f] = f, True
        taken[c] = False
        attacked.append((i, c))
    rest = np.flatnonzero(perm < 0)
    perm[rest] = rng.permutation(np.flatnonzero(~taken))
    return perm, attacked


def units_separable(m_prime: int, seed: int, instance: Any, units: Any, *, layers: int = 2,
                    **overrides: Any) -> list[bool]:
    """Whether each unit of ``units`` has a real LP solution for ``instance`` (the first
    step of the builder, without quantisation or the other units): the cheap test of an
    attack (:func:`attack_instance`).

    >>> inst, att = attack_instance(200, seed=0, targets=2)
    >>> units_separable(200, 0, inst, [u for u, _ in att])
    [True, True]
    """
    from bounds.constructions.instances import validate_instance

    p = choose_separated(m_prime, layers=layers, **overrides)
    inst = validate_instance("permutation", instance, p.m_prime, p.m)
    e_int = sign_code(p.d, p.s, p.m, seed)
    P = sp.vstack([e_int.T.tocsr(), sp.csr_matrix((1, p.d), dtype=np.int64)], format="csr")
    _R, sets = _unit_sets(p, inst)
    out = []
    for i in units:
        lo, hi = _bounds(p, sets[int(i)])
        out.append(solve_bounds(P, lo, hi, objective=p.objective) is not None)
    return out


def with_sizes(p: SeparatedParams, **changes: Any) -> SeparatedParams:
    """``p`` with some sizes changed (calibration helper)."""
    return replace(p, **changes)
