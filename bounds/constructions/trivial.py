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

from typing import Any

import numpy as np
import scipy.sparse as sp
import sympy

from bounds.constructions.instances import (
    FAMILIES,
    default_m,
    evaluate,
    family_of,
    key_features,
    normalize_kind,
    random_instance,
    validate_instance,
)
from bounds.constructions.network import Network
from bounds.validation import as_int, as_m_prime

__all__ = [
    "FAMILIES",
    "accounting",
    "build_trivial",
    "default_m",
    "evaluate",
    "normalize_kind",
    "random_instance",
    "validate_instance",
]

MP, M = sympy.symbols("m_prime m", positive=True, integer=True)


def build_trivial(
    kind: str,
    m_prime: int,
    *,
    instance: Any = None,
    seed: int = 0,
    m: int | None = None,
    k: int = 3,
) -> Network:
    """Build C0 for ``kind`` (``"permutation"``, ``"pairwise-and"`` or any registered
    conjunctive family: output j the AND of the features its instance names; module
    docstring).

    ``instance`` defaults to :func:`random_instance` with ``seed``; ``k`` (sparsity,
    default 3) is recorded for verification only -- C0 is exact for every ``k``.

    >>> net = build_trivial("permutation", 3, instance=[2, 0, 1])
    >>> net.forward([[1, 0, 0]]).astype(int).tolist()
    [[0, 1, 0]]
    """
    kind = normalize_kind(kind)
    m_prime = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    fam = family_of(kind, m_prime, m)
    if not fam.conjunctive():
        raise ValueError(f"kind must name a family whose outputs are ANDs of the features "
                         f"the instance names (C0 is one ReLU per output; got {kind!r})")
    m = fam.m
    inst = fam.sample_instance(seed) if instance is None else fam.validate_instance(instance)
    # neuron j = ReLU(sum of its c features - (c - 1)): x_{pi(j)} (c = 1), x_a + x_b - 1 (AND)
    keys = key_features(inst)
    c = keys.shape[1]
    rows = np.arange(m_prime)
    w = sp.csr_matrix((np.ones(c * m_prime), (np.repeat(rows, c), keys.reshape(-1))),
                      shape=(m_prime, m))
    b = np.full(m_prime, float(1 - c))
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
    fam = family_of(kind, 4)  # a small member: its instance rows give c features per output
    if not fam.conjunctive():
        raise ValueError(f"C0 has no accounting for {kind!r}: its outputs are not ANDs of "
                         "the features the instance names")
    c = key_features(fam.sample_instance(0)).shape[1]
    # neuron j = ReLU(sum of its c features - (c - 1)): c m' weights 1, and for c >= 2 the
    # m' biases 1 - c (c = 1: bias 0); values {0, 1} (c = 1) or {0, 1, 1 - c}
    d = MP if fam.m_is_m_prime else M
    nnz = c * MP if c == 1 else (c + 1) * MP
    distinct = sympy.Integer(2 if c == 1 else 3)
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
