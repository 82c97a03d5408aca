"""Attack C1s at given sizes: how often an attacked unit's LP becomes infeasible.

For ``--attempts`` draws of each attack mode of
:func:`bounds.constructions.sepperm.attack_instance` (``--targets`` units attacked per
draw), the LP of every attacked unit is solved (:func:`~bounds.constructions.sepperm.
units_separable`); as a control, the same number of units of the seed's random instance.
Prints, per mode, infeasible units / attacked units and the CPU seconds; with
``--random-instances N`` also how many of N further uniformly random permutations have
some infeasible unit (every unit solved). Sizes default to
:func:`~bounds.constructions.sepperm.choose_separated` (calibrated where recorded).

Run: ``OMP_NUM_THREADS=1 nice .venv/bin/python benchmarks/attack_sep.py --m-prime 500
[--G 41 --d 70] [--layers 2] [--attempts 5] [--targets 20]``.
"""

from __future__ import annotations

import argparse
import json
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--m-prime", type=int, default=500)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--G", type=int)
    ap.add_argument("--d", type=int)
    ap.add_argument("--s", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--attempts", type=int, default=5)
    ap.add_argument("--targets", type=int, default=20)
    ap.add_argument("--objective", default=None)
    ap.add_argument("--random-instances", type=int, default=0,
                    help="also check EVERY unit of this many further random permutations")
    args = ap.parse_args()
    from bounds.constructions.instances import random_instance
    from bounds.constructions.sepperm import attack_instance, choose_separated, units_separable

    sizes = {k: v for k, v in (("G", args.G), ("d", args.d), ("s", args.s),
                               ("objective", args.objective)) if v is not None}
    p = choose_separated(args.m_prime, layers=args.layers, **sizes)
    sizes = {"G": p.G, "d": p.d, "s": p.s, "objective": p.objective}
    out = {"m_prime": args.m_prime, "layers": args.layers, "sizes": sizes, "L": p.L,
           "seed": args.seed, "results": {}}
    from bounds.constructions.sepperm import ATTACK_MODES

    for mode in ATTACK_MODES:
        t0 = time.process_time()
        bad = total = 0
        for a in range(args.attempts):
            inst, att = attack_instance(args.m_prime, args.seed, targets=args.targets,
                                        layers=args.layers, mode=mode, attempt=a, **sizes)
            ok = units_separable(args.m_prime, args.seed, inst, [u for u, _ in att],
                                 layers=args.layers, **sizes)
            bad += ok.count(False)
            total += len(ok)
        out["results"][mode] = {"infeasible": bad, "attacked": total,
                                "cpu_seconds": round(time.process_time() - t0, 1)}
        print(mode, out["results"][mode], flush=True)
    t0 = time.process_time()
    inst = random_instance("permutation", args.m_prime, args.seed)
    n = min(p.H, args.attempts * args.targets)
    ok = units_separable(args.m_prime, args.seed, inst, range(n), layers=args.layers, **sizes)
    out["results"]["random (control)"] = {"infeasible": ok.count(False), "attacked": n,
                                          "cpu_seconds": round(time.process_time() - t0, 1)}
    print("random", out["results"]["random (control)"], flush=True)
    if args.random_instances:
        import numpy as np

        t0 = time.process_time()
        failed = []
        for r in range(args.random_instances):
            perm = np.random.default_rng([args.seed, 999, r]).permutation(args.m_prime)
            ok = units_separable(args.m_prime, args.seed, perm, range(p.H),
                                 layers=args.layers, **sizes)
            if not all(ok):
                failed.append({"draw": r, "infeasible_units": ok.count(False)})
        out["results"]["random instances, every unit"] = {
            "instances": args.random_instances, "instances_failing": len(failed),
            "failures": failed, "cpu_seconds": round(time.process_time() - t0, 1)}
        print("random instances", out["results"]["random instances, every unit"], flush=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
