"""Representation (SPEC §4): JL dimension, storage bound and the crossover, checked independently.

JL references come from mpmath at 40 digits (and scikit-learn's documented values); storage
from exact sums of binomials; the crossover from a linear scan with own neuron counts
(bit lengths of exact factorials) against own JL dimensions.
"""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest

from bounds.representation import (
    crossover,
    jl_min_dim,
    representation,
    storage_bits,
    storage_dims,
)
from proofs.theorems._brute import least_width_scan


def jl_raw(n_points: int, eps: float) -> mpmath.mpf:
    with mpmath.workdps(40):
        e = mpmath.mpf(eps)  # the binary value of the float, as the library receives it
        return 4 * mpmath.log(n_points) / (e**2 / 2 - e**3 / 3)


def jl_ceil_ref(n_points: int, eps: float) -> int:
    return int(mpmath.ceil(jl_raw(n_points, eps)))


def jl_trunc_ref(n_points: int, eps: float) -> int:
    return int(mpmath.floor(jl_raw(n_points, eps)))


# ------------------------------------------------------------------ sklearn's documented values
def test_sklearn_documented_values():
    assert jl_min_dim(10**6, 0.5, rounding="sklearn") == 663
    assert jl_min_dim(10**6, np.array([0.5, 0.1, 0.01]), rounding="sklearn").tolist() == [
        663, 11841, 1112658]
    assert jl_min_dim(np.array([10**4, 10**5, 10**6]), 0.1, rounding="sklearn").tolist() == [
        7894, 9868, 11841]
    assert [jl_trunc_ref(10**6, e) for e in (0.5, 0.1, 0.01)] == [663, 11841, 1112658]


def test_against_installed_sklearn():
    from sklearn import random_projection as rp  # in the test extra: never skipped
    ns = np.unique(np.round(np.logspace(0.5, 12, 60)).astype(np.int64))
    for eps in (0.01, 0.1, 0.3, 0.5, 0.9, 0.99):
        ours = jl_min_dim(ns, eps, rounding="sklearn")
        theirs = rp.johnson_lindenstrauss_min_dim(ns, eps=eps)
        assert ours.tolist() == np.asarray(theirs).tolist()


# ------------------------------------------------------------------ ceil is the least integer
NS = [1, 2, 3, 10, 1001, 10**6, 10**6 + 1, 123456789, 10**12, 2**62, 10**100]
EPSS = [0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 0.9, 0.999]


@pytest.mark.parametrize("n_points", NS)
def test_ceil_is_least_integer_and_ge_sklearn(n_points):
    for eps in EPSS:
        raw = jl_raw(n_points, eps)
        d = jl_min_dim(n_points, eps)
        assert isinstance(d, int)
        assert d >= raw and (d - 1 < raw or d == 0)
        assert d == jl_ceil_ref(n_points, eps)
        s = jl_min_dim(n_points, eps, rounding="sklearn")
        assert s <= d <= s + 1
        assert s == jl_trunc_ref(n_points, eps)


def test_ceil_array_path_matches_scalar_path():
    ns = np.unique(np.round(np.logspace(0, 15, 200)).astype(np.int64))
    for eps in (0.05, 0.1, 0.5):
        arr = jl_min_dim(ns, eps)
        assert arr.tolist() == [jl_min_dim(int(n), eps) for n in ns]
        assert arr.tolist() == [jl_ceil_ref(int(n), eps) for n in ns]


def test_jl_one_point_needs_zero_dims():
    assert jl_min_dim(1, 0.1) == 0
    assert jl_min_dim(1, 0.1, rounding="sklearn") == 0


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.5, float("nan"), float("inf"), True])
def test_jl_rejects_bad_eps(bad):
    with pytest.raises(ValueError, match=r"eps must be a real number in \(0, 1\)"):
        jl_min_dim(100, bad)


def test_jl_rejects_bad_points_and_rounding():
    with pytest.raises(ValueError, match="n_points must be an integer >= 1"):
        jl_min_dim(0, 0.1)
    with pytest.raises(ValueError, match="rounding must be one of ceil, sklearn"):
        jl_min_dim(10, 0.1, rounding="round")
    with pytest.raises(ValueError, match="eps"):
        jl_min_dim(10, np.array([0.1, 1.0]))


# ------------------------------------------------------------------ representation()
@pytest.mark.parametrize("mp", [2, 999, 10**6 - 1, 10**9])
@pytest.mark.parametrize("eps", [0.1, 0.5])
@pytest.mark.parametrize("rounding", ["ceil", "sklearn"])
def test_representation_uses_m_plus_one_points(mp, eps, rounding):
    r = representation(mp, eps, rounding)
    assert r.points == mp + 1
    ref = jl_ceil_ref(mp + 1, eps) if rounding == "ceil" else jl_trunc_ref(mp + 1, eps)
    assert r.dims == ref
    d = r.as_dict()
    assert list(d)[:4] == ["m_prime", "eps", "rounding", "dims"]
    assert "jl-dim" in d["provenance"] and "A6" in d["provenance"]
    assert representation(10**6 - 1, 0.5, "sklearn").dims == 663


# ------------------------------------------------------------------ storage bound
def storage_count(mp: int, k: int) -> int:
    return sum(math.comb(mp, i) for i in range(min(k, mp) + 1))


@pytest.mark.parametrize("mp", [2, 3, 10, 1000, 12345, 10**9, 10**30])
@pytest.mark.parametrize("k", [1, 2, 3, 7])
@pytest.mark.parametrize("bits", [1, 8, 32])
def test_storage_dims_least_integer(mp, k, bits):
    count = storage_count(mp, k)
    d = 0
    while (1 << (d * bits)) < count:  # least d with 2^(d b) >= count, i.e. d b >= log2 count
        d += 1
    assert storage_dims(mp, k, bits) == d
    assert storage_bits(mp, k) == pytest.approx(math.log2(Fraction(count)), rel=1e-14)


def test_storage_reference_values():
    # C(1000,0..3) sum = 166 667 501 -> 27.31 bits -> 4 bytes
    assert storage_count(1000, 3) == 166667501
    assert storage_dims(1000, 3, 8) == 4
    assert storage_dims(10**9, 3, 8) == 11
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        storage_dims(10, 0, 8)


# ------------------------------------------------------------------ crossover by linear scan
def scan_crossover(bits: int, layers: int, eps_jl: float, rounding: str,
                   eps_text: str = "0", limit: int = 50_000) -> int:
    k, fact = 1, 1  # fact = k!
    for mp in range(2, limit):
        e = math.floor(Fraction(eps_text) * mp)
        while k < mp - e:
            k += 1
            fact *= k
        need = (fact - 1).bit_length()  # ceil(log2 (m'-e)!)
        n = least_width_scan(need, bits, layers)  # independent of bounds.lower
        raw = jl_raw(mp + 1, eps_jl)
        jl = int(mpmath.ceil(raw)) if rounding == "ceil" else int(mpmath.floor(raw))
        if n > jl:
            return mp
    raise AssertionError("no crossover below limit")


@pytest.mark.parametrize(
    "bits, layers, eps_jl, rounding, eps_text",
    [
        (1, 1, 0.9, "ceil", "0"),
        (1, 1, 0.9, "sklearn", "0"),
        (1, 1, 0.99, "ceil", "0"),
        (2, 1, 0.9, "ceil", "0"),
        (1, 2, 0.95, "sklearn", "0"),
        (1, 1, 0.9, "ceil", "0.2"),
    ],
)
def test_crossover_equals_linear_scan(bits, layers, eps_jl, rounding, eps_text):
    want = scan_crossover(bits, layers, eps_jl, rounding, eps_text)
    c = crossover(bits=bits, layers=layers, eps=float(eps_text), eps_jl=eps_jl,
                  rounding=rounding)
    assert c.m_prime == want
    assert c.neurons_lb > c.jl_dims
    assert "theorem gap" in c.provenance and "A7" in c.provenance


def test_crossover_docstring_value_is_first_crossing():
    c = crossover(bits=8, layers=1, eps_jl=0.5)
    assert c.m_prime == 168202
    # check the neighbourhood exactly: at 168201 computing does not yet need more neurons
    for mp, should_cross in ((168201, False), (168202, True)):
        with mpmath.workdps(40):
            need = int(mpmath.ceil(mpmath.loggamma(mp + 1) / mpmath.log(2)))
        c8 = -(-need // 8)
        n = 1
        while n * n + n < c8:
            n += 1
        assert (n > jl_ceil_ref(mp + 1, 0.5)) == should_cross


def test_crossover_validation():
    with pytest.raises(ValueError, match=r"eps_jl must be a real number in \(0, 1\)"):
        crossover(eps_jl=0.0)
    with pytest.raises(ValueError, match=r"eps_jl must be a real number in \(0, 1\)"):
        crossover(eps_jl=1.0)
    with pytest.raises(ValueError, match="bits must be an integer >= 1"):
        crossover(bits=0)
