"""The ``.npz`` contract of ``Network.save_npz`` (module docstring of network.py).

A consumer must be able to run an exported network with PLAIN numpy: ``np.load``, rebuild
each matrix from its COO triplets (``NAME_shape``, ``NAME_row``, ``NAME_col``,
``NAME_val``), and apply

    u = E x;  h_l = max(0, W_l h_{l-1} + b_l)  (l = 1..num_layers);  y = (D h_L > theta)

This file deliberately uses no scipy and no library code on the reading side.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bounds.constructions import registry
from bounds.constructions.network import Network

#: (m', k, delta, options) of the small seeded build of each registered network construction
SIZES: dict[str, tuple[int, int, float, dict[str, Any]]] = {
    "trivial-permutation": (24, 3, 0.05, {}),
    "trivial-pairwise-and": (24, 3, 0.05, {}),
    "permutation": (1000, 3, 0.05, {}),
    "pairwise-and": (1000, 2, 0.1, {}),
    "permutation-design": (300, 3, 0.05, {}),
    "pairwise-and-design": (300, 3, 0.05, {}),
    "pairwise-and-private": (300, 3, 0.05, {}),
    "permutation-separated": (60, 3, 0.05, {}),
    "pairwise-and-separated": (60, 3, 0.05, {}),
    "uand": (60, 3, 0.05, {"m": 40, "d": 800, "p": 0.2}),
}


def _builders() -> dict[str, Callable[[int], Any]]:
    """Small instances of every registered network construction, built from a seed."""

    def make(name: str) -> Callable[[int], Any]:
        entry = registry.get(name)
        mp, k, delta, opts = SIZES[name]
        return lambda seed: entry.build(mp, k, delta, seed, **opts)

    assert set(SIZES) == set(registry.names("network")), "every construction needs a size"
    return {name: make(name) for name in registry.names("network")}


BUILDERS = _builders()


def _build(name: str, seed: int) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # analysis-bound notes at small m'
        return BUILDERS[name](seed)


# ------------------------------------------------------------ plain-numpy reader
def _coo(z: Any, name: str) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    rows_out = int(z[f"{name}_shape"][0])
    return rows_out, z[f"{name}_row"], z[f"{name}_col"], z[f"{name}_val"]


def _matvec(mat: tuple[int, np.ndarray, np.ndarray, np.ndarray], v: np.ndarray) -> np.ndarray:
    """``M v`` from COO triplets, summing each row's terms in stored order (numpy only)."""
    n, row, col, val = mat
    return np.bincount(row, weights=val * v[col], minlength=n).astype(np.float64)


def plain_forward(path: Path, x: np.ndarray) -> np.ndarray:
    """The documented semantics with numpy only; ``x`` is ``(batch, m)``."""
    with np.load(path, allow_pickle=False) as z:
        layers = int(z["num_layers"])
        e = _coo(z, "E")
        ws = [_coo(z, f"W{ell}") for ell in range(1, layers + 1)]
        bs = [np.asarray(z[f"b{ell}"]) for ell in range(1, layers + 1)]
        dec, theta = _coo(z, "D"), np.asarray(z["theta"])
    out = []
    for xi in x:
        h = _matvec(e, xi)  # u = E x
        for w, b in zip(ws, bs, strict=True):
            h = np.maximum(_matvec(w, h) + b, 0.0)
        out.append(_matvec(dec, h) > theta)
    return np.array(out)


def _inputs(m: int, k: int, batch: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = np.zeros((batch, m))
    for r in range(batch):
        x[r, rng.choice(m, size=rng.integers(0, k + 1), replace=False)] = 1.0
    return x


# ---------------------------------------------------------------------- tests
@pytest.mark.parametrize("name", list(BUILDERS))
def test_plain_numpy_semantics_equal_forward(name, tmp_path):
    net = _build(name, seed=3)
    path = net.save_npz(tmp_path / "net.npz")
    assert path.exists() and not list(tmp_path.glob("*.tmp"))
    x = _inputs(net.m, net.k, 200, seed=9)
    # also the inputs that activate outputs: every target's own support, k-sparse
    inst = np.asarray(net.instance)
    extra = np.zeros((min(100, net.m_prime), net.m))
    for j in range(extra.shape[0]):
        extra[j, np.atleast_1d(inst[j])] = 1.0
    x = np.vstack([x, extra])
    y_plain = plain_forward(path, x)
    y_lib = net.forward(x)
    assert y_plain.shape == (x.shape[0], net.m_prime)
    assert np.array_equal(y_plain, y_lib)
    with np.load(path, allow_pickle=False) as z:
        assert str(z["kind"]) == net.kind and int(z["m_prime"]) == net.m_prime
        assert np.array_equal(z["instance"], np.asarray(net.instance))


@pytest.mark.parametrize("name", list(BUILDERS))
def test_round_trip_load_npz(name, tmp_path):
    net = _build(name, seed=5)
    back = Network.load_npz(net.save_npz(tmp_path / "rt.npz"))
    assert (back.kind, back.m, back.m_prime, back.k) == (net.kind, net.m, net.m_prime, net.k)
    assert np.array_equal(back.instance, net.instance)
    assert np.array_equal(back.theta, net.theta)
    for a, b in [(back.E, net.E), (back.D, net.D), *zip(back.weights, net.weights, strict=True)]:
        assert a.shape == b.shape and abs(a - b).max() == 0
    for a, b in zip(back.biases, net.biases, strict=True):
        assert np.array_equal(a, b)
    assert back.resources() == net.resources()
    x = _inputs(net.m, net.k, 200, seed=1)
    assert np.array_equal(back.forward(x), net.forward(x))


@pytest.mark.parametrize("name", list(BUILDERS))
def test_same_seed_same_bytes(name, tmp_path):
    one = _build(name, seed=7).save_npz(tmp_path / "a.npz")
    two = _build(name, seed=7).save_npz(tmp_path / "b.npz")
    with np.load(one, allow_pickle=False) as za, np.load(two, allow_pickle=False) as zb:
        assert sorted(za.files) == sorted(zb.files)
        for key in za.files:
            a, b = za[key], zb[key]
            assert a.dtype == b.dtype and a.shape == b.shape, key
            assert a.tobytes() == b.tobytes(), key


def test_different_seed_differs(tmp_path):
    from bounds.constructions.uand import build_uand

    a = build_uand(40, 800, 0.2, 3, 1, m_prime=60).to_arrays()
    b = build_uand(40, 800, 0.2, 3, 2, m_prime=60).to_arrays()
    assert a["W1_col"].tobytes() != b["W1_col"].tobytes()
