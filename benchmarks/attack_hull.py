"""Attack C1s at its calibrated sizes with the hull attacks of
:mod:`bounds.constructions.hullattack`, and measure how far the sizes must grow before the
best attack stops breaking the builder.

For every calibrated row of ``docs/data/calibrated/C1s.json`` (and, with ``--default-rule``,
for each ``--m-prime`` at :func:`~bounds.constructions.sepperm.choose_separated`'s
uncalibrated default sizes) :func:`~bounds.constructions.hullattack.attack_c1s` runs the
origin, point, window and local-search attacks on one unit with the most owners; every set
whose LP diagnostics say infeasible is realised as a permutation and handed to
:func:`~bounds.constructions.sepperm.build_permutation_separated` — an attack counts as
**broken** only when the builder raises (its own verdict). One broken instance refutes the
calibrated size for the whole family (the lower bounds are over every instance).

``--sweep`` (``m′ ≤ 2000``): (i) ``d`` grows by ``--d-step`` at the row's ``G`` (``L``
fixed), (ii) ``G`` runs over the next primes with ``d = 2G`` (the calibrator's path); each
scan stops after ``--stop-after`` consecutive sizes at which no attack breaks the builder.
Sets with ``D > 1`` are not built (their LP is feasible; a quantisation failure there is
not looked for, so "not broken" means "not broken by these attacks").

``--c2s M…``: the same against C2s (:mod:`bounds.constructions.seppair`, no calibration
file yet: its ``choose_pair_separated`` default sizes), every attack set realised inside
``F_r`` and BUILT (C2s's builder refuses more than the ``pair_depth ≤ 1`` criterion);
``--sweep`` grows ``g`` (``d = s·g``) by ``--g-step`` at the default ``G``.

Measured 2026-12-03 (seed 0, load ~16 on 2 cores, so wall ≈ 10× CPU): C1s's calibrated
m′ = 500 rows (d = 70, G = 41, s = 16, L = 13; one and two layers) — 8 of 8 attack
instances make the builder raise (least D = 0.39, ~1 s CPU); 3 of 100 uniformly random
permutations (draws 43, 76, 99) also do. Best attack still breaks at d ≤ 125 (G = 41) and
at G ≤ 47 (d = 2G); first size not broken d = 130, resp. G = 53. C2s default sizes broken
at m′ = 500, 1000, 2000 (both depths); at m′ = 500 (G = 53) broken for g ≤ 27, not at 28.

``--mark``: run the attacks against every row of ``docs/data/calibrated/C1s.json`` and
``C2s.json`` still marked ``all_certified`` and, for each row an attack breaks, record the
refutation in the file (``all_certified: false``, ``refuted: {attack, unit, error, seed,
by}``; written atomically), so that the frontier and the choosers no longer use it. Run
2026-12-03 after merging C1s/C2s (``--mark --starts 20 --targets 3``): C1s m′ = 1000 (two
layers, d = 158, G = 79) broken by the origin attack (least D = 0.983; with ``--starts 10``
the same row survived, least D = 1.094: the attacks are randomised, so "not broken" is weak
evidence); C1s m′ = 500 (d = 106, G = 53, both depths) not broken (8 sets
each, least D = 1.027); C2s m′ = 500, 1000 (one layer, κ = 0.9 rows) broken ("no separating
row", least pair depth 0.50, 0.47).

``--sparse``: the multi-unit attack of :func:`~bounds.constructions.hullattack.
hull_attack_instance` on the SPARSE code (cutting-plane LPs; m′ up to 10⁵) at each
``--m-prime`` × ``--layers`` × ``--G`` (``d = 2G``; default the chooser's ``G``) with ``--s``;
one table row per attacked unit: ``D(S)`` (exact LP value, or its bracket with
``--decide``), the window margin ``s*`` (``layers=1``, ``D > 1``; ``--no-window`` skips it),
and for every unit whose LP says infeasible the builder's own unit LP
(:func:`~bounds.constructions.sepperm.units_separable` on the realised permutation; the whole
network is not built). Knobs: ``--targets``, ``--starts``, ``--screen`` (exact ``D`` only for
the pursuits nearest the origin), ``--steps``/``--n-out``/``--n-in`` (local search),
``--attempt``, ``--confirm-all``.

Measured 2026-12-03 with ``--sparse --s 8 --targets 2 --starts 5 --steps 2 --n-out 2
--n-in 4`` (seed 0, attempt 0; load 4–5 on 2 cores; ``att_cpu`` = CPU s of the 2-unit attack):

=======  ====  =====  ====  =====  =====================  =========  =======
m′       l     G      d     L      least D (2 units)      builder    att_cpu
=======  ====  =====  ====  =====  =====================  =========  =======
10⁴      2     173    346   58     0.160 (0.172)          refused    10
10⁴      2     251    502   40     0.508 (0.519)          refused    69
10⁴      2     293    586   35     0.726 (0.729)          refused    82
10⁴      2     331    662   31     0.925 (0.943)          refused    114
10⁴      2     337    674   30     0.962 (0.968)          refused    160
10⁴      2     347    694   29     1.013 (1.055)          —          173
10⁴      2     359    718   28     1.113 (1.169)          —          157
10⁴      2     373    746   27     1.217 (1.224)          —          173
10⁴      1     331    662   31     0.925 (0.943)          refused    114
10⁴      1     347    694   29     1.013, s* = ∞          —          196
=======  ====  =====  ====  =====  =====================  =========  =======

(refused: ``units_separable`` False for both attacked units.) Least ``G`` not broken at
m′ = 10⁴: 347, ``L/√d = 1.10`` (broken at 337, ``L/√d = 1.16``; at m′ = 500, ``s = 16`` the
threshold was ``L/√d ≈ 0.97``).
At m′ = 10⁵ no exact depth finished in time: see :mod:`bounds.constructions.hullattack`.

Run: ``OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice .venv/bin/python
benchmarks/attack_hull.py [--sweep] [--default-rule --m-prime 1000 2000] [--c2s 500 1000
2000] [--sparse --m-prime 10000 --s 8 --G 331 347 --layers 2 1] [--json out.json]``.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any


def run(m_prime: int, layers: int, seed: int, sizes: dict[str, Any], args: Any
        ) -> dict[str, Any]:
    from bounds.constructions.hullattack import attack_c1s
    from bounds.constructions.sepperm import choose_separated

    p = choose_separated(m_prime, layers=layers, **sizes)
    t0, w0 = time.process_time(), time.perf_counter()
    res = attack_c1s(m_prime, seed, layers=layers, starts=args.starts, targets=args.targets,
                     steps=args.steps, **sizes)
    best = min(res, key=lambda r: (r.depth, r.window))
    return {"m_prime": m_prime, "layers": layers, "d": p.d, "G": p.G, "s": p.s, "L": p.L,
            "tried": len(res), "built": sum(r.checked for r in res),
            "broken": sum(r.broken for r in res), "best_method": best.method,
            "best_depth": round(best.depth, 4), "best_window": best.window,
            "cpu_seconds": round(time.process_time() - t0, 2),
            "wall_seconds": round(time.perf_counter() - w0, 2),
            "error": next((r.error for r in res if r.broken), None)}


def run_c2s(m_prime: int, layers: int, seed: int, sizes: dict[str, Any], args: Any
            ) -> dict[str, Any]:
    from bounds.constructions.hullattack import attack_c2s
    from bounds.constructions.seppair import choose_pair_separated

    p = choose_pair_separated(m_prime, layers=layers, **sizes)
    t0, w0 = time.process_time(), time.perf_counter()
    res = attack_c2s(m_prime, seed, layers=layers, starts=args.starts, targets=args.targets,
                     **sizes)
    best = min(res, key=lambda r: r.depth)
    return {"m_prime": m_prime, "layers": layers, "d": p.d, "G": p.G, "s": p.s, "L": p.L,
            "g": p.g, "r": p.r, "tried": len(res), "built": sum(r.checked for r in res),
            "broken": sum(r.broken for r in res), "best_method": best.method,
            "best_depth": round(best.depth, 4),
            "cpu_seconds": round(time.process_time() - t0, 2),
            "wall_seconds": round(time.perf_counter() - w0, 2),
            "error": next((r.error for r in res if r.broken), None)}


def mark(args: Any) -> None:
    """Attack every still-certified calibrated row of C1s and C2s; record the breaks."""
    from pathlib import Path

    from bounds.constructions.hullattack import attack_c1s, attack_c2s
    from bounds.files import atomic_write

    root = Path(__file__).resolve().parents[1] / "docs" / "data" / "calibrated"
    plans = (("C1s.json", attack_c1s, ("d", "s", "G", "scale", "objective")),
             ("C2s.json", attack_c2s, ("r", "G", "s", "g", "qmax")))
    for name, attack, keys in plans:
        path = root / name
        if not path.exists():
            continue
        data = json.loads(path.read_text())
        for row in data.get("rows", []):
            if not row.get("all_certified"):
                continue
            sizes = {k: row[k] for k in keys if k in row}
            t0 = time.process_time()
            res = attack(int(row["m_prime"]), args.seed, layers=int(row["layers"]),
                         starts=args.starts, targets=args.targets, **sizes)
            broken = [r for r in res if r.broken]
            print(f"{name} m'={row['m_prime']} layers={row['layers']} {sizes}: "
                  f"{len(broken)} of {len(res)} attack sets broken, least depth "
                  f"{min(r.depth for r in res):.3f}, {time.process_time() - t0:.1f} s CPU",
                  flush=True)
            if broken:
                b = broken[0]
                row["all_certified"] = False
                row["refuted"] = {
                    "attack": b.method, "unit": int(b.unit), "error": b.error,
                    "seed": args.seed, "depth": round(float(b.depth), 4),
                    "by": "benchmarks/attack_hull.py --mark "
                          "(bounds/constructions/hullattack.py)",
                    "note": "an instance chosen after the public code and seed makes the "
                            "builder refuse at these sizes: not a construction of the "
                            "family at these sizes"}
                row["verdict"] = ("REFUTED at these sizes by an adversarial instance "
                                  f"({b.method} attack, benchmarks/attack_hull.py); "
                                  + row.get("verdict", ""))
        atomic_write(path, json.dumps(data, indent=1, sort_keys=True) + "\n")


def c2s(args: Any) -> list[dict[str, Any]]:
    """C2s at its default sizes per m', and (m' <= 2000, --sweep) g grown by --g-step."""
    from bounds.constructions.seppair import choose_pair_separated

    out = []
    print("C2s       m'  l     d     G   s   L tried built broken best_DU    cpu    wall  (g)",
          flush=True)
    for mp in args.c2s:
        for layers in args.layers:
            p = choose_pair_separated(mp, layers=layers)
            base = {"G": p.G, "g": p.g}
            r = run_c2s(mp, layers, args.seed, base, args) | {"tag": "C2s-default"}
            out.append(r)
            print(_line(r, "C2s-default") + f"  g={r['g']}", flush=True)
            if not args.sweep or mp > 2000:
                continue
            misses, k, first_hold = 0, 0, None
            while misses < args.stop_after:
                k += 1
                rr = run_c2s(mp, layers, args.seed, {**base, "g": p.g + k * args.g_step},
                             args) | {"tag": "C2s-sweep-g"}
                out.append(rr)
                print(_line(rr, "sweep-g") + f"  g={rr['g']}", flush=True)
                misses = 0 if rr["broken"] else misses + 1
                if not rr["broken"] and first_hold is None:
                    first_hold = (rr["d"], rr["g"])
            print(f"  -> C2s m'={mp} layers={layers}: first (d, g) not broken {first_hold}",
                  flush=True)
    return out


def random_screen(m_prime: int, layers: int, seed: int, sizes: dict[str, Any], n: int
                  ) -> dict[str, Any]:
    """Of ``n`` uniformly random permutations (``default_rng([seed, 999, r])``, as
    benchmarks/attack_sep.py), those with a unit of ``L`` owners whose hull depth is ``≤ 1``
    (a sufficient screen, so a lower count), each confirmed by the builder."""
    import numpy as np

    from bounds.constructions.hullattack import builder_error, code_matrix, hull_depth, unit_owners
    from bounds.constructions.sepperm import choose_separated

    p = choose_separated(m_prime, layers=layers, **sizes)
    E = code_matrix(p, seed)
    owners = [o for o in unit_owners(p) if len(o) == p.L]
    t0 = time.process_time()
    hits = []
    for r in range(n):
        perm = np.random.default_rng([seed, 999, r]).permutation(m_prime)
        if any(hull_depth(E, perm[o]) <= 1 for o in owners):
            err = builder_error(m_prime, seed, perm, layers=layers, **sizes)
            hits.append({"draw": r, "builder_raised": err is not None})
    return {"m_prime": m_prime, "layers": layers, "random_instances": n,
            "screened_infeasible": len(hits),
            "builder_raised": sum(h["builder_raised"] for h in hits), "hits": hits,
            "cpu_seconds": round(time.process_time() - t0, 1)}


def run_sparse(m_prime: int, layers: int, seed: int, sizes: dict[str, Any], args: Any
               ) -> list[dict[str, Any]]:
    """The multi-unit attack on the sparse code (``hullattack._hull_attack``: ``--targets``
    units, ``--starts`` pursuits, ``--steps`` local-search swaps with ``--n-out × --n-in``
    candidates, ``--screen``), then per attacked unit: ``D`` (exact cutting-plane LP, or the
    bracket with ``--decide``), for ``layers=1`` and ``D > 1`` the window margin ``s*``, and
    — for every unit whose LP says infeasible (or all with ``--confirm-all``) — the builder's
    own unit LP (``sepperm.units_separable``): "refused" only when it returns False."""
    from bounds.constructions.hullattack import (
        _hull_attack,
        hull_depth_lp,
        sparse_code,
        window_margin,
    )
    from bounds.constructions.sepperm import choose_separated, units_separable

    p = choose_separated(m_prime, layers=layers, **sizes)
    t0, w0 = time.process_time(), time.perf_counter()
    inst, att = _hull_attack(m_prime, seed, targets=args.targets, layers=layers,
                             attempt=args.attempt, starts=args.starts, steps=args.steps,
                             n_out=args.n_out, n_in=args.n_in, screen=args.screen, **sizes)
    t_att = time.process_time() - t0
    E = sparse_code(p, seed)
    out = []
    for u, S, D in att:
        t1 = time.process_time()
        lo = hi = D
        if args.decide is not None:
            c = hull_depth_lp(E, S, decide=args.decide)
            lo, hi = c.lower, c.upper
        win = (window_margin(E, S) if layers == 1 and lo > 1 and not args.no_window
               else (0.0 if hi <= 1 else float("nan")))
        lp_broken = hi <= 1 or (layers == 1 and win < 1)
        sep = None
        if lp_broken or args.confirm_all:
            sep = units_separable(m_prime, seed, inst, [u], layers=layers, **sizes)[0]
        out.append({"m_prime": m_prime, "layers": layers, "d": p.d, "G": p.G, "s": p.s,
                    "L": p.L, "unit": u, "depth": D, "depth_lower": lo, "depth_upper": hi,
                    "window": win, "lp_broken": bool(lp_broken),
                    "builder_separable": sep, "members": list(S),
                    "attack_cpu_seconds": round(t_att, 1),
                    "check_cpu_seconds": round(time.process_time() - t1, 1),
                    "wall_seconds": round(time.perf_counter() - w0, 1)})
    return out


def sparse_main(args: Any) -> list[dict[str, Any]]:
    """``--sparse``: the table over ``--m-prime`` × ``--layers`` × (``--G`` primes with
    ``d = 2G``, or the default sizes)."""
    from bounds.constructions.sepperm import choose_separated

    print("sparse      m'  l     d     G   s   L  unit   D(S)            s*   LP-broken "
          "builder  att_cpu chk_cpu", flush=True)
    rows: list[dict[str, Any]] = []
    for mp in args.m_prime:
        for layers in args.layers:
            Gs = args.G or [choose_separated(mp, layers=layers, s=args.s).G]
            for G in Gs:
                sizes = {"s": args.s, "G": G, "d": 2 * G}
                for r in run_sparse(mp, layers, args.seed, sizes, args):
                    rows.append(r)
                    dep = (f"{r['depth']:.4f}" if r["depth_lower"] == r["depth_upper"] else
                           f"[{r['depth_lower']:.3f},{r['depth_upper']:.3f}]")
                    sep = {None: "-", True: "built", False: "REFUSED"}[r["builder_separable"]]
                    print(f"sparse {mp:>7} {layers:>2} {r['d']:>5} {G:>5} {r['s']:>3} "
                          f"{r['L']:>3} {r['unit']:>5} {dep:>15} {r['window']:>8.4f} "
                          f"{str(r['lp_broken']):>6} {sep:>8} {r['attack_cpu_seconds']:>8.1f} "
                          f"{r['check_cpu_seconds']:>7.1f}", flush=True)
    print("(D(S): hull depth, float64 cutting-plane LP, clip separable iff D > 1; [lo,hi]: "
          "the bracket when --decide stopped early; s*: window margin (layers=1), feasible "
          "iff >= 1; builder: sepperm.units_separable on the realised permutation; att_cpu: "
          "the whole multi-unit attack; chk_cpu: this unit's checks)")
    return rows


def _line(r: dict[str, Any], tag: str) -> str:
    return (f"{tag:<12} {r['m_prime']:>6} {r['layers']:>2} {r['d']:>5} {r['G']:>5} {r['s']:>3} "
            f"{r['L']:>3} {r['tried']:>5} {r['built']:>5} {r['broken']:>6} "
            f"{r['best_depth']:>8.3f} {r['cpu_seconds']:>7.1f} {r['wall_seconds']:>7.1f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--starts", type=int, default=20)
    ap.add_argument("--targets", type=int, default=3)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--d-step", type=int, default=5)
    ap.add_argument("--stop-after", type=int, default=2)
    ap.add_argument("--default-rule", action="store_true")
    ap.add_argument("--skip-calibrated", action="store_true",
                    help="do not attack the calibrated rows (only --default-rule points)")
    ap.add_argument("--m-prime", type=int, nargs="*", default=[])
    ap.add_argument("--layers", type=int, nargs="+", default=[2, 1])
    ap.add_argument("--json", default=None)
    ap.add_argument("--c2s", type=int, nargs="*", default=[],
                    help="attack C2s (seppair) at these m' instead of C1s")
    ap.add_argument("--g-step", type=int, default=2)
    ap.add_argument("--random", type=int, default=0,
                    help="also screen this many uniformly random permutations per row")
    ap.add_argument("--mark", action="store_true",
                    help="record the refutations of broken calibrated rows in docs/data/"
                         "calibrated/C1s.json and C2s.json")
    ap.add_argument("--sparse", action="store_true",
                    help="multi-unit attack on the sparse code (m' up to 1e5) at --m-prime, "
                         "--s, --G (d = 2G; default: the chooser's G)")
    ap.add_argument("--s", type=int, default=8)
    ap.add_argument("--G", type=int, nargs="*", default=[])
    ap.add_argument("--attempt", type=int, default=0)
    ap.add_argument("--n-out", type=int, default=3)
    ap.add_argument("--n-in", type=int, default=8)
    ap.add_argument("--screen", type=int, default=None,
                    help="exact D only for this many pursuits nearest the origin")
    ap.add_argument("--decide", type=float, default=None,
                    help="stop each final D LP once its bracket decides D vs this value")
    ap.add_argument("--no-window", action="store_true")
    ap.add_argument("--confirm-all", action="store_true",
                    help="run the builder's unit LP for every attacked unit")
    args = ap.parse_args()
    if args.sparse:
        res = sparse_main(args)
        if args.json:
            from pathlib import Path

            from bounds.files import atomic_write

            atomic_write(Path(args.json), json.dumps(res, indent=1) + "\n")
        return
    if args.mark:
        mark(args)
        return
    if args.c2s:
        res = c2s(args)
        if args.json:
            with open(args.json, "w") as fh:
                json.dump(res, fh, indent=1)
        return
    import sympy

    from bounds.constructions.sepperm import calibrated_sizes, choose_separated

    points: list[tuple[str, int, int, dict[str, Any]]] = []
    for (mp, layers), row in sorted(calibrated_sizes().items()):
        if layers in args.layers and not args.skip_calibrated:
            points.append(("calibrated", mp, layers, {k: row[k] for k in ("d", "G", "s",
                                                                          "objective")}))
    if args.default_rule:
        for mp in args.m_prime:
            for layers in args.layers:
                p = choose_separated(mp, layers=layers)
                points.append(("default", mp, layers, {"d": p.d, "G": p.G, "s": p.s,
                                                       "objective": p.objective}))
    print("tag              m'  l     d     G   s   L tried built broken best_D "
          "    cpu    wall", flush=True)
    out: list[dict[str, Any]] = []
    for tag, mp, layers, sizes in points:
        r = run(mp, layers, args.seed, sizes, args) | {"tag": tag}
        out.append(r)
        print(_line(r, tag), flush=True)
        if args.random:
            rs = random_screen(mp, layers, args.seed, sizes, args.random)
            out.append(rs | {"tag": "random"})
            print(f"  random permutations: {rs['builder_raised']} of {rs['random_instances']} "
                  f"make the builder raise (screen: a unit of L owners with D <= 1; draws "
                  f"{[h['draw'] for h in rs['hits']]}; {rs['cpu_seconds']} s CPU)", flush=True)
        if not args.sweep or mp > 2000:
            continue
        for axis in ("d", "G"):
            misses, k = 0, 0
            first_hold = last_broken = None
            while misses < args.stop_after:
                k += 1
                if axis == "d":
                    sz = {**sizes, "d": sizes["d"] + k * args.d_step}
                else:
                    G = sizes["G"]
                    for _ in range(k):
                        G = int(sympy.nextprime(G))
                    sz = {**sizes, "G": G, "d": 2 * G}
                rr = run(mp, layers, args.seed, sz, args) | {"tag": f"sweep-{axis}"}
                out.append(rr)
                print(_line(rr, f"sweep-{axis}"), flush=True)
                if rr["broken"]:
                    misses, last_broken = 0, (rr["d"], rr["G"])
                else:
                    misses += 1
                    if first_hold is None:
                        first_hold = (rr["d"], rr["G"])
            print(f"  -> m'={mp} layers={layers} axis={axis}: first size not broken "
                  f"(d, G)={first_hold}; last broken {last_broken}", flush=True)
    print("(broken = the builder raised for the attack instance; best_D = least hull depth "
          "D(S), float64 LP, clip separable iff D > 1; cpu/wall seconds per row)")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main()
