"""Construction commands of ``superbounds`` (SPEC §5, §7).

``route``: route a permutation through a Beneš or Waksman switching network and verify
it by pushing labels through the network.
"""

from __future__ import annotations

from typing import Any

import click

from bounds.cli.common import GuardedCommand, emit, output_options
from bounds.constructions.registry import names
from bounds.constructions.switching import (
    PROVENANCE,
    RouteResult,
    route_permutation,
    validate_size,
)
from bounds.parsing import parse_int, parse_number

__all__ = ["parse_perm", "route"]


def parse_perm(text: str, size: int) -> list[int]:
    """Parse ``--perm``: a comma-separated permutation of ``0..size-1``.

    >>> parse_perm("2, 0,1", 3)
    [2, 0, 1]
    >>> parse_perm("0,0,1", 3)
    Traceback (most recent call last):
    ...
    ValueError: --perm must be a comma-separated permutation of 0..2 (got '0,0,1')
    """
    shown = text if len(text) <= 60 else text[:57] + "..."
    err = ValueError(f"--perm must be a comma-separated permutation of 0..{size - 1} "
                     f"(got {shown!r})")
    try:
        values = [int(part) for part in text.split(",")]
    except ValueError:
        raise err from None
    if sorted(values) != list(range(size)):
        raise err
    return values


def _row(res: RouteResult) -> dict[str, Any]:
    return {
        "network": res.network,
        "size": res.size,
        "switches": res.switches,
        "log2_factorial": res.log2_factorial,
        "verified": res.verified,
        "permutation": res.permutation.tolist(),
        "settings_ones": int(res.settings.sum()),
        "provenance": PROVENANCE,
    }


_COLUMNS = [
    ("network", "network"),
    ("size", "N"),
    ("switches", "switches"),
    ("log2_factorial", "log2(N!)"),
    ("ratio", "switches / log2(N!)"),
    ("settings_ones", "crossed"),
    ("verified", "verified"),
]


@click.command("route", cls=GuardedCommand)
@click.argument("kind", type=click.Choice(names("switching")))
@click.option("--size", "size", required=True, metavar="N",
              help="Number of terminals (Beneš: a power of two >= 2; Waksman: >= 1).")
@click.option("--perm", "perm", default=None, metavar="P",
              help="Permutation as comma-separated destinations: input i goes to output P[i].")
@click.option("--seed", "seed", default=None, metavar="S",
              help="Seed of numpy.random.default_rng for a random permutation, an integer "
                   ">= 0 (default 0).")
@output_options
def route(kind: str, size: str, perm: str | None, seed: str | None, fmt: str) -> None:
    """Route a permutation through a Beneš or Waksman network and verify it.

    Settings come from the looping algorithm; verification pushes labels through the
    network graph (networkx up to 4096 terminals, an array replay of the same wiring
    beyond). Each switch is one bit, so log2(N!) is a lower bound on the switch count.
    """
    n = validate_size(kind, parse_number(size, "size", strict=False))
    if perm is not None and seed is not None:
        raise ValueError("--perm and --seed are mutually exclusive (give one)")
    p = parse_perm(perm, n) if perm is not None else None
    s = parse_int(seed, "seed", 0) if seed is not None else 0
    res = route_permutation(kind, n, perm=p, seed=s if p is None else None)
    row = _row(res)
    if fmt not in ("json", "csv"):
        row["ratio"] = res.ratio
    how = "networkx graph traversal" if res.verified_by == "graph" else "array replay of the wiring"
    source = "given permutation" if p is not None else f"random permutation, seed {s}"
    emit(
        [row],
        _COLUMNS,
        fmt,
        title=f"Permutation routing through a {kind} network ({source})",
        footer=[PROVENANCE, f"Verified by {how}: perm[i] = output reached by input i."],
    )


