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

import numpy as np
import scipy.sparse as sp

from bounds.constructions.instances import key_features
from bounds.constructions.network import Network

__all__ = ["ADVERSARIAL_STRATA", "adversarial_rows"]

ADVERSARIAL_STRATA = (
    ("shares-units", "target-0 output: other active features among the 4k that push its "
                     "units hardest (share its neurons)"),
    ("code-collision", "target-0 output: other active features whose codes reach its units "
                       "through cross-talk only"),
    ("greedy", "target-0 output: greedy search (32 candidates per step) maximising its "
               "readout"),
)


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


def _scores(net: Network, C: sp.csr_matrix, sign: float, j: int, keys: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    u = C.indices[C.indptr[j]:C.indptr[j + 1]]
    w = C.data[C.indptr[j]:C.indptr[j + 1]]
    A = sp.csr_matrix(net.weights[0][u] @ net.E)
    push = sp.csr_matrix(sp.diags(w) @ A.multiply(A * sign > 0)) * sign
    score = np.asarray(push.sum(axis=0)).ravel()
    score[keys] = 0.0
    return score, np.asarray(abs(A).sum(axis=0)).ravel()


def adversarial_rows(net: Network, name: str, n: int, rng: np.random.Generator
                     ) -> np.ndarray:
    """``n`` rows (``-1``-padded, width ``k``) of the adversarial stratum ``name``."""
    k = min(net.k, net.m)
    rows = np.full((n, max(k, 1)), -1, dtype=np.int64)
    view = _view(net)
    if view is None or n == 0:
        return rows[:0]
    C, sign = view
    keys_all = key_features(net.instance)
    for r in range(n):
        j = int(rng.integers(0, net.m_prime))
        keys = keys_all[j]
        chosen = _start(keys, rng)
        free = k - len(chosen)
        score, reach = _scores(net, C, sign, j, keys)
        if free > 0:
            if name == "shares-units":
                top = np.argsort(score)[::-1][:4 * k]
                top = top[score[top] > 0]
                pick = rng.permutation(top)[:free] if top.size else []
                chosen += [int(f) for f in pick]
            elif name == "code-collision":
                cap = 0.5 * score.max() if score.max() > 0 else 0.0
                pool = np.flatnonzero((reach > 0) & (score <= cap))
                pool = pool[~np.isin(pool, keys)]
                if pool.size:
                    chosen += [int(f) for f in rng.choice(pool, size=min(free, pool.size),
                                                          replace=False)]
            elif name == "greedy":
                cand = np.argsort(score)[::-1][:32]
                for _ in range(free):
                    cand = np.array([c for c in cand if c not in chosen and c not in keys])
                    if not cand.size:
                        break
                    x = np.zeros((cand.size, net.m))
                    x[:, chosen] = 1.0
                    x[np.arange(cand.size), cand] = 1.0
                    h = net.hidden(x)
                    read = np.asarray(net.D[j] @ h.T).ravel() - net.theta[j]
                    chosen.append(int(cand[int(np.argmax(read))]))
            else:
                raise ValueError(f"unknown adversarial stratum {name!r}")
        rows[r, :len(chosen)] = chosen[:k]
    return rows
