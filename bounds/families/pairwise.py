"""Pairwise families: output j is op(x_a, x_b) for its own pair {a, b} of the m inputs.

M = C(m, 2) unordered pairs; the m′ pairs of an instance are distinct.

==========================  ========================  ==========================
family                      log₂|F|                   V_ε, e = ⌊ε m′⌋
==========================  ========================  ==========================
labelled (ordered tuple)    log₂ (M)_{m′}             C(m′, e)·M^e
unlabelled (set of pairs)   log₂ C(M, m′)             C(m′, e)·M^e
==========================  ========================  ==========================

Why V_ε: a network ε-correct for f agrees with f on all but e outputs; the wrong outputs
(C(m′, e) choices) can each be any of the M pairs. Identifying probes: every input with
at most two active features (so k ≥ 2). The op must be one of :data:`OPS` (symmetric and
depending on both inputs, so a pair is identifiable); it does not change the counts.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import mpmath
import numpy as np

from bounds.counting import LN2, _ln_falling_array
from bounds.families.base import CliOption, Explanation, ProblemFamily, _rng
from bounds.limits import MAX_INPUTS_M
from bounds.validation import as_int, as_m_prime

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["OPS", "PairFamily", "Pairwise", "least_pair_inputs", "pairwise"]

#: symmetric two-input operations that depend on both inputs (so a pair is identifiable)
OPS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "AND": lambda a, b: a & b,
    "OR": lambda a, b: a | b,
    "XOR": lambda a, b: a ^ b,
    "NAND": lambda a, b: ~(a & b),
    "NOR": lambda a, b: ~(a | b),
    "XNOR": lambda a, b: ~(a ^ b),
}


def least_pair_inputs(m_prime: int) -> int:
    """The least m with C(m, 2) ≥ m′: fewest inputs that have m′ distinct pairs.

    >>> least_pair_inputs(2), least_pair_inputs(3), least_pair_inputs(10**6)
    (3, 3, 1415)
    """
    m = max(2, (1 + math.isqrt(8 * m_prime)) // 2)
    while m * (m - 1) // 2 < m_prime:
        m += 1
    while m > 2 and (m - 1) * (m - 2) // 2 >= m_prime:
        m -= 1
    return m


def check_op(op: Any) -> str:
    """Upper-case op name from :data:`OPS`.

    >>> check_op("xor")
    'XOR'
    """
    opname = str(op).upper()
    if opname not in OPS:
        raise ValueError(f"op must be one of {', '.join(OPS)} (got {op!r})")
    return opname


def pair_inputs(m_prime: int, m: Any) -> int:
    """Validate m (default m′, raised to the least valid value) against m′ distinct pairs."""
    least = least_pair_inputs(m_prime)
    if m is None:
        return max(m_prime, least)
    mm = as_int(m, "m", 2)
    if mm * (mm - 1) // 2 < m_prime:
        raise ValueError(
            f"m must be an integer with C(m, 2) >= m_prime={m_prime}, i.e. m >= {least} "
            f"(got {m!r})"
        )
    return mm


def _unrank_pairs(t: np.ndarray) -> np.ndarray:
    """Pair index ``t = b(b-1)/2 + a`` (``a < b``) to ``(a, b)``."""
    t = np.asarray(t, dtype=np.int64)
    b = ((1 + np.sqrt(1 + 8 * t.astype(np.float64))) / 2).astype(np.int64)
    b -= (b * (b - 1) // 2 > t).astype(np.int64)
    b += ((b + 1) * b // 2 <= t).astype(np.int64)
    a = t - b * (b - 1) // 2
    return np.stack([a, b], axis=1)


@dataclass(frozen=True)
class PairFamily(ProblemFamily):
    """What every family of pair-indexed outputs shares: M, probes, pair instances."""

    min_sparsity = 2

    @staticmethod
    def default_m(m_prime: int) -> int:
        """m = m′, raised to the least m with C(m, 2) ≥ m′ (m′ = 2 needs m = 3)."""
        return max(m_prime, least_pair_inputs(m_prime))

    @staticmethod
    def least_m(m_prime: int) -> int:
        """The least m with C(m, 2) ≥ m′."""
        return least_pair_inputs(m_prime)

    @property
    def pairs(self) -> int:
        """M = C(m, 2), the number of unordered input pairs."""
        return self.m * (self.m - 1) // 2

    @property
    def _m_text(self) -> str:
        return str(self.m) if self.m < 10**15 else f"{self.m:.6e}"

    def _alphabet(self) -> int:
        """Choices per wrong output coordinate (M pairs, or q·M with ops)."""
        return self.pairs

    def _log2_falling_pairs_mp(self) -> mpmath.mpf:
        mm, mp_ = self.pairs, self.m_prime
        return (mpmath.loggamma(mm + 1) - mpmath.loggamma(mm - mp_ + 1)) / mpmath.ln(2)

    def _log2_volume_mp(self, e: int) -> mpmath.mpf:
        if e == 0:
            return mpmath.mpf(0)
        mp_ = self.m_prime
        comb = (
            mpmath.loggamma(mp_ + 1) - mpmath.loggamma(e + 1) - mpmath.loggamma(mp_ - e + 1)
        ) / mpmath.ln(2)
        return comb + e * mpmath.log(self._alphabet(), 2)

    def exact_tolerant_volume(self, e: int) -> int:
        return math.comb(self.m_prime, e) * self._alphabet() ** e

    def log2_tolerant_volume_sym(self, e: sp.Expr, m_prime: sp.Expr | None = None
                                 ) -> sp.Expr:
        import sympy as sp

        from bounds.counting import log2_binomial_sym

        mp_ = sp.Integer(self.m_prime) if m_prime is None else m_prime
        return log2_binomial_sym(mp_, e) + e * sp.log(self._alphabet(), 2)

    def _log2_falling_pairs_sym(self, m_prime: sp.Expr | None, m: sp.Expr | None) -> sp.Expr:
        import sympy as sp

        from bounds.counting import log2_falling_factorial_sym

        mp_ = sp.Integer(self.m_prime) if m_prime is None else m_prime
        mm_in = sp.Integer(self.m) if m is None else m
        return log2_falling_factorial_sym(mm_in * (mm_in - 1) / 2, mp_)

    @staticmethod
    def _pairs_array(m_prime: np.ndarray) -> np.ndarray:
        """M = C(m, 2) at the default m, as floats."""
        mpf = np.asarray(m_prime, dtype=np.float64)
        m_in = np.where(mpf == 2.0, 3.0, mpf)
        return m_in * (m_in - 1.0) / 2.0

    @staticmethod
    def _log2_volume_array(m_prime: np.ndarray, errors: np.ndarray, alphabet: np.ndarray
                           ) -> np.ndarray:
        mpf = np.asarray(m_prime, dtype=np.float64)
        ef = np.asarray(errors, dtype=np.float64)
        comb = (_ln_falling_array(mpf, ef) - _ln_falling_array(ef, ef)) / LN2
        return comb + ef * np.log2(alphabet)

    def probes(self) -> np.ndarray:
        """Every input with at most two active features (1 + m + M rows).

        >>> pairwise(3, m=3).probes().shape
        (7, 3)
        """
        rows = [np.zeros(self.m, dtype=np.int8)]
        for size in (1, 2):
            for idx in itertools.combinations(range(self.m), size):
                r = np.zeros(self.m, dtype=np.int8)
                r[list(idx)] = 1
                rows.append(r)
        return np.array(rows)

    def probe_count(self) -> int:
        """q = 1 + m + C(m, 2).

        >>> pairwise(3, m=3).probe_count()
        7
        """
        return 1 + self.m + self.pairs

    def sample_pairs(self, seed: int) -> np.ndarray:
        """An ordered m′-tuple of distinct pairs (a, b), a < b, uniform, from ``default_rng(seed)``.

        >>> pairwise(4, m=4).sample_pairs(0).shape
        (4, 2)
        """
        rng = _rng(seed)
        big_m, m_prime = self.pairs, self.m_prime
        if big_m <= 4 * m_prime or big_m <= 2_000_000:
            idx = rng.choice(big_m, size=m_prime, replace=False)
        else:
            idx = np.unique(rng.integers(0, big_m, size=m_prime + m_prime // 8 + 16))
            while idx.size < m_prime:
                idx = np.unique(np.concatenate([idx, rng.integers(0, big_m, size=m_prime)]))
            idx = rng.permutation(idx)[:m_prime]
        return _unrank_pairs(idx)

    def validate_pairs(self, instance: Any) -> np.ndarray:
        """Check an (m′, 2) array of distinct pairs of distinct features in [0, m).

        >>> pairwise(2, m=3).validate_pairs([[0, 2], [1, 0]]).tolist()
        [[0, 2], [1, 0]]
        """
        inst = self._as_int_array(instance)
        if inst.shape != (self.m_prime, 2):
            raise ValueError(f"instance must have shape ({self.m_prime}, 2) (got {inst.shape})")
        if inst.min() < 0 or inst.max() >= self.m:
            raise ValueError(f"instance features must lie in [0, {self.m - 1}] (m={self.m})")
        if np.any(inst[:, 0] == inst[:, 1]):
            j = int(np.flatnonzero(inst[:, 0] == inst[:, 1])[0])
            raise ValueError(f"instance pairs must have two distinct endpoints (pair {j} is "
                             f"{tuple(int(v) for v in inst[j])})")
        if np.unique(np.sort(inst, axis=1), axis=0).shape[0] != self.m_prime:
            raise ValueError("instance pairs must be distinct")
        return inst


@dataclass(frozen=True)
class Pairwise(PairFamily):
    """Pairwise op, labelled (ordered tuple of pairs) or unlabelled (set of pairs).

    >>> f = pairwise(3, m=4)
    >>> f.exact_size(), f.exact_tolerant_volume(1), f.label
    (120, 18, 'pairwise-AND (labelled, m=4)')
    """

    name = "pairwise"
    instance_text = "an ordered m'-tuple of distinct pairs (a, b) of range(m), y_j = op(x_a, x_b)"
    m_prime_ceiling = 10**300
    cli_options = (
        CliOption("--m", "m", "inputs m, an integer in [3, 10^50] with C(m, 2) >= m' "
                  "(default: the least such m >= m').", low=3, high=MAX_INPUTS_M),
        CliOption("--op", "op", "one of AND, OR, XOR, NAND, NOR, XNOR (default AND).",
                  kind="text", commands=("bounds", "capacity")),
        CliOption("--unlabelled", "labelled", "instances as sets of pairs (default: ordered).",
                  kind="flag", value=False),
    )
    explain_member = "AND, labelled, m = m' (at least 3)"
    capacity_note = ", m = m'"

    op: str = "AND"
    labelled: bool = True

    @property
    def label(self) -> str:
        kind = "labelled" if self.labelled else "unlabelled"
        return f"pairwise-{self.op} ({kind}, m={self._m_text})"

    def conjunctive(self) -> bool:
        """y_j = x_a ∧ x_b for AND (no other op).

        >>> pairwise(3).conjunctive(), pairwise(3, op="XOR").conjunctive()
        (True, False)
        """
        return self.op == "AND"

    def explanation(self) -> Explanation | None:
        """The labelled AND family's walk-through (the member explain offers; other ops and
        unlabelled sets have none: the probe argument below is the AND one).

        >>> pairwise(10).explanation().size_text
        "|F| = (M)_{m'}"
        """
        if not self.labelled or self.op != "AND":
            return None
        return Explanation(
            "log₂|F| = log₂ (M)_{m'}, M = C(m, 2)", "log2 (M)_(m') (falling factorial)",
            "|F| = (M)_{m'}",
            "I_eps = log2 (M)_(m') - log2 C(m', e) - e log2 M, e = floor(eps m')",
            "Take the pairwise-AND family: output j is the AND of its own pair "
            f"of the m = {self.m:,} inputs; an instance is an ordered m'-tuple of distinct "
            "pairs, so there are (M)_{m'} = M(M-1)…(M-m'+1) of them, M = C(m, 2).",
            "On the input with exactly the two features α, β active, output j is on iff its "
            "pair is {α, β}, so two different tuples disagree on some input with at most 2 "
            "active features.",
            "proofs identifiability-pairwise, counting-lemma")

    def info_nondecreasing(self) -> bool:
        """Labelled: (M)_{m′} with M = C(m, 2) at the default m never decreases (6, 6, 360,
        …); unlabelled: C(3, 3) = 1 < C(3, 2) = 3 at m′ = 3, so not in general."""
        return self.labelled

    def envelope_points(self, m_prime: int, eps: float) -> tuple[int, ...]:
        """Labelled, ε ≤ 1/2: :func:`bounds.envelope.envelope_points` (theorem
        pairwise-envelope); refused otherwise.

        >>> pairwise(5).envelope_points(199, 0.01)
        (199, 200)
        """
        if not self.labelled:
            return super().envelope_points(m_prime, eps)
        if eps > 0.5:
            raise ValueError(f"eps={eps:g}: capacity for pairwise families is decided for "
                             "eps <= 1/2 only (the envelope theorem needs runs of length >= 2)")
        from bounds.envelope import envelope_points

        return envelope_points(m_prime, eps)

    def restriction_lemma(self) -> bool:
        """Labelled: restrict to the instances whose last pair is {1, m + 1} (theorem
        capacity-real); unlabelled sets: not stated."""
        return self.labelled

    def log2_probe_tolerant_volume_mp(self, t: int, dps: int = 40) -> mpmath.mpf:
        """Labelled AND: log₂ min(|F|, C(M, t′)(t′)_{min(t′, m′)}), t′ = min(t, M)
        (:func:`bounds.tolerant.log2_volume_and`); exactly log₂|F| once t′ ≥ m′ (the
        all-zero network is then right for every instance). Other ops / unlabelled:
        refused (the probe argument is the AND one).

        >>> f = pairwise(3, m=3)
        >>> float(f.log2_probe_tolerant_volume_mp(3) - f._log2_size_mp())
        0.0
        """
        if self.op != "AND" or not self.labelled:
            return super().log2_probe_tolerant_volume_mp(t, dps)
        if min(t, self.pairs) >= self.m_prime:
            return self._log2_size_mp()
        from bounds.tolerant import log2_volume_and

        return log2_volume_and(self.m_prime, self.m, t, dps)

    def exact_size(self) -> int:
        fn = math.perm if self.labelled else math.comb
        return fn(self.pairs, self.m_prime)

    def _log2_size_mp(self) -> mpmath.mpf:
        lf = self._log2_falling_pairs_mp()
        if not self.labelled:
            lf -= mpmath.loggamma(self.m_prime + 1) / mpmath.ln(2)
        return lf

    def log2_size_sym(self, m_prime: sp.Expr | None = None, m: sp.Expr | None = None
                      ) -> sp.Expr:
        """log₂ (M)_{m′} (minus log₂ m′! when unlabelled) in sympy."""
        import sympy as sp

        from bounds.counting import log2_factorial_sym

        out = self._log2_falling_pairs_sym(m_prime, m)
        if not self.labelled:
            out = out - log2_factorial_sym(sp.Integer(self.m_prime) if m_prime is None
                                           else m_prime)
        return out

    @classmethod
    def log2_counts_array(cls, m_prime: np.ndarray, errors: np.ndarray, *,
                          labelled: bool = True, **_: Any) -> tuple[np.ndarray, np.ndarray]:
        """log₂|F| and log₂ V_ε over arrays at the default m (the op does not matter).

        >>> s, v = Pairwise.log2_counts_array(np.array([3.0]), np.array([1.0]))
        >>> round(float(2**s[0])), round(float(2**v[0]))   # m = 3: M = 3
        (6, 9)
        """
        mpf = np.asarray(m_prime, dtype=np.float64)
        pairs = cls._pairs_array(mpf)
        size = _ln_falling_array(pairs, mpf) / LN2
        if not labelled:
            size = size - _ln_falling_array(mpf, mpf) / LN2
        return size, cls._log2_volume_array(mpf, errors, pairs)

    def instances(self, limit: int = 2_000_000) -> Iterator[Any]:
        """Every instance as a tuple of pairs (a, b), a < b.

        >>> len(list(pairwise(2, m=3).instances()))
        6
        """
        if self.exact_size() > limit:
            raise ValueError(f"family too large to enumerate (|F| > limit={limit})")
        pairs = list(itertools.combinations(range(self.m), 2))
        gen = itertools.permutations if self.labelled else itertools.combinations
        yield from gen(pairs, self.m_prime)

    def evaluate(self, instance: Any, x: np.ndarray) -> np.ndarray:
        """y_j = op(x_a, x_b) for the j-th pair (tuple of pairs or an (m′, 2) array).

        >>> x = np.array([[1, 0, 1], [1, 1, 0]])
        >>> pairwise(2, m=3).evaluate(((0, 2), (0, 1)), x).tolist()
        [[True, False], [False, True]]
        """
        xb = np.asarray(x).astype(bool)
        inst = np.asarray(instance, dtype=np.int64).reshape(-1, 2)
        return OPS[self.op](xb[:, inst[:, 0]], xb[:, inst[:, 1]])

    def sample_instance(self, seed: int) -> np.ndarray:
        """A uniform labelled instance: :meth:`PairFamily.sample_pairs`."""
        return self.sample_pairs(seed)

    def validate_instance(self, instance: Any) -> np.ndarray:
        """An (m′, 2) array of distinct pairs (:meth:`PairFamily.validate_pairs`)."""
        return self.validate_pairs(instance)


def pairwise(m_prime: Any, m: Any = None, op: str = "AND", labelled: bool = True) -> Pairwise:
    """Pairwise operations: output j is op(x_a, x_b) for its own pair {a, b} of [m].

    ``m`` defaults to m′ (raised to 3 for m′ = 2, so that m′ distinct pairs exist).
    The m′ pairs are distinct; labelled instances are ordered tuples of pairs
    (|F| = (M)_{m′}), unlabelled ones sets (|F| = C(M, m′)), M = C(m, 2).

    >>> f = pairwise(1000)
    >>> f.m, f.pairs, round(f.log2_size(), 3)
    (1000, 499500, 18928.681)
    """
    mp_ = as_m_prime(m_prime)
    mm = pair_inputs(mp_, m)
    opname = check_op(op)
    if not isinstance(labelled, bool):
        raise ValueError(f"labelled must be a bool (got {labelled!r})")
    return Pairwise(mp_, mm, op=opname, labelled=labelled)
