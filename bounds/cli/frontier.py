"""``superbounds frontier``: lower bounds against what the library builds (issue 9 item 3)."""

from __future__ import annotations

import click

from bounds.cli.common import GuardedCommand, emit, output_options
from bounds.families import DEFAULT_PROBLEM, cli_problems, family_entry
from bounds.limits import MAX_BITS, MAX_LAYERS
from bounds.parsing import expand_sweeps, parse_int, parse_real

#: the construction is built on demand; its sizes are closed forms up to here
MAX_FRONTIER_M = 10**9
MAX_CERTIFY_M = 10**5


@click.command("frontier", cls=GuardedCommand)
@click.argument("m_primes", nargs=-1, required=True, metavar="M [M ...]")
@click.option("--problem", type=click.Choice(cli_problems()), default=DEFAULT_PROBLEM,
              show_default=True,
              help="Problem family (pairwise: labelled AND, m = m').")
@click.option("--bits", "-b", default="8", show_default=True,
              help=f"Bits per parameter b of the asked lower bound, an integer in [1, {MAX_BITS}] "
                   "or 'real'. The ratios use the construction's own b and L.")
@click.option("--layers", "-L", default="1", show_default=True,
              help="Weight layers L of the asked lower bound, an integer in [1, 10^6].")
@click.option("--eps", default="0", show_default=True,
              help="Fraction of outputs allowed wrong in the asked bound, 0 <= eps < 1.")
@click.option("--k", "k", default="3", show_default=True,
              help="Active features k of the construction, an integer in [1, 64] "
                   "(pairwise: [2, 64]).")
@click.option("--delta", default="0.01", show_default=True,
              help="Construction failure rate delta, 0 < delta < 1.")
@click.option("--seed", default="0", show_default=True, help="Public seed, an integer >= 0.")
@click.option("--eps-jl", "eps_jl", default="0.1", show_default=True,
              help="JL distortion, 0 < eps_JL < 1.")
@click.option("--certify", is_flag=True,
              help=f"Build each network and run the library's verdict (m' <= {MAX_CERTIFY_M}; "
                   "slow). Default: analytic sizes, not simulated.")
@output_options
def frontier_cmd(m_primes: tuple[str, ...], problem: str, bits: str, layers: str, eps: str,
                 k: str, delta: str, seed: str, eps_jl: str, certify: bool, fmt: str) -> None:
    """The sandwich per m': lower bounds, the smallest construction, trained, C0, JL.

    M: integers >= 2 (1000, 1e5, 10^6), at most 10^9 (10^5 with --certify); a sweep
    A..B stands for A, 10A, ..., B.

    Example: superbounds frontier 1e3 1e4 1e5 --problem pairwise
    """
    from bounds.lower import REAL
    from bounds.reports.frontier import (
        COLUMNS,
        check_frontier_problem,
        flat,
        footer,
        frontier,
    )

    b = REAL if bits.strip().lower() == REAL else parse_int(bits, "bits", 1, MAX_BITS)
    L = parse_int(layers, "layers", 1, MAX_LAYERS)
    e = parse_real(eps, "eps", 0.0, 1.0)
    fam = family_entry(problem)
    check_frontier_problem(problem)  # one line, exit 2, before parsing the rest
    kk = parse_int(k, "k", max(fam.cls.min_sparsity, 1), 64)
    d = parse_real(delta, "delta", 0.0, 1.0, low_closed=False)
    s = parse_int(seed, "seed", 0, 2**63 - 1)
    ej = parse_real(eps_jl, "eps_jl", 0.0, 1.0, low_closed=False)
    mps = expand_sweeps(m_primes, "m_prime", 2, MAX_CERTIFY_M if certify else MAX_FRONTIER_M)
    rows = frontier(problem, mps, bits=b, layers=L, eps=e, k=kk, delta=d, seed=s,
                    eps_jl=ej, certify=certify)
    title = (f"Frontier: {problem}, k={kk}, delta={d:g}, seed={s} "
             f"({'built and judged' if certify else 'analytic sizes, not simulated'})")
    if fmt == "json":  # each record carries the footer the table prints
        notes = footer(rows)
        emit([{**r.as_dict(), "assumptions": notes} for r in rows], COLUMNS, fmt, title=title)
        return
    emit([flat(r) for r in rows], COLUMNS, fmt, title=title, footer=footer(rows))
