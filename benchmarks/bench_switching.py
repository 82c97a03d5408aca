"""Benchmark: Waksman routing (looping algorithm) + verification at N = 2^16.

Run standalone: ``.venv/bin/python benchmarks/bench_switching.py [--size N] [--seed S]
[--graph]``. Prints the seconds for building the network, routing a seeded random
permutation, verifying it by the array replay of the network wiring, and — as a baseline —
a plain ``numpy.argsort`` of the same permutation, with the ratio. ``--graph`` also times
the networkx build and label-pushing traversal (slow: tens of seconds at 2^16).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bounds.constructions.switching import waksman  # noqa: E402


def best_of(func: Callable[[], Any], repeats: int) -> float:
    """Smallest wall-clock time of ``repeats`` calls of ``func``."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2**16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--graph", action="store_true", help="also time networkx traversal")
    args = parser.parse_args(argv)

    n = args.size
    perm = np.random.default_rng(args.seed).permutation(n)

    t0 = time.perf_counter()
    net = waksman(n)
    t_build = time.perf_counter() - t0

    settings = net.route(perm)
    ok = bool(np.array_equal(net.replay(settings), perm))
    t_route = best_of(lambda: net.route(perm), args.repeats)
    t_verify = best_of(lambda: net.replay(settings), args.repeats)
    t_argsort = best_of(lambda: np.argsort(perm), max(args.repeats, 20))
    total = t_route + t_verify

    print(f"Waksman network, N = {n}, switches = {net.switches}, seed = {args.seed}")
    print(f"  build wiring                 {t_build:10.4f} s")
    print(f"  route (looping algorithm)    {t_route:10.4f} s")
    print(f"  verify (array replay)        {t_verify:10.4f} s   verified = {ok}")
    print(f"  route + verify               {total:10.4f} s")
    print(f"  baseline numpy.argsort       {t_argsort:10.6f} s")
    print(f"  ratio (route+verify)/argsort {total / t_argsort:10.1f} x")
    if args.graph:
        t0 = time.perf_counter()
        graph = net.graph
        t_graph = time.perf_counter() - t0
        t0 = time.perf_counter()
        ok_graph = bool(np.array_equal(net.apply(settings), perm))
        t_apply = time.perf_counter() - t0
        print(f"  networkx graph build         {t_graph:10.4f} s   "
              f"({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")
        print(f"  verify (networkx traversal)  {t_apply:10.4f} s   verified = {ok_graph}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
