"""Tests for C0, the trivial construction (SPEC §5)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import sympy

from bounds.constructions.trivial import MP, M, accounting, build_trivial, random_instance
from bounds.constructions.verify import verify


@pytest.mark.parametrize("kind", ["permutation", "pairwise-and"])
@pytest.mark.parametrize("m_prime", [2, 7, 30])
def test_exhaustive_zero_errors(kind: str, m_prime: int) -> None:
    net = build_trivial(kind, m_prime, seed=m_prime)
    v = verify(net, delta=0.0, seed=0)
    assert v.method == "exhaustive" and v.errors == 0 and v.meets_delta


@pytest.mark.parametrize("kind", ["permutation", "pairwise-and"])
def test_accounting_equals_counted(kind: str) -> None:
    acc = accounting(kind)
    for m_prime, seed in itertools.product([3, 10, 57, 200], range(3)):
        net = build_trivial(kind, m_prime, seed=seed)
        res = net.resources()
        subs = {MP: m_prime, M: net.m}
        assert res.widths == (int(acc["d"].subs(subs)), int(acc["n1"].subs(subs)))
        for key in ("max_width", "total_neurons", "params_dense", "params_nonzero",
                    "distinct_values", "bits_per_param"):
            assert getattr(res, key) == int(acc[key].subs(subs)), key
    assert sympy.limit(acc["total_neurons"] / MP, MP, sympy.oo) == 1


def test_instances_valid_and_deterministic() -> None:
    inst = random_instance("pairwise-and", 50, seed=4)
    assert (inst[:, 0] < inst[:, 1]).all()
    assert len({tuple(p) for p in inst.tolist()}) == 50
    assert np.array_equal(inst, random_instance("pairwise-and", 50, seed=4))
    big = random_instance("pairwise-and", 5000, seed=1, m=10**5)
    assert len({tuple(p) for p in big.tolist()}) == 5000 and big.max() < 10**5
    tiny = random_instance("pairwise-and", 6, seed=0, m=4)  # all C(4,2) = 6 pairs
    assert sorted(map(tuple, tiny.tolist())) == list(itertools.combinations(range(4), 2))
    a = build_trivial("permutation", 40, seed=9).to_arrays()
    b = build_trivial("permutation", 40, seed=9).to_arrays()
    assert a.keys() == b.keys() and all(np.array_equal(a[x], b[x]) for x in a)


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="kind"):
        build_trivial("xor", 5)
    with pytest.raises(ValueError, match=r"C\(m, 2\) >= m_prime=10, i.e. m >= 5 "):
        build_trivial("pairwise-and", 10, m=4)
    with pytest.raises(ValueError, match="permutation"):
        build_trivial("permutation", 3, instance=[0, 0, 1])
    with pytest.raises(ValueError, match="distinct"):
        build_trivial("pairwise-and", 2, instance=[[0, 1], [1, 0]], m=3)
    assert math.comb(3, 2) >= build_trivial("pairwise-and", 2).m_prime
