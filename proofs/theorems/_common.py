"""Symbols and small exact helpers shared by the proof modules.

Exact helpers never use floats: ``ceil_log2(N)`` is ⌈log₂ N⌉ from the bit length, and the
brute-force enumerations are independent of ``bounds`` (they only use ``itertools``), so a
wrong formula in ``bounds`` cannot agree with them by construction.

>>> ceil_log2(1), ceil_log2(8), ceil_log2(9)
(0, 3, 4)
>>> close(1.0 + 1e-14, 1.0)
True
"""

from __future__ import annotations

import math
from typing import Any

import mpmath
import sympy as sp

__all__ = [
    "LOG2_REL_TOL",
    "b",
    "ceil_log2",
    "close",
    "e",
    "eps",
    "exact_log2",
    "m",
    "mm",
    "n",
    "nL",
    "x",
]

m = sp.Symbol("m'", positive=True, integer=True)
"""m′, the number of output features."""
mm = sp.Symbol("m", positive=True, integer=True)
"""m, the number of input features (pairwise families)."""
e = sp.Symbol("e", nonnegative=True, integer=True)
"""e = ⌊ε m′⌋, the number of wrong outputs allowed."""
b = sp.Symbol("b", positive=True, integer=True)
"""b, bits per parameter."""
nL = sp.Symbol("L", positive=True, integer=True)
"""L, the number of weight layers."""
n = sp.Symbol("n", positive=True)
"""n, the width (treated as real where a closed form is studied)."""
x = sp.Symbol("x", positive=True)
"""A real variable for limits."""
eps = sp.Symbol("epsilon", nonnegative=True)
"""ε, the error tolerance."""

LOG2_REL_TOL = 1e-12
"""Relative tolerance for the library's float log₂ values (SPEC §8)."""


def ceil_log2(N: int) -> int:
    """⌈log₂ N⌉ for an integer N ≥ 1, exactly."""
    if N < 1:
        raise ValueError("N must be >= 1")
    return (N - 1).bit_length()


def exact_log2(N: int, dps: int = 40) -> mpmath.mpf:
    """log₂ N for a positive integer at ``dps`` digits (reference value for float checks)."""
    with mpmath.workdps(dps + len(str(N.bit_length()))):
        return +mpmath.log(N, 2)


def close(value: Any, reference: Any, rel: float = LOG2_REL_TOL) -> bool:
    """``|value − reference| ≤ rel·max(1, |reference|)``."""
    ref = float(reference)
    return abs(float(value) - ref) <= rel * max(1.0, abs(ref))


def log2_factorial_big(N: int, dps: int = 50) -> mpmath.mpf:
    """log₂(N!) at ``dps`` digits by mpmath ``loggamma`` (for reference points too big for N!)."""
    with mpmath.workdps(dps + len(str(N))):
        return +(mpmath.loggamma(N + 1) / mpmath.ln(2))


_ = math  # (kept for doctest namespace friendliness)
