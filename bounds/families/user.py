"""A user-defined family, given only by a callable m′ ↦ log₂|F|.

Identifiability (which probes tell instances apart) is the user's claim; the error
volume, when ε > 0 is asked for, must be given as a callable (m′, e) ↦ log₂ V_ε.
Integer answers come from the float value of the callable (there is no exact form).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mpmath

from bounds.families.base import ProblemFamily
from bounds.validation import as_int, as_m_prime

__all__ = ["UserDefined", "user_defined"]


@dataclass(frozen=True)
class UserDefined(ProblemFamily):
    """A family known only through log₂|F| (and optionally log₂ V_ε).

    >>> f = user_defined(100, lambda n: 2.0 * n, name="my-op")
    >>> f.label, f.info_bits_ceil()
    ('user-defined my-op', 200)
    """

    name = "user"
    instance_text = "the user's own"

    title: str = "user"
    log2_size_fn: Callable[[int], float] | None = field(default=None, compare=False)
    log2_volume_fn: Callable[[int, int], float] | None = field(default=None, compare=False)

    @property
    def label(self) -> str:
        return f"user-defined {self.title}".strip()

    @staticmethod
    def default_m(m_prime: int) -> int:
        return m_prime

    @staticmethod
    def least_m(m_prime: int) -> int:
        return 1

    def _feasible_exact(self) -> bool:
        return False

    def _ceil_from_float_value(self) -> bool:
        return True

    def _log2_size_mp(self) -> mpmath.mpf:
        assert self.log2_size_fn is not None
        return mpmath.mpf(self.log2_size_fn(self.m_prime))

    def _log2_volume_mp(self, e: int) -> mpmath.mpf:
        if e == 0:
            return mpmath.mpf(0)
        if self.log2_volume_fn is None:
            raise ValueError("eps > 0 needs log2_volume for a user-defined family")
        return mpmath.mpf(self.log2_volume_fn(self.m_prime, e))


def user_defined(
    m_prime: Any,
    log2_size: Callable[[int], float],
    *,
    m: Any = None,
    name: str = "user",
    log2_volume: Callable[[int, int], float] | None = None,
) -> UserDefined:
    """A family given only by a callable m′ ↦ log₂|F| (and optionally (m′, e) ↦ log₂ V_ε).

    Identifiability is the user's claim; integer answers come from the float value.

    >>> round(user_defined(100, lambda n: 2.0 * n).log2_size(), 3)
    200.0
    """
    mp_ = as_m_prime(m_prime)
    if not callable(log2_size):
        raise ValueError("log2_size must be a callable m_prime -> log2|F|")
    if log2_volume is not None and not callable(log2_volume):
        raise ValueError("log2_volume must be a callable (m_prime, e) -> log2 V_eps")
    mm = mp_ if m is None else as_int(m, "m", 1)
    return UserDefined(mp_, mm, title=str(name), log2_size_fn=log2_size,
                       log2_volume_fn=log2_volume)
