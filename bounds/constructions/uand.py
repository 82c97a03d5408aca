"""Peer construction: the U-AND of Hänni, Mendel, Vaintrob & Chan (arXiv:2408.05451).

**Model.** Inputs ``x ∈ {0,1}^m`` with at most ``k`` active features are given
*explicitly* (input code ``E = I_m``, so ``n_0 = m``). One layer of ``d`` ReLU neurons,

    h_i = ReLU( Σ_α W_iα x_α − 1 ),      W_iα ∈ {0, 1} i.i.d. Bernoulli(p),

and the AND of a pair ``j = (α, β)`` is read as the *average* of the neurons connected
to both endpoints, ``S_j = {i : W_iα = W_iβ = 1}``:

    y_j = 1[ (1/|S_j|) Σ_{i∈S_j} h_i > θ ],   θ = 1/2.

As a :class:`~bounds.constructions.network.Network` (kind ``"uand"``): ``E = I_m``,
``W_1 = W`` (``d × m``, 0/1), ``b_1 = −1``, decoder row ``D_j = 1/|S_j|`` on ``S_j``.
Parameter values are {0, 1, −1}, so ``bits_per_param = 2``. On 0/1 inputs the average
takes values in ``ℤ/|S_j|``, so "average > 1/2" is stored as the equivalent
``θ_j = (⌊|S_j|/2⌋ + 1/2)/|S_j|``, halfway between two attainable averages: the decision is
exactly that of θ = 1/2 and cannot flip under floating-point summation order (which
matters for the ``.npz`` contract, read by any numpy code).

**Peer claim (asymptotic, arXiv:2408.05451).** The *same* layer computes all
``C(m, 2)`` pairwise ANDs of sparse boolean inputs simultaneously, to small error with
high probability, in the regime ``d·p² ≫ 1`` (up to polylog factors); the constants are
theirs and are not reproduced here. This module simulates the construction for
concrete ``(m, d, p, k)``; its numbers are "peer construction, simulated by this
library", never a theorem of this library or of Adler & Shavit.

**Our constants and their justification (exact, over the randomness of ``W``).**

* *No false negatives.* If both endpoints are active every ``i ∈ S_j`` has
  pre-activation ``≥ 1``, so the average is ``≥ 1 > θ`` for any ``θ < 1``.
* *Why θ = 1/2.* With no other active feature a false AND averages exactly 0, a true one
  at least 1; θ = 1/2 is the midpoint of the two noise-free levels.
* *False positives, one endpoint active* and ``t`` other features active: neuron
  ``i ∈ S_j`` outputs the number of the ``t`` others it is connected to; these
  connections are independent of ``S_j`` (other columns of ``W``), so the sum over
  ``S_j`` is ``Bin(t·|S_j|, p)`` and ``P[error] = P[Bin(t s, p) > θ s]`` with
  ``s = |S_j|`` — computed exactly by :func:`output_error_prob`. Its mean ``t p`` must
  stay below θ; the default ``p = 1/(4(k − 1))`` puts it at ``θ/2``.
* *False positives, neither endpoint active* (``t`` others): the sum is ``s`` i.i.d.
  copies of ``max(0, Bin(t, p) − 1)``; computed exactly by convolution.
* *Validity.* ``p ∈ (0, 1]`` is required and every requested pair needs ``|S_j| ≥ 1``
  (``ValueError`` otherwise). ``|S_j| ~ Bin(d, p²)``, so ``d·p²`` is the typical
  averaging size: a :class:`UAndRegimeWarning` is issued when ``d·p² < 10``
  (:data:`MIN_DP2`) and when ``(k − 1)·p ≥ θ`` (mean interference reaches the threshold).

**Derived defaults** (:func:`uand_defaults`, a stated heuristic, not a guarantee — the
simulation is the check): ``p = 1/(4·max(k − 1, 1))``; ``d`` the least value for which the
expected number of wrong outputs per input, ``(1 + k·2m′/m)·q̄₁(d) + m′·q̄₀(d)``, is at most
``δ/2``, where ``q̄₁``, ``q̄₀`` are the exact error probabilities above with ``t = k − 1``
(resp. ``t = k``) averaged over ``|S_j| ~ Bin(d, p²)`` (``|S_j| = 0`` counted as an error).

>>> net = build_uand(6, 200, 0.3, 2, seed=0)
>>> net.kind, net.m_prime, net.widths
('uand', 15, (6, 200))
>>> x = np.zeros((1, 6)); x[0, [1, 4]] = 1
>>> bool((net.forward(x) == net.target(x)).all())
True
>>> net.resources().bits_per_param
2
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy import stats

from bounds.constructions.network import Network
from bounds.validation import as_int, as_m_prime, as_real

__all__ = [
    "ALL_PAIRS_MAX",
    "MIN_DP2",
    "THETA",
    "UAndRegimeWarning",
    "UAndStats",
    "build_uand",
    "output_error_prob",
    "uand_defaults",
    "uand_error_stats",
]

THETA = 0.5
"""Readout threshold θ on the average of ``S_j`` (midpoint of the noise-free levels 0 and 1)."""

MIN_DP2 = 10.0
"""Below this ``d·p²`` (typical ``|S_j|``) a :class:`UAndRegimeWarning` is issued."""

ALL_PAIRS_MAX = 20_000
"""Largest ``C(m, 2)`` for which ``build_uand`` defaults to all pairs (else pass ``m_prime``)."""

PROVENANCE = (
    "peer construction U-AND (Hänni, Mendel, Vaintrob & Chan, arXiv:2408.05451; their claim "
    "is asymptotic), built and simulated by this library with θ = 1/2"
)


class UAndRegimeWarning(UserWarning):
    """U-AND used outside the regime ``d·p² ≫ 1``, ``(k − 1)·p < θ`` of its analysis."""


# --------------------------------------------------------------------------- pairs
def _all_pairs(m: int) -> np.ndarray:
    a, b = np.triu_indices(m, k=1)
    return np.stack([a, b], axis=1).astype(np.int64)


def _random_pairs(m: int, m_prime: int, rng: np.random.Generator) -> np.ndarray:
    """``m_prime`` distinct unordered pairs ``a < b`` of ``[m]`` in random order."""
    total = m * (m - 1) // 2
    if m_prime > total // 2:
        allp = _all_pairs(m)
        return allp[rng.permutation(total)[:m_prime]]
    chosen = np.empty((0,), dtype=np.int64)
    while chosen.size < m_prime:
        need = m_prime - chosen.size
        a = rng.integers(0, m, size=2 * need + 16)
        b = rng.integers(0, m, size=2 * need + 16)
        keep = a != b
        lo, hi = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
        code = np.concatenate([chosen, lo.astype(np.int64) * m + hi])
        _, first = np.unique(code, return_index=True)
        chosen = code[np.sort(first)][:m_prime]
    return np.stack([chosen // m, chosen % m], axis=1)


def _check_pairs(pairs: Any, m: int) -> np.ndarray:
    arr = np.asarray(pairs)
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] < 2:
        raise ValueError(f"pairs must be an array of shape (m_prime >= 2, 2) (got {arr.shape})")
    if not np.issubdtype(arr.dtype, np.integer):
        raise ValueError("pairs must hold integer feature indices")
    arr = arr.astype(np.int64)
    if arr.min() < 0 or arr.max() >= m:
        raise ValueError(f"pairs must hold feature indices in [0, {m - 1}] (m={m})")
    if np.any(arr[:, 0] == arr[:, 1]):
        raise ValueError("pairs must have two distinct endpoints")
    canon = np.sort(arr, axis=1)
    if np.unique(canon[:, 0] * m + canon[:, 1]).size != arr.shape[0]:
        raise ValueError("pairs must be distinct")
    return arr


# -------------------------------------------------------------------------- build
def build_uand(
    m: int,
    d: int,
    p: float,
    k: int,
    seed: int,
    *,
    pairs: Any = None,
    m_prime: int | None = None,
) -> Network:
    """Build the U-AND network (see module docstring) reading out the requested pairs.

    ``pairs`` (``(m′, 2)`` ints) are the outputs, in order; otherwise ``m_prime`` random
    distinct pairs drawn from ``seed``; otherwise all ``C(m, 2)`` pairs in lexicographic
    order (only when ``C(m, 2) ≤ ALL_PAIRS_MAX``). ``W`` and the random pairs come from
    independent streams of ``SeedSequence(seed)``, so the pairs do not depend on ``d, p``.

    Raises ``ValueError`` for ``p ∉ (0, 1]`` and when some requested pair has no neuron
    connected to both endpoints (``S_j`` empty); warns (:class:`UAndRegimeWarning`) when
    ``d·p² < MIN_DP2`` or ``(k − 1)·p ≥ θ``.

    >>> build_uand(10, 100, 1.5, 3, seed=0)
    Traceback (most recent call last):
    ...
    ValueError: p must be a real number in (0, 1] (got 1.5)
    >>> build_uand(10, 300, 0.2, 3, seed=0, m_prime=12).instance.shape
    (12, 2)
    """
    m = as_int(m, "m", 3)
    d = as_int(d, "d", 1)
    p = as_real(p, "p", 0.0, 1.0, low_closed=False, high_closed=True)
    k = as_int(k, "k", 1)
    seed = as_int(seed, "seed", 0)
    total = m * (m - 1) // 2
    w_seq, pair_seq = np.random.SeedSequence(seed).spawn(2)
    if pairs is not None:
        inst = _check_pairs(pairs, m)
        if m_prime is not None and as_m_prime(m_prime) != inst.shape[0]:
            raise ValueError(
                f"m_prime must equal the number of pairs given ({inst.shape[0]}; got {m_prime!r})"
            )
    elif m_prime is not None:
        m_prime = as_m_prime(m_prime)
        if m_prime > total:
            raise ValueError(
                f"m_prime must be an integer in [2, C(m, 2) = {total}] for m={m} (got {m_prime})"
            )
        inst = _random_pairs(m, m_prime, np.random.default_rng(pair_seq))
    else:
        if total > ALL_PAIRS_MAX:
            raise ValueError(
                f"m_prime is required when C(m, 2) = {total} > {ALL_PAIRS_MAX} (all pairs)"
            )
        inst = _all_pairs(m)
    dp2 = d * p * p
    if dp2 < MIN_DP2:
        warnings.warn(
            f"U-AND needs d*p^2 >> 1; got d*p^2 = {dp2:.3g} < {MIN_DP2:g} (d={d}, p={p:g}): "
            "the average over S_j is over few neurons",
            UAndRegimeWarning,
            stacklevel=2,
        )
    if (k - 1) * p >= THETA:
        warnings.warn(
            f"U-AND mean interference (k-1)*p = {(k - 1) * p:.3g} reaches the threshold "
            f"theta = {THETA} (k={k}, p={p:g}); use p < {THETA / max(k - 1, 1):.3g}",
            UAndRegimeWarning,
            stacklevel=2,
        )

    w = _bernoulli_matrix(d, m, p, np.random.default_rng(w_seq))
    wt = w.T.tocsr()  # m x d, row alpha = neurons connected to alpha
    s_mat = wt[inst[:, 0]].multiply(wt[inst[:, 1]]).tocsr()  # m' x d membership of S_j
    sizes = np.diff(s_mat.indptr)
    if np.any(sizes == 0):
        j = int(np.flatnonzero(sizes == 0)[0])
        raise ValueError(
            f"pair j={j} {tuple(int(v) for v in inst[j])} has no neuron connected to both "
            f"endpoints (S_j empty): increase d or p (d={d}, p={p:g}, d*p^2 = {dp2:.3g}; "
            f"need d*p^2 >> 1, e.g. >= {MIN_DP2:g})"
        )
    dmat = sp.csr_matrix(
        (np.repeat(1.0 / sizes, sizes), s_mat.indices, s_mat.indptr), shape=s_mat.shape
    )
    dmat.sort_indices()
    return Network(
        kind="uand",
        m=m,
        m_prime=int(inst.shape[0]),
        k=k,
        instance=inst,
        E=sp.identity(m, format="csr", dtype=np.float64),
        weights=(w.astype(np.float64).tocsr(),),
        biases=(np.full(d, -1.0),),
        D=dmat,
        theta=(np.floor(THETA * sizes) + 0.5) / sizes,
        meta={
            "construction": "U-AND (peer, arXiv:2408.05451)",
            "d": d,
            "p": p,
            "seed": seed,
            "theta": THETA,
            "d_p2": dp2,
            "S_min": int(sizes.min()),
            "S_mean": float(sizes.mean()),
            "S_max": int(sizes.max()),
        },
    )


def _bernoulli_matrix(d: int, m: int, p: float, rng: np.random.Generator) -> sp.csr_matrix:
    """``d × m`` 0/1 CSR matrix with i.i.d. Bernoulli(p) entries, drawn in row blocks."""
    block = max(1, (1 << 22) // m)
    parts = []
    for start in range(0, d, block):
        rows = min(block, d - start)
        dense = rng.random((rows, m), dtype=np.float32) < np.float32(p) if p < 1 else None
        parts.append(sp.csr_matrix(dense if dense is not None else np.ones((rows, m), bool)))
    out = sp.vstack(parts, format="csr").astype(np.int8)
    out.sort_indices()
    return out


# ------------------------------------------------------------------------ analysis
def _tail_one_endpoint(s: np.ndarray, t: int, p: float, theta: float) -> np.ndarray:
    """``P[Bin(t·s, p) > θ·s]`` (one endpoint active, ``t`` others)."""
    s = np.asarray(s, dtype=np.int64)
    if t == 0:
        return np.zeros(s.shape)
    return stats.binom.sf(np.floor(theta * s), t * s, p)


def _tail_no_endpoint(s: int, t: int, p: float, theta: float) -> float:
    """``P[Σ_{i≤s} max(0, Bin(t, p) − 1) > θ·s]`` (neither endpoint active), exact."""
    if t <= 1 or s == 0:
        return 0.0
    pmf = stats.binom.pmf(np.arange(t + 1), t, p)
    y = np.concatenate([[pmf[0] + pmf[1]], pmf[2:]])  # law of max(0, Bin - 1) on 0..t-1
    total = np.array([1.0])
    base, e = y, s
    while e:
        if e & 1:
            total = np.convolve(total, base)
        e >>= 1
        if e:
            base = np.convolve(base, base)
    cut = math.floor(theta * s) + 1
    return float(total[cut:].sum()) if cut < total.size else 0.0


def output_error_prob(
    s: int, t: int, p: float, active_endpoints: int, theta: float = THETA
) -> float:
    """Exact probability (over ``W``) that output ``j`` with ``|S_j| = s`` is wrong.

    ``t`` = number of active features other than the pair's endpoints;
    ``active_endpoints`` ∈ {0, 1, 2}. Two active endpoints never err (average ≥ 1 > θ).

    >>> output_error_prob(10, 2, 0.125, 2)
    0.0
    >>> round(output_error_prob(10, 2, 0.125, 1), 4)   # P[Bin(20, 1/8) > 5]
    0.0312
    >>> output_error_prob(10, 0, 0.125, 1)
    0.0
    """
    s = as_int(s, "s", 0)
    t = as_int(t, "t", 0)
    if active_endpoints == 2:
        return 0.0
    if s == 0:
        return 1.0 if active_endpoints != 2 else 0.0
    if active_endpoints == 1:
        return float(_tail_one_endpoint(np.array([s]), t, p, theta)[0])
    if active_endpoints == 0:
        return _tail_no_endpoint(s, t, p, theta)
    raise ValueError(f"active_endpoints must be 0, 1 or 2 (got {active_endpoints!r})")


def _mean_over_sizes(d: int, p: float, t: int, endpoints: int) -> float:
    """``E_{s ~ Bin(d, p²)}[error prob]``, with ``s = 0`` counted as an error."""
    q = p * p
    mu, sd = d * q, math.sqrt(d * q * (1 - q)) if q < 1 else 0.0
    lo, hi = max(0, int(mu - 12 * sd - 2)), min(d, int(mu + 12 * sd + 2))
    s = np.arange(lo, hi + 1)
    w = stats.binom.pmf(s, d, q)
    if endpoints == 1:
        err = _tail_one_endpoint(s, t, p, THETA)
    else:
        err = np.array([_tail_no_endpoint(int(v), t, p, THETA) for v in s])
    err = np.where(s == 0, 1.0, err)
    return float(np.dot(w, err))


def expected_errors_per_input(m: int, m_prime: int, k: int, d: int, p: float) -> float:
    """Design estimate ``(1 + k·2m′/m)·q̄₁ + m′·q̄₀`` of wrong outputs per input (module doc).

    ``k·2m′/m`` is the mean number of outputs with exactly one active endpoint on a random
    input (each feature is in ``2m′/m`` pairs on average); the extra 1 is the output that
    the verifier's hardest strata (one endpoint of a chosen output active) expose for sure.

    >>> expected_errors_per_input(100, 100, 3, 3000, 0.125) < 0.005
    True
    """
    exposed = 1.0 + k * 2.0 * m_prime / m
    q1 = _mean_over_sizes(d, p, max(k - 1, 0), 1)
    q0 = _mean_over_sizes(d, p, k, 0) if k >= 2 else 0.0
    return exposed * q1 + m_prime * q0


def uand_defaults(m: int, m_prime: int, k: int, delta: float) -> tuple[int, float]:
    """Derived ``(d, p)``: ``p = 1/(4·max(k−1, 1))``, least ``d`` meeting ``δ/2`` (module doc).

    >>> uand_defaults(1000, 1000, 3, 0.01)
    (2824, 0.125)
    """
    m = as_int(m, "m", 3)
    m_prime = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    delta = as_real(delta, "delta", 0.0, 1.0, low_closed=False)
    p = 1.0 / (4 * max(k - 1, 1))
    floor_d = math.ceil(MIN_DP2 / (p * p))

    def ok(d: int) -> bool:
        return expected_errors_per_input(m, m_prime, k, d, p) <= delta / 2

    lo, hi = 0, floor_d
    while not ok(hi):
        lo, hi = hi, hi * 2
        if hi > 10**8:
            raise ValueError(f"delta={delta} is too small for a U-AND with d <= 1e8")
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if mid >= floor_d and ok(mid):
            hi = mid
        else:
            lo = mid
    return hi, p


# ---------------------------------------------------------------------- statistics
@dataclass(frozen=True)
class UAndStats:
    """Error statistics of a built U-AND network (see :func:`uand_error_stats`).

    ``fp_*``: the worst stratum for one output — one endpoint of pair ``j`` active plus
    ``k − 1`` other random active features — simulated (``fp_trials`` random
    ``(j, input)`` draws) against the exact prediction ``predicted_fp_rate``, the mean of
    ``P[Bin((k−1)|S_j|, p) > θ|S_j|]`` over the drawn ``j``. ``fn_*``: both endpoints and
    ``k − 2`` others active (no error is possible). ``predicted_wrong_outputs``: the exact
    expected number of wrong outputs on a uniform input with exactly ``k`` active features,
    ``Σ_j P₁·q₁(|S_j|) + P₀·q₀(|S_j|)`` with ``P₁ = 2k(m−k)/(m(m−1))`` (one endpoint active),
    ``P₀ = C(m−2, k)/C(m, k)`` (none) — an upper bound (union bound) on the per-input error
    rate of that distribution, and close to it when small. ``verification``: the library's
    :func:`~bounds.constructions.verify.verify` per-input report, or ``None``.
    """

    m: int
    m_prime: int
    k: int
    d: int
    p: float
    theta: float
    d_p2: float
    s_min: int
    s_mean: float
    s_max: int
    fp_trials: int
    false_positives: int
    fp_rate: float
    fp_upper95: float
    predicted_fp_rate: float
    fn_trials: int
    false_negatives: int
    predicted_wrong_outputs: float
    verification: Any
    provenance: str


def _upper95(errors: int, n: int) -> float:
    """One-sided 95 % Clopper–Pearson upper bound."""
    if n == 0:
        return 1.0
    if errors >= n:
        return 1.0
    return float(stats.beta.ppf(0.95, errors + 1, n - errors))


def _output_batch(net: Network, xs: sp.csr_matrix, js: np.ndarray) -> np.ndarray:
    """Output ``js[r]`` of the network on input row ``r`` (only the needed rows of ``D``)."""
    h = net.hidden(xs)
    rows = net.D[js]
    vals = np.asarray(rows.multiply(sp.csr_matrix(h)).sum(axis=1)).ravel()
    return vals > net.theta[js]


def _trial_inputs(
    net: Network, js: np.ndarray, n_endpoints: int, rng: np.random.Generator
) -> sp.csr_matrix:
    """Inputs with ``n_endpoints`` endpoints of pair ``js[r]`` and ``k − n_endpoints`` others."""
    m, k = net.m, net.k
    inst = np.asarray(net.instance)
    n = js.size
    ends = inst[js][:, :n_endpoints] if n_endpoints else np.empty((n, 0), np.int64)
    if n_endpoints == 1:
        flip = rng.random(n) < 0.5
        ends = np.where(flip[:, None], inst[js][:, 1:2], inst[js][:, 0:1])
    others_needed = max(k - n_endpoints, 0)
    # draw others avoiding both endpoints and each other (rejection per row, small k)
    others = np.empty((n, others_needed), dtype=np.int64)
    forbid = inst[js]
    for c in range(others_needed):
        cand = rng.integers(0, m, size=n)
        while True:
            bad = (cand == forbid[:, 0]) | (cand == forbid[:, 1])
            for cc in range(c):
                bad |= cand == others[:, cc]
            if not bad.any():
                break
            cand[bad] = rng.integers(0, m, size=int(bad.sum()))
        others[:, c] = cand
    cols = np.concatenate([ends, others], axis=1)
    rows = np.repeat(np.arange(n), cols.shape[1])
    data = np.ones(rows.size)
    return sp.csr_matrix((data, (rows, cols.ravel())), shape=(n, m))


def _expected_wrong_outputs(m: int, k: int, sizes: np.ndarray, p: float) -> float:
    """Exact expected wrong outputs on a uniform exactly-``k`` input (see :class:`UAndStats`)."""
    k = min(k, m)
    p1 = 2.0 * k * (m - k) / (m * (m - 1))
    p0 = math.comb(m - 2, k) / math.comb(m, k)
    uniq, counts = np.unique(sizes, return_counts=True)
    q1 = _tail_one_endpoint(uniq, max(k - 1, 0), p, THETA)
    q0 = np.array([_tail_no_endpoint(int(s), k, p, THETA) for s in uniq])
    return float(np.dot(counts, p1 * q1 + p0 * q0))


def uand_error_stats(
    net: Network,
    *,
    delta: float = 0.01,
    seed: int = 0,
    trials: int = 20_000,
    inputs: int | None = None,
    run_verify: bool = True,
) -> UAndStats:
    """Simulated error statistics of a U-AND network, with the exact prediction.

    Draws ``trials`` random outputs ``j`` and, for each, one input with one endpoint of
    ``j`` and ``k − 1`` other random features active (the worst case for a false
    positive), and one with both endpoints and ``k − 2`` others (a true AND). With
    ``run_verify`` it also runs :func:`bounds.constructions.verify.verify` (per-input
    error rate over k-sparse inputs, stratified) with ``delta``, ``seed``, ``inputs``.

    >>> net = build_uand(40, 400, 0.25, 2, seed=1, m_prime=60)
    >>> st = uand_error_stats(net, trials=2000, run_verify=False)
    >>> st.false_negatives, abs(st.fp_rate - st.predicted_fp_rate) < 0.05
    (0, True)
    """
    if net.kind != "uand":
        raise ValueError(f"net must be a U-AND network (kind 'uand'; got {net.kind!r})")
    trials = as_int(trials, "trials", 1)
    seed = as_int(seed, "seed", 0)
    meta = dict(net.meta)
    d, p = int(net.widths[1]), float(meta.get("p", np.nan))
    if not np.isfinite(p):  # loaded from .npz: estimate p from W
        p = float(net.weights[0].nnz) / (d * net.m)
    sizes = np.diff(net.D.indptr)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5A4D]))
    js = rng.integers(0, net.m_prime, size=trials)
    predicted = float(_tail_one_endpoint(sizes[js], max(net.k - 1, 0), p, THETA).mean())
    predicted_wrong = _expected_wrong_outputs(net.m, net.k, sizes, p)
    fp = fn = 0
    fn_trials = trials if net.k >= 2 else 0
    chunk = max(1, (1 << 23) // max(d, 1))
    for start in range(0, trials, chunk):
        jj = js[start : start + chunk]
        x1 = _trial_inputs(net, jj, 1, rng)
        fp += int(_output_batch(net, x1, jj).sum())
        if fn_trials:
            x2 = _trial_inputs(net, jj, 2, rng)
            fn += int((~_output_batch(net, x2, jj)).sum())
    ver = None
    if run_verify:
        from bounds.constructions.verify import verify

        ver = verify(net, delta=delta, seed=seed, inputs=inputs)
    return UAndStats(
        m=net.m,
        m_prime=net.m_prime,
        k=net.k,
        d=d,
        p=p,
        theta=THETA,
        d_p2=d * p * p,
        s_min=int(sizes.min()),
        s_mean=float(sizes.mean()),
        s_max=int(sizes.max()),
        fp_trials=trials,
        false_positives=fp,
        fp_rate=fp / trials,
        fp_upper95=_upper95(fp, trials),
        predicted_fp_rate=predicted,
        fn_trials=fn_trials,
        false_negatives=fn,
        predicted_wrong_outputs=predicted_wrong,
        verification=ver,
        provenance=PROVENANCE,
    )
