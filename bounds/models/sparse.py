"""D2 sparse: P nonzero b-bit values placed among D slots, B(P) = P·b + log₂ C(D, P).

Positions carry information (≈ log₂ D bits each): this is where a sparse network can
hide information, and why the bound weakens to Θ(m′ log m′/(b + log D)) (paper claim A3
turns on it). Exactly-P and at-most-P classes coincide here because 0 is one of the 2^b
values a placed parameter can take.

B(P) increases while 2^b (D − P) ≥ P + 1, so it peaks at
P = min(D, ⌊(2^b D − 1)/(2^b + 1)⌋ + 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import mpmath

from bounds.models.base import DescriptionModel

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["Sparse", "log2_comb_mp"]


def log2_comb_mp(slots: int, params: int, dps: int) -> mpmath.mpf:
    """log₂ C(D, P) at ``dps`` digits (grown with the size of D)."""
    with mpmath.workdps(dps + len(str(slots))):
        return +((mpmath.loggamma(slots + 1) - mpmath.loggamma(params + 1)
                  - mpmath.loggamma(slots - params + 1)) / mpmath.ln(2))


@dataclass(frozen=True)
class Sparse(DescriptionModel):
    """B(P) = P·b + log₂ C(D, P).

    >>> round(Sparse().bits(2, 8, slots=4), 6)   # 16 + log2 6
    18.584963
    >>> Sparse().peak_params(10, 1), Sparse().classes_exact(2, 8, 4) == 2**16 * 6
    (7, True)
    """

    key = "sparse"
    label = "D2 sparse"
    theorem = "params-sparse"
    summary = "D2 sparse: B = P*b + log2 C(D, P) (P nonzero b-bit values among D slots)"
    ratio_columns = ("m' log2 m'", "m'")

    def bits_mp(self, params: int, bits: int, slots: int | None, dps: int = 30
                ) -> mpmath.mpf:
        params, bits, slots = self.check(params, bits, slots)
        assert slots is not None
        with mpmath.workdps(dps + len(str(slots))):
            return +(log2_comb_mp(slots, params, dps) + params * bits)

    def classes_exact(self, params: int, bits: int, slots: int | None) -> int:
        params, bits, slots = self.check(params, bits, slots)
        assert slots is not None
        return math.comb(slots, params) << (params * bits)

    def bits_sym(self, params: sp.Expr, bits: sp.Expr, slots: sp.Expr | None = None
                 ) -> sp.Expr:
        """log₂ C(D, P) + P·b (loggamma form).

        >>> import sympy as sp
        >>> P, b, D = sp.symbols("P b D", positive=True)
        >>> sp.simplify(Sparse().bits_sym(P, b, D).subs({P: 2, b: 8, D: 4}) - 16 - sp.log(6, 2))
        0
        """
        from bounds.counting import log2_binomial_sym

        if slots is None:
            raise ValueError("slots (D) is required for model sparse")
        return log2_binomial_sym(slots, params) + params * bits

    def peak_params(self, slots: int, bits: int) -> int:
        two_b = 1 << bits
        return min(slots, (two_b * slots - 1) // (two_b + 1) + 1)
