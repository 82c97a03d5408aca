"""Generated calculator tables for ``docs/tables/`` (issue: docs that regenerate).

Each function returns Markdown; :data:`GENERATORS` registers the files. Every table
carries its provenance and assumptions beneath it, and every page ends with the
"what this does not show" box.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from bounds.capacity import capacity
from bounds.families import DEFAULT_PROBLEM, cli_problems, family
from bounds.formatting import render
from bounds.lower import LowerBounds, lower_bounds
from bounds.models import DEFAULT_MODEL, MODELS, DescriptionModel
from bounds.reports.docsgen import GENERATED_MARK, DocFile
from bounds.representation import crossover, jl_min_dim, storage_dims

__all__ = ["GENERATORS", "LIMITS_BOX", "THEOREMS_ONLY", "limits_box", "page"]

#: the box's first sentence on a page whose every number is a theorem (the default)
THEOREMS_ONLY = "Every number here is a theorem of this library in its own model (docs/model.md)"

LIMITS_BOX = """\
> **What this does not show.** Every number here is a theorem of this library in its own
> model (docs/model.md): b-bit parameters, L layers, a public input code and decoder that
> are not counted, exact or ε-tolerant correctness on identifying probes. The constants
> are this library's, not the paper's (whose claims are asymptotic). Lower bounds count
> network descriptions; they do not say a training procedure finds such a network.
> Statements labelled "checked on [a, b]" hold on that range only."""


def limits_box(scope: str = THEOREMS_ONLY) -> str:
    """The "what this does not show" box (:data:`LIMITS_BOX`) with its first sentence
    replaced by ``scope``: which numbers of the page are theorems and which are measured
    (the default, :data:`THEOREMS_ONLY`: every number is a theorem).

    >>> limits_box() == LIMITS_BOX
    True
    >>> "Monte-Carlo" in limits_box("Rows marked monte-carlo are Monte-Carlo rates")
    True
    """
    import textwrap

    if scope == THEOREMS_ONLY:
        return LIMITS_BOX
    head = "> **What this does not show.** "
    rest = LIMITS_BOX.replace("\n> ", " ")[len(head) + len(THEOREMS_ONLY):]
    lines = textwrap.wrap(head[2:] + scope + rest, 88, break_on_hyphens=False)
    return "\n".join("> " + line for line in lines)


BITS = (1, 4, 8, 16, 32)
EPSILONS = (0.0, 0.01, 0.1)


def page(title: str, intro: str, sections: Iterable[str], *,
         limits: str = THEOREMS_ONLY) -> str:
    """A generated Markdown page: mark, title, intro, sections, limits box (``limits``:
    its first sentence, :func:`limits_box`)."""
    return "\n".join([GENERATED_MARK, "", f"# {title}", "", intro, "", *sections,
                      limits_box(limits), ""])


def _cmd(text: str) -> str:
    return f"Reproduce with:\n\n```\n{text}\n```\n"


def bounds_section(problem: str) -> str:
    """Lower bounds for m′ = 10³ … 10⁹ (b = 8, L = 1, ε = 0, D1) for one family."""
    rows = []
    last = None
    for exp in range(3, 10):
        last = lower_bounds(family(problem, 10**exp), bits=8, layers=1)
        rows.append(last.as_dict())
    assert last is not None
    cols = [("m_prime", "m'"), ("log2_instances", "log2|F|"), ("bits_lb", "bits >= I_eps"),
            ("params_lb", "params >= (D1)"), ("neurons_lb", "neurons >=")]
    footer = [f"Provenance: {last.provenance}."] + [f"Assumption: {a}." for a in last.assumptions]
    opts = "" if problem == DEFAULT_PROBLEM else f"--problem {problem} "
    return "\n".join([
        f"## {last.problem.split(' (')[0]}",
        "",
        _cmd(f"superbounds bounds 1e3 1e4 1e5 1e6 1e7 1e8 1e9 {opts}--bits 8 --markdown"),
        render(rows, cols, "markdown", footer=footer),
        "",
    ])


def bounds_table_page() -> Iterable[DocFile]:
    """``tables/bounds.md``: lower bounds for m′ = 10³ … 10⁹, both families."""
    yield DocFile("tables/bounds.md", page(
        "Lower bounds for m' = 10^3 ... 10^9 (b = 8, L = 1, eps = 0)",
        "Every number is this library's theorem in its own model (docs/model.md), not a "
        "constant from the paper; the paper's claims are asymptotic.",
        [bounds_section(p) for p in cli_problems()],
    ))


def grid_section(problem: str, eps: float) -> str:
    """Params and neurons for m′ = 10¹ … 10¹² and every b in :data:`BITS` (L = 1, D1)."""
    rows = []
    last = None
    for exp in range(1, 13):
        row: dict[str, object] = {"m_prime": 10**exp}
        for b in BITS:
            last = lower_bounds(family(problem, 10**exp), bits=b, layers=1, eps=eps)
            row["bits_lb"] = last.bits_lb
            row[f"p{b}"] = _marked(last, "params")
            row[f"n{b}"] = _marked(last, "neurons")
        rows.append(row)
    assert last is not None
    cols = [("m_prime", "m'"), ("bits_lb", "I_eps (bits)")]
    cols += [(f"p{b}", f"params b={b}") for b in BITS]
    cols += [(f"n{b}", f"neurons b={b}") for b in BITS]
    opts = "" if problem == DEFAULT_PROBLEM else f" --problem {problem}"
    name = last.problem.split(" (")[0]
    return "\n".join([
        f"### {name}, eps = {eps:g}",
        "",
        _cmd(f"superbounds bounds 1e1..1e12{opts} --eps {eps:g} "
             + " ".join(f"-b {b}" for b in BITS) + " --markdown"),
        render(rows, cols, "markdown", footer=[
            "Provenance: this library's theorems params-dense and neurons under model D1, "
            f"L=1, eps={eps:g}, b as in each column; supports paper claims A1, A2 "
            "(asymptotic). A value marked † is larger by the theorem sign-patterns "
            "(real-valued parameters, so b-bit ones too), which then gives the bound.",
        ]),
        "",
    ])


def _marked(lb: LowerBounds, quantity: str) -> object:
    """The best bound, with † where the sign-pattern theorem gives it."""
    best = lb.best(quantity)
    value = getattr(best, quantity)
    return f"{value:,}†" if best.theorem == "sign-patterns" else value


def bounds_grid_page() -> Iterable[DocFile]:
    """``tables/bounds_grid.md``: both families × b × ε."""
    sections = [grid_section(p, e) for p in cli_problems() for e in EPSILONS]
    yield DocFile("tables/bounds_grid.md", page(
        "Lower bounds across b and eps (L = 1, model D1)",
        "Least parameters P (b·P ≥ I_eps) and least equal width n (b·(n² + n) ≥ I_eps) for "
        "m' = 10^1 … 10^12. Pairwise rows use the pairwise-AND family with m = m' inputs.",
        sections,
    ))


#: the denominators a model may name in its ``ratio_columns`` (tables/models.md)
_RATIO_SCALES = {"m' log2 m'": lambda m: m * math.log2(m), "m'": lambda m: m}


def _short(model: DescriptionModel) -> str:
    """``D2`` of ``D2 sparse``."""
    return model.label.split()[0]


def _and_join(words: list[str]) -> str:
    """``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def models_section(problem: str, bits: int = 8) -> str:
    """Every registered model side by side: when Ω(m′ log m′) parameters holds and when it
    weakens (A3). Models with slots use D = m′² slots."""
    models = list(MODELS.values())
    rows = []
    for exp in range(2, 11):
        mp_ = 10**exp
        fam = family(problem, mp_)
        row = {"m_prime": mp_}
        ratios = {}
        for mod in models:
            lb = lower_bounds(fam, bits=bits, model=mod.key,
                              slots=mp_**2 if mod.needs_slots else None)
            row[mod.key] = lb.params_lb
            for den in mod.ratio_columns:
                ratios[f"{mod.key}/{den}"] = (lb.params_lb or 0) / _RATIO_SCALES[den](mp_)
        rows.append({**row, **ratios})
    cols = [("m_prime", "m'")]
    cols += [(m.key, m.label + (", D = m'^2" if m.needs_slots else "")) for m in models]
    cols += [(f"{m.key}/{den}", f"{_short(m)} / " + (f"({den})" if " " in den else den))
             for m in models for den in m.ratio_columns]
    opts = "" if problem == DEFAULT_PROBLEM else f" --problem {problem}"
    default = MODELS[DEFAULT_MODEL]
    slotted = [m for m in models if m.needs_slots]
    lines = [f"superbounds bounds 1e2..1e10{opts} --bits {bits} --markdown"]
    lines += [f"superbounds bounds 1e2..1e10{opts} --bits {bits} --model {m.key} --markdown"
              for m in models if not m.needs_slots and m is not default]
    if slotted:
        lines += [f"superbounds bounds 1e4{opts} --bits {bits} --model {slotted[0].key} "
                  "--slots 1e8 --markdown",
                  f"(the {_short(slotted[0])} row m' = 10^4; each row uses --slots m'^2"
                  + "".join(f", and --model {m.key} for {_short(m)}" for m in slotted[1:])
                  + ")"]
    theorems = _and_join([f"{m.theorem} ({_short(m)})" for m in models])
    return "\n".join([
        f"### {family(problem, 10).label.split(' (')[0]}, b = {bits}, L = 1, eps = 0",
        "",
        _cmd("\n".join(lines)),
        render(rows, cols, "markdown", footer=[
            f"Provenance: this library's theorems {theorems} under b={bits}, L=1, eps=0, "
            "D = m'^2 slots; the " + "/".join(_short(m) for m in slotted) + " rows "
            "support the discussion of paper claim A3 (asymptotic).",
        ]),
        "",
    ])


def models_page() -> Iterable[DocFile]:
    """``tables/models.md``: the registered models (D1/D2/D3) compared."""
    intro = (
        "Under D1 every slot is a parameter, and P/(m' log2 m') tends to 1/b: the "
        "Omega(m' log m') of claim A1. Under D2 a nonzero parameter's *position* among "
        "D = m'^2 slots carries about log2(D/P) bits, so P/(m' log2 m') falls towards 0 "
        "while P/m' stays bounded below: only Omega(m') parameters. Claim A3 (lottery "
        "tickets need Omega(m' log m')) therefore rests on how positions are counted — "
        "under D3 (mask only, fixed weights) the bound is Theta(m' log m' / log D)."
    )
    yield DocFile("tables/models.md", page(
        f"Description models {', '.join(_short(m) for m in MODELS.values())} "
        "(the lottery-ticket question)", intro,
        [models_section(p) for p in cli_problems()],
    ))


def capacity_page() -> Iterable[DocFile]:
    """``tables/capacity.md``: capacity for n = 10 … 10⁶."""
    sections = []
    for b in (1, 8, 32):
        rows = []
        last = None
        for exp in range(1, 7):
            last = capacity(10**exp, bits=b)
            n = 10**exp
            rows.append({**last.as_dict(), "shape": last.m_prime_max / (n * n / math.log(n))})
        assert last is not None
        cols = [("n", "n"), ("budget_bits", "B(n) bits"), ("m_prime_max", "max m' (exact)"),
                ("m_prime_lambert", "Lambert-W form"), ("shape", "max m' / (n²/ln n)")]
        sections.append("\n".join([
            f"### permutation, b = {b}, L = 1, eps = 0",
            "",
            _cmd(f"superbounds capacity 10 100 1000 1e4 1e5 1e6 --bits {b} --markdown"),
            render(rows, cols, "markdown", footer=[f"Provenance: {last.provenance}."]),
            "",
        ]))
    yield DocFile("tables/capacity.md", page(
        "Capacity: how many features n neurons can compute",
        "The largest m' with I_eps(m') <= b·L·(n² + n), decided exactly, beside the "
        "Lambert-W form m' = Y/W(Y/e), Y = B ln 2. The last column tends (slowly) to a "
        "constant: the n²/log n shape of claim A4.",
        sections,
    ))


def representation_page() -> Iterable[DocFile]:
    """``tables/representation.md``: JL dimensions, storage bound, crossover."""
    rows = []
    for exp in range(1, 13):
        mp_ = 10**exp
        row: dict[str, object] = {"m_prime": mp_}
        for e in (0.5, 0.1, 0.01):
            row[f"jl{e}"] = jl_min_dim(mp_ + 1, e)
        row["storage"] = storage_dims(mp_, 3, 8)
        row["neurons"] = lower_bounds(family("permutation", mp_), bits=8).neurons_lb
        rows.append(row)
    cols = [("m_prime", "m'"), ("jl0.5", "JL eps=0.5"), ("jl0.1", "JL eps=0.1"),
            ("jl0.01", "JL eps=0.01"), ("storage", "storage dims (k=3, b=8)"),
            ("neurons", "compute neurons >= (b=8)")]
    crows = []
    for b in (1, 8, 32):
        for e in (0.5, 0.1):
            c = crossover(bits=b, layers=1, eps_jl=e)
            crows.append(c.as_dict())
    ccols = [("bits_per_param", "b"), ("eps_jl", "eps_JL"), ("m_prime", "crossover m'"),
             ("neurons_lb", "compute neurons there"), ("jl_dims", "JL dims there")]
    sections = [
        "## Dimensions",
        "",
        _cmd("superbounds represent 1e1..1e12 --eps-jl 0.1 --markdown"),
        render(rows, cols, "markdown", footer=[
            "Provenance: JL — this library's theorem jl-dim (Dasgupta–Gupta form, N = m' + 1 "
            "points, ceil rounding), supports paper claim A6 (asymptotic), optimal up to "
            "constants by Larsen–Nelson 2017 (cited); storage — theorem storage; computing — "
            "theorem neurons (permutation, D1, L=1, eps=0).",
        ]),
        "",
        "## Crossover: from which m' computing needs more neurons than representing",
        "",
        render(crows, ccols, "markdown", footer=[
            "Provenance: this library's theorem gap (permutation, D1, L=1, eps=0, ceil "
            "rounding); supports paper claim A7 (asymptotic). The first m' >= 2 with "
            "neurons_lb(m') > JL(m' + 1), found exactly by a pruned search.",
        ]),
        "",
    ]
    yield DocFile("tables/representation.md", page(
        "Representing versus computing",
        "Representing m' features takes O(log m') dimensions; computing them takes "
        "Omega(sqrt(m' log m')) neurons. The crossover is where the computing bound first "
        "exceeds the JL dimension; beyond it the gap grows without limit (claim A7).",
        sections,
    ))


def switching_page() -> Iterable[DocFile]:
    """``tables/switching.md``: switch counts against log₂(N!), with seeded routings."""
    from bounds.constructions.switching import PROVENANCE, counting_bound, route_permutation

    rows = []
    for n in (2, 3, 4, 5, 8, 16, 100, 256, 1000, 1024, 4096):
        how = "graph" if n <= 256 else "arrays"
        r = route_permutation("waksman", n, seed=0, method=how)
        row: dict[str, object] = {"N": n, "lf": r.log2_factorial, "cb": counting_bound(n)}
        row["wak"], row["wak_ok"] = r.switches, r.verified
        if n & (n - 1) == 0:
            rb = route_permutation("benes", n, seed=0, method=how)
            row["ben"], row["ben_ok"] = rb.switches, rb.verified
        row["ratio"] = r.switches / max(r.log2_factorial, 1.0)
        rows.append(row)
    cols = [("N", "N"), ("lf", "log2(N!)"), ("cb", "ceil log2(N!)"), ("wak", "Waksman"),
            ("wak_ok", "Waksman routed"), ("ben", "Beneš (N = 2^q)"),
            ("ben_ok", "Beneš routed"), ("ratio", "Waksman / log2(N!)")]
    yield DocFile("tables/switching.md", page(
        "Permutation switching networks against the counting bound",
        "Each switch is one 1-bit parameter, so a network that routes all N! permutations "
        "needs at least log2(N!) switches. Beneš (N = 2^q) uses (2q - 1)N/2 and Waksman "
        "sum_{i<=N} ceil(log2 i): the bound is tight up to lower-order terms — the classical "
        "analogue of claim A1. 'routed' means a random permutation (seed 0) was routed by the "
        "looping algorithm and verified by pushing labels through the network (through the "
        "networkx graph for N <= 256, through the same wiring as arrays above).",
        [_cmd("superbounds route waksman --size 1000 --seed 0 --markdown"),
         render(rows, cols, "markdown", footer=[f"Provenance: {PROVENANCE}"]), ""],
        limits="The counting bound is a theorem of this library and the switch counts are "
        "exact counts of the networks; the 'routed' columns are checks of one random "
        "permutation (seed 0), not theorems; the bound is in this library's model "
        "(docs/model.md)",
    ))


GENERATORS = [
    ("bounds table", bounds_table_page),
    ("bounds grid", bounds_grid_page),
    ("description models", models_page),
    ("capacity", capacity_page),
    ("representation", representation_page),
    ("switching", switching_page),
]
