"""D1 dense, fixed topology: B = b·P_dense. Zeros are parameters too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import mpmath

from bounds.models.base import DescriptionModel

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["Dense", "bits_formula"]


def bits_formula(params: Any, bits: Any) -> Any:
    """B(P) = b·P, for integers or sympy symbols alike: the one body :meth:`Dense.bits_mp`,
    :meth:`Dense.classes_exact` (2^B) and :meth:`Dense.bits_sym` (what the proof
    ``params-dense`` checks) evaluate.

    >>> bits_formula(10, 8)
    80
    """
    return params * bits


@dataclass(frozen=True)
class Dense(DescriptionModel):
    """B(P) = b·P for P dense parameters (every slot of the architecture, zeros included).

    >>> Dense().bits(10, 8), Dense().peak_params(10, 1), Dense().classes_exact(2, 3, None)
    (80.0, 10, 64)
    """

    key = "dense"
    label = "D1 dense"
    theorem = "params-dense"
    needs_slots = False
    linear = True
    counts = "dense parameters"
    summary = "D1 dense, fixed topology: B = b*P_dense (zeros are parameters too)"
    m_prime_ceiling = 10**1000  # the family's ceiling decides
    width_ceiling = 10**100
    ratio_columns = ("m' log2 m'",)

    def bits_mp(self, params: int, bits: int, slots: int | None = None, dps: int = 30
                ) -> mpmath.mpf:
        params, bits, _ = self.check(params, bits, slots)
        return mpmath.mpf(bits_formula(params, bits))

    def classes_exact(self, params: int, bits: int, slots: int | None = None) -> int:
        params, bits, _ = self.check(params, bits, slots)
        return 1 << bits_formula(params, bits)

    def bits_sym(self, params: sp.Expr, bits: sp.Expr, slots: sp.Expr | None = None
                 ) -> sp.Expr:
        """P·b.

        >>> import sympy as sp
        >>> Dense().bits_sym(*sp.symbols("P b"))
        P*b
        """
        return bits_formula(params, bits)

    def peak_params(self, slots: int, bits: int) -> int:
        return slots
