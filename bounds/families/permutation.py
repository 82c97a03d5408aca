"""The permutation family: y_j = x_{π(j)} for a permutation π of the m′ features.

|F| = m′!, identifying probes: the m′ one-hot inputs. Error volume: a network ε-correct
for π agrees with π on all but e coordinates; the e wrong coordinates (C(m′, e) choices)
can only be filled with the e sources left over (at most e! ways), so
V_ε ≤ m′!/(m′ − e)! and I_ε = log₂((m′ − e)!) (theorem tolerant-volume-permutation).

:class:`ExactVolumePermutation` is the same family with the exact maximum V(m′, e) of
``bounds.volumes`` (theorem permutation-volume-exact) wherever it is computed — m′ ≤ 30
(every e) or e = 1 (V = 2, every m′) — and the bound m′!/(m′ − e)! elsewhere; the
calculator (``bounds.lower.lower_bounds``) uses it whenever it is sharper.
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
from bounds.families.base import Explanation, ProblemFamily, _rng, errors_allowed
from bounds.validation import as_int, as_m_prime

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["ExactVolumePermutation", "Permutation", "exact_volume_applies", "permutation"]


@dataclass(frozen=True)
class Permutation(ProblemFamily):
    """All permutations of m′ features (m = m′).

    >>> f = permutation(4)
    >>> f.exact_size(), f.exact_tolerant_volume(2), f.probe_count()
    (24, 12, 4)
    """

    name = "permutation"
    min_sparsity = 1
    m_prime_ceiling = 10**1000
    instance_text = "a permutation pi of range(m'), y_j = x[pi[j]]"
    m_is_m_prime = True
    lambert_form = True  # log2|F| = log2 m'!
    real_capacity_ratio_proved = True  # theorem capacity-real, "exactness for permutations"

    @property
    def label(self) -> str:
        return "permutation"

    def conjunctive(self) -> bool:
        """y_j = x_{π(j)}: the AND of one feature."""
        return True

    def explanation(self) -> Explanation:
        """The walk-through of ``superbounds explain``.

        >>> permutation(5).explanation().size_text
        "|F| = m'!"
        """
        return Explanation(
            "log₂|F| = log₂(m'!)", "log2(m'!)", "|F| = m'!",
            "I_eps = log2((m' - e)!), e = floor(eps m')",
            "Take the permutation family: output j copies input π(j). There are "
            f"m'! = {self.m_prime:,}! permutations.",
            "On the one-hot input e_i, output j is on iff π(j) = i, so two different "
            "permutations disagree on some one-hot input.",
            "proofs identifiability-permutation, counting-lemma",
            ratio_formula="-> (1 - eps) as m' -> oo", ratio_limit="1 − ε",
            ratio_proof="asymptotic-params",
            constant_text="The library's constant: P/(m' log₂ m') → (1 − ε)/b.")

    @staticmethod
    def default_m(m_prime: int) -> int:
        """m = m′ (a permutation has as many inputs as outputs)."""
        return m_prime

    @staticmethod
    def least_m(m_prime: int) -> int:
        """The only valid m: m′."""
        return m_prime

    # ------------------------------------------------------------ counts
    def info_nondecreasing(self) -> bool:
        """log₂ m′! increases with m′."""
        return True

    def envelope_points(self, m_prime: int, eps: float) -> tuple[int, ...]:
        """(m′,): I_ε = log₂((m′ − ⌊εm′⌋)!) is nondecreasing (m′ − ⌊εm′⌋ = ⌈(1 − ε)m′⌉).

        >>> permutation(5).envelope_points(7, 0.3)
        (7,)
        """
        return (m_prime,)

    def restriction_lemma(self) -> bool:
        """Restrict to the permutations fixing m′ + 1 (theorem capacity-real)."""
        return True

    def log2_probe_tolerant_volume_mp(self, t: int, dps: int = 40) -> mpmath.mpf:
        """log₂ V(m′, min(t, m′)) (upper end of ``bounds.volumes.log2_volume_bounds``): on
        probe e_i the instance outputs e_{π⁻¹(i)}, so t wrong probes are t wrong π⁻¹ values
        (``bounds.tolerant``).

        >>> round(float(2 ** permutation(5).log2_probe_tolerant_volume_mp(2)), 6)   # V(5, 2)
        11.0
        """
        from bounds.volumes import log2_volume_bounds

        return log2_volume_bounds(self.m_prime, min(t, self.m_prime), dps)[1]

    def sharpest_volume(self, eps: float) -> ProblemFamily | None:
        """:class:`ExactVolumePermutation` where its exact V(m′, e) is sharper, else None.

        >>> permutation(10).sharpest_volume(0.1).exact_tolerant_volume(1)
        2
        """
        if not exact_volume_applies(self.m_prime, errors_allowed(self.m_prime, eps)):
            return None
        return ExactVolumePermutation(self.m_prime, self.m)

    @classmethod
    def log2_counts_array_sharpest(cls, m_prime: np.ndarray, errors: np.ndarray,
                                   **options: Any) -> tuple[np.ndarray, np.ndarray]:
        """The exact V(m′, e) where sharper (:meth:`ExactVolumePermutation.log2_counts_array`;
        the factory validates ``options``)."""
        return ExactVolumePermutation.log2_counts_array(m_prime, errors)

    def exact_size(self) -> int:
        return math.factorial(self.m_prime)

    def exact_tolerant_volume(self, e: int) -> int:
        return math.perm(self.m_prime, e)

    def _log2_size_mp(self) -> mpmath.mpf:
        return mpmath.loggamma(self.m_prime + 1) / mpmath.ln(2)

    def _log2_volume_mp(self, e: int) -> mpmath.mpf:
        if e == 0:
            return mpmath.mpf(0)
        mp_ = self.m_prime
        return (mpmath.loggamma(mp_ + 1) - mpmath.loggamma(mp_ - e + 1)) / mpmath.ln(2)

    @classmethod
    def log2_counts_array(cls, m_prime: np.ndarray, errors: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
        """log₂ m′! and log₂ (m′)_e over arrays.

        >>> s, v = Permutation.log2_counts_array(np.array([4.0]), np.array([2.0]))
        >>> round(float(2**s[0])), round(float(2**v[0]))
        (24, 12)
        """
        mpf = np.asarray(m_prime, dtype=np.float64)
        ef = np.asarray(errors, dtype=np.float64)
        return _ln_falling_array(mpf, mpf) / LN2, _ln_falling_array(mpf, ef) / LN2

    def log2_size_sym(self, m_prime: sp.Expr | None = None, m: sp.Expr | None = None
                      ) -> sp.Expr:
        """log₂ m′! in sympy.

        >>> import sympy as sp
        >>> permutation(10).log2_size_sym(sp.Symbol("m'", positive=True))
        loggamma(m' + 1)/log(2)
        """
        import sympy as sp

        from bounds.counting import log2_factorial_sym

        return log2_factorial_sym(sp.Integer(self.m_prime) if m_prime is None else m_prime)

    def log2_tolerant_volume_sym(self, e: sp.Expr, m_prime: sp.Expr | None = None
                                 ) -> sp.Expr:
        import sympy as sp

        from bounds.counting import log2_falling_factorial_sym

        mp_ = sp.Integer(self.m_prime) if m_prime is None else m_prime
        return log2_falling_factorial_sym(mp_, e)

    # ------------------------------------------------------------ probes, instances
    def probes(self) -> np.ndarray:
        """The m′ one-hot inputs.

        >>> permutation(3).probes().tolist()
        [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        """
        return np.eye(self.m, dtype=np.int8)

    def probe_count(self) -> int:
        return self.m_prime

    def instances(self, limit: int = 2_000_000) -> Iterator[Any]:
        """Every permutation as a tuple π (y_j = x_{π(j)}).

        >>> len(list(permutation(3).instances()))
        6
        """
        if self.exact_size() > limit:
            raise ValueError(f"family too large to enumerate (|F| > limit={limit})")
        yield from itertools.permutations(range(self.m_prime))

    def evaluate(self, instance: Any, x: np.ndarray) -> np.ndarray:
        """y = x[:, π].

        >>> permutation(3).evaluate((2, 0, 1), np.array([[1, 0, 0]])).tolist()
        [[False, True, False]]
        """
        return np.asarray(x).astype(bool)[:, np.asarray(instance, dtype=np.int64)]

    def sample_instance(self, seed: int) -> np.ndarray:
        """A uniform permutation of range(m′) from ``default_rng(seed)``.

        >>> permutation(5).sample_instance(0).tolist()
        [2, 4, 3, 0, 1]
        """
        return _rng(seed).permutation(self.m_prime).astype(np.int64)

    def validate_instance(self, instance: Any) -> np.ndarray:
        """Check that ``instance`` is a permutation of range(m′).

        >>> permutation(2).validate_instance([1, 0]).tolist()
        [1, 0]
        """
        inst = self._as_int_array(instance)
        if inst.shape != (self.m_prime,) or not np.array_equal(
            np.sort(inst), np.arange(self.m_prime)
        ):
            raise ValueError(f"instance must be a permutation of range({self.m_prime})")
        return inst


def permutation(m_prime: Any, *, m: Any = None) -> Permutation:
    """The family of all permutations of m′ features: y_j = x_{π(j)}, |F| = m′!.

    ``m``, when given, must equal m′.

    >>> permutation(4).exact_size()
    24
    """
    mp_ = as_m_prime(m_prime)
    if m is not None and as_int(m, "m", 2) != mp_:
        raise ValueError(f"m must equal m_prime={mp_} for a permutation (got m={m!r})")
    return Permutation(mp_, mp_)


def exact_volume_applies(m_prime: int, e: int) -> bool:
    """Is the exact V(m′, e) computed *and* smaller than m′!/(m′ − e)!?

    True for e = 1 and m′ ≥ 3 (V = 2 < m′), and for 2 ≤ e ≤ m′ − 2 with m′ ≤ 30
    (V < (m′)_e there; V = m′! = (m′)_e for e ≥ m′ − 1).

    >>> [exact_volume_applies(5, e) for e in range(6)], exact_volume_applies(10**40, 1)
    ([False, True, True, True, False, False], True)
    """
    from bounds.volumes import EXACT_LIMIT

    if e == 1:
        return m_prime >= 3
    return 2 <= e <= m_prime - 2 and m_prime <= EXACT_LIMIT


@dataclass(frozen=True)
class ExactVolumePermutation(Permutation):
    """Permutations with the exact error volume where it is computed (else the §3 bound).

    V(m′, e) = max over fibre partitions c of m′ of Σ_{i ≥ t} (−1)^{i−t} C(i−1, t−1)
    e_i(c) (m′ − i)!, t = m′ − e (``bounds.volumes``; theorem permutation-volume-exact).

    >>> f = ExactVolumePermutation(5, 5)
    >>> [f.exact_tolerant_volume(e) for e in range(6)]
    [1, 2, 11, 36, 120, 120]
    >>> float(ExactVolumePermutation(10**6, 10**6).info_bits_mp(1e-6)
    ...       - permutation(10**6).info_bits_mp(1e-6))          # log2(10^6 / 2)
    18.931568569324174
    """

    def sharpest_volume(self, eps: float) -> ProblemFamily | None:
        """None: already the sharpest."""
        return None

    def exact_tolerant_volume(self, e: int) -> int:
        if exact_volume_applies(self.m_prime, e):
            from bounds.volumes import volume

            return volume(self.m_prime, e)[0]
        return super().exact_tolerant_volume(e)

    def _log2_volume_mp(self, e: int) -> mpmath.mpf:
        if exact_volume_applies(self.m_prime, e):
            return mpmath.log(self.exact_tolerant_volume(e), 2)
        return super()._log2_volume_mp(e)

    def log2_tolerant_volume_sym(self, e: sp.Expr, m_prime: sp.Expr | None = None
                                 ) -> sp.Expr:
        """log₂ V(m′, e): the rook-formula maximum (concrete m′, e), else the §3 form.

        >>> import sympy as sp
        >>> ExactVolumePermutation(5, 5).log2_tolerant_volume_sym(sp.Integer(2))
        log(11)/log(2)
        """
        import sympy as sp

        from bounds.volumes import max_volume_sym

        if m_prime is None and e.is_Integer and exact_volume_applies(self.m_prime, int(e)):
            return sp.log(max_volume_sym(self.m_prime, int(e)), 2)
        return super().log2_tolerant_volume_sym(e, m_prime)

    @classmethod
    def log2_counts_array(cls, m_prime: np.ndarray, errors: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
        """As :meth:`Permutation.log2_counts_array`, with log₂ V exact where it applies.

        >>> s, v = ExactVolumePermutation.log2_counts_array(np.array([5.0, 1e6]),
        ...                                                 np.array([2.0, 1.0]))
        >>> [round(float(2**x), 9) for x in v]
        [11.0, 2.0]
        """
        size, vol = Permutation.log2_counts_array(m_prime, errors)
        vol = np.array(vol, dtype=np.float64, copy=True)
        mp_flat = np.asarray(m_prime).reshape(-1)
        e_flat = np.asarray(errors).reshape(-1)
        v_flat = vol.reshape(-1)
        for i in np.flatnonzero((e_flat == 1) | (mp_flat <= 30)):
            mp_i, e_i = int(mp_flat[i]), int(e_flat[i])
            if exact_volume_applies(mp_i, e_i):
                v_flat[i] = math.log2(ExactVolumePermutation(mp_i, mp_i)
                                      .exact_tolerant_volume(e_i))
        return size, vol
