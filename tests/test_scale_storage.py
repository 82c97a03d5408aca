"""Storage of the clip constructions' first layer (issue 9 items 4-5).

``scaled_integer_product`` computes ``W₁ = scale · M e_intᵀ`` in int32 and scales once; it
must give the float64 product's CSR arrays bit for bit (same entries, same order, same
bits), on random integer factors like the builders' (0/1 membership, channel weights up to
``w``, ±1 or 0/1 codes), and refuse factors that are not small integers.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import scipy.sparse as sp

from bounds.constructions.network import scaled_integer_product


def _float_reference(M: sp.csr_matrix, e: sp.csr_matrix, scale: float) -> sp.csr_matrix:
    """The builders' float64 path before the change."""
    W = (M @ e.T).tocsr()
    W.eliminate_zeros()
    W.data = W.data * scale
    W.sort_indices()
    return W


@pytest.mark.parametrize("seed", range(8))
def test_integer_product_is_the_float_product_bit_for_bit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m, d = int(rng.integers(5, 60)), int(rng.integers(5, 80)), int(rng.integers(5, 70))
    M = sp.random(n, m, density=0.2, random_state=seed, format="csr")
    M.data = rng.integers(1, 4, size=M.nnz).astype(np.float64)  # 1 .. w = 3
    e = sp.random(d, m, density=0.3, random_state=seed + 100, format="csr")
    e.data = (rng.integers(0, 2, size=e.nnz) * 2 - 1).astype(np.float64)  # signs: cancellations
    s = int(rng.integers(2, 40))
    scale = -(4.0 * s) / math.sqrt(s)
    ref, got = _float_reference(M, e, scale), scaled_integer_product(M, e, scale)
    assert got.dtype == np.float64 and got.has_sorted_indices
    assert np.array_equal(ref.indptr, got.indptr) and np.array_equal(ref.indices, got.indices)
    assert np.array_equal(ref.data.view(np.int64), got.data.view(np.int64))
    assert not np.any(got.data == 0.0)
    # the builders pass the factors as int16 (or a 0/1 membership as bool): same bits
    M01 = M.copy()
    M01.data = (M01.data == 1).astype(np.float64)
    for f_M, f_e in ((M.astype(np.int16), e.astype(np.int16)), (M01.astype(bool), e)):
        ref, got = _float_reference(f_M.astype(np.float64), e, scale), \
            scaled_integer_product(f_M, f_e, scale)
        assert np.array_equal(ref.indptr, got.indptr) and np.array_equal(ref.indices, got.indices)
        assert np.array_equal(ref.data.view(np.int64), got.data.view(np.int64))


def test_integer_product_rejects_non_integers() -> None:
    M = sp.csr_matrix(np.array([[0.5, 1.0]]))
    with pytest.raises(ValueError, match="M must hold integers"):
        scaled_integer_product(M, sp.identity(2, format="csr"), 1.0)
    big = sp.csr_matrix(np.array([[float(1 << 15)]]))
    with pytest.raises(ValueError, match="e_int must hold integers"):
        scaled_integer_product(sp.identity(1, format="csr"), big, 1.0)


def test_c1d_first_layer_is_the_documented_product() -> None:
    """C1d's ``W₁`` equals ``−λ/√s · B e_intᵀ`` from its public code, bit for bit."""
    from bounds.constructions.design import _code, build_permutation_design, choose_design, owners

    net = build_permutation_design(700, 3, 0.01, seed=4)
    p = choose_design(700)
    e_int, _e = _code(p, 4, signed=False)
    R = owners(p)
    B = sp.csr_matrix((np.ones(R.size), (R.ravel(), np.repeat(net.instance, p.r))),
                      shape=(p.H, p.m))
    ref = _float_reference(B, e_int, -p.lam / math.sqrt(p.s))
    w1 = net.weights[0]
    assert np.array_equal(ref.indices, w1.indices) and np.array_equal(ref.indptr, w1.indptr)
    assert np.array_equal(ref.data.view(np.int64), w1.data.view(np.int64))


@pytest.mark.parametrize("mp", [30, 500, 7000])
@pytest.mark.parametrize("signed", [True, False])
def test_design_code_built_by_columns_equals_the_coordinate_list_form(mp: int, signed: bool
                                                                     ) -> None:
    """The Reed–Solomon code built column by column (int32 CSC) is the matrix of the
    coordinate lists ``(t·g + P_f(t), f)`` with the signs drawn in ``(t, f)`` order; ``E``
    has the same CSR arrays, bit for bit, as the COO construction."""
    from bounds.constructions.design import _code, choose_design, pow_mod
    from bounds.constructions.pairdesign import choose_pair_design

    for p in (choose_design(mp), choose_pair_design(mp)):
        f = np.arange(p.m, dtype=np.int64)
        digits = np.stack([(f // p.g ** e) % p.g for e in range(p.D)], axis=1)
        t = np.arange(p.s, dtype=np.int64)
        powers = np.stack([pow_mod(t, e, p.g) for e in range(p.D)], axis=0)
        rows = (t[None, :] * p.g + (digits @ powers) % p.g).T.ravel()
        cols = np.tile(f, p.s)
        rng = np.random.default_rng([9, 31])
        signs = (rng.integers(0, 2, size=rows.size) * 2 - 1).astype(np.float64) if signed \
            else np.ones(rows.size)
        ref = sp.csr_matrix((signs / math.sqrt(p.s), (rows, cols)), shape=(p.d, p.m))
        ref.sort_indices()
        e_int, e = _code(p, 9, signed=signed)
        assert e_int.format == "csc" and e_int.dtype == np.int16
        assert (e_int.toarray() == sp.csr_matrix((signs, (rows, cols)),
                                                 shape=(p.d, p.m)).toarray()).all()
        assert np.array_equal(ref.indptr, e.indptr) and np.array_equal(ref.indices, e.indices)
        assert np.array_equal(ref.data.view(np.int64), e.data.view(np.int64))


# ------------------------------------------------------------------ CodedCSR
def test_coded_csr_is_the_float_matrix_and_materializes_once() -> None:
    """Values ``table[codes]``; scipy operations see the float64 matrix; the first read of
    ``.data`` drops the codes, so later edits of ``.data`` are the matrix's values."""
    import pickle

    from bounds.constructions.storage import CodedCSR, coded_parts, stored_bytes, values

    rng = np.random.default_rng(3)
    ref = sp.random(30, 40, density=0.2, random_state=3, format="csr")
    table = np.array([-0.75, 0.1, 3.0])
    codes = rng.integers(0, 3, size=ref.nnz).astype(np.uint8)
    ref.data = table[codes]
    m = CodedCSR.from_codes(codes, table, ref.indices, ref.indptr, ref.shape)
    assert m.dtype == np.float64 and m.nnz == ref.nnz and coded_parts(m) is not None
    assert np.array_equal(values(m, 5, 17), ref.data[5:17]) and coded_parts(m) is not None
    assert stored_bytes(m) == ref.indices.nbytes + ref.indptr.nbytes + codes.nbytes + 24
    again = pickle.loads(pickle.dumps(m))
    assert coded_parts(again) is not None and (again != ref).nnz == 0
    x = rng.normal(size=40)
    assert np.array_equal(m @ x, ref @ x)
    assert coded_parts(m) is None  # the product read .data
    assert np.array_equal(m[3:9].toarray(), ref[3:9].toarray())
    assert np.array_equal(m.T.toarray(), ref.T.toarray())
    m.data[0] = 99.0
    assert m.toarray()[0, m.indices[0]] == 99.0 and values(m, 0, 1)[0] == 99.0


def test_coded_csr_refuses_codes_outside_the_table() -> None:
    from bounds.constructions.storage import CodedCSR

    ind, ptr = np.array([0, 1]), np.array([0, 2])
    with pytest.raises(ValueError, match="codes must be < table.size"):
        CodedCSR.from_codes(np.array([0, 2], np.uint8), np.array([1.0, 2.0]), ind, ptr, (1, 2))
    with pytest.raises(ValueError, match="unsigned"):
        CodedCSR.from_codes(np.array([0, 1]), np.array([1.0, 2.0]), ind, ptr, (1, 2))
    with pytest.raises(ValueError, match="one code per stored entry"):
        CodedCSR.from_codes(np.array([0], np.uint8), np.array([1.0]), ind, ptr, (1, 2))


@pytest.mark.parametrize("chunk", [1, 37, 1 << 23])
def test_integer_product_in_any_chunking_is_the_float_product(chunk: int,
                                                              monkeypatch) -> None:
    """Row chunks of any size (one row each, a few rows, all) give the same CSR arrays."""
    from bounds.constructions import storage

    monkeypatch.setattr(storage, "_CHUNK", chunk)
    rng = np.random.default_rng(chunk)
    M = sp.random(50, 70, density=0.15, random_state=1, format="csr")
    M.data = rng.integers(1, 4, size=M.nnz).astype(np.float64)
    e = sp.random(60, 70, density=0.3, random_state=2, format="csc")
    e.data = (rng.integers(0, 2, size=e.nnz) * 2 - 1).astype(np.float64)
    ref, got = _float_reference(M, e, -1.7), storage.scaled_integer_product(M, e, -1.7)
    assert np.array_equal(ref.indptr, got.indptr) and np.array_equal(ref.indices, got.indices)
    assert np.array_equal(ref.data.view(np.int64), got.data.view(np.int64))


def _as_float_csr(net):
    """The same network with every matrix an ordinary float64 CSR (the former storage)."""
    import dataclasses

    def plain(a: sp.spmatrix) -> sp.csr_matrix:
        return sp.csr_matrix((np.array(a.data, np.float64), a.indices.copy(),
                              a.indptr.copy()), shape=a.shape)

    return dataclasses.replace(net, E=plain(net.E), weights=tuple(plain(w) for w in net.weights),
                               D=plain(net.D))


@pytest.mark.parametrize(("which", "mp"), [("C1d", 300), ("C2d", 200), ("C1", 200),
                                           ("C2", 150)])
def test_compact_storage_gives_the_float_paths_outputs_and_certificates(which: str,
                                                                        mp: int) -> None:
    """The built (coded) network and its float64-CSR copy: identical forward outputs and
    hidden layers (bits), identical certificates; the RS certifier reads C1d coded."""
    import dataclasses

    from bounds.constructions.certify import certify, certify_rs_permutation
    from bounds.constructions.channels import build_pairwise_and, build_permutation
    from bounds.constructions.design import build_permutation_design
    from bounds.constructions.pairdesign import build_pair_design, certify_pair_design
    from bounds.constructions.storage import coded_parts
    from bounds.constructions.verify import _sample_stratum, rows_to_csr

    fns = {"C1d": build_permutation_design, "C2d": build_pair_design,
           "C1": build_permutation, "C2": build_pairwise_and}
    coded = fns[which](mp, 3, 0.01, 5)
    assert coded_parts(coded.E) is not None and coded_parts(coded.weights[0]) is not None
    if which == "C1d":
        rs = certify_rs_permutation(coded)
        assert coded_parts(coded.E) is not None and coded_parts(coded.weights[0]) is not None
        assert rs.certified
    plain = _as_float_csr(fns[which](mp, 3, 0.01, 5))
    rng = np.random.default_rng(2)
    x = rows_to_csr(_sample_stratum(plain, "uniform", 300, rng), plain.m)
    assert np.array_equal(coded.forward(x), plain.forward(x))
    assert np.array_equal(coded.hidden(x).view(np.int64), plain.hidden(x).view(np.int64))

    def fields(c) -> tuple:
        return tuple(v for k, v in dataclasses.asdict(c).items() if k not in ("seconds",
                                                                             "min_slack")) \
            + (np.float64(c.min_slack).tobytes(),)

    nets = [fns[which](mp, 3, 0.01, 5), plain]
    certs = {"C1d": lambda n: certify_rs_permutation(n), "C2d": certify_pair_design,
             "C1": lambda n: certify(n, scope="probes"),
             "C2": lambda n: certify(n, scope="probes")}[which]
    assert fields(certs(nets[0])) == fields(certs(nets[1]))


def test_rs_certificate_rejects_a_tampered_coded_network() -> None:
    """The RS certifier reading the codes: a W₁ code off by one, an ``E`` entry moved to
    another row of its block (coded ``E``), an ``E`` table entry changed: never certified."""
    import dataclasses

    from bounds.constructions.certify import certify_rs_permutation
    from bounds.constructions.design import build_permutation_design
    from bounds.constructions.storage import CodedCSR, coded_parts

    net = build_permutation_design(300, 3, 0.01, seed=1)
    assert certify_rs_permutation(net).certified
    w1 = net.weights[0]
    codes, table = coded_parts(w1)
    bad_codes = codes.copy()
    bad_codes[11] = (bad_codes[11] + 1) % table.size
    w1_bad = CodedCSR.from_codes(bad_codes, table, w1.indices, w1.indptr, w1.shape)
    e = net.E
    ecodes, etable = coded_parts(e)
    g = net.meta["params"]["g"]
    moved = e.tolil()  # feature of row 0's first entry moves to row 1 (same block)
    f = int(e.indices[0])
    moved[0, f], moved[1 % g, f] = 0.0, etable[0]
    moved = moved.tocsr()
    moved.eliminate_zeros()
    assert moved.nnz == e.nnz
    cases = {
        "W1 code": dataclasses.replace(net, weights=(w1_bad, net.weights[1])),
        "E row": dataclasses.replace(net, E=moved),
        "E table": dataclasses.replace(net, E=CodedCSR.from_codes(
            ecodes, etable * (1 + 1e-12), e.indices, e.indptr, e.shape)),
    }
    why = {"W1 code": "W1 is not a common negative scale", "E row": "E is not the Reed",
           "E table": "E's entries are not all"}
    for name, bad in cases.items():
        c = certify_rs_permutation(bad)
        assert c.status == "inconclusive" and c.note.startswith(why[name]), (name, c.note)


# sha1 of every stored array (dtype, shape, bytes: indptr, indices, codes + table or data)
# of the channel networks, taken with the builder before the int16/bool factors
# (commit ff6cfa9): the memory changes of the C2 build must not change a bit.
_FINGERPRINTS = {
    "C2-3000-s1": "9fb5a09940e508358883b145792ec1823087d12a",
    "C2-800-s4-k2": "975d3a56cb6f774252b262882138399f82f0d8d2",
    "C2-star-400": "9098c27d4072fd23f18347f27801a91ffd5a8c45",  # every output rerouted
    "C1-3000-s1": "4f75dbd5c82df679c148ba1d22f5595221a2a5be",
}


def _fingerprint(net) -> str:
    import hashlib

    from bounds.constructions.storage import coded_parts

    h = hashlib.sha1()
    for mat in (net.E, *net.weights, net.D):
        parts = coded_parts(mat)
        for a in (mat.indptr, mat.indices, *(parts if parts is not None else (mat.data,))):
            a = np.ascontiguousarray(a)
            h.update(f"{mat.format}{mat.shape}{a.dtype.str}{a.shape}".encode())
            h.update(a.tobytes())
    for v in (*net.biases, net.theta, net.instance):
        v = np.ascontiguousarray(v)
        h.update(v.dtype.str.encode())
        h.update(v.tobytes())
    return h.hexdigest()


@pytest.mark.parametrize("case", sorted(_FINGERPRINTS))
def test_channel_builds_are_bit_identical_to_the_float_factor_builder(case: str) -> None:
    from bounds.constructions.channels import build_pairwise_and, build_permutation

    star = np.stack([np.zeros(400, dtype=np.int64), np.arange(1, 401)], axis=1)
    build = {
        "C2-3000-s1": lambda: build_pairwise_and(3000, 3, 0.01, 1),
        "C2-800-s4-k2": lambda: build_pairwise_and(800, 2, 0.05, 4),
        "C2-star-400": lambda: build_pairwise_and(400, 3, 0.01, 0, m=401, instance=star),
        "C1-3000-s1": lambda: build_permutation(3000, 3, 0.01, 1),
    }[case]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build()
    assert _fingerprint(net) == _FINGERPRINTS[case]


def test_row_reads_of_a_coded_matrix_equal_scipy_slices_and_keep_it_coded():
    # row_block / rows_of / values_at (the certifier's reads of a coded W1) give scipy's
    # slices bit for bit and form no values of the other rows
    from bounds.constructions.storage import CodedCSR, coded_parts, row_block, rows_of, values_at

    rng = np.random.default_rng(5)
    ref = sp.random(60, 40, density=0.2, random_state=6, format="csr")
    ref.data = rng.choice([-1.5, 0.25, 2.0], size=ref.nnz)
    table, codes = np.unique(ref.data, return_inverse=True)
    m = CodedCSR.from_codes(codes.astype(np.uint8).ravel(), table, ref.indices.copy(),
                            ref.indptr.copy(), ref.shape)
    for a, b in ((0, 60), (7, 8), (13, 41), (59, 70), (5, 5)):
        got, want = row_block(m, a, b), ref[a:b]
        assert (got != want).nnz == 0 and got.shape == want.shape
        assert np.array_equal(got.data.view(np.int64), want.data.view(np.int64))
    rows = np.array([3, 3, 59, 0, 17])
    got, want = rows_of(m, rows), ref[rows]
    assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
    assert np.array_equal(got.data.view(np.int64), want.data.view(np.int64))
    pos = rng.integers(0, ref.nnz, 50)
    assert np.array_equal(values_at(m, pos), ref.data[pos])
    assert coded_parts(m) is not None  # still coded
