"""The pre-issue-9-item-4 code path of ``Network.forward`` / ``target`` and of
``verify``'s error loop, kept verbatim as the baseline of the scale benchmarks.

It computes dense ``(batch, width)`` arrays for every layer and the decoder, with the
batch shrunk so that ``batch · (m' + m + Σ widths)`` stays under ``2**22`` floats.
Not part of the library (benchmarks only).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.instances import evaluate
from bounds.constructions.verify import rows_to_csr

_BATCH_FLOATS = 1 << 22


def transposed(net: Any) -> tuple[sp.csr_matrix, ...]:
    """``E.T`` and every ``W_l.T`` as CSR (the old ``Network._transposed``)."""
    cache = net.__dict__.get("_baseline_T")
    if cache is None:
        cache = tuple(sp.csr_matrix(m.T) for m in (net.E, *net.weights))
        object.__setattr__(net, "_baseline_T", cache)
    return cache


def hidden(net: Any, x: Any) -> np.ndarray:
    xs = sp.csr_matrix(x, dtype=np.float64)
    tr = transposed(net)
    h: Any = xs @ tr[0]
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), start=1):
        z = h @ tr[i] if sp.issparse(h) else h @ w.T
        z = z.toarray() if sp.issparse(z) else np.asarray(z)
        h = np.maximum(z + b, 0.0)
    return np.asarray(h)


def forward(net: Any, x: Any) -> np.ndarray:
    h = hidden(net, x)
    if not h.size:
        z = np.zeros((h.shape[0], net.m_prime))
    elif np.count_nonzero(h) <= 0.25 * h.size:
        z = (net.D @ sp.csr_matrix(h).T).toarray().T
    else:
        z = np.asarray(net.D @ h.T).T
    return z > net.theta


def target(net: Any, x: Any) -> np.ndarray:
    return evaluate(net.kind, net.instance, x, net.m, inc=net._incidence)


def batch_size(net: Any) -> int:
    width = net.m_prime + net.m + sum(net.widths)
    return int(max(1, min(4096, _BATCH_FLOATS // max(width, 1))))


def errors(net: Any, rows: np.ndarray) -> np.ndarray:
    """Boolean error flag per input row, exactly as the old ``verify._errors``."""
    bs = batch_size(net)
    out = np.zeros(rows.shape[0], dtype=bool)
    for start in range(0, rows.shape[0], bs):
        x = rows_to_csr(rows[start : start + bs], net.m)
        out[start : start + bs] = (forward(net, x) != target(net, x)).any(axis=1)
    return out
