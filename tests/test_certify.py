"""Certification (all ≤k-sparse inputs / identifying probes) against exhaustive enumeration."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest
import scipy.sparse as sp

from bounds.constructions.certify import certificates, certify, verdict_label
from bounds.constructions.channels import build_pairwise_and, build_permutation
from bounds.constructions.trivial import build_trivial
from bounds.constructions.uand import build_uand


def _quiet(f, *a, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return f(*a, **kw)


def _nets():
    yield "C0-perm", build_trivial("permutation", 30, seed=1)
    yield "C0-and", build_trivial("pairwise-and", 30, seed=1)
    for seed in (0, 1, 2):
        yield f"C1-{seed}", _quiet(build_permutation, 40, 3, 0.05, seed, G=60, g=60)
        yield f"C1-tight-{seed}", _quiet(build_permutation, 40, 3, 0.05, seed, r=5, s=5, G=12,
                                         g=12)
        yield f"C2-{seed}", _quiet(build_pairwise_and, 30, 3, 0.05, seed, G=60, g=60)
        yield f"C2-tight-{seed}", _quiet(build_pairwise_and, 30, 3, 0.05, seed, r=5, s=5,
                                         G=10, g=10)
    yield "U-AND", _quiet(build_uand, 12, 300, 0.3, 2, seed=0, m_prime=20)


def _broken(net, how: str):
    """A deliberately wrong copy of ``net``."""
    if how == "theta":  # output 0 always fires
        theta = net.theta.copy()
        theta[0] = -1.0
        return dataclasses.replace(net, theta=theta)
    if how == "deaf":  # output 0 reads nothing
        D = sp.lil_matrix(net.D)
        D[0, :] = 0
        return dataclasses.replace(net, D=sp.csr_matrix(D))
    raise ValueError(how)


NETS = dict(_nets())


@pytest.mark.parametrize("name", list(NETS))
@pytest.mark.parametrize("scope", ["all", "probes"])
def test_margin_is_sound_against_exhaustive(name, scope):
    net = NETS[name]
    exact = certify(net, scope=scope, exhaustive_limit=10**7)
    margin = certify(net, scope=scope, exhaustive_limit=0)
    assert exact.method == "exhaustive" and margin.method in ("margin", "unsupported")
    if margin.status == "certified":
        assert exact.status == "certified", name
    if margin.status == "refuted":  # a refutation carries a simulated counter-example
        assert exact.status == "refuted"
        x = np.zeros((1, net.m))
        x[0, list(margin.counterexample)] = 1
        assert (net.forward(x) != net.target(x)).any()
        assert len(margin.counterexample) <= margin.k
    if exact.status == "refuted":
        assert margin.status != "certified"


def test_margin_certifies_the_robust_sizes():
    # generous sizes: the margin argument itself certifies (not only the enumeration)
    for name in ("C0-perm", "C0-and", "C1-0", "C2-0"):
        assert certify(NETS[name], scope="probes", exhaustive_limit=0).certified, name
    assert certify(NETS["C0-and"], exhaustive_limit=0).certified


@pytest.mark.parametrize("name", ["C0-perm", "C0-and", "C1-0", "C2-0", "C2-1"])
@pytest.mark.parametrize("how", ["theta", "deaf"])
def test_broken_networks_are_rejected(name, how):
    bad = _broken(NETS[name], how)
    for scope in ("all", "probes"):
        for limit in (0, 10**7):
            c = certify(bad, scope=scope, exhaustive_limit=limit)
            assert c.status == "refuted", (name, how, scope, limit, c)
            assert 0 in c.wrong_outputs or c.wrong_outputs


def test_labels_are_distinct():
    labels = {verdict_label(s, st, 3) for s in ("all", "probes")
              for st in ("certified", "refuted", "inconclusive")}
    assert len(labels) == 6
    a, p = certificates(NETS["C0-and"])
    assert a.verdict == "certified for all ≤3-sparse inputs"
    assert p.verdict == "certified on the identifying probes" and p.k == 2
    assert certify(NETS["C0-perm"], scope="probes").k == 1


def test_unsupported_architecture_is_inconclusive():
    net = NETS["C1-0"]
    w2 = net.weights[1].copy() * 2.0
    odd = dataclasses.replace(net, weights=(net.weights[0], sp.csr_matrix(w2)))
    c = certify(odd, exhaustive_limit=0)
    assert c.status in ("inconclusive", "refuted") and c.method in ("unsupported", "margin")
    assert c.method == "unsupported"


def _swapped(net):
    """Claims an instance it was not built for: outputs 0 and 1 exchange their keys."""
    inst = np.array(net.instance, copy=True)
    inst[[0, 1]] = inst[[1, 0]]
    return dataclasses.replace(net, instance=inst)


def _raised(net):
    """Output 0 can never reach its threshold (it misses its own target-1 probe)."""
    theta = net.theta.copy()
    theta[0] = float(net.D[0].sum()) + 0.5
    return dataclasses.replace(net, theta=theta)


@pytest.mark.parametrize("name", ["C1-0", "C1-1", "C2-0", "C2-2", "C2-tight-0"])
@pytest.mark.parametrize("how", [_swapped, _raised])
def test_subtly_wrong_networks_are_never_certified(name, how):
    bad = how(NETS[name])
    for scope in ("all", "probes"):
        exact = certify(bad, scope=scope, exhaustive_limit=10**7)
        margin = certify(bad, scope=scope, exhaustive_limit=0)
        assert exact.status == "refuted", (name, scope)
        assert margin.status in ("refuted", "inconclusive"), (name, scope, margin)


@pytest.mark.parametrize("name", ["C1-0", "C1-tight-1", "C2-0", "C2-tight-2"])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_dense_and_sparse_passes_agree(name, k):
    # the vectorised clip bound has a dense and a sparse path; both compute the same
    # bound, so the per-case slacks and unproved outputs must coincide
    from bounds.constructions.certify import _clip_all, _pruned_A, _structure
    from bounds.constructions.instances import key_features

    net = NETS[name]
    _mode, C = _structure(net)
    C = sp.csr_matrix(C)
    C.sort_indices()
    W1, E = sp.csr_matrix(net.weights[0]), sp.csr_matrix(net.E)
    A = _pruned_A(W1, E, 0.0)
    args = (W1, E, A, C, np.asarray(net.biases[0]), np.asarray(net.theta),
            key_features(net.instance), k, 0.0, 10)
    dense = _clip_all(*args, dense_above=0.0, chunk_entries=997)
    sparse = _clip_all(*args, dense_above=2.0, chunk_entries=997)
    assert dense[0] == sparse[0] and dense[1] == sparse[1]
    assert dense[2] == pytest.approx(sparse[2], abs=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_margin_never_certifies_a_perturbed_network_that_is_wrong(seed):
    # random perturbations of the first layer and the thresholds (some break the network,
    # some do not): a margin certificate must always agree with exhaustive enumeration
    from bounds.constructions.design import build_permutation_design

    rng = np.random.default_rng(seed)
    base = [NETS["C1-tight-0"], NETS["C2-tight-1"], NETS["C2-0"],
            build_permutation_design(40, 3, 0.05, seed)][seed % 4]
    w1 = sp.csr_matrix(base.weights[0], copy=True)
    w1.data = w1.data * (1 + rng.normal(0, 0.3, w1.data.size))
    theta = base.theta + rng.normal(0, 0.6, base.theta.size)
    net = dataclasses.replace(base, weights=(w1, *base.weights[1:]), theta=theta)
    for scope in ("all", "probes"):
        exact = certify(net, scope=scope, exhaustive_limit=10**7)
        margin = certify(net, scope=scope, exhaustive_limit=0)
        if margin.certified:
            assert exact.certified, (seed, scope)
        if exact.status == "refuted":
            assert margin.status in ("refuted", "inconclusive"), (seed, scope)


def test_key_entries_are_the_products_in_every_chunking():
    # A[q, f] = Σ_c W1[q, c] E[c, f], looked up by binary search in W1's rows, streamed in
    # chunks of pairs: equal (bits) for every chunk size, and to a dense reference
    from bounds.constructions.certify import _entries_batch

    rng = np.random.default_rng(3)
    W1 = sp.random(40, 30, density=0.2, random_state=4, format="csr")
    E = sp.random(30, 50, density=0.1, random_state=5, format="csc")
    qs, fs = rng.integers(0, 40, 500), rng.integers(0, 50, 500)
    ref = _entries_batch(W1, E, qs, fs, chunk=10**9)
    dense = (W1 @ E).toarray()
    assert np.allclose(ref, dense[qs, fs], rtol=1e-12, atol=0)
    assert np.count_nonzero(ref) > 50  # the test is not vacuous
    for chunk in (1, 2, 7, 64):
        out = _entries_batch(W1, E, qs, fs, chunk=chunk)
        assert np.array_equal(out.view(np.int64), ref.view(np.int64)), chunk
    # non-canonical W1 (duplicate entries, unsorted rows) is summed first, not misread
    coo = W1.tocoo()
    dup = sp.csr_matrix((np.r_[coo.data / 2, coo.data / 2][::-1],
                         (np.r_[coo.row, coo.row][::-1], np.r_[coo.col, coo.col][::-1])),
                        shape=W1.shape)
    dup.has_canonical_format = False
    assert np.allclose(_entries_batch(dup, E, qs, fs, chunk=3), ref, rtol=1e-12, atol=0)


def _fields(c):
    return {k: v for k, v in dataclasses.asdict(c).items() if k != "seconds"}


@pytest.mark.parametrize("name, how", [
    ("C1-0", None), ("C2-0", None), ("C2-tight-0", None), ("C1-tight-1", None),
    ("C2-0", "theta"), ("C1-0", "deaf"), ("C2-1", "deaf"), ("C2-2", _swapped),
    ("C1-1", _raised),
])
def test_chunked_certificate_equals_unchunked(name, how, monkeypatch):
    # tiny chunks (the key-entry lookups, the output chunks of the clip bound, the batches
    # of simulated witnesses and of exhaustive inputs) give the very same certificate,
    # and the broken networks stay rejected
    import bounds.constructions.certify as cert

    net = NETS[name]
    if how is not None:
        net = _broken(net, how) if isinstance(how, str) else how(net)
    runs = {}
    for chunk in (1 << 22, 5):
        monkeypatch.setattr(cert, "_CHUNK_FLOATS", chunk)
        runs[chunk] = [certify(net, scope=s, exhaustive_limit=lim)
                       for s in ("all", "probes") for lim in (0, 10**7)]
    for big, small in zip(runs[1 << 22], runs[5], strict=True):
        assert _fields(big) == _fields(small) or (
            np.isnan(big.min_slack) and _fields(big) | {"min_slack": 0}
            == _fields(small) | {"min_slack": 0})
    if how is not None:
        assert all(c.status == "refuted" for c in runs[5][1::2])  # exhaustive rejects
        assert all(c.status != "certified" for c in runs[5])


# ------------------------------------------- Reed–Solomon clip networks (C1d), exact
def _c1d(mp: int, seed: int, instance=None, **ov):
    from bounds.constructions.design import build_permutation_design

    return build_permutation_design(mp, 3, 0.01, seed, instance=instance, **ov)


@pytest.mark.parametrize(("mp", "seed"), [(40, 0), (200, 1), (500, 3), (1200, 2)])
def test_rs_certificate_equals_exhaustive_on_random_and_attack_instances(mp, seed):
    from bounds.constructions.certify import certify_rs_permutation
    from bounds.constructions.design import overlap_instance

    inst, _probes = overlap_instance(mp, seed, targets=mp)
    for instance in (None, inst):
        net = _c1d(mp, seed, instance)
        rs = certify_rs_permutation(net)
        ex = certify(net, scope="probes", exhaustive_limit=10**6)
        assert ex.method == "exhaustive" and ex.certified
        assert rs.method == "rs-structure" and rs.certified and rs.min_slack > 0.4


@pytest.mark.parametrize("seed", range(6))
def test_rs_certificate_readouts_are_exact_under_random_thresholds(seed):
    """Steps 1-3 hold, so step 4 is exact: with random thresholds the certificate agrees
    with exhaustive enumeration (certified iff correct; refuted with a real witness)."""
    from bounds.constructions.certify import certify_rs_permutation

    net = _c1d(300, seed)
    rng = np.random.default_rng(seed)
    theta = net.theta.copy()
    idx = rng.choice(net.m_prime, size=int(rng.integers(0, 4)), replace=False)
    theta[idx] = rng.choice([0.5, 0.99, 1.01, 2.5, -0.1], size=idx.size)
    broken = dataclasses.replace(net, theta=theta)
    rs = certify_rs_permutation(broken)
    ex = certify(broken, scope="probes", exhaustive_limit=10**6)
    assert rs.status == ex.status, (idx, theta[idx], rs, ex)
    if rs.status == "refuted":
        x = np.zeros((1, broken.m))
        x[0, list(rs.counterexample)] = 1.0
        assert (broken.forward(x) != broken.target(x)).any()


def test_rs_certificate_rejects_networks_outside_its_argument():
    """Never certifies a network the argument does not cover: one below the theorem's s
    (wrong under the attack), a W1 entry off by one ulp, a decoder reading another unit,
    a tampered code or meta; each is inconclusive (or refuted with a real witness)."""
    from bounds.constructions.certify import certify_rs_permutation
    from bounds.constructions.design import choose_design, overlap_instance

    p = choose_design(500)
    ov = {"D": p.D, "G": p.G, "s": p.s - 1}
    inst, _ = overlap_instance(500, 0, targets=500, **ov)
    small = _c1d(500, 0, inst, **ov)
    assert not certify_rs_permutation(small).certified
    assert certify(small, scope="probes", exhaustive_limit=10**6).status == "refuted"

    net = _c1d(300, 1)
    w1 = net.weights[0].copy()
    w1.data[7] = np.nextafter(w1.data[7], 0.0)
    cases = {"ulp": dataclasses.replace(net, weights=(w1, net.weights[1]))}
    d = net.D.tolil()
    d[0, d.rows[0][0]] = 0.0
    d[0, (d.rows[1][0] + 1) % net.D.shape[1]] = 1.0
    cases["decoder"] = dataclasses.replace(net, D=d.tocsr())
    e = net.E.tocsc().copy()
    g = net.meta["params"]["g"]
    e.indices[0] = (e.indices[0] + 1) % g  # feature 0 moves to another coordinate of block 0
    cases["code"] = dataclasses.replace(net, E=e.tocsr())
    assert (cases["code"].E != net.E).nnz
    meta = {**net.meta, "params": {**net.meta["params"], "D": net.meta["params"]["D"] + 1}}
    cases["meta"] = dataclasses.replace(net, meta=meta)
    for name, bad in cases.items():
        c = certify_rs_permutation(bad)
        assert not c.certified, name
        if c.status == "refuted":
            x = np.zeros((1, bad.m))
            x[0, list(c.counterexample)] = 1.0
            assert (bad.forward(x) != bad.target(x)).any(), name
    other = build_permutation(300, 3, 0.01, 1)  # C1: signed random code
    assert certify_rs_permutation(other).status == "inconclusive"


# ----------------------------------- certify() dispatches to the exact design certifiers
def _c2d(mp: int, seed: int):
    from bounds.constructions.pairdesign import build_pair_design

    return build_pair_design(mp, 3, 0.01, seed)


def _design_nets():
    yield "C1d", _c1d(300, 1), "rs-structure"
    yield "C2d", _c2d(120, 0), "exact-units"


DESIGNS = {name: (net, method) for name, net, method in _design_nets()}


def _retheta(net, j: int, value: float):
    theta = net.theta.copy()
    theta[j] = value
    return dataclasses.replace(net, theta=theta)


def _reweight_decoder(net, j: int):
    """Output ``j``'s first unit alone reaches its threshold: one decoder entry set to r."""
    d = net.D.tolil()
    d[j, d.rows[j][0]] = float(net.D[j].sum())
    return dataclasses.replace(net, D=d.tocsr())


def _variants(name: str):
    """Correct and deliberately wrong copies: the threshold of output 0 lowered to 0.5 (it
    fires where only some of its units do), to 0, or below 0 (it fires on the empty input
    and on every one-hot), one decoder weight raised, and one W1 entry off (structure
    broken)."""
    net = DESIGNS[name][0]
    w1 = net.weights[0].copy()
    w1.data[5] *= 1.5
    return {"ok": net, "theta-0.5": _retheta(net, 0, 0.5), "theta-neg": _retheta(net, 0, -0.25),
            "theta-0": _retheta(net, 0, 0.0),  # right on the empty input, wrong elsewhere
            "decoder": _reweight_decoder(net, 0),
            "w1": dataclasses.replace(net, weights=(w1, *net.weights[1:]))}


def _truly_wrong(net, cex) -> bool:
    x = np.zeros((1, net.m))
    x[0, list(cex)] = 1.0
    return bool((net.forward(x) != net.target(x)).any())


@pytest.mark.parametrize("name", list(DESIGNS))
def test_dispatch_agrees_with_exhaustive_enumeration(name):
    from bounds.constructions.certify import structure_certifier

    method = DESIGNS[name][1]
    assert structure_certifier(DESIGNS[name][0]).__name__ in ("certify_rs_permutation",
                                                              "certify_pair_design")
    for how, net in _variants(name).items():
        ours = certify(net, scope="probes", exhaustive_limit=0)
        ref = certify(net, scope="probes", exhaustive_limit=10**7, structure=False)
        assert ref.method == "exhaustive"
        assert ours.k == ref.k and ours.inputs_covered == ref.inputs_covered
        if how == "w1":  # a perturbed first layer: sound either way, the reason kept
            assert ours.method == method or ours.note.startswith(f"{method} inconclusive")
            if name == "C1d":  # W1 is checked bit for bit: the generic path decided
                assert ours.method == "margin" and ours.note.startswith("rs-structure inc")
            assert not ours.certified or ref.certified
            assert ours.status != "refuted" or ref.status == "refuted"
            continue
        assert ours.status == ref.status, (name, how, ours, ref)
        assert ours.method == method, (name, how, ours.note)  # the structure holds
        if how == "ok":
            assert ours.certified and ours.verdict == "certified on the identifying probes"
        else:
            assert ref.status == "refuted", (name, how)
            assert not ours.certified
            if ours.status == "refuted":
                assert _truly_wrong(net, ours.counterexample), (name, how)
            if how == "theta-neg":  # wrong on a one-hot probe, and on the empty one
                assert 0 in ours.wrong_outputs


def test_dispatch_rejects_the_wrong_networks_with_default_limits():
    for name in DESIGNS:
        for how, net in _variants(name).items():
            c = certify(net, scope="probes")
            if how == "w1":
                continue
            assert c.certified == (how == "ok"), (name, how, c)
            if how != "ok":
                assert c.status == "refuted" and _truly_wrong(net, c.counterexample)


def test_misleading_meta_is_not_certified_by_the_structure_path():
    """Networks that are not C1d / C2d but carry their meta: the design certifiers are
    inconclusive and certify() decides by the generic path (same verdict as without
    dispatch); a wrong one with the meta is never certified."""
    c1d, c2d = DESIGNS["C1d"][0], DESIGNS["C2d"][0]
    liars = {
        "C1+C1d-meta": dataclasses.replace(NETS["C1-0"], meta=c1d.meta),
        "C0+C1d-meta": dataclasses.replace(NETS["C0-perm"], meta=c1d.meta),
        "C2+C2d-meta": dataclasses.replace(NETS["C2-0"], meta=c2d.meta),
        "C1-tight+C1d-meta": dataclasses.replace(NETS["C1-tight-0"], meta=c1d.meta),
        "C1d-swapped": _swapped(c1d),  # its own meta, an instance it was not built for
        "C1-broken+C1d-meta": dataclasses.replace(_broken(NETS["C1-0"], "theta"),
                                                  meta=c1d.meta),
        "C2-broken+C2d-meta": dataclasses.replace(_broken(NETS["C2-1"], "deaf"),
                                                  meta=c2d.meta),
    }
    for name, net in liars.items():
        for limit in (0, 10**7):
            ours = certify(net, scope="probes", exhaustive_limit=limit)
            ref = certify(net, scope="probes", exhaustive_limit=limit, structure=False)
            truth = certify(net, scope="probes", exhaustive_limit=10**7, structure=False)
            assert ours.method not in ("rs-structure", "exact-units"), (name, ours)
            assert (ours.status, ours.method) == (ref.status, ref.method), (name, limit)
            if ours.certified:
                assert truth.certified, name
        if "broken" in name or "swapped" in name:
            assert truth.status == "refuted"
            assert not certify(net, scope="probes", exhaustive_limit=0).certified


def test_dispatch_only_for_declared_designs_and_probes():
    from bounds.constructions.certify import STRUCTURE_CERTIFIERS, structure_certifier
    from bounds.constructions.pairprivate import build_private_pairs
    from bounds.constructions.seppair import build_pair_separated
    from bounds.constructions.sepperm import build_permutation_separated

    separated = {"probe-sweep": build_permutation_separated(60, 3, 0.01, seed=0),
                 "exact-units-separated": build_pair_separated(60, 3, 0.01, seed=0)}
    assert ({n.meta["construction"] for n, _m in DESIGNS.values()}
            | {n.meta["construction"] for n in separated.values()}) == set(STRUCTURE_CERTIFIERS)
    for method, net in separated.items():  # the LP-separated constructions dispatch too
        c = certify(net, scope="probes", exhaustive_limit=0)
        assert (c.verdict, c.method) == ("certified on the identifying probes", method)
    others = [NETS["C1-0"], NETS["C2-0"], NETS["C0-perm"], build_private_pairs(60, 3, 0.01, 0)]
    assert all(structure_certifier(n) is None for n in others)
    c1d = DESIGNS["C1d"][0]
    assert certify(c1d, scope="all", k=1, exhaustive_limit=0).method == "margin"
    assert certify(c1d, scope="probes", exhaustive_limit=0, structure=False).method == "margin"


# ------------------------------------- scale: coded weights, unit-level test, streaming
CLIP = ["C1-0", "C1-tight-1", "C2-0", "C2-tight-2", "C2-1"]


@pytest.mark.parametrize("name", ["C1-0", "C2-0", "C2-tight-0"])
def test_certify_reads_coded_weights_without_materializing_them(name, monkeypatch):
    # the built W1 and E are CodedCSR: certify() reads them chunk by chunk, leaves them
    # coded, and gives the certificate of the same matrices stored as plain float64 CSR
    # (witnesses simulated by streaming: the forward pass keeps its own float64 copies)
    import bounds.constructions.certify as cert
    from bounds.constructions.storage import coded_parts

    monkeypatch.setattr(cert, "_SIM_BYTES", 0)
    net = NETS[name]
    plain = dataclasses.replace(net, E=sp.csr_matrix(net.E.toarray()),
                                weights=(sp.csr_matrix(net.weights[0].toarray()),
                                         *net.weights[1:]))
    coded = dataclasses.replace(net, E=_recode(net.E), weights=(_recode(net.weights[0]),
                                                                *net.weights[1:]))
    for scope in ("all", "probes"):
        c = certify(coded, scope=scope, exhaustive_limit=0)
        assert coded_parts(coded.weights[0]) is not None and coded_parts(coded.E) is not None
        assert _fields(c) == _fields(certify(plain, scope=scope, exhaustive_limit=0))


def _recode(mat):
    """A fresh CodedCSR holding ``mat``'s entries (the builders' storage)."""
    from bounds.constructions.storage import CodedCSR

    a = sp.csr_matrix(mat.toarray())
    table, codes = np.unique(a.data, return_inverse=True)
    out = CodedCSR.from_codes(codes.astype(np.uint16).ravel(), table, a.indices, a.indptr,
                              a.shape)
    out.has_sorted_indices = True
    return out


@pytest.mark.parametrize("name", CLIP)
@pytest.mark.parametrize("cut", [0.0, 0.5, 2.0, 100.0])
@pytest.mark.parametrize("k", [1, 3])
def test_unit_level_failures_are_failures_of_the_full_argument(name, cut, k):
    # the unit-level test (no A) only marks outputs the full clip argument at the same
    # cut-off also leaves unproved, with slack upper bounds
    from bounds.constructions.certify import ETA, _clip_all, _pruned_A, _structure, _unit_slack
    from bounds.constructions.instances import key_features

    net = NETS[name]
    _mode, C = _structure(net)
    C = sp.csr_matrix(C)
    C.sort_indices()
    W1, E = sp.csr_matrix(net.weights[0]), sp.csr_matrix(net.E)
    keys, b1, theta = key_features(net.instance), np.asarray(net.biases[0]), net.theta
    full = _clip_all(W1, E, _pruned_A(W1, E, cut), C, b1, theta, keys, k, cut, 10)
    slack = _unit_slack(C, b1, theta, keys.shape[1], k, cut)
    failed = set(np.flatnonzero(slack <= ETA).tolist())
    assert failed <= full[0]
    assert slack.min() >= full[2]
    if cut >= 6.0:
        assert failed  # the test is not vacuous: a large cut-off blinds the argument


def _unit_path(monkeypatch, witness_products=None):
    import bounds.constructions.certify as cert

    monkeypatch.setattr(cert, "_MAX_PRODUCTS", 0)
    if witness_products is not None:
        monkeypatch.setattr(cert, "_WITNESS_PRODUCTS", witness_products)


@pytest.mark.parametrize("name", CLIP)
@pytest.mark.parametrize("how", [None, "theta", "deaf", _swapped, _raised])
def test_unit_level_path_is_sound_and_rejects_broken_networks(name, how, monkeypatch):
    net = NETS[name]
    if how is not None:
        net = _broken(net, how) if isinstance(how, str) else how(net)
    exact = {s: certify(net, scope=s, exhaustive_limit=10**7) for s in ("all", "probes")}
    _unit_path(monkeypatch, witness_products=1 << 20)
    for scope in ("all", "probes"):
        c = certify(net, scope=scope, exhaustive_limit=0)
        assert c.method == "margin"
        if c.certified:
            assert exact[scope].certified, (name, scope)
        if c.status == "refuted":
            assert _truly_wrong(net, c.counterexample) and len(c.counterexample) <= c.k
        if how is not None:  # the defects sit at outputs 0/1: the first evaluated exactly
            assert c.status == "refuted", (name, how, scope, c.note)
        assert "products" in c.note


def test_unit_level_path_certifies_when_every_output_is_evaluated(monkeypatch):
    # with room for every output's exact rows, the unit-level path is the full argument
    # at cut-off 0, and certifies what it certifies
    _unit_path(monkeypatch, witness_products=1 << 40)
    c = certify(NETS["C1-0"], scope="probes", exhaustive_limit=0)
    assert c.certified and "0 outputs not evaluated" in c.note
    _unit_path(monkeypatch, witness_products=0)  # one output evaluated: never certified
    c = certify(NETS["C1-0"], scope="probes", exhaustive_limit=0)
    assert c.status == "inconclusive" and c.outputs_unproved == NETS["C1-0"].m_prime - 1


@pytest.mark.parametrize("name", CLIP + ["C0-and"])
def test_streamed_simulation_agrees_with_the_forward_pass(name, monkeypatch):
    # witnesses simulated by streaming W1 (interval arithmetic) find the same first wrong
    # input and wrong outputs as the forward pass, on correct and broken networks
    import bounds.constructions.certify as cert

    rng = np.random.default_rng(7)
    refs = []
    for net in (NETS[name], _broken(NETS[name], "theta"), _raised(NETS[name]),
                _swapped(NETS[name])):
        cands = [tuple(int(v) for v in rng.choice(net.m, size=int(rng.integers(0, 4)),
                                                  replace=False)) for _ in range(150)]
        cands += [tuple(int(v) for v in net.instance[0].ravel())]  # output 0's keys
        refs.append(cert._first_wrong(net, cands))
        got = cert._first_wrong_streamed(net, cands, batch=16)
        assert got == refs[-1], (name, got, refs[-1])
    assert refs[1] is not None and refs[2] is not None  # the broken copies are caught
    monkeypatch.setattr(cert, "_SIM_BYTES", 0)  # certify() takes the streamed path
    bad = _broken(NETS[name], "theta")
    c = certify(bad, exhaustive_limit=0)
    assert c.status == "refuted" and _truly_wrong(bad, c.counterexample)


def test_exhaustive_limit_default_unchanged_and_reported():
    """Default 200 000 everywhere; an inconclusive margin above it says it skipped enumeration."""
    import inspect

    from bounds.constructions import simulation
    from bounds.constructions.registry import get

    for fn in (certify, certificates, simulation.verdicts):
        assert inspect.signature(fn).parameters["exhaustive_limit"].default == 200_000
    assert simulation.EXHAUSTIVE_LIMIT == 200_000
    net = _quiet(get("permutation").build, 108, 3, 0.01, 0)  # C1: 210 043 <= 3-sparse inputs
    c = certify(net, scope="all")
    assert (c.status, c.method, c.inputs_covered) == ("inconclusive", "margin", 210_043)
    assert "exhaustive fallback skipped: 210,043 inputs > exhaustive_limit=200,000" in c.note


def test_exhaustive_limit_raised_turns_inconclusive_into_exhaustive():
    from bounds.constructions.registry import get

    net = _quiet(get("permutation").build, 108, 3, 0.01, 0)
    c = certify(net, scope="all", exhaustive_limit=250_000)
    assert c.method == "exhaustive" and c.status in ("certified", "refuted")
    assert c.verdict == verdict_label("all", c.status, 3) and "skipped" not in c.note
    with pytest.raises(ValueError, match="exhaustive_limit must be an integer >= 0"):
        certify(net, scope="all", exhaustive_limit=-1)
