"""Description models (SPEC §3): how many bits B describe one network of a class.

* **D1 dense, fixed topology** — B = b·P_dense; zeros are parameters too.
* **D2 sparse** — P nonzero b-bit values placed among D slots:
  B(P) = P·b + log₂ C(D, P). Positions carry information (≈ log₂ D bits each).
* **D3 mask only** (lottery ticket, fixed instance-independent weights):
  B(P) = log₂ C(D, P).

B(P) under D2 increases while 2^b (D − P) ≥ P + 1 and peaks at
P = min(D, ⌊(2^b D − 1)/(2^b + 1)⌋ + 1); under D3 it peaks at P = ⌊D/2⌋. A class of
networks with D slots can carry at most that peak number of bits for a single P.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import mpmath
import sympy as sp

from bounds.counting import log2_binomial_sym
from bounds.validation import as_int

__all__ = [
    "MODELS",
    "check_model",
    "description_bits",
    "description_bits_sym",
    "p_dense",
    "p_dense_equal",
    "p_dense_equal_sym",
    "peak_params",
]

MODELS = ("dense", "sparse", "mask")
MODEL_NAMES = {"dense": "D1 dense", "sparse": "D2 sparse", "mask": "D3 mask"}


def check_model(model: Any) -> str:
    """Validate a model name.

    >>> check_model("sparse")
    'sparse'
    """
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)} (got {model!r})")
    return str(model)


def p_dense(widths: Sequence[int]) -> int:
    """P_dense = Σ_ℓ (n_{ℓ−1} n_ℓ + n_ℓ) for widths (n_0 = d, n_1, …, n_L) (SPEC §1).

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
    return layers * (n * n + n)


def p_dense_equal_sym(n: sp.Expr, layers: sp.Expr) -> sp.Expr:
    """sympy form of :func:`p_dense_equal`.

    >>> n, L = sp.symbols("n L", positive=True)
    >>> sp.expand(p_dense_equal_sym(n, L))
    L*n**2 + L*n
    """
    return layers * (n**2 + n)


def peak_params(model: str, slots: int, bits: int) -> int:
    """The P ≤ D at which B(P) is largest (module docstring); D1: P = D.

    >>> peak_params("sparse", 10, 1), peak_params("mask", 10, 1), peak_params("dense", 10, 1)
    (7, 5, 10)
    """
    model = check_model(model)
    if model == "dense":
        return slots
    if model == "mask":
        return slots // 2
    two_b = 1 << bits
    return min(slots, (two_b * slots - 1) // (two_b + 1) + 1)


def description_bits(model: str, params: int, bits: int, slots: int | None = None) -> float:
    """B for a network with ``params`` parameters (D1: dense count; D2/D3: nonzeros).

    >>> description_bits("dense", 10, 8)
    80.0
    >>> round(description_bits("sparse", 2, 8, slots=4), 6)   # 16 + log2 6
    18.584963
    >>> round(description_bits("mask", 2, 8, slots=4), 6)
    2.584963
    """
    return float(description_bits_mp(model, params, bits, slots))


def description_bits_mp(
    model: str, params: int, bits: int, slots: int | None = None, dps: int = 30
) -> mpmath.mpf:
    """:func:`description_bits` as an mpmath number at ``dps`` digits."""
    model = check_model(model)
    params = as_int(params, "params", 0)
    bits = as_int(bits, "bits", 1)
    if model == "dense":
        return mpmath.mpf(params * bits)
    if slots is None:
        raise ValueError(f"slots (D) is required for model {model}")
    slots = as_int(slots, "slots", 1)
    if params > slots:
        raise ValueError(f"params must be an integer in [0, slots={slots}] (got {params})")
    with mpmath.workdps(dps + len(str(slots))):
        lc = (
            mpmath.loggamma(slots + 1)
            - mpmath.loggamma(params + 1)
            - mpmath.loggamma(slots - params + 1)
        ) / mpmath.ln(2)
        return +(lc + (params * bits if model == "sparse" else 0))


def description_bits_exact(model: str, params: int, bits: int, slots: int | None) -> int:
    """2^B as an exact integer (D1: 2^{bP}; D2: 2^{bP}·C(D, P); D3: C(D, P)).

    >>> description_bits_exact("sparse", 2, 8, 4) == 2**16 * 6
    True
    """
    model = check_model(model)
    if model == "dense":
        return 1 << (params * bits)
    assert slots is not None
    comb = math.comb(slots, params)
    return comb << (params * bits) if model == "sparse" else comb


def description_bits_sym(
    model: str, params: sp.Expr, bits: sp.Expr, slots: sp.Expr | None = None
) -> sp.Expr:
    """sympy form of :func:`description_bits` (log₂ C via loggamma).

    >>> P, b, D = sp.symbols("P b D", positive=True)
    >>> description_bits_sym("dense", P, b)
    P*b
    """
    model = check_model(model)
    if model == "dense":
        return params * bits
    if slots is None:
        raise ValueError(f"slots (D) is required for model {model}")
    lc = log2_binomial_sym(slots, params)
    return lc + params * bits if model == "sparse" else lc
