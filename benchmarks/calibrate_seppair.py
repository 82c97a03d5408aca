"""Calibration of C2s (bounds/constructions/seppair.py): the smallest code dimension that
BUILDS and CERTIFIES on the identifying probes for the seed's random instance of ``F_r`` and
for adversarial instances of ``F_r``, per m′ and depth.

For each m′ and layer count, ``κ`` (``d ≈ κ·2L·ln m``; ``G`` then balances the width
``max(d, rG)``, :func:`~bounds.constructions.seppair.choose_pair_separated`) runs down the
list ``--kappas``; at each ``κ`` the network is built (the builder runs
:func:`~bounds.constructions.seppair.certify_pair_separated` and raises when a unit has no
separating row or the certificate fails) for the seed's random instance of ``F_r``
(C2d's ``family_instance``) and for ``--attempts`` draws of each attack of
:func:`~bounds.constructions.seppair.attack_instance` (``--targets`` units or outputs
attacked each). The last ``κ`` at which every instance built and certified is kept (the
search stops at the first failure). Writes ``docs/data/calibrated/C2s.json`` atomically
(rows for other ``(m′, layers)`` are kept), with the exact lower bounds at the built ``b``
and ``L`` (``bounds.lower.lower_bounds``, eps = 0; the parameter bound of the sparse model
with ``slots = params_dense``), the ratios, and C0's width. The sizes are CALIBRATED, not
proved: nothing here shows the unit LPs are feasible for every instance of ``F_r``.

``--grid G …`` (:func:`calibrate_grid`) searches ``(G, g)`` directly instead: per ``G`` the
least ``g`` at which every instance builds and certifies; ``--modes … hull`` adds the dense
origin and point attacks of :func:`~bounds.constructions.hullattack.attack_c2s` (m′ ≲ 10⁴),
``hull-sparse`` the sparse origin pursuit
(:func:`~bounds.constructions.hullattack.hull_attack_pairs_instance`, m′ up to 10⁵). The κ
rows are all refuted by those attacks; the m′ = 500 row of 2026-12-04 came from
``--m-prime 500 --layers 1 --grid 47 53 61 --modes shared correlated cover hull`` (635 CPU s).

Run (heavy: nice, one thread): ``OMP_NUM_THREADS=1 nice .venv/bin/python
benchmarks/calibrate_seppair.py --m-prime 500 1000 2000 --layers 1 2``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "docs" / "data" / "calibrated" / "C2s.json"


HULL = ("origin", "point")
"""The LP-duality attacks of :func:`~bounds.constructions.hullattack.attack_c2s` (origin
pursuit and point attacks, each set realised inside ``F_r``): ``--modes ... hull``."""


def _instances(m_prime: int, seed: int, layers: int, attempts: int, targets: int,
               sizes: dict[str, Any], modes: tuple[str, ...] | None = None,
               hull_starts: int = 10) -> list[tuple[str, Any]]:
    """``(name, instance or None)``: the seed's random instance of ``F_r``, ``attempts``
    draws of each of seppair's attacks in ``modes`` and, with ``"hull"`` in ``modes``, the
    origin attack (``hull_starts`` pursuits) and two point attacks of ``attack_c2s`` (one
    unit with the most owners; dense code, m′ ≲ 10⁴), with ``"hull-sparse"`` ``attempts``
    draws of :func:`~bounds.constructions.hullattack.hull_attack_pairs_instance` (two units
    each, sparse code, m′ up to 10⁵), all at ``sizes``."""
    from bounds.constructions.seppair import ATTACKS, attack_instance

    out: list[tuple[str, Any]] = [("random-F_r", None)]
    for mode in ATTACKS if modes is None else modes:
        if mode == "hull-sparse":  # the origin pursuit on the sparse code (m' up to 1e5)
            from bounds.constructions.hullattack import hull_attack_pairs_instance

            for a in range(attempts):
                inst, att = hull_attack_pairs_instance(m_prime, seed, targets=2,
                                                       starts=min(hull_starts, 3), attempt=a,
                                                       layers=layers, **sizes)
                out.append((f"attack-hull-sparse-{a} (units {[u for u, _ in att]}, hull "
                            f"distance {min(x for _, x in att):.3f})", inst))
            continue
        if mode == "hull":
            from bounds.constructions.hullattack import attack_c2s

            for res in attack_c2s(m_prime, seed, layers=layers, starts=hull_starts,
                                  targets=2, build="none", **sizes):
                out.append((f"attack-hull-{res.method} (unit {res.unit}, pair depth "
                            f"{res.depth:.3f})", res.instance))
            continue
        for a in range(attempts):
            inst, hit = attack_instance(m_prime, seed, mode=mode, targets=targets, attempt=a,
                                        layers=layers, **sizes)
            out.append((f"attack-{mode}-{a} ({len(hit)} attacked)", inst))
    return out


def _try(m_prime: int, seed: int, layers: int, choice: dict[str, Any], attempts: int,
         targets: int, modes: tuple[str, ...] | None = None, hull_starts: int = 10
         ) -> dict[str, Any]:
    """Build (certificate included) every instance at the sizes ``choice`` (``kappa`` or the
    overrides ``G``, ``g``, … of ``choose_pair_separated``); stop at the first failure."""
    from bounds.constructions.seppair import build_pair_separated, choose_pair_separated

    t0 = time.process_time()
    p = choose_pair_separated(m_prime, layers=layers, **choice)
    sizes = {"kappa": p.kappa, "rho": p.rho, "r": p.r, "G": p.G, "s": p.s, "g": p.g, "d": p.d,
             "L": p.L, "H": p.H, "qmax": p.levels}
    rec: dict[str, Any] = {"sizes": sizes, "instances": [], "ok": True}
    insts = _instances(m_prime, seed, layers, attempts, targets, choice, modes, hull_starts)
    for name, inst in insts[1:] + insts[:1]:  # the attacks first: they fail fastest
        t1, w1 = time.process_time(), time.perf_counter()
        try:
            net = build_pair_separated(m_prime, 3, 0.01, seed, instance=inst, layers=layers,
                                       **choice)
        except ValueError as err:
            rec["instances"].append({"name": name, "built": False, "error": str(err)[:300],
                                     "cpu_seconds": round(time.process_time() - t1, 2)})
            rec["ok"] = False
            break
        res = net.resources()
        rec["instances"].append({
            "name": name, "built": True,
            "verdict": "certified on the identifying probes (certify_pair_separated)",
            "cpu_seconds": round(time.process_time() - t1, 2),
            "wall_seconds": round(time.perf_counter() - w1, 2),
            "widths": list(res.widths), "max_width": res.max_width,
            "total_neurons": res.total_neurons, "params_nonzero": res.params_nonzero,
            "params_dense": res.params_dense, "bits_per_param": res.bits_per_param,
            "layers": res.layers, "lp_units": net.meta["params"]["lp_units"],
            "min_gap": round(net.meta["params"]["min_gap"], 4)})
    rec["cpu_seconds"] = round(time.process_time() - t0, 2)
    return rec


def _bounds(m_prime: int, ins: list[dict[str, Any]]) -> dict[str, Any]:
    from bounds.families import family
    from bounds.lower import lower_bounds

    b = max(i["bits_per_param"] for i in ins)
    L = ins[0]["layers"]
    fam = family("pairwise", m_prime)
    ex = lower_bounds(fam, bits=b, layers=L, eps=0.0)
    sps = lower_bounds(fam, bits=b, layers=L, eps=0.0, model="sparse",
                       slots=ins[0]["params_dense"])
    pnz = max(i["params_nonzero"] for i in ins)
    return {"lower": {"neurons": ex.neurons_lb, "neurons_total": ex.neurons_total_lb,
                      "params_sparse": sps.params_lb, "bits_per_param": b, "layers": L,
                      "notion": "exact on every identifying probe (SPEC §3), eps=0, at the "
                                "built b and L"},
            "ratio_neurons": round(ins[0]["max_width"] / ex.neurons_lb, 2),
            "ratio_neurons_total": round(ins[0]["total_neurons"] / ex.neurons_total_lb, 2),
            "ratio_params": round(pnz / sps.params_lb, 2)}


def calibrate(m_prime: int, layers: int, *, seed: int, attempts: int, targets: int,
              kappas: list[float], modes: tuple[str, ...] | None = None) -> dict[str, Any]:
    t0 = time.process_time()
    log: list[dict[str, Any]] = []
    found = None
    for kappa in kappas:
        rec = _try(m_prime, seed, layers, {"kappa": kappa}, attempts, targets, modes)
        log.append({"sizes": rec["sizes"], "ok": rec["ok"], "cpu_seconds": rec["cpu_seconds"],
                    "failed": [i for i in rec["instances"] if not i["built"]]})
        print(f"  m'={m_prime} layers={layers} kappa={kappa} d={rec['sizes']['d']} "
              f"H={rec['sizes']['H']}: {'certified' if rec['ok'] else 'fails'} "
              f"({rec['cpu_seconds']} s)", flush=True)
        if not rec["ok"]:
            break
        found = rec
    row: dict[str, Any] = {"m_prime": m_prime, "layers": layers, "seed": seed,
                           "all_certified": found is not None, "search": log,
                           "cpu_seconds": round(time.process_time() - t0, 1)}
    if found is not None:
        row.update(_row_sizes(m_prime, found))
    return row


def _row_sizes(m_prime: int, found: dict[str, Any]) -> dict[str, Any]:
    """The recorded sizes, resources, bounds and verdict of the kept size ``found``."""
    ins = found["instances"]
    from _calib import resources_summary

    return {**found["sizes"], **resources_summary(ins),
            "c0_width": m_prime, "c0_total_neurons": m_prime,
            **_bounds(m_prime, ins),
            "verdict": "certified on the identifying probes for every instance "
                       f"tried ({len(ins)}: the seed's random instance of F_r + "
                       f"{len(ins) - 1} adversarial in F_r), per-instance "
                       "certificate; no theorem for every instance of F_r"}


def calibrate_grid(m_prime: int, layers: int, *, seed: int, attempts: int, targets: int,
                   Gs: list[int], modes: tuple[str, ...] | None = None,
                   hull_starts: int = 10, g_rule: float = 1.6) -> dict[str, Any]:
    """Search ``(G, g)`` directly: for each prime ``G ≥`` each entry of ``Gs`` (so
    ``L = ⌈m′/G⌉`` owners a unit, ``|S| ≤ 2L`` listened features), the least ``g`` (``d = s·g``)
    at which every instance of :func:`_instances` builds and certifies, by doubling from
    ``⌈(2L/g_rule)²/s⌉`` (the attacks' observed threshold ``|S|/√d ≈ 1.3``) and then bisection
    (or, when that size holds, downwards by 0.8 until one fails), then bisection
    (to 5%; the attacks are re-drawn at each size, so the least size is not monotone in
    general: the bisection's answer is a size that held, not proved least); keeps the size of
    least max width (ties: fewer total neurons). The row format is :func:`calibrate`'s."""
    import math

    import sympy

    from bounds.constructions.seppair import S_CODE

    t0 = time.process_time()
    log: list[dict[str, Any]] = []
    found: dict[str, Any] | None = None

    def attempt(G: int, g: int) -> dict[str, Any]:
        rec = _try(m_prime, seed, layers, {"G": G, "g": g}, attempts, targets, modes,
                   hull_starts)
        log.append({"sizes": rec["sizes"], "ok": rec["ok"], "cpu_seconds": rec["cpu_seconds"],
                    "failed": [i for i in rec["instances"] if not i["built"]]})
        print(f"  m'={m_prime} layers={layers} G={G} g={g} d={rec['sizes']['d']} "
              f"H={rec['sizes']['H']}: {'certified' if rec['ok'] else 'fails'} "
              f"({rec['cpu_seconds']} s)", flush=True)
        return rec

    def key(rec: dict[str, Any]) -> tuple[int, int]:
        i = rec["instances"][0]
        return i["max_width"], i["total_neurons"]

    for G0 in Gs:
        G = int(sympy.nextprime(max(1, int(G0) - 1)))
        L = -(-m_prime // G)
        lo, g = 1, max(2, math.ceil((2 * L / g_rule) ** 2 / S_CODE))
        rec = attempt(G, g)
        if rec["ok"]:  # downwards by 0.8 until a size fails
            best, hi = rec, g
            while hi > 2:
                r2 = attempt(G, max(2, int(hi * 0.8)))
                if not r2["ok"]:
                    lo = max(2, int(hi * 0.8))
                    break
                best, hi = r2, max(2, int(hi * 0.8))
        else:  # upwards by 1.3 until one holds
            while not rec["ok"]:
                lo, g = g, int(g * 1.3) + 1
                rec = attempt(G, g)
            best, hi = rec, g
        while hi - lo > max(1, hi // 20):
            mid = (lo + hi) // 2
            r2 = attempt(G, mid)
            if r2["ok"]:
                best, hi = r2, mid
            else:
                lo = mid
        if found is None or key(best) < key(found):
            found = best
    row: dict[str, Any] = {"m_prime": m_prime, "layers": layers, "seed": seed,
                           "all_certified": found is not None, "search": log,
                           "search_space": {"G_from": [int(x) for x in Gs],
                                            "g_rule": g_rule, "attempts": attempts,
                                            "targets": targets, "hull_starts": hull_starts,
                                            "modes": list(modes) if modes else None},
                           "cpu_seconds": round(time.process_time() - t0, 1)}
    if found is not None:
        row.update(_row_sizes(m_prime, found))
    return row


def write(rows: list[dict[str, Any]], path: Path = OUT) -> None:
    """Merge ``rows`` into ``path`` (keyed by m′ and layers) and replace it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(path.read_text())["rows"] if path.exists() else []
    keep = {(r["m_prime"], r["layers"]): r for r in old}
    keep.update({(r["m_prime"], r["layers"]): r for r in rows})
    data = {"construction": "C2s pairwise AND (LP-separated)",
            "module": "bounds/constructions/seppair.py",
            "generator": "benchmarks/calibrate_seppair.py",
            "family": "F_r (C2d's co-owner condition; at least half of all instances); "
                      "instances outside F_r are refused",
            "notion": "certified on the identifying probes (all inputs with <= 2 active "
                      "features) for each instance tried; calibrated sizes, NOT a theorem "
                      "for every instance of F_r",
            "rows": [keep[key] for key in sorted(keep)]}
    from bounds.files import atomic_write

    atomic_write(path, json.dumps(data, indent=1, sort_keys=True) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--m-prime", type=int, nargs="+", default=[500, 1000, 2000])
    ap.add_argument("--layers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--attempts", type=int, default=1, help="draws per attack mode")
    ap.add_argument("--targets", type=int, default=10, help="units attacked per instance")
    ap.add_argument("--kappas", type=float, nargs="+", default=[1.6, 1.2, 1.0, 0.8])
    ap.add_argument("--modes", nargs="*", default=None,
                    help="attack modes (default: all of seppair.ATTACKS)")
    ap.add_argument("--grid", type=int, nargs="+", default=None, metavar="G",
                    help="search (G, g) directly at these G (calibrate_grid) instead of kappa")
    ap.add_argument("--hull-starts", type=int, default=10,
                    help="origin-attack pursuits (modes 'hull')")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    for mp in args.m_prime:
        for layers in args.layers:
            if args.grid:
                row = calibrate_grid(mp, layers, seed=args.seed, attempts=args.attempts,
                                     targets=args.targets, Gs=args.grid,
                                     modes=None if args.modes is None else tuple(args.modes),
                                     hull_starts=args.hull_starts)
            else:
                row = calibrate(mp, layers, seed=args.seed, attempts=args.attempts,
                            targets=args.targets, kappas=args.kappas,
                            modes=None if args.modes is None else tuple(args.modes))
            write([row], args.out)
            print(f"m'={mp} layers={layers}: certified={row['all_certified']} "
                  f"kappa={row.get('kappa')} width={row.get('max_width')} "
                  f"P_nz={row.get('params_nonzero')} b={row.get('bits_per_param')} "
                  f"ratio_neurons={row.get('ratio_neurons')} "
                  f"ratio_params={row.get('ratio_params')} cpu={row['cpu_seconds']} s",
                  flush=True)


if __name__ == "__main__":
    main()
