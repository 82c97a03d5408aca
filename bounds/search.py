"""Least integer satisfying a monotone predicate: doubling, then bisection.

Every "least n with …" answer of the library (least width, least parameter count,
least valid m, the first m′ at which a construction beats C0, …) is a search over a
predicate that is false below the answer and true from it on. This module holds that
search once.

Assumption (the caller's to guarantee): ``pred`` is monotone on [lo, ∞): once true,
true for every larger integer. The result is then the least n ≥ ``lo`` with
``pred(n)``, found with O(log n) calls.
"""

from __future__ import annotations

import math
from collections.abc import Callable

__all__ = ["least_true"]


def least_true(pred: Callable[[int], bool], lo: int = 1, *, limit: int | None = None,
               start: int | None = None,
               progress: Callable[[int, int | None], None] | None = None) -> int:
    """Least integer n ≥ ``lo`` with ``pred(n)`` for a monotone predicate.

    Doubles from ``start`` (default ``lo``) until ``pred`` holds, then bisects the last
    interval. Raises ``ValueError`` naming ``limit`` when no n ≤ ``limit`` satisfies it.

    Parameters
    ----------
    pred : callable int -> bool, monotone (false, …, false, true, true, …) on [lo, ∞).
    lo : the least admissible value.
    limit : optional largest value to try.
    start : optional first value to try (≥ lo); the answer is still the least n ≥ lo.
    progress : optional ``progress(calls, most)`` after each call of ``pred``: the calls
        made so far and an upper bound on the calls in all (None while doubling without
        a ``limit``); a command line shows it as counts and an ETA.

    >>> least_true(lambda n: n * n >= 1000)
    32
    >>> least_true(lambda n: n >= 7, lo=3)
    7
    >>> least_true(lambda n: True, lo=5)
    5
    >>> least_true(lambda n: n >= 10, start=64)
    10
    >>> seen = []
    >>> least_true(lambda n: n >= 1000, progress=lambda c, most: seen.append((c, most)))
    1000
    >>> seen[-1][0] == seen[-1][1]   # the last report: all calls made, none left
    True
    """
    lo = int(lo)
    hi = lo if start is None else max(lo, int(start))
    below = lo - 1  # largest value known (or assumed, when lo - 1) to fail
    calls = 0

    def tell(most: int | None) -> None:
        if progress is not None:
            progress(calls, most)

    def bisections(width: int) -> int:  # calls that bisect (below, hi] at most
        return math.ceil(math.log2(width)) if width > 1 else 0

    while True:
        found = pred(hi)
        calls += 1
        if found:
            break
        below = hi
        if limit is not None and hi >= limit:
            raise ValueError(f"no value up to limit={limit} satisfies the condition")
        step = max(1, hi - lo + 1)
        hi = hi + step if limit is None else min(limit, hi + step)
        if limit is None:
            tell(None)
        else:  # doublings left to the limit, then a bisection of the last interval
            doublings = bisections(max(1, (limit - lo + 1) // max(1, hi - lo + 1))) + 1
            tell(calls + doublings + bisections(limit - below))
    tell(calls + bisections(hi - below))
    while hi - below > 1:
        mid = (below + hi) // 2
        calls += 1
        if pred(mid):
            hi = mid
        else:
            below = mid
        tell(calls + bisections(hi - below))
    return hi
