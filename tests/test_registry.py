"""The construction registry drives the CLI choices, the simulation and the tests."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from bounds.cli.simulate import simulate
from bounds.constructions import registry
from bounds.constructions.network import Network
from bounds.constructions.simulation import CONSTRUCTIONS


def test_simulate_choices_are_the_registry():
    assert CONSTRUCTIONS == tuple(c.name for c in registry.simulatable())
    param = next(p for p in simulate.params if p.name == "construction")
    assert tuple(param.type.choices) == CONSTRUCTIONS


def test_every_network_entry_builds_its_family_and_baseline():
    for name in registry.names("network"):
        entry = registry.get(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            opts = {"m": 30, "d": 600, "p": 0.25} if name == "uand" else {}
            net = entry.build(40, 2, 0.1, 3, **opts)
        assert isinstance(net, Network) and net.family == entry.family
        if entry.baseline:
            base = registry.get(entry.baseline)
            assert base.family == entry.family and base.baseline is None
            c0 = base.build(net.m_prime, net.k, 0.0, 3, m=None if net.family == "permutation"
                            else net.m, instance=net.instance)
            assert np.array_equal(c0.instance, net.instance)
        if entry.accounting is not None and name not in ("permutation", "pairwise-and"):
            acc = entry.accounting()
            assert "params_dense" in acc


def test_claims_are_named():
    for entry in registry.REGISTRY.values():
        assert entry.claim in (registry.FAMILY_CLAIM, registry.RANDOM_INSTANCE_CLAIM,
                               registry.CERTIFIED_INSTANCE_CLAIM)
        if entry.claim == registry.CERTIFIED_INSTANCE_CLAIM:  # C1s: says what is not known
            assert "per-instance certificate" in entry.correctness
            assert "NO theorem" in entry.correctness and entry.calibration
        elif not entry.family_claim:
            assert "random" in entry.instance_distribution


def test_unknown_and_duplicate_names():
    with pytest.raises(ValueError, match="construction must be one of"):
        registry.get("nope")
    with pytest.raises(ValueError, match="registered twice"):
        registry.register(registry.get("uand"))
