"""U-AND analysis: exact error probabilities over the randomness of ``W`` and the
derived defaults ``(d, p)`` (see the package docstring of :mod:`bounds.constructions.uand`).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from bounds.search import least_true
from bounds.validation import as_int, as_m_prime, as_real

__all__ = ["MIN_DP2", "THETA", "expected_errors_per_input", "output_error_prob",
           "uand_defaults"]

THETA = 0.5
"""Readout threshold θ on the average of ``S_j`` (midpoint of the noise-free levels 0 and 1)."""

MIN_DP2 = 10.0
"""Below this ``d·p²`` (typical ``|S_j|``) a :class:`UAndRegimeWarning` is issued."""


def _tail_one_endpoint(s: np.ndarray, t: int, p: float, theta: float) -> np.ndarray:
    """``P[Bin(t·s, p) > θ·s]`` (one endpoint active, ``t`` others)."""
    s = np.asarray(s, dtype=np.int64)
    if t == 0:
        return np.zeros(s.shape)
    return stats.binom.sf(np.floor(theta * s), t * s, p)


def _tail_no_endpoint(s: int, t: int, p: float, theta: float) -> float:
    """``P[Σ_{i≤s} max(0, Bin(t, p) − 1) > θ·s]`` (neither endpoint active), exact."""
    if t <= 1 or s == 0:
        return 0.0
    pmf = stats.binom.pmf(np.arange(t + 1), t, p)
    y = np.concatenate([[pmf[0] + pmf[1]], pmf[2:]])  # law of max(0, Bin - 1) on 0..t-1
    total = np.array([1.0])
    base, e = y, s
    while e:
        if e & 1:
            total = np.convolve(total, base)
        e >>= 1
        if e:
            base = np.convolve(base, base)
    cut = math.floor(theta * s) + 1
    return float(total[cut:].sum()) if cut < total.size else 0.0


def output_error_prob(
    s: int, t: int, p: float, active_endpoints: int, theta: float = THETA
) -> float:
    """Exact probability (over ``W``) that output ``j`` with ``|S_j| = s`` is wrong.

    ``t`` = number of active features other than the pair's endpoints;
    ``active_endpoints`` ∈ {0, 1, 2}. Two active endpoints never err (average ≥ 1 > θ).

    >>> output_error_prob(10, 2, 0.125, 2)
    0.0
    >>> round(output_error_prob(10, 2, 0.125, 1), 4)   # P[Bin(20, 1/8) > 5]
    0.0312
    >>> output_error_prob(10, 0, 0.125, 1)
    0.0
    """
    s = as_int(s, "s", 0)
    t = as_int(t, "t", 0)
    if active_endpoints == 2:
        return 0.0
    if s == 0:
        return 1.0 if active_endpoints != 2 else 0.0
    if active_endpoints == 1:
        return float(_tail_one_endpoint(np.array([s]), t, p, theta)[0])
    if active_endpoints == 0:
        return _tail_no_endpoint(s, t, p, theta)
    raise ValueError(f"active_endpoints must be 0, 1 or 2 (got {active_endpoints!r})")


def _mean_over_sizes(d: int, p: float, t: int, endpoints: int) -> float:
    """``E_{s ~ Bin(d, p²)}[error prob]``, with ``s = 0`` counted as an error."""
    q = p * p
    mu, sd = d * q, math.sqrt(d * q * (1 - q)) if q < 1 else 0.0
    lo, hi = max(0, int(mu - 12 * sd - 2)), min(d, int(mu + 12 * sd + 2))
    s = np.arange(lo, hi + 1)
    w = stats.binom.pmf(s, d, q)
    if endpoints == 1:
        err = _tail_one_endpoint(s, t, p, THETA)
    else:
        err = np.array([_tail_no_endpoint(int(v), t, p, THETA) for v in s])
    err = np.where(s == 0, 1.0, err)
    return float(np.dot(w, err))


def expected_errors_per_input(m: int, m_prime: int, k: int, d: int, p: float) -> float:
    """Design estimate ``(1 + k·2m′/m)·q̄₁ + m′·q̄₀`` of wrong outputs per input (module doc).

    ``k·2m′/m`` is the mean number of outputs with exactly one active endpoint on a random
    input (each feature is in ``2m′/m`` pairs on average); the extra 1 is the output that
    the verifier's hardest strata (one endpoint of a chosen output active) expose for sure.

    >>> expected_errors_per_input(100, 100, 3, 3000, 0.125) < 0.005
    True
    """
    exposed = 1.0 + k * 2.0 * m_prime / m
    q1 = _mean_over_sizes(d, p, max(k - 1, 0), 1)
    q0 = _mean_over_sizes(d, p, k, 0) if k >= 2 else 0.0
    return exposed * q1 + m_prime * q0


def uand_defaults(m: int, m_prime: int, k: int, delta: float) -> tuple[int, float]:
    """Derived ``(d, p)``: ``p = 1/(4·max(k−1, 1))``, least ``d`` meeting ``δ/2`` (module doc).

    >>> uand_defaults(1000, 1000, 3, 0.01)
    (2824, 0.125)
    """
    m = as_int(m, "m", 3)
    m_prime = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    delta = as_real(delta, "delta", 0.0, 1.0, low_closed=False)
    p = 1.0 / (4 * max(k - 1, 1))
    floor_d = math.ceil(MIN_DP2 / (p * p))

    def ok(d: int) -> bool:
        return expected_errors_per_input(m, m_prime, k, d, p) <= delta / 2

    try:
        hi = least_true(ok, lo=floor_d, limit=10**8)
    except ValueError:
        raise ValueError(f"delta={delta} is too small for a U-AND with d <= 1e8") from None
    return hi, p


def _expected_wrong_outputs(m: int, k: int, sizes: np.ndarray, p: float) -> float:
    """Exact expected wrong outputs on a uniform exactly-``k`` input (see :class:`UAndStats`)."""
    k = min(k, m)
    p1 = 2.0 * k * (m - k) / (m * (m - 1))
    p0 = math.comb(m - 2, k) / math.comb(m, k)
    uniq, counts = np.unique(sizes, return_counts=True)
    q1 = _tail_one_endpoint(uniq, max(k - 1, 0), p, THETA)
    q0 = np.array([_tail_no_endpoint(int(s), k, p, THETA) for s in uniq])
    return float(np.dot(counts, p1 * q1 + p0 * q0))
