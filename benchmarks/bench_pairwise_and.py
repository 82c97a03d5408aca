"""Benchmark: C2 pairwise AND in superposition at m' = 10^5, k = 3, delta = 0.01.

Builds the network (``bounds.constructions.channels.build_pairwise_and``), verifies it on
at least 10^4 inputs (``bounds.constructions.verify.verify``), and reports build time,
verify time, peak resident memory (``resource.getrusage``, Linux: KiB) and its max width
against C0 (one neuron per output, inputs explicit; ``bounds.constructions.trivial``).
Targets: build + verify <= 120 s, peak memory <= 8 GB.

Run: ``.venv/bin/python benchmarks/bench_pairwise_and.py [--m-prime N] [--inputs N]``.
Not a test: it prints numbers and ratios, and exits 1 only if a target is missed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

TARGET_SECONDS = 120.0
TARGET_GB = 8.0


def peak_gb() -> float:
    """Peak resident set size of this process in GB (ru_maxrss is KiB on Linux)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform != "darwin" else 1 / 1024  # macOS reports bytes
    return kib * scale * 1024 / 1e9


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--m-prime", type=int, default=100_000)
    ap.add_argument("--k", type=int, default=3)
    ap.add_argument("--delta", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--inputs", type=int, default=10_000)
    args = ap.parse_args(argv)

    from bounds.constructions.channels import build_pairwise_and
    from bounds.constructions.trivial import build_trivial
    from bounds.constructions.verify import verify

    base = peak_gb()
    t0 = time.perf_counter()
    net = build_pairwise_and(args.m_prime, args.k, args.delta, args.seed)
    t_build = time.perf_counter() - t0
    res = net.resources()
    t_count = time.perf_counter() - t0 - t_build

    t1 = time.perf_counter()
    ver = verify(net, delta=args.delta, seed=args.seed, inputs=args.inputs)
    t_verify = time.perf_counter() - t1

    c0 = build_trivial("pairwise-and", net.m_prime, instance=net.instance, seed=args.seed,
                       m=net.m).resources()
    peak = peak_gb()
    total = t_build + t_verify

    print(f"C2 pairwise AND: m'={net.m_prime:,} m={net.m:,} k={args.k} delta={args.delta} "
          f"seed={args.seed}")
    print(f"  build time          {t_build:9.2f} s   (resource count {t_count:.2f} s)")
    print(f"  verify time         {t_verify:9.2f} s   ({ver.method}, "
          f"{ver.inputs_tested:,} inputs)")
    print(f"  build + verify      {total:9.2f} s   target <= {TARGET_SECONDS:g} s: "
          f"{'ok' if total <= TARGET_SECONDS else 'MISSED'}")
    print(f"  peak memory         {peak:9.2f} GB  (at start {base:.2f} GB) target <= "
          f"{TARGET_GB:g} GB: {'ok' if peak <= TARGET_GB else 'MISSED'}")
    print(f"  widths              {res.widths}")
    print(f"  neurons (max width) {res.max_width:9,}   C0 {c0.max_width:,}   "
          f"ratio {res.max_width / c0.max_width:.4f}")
    print(f"  neurons (total)     {res.total_neurons:9,}   C0 {c0.total_neurons:,}   "
          f"ratio {res.total_neurons / c0.total_neurons:.4f}")
    print(f"  params dense        {res.params_dense:13,}   C0 {c0.params_dense:,}")
    print(f"  params nonzero      {res.params_nonzero:13,}   C0 {c0.params_nonzero:,}")
    print(f"  bits per param      {res.bits_per_param}")
    print(f"  errors              {ver.errors:,} / {ver.inputs_tested:,}  rate "
          f"{ver.error_rate:.5f}  upper95 (worst stratum) {ver.error_upper95:.5f}  "
          f"meets delta: {ver.meets_delta}")
    ok = total <= TARGET_SECONDS and peak <= TARGET_GB
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
