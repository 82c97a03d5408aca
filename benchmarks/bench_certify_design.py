"""Benchmark: certify(scope="probes") on C1d / C2d, generic path (baseline) vs the exact
structure certifier it dispatches to (candidate).

Issue 9: ``certify`` used the margin argument (then enumeration) on the design networks;
it now dispatches, for networks whose ``meta["construction"]`` names C1d or C2d, to
:func:`~bounds.constructions.certify.certify_rs_permutation` or
:func:`~bounds.constructions.pairdesign.certify_pair_design` (linear in the stored
entries). The baseline, on the same built network, is ``--baseline generic`` (the same
function with ``structure=False``: the margin argument, then enumeration; on C1d at
m′ = 3·10⁴ it exceeds 6 CPU minutes) or ``--baseline exhaustive`` (enumeration of every
probe, the exact reference). Baseline and candidate alternate, ``--rounds`` times; printed
are the medians of CPU and wall time, their ratio, and both verdicts (checked equal:
status, scope, k, inputs covered).

Run: ``.venv/bin/python benchmarks/bench_certify_design.py [--problem permutation|pairwise]
[--m-prime N] [--rounds R] [--baseline generic|exhaustive]``.
"""

from __future__ import annotations

import argparse
import statistics
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--problem", default="permutation", choices=["permutation", "pairwise"])
    ap.add_argument("--m-prime", type=int, default=30_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", default="exhaustive", choices=["exhaustive", "generic"])
    args = ap.parse_args()
    from bounds.constructions.certify import _exhaustive, certify, probe_certificate

    if args.problem == "permutation":
        from bounds.constructions.design import build_permutation_design as build
    else:
        from bounds.constructions.pairdesign import build_pair_design as build
    net = build(args.m_prime, 3, 0.01, 0)
    k = 1 if args.problem == "permutation" else 2

    def baseline():
        if args.baseline == "generic":
            return certify(net, scope="probes", structure=False)
        done = probe_certificate(net, k, "exhaustive")
        status, *_rest, note = _exhaustive(net, k)
        return done(status, note)

    runs = (("baseline", baseline), ("candidate", lambda: certify(net, scope="probes")))
    cpu: dict[str, list[float]] = {"baseline": [], "candidate": []}
    wall: dict[str, list[float]] = {"baseline": [], "candidate": []}
    out = {}
    for _ in range(args.rounds):
        for name, run in runs:
            t0, c0 = time.perf_counter(), time.process_time()
            c = run()
            cpu[name].append(time.process_time() - c0)
            wall[name].append(time.perf_counter() - t0)
            out[name] = c
    b, c = out["baseline"], out["candidate"]
    same = (b.status, b.scope, b.k, b.inputs_covered) == (c.status, c.scope, c.k,
                                                          c.inputs_covered)
    print(f"certify(scope='probes') {args.problem} design m'={args.m_prime:,} k=3 "
          f"delta=0.01 seed=0, {args.rounds} rounds interleaved")
    for name in ("baseline", "candidate"):
        what = args.baseline if name == "baseline" else "dispatch"
        print(f"  {name:9s} ({what}): CPU median "
              f"{statistics.median(cpu[name]):8.2f} s, wall median "
              f"{statistics.median(wall[name]):8.2f} s; {out[name].verdict} "
              f"({out[name].method})")
    mb, mc = statistics.median(cpu["baseline"]), statistics.median(cpu["candidate"])
    print(f"  speed-up (CPU): {mb / mc:.1f}x; results equal: {same}")
    if not same:
        raise SystemExit("baseline and candidate disagree")


if __name__ == "__main__":
    main()
