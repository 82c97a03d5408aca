"""``superbounds simulate`` and ``superbounds crossover`` (SPEC §5, §7).

``simulate`` builds one construction, counts it, verifies it by simulation and sets it
beside C0 (no superposition) and the §3 lower bounds for the same family and m′, with
b = the construction's own bits per parameter and L = its depth (ε = 0)::

    superbounds simulate CONSTRUCTION --m-prime M --k K --delta D --seed S [--inputs N] \\
        [--m M_IN] [--d D --p P] [--instance FILE] [--adversarial N|auto] [--certify] \\
        [--exhaustive-limit N] [--export PATH.npz] [--json|...]

* ``permutation`` is C1, ``pairwise-and`` is C2 (this library's output-channel
  constructions, random instances), ``permutation-design`` / ``pairwise-and-design`` are
  C1d / C2d (algebraic designs), ``pairwise-and-private`` is C2p (one private unit per
  output), ``permutation-separated`` / ``pairwise-and-separated`` are C1s / C2s
  (LP-separated units, calibrated sizes, certified per instance: the builder refuses an
  instance it cannot certify), ``uand`` is the peer U-AND (arXiv:2408.05451) reading out
  m′ random pairs of its m inputs. The list is the registry's (``simulate=True``).
* ``--instance FILE``: build for this instance (a ``.npy`` or JSON array: the
  permutation, or the m′ × 2 pairs) with the same public seed; the claim line then says
  that every verdict is about this instance only (a random-instance or certified-instance
  construction is still no upper bound for the family).
* ``--adversarial``: inputs per adversarial Monte-Carlo stratum (shares-units,
  code-collision, greedy; :mod:`bounds.constructions.attacks`). Default ``auto``: the least
  count at which a stratum with 0 errors can show δ at 95% (299 at δ = 0.01, 59 at
  δ = 0.05; at most 1000, enough for δ ≥ 0.003: below that the verdict line says the strata
  are too few to show δ); ``0`` skips them. The verdict line always says which strata ran.
* ``--exhaustive-limit``: with ``--certify``, enumerate every input of a scope when the
  margin argument is inconclusive and the scope has at most N inputs (default 200 000).
* ``--m``: number of inputs for the pairwise constructions and ``uand`` (default m′,
  raised to the least m with C(m, 2) ≥ m′, as the pairwise family does).
* ``--d``, ``--p`` (``uand`` only): neurons and connection probability; by default
  :func:`bounds.constructions.uand.uand_defaults` derives them from (m, m′, k, δ):
  p = 1/(4·max(k−1, 1)) and the least d whose exact expected number of wrong outputs
  per input is ≤ δ/2.
* ``--inputs``: number of simulated inputs (default: the verifier's own choice —
  exhaustive when small, else stratified Monte-Carlo).
* ``--export``: write the network's ``.npz`` contract atomically.

The JSON output is a list of one record with the keys ``construction, m_prime, k, delta,
seed, neurons, neurons_total, params_dense, params_nonzero, bits_per_param, layers,
inputs_tested, errors, error_rate, error_upper95, meets_delta, trivial_neurons,
lower_bounds`` (``lower_bounds``: ``log2_instances, bits_lb, params_lb, neurons_lb,
provenance``), then ``uniform_rate, uniform_upper95`` and ``strata`` (per-stratum
counts and bounds), ``provenance`` and ``assumptions`` (the footer's lines: the
construction's parameters, verdicts, C0 and the lower bounds). The work is done by
:mod:`bounds.constructions.simulation`.
``crossover`` prints the least m′ at which the construction's max width is below C0's.
"""

from __future__ import annotations

import json
from typing import Any

import click

from bounds.cli.common import GuardedCommand, emit, output_options, record
from bounds.cli.progress import bar, progress_option, wanted
from bounds.constructions.registry import crossover_names, get
from bounds.constructions.simulation import (
    CONSTRUCTIONS,
    JSON_KEYS,
    LOWER_KEYS,
    MAX_EXHAUSTIVE_LIMIT,
    NAMES,
    run_simulation,
)
from bounds.files import check_output_path
from bounds.limits import MAX_INPUTS_M
from bounds.parsing import parse_int, parse_real

__all__ = ["JSON_KEYS", "LOWER_KEYS", "crossover", "run_simulation", "simulate"]


COLUMNS = [
    ("construction", "construction"),
    ("m_prime", "m′"),
    ("k", "k"),
    ("delta", "δ"),
    ("neurons", "neurons (max width n)"),
    ("neurons_total", "neurons (total)"),
    ("params_dense", "P_dense"),
    ("params_nonzero", "P_nz"),
    ("bits_per_param", "b"),
    ("layers", "L"),
    ("inputs_tested", "inputs"),
    ("errors", "errors"),
    ("error_rate", "error rate"),
    ("error_upper95", "error upper 95% (worst stratum)"),
    ("meets_delta", "meets δ"),
    ("seed", "seed"),
    ("trivial_neurons", "C0 neurons (max width)"),
    ("lb_log2", "log2 |F| (instances)"),
    ("lb_bits", "lower bound: bits"),
    ("lb_params", "lower bound: params (D1)"),
    ("lb_neurons", "lower bound: neurons"),
    ("v_mc", "verdict: Monte-Carlo 95%"),
    ("v_all", "verdict: all ≤k-sparse inputs"),
    ("v_probes", "verdict: identifying probes"),
    ("claim", "claim"),
]


MAX_SIM_M_PRIME = 10**7
"""Largest m' simulate builds (the networks hold several arrays of length m' r)."""
MAX_SIM_INPUTS = 10**7


def _memory_budget() -> int:
    """Half of the physical memory, in bytes (a guess of 8 GiB where unknown)."""
    import os

    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")) // 2
    except (ValueError, OSError, AttributeError):  # pragma: no cover - non-POSIX
        return 8 * 2**30


def precheck(construction: str, m_prime: str, k: str, inputs: str | None, m: str | None,
             export: str | None) -> None:
    """Refuse, before any work, what simulate cannot do: sizes and paths (issue 13).

    k must not exceed the number of inputs m (the construction's family decides it: m = m'
    for a permutation; for the pairwise constructions the given --m, or m' raised to the
    least m with C(m, 2) >= m'), and a lower estimate
    of the memory (8 bytes per entry: the instance and readout arrays, about 4·m', and
    the sampled inputs, inputs·(k + 1)) must fit in half of the physical memory.
    """
    mp = parse_int(m_prime, "m_prime", 2, MAX_SIM_M_PRIME)
    k_ = parse_int(k, "k", 1)
    n_in = None if inputs is None else parse_int(inputs, "inputs", 1, MAX_SIM_INPUTS)
    from bounds.constructions.instances import family_of

    entry = get(construction)
    m_in = parse_int(m, "m", 3, MAX_INPUTS_M) if m is not None and "m" in entry.options else None
    # the given m (the builder refuses a bad one) or the family's default m
    width = m_in if m_in is not None else family_of(entry.family, mp).m
    if k_ > width:
        raise ValueError(f"k must be an integer in [1, {width}] (the number of inputs m; "
                         f"got {k_})")
    need = 8 * (4 * mp + (n_in or 10_000) * (k_ + 1))
    budget = _memory_budget()
    if need > budget:
        raise ValueError(f"simulate would need at least {need / 2**30:.1f} GiB "
                         f"(m_prime={mp:,}, inputs={n_in or 10_000:,}, k={k_}), more than "
                         f"the {budget / 2**30:.1f} GiB allowed (half of this machine's memory)")
    if export is not None:
        check_output_path(export, "export", suffix=".npz")


def load_instance(path: str) -> Any:
    """``--instance FILE``: a ``.npy`` array or a JSON array (permutation or m′×2 pairs).

    Only the file format is checked here; the builder validates the instance itself
    (shape, range, distinctness) and names what is wrong.
    """
    import numpy as np

    return np.asarray(_read_instance(path, np))


def _read_instance(path: str, np: Any) -> Any:
    from pathlib import Path

    file = Path(path)
    if not file.is_file():
        raise ValueError(f"instance file not found: {path!r}")
    if file.suffix == ".npy":
        try:
            arr = np.load(file, allow_pickle=False)
        except (ValueError, OSError) as exc:
            raise ValueError(f"instance file {path!r} is not a readable .npy array "
                             f"({exc})") from None
    elif file.suffix == ".json":
        try:
            arr = json.loads(file.read_text())
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValueError(f"instance file {path!r} is not valid JSON ({exc})") from None
        if not isinstance(arr, list):
            raise ValueError(f"instance file {path!r} must hold a JSON array")
        try:
            arr = np.asarray(arr)
        except ValueError:
            raise ValueError(f"instance file {path!r} must hold a rectangular array") from None
        if arr.dtype == object or arr.dtype.kind not in "iuf":
            raise ValueError(f"instance file {path!r} must hold integers")
    else:
        raise ValueError(f"instance file must end in .npy or .json (got {path!r})")
    return arr


# ----------------------------------------------------------------------- commands
def run_options(k_range: str) -> Any:
    """``--k``, ``--delta``, ``--seed``: the options every construction run takes."""
    def add(func: Any) -> Any:
        for opt in reversed([
            click.option("--k", default="3", show_default=True, metavar="K",
                         help=f"Input sparsity: at most k active, {k_range}."),
            click.option("--delta", default="0.01", show_default=True, metavar="D",
                         help="Target error rate, a real number in (0, 1)."),
            click.option("--seed", default="0", show_default=True, metavar="S",
                         help="Public seed, an integer >= 0."),
        ]):
            func = opt(func)
        return func
    return add


@click.command("simulate", cls=GuardedCommand)
@click.argument("construction", type=click.Choice(CONSTRUCTIONS))
@click.option("--m-prime", "m_prime", required=True, metavar="M",
              help="Number of outputs m′, an integer in [2, 10^7].")
@run_options("an integer in [1, m]")
@click.option("--inputs", default=None, metavar="N",
              help="Inputs to simulate, an integer in [1, 10^7] (default: verifier's choice).")
@click.option("--m", "m", default=None, metavar="M",
              help="Inputs m (the pairwise-and constructions, uand), an integer in [3, 10^50] "
                   "(default m′).")
@click.option("--d", "d", default=None, metavar="D",
              help="uand: neurons d, an integer >= 1 (default: derived from δ).")
@click.option("--p", "p", default=None, metavar="P",
              help="uand: connection probability p in (0, 1].")
@click.option("--export", default=None, metavar="PATH.npz",
              help="Write the network to PATH.npz (atomic; its folder must exist).")
@click.option("--instance", "instance_file", default=None, metavar="FILE",
              help="Build for this instance (.npy or JSON array: the permutation, or the "
                   "m′×2 pairs), same public seed.")
@click.option("--adversarial", "adversarial", default="auto", show_default=True,
              metavar="N|auto",
              help="Inputs per adversarial Monte-Carlo stratum (shares-units, "
                   "code-collision, greedy), an integer in [0, 10^6] or auto (enough to "
                   "show δ with 0 errors: 299 at δ = 0.01; at most 1000); 0 skips them.")
@click.option("--certify", "do_certify", is_flag=True, default=False,
              help="Also certify: all ≤k-sparse inputs and the identifying probes.")
@click.option("--exhaustive-limit", "exhaustive_limit", default=None, metavar="N",
              help="--certify: enumerate a scope of at most N inputs when the margin "
                   "argument is inconclusive, an integer in [0, 10^9] (default 200000).")
@progress_option
@output_options
def simulate(
    construction: str,
    m_prime: str,
    k: str,
    delta: str,
    seed: str,
    inputs: str | None,
    m: str | None,
    d: str | None,
    p: str | None,
    export: str | None,
    instance_file: str | None,
    adversarial: str | None,
    do_certify: bool,
    exhaustive_limit: str | None,
    fmt: str,
    show_progress: bool | None = None,
) -> None:
    """Build, count and verify a construction against C0 and the §3 lower bounds.

    CONSTRUCTION: permutation (C1), pairwise-and (C2), permutation-design (C1d),
    pairwise-and-design (C2d), pairwise-and-private (C2p), permutation-separated (C1s),
    pairwise-and-separated (C2s) or uand (peer U-AND). The lower bounds use b = the
    construction's bits per parameter and L = its depth, ε = 0.
    """
    precheck(construction, m_prime, k, inputs, m, export)
    if exhaustive_limit is not None:
        parse_int(exhaustive_limit, "exhaustive_limit", 0, MAX_EXHAUSTIVE_LIMIT)
        if not do_certify:
            raise ValueError("exhaustive_limit applies with --certify only")
    instance = None if instance_file is None else load_instance(instance_file)
    # stages: build, verify, C0 and lower bounds (+ export) (+ certify)
    stages = 3 + (export is not None) + do_certify
    with bar(f"simulate {construction}", "stages", enabled=wanted(show_progress, fmt),
             total=stages) as progress:
        done = [-1]

        def step(text: str) -> None:
            done[0] += 1
            progress.describe(text)
            progress.update(done[0], stages)

        row, footer, _net = run_simulation(
            construction, m_prime, k, delta, seed,
            inputs=inputs, m=m, d=d, p=p, export=export, step=step,
            instance=instance, certify=do_certify, adversarial=adversarial,
            exhaustive_limit=exhaustive_limit,
        )
        progress.describe(f"simulate {construction}: done")
        progress.update(stages, stages)
    if fmt in ("json", "csv"):  # no footer there: regime warnings go to stderr
        for line in footer:
            if line.startswith("warning: "):
                click.echo(f"superbounds: {line}", err=True)
    if fmt in ("json", "csv"):
        emit([record(row, footer)], COLUMNS, fmt)
    else:  # one construction: a vertical quantity/value table reads better
        lb = row["lower_bounds"]
        ver = row["verdicts"]
        flat = {**row, "lb_neurons": lb["neurons_lb"], "lb_params": lb["params_lb"],
                "lb_bits": lb["bits_lb"], "lb_log2": lb["log2_instances"],
                "v_mc": ("meets δ" if ver["monte_carlo"]["meets_delta"] else "fails δ")
                + _adversarial_text(ver["monte_carlo"]["adversarial"]),
                "v_all": _verdict_text(ver["all_sparse"]),
                "v_probes": _verdict_text(ver["probes"])}
        rows = [{"quantity": label, "value": flat[key]} for key, label in COLUMNS]
        emit(rows, [("quantity", "quantity"), ("value", "value")], fmt,
             title=f"simulate {construction}", footer=footer)


def _adversarial_text(line: str) -> str:
    """The Monte-Carlo cell's note on the adversarial strata (the footer has the counts).

    >>> _adversarial_text("adversarial strata: not run (adversarial=0)")
    ' (adversarial strata not run)'
    >>> _adversarial_text("adversarial strata: shares-units 0/59, code-collision 0/59, greedy 2/59")
    ' (incl. 3 adversarial strata)'
    """
    body = line.removeprefix("adversarial strata: ")
    if body.startswith("not needed"):
        return " (exhaustive)"
    if body.startswith("not run"):
        return " (adversarial strata not run)"
    return f" (incl. {body.split(' (')[0].count('/')} adversarial strata)"


def _verdict_text(cert: dict[str, Any] | None) -> str:
    """A certificate's verdict with the method that decided it (exhaustive, margin,
    rs-structure, exact-units, ...), or the hint to pass --certify."""
    if cert is None:
        return "(--certify)"
    return f"{cert['verdict']} (method: {cert['method']})"


@click.command("crossover", cls=GuardedCommand)
@click.argument("construction", type=click.Choice(crossover_names()))
@run_options("an integer >= 1")
@progress_option
@output_options
def crossover(construction: str, k: str, delta: str, seed: str, fmt: str,
              show_progress: bool | None = None) -> None:
    """Smallest m′ at which the construction's max width is below C0's."""
    k_ = parse_int(k, "k", 1)
    delta_ = parse_real(delta, "delta", 0.0, 1.0, low_closed=False)
    seed_ = parse_int(seed, "seed", 0)
    from bounds.constructions.crossover import c0_crossover

    with bar(f"crossover {construction}", "networks tried (total: at most)",
             enabled=wanted(show_progress, fmt)) as progress:
        m_cross = int(c0_crossover(construction, k_, delta_, seed=seed_,
                                   progress=progress.update))
    row = {
        "construction": construction,
        "k": k_,
        "delta": delta_,
        "seed": seed_,
        "crossover_m_prime": m_cross,
    }
    name = NAMES[construction]
    footer = [
        f"this library's {name} against C0 (one neuron per output, inputs explicit): the least "
        f"m' where the construction's max width is smaller AND its built network meets delta in "
        f"verify (Monte-Carlo), with its parameters chosen for k={k_}, delta={delta_:g}, "
        f"seed={seed_}; search by doubling then bisection (bounds.constructions.crossover."
        f"c0_crossover, which assumes success is monotone in m')"
    ]
    cols = [("construction", "construction"), ("k", "k"), ("delta", "δ"), ("seed", "seed"),
            ("crossover_m_prime", "crossover m′")]
    shown = [record(row, footer)] if fmt in ("json", "csv") else [row]
    emit(shown, cols, fmt, title=f"crossover {construction}", footer=footer)


