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
  the stored entries, their size as float64 CSR (the former storage) and as stored
  (``bounds.constructions.storage``: int32 indices + small codes).
  ``--build-only`` skips certification; ``--baseline-build`` builds with ``--rev``'s
  builder instead (its peak RSS; one process each, never two >= 4 GB jobs at once).
  ``--json`` prints one JSON line instead (phases, peak RSS, certificates, a digest of the
  network's arrays taken after the RSS reading; ``--tree DIR`` imports ``bounds`` from DIR).
  Measured 2026-12-03 (this tree, seed 1, k = 3, δ = 0.01; machine shared, load average
  ~9 on 2 cores, so wall ≈ 5-7x CPU; CPU time is the figure to compare with the target):

  - C1 at 10⁶ (2 runs): build 19.0 / 19.1 s CPU, certify all 46.2 / 39.8 s, probes
    37.5 / 30.1 s: total 102.8 / 89.0 s CPU (727 / 490 s wall under that load), peak RSS
    2.46 / 2.47 GB. Both verdicts "not certified (argument inconclusive)": pruning
    ``A = W₁E`` would take 5.3·10¹⁰ products; at the cut-off 13 the unit-level test fails
    every output; 17 outputs evaluated exactly (for all ≤3-sparse inputs none proved, on
    the probes all 17 proved); no simulated witness wrong.
  - C2 at 10⁶ (1 run): build 44.6 s CPU (peak 3.52 GB), certify all 40.2 s, probes
    28.8 s: total 113.6 s CPU (817 s wall), peak RSS 3.80 GB. All: "refuted: wrong on a
    ≤3-sparse input" (input {480621, 632901, 670024}, a witness of the exact rows,
    simulated by streaming; confirmed by ``Network.forward`` in a separate run, which
    needed 10.3 GB for its copies: output 3 wrong). Probes: "not certified (argument
    inconclusive)" (1.15·10¹¹ products; cut-off 15; 8 outputs evaluated exactly, all 8
    proved; 999 992 unproved).
  - Baseline (merge base f060137) at 10⁶, capped runs (``/tmp`` helper: RLIMIT_CPU, RSS
    polled): C1 stopped by the 330 s CPU cap inside ``certify all`` (build 20.8 s CPU;
    1922 s wall; peak RSS 2.93 GB); C2 killed at the 5 GB RSS cap 5 s CPU into
    ``certify all`` (build 43.1 s CPU, 48.3 s CPU in all, 142 s wall), consistent with
    its ``sp.csr_matrix(W1)`` forming float64 values of all of W1 (4.0·10⁸ entries,
    3.2 GB) on top of the coded copy.
  - 10⁴, ``certify-rev`` (2 rounds): C1 certificates and digests equal the baseline's
    (refuted for all ≤3-sparse inputs; certified on the probes), CPU 27.3 vs 27.8 s, peak
    RSS 0.76 vs 0.78 GB (medians). Old vs new ``certify`` (both scopes, exhaustive limits
    0 and 2·10⁵) on the 23 test networks of ``tests/test_certify.py`` and on C1, C2 at
    m′ = 3000, each also deliberately broken (θ, deaf, swapped, raised): 320 certificates,
    all fields but ``seconds`` equal (a throwaway script, not in the repository).
* ``certify-rev`` -- the ``certify`` part of ``--rev`` (default: the merge base with
  ``main``; the whole ``bounds`` package of that revision, ``git archive``-d to a temporary
  directory) against this tree, ``--rounds`` rounds interleaved, each run its own process
  (one at a time): medians of wall and CPU time per phase and of peak RSS; certificates
  (everything but their ``seconds``) and network digests checked equal.
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
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
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
def _values(mat: Any, lo: int, hi: int) -> np.ndarray:
    """Stored values ``lo:hi`` (without materializing a coded matrix, when the tree has
    ``bounds.constructions.storage``)."""
    try:
        from bounds.constructions.storage import values
    except ImportError:  # a revision before compact storage
        return np.asarray(mat.data[lo:hi], np.float64)
    return values(mat, lo, hi)


def digest(net: Any, step: int = 1 << 22) -> str:
    """sha1 of every matrix's shape, index pointers, indices (as int64) and value bits, in
    chunks, and of the biases, thresholds and instance: equal networks, equal digests."""
    h = hashlib.sha1()
    for mat in (net.E, *net.weights, net.D):
        mat = mat if mat.format == "csr" else sp.csr_matrix(mat)
        h.update(np.asarray(mat.shape, np.int64).tobytes())
        h.update(np.asarray(mat.indptr, np.int64).tobytes())
        for a in range(0, mat.nnz, step):
            h.update(np.asarray(mat.indices[a:a + step], np.int64).tobytes())
            h.update(_values(mat, a, a + step).tobytes())
    for v in (*net.biases, net.theta, net.instance):
        h.update(np.ascontiguousarray(v).tobytes())
    return h.hexdigest()


def stored_gb(net: Any) -> float:
    """GB of the network's matrices as stored (coded values counted as stored)."""
    try:
        from bounds.constructions.storage import stored_bytes
    except ImportError:
        def stored_bytes(m: Any) -> int:
            return int(m.data.nbytes + m.indices.nbytes + m.indptr.nbytes)
    return sum(stored_bytes(m) for m in (net.E, *net.weights, net.D)) / 1e9


def certify_run(which: str, m_prime: int, seed: int, margin: bool, build_only: bool,
                say: Any = None) -> dict[str, Any]:
    """Build + certify ``which`` at ``m_prime`` in this process: phases ``[name, wall,
    cpu]``, peak RSS (GB) after the last phase, the certificates (without ``seconds``)."""
    from bounds.constructions.certify import certify, certify_rs_permutation
    from bounds.constructions.pairdesign import certify_pair_design

    say = say or (lambda _msg: None)
    bw, bc, net = timed(lambda: build(which, m_prime, seed))
    nnz = sum(w.nnz for w in (net.E, *net.weights, net.D))
    say(f"{which} m'={m_prime:,} seed {seed} widths={net.widths} "
        f"nnz(W1)={net.weights[0].nnz:,}, stored entries (E, W, D) {nnz:,} "
        f"({12 * nnz / 1e9:.2f} GB as float64 CSR; stored {stored_gb(net):.2f} GB): "
        f"build wall {bw:.1f} s cpu {bc:.1f} s, peak RSS {rss_gb():.2f} GB")
    out: dict[str, Any] = {"which": which, "m_prime": m_prime, "seed": seed,
                           "phases": [["build", bw, bc]], "certificates": [],
                           "stored_gb": stored_gb(net), "nnz": nnz}
    runs = {"C1": ("all", "probes"), "C2": ("all", "probes"),
            "C1d": ("rs-structure", "probes") if margin else ("rs-structure",),
            "C2d": ("pair-design",)}[which]
    special = {"pair-design": certify_pair_design, "rs-structure": certify_rs_permutation}
    for scope in () if build_only else runs:
        fn = (lambda s=scope: special[s](net)) if scope in special else \
            (lambda s=scope: certify(net, scope=s))
        w, c, cert = timed(fn)
        out["phases"].append([f"certify {scope}", w, c])
        fields = {k: v for k, v in vars(cert).items() if k != "seconds"}
        out["certificates"].append(json.loads(json.dumps(fields, default=str)))
        say(f"  certify {scope}: {cert.verdict} [{cert.method}] wall {w:.1f} s cpu "
            f"{c:.1f} s, peak RSS {rss_gb():.2f} GB; unproved {cert.outputs_unproved:,}, "
            f"counter-example {cert.counterexample}; {cert.note}")
    out["peak_rss_gb"] = rss_gb()
    return {**out, "net": net}


def part_certify(args: argparse.Namespace) -> None:
    """Build + certify one construction at m' in this process (peak RSS from getrusage).

    C1, C2: ``certify`` for all <= k-sparse inputs, then on the identifying probes; C1d:
    ``certify_rs_permutation`` on the identifying probes (its claim; linear in the stored
    entries), plus ``certify`` (margin) with ``--margin``; C2d: ``certify_pair_design`` (exact
    units, identifying probes)."""
    which = args.construction
    if args.baseline_build:  # the builder of --rev (peak RSS of the old build; no certify)
        net_mod, old = rev_builders(args.rev or "e8ba618")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bw, bc, net = timed(lambda: old[which](args.m_prime, 3, 0.01, args.seed))
        print(f"{which} m'={args.m_prime:,} built by {args.rev}: wall {bw:.1f} s cpu {bc:.1f} s, "
              f"peak RSS {rss_gb():.2f} GB")
        return
    say = None if args.json else (lambda msg: print(msg, flush=True))
    res = certify_run(which, args.m_prime, args.seed, args.margin, args.build_only, say)
    net = res.pop("net")
    if args.json:
        res["digest"] = digest(net)  # after the RSS reading (chunked, coded values stay coded)
        print(json.dumps(res))
        return
    total_w = sum(p[1] for p in res["phases"])
    total_c = sum(p[2] for p in res["phases"])
    print(f"  total build+certify: wall {total_w:.1f} s, cpu {total_c:.1f} s; ratio to the 5-min "
          f"target: cpu {total_c / 300:.2f}, wall {total_w / 300:.2f}; peak RSS / 4 GB: "
          f"{res['peak_rss_gb'] / 4:.2f}")


def rev_tree(rev: str) -> tuple[str, Path]:
    """``rev``'s full hash and its ``bounds`` package extracted to a temporary directory."""
    root = Path(__file__).resolve().parents[1]
    full = subprocess.run(["git", "rev-parse", rev], cwd=root, check=True, capture_output=True,
                          text=True).stdout.strip()
    tree = Path(tempfile.mkdtemp(prefix=f"bench_scale_{full[:9]}_"))
    archive = subprocess.run(["git", "archive", full, "bounds"], cwd=root, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return full, tree


def part_certify_rev(args: argparse.Namespace) -> None:
    """``certify`` of ``--rev`` (baseline) against this tree, one process per run,
    interleaved; medians; certificates and digests checked equal."""
    root = Path(__file__).resolve().parents[1]
    rev = args.rev or subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=root,
                                     check=True, capture_output=True, text=True).stdout.strip()
    full, tree = rev_tree(rev)
    base = [sys.executable, str(Path(__file__).resolve()), "--part", "certify", "--json",
            "--construction", args.construction, "--m-prime", str(args.m_prime),
            "--seed", str(args.seed), *(["--margin"] if args.margin else [])]
    cmds = {"baseline": [*base, "--tree", str(tree)], "candidate": base}
    print(f"build + certify {args.construction} at m'={args.m_prime:,}, seed {args.seed}: "
          f"baseline = {full[:9]}, candidate = this tree, {args.rounds} rounds interleaved, "
          f"one process per run", flush=True)
    runs: dict[str, list[dict[str, Any]]] = {"baseline": [], "candidate": []}
    for r in range(args.rounds):
        for name, cmd in cmds.items():
            out = subprocess.run(cmd, check=True, capture_output=True, text=True,
                                 env={**os.environ, "PYTHONWARNINGS": "ignore"}).stdout
            res = json.loads(out.strip().splitlines()[-1])
            runs[name].append(res)
            print(f"  round {r + 1} {name:9s}: " + ", ".join(
                f"{ph} {w:.1f}/{c:.1f} s" for ph, w, c in res["phases"])
                + f"; peak RSS {res['peak_rss_gb']:.2f} GB", flush=True)
    first = runs["baseline"][0]

    def key(x: dict[str, Any]) -> str:  # as JSON text: NaN slacks compare equal
        return json.dumps([x["certificates"], x["digest"]], sort_keys=True)

    equal = all(key(x) == key(first) for x in runs["baseline"] + runs["candidate"])
    print(f"{args.construction}: certificates and network digests equal: {equal} "
          f"({'; '.join(c['verdict'] for c in first['certificates'])})")
    for name, rs in runs.items():
        phases = [ph for ph, _w, _c in rs[0]["phases"]]
        med = {ph: (statistics.median(x["phases"][i][1] for x in rs),
                    statistics.median(x["phases"][i][2] for x in rs))
               for i, ph in enumerate(phases)}
        tw = statistics.median(sum(p[1] for p in x["phases"]) for x in rs)
        tc = statistics.median(sum(p[2] for p in x["phases"]) for x in rs)
        rss = statistics.median(x["peak_rss_gb"] for x in rs)
        print(f"  {name:9s}: " + ", ".join(f"{ph} wall {w:.1f} s cpu {c:.1f} s"
                                           for ph, (w, c) in med.items())
              + f"; total wall {tw:.1f} s cpu {tc:.1f} s; peak RSS {rss:.2f} GB; stored "
              f"{rs[0]['stored_gb']:.2f} GB (medians)")
    med = {n: (statistics.median(sum(p[2] for p in x["phases"]) for x in rs),
               statistics.median(x["peak_rss_gb"] for x in rs)) for n, rs in runs.items()}
    print(f"  ratio baseline/candidate: cpu {med['baseline'][0] / med['candidate'][0]:.2f}x, "
          f"peak RSS {med['baseline'][1] / med['candidate'][1]:.2f}x; candidate against the "
          f"targets (5 min cpu, 4 GB): {med['candidate'][0] / 300:.2f}, "
          f"{med['candidate'][1] / 4:.2f}")
    if not equal:
        raise SystemExit("baseline and candidate differ")


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
    ap.add_argument("--part", choices=("verify", "verify-rev", "certify", "certify-rev",
                                       "bandwidth"), required=True)
    ap.add_argument("--rev", default=None,
                    help="baseline revision (verify-rev: e8ba618; certify-rev: merge base "
                         "with main)")
    ap.add_argument("--json", action="store_true", help="certify: one JSON line")
    ap.add_argument("--tree", default=None,
                    help="import bounds from this directory (a revision's extracted tree)")
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
    if args.tree:  # before any import of bounds: the tree's package, not the editable install
        sys.meta_path[:] = [f for f in sys.meta_path
                            if not getattr(f, "__module__", "").startswith("__editable__")]
        sys.path.insert(0, str(Path(args.tree).resolve()))
    if args.part == "verify-rev" and args.rev is None:
        args.rev = "e8ba618"
    args.sizes = [int(s) for s in args.sizes]
    default = {"verify": 1e5, "verify-rev": 1e5, "certify": 1e6, "certify-rev": 1e6,
               "bandwidth": None}[args.part]
    args.m_prime = int(args.m_prime or default or 0)
    {"verify": part_verify, "verify-rev": part_verify_rev, "certify": part_certify,
     "certify-rev": part_certify_rev, "bandwidth": part_bandwidth}[args.part](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
