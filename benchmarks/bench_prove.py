"""Time ``superbounds prove`` cold (``--no-cache``) against warm (on-disk sympy cache).

Targets (issue 12 item 7): ≤ 60 s cold and ≤ 10 s warm on the project's 2-core machine.

Each round runs, in fresh processes and interleaved so that machine load hits both alike:
the baseline ``superbounds prove --no-cache --json`` and the candidate ``superbounds prove
--json`` reading a cache that an earlier run filled (a private temporary cache directory, so
the user's cache is untouched). Wall clock and CPU time (user + system of the child) are
recorded; the medians are reported, and the JSON outputs of the two are checked equal (the
cache must not change a single status or detail).

Run: ``.venv/bin/python benchmarks/bench_prove.py [--rounds 3] [--profile]``. Exits 1 if a
median CPU time misses its target or the outputs differ (on this shared machine wall clock is
3–10× CPU time, so the verdict is on CPU; both are printed). ``--profile`` also runs one warm
check in this process under cProfile and prints where its time goes.

Two caches (:mod:`proofs.cache`): sympy results keyed by expression and sympy version, and
whole proof results keyed by the hash of every file of ``bounds/`` and ``proofs/`` plus the
dependency versions — so a warm run with nothing changed re-runs nothing, and any edit makes it
a cold run for the proofs (the sympy results survive edits outside proofs' own engine).

Measured 2026-12-03 11:27 UTC by the lead on a quiet machine (load average 1.1-1.4 on 2
cores), main after the last argued steps became z3 proofs (34 proofs, 411 steps: 188 proved,
88 example, 36 assumed, 99 cited, 0 argued), 3 interleaved rounds of this script:

    round 1: cold 46.8 s wall, 46.9 s CPU | warm 1.8 s wall, 2.0 s CPU
    round 2: cold 49.9 s wall, 50.1 s CPU | warm 2.4 s wall, 2.5 s CPU
    round 3: cold 55.7 s wall, 55.6 s CPU | warm 2.1 s wall, 2.3 s CPU
    median:  cold 49.9 s wall, 50.1 s CPU -> target 60 s met
             warm  2.1 s wall,  2.3 s CPU -> target 10 s met

The same machine, same hour, gave 47.1 s CPU for one cold run of the session's starting
commit 6cc7765 (3 argued steps): the z3 steps that replaced them cost about 3 s CPU.

Measured 2026-12-02 (branch wt-ranges, after the proof-result cache) on the shared 2-core
machine under a load average of 14-16, one run each (``/usr/bin/time``; the rounds of this script
did not fit the session):

    cold (--no-cache):          491 s wall, 62.2 s CPU  -> CPU target 60 s missed by 2 s
    warm (both caches filled):  7.8 / 7.9 / 8.1 s wall, 2.1 / 2.3 / 2.3 s CPU (median 2.3 s CPU)
                                -> target 10 s met (wall and CPU)
    superbounds docs, cold:     491 s wall, 120 s CPU (renders every page, not only proofs)

Measured 2026-12-02 04:15 (branch wt-proofs12, commit c072137, 3 interleaved rounds of this
script under a load average of 13-17 on 2 cores; rounds 2-3 ran beside this branch's test
suite):

    round 1: cold 273.1 s wall, 68.9 s CPU | warm 11.5 s wall, 2.7 s CPU
    round 2: cold 378.3 s wall, 76.8 s CPU | warm 14.1 s wall, 2.6 s CPU
    round 3: cold 371.0 s wall, 70.2 s CPU | warm 10.4 s wall, 2.3 s CPU
    median:  cold 371.0 s wall, 70.2 s CPU -> CPU target 60 s MISSED
             warm  11.5 s wall,  2.6 s CPU -> CPU target 10 s met (wall 11.5 s, over by load)

CPU time is inflated by the load (hyperthread and cache contention): the same unchanged tree
measured 62.2 s CPU above and 71.3 s CPU (``/usr/bin/time``, cold sympy cache) at the start of
this session. In-process ``time.process_time`` per step of the changes on this branch (same
process, same load): the params-mask library check 15.1 → 6.4 s and params-sparse 7.9 → 4.7 s
under cProfile (2.2 s and 1.5 s now without the profiler), params-dense 1.9 → 0.5 s (exact
O(D) binomial rows in the oracle, I_ε computed once per family and ε instead of once per bit
width and slot count, the D3 ≥ D2 check against the D2 oracle instead of a second library
search), accounting-trivial 3.8 → 1.9 s (accounting lambdified to
exact integers once), asymptotic-neurons −2.9 s (one loggamma limit replaced by 1/√(m' ln m')
→ 0 and the sum rule). The largest cold costs left: the sympy limits of gap (8.4 s) and
asymptotic-neurons (5.9 s), permutation-volume-exact (5.7 s), the C2 parameter choices and
built networks (5.3 s), capacity-real and pairwise-envelope (≈ 3 s each).

Measured 2026-12-02 ~06:00 by the lead on a quiet machine (before the wt-proofs12 changes of
issue 12's "Done when"): cold ``superbounds prove --no-cache`` 30.8 s wall / 31 s CPU, warm
1.1 s wall -> both targets met. After them (branch wt-proofs12, 34 proofs, 337 steps, 0
"checked"), one cold run under a load average of 8-10: 74.4 s wall, 36.2 s CPU
(``/usr/bin/time``; CPU inflated by the load as noted above). The added steps (z3 proofs of
identifiability, the derangement induction and r's range; sympy identities of the tail
identity, the derangement recurrence and the parameter formulas) cost ≈ 0.1 s CPU in process
(``time.process_time`` per step, sympy results cached) plus ≈ 0.2 s for importing z3.

Earlier (2026-12-01, commit b3f05b0, load 5-14, 3 rounds): cold 400.1 s wall, 64.2 s CPU; warm
203.6 s wall, 35.5 s CPU — the warm run then re-ran every range check of the library's numeric
code (not cacheable by expression). Now a warm run imports, hashes the source tree (~0.1 s) and
reads 28 stored results; a cProfile of it (``--profile``) shows imports of sympy/numpy/mpmath
and the proof modules as the rest. What is left cold is the range checks themselves: the D2/D3
least-P searches inside ``bounds.lower`` (params-mask ≈ 11 s, params-sparse ≈ 5 s CPU), the
C1/C2 parameter choices and built networks, the pairwise envelope, and the sympy limits of the
asymptotic proofs.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLD_TARGET = 60.0
WARM_TARGET = 10.0
EXE = Path(sys.executable).with_name("superbounds")


def _run(args: list[str], cache_dir: str) -> tuple[float, float, bytes]:
    env = {**os.environ, "SUPERBOUNDS_CACHE_DIR": cache_dir}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([str(EXE), "prove", "--json", *args], env=env, capture_output=True,
                         check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if out.returncode != 0:
        raise SystemExit(f"prove {' '.join(args)} exited {out.returncode}:\n"
                         + out.stderr.decode()[-2000:])
    return wall, cpu, out.stdout


def _profile(cache_dir: str) -> None:
    """One warm in-process check under cProfile: the 15 most expensive calls (cumulative)."""
    import cProfile
    import pstats

    os.environ["SUPERBOUNDS_CACHE_DIR"] = cache_dir
    from proofs import registry

    prof = cProfile.Profile()
    start = time.process_time()
    prof.enable()
    registry.check_all()
    prof.disable()
    print(f"warm in-process check_all: {time.process_time() - start:.2f} s CPU")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true",
                        help="also profile one warm check in this process")
    ns = parser.parse_args()
    cache_dir = tempfile.mkdtemp(prefix="bench-prove-cache-")
    try:
        _run([], cache_dir)  # fill the cache once (not timed)
        if ns.profile:
            _profile(cache_dir)
        cold: list[tuple[float, float]] = []
        warm: list[tuple[float, float]] = []
        for i in range(ns.rounds):
            w0, c0, out_cold = _run(["--no-cache"], cache_dir)
            w1, c1, out_warm = _run([], cache_dir)
            if out_cold != out_warm:
                print("outputs of cold and warm runs differ", file=sys.stderr)
                return 1
            cold.append((w0, c0))
            warm.append((w1, c1))
            print(f"round {i + 1}: cold {w0:6.1f} s wall {c0:6.1f} s CPU | "
                  f"warm {w1:6.1f} s wall {c1:6.1f} s CPU")
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    med = {name: (statistics.median(w for w, _ in rows), statistics.median(c for _, c in rows))
           for name, rows in (("cold", cold), ("warm", warm))}
    ok = True
    for name, target in (("cold", COLD_TARGET), ("warm", WARM_TARGET)):
        wall, cpu = med[name]
        verdict = "OK" if cpu <= target else "OVER TARGET"
        ok &= cpu <= target
        print(f"median {name}: {wall:.1f} s wall, {cpu:.1f} s CPU (target {target:.0f} s): "
              f"{verdict}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
