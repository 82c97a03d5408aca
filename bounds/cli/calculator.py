"""Calculator subcommands: ``bounds``, ``capacity``, ``solve``, ``represent``, ``demo``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import click

from bounds.capacity import capacity as capacity_of
from bounds.cli.common import GuardedCommand, emit, output_options
from bounds.families import cli_problems, family
from bounds.lower import REAL, Target, least_width, lower_bounds
from bounds.models import MODELS, get_model
from bounds.provenance import cite_claims
from bounds.representation import ROUNDINGS, crossover, representation
from bounds.validation import as_int, as_real

PROBLEMS = cli_problems()


def parse_int(text: str, name: str, minimum: int = 2) -> int:
    """Parse an integer argument exactly: ``1000``, ``1e6``, ``10^9``, ``10**100``.

    >>> parse_int("1e100", "m_prime") == 10**100, parse_int("10^3", "m_prime")
    (True, 1000)
    """
    s = str(text).strip().replace("_", "").replace(",", "")
    for sep in ("**", "^"):
        if sep in s:
            base, _, exp = s.partition(sep)
            try:
                value: Any = int(base) ** int(exp)
            except ValueError:
                raise ValueError(
                    f"{name} must be an integer >= {minimum} (got {text!r})"
                ) from None
            return as_int(value, name, minimum)
    try:
        dec = Decimal(s)
    except InvalidOperation:
        raise ValueError(f"{name} must be an integer >= {minimum} (got {text!r})") from None
    if not dec.is_finite() or dec != dec.to_integral_value():
        raise ValueError(f"{name} must be an integer >= {minimum} (got {text!r})")
    return as_int(int(dec), name, minimum)


def _family_options(func: Any) -> Any:
    for opt in reversed(
        [
            click.option("--problem", type=click.Choice(PROBLEMS), default="permutation",
                         show_default=True, help="Problem family."),
            click.option("--m", "m_inputs", default=None,
                         help="Inputs m for pairwise (default m = m'; raised to 3 for m' = 2)."),
            click.option("--op", default=None,
                         help="Pairwise op: AND (default), OR, XOR, NAND, NOR, XNOR."),
            click.option("--unlabelled", is_flag=True,
                         help="Pairwise instances as sets of pairs (default: ordered)."),
        ]
    ):
        func = opt(func)
    return func


def _model_options(func: Any) -> Any:
    for opt in reversed(
        [
            click.option("--bits", "-b", default="8", show_default=True,
                         help="Bits per parameter b (>= 1); 'bounds' also takes 'real' "
                              "(real-valued parameters: the sign-pattern bound only)."),
            click.option("--layers", "-L", default="1", show_default=True,
                         help="Weight layers L (>= 1)."),
            click.option("--eps", default="0", show_default=True,
                         help="Fraction of outputs allowed wrong, 0 <= eps < 1."),
            click.option("--model", type=click.Choice(tuple(MODELS)), default="dense",
                         show_default=True, help="Description model D1/D2/D3."),
        ]
    ):
        func = opt(func)
    return func


def _real(text: str, name: str, low: float, high: float, low_closed: bool = True) -> float:
    try:
        value = float(text)
    except ValueError:
        value = text  # type: ignore[assignment]
    return as_real(value, name, low, high, low_closed=low_closed)


def _footer_lower(lb: Any) -> list[str]:
    return [f"Provenance: {lb.provenance}."] + [f"Assumption: {a}." for a in lb.assumptions]


# ------------------------------------------------------------------------- bounds
@click.command("bounds", cls=GuardedCommand)
@click.argument("m_primes", nargs=-1, required=True, metavar="M [M ...]")
@_family_options
@_model_options
@click.option("--slots", default=None, help="Slots D for --model sparse/mask "
              "(default: P_dense of the least width that can carry the bits).")
@output_options
def bounds_cmd(m_primes: tuple[str, ...], problem: str, m_inputs: str | None, op: str | None,
               unlabelled: bool, bits: str, layers: str, eps: str, model: str,
               slots: str | None, fmt: str) -> None:
    """Lower bounds (bits, parameters, neurons) for computing M output features.

    Example: superbounds bounds 1000 1e6 --bits 8 --layers 1
    """
    b: int | str = REAL if bits.strip().lower() == REAL else parse_int(bits, "bits", 1)
    L = parse_int(layers, "layers", 1)
    e = _real(eps, "eps", 0.0, 1.0)
    d = parse_int(slots, "slots", 1) if slots is not None else None
    rows = []
    last = None
    for text in m_primes:
        mp_ = parse_int(text, "m_prime")
        fam = family(problem, mp_, m=None if m_inputs is None else parse_int(m_inputs, "m"),
                     op=op, labelled=False if unlabelled else None)
        last = lower_bounds(fam, bits=b, layers=L, eps=e, model=model, slots=d)
        rows.append(last.as_dict())
    columns = [("m_prime", "m'"), ("log2_instances", "log2|F|"), ("bits_lb", "bits >= I_eps"),
               ("params_lb", "params >="),
               ("neurons_lb", "max width >="), ("neurons_total_lb", "total neurons >=")]
    if model != "dense":
        columns.insert(4, ("slots", "slots D"))
    assert last is not None
    title = f"Lower bounds: {last.problem}, b={b}, L={L}, eps={e:g}, {get_model(model).label}"
    footer = _footer_lower(last)
    if any(r["bits_lb_ceil"] == 0 for r in rows):
        footer.append("A row with bits >= 0 is vacuous: at that eps the error-volume bound "
                      "V_eps already covers the whole family, so counting proves nothing.")
    if any(r["params_lb"] is None for r in rows):
        footer.append("'—' in params: no P <= D carries the bits (D too small for this model).")
    emit(rows, columns, fmt, title=title, footer=footer)


# ----------------------------------------------------------------------- capacity
@click.command("capacity", cls=GuardedCommand)
@click.argument("widths", nargs=-1, required=True, metavar="N [N ...]")
@click.option("--problem", type=click.Choice(PROBLEMS), default="permutation",
              show_default=True, help="Problem family (pairwise uses m = m').")
@click.option("--op", default=None, help="Pairwise op (default AND).")
@_model_options
@output_options
def capacity_cmd(widths: tuple[str, ...], problem: str, op: str | None, bits: str, layers: str,
                 eps: str, model: str, fmt: str) -> None:
    """Capacity: the most output features networks of width N can compute.

    Example: superbounds capacity 100 1000 --bits 8
    """
    b = parse_int(bits, "bits", 1)
    L = parse_int(layers, "layers", 1)
    e = _real(eps, "eps", 0.0, 1.0)
    caps = [capacity_of(parse_int(t, "n", 1), bits=b, layers=L, eps=e, problem=problem,
                        model=model, op=op) for t in widths]
    rows = [c.as_dict() for c in caps]
    columns = [("n", "n (width)"), ("budget_bits", "budget bits B(n)"),
               ("m_prime_max", "max m' (exact)"), ("m_prime_lambert", "Lambert-W form")]
    footer = [f"Provenance: {caps[-1].provenance}."] + [
        f"Assumption: {a}." for a in caps[-1].assumptions]
    emit(rows, columns, fmt, title=f"Capacity: {problem}, b={b}, L={L}, eps={e:g}",
         footer=footer)


# -------------------------------------------------------------------------- solve
@click.command("solve", cls=GuardedCommand)
@click.option("--m-prime", "m_prime", default=None, help="Output features m'.")
@click.option("--neurons", "-n", default=None, help="Width n (every layer).")
@click.option("--bits", "-b", default=None, help="Bits per parameter b.")
@click.option("--layers", "-L", default=None, help="Weight layers L.")
@click.option("--problem", type=click.Choice(PROBLEMS), default="permutation",
              show_default=True)
@click.option("--eps", default="0", show_default=True, help="0 <= eps < 1.")
@output_options
def solve_cmd(m_prime: str | None, neurons: str | None, bits: str | None,
              layers: str | None, problem: str, eps: str, fmt: str) -> None:
    """Give all but one of --m-prime, --neurons, --bits, --layers; solve for the missing one.

    Model D1 (dense, equal widths): the missing quantity is the extreme value for
    which b·L·(n² + n) >= I_eps(m') still holds: the largest m', or the least n, b or L.
    """
    given = {"m_prime": m_prime, "neurons": neurons, "bits": bits, "layers": layers}
    missing = [k for k, v in given.items() if v is None]
    if len(missing) != 1:
        raise ValueError(
            "solve needs exactly one of --m-prime, --neurons, --bits, --layers left out "
            f"(left out: {', '.join(missing) or 'none'})"
        )
    e = _real(eps, "eps", 0.0, 1.0)
    want = missing[0]
    b = parse_int(bits, "bits", 1) if bits is not None else None
    L = parse_int(layers, "layers", 1) if layers is not None else None
    n = parse_int(neurons, "neurons", 1) if neurons is not None else None
    mp_ = parse_int(m_prime, "m_prime") if m_prime is not None else None
    if want == "m_prime":
        assert b is not None and L is not None and n is not None
        cap = capacity_of(n, bits=b, layers=L, eps=e, problem=problem)
        if cap.m_prime_max < 2:
            raise ValueError(f"neurons={n} cannot compute even m_prime=2 under b={b}, L={L}")
        mp_ = cap.m_prime_max
        theorem = "capacity"
    else:
        assert mp_ is not None
        need = Target(family(problem, mp_), e).ceil
        if want == "neurons":
            assert b is not None and L is not None
            n = least_width(need, b, L)
        elif want == "bits":
            assert L is not None and n is not None
            b = max(1, -(-need // (L * (n * n + n))))
        else:
            assert b is not None and n is not None
            L = max(1, -(-need // (b * (n * n + n))))
        theorem = "neurons"  # b·L·(n² + n) >= I_eps, solved for n, b or L
    assert b is not None and L is not None and n is not None and mp_ is not None
    row = {"solved_for": want, "m_prime": mp_, "neurons": n, "bits_per_param": b,
           "layers": L, "eps": e, "problem": problem,
           "provenance": f"this library's theorem {theorem} under model D1, b={b}, L={L}, "
                         f"eps={e:g}; {cite_claims(('A1', 'A2', 'A4'))}"}
    cols = [("solved_for", "solved for"), ("m_prime", "m'"), ("neurons", "n"),
            ("bits_per_param", "b"), ("layers", "L")]
    emit([row], cols, fmt, title=f"Solve ({problem}, eps={e:g})",
         footer=[f"Provenance: {row['provenance']}."])


# ---------------------------------------------------------------------- represent
@click.command("represent", cls=GuardedCommand)
@click.argument("m_primes", nargs=-1, required=True, metavar="M [M ...]")
@click.option("--eps", default="0.1", show_default=True, help="JL distortion, 0 < eps < 1.")
@click.option("--rounding", type=click.Choice(ROUNDINGS), default="ceil", show_default=True)
@click.option("--bits", "-b", default="8", show_default=True,
              help="b for the computing bound shown beside it.")
@click.option("--layers", "-L", default="1", show_default=True)
@output_options
def represent_cmd(m_primes: tuple[str, ...], eps: str, rounding: str, bits: str, layers: str,
                  fmt: str) -> None:
    """Dimensions to REPRESENT M features (JL), beside the neurons to COMPUTE them."""
    e = _real(eps, "eps", 0.0, 1.0, low_closed=False)
    b = parse_int(bits, "bits", 1)
    L = parse_int(layers, "layers", 1)
    rows = []
    rep = None
    for t in m_primes:
        mp_ = parse_int(t, "m_prime")
        rep = representation(mp_, e, rounding)
        row = rep.as_dict()
        row["neurons_lb"] = least_width(Target(family("permutation", mp_)).ceil, b, L)
        row["ratio"] = row["neurons_lb"] / rep.dims
        rows.append(row)
    cross = crossover(bits=b, layers=L, eps_jl=e, rounding=rounding)
    assert rep is not None
    cols = [("m_prime", "m'"), ("dims", f"JL dims (eps={e:g})"),
            ("storage_dims", "storage dims (k=3, b=8)"),
            ("neurons_lb", f"compute neurons >= (b={b}, L={L})"), ("ratio", "compute/represent")]
    footer = [f"Provenance: {rep.provenance}.",
              *[f"Assumption: {a}." for a in rep.assumptions],
              f"Computing bound: permutation family, model D1, eps=0; crossover: computing "
              f"needs more neurons than JL dimensions from m' = {cross.m_prime:,} on "
              f"({cross.provenance})."]
    emit(rows, cols, fmt, title="Representing vs computing", footer=footer)


COMMANDS = [bounds_cmd, capacity_cmd, solve_cmd, represent_cmd]


# --------------------------------------------------------------------------- demo
DEMO_M = ("1e3", "1e4", "1e5", "1e6", "1e7", "1e8", "1e9")


@click.command("demo", cls=GuardedCommand)
@click.pass_context
def demo_cmd(ctx: click.Context) -> None:
    """The main job: bound tables, capacity and the representation contrast."""
    click.echo("superposition-bounds — the numbers behind Adler & Shavit (arXiv:2409.15318)\n"
               "Constants are this library's (docs/model.md), never the paper's.\n")
    ctx.invoke(bounds_cmd, m_primes=DEMO_M, problem="permutation", m_inputs=None, op=None,
               unlabelled=False, bits="8", layers="1", eps="0", model="dense", slots=None,
               fmt="table")
    click.echo()
    ctx.invoke(bounds_cmd, m_primes=DEMO_M, problem="pairwise", m_inputs=None, op=None,
               unlabelled=False, bits="8", layers="1", eps="0", model="dense", slots=None,
               fmt="table")
    click.echo()
    ctx.invoke(capacity_cmd, widths=("10", "100", "1000", "1e4", "1e5"), problem="permutation",
               op=None, bits="8", layers="1", eps="0", model="dense", fmt="table")
    click.echo()
    ctx.invoke(represent_cmd, m_primes=DEMO_M, eps="0.1", rounding="ceil", bits="8",
               layers="1", fmt="table")


COMMANDS.append(demo_cmd)
