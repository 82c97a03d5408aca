"""D3 mask only (lottery ticket): fixed instance-independent weights, a mask keeps at most
P of the D slots. B(P) = log₂ Σ_{j=0}^{P} C(D, j).

The class is every network obtained by keeping *at most* P of the D weights (a mask with
fewer survivors is a member too), so B is nondecreasing in P and peaks at P = D with
B(D) = D bits (every subset). Counting only masks with exactly P survivors
(log₂ C(D, P)) undercounts the class and made ``bounds 20 --model mask --slots 64``
claim no 64-slot network can carry 20! instances, where 28 survivors suffice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import mpmath

from bounds.counting import (
    PREFIX_TERMS_LIMIT,
    binomial_prefix,
    log2_binomial_prefix_interval,
    log2_binomial_prefix_mp,
    log2_binomial_prefix_sym,
)
from bounds.models.base import DescriptionModel

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["Mask"]


@dataclass(frozen=True)
class Mask(DescriptionModel):
    """B(P) = log₂ Σ_{j≤P} C(D, j).

    >>> round(Mask().bits(2, 8, slots=4), 6)   # log2(1 + 4 + 6)
    3.459432
    >>> Mask().peak_params(64, 1), Mask().bits(64, 1, slots=64)
    (64, 64.0)
    """

    key = "mask"
    label = "D3 mask"
    theorem = "params-mask"
    summary = ("D3 mask only: B = log2 sum_(j<=P) C(D, j) (at most P of D fixed, "
               "instance-independent weights kept)")

    def bits_mp(self, params: int, bits: int, slots: int | None, dps: int = 30
                ) -> mpmath.mpf:
        params, bits, slots = self.check(params, bits, slots)
        assert slots is not None
        return log2_binomial_prefix_mp(slots, params, dps)

    #: 0: two series terms; then block enclosures to 10^-3, 10^-8, 10^-16 relative; 99: dps
    levels = (0, 3, 8, 16, 99)

    def bits_interval_mp(self, params: int, bits: int, slots: int | None, dps: int = 30,
                         level: int = 0) -> tuple[mpmath.mpf, mpmath.mpf]:
        """Enclosure of B(P) from a truncated series (``bounds.counting``), by ``level``.

        >>> lo, hi = Mask().bits_interval_mp(5, 1, 10, level=99)
        >>> float(lo) == float(hi) == float(Mask().bits_mp(5, 1, 10))
        True
        """
        params, bits, slots = self.check(params, bits, slots)
        assert slots is not None
        if level == 0:
            return log2_binomial_prefix_interval(slots, params, dps, max_terms=2)
        return log2_binomial_prefix_interval(slots, params, dps, PREFIX_TERMS_LIMIT,
                                             eta_digits=0 if level == 99 else level)

    def classes_exact(self, params: int, bits: int, slots: int | None) -> int:
        params, bits, slots = self.check(params, bits, slots)
        assert slots is not None
        return binomial_prefix(slots, params)

    def bits_sym(self, params: sp.Expr, bits: sp.Expr, slots: sp.Expr | None = None
                 ) -> sp.Expr:
        """log₂ Σ_{j=0}^{P} C(D, j) (an unevaluated sympy Sum)."""
        if slots is None:
            raise ValueError("slots (D) is required for model mask")
        return log2_binomial_prefix_sym(slots, params)

    def peak_params(self, slots: int, bits: int) -> int:
        return slots

    def budget_mp(self, slots: int, bits: int, dps: int = 30) -> mpmath.mpf:
        """B(D) = D exactly (every subset of the D slots)."""
        return mpmath.mpf(slots)
