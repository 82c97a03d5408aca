"""The one parser of numbers typed by a user (command line, config text).

Every command-line number goes through :func:`parse_int`, :func:`parse_real` or
:func:`parse_number`; :func:`is_number` tells a negative number from an option. The
grammar is deliberately small and exact:

* integers: ``1000``, ``1_000``, ``1e6``, ``2.5e3``, ``10^9``, ``10**100``, ``-5``;
* reals: anything :class:`decimal.Decimal` reads (``0.1``, ``1e-3``, ``nan``, ``inf``,
  which the range checks then reject by name).

Anything else — a comma (``4,8``), a unit, a space inside the number — is an error
naming the parameter and its accepted range, never silently reinterpreted (a comma
used to be stripped, so ``--bits 4,8`` meant b = 48). Numbers are parsed exactly
(``1e100`` is ``10**100``, not a float) and refused before any arithmetic when they
have more than :data:`MAX_DIGITS` digits, so ``10^10^10`` cannot hang the parser.

The range checks themselves are those of :mod:`bounds.validation`.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from bounds.validation import as_int, as_real, real_rule

__all__ = ["MAX_DIGITS", "expand_sweeps", "int_rule", "is_number", "parse_int", "parse_number",
           "parse_real"]

MAX_DIGITS = 100_000
"""Largest number of decimal digits the parser builds (far above every parameter ceiling)."""

_POWER = re.compile(r"^([+-]?\d+)(?:\^|\*\*)(\d+)$")
_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_SPECIAL = re.compile(r"^[+-]?(nan|inf|infinity)$", re.IGNORECASE)


def int_rule(minimum: int, maximum: int | None = None) -> str:
    """The accepted range of an integer parameter, as the error messages say it.

    >>> int_rule(2), int_rule(1, 300)
    ('an integer >= 2', 'an integer in [1, 300]')
    """
    if maximum is None:
        return f"an integer >= {minimum}"
    return f"an integer in [{minimum}, {_short(maximum)}]"


def _short(value: int) -> str:
    """``10**400`` as ``10^400``; small values with thousands separators."""
    if value >= 10**6:
        exp = len(str(value)) - 1
        if value == 10**exp:
            return f"10^{exp}"
    return f"{value:,}" if value >= 10**4 else str(value)


def _clean(text: str) -> str:
    return text.strip().replace("_", "")


def is_number(text: str) -> bool:
    """Whether ``text`` is a number in the grammar above (``-5``, ``-1e3``, ``-inf``).

    Used by the CLI to pass a negative number on as an argument (so its range error
    names the parameter) instead of calling it an unknown option.

    >>> is_number("-5"), is_number("-1e3"), is_number("10^9"), is_number("--bits")
    (True, True, True, False)
    >>> is_number("4,8")
    False
    """
    s = _clean(str(text))
    return bool(_POWER.match(s) or _DECIMAL.match(s) or _SPECIAL.match(s))


def _exact(text: str) -> Decimal | int | None:
    """``text`` as an exact int (powers) or Decimal; None when not a number."""
    s = _clean(text)
    power = _POWER.match(s)
    if power:
        base, exp = int(power.group(1)), int(power.group(2))
        if abs(base) > 1 and exp * math.log10(abs(base)) > MAX_DIGITS:
            return None
        return base**exp
    if not (_DECIMAL.match(s) or _SPECIAL.match(s)):
        return None
    try:
        dec = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the regexes admit only valid text
        return None
    if dec.is_finite() and dec != 0 and dec.adjusted() > MAX_DIGITS:
        return None
    return dec


def parse_int(text: Any, name: str, minimum: int = 2, maximum: int | None = None) -> int:
    """Parse an integer parameter exactly and check it is in ``[minimum, maximum]``.

    ``text`` may also be a number already (then only the range is checked).

    >>> parse_int("1e100", "m_prime") == 10**100, parse_int("10^3", "m_prime")
    (True, 1000)
    >>> parse_int("4,8", "bits", 1)
    Traceback (most recent call last):
    ...
    ValueError: bits must be an integer >= 1 (got '4,8')
    >>> parse_int("301", "k", 1, 300)
    Traceback (most recent call last):
    ...
    ValueError: k must be an integer in [1, 300] (got '301')
    """
    if not isinstance(text, str):
        return _checked_int(as_int_any(text, name, minimum, maximum), name, minimum, maximum,
                            text)
    fail = ValueError(f"{name} must be {int_rule(minimum, maximum)} (got {text!r})")
    value = _exact(text)
    if value is None:
        raise fail
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise fail
        value = int(value)
    return _checked_int(value, name, minimum, maximum, text)


def as_int_any(value: Any, name: str, minimum: int, maximum: int | None) -> int:
    """:func:`bounds.validation.as_int` with the message of :func:`int_rule`."""
    try:
        return as_int(value, name, minimum)
    except ValueError:
        raise ValueError(
            f"{name} must be {int_rule(minimum, maximum)} (got {value!r})") from None


def _checked_int(value: int, name: str, minimum: int, maximum: int | None, shown: Any) -> int:
    if value < minimum or (maximum is not None and value > maximum):
        if isinstance(shown, int) and abs(shown) > 10**30:
            shown = f"~10^{len(str(abs(shown))) - 1}"
        raise ValueError(f"{name} must be {int_rule(minimum, maximum)} (got {shown!r})")
    return value


def parse_real(text: Any, name: str, low: float, high: float, *, low_closed: bool = True,
               high_closed: bool = False) -> float:
    """Parse a real parameter and check it is in the interval (``eps`` in ``[0, 1)``).

    >>> parse_real("0.1", "eps", 0.0, 1.0)
    0.1
    >>> parse_real("0,1", "eps", 0.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: eps must be a real number in [0, 1) (got '0,1')
    """
    value: Any = text
    if isinstance(text, str):
        exact = _exact(text)
        value = text if exact is None else float(exact)
    try:
        return as_real(value, name, low, high, low_closed=low_closed, high_closed=high_closed)
    except ValueError:
        rule = real_rule(low, high, low_closed=low_closed, high_closed=high_closed)
        raise ValueError(f"{name} must be {rule} (got {text!r})") from None


def parse_number(text: Any, name: str, *, strict: bool = True) -> Any:
    """Text -> ``int`` when integral (exactly), else ``float``, for a validator downstream.

    Non-strings are returned unchanged; so is text that is not a number when
    ``strict=False`` (the validator downstream then states the accepted range).

    >>> parse_number("1e5", "inputs"), parse_number("0.25", "p"), parse_number(7, "k")
    (100000, 0.25, 7)
    >>> parse_number("1,000", "inputs")
    Traceback (most recent call last):
    ...
    ValueError: inputs must be a number (got '1,000')
    """
    if not isinstance(text, str):
        return text
    value = _exact(text)
    if value is None:
        if not strict:
            return text
        raise ValueError(f"{name} must be a number (got {text!r})")
    if isinstance(value, int):
        return value
    if value.is_finite() and value == value.to_integral_value():
        return int(value)
    return float(value)


MAX_SWEEP = 1000


def expand_sweeps(texts: Any, name: str, minimum: int = 2,
                  maximum: int | None = None) -> list[int]:
    """Parse integer arguments, expanding each sweep ``A..B`` into A, 10A, 100A, ..., B.

    >>> expand_sweeps(["1e3..1e6", "42"], "m_prime")
    [1000, 10000, 100000, 1000000, 42]
    >>> expand_sweeps(["10..50"], "m_prime")
    Traceback (most recent call last):
    ...
    ValueError: m_prime sweep A..B goes by factors of 10: B/A must be a power of 10 (got '10..50')
    """
    out: list[int] = []
    for text in texts:
        if not (isinstance(text, str) and ".." in text):
            out.append(parse_int(text, name, minimum, maximum))
            continue
        first, _, last = text.partition("..")
        a = parse_int(first, name, minimum, maximum)
        b = parse_int(last, name, minimum, maximum)
        ratio, rest = divmod(b, a)
        steps = len(str(ratio)) - 1
        if b < a or rest or ratio != 10**steps:
            raise ValueError(f"{name} sweep A..B goes by factors of 10: B/A must be a power "
                             f"of 10 (got {text!r})")
        if steps >= MAX_SWEEP:
            raise ValueError(f"{name} sweep A..B must have at most {MAX_SWEEP} values "
                             f"(got {text!r})")
        out += [a * 10**i for i in range(steps + 1)]
    return out
