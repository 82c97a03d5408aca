"""The trained-width sweep behind docs/tables/trained.md (issue 11). Never run by the tests.

One command makes the whole table (from the repository root, with the ``train`` extra)::

    .venv/bin/python benchmarks/sweep_trained.py

i.e. both families at m′ = 100, 200, 500, 1000, 2000, k = 3, δ = 0.01, L = 1, public
seed 0, training seeds 0 and 1. Everything else follows from (family, m′) by the rules
of :mod:`bounds.training.recipe` (stated there once): the budget and loss weights
(:func:`~bounds.training.recipe.recipe`) and the search grid and first width
(:func:`~bounds.training.recipe.search_grid`). For each size it runs
:func:`bounds.training.run.least_width` (the least width N on the grid at which one of
the training seeds meets δ in the library's verifier; doubling then bisection), then the
least b per layer at which the winner's verdict still holds. Each finished (family, m′)
is written at once (atomically) to ``docs/data/trained/<family>.json`` with every trial,
the seeds, the budget, the grid, the times and the versions, so an interrupted sweep
keeps what it measured; each row records the per-size command that made it
(``--family F --m-prime M``, which is what the one command runs for that size). Then
``superbounds docs`` renders the table and figure from those files (no training).

On a shared machine sizes can run in parallel processes, each with its own
``--data-dir DIR``; ``--merge DIR`` then folds their rows into ``docs/data/trained/``
without training.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bounds.training.data import DATA_DIR, SCHEMA, SWEEP_SCRIPT, sweep_command  # noqa: E402
from bounds.training.run import Trial  # noqa: E402

COMMAND = SWEEP_SCRIPT


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


def measure(family: str, m_prime: int, seeds: int,
            checkpoint: Callable[[dict], None] | None = None) -> dict:
    """One size of the sweep: the recipe, the grid rule, the search, the least b."""
    from bounds.training.quantize import least_bits, quantize
    from bounds.training.recipe import RECIPES, recipe, search_grid, search_rule
    from bounds.training.run import judge, least_width

    cfg = recipe(family, m_prime)
    res, start = search_grid(m_prime)
    seeds_ = list(range(seeds))
    head = {"family": family, "m_prime": m_prime, "k": 3, "delta": 0.01, "layers": 1,
            "seed": 0, "train_seeds": seeds_, "steps": cfg.steps,
            "budget_rule": RECIPES[family].rule(), "search_rule": search_rule(),
            "batch": cfg.batch, "lr": cfg.lr, "margin": cfg.margin,
            "pos_weight": cfg.pos_weight, "code": "sign", "decoder": "owners",
            "resolution": res, "start": start}
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
                    config=cfg, resolution=res, start=start,
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
    ap.add_argument("--seeds", type=int, default=2)
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
            command = sweep_command(family, mp, args.seeds)
            row = measure(family, mp, args.seeds,
                          checkpoint=lambda r, c=command, p=path: merge(p, [{**r, "command": c}]))
            row["command"] = command
            row["versions"] = _versions()
            merge(path, [row])
            print(f"wrote {path} (m'={mp}: least width {row['least_width']}, "
                  f"{row['wall_seconds']} s)", flush=True)


def merge(path: Path, new_rows: list[dict]) -> None:
    """Put ``new_rows`` into ``path`` (read just before writing; rows keyed by m').

    Other top-level keys of the file (e.g. ``superseded``: rows of an earlier recipe
    kept for the comparison the page shows) are kept as they are.
    """
    old = json.loads(path.read_text()) if path.exists() else {"rows": []}
    rows = {r["m_prime"]: r for r in old.get("rows", [])}
    rows.update({r["m_prime"]: r for r in new_rows})
    family = new_rows[0]["family"]
    keep = {k: v for k, v in old.items() if k not in ("schema", "family", "command",
                                                         "versions", "rows")}
    _write(path, {**keep, "schema": SCHEMA, "family": family, "command": COMMAND,
                  "versions": _versions(), "rows": [rows[m] for m in sorted(rows)]})


if __name__ == "__main__":
    main()
