"""Post-training quantization of the weight layers to b bits, per layer (SPEC §1 precision).

Layer ``ℓ``'s parameters (``W_ℓ`` and ``β_ℓ`` together) are put on one grid with scale
``s_ℓ``:

* ``b = 1``: ``{−s_ℓ, +s_ℓ}`` with ``s_ℓ`` the mean absolute value (sign quantization);
* ``b ≥ 2``: ``s_ℓ·q`` with integers ``|q| ≤ Q = 2^{b−1} − 1`` and ``s_ℓ = max|p| / Q``
  (round to nearest; ``2^b − 1`` values, 0 included).

So each layer's parameters take at most ``2^b`` values: the per-layer reading of the
model's "b-bit parameters". Over ``L`` layers the scales differ, so the network as a
whole may hold up to ``L·2^b`` distinct values; :meth:`Network.resources` counts them
(``bits_per_param``), and that count, not ``b``, is what the D1 bound must be given
when ``L > 1``. The public ``E``, ``D``, ``θ`` are not quantized (they are not parameters).

>>> import numpy as np
>>> q = quantize_values(np.array([0.9, -0.3, 0.1, 0.0]), 2)
>>> q.tolist()
[0.9, -0.0, 0.0, 0.0]
>>> sorted(set(quantize_values(np.linspace(-1, 1, 101), 3).round(6).tolist())) == [
...     round(i / 3, 6) for i in range(-3, 4)]
True
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from bounds.constructions.network import Network
from bounds.search import least_true
from bounds.validation import as_int

__all__ = ["MAX_BITS", "least_bits", "quantize", "quantize_values"]

#: the largest b tried by :func:`least_bits`
MAX_BITS = 16


def quantize_values(values: np.ndarray, bits: int, scale_from: np.ndarray | None = None
                    ) -> np.ndarray:
    """Values on the b-bit grid of the module docstring (scale from ``scale_from``)."""
    bits = as_int(bits, "bits", 1, 52)
    v = np.asarray(values, dtype=np.float64)
    ref = v if scale_from is None else np.asarray(scale_from, dtype=np.float64)
    if ref.size == 0 or not np.any(ref):
        return np.zeros_like(v)
    if bits == 1:
        s = float(np.mean(np.abs(ref)))
        return np.where(v >= 0, s, -s)
    top = 2 ** (bits - 1) - 1
    s = float(np.max(np.abs(ref))) / top
    return np.clip(np.rint(v / s), -top, top) * s


def quantize(net: Network, bits: int) -> Network:
    """``net`` with every layer's ``W_ℓ, β_ℓ`` on its own b-bit grid (module docstring)."""
    bits = as_int(bits, "bits", 1, 52)
    weights, biases = [], []
    for w, b in zip(net.weights, net.biases, strict=True):
        dense = sp.csr_matrix(w).toarray()
        both = np.concatenate([dense.ravel(), np.asarray(b, dtype=np.float64)])
        weights.append(sp.csr_matrix(quantize_values(dense, bits, both)))
        biases.append(quantize_values(b, bits, both))
    meta = {**dict(net.meta), "quantized_bits": bits}
    return Network(kind=net.kind, m=net.m, m_prime=net.m_prime, k=net.k,
                   instance=net.instance, E=net.E, weights=tuple(weights),
                   biases=tuple(biases), D=net.D, theta=net.theta, meta=meta)


def least_bits(net: Network, holds: Callable[[Network], bool],
               max_bits: int = MAX_BITS) -> int | None:
    """Least ``b ≤ max_bits`` with ``holds(quantize(net, b))``, or ``None``.

    Doubling then bisection (:func:`bounds.search.least_true`), which assumes that once
    the verdict holds at ``b`` it holds for every larger ``b`` (finer grids are closer
    to the trained network; not a theorem, and not checked between the probes).
    """
    max_bits = as_int(max_bits, "max_bits", 1, 52)
    try:
        return least_true(lambda b: holds(quantize(net, b)), lo=1, limit=max_bits)
    except ValueError:
        return None
