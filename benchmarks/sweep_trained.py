"""The trained-width sweep behind docs/tables/trained.md (issue 11). Never run by the tests.

One command (from the repository root, with the ``train`` extra installed)::

    .venv/bin/python benchmarks/sweep_trained.py [--family pairwise-and|permutation|both]
        [--m-prime 100 200 500 1000 2000] [--steps 600] [--seeds 2]

For each family and m′ (k = 3, δ = 0.01, L = 1, public seed 0) it runs
:func:`bounds.training.run.least_width`: the least width N on a grid of
``resolution = 2^⌊log₂(m′/25)⌋`` (at least 4) at which one of the training seeds
``0..seeds-1`` meets δ in the library's verifier, under a fixed budget of ``steps``
Adam steps of batch 256; then the least b per layer at which the winner's verdict
still holds. Each finished (family, m′) is written at once (atomically) to
``docs/data/trained/<family>.json`` with every trial, the seeds, the budget, the
times and the versions, so an interrupted sweep keeps what it measured. Then
``superbounds docs`` renders the table and figure from those files (no training).

On a shared machine sizes can run in parallel processes, each with its own
``--data-dir DIR`` (and ``--resolution R`` for a coarser width grid at large m′);
``--merge DIR`` then folds their rows into ``docs/data/trained/`` without training.
Each row records the exact command that made it.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bounds.training.data import DATA_DIR, SCHEMA, resolution_for  # noqa: E402
from bounds.training.run import Trial  # noqa: E402

COMMAND = "python benchmarks/sweep_trained.py"


def _versions() -> dict[str, str]:
    import numpy
    import scipy
    import torch

    import bounds

    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {"superposition-bounds": bounds.__version__, "git_commit": commit,
            "torch": torch.__version__, "numpy": numpy.__version__, "scipy": scipy.__version__,
            "python": platform.python_version()}


def _write(path: Path, payload: dict) -> None:
    from bounds.files import atomic_write

    atomic_write(path, json.dumps(payload, indent=1, sort_keys=True) + "\n", make_parents=True)


def budget_steps(m_prime: int, steps: int, steps_per_output: float) -> int:
    """The stated step budget at ``m'``: ``max(steps, ⌈steps_per_output · m'⌉)``."""
    return max(steps, math.ceil(steps_per_output * m_prime))


def measure(family: str, m_prime: int, steps: int, seeds: int,
            resolution: int | None = None, steps_per_output: float = 0.0,
            pos_weight: float = 1.0, start: float = 1.0,
            checkpoint: Callable[[dict], None] | None = None) -> dict:
    from bounds.training.quantize import least_bits, quantize
    from bounds.training.run import judge, least_width
    from bounds.training.trainer import TrainConfig

    cfg = TrainConfig(steps=budget_steps(m_prime, steps, steps_per_output), batch=256,
                      pos_weight=pos_weight)
    res = resolution_for(m_prime) if resolution is None else resolution
    seeds_ = list(range(seeds))
    head = {"family": family, "m_prime": m_prime, "k": 3, "delta": 0.01, "layers": 1,
            "seed": 0, "train_seeds": seeds_, "steps": cfg.steps,
            "budget_rule": f"steps = max({steps}, ceil({steps_per_output:g} m'))",
            "batch": cfg.batch, "lr": cfg.lr, "margin": cfg.margin,
            "pos_weight": cfg.pos_weight, "code": "sign", "decoder": "owners",
            "resolution": res}
    done: list[dict] = []
    wall0, cpu0 = time.perf_counter(), time.process_time()

    def partial(trial: Trial) -> None:
        done.append(dict(trial.__dict__))
        wins = [t["neurons"] for t in done if t["meets_delta"]]
        if checkpoint is not None:
            checkpoint({**head, "complete": False, "limit": None,
                        "least_width": min(wins) if wins else None, "verdict": None,
                        "least_bits": None, "bits_per_param_at_least_bits": None,
                        "wall_seconds": round(time.perf_counter() - wall0, 1),
                        "cpu_seconds": round(time.process_time() - cpu0, 1),
                        "trials": list(done)})

    s = least_width(family, m_prime, 3, 1, 0.01, seed=0, train_seeds=tuple(seeds_),
                    config=cfg, resolution=res, start=max(res, int(start * m_prime)),
                    progress=lambda t: print(f"[{time.strftime('%H:%M:%S')}] {t}", flush=True),
                    on_trial=partial)
    b = bpp = None
    if s.best is not None:
        net = s.best.net
        b = least_bits(net, lambda q: judge(q, delta=0.01, seed=0).meets_delta)
        if b is not None:
            bpp = quantize(net, b).resources().bits_per_param
    return {**head, "limit": s.limit,
            "least_width": s.least_width, "verdict": s.best_verdict, "least_bits": b,
            "bits_per_param_at_least_bits": bpp, "wall_seconds": round(s.wall_seconds, 1),
            "cpu_seconds": round(s.cpu_seconds, 1),
            "trials": [dict(t.__dict__) for t in s.trials]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--family", default="both",
                    choices=("both", "pairwise-and", "permutation"))
    ap.add_argument("--m-prime", type=int, nargs="+", default=[100, 200, 500, 1000, 2000])
    ap.add_argument("--steps", type=int, default=600)
    ap.add_argument("--steps-per-output", type=float, default=0.0,
                    help="budget: steps = max(--steps, ceil(this * m'))")
    ap.add_argument("--pos-weight", type=float, default=1.0,
                    help="weight of the positive outputs' hinge terms")
    ap.add_argument("--start", type=float, default=1.0,
                    help="the search's first width, as a fraction of m'")
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--resolution", type=int, default=None,
                    help="width grid (default: resolution_for(m'))")
    ap.add_argument("--data-dir", type=Path, default=ROOT / DATA_DIR,
                    help="where <family>.json is written (default: docs/data/trained)")
    ap.add_argument("--merge", type=Path, default=None, metavar="DIR",
                    help="only merge the rows of DIR/<family>.json (a sweep run in parallel "
                         "with --data-dir DIR) into --data-dir; no training")
    args = ap.parse_args()
    if args.merge is not None:
        for family in ("pairwise-and", "permutation"):
            src = args.merge / f"{family}.json"
            if src.exists():
                merge(args.data_dir / f"{family}.json", json.loads(src.read_text())["rows"])
        return
    families = ("pairwise-and", "permutation") if args.family == "both" else (args.family,)
    for family in families:
        path = args.data_dir / f"{family}.json"
        for mp in args.m_prime:
            command = (f"{COMMAND} --family {family} --m-prime {mp} --steps "
                       f"{args.steps} --steps-per-output {args.steps_per_output:g} "
                       f"--pos-weight {args.pos_weight:g} --start {args.start:g} "
                       f"--seeds {args.seeds}"
                       + ("" if args.resolution is None
                          else f" --resolution {args.resolution}"))
            row = measure(family, mp, args.steps, args.seeds, args.resolution,
                          args.steps_per_output, args.pos_weight, args.start,
                          checkpoint=lambda r, c=command, p=path: merge(p, [{**r, "command": c}]))
            row["command"] = command
            merge(path, [row])
            print(f"wrote {path} (m'={mp}: least width {row['least_width']}, "
                  f"{row['wall_seconds']} s)", flush=True)


def merge(path: Path, new_rows: list[dict]) -> None:
    """Put ``new_rows`` into ``path`` (read just before writing; rows keyed by m')."""
    old = json.loads(path.read_text()) if path.exists() else {"rows": []}
    rows = {r["m_prime"]: r for r in old.get("rows", [])}
    rows.update({r["m_prime"]: r for r in new_rows})
    family = new_rows[0]["family"]
    _write(path, {"schema": SCHEMA, "family": family,
                  "command": f"{COMMAND} --family {family} --m-prime "
                             f"{' '.join(str(m) for m in sorted(rows))}",
                  "versions": _versions(), "rows": [rows[m] for m in sorted(rows)]})


if __name__ == "__main__":
    main()
