"""The protocol of a description model, and the parameter counts of a network shape.

A *description model* says how many bits B describe one network of a class — the
"class size" side of the counting lemma: a class with at most 2^B members computing
every instance of F needs B ≥ I_ε (docs/model.md §3). Each model gives B(P) for a
network with P parameters (dense count or nonzeros, as the model says) and D slots
(possible positions, D = P_dense of the architecture) in three forms, side by side:
mpmath (any size), exact (2^B as an integer, small sizes) and sympy.

One subclass per model lives in its own module; :mod:`bounds.models.registry` lists
them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import mpmath

from bounds.validation import as_int

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["DescriptionModel", "p_dense", "p_dense_equal", "p_dense_equal_formula",
           "p_dense_equal_sym"]


def p_dense(widths: Sequence[int]) -> int:
    """P_dense = Σ_ℓ (n_{ℓ−1} n_ℓ + n_ℓ) for widths (n_0 = d, n_1, …, n_L) (docs/model.md §1).

    >>> p_dense([4, 3, 2])
    23
    """
    ws = [as_int(w, "width", 1) for w in widths]
    if len(ws) < 2:
        raise ValueError("widths must list n_0 and at least one layer width")
    return sum(ws[i] * ws[i + 1] + ws[i + 1] for i in range(len(ws) - 1))


def p_dense_equal(n: int, layers: int) -> int:
    """P_dense with every width n (n_0 = d = n as well): L·(n² + n).

    >>> p_dense_equal(100, 1)
    10100
    """
    n = as_int(n, "n", 1)
    layers = as_int(layers, "layers", 1)
    return p_dense_equal_formula(n, layers)


def p_dense_equal_formula(n: Any, layers: Any) -> Any:
    """L·(n² + n) for integers or sympy symbols alike: the one body :func:`p_dense_equal`
    evaluates and :func:`p_dense_equal_sym` hands to the proofs (theorem ``neurons``).

    >>> p_dense_equal_formula(3, 2)
    24
    """
    return layers * (n * n + n)


def p_dense_equal_sym(n: sp.Expr, layers: sp.Expr) -> sp.Expr:
    """sympy form of :func:`p_dense_equal`.

    >>> import sympy as sp
    >>> n, L = sp.symbols("n L", positive=True)
    >>> sp.expand(p_dense_equal_sym(n, L))
    L*n**2 + L*n
    """
    return p_dense_equal_formula(n, layers)


@dataclass(frozen=True)
class DescriptionModel(ABC):
    """How many bits B(P) describe one network with P parameters among D slots."""

    #: registry key, the CLI's ``--model`` value
    key: ClassVar[str] = ""
    #: short name used in tables and provenance (``D1 dense``)
    label: ClassVar[str] = ""
    #: the library theorem giving its parameter bound (bounds.provenance)
    theorem: ClassVar[str] = ""
    #: that theorem's statement and the paper claims it supports, for a model whose
    #: theorem :data:`bounds.provenance.THEOREMS` does not state yet (registered with it)
    statement: ClassVar[str] = ""
    claims: ClassVar[tuple[str, ...]] = ()
    #: does B depend on the number of slots D?
    needs_slots: ClassVar[bool] = True
    #: B(P) = b·P exactly (no slots): the lower bounds then compare integers and use the
    #: closed forms of theorems params-dense and neurons instead of searching
    linear: ClassVar[bool] = False
    #: what P counts
    counts: ClassVar[str] = "nonzero parameters"
    #: one line on the model, for assumption lists
    summary: ClassVar[str] = ""
    #: the largest m′ and width n the command line computes under this model
    #: (:mod:`bounds.limits`; measured for D1, D2, D3: beyond them a search takes minutes)
    m_prime_ceiling: ClassVar[int] = 10**100
    width_ceiling: ClassVar[int] = 10**50
    #: the denominators s(m′) of the ratio columns P/s in ``tables/models.md``
    ratio_columns: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def bits_mp(self, params: int, bits: int, slots: int | None, dps: int = 30) -> mpmath.mpf:
        """B(P) as an mpmath number at ``dps`` digits."""

    @abstractmethod
    def classes_exact(self, params: int, bits: int, slots: int | None) -> int:
        """2^B(P) as an exact integer (small sizes)."""

    @abstractmethod
    def bits_sym(self, params: sp.Expr, bits: sp.Expr, slots: sp.Expr | None = None
                 ) -> sp.Expr:
        """B(P) as a sympy expression."""

    @abstractmethod
    def peak_params(self, slots: int, bits: int) -> int:
        """The P ≤ D at which B(P) is largest; B is nondecreasing up to it."""

    #: enclosure effort levels callers try in turn (see :meth:`bits_interval_mp`)
    levels: ClassVar[tuple[int, ...]] = (0,)

    def bits_interval_mp(self, params: int, bits: int, slots: int | None, dps: int = 30,
                         level: int = 0) -> tuple[mpmath.mpf, mpmath.mpf]:
        """A rigorous enclosure [lo, hi] of B(P); lo = hi where B is computed to ``dps``.

        ``level`` (one of :attr:`levels`) trades cost for width: callers try the cheap
        levels first and refine only on a near tie.
        """
        value = self.bits_mp(params, bits, slots, dps)
        return value, value

    # ------------------------------------------------------------ shared
    def check(self, params: int, bits: int, slots: int | None) -> tuple[int, int, int | None]:
        """Validate (P, b, D) for this model; returns them as ints."""
        params = as_int(params, "params", 0)
        bits = as_int(bits, "bits", 1)
        if not self.needs_slots:
            return params, bits, slots
        if slots is None:
            raise ValueError(f"slots (D) is required for model {self.key}")
        slots = as_int(slots, "slots", 1)
        if params > slots:
            raise ValueError(f"params must be an integer in [0, slots={slots}] (got {params})")
        return params, bits, slots

    def bits(self, params: int, bits: int, slots: int | None = None) -> float:
        """B(P) as a float."""
        return float(self.bits_mp(params, bits, slots))

    def budget_mp(self, slots: int, bits: int, dps: int = 30) -> mpmath.mpf:
        """The most bits a class with D slots carries: B at :meth:`peak_params`."""
        return self.bits_mp(self.peak_params(slots, bits), bits, slots, dps)
