"""U-AND builder: the Bernoulli layer and the averaging decoder (package docstring of
:mod:`bounds.constructions.uand`)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.instances import random_instance, validate_instance
from bounds.constructions.network import Network
from bounds.constructions.uand.analysis import MIN_DP2, THETA
from bounds.validation import as_int, as_m_prime, as_real

__all__ = ["ALL_PAIRS_MAX", "PROVENANCE", "UAndRegimeWarning", "build_uand"]

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
        arr = np.asarray(pairs)
        if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] < 2:
            raise ValueError(f"pairs must be an array of shape (m_prime >= 2, 2) (got {arr.shape})")
        inst = validate_instance("pairwise-and", arr, arr.shape[0], m)
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
        inst = random_instance("pairwise-and", m_prime, pair_seq, m)
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
