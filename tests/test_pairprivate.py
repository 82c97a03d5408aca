"""C2p (one private unit per output) and the clique-template limit: the theorem against
exhaustive enumeration over every instance at small m, adversarial instances (two hubs,
stars, cliques, shared endpoints, code collisions, a greedy search on the public code),
deliberately broken networks that certification must reject, the accounting against the
built network, and the limit's attack against C2d's public ownership."""

from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np
import pytest
import scipy.sparse as sp

from bounds.constructions import registry
from bounds.constructions.adversarial import clique, star, two_hubs
from bounds.constructions.certify import certify
from bounds.constructions.design import _code, affine_owners
from bounds.constructions.pairdesign import (
    build_pair_design,
    certify_pair_design,
    choose_pair_design,
    clique_template_attack,
    co_owner_excess,
    shared_endpoint_instance,
)
from bounds.constructions.pairprivate import (
    build_private_pairs,
    certify_private_pairs,
    choose_private_pairs,
    private_accounting,
    private_crossover,
    private_theta_limits,
)
from bounds.constructions.trivial import build_trivial
from bounds.constructions.verify import rows_to_csr


def _exhaustive(net):
    return certify(net, scope="probes", exhaustive_limit=10**6)


def _probes(m: int) -> np.ndarray:
    rows = [(-1, -1)] + [(f, -1) for f in range(m)] + list(itertools.combinations(range(m), 2))
    return np.array(rows, dtype=np.int64)


@pytest.mark.parametrize("m_prime", [2, 3, 6])
def test_every_instance_every_probe_at_m4(m_prime):
    # every labelled instance of m' distinct pairs of [4], every input with <= 2 features
    pairs = list(itertools.combinations(range(4), 2))
    x = rows_to_csr(_probes(4), 4)
    n = 0
    for inst in itertools.permutations(pairs, m_prime):
        net = build_private_pairs(m_prime, 3, 0.01, 0, m=4, instance=np.array(inst))
        assert np.array_equal(net.forward(x), net.target(x))
        n += 1
    assert n == math.perm(len(pairs), m_prime)
    assert certify_private_pairs(net).certified


@pytest.mark.parametrize("m", [5, 6, 8, 12])
def test_every_pair_every_probe(m):
    # unit j depends on the instance only through its own pair and the code only on m: the
    # network holding every pair of [m] as an output decides every labelled instance of [m]
    inst = np.array(list(itertools.combinations(range(m), 2)))
    net = build_private_pairs(len(inst), 3, 0.01, 3, m=m, instance=inst)
    x = rows_to_csr(_probes(m), m)
    assert np.array_equal(net.forward(x), net.target(x))
    c = certify_private_pairs(net)
    assert c.certified and c.min_slack == pytest.approx(0.5)
    # the code is the same for every m' at this m
    other = build_private_pairs(3, 3, 0.01, 3, m=m, instance=inst[:3])
    assert (other.E != net.E).nnz == 0


def _colliding_instance(p, seed: int) -> np.ndarray:
    """Greedy on the public code: each output gets the free pair whose codes overlap most
    (n(a, b) = D - 1 where possible), so its own cross-talk is the largest the code allows."""
    e_int, _ = _code(p, seed, signed=False)
    gram = (e_int.T @ e_int).tocoo()
    cand = sorted(((int(v), int(a), int(b)) for a, b, v in zip(gram.row, gram.col, gram.data,
                                                                strict=True) if a < b),
                  reverse=True)
    inst = [(a, b) for _v, a, b in cand[:p.m_prime]]
    assert len(inst) == p.m_prime
    return np.array(inst)


def _adversarial(mp: int, seed: int) -> dict[str, tuple[np.ndarray, dict]]:
    p = choose_private_pairs(mp)
    q = 2
    while q * (q - 1) // 2 < mp:
        q += 1
    k5 = [(5 * t + a, 5 * t + b) for t in range(mp // 10 + 1)
          for a, b in itertools.combinations(range(5), 2)][:mp]
    return {"two-hubs": (two_hubs(mp), {}),
            "star": (star(mp, m=mp + 1), {"m": mp + 1}),
            "clique": (clique(mp), {}),
            "disjoint-K5": (np.array(k5), {"m": 5 * (mp // 10 + 1)}),
            "shared-endpoints": (shared_endpoint_instance(mp, seed, targets=mp)[0], {}),
            "colliding-codes": (_colliding_instance(p, seed), {})}


@pytest.mark.parametrize("mp", [40, 300, 2000])
def test_adversarial_instances_are_certified(mp):
    for name, (inst, opts) in _adversarial(mp, 1).items():
        net = build_private_pairs(mp, 3, 0.01, 1, instance=inst, **opts)
        c = certify_private_pairs(net)
        assert c.certified and c.min_slack == pytest.approx(0.5), (name, c.note)
        if mp <= 300:
            assert _exhaustive(net).certified, name


def test_greedy_search_on_the_public_code_finds_no_wrong_probe():
    # for each output, the probe maximising its pre-activation among the wrong ones (every
    # pair {own, z} and {z, w}, by brute force) stays at most 0, and the colliding instance
    # reaches the theorem's cross-talk bound s + 3(D - 1) <= 2s - 1 somewhere
    mp = 60
    p = choose_private_pairs(mp)
    inst = _colliding_instance(p, 0)
    net = build_private_pairs(mp, 3, 0.01, 0, instance=inst)
    A = (sp.csr_matrix(net.weights[0]) @ sp.csr_matrix(net.E)).toarray()
    worst = -math.inf
    for j, (a, b) in enumerate(inst.tolist()):
        z = [(A[j, u] + A[j, v], (u, v)) for u, v in itertools.combinations(range(net.m), 2)
             if {u, v} != {a, b}]
        worst = max(worst, max(z)[0] + net.biases[0][j])
        assert A[j, a] + A[j, b] + net.biases[0][j] >= 1 - 1e-9
    assert worst <= 1e-9
    n_max = round(worst + 2 * p.s - 1)  # back to the integer N of the theorem
    assert p.s + (p.D - 1) <= n_max <= p.s + 3 * (p.D - 1) <= 2 * p.s - 1


@pytest.mark.parametrize("broken", ["small-s", "low-bias", "dead-unit", "shared-unit"])
def test_certification_rejects_broken_networks(broken):
    mp, seed = 60, 2
    p = choose_private_pairs(mp)
    if broken == "small-s":  # s = 3(D - 1) breaks the theorem on colliding codes
        q = choose_private_pairs(mp, D=2, s=3)
        assert not q.worst_case_ok
        net = build_private_pairs(mp, 3, 0.01, seed, D=2, s=3,
                                  instance=_colliding_instance(q, seed))
    elif broken == "low-bias":  # the threshold 2s - 1 lowered by one: {own, z} fires
        net = build_private_pairs(mp, 3, 0.01, seed, instance=_colliding_instance(p, seed))
        net = dataclasses.replace(net, biases=(net.biases[0] + 1.0 + 1e-6,))
    elif broken == "dead-unit":  # one output's unit never fires
        net = build_private_pairs(mp, 3, 0.01, seed)
        W1 = net.weights[0].tolil()
        W1[0, :] = 0.0
        net = dataclasses.replace(net, weights=(W1.tocsr(),))
    else:  # two outputs read one unit: not the private template (certifier declines)
        net = build_private_pairs(mp, 3, 0.01, seed)
        D = sp.identity(mp, format="lil")
        D[1, 1], D[1, 0] = 0.0, 1.0
        net = dataclasses.replace(net, D=D.tocsr())
    exact = _exhaustive(net)
    ours = certify_private_pairs(net)
    assert exact.status == "refuted"
    assert not ours.certified
    if broken == "shared-unit":
        assert ours.status == "inconclusive"
    else:
        assert ours.status == "refuted"
        x = np.zeros((1, net.m))
        x[0, list(ours.counterexample)] = 1.0
        assert (net.forward(x) != net.target(x)).any()


@pytest.mark.parametrize("mp", [10, 100, 2000])
def test_accounting_equals_the_built_network(mp):
    for inst in (None, two_hubs(mp)):
        net = build_private_pairs(mp, 3, 0.01, 0, instance=inst)
        acc = private_accounting(choose_private_pairs(mp))
        res = net.resources()
        assert tuple(int(w) for w in acc["widths"]) == res.widths
        assert int(acc["total_neurons"]) == res.total_neurons == mp
        assert int(acc["params_dense"]) == res.params_dense
        assert res.params_nonzero <= int(acc["params_nonzero_upper"])
        assert res.bits_per_param <= int(acc["bits_upper"]) and res.layers == 1


def test_theta_limits_are_finite_and_positive():
    lim = private_theta_limits()
    for key in ("max_width", "total_neurons", "params_dense", "params_nonzero_upper"):
        assert lim[key].is_positive and lim[key].is_finite, key
    assert lim["total_neurons"] == 1 and lim["max_width"] == 1


def test_ties_c0_and_never_crosses_it():
    assert private_crossover("max_width", 600) is None
    assert private_crossover("total_neurons", 600) is None
    for mp in (28, 500, 2000, 10**4):
        p = choose_private_pairs(mp)
        c0 = build_trivial("pairwise-and", mp, seed=0).resources()
        assert max(p.d, p.H) == c0.max_width == mp and p.H == c0.total_neurons
    # frontier sizes at 1e3 .. 1e6 (analytic, every instance)
    d = {mp: choose_private_pairs(mp).d for mp in (10**3, 10**4, 10**5, 10**6)}
    assert d == {10**3: 77, 10**4: 110, 10**5: 169, 10**6: 221}
    assert all(v < mp for mp, v in d.items())


@pytest.mark.parametrize(("mp", "r"), [(100, None), (300, None), (300, 6), (2000, None)])
def test_clique_template_attack_breaks_c2d_at_every_size(mp, r):
    # the limit's instance, built against C2d's public decoder, makes the target output fire
    # on {a, c} for any r: C2d (check off) is refuted by its own certifier and by simulation
    opts = {} if r is None else {"r": r}
    p = choose_pair_design(mp, **opts)
    R = affine_owners(p.m_prime, p.G, p.r)
    Dm = sp.csr_matrix((np.ones(R.size), (np.repeat(np.arange(mp), p.r), R.ravel())),
                       shape=(mp, p.H))
    inst, (j, a, c) = clique_template_attack(Dm, p.m)
    assert co_owner_excess(p, inst)[0] == p.r
    net = build_pair_design(mp, 3, 0.01, 0, instance=inst, check=False, **opts)
    x = rows_to_csr(np.array([[a, c]]), net.m)
    assert net.forward(x)[0, j] and not net.target(x)[0, j]
    cert = certify_pair_design(net)
    assert cert.status == "refuted"
    # the same instance is fine for C2p, which has a private unit per output
    assert certify_private_pairs(build_private_pairs(mp, 3, 0.01, 0, instance=inst)).certified
    # and inside the two-hub family: every pair holds feature 0 or 1, j fires on {0, 1}
    inst, (j, a, c) = clique_template_attack(Dm, p.m, hubs=True)
    assert ((inst == 0) | (inst == 1)).any(axis=1).all() and len({*map(tuple, inst)}) == mp
    net = build_pair_design(mp, 3, 0.01, 0, instance=inst, check=False, **opts)
    x = rows_to_csr(np.array([[a, c]]), net.m)
    assert (a, c) == (0, 1) and net.forward(x)[0, j] and not net.target(x)[0, j]
    assert certify_pair_design(net).status == "refuted"
    assert certify_private_pairs(build_private_pairs(mp, 3, 0.01, 0, instance=inst)).certified


def test_clique_template_attack_needs_a_non_private_output():
    with pytest.raises(ValueError, match="private unit"):
        clique_template_attack(sp.identity(20, format="csr"), 20)
    Dm = sp.csr_matrix(np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]))
    with pytest.raises(ValueError, match="m must be >= 5"):
        clique_template_attack(Dm, 4)
    inst, (j, a, c) = clique_template_attack(Dm, 5)
    assert j == 0 and sorted(map(tuple, inst.tolist())) == sorted({(0, 1), (2, 3), (2, 4)})


def test_bad_input_and_instances():
    with pytest.raises(ValueError, match="unknown private-pairs override"):
        choose_private_pairs(100, r=3)
    with pytest.raises(ValueError, match="C\\(m, 2\\)"):
        choose_private_pairs(10, m=4)
    with pytest.raises(ValueError, match="distinct|duplicate"):  # duplicated pairs
        build_private_pairs(3, 3, 0.01, 0, m=4, instance=[[0, 1], [1, 0], [2, 3]])


def test_registry_entry_states_the_whole_family():
    entry = registry.get("pairwise-and-private")
    assert entry.family_claim and entry.baseline == "trivial-pairwise-and"
    assert "EVERY labelled instance" in entry.correctness and "ties C0" in entry.correctness
    net = entry.build(120, 3, 0.01, 0, instance=two_hubs(120))
    assert net.meta["construction"].startswith("C2p") and certify_private_pairs(net).certified
    assert entry.accounting()["total_neurons"].free_symbols and entry.theta_limits()
