"""The protocol every problem family follows (docs/model.md §2), and what they share.

A *problem instance* maps inputs x ∈ {0,1}^m to outputs y ∈ {0,1}^{m′}; a *family* is a
set of instances. For the counting argument a family provides

* log₂|F| — bits needed to name one instance — as an exact integer |F| (small sizes), an
  mpmath number (any size), a numpy array over m′ (the fast path) and a sympy expression;
* log₂ V_ε — an upper bound on how many instances one network can be ε-correct for
  (e = ⌊ε m′⌋ wrong outputs), in the same four forms, so that I_ε = log₂|F| − log₂ V_ε
  (clamped at 0) bits must be stored;
* identifying probes — inputs on which any two instances differ (brute-force checked on
  small sizes in the tests and in the identifiability proofs);
* instances: enumeration (small sizes), seeded sampling, validation and evaluation, so
  that constructions and verifiers never infer semantics of their own.

One subclass per family lives in its own module; :mod:`bounds.families.registry` lists
them. Adding a family is one module plus one registry line.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

import mpmath
import numpy as np

from bounds.counting import ceil_log2_ratio
from bounds.validation import as_int, as_real

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["EXACT_BITS_LIMIT", "CliOption", "Explanation", "ProblemFamily", "errors_allowed"]

#: integer answers use exact big integers while log₂ of the count is below this
EXACT_BITS_LIMIT = 3_000_000


def errors_allowed(m_prime: int, eps: float) -> int:
    """e = ⌊ε·m′⌋, the number of output coordinates allowed to be wrong (docs/model.md §1).

    Computed exactly from the decimal value of ε (so ε = 0.1, m′ = 10 gives e = 1).

    >>> errors_allowed(1000, 0.01), errors_allowed(10, 0.1), errors_allowed(10, 0.0)
    (10, 1, 0)
    """
    eps = as_real(eps, "eps", 0.0, 1.0)
    return math.floor(Fraction(repr(eps)) * m_prime)


def errors_allowed_array(m_prime: np.ndarray, eps: float) -> np.ndarray:
    """:func:`errors_allowed` elementwise over an int64 array of m′, in exact integers.

    >>> errors_allowed_array(np.array([10, 1000, 99]), 0.01).tolist()
    [0, 10, 0]
    """
    num, den = Fraction(repr(as_real(eps, "eps", 0.0, 1.0))).as_integer_ratio()
    if num == 0:
        return np.zeros_like(m_prime)
    if m_prime.size and int(m_prime.max()) <= (2**63 - 1) // num:
        return m_prime * num // den
    flat = [v * num // den for v in m_prime.ravel().tolist()]
    return np.array(flat, dtype=np.int64).reshape(m_prime.shape)


def _rng(seed: Any) -> np.random.Generator:
    """``default_rng(seed)`` for an int seed ≥ 0 or a :class:`numpy.random.SeedSequence`."""
    if not isinstance(seed, np.random.SeedSequence):
        seed = as_int(seed, "seed", 0)
    return np.random.default_rng(seed)


@dataclass(frozen=True)
class CliOption:
    """A calculator option that a family takes (``superbounds bounds --m 1415 …``).

    ``flag`` is the command-line name and ``key`` the factory keyword it sets; ``help``
    follows "<Family> only: " in ``--help``. ``kind``: ``"int"`` (parsed as an integer in
    [``low``, ``high``]), ``"text"`` (passed on; the factory validates it) or ``"flag"``
    (sets ``key`` to ``value`` when given). ``commands``: the calculator commands that
    offer it. The command line builds one option per flag from every registered family
    and refuses a flag for a family that does not declare it.

    >>> CliOption("--unlabelled", "labelled", "sets of pairs.", kind="flag", value=False).key
    'labelled'
    """

    flag: str
    key: str
    help: str
    kind: str = "int"
    low: int = 1
    high: int = 10**50
    value: Any = None
    commands: tuple[str, ...] = ("bounds",)

    def __post_init__(self) -> None:
        if self.kind not in ("int", "text", "flag") or not self.flag.startswith("--"):
            raise ValueError(f"bad CliOption {self.flag!r} (kind {self.kind!r})")


@dataclass(frozen=True)
class Explanation:
    """What ``superbounds explain`` says about one family member (proofs/explain.py).

    Sections 1–2 of the walk-through: how |F| is counted (``size_label`` for people,
    ``size_formula`` / ``info_formula`` in ASCII, ``size_text`` naming |F|), the family in
    words (``family_text``), why the probes tell instances apart (``probes_text``) and the
    proofs behind it (``proofs``). Section 4: ``ratio_limit`` is the proved limit of
    b·P/(m′ log₂ m′) (``ratio_proof`` names its proof; ``""``: no limit is proved, only
    ``ratio_formula``) and ``constant_text`` the library's constant after claim A1.
    """

    size_label: str
    size_formula: str
    size_text: str
    info_formula: str
    family_text: str
    probes_text: str
    proofs: str
    ratio_formula: str = "Theta(1): log2|F| = Theta(m' log m')"
    ratio_limit: str = ""
    ratio_proof: str = ""
    constant_text: str = ""


@dataclass(frozen=True)
class ProblemFamily(ABC):
    """One problem family at a fixed size (m′ outputs, m inputs).

    Subclasses implement the counts (exact, mpmath, array, sympy), probes and instance
    handling; everything derived from them (I_ε, its exact ceiling) lives here once.
    """

    #: registry key (``"permutation"``, ``"pairwise"``, …)
    name: ClassVar[str] = ""
    #: least k for which the identifying probes are k-sparse inputs
    min_sparsity: ClassVar[int] = 1
    #: one line on what an instance is, for help texts and reports
    instance_text: ClassVar[str] = ""
    #: the largest m′ the command line computes for this family under model D1
    #: (:func:`bounds.limits.max_m_prime`)
    m_prime_ceiling: ClassVar[int] = 10**300
    #: the calculator options it takes besides ``--problem`` (``bounds.cli.calculator``)
    cli_options: ClassVar[tuple[CliOption, ...]] = ()
    #: which member ``superbounds explain --problem NAME`` walks through, for its help
    explain_member: ClassVar[str] = ""
    #: True when m = m′ is forced (each output has its own source: permutations); the
    #: closed-form accounting of C0 then writes d = m′ (``bounds.constructions.trivial``)
    m_is_m_prime: ClassVar[bool] = False
    #: True when log₂|F| = log₂ m′!, so that Stirling's m′(ln m′ − 1) = B ln 2 and its
    #: Lambert-W solution approximate the capacity at ε = 0 (``bounds.capacity``); a
    #: family that does not say so gets no approximation printed
    lambert_form: ClassVar[bool] = False
    #: True when theorem capacity-real's ratio argument holds (q = m′ probes and
    #: I_lo(m′)/m′ nondecreasing, I_lo = log₂ Γ((1 − ε)m′ + 1): permutations): the
    #: real-parameter predicate is then proved monotone in m′ and ε > 0 is decided
    #: (``bounds.capacity.capacity_real``); otherwise ε > 0 is refused
    real_capacity_ratio_proved: ClassVar[bool] = False
    #: appended to the family's name in capacity notes (``", m = m'"`` for pairwise)
    capacity_note: ClassVar[str] = ""

    m_prime: int
    m: int

    # ------------------------------------------------------------ to implement
    @property
    @abstractmethod
    def label(self) -> str:
        """Short human name, e.g. ``pairwise-AND (labelled, m=1000)``."""

    @abstractmethod
    def _log2_size_mp(self) -> mpmath.mpf:
        """log₂|F| as an mpmath number at the caller's working precision."""

    @abstractmethod
    def _log2_volume_mp(self, e: int) -> mpmath.mpf:
        """log₂ V_ε for e wrong outputs as an mpmath number (0 for e = 0)."""

    def exact_size(self) -> int:
        """|F| as an exact integer (feasible when log₂|F| is moderate)."""
        raise ValueError(f"the {self.name} family has no exact size")

    def exact_tolerant_volume(self, e: int) -> int:
        """The V_ε bound for e wrong outputs as an exact integer."""
        raise ValueError(f"the {self.name} family has no exact volume")

    def log2_size_sym(self, m_prime: sp.Expr | None = None, m: sp.Expr | None = None
                      ) -> sp.Expr:
        """log₂|F| as a sympy expression in m′ (and m)."""
        raise ValueError(f"the {self.name} family has no sympy form")

    def log2_tolerant_volume_sym(self, e: sp.Expr, m_prime: sp.Expr | None = None
                                 ) -> sp.Expr:
        """log₂ V_ε as a sympy expression (e wrong outputs)."""
        raise ValueError(f"the {self.name} family has no sympy form")

    @classmethod
    def log2_counts_array(cls, m_prime: np.ndarray, errors: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
        """(log₂|F|, log₂ V_ε) as float arrays over m′ at the family's default m.

        The fast path of :func:`bounds.lower.lower_bounds_array`; relative error below
        1e-12 (Stirling series, ``bounds.counting``).
        """
        raise ValueError(f"the {cls.name} family has no array form")

    def conjunctive(self) -> bool:
        """True when output j is the AND of the features the instance names for it (row j
        of an int array (m′,) or (m′, c)); constructions then evaluate by a sparse
        incidence matrix (``bounds.constructions.instances``) and C0 is one ReLU per
        output. False: they call :meth:`evaluate`."""
        return False

    def explanation(self) -> Explanation | None:
        """The walk-through text of ``superbounds explain`` (None: explain does not offer
        the family)."""
        return None

    def info_nondecreasing(self) -> bool:
        """True when I_0 = log₂|F| is nondecreasing in m′ at the default m.

        ``bounds.capacity`` searches m′ by doubling and bisection only for such families
        (a family that does not say so is refused, not searched).
        """
        return False

    def envelope_points(self, m_prime: int, eps: float) -> tuple[int, ...]:
        """m″ values ≥ ``m_prime`` (at this family's options) over which the minimum of
        I_ε equals min_{m″ ≥ m′} I_ε, for ε > 0: what makes ``bounds.capacity``'s search
        exact when I_ε is not monotone. Default: refused (no such envelope is stated).
        """
        raise ValueError(f"capacity with eps > 0 needs I_eps monotone in m'; that is proved "
                         f"for permutations and labelled pairwise families, not {self.label}")

    def restriction_lemma(self) -> bool:
        """True when F(m′ + 1) computable at width n implies F(m′) computable at width n
        (the restriction lemma of theorem capacity-real), so the real-parameter capacity
        at ε = 0 is decided by doubling and bisection (``bounds.capacity.capacity_real``).
        Default False: refused."""
        return False

    def log2_probe_tolerant_volume_mp(self, t: int, dps: int = 40) -> mpmath.mpf:
        """log₂ V_δ: the most instances one network is right for on all but t of the
        identifying probes (``bounds.tolerant``), at the caller's working precision.
        Default: refused (no such volume is proved for the family)."""
        raise ValueError(f"no probe-tolerant volume is proved for the {self.label} family "
                         "(bounds.tolerant covers permutations and labelled pairwise AND)")

    def sharpest_volume(self, eps: float) -> ProblemFamily | None:
        """The same family with a sharper proved V_ε at this ε, or None (the default):
        what :func:`bounds.lower.lower_bounds` then counts with."""
        return None

    @classmethod
    def log2_counts_array_sharpest(cls, m_prime: np.ndarray, errors: np.ndarray,
                                   **options: Any) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`log2_counts_array` with the sharpest proved V_ε, as
        :meth:`sharpest_volume` (the array path of ``bounds.lower``); default: the same."""
        return cls.log2_counts_array(m_prime, errors, **options)

    def probes(self) -> np.ndarray:
        """Identifying probes as a 0/1 array (num_probes, m)."""
        raise ValueError(f"the {self.name} family has no built-in probes")

    def probe_count(self) -> int:
        """q, the number of identifying probes (without building them)."""
        raise ValueError(f"the {self.name} family has no built-in probes")

    def instances(self, limit: int = 2_000_000) -> Iterator[Any]:
        """Enumerate every instance (small sizes only)."""
        raise ValueError(f"the {self.name} family cannot be enumerated")

    def evaluate(self, instance: Any, x: np.ndarray) -> np.ndarray:
        """Outputs f(x) of one instance on a batch x (batch, m) → bool (batch, m′)."""
        raise ValueError(f"the {self.name} family cannot be evaluated")

    def sample_instance(self, seed: int) -> np.ndarray:
        """A uniformly random instance as an int64 array, from ``default_rng(seed)``."""
        raise ValueError(f"the {self.name} family cannot be sampled")

    def validate_instance(self, instance: Any) -> np.ndarray:
        """Check an explicit instance and return it as an int64 array (else ValueError)."""
        raise ValueError(f"the {self.name} family has no instance format")

    # ------------------------------------------------------------ shared
    def _dps(self) -> int:
        return 40 + len(str(self.m_prime)) + len(str(self.m))

    def _feasible_exact(self) -> bool:
        return self.log2_size() <= EXACT_BITS_LIMIT

    def log2_size(self) -> float:
        """log₂|F| (float; mpmath underneath, any size)."""
        with mpmath.workdps(self._dps()):
            return float(self._log2_size_mp())

    def log2_tolerant_volume(self, e: int) -> float:
        """log₂ V_ε for e wrong outputs."""
        e = as_int(e, "e", 0, self.m_prime)
        with mpmath.workdps(self._dps()):
            return float(self._log2_volume_mp(e))

    def info_bits_mp(self, eps: float = 0.0) -> mpmath.mpf:
        """I_ε = log₂|F| − log₂ V_ε (not clamped) at the family's working precision."""
        e = errors_allowed(self.m_prime, eps)
        with mpmath.workdps(self._dps()):
            return +(self._log2_size_mp() - self._log2_volume_mp(e))

    def info_bits(self, eps: float = 0.0) -> float:
        """I_ε = max(0, log₂|F| − log₂ V_ε): bits any ε-correct class must store.

        >>> from bounds.families import permutation
        >>> round(permutation(1000).info_bits(0.01), 3)   # = log2(990!)
        8429.805
        """
        return max(0.0, float(self.info_bits_mp(eps)))

    def _ceil_from_float_value(self) -> bool:
        """True when integer answers come from the float value (user-defined families)."""
        return False

    def info_bits_ceil(self, eps: float = 0.0) -> int:
        """⌈I_ε⌉ (clamped at 0) as an exact integer.

        Computed with mpmath at ≥ 40 significant digits and accepted when I_ε is more
        than 1e-20 away from an integer; otherwise decided in exact big-integer
        arithmetic (⌈log₂(|F|/V_ε)⌉) while log₂|F| ≤ :data:`EXACT_BITS_LIMIT`, and
        refused beyond (never a guessed number).

        >>> from bounds.families import permutation
        >>> permutation(1000).info_bits_ceil(), permutation(2).info_bits_ceil()
        (8530, 1)
        """
        e = errors_allowed(self.m_prime, eps)
        with mpmath.workdps(self._dps()):
            val = self._log2_size_mp() - self._log2_volume_mp(e)
            nearest = mpmath.nint(val)
            if abs(val - nearest) > mpmath.mpf(10) ** -20 or self._ceil_from_float_value():
                return max(0, int(mpmath.ceil(val)))
        if self._feasible_exact():
            size = self.exact_size()
            vol = self.exact_tolerant_volume(e)
            return 0 if size <= vol else ceil_log2_ratio(size, vol)
        raise ValueError(
            f"cannot decide ceil(I_eps) for m_prime={self.m_prime}: "
            "too close to an integer for the precision used"
        )

    @staticmethod
    def _as_int_array(instance: Any) -> np.ndarray:
        inst = np.asarray(instance)
        if inst.dtype == object or inst.dtype.kind not in "iuf":
            raise ValueError("instance must be an array of integers")
        if inst.dtype.kind == "f":
            if not np.all(np.isfinite(inst)) or not np.all(np.equal(np.mod(inst, 1), 0)):
                raise ValueError("instance must contain integers")
        return inst.astype(np.int64)
