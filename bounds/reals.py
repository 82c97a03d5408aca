"""A real result as a float where a float holds it, as an mpmath number beyond.

log₂|F| of m′ = 10^400 outputs is about 1.3·10^403, past the largest float
(≈ 1.8·10^308): ``float()`` of it is ``inf``, a silently wrong number. Results that can
be that large go through :func:`real`, which keeps the mpmath value when the float
would overflow. The formatters (:mod:`bounds.formatting`) print such values in
e-notation like any other large number, and JSON writes them as numbers.
"""

from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import mpmath

__all__ = ["SIG_DIGITS", "is_big", "real", "real_ratio", "sci_text"]

SIG_DIGITS = 16
"""Significant digits kept when a big value is written out (a float carries 15.9)."""


def real(value: Any) -> float | mpmath.mpf:
    """``float(value)`` when that is finite, else ``value`` as an ``mpmath.mpf``.

    >>> import mpmath
    >>> real(mpmath.mpf(2) ** 10)
    1024.0
    >>> big = real(mpmath.mpf(10) ** 400)
    >>> is_big(big), sci_text(big)
    (True, '1.0e+400')
    """
    import mpmath

    if isinstance(value, mpmath.mpf) and mpmath.isinf(value):
        return float(value)  # a real infinity stays one (the formatters print it as inf)
    f = float(value)
    if math.isfinite(f) or not isinstance(value, (mpmath.mpf, int)):
        return f
    return mpmath.mpf(value)


def real_ratio(num: int, den: int) -> float | mpmath.mpf:
    """``num / den`` for integers, as :func:`real` (no OverflowError past float range).

    >>> real_ratio(10, 4), sci_text(real_ratio(10**1000, 3))
    (2.5, '3.333333333333333e+999')
    """
    try:
        return num / den
    except OverflowError:
        import mpmath

        with mpmath.workdps(SIG_DIGITS + 5):
            return mpmath.mpf(num) / den


def is_big(value: Any) -> bool:
    """Whether ``value`` is a finite mpmath number (a result past float range).

    Does not import mpmath: without it loaded, no value can be an mpmath number.
    """
    mpmath = sys.modules.get("mpmath")
    return mpmath is not None and isinstance(value, mpmath.mpf) and bool(mpmath.isfinite(value))


def sci_text(value: Any, digits: int = SIG_DIGITS) -> str:
    """A big value as a number literal (``1.3143442875460553e+403``), valid JSON and CSV."""
    import mpmath

    text = mpmath.nstr(value, digits, min_fixed=1, max_fixed=0)
    mant, _, exp = text.partition("e")
    return f"{mant}e{'+' if not exp.startswith('-') else ''}{exp.lstrip('+')}"
