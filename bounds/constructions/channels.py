r'''C1 (permutation) and C2 (pairwise AND) in superposition: the "output channels" template.

SPEC §5. All constants below are **this library's**, never the paper's; the shape they
give is that of paper claim A5 (Adler & Shavit, arXiv:2409.15318): Θ(√m′ log m′) neurons
and Θ(m′ log² m′) parameters.

Construction
------------
*Public interface* (depends on ``m, m', k, δ`` and the seed only, never on the instance):

* **input code** ``E`` (d × m), ``d = s·g``: ``s`` blocks of ``g`` coordinates; feature ``f``
  has one coordinate in each block, ``t·g + π_t(f) mod g`` (``π_t`` a random permutation,
  so every coordinate carries ⌊m/g⌋ or ⌈m/g⌉ features) with a random sign, value ``±1/√s``
  (so ``‖E_f‖ = 1``);
* **ownership**: output ``j`` owns ``r`` units ``R_j = {t·G + σ_t(j) mod G : t < r}``, one in
  each of ``r`` blocks of ``G`` units (``σ_t`` random permutations of ``[m']``); ``H = r·G``;
* **decoder** ``D_j`` = indicator of ``R_j`` on the last layer, ``θ_j = ⌈ρ r⌉ − 1/2``, ρ = 1/2:
  output ``j`` fires when the (soft) count of its lit units exceeds ``⌈r/2⌉ − 1/2``.

*Parameters* (instance-dependent): with ``B`` the H × m 0/1 membership matrix (unit ``i``
listens to the features of the outputs that own it), the layer-1 pre-activation of unit
``i`` is ``p_i = (B Eᵀ u)_i = Σ_{f listened} ⟨E_f, u⟩`` ≈ number of active listened features
``c_i`` plus code cross-talk ``ξ_i``. With margin ``γ = 1/2 − 1/(2s)`` and slope ``λ = 1/(1−2γ)
= s`` the unit's intended output is the clipped ramp ``clip(λ(p_i − a), 0, 1)``, ``a = γ``
(permutation: lit iff ``c_i ≥ 1``) or ``a = 1 + γ`` (AND: lit iff ``c_i ≥ 2``). A ReLU
network clips in two layers, without any extra width:

* layer 1 ("silence"): ``σ_i = ReLU(1 − λ(p_i − a))``, i.e. ``W₁ = −λ B Eᵀ``,
  ``b₁ = 1 + λa``;
* layer 2: ``f_i = ReLU(1 − σ_i) = clip(λ(p_i − a), 0, 1)`` (``W₂ = −I``, ``b₂ = 1``).

So every unit outputs a value in [0, 1]: exactly 1 when it is lit and its cross-talk
satisfies ``|ξ_i| ≤ γ``, exactly 0 when unlit and ``ξ_i ≤ γ``.

**High influence (AND only).** A feature ``a`` of degree above ``τ`` listened by the
output-channel units would make every unit of its outputs fire whenever ``a`` and *any*
other feature listened by that unit (for an unrelated output) are active. Such features
get **input channels**: an output with an endpoint of degree ``> τ`` is *rerouted* through
its endpoint ``a`` of larger degree (ties: smaller index) and removed from ``B``; for every
block ``t`` and every unit ``i`` of block ``t`` owned by some rerouted output of ``a`` there is
one channel neuron ``ReLU(1 − λ(w x_a + Σ_b x_b − (w + γ)))`` (through the code; weight
``w = k`` on ``a``, weight 1 on the partners ``b`` of the rerouted outputs ``(a, b)`` owning
``i``, threshold between ``w`` and ``w + 1``: lit iff ``a`` and one of those partners are
active -- the partners alone, at most ``k``, never reach it), clipped in layer 2 like the
other units. *Resolution of the instance-independence of the decoder*: the decoder never
reads a channel. A third layer ``g_i = ReLU(f_i + Σ_{q → i} f'_q)`` ORs each channel
neuron into the one unit ``i`` it was made for (``W₃`` is a parameter, so this routing may
depend on the instance), and ``D`` reads ``g`` exactly as above; a channel lights one unit,
like a genuine hit of the plain construction, so the readout analysis is unchanged. The
channel neurons are a **fixed, instance-independent budget** of ``G_in`` per block
(``r·G_in`` in all); unused ones are inert (zero weights, bias 1, so ``f' = 0``), so the
widths never depend on the instance. The budget covers every instance with at most
``G_in`` (unit, channel feature) pairs per block -- e.g. any star (one centre: at most
``G`` pairs per block) when ``G_in ≥ G``; an instance beyond it raises ``ValueError``
naming the budget (pass ``G_in=`` to build it anyway). The channel neurons carry the
high feature's code with weight ``w``, so its cross-talk is amplified ``w``-fold; the
analysis below does not cover that term (it is measured by :func:`verify`).
Permutations have influence 1: no channels, two layers.

Analysis (failure probability per input ≤ δ)
--------------------------------------------
Model: the code's coordinates collide independently with probability ``1/g`` per block
and pair of features, with independent uniform signs (exact for one pair; the balanced
assignment makes collisions across pairs negatively dependent). Then ``s·ξ_i`` is a sum of
``N`` Rademacher signs, ``N ~ Bin(n, 1/g)`` with mean ``μ = L k s / g``, ``L`` = listened
features per unit (``⌈m'/G⌉`` permutation, ``2⌈m'/G⌉`` AND). **Cross-talk tail**
(Chernoff/Bennett for the compound sum): for ``x > 0``

    P(s ξ_i ≥ x) ≤ exp(μ (cosh t − 1) − t x),  t = asinh(x / μ).

A unit is *bad* for an output if it deviates from its intended value: cross-talk at
least ``M = ⌊γ s⌋ + 1`` collisions in the wrong direction, or (false positives) a genuine
lit by other active features: probability ``≤ k q`` (permutation), ``≤ (k−1) τ q``
(AND, one endpoint active), ``≤ C(k,2)(q + (τq)²) + kτq·P(noise)`` (AND, none active),
with ``q = ⌈m'/G⌉/m'``. The shift common to all units of ``j`` (collisions of ``j``'s own
codes with the active ones, ``N_c`` with mean ``μ_c = |own| k s/g``, ``P(N_c ≥ c) ≤ μ_c^c/c!``)
is conditioned on. **Readout** (exact binomial tail, conditional independence of the
``r`` units of an output given the active codes): a target-1 output fails only if at least
``r − ⌈ρr⌉ + 1`` of its units are bad, a target-0 output only if at least ``⌈ρr⌉`` are.
Union bound: ``k`` (permutation) / ``C(k,2)`` (AND) target-1 outputs, ``kτ`` half-active AND
outputs, ``m'`` others. :func:`failure_bound` evaluates this sum.

Parameter formulas (:func:`choose_parameters`), with ``ℓ = ln(m'/δ)``:

* ``r = s = ⌈c_r ℓ⌉``, ``c_r = 3/4``, then both increased by 1 until ``failure_bound ≤ δ``
  (at most to ``3⌈c_r ℓ⌉ + 10``; this acts only for small ``m'``, where the bound may stay
  above δ -- ``ChannelParams.bound`` says so, :class:`AnalysisBoundWarning` is issued,
  and such sizes are far below the crossover);
* ``G = ⌈c_G √(k m')⌉``, ``g = ⌈c_d √(k m')⌉``, ``c_G = c_d = 2``; ``H = rG``, ``d = sg``;
* ``γ = 1/2 − 1/(2s)``, ``λ = s``, ``ρ = 1/2``;
* AND: ``τ = max(⌊β G/(k−1)⌋, ⌈2 ln m'⌉)``, ``β = 1/20`` (the second term keeps the
  Poisson-like degrees of random instances, max ≈ ln m'/ln ln m', below ``τ``);
  ``G_in = ⌈c_in G⌉``, ``c_in = 1``; ``w = k``.

Hence widths ``(d, H)`` = Θ(√m' log m'), and ``P_nz ≤ s·nnz(B) + …`` = Θ(m' log² m').
Calibration: at m' = 10⁴, k = 3 these constants give zero Monte-Carlo errors where a
prototype with ``H = 1500, d = 4000, r = 12, s = 8`` and thresholds 1 / 2 erred on 0.4%
of inputs: the margin ``γ`` in the bias and the slope ``λ = s`` matter.

>>> from bounds.constructions.verify import verify
>>> net = build_permutation(3000, 3, 0.01, seed=0)
>>> net.resources().max_width < 3000, verify(net, delta=0.01, seed=0, inputs=1000).errors
(True, 0)
'''

from __future__ import annotations

import math
import warnings
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
import sympy
from scipy.stats import binom

from bounds.constructions.network import Network
from bounds.constructions.trivial import (
    default_m,
    normalize_kind,
    random_instance,
    validate_instance,
)
from bounds.validation import as_int, as_m_prime

__all__ = [
    "CONSTANTS",
    "AnalysisBoundWarning",
    "ChannelParams",
    "accounting",
    "build_pairwise_and",
    "build_permutation",
    "choose_parameters",
    "crossover",
    "failure_bound",
    "theta_limits",
]

#: the constants of the parameter formulas (module docstring)
CONSTANTS: dict[str, float] = {"c_r": 0.75, "c_G": 2.0, "c_d": 2.0, "beta": 0.05, "c_in": 1.0}
_MAX_R = 400


class AnalysisBoundWarning(UserWarning):
    """The chosen parameters do not meet delta by the stated analysis (small m′ or overrides)."""


@dataclass(frozen=True)
class ChannelParams:
    """Chosen parameters of C1/C2 (see module docstring for the formulas)."""

    kind: str
    m_prime: int
    m: int
    k: int
    delta: float
    r: int
    s: int
    G: int
    g: int
    G_in: int
    tau: int
    gamma: float
    lam: float
    rho: float
    w: int
    bound: float
    constants: tuple[tuple[str, float], ...]

    @property
    def H(self) -> int:
        """Output-channel units ``r·G``."""
        return self.r * self.G

    @property
    def H_in(self) -> int:
        """Input-channel budget ``r·G_in`` (0 for a permutation)."""
        return self.r * self.G_in

    @property
    def d(self) -> int:
        """Code dimension ``s·g``."""
        return self.s * self.g

    @property
    def theta(self) -> float:
        """Decoder threshold ``⌈ρ r⌉ − 1/2``."""
        return math.ceil(self.rho * self.r) - 0.5

    @property
    def layers(self) -> int:
        return 2 if self.kind == "permutation" else 3


# ------------------------------------------------------------------ analysis
def _noise_tail(x: float, mu: float) -> float:
    """Chernoff bound ``P(S ≥ x)`` for a Rademacher sum with Bin/Poisson count of mean mu."""
    if x <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    t = math.asinh(x / mu)
    return min(1.0, math.exp(mu * (math.cosh(t) - 1.0) - t * x))


def _count_tail(c: int, mu: float) -> float:
    """``P(N ≥ c) ≤ μ^c / c!`` for ``N ~ Bin(n, p)``, ``np = μ``."""
    if c <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    return math.exp(min(0.0, c * math.log(mu) - math.lgamma(c + 1)))


def _class_fail(r: int, need: int, margin: int, muc: float, p_bad: Any) -> float:
    """``Σ_c P(N_c = c) · P(Bin(r, p_bad(margin − c)) ≥ need)`` (Abel summation, upper)."""

    def tail(c: int) -> float:
        return float(binom.sf(need - 1, r, min(1.0, p_bad(margin - c))))

    total = prev = tail(0)
    for c in range(1, margin + 1):
        cur = tail(c)
        total += _count_tail(c, muc) * (cur - prev)
        prev = cur
    total += _count_tail(margin + 1, muc) * (1.0 - prev)
    return min(1.0, total)


def failure_bound(
    kind: str, m_prime: int, k: int, r: int, s: int, G: int, g: int, tau: int = 1,
    rho: float = 0.5,
) -> dict[str, float]:
    """Union bound on the per-input failure probability (module docstring, "Analysis").

    Returns the contributions ``T`` (target-1 outputs), ``H`` (AND: one endpoint active),
    ``Z`` (other outputs) and their ``total``.

    >>> b = failure_bound("permutation", 20000, 3, 15, 15, 490, 490)
    >>> b["total"] < 0.01
    True
    """
    kind = normalize_kind(kind)
    gamma = 0.5 - 0.5 / s
    margin = math.floor(gamma * s) + 1
    own = 1 if kind == "permutation" else 2
    per = math.ceil(m_prime / G)
    q = per / m_prime
    mu = own * per * k * s / g
    muc = own * k * s / g
    need_z = math.ceil(rho * r)
    need_t = r - need_z + 1

    def noise(x: float) -> float:
        return _noise_tail(x, mu)

    out: dict[str, float] = {}
    if kind == "permutation":
        out["T"] = k * _class_fail(r, need_t, margin, muc, noise)
        out["Z"] = m_prime * _class_fail(r, need_z, margin, muc, lambda x: k * q + noise(x))
    else:
        c2 = math.comb(k, 2)
        out["T"] = c2 * _class_fail(r, need_t, margin, muc, noise)
        out["H"] = k * tau * _class_fail(
            r, need_z, margin, muc, lambda x: (k - 1) * tau * q + noise(x)
        )
        out["Z"] = m_prime * _class_fail(
            r, need_z, margin, muc,
            lambda x: c2 * (q + (tau * q) ** 2) + k * tau * q * noise(x) + noise(x + s),
        )
    out["total"] = float(min(1.0, sum(out.values())))
    return out


def choose_parameters(kind: str, m_prime: int, k: int, delta: float, **overrides: Any
                      ) -> ChannelParams:
    """Parameters of C1/C2 from the formulas of the module docstring.

    ``overrides`` may set the constants (``c_r, c_G, c_d, beta, c_in``), ``m`` (AND), or
    the parameters ``r, s, G, g, G_in, tau, rho`` directly (then ``r``/``s`` are not
    increased to meet the bound; ``bound`` still reports it).

    >>> p = choose_parameters("pairwise-and", 20000, 3, 0.01)
    >>> (p.r, p.s, p.G, p.g, p.G_in, p.tau, p.theta), p.bound <= 0.01
    ((15, 15, 490, 490, 490, 20, 7.5), True)
    """
    kind = normalize_kind(kind)
    m_prime = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    if isinstance(delta, bool) or not (0.0 < float(delta) < 1.0):
        raise ValueError(f"delta must be a number in (0, 1) (got {delta!r})")
    delta = float(delta)
    known = {"c_r", "c_G", "c_d", "beta", "c_in", "m", "r", "s", "G", "g", "G_in", "tau",
             "rho"}
    bad = set(overrides) - known
    if bad:
        raise ValueError(f"unknown parameter override(s) {sorted(bad)}; accepted: {sorted(known)}")
    c = {**CONSTANTS, **{key: float(v) for key, v in overrides.items() if key in CONSTANTS}}
    m = default_m(kind, m_prime, overrides.get("m"))
    ell = math.log(m_prime / delta)
    root = math.sqrt(k * m_prime)
    G = as_int(overrides.get("G", math.ceil(c["c_G"] * root)), "G", 1)
    g = as_int(overrides.get("g", math.ceil(c["c_d"] * root)), "g", 1)
    rho = float(overrides.get("rho", 0.5))
    if kind == "permutation":
        tau, G_in = 1, 0
    else:
        tau_f = max(math.floor(c["beta"] * G / max(k - 1, 1)), math.ceil(2 * math.log(m_prime)))
        tau = as_int(overrides.get("tau", tau_f), "tau", 1)
        G_in = as_int(overrides.get("G_in", math.ceil(c["c_in"] * G)), "G_in", 0)
    fixed = "r" in overrides or "s" in overrides
    r = as_int(overrides.get("r", max(1, math.ceil(c["c_r"] * ell))), "r", 1)
    s = as_int(overrides.get("s", r), "s", 1)
    bnd = failure_bound(kind, m_prime, k, r, s, G, g, tau, rho)["total"]
    r_cap = min(_MAX_R, 3 * r + 10)
    while not fixed and bnd > delta and r < r_cap:
        r, s = r + 1, s + 1
        bnd = failure_bound(kind, m_prime, k, r, s, G, g, tau, rho)["total"]
    if bnd > delta:
        warnings.warn(
            f"the analysis bound {bnd:.3g} exceeds delta={delta:g} for m_prime={m_prime}, "
            f"k={k} (r = s = {r}); only the simulation vouches for this network",
            AnalysisBoundWarning,
            stacklevel=2,
        )
    gamma = 0.5 - 0.5 / s
    return ChannelParams(
        kind=kind, m_prime=m_prime, m=m, k=k, delta=delta, r=r, s=s, G=G, g=g, G_in=G_in,
        tau=tau, gamma=gamma, lam=1.0 / (1.0 - 2.0 * gamma), rho=rho, w=k, bound=bnd,
        constants=tuple(sorted(c.items())),
    )


# ------------------------------------------------------------------ building
def _code(p: ChannelParams, seed: int) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Integer sign code (d × m, entries ±1) and the public code ``E = sign/√s``."""
    rng = np.random.default_rng([seed, 1])
    cols = np.tile(np.arange(p.m), p.s)
    rows = np.concatenate([t * p.g + rng.permutation(p.m) % p.g for t in range(p.s)])
    signs = (rng.integers(0, 2, size=p.s * p.m) * 2 - 1).astype(np.float64)
    e_int = sp.csr_matrix((signs, (rows, cols)), shape=(p.d, p.m))
    e_int.sort_indices()
    e = sp.csr_matrix((signs / math.sqrt(p.s), (rows, cols)), shape=(p.d, p.m))
    e.sort_indices()
    return e_int, e


def _owners(p: ChannelParams, seed: int) -> np.ndarray:
    """``R`` (m' × r): unit of output ``j`` in block ``t`` (instance-independent)."""
    rng = np.random.default_rng([seed, 2])
    return np.stack(
        [t * p.G + rng.permutation(p.m_prime) % p.G for t in range(p.r)], axis=1
    ).astype(np.int64)


def _decoder(p: ChannelParams, R: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray]:
    rows = np.repeat(np.arange(p.m_prime), p.r)
    D = sp.csr_matrix((np.ones(R.size), (rows, R.ravel())), shape=(p.m_prime, p.H))
    D.sort_indices()
    return D, np.full(p.m_prime, p.theta)


def _listen(p: ChannelParams, R: np.ndarray, feats: np.ndarray, keep: np.ndarray
            ) -> sp.csr_matrix:
    """0/1 membership ``B`` (H × m) from the kept outputs' features."""
    nf = feats.shape[1]
    rr = np.broadcast_to(R[keep][:, :, None], (keep.size, p.r, nf)).ravel()
    ff = np.broadcast_to(feats[keep][:, None, :], (keep.size, p.r, nf)).ravel()
    B = sp.csr_matrix((np.ones(rr.size), (rr, ff)), shape=(p.H, p.m))
    B.sum_duplicates()
    B.data[:] = 1.0
    return B


def _first_layer(p: ChannelParams, M: sp.csr_matrix, e_int: sp.csr_matrix) -> sp.csr_matrix:
    """``−λ (M Eᵀ)`` computed in integers (exact), scaled once."""
    W = (M @ e_int.T).tocsr()
    W.eliminate_zeros()
    W.data = W.data * (-p.lam / math.sqrt(p.s))
    W.sort_indices()
    return W


def _build(p: ChannelParams, seed: int, inst: np.ndarray, kind: str) -> Network:
    e_int, E = _code(p, seed)
    R = _owners(p, seed)
    D, theta = _decoder(p, R)
    lam = p.lam
    meta: dict[str, Any] = {"construction": "C1 permutation" if kind == "permutation"
                            else "C2 pairwise AND", "seed": seed, "params": asdict(p)}
    if kind == "permutation":
        B = _listen(p, R, inst[:, None], np.arange(p.m_prime))
        W1 = _first_layer(p, B, e_int)
        b1 = np.full(p.H, 1.0 + lam * p.gamma)
        W2 = (-sp.identity(p.H, format="csr")).tocsr()
        return Network(kind="permutation", m=p.m, m_prime=p.m_prime, k=p.k, instance=inst,
                       E=E, weights=(W1, W2), biases=(b1, np.ones(p.H)), D=D, theta=theta,
                       meta=meta)
    deg = np.bincount(inst.ravel(), minlength=p.m)
    high = deg > p.tau
    a, b = inst[:, 0], inst[:, 1]
    rer = high[a] | high[b]
    a_first = (deg[a] > deg[b]) | ((deg[a] == deg[b]) & (a < b))
    chan = np.where(a_first, a, b)
    partner = np.where(a_first, b, a)
    B = _listen(p, R, inst, np.flatnonzero(~rer))
    rows_c: list[np.ndarray] = []
    cols_c: list[np.ndarray] = []
    vals_c: list[np.ndarray] = []
    r3: list[np.ndarray] = []
    c3: list[np.ndarray] = []
    used = np.zeros(p.H_in, dtype=bool)
    rj = np.flatnonzero(rer)
    group_max = 0  # largest number of outputs served by one channel neuron
    if rj.size:
        for t in range(p.r):
            # one channel neuron per (unit of block t, channel feature) pair in use
            key = R[rj, t].astype(np.int64) * p.m + chan[rj]
            uniq, inv = np.unique(key, return_inverse=True)
            if uniq.size > p.G_in:
                raise ValueError(
                    f"instance needs {uniq.size} input-channel neurons in block {t} but the "
                    f"budget is G_in={p.G_in}; pass G_in=... (>= {uniq.size}) or c_in=..."
                )
            q = p.H + t * p.G_in + inv  # channel neuron of each rerouted output
            group_max = max(group_max, int(np.bincount(inv).max()))
            used[q - p.H] = True
            heads = np.unique(inv)
            rows_c += [q - p.H, p.H * 0 + t * p.G_in + heads]
            cols_c += [partner[rj], uniq[heads] % p.m]
            vals_c += [np.ones(rj.size), np.full(heads.size, float(p.w))]
            r3.append(uniq // p.m)
            c3.append(p.H + t * p.G_in + np.arange(uniq.size))
    W1o = _first_layer(p, B, e_int)
    if rows_c:
        C = sp.csr_matrix((np.concatenate(vals_c), (np.concatenate(rows_c),
                                                    np.concatenate(cols_c))),
                          shape=(p.H_in, p.m))
        C.sum_duplicates()
        C.data = np.where(C.data >= p.w, float(p.w), 1.0)
        W1c = _first_layer(p, C, e_int)
    else:
        W1c = sp.csr_matrix((p.H_in, p.d))
    W1 = sp.vstack([W1o, W1c], format="csr")
    W1.sort_indices()
    b1 = np.concatenate([np.full(p.H, 1.0 + lam * (1.0 + p.gamma)),
                         np.where(used, 1.0 + lam * (p.w + p.gamma), 1.0)])
    n1 = p.H + p.H_in
    W2 = (-sp.identity(n1, format="csr")).tocsr()
    rows3 = np.concatenate([np.arange(p.H), *r3]) if r3 else np.arange(p.H)
    cols3 = np.concatenate([np.arange(p.H), *c3]) if c3 else np.arange(p.H)
    W3 = sp.csr_matrix((np.ones(rows3.size), (rows3, cols3)), shape=(p.H, n1))
    W3.sum_duplicates()
    W3.data[:] = 1.0
    W3.sort_indices()
    meta.update(rerouted=int(rer.sum()), channel_features=int(np.unique(chan[rj]).size),
                channel_group_max=group_max, channel_neurons_used=int(used.sum()))
    return Network(kind="pairwise-and", m=p.m, m_prime=p.m_prime, k=p.k, instance=inst,
                   E=E, weights=(W1, W2, W3), biases=(b1, np.ones(n1), np.zeros(p.H)),
                   D=D, theta=theta, meta=meta)


def build_permutation(m_prime: int, k: int, delta: float, seed: int, *, instance: Any = None,
                      **overrides: Any) -> Network:
    """C1: a permutation ``y_j = x_{π(j)}`` in superposition (module docstring).

    ``instance`` defaults to a uniform permutation from ``seed``.

    >>> net = build_permutation(500, 2, 0.05, seed=3)
    >>> p = net.meta["params"]
    >>> net.resources().widths == (p["s"] * p["g"], p["r"] * p["G"], p["r"] * p["G"])
    True
    """
    p = choose_parameters("permutation", m_prime, k, delta, **overrides)
    seed = as_int(seed, "seed", 0)
    inst = (random_instance("permutation", p.m_prime, seed) if instance is None
            else validate_instance("permutation", instance, p.m_prime, p.m))
    return _build(p, seed, inst, "permutation")


def build_pairwise_and(m_prime: int, k: int, delta: float, seed: int, *, m: int | None = None,
                       instance: Any = None, **overrides: Any) -> Network:
    """C2: pairwise AND ``y_j = x_a ∧ x_b`` in superposition (module docstring).

    ``m`` defaults to ``m'``; ``instance`` to uniformly random distinct pairs from ``seed``.

    >>> net = build_pairwise_and(300, 2, 0.05, seed=0)
    >>> net.resources().layers, net.meta["rerouted"]
    (3, 0)
    """
    if m is not None:
        overrides["m"] = m
    p = choose_parameters("pairwise-and", m_prime, k, delta, **overrides)
    seed = as_int(seed, "seed", 0)
    inst = (random_instance("pairwise-and", p.m_prime, seed, p.m) if instance is None
            else validate_instance("pairwise-and", instance, p.m_prime, p.m))
    return _build(p, seed, inst, "pairwise-and")


# ---------------------------------------------------------------- accounting
MP, R_, S_, G_, GC_, GIN_ = sympy.symbols("m_prime r s G g G_in", positive=True, integer=True)
DELTA, K_ = sympy.symbols("delta k", positive=True)


def _nnz_fill(per_coord: float) -> float:
    """P(a signed sum of N ~ Poisson(per_coord) random signs is nonzero)."""
    from scipy.special import ive

    # P(S = 0) for a Skellam(λ/2, λ/2) is e^{-λ} I_0(λ) = ive(0, λ)
    return 1.0 - float(ive(0, per_coord))


def accounting(kind: str, params: ChannelParams | None = None) -> dict[str, sympy.Expr]:
    """Closed-form resources of C1/C2 as sympy expressions.

    Symbols: ``m_prime, r, s, G, g, G_in``; with ``params`` they are substituted, and the
    results equal :meth:`Network.resources` of every network built with those parameters
    (widths, ``max_width``, ``total_neurons``, ``params_dense``). ``P_nz`` is *not*
    deterministic (code collisions and sign cancellations in ``B Eᵀ``); reported are
    ``params_nonzero_upper`` (``nnz(B Eᵀ) ≤ s·nnz(B)`` with ``nnz(B) = r m'`` for a
    permutation, ``≤ 2 r m'`` for AND, plus the other layers; an upper bound on every
    instance) and ``params_nonzero_expected`` (random-instance model: a coordinate of a unit
    with ``λ_c = |own| m'/(G g)`` expected listened codes on it is nonzero with probability
    ``1 − e^{−λ_c} I₀(λ_c)``; AND without rerouting).

    >>> a = accounting("permutation")
    >>> a["params_dense"]
    G**2*r**2 + G*g*r*s + 2*G*r
    """
    kind = normalize_kind(kind)
    H = R_ * G_
    d = S_ * GC_
    if kind == "permutation":
        widths = (d, H, H)
        nnz_up = S_ * R_ * MP + 3 * H
        own = 1
    else:
        n1 = H + R_ * GIN_
        widths = (d, n1, n1, H)
        nnz_up = 2 * S_ * R_ * MP + 3 * n1 + H + R_ * MP
        own = 2
    dense = sum(widths[i] * widths[i + 1] + widths[i + 1] for i in range(len(widths) - 1))
    out: dict[str, Any] = {
        "d": d,
        "H": H,
        "widths": sympy.Tuple(*widths),
        "max_width": sympy.Max(*widths),
        "total_neurons": sum(widths[1:]),
        "params_dense": sympy.expand(dense),
        "params_nonzero_upper": sympy.expand(nnz_up),
    }
    if params is None:
        return out
    subs = {MP: params.m_prime, R_: params.r, S_: params.s, G_: params.G, GC_: params.g,
            GIN_: params.G_in}
    res = {key: sympy.sympify(v).subs(subs) for key, v in out.items()}
    fill = _nnz_fill(own * params.m_prime / (params.G * params.g))
    extra = res["params_nonzero_upper"] - (own * params.s * params.r * params.m_prime)
    if kind == "pairwise-and":
        extra -= params.r * params.m_prime
    res["params_nonzero_expected"] = sympy.Float(params.H * params.d * fill) + extra
    res["params_nonzero_upper"] = sympy.Min(res["params_nonzero_upper"],
                                            params.H * params.d + extra)
    return res


def theta_limits(kind: str) -> dict[str, sympy.Expr]:
    """Θ-class of C1/C2 by sympy ``limit`` of ratios as ``m' → ∞`` (never ``O()``).

    The ceilings of the formulas are dropped (``⌈x⌉/x → 1``): ``r = s = c_r ln(m'/δ)``,
    ``G = c_G √(k m')``, ``g = c_d √(k m')``, ``G_in = c_in G``. Returned: the limits of
    ``max_width``, ``total_neurons`` over ``√m' ln m'`` and of ``params_dense``,
    ``params_nonzero_upper`` over ``m' ln² m'`` -- all finite and positive, i.e. the A5
    shape.

    >>> lim = theta_limits("permutation")
    >>> lim["total_neurons"], lim["params_nonzero_upper"]
    (3*sqrt(k), 9/16)
    """
    kind = normalize_kind(kind)
    c = {key: sympy.nsimplify(v) for key, v in CONSTANTS.items()}
    ell = sympy.log(MP / DELTA)
    root = sympy.sqrt(K_ * MP)
    subs = {R_: c["c_r"] * ell, S_: c["c_r"] * ell, G_: c["c_G"] * root, GC_: c["c_d"] * root,
            GIN_: c["c_in"] * c["c_G"] * root}
    acc = accounting(kind)
    neurons_scale = sympy.sqrt(MP) * sympy.log(MP)
    params_scale = MP * sympy.log(MP) ** 2
    out = {}
    for key, scale in (("max_width", neurons_scale), ("total_neurons", neurons_scale),
                       ("params_dense", params_scale), ("params_nonzero_upper", params_scale)):
        if key == "max_width":
            out[key] = sympy.Max(*[sympy.limit(w.subs(subs) / scale, MP, sympy.oo)
                                   for w in acc["widths"]])
            continue
        expr = acc[key].subs(subs)
        out[key] = sympy.simplify(sympy.limit(expr / scale, MP, sympy.oo))
    return out


# ----------------------------------------------------------------- crossover
def _c0_width(kind: str, m_prime: int) -> int:
    return max(default_m(kind, m_prime), m_prime)


def crossover(kind: str, k: int, delta: float, seed: int = 0, *, inputs: int = 2000,
              m_start: int = 256, m_max: int = 1 << 20, **overrides: Any) -> int:
    """Smallest ``m'`` at which C1/C2 uses fewer neurons (max width) than C0.

    Search over **built and verified** networks: an ``m'`` counts as a success when the
    chosen parameters give ``max_width < `` C0's max width (``m'`` for a permutation,
    ``max(m, m') = m'`` for AND with ``m = m'``) **and** the built network (seed ``seed``)
    meets ``delta`` in :func:`~bounds.constructions.verify.verify` (Monte-Carlo, ``inputs``
    samples, or exhaustive when small); a verification failure counts as "not yet". When
    the widths alone already fail, nothing is built. Doubling from ``m_start`` until the
    first success, then binary search between the last failure and it (this assumes that
    success is monotone in ``m'`` between them, as the width ratio is). Raises
    ``ValueError`` if there is no success up to ``m_max``.

    >>> crossover("permutation", 2, 0.05, m_start=512, m_max=4096, inputs=400) <= 4096
    True
    """
    from bounds.constructions.verify import verify

    kind = normalize_kind(kind)

    def ok(mp: int) -> bool:
        with warnings.catch_warnings():  # small sizes: the simulation decides, not the bound
            warnings.simplefilter("ignore", AnalysisBoundWarning)
            p = choose_parameters(kind, mp, k, delta, **overrides)
            width = max(p.d, p.H + p.H_in)
            if width >= _c0_width(kind, mp):
                return False
            build = build_permutation if kind == "permutation" else build_pairwise_and
            net = build(mp, k, delta, seed, **overrides)
        return verify(net, delta=delta, seed=seed, inputs=inputs).meets_delta

    lo, hi = None, as_int(m_start, "m_start", 3)
    while not ok(hi):
        lo = hi
        hi *= 2
        if hi > m_max:
            raise ValueError(f"no crossover up to m_max={m_max} for {kind}, k={k}, delta={delta}")
    lo = (hi // 2 if lo is None else lo)
    if lo < 3 or (lo == hi // 2 and lo < m_start):
        lo = max(2, lo)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi
