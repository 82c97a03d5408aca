"""The library's sympy symbols, one place: m′, m, n, b, L, ε, e, δ, k.

Every sympy form of a bound (``*_sym`` functions) and every encoded proof uses these,
so a statement proved about ``M_PRIME`` is a statement about the same symbol the
calculator's sympy twins are written in.

>>> M_PRIME, BITS, LAYERS
(m', b, L)
"""

from __future__ import annotations

import sympy as sp

__all__ = ["BITS", "DELTA", "EPS", "ERRORS", "K", "LAYERS", "M_INPUTS", "M_PRIME", "N"]

#: m′, the number of output features
M_PRIME = sp.Symbol("m'", positive=True, integer=True)
#: m, the number of input features
M_INPUTS = sp.Symbol("m", positive=True, integer=True)
#: n, a width (number of neurons in a layer)
N = sp.Symbol("n", positive=True)
#: b, bits per parameter
BITS = sp.Symbol("b", positive=True, integer=True)
#: L, the number of weight layers
LAYERS = sp.Symbol("L", positive=True, integer=True)
#: ε, the tolerated fraction of wrong outputs
EPS = sp.Symbol("epsilon", nonnegative=True)
#: e = ⌊ε m′⌋, the number of outputs allowed to be wrong
ERRORS = sp.Symbol("e", nonnegative=True, integer=True)
#: δ, the allowed failure probability of a construction
DELTA = sp.Symbol("delta", positive=True)
#: k, the input sparsity
K = sp.Symbol("k", positive=True, integer=True)
