"""The largest inputs each calculation is known to handle, stated and enforced.

Every ceiling here was measured: the calculation answers within a few seconds at the
ceiling, and beyond it something gives way (a float overflows in a closed form, or an
exact search takes minutes). The command line refuses larger values with one line
naming the parameter and this range, instead of hanging or printing a traceback; the
library functions accept anything, at the caller's risk.

============================  ==========================================
parameter                     ceiling
============================  ==========================================
m' (permutation, model D1)    10^1000 (solve, represent)
m' (bounds, permutation)      10^400  (the sign-pattern theorem's search: 3 s CPU at
                                       10^400, 50 s at 10^1000)
m' (pairwise, model D1)       10^300
m' (explain)                  10^300
m' (models D2, D3)            10^100
m (pairwise inputs)           10^50
n (capacity, model D1)        10^100
n (capacity, models D2, D3)   10^50
b (bits per parameter)        4096
L (weight layers)             10^6
============================  ==========================================
"""

from __future__ import annotations

__all__ = ["MAX_BITS", "MAX_BOUNDS_M_PRIME", "MAX_EXPLAIN_M_PRIME", "MAX_INPUTS_M", "MAX_LAYERS",
           "max_m_prime", "max_width"]

MAX_BITS = 4096
MAX_LAYERS = 10**6
MAX_INPUTS_M = 10**50
MAX_BOUNDS_M_PRIME = 10**400
"""``bounds`` computes every theorem, the sign-pattern one included (mpmath at ~m' digits)."""
MAX_EXPLAIN_M_PRIME = 10**300
"""``explain`` (five b's, capacity at the bound's width): 11 s CPU at 10^300."""


def max_m_prime(problem: str = "permutation", model: str = "dense", *,
                every_theorem: bool = False) -> int:
    """Largest m' the bound calculation handles for ``problem`` under ``model``.

    The least of the family's and the model's ceilings (``m_prime_ceiling`` on the family
    class and on the model object, so a registered family or model brings its own);
    ``every_theorem``: the ``bounds`` command, which also runs the sign-pattern theorem.

    >>> max_m_prime() == 10**1000, max_m_prime("pairwise") == 10**300
    (True, True)
    >>> max_m_prime(every_theorem=True) == 10**400, max_m_prime(model="mask") == 10**100
    (True, True)
    """
    from bounds.families.registry import family_entry
    from bounds.models.registry import get_model

    top = min(family_entry(problem).cls.m_prime_ceiling, get_model(model).m_prime_ceiling)
    return min(top, MAX_BOUNDS_M_PRIME) if every_theorem else top


def max_width(model: str = "dense") -> int:
    """Largest width n the capacity calculation handles under ``model`` (its
    ``width_ceiling``).

    >>> max_width("sparse") == 10**50, max_width() == 10**100
    (True, True)
    """
    from bounds.models.registry import get_model

    return get_model(model).width_ceiling
