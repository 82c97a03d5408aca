"""The calculator's permutation bound with the exact error volume (issue 10 item 4, wired in):
against an independent brute force over every network word g and exact integers."""

from __future__ import annotations

import functools
import itertools
import math

import mpmath
import numpy as np
import pytest

from bounds.families import permutation
from bounds.lower import lower_bounds, lower_bounds_array, params_lower_bound


def _brute_volume(n: int, e: int) -> int:
    """max_g #{π : π agrees with g on >= n - e coordinates}; g over one word per multiset
    of fibre sizes for n >= 7 (relabelling invariance), over every word for n <= 6."""
    return _brute_volumes(n)[e]


@functools.cache
def _brute_volumes(n: int) -> tuple[int, ...]:
    """``_brute_volume(n, e)`` for every e = 0..n, from one pass over the words g (the
    agreement counts of every (g, π) pair, compared in numpy blocks of words)."""
    perms = np.array(list(itertools.permutations(range(n))), dtype=np.int8)
    if n <= 6:
        words = np.array(list(itertools.product(range(n), repeat=n)), dtype=np.int8)
    else:
        words = np.array([tuple(v for v, c in enumerate(parts) for _ in range(c))
                          for parts in _partitions(n)], dtype=np.int8)
    best = np.zeros(n + 1, dtype=np.int64)
    for start in range(0, len(words), 2048):
        block = words[start:start + 2048]
        agree = (block[:, None, :] == perms[None, :, :]).sum(axis=2)   # (words, perms)
        for e in range(n + 1):
            best[e] = max(best[e], int((agree >= n - e).sum(axis=1).max()))
    return tuple(int(v) for v in best)


def _partitions(n: int, top: int | None = None):
    top = n if top is None else top
    if n == 0:
        yield ()
        return
    for first in range(min(n, top), 0, -1):
        for rest in _partitions(n - first, first):
            yield (first,) + rest


@pytest.mark.parametrize("mp_", [3, 4, 5, 6, 7, 8])
def test_bits_and_params_use_the_exact_volume(mp_):
    for e in range(1, mp_ - 1):
        eps = (e + 0.5) / mp_
        vol = _brute_volume(mp_, e)
        lb = lower_bounds(permutation(mp_), bits=8, eps=eps)
        assert lb.errors_allowed == e
        assert lb.bits_lb == pytest.approx(math.log2(math.factorial(mp_) / vol), rel=1e-12)
        # least P with 2^(8P) * V >= m'!, in integers
        want = next(p for p in itertools.count(1) if (vol << (8 * p)) >= math.factorial(mp_))
        assert lb.params_lb == max(want, params_lower_bound(permutation(mp_), bits=8, eps=eps))
        if vol < math.perm(mp_, e):
            assert "permutation-volume-exact" in lb.provenance


@pytest.mark.parametrize("mp_", [10**3, 10**15, 10**40])
def test_one_error_gains_log2_half_m_prime_at_any_size(mp_):
    eps = 1.5 / mp_
    lb = lower_bounds(permutation(mp_), bits=8, eps=eps)
    assert lb.errors_allowed == 1
    with mpmath.workdps(60 + len(str(mp_))):
        want = mpmath.loggamma(mp_ + 1) / mpmath.ln(2) - 1        # log2(m'!/2)
        old = mpmath.loggamma(mp_) / mpmath.ln(2)                 # log2((m'-1)!)
        assert abs(mpmath.mpf(lb.bits_lb) - want) <= abs(want) * 1e-12
        assert float(want - old) == pytest.approx(math.log2(mp_ / 2), rel=1e-9)
    assert "permutation-volume-exact" in lb.provenance


def test_two_or_more_errors_beyond_30_keep_the_bound():
    lb = lower_bounds(permutation(100), bits=8, eps=0.025)
    assert lb.errors_allowed == 2 and "permutation-volume-exact" not in lb.provenance
    assert lb.bits_lb == pytest.approx(math.log2(math.factorial(98)), rel=1e-12)


def test_array_path_equals_scalar_path_with_exact_volume():
    mps = np.array(list(range(2, 41)) + [1000, 10**6], dtype=np.int64)
    for eps in (0.0, 0.1, 0.3, 0.5, 1.5e-6):
        out = lower_bounds_array(mps, bits=8, eps=eps)
        for i, mp_ in enumerate(mps.tolist()):
            lb = lower_bounds(permutation(mp_), bits=8, eps=eps)
            assert out["bits_lb"][i] == pytest.approx(lb.bits_lb, rel=1e-12, abs=1e-12)
            if lb.bits_lb_ceil > 0:  # (vacuous rows: the array path reports P >= 1)
                assert out["params_lb"][i] == params_d1(lb)


def params_d1(lb):
    """The D1 counting bound of the calculator (the array path is D1 only)."""
    return next(t.params for t in lb.lower_bounds if t.theorem == "params-dense")


def test_the_sharper_bound_dips_where_e_steps():
    # documented behaviour: e = 1 -> 2 between m' = 6 and 7 at eps = 0.3
    a = lower_bounds(permutation(6), bits=8, eps=0.3).bits_lb     # log2(720 / 2)
    b = lower_bounds(permutation(7), bits=8, eps=0.3).bits_lb     # log2(5040 / 22)
    assert a == pytest.approx(math.log2(360)) and b == pytest.approx(math.log2(5040 / 22))
    assert b < a


@pytest.mark.parametrize("mp_", [1, 2, 3, 4, 5, 6, 7])
def test_sympy_and_numeric_forms_agree(mp_):
    from bounds import volumes

    for c in volumes.partitions(mp_):
        for t in range(mp_ + 1):
            assert int(volumes.tail_count_sym(c, t)) == volumes.tail_count(c, t)
    for e in range(mp_ + 1):
        assert int(volumes.max_volume_sym(mp_, e)) == volumes.max_volume_exact(mp_, e)
        assert int(volumes.max_volume_sym(mp_, e)) == _brute_volume(mp_, e)
