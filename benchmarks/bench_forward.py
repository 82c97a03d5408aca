"""Benchmark: ``Network.forward`` (sparse) against a dense numpy forward pass.

For each construction at m' = 10^4 (C2 pairwise AND, C1 permutation, peer U-AND with
derived defaults), runs the documented semantics

    u = E x;  h_l = max(0, W_l h_{l-1} + b_l);  y = (D h_L > theta)

once through ``Network.forward`` and once with dense numpy arrays on the same random
k-sparse batch, checks the outputs agree, and prints both times and their ratio
(dense / sparse: > 1 means the sparse forward is faster). A second, small batch (32, the
size ``verify`` uses for very wide networks) shows the per-call overhead.

Run: ``.venv/bin/python benchmarks/bench_forward.py [--m-prime N] [--batch B]``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np


def random_inputs(m: int, k: int, batch: int, seed: int) -> np.ndarray:
    """``batch`` inputs with exactly ``k`` active features, from ``seed``."""
    rng = np.random.default_rng(seed)
    x = np.zeros((batch, m))
    for r in range(batch):
        x[r, rng.choice(m, size=k, replace=False)] = 1.0
    return x


def dense_forward(e: np.ndarray, ws: list[np.ndarray], bs: list[np.ndarray], d: np.ndarray,
                  theta: np.ndarray, x: np.ndarray) -> np.ndarray:
    h = x @ e.T
    for w, b in zip(ws, bs, strict=True):
        h = np.maximum(h @ w.T + b, 0.0)
    return h @ d.T > theta


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def bench(name: str, net: Any, batch: int, seed: int, repeat: int) -> None:
    x = random_inputs(net.m, net.k, batch, seed)
    t_sparse, y_sparse = best_of(lambda: net.forward(x), repeat)
    e = net.E.toarray()
    ws = [w.toarray() for w in net.weights]
    bs = [np.asarray(b) for b in net.biases]
    dd = net.D.toarray()
    t_dense, y_dense = best_of(lambda: dense_forward(e, ws, bs, dd, net.theta, x), repeat)
    agree = float(np.mean(y_sparse == y_dense))
    res = net.resources()
    print(f"{name:14s} m'={net.m_prime:,} widths={res.widths} batch={batch}: "
          f"sparse {t_sparse * 1e3:8.1f} ms  dense {t_dense * 1e3:8.1f} ms  "
          f"ratio dense/sparse {t_dense / t_sparse:6.2f}  outputs agree {agree:.6f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--m-prime", type=int, default=10_000)
    ap.add_argument("--k", type=int, default=3)
    ap.add_argument("--delta", type=float, default=0.01)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--small-batch", type=int, default=32,
                    help="second, small batch: exposes per-call overhead of Network.forward")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from bounds.constructions.channels import build_pairwise_and, build_permutation
    from bounds.constructions.uand import build_uand, uand_defaults

    mp, k, delta, seed = args.m_prime, args.k, args.delta, args.seed
    d, p = uand_defaults(mp, mp, k, delta)
    nets = {
        "pairwise-and": build_pairwise_and(mp, k, delta, seed),
        "permutation": build_permutation(mp, k, delta, seed),
        "uand": build_uand(mp, d, p, k, seed, m_prime=mp),
    }
    for batch in (args.batch, args.small_batch):
        for name, net in nets.items():
            bench(name, net, batch, seed, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
