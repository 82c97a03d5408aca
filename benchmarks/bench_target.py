"""Benchmark: ``Network.target`` with the incidence built once vs rebuilt per batch.

Issue 9 item 4: ``Network.target`` used to rebuild the m × m′ incidence matrix on every
batch (60% of a C2 verification at m′ = 10⁶). The candidate (today's ``Network.target``)
builds it once per network (``bounds.constructions.instances.incidence``, cached); the
baseline re-creates it per call, exactly as the old code did. Both run interleaved on
the same batches, several rounds; printed are medians of wall and CPU time per batch and
their ratio, and the outputs are checked equal.

Run: ``.venv/bin/python benchmarks/bench_target.py [--m-prime N] [--batch B] [--rounds R]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np
import scipy.sparse as sp


def baseline_target(net, x):  # the pre-cache code path, kept verbatim as the baseline
    xs = sp.csr_matrix(x, dtype=np.float64, copy=True)
    xs.sum_duplicates()
    xs.data = (xs.data != 0).astype(np.float64)
    inst = np.asarray(net.instance)
    cols = np.arange(net.m_prime)
    inc = sp.csr_matrix(
        (np.ones(2 * net.m_prime), (inst.reshape(-1), np.repeat(cols, 2))),
        shape=(net.m, net.m_prime),
    )
    return (xs @ inc).toarray() >= 2.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--m-prime", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    from bounds.constructions.trivial import build_trivial
    from bounds.constructions.verify import rows_to_csr

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_trivial("pairwise-and", args.m_prime, seed=0)
    rng = np.random.default_rng(0)
    rows = rng.integers(0, net.m, size=(args.batch, 3))
    x = rows_to_csr(rows, net.m)
    net.target(x)  # warm the cache (the candidate pays it once per network)
    wall = {"baseline": [], "candidate": []}
    cpu = {"baseline": [], "candidate": []}
    for _ in range(args.rounds):
        for name, fn in (("baseline", lambda: baseline_target(net, x)),
                         ("candidate", lambda: net.target(x))):
            t0, c0 = time.perf_counter(), time.process_time()
            out = fn()
            wall[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
            if name == "baseline":
                ref = out
            else:
                assert np.array_equal(out, ref), "results differ"
    med = {n: statistics.median(v) for n, v in wall.items()}
    medc = {n: statistics.median(v) for n, v in cpu.items()}
    print(f"m'={args.m_prime:,} batch={args.batch} rounds={args.rounds} (results equal)")
    for n in ("baseline", "candidate"):
        print(f"  {n:9s}: wall {med[n] * 1e3:8.2f} ms  cpu {medc[n] * 1e3:8.2f} ms (median)")
    print(f"  speed-up (baseline / candidate, wall): {med['baseline'] / med['candidate']:.1f}x")


if __name__ == "__main__":
    main()
