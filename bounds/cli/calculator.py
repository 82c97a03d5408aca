"""Calculator subcommands: ``bounds``, ``capacity``, ``solve``, ``represent``, ``demo``."""

from __future__ import annotations

import functools
from typing import Any

import click

from bounds.cli.common import GuardedCommand, emit, output_options
from bounds.cli.plot import check_plot, plot_option, write_plot
from bounds.families.base import CliOption
from bounds.families.registry import DEFAULT_PROBLEM, cli_options, cli_problems, family_entry
from bounds.limits import MAX_BITS, MAX_LAYERS, max_m_prime, max_width
from bounds.models.registry import DEFAULT_MODEL, MODELS, get_model
from bounds.parsing import expand_sweeps, parse_int, parse_real
from bounds.representation import ROUNDINGS

# The calculations are imported inside each command, so that a command (or --help)
# loads only what it uses.

PROBLEMS = cli_problems()


def _dest(flag: str) -> str:
    """The keyword a family option arrives under (``--m`` ↦ ``family_m``)."""
    return "family_" + flag.lstrip("-").replace("-", "_")


def _family_help(users: list[tuple[str, CliOption]]) -> str:
    """``Pairwise only: …``; per family when the families word it differently."""
    helps = {opt.help for _, opt in users}
    if len(helps) == 1:
        names = " and ".join(name for name, _ in users)
        return f"{names[0].upper()}{names[1:]} only: {users[0][1].help}"
    return " ".join(f"{name[0].upper()}{name[1:]}: {opt.help}" for name, opt in users)


def family_flags(command: str) -> Any:
    """Decorator: one click option per flag that a registered family declares for
    ``command``; the values arrive as ``family_<flag>`` keywords."""
    def add(func: Any) -> Any:
        for flag, users in reversed(cli_options(command).items()):
            is_flag = all(opt.kind == "flag" for _, opt in users)
            func = click.option(flag, _dest(flag), is_flag=is_flag,
                                default=False if is_flag else None,
                                help=_family_help(users))(func)
        return func
    return add


def family_kwargs(problem: str, command: str, given: dict[str, Any], *,
                  parse: bool = True) -> dict[str, Any]:
    """The factory options of ``problem`` from the family flags of ``command``.

    A flag the family does not declare is an error naming the families that take it;
    values are parsed in the ranges the family declares. ``parse=False`` only checks.
    """
    mine = {o.flag: o for o in family_entry(problem).cls.cli_options if command in o.commands}
    users = cli_options(command)
    used = [flag for flag in users if given.get(_dest(flag)) not in (None, False)]
    foreign = [flag for flag in used if flag not in mine]
    if foreign:
        owners = list(dict.fromkeys(name for f in foreign for name, _ in users[f]))
        raise ValueError(f"{', '.join(foreign)} applies to --problem {' or '.join(owners)} "
                         f"only (got --problem {problem})")
    out: dict[str, Any] = {}
    for flag in used if parse else ():
        opt, raw = mine[flag], given[_dest(flag)]
        out[opt.key] = (parse_int(raw, opt.key, opt.low, opt.high) if opt.kind == "int"
                        else opt.value if opt.kind == "flag" else raw)
    return out


def _family_options(func: Any) -> Any:
    """``--problem`` and the family flags of ``bounds``."""
    func = family_flags("bounds")(func)
    return click.option("--problem", type=click.Choice(PROBLEMS), default=DEFAULT_PROBLEM,
                        show_default=True, help="Problem family.")(func)


def _model_options(func: Any, several_bits: bool = False) -> Any:
    bits_help = (f"Bits per parameter b, an integer in [1, {MAX_BITS}]; 'real' drops the "
                 "precision assumption (the sign-pattern bound of real-valued networks).")
    if several_bits:
        bits_help += " Repeat for several rows (-b 1 -b 8 -b real)."
    for opt in reversed(
        [
            click.option("--bits", "-b", default=("8",) if several_bits else "8",
                         multiple=several_bits, show_default=True, help=bits_help),
            click.option("--layers", "-L", default="1", show_default=True,
                         help="Weight layers L, an integer in [1, 10^6]."),
            click.option("--eps", default="0", show_default=True,
                         help="Fraction of outputs allowed wrong, 0 <= eps < 1."),
            click.option("--model", type=click.Choice(tuple(MODELS)), default=DEFAULT_MODEL,
                         show_default=True, help="Description model "
                         + "/".join(m.label.split()[0] for m in MODELS.values()) + "."),
        ]
    ):
        func = opt(func)
    return func


def _bits_or_real(text: str) -> int | str:
    """--bits: an integer in [1, MAX_BITS] or 'real' (the sign-pattern bound)."""
    from bounds.lower import REAL

    return REAL if text.strip().lower() == REAL else parse_int(text, "bits", 1, MAX_BITS)


def merge_footers(per_row: list[tuple[str, list[str]]]) -> list[str]:
    """One footer for several rows: a line every row shares once, the others per row.

    >>> merge_footers([("n=10", ["A.", "B(n)=1."]), ("n=20", ["A.", "B(n)=4."])])
    ['A.', 'n=10: B(n)=1.', 'n=20: B(n)=4.']
    """
    common = [ln for ln in per_row[0][1] if all(ln in lines for _, lines in per_row)]
    out = list(common)
    seen = set(common)
    for label, lines in per_row:
        for ln in lines:
            if ln not in common and (label, ln) not in seen:
                seen.add((label, ln))
                out.append(f"{label}: {ln}" if len(per_row) > 1 else ln)
    return out


def _footer_lower(lb: Any) -> list[str]:
    return [f"Provenance: {lb.provenance}."] + [f"Assumption: {a}." for a in lb.assumptions]


# ------------------------------------------------------------------------- bounds
@click.command("bounds", cls=GuardedCommand)
@click.argument("m_primes", nargs=-1, required=True, metavar="M [M ...]")
@_family_options
@functools.partial(_model_options, several_bits=True)
@click.option("--slots", default=None, help="Slots D for --model "
              + "/".join(m.key for m in MODELS.values() if m.needs_slots) + ", an integer in "
              "[1, 10^200] (default: P_dense of the least width that can carry the bits).")
@plot_option
@output_options(brief=True)
def bounds_cmd(m_primes: tuple[str, ...], problem: str, bits: tuple[str, ...], layers: str,
               eps: str, model: str, slots: str | None, fmt: str, plot: str | None = None,
               **flags: Any) -> None:
    """Lower bounds (bits, parameters, neurons) for computing M output features.

    M: integers >= 2 (1000, 1e6, 10^9, 10**100), at most 10^400 for the permutation
    family, 10^300 for pairwise, 10^100 under --model sparse or mask. A sweep A..B
    stands for A, 10A, 100A, ..., B (1e3..1e9).

    Example: superbounds bounds 1000 1e6 --bits 8 --layers 1
    """
    from bounds.families import family
    from bounds.lower import lower_bounds

    family_kwargs(problem, "bounds", flags, parse=False)
    check_plot(plot)
    if not get_model(model).needs_slots and slots is not None:
        slotted = " or ".join(m.key for m in MODELS.values() if m.needs_slots)
        raise ValueError(f"--slots applies to --model {slotted} only (got --model {model})")
    from bounds.lower import REAL

    bs: list[int | str] = [REAL if text.strip().lower() == REAL
                           else parse_int(text, "bits", 1, MAX_BITS) for text in bits]
    L = parse_int(layers, "layers", 1, MAX_LAYERS)
    e = parse_real(eps, "eps", 0.0, 1.0)
    d = parse_int(slots, "slots", 1, 10**200) if slots is not None else None
    options = family_kwargs(problem, "bounds", flags)
    mps = expand_sweeps(m_primes, "m_prime", 2, max_m_prime(problem, model, every_theorem=True))
    rows = []
    results = []
    for b in bs:
        for mp_ in mps:
            fam = family(problem, mp_, **options)
            results.append(lower_bounds(fam, bits=b, layers=L, eps=e, model=model, slots=d))
            rows.append(results[-1].as_dict())
    columns = [("m_prime", "m'"), ("log2_instances", "log2|F|"), ("bits_lb", "bits >= I_eps"),
               ("params_lb", "params >="),
               ("neurons_lb", "max width >="), ("neurons_total_lb", "total neurons >=")]
    if get_model(model).needs_slots:
        columns.insert(4, ("slots", "slots D"))
    last = results[-1]
    if len(bs) > 1:
        columns.insert(1, ("bits_per_param", "b"))
    shown_b = str(bs[0]) if len(bs) == 1 else "{" + ", ".join(map(str, bs)) + "}"
    title = f"Lower bounds: {last.problem}, b={shown_b}, L={L}, eps={e:g}, {get_model(model).label}"
    footer = merge_footers([(f"b={r.bits_per_param}", _footer_lower(r)) for r in results])
    if any(r["bits_lb_ceil"] == 0 for r in rows):
        footer.append("A row with bits >= 0 is vacuous: at that eps the error-volume bound "
                      "V_eps already covers the whole family, so counting proves nothing.")
    if any(r["params_lb"] is None for r in rows):
        footer.append("'—' in params: no P <= D carries the bits (D too small for this model).")
    emit(rows, columns, fmt, title=title, footer=footer, answer="neurons_lb")
    if plot is not None:
        series = []
        for b in dict.fromkeys(r["bits_per_param"] for r in rows):
            mine = [r for r in rows if r["bits_per_param"] == b]
            tag = f" (b={b})" if len(bs) > 1 else ""
            xs = [r["m_prime"] for r in mine]
            series += [(f"{label}{tag}", xs, [r[key] for r in mine]) for key, label in (
                ("params_lb", "params >="), ("neurons_lb", "max width >="),
                ("neurons_total_lb", "total neurons >="))]
        write_plot(plot, series, title=title, xlabel="m' (output features)",
                   ylabel="lower bound", footer=footer[0] if footer else "")


# ----------------------------------------------------------------------- capacity
@click.command("capacity", cls=GuardedCommand)
@click.argument("widths", nargs=-1, required=True, metavar="N [N ...]")
@click.option("--problem", type=click.Choice(PROBLEMS), default=DEFAULT_PROBLEM,
              show_default=True, help="Problem family (pairwise uses m = m').")
@family_flags("capacity")
@_model_options
@plot_option
@output_options(brief=True)
def capacity_cmd(widths: tuple[str, ...], problem: str, bits: str, layers: str, eps: str,
                 model: str, fmt: str, plot: str | None = None, **flags: Any) -> None:
    """Capacity: the most output features networks of width N can compute.

    N: integers >= 1, at most 10^100 (10^50 under --model sparse or mask); a sweep
    A..B stands for A, 10A, ..., B.

    Example: superbounds capacity 100 1000 --bits 8
    """
    from bounds.capacity import capacity as capacity_of

    options = family_kwargs(problem, "capacity", flags)
    check_plot(plot)
    b = _bits_or_real(bits)
    L = parse_int(layers, "layers", 1, MAX_LAYERS)
    e = parse_real(eps, "eps", 0.0, 1.0)
    caps = [capacity_of(n, bits=b, layers=L, eps=e, problem=problem, model=model,
                       **options)
            for n in expand_sweeps(widths, "n", 1, max_width(model))]
    rows = [c.as_dict() for c in caps]
    columns = [("n", "n (width)"), ("budget_bits", "budget bits B(n)"),
               ("m_prime_max", "max m' (exact)"), ("m_prime_lambert", "Lambert-W form")]
    footer = merge_footers([
        (f"n={c.n:,}", [f"Provenance: {c.provenance}."] + [f"Assumption: {a}." for a in
                                                           c.assumptions]) for c in caps])
    title = f"Capacity: {problem}, b={b}, L={L}, eps={e:g}"
    emit(rows, columns, fmt, title=title, footer=footer, answer="m_prime_max")
    if plot is not None:
        xs = [r["n"] for r in rows]
        write_plot(plot, [("max m' (exact)", xs, [r["m_prime_max"] for r in rows]),
                          ("Lambert-W form", xs, [r["m_prime_lambert"] for r in rows])],
                   title=title, xlabel="n (width)", ylabel="m' (output features)",
                   footer=footer[0] if footer else "")


# -------------------------------------------------------------------------- solve
@click.command("solve", cls=GuardedCommand)
@click.option("--m-prime", "m_prime", default=None,
              help="Output features m', an integer in [2, 10^1000] (pairwise: 10^300).")
@click.option("--neurons", "-n", default=None,
              help="Width n (every layer), an integer in [1, 10^100].")
@click.option("--bits", "-b", default=None,
              help=f"Bits per parameter b, an integer in [1, {MAX_BITS}], or 'real' (no "
                   "precision assumption: the sign-pattern bound).")
@click.option("--layers", "-L", default=None, help="Weight layers L, an integer in [1, 10^6].")
@click.option("--problem", type=click.Choice(PROBLEMS), default=DEFAULT_PROBLEM,
              show_default=True)
@click.option("--eps", default="0", show_default=True, help="0 <= eps < 1.")
@output_options(brief=True)
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
    from bounds.solve import solve

    e = parse_real(eps, "eps", 0.0, 1.0)
    top = max_m_prime(problem)
    sol = solve(
        m_prime=None if m_prime is None else parse_int(m_prime, "m_prime", 2, top),
        neurons=None if neurons is None else parse_int(neurons, "neurons", 1, max_width()),
        bits=None if bits is None else _bits_or_real(bits),
        layers=None if layers is None else parse_int(layers, "layers", 1, MAX_LAYERS),
        eps=e, problem=problem)
    row = sol.as_dict()
    row["assumptions"] = ["model D1 dense: b-bit weights and biases, counted as b L (n^2 + n) "
                          "bits", "equal widths n in every layer (d <= n)"]
    if sol.bits_per_param == "real":
        row["assumptions"] = ["real-valued parameters (no precision assumption): sign-pattern "
                              "count on the identifying probes", "equal widths n in every "
                              "layer (d <= n)"]
    cols = [("solved_for", "solved for"), ("m_prime", "m'"), ("neurons", "n"),
            ("bits_per_param", "b"), ("layers", "L")]
    answer = {"bits": "bits_per_param"}.get(sol.solved_for, sol.solved_for)
    emit([row], cols, fmt, title=f"Solve ({problem}, eps={e:g})",
         footer=[f"Provenance: {row['provenance']}.",
                 *[f"Assumption: {a}." for a in row["assumptions"]]], answer=answer)


# ---------------------------------------------------------------------- represent
@click.command("represent", cls=GuardedCommand)
@click.argument("m_primes", nargs=-1, required=True, metavar="M [M ...]")
@click.option("--eps-jl", "eps_jl", default="0.1", show_default=True,
              help="JL distortion eps_JL, a real number in (0, 1).")
@click.option("--rounding", type=click.Choice(ROUNDINGS), default="ceil", show_default=True)
@click.option("--bits", "-b", default="8", show_default=True,
              help=f"b for the computing bound shown beside it, an integer in [1, {MAX_BITS}].")
@click.option("--layers", "-L", default="1", show_default=True,
              help="L for the computing bound, an integer in [1, 10^6].")
@plot_option
@output_options(brief=True)
def represent_cmd(m_primes: tuple[str, ...], eps_jl: str, rounding: str, bits: str, layers: str,
                  fmt: str, plot: str | None = None) -> None:
    """Dimensions to REPRESENT M features (JL), beside the neurons to COMPUTE them."""
    from bounds.families import family
    from bounds.lower import Target, least_width
    from bounds.reals import real_ratio
    from bounds.representation import crossover, representation

    check_plot(plot)
    e = parse_real(eps_jl, "eps_jl", 0.0, 1.0, low_closed=False)
    b = parse_int(bits, "bits", 1, MAX_BITS)
    L = parse_int(layers, "layers", 1, MAX_LAYERS)
    rows = []
    rep = None
    cross = crossover(bits=b, layers=L, eps_jl=e, rounding=rounding)
    for mp_ in expand_sweeps(m_primes, "m_prime", 2, max_m_prime()):
        rep = representation(mp_, e, rounding)
        row = rep.as_dict()
        row["neurons_lb"] = least_width(Target(family("permutation", mp_)).ceil, b, L)
        row["ratio"] = real_ratio(row["neurons_lb"], rep.dims)  # no overflow past 1e308
        # what the footer says, in the record too (one JSON shape: records carry it all)
        row["compute_bits_per_param"], row["compute_layers"] = b, L
        row["compute_assumptions"] = ["permutation family", "model D1 dense", "eps=0"]
        row["crossover_m_prime"] = cross.m_prime
        row["crossover_provenance"] = cross.provenance
        rows.append(row)
    assert rep is not None
    cols = [("m_prime", "m'"), ("dims", f"JL dims (eps={e:g})"),
            ("storage_dims", "storage dims (k=3, b=8)"),
            ("neurons_lb", f"compute neurons >= (b={b}, L={L})"), ("ratio", "compute/represent")]
    footer = [f"Provenance: {rep.provenance}.",
              *[f"Assumption: {a}." for a in rep.assumptions],
              f"Computing bound: permutation family, model D1, eps=0; crossover: computing "
              f"needs more neurons than JL dimensions from m' = {cross.m_prime:,} on "
              f"({cross.provenance})."]
    emit(rows, cols, fmt, title="Representing vs computing", footer=footer, answer="dims")
    if plot is not None:
        xs = [r["m_prime"] for r in rows]
        write_plot(plot, [(header, xs, [r[key] for r in rows]) for key, header in cols[1:4]],
                   title="Representing vs computing", xlabel="m' (features)",
                   ylabel="dimensions / neurons", footer=footer[0])




# --------------------------------------------------------------------------- demo
DEMO_M = ("1e3", "1e4", "1e5", "1e6", "1e7", "1e8", "1e9")


@click.command("demo", cls=GuardedCommand)
@click.option("--json", "as_json", is_flag=True,
              help="Print every table's rows as one JSON list of records, each with a "
                   "'table' key (bounds-permutation, bounds-pairwise, capacity, represent).")
@click.pass_context
def demo_cmd(ctx: click.Context, as_json: bool) -> None:
    """The main job: bound tables, capacity and the representation contrast."""
    fmt = "json" if as_json else "table"
    calls = [
        ("bounds-permutation", bounds_cmd, dict(
            m_primes=DEMO_M, problem="permutation",
            bits=("8",), layers="1", eps="0", model="dense", slots=None)),
        ("bounds-pairwise", bounds_cmd, dict(
            m_primes=DEMO_M, problem="pairwise",
            bits=("8",), layers="1", eps="0", model="dense", slots=None)),
        ("capacity", capacity_cmd, dict(
            widths=("10", "100", "1000", "1e4", "1e5"), problem="permutation",
            bits="8", layers="1", eps="0", model="dense")),
        ("represent", represent_cmd, dict(
            m_primes=DEMO_M, eps_jl="0.1", rounding="ceil", bits="8", layers="1")),
    ]
    if as_json:
        import json

        records = []
        for name, cmd, kwargs in calls:
            text = _captured(ctx, cmd, {**kwargs, "fmt": fmt})
            records += [{"table": name, **r} for r in json.loads(text)]
        click.echo(json.dumps(records, indent=2))
        return
    click.echo("superposition-bounds — the numbers behind Adler & Shavit (arXiv:2409.15318)\n"
               "Constants are this library's (docs/model.md), never the paper's.\n")
    for i, (_, cmd, kwargs) in enumerate(calls):
        if i:
            click.echo()
        ctx.invoke(cmd, **kwargs, fmt=fmt)


def _captured(ctx: click.Context, cmd: click.Command, kwargs: dict[str, Any]) -> str:
    """The stdout of ``cmd`` invoked with ``kwargs`` (for demo --json)."""
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        ctx.invoke(cmd, **kwargs)
    return buf.getvalue()
