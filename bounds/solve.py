"""Solve the neuron bound for whichever of m', n, b, L is left out.

In model D1 (dense, every one of the L weight layers n × n plus biases; see
``docs/model.md``) a network can compute a family F with error fraction ε only if its
description holds at least I_ε = ⌈log₂|F| − log₂ V_ε⌉ bits:

    b · L · (n² + n) ≥ I_ε(m')                                    (neuron bound)

Given three of (m', n, b, L), :func:`solve` returns the extreme value of the fourth
for which this still holds — the largest m' (the capacity), or the least n, b or L —
in the manner of statsmodels' ``solve_power``: exactly one argument is left as None.
The lower bounds are information-theoretic; they support the asymptotic claims A1,
A2 and A4 of Adler & Shavit (arXiv:2409.15318), with this library's constants.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bounds.records import Record
from bounds.validation import as_int, as_m_prime, as_real

__all__ = ["Solution", "solve"]

_UNKNOWNS = ("m_prime", "neurons", "bits", "layers")


@dataclass(frozen=True)
class Solution(Record):
    """The solved quadruple (m', n, b, L) with what was solved for and why it holds."""

    solved_for: str
    m_prime: int
    neurons: int
    bits_per_param: int | str
    layers: int
    eps: float
    problem: str
    provenance: str


def solve(m_prime: Any = None, neurons: Any = None, bits: Any = None, layers: Any = None,
          *, eps: float = 0.0, problem: str = "permutation") -> Solution:
    """Solve b·L·(n² + n) ≥ I_ε(m') for the one of m', n, b, L left as None.

    Parameters
    ----------
    m_prime : int or None
        Number of output features m' (an integer >= 2). If None: the largest m'
        that width ``neurons`` can compute (the capacity).
    neurons : int or None
        Width n of every layer (>= 1). If None: the least width that suffices.
    bits : int, "real" or None
        Bits per parameter b (>= 1). If None: the least b that suffices. ``"real"``:
        real-valued parameters, solved with the sign-pattern bound instead (theorem
        sign-patterns; the largest m' by theorem capacity-real, eps = 0 only).
    layers : int or None
        Number of weight layers L (>= 1). If None: the least L that suffices.
    eps : float, default 0.0
        Fraction of outputs allowed to be wrong, 0 <= eps < 1.
    problem : {"permutation", "pairwise"}, default "permutation"
        Problem family (pairwise with m = m' inputs, op AND).

    Returns
    -------
    Solution
        All four values, with ``solved_for`` and the provenance of the bound.

    Raises
    ------
    ValueError
        If not exactly one of the four is None, if a value is out of range, or if
        the given width cannot compute even m' = 2.

    Examples
    --------
    >>> s = solve(m_prime=10**6, bits=8, layers=1)
    >>> s.solved_for, s.neurons
    ('neurons', 1520)
    >>> solve(neurons=s.neurons, bits=8, layers=1).m_prime >= 10**6
    True
    >>> solve(m_prime=10**6, neurons=1520, bits=8, layers=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: solve needs exactly one of m_prime, neurons, bits, layers left as None ...
    """
    from bounds.capacity import capacity
    from bounds.families import family
    from bounds.lower import Target, least_width
    from bounds.provenance import cite_claims

    given = dict(zip(_UNKNOWNS, (m_prime, neurons, bits, layers), strict=True))
    missing = [k for k, v in given.items() if v is None]
    if len(missing) != 1:
        raise ValueError("solve needs exactly one of m_prime, neurons, bits, layers left as "
                         f"None (left out: {', '.join(missing) or 'none'})")
    want = missing[0]
    e = as_real(eps, "eps", 0.0, 1.0)
    if bits == "real":
        return _solve_real(m_prime, neurons, layers, e, problem)
    b = None if bits is None else as_int(bits, "bits", 1)
    L = None if layers is None else as_int(layers, "layers", 1)
    n = None if neurons is None else as_int(neurons, "neurons", 1)
    mp = None if m_prime is None else as_m_prime(m_prime)
    if want == "m_prime":
        assert b is not None and L is not None and n is not None
        cap = capacity(n, bits=b, layers=L, eps=e, problem=problem)
        if cap.m_prime_max < 2:
            raise ValueError(f"neurons={n} cannot compute even m_prime=2 under b={b}, L={L}")
        mp = int(cap.m_prime_max)
        theorem = "capacity"
    else:
        assert mp is not None
        need = Target(family(problem, mp), e).ceil
        if want == "neurons":
            assert b is not None and L is not None
            n = least_width(need, b, L)
        elif want == "bits":
            assert L is not None and n is not None
            b = max(1, -(-need // (L * (n * n + n))))
        else:
            assert b is not None and n is not None
            L = max(1, -(-need // (b * (n * n + n))))
        theorem = "neurons"
    assert b is not None and L is not None and n is not None and mp is not None
    provenance = (f"this library's theorem {theorem} under model D1, b={b}, L={L}, "
                  f"eps={e:g}; {cite_claims(('A1', 'A2', 'A4'))}")
    return Solution(want, mp, int(n), int(b), int(L), e, problem, provenance)


def _solve_real(m_prime: Any, neurons: Any, layers: Any, eps: float, problem: str) -> Solution:
    """solve with real-valued parameters: every answer is an exact search on the
    sign-pattern bound (*) at equal widths n, which is nondecreasing in n and in L
    (``bounds.signpatterns``: g is nondecreasing in M, N, D, and a layer adds a term ≥ 0);
    the largest m' is :func:`bounds.capacity.capacity_real`.

    >>> s = solve(m_prime=1000, bits="real", layers=1)
    >>> s.neurons, s.bits_per_param
    (19, 'real')
    >>> solve(m_prime=1000, neurons=19, bits="real").layers
    1
    """
    from bounds.capacity import capacity_real, fits_real
    from bounds.provenance import cite_claims
    from bounds.search import least_true

    L = None if layers is None else as_int(layers, "layers", 1)
    n = None if neurons is None else as_int(neurons, "neurons", 1)
    mp = None if m_prime is None else as_m_prime(m_prime)
    if mp is None:
        assert n is not None and L is not None
        cap = capacity_real(n, layers=L, eps=eps, problem=problem)
        if cap.m_prime_max < 2:
            raise ValueError(f"neurons={n} cannot compute even m_prime=2 with real "
                             f"parameters, L={L}")
        mp, theorem = cap.m_prime_max, "capacity-real"
    elif n is None:
        assert L is not None
        n = least_true(lambda w: fits_real(mp, w, layers=L, eps=eps, problem=problem))
        theorem = "sign-patterns"
    else:
        L = least_true(lambda k: fits_real(mp, n, layers=k, eps=eps, problem=problem))
        theorem = "sign-patterns"
    provenance = (f"this library's theorem {theorem} under real-valued parameters, L={L}, "
                  f"eps={eps:g}; {cite_claims(('A1', 'A2', 'A4'))}")
    return Solution("m_prime" if m_prime is None else "neurons" if neurons is None else
                    "layers", int(mp), int(n), "real", int(L), eps, problem, provenance)
