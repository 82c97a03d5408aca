"""The sparse forward pass (issue 9 item 4) gives the dense pass's bits.

Reference: the dense forward of the model, written out here (the pre-item-4 code path:
every layer a dense ``(batch, width)`` array, the decoder a dense product). Outputs,
hidden values (bit for bit) and per-input error flags must agree on C1, C2 and C0 at
m' = 1000 and 3000 for several seeds, on every stratum of the verifier, plus on networks
whose rest state is not zero (outputs on at the empty input, nonzero last layer).
"""

from __future__ import annotations

import dataclasses
import math
import warnings

import numpy as np
import pytest
import scipy.sparse as sp

from bounds.constructions.channels import build_pairwise_and
from bounds.constructions.trivial import build_trivial
from bounds.constructions.verify import _sample_stratum, _strata_names, rows_to_csr


def dense_hidden(net, x):
    xs = sp.csr_matrix(x, dtype=np.float64)
    h = xs @ sp.csr_matrix(net.E.T)
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        z = h @ sp.csr_matrix(w.T) if i == 0 else h @ w.T
        z = z.toarray() if sp.issparse(z) else np.asarray(z)
        h = np.maximum(z + b, 0.0)
    return h


def dense_forward(net, x):
    return np.asarray(net.D @ dense_hidden(net, x).T).T > net.theta


def _nets(mp: int, seed: int):
    """C0, and every construction simulate offers (C1, C2, C1d, C2d, C2p, U-AND) but the
    LP-separated C1s/C2s (calibrated sizes, an LP per unit: minutes to build at m' = 3000;
    their own tests build them small)."""
    from bounds.constructions.registry import simulatable

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for c in simulatable():
            if not c.calibration:
                yield c.build(mp, 3, 0.01, seed)
    yield build_trivial("pairwise-and", mp, seed=seed)


def _rows(net, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.concatenate([_sample_stratum(net, name, n, rng) for name, _ in _strata_names(net)])


def _check(net, rows) -> None:
    _check_x(net, rows_to_csr(rows, net.m))


def _check_x(net, x) -> None:
    y_ref = dense_forward(net, x)
    assert np.array_equal(net.forward(x), y_ref)
    assert np.array_equal(net.hidden(x).view(np.int64), dense_hidden(net, x).view(np.int64))
    wrong = (y_ref != net.target(x)).any(axis=1)
    assert np.array_equal(net.errors(x), wrong)


@pytest.mark.parametrize(("mp", "seed"), [(1000, 0), (1000, 1), (1000, 2), (3000, 0), (3000, 5)])
def test_sparse_pass_is_bit_identical(mp: int, seed: int) -> None:
    for net in _nets(mp, seed):
        _check(net, _rows(net, 120, seed))


def test_counting_decoder_is_bit_identical_on_every_construction(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The counting decoder forced on every batch (also where the product is cheaper):
    every construction's outputs, hidden values and error flags are the dense pass's."""
    taken = _count_paths(monkeypatch)
    for net in _nets(1000, 3):
        _check(net, _rows(net, 60, 3))
    counted = {name.split()[0] for name, ok in taken if ok}
    assert {"C1", "C2", "C2d", "U-AND"} <= counted  # C1d's decoder runs dense
    assert "C0" not in counted  # θ below one unit: counting cannot prune, the product runs


def test_nonzero_rest_state_and_wrong_networks() -> None:
    """Outputs on at the empty input, a nonzero last layer, and a broken network whose
    errors the sparse pass must report exactly as the dense pass."""
    net = build_trivial("pairwise-and", 300, seed=3)
    rows = _rows(net, 100, 3)
    theta = net.theta.copy()
    theta[::7] = -0.5  # on at the empty input: wrong wherever its AND is 0
    _check(dataclasses.replace(net, theta=theta), rows)
    b = net.biases[0].copy()
    b[::5] += 1.0  # lit at rest: the last hidden layer is not zero
    broken = dataclasses.replace(net, biases=(b,))
    _check(broken, rows)
    x = rows_to_csr(rows, net.m)
    assert broken.errors(x).any() and not net.errors(x).any()


def test_neg_identity_layer_matches_the_dense_pass_on_broken_clips() -> None:
    """The ``−I`` layer is applied by index arithmetic: on a C1d network whose layer-2
    biases are perturbed (some units lit at rest, some values in the ramp) and whose
    ``−I`` is replaced by ``−2I`` (no longer recognised: the general path), hidden values
    and outputs still equal the dense pass bit for bit."""
    from bounds.constructions.design import build_permutation_design

    net = build_permutation_design(400, 3, 0.01, seed=2)
    assert net._neg_identity == (False, True) and net._clip_at_zero
    rows = _rows(net, 80, 2)
    _check(net, rows)
    b2 = net.biases[1].copy()
    b2[::3] = 0.37
    b2[1::7] = -0.5
    b2_net = dataclasses.replace(net, biases=(net.biases[0], b2))
    assert not b2_net._clip_at_zero
    _check(b2_net, rows)
    b1 = net.biases[0].copy()
    b1[::4] = 0.5  # some clip units are lit at rest (1 - 0.5): the general path
    b1[1::9] = 1.0  # exactly 1 at rest: the clip gives +0.0
    b1_net = dataclasses.replace(net, biases=(b1, net.biases[1]))
    assert not b1_net._clip_at_zero
    _check(b1_net, rows)
    b1[::4] = 1.0
    b1_one = dataclasses.replace(net, biases=(b1, net.biases[1]))
    assert b1_one._clip_at_zero
    _check(b1_one, rows)
    w2 = net.weights[1] * 2.0
    other = dataclasses.replace(net, weights=(net.weights[0], w2.tocsr()))
    assert other._neg_identity == (False, False)
    _check(other, rows)


def test_budget_splits_give_the_same_answer() -> None:
    from bounds.constructions import network

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_pairwise_and(1000, 3, 0.01, 4)
    x = rows_to_csr(_rows(net, 50, 4), net.m)
    lit = net._lit(x)
    small = network._propagate(net, sp.csr_matrix(x), 5_000.0)  # forces halving to 1 row
    y = np.tile(net._rest[1], (x.shape[0], 1))
    y[small.out_b, small.out_j] = small.out_y
    assert np.array_equal(y, net.forward(x)) and lit.batch == small.batch


@pytest.mark.parametrize("seed", range(6))
def test_matmat_is_scipys_product_bit_for_bit(seed: int) -> None:
    # the sparse pass's product (scipy's kernel without its symbolic pass, output sized by
    # a bound): the same stored entries, in the same order, with the same bits as a @ b
    from bounds.constructions.network import _matmat

    rng = np.random.default_rng(seed)
    n, k, m = (int(v) for v in rng.integers(1, 40, 3))
    a = sp.random(n, k, density=float(rng.uniform(0, 0.5)), random_state=seed, format="csr")
    b = sp.random(k, m, density=float(rng.uniform(0, 0.5)), random_state=seed + 99,
                  format="csr")
    b.data = np.round(b.data * 8) - 4  # integer weights: exact cancellations give zeros
    ref = sp.csr_matrix(a @ b).tocoo()
    r, c, v = _matmat(a, b)
    assert np.array_equal(r, ref.row) and np.array_equal(c, ref.col)
    assert np.array_equal(v.view(np.int64), ref.data.view(np.int64))


@pytest.mark.parametrize(("fill", "block"), [(0.0, 1), (0.0, 3000), (math.inf, 1 << 20)])
def test_first_layer_kernels_agree(monkeypatch: pytest.MonkeyPatch, fill: float,
                                   block: int) -> None:
    """Both first-layer kernels of the clip constructions (the dense accumulator over the lit
    columns, in blocks of 1 row or of a few rows, and scipy's product) give the dense
    pass's bits."""
    from bounds.constructions import network
    from bounds.constructions.design import build_permutation_design

    monkeypatch.setattr(network, "_DENSE_FILL", fill)
    monkeypatch.setattr(network, "_BLOCK", block)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nets = [build_pairwise_and(1000, 3, 0.01, 2), build_permutation_design(400, 3, 0.01, 2)]
    for net in nets:
        x = rows_to_csr(_rows(net, 40, 2), net.m)
        empty = sp.csr_matrix((1, net.m))  # an empty input between lit ones
        _check_x(net, sp.vstack([x[:3], empty, x[3:]], format="csr"))


def _count_paths(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Record, per decoder call, whether the counting decoder gave the answer (used on
    every batch, also where the product would be cheaper)."""
    from bounds.constructions import network

    monkeypatch.setattr(network, "_counting_pays", lambda *args: True)
    taken: list[tuple[str, bool]] = []
    counts = network._decoder_counts

    def spy(*args):
        out = counts(*args)
        taken.append((str(args[0].meta.get("construction", args[0].kind)), out is not None))
        return out

    monkeypatch.setattr(network, "_decoder_counts", spy)
    return taken


@pytest.mark.parametrize("seed", [0, 1])
def test_counting_decoder_on_borderline_thresholds(monkeypatch: pytest.MonkeyPatch,
                                                   seed: int) -> None:
    """The counting decoder sums only outputs whose lit-term count can pass ``θ``: with
    thresholds set to the dense readouts themselves (equal: off; one float below: on),
    fractional decoder weights and per-output thresholds, its outputs are the dense pass's;
    where its assumptions fail (an output on at rest, a negative weight, a row of 128
    entries) the product path answers, also exactly."""
    from bounds.constructions.channels import build_permutation

    taken = _count_paths(monkeypatch)
    rng = np.random.default_rng(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nets = [build_permutation(600, 3, 0.01, seed), build_pairwise_and(600, 3, 0.01, seed)]
    for net in nets:
        x = rows_to_csr(_rows(net, 15, seed), net.m)
        h = dense_hidden(net, x)
        d = net.D.copy()
        d.data = rng.uniform(0.0, 1.0, d.nnz)  # fractional weights
        d.data[::11] = 0.0  # stored zeros count as terms (they add +0.0)
        for dd in (net.D, d):
            readout = np.asarray(dd @ h.T).T  # (batch, m')
            top = readout.max(axis=0)
            mid = np.quantile(readout, 0.999, axis=0)
            below = np.nextafter(top, -np.inf)
            for name, theta in (("top", top), ("below", below), ("mid", mid),
                                ("uniform", np.full(net.m_prime, top.max()))):
                theta = np.maximum(theta, 0.0)
                variant = dataclasses.replace(net, D=dd, theta=theta)
                taken.clear()
                y = variant.forward(x)
                assert np.array_equal(y, readout > theta), name
                assert any(ok for _, ok in taken), f"{name}: counting never answered"
                peak = np.flatnonzero(top > 0)
                peak_on = y[np.argmax(readout, axis=0)[peak], peak]
                # at θ = the peak readout every output is off; one float below, on where it peaks
                assert (not peak_on.any()) if name == "top" else (name != "below" or peak_on.all())
        on_at_rest = net.theta.copy()
        on_at_rest[::5] = -0.25
        negative = net.D.copy()
        negative.data[::7] = -1.0
        for variant in (dataclasses.replace(net, theta=on_at_rest),
                        dataclasses.replace(net, D=negative)):
            assert variant._count_decoder is None
            _check_x(variant, x)
    wide = dataclasses.replace(net, D=sp.csr_matrix(np.ones((net.m_prime, net.D.shape[1]))),
                               theta=np.full(net.m_prime, 3.5))
    assert wide.D.shape[1] >= 128 and wide._count_decoder is None
    _check_x(wide, x[:5])
