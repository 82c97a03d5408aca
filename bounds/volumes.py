"""Exact error volumes for the permutation family (issue 10, item 4).

A network's outputs on the m′ one-hot probes determine, for each output j, a 0/1 column;
instance π is right at j iff that column is e_{π(j)}. So the network defines a word
g ∈ ([n] ∪ {⊥})^n (n = m′; g(j) = i if column j is e_i, else ⊥), and it is ε-correct for π
iff π agrees with g on at least t = n − e coordinates. Hence

    V(n, e) = max_g #{π ∈ S_n : |{j : π(j) = g(j)}| ≥ n − e}.

**Reduction.** Replacing a ⊥ by any value never removes an agreement, so the maximum is
over total maps g : [n] → [n]. Relabelling coordinates and values does not change the
count, so it depends only on the fibre sizes c_v = |g⁻¹(v)| (a partition of n).

**Rook formula.** The cells {(j, g(j))} form a board whose columns are the fibres; i
non-attacking rooks choose i distinct values and one row in each: r_i = e_i(c) (elementary
symmetric polynomial). By inclusion–exclusion (the rook-polynomial hit formula), the number
of permutations with exactly k agreements is N_k = Σ_{i ≥ k} (−1)^{i−k} C(i, k) r_i (n − i)!,
and V = max_c Σ_{k ≥ n−e} N_k. :func:`max_volume_exact` evaluates this for every partition
(n ≤ 30); :func:`max_volume_brute` enumerates every g (n ≤ 6) and agrees
(m′ = 5: [1, 2, 11, 36, 120, 120]).

**Closed facts for every n.**
* e = 1: V(n, 1) = 2 (n ≥ 2): π differs from g in at most one coordinate j and is then
  forced there, so j must lie in the only collision pair of g (if g is a permutation,
  every j gives π = g).
* Upper bound (SPEC §3): V ≤ r_{n−e}·e! ≤ C(n, e)·e! = n!/(n − e)! (e_{n−e}(c) is Schur-concave,
  largest at c = (1, …, 1)).
* Lower bound: the permutation centre gives Σ_{i ≤ e} C(n, i)·D_i ≥ C(n, e)·D_e ≥ n!/(3(n − e)!)
  for e ≥ 2 (D_i derangement numbers; e!/D_e ≤ 3). So for e ≥ 2 the sharp volume lowers
  log₂ V by less than log₂ 3 ≈ 1.585 bits: I_ε changes by < 1.585 bits, except e = 1 where
  it gains log₂(n/2) bits.

:func:`log2_volume_bounds` returns (lower, upper) of log₂ V for any n (mpmath), and
:func:`volume` the exact value where it is computed, else the upper bound.

>>> [max_volume_exact(5, e) for e in range(6)]
[1, 2, 11, 36, 120, 120]
"""

from __future__ import annotations

import itertools
import math
from functools import cache
from typing import Any

import mpmath
import numpy as np

from bounds.validation import as_int

__all__ = [
    "EXACT_LIMIT",
    "agreement_counts",
    "derangements",
    "log2_volume_bounds",
    "max_volume_brute",
    "max_volume_exact",
    "max_volume_sym",
    "tail_count",
    "tail_count_sym",
    "partitions",
    "permutation_centre_volume",
    "volume",
]

EXACT_LIMIT = 30
"""Largest n for which :func:`max_volume_exact` enumerates partitions (p(30) = 5604)."""


def _check(n: Any, e: Any) -> tuple[int, int]:
    n = as_int(n, "m_prime", 1)
    return n, as_int(e, "e", 0, n)


@cache
def derangements(i: int) -> int:
    """D_i, permutations of i points with no fixed point: 1, 0, 1, 2, 9, 44, …

    >>> [derangements(i) for i in range(6)]
    [1, 0, 1, 2, 9, 44]
    """
    if i < 0:
        raise ValueError(f"i must be >= 0 (got {i})")
    out, d = 1, 1
    for k in range(1, i + 1):  # D_k = k·D_{k−1} + (−1)^k
        d = k * d + (-1) ** k
        out = d
    return out if i else 1


def partitions(n: int, largest: int | None = None) -> list[tuple[int, ...]]:
    """All partitions of n as non-increasing tuples.

    >>> partitions(4)
    [(4,), (3, 1), (2, 2), (2, 1, 1), (1, 1, 1, 1)]
    """
    largest = n if largest is None else largest
    if n == 0:
        return [()]
    out = []
    for first in range(min(n, largest), 0, -1):
        out.extend((first,) + rest for rest in partitions(n - first, first))
    return out


def _elementary(c: tuple[int, ...], n: int) -> list[int]:
    e = [1] + [0] * n
    for x in c:
        for i in range(n, 0, -1):
            e[i] += e[i - 1] * x
    return e


def agreement_counts(fibres: tuple[int, ...]) -> list[int]:
    """N_k for k = 0 … n: permutations with exactly k agreements with g (rook formula).

    >>> agreement_counts((1, 1, 1))     # g a permutation of 3: 2 derangements, 3, 0, 1
    [2, 3, 0, 1]
    """
    n = sum(fibres)
    r = _elementary(tuple(fibres), n)
    fact = [math.factorial(i) for i in range(n + 1)]
    return [sum((-1) ** (i - k) * math.comb(i, k) * r[i] * fact[n - i] for i in range(k, n + 1))
            for k in range(n + 1)]


@cache
def _max_table(n: int) -> tuple[int, ...]:
    best = [0] * (n + 1)
    for c in partitions(n):
        counts = agreement_counts(c)
        tail = 0
        for e in range(n + 1):  # at least n - e agreements
            tail += counts[n - e]
            best[e] = max(best[e], tail)
    return tuple(best)


def max_volume_exact(m_prime: int, e: int) -> int:
    """V(m′, e) exactly: max over fibre partitions of the rook-formula count (m′ ≤ 30).

    >>> max_volume_exact(6, 2), max_volume_exact(30, 1)
    (16, 2)
    """
    n, e = _check(m_prime, e)
    if n > EXACT_LIMIT:
        raise ValueError(f"m_prime must be <= {EXACT_LIMIT} for the exact volume (got {n})")
    return _max_table(n)[e]


def max_volume_brute(m_prime: int) -> list[int]:
    """[V(m′, e) for e = 0 … m′] by enumerating every g ∈ [m′]^{m′} and every π (m′ ≤ 6).

    >>> max_volume_brute(3)
    [1, 2, 6, 6]
    """
    n = as_int(m_prime, "m_prime", 1, 6)
    perms = np.array(list(itertools.permutations(range(n))), dtype=np.int8)
    best = np.zeros(n + 1, dtype=np.int64)
    for g in itertools.product(range(n), repeat=n):
        agree = (perms == np.array(g, dtype=np.int8)).sum(axis=1)
        hist = np.bincount(agree, minlength=n + 1)
        tail = np.cumsum(hist[::-1])  # tail[e] = #{agree >= n - e}
        best = np.maximum(best, tail)
    return [int(v) for v in best]


def permutation_centre_volume(m_prime: int, e: int) -> int:
    """Σ_{i ≤ e} C(m′, i)·D_i: permutations within e changes of a fixed permutation.

    >>> [permutation_centre_volume(5, e) for e in range(6)]
    [1, 1, 11, 31, 76, 120]
    """
    n, e = _check(m_prime, e)
    return sum(math.comb(n, i) * derangements(i) for i in range(e + 1))


def volume(m_prime: int, e: int) -> tuple[int, bool]:
    """(V, exact?): the exact maximum for m′ ≤ 30 or e ≤ 1, else the bound m′!/(m′ − e)!.

    >>> volume(5, 2), volume(100, 1), volume(100, 3)
    ((11, True), (2, True), (970200, False))
    """
    n, e = _check(m_prime, e)
    if e == 0:
        return 1, True
    if e == 1:
        return (2 if n >= 2 else 1), True
    if n <= EXACT_LIMIT:
        return max_volume_exact(n, e), True
    return math.perm(n, e), False


def log2_volume_bounds(m_prime: int, e: int, dps: int = 40) -> tuple[mpmath.mpf, mpmath.mpf]:
    """(lower, upper) for log₂ V(m′, e), any size: exact when computed, else
    [log₂((m′)_e) − log₂ 3, log₂((m′)_e)] (e ≥ 2).

    >>> lo, hi = log2_volume_bounds(10**15, 10**13)
    >>> float(hi - lo) < 1.585
    True
    """
    n, e = _check(m_prime, e)
    with mpmath.workdps(dps + len(str(n))):
        if e <= 1 or n <= EXACT_LIMIT:
            v = mpmath.log(volume(n, e)[0], 2)
            return v, v
        upper = (mpmath.loggamma(n + 1) - mpmath.loggamma(n - e + 1)) / mpmath.ln(2)
        return upper - mpmath.log(3, 2), upper


def tail_count(fibres: tuple[int, ...], t: int) -> int:
    """#{π : at least t agreements with g} = Σ_{i ≥ t} (−1)^{i−t} C(i−1, t−1) e_i(c) (n−i)!
    (t ≥ 1; n! for t = 0), the closed tail of the hit formula.

    Σ_{k=t}^{i} (−1)^{i−k} C(i, k) = (−1)^{i−t} C(i−1, t−1) collapses the double sum.

    >>> tail_count((1, 1, 1, 1, 1), 3), tail_count((3, 2), 2)
    (11, 36)
    """
    n = sum(fibres)
    t = as_int(t, "t", 0, n)
    if t == 0:
        return math.factorial(n)
    r = _elementary(tuple(fibres), n)
    return sum((-1) ** (i - t) * math.comb(i - 1, t - 1) * r[i] * math.factorial(n - i)
               for i in range(t, n + 1))


def tail_count_sym(fibres: tuple[int, ...], t: int) -> Any:
    """sympy form of :func:`tail_count`: the same sum with sympy's binomial, factorial and
    the elementary symmetric polynomial of the fibre sizes (evaluated exactly).

    >>> tail_count_sym((3, 2), 2)
    36
    """
    import sympy as sp

    n = sum(fibres)
    if t == 0:
        return sp.factorial(n)
    ys = sp.symbols(f"c0:{len(fibres)}")
    subs = dict(zip(ys, fibres, strict=True))

    def elem(i: int) -> Any:
        if i > len(ys):
            return sp.Integer(0)
        return sp.Add(*[sp.Mul(*combo) for combo in itertools.combinations(ys, i)]).subs(subs)

    return sp.Add(*[(-1) ** (i - t) * sp.binomial(i - 1, t - 1) * elem(i) * sp.factorial(n - i)
                    for i in range(t, n + 1)])


def max_volume_sym(m_prime: int, e: int) -> Any:
    """V(m′, e) as the sympy maximum of :func:`tail_count_sym` over fibre partitions.

    >>> max_volume_sym(5, 3)
    36
    """
    import sympy as sp

    n, e = _check(m_prime, e)
    if n > 12:
        raise ValueError(f"m_prime must be <= 12 for the sympy form (got {n})")
    return sp.Max(*[tail_count_sym(c, n - e) for c in partitions(n)])
