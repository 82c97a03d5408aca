"""C1s (bounds/constructions/sepperm.py): certified per built instance, rejects broken
networks, refuses infeasible sizes, deterministic, accounting = built network, >= §3 bounds."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from bounds.constructions.certify import certify
from bounds.constructions.network import Network
from bounds.constructions.sepperm import (
    attack_instance,
    build_permutation_separated,
    certify_separated,
    certify_separated_probes,
    choose_separated,
    separated_accounting,
    sign_code,
)

MP = 60


@pytest.fixture(scope="module", params=[1, 2])
def net(request: pytest.FixtureRequest) -> Network:
    return build_permutation_separated(MP, 3, 0.01, seed=2, layers=request.param)


def _brute_force_ok(n: Network) -> bool:
    """Independent reference: forward pass on the identity (every one-hot probe) and 0."""
    x = np.vstack([np.zeros((1, n.m)), np.eye(n.m)])
    return bool(np.array_equal(n.forward(x), n.target(x)))


def test_certified_on_every_probe(net: Network) -> None:
    assert _brute_force_ok(net)
    c = certify(net, scope="probes")
    assert c.certified and c.inputs_covered == MP + 1
    mine = certify_separated(net)
    assert mine["status"] == "certified" and mine["min_slack"] >= 0.1


def _broken(n: Network) -> Network:
    """Raise one first-layer weight of unit 0 on a coordinate of a non-member feature c
    until unit 0 behaves like a member on c."""
    W1 = sp.csr_matrix(n.weights[0]).toarray()
    E = sp.csc_matrix(n.E)
    members = set(n.instance[np.flatnonzero(
        sp.csr_matrix(n.D)[:, 0].toarray().ravel())].tolist())
    c = next(f for f in range(n.m) if f not in members)
    col = E[:, c]
    k, v = int(col.indices[0]), float(col.data[0])
    sign = 1.0 if n.num_layers == 1 else -1.0  # layer 1 fires upwards, the clip downwards
    W1[0, k] += sign * np.sign(v) * 100.0 / abs(v)
    return Network(kind=n.kind, m=n.m, m_prime=n.m_prime, k=n.k, instance=n.instance,
                   E=n.E, weights=(sp.csr_matrix(W1), *n.weights[1:]), biases=n.biases,
                   D=n.D, theta=n.theta, meta={})


def test_broken_network_is_rejected(net: Network) -> None:
    bad = _broken(net)
    assert not _brute_force_ok(bad)  # the reference sees it
    c = certify(bad, scope="probes")
    assert c.status == "refuted" and c.counterexample is not None
    assert certify_separated(bad)["status"] == "refuted"
    cert = certify_separated_probes(bad)
    assert cert.status == "refuted" and cert.counterexample is not None
    x = np.zeros((1, bad.m))
    x[0, list(cert.counterexample)] = 1.0
    assert not np.array_equal(bad.forward(x), bad.target(x))  # the witness is real
    assert certify_separated_probes(net).certified


def test_infeasible_sizes_raise_naming_the_unit() -> None:
    with pytest.raises(ValueError, match=r"unit \d+ cannot be separated"):
        build_permutation_separated(MP, 3, 0.01, seed=0, d=6, s=2, G=11)


def test_deterministic_and_accounting(net: Network) -> None:
    p = choose_separated(MP, layers=net.num_layers)
    again = build_permutation_separated(MP, 3, 0.01, seed=2, layers=net.num_layers)
    for a, b in zip(net.weights + net.biases, again.weights + again.biases, strict=True):
        assert np.array_equal(sp.csr_matrix(a).toarray(), sp.csr_matrix(b).toarray())
    assert (sp.csr_matrix(net.E) != sp.csr_matrix(again.E)).nnz == 0
    res, acc = net.resources(), separated_accounting(p)
    assert res.max_width == acc["max_width"] == p.max_width
    assert res.total_neurons == acc["total_neurons"] and res.params_dense == acc["params_dense"]
    assert res.params_nonzero <= acc["params_nonzero_upper"]
    # the first layer is integers times one scale: distinct values bounded by the integers
    W1 = sp.csr_matrix(net.weights[0]).data
    unit = (2.0 if net.num_layers == 2 else 1.0) * np.sqrt(p.s) / p.scale
    ints = W1 / unit
    assert np.allclose(ints, np.rint(ints)) and np.abs(np.rint(ints)).max() == \
        net.meta["params"]["max_int"]
    assert res.bits_per_param == max(1, int(np.ceil(np.log2(res.distinct_values))))


def test_resources_above_the_lower_bounds(net: Network) -> None:
    from bounds.families import family
    from bounds.lower import lower_bounds

    res = net.resources()
    fam = family("permutation", MP)
    lb = lower_bounds(fam, bits=res.bits_per_param, layers=res.layers, eps=0.0)
    sparse = lower_bounds(fam, bits=res.bits_per_param, layers=res.layers, eps=0.0,
                          model="sparse", slots=res.params_dense)
    assert res.max_width >= lb.neurons_lb and res.total_neurons >= lb.neurons_total_lb
    assert res.params_nonzero >= sparse.params_lb and res.params_dense >= lb.params_lb


def test_sign_code_shape_and_seed() -> None:
    e = sign_code(40, 5, 300, seed=3)
    assert np.all(np.diff(e.indptr) == 5) and set(np.abs(e.data).tolist()) == {1}
    assert all(len(set(e.indices[e.indptr[f]:e.indptr[f + 1]].tolist())) == 5
               for f in range(300))
    assert (e != sign_code(40, 5, 300, seed=3)).nnz == 0
    assert (e != sign_code(40, 5, 300, seed=4)).nnz > 0


@pytest.mark.parametrize("mode", ["correlated", "cover"])
def test_attack_is_a_permutation_and_the_network_still_certifies(mode: str) -> None:
    inst, att = attack_instance(MP, 2, targets=4, mode=mode)
    assert sorted(inst.tolist()) == list(range(MP)) and len(att) == 4
    from bounds.constructions.design import affine_owners

    R = affine_owners(MP, choose_separated(MP).G, 2)
    for unit, c in att:  # the target feature is not one of the unit's features
        assert c not in inst[np.flatnonzero((R == unit).any(axis=1))].tolist()
    n = build_permutation_separated(MP, 3, 0.01, seed=2, instance=inst)
    assert _brute_force_ok(n) and certify_separated(n)["status"] == "certified"


def test_restricted_rows_fall_back_and_split_across_workers(monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """The fast LP (rows supported on the members' code supports) gives rows with at most
    |S|·s nonzeros; forcing it off gives the full-LP builder, also certified; two forked
    workers give exactly the rows of one."""
    import bounds.constructions.sepperm as sm

    a = build_permutation_separated(200, 3, 0.01, seed=1, layers=1, s=4)
    pr = a.meta["params"]
    assert pr["restricted_units"] == pr["H"]
    W = sp.csr_matrix(a.weights[0])
    assert max(np.diff(W.indptr)) <= pr["L"] * pr["s"] < pr["d"]
    assert certify(a, scope="probes").certified
    b = build_permutation_separated(200, 3, 0.01, seed=1, layers=1, s=4, workers=2)
    assert (sp.csr_matrix(b.weights[0]) != W).nnz == 0
    assert np.array_equal(b.biases[0], a.biases[0])
    monkeypatch.setattr(sm, "_solve_restricted", lambda *args: None)
    c = build_permutation_separated(200, 3, 0.01, seed=1, layers=1, s=4)
    assert c.meta["params"]["restricted_units"] == 0
    assert certify(c, scope="probes").certified and _brute_force_ok(c)
    assert max(np.diff(sp.csr_matrix(c.weights[0]).indptr)) > 0
