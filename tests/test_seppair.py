"""C2s (bounds/constructions/seppair.py): the certificate against exhaustive enumeration of
every input with <= 2 active features, deliberately broken networks, refusals, accounting,
lower bounds, determinism, adversarial instances."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from bounds.constructions.adversarial import two_hubs
from bounds.constructions.certify import certify
from bounds.constructions.pairdesign import build_pair_design, co_owner_excess
from bounds.constructions.seppair import (
    attack_instance,
    build_pair_separated,
    certify_pair_separated,
    choose_pair_separated,
    sep_pair_accounting,
)


@pytest.fixture(scope="module", params=[1, 2])
def net(request: pytest.FixtureRequest):
    return build_pair_separated(90, 3, 0.01, seed=3, layers=request.param)


def _exhaustive(n):
    return certify(n, scope="probes", structure=False, exhaustive_limit=10**6)


def test_certified_and_matches_exhaustive(net) -> None:
    mine = certify_pair_separated(net)
    ex = _exhaustive(net)
    assert ex.method == "exhaustive" and ex.status == "certified"
    assert mine.status == "certified" and mine.min_slack > 0


def _break_bias(n, q: int, value: float):
    b = [x.copy() for x in n.biases]
    b[0][q] = value
    return type(n)(n.kind, n.m, n.m_prime, n.k, n.instance, n.E, n.weights, tuple(b), n.D,
                   n.theta, n.meta)


def test_broken_networks_rejected(net) -> None:
    q = int(sp.csr_matrix(net.D)[0].indices[0])
    # a unit of output 0 on at the empty input with a large value (one layer) / off always
    # (two layers: z >= 1 everywhere, so output 0 misses its own pair)
    bad = _break_bias(net, q, 10.0 if net.num_layers == 1 else 1e6)
    ex = _exhaustive(bad)
    assert ex.status == "refuted"
    assert certify_pair_separated(bad).status != "certified"


def test_broken_weight_refuted(net) -> None:
    """The weights of output 0's units on a fresh feature's code pushed up, so a wrong pair
    fires them; the output then fires on a wrong probe. Both certifiers must reject."""
    if net.num_layers != 1:
        pytest.skip("one-layer form")
    n = net
    W = sp.csr_matrix(n.weights[0], copy=True)
    D = sp.csr_matrix(n.D)
    # make output 0's r units fire on {a0, z} for a fresh z: raise z's code weights
    a0 = int(n.instance[0, 0])
    z = next(f for f in range(n.m) if f not in n.instance[0])
    E = sp.csc_matrix(n.E)
    W = W.tolil()
    for q in D[0].indices.tolist():
        for k, v in zip(E[:, z].indices.tolist(), E[:, z].data.tolist(), strict=True):
            W[q, k] = W[q, k] + 50.0 * np.sign(v)
    bad = type(n)(n.kind, n.m, n.m_prime, n.k, n.instance, n.E, (W.tocsr(),), n.biases, n.D,
                  n.theta, n.meta)
    x = np.zeros((1, n.m))
    x[0, [a0, z]] = 1
    assert bad.forward(x)[0, 0] and not n.forward(x)[0, 0]
    assert _exhaustive(bad).status == "refuted"
    assert certify_pair_separated(bad).status != "certified"


def test_certifier_covers_c2d() -> None:
    """Sound for any two-layer clip network: C2d's built network certifies too."""
    assert certify_pair_separated(build_pair_design(120, 3, 0.01, seed=0)).status == "certified"


def test_outside_family_refused() -> None:
    with pytest.raises(ValueError, match="outside the family F_r"):
        build_pair_separated(100, 3, 0.01, seed=0, instance=two_hubs(100))


def test_infeasible_sizes_raise() -> None:
    with pytest.raises(ValueError, match="unit|not certified"):
        build_pair_separated(100, 3, 0.01, seed=0, g=2)


def test_accounting_and_lower_bounds(net) -> None:
    from bounds.families import family
    from bounds.lower import lower_bounds

    p = choose_pair_separated(90, layers=net.num_layers)
    res = net.resources()
    acc = sep_pair_accounting(p)
    assert tuple(int(v) for v in acc["widths"]) == res.widths
    assert int(acc["total_neurons"]) == res.total_neurons
    assert int(acc["params_dense"]) == res.params_dense
    assert res.params_nonzero <= int(acc["params_nonzero_upper"])
    lb = lower_bounds(family("pairwise", 90), bits=res.bits_per_param, layers=res.layers,
                      eps=0.0)
    assert res.max_width >= lb.neurons_lb and res.total_neurons >= lb.neurons_total_lb


def test_deterministic() -> None:
    a = build_pair_separated(40, 3, 0.01, seed=5)
    b = build_pair_separated(40, 3, 0.01, seed=5)
    assert (a.weights[0] != b.weights[0]).nnz == 0
    assert np.array_equal(a.biases[0], b.biases[0]) and np.array_equal(a.instance, b.instance)
    assert (a.E != b.E).nnz == 0


@pytest.mark.parametrize("mode", ["correlated", "cover", "shared"])
def test_attacks_in_family_and_certified(mode: str) -> None:
    inst, hit = attack_instance(80, 1, mode=mode, targets=3)
    p = choose_pair_separated(80)
    assert hit and co_owner_excess(p, inst)[0] < p.r
    n = build_pair_separated(80, 3, 0.01, seed=1, instance=inst)
    assert certify_pair_separated(n).status == "certified"
    assert _exhaustive(n).status == "certified"
