"""C0: the trivial construction, no superposition (SPEC §5).

The input is given explicitly (``E = I_m``, ``d = m``) and there is one hidden neuron
per output, read by the identity decoder with threshold ``1/2``:

* permutation ``y_j = x_{pi(j)}``: neuron ``j`` is ``ReLU(x_{pi(j)})``;
* pairwise AND ``y_j = x_a AND x_b``: neuron ``j`` is ``ReLU(x_a + x_b - 1)``.

Both are exact on every binary input (any ``k``). Closed-form accounting
(:func:`accounting`), equal to :meth:`Network.resources` on every instance:

========================  =====================  ===========================
quantity                  permutation            pairwise AND
========================  =====================  ===========================
widths                    ``(m', m')``           ``(m, m')``
max width                 ``m'``                 ``max(m, m')``
total neurons             ``m'``                 ``m'``
``P_dense``               ``m'^2 + m'``          ``m m' + m'``
``P_nz``                  ``m'``                 ``3 m'`` (two weights, one bias)
distinct values / bits    ``{0, 1}`` / 1         ``{0, 1, -1}`` / 2
========================  =====================  ===========================

This is the baseline every superposition construction must beat in neurons
(max width).

>>> net = build_trivial("pairwise-and", 5, instance=[[0, 1], [1, 2], [2, 3], [3, 4], [0, 4]])
>>> net.forward([[1, 1, 0, 0, 1]]).astype(int).tolist()
[[1, 0, 0, 0, 1]]
>>> r = net.resources(); (r.max_width, r.params_nonzero, r.bits_per_param)
(5, 15, 2)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import scipy.sparse as sp
import sympy

from bounds.constructions.network import Network
from bounds.validation import as_int, as_m_prime

__all__ = [
    "FAMILIES",
    "accounting",
    "build_trivial",
    "default_m",
    "normalize_kind",
    "random_instance",
    "validate_instance",
]

FAMILIES = ("permutation", "pairwise-and")

MP, M = sympy.symbols("m_prime m", positive=True, integer=True)


def normalize_kind(kind: str) -> str:
    """Map ``"permutation"``/``"pairwise-and"`` (also ``"and"``, ``"trivial-..."``) to a family.

    >>> normalize_kind("trivial-pairwise-and")
    'pairwise-and'
    """
    if not isinstance(kind, str):
        raise ValueError(f"kind must be one of {FAMILIES} (got {kind!r})")
    k = kind.lower().removeprefix("trivial-")
    if k in ("and", "pairwise", "pairwise_and"):
        k = "pairwise-and"
    if k not in FAMILIES:
        raise ValueError(f"kind must be one of {FAMILIES} (got {kind!r})")
    return k


def default_m(kind: str, m_prime: int, m: int | None = None) -> int:
    """Number of input features: ``m' `` for a permutation; ``m`` (default ``m'``) for AND.

    For AND the ``m'`` pairs must be distinct, so ``C(m, 2) >= m'`` is required; the
    default is ``max(m', 3)`` (``m' = 2`` needs three features).

    >>> default_m("pairwise-and", 2), default_m("pairwise-and", 10, 6)
    (3, 6)
    """
    kind = normalize_kind(kind)
    if kind == "permutation":
        if m is not None and as_int(m, "m", 2) != m_prime:
            raise ValueError(f"m must equal m_prime={m_prime} for a permutation (got {m!r})")
        return m_prime
    out = max(m_prime, 3) if m is None else as_int(m, "m", 2)
    if math.comb(out, 2) < m_prime:
        raise ValueError(
            f"m must satisfy C(m, 2) >= m_prime={m_prime} (distinct pairs) (got {out})"
        )
    return out


def _unrank_pairs(t: np.ndarray) -> np.ndarray:
    """Pair index ``t = b(b-1)/2 + a`` (``a < b``) to ``(a, b)``."""
    t = np.asarray(t, dtype=np.int64)
    b = ((1 + np.sqrt(1 + 8 * t.astype(np.float64))) / 2).astype(np.int64)
    b -= (b * (b - 1) // 2 > t).astype(np.int64)
    b += ((b + 1) * b // 2 <= t).astype(np.int64)
    a = t - b * (b - 1) // 2
    return np.stack([a, b], axis=1)


def random_instance(kind: str, m_prime: int, seed: int, m: int | None = None) -> np.ndarray:
    """A uniformly random instance of the family, from ``default_rng(seed)``.

    Permutation: a uniform permutation of ``[m']``. AND: an ordered ``m'``-tuple of
    distinct pairs ``(a, b)``, ``a < b``, of ``[m]`` (uniform over labelled instances).

    >>> random_instance("pairwise-and", 4, seed=0, m=4).shape
    (4, 2)
    """
    kind = normalize_kind(kind)
    m_prime = as_m_prime(m_prime)
    rng = np.random.default_rng(as_int(seed, "seed", 0))
    if kind == "permutation":
        return rng.permutation(m_prime).astype(np.int64)
    m = default_m(kind, m_prime, m)
    big_m = math.comb(m, 2)
    if big_m <= 4 * m_prime or big_m <= 2_000_000:
        idx = rng.choice(big_m, size=m_prime, replace=False)
    else:
        idx = np.unique(rng.integers(0, big_m, size=m_prime + m_prime // 8 + 16))
        while idx.size < m_prime:
            idx = np.unique(np.concatenate([idx, rng.integers(0, big_m, size=m_prime)]))
        idx = rng.permutation(idx)[:m_prime]
    return _unrank_pairs(idx)


def validate_instance(kind: str, instance: Any, m_prime: int, m: int) -> np.ndarray:
    """Check an explicit instance and return it as an int64 array.

    >>> validate_instance("permutation", [1, 0], 2, 2).tolist()
    [1, 0]
    """
    kind = normalize_kind(kind)
    inst = np.asarray(instance)
    if inst.dtype.kind not in "iu":
        if inst.size and not np.all(np.equal(np.mod(inst, 1), 0)):
            raise ValueError("instance must contain integers")
    inst = inst.astype(np.int64)
    if kind == "permutation":
        if inst.shape != (m_prime,) or not np.array_equal(np.sort(inst), np.arange(m_prime)):
            raise ValueError(f"instance must be a permutation of range({m_prime})")
        return inst
    if inst.shape != (m_prime, 2):
        raise ValueError(f"instance must have shape ({m_prime}, 2) (got {inst.shape})")
    if inst.min() < 0 or inst.max() >= m:
        raise ValueError(f"instance features must lie in [0, {m})")
    if np.any(inst[:, 0] == inst[:, 1]):
        raise ValueError("instance pairs must have two distinct features")
    srt = np.sort(inst, axis=1)
    if np.unique(srt, axis=0).shape[0] != m_prime:
        raise ValueError("instance pairs must be distinct")
    return inst


def build_trivial(
    kind: str,
    m_prime: int,
    *,
    instance: Any = None,
    seed: int = 0,
    m: int | None = None,
    k: int = 3,
) -> Network:
    """Build C0 for ``kind`` in ``{"permutation", "pairwise-and"}`` (module docstring).

    ``instance`` defaults to :func:`random_instance` with ``seed``; ``k`` (sparsity,
    default 3) is recorded for verification only -- C0 is exact for every ``k``.

    >>> net = build_trivial("permutation", 3, instance=[2, 0, 1])
    >>> net.forward([[1, 0, 0]]).astype(int).tolist()
    [[0, 1, 0]]
    """
    kind = normalize_kind(kind)
    m_prime = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    m = default_m(kind, m_prime, m)
    if instance is None:
        inst = random_instance(kind, m_prime, seed, m)
    else:
        inst = validate_instance(kind, instance, m_prime, m)
    rows = np.arange(m_prime)
    if kind == "permutation":
        w = sp.csr_matrix((np.ones(m_prime), (rows, inst)), shape=(m_prime, m))
        b = np.zeros(m_prime)
    else:
        w = sp.csr_matrix(
            (np.ones(2 * m_prime), (np.repeat(rows, 2), inst.reshape(-1))), shape=(m_prime, m)
        )
        b = -np.ones(m_prime)
    w.sort_indices()
    return Network(
        kind=f"trivial-{kind}",
        m=m,
        m_prime=m_prime,
        k=k,
        instance=inst,
        E=sp.identity(m, format="csr", dtype=np.float64),
        weights=(w,),
        biases=(b,),
        D=sp.identity(m_prime, format="csr", dtype=np.float64),
        theta=np.full(m_prime, 0.5),
        meta={"construction": "C0 trivial", "seed": seed},
    )


def accounting(kind: str) -> dict[str, sympy.Expr]:
    """Closed-form resources of C0 as sympy expressions in ``m_prime`` (and ``m`` for AND).

    Keys: ``d``, ``n1``, ``max_width``, ``total_neurons``, ``params_dense``,
    ``params_nonzero`` (deterministic), ``distinct_values``, ``bits_per_param``.

    >>> a = accounting("permutation")
    >>> a["params_dense"].subs(MP, 10), sympy.limit(a["total_neurons"] / MP, MP, sympy.oo)
    (110, 1)
    """
    kind = normalize_kind(kind)
    if kind == "permutation":
        d, nnz, distinct = MP, MP, sympy.Integer(2)
    else:
        d, nnz, distinct = M, 3 * MP, sympy.Integer(3)
    return {
        "d": d,
        "n1": MP,
        "max_width": sympy.Max(d, MP),
        "total_neurons": MP,
        "params_dense": d * MP + MP,
        "params_nonzero": nnz,
        "distinct_values": distinct,
        "bits_per_param": sympy.ceiling(sympy.log(distinct, 2)),
    }
