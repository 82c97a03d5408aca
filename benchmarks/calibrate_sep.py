"""Calibration of C1s (bounds/constructions/sepperm.py): the smallest sizes that BUILD and
CERTIFY for the seed's random instance and the adversarial instances, per m′ and depth.

For each m′ and layer count, ``G`` runs over primes from ``⌈√m′⌉`` upwards (factor
``--g-step``), with ``d = 2G`` (width ``max(d, 2G) = 2G``); at each ``G`` the network is
built for the seed's random permutation and for ``--attempts`` draws of each attack mode
(:func:`~bounds.constructions.sepperm.attack_instance`, ``--targets`` attacked units each);
a build that raises (some unit's LP infeasible) fails that size. The first ``G`` at which
every instance builds is then certified on all one-hot probes and the empty input by
:func:`bounds.constructions.certify.certify` (``scope="probes"``) and by
:func:`~bounds.constructions.sepperm.certify_separated`; then ``d`` is shrunk (factors
``--shrink``) while every instance still builds and certifies (fewer parameters, same
width). Writes ``docs/data/calibrated/C1s.json`` atomically (rows for other ``(m′,
layers)`` are kept). The sizes found are CALIBRATED, not proved: nothing here shows the LP
is feasible for every permutation.

Run (heavy: nice, one thread): ``OMP_NUM_THREADS=1 nice .venv/bin/python
benchmarks/calibrate_sep.py --m-prime 500 1000 2000 --layers 1 2``.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "docs" / "data" / "calibrated" / "C1s.json"
MODES = ("cancel", "correlated", "cover")  # the strongest attack first (fails fast)


def _cpu() -> float:
    """CPU seconds of this process and its reaped children (the builder's ``--workers``)."""
    import resource

    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + ch.ru_utime + ch.ru_stime


HULL_TARGETS = 4
"""Units attacked per hull-attack instance (each costs minutes of LP at m′ = 10⁵)."""
HULL_KNOBS: dict[str, Any] = {}
"""The hull attack's search knobs (``steps``, ``n_out``, ``n_in``, ``starts``, ``screen``
of :func:`~bounds.constructions.hullattack.hull_attack_instance`); empty: its defaults."""


def _instances(m_prime: int, seed: int, layers: int, attempts: int, targets: int,
               sizes: dict[str, Any], modes: tuple[str, ...] = MODES,
               skip: frozenset[str] = frozenset()) -> list[tuple[str, Any, dict[str, Any]]]:
    """``(name, permutation or None, how it was made)`` for the random instance and
    ``attempts`` draws of each attack mode (names in ``skip`` are not generated)."""
    from bounds.constructions.sepperm import attack_instance

    out: list[tuple[str, Any, dict[str, Any]]] = []
    if "random" not in skip:
        out.append(("random", None, {}))
    for mode in modes:
        for a in range(attempts):
            name = f"attack-{mode}-{a}"
            if name in skip:
                continue
            t0 = _cpu()
            if mode == "hull":  # the LP-duality attacks (origin pursuit + local search)
                from bounds.constructions.hullattack import hull_attack_instance

                inst, att = hull_attack_instance(m_prime, seed, targets=HULL_TARGETS,
                                                 layers=layers, attempt=a, **HULL_KNOBS,
                                                 **sizes)
                least = min((D for _, _, D in att if math.isfinite(D)), default=math.nan)
                how = {"attacked_units": len(att), "hull_knobs": dict(HULL_KNOBS),
                       "least_hull_depth": round(least, 4) if math.isfinite(least) else None}
            else:
                inst, att = attack_instance(m_prime, seed, targets=targets, layers=layers,
                                            mode=mode, attempt=a, **sizes)
                how = {"attacked_units": len(att)}
            how["attack_cpu_seconds"] = round(_cpu() - t0, 2)
            out.append((name, inst, how))
    return out


def _try(m_prime: int, seed: int, layers: int, sizes: dict[str, Any], attempts: int,
         targets: int, certify_all: bool, modes: tuple[str, ...] = MODES,
         workers: int = 1, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Build (and optionally certify) every instance at ``sizes``; stop at the first failure."""
    from bounds.constructions.certify import certify
    from bounds.constructions.sepperm import build_permutation_separated, certify_separated

    t0 = _cpu()
    rec: dict[str, Any] = {"sizes": dict(sizes), "instances": [], "ok": True}
    insts = _instances(m_prime, seed, layers, attempts, targets, sizes, modes, skip)
    insts = [i for i in insts if i[0] != "random"] + [i for i in insts if i[0] == "random"]
    for name, inst, how in insts:  # attacks first: they fail fastest
        t1 = _cpu()
        try:
            net = build_permutation_separated(m_prime, 3, 0.01, seed, instance=inst,
                                              layers=layers, workers=workers, **sizes)
        except ValueError as err:
            rec["instances"].append({"name": name, "built": False, "error": str(err),
                                     "cpu_seconds": round(_cpu() - t1, 2), **how})
            rec["ok"] = False
            break
        entry: dict[str, Any] = {"name": name, "built": True,
                                 "build_cpu_seconds": round(_cpu() - t1, 2), **how}
        res = net.resources()
        entry.update(widths=list(res.widths), max_width=res.max_width,
                     total_neurons=res.total_neurons, params_nonzero=res.params_nonzero,
                     params_dense=res.params_dense, bits_per_param=res.bits_per_param,
                     distinct_values=res.distinct_values, layers=res.layers,
                     max_int=net.meta["params"]["max_int"],
                     lp_cpu_seconds=net.meta["params"]["lp_cpu_seconds"],
                     restricted_units=net.meta["params"]["restricted_units"])
        if certify_all:
            t2 = _cpu()
            c = certify(net, scope="probes")
            mine = certify_separated(net)
            entry.update(verdict=c.verdict, method=c.method,
                         certify_separated=mine["status"],
                         min_slack=mine["min_slack"],
                         certify_cpu_seconds=round(_cpu() - t2, 2))
            if not (c.certified and mine["status"] == "certified"):
                rec["ok"] = False
                rec["instances"].append(entry)
                break
        rec["instances"].append(entry)
    rec["cpu_seconds"] = round(_cpu() - t0, 2)
    return rec


def calibrate(m_prime: int, layers: int, *, seed: int, attempts: int, targets: int,
              g_step: float, shrink: tuple[float, ...], objective: str, s: int,
              max_steps: int, g_start: int = 0, modes: tuple[str, ...] = MODES,
              workers: int = 1) -> dict[str, Any]:
    import math

    import sympy

    t0 = _cpu()
    log: list[dict[str, Any]] = []
    G = int(sympy.nextprime(max(math.isqrt(m_prime - 1), g_start - 1)))
    while G * G < m_prime:
        G = int(sympy.nextprime(G))
    found = None
    for _ in range(max_steps):
        sizes = {"G": G, "d": 2 * G, "s": s, "objective": objective}
        rec = _try(m_prime, seed, layers, sizes, attempts, targets, certify_all=True,
                   modes=modes, workers=workers)
        log.append({k: rec[k] for k in ("sizes", "ok", "cpu_seconds")}
                   | {"failed": [i for i in rec["instances"]
                                 if not (i["built"] and i.get("certify_separated")
                                         == "certified")]})
        print(f"  m'={m_prime} layers={layers} G={G} d={2 * G}: "
              f"{'builds and certifies' if rec['ok'] else 'fails'} ({rec['cpu_seconds']} s)",
              flush=True)
        if rec["ok"]:
            found = rec
            break
        G = int(sympy.nextprime(int(G * g_step)))
    if found is not None:
        for f in shrink:
            d = max(found["sizes"]["s"], int(round(2 * G * f)))
            sizes = {**found["sizes"], "d": d}
            rec = _try(m_prime, seed, layers, sizes, attempts, targets, certify_all=True,
                   modes=modes, workers=workers)
            log.append({k: rec[k] for k in ("sizes", "ok", "cpu_seconds")})
            bits = max(i.get("bits_per_param", 99) for i in rec["instances"])
            old_bits = max(i["bits_per_param"] for i in found["instances"])
            print(f"    shrink d={d}: {'certified' if rec['ok'] else 'fails'} (b={bits}) "
                  f"({rec['cpu_seconds']} s)", flush=True)
            if not rec["ok"] or bits > old_bits:  # more bits weaken the lower bound: keep
                break
            found = rec
    row: dict[str, Any] = {"m_prime": m_prime, "layers": layers, "seed": seed,
                           "search_space": {"g_start": g_start, "g_step": g_step,
                                            "max_steps": max_steps, "shrink": list(shrink),
                                            "attempts_per_attack_mode": attempts,
                                            "attack_modes": list(modes),
                                            "targets": targets},
                           "all_certified": found is not None, "search": log,
                           "cpu_seconds": round(_cpu() - t0, 1)}
    if found is not None:
        from _calib import resources_summary

        ins = found["instances"]
        row.update({**found["sizes"],
                    "scale": 8 if layers == 2 else 64,
                    "L": -(-m_prime // found["sizes"]["G"]),
                    **resources_summary(ins),
                    "verdict": "certified on the identifying probes for every instance "
                               f"tried ({len(ins)}: the seed's random + {len(ins) - 1} "
                               "adversarial), per-instance certificate; no every-instance "
                               "theorem"})
    return row


def extend(m_prime: int, layers: int, *, path: Path, attempts: int, targets: int,
           modes: tuple[str, ...], workers: int = 1) -> dict[str, Any]:
    """Build and certify further attack instances at a recorded row's sizes (the row's seed;
    instances already in the row are not rebuilt) and return the row with them added — or,
    if one fails, the row marked ``all_certified: false`` with the failure as ``refuted``."""
    rows = json.loads(path.read_text())["rows"] if path.exists() else []
    row = next((r for r in rows if (r["m_prime"], r["layers"]) == (m_prime, layers)
                and r.get("all_certified")), None)
    if row is None:
        raise SystemExit(f"--extend: no certified row for m'={m_prime}, layers={layers} "
                         f"in {path}")
    sizes = {key: row[key] for key in ("G", "d", "s", "objective")}
    rec = _try(m_prime, row["seed"], layers, sizes, attempts, targets, certify_all=True,
               modes=modes, workers=workers, skip=frozenset(row["instances_tried"]))
    row = dict(row)
    row["search_space"] = {**row.get("search_space", {}), "attack_modes": sorted(
        set(row.get("search_space", {}).get("attack_modes", MODES)) | set(modes))}
    row["cpu_seconds"] = round(row.get("cpu_seconds", 0.0) + rec["cpu_seconds"], 1)
    if not rec["ok"]:
        bad = rec["instances"][-1]
        row["all_certified"] = False
        row["refuted"] = {"by": "benchmarks/calibrate_sep.py --extend", "instance": bad["name"],
                          "error": bad.get("error", bad.get("verdict"))}
        return row
    ins = row["instances"] + rec["instances"]
    row.update(instances=ins, instances_tried=[i["name"] for i in ins],
               params_nonzero=max(i["params_nonzero"] for i in ins),
               bits_per_param=max(i["bits_per_param"] for i in ins),
               verdict="certified on the identifying probes for every instance tried "
                       f"({len(ins)}: the seed's random + {len(ins) - 1} adversarial), "
                       "per-instance certificate; no every-instance theorem")
    return row


def write(rows: list[dict[str, Any]], path: Path = OUT) -> None:
    """Merge ``rows`` into ``path`` (keyed by m′ and layers) and replace it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(path.read_text())["rows"] if path.exists() else []
    keep = {(r["m_prime"], r["layers"]): r for r in old}
    keep.update({(r["m_prime"], r["layers"]): r for r in rows})
    data = {"construction": "C1s permutation (LP-separated)",
            "module": "bounds/constructions/sepperm.py",
            "generator": "benchmarks/calibrate_sep.py",
            "notion": "certified on the identifying probes (all one-hot inputs and the empty "
                      "input) for each instance tried; calibrated sizes, NOT a theorem for "
                      "every permutation",
            "rows": [keep[key] for key in sorted(keep)]}
    from bounds.files import atomic_write

    atomic_write(path, json.dumps(data, indent=1, sort_keys=True) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--m-prime", type=int, nargs="+", default=[500, 1000, 2000])
    ap.add_argument("--layers", type=int, nargs="+", default=[2, 1])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--attempts", type=int, default=2, help="draws per attack mode")
    ap.add_argument("--targets", type=int, default=10, help="units attacked per instance")
    ap.add_argument("--g-step", type=float, default=1.08)
    ap.add_argument("--shrink", type=float, nargs="*", default=[0.85, 0.7])
    ap.add_argument("--objective", default="l1", choices=["l1", "linf"])
    ap.add_argument("--s", type=int, default=16)
    ap.add_argument("--max-steps", type=int, default=12)
    ap.add_argument("--g-start", type=int, default=0, help="least G tried (default sqrt m')")
    ap.add_argument("--modes", nargs="+", default=list(MODES),
                    choices=[*MODES, "hull"], help="attack modes (hull: hullattack's "
                    "origin pursuit + local search)")
    ap.add_argument("--workers", type=int, default=1, help="processes per build")
    ap.add_argument("--hull-targets", type=int, default=HULL_TARGETS,
                    help="units attacked per hull-attack instance")
    ap.add_argument("--hull-steps", type=int, default=None,
                    help="local-search swaps of the hull attack (default its own, 10)")
    ap.add_argument("--hull-n-out", type=int, default=None)
    ap.add_argument("--hull-n-in", type=int, default=None)
    ap.add_argument("--hull-starts", type=int, default=None)
    ap.add_argument("--hull-screen", type=int, default=None,
                    help="exact depths for only the SCREEN nearest pursuits (0: none, the "
                    "nearest pursuit is taken and the builder alone judges it)")
    ap.add_argument("--extend", action="store_true", help="add the --modes instances to the "
                    "recorded row of each m' and depth (no search; the others not rebuilt)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    globals()["HULL_TARGETS"] = args.hull_targets
    HULL_KNOBS.update({k: v for k, v in (("steps", args.hull_steps), ("n_out", args.hull_n_out),
                                         ("n_in", args.hull_n_in), ("starts", args.hull_starts),
                                         ("screen", args.hull_screen)) if v is not None})
    for mp in args.m_prime:
        for layers in args.layers:
            if args.extend:
                row = extend(mp, layers, path=args.out, attempts=args.attempts,
                             targets=args.targets, modes=tuple(args.modes),
                             workers=args.workers)
                write([row], args.out)
                print(f"m'={mp} layers={layers} extended: certified={row['all_certified']} "
                      f"instances={len(row.get('instances_tried', []))} "
                      f"P_nz={row.get('params_nonzero')} b={row.get('bits_per_param')}",
                      flush=True)
                continue
            row = calibrate(mp, layers, seed=args.seed, attempts=args.attempts,
                            targets=args.targets, g_step=args.g_step,
                            shrink=tuple(args.shrink), objective=args.objective, s=args.s,
                            max_steps=args.max_steps, g_start=args.g_start,
                            modes=tuple(args.modes), workers=args.workers)
            write([row], args.out)
            print(f"m'={mp} layers={layers}: certified={row['all_certified']} "
                  f"width={row.get('max_width')} P_nz={row.get('params_nonzero')} "
                  f"b={row.get('bits_per_param')} cpu={row['cpu_seconds']} s", flush=True)


if __name__ == "__main__":
    main()
