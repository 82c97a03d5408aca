"""The committed sweep data of trained widths (docs/data/trained/<family>.json).

Written by ``benchmarks/sweep_trained.py``; read by :mod:`bounds.reports.trained`
(which renders the table and figure without training) and by anyone who wants the
measured trained width at some m′ (:func:`measured_width`). :func:`check_rows`
states what "consistent" means for that data and raises ``ValueError`` otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["DATA_DIR", "FAMILIES", "SCHEMA", "SWEEP_M_PRIMES", "check_rows", "follows_rules",
           "load_sweep", "measured_width", "replay_search", "sweep_command"]

SCHEMA = "superbounds trained-width sweep v1"
DATA_DIR = Path("docs") / "data" / "trained"
FAMILIES = ("pairwise-and", "permutation")
SWEEP_M_PRIMES = (100, 200, 500, 1000, 2000)
_ROOT = Path(__file__).resolve().parents[2]


SWEEP_SCRIPT = "python benchmarks/sweep_trained.py"


def sweep_command(family: str | None = None, m_prime: int | None = None,
                  seeds: int = 2) -> str:
    """The one command that makes the whole table, or the part of it for one size.

    >>> sweep_command()
    'python benchmarks/sweep_trained.py'
    >>> sweep_command("permutation", 500)
    'python benchmarks/sweep_trained.py --family permutation --m-prime 500'
    """
    return (SWEEP_SCRIPT + ("" if family is None else f" --family {family}")
            + ("" if m_prime is None else f" --m-prime {m_prime}")
            + ("" if seeds == 2 else f" --seeds {seeds}"))


def follows_rules(family: str, row: dict[str, Any]) -> bool:
    """Whether ``row`` is what :func:`sweep_command` runs for its size: the recipe's budget
    and weights, the search-grid rule's grid and first width, seeds 0 and 1, and that
    per-size command recorded (:mod:`bounds.training.recipe`)."""
    from bounds.training.recipe import recipe, search_grid

    cfg = recipe(family, row["m_prime"])
    return ((row["steps"], row.get("pos_weight", 1.0), row["batch"], row["lr"],
             row["margin"]) == (cfg.steps, cfg.pos_weight, cfg.batch, cfg.lr, cfg.margin)
            and (row["resolution"], row.get("start")) == search_grid(row["m_prime"])
            and row["train_seeds"] == [0, 1]
            and row.get("command") == sweep_command(family, row["m_prime"]))


class _Unrecorded(Exception):
    """The replayed search asks for a (width, seed) that the row did not record."""


def replay_search(row: dict[str, Any]) -> tuple[list[tuple[int, int]], int | None, bool]:
    """Replay a row's least-width search from its recorded trial outcomes (no training).

    The search (:func:`bounds.training.run.least_width`: doubling from ``start`` rounded
    down to the grid, then bisection; at each width the seeds in order until one meets
    δ) is a function of the outcomes of the trials it asks for. Given the row's
    ``resolution``, ``start``, ``train_seeds`` and limit ``4·max(m, m')`` on the grid,
    this returns ``(trials asked for, in order, as (width, seed); least width or None;
    finished)``, where ``finished`` is False when the search asked for a trial the row
    does not hold (the sequence then ends with that trial).

    >>> row = {"family": "permutation", "m_prime": 10, "resolution": 4, "start": 8,
    ...        "train_seeds": [0], "trials": [{"neurons": 8, "train_seed": 0,
    ...        "meets_delta": True}, {"neurons": 4, "train_seed": 0, "meets_delta": False}]}
    >>> replay_search(row)
    ([(8, 0), (4, 0)], 8, True)
    """
    from bounds.constructions.trivial import default_m
    from bounds.search import least_true

    res, mp = int(row["resolution"]), int(row["m_prime"])
    outcome = {(int(t["neurons"]), int(t["train_seed"])): bool(t["meets_delta"])
               for t in row["trials"]}
    asked: list[tuple[int, int]] = []

    def ok(j: int) -> bool:
        for seed in row["train_seeds"]:
            asked.append((j * res, int(seed)))
            if asked[-1] not in outcome:
                raise _Unrecorded
            if outcome[asked[-1]]:
                return True
        return False

    j_max = -(-4 * max(default_m(row["family"], mp), mp) // res)
    try:
        j = least_true(ok, lo=1, limit=j_max,
                       start=min(max(1, int(row["start"]) // res), j_max))
    except _Unrecorded:
        return asked, None, False
    except ValueError:
        return asked, None, True
    return asked, j * res, True


def check_rows(family: str, rows: list[dict[str, Any]]) -> None:
    """Raise ``ValueError`` unless every row is consistent with its own trials.

    A row is consistent when: its family is ``family``; some recorded trial at
    ``least_width`` met δ; every trial below it that the search made at
    ``least_width − resolution`` failed for all seeds tried; every trial width is a
    multiple of ``resolution``; and ``least_bits`` is given only with a width.

    A row that records its search's first width ``start`` must moreover hold exactly
    the trials that search makes, in order (:func:`replay_search`), and its least width
    must be the search's result: the committed trials are then the search the stated
    grid rule makes, not a hand-picked one.

    A row with ``"complete": false`` is a search cut off before it finished (the trials
    made so far, written after each one): its ``least_width`` must be the least width of
    a successful trial, or ``None`` if none succeeded, and it carries no ``least_bits``
    -- it is an upper bound, not a least width.
    """
    for row in rows:
        where = f"{family} m'={row.get('m_prime')}"
        if row.get("family") != family:
            raise ValueError(f"{where}: row of family {row.get('family')!r} in {family}.json")
        n, res, trials = row["least_width"], row["resolution"], row["trials"]
        if any(t["neurons"] % res for t in trials):
            raise ValueError(f"{where}: a trial width is not a multiple of {res}")
        if "start" in row:
            asked, found, finished = replay_search(row)
            done = [(int(t["neurons"]), int(t["train_seed"])) for t in trials]
            full = row.get("complete", True) is not False
            if (done != asked or not finished or found != n) if full else (
                    done != asked[:len(done)]):
                raise ValueError(f"{where}: the recorded trials are not the search from "
                                 f"start {row['start']} on grid {res}")
        if row.get("complete", True) is False:
            wins = [t["neurons"] for t in trials if t["meets_delta"]]
            if n != (min(wins) if wins else None) or row.get("least_bits") is not None:
                raise ValueError(f"{where}: an incomplete search must record its least "
                                 "successful trial width and no least_bits")
            continue
        if n is None:
            if any(t["meets_delta"] for t in trials) or row.get("least_bits") is not None:
                raise ValueError(f"{where}: no width recorded but a trial succeeded")
            continue
        if not any(t["neurons"] == n and t["meets_delta"] for t in trials):
            raise ValueError(f"{where}: no successful trial at the least width {n}")
        below = [t for t in trials if t["neurons"] == n - res]
        if n > res and (not below or any(t["meets_delta"] for t in below)):
            raise ValueError(f"{where}: width {n - res} was not shown to fail")
        if any(t["meets_delta"] for t in trials if t["neurons"] < n):
            raise ValueError(f"{where}: a smaller width succeeded (search not monotone)")


def load_sweep(root: Path | None = None) -> dict[str, dict[str, Any]]:
    """``{family: payload}`` of the committed files that exist, each checked (also the
    ``superseded`` rows of an earlier recipe a file may keep for comparison)."""
    base = (_ROOT if root is None else Path(root)) / DATA_DIR
    out: dict[str, dict[str, Any]] = {}
    for family in FAMILIES:
        path = base / f"{family}.json"
        if path.exists():
            payload = json.loads(path.read_text(encoding="utf-8"))
            if payload.get("schema") != SCHEMA:
                raise ValueError(f"{path}: schema must be {SCHEMA!r}")
            check_rows(family, payload["rows"])
            check_rows(family, payload.get("superseded", []))
            out[family] = payload
    return out


def measured_width(family: str, m_prime: int, root: Path | None = None) -> int | None:
    """The committed least trained width at ``m'`` (k = 3, δ = 0.01, L = 1), or ``None``
    (also for a search cut off before it finished: that is only an upper bound)."""
    payload = load_sweep(root).get(family)
    for row in (payload or {}).get("rows", []):
        if row["m_prime"] == m_prime and row.get("complete", True):
            return row["least_width"]
    return None
