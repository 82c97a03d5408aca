"""Adversarial input strata for the Monte-Carlo verifier (issue 9 item 1).

Inputs built against the *built* network (public code and ownership), for a uniformly
random output ``j`` whose target stays 0 (permutation: ``π(j)`` inactive; AND: exactly one
endpoint of ``j`` active):

* ``shares-units`` — the other active features are drawn from the ``4k`` features that
  push ``j``'s units hardest towards firing (largest ``Σ_q C_jq·(sA_qf)⁺``, ``A = W₁E``,
  ``C = D W₃``; ``s = −1`` for the clip architecture, ``+1`` for one layer): features that
  share neurons with ``j``;
* ``code-collision`` — the other active features are drawn uniformly among the features
  whose code reaches ``j``'s units only through cross-talk (nonzero, but at most half of
  the largest push): collisions of codes with the output's units;
* ``greedy`` — starting from the key feature(s), ``k − |T|`` greedy steps each adding,
  among the 32 highest-scoring candidates, the feature that maximises ``j``'s readout
  ``(D h)_j − θ_j`` (evaluated by the network).

Rates on these strata are Monte-Carlo rates on *these named distributions*, not
certificates (:mod:`bounds.constructions.certify` gives those).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.instances import key_features
from bounds.constructions.network import Network
from bounds.constructions.storage import rows_of

__all__ = ["ADVERSARIAL_STRATA", "adversarial_rows"]

ADVERSARIAL_STRATA = (
    ("shares-units", "target-0 output: other active features among the 4k that push its "
                     "units hardest (share its neurons)"),
    ("code-collision", "target-0 output: other active features whose codes reach its units "
                       "through cross-talk only"),
    ("greedy", "target-0 output: greedy search (32 candidates per step) maximising its "
               "readout"),
)
_NAMES = tuple(name for name, _ in ADVERSARIAL_STRATA)
#: float64 entries of the dense arrays formed at once (blocks of Aᵀ, the greedy's ``h``)
_FLOATS = 1 << 22


def _view(net: Network) -> tuple[sp.csr_matrix, float] | None:
    from bounds.constructions.certify import _structure

    st = _structure(net)
    if isinstance(st, str):
        return None
    mode, C = st
    return sp.csr_matrix(C), (-1.0 if mode == "clip" else 1.0)


def _start(keys: np.ndarray, rng: np.random.Generator) -> list[int]:
    if keys.size == 1:
        return []
    return [int(keys[rng.integers(0, keys.size)])]


def _dense_rows(mat: Any, rows: np.ndarray) -> np.ndarray:
    """Rows ``rows`` of a weight matrix as a dense float64 array (of a
    :class:`~bounds.constructions.storage.CodedCSR`, without forming its other values)."""
    if sp.issparse(mat):
        return rows_of(mat if sp.isspmatrix_csr(mat) else sp.csr_matrix(mat), rows).toarray()
    return np.asarray(mat, dtype=np.float64)[rows]


def _decoder_row(net: Network, j: int) -> tuple[np.ndarray, np.ndarray]:
    """The last-layer units output ``j`` reads and their decoder weights."""
    if sp.issparse(net.D):
        dj = rows_of(net.D if sp.isspmatrix_csr(net.D) else sp.csr_matrix(net.D),
                     np.array([j]))
        return dj.indices, dj.data
    row = np.asarray(net.D, dtype=np.float64)[j]
    units = np.flatnonzero(row)
    return units, row[units]


def _scores(net: Network, C: sp.csr_matrix, sign: float, j: int, keys: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """Per feature ``f``: the push ``Σ_q C_jq·(sA_qf)⁺`` on output ``j``'s units (0 at its
    keys; rounded to 1e-9 so that ties, broken by feature index, do not depend on the
    summation order) and the reach ``Σ_q |A_qf|``, from ``Aᵀ = Eᵀ W₁[u]ᵀ`` formed dense in
    blocks of features (cost ``nnz(E)·|u|``, ``u`` the units of output ``j``)."""
    u = C.indices[C.indptr[j]:C.indptr[j + 1]]
    w = np.asarray(C.data[C.indptr[j]:C.indptr[j + 1]], dtype=np.float64)
    wt = np.ascontiguousarray(_dense_rows(net.weights[0], u).T)  # (d, |u|)
    code_t = net._code_t  # Eᵀ as CSR (features × code coordinates), cached by the network
    m = code_t.shape[0]
    score, reach = np.zeros(m), np.zeros(m)
    step = max(1, _FLOATS // max(u.size, 1))
    for a in range(0, m, step):
        at = np.asarray(code_t[a:a + step] @ wt)  # rows a.. of Aᵀ
        score[a:a + step] = np.maximum(sign * at, 0.0) @ w
        reach[a:a + step] = np.abs(at).sum(axis=1)
    score[keys] = 0.0
    return np.round(score, 9), reach


def _ranked(score: np.ndarray, n: int) -> np.ndarray:
    """The ``n`` features of largest score (ties: smaller index first)."""
    return np.argsort(-score, kind="stable")[:n]


def adversarial_rows(net: Network, name: str, n: int, rng: np.random.Generator
                     ) -> np.ndarray:
    """``n`` rows (``-1``-padded, width ``k``) of the adversarial stratum ``name``; no rows
    when the architecture is not one the margin argument reads
    (:func:`~bounds.constructions.certify._structure`).

    >>> from bounds.constructions.trivial import build_trivial
    >>> net = build_trivial("pairwise-and", 30, seed=0)
    >>> adversarial_rows(net, "greedy", 4, np.random.default_rng(0)).shape
    (4, 3)
    """
    if name not in _NAMES:
        raise ValueError(f"adversarial stratum must be one of {', '.join(_NAMES)} "
                         f"(got {name!r})")
    k = min(net.k, net.m)
    rows = np.full((n, max(k, 1)), -1, dtype=np.int64)
    view = _view(net)
    if view is None or n == 0:
        return rows[:0]
    C, sign = view
    keys_all = key_features(net.instance)
    if name == "greedy":
        return _greedy(net, C, sign, keys_all, rows, k, rng)
    for r in range(n):
        j = int(rng.integers(0, net.m_prime))
        keys = keys_all[j]
        chosen = _start(keys, rng)
        free = k - len(chosen)
        if free > 0:
            score, reach = _scores(net, C, sign, j, keys)
            if name == "shares-units":
                top = _ranked(score, 4 * k)
                top = top[score[top] > 0]
                chosen += [int(f) for f in rng.permutation(top)[:free]] if top.size else []
            else:  # code-collision
                cap = 0.5 * score.max() if score.max() > 0 else 0.0
                pool = np.flatnonzero((reach > 0) & (score <= cap))
                pool = pool[~np.isin(pool, keys)]
                if pool.size:
                    chosen += [int(f) for f in rng.choice(pool, size=min(free, pool.size),
                                                          replace=False)]
        rows[r, :len(chosen)] = chosen[:k]
    return rows


def _greedy(net: Network, C: sp.csr_matrix, sign: float, keys_all: np.ndarray,
            rows: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """The ``greedy`` stratum into ``rows``: per row, ``k − |T|`` steps each adding the
    candidate (among the 32 of largest push) that maximises the output's readout. The rows
    of a block are drawn first (the same random stream as one row at a time) and each step
    evaluates all their candidates in one batch (the values are those of one input at a
    time: the forward pass is bit-identical to the dense pass on every row)."""
    from bounds.constructions.verify import rows_to_csr

    n = rows.shape[0]
    block = max(1, _FLOATS // (32 * max(net.D.shape[1], net.m, 1)))
    for a in range(0, n, block):
        todo = []
        for r in range(a, min(n, a + block)):
            j = int(rng.integers(0, net.m_prime))
            keys = keys_all[j]
            chosen = _start(keys, rng)
            cand = (_ranked(_scores(net, C, sign, j, keys)[0], 32) if k > len(chosen)
                    else np.zeros(0, np.int64))
            todo.append([r, j, keys, chosen, cand])
        for _step in range(k):
            live = []
            for item in todo:
                _r, _j, keys, chosen, cand = item
                if len(chosen) >= k or not cand.size:
                    continue
                cand = np.array([c for c in cand if c not in chosen and c not in keys],
                                dtype=np.int64)
                item[4] = cand
                if cand.size:
                    live.append(item)
            if not live:
                break
            x = np.full((sum(it[4].size for it in live), k), -1, dtype=np.int64)
            at = 0
            for _r, _j, _keys, chosen, cand in live:
                x[at:at + cand.size, :len(chosen)] = chosen
                x[at:at + cand.size, len(chosen)] = cand
                at += cand.size
            h = net.hidden(rows_to_csr(x, net.m))
            at = 0
            for _r, j, _keys, chosen, cand in live:
                units, dw = _decoder_row(net, j)
                read = h[at:at + cand.size, units] @ dw - net.theta[j]  # (D h)_j − θ_j
                chosen.append(int(cand[int(np.argmax(read))]))
                at += cand.size
        for r, _j, _keys, chosen, _cand in todo:
            rows[r, :len(chosen)] = chosen[:k]
    return rows
