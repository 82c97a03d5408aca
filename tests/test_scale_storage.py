"""Storage of the clip constructions' first layer (issue 9 items 4-5).

``scaled_integer_product`` computes ``W₁ = scale · M e_intᵀ`` in int32 and scales once; it
must give the float64 product's CSR arrays bit for bit (same entries, same order, same
bits), on random integer factors like the builders' (0/1 membership, channel weights up to
``w``, ±1 or 0/1 codes), and refuse factors that are not small integers.
"""

from __future__ import annotations

import math

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
        assert e_int.format == "csc" and e_int.dtype == np.int32
        assert (e_int.toarray() == sp.csr_matrix((signs, (rows, cols)),
                                                 shape=(p.d, p.m)).toarray()).all()
        assert np.array_equal(ref.indptr, e.indptr) and np.array_equal(ref.indices, e.indices)
        assert np.array_equal(ref.data.view(np.int64), e.data.view(np.int64))
