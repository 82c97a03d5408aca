r'''C2d: pairwise AND in superposition from two algebraic designs, exact on the identifying
probes for EVERY instance of a stated family that holds at least half of all instances (a
worst-case argument over that family, not a random-instance claim; NOT every instance).

This library's construction (constants and theorem are ours, not the paper's). The two-layer
clip template of C1d (:mod:`bounds.constructions.design`) with AND units:

* **input code** (Reed–Solomon, unsigned): ``g`` prime, ``D ≥ 2``, ``g^D ≥ m``, ``s ≤ g``;
  feature ``f`` is the polynomial ``P_f`` of degree ``< D`` over ``F_g`` (base-``g`` digits
  of ``f``) and sits on coordinate ``t·g + P_f(t)`` of block ``t < s`` with value ``1/√s``.
  Two features share at most ``D − 1`` coordinates: ``n(f, c) := s⟨E_f, E_c⟩`` is ``s`` for
  ``f = c`` and an integer in ``[0, D − 1]`` otherwise;
* **ownership** (``r`` parallel classes of lines of the affine plane over ``F_G``,
  :func:`~bounds.constructions.design.affine_owners`): ``G`` prime, ``r ≤ G``, ``G² ≥ m′``;
  output ``j = α + βG`` owns unit ``(α + cβ) mod G`` of block ``c < r``; **two outputs share
  at most one unit**, a unit has at most ``L = ⌈m′/G⌉`` owners; ``H = rG``;
* **decoder**: ``D_j`` = indicator of ``j``'s ``r`` units, ``θ_j = r − 1/2`` (all must fire).

Parameters (instance-dependent): unit ``i`` listens to ``S_i``, the endpoints of its owners
(``|S_i| ≤ 2L``); with ``N_i = Σ_{f∈S_i} n(f, ·)·x`` (an integer on every 0/1 input), layer 1
is ``σ_i = ReLU(1 − λ(N_i/s − γ))`` and layer 2 ``f_i = ReLU(1 − σ_i)``, ``λ = 4s``,
``γ = 2 − 1/(2s)``: the clip of C1d centred between ``2s − 1`` and ``2s``, steep enough that
both sides keep a margin of 1 in the pre-activation.

**The family.** For output ``j`` and feature ``z`` let ``c_j(z)`` be the number of ``j``'s
units that listen to ``z``. The network is built for

    ``F_r`` = all labelled instances with ``c_j(z) ≤ r − 1`` for every output ``j`` and every
    feature ``z ∉ {a_j, b_j}`` (the **co-owner condition**),

a set fixed by the public ownership before any instance is chosen; the adversary may pick
any member (a shared endpoint at ``r − 1`` of an output's units, stars of any degree, …).
``F_r`` contains every instance of max degree ``≤ r − 1`` (each unit of ``j`` listening to
``z`` has its own owner ``≠ j`` with endpoint ``z``, so ``c_j(z) ≤ deg(z)``). The builder
checks the condition exactly (:func:`co_owner_excess`) and refuses an instance outside
(``ValueError`` naming the output, the feature and the count).

**Theorem (this library's; exact on the identifying probes for every instance of F_r).** If
``s ≥ (D − 1)(4L − 1) + 1``, the network computes ``y_j = x_{a_j} ∧ x_{b_j}`` on every input
with at most 2 active features, for every instance of ``F_r``. *Proof.* Let ``X`` be the
active set, ``|X| ≤ 2``, and ``c = |S_i ∩ X|``. If ``c = 2``, ``N_i ≥ 2s`` (the cross terms
are ``≥ 0``). If ``c = 1`` (``x ∈ S_i``),
``N_i ≤ s + (D − 1)(|S_i| − 1) + (D − 1)|S_i| ≤ s + (D − 1)(4L − 1) ≤ 2s − 1``; if ``c = 0``,
``N_i ≤ 2(D − 1)|S_i| ≤ 2s − 1`` likewise. With ``λ(N_i/s − γ) = 4N_i − 8s + 2``,
``N_i ≥ 2s`` gives ``σ_i = 0, f_i = 1`` and ``N_i ≤ 2s − 1`` gives ``σ_i ≥ 3, f_i = 0``: unit
``i`` fires **iff** ``X ⊆ S_i`` and ``|X| = 2``. So output ``j`` fires iff all its ``r`` units
contain ``X``. On ``X = {a_j, b_j}`` they all do. On ``|X| ≤ 1`` no unit fires. On any other
``X`` (``|X| = 2``) pick ``z ∈ X \ {a_j, b_j}``: every unit of ``j`` that fires listens to
``z``, so at most ``c_j(z) ≤ r − 1`` fire and the readout is ``≤ r − 1 < θ_j``. ∎
(The floating-point forward pass is exact up to ~1e-15 against margins ``≥ 1`` in the
pre-activation; :func:`certify_pair_design` and
:func:`bounds.constructions.certify.certify` check built networks.) It says nothing about
inputs with three or more active features (a unit listening to three active features of
``S_i`` fires; the notion of the lower bounds is the identifying probes, SPEC §2/§3).

**How large F_r is, and the lower bound.** :func:`co_owner_bound` bounds the probability
that a uniformly random labelled instance is outside ``F_r`` by
``m′·m·((L − 1)(m − 1)/C(m, 2))^r`` (union over ``j``, ``z`` and one co-owner per unit of
``j``). The sizes use the least ``r`` with this ``≤ 1/2``: then ``|F_r| ≥ |F|/2``, so the
counting bound for ``F_r`` is at most **one bit** below the full family's (the neuron bound
changes by at most 1), and the frontier compares like with like up to that bit. (At the
sizes chosen: ``r = 2`` below m′ = 40, ``r = 3`` at almost every m′ from 46 to 10⁶,
``r = 4`` at a few m′ between 95 and 431 — checked on a grid.)
``max_degree=Δ`` sizes for the design-independent family of max degree ``≤ Δ`` instead
(``r = Δ + 1``; :func:`default_max_degree` gives the ``Δ`` with at least half of all
instances, 8 at m′ = 2000, 11 at 10⁵ — three to four times the blocks).
**Not covered:** instances outside ``F_r``, e.g. two hubs ``{0, j}, {1, j}`` (``c_j(1) = r``
for the hubs' outputs), and no size of this template covers them: **the clique-template
limit** (this library's theorem, proved in :mod:`bounds.constructions.pairprivate`): a
network with a nonnegative decoder whose last-layer units each take one value on every
two-feature probe inside a set ``S_q`` holding the endpoints of all its readers (C2d's units,
any code, any ``r``, ``G``, ``s``) is exact for every labelled instance only if every output
reads a private unit — an output without one fires on ``{a_j, c}`` once one co-owner per unit
gets the endpoint ``c`` (:func:`clique_template_attack`; ``deg(c) = r``, no hub needed; with
``hubs=True`` the same inside the two-hub family, firing on ``{0, 1}``). So
the whole family needs ``n_L ≥ m′`` in this template (at m′ = 500, 2000, 10⁵: at least 500,
2000, 100 000 last-layer units, ``≥ 2m′`` in all in the two-layer form), never fewer neurons
than C0; C2p (:mod:`bounds.constructions.pairprivate`, one private unit per output on the
superposed code, one layer) attains ``n_L = m′`` and ties C0. Evaluated and not pursued
(design estimates, not proved): weighted units (a threshold graph containing two disjoint
owner edges contains a cross pair, so the per-unit weights become a covering problem over
the instance; two hubs alone need a per-unit choice of the favoured hub), veto units, and
virtual hub features (a star detector ``x_h ∧ OR(group)`` per group of ``< r`` partners, the
units counting light features and virtual ones: about ``5H + 2K`` neurons with ``K ≈ 4m′/r``
groups: by a rough count, not built, below m′ only from about 10⁶). At m′ = 2000 there is
no room for any of them (counts, not a proof for other templates): ``d = s·g < 2000`` with
``g ≥ max(s, ⌈√m⌉)`` forces ``s ≤ 44``, so ``L ≤ 11`` at C2d's ``s = 4(D − 1)L``, i.e.
``H ≥ r·2000/11``; two weight levels (1 and 2) double the worst-case cross-talk
(``s ≥ 8(D − 1)L + 1``, so ``L ≤ 5``, ``2H ≥ 2400`` at ``r = 3``), and a third neuron per unit
fits only at ``r = 3`` (``3·3·211 = 1899``), fewer blocks than C2d needs even on ``F_r``.

Sizes (:func:`choose_pair_design`): the least max width ``max(s·g, rG)`` over ``D`` and
prime ``G`` with ``s = (D − 1)(4L − 1) + 1``, ``g`` the least prime ``≥ max(s, ⌈m^{1/D}⌉)``
(ties: fewer total neurons ``2rG``). With ``g = s`` binding this balances at
``L ≈ (r m′/(16(D − 1)²))^{1/3}``: widths Θ(m′^{2/3}) for fixed ``r``,
``P_nz ≤ 2 r s m′ + 3H`` = Θ(m′^{4/3}). What limits it: the worst-case cross-talk of ``2L``
listened features forces ``s ≈ 4(D − 1)L`` and ``d = s·g ≥ s²``, against ``H = r m′/L``.

*Certification.* :func:`certify_pair_design` decides the probes exactly from the built
matrices (units exact, then readouts), at every size built here. The library's margin
argument (:func:`bounds.constructions.certify.certify`) bounds the two-residual-feature case
by a pigeonhole that adds the two features' unit counts; it is inconclusive on this design
(exhaustive enumeration decides up to its limit).

>>> p = choose_pair_design(500)
>>> (p.r, p.D, p.s, p.g, p.G, p.d, p.H), p.worst_case_ok
((3, 2, 16, 23, 127, 368, 381), True)
>>> net = build_pair_design(120, 3, 0.01, seed=0)
>>> certify_pair_design(net).verdict
'certified on the identifying probes'
'''

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.design import (
    DesignParams,
    _code,
    _prime_at_least,
    _root_ceil,
    affine_owners,
    clip_network,
)
from bounds.constructions.network import Network
from bounds.validation import as_int, as_m_prime

__all__ = ["PairDesignParams", "build_pair_design", "certify_pair_design", "choose_pair_design",
           "clique_template_attack", "co_owner_bound", "co_owner_excess", "default_max_degree",
           "degree_tail",
           "family_instance", "pair_design_accounting", "pair_design_theta_limits",
           "regular_instance", "shared_endpoint_instance", "unit_row_blocks"]

MAX_D = 6


@dataclass(frozen=True)
class PairDesignParams(DesignParams):
    """Sizes of C2d (module docstring): C1d's fields and ``L``, ``H = rG``, ``d = s·g``,
    ``θ = r − 1/2``, with C2d's slope, ramp and condition (pass every field by keyword)."""

    @property
    def max_degree(self) -> int:
        """``r − 1``: every instance of max degree ``≤ r − 1`` is in ``F_r``."""
        return self.r - 1

    @property
    def lam(self) -> float:
        """Slope ``λ = 4s``: pre-activations ``≤ −1`` (fire) or ``≥ 3`` (silent)."""
        return 4.0 * self.s

    @property
    def gamma(self) -> float:
        """Ramp start ``2 − 1/(2s)``: half-way between ``N/s = 2`` and ``(2s − 1)/s``."""
        return 2.0 - 1.0 / (2 * self.s)

    @property
    def worst_case_ok(self) -> bool:
        """The theorem's condition ``s ≥ (D − 1)(4L − 1) + 1`` (and the design's ``r ≤ G``)."""
        return self.s >= (self.D - 1) * (4 * self.L - 1) + 1 and self.r <= self.G


def _check(p: PairDesignParams) -> PairDesignParams:
    import sympy

    if p.g ** p.D < p.m:
        raise ValueError(f"g^D must be >= m={p.m} (got g={p.g}, D={p.D})")
    if p.s > p.g:
        raise ValueError(f"s must be <= g={p.g} (distinct evaluation points; got s={p.s})")
    if p.G * p.G < p.m_prime or not sympy.isprime(p.G) or p.r > p.G:
        raise ValueError(f"G must be a prime with G^2 >= m_prime={p.m_prime} and G >= r={p.r} "
                         f"(got G={p.G})")
    if not sympy.isprime(p.g):
        raise ValueError(f"g must be prime (got {p.g})")
    return p


def degree_tail(m_prime: int, m: int, delta: int) -> float:
    """``m·P(deg_f > Δ)`` for a uniformly random labelled instance (module docstring): the
    hypergeometric tail (``m′`` draws from ``C(m, 2)`` pairs, ``m − 1`` containing ``f``),
    summed in mpmath at 40 digits until the terms are negligible.

    >>> round(degree_tail(2000, 2000, 8), 4)
    0.4647
    """
    import mpmath

    N, K, n = m * (m - 1) // 2, m - 1, m_prime
    with mpmath.workdps(40):
        def logc(a: int, b: int) -> Any:
            return mpmath.loggamma(a + 1) - mpmath.loggamma(b + 1) - mpmath.loggamma(a - b + 1)

        k = delta + 1
        if k > min(K, n):
            return 0.0
        base = logc(N, n)
        term = mpmath.exp(logc(K, k) + logc(N - K, n - k) - base)
        total = mpmath.mpf(0)
        while k <= min(K, n) and term > total * mpmath.mpf(10) ** -30:
            total += term
            term *= mpmath.mpf((K - k) * (n - k)) / ((k + 1) * (N - K - n + k + 1))
            k += 1
        return float(m * total)


@cache
def default_max_degree(m_prime: int, m: int | None = None) -> int:
    """The least ``Δ ≥ 1`` with ``m·P(deg_f > Δ) ≤ 1/2`` (:func:`degree_tail`): at least
    half of all labelled instances have max degree ``≤ Δ``.

    >>> default_max_degree(2000), default_max_degree(10**5)
    (8, 11)
    """
    mp = as_m_prime(m_prime)
    mm = mp if m is None else as_int(m, "m", 2)
    delta = 1
    while degree_tail(mp, mm, delta) > 0.5:
        delta += 1
    return delta


def co_owner_bound(m_prime: int, m: int, G: int, r: int) -> Fraction:
    """Union bound on the probability that a uniformly random labelled instance breaks the
    co-owner condition for ``r`` blocks of ``G`` units (exact rational):
    ``m′·m·((L − 1)(m − 1)/C(m, 2))^r``, ``L = ⌈m′/G⌉`` — over outputs ``j``, features ``z``
    and the ``≤ (L − 1)^r`` choices of one co-owner at each of ``j``'s units, each choice of
    ``r`` distinct outputs containing ``z`` with probability
    ``Π_{i<r} (m − 1 − i)/(C(m, 2) − i) ≤ ((m − 1)/C(m, 2))^r``.

    >>> float(co_owner_bound(2000, 2000, 241, 4)) < 0.02
    True
    """
    M = m * (m - 1) // 2
    L = -(-m_prime // G)
    return Fraction(m_prime * m) * Fraction((L - 1) * (m - 1), M) ** r


def _blocks(m_prime: int, m: int, G: int, max_degree: int | None) -> int:
    """``r`` for ``G``: ``max_degree + 1``, or the least ``r ≥ 2`` whose co-owner bound is
    ``≤ 1/2`` (module docstring)."""
    if max_degree is not None:
        return max_degree + 1
    r = 2
    while co_owner_bound(m_prime, m, G, r) > Fraction(1, 2):
        r += 1
    return r


def choose_pair_design(m_prime: int, m: int | None = None, *, max_degree: int | None = None,
                       objective: str = "max_width", **overrides: Any) -> PairDesignParams:
    """Analysed sizes (module docstring): for each ``D`` and prime ``G``, ``r`` = the least
    number of blocks whose co-owner bound (:func:`co_owner_bound`) is ``≤ 1/2`` — the
    family ``F_r`` then holds at least half of all instances — or ``max_degree + 1`` when
    ``max_degree`` is given (the family of max degree ``≤ max_degree``); then the least
    ``max(s·g, rG)`` meeting the theorem (``objective="total_neurons"``: least ``2rG`` among
    the sizes narrower than ``m′``, when there are any, then least max width).

    ``overrides`` may fix ``r``, ``D``, ``G``, ``s``, ``g``; a size that breaks the theorem's
    condition is allowed (``worst_case_ok`` is then False).

    >>> p = choose_pair_design(10**4); (p.r, p.worst_case_ok)
    (3, True)
    """
    mp = as_m_prime(m_prime)
    mm = mp if m is None else as_int(m, "m", 2)
    if mm * (mm - 1) // 2 < mp:
        raise ValueError(f"m must satisfy C(m, 2) >= m_prime={mp} (got m={mm})")
    if objective not in ("max_width", "total_neurons"):
        raise ValueError(f"objective must be 'max_width' or 'total_neurons' (got {objective!r})")
    known = {"r", "D", "G", "s", "g"}
    bad = set(overrides) - known
    if bad:
        raise ValueError(f"unknown pair-design override(s) {sorted(bad)}; accepted: "
                         f"{sorted(known)}")
    ov = {key: as_int(v, key, 1) for key, v in overrides.items()}
    delta = None if max_degree is None else as_int(max_degree, "max_degree", 1)
    Ds = [ov["D"]] if "D" in ov else range(2, MAX_D + 1)
    g_min = math.isqrt(mp - 1) + 1
    if "G" in ov:
        Gs = [ov["G"]]
    else:
        Gs = sorted({_prime_at_least(max(g_min, -(-mp // L))) for L in range(1, mp // g_min + 2)})
    best: tuple | None = None
    for G in Gs:
        r = ov.get("r", _blocks(mp, mm, G, delta))
        if "G" not in ov and r > G:
            continue
        L = -(-mp // G)
        for D in Ds:
            s = ov.get("s", (D - 1) * (4 * L - 1) + 1)
            g = ov.get("g", _prime_at_least(max(s, _root_ceil(mm, D))))
            width, total = max(s * g, r * G), 2 * r * G
            key = (width, total, s * g, D) if objective == "max_width" else \
                (width >= mp, total, width, D)
            if best is None or key < best[0]:
                best = (key, PairDesignParams(m_prime=mp, m=mm, r=r, D=D, g=g, s=s, G=G))
    if best is None:
        raise ValueError(f"no pair-design sizes for m_prime={mp} with {ov}")
    return _check(best[1])


def _membership(p: PairDesignParams, R: np.ndarray, inst: np.ndarray) -> sp.csr_matrix:
    """0/1 ``B`` (H × m): unit ``i`` listens to the endpoints of its owners."""
    rows = np.repeat(R[:, :, None], 2, 2).ravel()
    cols = np.repeat(inst[:, None, :], p.r, 1).ravel()
    B = sp.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(p.H, p.m))
    B.sum_duplicates()
    B.data[:] = 1.0
    return B


def co_owner_excess(p: PairDesignParams, inst: np.ndarray) -> tuple[int, int, int]:
    """Largest number of an output's units listening to a feature ``z`` not in its pair,
    with such an output and feature: ``(count, j, z)``; the co-owner condition of the module
    docstring is ``count ≤ r − 1``. Exact, from the public ownership and the instance.

    >>> p = choose_pair_design(100)
    >>> from bounds.constructions.adversarial import two_hubs
    >>> co_owner_excess(p, two_hubs(100))[0] >= p.r
    True
    """
    inst = np.asarray(inst, dtype=np.int64)
    R = affine_owners(p.m_prime, p.G, p.r)
    B = _membership(p, R, inst)
    rows = np.repeat(np.arange(p.m_prime), p.r)
    Dm = sp.csr_matrix((np.ones(R.size), (rows, R.ravel())), shape=(p.m_prime, p.H))
    best = (0, -1, -1)
    step = max(1, (1 << 22) // max(1, p.r * 2 * p.L))
    for a in range(0, p.m_prime, step):
        c = sp.csr_matrix(Dm[a:a + step] @ B).tocoo()
        own = (c.col == inst[a + c.row, 0]) | (c.col == inst[a + c.row, 1])
        vals = np.where(own, 0.0, c.data)
        if vals.size and vals.max() > best[0]:
            t = int(np.argmax(vals))
            best = (int(vals[t]), int(a + c.row[t]), int(c.col[t]))
    return best


def family_instance(p: PairDesignParams, seed: int, tries: int = 200) -> np.ndarray:
    """A uniformly random instance of the family ``F_r`` (the co-owner condition): the
    seed's uniform labelled instance, else the first of the streams
    ``SeedSequence([seed, t])``, ``t = 1, 2, …`` whose instance meets it (rejection
    sampling; each try succeeds with probability ``≥ 1/2`` at the default ``r``).

    >>> p = choose_pair_design(200)
    >>> co_owner_excess(p, family_instance(p, 1))[0] < p.r
    True
    """
    from bounds.constructions.instances import random_instance

    for t in range(tries):
        ss = seed if t == 0 else np.random.SeedSequence([seed, t])
        inst = random_instance("pairwise-and", p.m_prime, ss, p.m)
        if co_owner_excess(p, inst)[0] < p.r:
            return inst
    raise ValueError(f"no instance of the family in {tries} tries (r={p.r} too small for "
                     f"m_prime={p.m_prime}?)")


def build_pair_design(m_prime: int, k: int, delta: float, seed: int, *, m: int | None = None,
                      instance: Any = None, max_degree: int | None = None,
                      check: bool = True,
                      **overrides: Any) -> Network:
    """C2d for the pairwise-AND ``instance`` (default: :func:`family_instance`, uniform on
    ``F_r``; an explicit instance outside ``F_r`` raises ``ValueError``).

    ``k`` and ``delta`` do not change the sizes (the guarantee is exact on the identifying
    probes for every instance of ``F_r``); they are recorded.
    ``check=False`` skips the co-owner check (for building deliberately broken networks).

    >>> net = build_pair_design(200, 3, 0.01, seed=1)
    >>> net.resources().widths, net.meta["params"]["r"]
    ((204, 201, 201), 3)
    """
    from bounds.constructions.instances import default_m, validate_instance

    mm = default_m("pairwise-and", as_m_prime(m_prime), m)
    p = choose_pair_design(m_prime, mm, max_degree=max_degree, **overrides)
    seed = as_int(seed, "seed", 0)
    inst = (family_instance(p, seed) if instance is None
            else validate_instance("pairwise-and", instance, p.m_prime, p.m))
    deg = np.bincount(inst.ravel(), minlength=p.m)
    if check and instance is not None and deg.max() > p.max_degree:
        excess, j, z = co_owner_excess(p, inst)
        if excess >= p.r:
            raise ValueError(
                f"instance outside the family this network is sized for: feature {z} (degree "
                f"{int(deg[z])}) is listened to by {excess} of the r={p.r} units of output {j} "
                f"(the co-owner condition allows r-1); the construction is exact for every "
                f"instance meeting it (e.g. every instance of max degree <= {p.max_degree}; "
                f"this one has {int(deg.max())}); pass r=... (>= {excess + 1})")
    e_int, E = _code(p, seed, signed=False)
    R = affine_owners(p.m_prime, p.G, p.r)
    B = _membership(p, R, inst)
    return clip_network(p, R, B, E, e_int, inst, kind="pairwise-and",
                        name="C2d pairwise AND (designs)", seed=seed, k=k, delta=delta,
                        meta={"max_degree": p.max_degree,
                              "instance_max_degree": int(deg.max()),
                              "worst_case_ok": p.worst_case_ok})


def pair_design_accounting(params: PairDesignParams | None = None) -> dict[str, Any]:
    """Closed-form resources of C2d (sympy); with ``params`` substituted they equal the
    built network's counts (widths, totals, ``params_dense``); ``params_nonzero_upper =
    2 r s m′ + 3H`` bounds ``P_nz`` on every instance (``nnz(B) ≤ 2 r m′``,
    ``nnz(B Eᵀ) ≤ s·nnz(B)``; ``b₁, W₂, b₂`` have ``H`` nonzeros each).

    >>> pair_design_accounting()["params_dense"]
    G**2*r**2 + G*g*r*s + 2*G*r
    """
    import sympy

    MP, R, S, G, GC = sympy.symbols("m_prime r s G g", positive=True, integer=True)
    H = R * G
    widths = (S * GC, H, H)
    dense = sum(widths[i] * widths[i + 1] + widths[i + 1] for i in range(2))
    out: dict[str, Any] = {"d": S * GC, "H": H, "widths": sympy.Tuple(*widths),
                           "max_width": sympy.Max(*widths), "total_neurons": 2 * H,
                           "params_dense": sympy.expand(dense),
                           "params_nonzero_upper": 2 * R * S * MP + 3 * H}
    if params is None:
        return out
    subs = {MP: params.m_prime, R: params.r, S: params.s, G: params.G, GC: params.g}
    return {key: sympy.sympify(v).subs(subs) for key, v in out.items()}


def pair_design_theta_limits() -> dict[str, Any]:
    """Θ-class of C2d by sympy ``limit`` as m′ → ∞ for a fixed max degree (``r`` constant;
    ceilings and primality dropped): ``s = g = a·m′^{1/3}``, ``G = c·m′^{2/3}`` (the balanced
    regime of the module docstring): ``max_width``, ``total_neurons`` over ``m′^{2/3}``,
    ``params_nonzero_upper``, ``params_dense`` over ``m′^{4/3}`` — finite and positive.

    >>> lim = pair_design_theta_limits()
    >>> lim["total_neurons"], lim["params_nonzero_upper"]
    (2*c*r, 2*a*r)
    """
    from bounds.constructions.design import balanced_theta_limits

    return balanced_theta_limits(pair_design_accounting())


# ------------------------------------------------------------------ adversarial instances
def shared_endpoint_instance(m_prime: int, seed: int, *, targets: int = 20,
                             units: int | None = None, m: int | None = None,
                             **overrides: Any) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """An instance chosen against C2d's public ownership: for each target output
    ``j = (a, b)`` a fresh feature ``c`` is given, as an endpoint, to one co-owner of each of
    ``units`` of ``j``'s units (default ``r − 1``, the most the family allows: the probe
    ``{a, c}`` then lights ``r − 1`` of ``j``'s ``r`` units). The other outputs get uniform
    distinct pairs of the unused features, redrawn until the instance is in ``F_r`` (the
    attack uses at most a tenth of the features).
    Returns the instance and the attacked probes ``(j, a, c)``.

    ``units = r`` builds the attack that breaks a network with one block too few.

    >>> inst, probes = shared_endpoint_instance(300, seed=0, targets=3)
    >>> inst.shape, len(probes)
    ((300, 2), 3)
    """
    from bounds.constructions.adversarial import plant_shared_endpoint
    from bounds.constructions.instances import default_m

    mm = default_m("pairwise-and", as_m_prime(m_prime), m)
    p = choose_pair_design(m_prime, mm, **overrides)
    n_units = p.r - 1 if units is None else as_int(units, "units", 1)
    R = affine_owners(p.m_prime, p.G, p.r)
    unit_owners: dict[int, list[int]] = {}
    for j, us in enumerate(R.tolist()):
        for u in us:
            unit_owners.setdefault(u, []).append(j)
    rng = np.random.default_rng([seed, 5151])
    feats = iter(rng.permutation(mm).tolist())
    fixed: dict[int, tuple[int, int]] = {}
    probes: list[tuple[int, int, int]] = []
    n_used = 0
    for j in rng.permutation(p.m_prime).tolist():
        if len(probes) >= targets or j in fixed:
            continue
        co: list[int] = []
        for u in R[j].tolist()[:n_units]:
            cand = [x for x in unit_owners[u] if x != j and x not in fixed and x not in co]
            if cand:
                co.append(cand[0])
        if len(co) < n_units or 10 * (n_used + 3 + len(co)) > mm:
            continue  # the attack uses at most a tenth of the features; the rest stay random
        if not plant_shared_endpoint(j, co, feats, fixed, probes):
            break
        n_used += 3 + len(co)
    busy = {f for v in fixed.values() for f in v}
    pool = np.array([f for f in range(mm) if f not in busy], dtype=np.int64)
    free_j = np.array([j for j in range(p.m_prime) if j not in fixed], dtype=np.int64)
    inst = np.empty((p.m_prime, 2), dtype=np.int64)
    for j, pair in fixed.items():
        inst[j] = pair
    # the other outputs: uniform distinct pairs of the unused features, redrawn until the
    # instance is in F_r again (when the attack itself keeps to it)
    for _ in range(200):
        used = {tuple(sorted(v)) for v in fixed.values()}
        for j in free_j.tolist():
            while True:
                key = tuple(sorted(int(v) for v in rng.choice(pool, 2, replace=False)))
                if key not in used:
                    used.add(key)
                    inst[j] = key
                    break
        if n_units >= p.r or co_owner_excess(p, inst)[0] < p.r:
            break
    else:
        raise ValueError(f"no fill of the attack inside F_r in 200 draws (m_prime={p.m_prime})")
    return inst, probes


def clique_template_attack(D: Any, m: int, j: int | None = None, *, hubs: bool = False
                           ) -> tuple[np.ndarray, tuple[int, int, int]]:
    """The instance of the clique-template limit (module docstring) against the public
    decoder ``D`` (m′ × n; unit ``q`` is read by output ``j`` when ``D_jq ≠ 0``): output
    ``j`` (default: the first output none of whose units is private) gets the pair
    ``{0, 1}``; for each unit it reads, one other reader gets ``{2, y}`` with fresh distinct
    ``y = 3, 4, …``; the other outputs get the remaining pairs of ``[m]`` in lexicographic
    order. In every clique-template network (C2d built with ``check=False``, any sizes)
    output ``j`` then fires on the probe ``{0, 2}`` where its AND is 0. Returns the instance
    and ``(j, a, c) = (j, 0, 2)``. ``hubs=True``: a two-hub instance instead (every pair is
    ``{0, ℓ}`` or ``{1, ℓ}``): ``j`` gets ``{0, 2}``, the chosen co-owners ``{1, y}``, the
    others the remaining hub pairs; ``j`` then fires on ``{0, 1}``, returned as
    ``(j, 0, 1)`` (needs ``m ≥ m′/2 + 2``). ``ValueError`` when every output reads a
    private unit (C2p) or ``m`` is too small.

    >>> p = choose_pair_design(100)
    >>> R = affine_owners(p.m_prime, p.G, p.r)
    >>> Dm = sp.csr_matrix((np.ones(R.size), (np.repeat(np.arange(100), p.r), R.ravel())))
    >>> inst, (j, a, c) = clique_template_attack(Dm, 100)
    >>> co_owner_excess(p, inst)[0] == p.r, (a, c)
    (True, (0, 2))
    """
    D = sp.csr_matrix(D)
    mp = D.shape[0]
    m = as_int(m, "m", 3)
    readers = sp.csc_matrix(D != 0)
    n_read = np.diff(readers.indptr)

    def units_of(x: int) -> np.ndarray:
        return D.indices[D.indptr[x]:D.indptr[x + 1]][D.data[D.indptr[x]:D.indptr[x + 1]] != 0]

    if j is None:
        j = next((x for x in range(mp) if units_of(x).size and (n_read[units_of(x)] >= 2).all()),
                 None)
        if j is None:
            raise ValueError("every output reads a private unit: the clique-template attack "
                             "does not apply")
    j = as_int(j, "j", 0, mp - 1)
    co: list[int] = []
    for q in units_of(j).tolist():
        others = readers.indices[readers.indptr[q]:readers.indptr[q + 1]]
        others = [int(o) for o in others if o != j]
        if not others:
            raise ValueError(f"output {j} reads a private unit {q}: the attack does not apply")
        if not set(others) & set(co):
            co.append(others[0])
    if m < 3 + len(co):
        raise ValueError(f"m must be >= {3 + len(co)} for the attack (got m={m})")
    if hubs:
        fixed = {j: (0, 2), **{o: (1, 3 + t) for t, o in enumerate(co)}}
        every = ((h, x) for x in range(2, m) for h in (0, 1))
    else:
        fixed = {j: (0, 1), **{o: (2, 3 + t) for t, o in enumerate(co)}}
        every = itertools.combinations(range(m), 2)
    used = set(fixed.values())
    pool = (pr for pr in every if pr not in used)
    inst = np.empty((mp, 2), dtype=np.int64)
    for x in range(mp):
        pair = fixed.get(x)
        if pair is None:
            pair = next(pool, None)
            if pair is None:
                raise ValueError(f"m={m} has fewer than m_prime={mp} distinct pairs")
        inst[x] = pair
    return inst, (j, 0, 1) if hubs else (j, 0, 2)


def regular_instance(m_prime: int, degree: int, seed: int) -> tuple[np.ndarray, int]:
    """Every feature of equal degree: the circulant graph on ``m = ⌈2m′/degree⌉`` features
    (pairs ``{f, f + t mod m}``, ``t = 1 … degree/2``; ``degree`` even), first ``m′`` edges,
    labels shuffled by ``seed``. Returns ``(instance, m)``.

    >>> inst, m = regular_instance(60, 4, seed=0)
    >>> m, int(np.bincount(inst.ravel()).max())
    (30, 4)
    """
    degree = as_int(degree, "degree", 2)
    if degree % 2:
        raise ValueError(f"degree must be even (got {degree})")
    m = -(-2 * m_prime // degree)
    if degree // 2 >= (m + 1) // 2:
        raise ValueError(f"degree={degree} too large for m_prime={m_prime}")
    f = np.arange(m, dtype=np.int64)
    pairs = np.concatenate([np.stack([f, (f + t) % m], 1) for t in range(1, degree // 2 + 1)])
    pairs = np.sort(pairs, axis=1)[:m_prime]
    rng = np.random.default_rng([seed, 5252])
    return pairs[rng.permutation(m_prime)], m


# ------------------------------------------------------------------ the theorem, on the built net
def unit_row_blocks(W1: sp.csr_matrix, E: sp.csr_matrix, *, budget: int = 1 << 23
                    ) -> Iterator[tuple[int, sp.csr_matrix]]:
    """``(a, A)`` with ``A = W1[a:a+step] @ E`` (sorted CSR), over consecutive row blocks
    of about ``budget`` products each: every unit's values on every feature, without the
    whole ``H × m`` product in memory (the exact certifiers of C2d and C2s).

    >>> [(a, A.shape) for a, A in unit_row_blocks(sp.eye(3, format="csr"),
    ...                                            sp.eye(3, format="csr"), budget=2)]
    [(0, (2, 3)), (2, (1, 3))]
    """
    n = W1.shape[0]
    per = max(1, int(W1.getnnz(axis=1).mean() * max(1.0, E.getnnz(axis=1).mean())))
    step = int(max(1, min(n, budget // per)))
    for a in range(0, n, step):
        A = sp.csr_matrix(W1[a:a + step] @ E)
        A.sort_indices()
        yield a, A


def certify_pair_design(net: Network, *, eta: float = 1e-9) -> Any:
    """Certificate on the identifying probes (every input with at most 2 active features)
    for a two-layer clip network (``W₂ = −I``, ``b₂ = 1``, ``D ≥ 0``) of the pairwise family,
    computed from the built matrices by the two steps of the module theorem — sound for
    every such network, C2d or not:

    1. **units are exact**: with ``A = W₁E`` and ``z_q(X) = b_q + Σ_{f∈X} A_qf``, unit ``q``
       is 1 iff ``z_q ≤ 0`` and 0 iff ``z_q ≥ 1``. Its member set ``M_q = {f : A_qf ≤ −b_q/2}``
       is checked to satisfy ``z_q ≤ −η`` on every pair inside ``M_q`` and ``z_q ≥ 1 + η`` on
       every other input with ≤ 2 active features (the extreme entries of row ``q`` decide
       each case). Then ``f_q(X) = 1[X ⊆ M_q, |X| = 2]`` exactly;
    2. **readouts**: output ``j`` with pair ``{a, b}`` reads
       ``Σ_{q : X ⊆ M_q} D_jq``; it must exceed ``θ_j + η`` on ``X = {a, b}`` and, for every
       feature ``z ∉ {a, b}``, ``c_j(z) = Σ_{q : z ∈ M_q} D_jq ≤ θ_j − η`` (which covers every
       other ``X``); where that fails, every pair ``{z, w}`` is counted exactly and a wrong
       one is simulated (then "refuted").

    Exact given step 1 (the readout is a function of the ``M_q``); step 1 failing gives
    "inconclusive". Returns a :class:`~bounds.constructions.certify.Certificate`
    (``method="exact-units"``); tested against exhaustive enumeration.

    >>> net = build_pair_design(300, 3, 0.01, seed=2)
    >>> c = certify_pair_design(net); c.verdict, c.method
    ('certified on the identifying probes', 'exact-units')
    """
    from bounds.constructions.certify import _first_wrong, _is_neg_identity, probe_certificate

    done = probe_certificate(net, 2, "exact-units")

    D = sp.csr_matrix(net.D)
    if (net.family != "pairwise-and" or net.num_layers != 2
            or not _is_neg_identity(net.weights[1]) or not np.all(net.biases[1] == 1.0)
            or (D.nnz and D.data.min() < 0)):
        return done("inconclusive", "not a two-layer clip network of the pairwise family "
                    "with a nonnegative decoder")
    W1 = sp.csr_matrix(net.weights[0])
    E = sp.csr_matrix(net.E)
    b = np.asarray(net.biases[0], dtype=np.float64)
    n, m = W1.shape[0], net.m
    mem_rows: list[np.ndarray] = []
    mem_cols: list[np.ndarray] = []
    bad_units = 0
    for a, A in unit_row_blocks(W1, E):
        for r in range(A.shape[0]):
            q = a + r
            lo, hi = A.indptr[r], A.indptr[r + 1]
            cols, vals = A.indices[lo:hi], A.data[lo:hi]
            mem = vals <= -b[q] / 2
            mv, ov = np.sort(vals[mem]), np.sort(vals[~mem])
            if cols.size < m:  # unstored entries are zeros, outside M_q
                ov = np.sort(np.concatenate([ov, [0.0, 0.0]]))
            ok = b[q] >= 1 + eta
            if mv.size >= 2:
                ok &= b[q] + mv[-1] + mv[-2] <= -eta
            low = min(mv[0] if mv.size else math.inf, ov[0] if ov.size else math.inf)
            ok &= b[q] + min(low, 0.0) >= 1 + eta
            if mv.size and ov.size:
                ok &= b[q] + mv[0] + ov[0] >= 1 + eta
            if ov.size >= 2:
                ok &= b[q] + ov[0] + ov[1] >= 1 + eta
            if not ok:
                bad_units += 1
            mem_rows.append(np.full(int(mem.sum()), q))
            mem_cols.append(cols[mem])
    if bad_units:
        return done("inconclusive", f"{bad_units} units are not exact AND detectors of their "
                    "member sets (step 1 fails); use certify()", unproved=net.m_prime)
    M = sp.csr_matrix((np.ones(sum(c.size for c in mem_cols)),
                       (np.concatenate(mem_rows), np.concatenate(mem_cols))), shape=(n, m))
    theta = np.asarray(net.theta, dtype=np.float64)
    keys = np.asarray(net.instance, dtype=np.int64)
    if np.any(theta < 0):  # step 1: every unit is off there, so each readout is exactly 0
        return done("refuted", "an output fires on the empty input (theta < 0)",
                    cex=(), wrong=tuple(np.flatnonzero(theta < 0)[:20].tolist()))
    unproved: list[int] = []
    witnesses: list[tuple[int, int]] = []
    slack = math.inf
    chunk = max(1, (1 << 22) // max(1, int(D.getnnz(axis=1).mean() * M.getnnz(axis=1).mean())))
    for a in range(0, net.m_prime, chunk):
        C = sp.csr_matrix(D[a:a + chunk] @ M)
        C.sort_indices()
        for r in range(C.shape[0]):
            j = a + r
            x, y = (int(v) for v in keys[j])
            lo, hi = C.indptr[r], C.indptr[r + 1]
            cols, vals = C.indices[lo:hi], C.data[lo:hi]
            dj = D.indices[D.indptr[j]:D.indptr[j + 1]]
            wj = D.data[D.indptr[j]:D.indptr[j + 1]]
            mj = M[dj]
            inx = np.asarray(mj[:, [x]].toarray()).ravel()
            iny = np.asarray(mj[:, [y]].toarray()).ravel()
            hit = float(wj @ (inx * iny))
            slack = min(slack, hit - theta[j])
            if hit <= theta[j] + eta:
                unproved.append(j)
                witnesses.append((x, y))
                continue
            other = (cols != x) & (cols != y)
            worst = float(vals[other].max()) if other.any() else 0.0
            slack = min(slack, theta[j] - worst)
            if worst <= theta[j] - eta:
                continue
            for z in cols[other][vals[other] > theta[j] - eta].tolist():  # count pairs {z, w}
                sel = np.asarray(mj[:, [z]].toarray()).ravel() > 0
                cnt = np.asarray(sp.csr_matrix(sp.diags(wj[sel]) @ mj[sel]).sum(axis=0)).ravel()
                cnt[z] = 0.0
                if cnt.max() > theta[j] - eta:
                    unproved.append(j)
                    witnesses.append((int(z), int(np.argmax(cnt))))
                    break
    if not unproved:
        return done("certified", "", slack=float(slack))
    found = _first_wrong(net, [tuple(w) for w in witnesses[:256]])
    if found:
        return done("refuted", "a witness of the failed readout bound was simulated: wrong "
                    "output", len(unproved), tuple(sorted(found[0])), found[1], float(slack))
    return done("inconclusive", f"readout bound failed for {len(unproved)} outputs; no "
                "simulated witness was wrong", len(unproved), slack=float(slack))
