"""Instances of the construction families: sample, validate, evaluate (SPEC §1, §2).

Constructions name the family they compute by a *kind* (``Network.kind``,
``Construction.family``): ``"permutation"``, ``"pairwise-and"`` (the labelled pairwise
family with op AND), … Each registered family declares its kinds and their spellings
(:attr:`bounds.families.FamilyEntry.kinds`, read here at call time), and the family
object does the rest: sampling, validation, the least valid m and the semantics, so a
construction for a newly registered family needs no edit here.

* ``permutation``: an int array ``π`` of shape ``(m',)``, a permutation of ``[m']``;
  ``y_j = x_{π(j)}``;
* ``pairwise-and``: an int array of shape ``(m', 2)`` of distinct pairs of ``[m]`` (two
  distinct endpoints each, unordered pairs distinct); ``y_j = x_a ∧ x_b``.

Construction kinds map to these families by :func:`normalize_kind` (``"trivial-…"``,
``"uand"``, …).

>>> inst = random_instance("pairwise-and", 3, seed=0, m=4)
>>> validate_instance("pairwise-and", inst, 3, 4).shape
(3, 2)
>>> evaluate("permutation", [1, 0], [[1, 0]], m=2).tolist()
[[False, True]]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.validation import as_m_prime

# FAMILIES (module __getattr__ below) is read at call time, so it is not in __all__
__all__ = [
    "default_m",
    "evaluate",
    "family_of",
    "incidence",
    "key_features",
    "normalize_kind",
    "random_instance",
    "validate_instance",
]


def _kinds() -> dict[str, Any]:
    from bounds.families.registry import construction_kinds

    return construction_kinds()


def __getattr__(name: str) -> Any:
    """``FAMILIES``: the construction family names of the registered families, now."""
    if name == "FAMILIES":
        return tuple(_kinds())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def normalize_kind(kind: str) -> str:
    """Map a construction kind (``"permutation"``, ``"trivial-pairwise-and"``, ``"uand"``,
    ``"and"``, …) to its family name in :data:`FAMILIES`.

    >>> normalize_kind("trivial-pairwise-and"), normalize_kind("uand")
    ('pairwise-and', 'pairwise-and')
    >>> normalize_kind("trained-permutation")
    'permutation'
    """
    from bounds.families.registry import kind_aliases

    kinds = tuple(_kinds())
    if not isinstance(kind, str):
        raise ValueError(f"kind must be one of {kinds} (got {kind!r})")
    k = kind.lower()
    for fam in kinds:  # any "<construction>-<family>" kind, e.g. "trained-pairwise-and"
        if k.endswith("-" + fam):
            k = fam
    k = kind_aliases().get(k, k)
    if k not in kinds:
        raise ValueError(f"kind must be one of {kinds} (got {kind!r})")
    return k


def family_of(kind: str, m_prime: int, m: int | None = None) -> Any:
    """The :mod:`bounds.families` object of a construction kind, with ``m`` inputs (default:
    the family's own default, m′ raised to its least valid m).

    >>> family_of("pairwise-and", 4, 5).label
    'pairwise-AND (labelled, m=5)'
    """
    from bounds.families.registry import family

    entry, options = _kinds()[normalize_kind(kind)]
    return family(entry.name, m_prime, m=m, **options)


def default_m(kind: str, m_prime: int, m: int | None = None) -> int:
    """Number of input features: ``m`` validated by the family (a permutation: ``m'``
    only; AND: ``C(m, 2) >= m'``, the distinct pairs), or its default ``m'`` raised to
    the least valid m (``m' = 2`` needs three features for AND).

    >>> default_m("pairwise-and", 2), default_m("pairwise-and", 10, 6)
    (3, 6)
    """
    return int(family_of(kind, m_prime, m).m)


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
    return family_of(kind, m_prime, m).validate_instance(instance)


def key_features(instance: Any) -> np.ndarray:
    """The features each output reads, ``(m', c)``: ``c = 1`` (permutation), ``2`` (AND);
    for conjunctive families (:meth:`bounds.families.ProblemFamily.conjunctive`).

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
    nonzero. A conjunctive family is evaluated by its sparse :func:`incidence` (``inc``:
    one precomputed, to avoid rebuilding it); any other by the family object's own
    :meth:`~bounds.families.ProblemFamily.evaluate`.

    >>> evaluate("pairwise-and", [[0, 1], [1, 2]], [[1, 1, 0], [0, 1, 1]], m=3).tolist()
    [[True, False], [False, True]]
    """
    fam = family_of(kind, int(np.shape(instance)[0]), m)
    xs = sp.csr_matrix(x, dtype=np.float64, copy=True)
    xs.sum_duplicates()
    xs.data = (xs.data != 0).astype(np.float64)
    if not fam.conjunctive():
        return np.asarray(fam.evaluate(instance, xs.toarray() != 0), dtype=bool)
    mat, need = incidence(instance, m) if inc is None else inc
    return (xs @ mat).toarray() >= need
