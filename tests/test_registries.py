"""The family and model registries, the D3 (mask) fix and the binomial-prefix enclosure.

Reference values are computed independently here: exact big integers by enumeration or
math.comb sums, never by the library's own formulas.
"""

from __future__ import annotations

import itertools
import math

import mpmath
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounds.counting import binomial_prefix, log2_binomial_prefix_interval
from bounds.families import (
    FAMILIES,
    cli_problems,
    family,
    least_pair_inputs,
    mixed,
    pairwise,
    permutation,
)
from bounds.lower import lower_bounds, lower_bounds_array, params_lower_bound
from bounds.models import MODELS, get_model


def test_registry_lists_every_family_and_cli_offers_two():
    assert set(FAMILIES) == {"permutation", "pairwise", "mixed", "user"}
    assert cli_problems() == ("permutation", "pairwise")
    for name, entry in FAMILIES.items():
        assert entry.cls.name == name


def test_family_rejects_options_that_do_not_apply():
    with pytest.raises(ValueError, match="op does not apply to problem permutation"):
        family("permutation", 10, op="XOR")
    with pytest.raises(ValueError, match="labelled does not apply"):
        family("permutation", 10, labelled=False)
    assert family("pairwise", 10, op=None).op == "AND"  # None means the default


@pytest.mark.parametrize("mp", [2, 3, 4, 5, 6, 7, 10, 11, 1000, 10**6, 10**12 + 7])
def test_least_pair_inputs_is_least(mp):
    m = least_pair_inputs(mp)
    assert math.comb(m, 2) >= mp
    assert m == 2 or math.comb(m - 1, 2) < mp


def test_error_message_names_the_least_valid_m():
    with pytest.raises(ValueError, match=r"m >= 1415 "):
        pairwise(10**6, m=1000)
    pairwise(10**6, m=1415)  # the least valid m works


@pytest.mark.parametrize("fam", [permutation(4), pairwise(3, m=4), pairwise(3, m=4, op="XOR"),
                                 pairwise(2, m=4, labelled=False)])
def test_sample_validate_evaluate_roundtrip(fam):
    inst = fam.sample_instance(7)
    assert np.array_equal(fam.validate_instance(inst), inst)
    probes = fam.probes()
    # evaluation on an array instance equals evaluation on its tuple form
    as_tuple = tuple(tuple(r) for r in inst.tolist()) if inst.ndim == 2 else tuple(inst.tolist())
    assert np.array_equal(fam.evaluate(inst, probes), fam.evaluate(as_tuple, probes))


def test_validate_instance_rejects_bad_instances():
    with pytest.raises(ValueError, match="permutation of range"):
        permutation(3).validate_instance([0, 0, 1])
    with pytest.raises(ValueError, match="distinct"):
        pairwise(2, m=3).validate_instance([[0, 1], [1, 0]])
    with pytest.raises(ValueError, match="lie in"):
        pairwise(2, m=3).validate_instance([[0, 1], [1, 3]])


@pytest.mark.parametrize("problem, options", [
    ("permutation", {}), ("pairwise", {}), ("pairwise", {"labelled": False}),
    ("mixed", {"ops": ("AND", "OR", "XOR")}),
])
@pytest.mark.parametrize("eps", [0.0, 0.1])
def test_array_path_covers_every_family_and_equals_scalar(problem, options, eps):
    mps = np.array([2, 3, 7, 50, 999, 10**4, 123_457])
    out = lower_bounds_array(mps, bits=4, layers=2, eps=eps, problem=problem, **options)
    for i, mp in enumerate(mps.tolist()):
        lb = lower_bounds(family(problem, mp, **options), bits=4, layers=2, eps=eps)
        assert (out["params_lb"][i], out["neurons_lb"][i]) == (lb.params_lb, lb.neurons_lb)


def test_array_path_refuses_user_family():
    with pytest.raises(ValueError, match="no array form"):
        lower_bounds_array(np.array([10]), bits=8, problem="user")


def test_lower_bounds_accepts_an_integer_m_prime():
    assert lower_bounds(1000, bits=8).params_lb == 1067
    assert lower_bounds(10**6, bits=8).neurons_lb == 1520


def test_model_registry():
    assert list(MODELS) == ["dense", "sparse", "mask"]
    assert [get_model(k).label for k in MODELS] == ["D1 dense", "D2 sparse", "D3 mask"]
    with pytest.raises(ValueError, match="model must be one of dense, sparse, mask"):
        get_model("D4")


# ------------------------------------------------------------------ D3 (mask only)
def test_mask_counts_masks_with_at_most_p_survivors():
    """bounds 20 --model mask --slots 64 --bits 1: 2^64 masks exceed 20!; the least P with
    sum_{j<=P} C(64, j) >= 20! is 28 (issue 10 item 5)."""
    target = math.factorial(20)
    want = next(p for p in range(65) if sum(math.comb(64, j) for j in range(p + 1)) >= target)
    assert want == 28
    assert params_lower_bound(permutation(20), bits=1, model="mask", slots=64) == 28


@pytest.mark.parametrize("slots", [1, 4, 9, 16])
def test_mask_bits_by_enumerating_masks(slots):
    """2^B(P) = number of 0/1 masks on D slots with at most P ones, by enumeration."""
    model = get_model("mask")
    for p in range(slots + 1):
        count = sum(1 for mask in itertools.product((0, 1), repeat=slots) if sum(mask) <= p)
        assert model.classes_exact(p, 1, slots) == count
        assert abs(model.bits(p, 1, slots) - math.log2(count)) < 1e-12


@pytest.mark.parametrize("mp", [10, 50, 200, 1000])
@pytest.mark.parametrize("problem", ["permutation", "pairwise"])
def test_mask_default_slots_least_p_exact(mp, problem):
    fam = family(problem, mp)
    lb = lower_bounds(fam, bits=8, model="mask")
    d, p, n = lb.slots, lb.params_lb, lb.neurons_lb
    size = fam.exact_size()
    assert binomial_prefix(d, p) >= size > binomial_prefix(d, p - 1)
    assert 2**d >= size > 2 ** ((n - 1) * n)  # B(D) = D bits: n is the least such width


@pytest.mark.parametrize("exp", [40, 100])
def test_mask_huge_m_prime_is_decided_and_consistent(exp):
    lb = lower_bounds(permutation(10**exp), bits=8, model="mask")
    d, p = lb.slots, lb.params_lb
    with mpmath.workdps(3 * exp + 60):
        need = mpmath.loggamma(mpmath.mpf(10**exp) + 1) / mpmath.log(2)
        assert d >= need > (lb.neurons_lb - 1) * lb.neurons_lb
    # P sits just below D/2: B(D/2) >= D - 1 >= need - 1 and B(P) < D/2 + ... would fail
    assert d // 2 - d**0.8 < p <= d // 2 + 1


@given(st.integers(0, 600), st.data())
def test_prefix_enclosure_contains_exact_value(n, data):
    k = data.draw(st.integers(0, n))
    exact = binomial_prefix(n, k)
    with mpmath.workdps(50):
        truth = mpmath.log(mpmath.mpf(exact), 2)
        for kwargs in ({"max_terms": 2}, {"eta_digits": 3}, {}):
            lo, hi = log2_binomial_prefix_interval(n, k, **kwargs)
            slack = mpmath.mpf(10) ** -25 * max(1, truth)
            assert lo - slack <= truth <= hi + slack


def test_mixed_family_through_registry():
    fam = family("mixed", 3, ops=("AND", "OR", "XOR"), m=4)
    assert fam == mixed(3, ("AND", "OR", "XOR"), m=4)
    assert fam.exact_size() == math.perm(6, 3) * 3**3
