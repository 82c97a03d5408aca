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

from typing import Any

import mpmath
import sympy as sp

from bounds.symbols import BITS, EPS, ERRORS, LAYERS, M_INPUTS, M_PRIME, N

__all__ = [
    "LOG2_REL_TOL",
    "b",
    "ceil_log2",
    "close",
    "e",
    "eps",
    "exact_log2",
    "library_identity",
    "m",
    "mm",
    "n",
    "nL",
    "x",
]

# The library's shared symbols (bounds.symbols), under the short names the proofs use.
m = M_PRIME
"""m′, the number of output features."""
mm = M_INPUTS
"""m, the number of input features (pairwise families)."""
e = ERRORS
"""e = ⌊ε m′⌋, the number of wrong outputs allowed."""
b = BITS
"""b, bits per parameter."""
nL = LAYERS
"""L, the number of weight layers."""
n = N
"""n, the width (treated as real where a closed form is studied)."""
eps = EPS
"""ε, the error tolerance."""
x = sp.Symbol("x", positive=True)
"""A real variable for limits (a proof-local variable, not a library quantity)."""

def library_identity(name: str, label: str, library_expr: Any, formula: Any,
                     args: tuple[Any, ...], justification: str,
                     uses: tuple[str, ...] = ()) -> Any:
    """A step: the expression a public ``bounds`` function returns equals ``formula``.

    ``formula`` is this proof's own derivation (written here, independently of ``bounds``);
    the library's expression is what the calculator evaluates. The claim is displayed as
    ``label(args) = formula`` (``label`` as a function symbol, so the page does not show a
    tautology ``X = X``); the check compares the library's actual expression with the formula.

    >>> import sympy as sp
    >>> s = library_identity("lib", "f", sp.Symbol("y") * 2, 2 * sp.Symbol("y"),
    ...                      (sp.Symbol("y"),), "why")
    >>> sp.sstr(s.claim)
    'Eq(f(y), 2*y)'
    """
    from proofs.checks import Identity
    from proofs.engine import Step

    shown = sp.Eq(sp.Function(label)(*args), formula, evaluate=False)
    return Step(name, shown, Identity(lhs=library_expr, rhs=formula), justification,
                uses=uses)


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

