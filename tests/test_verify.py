"""Tests for bounds.constructions.verify (SPEC §5 verification by simulation)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from scipy.stats import beta

from bounds.constructions.trivial import build_trivial
from bounds.constructions.verify import clopper_pearson_upper, count_inputs, verify


def test_clopper_pearson_known_values() -> None:
    # zero errors: 1 - 0.05**(1/n)
    assert clopper_pearson_upper(0, 10) == pytest.approx(1 - 0.05 ** 0.1, rel=1e-12)
    assert clopper_pearson_upper(0, 100) == pytest.approx(0.029513, abs=1e-6)
    assert clopper_pearson_upper(5, 1000) == pytest.approx(beta.ppf(0.95, 6, 995))
    assert clopper_pearson_upper(7, 7) == 1.0
    assert clopper_pearson_upper(1, 10) > clopper_pearson_upper(0, 10)


def test_exhaustive_counts_every_input() -> None:
    net = build_trivial("pairwise-and", 12, seed=2, k=3)
    v = verify(net, delta=0.0, seed=0)
    assert v.method == "exhaustive"
    assert v.inputs_tested == count_inputs(12, 3) == 1 + 12 + 66 + 220
    assert v.errors == 0 and v.meets_delta
    names = [s.name for s in v.strata]
    assert names == ["uniform", "exactly-k", "fewer", "target", "one-endpoint"]


def test_monte_carlo_strata_and_sizes() -> None:
    net = build_trivial("pairwise-and", 2000, seed=0)
    v = verify(net, delta=0.02, seed=3, inputs=1000)
    assert v.method == "monte-carlo" and v.inputs_tested == 1000
    assert sum(s.inputs for s in v.strata) == 1000
    assert v.errors == 0 and v.meets_delta
    assert v.error_upper95 == pytest.approx(clopper_pearson_upper(0, 250))
    perm = verify(build_trivial("permutation", 2000, seed=0), delta=0.01, seed=3, inputs=1000)
    assert [s.name for s in perm.strata] == ["uniform", "fewer"]


def _broken(net, index: int, value: float):
    b = net.biases[0].copy()
    b[index] = value
    return dataclasses.replace(net, biases=(b,))


def test_broken_network_is_reported() -> None:
    net = build_trivial("pairwise-and", 20, seed=0)
    v = verify(_broken(net, 3, 0.0), delta=0.01, seed=0)  # neuron 3 becomes an OR
    assert not v.meets_delta and v.errors > 0 and v.worst_stratum != "target"
    big = build_trivial("pairwise-and", 3000, seed=0)
    b = big.biases[0].copy()
    b[::100] = 0.0  # 1% of the outputs become ORs
    mc = verify(dataclasses.replace(big, biases=(b,)), delta=0.01, seed=0, inputs=2000)
    assert not mc.meets_delta and mc.error_upper95 > 0.01
    one = next(s for s in mc.strata if s.name == "one-endpoint")
    assert one.errors > 0


def test_monte_carlo_deterministic_and_target_stratum_activates() -> None:
    net = build_trivial("pairwise-and", 500, seed=1)
    a = verify(net, delta=0.01, seed=7, inputs=400)
    b = verify(net, delta=0.01, seed=7, inputs=400)
    assert a == b
    from bounds.constructions.verify import _sample_stratum

    rows = _sample_stratum(net, "target", 200, np.random.default_rng(0))
    from bounds.constructions.verify import rows_to_csr

    assert net.target(rows_to_csr(rows, net.m)).any(axis=1).all()
    rows = _sample_stratum(net, "one-endpoint", 200, np.random.default_rng(0))
    assert ((rows >= 0).sum(axis=1) == 3).all()


def test_bad_arguments() -> None:
    net = build_trivial("permutation", 5)
    with pytest.raises(ValueError, match="delta"):
        verify(net, delta=1.5, seed=0)
    with pytest.raises(ValueError, match="seed"):
        verify(net, delta=0.1, seed=-1)


def test_adversarial_strata_find_what_random_inputs_miss():
    import warnings

    from bounds.constructions.attacks import ADVERSARIAL_STRATA
    from bounds.constructions.channels import build_permutation

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        net = build_permutation(40, 3, 0.05, 0, r=5, s=5, G=12, g=12)  # under-provisioned
    v = verify(net, delta=0.05, seed=0, inputs=200, adversarial=60)
    names = [s.name for s in v.strata]
    assert names[-3:] == [n for n, _ in ADVERSARIAL_STRATA]
    adv = {s.name: s for s in v.strata[-3:]}
    assert adv["greedy"].errors > 0 and adv["greedy"].inputs == 60
    plain = verify(net, delta=0.05, seed=0, inputs=200)  # other strata unchanged
    assert [(s.name, s.errors) for s in plain.strata] == [(s.name, s.errors)
                                                          for s in v.strata[:-3]]
    x = np.zeros((1, net.m))  # every adversarial row keeps its output's target at 0 or
    assert net.target(x).sum() == 0  # is a legal <= k-sparse input (checked via errors)


def test_adversarial_needed_is_the_least_count_that_can_show_delta():
    from bounds.constructions.verify import adversarial_needed

    for delta in (0.2, 0.05, 0.01, 0.003):
        n = adversarial_needed(delta)
        assert clopper_pearson_upper(0, n) <= delta < clopper_pearson_upper(0, n - 1)
    with pytest.raises(ValueError, match="delta"):
        adversarial_needed(0.0)


def test_greedy_rows_do_not_depend_on_the_batching(monkeypatch):
    """The greedy stratum evaluates a block of rows per forward pass; the rows (and the
    random stream) are those of one row at a time."""
    import warnings

    from bounds.constructions import attacks
    from bounds.constructions.channels import build_permutation
    from bounds.constructions.instances import key_features

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        net = build_permutation(40, 3, 0.05, 0, r=5, s=5, G=12, g=12)
    batched = attacks.adversarial_rows(net, "greedy", 25, np.random.default_rng(3))
    monkeypatch.setattr(attacks, "_FLOATS", 1)  # one row per block
    single = attacks.adversarial_rows(net, "greedy", 25, np.random.default_rng(3))
    assert np.array_equal(batched, single)
    keys = key_features(net.instance)
    for row in single:  # legal <= k-sparse inputs, distinct features
        feats = row[row >= 0]
        assert feats.size == len(set(feats.tolist())) <= net.k
    assert keys.shape[0] == net.m_prime
    with pytest.raises(ValueError, match="adversarial stratum must be one of"):
        attacks.adversarial_rows(net, "nope", 1, np.random.default_rng(0))
