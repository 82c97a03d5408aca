"""Instances of the construction families: sample, validate, evaluate (SPEC §1, §2).

The one place in :mod:`bounds.constructions` that knows what an instance *means*:

* ``permutation``: an int array ``π`` of shape ``(m',)``, a permutation of ``[m']``;
  ``y_j = x_{π(j)}``;
* ``pairwise-and``: an int array of shape ``(m', 2)`` of distinct pairs of ``[m]`` (two
  distinct endpoints each, unordered pairs distinct); ``y_j = x_a ∧ x_b``.

Construction kinds map to these families by :func:`normalize_kind` (``"trivial-…"``,
``"uand"``, …). The lead is turning :mod:`bounds.families` into family objects; these
functions are kept small so that they can later delegate to those objects.

>>> inst = random_instance("pairwise-and", 3, seed=0, m=4)
>>> validate_instance("pairwise-and", inst, 3, 4).shape
(3, 2)
>>> evaluate("permutation", [1, 0], [[1, 0]], m=2).tolist()
[[False, True]]
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.validation import as_int, as_m_prime

__all__ = [
    "FAMILIES",
    "default_m",
    "evaluate",
    "incidence",
    "key_features",
    "normalize_kind",
    "random_instance",
    "validate_instance",
]

FAMILIES = ("permutation", "pairwise-and")

_ALIASES = {"and": "pairwise-and", "pairwise": "pairwise-and", "pairwise_and": "pairwise-and",
            "uand": "pairwise-and"}


def normalize_kind(kind: str) -> str:
    """Map a construction kind (``"permutation"``, ``"trivial-pairwise-and"``, ``"uand"``,
    ``"and"``, …) to its family name in :data:`FAMILIES`.

    >>> normalize_kind("trivial-pairwise-and"), normalize_kind("uand")
    ('pairwise-and', 'pairwise-and')
    >>> normalize_kind("trained-permutation")
    'permutation'
    """
    if not isinstance(kind, str):
        raise ValueError(f"kind must be one of {FAMILIES} (got {kind!r})")
    k = kind.lower()
    for fam in FAMILIES:  # any "<construction>-<family>" kind, e.g. "trained-pairwise-and"
        if k.endswith("-" + fam):
            k = fam
    k = _ALIASES.get(k, k)
    if k not in FAMILIES:
        raise ValueError(f"kind must be one of {FAMILIES} (got {kind!r})")
    return k


def default_m(kind: str, m_prime: int, m: int | None = None) -> int:
    """Number of input features: ``m'`` for a permutation; ``m`` (default ``m'``) for AND.

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


def family_of(kind: str, m_prime: int, m: int | None = None) -> Any:
    """The :mod:`bounds.families` object of a construction kind (pairwise-AND, labelled).

    >>> family_of("pairwise-and", 4, 5).label
    'pairwise-AND (labelled, m=5)'
    """
    from bounds.families import pairwise, permutation

    kind = normalize_kind(kind)
    if kind == "permutation":
        return permutation(m_prime, m=m)
    return pairwise(m_prime, m=default_m(kind, m_prime, m))


def random_instance(kind: str, m_prime: int, seed: Any, m: int | None = None) -> np.ndarray:
    """A uniformly random instance of the family, from ``numpy.random.default_rng(seed)``.

    ``seed`` is an int ≥ 0 or a :class:`numpy.random.SeedSequence` (a spawned stream).
    The family object samples it (:meth:`bounds.families.ProblemFamily.sample_instance`):
    a uniform permutation of ``[m']``, or an ordered ``m'``-tuple of distinct pairs
    ``(a, b)``, ``a < b``, of ``[m]``.

    >>> random_instance("pairwise-and", 4, seed=0, m=4).shape
    (4, 2)
    """
    return family_of(kind, as_m_prime(m_prime), m).sample_instance(seed)


def validate_instance(kind: str, instance: Any, m_prime: int, m: int) -> np.ndarray:
    """Check an explicit instance and return it as an int64 array (``ValueError`` naming
    what is wrong otherwise): :meth:`bounds.families.ProblemFamily.validate_instance`.

    >>> validate_instance("permutation", [1, 0], 2, 2).tolist()
    [1, 0]
    >>> validate_instance("pairwise-and", [[0, 1], [1, 0]], 2, 3)
    Traceback (most recent call last):
    ...
    ValueError: instance pairs must be distinct
    """
    kind = normalize_kind(kind)
    return family_of(kind, m_prime, None if kind == "permutation" else m).validate_instance(
        instance)


def key_features(instance: Any) -> np.ndarray:
    """The features each output reads, ``(m', c)``: ``c = 1`` (permutation), ``2`` (AND).

    >>> key_features([2, 0, 1]).tolist()
    [[2], [0], [1]]
    """
    inst = np.asarray(instance, dtype=np.int64)
    return inst[:, None] if inst.ndim == 1 else inst


def incidence(instance: Any, m: int) -> tuple[sp.csr_matrix, float]:
    """``(inc, need)``: the ``m × m'`` 0/1 matrix of the features each output reads and the
    number of them that must be active (1 for a permutation, 2 for AND), so that
    ``f(x) = (x·inc ≥ need)`` on 0/1 inputs.

    >>> inc, need = incidence([[0, 1], [1, 2]], 3); inc.toarray().tolist(), need
    ([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]], 2.0)
    """
    keys = key_features(instance)
    mp, c = keys.shape
    cols = np.repeat(np.arange(mp), c)
    inc = sp.csr_matrix((np.ones(mp * c), (keys.reshape(-1), cols)), shape=(m, mp))
    return inc, float(c)


def evaluate(kind: str, instance: Any, x: Any, m: int,
             inc: tuple[sp.csr_matrix, float] | None = None) -> np.ndarray:
    """The exact outputs ``f(x)`` of the instance, ``(batch, m')`` booleans.

    ``x`` is a batch ``(batch, m)``; a feature counts as active when its entry is
    nonzero. ``inc`` is a precomputed :func:`incidence` (to avoid rebuilding it).

    >>> evaluate("pairwise-and", [[0, 1], [1, 2]], [[1, 1, 0], [0, 1, 1]], m=3).tolist()
    [[True, False], [False, True]]
    """
    normalize_kind(kind)
    xs = sp.csr_matrix(x, dtype=np.float64, copy=True)
    xs.sum_duplicates()
    xs.data = (xs.data != 0).astype(np.float64)
    mat, need = incidence(instance, m) if inc is None else inc
    return (xs @ mat).toarray() >= need
