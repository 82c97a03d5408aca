"""Description models (docs/model.md §3): how many bits B describe one network of a class.

* **D1 dense, fixed topology** — B = b·P_dense; zeros are parameters too.
* **D2 sparse** — P nonzero b-bit values placed among D slots:
  B(P) = P·b + log₂ C(D, P). Positions carry information (≈ log₂ D bits each).
* **D3 mask only** (lottery ticket, fixed instance-independent weights, at most P kept):
  B(P) = log₂ Σ_{j≤P} C(D, j).

One class per model (``dense``, ``sparse``, ``mask``) behind :class:`DescriptionModel`;
:data:`MODELS` is the registry. The functions below are the same formulas by model key.

>>> description_bits("dense", 10, 8)
80.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import mpmath

from bounds.models.base import DescriptionModel, p_dense, p_dense_equal, p_dense_equal_sym
from bounds.models.registry import DEFAULT_MODEL, MODELS, get_model, register_model

if TYPE_CHECKING:
    import sympy as sp

__all__ = [
    "DEFAULT_MODEL",
    "MODELS",
    "DescriptionModel",
    "check_model",
    "description_bits",
    "description_bits_exact",
    "description_bits_mp",
    "description_bits_sym",
    "get_model",
    "p_dense",
    "p_dense_equal",
    "p_dense_equal_sym",
    "peak_params",
    "register_model",
]


def check_model(model: Any) -> str:
    """Validate a model key.

    >>> check_model("sparse")
    'sparse'
    """
    return get_model(model).key


def peak_params(model: str, slots: int, bits: int) -> int:
    """The P ≤ D at which B(P) is largest; D1 and D3: P = D.

    >>> peak_params("sparse", 10, 1), peak_params("mask", 10, 1), peak_params("dense", 10, 1)
    (7, 10, 10)
    """
    return get_model(model).peak_params(slots, bits)


def description_bits(model: str, params: int, bits: int, slots: int | None = None) -> float:
    """B for a network with ``params`` parameters (D1: dense count; D2/D3: nonzeros).

    >>> round(description_bits("sparse", 2, 8, slots=4), 6)   # 16 + log2 6
    18.584963
    """
    return get_model(model).bits(params, bits, slots)


def description_bits_mp(model: str, params: int, bits: int, slots: int | None = None,
                        dps: int = 30) -> mpmath.mpf:
    """:func:`description_bits` as an mpmath number at ``dps`` digits."""
    return get_model(model).bits_mp(params, bits, slots, dps)


def description_bits_exact(model: str, params: int, bits: int, slots: int | None) -> int:
    """2^B as an exact integer.

    >>> description_bits_exact("mask", 2, 8, 4)
    11
    """
    return get_model(model).classes_exact(params, bits, slots)


def description_bits_sym(model: str, params: sp.Expr, bits: sp.Expr,
                         slots: sp.Expr | None = None) -> sp.Expr:
    """sympy form of :func:`description_bits`.

    >>> import sympy as sp
    >>> description_bits_sym("dense", *sp.symbols("P b"))
    P*b
    """
    return get_model(model).bits_sym(params, bits, slots)
