"""Problem families (SPEC §2): how many instances, how to identify one, error volumes.

A *problem instance* maps inputs x ∈ {0,1}^m to outputs y ∈ {0,1}^{m′}; a *family* is
a set of instances. For the counting argument each family provides

* log₂|F| — bits needed to name one instance;
* identifying probes — inputs on which any two instances differ (checked by brute
  force on small sizes in the tests);
* V_ε — an upper bound on how many instances one network can be ε-correct for, so
  that I_ε = log₂|F| − log₂ V_ε (clamped at 0) bits must be stored (SPEC §3).

Families (m′ outputs; M = C(m, 2) unordered pairs of the m inputs):

============================  ==================================  ==========================
family                        log₂|F|                             V_ε, e = ⌊ε m′⌋
============================  ==================================  ==========================
permutation (m = m′)          log₂ m′!                            m′!/(m′−e)!
pairwise, labelled            log₂ (M)_{m′}                       C(m′, e)·M^e
pairwise, unlabelled          log₂ C(M, m′)                       C(m′, e)·M^e
mixed ops (q ops), labelled   log₂ (M)_{m′} + m′ log₂ q           C(m′, e)·(qM)^e
user-defined                  user's callable                     user's callable (or none)
============================  ==================================  ==========================

Why V_ε: a network ε-correct for f agrees with f on all but e output coordinates.
For a permutation the e wrong coordinates (C(m′, e) choices) can only be filled with
the e sources left over (at most e! ways); for pairwise families each wrong output is
one of M pairs (qM with ops). These are this library's counts; tests confirm them by
enumeration for small m′.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from bounds.counting import (
    ceil_log2_ratio,
    log2_binomial_sym,
    log2_factorial_sym,
    log2_falling_factorial_sym,
)
from bounds.validation import as_int, as_m_prime, as_real

__all__ = [
    "EXACT_BITS_LIMIT",
    "OPS",
    "ProblemFamily",
    "errors_allowed",
    "family",
    "mixed",
    "pairwise",
    "permutation",
    "user_defined",
]

#: symmetric two-input operations that depend on both inputs (so a pair is identifiable)
OPS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "AND": lambda a, b: a & b,
    "OR": lambda a, b: a | b,
    "XOR": lambda a, b: a ^ b,
    "NAND": lambda a, b: ~(a & b),
    "NOR": lambda a, b: ~(a | b),
    "XNOR": lambda a, b: ~(a ^ b),
}

#: integer answers use exact big integers while log₂ of the count is below this
EXACT_BITS_LIMIT = 3_000_000


def errors_allowed(m_prime: int, eps: float) -> int:
    """e = ⌊ε·m′⌋, the number of output coordinates allowed to be wrong (SPEC §1).

    Computed exactly from the decimal value of ε (so ε = 0.1, m′ = 10 gives e = 1).

    >>> errors_allowed(1000, 0.01), errors_allowed(10, 0.1), errors_allowed(10, 0.0)
    (10, 1, 0)
    """
    from fractions import Fraction

    eps = as_real(eps, "eps", 0.0, 1.0)
    return math.floor(Fraction(repr(eps)) * m_prime)


@dataclass(frozen=True)
class ProblemFamily:
    """One problem family of SPEC §2 at a fixed size. Build with the factories below."""

    name: str
    m_prime: int
    m: int
    op: str | None = None
    labelled: bool = True
    ops: tuple[str, ...] = ()
    log2_size_fn: Callable[[int], float] | None = field(default=None, compare=False)
    log2_volume_fn: Callable[[int, int], float] | None = field(default=None, compare=False)

    # ----------------------------------------------------------- description
    @property
    def pairs(self) -> int:
        """M = C(m, 2), the number of unordered input pairs (pairwise families)."""
        return self.m * (self.m - 1) // 2

    @property
    def _m_text(self) -> str:
        return str(self.m) if self.m < 10**15 else f"{self.m:.6e}"

    @property
    def label(self) -> str:
        """Short human name, e.g. ``pairwise-AND (labelled, m=1000)``."""
        if self.name == "permutation":
            return "permutation"
        if self.name == "pairwise":
            kind = "labelled" if self.labelled else "unlabelled"
            return f"pairwise-{self.op} ({kind}, m={self._m_text})"
        if self.name == "mixed":
            return f"pairwise mixed ops {{{','.join(self.ops)}}} (m={self._m_text})"
        return f"user-defined {self.op or ''}".strip()

    @property
    def min_sparsity(self) -> int:
        """Least k for which the identifying probes are k-sparse inputs."""
        return 1 if self.name == "permutation" else 2

    def _alphabet(self) -> int:
        """Choices per output coordinate: m′ sources, M pairs, or q·M (pair, op)."""
        if self.name == "permutation":
            return self.m_prime
        if self.name == "mixed":
            return self.pairs * len(self.ops)
        return self.pairs

    # ----------------------------------------------------------- exact counts
    def exact_size(self) -> int:
        """|F| as an exact integer (feasible when log₂|F| is moderate).

        >>> permutation(4).exact_size(), pairwise(3, m=4).exact_size()
        (24, 120)
        """
        if self.name == "permutation":
            return math.factorial(self.m_prime)
        if self.name == "pairwise":
            fn = math.perm if self.labelled else math.comb
            return fn(self.pairs, self.m_prime)
        if self.name == "mixed":
            return math.perm(self.pairs, self.m_prime) * len(self.ops) ** self.m_prime
        raise ValueError("a user-defined family has no exact size")

    def exact_tolerant_volume(self, e: int) -> int:
        """The V_ε bound of the module table for e wrong outputs, exactly.

        >>> permutation(5).exact_tolerant_volume(2), pairwise(3, m=4).exact_tolerant_volume(1)
        (20, 18)
        """
        if self.name == "permutation":
            return math.perm(self.m_prime, e)
        if self.name in ("pairwise", "mixed"):
            return math.comb(self.m_prime, e) * self._alphabet() ** e
        raise ValueError("a user-defined family has no exact volume")

    # ----------------------------------------------------------- log2 counts
    def log2_size(self) -> float:
        """log₂|F| (float; mpmath underneath, any size).

        >>> round(permutation(1000).log2_size(), 6)
        8529.398004
        """
        with mpmath.workdps(self._dps()):
            return float(self._log2_size_mp())

    def _log2_size_mp(self) -> mpmath.mpf:
        mp_ = self.m_prime
        if self.name == "user":
            assert self.log2_size_fn is not None
            return mpmath.mpf(self.log2_size_fn(mp_))
        ln2 = mpmath.ln(2)
        if self.name == "permutation":
            return mpmath.loggamma(mp_ + 1) / ln2
        mm = self.pairs
        lf = (mpmath.loggamma(mm + 1) - mpmath.loggamma(mm - mp_ + 1)) / ln2
        if self.name == "pairwise" and not self.labelled:
            lf -= mpmath.loggamma(mp_ + 1) / ln2
        if self.name == "mixed":
            lf += mp_ * mpmath.log(len(self.ops), 2)
        return lf

    def _log2_volume_mp(self, e: int) -> mpmath.mpf:
        if e == 0:
            return mpmath.mpf(0)
        if self.name == "user":
            if self.log2_volume_fn is None:
                raise ValueError("eps > 0 needs log2_volume for a user-defined family")
            return mpmath.mpf(self.log2_volume_fn(self.m_prime, e))
        ln2 = mpmath.ln(2)
        mp_ = self.m_prime
        if self.name == "permutation":
            return (mpmath.loggamma(mp_ + 1) - mpmath.loggamma(mp_ - e + 1)) / ln2
        comb = (
            mpmath.loggamma(mp_ + 1) - mpmath.loggamma(e + 1) - mpmath.loggamma(mp_ - e + 1)
        ) / ln2
        return comb + e * mpmath.log(self._alphabet(), 2)

    def log2_tolerant_volume(self, e: int) -> float:
        """log₂ V_ε for e wrong outputs (see the module table).

        >>> round(pairwise(3, m=4).log2_tolerant_volume(1), 9)   # log2(3 * 6)
        4.169925001
        """
        e = as_int(e, "e", 0, self.m_prime)
        with mpmath.workdps(self._dps()):
            return float(self._log2_volume_mp(e))

    def _dps(self) -> int:
        return 40 + len(str(self.m_prime)) + len(str(self.m))

    def _feasible_exact(self) -> bool:
        return self.name != "user" and self.log2_size() <= EXACT_BITS_LIMIT

    def info_bits(self, eps: float = 0.0) -> float:
        """I_ε = max(0, log₂|F| − log₂ V_ε): bits any ε-correct class must store (SPEC §3).

        >>> round(permutation(1000).info_bits(0.01), 3)   # = log2(990!)
        8429.805
        """
        e = errors_allowed(self.m_prime, eps)
        with mpmath.workdps(self._dps()):
            val = self._log2_size_mp() - self._log2_volume_mp(e)
        return max(0.0, float(val))

    def info_bits_ceil(self, eps: float = 0.0) -> int:
        """⌈I_ε⌉ as an exact integer: every integer inequality "B ≥ I_ε" is "B ≥ ⌈I_ε⌉".

        Computed with mpmath at ≥ 40 significant digits and accepted when I_ε is more
        than 1e-20 away from an integer; otherwise decided in exact big-integer
        arithmetic (⌈log₂(|F|/V_ε)⌉) while log₂|F| ≤ :data:`EXACT_BITS_LIMIT`, and
        refused beyond (never a guessed number).

        >>> permutation(1000).info_bits_ceil(), permutation(2).info_bits_ceil()
        (8530, 1)
        """
        e = errors_allowed(self.m_prime, eps)
        with mpmath.workdps(self._dps()):
            val = self._log2_size_mp() - self._log2_volume_mp(e)
            nearest = mpmath.nint(val)
            if abs(val - nearest) > mpmath.mpf(10) ** -20 or self.name == "user":
                # a user-defined family's integer answers come from its float value
                return max(0, int(mpmath.ceil(val)))
        if self._feasible_exact():
            size = self.exact_size()
            vol = self.exact_tolerant_volume(e)
            return 0 if size <= vol else ceil_log2_ratio(size, vol)
        raise ValueError(
            f"cannot decide ceil(I_eps) for m_prime={self.m_prime}: "
            "too close to an integer for the precision used"
        )

    # ----------------------------------------------------------- sympy forms
    def log2_size_sym(self, m_prime: sp.Expr | None = None, m: sp.Expr | None = None) -> sp.Expr:
        """log₂|F| as a sympy expression in m′ (and m), beside :meth:`log2_size`.

        >>> x = sp.Symbol("m'", positive=True)
        >>> permutation(10).log2_size_sym(x)
        loggamma(m' + 1)/log(2)
        """
        mp_ = sp.Integer(self.m_prime) if m_prime is None else m_prime
        if self.name == "permutation":
            return log2_factorial_sym(mp_)
        if self.name == "user":
            raise ValueError("a user-defined family has no sympy form")
        mm_in = sp.Integer(self.m) if m is None else m
        mm = mm_in * (mm_in - 1) / 2
        out = log2_falling_factorial_sym(mm, mp_)
        if self.name == "pairwise" and not self.labelled:
            out = out - log2_factorial_sym(mp_)
        if self.name == "mixed":
            out = out + mp_ * sp.log(len(self.ops), 2)
        return out

    def log2_tolerant_volume_sym(self, e: sp.Expr, m_prime: sp.Expr | None = None) -> sp.Expr:
        """log₂ V_ε as a sympy expression (e wrong outputs)."""
        mp_ = sp.Integer(self.m_prime) if m_prime is None else m_prime
        if self.name == "permutation":
            return log2_falling_factorial_sym(mp_, e)
        if self.name == "user":
            raise ValueError("a user-defined family has no sympy form")
        return log2_binomial_sym(mp_, e) + e * sp.log(self._alphabet(), 2)

    # ----------------------------------------------------------- small sizes
    def probes(self) -> np.ndarray:
        """Identifying probes as a 0/1 array (num_probes, m) (SPEC §2).

        Permutation: the m′ one-hot inputs. Pairwise: every input with ≤ 2 active.

        >>> permutation(3).probes().tolist()
        [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        >>> pairwise(3, m=3).probes().shape
        (7, 3)
        """
        if self.name == "permutation":
            return np.eye(self.m, dtype=np.int8)
        if self.name == "user":
            raise ValueError("a user-defined family has no built-in probes")
        rows = [np.zeros(self.m, dtype=np.int8)]
        for size in (1, 2):
            for idx in itertools.combinations(range(self.m), size):
                r = np.zeros(self.m, dtype=np.int8)
                r[list(idx)] = 1
                rows.append(r)
        return np.array(rows)

    def instances(self, limit: int = 2_000_000) -> Iterator[Any]:
        """Enumerate every instance (small sizes only; refuses beyond ``limit``).

        A permutation instance is a tuple π with y_j = x_{π(j)}; a pairwise instance a
        tuple of pairs (a, b) with a < b; mixed, a tuple of ((a, b), op).

        >>> len(list(permutation(3).instances())), len(list(pairwise(2, m=3).instances()))
        (6, 6)
        """
        if self.name == "user":
            raise ValueError("a user-defined family cannot be enumerated")
        if self.exact_size() > limit:
            raise ValueError(f"family too large to enumerate (|F| > limit={limit})")
        if self.name == "permutation":
            yield from itertools.permutations(range(self.m_prime))
            return
        pairs = list(itertools.combinations(range(self.m), 2))
        if self.name == "pairwise":
            gen = itertools.permutations if self.labelled else itertools.combinations
            yield from gen(pairs, self.m_prime)
            return
        for tup in itertools.permutations(pairs, self.m_prime):
            for opseq in itertools.product(self.ops, repeat=self.m_prime):
                yield tuple(zip(tup, opseq, strict=True))

    def evaluate(self, instance: Any, x: np.ndarray) -> np.ndarray:
        """Outputs f(x) of one instance on a batch x (batch, m) → bool (batch, m′).

        >>> x = np.array([[1, 0, 1], [1, 1, 0]])
        >>> pairwise(2, m=3).evaluate(((0, 2), (0, 1)), x).tolist()
        [[True, False], [False, True]]
        """
        xb = np.asarray(x).astype(bool)
        if self.name == "permutation":
            return xb[:, list(instance)]
        if self.name == "pairwise":
            op = OPS[self.op or "AND"]
            return np.stack([op(xb[:, a], xb[:, b]) for a, b in instance], axis=1)
        if self.name == "mixed":
            return np.stack([OPS[o](xb[:, a], xb[:, b]) for (a, b), o in instance], axis=1)
        raise ValueError("a user-defined family cannot be evaluated")


# ---------------------------------------------------------------- factories
def permutation(m_prime: Any) -> ProblemFamily:
    """The family of all permutations of m′ features: y_j = x_{π(j)}, |F| = m′!.

    >>> permutation(4).exact_size()
    24
    """
    mp_ = as_m_prime(m_prime)
    return ProblemFamily("permutation", mp_, mp_)


def _default_m(m_prime: int) -> int:
    """Default inputs for pairwise families: m = m′, raised to the least m with C(m,2) ≥ m′."""
    m = m_prime
    while m * (m - 1) // 2 < m_prime:
        m += 1
    return m


def pairwise(
    m_prime: Any, m: Any = None, op: str = "AND", labelled: bool = True
) -> ProblemFamily:
    """Pairwise operations: output j is op(x_a, x_b) for its own pair {a, b} of [m].

    ``m`` defaults to m′ (raised to 3 for m′ = 2, so that m′ distinct pairs exist).
    The m′ pairs are distinct; labelled instances are ordered tuples of pairs
    (|F| = (M)_{m′}), unlabelled ones sets (|F| = C(M, m′)), M = C(m, 2).

    >>> f = pairwise(1000)
    >>> f.m, f.pairs, round(f.log2_size(), 3)
    (1000, 499500, 18928.681)
    """
    mp_ = as_m_prime(m_prime)
    mm = _default_m(mp_) if m is None else as_int(m, "m", 2)
    if mm * (mm - 1) // 2 < mp_:
        raise ValueError(
            f"m must be an integer with C(m, 2) >= m_prime={mp_}, i.e. m >= {_default_m(mp_)} "
            f"(got {m!r})"
        )
    opname = str(op).upper()
    if opname not in OPS:
        raise ValueError(f"op must be one of {', '.join(OPS)} (got {op!r})")
    if not isinstance(labelled, bool):
        raise ValueError(f"labelled must be a bool (got {labelled!r})")
    return ProblemFamily("pairwise", mp_, mm, op=opname, labelled=labelled)


def mixed(m_prime: Any, ops: tuple[str, ...] = ("AND", "OR"), m: Any = None) -> ProblemFamily:
    """Labelled pairwise instances where each output also picks one of q ops.

    log₂|F| = log₂ (M)_{m′} + m′ log₂ q.

    >>> round(mixed(3, ("AND", "OR", "XOR"), m=4).log2_size() - pairwise(3, m=4).log2_size(), 9)
    4.754887502
    """
    base = pairwise(m_prime, m)
    names = tuple(str(o).upper() for o in ops)
    if len(names) < 2 or len(set(names)) != len(names) or any(o not in OPS for o in names):
        raise ValueError(f"ops must be >= 2 distinct names from {', '.join(OPS)} (got {ops!r})")
    return ProblemFamily("mixed", base.m_prime, base.m, ops=names)


def user_defined(
    m_prime: Any,
    log2_size: Callable[[int], float],
    *,
    m: Any = None,
    name: str = "user",
    log2_volume: Callable[[int, int], float] | None = None,
) -> ProblemFamily:
    """A family given only by a callable m′ ↦ log₂|F| (and optionally (m′, e) ↦ log₂ V_ε).

    Identifiability is the user's claim; integer answers come from the float value.

    >>> round(user_defined(100, lambda n: 2.0 * n).log2_size(), 3)
    200.0
    """
    mp_ = as_m_prime(m_prime)
    if not callable(log2_size):
        raise ValueError("log2_size must be a callable m_prime -> log2|F|")
    mm = mp_ if m is None else as_int(m, "m", 1)
    return ProblemFamily(
        "user", mp_, mm, op=name, log2_size_fn=log2_size, log2_volume_fn=log2_volume
    )


def family(problem: str, m_prime: Any, *, m: Any = None, op: str = "AND",
           labelled: bool = True) -> ProblemFamily:
    """Build a family by name: ``"permutation"`` or ``"pairwise"`` (CLI helper).

    >>> family("pairwise", 10, op="xor").label
    'pairwise-XOR (labelled, m=10)'
    """
    if problem == "permutation":
        if m is not None and as_int(m, "m", 2) != as_m_prime(m_prime):
            raise ValueError(f"m must equal m_prime for a permutation (got m={m!r})")
        return permutation(m_prime)
    if problem == "pairwise":
        return pairwise(m_prime, m, op, labelled)
    raise ValueError(f"problem must be one of permutation, pairwise (got {problem!r})")



