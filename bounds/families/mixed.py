"""Mixed ops: labelled pairwise instances where each output also picks one of q ops.

log₂|F| = log₂ (M)_{m′} + m′ log₂ q; V_ε = C(m′, e)·(qM)^e (each wrong output is any of
the q·M (pair, op) choices). Probes: every input with at most two active features.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import mpmath
import numpy as np

from bounds.counting import LN2, _ln_falling_array
from bounds.families.pairwise import OPS, PairFamily, pair_inputs
from bounds.validation import as_m_prime

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["Mixed", "mixed"]


def check_ops(ops: Any) -> tuple[str, ...]:
    """At least two distinct names from :data:`bounds.families.pairwise.OPS`.

    >>> check_ops(("and", "xor"))
    ('AND', 'XOR')
    """
    names = tuple(str(o).upper() for o in ops)
    if len(names) < 2 or len(set(names)) != len(names) or any(o not in OPS for o in names):
        raise ValueError(f"ops must be >= 2 distinct names from {', '.join(OPS)} (got {ops!r})")
    return names


@dataclass(frozen=True)
class Mixed(PairFamily):
    """Labelled pairwise instances with a per-output op from ``ops``.

    >>> f = mixed(2, ("AND", "XOR"), m=4)
    >>> f.exact_size(), f.label
    (120, 'pairwise mixed ops {AND,XOR} (m=4)')
    """

    name = "mixed"
    instance_text = "an ordered m'-tuple of distinct pairs, each with its own op"

    ops: tuple[str, ...] = ("AND", "OR")

    @property
    def label(self) -> str:
        return f"pairwise mixed ops {{{','.join(self.ops)}}} (m={self._m_text})"

    def info_nondecreasing(self) -> bool:
        """Labelled pairwise (nondecreasing) plus m′ log₂ q (increasing)."""
        return True

    def _alphabet(self) -> int:
        return self.pairs * len(self.ops)

    def exact_size(self) -> int:
        return math.perm(self.pairs, self.m_prime) * len(self.ops) ** self.m_prime

    def _log2_size_mp(self) -> mpmath.mpf:
        return self._log2_falling_pairs_mp() + self.m_prime * mpmath.log(len(self.ops), 2)

    def log2_size_sym(self, m_prime: sp.Expr | None = None, m: sp.Expr | None = None
                      ) -> sp.Expr:
        import sympy as sp

        mp_ = sp.Integer(self.m_prime) if m_prime is None else m_prime
        return self._log2_falling_pairs_sym(m_prime, m) + mp_ * sp.log(len(self.ops), 2)

    @classmethod
    def log2_counts_array(cls, m_prime: np.ndarray, errors: np.ndarray, *,
                          ops: tuple[str, ...] = ("AND", "OR"), **_: Any
                          ) -> tuple[np.ndarray, np.ndarray]:
        """log₂|F| and log₂ V_ε over arrays at the default m.

        >>> s, v = Mixed.log2_counts_array(np.array([2.0]), np.array([1.0]))
        >>> round(float(2**s[0])), round(float(2**v[0]))   # m = 3, M = 3, q = 2
        (24, 12)
        """
        mpf = np.asarray(m_prime, dtype=np.float64)
        q = len(check_ops(ops))
        pairs = cls._pairs_array(mpf)
        size = _ln_falling_array(pairs, mpf) / LN2 + mpf * np.log2(q)
        return size, cls._log2_volume_array(mpf, errors, pairs * q)

    def instances(self, limit: int = 2_000_000) -> Iterator[Any]:
        """Every instance as a tuple of ((a, b), op)."""
        if self.exact_size() > limit:
            raise ValueError(f"family too large to enumerate (|F| > limit={limit})")
        pairs = list(itertools.combinations(range(self.m), 2))
        for tup in itertools.permutations(pairs, self.m_prime):
            for opseq in itertools.product(self.ops, repeat=self.m_prime):
                yield tuple(zip(tup, opseq, strict=True))

    def evaluate(self, instance: Any, x: np.ndarray) -> np.ndarray:
        """y_j = op_j(x_a, x_b) for an instance of ((a, b), op_j).

        >>> mixed(2, ("AND", "XOR"), m=3).evaluate((((0, 1), "AND"), ((1, 2), "XOR")),
        ...                                       np.array([[1, 1, 1]])).tolist()
        [[True, False]]
        """
        xb = np.asarray(x).astype(bool)
        return np.stack([OPS[o](xb[:, a], xb[:, b]) for (a, b), o in instance], axis=1)


def mixed(m_prime: Any, ops: tuple[str, ...] = ("AND", "OR"), m: Any = None) -> Mixed:
    """Labelled pairwise instances where each output also picks one of q ops.

    log₂|F| = log₂ (M)_{m′} + m′ log₂ q.

    >>> round(mixed(3, ("AND", "OR", "XOR"), m=4).log2_size()
    ...       - mixed(3, ("AND", "OR"), m=4).log2_size(), 9)   # 3 * log2(3/2)
    1.754887502
    """
    mp_ = as_m_prime(m_prime)
    return Mixed(mp_, pair_inputs(mp_, m), ops=check_ops(ops))
