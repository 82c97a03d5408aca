"""Builder of the output-channel template (C1/C2): code, ownership, decoder, layers.

The construction is described in the package docstring of
:mod:`bounds.constructions.channels`; the parameters come from
:func:`bounds.constructions.channels.analysis.choose_parameters`.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.channels.analysis import ChannelParams, choose_parameters
from bounds.constructions.network import Network
from bounds.constructions.storage import CodedCSR, scaled_integer_product
from bounds.constructions.trivial import random_instance, validate_instance
from bounds.validation import as_int

__all__ = ["build_pairwise_and", "build_permutation"]


def _code(p: ChannelParams, seed: int) -> tuple[sp.csr_matrix, CodedCSR]:
    """Integer sign code (d × m, entries ±1) and the public code ``E = sign/√s`` (stored
    as :class:`~bounds.constructions.storage.CodedCSR`: a sign bit per entry and the table
    ``±1/√s``, the bits of ``sign/√s``)."""
    rng = np.random.default_rng([seed, 1])
    cols = np.tile(np.arange(p.m), p.s)
    rows = np.concatenate([t * p.g + rng.permutation(p.m) % p.g for t in range(p.s)])
    signs = (rng.integers(0, 2, size=p.s * p.m) * 2 - 1).astype(np.int16)  # exact, 2 B
    e_int = sp.csr_matrix((signs, (rows, cols)), shape=(p.d, p.m))
    e_int.sort_indices()
    e = CodedCSR.from_codes((e_int.data > 0).astype(np.uint8),
                            np.array([-1.0, 1.0]) / math.sqrt(p.s), e_int.indices.copy(),
                            e_int.indptr.copy(), e_int.shape)
    e.has_sorted_indices = True
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
    """0/1 membership ``B`` (H × m) from the kept outputs' features, stored as bool (1 B
    per entry; duplicates sum as logical or; the integer product reads it exactly)."""
    nf = feats.shape[1]
    rr = np.broadcast_to(R[keep][:, :, None], (keep.size, p.r, nf)).ravel()
    ff = np.broadcast_to(feats[keep][:, None, :], (keep.size, p.r, nf)).ravel()
    B = sp.csr_matrix((np.ones(rr.size, dtype=bool), (rr, ff)), shape=(p.H, p.m))
    B.sum_duplicates()
    return B


def _first_layer(p: ChannelParams, M: sp.csr_matrix, e_int: sp.csr_matrix) -> sp.csr_matrix:
    """``−λ (M Eᵀ)`` computed in integers (exact), scaled once
    (:func:`~bounds.constructions.network.scaled_integer_product`)."""
    return scaled_integer_product(M, e_int, -p.lam / math.sqrt(p.s))


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
    if rows_c:
        C = sp.csr_matrix((np.concatenate(vals_c), (np.concatenate(rows_c),
                                                    np.concatenate(cols_c))),
                          shape=(p.H_in, p.m))
        C.sum_duplicates()
        C.data = np.where(C.data >= p.w, float(p.w), 1.0)
        if p.w < 1 << 15:  # small integers: int16 (exact), so the stack below is int16
            C = sp.csr_matrix((C.data.astype(np.int16), C.indices, C.indptr), shape=C.shape)
    else:
        C = sp.csr_matrix((p.H_in, p.m), dtype=np.int16)
    # one product for the output units and the channel neurons (row by row the same
    # entries as two products stacked, without the stacked copy of W1); B and C are freed
    # before the product (only the int16 stack is alive while W1's chunks accumulate)
    M = sp.vstack([B, C], format="csr")
    del B, C
    W1 = _first_layer(p, M, e_int)
    del M
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
