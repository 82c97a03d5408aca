"""Counting helpers: log₂ of factorials, falling factorials and binomials (SPEC §3, §8).

Three paths, one formula each:

* **scalar** (Python ints of any size): mpmath ``loggamma`` at a working precision
  that grows with the argument, so ``log2_factorial(10**100)`` is right to well beyond
  10 significant digits;
* **array** (numpy, broadcast): ``scipy.special.gammaln`` for small arguments and a
  cancellation-free Stirling difference for large ones, accurate to relative 1e-12
  for arguments up to 1e15;
* **exact ceiling** (:func:`ceil_log2_ratio`): ⌈log₂(p/q)⌉ for positive integers, in
  integer arithmetic — used wherever an integer answer must be the least integer
  satisfying an inequality.

The sympy forms (``*_sym``) are defined beside the numeric ones; tests check that the
two agree.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, overload

import mpmath
import numpy as np

if TYPE_CHECKING:  # sympy is imported lazily: the numeric paths never need it
    import sympy as sp

__all__ = [
    "LN2",
    "ceil_log2_ratio",
    "log2_binomial",
    "log2_binomial_sym",
    "log2_factorial",
    "log2_factorial_mp",
    "log2_factorial_sym",
    "log2_falling_factorial",
    "log2_falling_factorial_mp",
    "log2_falling_factorial_sym",
]

LN2 = math.log(2.0)
_STIRLING_MIN = 20.0  # below this, gammaln differences lose nothing


def _is_array(x: Any) -> bool:
    return isinstance(x, np.ndarray) and x.ndim > 0 or isinstance(x, (list, tuple))


def _dps_for(n: int) -> int:
    """Working decimal digits: enough that log Γ(n) keeps 25 significant digits."""
    return 30 + max(0, len(str(abs(int(n)))))


def _check_nonneg_int(n: Any, name: str) -> int:
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        if isinstance(n, (float, np.floating)) and math.isfinite(n) and n == int(n):
            n = int(n)
        else:
            raise ValueError(f"{name} must be a non-negative integer (got {n!r})")
    n = int(n)
    if n < 0:
        raise ValueError(f"{name} must be a non-negative integer (got {n!r})")
    return n


# ---------------------------------------------------------------- mpmath (scalar)
def log2_factorial_mp(n: int) -> mpmath.mpf:
    """log₂(n!) as an mpmath number at a precision that grows with n.

    >>> float(log2_factorial_mp(10))   # log2(3628800)
    21.791061114716953
    """
    n = _check_nonneg_int(n, "n")
    with mpmath.workdps(_dps_for(n)):
        return +(mpmath.loggamma(n + 1) / mpmath.ln(2))


def log2_falling_factorial_mp(n: int, k: int) -> mpmath.mpf:
    """log₂((n)_k) = log₂(n!/(n−k)!) as an mpmath number; needs 0 ≤ k ≤ n.

    >>> float(log2_falling_factorial_mp(10, 3))   # log2(720)
    9.491853096329674
    """
    n = _check_nonneg_int(n, "n")
    k = _check_nonneg_int(k, "k")
    if k > n:
        raise ValueError(f"k must be an integer in [0, n={n}] (got {k})")
    with mpmath.workdps(_dps_for(n) + 10):
        return +((mpmath.loggamma(n + 1) - mpmath.loggamma(n - k + 1)) / mpmath.ln(2))


# ---------------------------------------------------------------- numpy (arrays)
def _ln_falling_array(n: np.ndarray, k: np.ndarray) -> np.ndarray:
    """ln(n!/(n−k)!) for float arrays, free of cancellation.

    With a = n − k ≥ 20, Stirling's series for ln Γ(z+1) gives
    ln(n!/a!) = (a + ½)·log1p(k/a) + k·ln n − k + S(n) − S(a),
    S(z) = 1/(12z) − 1/(360z³) + 1/(1260z⁵) (error < 1/(1680 a⁷)).
    """
    n = np.asarray(n, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    a = n - k
    out = np.empty(np.broadcast(n, k).shape, dtype=np.float64)
    n, k, a = np.broadcast_arrays(n, k, a)
    big = a >= _STIRLING_MIN
    nb, kb, ab = n[big], k[big], a[big]

    def series(z: np.ndarray) -> np.ndarray:
        z2 = z * z
        return 1.0 / (12.0 * z) - 1.0 / (360.0 * z * z2) + 1.0 / (1260.0 * z * z2 * z2)

    out[big] = (ab + 0.5) * np.log1p(kb / ab) + kb * np.log(nb) - kb + (series(nb) - series(ab))
    small = ~big
    if small.any():
        from scipy.special import gammaln

        out[small] = gammaln(n[small] + 1.0) - gammaln(a[small] + 1.0)
    return out


# ---------------------------------------------------------------- public numeric
@overload
def log2_factorial(n: int) -> float: ...
@overload
def log2_factorial(n: np.ndarray) -> np.ndarray: ...
def log2_factorial(n: Any) -> Any:
    """log₂(n!) — the number of bits needed to name one of n! permutations.

    Scalars (Python ints of any size) go through mpmath; arrays broadcast through a
    Stirling/gammaln path (relative error < 1e-12 up to n = 1e15).

    >>> round(log2_factorial(1000), 6)
    8529.398004
    >>> np.round(log2_factorial(np.array([0, 1, 2, 4])), 9).tolist()
    [0.0, 0.0, 1.0, 4.584962501]
    """
    if _is_array(n):
        arr = np.asarray(n, dtype=np.float64)
        if np.any(arr < 0) or np.any(arr != np.floor(arr)):
            raise ValueError("n must contain non-negative integers")
        return _ln_falling_array(arr, arr) / LN2
    return float(log2_factorial_mp(n))


def _n_k_arrays(n: Any, k: Any) -> tuple[np.ndarray, np.ndarray]:
    """(n, k) as float arrays with 0 ≤ k ≤ n elementwise (else ``ValueError``)."""
    n_arr = np.asarray(n, dtype=np.float64)
    k_arr = np.asarray(k, dtype=np.float64)
    if np.any(k_arr < 0) or np.any(k_arr > n_arr):
        raise ValueError("k must satisfy 0 <= k <= n elementwise")
    return n_arr, k_arr


def log2_falling_factorial(n: Any, k: Any) -> Any:
    """log₂((n)_k) = log₂(n·(n−1)···(n−k+1)), 0 ≤ k ≤ n.

    The number of bits to name an ordered k-tuple of distinct items out of n.

    >>> round(log2_falling_factorial(10, 3), 9)   # log2(720)
    9.491853096
    """
    if _is_array(n) or _is_array(k):
        n_arr, k_arr = _n_k_arrays(n, k)
        return _ln_falling_array(n_arr, k_arr) / LN2
    return float(log2_falling_factorial_mp(n, k))


def log2_binomial(n: Any, k: Any) -> Any:
    """log₂ C(n, k), 0 ≤ k ≤ n (uses the smaller of k and n − k).

    >>> round(log2_binomial(10, 3), 9)   # log2(120)
    6.906890596
    """
    if _is_array(n) or _is_array(k):
        n_arr, k_arr = _n_k_arrays(n, k)
        kk = np.minimum(k_arr, n_arr - k_arr)
        return (_ln_falling_array(n_arr, kk) - _ln_falling_array(kk, kk)) / LN2
    n = _check_nonneg_int(n, "n")
    k = _check_nonneg_int(k, "k")
    if k > n:
        raise ValueError(f"k must be an integer in [0, n={n}] (got {k})")
    k = min(k, n - k)
    with mpmath.workdps(_dps_for(n) + 10):
        return float(log2_falling_factorial_mp(n, k) - log2_factorial_mp(k))


def ceil_log2_ratio(p: int, q: int = 1) -> int:
    """⌈log₂(p/q)⌉ for positive integers, exactly (least t with q·2^t ≥ p).

    >>> ceil_log2_ratio(8), ceil_log2_ratio(9), ceil_log2_ratio(1), ceil_log2_ratio(3, 4)
    (3, 4, 0, 0)
    >>> ceil_log2_ratio(1, 3)
    -1
    """
    if p <= 0 or q <= 0:
        raise ValueError(f"p and q must be positive integers (got {p}, {q})")
    t = p.bit_length() - q.bit_length()
    # now 2^(t-1) < p/q < 2^(t+1); adjust to the least t with q*2^t >= p
    while _ge(q, t, p):
        t -= 1
    while not _ge(q, t, p):
        t += 1
    return t


def _ge(q: int, t: int, p: int) -> bool:
    """q·2^t ≥ p, exactly, for any integer t."""
    return (q << t) >= p if t >= 0 else q >= (p << -t)


# ---------------------------------------------------------------- sympy forms
def _lg(x: sp.Expr) -> sp.Expr:
    """loggamma left unevaluated: at an Integer sympy would compute the exact factorial."""
    import sympy as sp

    return sp.loggamma(x, evaluate=False)


def log2_factorial_sym(n: sp.Expr) -> sp.Expr:
    """sympy form of :func:`log2_factorial`: ``loggamma(n + 1)/log(2)``.

    >>> import sympy as sp
    >>> x = sp.Symbol("x", positive=True)
    >>> sp.limit(log2_factorial_sym(x) / (x * sp.log(x, 2)), x, sp.oo)
    1
    """
    import sympy as sp

    return _lg(n + 1) / sp.log(2)


def log2_falling_factorial_sym(n: sp.Expr, k: sp.Expr) -> sp.Expr:
    """sympy form of :func:`log2_falling_factorial`: ``(loggamma(n+1) − loggamma(n−k+1))/log 2``.

    >>> float(log2_falling_factorial_sym(10, 3).evalf())
    9.491853096329674
    """
    import sympy as sp

    return (_lg(n + 1) - _lg(n - k + 1)) / sp.log(2)


def log2_binomial_sym(n: sp.Expr, k: sp.Expr) -> sp.Expr:
    """sympy form of :func:`log2_binomial`.

    >>> float(log2_binomial_sym(10, 3).evalf())
    6.906890595608519
    """
    import sympy as sp

    return (_lg(n + 1) - _lg(k + 1) - _lg(n - k + 1)) / sp.log(2)


# ---------------------------------------------------------------- binomial prefix sums
#: most series terms :func:`log2_binomial_prefix_mp` sums before refusing
PREFIX_TERMS_LIMIT = 100_000


def binomial_prefix(n: int, k: int) -> int:
    """Σ_{j=0}^{k} C(n, j) exactly (k ≥ n gives 2^n).

    >>> binomial_prefix(5, 2), binomial_prefix(4, 9), binomial_prefix(3, -1)
    (16, 16, 0)
    """
    if k < 0:
        return 0
    if k >= n:
        return 1 << n
    total, term = 0, 1
    for j in range(k + 1):
        total += term
        term = term * (n - j) // (j + 1)
    return total


def _ratio_sum_interval(n: int, k: int, eta: mpmath.mpf) -> tuple[mpmath.mpf, mpmath.mpf]:
    """Enclose T = Σ_{i=0}^{k} r_i, r_i = C(n, k−i)/C(n, k), for 2k ≤ n, to relative ~eta.

    r_{i+1} = r_i·ρ_i with ρ_i = (k−i)/(n−k+i+1) decreasing in i. A block of L terms
    starting at a lies between r_a·Σ_{j<L} ρ_{a+L−2}^j and r_a·Σ_{j<L} ρ_a^j, and every
    term after index N is at most r_N·ρ_N^j, so the tail is at most r_N/(1 − ρ_N). Block
    lengths L ≈ √eta·(n−k+a)/√n keep each block's enclosure within ~eta; r_a comes from
    loggamma directly, so long blocks cost nothing.
    """
    ln_ck = mpmath.loggamma(n - k + 1) + mpmath.loggamma(k + 1)

    def r(i: int) -> mpmath.mpf:
        return mpmath.exp(ln_ck - mpmath.loggamma(n - k + i + 1) - mpmath.loggamma(k - i + 1))

    def rho(i: int) -> mpmath.mpf:
        return mpmath.mpf(k - i) / (n - k + i + 1)

    def geo(q: mpmath.mpf, length: int) -> mpmath.mpf:
        return mpmath.mpf(length) if q == 1 else (1 - q**length) / (1 - q)

    lo = hi = mpmath.mpf(0)
    a, scale = 0, mpmath.sqrt(eta / (n + 1))
    while a <= k:
        ra = r(a)
        tail = ra / (1 - rho(a)) if rho(a) < 1 else mpmath.inf
        if a > 0 and tail <= eta * lo:
            return lo, hi + tail
        length = max(1, int(scale * (n - k + a + 1)))
        b = min(a + length, k + 1)
        lo += ra * geo(rho(max(a, b - 2)), b - a)
        hi += ra * geo(rho(a), b - a)
        a = b
    return lo, hi


def log2_binomial_prefix_interval(n: int, k: int, dps: int = 30,
                                  max_terms: int = PREFIX_TERMS_LIMIT, eta_digits: int = 0,
                                  ) -> tuple[mpmath.mpf, mpmath.mpf]:
    """A rigorous enclosure [lo, hi] of log₂ Σ_{j=0}^{k} C(n, j) (any n).

    For k ≤ n/2 the sum is C(n, k)·Σ_i r_i with r_i = C(n, k−i)/C(n, k); while at most
    ``max_terms``/100 terms are needed the series is summed term by term (the tail after
    the partial sum is at most r_i·ρ_i/(1 − ρ_i), ρ_i = (k−i)/(n−k+i+1) decreasing), so
    lo = hi to ``dps`` digits; otherwise blocks of terms are enclosed by geometric sums
    (``_ratio_sum_interval``) to relative ~10^−``eta_digits`` (default: ``dps``);
    ``max_terms`` ≤ 2 asks for the cheap two-term enclosure. For k > n/2 the sum
    is 2^n − Σ_{j<n−k} C(n, j), enclosed from the enclosure of the latter.

    >>> lo, hi = log2_binomial_prefix_interval(5, 2)
    >>> float(lo), float(hi)
    (4.0, 4.0)
    >>> lo, hi = log2_binomial_prefix_interval(10**6, 499_000, max_terms=100)
    >>> bool(lo <= hi) and 999_990 < float(lo) < 1_000_000
    True
    """
    n = _check_nonneg_int(n, "n")
    if k < 0:
        raise ValueError(f"k must be a non-negative integer (got {k!r})")
    if k >= n:
        return mpmath.mpf(n), mpmath.mpf(n)
    with mpmath.workdps(dps + 2 * len(str(n)) + 10):
        if 2 * k > n:
            lo_c, hi_c = log2_binomial_prefix_interval(n, n - k - 1, dps + 10, max_terms,
                                                       eta_digits)
            # the sum is at least half of all 2^n subsets (k >= n/2), whatever hi_c says
            lo = mpmath.mpf(n - 1)
            if hi_c < n - 1:
                lo = max(lo, n + mpmath.log(1 - mpmath.power(2, hi_c - n), 2))
            hi = n + mpmath.log(1 - mpmath.power(2, lo_c - n), 2)
            return +lo, +hi
        lc = (mpmath.loggamma(n + 1) - mpmath.loggamma(k + 1)
              - mpmath.loggamma(n - k + 1)) / mpmath.ln(2)
        tiny = mpmath.mpf(10) ** (-dps - 5)
        total, term, tail = mpmath.mpf(1), mpmath.mpf(1), mpmath.mpf(0)
        limit = min(k, max(1, max_terms // 100)) if max_terms > 2 else 1
        for i in range(limit):
            term *= mpmath.mpf(k - i) / (n - k + i + 1)
            total += term
            nxt = mpmath.mpf(k - i - 1) / (n - k + i + 2)
            tail = term * nxt / (1 - nxt) if nxt > 0 else mpmath.mpf(0)
            if tail < tiny * total:
                return +(lc + mpmath.log(total, 2)), +(lc + mpmath.log(total, 2))
        if k <= limit:
            return +(lc + mpmath.log(total, 2)), +(lc + mpmath.log(total, 2))
        if max_terms <= 2:
            return +(lc + mpmath.log(total, 2)), +(lc + mpmath.log(total + tail, 2))
        lo_t, hi_t = _ratio_sum_interval(n, k, mpmath.mpf(10) ** -(eta_digits or dps))
        return +(lc + mpmath.log(lo_t, 2)), +(lc + mpmath.log(hi_t, 2))


def log2_binomial_prefix_mp(n: int, k: int, dps: int = 30) -> mpmath.mpf:
    """log₂ Σ_{j=0}^{k} C(n, j) at ``dps`` digits (:func:`log2_binomial_prefix_interval`).

    Refuses (``ValueError``) when :data:`PREFIX_TERMS_LIMIT` terms do not pin the value
    down to ``dps`` digits.

    >>> float(log2_binomial_prefix_mp(5, 2)), float(log2_binomial_prefix_mp(64, 64))
    (4.0, 64.0)
    """
    lo, hi = log2_binomial_prefix_interval(n, k, dps)
    if hi - lo > abs(hi) * mpmath.mpf(10) ** (-dps + 2):
        raise ValueError(
            f"cannot evaluate log2 sum_(j<=k) C(n, j) for n={n}, k={k} to {dps} digits: k is "
            f"too close to n/2 (more than {PREFIX_TERMS_LIMIT} series terms)"
        )
    return lo


def log2_binomial_prefix_sym(n: sp.Expr, k: sp.Expr) -> sp.Expr:
    """sympy form of :func:`log2_binomial_prefix_mp`: log₂ Σ_{j=0}^{k} C(n, j).

    >>> float(log2_binomial_prefix_sym(5, 2).doit())
    4.0
    """
    import sympy as sp

    j = sp.Dummy("j", integer=True, nonnegative=True)
    return sp.log(sp.Sum(sp.binomial(n, j), (j, 0, k)), 2)
