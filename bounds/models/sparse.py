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
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import mpmath

from bounds.models.base import DescriptionModel

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["Sparse", "bits_formula", "log2_comb_mp", "peak_formula"]


def log2_comb_mp(slots: int, params: int, dps: int) -> mpmath.mpf:
    """log₂ C(D, P) at ``dps`` digits (grown with the size of D)."""
    with mpmath.workdps(dps + len(str(slots))):
        return +((mpmath.loggamma(slots + 1) - mpmath.loggamma(params + 1)
                  - mpmath.loggamma(slots - params + 1)) / mpmath.ln(2))


def bits_formula(params: Any, bits: Any, slots: Any, log2_binomial: Callable[[Any, Any], Any]
                 ) -> Any:
    """B(P) = P·b + log₂ C(D, P), for numbers or sympy symbols alike (``log2_binomial`` is
    the mpmath or the sympy primitive): the one body :meth:`Sparse.bits_mp` evaluates and
    :meth:`Sparse.bits_sym` hands to the proofs (theorem ``params-sparse``).

    >>> bits_formula(2, 8, 4, lambda d, p: 1)
    17
    """
    return params * bits + log2_binomial(slots, params)


def peak_formula(slots: Any, two_b: Any, floor_div: Callable[[Any, Any], Any]) -> Any:
    """⌊(2^b D − 1)/(2^b + 1)⌋ + 1, the last P with B(P) ≥ B(P − 1) (before min with D).

    ``floor_div`` is ``operator.floordiv`` in :meth:`Sparse.peak_params`; the proof
    ``params-sparse`` passes a ⌊a/c⌋ = a/c − θ with the fractional part θ symbolic.

    >>> import operator
    >>> peak_formula(10, 2, operator.floordiv)
    7
    """
    return floor_div(two_b * slots - 1, two_b + 1) + 1


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
            return +bits_formula(params, bits, slots, lambda d, p: log2_comb_mp(d, p, dps))

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
        return bits_formula(params, bits, slots, log2_binomial_sym)

    def peak_params(self, slots: int, bits: int) -> int:
        return min(slots, peak_formula(slots, 1 << bits, operator.floordiv))
