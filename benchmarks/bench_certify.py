"""Benchmark: the margin certifier, per-output loop (baseline) vs vectorised (candidate).

Issue 9 item 1: the margin argument of :mod:`bounds.constructions.certify` looped over
the outputs in Python (~90 s for C2 at m′ = 2000). The candidate (today's ``certify``)
evaluates the same bound for all outputs at once. The baseline is the certifier of a
git revision (default ``4c468ff``, before vectorisation), loaded from ``git show`` so it
runs in this process on the same built network. Baseline and candidate alternate,
``--rounds`` times; printed are the medians of CPU and wall time, their ratio, and both
verdicts (checked equal: status, outputs unproved, cases; min slack to 1e-9).

Run: ``.venv/bin/python benchmarks/bench_certify.py [--problem pairwise|permutation]
[--m-prime N] [--rounds R] [--rev REV]``.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import warnings
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--problem", default="pairwise", choices=["pairwise", "permutation"])
    ap.add_argument("--m-prime", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rev", default="4c468ff")
    args = ap.parse_args()
    from bounds.constructions import certify as cand
    from bounds.constructions.channels import build_pairwise_and, build_permutation

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _rev import load_at

    base = load_at(args.rev, "bounds/constructions/certify.py", "certify_baseline")
    build = build_pairwise_and if args.problem == "pairwise" else build_permutation
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build(args.m_prime, 3, 0.01, 0)
    cpu = {"baseline": [], "candidate": []}
    wall = {"baseline": [], "candidate": []}
    out = {}
    for _ in range(args.rounds):
        for name, mod in (("baseline", base), ("candidate", cand)):
            t0, c0 = time.perf_counter(), time.process_time()
            c = mod.certify(net, scope="probes", exhaustive_limit=0)
            cpu[name].append(time.process_time() - c0)
            wall[name].append(time.perf_counter() - t0)
            out[name] = c
    b, c = out["baseline"], out["candidate"]
    same = (b.status == c.status and b.outputs_unproved == c.outputs_unproved
            and b.cases_checked == c.cases_checked
            and (math.isclose(b.min_slack, c.min_slack, abs_tol=1e-9)
                 or (math.isnan(b.min_slack) and math.isnan(c.min_slack))))
    mb, mc = statistics.median(cpu["baseline"]), statistics.median(cpu["candidate"])
    print(f"certify(scope='probes', margin) {args.problem} m'={args.m_prime:,} k=3 "
          f"delta=0.01 seed=0, {args.rounds} rounds interleaved")
    for name in ("baseline", "candidate"):
        print(f"  {name:9s} ({args.rev if name == 'baseline' else 'this tree'}): CPU median "
              f"{statistics.median(cpu[name]):8.2f} s, wall median "
              f"{statistics.median(wall[name]):8.2f} s; {out[name].verdict}, "
              f"min slack {out[name].min_slack:.6g}")
    print(f"  speed-up (CPU): {mb / mc:.1f}x; results equal: {same}")
    if not same:
        raise SystemExit("baseline and candidate disagree")


if __name__ == "__main__":
    main()
