"""Benchmarks of issue 9 items 4-5: the sparse forward pass at scale (not timed tests).

Three parts (``--part``), each printing its ratios:

* ``verify`` -- build + Monte-Carlo ``verify`` of C1 and C2 at m' (default 10^5): the
  baseline is the pre-item-4 error loop (``benchmarks/_baseline.py``: dense layers and
  decoder, the batch shrunk to ``2^22 / (m' + m + Σ widths)`` rows), the candidate is
  today's ``Network.errors``; interleaved, ``--rounds`` rounds, medians of wall and CPU
  time, the verification results checked equal.
* ``verify-rev`` -- build + Monte-Carlo ``verify`` of C1, C2, C1d, C2d at m' (default 10^5):
  the builders and the ``Network`` class of ``--rev`` (default ``e8ba618``, before the
  int32 build and the ``-I`` kernel; the same arrays wrapped in that revision's class)
  against this tree, interleaved, medians, networks (bit for bit) and results checked equal.
* ``certify`` -- build + certify one construction at m' (default 10^6), one per process
  (peak RSS from ``getrusage``), wall and CPU per phase; targets <= 5 min, <= 4 GB. C1, C2:
  ``certify()`` for all <= k-sparse inputs, then on the identifying probes; C1d:
  ``certify_rs_permutation`` (exact on the identifying probes, linear in the stored
  entries; ``--margin`` adds the margin argument); C2d: ``certify_pair_design``. Prints
  the stored entries and their size as float64 CSR (today's storage) and as int8 + int32.
  ``--build-only`` skips certification; ``--baseline-build`` builds with ``--rev``'s
  builder instead (its peak RSS; one process each, never two >= 4 GB jobs at once).
* ``bandwidth`` -- the forward pass against the memory-bandwidth limit: bytes of the
  weights a batch must touch (12 per stored entry: float64 value + int32 index; the code
  columns of the active features, the W1 columns of the lit code coordinates, the rows
  of the later layers and of the decoder it reads, summed over the inputs; a ``-I`` layer
  is applied by index arithmetic and reads no weight) divided by
  the measured copy bandwidth (``np.copyto`` of a 512 MB array, bytes / time), over the
  measured time of ``Network.forward`` (medians); target >= 25% at m' = 10^4 and 10^5.

Run: ``.venv/bin/python benchmarks/bench_scale.py --part verify [--m-prime 1e5]``.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))


def build(which: str, m_prime: int, seed: int, k: int = 3, delta: float = 0.01) -> Any:
    from bounds.constructions.channels import build_pairwise_and, build_permutation
    from bounds.constructions.design import build_permutation_design
    from bounds.constructions.pairdesign import build_pair_design

    fns = {"C1": build_permutation, "C2": build_pairwise_and, "C1d": build_permutation_design,
           "C2d": build_pair_design}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fns[which](m_prime, k, delta, seed)


def timed(fn: Any) -> tuple[float, float, Any]:
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - t0, time.process_time() - c0, out


def rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


# ------------------------------------------------------------------ verify
def verify_pair(net: Any, inputs: int, seed: int) -> dict[str, tuple[float, float, Any]]:
    """One baseline and one candidate ``verify`` of ``net`` (same seed)."""
    import _baseline

    from bounds.constructions import verify as V

    def run(errors_fn: Any) -> Any:
        saved = V._errors
        V._errors = errors_fn
        try:
            v = V.verify(net, delta=0.01, seed=seed, inputs=inputs)
        finally:
            V._errors = saved
        return tuple((s.name, s.inputs, s.errors) for s in v.strata)

    return {"baseline": timed(lambda: run(_baseline.errors)),
            "candidate": timed(lambda: run(V._errors))}


def part_verify(args: argparse.Namespace) -> None:
    for which in ("C1", "C2"):
        bw, bc, net = timed(lambda w=which: build(w, args.m_prime, args.seed))
        print(f"{which} m'={args.m_prime:,} widths={net.widths} nnz(W1)={net.weights[0].nnz:,}: "
              f"build wall {bw:.1f} s cpu {bc:.1f} s")
        wall: dict[str, list[float]] = {"baseline": [], "candidate": []}
        cpu: dict[str, list[float]] = {"baseline": [], "candidate": []}
        for _ in range(args.rounds):
            res = verify_pair(net, args.inputs, args.seed)
            assert res["baseline"][2] == res["candidate"][2], "verification results differ"
            for name, (w, c, _out) in res.items():
                wall[name].append(w)
                cpu[name].append(c)
        mw = {n: statistics.median(v) for n, v in wall.items()}
        mc = {n: statistics.median(v) for n, v in cpu.items()}
        print(f"  verify {args.inputs:,} inputs, {args.rounds} rounds (results equal: "
              f"{res['candidate'][2]})")
        for n in ("baseline", "candidate"):
            print(f"    {n:9s}: wall {mw[n]:7.2f} s  cpu {mc[n]:7.2f} s (median)")
        print(f"    ratio baseline/candidate: cpu {mc['baseline'] / mc['candidate']:.2f}x, "
              f"wall {mw['baseline'] / mw['candidate']:.2f}x; build+verify cpu "
              f"{(bc + mc['baseline']) / (bc + mc['candidate']):.2f}x")
        del net


# ------------------------------------------------------ build + verify vs a revision
def rev_builders(rev: str) -> tuple[Any, dict[str, Any]]:
    """The network module and the four builders (C1, C2, C1d, C2d) as they were at ``rev``
    (loaded from ``git show``; C2d's pairdesign is loaded against that revision's design)."""
    from _rev import load_at

    import bounds.constructions.design  # noqa: F401  (so that it can be swapped below)

    net_mod = load_at(rev, "bounds/constructions/network.py", f"network_{rev}")
    build = load_at(rev, "bounds/constructions/channels/build.py", f"build_{rev}")
    design = load_at(rev, "bounds/constructions/design.py", f"design_{rev}")
    saved = sys.modules["bounds.constructions.design"]
    sys.modules["bounds.constructions.design"] = design
    try:
        pair = load_at(rev, "bounds/constructions/pairdesign.py", f"pairdesign_{rev}")
    finally:
        sys.modules["bounds.constructions.design"] = saved
    return net_mod, {"C1": build.build_permutation, "C2": build.build_pairwise_and,
                     "C1d": design.build_permutation_design, "C2d": pair.build_pair_design}


def as_rev_network(net_mod: Any, net: Any) -> Any:
    """The same arrays wrapped in ``rev``'s ``Network`` class (its forward pass, its errors)."""
    import dataclasses

    return net_mod.Network(**{f.name: getattr(net, f.name) for f in dataclasses.fields(net)})


def same_arrays(a: Any, b: Any) -> bool:
    """Every matrix's CSR arrays and every bias/threshold equal bit for bit."""
    mats = all(np.array_equal(x.indptr, y.indptr) and np.array_equal(x.indices, y.indices)
               and np.array_equal(np.asarray(x.data, np.float64).view(np.int64),
                                  np.asarray(y.data, np.float64).view(np.int64))
               for x, y in zip((a.E, *a.weights, a.D), (b.E, *b.weights, b.D), strict=True))
    vecs = all(np.array_equal(x.view(np.int64), y.view(np.int64))
               for x, y in zip((*a.biases, a.theta), (*b.biases, b.theta), strict=True))
    return bool(mats and vecs and np.array_equal(a.instance, b.instance))


def part_verify_rev(args: argparse.Namespace) -> None:
    """Build + Monte-Carlo verify at m', ``--rev``'s code (baseline) against this tree,
    interleaved; networks and verification results checked equal."""
    from bounds.constructions import verify as V

    net_mod, old = rev_builders(args.rev)
    print(f"build + verify({args.inputs:,} inputs) at m'={args.m_prime:,}, seed {args.seed}: "
          f"baseline = {args.rev}, candidate = this tree, {args.rounds} rounds interleaved")
    for which in args.constructions:
        wall: dict[str, list[float]] = {"baseline": [], "candidate": []}
        cpu: dict[str, list[float]] = {"baseline": [], "candidate": []}
        res: dict[str, Any] = {}
        for _ in range(args.rounds):
            for name in ("baseline", "candidate"):
                def run(name: str = name, which: str = which) -> Any:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        if name == "baseline":
                            net = as_rev_network(net_mod, old[which](args.m_prime, 3, 0.01,
                                                                     args.seed))
                        else:
                            net = build(which, args.m_prime, args.seed)
                    v = V.verify(net, delta=0.01, seed=args.seed, inputs=args.inputs)
                    return net, tuple((st.name, st.inputs, st.errors) for st in v.strata)
                w, c, out = timed(run)
                wall[name].append(w)
                cpu[name].append(c)
                res[name] = out
        equal = (same_arrays(res["baseline"][0], res["candidate"][0])
                 and res["baseline"][1] == res["candidate"][1])
        mw = {n: statistics.median(v) for n, v in wall.items()}
        mc = {n: statistics.median(v) for n, v in cpu.items()}
        print(f"{which}: networks and results equal: {equal} {res['candidate'][1]}")
        for n in ("baseline", "candidate"):
            print(f"  {n:9s}: wall {mw[n]:7.2f} s  cpu {mc[n]:7.2f} s (medians)")
        print(f"  ratio baseline/candidate: cpu {mc['baseline'] / mc['candidate']:.2f}x, "
              f"wall {mw['baseline'] / mw['candidate']:.2f}x")
        res.clear()
        if not equal:
            raise SystemExit("baseline and candidate differ")


# ----------------------------------------------------------------- certify
def part_certify(args: argparse.Namespace) -> None:
    """Build + certify one construction at m' in this process (peak RSS from getrusage).

    C1, C2: ``certify`` for all <= k-sparse inputs, then on the identifying probes; C1d:
    ``certify_rs_permutation`` on the identifying probes (its claim; linear in the stored
    entries), plus ``certify`` (margin) with ``--margin``; C2d: ``certify_pair_design`` (exact
    units, identifying probes)."""
    from bounds.constructions.certify import certify, certify_rs_permutation
    from bounds.constructions.pairdesign import certify_pair_design

    which = args.construction
    if args.baseline_build:  # the builder of --rev (peak RSS of the old build; no certify)
        net_mod, old = rev_builders(args.rev)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bw, bc, net = timed(lambda: old[which](args.m_prime, 3, 0.01, args.seed))
        print(f"{which} m'={args.m_prime:,} built by {args.rev}: wall {bw:.1f} s cpu {bc:.1f} s, "
              f"peak RSS {rss_gb():.2f} GB")
        return
    bw, bc, net = timed(lambda: build(which, args.m_prime, args.seed))
    nnz = sum(w.nnz for w in (net.E, *net.weights, net.D))
    print(f"{which} m'={args.m_prime:,} seed {args.seed} widths={net.widths} "
          f"nnz(W1)={net.weights[0].nnz:,}, stored entries (E, W, D) {nnz:,} "
          f"({12 * nnz / 1e9:.2f} GB as float64 CSR, {5 * nnz / 1e9:.2f} GB as int8 + int32 "
          f"index): build wall {bw:.1f} s cpu {bc:.1f} s, peak RSS {rss_gb():.2f} GB",
          flush=True)
    total_w, total_c = bw, bc
    runs = {"C1": ("all", "probes"), "C2": ("all", "probes"),
            "C1d": ("rs-structure", "probes") if args.margin else ("rs-structure",),
            "C2d": ("pair-design",)}[which]
    special = {"pair-design": certify_pair_design, "rs-structure": certify_rs_permutation}
    for scope in () if args.build_only else runs:
        fn = (lambda s=scope: special[s](net)) if scope in special else \
            (lambda s=scope: certify(net, scope=s))
        w, c, cert = timed(fn)
        total_w, total_c = total_w + w, total_c + c
        print(f"  certify {scope}: {cert.verdict} [{cert.method}] wall {w:.1f} s cpu "
              f"{c:.1f} s, peak RSS {rss_gb():.2f} GB", flush=True)
    print(f"  total build+certify: wall {total_w:.1f} s, cpu {total_c:.1f} s; ratio to the 5-min "
          f"target: cpu {total_c / 300:.2f}, wall {total_w / 300:.2f}; peak RSS / 4 GB: "
          f"{rss_gb() / 4:.2f}")


# --------------------------------------------------------------- bandwidth
def copy_bandwidth(nbytes: int = 1 << 29, rounds: int = 5) -> tuple[float, float]:
    """Bytes per second of ``np.copyto`` on a large float64 array: (by wall, by CPU time),
    medians (on a loaded machine the CPU-time figure is the bandwidth this process gets
    while it runs)."""
    src = np.ones(nbytes // 8)
    dst = np.empty_like(src)
    walls, cpus = [], []
    for _ in range(rounds):
        w, c, _out = timed(lambda: np.copyto(dst, src))
        walls.append(w)
        cpus.append(c)
    return nbytes / statistics.median(walls), nbytes / max(statistics.median(cpus), 1e-9)


def touched_bytes(net: Any, x: sp.csr_matrix) -> int:
    """12 bytes per stored weight the sparse pass must read, summed over the inputs."""
    et = net._code_t
    lens_e = np.diff(et.indptr)
    u = sp.csr_matrix(x @ et)
    cols = net._columns
    entries = int(lens_e[x.indices].sum()) + int(np.diff(cols[0].indptr)[u.indices].sum())
    lit = net._lit(x)
    h_prev = None
    for li in range(1, net.num_layers):  # later layers: the mean row length per lit row (OR)
        if net._neg_identity[li]:
            continue  # -I: applied by index arithmetic, no weight is read
        h_prev = net.weights[li]
        entries += int(h_prev.nnz / max(h_prev.shape[0], 1) * lit.unit_i.size)
    entries += int(np.diff(cols[-1].indptr)[lit.unit_i].sum())  # decoder columns of lit units
    return 12 * entries


def random_rows(net: Any, batch: int, seed: int) -> sp.csr_matrix:
    from bounds.constructions.verify import _sample_stratum, rows_to_csr

    rows = _sample_stratum(net, "uniform", batch, np.random.default_rng(seed))
    return rows_to_csr(rows, net.m)


def part_bandwidth(args: argparse.Namespace) -> None:
    bw_wall, bw_cpu = copy_bandwidth()
    print(f"copy bandwidth (np.copyto, 512 MB): {bw_wall / 1e9:.2f} GB/s by wall, "
          f"{bw_cpu / 1e9:.2f} GB/s by CPU time")
    for mp in args.sizes:
        for which in ("C1", "C2", "C1d", "C2d"):
            net = build(which, mp, args.seed)
            x = random_rows(net, args.batch, args.seed)
            net.forward(x[:2])  # warm the caches (column copy, rest state)
            walls, cpus = [], []
            for _ in range(args.rounds):
                w, c, _y = timed(lambda n=net, xx=x: n.forward(xx))
                walls.append(w)
                cpus.append(c)
            need = touched_bytes(net, x)
            w, c = statistics.median(walls), statistics.median(cpus)
            print(f"{which} m'={mp:,} batch={args.batch}: touches {need / 1e6:.1f} MB of weights; "
                  f"forward wall {w * 1e3:.1f} ms, cpu {c * 1e3:.1f} ms; fraction of the "
                  f"bandwidth limit: {need / bw_cpu / c:.1%} (CPU time / CPU-time bandwidth), "
                  f"{need / bw_wall / w:.1%} (wall / wall bandwidth)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("verify", "verify-rev", "certify", "bandwidth"),
                    required=True)
    ap.add_argument("--rev", default="e8ba618")
    ap.add_argument("--constructions", nargs="+", default=["C1", "C2", "C1d", "C2d"],
                    choices=["C1", "C2", "C1d", "C2d"])
    ap.add_argument("--m-prime", type=float, default=None)
    ap.add_argument("--construction", choices=("C1", "C2", "C1d", "C2d"), default="C2")
    ap.add_argument("--inputs", type=int, default=2000)
    ap.add_argument("--build-only", action="store_true", help="certify: build and count only")
    ap.add_argument("--baseline-build", action="store_true",
                    help="certify: build with --rev's builder only (its peak RSS)")
    ap.add_argument("--margin", action="store_true",
                    help="certify: C1d also by the margin argument")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--sizes", type=float, nargs="+", default=[1e4, 1e5])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes]
    default = {"verify": 1e5, "verify-rev": 1e5, "certify": 1e6, "bandwidth": None}[args.part]
    args.m_prime = int(args.m_prime or default or 0)
    {"verify": part_verify, "verify-rev": part_verify_rev, "certify": part_certify,
     "bandwidth": part_bandwidth}[args.part](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
