"""Input validation shared by the API and the CLI (SPEC §8).

Every public function checks its arguments with these helpers, so that bad input
always produces one :class:`ValueError` whose message names the parameter and the
accepted range, e.g. ``m_prime must be an integer >= 2 (got 1.5)``. The CLI turns
that message into one line on stderr and exit status 2.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

__all__ = [
    "as_int",
    "as_int_array",
    "as_m_prime",
    "as_real",
    "real_rule",
]


def _fail(name: str, rule: str, value: Any) -> ValueError:
    return ValueError(f"{name} must be {rule} (got {value!r})")


def as_int(value: Any, name: str, minimum: int = 1, maximum: int | None = None) -> int:
    """Return ``value`` as a Python ``int`` in ``[minimum, maximum]``.

    Integral floats (``1e6``) are accepted; bools, NaN, infinities, non-integral
    floats and strings are rejected with a message naming ``name``.

    >>> as_int(1e3, "m_prime", 2)
    1000
    >>> as_int(True, "bits")
    Traceback (most recent call last):
    ...
    ValueError: bits must be an integer >= 1 (got True)
    """
    if maximum is None:
        rule = f"an integer >= {minimum}"
    else:
        rule = f"an integer in [{minimum}, {maximum}]"
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (str, bytes)):
        raise _fail(name, rule, value)
    if isinstance(value, numbers.Integral):
        out = int(value)
    elif isinstance(value, numbers.Real):
        f = float(value)
        if not math.isfinite(f) or f != math.floor(f):
            raise _fail(name, rule, value)
        out = int(f)
    else:
        raise _fail(name, rule, value)
    if out < minimum or (maximum is not None and out > maximum):
        raise _fail(name, rule, value)
    return out


def as_m_prime(value: Any, name: str = "m_prime") -> int:
    """Validate a number of output features: an integer >= 2 (SPEC §8).

    >>> as_m_prime(10**100) == 10**100
    True
    >>> as_m_prime(-3)
    Traceback (most recent call last):
    ...
    ValueError: m_prime must be an integer >= 2 (got -3)
    """
    return as_int(value, name, 2)


def as_int_array(values: Any, name: str = "m_prime", minimum: int = 2) -> np.ndarray:
    """Validate an array of integers >= ``minimum``; returns an ``int64``/object array.

    Values beyond int64 are kept as Python ints in an object array.

    >>> as_int_array([2, 10.0, 1000]).tolist()
    [2, 10, 1000]
    """
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf" and values.size:
        # fast path: numeric arrays checked without a Python loop; anything unusual falls
        # through to the element-wise check below, which produces the error message
        with np.errstate(invalid="ignore"):
            fine = values.dtype.kind in "iu" or (
                bool(np.all(np.isfinite(values))) and bool(np.all(values == np.floor(values)))
            )
            fine = fine and values.min() >= minimum and values.max() < 2**62
        if fine:
            return values.astype(np.int64, copy=False)
    arr = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    flat = [as_int(v, name, minimum) for v in np.ravel(arr)]
    if all(v < 2**62 for v in flat):
        return np.asarray(flat, dtype=np.int64).reshape(np.shape(arr))
    return np.asarray(flat, dtype=object).reshape(np.shape(arr))


def real_rule(low: float, high: float, *, low_closed: bool = True,
              high_closed: bool = False) -> str:
    """The accepted range of a real parameter, as the error messages say it.

    >>> real_rule(0.0, 1.0, low_closed=False)
    'a real number in (0, 1)'
    """
    lo = f"{'[' if low_closed else '('}{low:g}"
    hi = f"{high:g}{']' if high_closed else ')'}"
    return f"a real number in {lo}, {hi}"


def as_real(value: Any, name: str, low: float, high: float, *, low_closed: bool = True,
            high_closed: bool = False) -> float:
    """Validate a real number in an interval, e.g. ``eps`` in ``[0, 1)``.

    >>> as_real(0.1, "eps", 0.0, 1.0)
    0.1
    >>> as_real(1.0, "eps", 0.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: eps must be a real number in [0, 1) (got 1.0)
    """
    rule = real_rule(low, high, low_closed=low_closed, high_closed=high_closed)
    if isinstance(value, (bool, np.bool_, str, bytes)) or not isinstance(value, numbers.Real):
        raise _fail(name, rule, value)
    f = float(value)
    if not math.isfinite(f):
        raise _fail(name, rule, value)
    ok_low = f >= low if low_closed else f > low
    ok_high = f <= high if high_closed else f < high
    if not (ok_low and ok_high):
        raise _fail(name, rule, value)
    return f
